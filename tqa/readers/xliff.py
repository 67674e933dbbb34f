"""XLIFF 1.2 and 2.0 (CAT tool exchange): one article per file, one segment
per target.

Parsed with expat from the standard library, which reports where every run
of character data starts; entities (``&amp;``), character references, CDATA
sections and CRLF line ends are mapped back, so each character of a target
knows its offset in the file (kept as runs, not per character: a 50 MB
target costs a few times its size, not gigabytes). Inline elements count as
markup: the text inside ``<g>``/``<mrk>``/``<pc>`` is part of the target,
native code inside ``<ph>``/``<bpt>``/``<ept>``/``<it>`` is not; tags are
compared by kind and id with the source's.

Files come from strangers (pull requests), so the parser is bounded: no DTD
internal subset (hence no entity declarations: see ``_Parser.doctype``), no entity
defined outside the file, elements nested at most ``MAX_DEPTH`` deep, and
an XML declaration's ``encoding`` must name what the file really is. Every
failure is one ``InputError`` naming the file and line.
"""

from __future__ import annotations

import bisect
import codecs
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath
from xml.parsers import expat

import regex

from ..model import Article, OffsetRuns, Segment, SourceText, Suppression
from .base import InputError, language_code
from .interface import CatalogReader
from .po import CompactRuns  # 16 bytes a run: ten million "&amp;" stay small

# What XML escapes or ends inside a segment: an edit of the file text must
# not add or remove these (tqa fix). A CR is here because a target's "\n"
# may stand for "\r\n" in the file: an edit of half of it would leave a
# stray CR.
ESCAPED = "<>&\r"

# Deeper nesting than any CAT tool writes: a file nested deeper is refused,
# so nothing downstream ever walks an unbounded tree.
MAX_DEPTH = 1000

_UNIT = {"trans-unit", "unit"}
_CODE = {"ph", "bpt", "ept", "it", "sc", "ec", "sm", "em"}  # native code: not text
_INLINE = {"g", "x", "bx", "ex", "mrk", "pc", "ph", "bpt", "ept", "it", "sc", "ec", "sm", "em"}
_REVIEW_STATES = {"needs-review-translation", "needs-review-l10n", "needs-review-adaptation"}
_EMPTY_STATES = {"new", "needs-translation", "initial"}
_SUPPRESS = regex.compile(r"tqa:\s*ignore\s+([\w-]+(?:\s*,\s*[\w-]+)*)", regex.IGNORECASE)
# The XML declaration's encoding (bounded: a declaration is short)
_DECLARATION = re.compile(r"<\?xml\s[^>]{0,500}?\bencoding\s*=\s*([\"'])(.{0,100}?)\1")
_ENCODING_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]*\Z")  # XML's EncName
_CDATA_OPEN = "<![CDATA["
# What stands in the file for one character of text other than itself (no
# entity but the predefined ones: a DTD's are refused)
_REFERENCE_OR_CR = re.compile(r"&#?[0-9A-Za-z]++;|\r\n?")
_CR_TOKEN = re.compile(r"\r\n?")  # in CDATA only line ends
_LONGEST_TOKEN = 64  # "&#x10FFFF;" with leading zeros to spare
_PREDEFINED = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}
_UNICODE = {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
# The longest tag, comment or processing instruction read (see check_token_sizes)
MAX_TOKEN = 8 * 2**20
_LONG_CANDIDATE = re.compile("<(?=[^<]{%d})" % MAX_TOKEN)
# A tag, quoted attribute values skipped (they may hold ">"); possessive: a
# malformed one fails in one pass, no backtracking
_TAG = re.compile(
    r"""</?[^ \t\r\n/>]++(?:[ \t\r\n]++[^ \t\r\n=/>]++[ \t\r\n]*+=[ \t\r\n]*+"""
    r"""(?:"[^"]*+"|'[^']*+'))*+[ \t\r\n]*+/?>"""
)


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]


def check_encoding(path: str, text: str) -> None:
    """Refuse an XML declaration whose ``encoding`` is unknown, or names a
    legacy code page for a file that is not plain ASCII: tqa decoded the
    file as UTF-8/16/32 (by its byte-order mark), and expat is told so; a
    declaration saying otherwise would mean the letters read are not the
    ones the author's tools show."""
    match = _DECLARATION.match(text)
    if not match:
        return
    name = match.group(2)
    shown = name if len(name) <= 40 else name[:40] + "…"
    try:
        if not _ENCODING_NAME.match(name):
            raise LookupError(name)
        info = codecs.lookup(name)
        if not getattr(info, "_is_text_encoding", True):  # rot13, base64…: not a text encoding
            raise LookupError(name)
    except LookupError:
        raise InputError(path, f"unknown encoding {shown!r} in the XML declaration", 1) from None
    if info.name in _UNICODE:
        return
    try:
        ascii_compatible = bytes(range(128)).decode(info.name) == "".join(map(chr, range(128)))
    except (UnicodeDecodeError, ValueError):
        ascii_compatible = False
    if not (ascii_compatible and text.isascii()):
        raise InputError(
            path,
            f"unsupported encoding {shown!r} in the XML declaration: tqa reads XLIFF "
            "as UTF-8, UTF-16 or UTF-32 (save it as UTF-8 and declare that)",
            1,
        )


class _CharIndex:
    """Byte offset in the UTF-8 text -> character offset, for expat's byte
    positions: a checkpoint every ``STEP`` characters (not one entry per
    character); expat asks in file order, so each answer is counted on
    from the one before (or from the nearest checkpoint): linear in all."""

    STEP = 4096

    def __init__(self, text: str, data: bytes) -> None:
        self.data = data
        self.identity = len(data) == len(text)  # ASCII: bytes are characters
        self.bytes = array("q")
        self.last = (0, 0)  # (byte, character) of the previous answer
        if not self.identity:
            position = 0
            for at in range(0, len(text), self.STEP):
                self.bytes.append(position)
                position += len(text[at : at + self.STEP].encode("utf-8"))

    def char(self, byte: int) -> int:
        if byte <= 0:
            return 0
        if self.identity:
            return byte
        block = bisect.bisect_right(self.bytes, byte) - 1
        start, char = self.bytes[block], block * self.STEP
        if start <= self.last[0] <= byte:
            start, char = self.last
        char += len(self.data[start:byte].decode("utf-8", "ignore"))
        self.last = (byte, char)
        return char


def check_token_sizes(path: str, source: SourceText) -> None:
    """Refuse a tag, comment or processing instruction longer
    than ``MAX_TOKEN``: expat reads one token whole, and Python hands it the
    file a megabyte at a time, so it would scan a 100 MB attribute value
    again for every megabyte (the time grows with the square of its size).
    Text and CDATA sections have no such limit (expat reads them as they
    come)."""
    text = source.text

    def refuse(at: int, what: str) -> None:
        # "XLIFF never needs one": a "<!--" inside a CDATA section, opening
        # 8 MiB of text with no "-->", is the one place this could misjudge
        raise InputError(
            path,
            f"{what} longer than {MAX_TOKEN // 2**20} MiB; not read (XLIFF never needs one)",
            source.position(at)[0],
        )

    def inside(at: int, opener: str, closer: str) -> bool:
        begin = text.rfind(opener, 0, at)
        return begin >= 0 and text.find(closer, begin + len(opener)) in range(at, len(text))

    # A tag holds no "<": only a "<" followed by MAX_TOKEN characters without
    # one can start a long tag (at most one such "<" per MAX_TOKEN characters)
    for candidate in _LONG_CANDIDATE.finditer(text):
        at = candidate.start()
        if text.startswith(("<!--", "<?", "<![CDATA["), at):
            continue  # comments and instructions are found below; CDATA is text
        tag = None if text.startswith("<!", at) else _TAG.match(text, at)
        if tag is None or tag.end() - at > MAX_TOKEN:
            # a "<" in a CDATA section or a comment is not a tag
            if not (inside(at, "<![CDATA[", "]]>") or inside(at, "<!--", "-->")):
                refuse(at, "a DOCTYPE" if text.startswith("<!", at) else "a tag")
    for opener, closer, what in (("<!--", "-->", "a comment"), ("<?", "?>", "a processing instruction")):
        at = text.find(opener)
        while at >= 0:
            end = text.find(closer, at + len(opener), at + MAX_TOKEN)
            if end < 0:
                if len(text) - at > MAX_TOKEN:
                    refuse(at, what)
                break
            at = text.find(opener, end + len(closer))


@dataclass
class _Text:
    parts: list[str] = field(default_factory=list)
    offsets: OffsetRuns = field(default_factory=CompactRuns)
    inline: Counter = field(default_factory=Counter)
    start: int = 0
    end: int = 0

    @property
    def text(self) -> str:
        return "".join(self.parts)


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
    """One pass of expat over the file. Character data is buffered by
    pyexpat (one call per run of text, however many ``&amp;`` it holds), so
    its place is not asked of expat: every markup event records where it
    ends (``text_at``), and the text that follows is walked from there."""

    def __init__(self, path: str, source: SourceText) -> None:
        self.path, self.source, self.text = path, source, source.text
        self.data = self.text.encode("utf-8")
        self.index = _CharIndex(self.text, self.data)
        self.units: list[_Unit] = []
        self.target_lang = self.source_lang = None
        self.depth = 0
        self.unit: _Unit | None = None
        self.current: _Text | None = None  # the <source>/<target> being read
        self.code_depth = 0
        self.cdata = False  # inside <![CDATA[…]]>: text is literal, "&" included
        self.text_at = 0  # file offset where the next character data starts
        self.note: list | None = None
        # The text was decoded already (BOM or UTF-8); expat gets it as UTF-8
        # whatever the declaration says (checked by check_encoding).
        self.parser = parser = expat.ParserCreate("UTF-8", namespace_separator=" ")
        parser.buffer_text = True
        parser.buffer_size = 1 << 20
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.chars
        parser.StartCdataSectionHandler = self.start_cdata
        parser.EndCdataSectionHandler = self.end_cdata
        # no-ops that matter: each event ends a run of buffered text, and
        # tells where the text after it starts
        parser.CommentHandler = self.comment
        parser.ProcessingInstructionHandler = self.instruction
        parser.StartDoctypeDeclHandler = self.doctype
        parser.SkippedEntityHandler = self.skipped_entity

    def offset(self) -> int:
        return self.index.char(self.parser.CurrentByteIndex)

    def refuse(self, message: str, at: int | None = None) -> InputError:
        return InputError(self.path, message, self.source.position(self.offset() if at is None else at)[0])

    def doctype(self, name, system_id, public_id, has_internal_subset):
        # Refused as defusedxml does, before a byte of it is read: entities
        # declared there can expand a few bytes into gigabytes (billion
        # laughs), and text that came from an entity stands nowhere in the
        # file, so findings could not point at it and tqa fix would write
        # over other characters. A DOCTYPE naming an external DTD is fine:
        # it is never fetched.
        if has_internal_subset:
            raise self.refuse(
                "DOCTYPE with an internal subset (entity declarations) is not read: write the text out instead"
            )

    def skipped_entity(self, name, is_parameter_entity):
        # A reference to an entity of an external DTD (never fetched): its
        # text is unknown, so the target cannot be checked as written.
        raise self.refuse(f"entity &{name}; is not defined in the file (tqa reads no external DTD)")

    def _after(self, closer: str) -> None:
        at = self.offset()
        end = self.text.find(closer, at)
        self.text_at = end + len(closer) if end >= 0 else at

    def comment(self, data):
        self._after("-->")

    def instruction(self, target, data):
        self._after("?>")

    def start_cdata(self):
        self.cdata = True
        self._after(_CDATA_OPEN)

    def end_cdata(self):
        self.cdata = False
        self._after("]]>")

    def _tag_end(self) -> int:
        at = self.offset()
        tag = _TAG.match(self.text, at)
        if tag is None:  # expat read a tag here: not finding it is a bug, never a reason to guess
            raise self.refuse("cannot map a tag back to the file")
        self.text_at = tag.end()
        return at

    def start(self, name, attrs):
        here = self._tag_end()
        tag = _local(name)
        attrs = {_local(k): v for k, v in attrs.items()}
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.refuse(f"elements nested more than {MAX_DEPTH} deep")
        if tag == "xliff" and attrs.get("trgLang"):
            self.target_lang, self.source_lang = attrs["trgLang"], attrs.get("srcLang")
        elif tag == "file" and attrs.get("target-language"):
            self.target_lang, self.source_lang = attrs["target-language"], attrs.get("source-language")
        elif tag in _UNIT:
            if self.unit is not None:  # never valid XLIFF; the offsets of the outer unit's text would be lost
                raise self.refuse(f"malformed XLIFF: a <{tag}> inside another unit")
            self.unit = _Unit(attrs.get("id", str(len(self.units) + 1)), here)
            self.units.append(self.unit)
        elif tag == "segment" and self.unit is not None:
            self.unit.state = attrs.get("state", self.unit.state)
        elif tag in ("source", "target") and self.unit is not None and self.current is None:
            self.current = _Text(start=self.text_at)
            setattr(self.unit, tag, self.current)
            if tag == "target":
                self.unit.state = attrs.get("state", self.unit.state)
        elif tag in _INLINE and self.current is not None:
            self.current.inline[f"{tag}#{attrs.get('id', attrs.get('rid', ''))}"] += 1
            if tag in _CODE:
                self.code_depth += 1
        elif tag == "note" and self.unit is not None:
            self.note = [here, []]

    def end(self, name):
        here = self.offset()
        if self.text.startswith("</", here):
            self._tag_end()
        # else the end of an empty element (<x/>): expat stands just past it,
        # where the text after it starts (its start event set text_at there)
        tag = _local(name)
        self.depth -= 1
        if tag in ("source", "target") and self.current is not None and tag == self._current_tag():
            self.current.end = here
            self.current = None
        elif tag in _CODE and self.current is not None:
            self.code_depth -= 1
        elif tag == "note" and self.note is not None and self.unit is not None:
            self.unit.notes.append((self.note[0], here, "".join(self.note[1])))
            self.note = None
        elif tag in _UNIT and self.unit is not None:
            self.unit.end = here
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
        self.current.parts.append(data)
        # only a target's positions are reported (a text is read inside a
        # unit: a unit inside another is refused when it starts)
        if self.unit is not None and self.current is self.unit.target:
            self.text_at = self._map(data, self.text_at, self.current.offsets)

    def _map(self, data: str, position: int, runs: OffsetRuns) -> int:
        """Record where each character of ``data`` (text that starts at
        ``position`` in the file) stands: verbatim runs, a reference
        (``&amp;``, ``&#1040;``) as one character at its "&", a line end
        ("\\r\\n" or "\\r" read as "\\n") at its first character. Returns
        where the text ends. Each run and reference is compared with the
        file: a place that would not hold the character is an error, never a
        wrong place for tqa fix to write."""
        text = self.text
        tokens = _CR_TOKEN if self.cdata else _REFERENCE_OR_CR
        done, size = 0, len(data)
        while done < size:
            # the file spells the rest of the text in at least as many
            # characters: its references and line ends are found up to there
            bound = position + size - done
            # (a reference starting before the bound may end past it; one
            # longer than _LONGEST_TOKEN is not found, and refused below)
            for token in tokens.finditer(text, position, bound + _LONGEST_TOKEN):
                at = token.start()
                length = min(at - position, size - done)
                if length:
                    if not text.startswith(data if length == size else data[done : done + length], position):
                        raise self.refuse("cannot map a target's text back to the file", position)
                    runs.add(position, length)
                    position, done = position + length, done + length
                if done == size:
                    break
                written = token.group()
                if (_reference(written) if written[0] == "&" else "\n") != data[done]:
                    raise self.refuse("cannot map a reference or line end in a target back to the file", at)
                runs.add(at)
                position, done = token.end(), done + 1
            else:  # no reference or line end left before the bound: text as written
                length = min(bound - position, size - done)  # none when references took it past
                if length > 0:
                    if not text.startswith(data if length == size else data[done : done + length], position):
                        raise self.refuse("cannot map a target's text back to the file", position)
                    runs.add(position, length)
                    position, done = position + length, done + length
        return position

    def parse(self) -> None:
        try:
            self.parser.Parse(self.data, True)
        except expat.ExpatError as exc:
            line = self.source.position(self.offset())[0] if self.parser.CurrentByteIndex >= 0 else exc.lineno
            raise InputError(self.path, f"malformed XLIFF: {expat.ErrorString(exc.code)}", line) from None


def _reference(written: str) -> str | None:
    """The character an XML reference stands for (None: not one)."""
    if written.startswith("&#"):
        try:
            code = int(written[3:-1], 16) if written[2:3] in ("x", "X") else int(written[2:-1])
            return chr(code)
        except (ValueError, OverflowError):
            return None
    return _PREDEFINED.get(written)


def read_units(path: str, source: SourceText) -> tuple[list[Article], list[Suppression]]:
    """The file's one article (a segment per unit) and the suppressions its notes hold."""
    check_encoding(path, source.text)
    check_token_sizes(path, source)
    parser = _Parser(path, source)
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
        meta: dict[str, object] = {
            "source": unit.source.text,
            "source_plural": None,
            "plural_index": None,
            "flags": [],
            "fuzzy": state in _REVIEW_STATES and bool(text),
            "context": unit.id,
            "comment": None,
            "source_inline": unit.source.inline,
            "target_inline": target.inline if target else Counter(),
            "keyword": (target.start, target.end) if target else (unit.start, unit.start + 1),
            "state": state,
        }
        if target is None or (state in _EMPTY_STATES and not text.strip()):
            segments.append(Segment("", unit.start, "entry", end_offset=unit.start, meta=meta))
        else:
            segments.append(
                Segment(
                    text,
                    target.offsets[0] if target.offsets else target.start,
                    "entry",
                    offsets=target.offsets or None,
                    end_offset=target.end,
                    meta=meta,
                )
            )
        for start, end, note in unit.notes:
            match = _SUPPRESS.search(note)
            if match:
                rules = frozenset(r.strip() for r in match.group(1).split(",") if r.strip())
                suppressions.append(Suppression(rules, unit.start, unit.end or len(source.text), start, end))
    lang, source_lang = (language_code(code) for code in (parser.target_lang, parser.source_lang))
    article = Article(
        index=0,
        title=PurePath(path).name,
        segments=segments,
        start=0,
        end=len(source.text),
        lang=lang,
        source_lang=source_lang,
    )
    return [article], suppressions


READER = CatalogReader(format="xliff", suffixes=(".xlf", ".xliff"), articles=read_units, escaped=ESCAPED)
