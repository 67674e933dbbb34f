"""TQA704 missing-space-after-punctuation: No space after a comma, semicolon, full stop, question or exclamation mark (``word,word``)."""

from __future__ import annotations

import regex

from ...text.scripts import MaskedText
from .. import rule

_MISSING_AFTER = regex.compile(r"(?<=\p{Ll}{2})([,;!?])(?=\p{L})|(?<=\p{Ll}{2})(\.)(?=\p{Lu}\p{Ll})")


@rule("TQA704", "missing-space-after-punctuation", "typography", "warning")
def missing_space_after(article, ctx):
    """No space after a comma, semicolon, full stop, question or exclamation mark (``word,word``).

    Numbers (``1,500``, ``3.5``), abbreviations (``e.g.``), links, domains
    (``Kursiv.kz``) and code are not prose and stay silent.

    Fails (en):
        The ministry⟦,⟧the agency and the hub met. → ", "
        The event ended⟦.⟧The next one starts in May. → ". "

    Passes (en):
        It cost 1,500 tenge, i.e. 3.5 dollars; see Kursiv.kz or https://gov.kz/news,today.
        Node.js and ASP.NET were mentioned.
    """
    for segment in article.prose:
        if segment.meta and _MISSING_AFTER.search(segment.meta.get("source") or ""):
            continue  # the source writes "yes,no,maybe" on purpose: a format, not prose
        for at, masked in MaskedText(segment.text):
            for match in _MISSING_AFTER.finditer(masked):
                mark = match.group(0)
                yield segment.problem(at + match.start(), at + match.end(), f"no space after {mark!r}", mark + " ")
