"""TQA203 editorial-marker: Editorial marker left in the text (``TODO``, ``FIXME``, ``[TK]``, ``???``, ``[translator's note: …]``)."""

from __future__ import annotations

from functools import lru_cache

import regex

from ...text.resources import alternation, load
from ...text.scripts import mask_non_prose
from .. import rule
from ._shared import INLINE_SPACE


@lru_cache(maxsize=1)
def _editorial() -> regex.Pattern:
    data = load("reviewer_markers")["editorial"]
    bare = alternation(data["bare"])
    placeholders = alternation(data["placeholders"])
    notes = alternation(data["bracket_notes"])
    return regex.compile(
        rf"""
        \[{INLINE_SPACE}*(?:{notes}){INLINE_SPACE}*[:.]?[^\]\n]*\]           # [translator's note: ...]
      | \[{INLINE_SPACE}*(?:{placeholders}|{bare}){INLINE_SPACE}*(?:[:：][^\]\n]*)?\]   # [TK], [TODO: check]
      | (?<![\w-])(?:{bare}|{placeholders}){INLINE_SPACE}*[:：][^\n]*  # TODO: check the figure
      | (?<![\w-]|\p{{Lu}}{{2,}}{INLINE_SPACE})(?:{bare})(?![\w-])(?!{INLINE_SPACE}+\p{{Lu}}{{2,}})  # bare TODO, not in ALL CAPS
      | (?<![\w-])TK(?:TK)+(?![\w-])                       # TKTK
      | (?<![\w$£€])[$£€]TK(?![\w-])                        # $TK million
      | (?<!\?)\?{{3,}}(?!\?)                               # ???
        """,
        regex.VERBOSE | regex.V1,
    )


@rule("TQA203", "editorial-marker", "reviewer-comment", "error")
def editorial_marker(article, ctx):
    """Editorial marker left in the text (``TODO``, ``FIXME``, ``[TK]``, ``???``, ``[translator's note: …]``).

    Placeholders such as ``TK`` and ``XXX`` count only in brackets, with a
    colon, doubled (``TKTK``) or after a currency sign, so that names like
    ``TK Maxx`` or ``Super Bowl XXX`` stay silent. ``TODO`` counts only in
    capitals.

    Fails (en):
        The museum received ⟦TODO⟧ visitors last year. → ∅
        The budget is ⟦$TK⟧ million. → ∅
        ⟦TODO: check the minister's name⟧ → ∅
        The agency ⟦[TK: full name]⟧ opened an office. → ∅
        He said the figure was 7.50 ⟦???⟧ in total. → ∅
        The ⟦[translator's note: unclear in the source]⟧ plan was approved. → ∅

    Fails (ru):
        Министр ⟦[ПРОВЕРИТЬ: должность]⟧ заявил о росте. → ∅

    Passes (en):
        He was knocked out by a TKO in the third round.
        She works for Todo Noticias in Buenos Aires.
        Super Bowl XXX was played in Arizona.
        Upstream ships files called `BUGS`, `README` and `TODO`.
        Prices at TK Maxx fell.
        What is it? Nobody knows.

    Passes (es):
        Todo el equipo viajó a Madrid.
    """
    pattern = _editorial()
    for segment in article.prose:
        # a file named in code (`TODO`, /usr/share/doc/x/TODO) is no marker
        for match in pattern.finditer(mask_non_prose(segment.text)):
            text = segment.text[match.start() : match.end()].rstrip()
            yield segment.problem(
                match.start(), match.start() + len(text), f"editorial marker left in the text: {text[:60]}", ""
            )
