"""Plain text: paragraphs are runs of non-blank lines."""

from __future__ import annotations

import regex

from ..model import Segment, SourceText
from .interface import SegmentReader
from .splitting import MAX_SEGMENT, cuts

# A blank line holds only ASCII spaces and tabs. A line of no-break spaces is
# *not* blank: it is page chrome that a rule reports, so it stays a segment.
_PARAGRAPH = regex.compile(r"(?m)^(?![ \t]*\r?$).*(?:\n(?![ \t]*\r?$).*)*")


def paragraphs(source: SourceText, start: int = 0, end: int | None = None) -> list[Segment]:
    """Split ``source.text[start:end]`` into paragraph segments."""
    text = source.text
    end = len(text) if end is None else end
    segments: list[Segment] = []
    for match in _PARAGRAPH.finditer(text, start, end):
        s, e = match.span()
        while e > s and text[e - 1] == "\r":
            e -= 1
        if e - s > MAX_SEGMENT:
            # cut here as splitting.bounded would: a copy of the whole paragraph
            # (one line of 50 MB) beside its pieces would be one more copy of the file
            segments.extend(Segment(text[a:b], a) for a, b in cuts(text, s, e))
        elif e > s:
            segments.append(Segment(text[s:e], s))
    return segments


def read(path: str, source: SourceText) -> list[Segment]:
    return paragraphs(source)


READER = SegmentReader(format="text", suffixes=(".txt", ".text"), segments=read)
