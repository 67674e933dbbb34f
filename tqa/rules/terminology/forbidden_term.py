"""TQA401 forbidden-term: Name listed as forbidden in a glossary (``Ministry of Internal Affairs and Security``)."""

from __future__ import annotations

from functools import lru_cache

import regex

from .. import rule
from ._shared import fold


def _boundary(term: str) -> str:
    escaped = regex.escape(term).replace(r"\ ", r"\s+").replace("’", "['’]").replace("'", "['’]")
    return rf"(?<![\p{{L}}\p{{N}}-]){escaped}(?![\p{{L}}\p{{N}}-])"


@lru_cache(maxsize=256)
def _term_pattern(terms: tuple[str, ...]) -> regex.Pattern:
    ordered = sorted(set(terms), key=len, reverse=True)
    return regex.compile("|".join(_boundary(t) for t in ordered), regex.IGNORECASE | regex.V1)


@rule("TQA401", "forbidden-term", "terminology", "error", hides_inside=False)
def forbidden_term(article, ctx):
    """Name listed as forbidden in a glossary (``Ministry of Internal Affairs and Security``).

    The suggestion is the glossary's canonical name for the article's
    language.

    Fails (en):
        The ⟦Ministry of Internal Affairs and Security⟧ of the Republic of Korea joined. → Ministry of the Interior and Safety

    Passes (en):
        The Ministry of the Interior and Safety of the Republic of Korea joined.
    """
    entries = ctx.glossary.for_article(ctx.lang, ctx.document.path) if ctx.glossary else []
    by_term = {}
    for entry in entries:
        canonical = entry.names.get(ctx.lang or "")
        for term in entry.forbidden.get(ctx.lang or "", []):
            by_term[fold(term)] = (entry, canonical)
    if not by_term:
        return
    pattern = _term_pattern(tuple(by_term))
    for segment in article.prose:
        # a match, folded as the terms are (case, spaces, apostrophes), stands
        # in the folded text: most paragraphs hold no term, settled without
        # the pattern
        folded = fold(segment.text)
        if not any(term in folded for term in by_term):
            continue
        for match in pattern.finditer(segment.text):
            entry, canonical = by_term[fold(match.group())]
            hint = f"; use {canonical!r}" if canonical else ""
            yield segment.problem(
                match.start(),
                match.end(),
                f"{match.group()!r} is a forbidden name for {entry.id}{hint} ({entry.source})",
                canonical,
            )
