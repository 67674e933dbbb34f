"""XLIFF 1.2 and 2.0 (CAT tool exchange): one article per file, one segment
per target.

Parsed with expat from the standard library, which reports where every run
of character data starts; entities (``&amp;``), character references and
CRLF line ends are mapped back, so each character of a target knows its
offset in the file. Inline elements count as markup: the text inside
``<g>``/``<mrk>``/``<pc>`` is part of the target, native code inside
``<ph>``/``<bpt>``/``<ept>``/``<it>`` is not; tags are compared by kind and
id with the source's.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from xml.parsers import expat

import regex

from ..model import Article, Document, Segment, SourceText, Suppression
from .base import InputError, language_code

# What XML escapes or ends inside a segment: an edit of the file text must
# not add or remove these (tqa fix).
ESCAPED = "<>&"

_UNIT = {"trans-unit", "unit"}
_CODE = {"ph", "bpt", "ept", "it", "sc", "ec", "sm", "em"}  # native code: not text
_INLINE = {"g", "x", "bx", "ex", "mrk", "pc", "ph", "bpt", "ept", "it", "sc", "ec", "sm", "em"}
_REVIEW_STATES = {"needs-review-translation", "needs-review-l10n", "needs-review-adaptation"}
_EMPTY_STATES = {"new", "needs-translation", "initial"}
_SUPPRESS = regex.compile(r"tqa:\s*ignore\s+([\w-]+(?:\s*,\s*[\w-]+)*)", regex.IGNORECASE)


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]


@dataclass
class _Text:
    chars: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    inline: Counter = field(default_factory=Counter)
    start: int = 0
    end: int = 0

    @property
    def text(self) -> str:
        return "".join(self.chars)


@dataclass
class _Unit:
    id: str
    start: int
    source: _Text | None = None
    target: _Text | None = None
    state: str = ""
    notes: list[tuple[int, int, str]] = field(default_factory=list)
    end: int = 0


class _Parser:
    def __init__(self, path: str, source: SourceText, data: bytes) -> None:
        self.path, self.text, self.data = path, source.text, data
        # byte offset of each character, to turn expat's byte positions into characters
        self.byte_starts = []
        position = 0
        for ch in self.text:
            self.byte_starts.append(position)
            position += len(ch.encode("utf-8"))
        self.units: list[_Unit] = []
        self.target_lang = self.source_lang = None
        self.stack: list[str] = []
        self.unit: _Unit | None = None
        self.current: _Text | None = None  # the <source>/<target> being read
        self.code_depth = 0
        self.note: list | None = None
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.chars
        self.parser.buffer_text = False

    def offset(self) -> int:
        byte = self.parser.CurrentByteIndex
        return bisect.bisect_left(self.byte_starts, byte) if byte >= 0 else 0

    def start(self, name, attrs):
        tag = _local(name)
        attrs = {_local(k): v for k, v in attrs.items()}
        self.stack.append(tag)
        if tag == "xliff" and attrs.get("trgLang"):
            self.target_lang, self.source_lang = attrs["trgLang"], attrs.get("srcLang")
        elif tag == "file" and attrs.get("target-language"):
            self.target_lang, self.source_lang = attrs["target-language"], attrs.get("source-language")
        elif tag in _UNIT:
            self.unit = _Unit(attrs.get("id", str(len(self.units) + 1)), self.offset())
            self.units.append(self.unit)
        elif tag == "segment" and self.unit is not None:
            self.unit.state = attrs.get("state", self.unit.state)
        elif tag in ("source", "target") and self.unit is not None and self.current is None:
            here = self.offset()
            self.current = _Text(start=self.text.index(">", here) + 1)
            setattr(self.unit, tag, self.current)
            if tag == "target":
                self.unit.state = attrs.get("state", self.unit.state)
        elif tag in _INLINE and self.current is not None:
            self.current.inline[f"{tag}#{attrs.get('id', attrs.get('rid', ''))}"] += 1
            if tag in _CODE:
                self.code_depth += 1
        elif tag == "note" and self.unit is not None:
            self.note = [self.offset(), []]

    def end(self, name):
        tag = _local(name)
        self.stack.pop()
        if tag in ("source", "target") and self.current is not None and tag == self._current_tag():
            self.current.end = self.offset()
            self.current = None
        elif tag in _CODE and self.current is not None:
            self.code_depth -= 1
        elif tag == "note" and self.note is not None and self.unit is not None:
            self.unit.notes.append((self.note[0], self.offset(), "".join(self.note[1])))
            self.note = None
        elif tag in _UNIT and self.unit is not None:
            self.unit.end = self.offset()
            self.unit = None

    def _current_tag(self) -> str:
        if self.unit is None:
            return ""
        return "target" if self.current is self.unit.target else "source"

    def chars(self, data: str):
        if self.note is not None:
            self.note[1].append(data)
            return
        if self.current is None or self.code_depth:
            return
        position = self.offset()
        text = self.text
        for ch in data:
            if text.startswith("<![CDATA[", position):
                position += 9
            self.current.chars.append(ch)
            self.current.offsets.append(position)
            if text[position] == "&":
                position = text.index(";", position) + 1
            elif ch == "\n" and text.startswith("\r\n", position):
                position += 2
            else:
                position += 1

    def parse(self) -> None:
        try:
            self.parser.Parse(self.data, True)
        except expat.ExpatError as exc:
            raise InputError(self.path, f"malformed XLIFF: {expat.ErrorString(exc.code)}", exc.lineno) from None


def read_document(path: str, source: SourceText) -> Document:
    parser = _Parser(path, source, source.text.encode("utf-8"))
    parser.parse()
    if parser.target_lang is None and not parser.units:
        raise InputError(path, "not an XLIFF file (no <xliff> with units)")
    segments, suppressions = [], []
    for unit in parser.units:
        if unit.source is None:
            continue
        target = unit.target
        state = unit.state
        text = target.text if target else ""
        meta = {"source": unit.source.text, "source_plural": None, "plural_index": None, "flags": [],
                "fuzzy": state in _REVIEW_STATES and bool(text), "context": unit.id, "comment": None,
                "source_inline": unit.source.inline, "target_inline": target.inline if target else Counter(),
                "keyword": (target.start, target.end) if target else (unit.start, unit.start + 1),
                "state": state}
        if target is None or (state in _EMPTY_STATES and not text.strip()):
            segments.append(Segment("", unit.start, "entry", end_offset=unit.start, meta=meta))
        else:
            segments.append(Segment(text, target.offsets[0] if target.offsets else target.start, "entry",
                                    offsets=target.offsets or None, end_offset=target.end, meta=meta))
        for start, end, note in unit.notes:
            match = _SUPPRESS.search(note)
            if match:
                rules = frozenset(r.strip() for r in match.group(1).split(",") if r.strip())
                suppressions.append(Suppression(rules, unit.start, unit.end or len(source.text), start, end))
    lang, source_lang = (language_code(code) for code in (parser.target_lang, parser.source_lang))
    article = Article(index=0, title=PurePath(path).name, segments=segments, start=0, end=len(source.text),
                      lang=lang, source_lang=source_lang)
    return Document(path=path, source=source, articles=[article], format="xliff", suppressions=suppressions)
