"""Sentence spans inside a paragraph, for rules that judge sentences.

A full stop, question or exclamation mark (or the CJK ones) ends a sentence
when a space and a capital, digit or opening quote follow, or a letter of a
script without capitals (Arabic, Hebrew, Thai, CJK); initials
(``А. Baimenov``) and listed abbreviations (``Mr.``, ``т.е.``, ``z.B.``) do
not end one. CJK terminators end a sentence without a space.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import regex

from .resources import load

# The terminator is matched, not looked behind for: a look-behind would be
# tried at every space of the text.
_BOUNDARY = regex.compile(
    r"""[.!?…][»"”’)\]]*(?P<space>\s+)(?=[«"“‘(\[]?[\p{Lu}\p{Lt}\p{Lo}\p{N}])   # ". Next", ". 次"
      | [。！？][」』）]*(?P<cjk>)                                   # CJK: no space needed""",
    regex.VERBOSE,
)


@lru_cache(maxsize=1)
def _abbreviation() -> regex.Pattern:
    words = sorted(set(load("abbreviations")["abbreviations"].split()), key=len, reverse=True)
    alternation = "|".join(regex.escape(w) for w in words)
    # the text before a boundary ends with an abbreviation or an initial
    return regex.compile(rf"""(?:(?<![\p{{L}}.])(?:{alternation})|(?<![\p{{L}}])\p{{Lu}})\.[»"”’)\]]*\s*$""")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, whitespace trimmed."""
    return list(iter_sentence_spans(text))


def iter_sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """``sentence_spans(text)`` one at a time (a catalog string of megabytes
    holds a quarter of a million sentences)."""
    start = 0
    abbreviation = _abbreviation()
    for match in _BOUNDARY.finditer(text):
        if match.start("space") >= 0:
            cut, after = match.start("space"), match.end("space")
        else:
            cut = after = match.end()
        if text[cut - 1 : cut] == "." and abbreviation.search(text, max(0, cut - 12), after):
            continue
        yield from _trimmed(text, start, cut)
        start = after
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` without the whitespace at either end, unless nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
