"""The one model every reader produces and every rule reads.

document -> articles -> segments (titles, paragraphs, lines of page chrome).

Every segment keeps the offsets of its characters in the decoded file text,
so a rule that flags characters ``i..j`` of a segment is mapped back to the
exact line and column of the original file, whatever the reader unescaped or
normalised on the way (PO strings, for instance, map each unescaped character
to where its escape stands).
"""

from __future__ import annotations

import bisect
import zlib
from array import array
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable, Iterator, Mapping, Sequence


class SourceText:
    """The decoded text of one file with a line index (1-based lines,
    1-based columns counted in Unicode code points).

    Kept whole while the file is read, then possibly ``packed``: compressed
    a piece of ``_PIECE`` characters at a time, so that ``window`` and
    ``pieces`` unpack only what they read (the rules of a 50 MB file hold
    its paragraphs, not a second whole copy of its text)."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._packed: tuple[bytes, ...] = ()  # the compressed pieces, once packed (``_text`` is then None)
        self.length = len(text)
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.line_starts = array("q", starts)

    def __len__(self) -> int:
        return self.length

    @property
    def text(self) -> str:
        """The whole text (a packed one is unpacked and kept among a few)."""
        if self._text is not None:
            return self._text
        return _unpacked(self._packed)

    def window(self, start: int, end: int) -> str:
        """``text[start:end]`` (clipped to the text); of a packed text, only
        the pieces it spans are unpacked."""
        start, end = max(0, start), min(end, self.length)
        if self._text is not None:
            return self._text[start:end]
        if end <= start:
            return ""
        parts = []
        for number in range(start // _PIECE, (end - 1) // _PIECE + 1):
            base = number * _PIECE
            parts.append(_unpacked_piece(self._packed[number])[max(start - base, 0) : end - base])
        return parts[0] if len(parts) == 1 else "".join(parts)

    def pieces(self) -> Iterator[str]:
        """The text in consecutive pieces of ``_PIECE`` characters."""
        for start in range(0, self.length, _PIECE):
            yield self.window(start, start + _PIECE)

    def packed(self) -> "SourceText":
        """The same text kept compressed (about a quarter of the memory):
        what a run keeps of each file between checking it and writing the
        reports, and of a big file while its rules run."""
        if self._text is None:
            return self
        copy = SourceText.__new__(SourceText)
        text = self._text
        copy._text, copy.length, copy.line_starts = None, self.length, self.line_starts
        copy._packed = tuple(_pack(text[i : i + _PIECE]) for i in range(0, len(text), _PIECE))
        return copy

    @property
    def is_packed(self) -> bool:
        return self._text is None

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of the character at ``offset``."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line ending."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else self.length
        return self.window(start, end).rstrip("\r")


@dataclass(frozen=True, slots=True, eq=False)
class Excerpt:
    """Characters ``start..end`` of a packed ``SourceText``, read when
    asked: the flagged text of a finding that covers megabytes (a whole
    catalog string) stays in the file's packed text until a report writes
    it, a piece at a time (``pieces``), instead of being held beside it.

    It stands for that text: ``str(excerpt)`` is it, and an excerpt equals
    the same text, as an excerpt or a string."""

    source: SourceText
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return self.source.window(self.start, self.end)

    def __repr__(self) -> str:
        return f"Excerpt({self.start}, {self.end})"

    def pieces(self) -> Iterator[str]:
        """The text in consecutive pieces of at most ``_PIECE`` characters
        (cut where the packed pieces are: each is unpacked once)."""
        at = self.start
        while at < self.end:
            cut = min(self.end, (at // _PIECE + 1) * _PIECE)
            yield self.source.window(at, cut)
            at = cut

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Excerpt, str)):
            return len(self) == len(other) and str(self) == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))


_PIECE = 1 << 20  # characters of a packed text compressed (and unpacked) together


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)  # the fastest level: a quarter of the size


def _unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")


@lru_cache(maxsize=8)  # the files being merged or reported now
def _unpacked(packed: tuple[bytes, ...]) -> str:
    return "".join(map(_unpack, packed))


_unpacked_piece = lru_cache(maxsize=4)(_unpack)  # the pieces a run of findings on a big file reads now


class PackedTexts:
    """Texts kept compressed, about ``_PIECE`` characters of them together,
    until they are read one after the other: what a run holds of a big
    file's paragraphs between its rules and a phase that reads them all
    (``iter``, which unpacks one group at a time)."""

    __slots__ = ("_groups", "_counts", "_lengths")

    def __init__(self, texts: Iterable[str]) -> None:
        self._lengths = array("q")
        self._counts = array("q")  # texts in each group
        groups, group, size = [], [], 0
        for text in texts:
            self._lengths.append(len(text))
            group.append(text)
            size += len(text)
            if size >= _PIECE:
                groups.append(_pack("".join(group)))
                self._counts.append(len(group))
                group, size = [], 0
        if group:
            groups.append(_pack("".join(group)))
            self._counts.append(len(group))
        self._groups = tuple(groups)

    def __len__(self) -> int:
        return len(self._lengths)

    def __iter__(self) -> Iterator[str]:
        first = 0
        for packed, count in zip(self._groups, self._counts):
            text, at = _unpack(packed), 0
            for length in self._lengths[first : first + count]:
                yield text[at : at + length]
                at += length
            first += count


class OffsetRuns(Sequence[int]):
    """Character index -> file offset for text assembled from verbatim runs
    of the file (a PO string over continuation lines, with escapes): one
    entry per run instead of one per character."""

    __slots__ = ("_starts", "_offsets", "_length")

    def __init__(self) -> None:
        self._starts: list[int] = []  # index in the text where each run starts
        self._offsets: list[int] = []  # file offset of that character
        self._length = 0

    def add(self, offset: int, count: int = 1) -> None:
        """The next ``count`` characters stand at ``offset…`` in the file."""
        if count <= 0:
            return
        if self._starts and self._offsets[-1] + (self._length - self._starts[-1]) == offset:
            self._length += count  # continues the previous run
            return
        self._starts.append(self._length)
        self._offsets.append(offset)
        self._length += count

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        run = bisect.bisect_right(self._starts, index) - 1
        return self._offsets[run] + index - self._starts[run]


@dataclass(frozen=True)
class Problem:
    """What a rule reports: a span of the file (offsets into the decoded
    text), a message, and optionally a replacement and related places."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    # other places this refers to: (path, offset); path None = the same file
    related: tuple[tuple[str | None, int], ...] = ()
    severity: str | None = None  # a rule may grade its findings (None: the rule's severity)


@dataclass
class Segment:
    """A run of text from the file: a title, a paragraph, a chrome line.

    ``text`` is what rules read. ``offsets`` maps each character of ``text``
    to its offset in the file; ``None`` means the text is a verbatim slice
    starting at ``start``.
    """

    text: str
    start: int
    kind: str = "paragraph"  # title | paragraph | heading | label | entry | break | code | comment
    offsets: Sequence[int] | None = None
    end_offset: int | None = None  # file offset just past the last character
    # Catalog entries: source text, flags, comments, plural index… (bilingual rules)
    meta: dict | None = None
    # indexes of characters written as two-character escapes (\n, \") in the file
    escaped: frozenset[int] = frozenset()
    # index -> length in the file of a character written as a longer
    # reference (an HTML ``&nbsp;``, a ``<br>`` read as a line break)
    wide: Mapping[int, int] | None = None

    @property
    def end(self) -> int:
        if self.end_offset is not None:
            return self.end_offset
        return self.source_offset(len(self.text))

    def source_offset(self, index: int) -> int:
        """File offset of character ``index`` of ``text`` (``len(text)`` maps
        just past the last character)."""
        if self.offsets is None:
            return self.start + index
        if index >= len(self.text):
            return self.end_offset if self.end_offset is not None else self.offsets[-1] + 1
        return self.offsets[index]

    def problem(
        self, i: int, j: int, message: str, suggestion: str | None = None, related: Iterable[int | tuple[str, int]] = ()
    ) -> Problem:
        """A problem on characters ``i..j`` of this segment. ``related``
        holds file offsets in this file, or (path, offset) in another."""
        start = self.source_offset(i)
        if j <= i:
            end = start
        elif self.wide and j - 1 in self.wide:
            end = self.source_offset(j - 1) + self.wide[j - 1]
        else:
            end = self.source_offset(j - 1) + (2 if j - 1 in self.escaped else 1)
        places = tuple(r if isinstance(r, tuple) else (None, r) for r in related)
        return Problem(start, end, message, suggestion, places)

    @property
    def is_prose(self) -> bool:
        return self.kind in ("title", "paragraph", "heading", "label", "entry")


@dataclass
class Article:
    """One translated piece: a news article, a catalog."""

    index: int
    title: str | None
    segments: list[Segment]
    start: int  # file offset of the first character
    end: int  # file offset just past the last character
    lang: str | None = None
    source_lang: str | None = None
    slug: str | None = None

    # Computed once: every rule asks, and an article's segments are fixed
    # once the reader has built it.
    @cached_property
    def paragraphs(self) -> list[Segment]:
        return [s for s in self.segments if s.kind != "label" and s.is_prose]

    @cached_property
    def prose(self) -> list[Segment]:
        return [s for s in self.segments if s.is_prose]


@dataclass
class Suppression:
    """``tqa: ignore RULE…`` written in the file: silences those rules on
    [start, end); ``at`` is where the comment stands (reported if unused)."""

    rules: frozenset[str]
    start: int
    end: int
    at: int
    at_end: int
    used: bool = False  # set by the engine when it silenced a finding
    reason: str = ""  # the words after the rule names: why it is silenced


@dataclass(frozen=True)
class ReviewMark:
    """Review residue still live in a document (a Word file's comments,
    tracked changes, hidden text, highlighter marks): what the reviewer
    rules report, whatever the format that kept it.

    ``start``/``end`` is the span of the document's text it covers (the
    commented words, an insertion); text that is not visible (a deletion,
    hidden text) covers nothing: ``start == end`` where it stands, and its
    words are in ``text``."""

    # comment | insertion | deletion | move-from | move-to | formatting | hidden | highlight
    kind: str
    start: int
    end: int
    author: str = ""
    date: str = ""  # as the file gives it (ISO 8601 in Word)
    text: str = ""  # a comment's words; deleted, moved-away or hidden text
    detail: str = ""  # a highlight's colour; what a formatting change changed
    resolved: bool = False  # a comment marked done


@dataclass
class Document:
    """One input file, split into articles."""

    path: str
    source: SourceText
    articles: list[Article] = field(default_factory=list)
    format: str = "text"
    suppressions: list[Suppression] = field(default_factory=list)
    # live review residue, in the order of ``start`` (formats that keep it: Word)
    review: list[ReviewMark] = field(default_factory=list)
    # the original this file translates (``tqa check --source``, the
    # ``[tool.tqa.sources]`` patterns), read with it; what rules that
    # compare the two have worked out of it (the alignment of each
    # article), kept here so that each rule does not work it out again
    original: "Document | None" = None
    paired: dict = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.source.text

    def skeleton(self) -> "Document":
        """The document without its segments: what the end of a run needs
        (text, packed; articles' places and languages; suppressions) once
        the rules have read the segments. Worker processes send this back
        instead of the whole model, and the cache keeps it, so a big run
        holds each file's text once, not every paragraph as objects."""
        articles = [Article(a.index, a.title, [], a.start, a.end, a.lang, a.source_lang, a.slug) for a in self.articles]
        return Document(self.path, self.source.packed(), articles, self.format, self.suppressions)
