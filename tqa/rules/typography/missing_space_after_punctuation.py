"""TQA704 missing-space-after-punctuation: No space after a comma, semicolon, full stop, question or exclamation mark (``word,word``)."""

from __future__ import annotations

import bisect

import regex

from ...text.scripts import MaskedText
from .. import rule

_MISSING_AFTER = regex.compile(r"(?<=\p{Ll}{2})([,;!?])(?=\p{L})|(?<=\p{Ll}{2})(\.)(?=\p{Lu}\p{Ll})")

# A table cell of at most this many words is a value (a size, a name, a
# list of formats "text,TeX"), not prose; a cell that says something in a
# sentence is longer.
VALUE_CELL_WORDS = 3
_CELL_WORD = regex.compile(r"[^\s→←↔/]+")


def _value_cells(text: str) -> list[tuple[int, int]]:
    """The spans of the short cells of the pipe table in ``text``: the text
    between two bars of a line that opens with a bar."""
    cells = []
    at = 0
    for line in text.split("\n"):
        if line.lstrip().startswith("|"):
            bars = [at + i for i, ch in enumerate(line) if ch == "|"]
            for start, end in zip(bars, bars[1:]):
                if len(_CELL_WORD.findall(text, start + 1, end)) <= VALUE_CELL_WORDS:
                    cells.append((start + 1, end))
        at += len(line) + 1
    return cells


@rule("TQA704", "missing-space-after-punctuation", "typography", "warning")
def missing_space_after(article, ctx):
    """No space after a comma, semicolon, full stop, question or exclamation mark (``word,word``).

    Numbers (``1,500``, ``3.5``), abbreviations (``e.g.``), links, domains
    (``Kursiv.kz``), code and table cells of up to three words (a value, a
    list of formats ``jpeg,png``) are not prose and stay silent.

    Fails (en):
        The ministry⟦,⟧the agency and the hub met. → ", "
        The event ended⟦.⟧The next one starts in May. → ". "

    Passes (en):
        It cost 1,500 tenge, i.e. 3.5 dollars; see Kursiv.kz or https://gov.kz/news,today.
        Node.js and ASP.NET were mentioned.
        | `outguess` | 230 | jpeg,png | universal steganographic tool |
    """
    for segment in article.prose:
        if segment.meta and _MISSING_AFTER.search(segment.meta.get("source") or ""):
            continue  # the source writes "yes,no,maybe" on purpose: a format, not prose
        for at, masked in MaskedText(segment.text):
            # a table row is one short piece: its value cells are read where it starts
            cells = _value_cells(masked) if at == 0 and masked.lstrip().startswith("|") else []
            starts = [start for start, _ in cells]
            for match in _MISSING_AFTER.finditer(masked):
                cell = bisect.bisect_right(starts, match.start()) - 1
                if cell >= 0 and match.start() < cells[cell][1]:
                    continue
                mark = match.group(0)
                yield segment.problem(at + match.start(), at + match.end(), f"no space after {mark!r}", mark + " ")
