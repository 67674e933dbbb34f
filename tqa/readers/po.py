"""Gettext catalogs (.po/.pot): one article per catalog, one segment per
translation (each plural form its own segment).

One pass of one regular expression over the file reads every line —
keyword with its string, continuation string, comment, blank line — and
keeps where each string stands, mapping every unescaped character back to
its place (``\\n`` maps to its backslash), so findings point at the exact
line and column inside the ``msgstr``, continuation lines included. Entries
carry their context, source, plural source, flags, translator and extracted
comments; obsolete entries (``#~``) and the header are not checked. (polib,
the reference parser, reads the same entries: the tests hold the two equal.)

Catalogs come from strangers (pull requests). What ``msgfmt -c`` refuses in
a catalog's structure is refused here too, the whole catalog, as msgfmt
does, in one line naming the file and line: a line that is not PO, a string
not closed, an escape C does not know, keywords out of order (``[msgctxt]
msgid msgstr`` or ``[msgctxt] msgid msgid_plural msgstr[0] msgstr[1]…``), a
comment inside an entry, the same msgctxt and msgid twice. (Checks of the
catalog's content — plural counts against the header, format strings — are
msgfmt's others, not the reader's.) Memory and time are linear in the file:
strings are matched run by run, not character by character.
"""

from __future__ import annotations

import bisect
import re
from array import array
from pathlib import PurePath

from ..model import Article, OffsetRuns, Segment, SourceText, Suppression
from .base import InputError, language_code
from .interface import CatalogReader

# What a string of this format escapes, or what ends it (a continuation
# line): an edit of the file text must not add or remove these (tqa fix).
ESCAPED = '"\\\n'

# A string's content is matched possessively, run by run: one regex state
# per escape, not per character (matching character by character kept a
# backtracking state for each one: 4.8 GB for a 42 MB msgstr).
_LINE = re.compile(
    r"^[ \t]*+(?:"
    r"(?P<comment>#[^\n]*+)"
    r'|(?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[\d{1,9}\])?)[ \t]*+"(?P<first>[^"\\\n]*+(?:\\.[^"\\\n]*+)*+)"'
    r'|"(?P<more>[^"\\\n]*+(?:\\.[^"\\\n]*+)*+)"'
    r"|)[ \t]*+\r?$",
    re.MULTILINE,
)
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
# Octal and hex escapes are valid C (msgfmt reads them as bytes of the
# catalog's charset); they are kept as written, as polib keeps them.
_NUMERIC_ESCAPE = re.compile(r"\\(?:[0-7]|x[0-9A-Fa-f])")
# "# tqa: ignore RULE[,RULE…] reason": rules by code or name, then free text
_SUPPRESS = re.compile(r"^#\s*tqa:\s*ignore\s+([\w-]+(?:\s*,\s*[\w-]+)*)(?:\s+(.*))?$", re.IGNORECASE)


class _Field:
    """One keyword's string, over its continuation lines. Most strings are
    one verbatim run of the file; offsets per run are kept only when a
    string is split over lines or has escapes."""

    __slots__ = ("parts", "start", "runs", "escaped", "end", "keyword")

    def __init__(self, keyword: tuple[int, int]) -> None:
        self.parts: list[str] = []
        self.start = -1  # file offset of the first character while the text is one verbatim run
        self.runs: OffsetRuns | None = None
        self.escaped = array("q")  # indexes of escaped characters, ascending
        self.end = 0  # offset just past the last character (its closing quote)
        self.keyword = keyword  # where `msgstr "…"` stands, continuation lines included

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def offsets(self) -> OffsetRuns | None:
        """None when the text is the verbatim slice of the file at ``start``."""
        return self.runs

    def add(self, content: str, at: int) -> None:
        """Append a string literal's content standing at file offset ``at``."""
        self.end = at + len(content)
        if not content:
            return
        if self.runs is None and "\\" not in content:
            if self.start < 0:
                self.start = at
                self.parts.append(content)
                return
        self._add_runs(content, at)

    def _add_runs(self, content: str, at: int) -> None:
        if self.runs is None:
            self.runs = CompactRuns()
            if self.parts:
                self.runs.add(self.start, len(self.parts[0]))
        runs, escaped = self.runs, self.escaped
        if self.start < 0:
            self.start = at
        done = 0
        for escape in _ESCAPE.finditer(content):
            if escape.group(1) not in _ESCAPES:
                if _NUMERIC_ESCAPE.match(content, escape.start()):
                    continue  # kept verbatim: part of the plain text around it
                raise _BadEscape(at + escape.start(), escape.group())
            where = escape.start()
            runs.add(at + done, where - done)
            escaped.append(len(runs))
            runs.add(at + where)
            done = where + 2
        runs.add(at + done, len(content) - done)
        self.parts.append(_unescape(content))


class CompactRuns(OffsetRuns):
    """OffsetRuns in arrays of machine integers (16 bytes a run, not about
    70): a string of ten million escapes is twenty million runs. (The XLIFF
    reader keeps its targets' runs so too.)"""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__()
        # arrays of int64 do all OffsetRuns asks of its lists (append, [-1],
        # bisect, slices); its attributes are declared as list[int]
        self._starts, self._offsets = array("q"), array("q")  # type: ignore[assignment]


class _Indexes:
    """A large set of escaped indexes as their sorted array (a frozenset of
    millions of integers is hundreds of megabytes); ``in`` is all a segment
    asks of it."""

    __slots__ = ("_items",)

    def __init__(self, items: array) -> None:
        self._items = items

    def __contains__(self, index: object) -> bool:
        at = bisect.bisect_left(self._items, index)
        return at < len(self._items) and self._items[at] == index

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self):
        return iter(self._items)


def _escaped(indexes: array):
    # the usual frozenset for the usual string; the array past a few thousand
    return frozenset(indexes) if len(indexes) <= 4096 else _Indexes(indexes)


def _unescape(content: str) -> str:
    """The text of a string literal's (valid) content, in C-speed string
    operations, not one Python call per escape: split where a backslash is
    escaped, each piece's escapes are then a backslash and the letter
    after it. Octal and hex escapes stay as written."""
    pieces = content.split("\\\\")
    for index, piece in enumerate(pieces):
        if "\\" in piece:
            for letter, value in _ESCAPES.items():
                if letter != "\\":
                    piece = piece.replace("\\" + letter, value)
            pieces[index] = piece
    return "\\".join(pieces)


class _BadEscape(Exception):
    """An escape sequence msgfmt rejects ("invalid control sequence")."""

    def __init__(self, offset: int, sequence: str) -> None:
        super().__init__(sequence)
        self.offset, self.sequence = offset, sequence


class _Entry:
    __slots__ = ("fields", "comments", "start", "end", "obsolete", "translated")

    def __init__(self) -> None:
        self.fields: dict[str, _Field] = {}
        self.comments: list[tuple[int, str]] = []
        self.start = -1
        self.end = 0
        self.obsolete = False
        self.translated = False  # has a msgstr: the next msgid or comment starts a new entry

    @property
    def translated_fields(self) -> list[str]:
        return sorted((k for k in self.fields if k.startswith("msgstr")), key=_form_index)

    def comment_lines(self, prefix: str) -> list[str]:
        return [c[len(prefix) :] for _, c in self.comments if c.startswith(prefix)]

    @property
    def flags(self) -> list[str]:
        return [f.strip() for line in self.comment_lines("#,") for f in line.split(",") if f.strip()]


def scan(path: str, source: SourceText) -> list[_Entry]:
    """Every entry of the catalog with the positions of its strings."""
    text = source.text
    entries: list[_Entry] = []
    entry = _Entry()
    current: _Field | None = None
    last = ""  # the entry's last keyword ("msgstr[]" for any plural form)
    form = -1  # the index of its last plural form
    last_at = 0  # where the last keyword stands
    expected = 0  # where the next line starts: a gap is a line that is not PO

    def refuse(message: str, offset: int) -> InputError:
        return InputError(path, f"malformed PO: {message}", source.position(offset)[0])

    for line in _LINE.finditer(text):
        start = line.start()
        if start != expected:
            _malformed(path, source, expected)
        expected = line.end() + 1
        # where the line's text stops: before the \r of a CRLF line end, which
        # is no part of a keyword's or an entry's span
        stop = line.end() - (text[line.end() - 1 : line.end()] == "\r")
        kind = line.lastgroup  # "more" (continuation), "first" (after a keyword), "comment", None (blank)
        try:
            if kind == "more":
                if current is None:
                    raise refuse("a string without msgid/msgstr before it", start)
                current.add(line.group("more"), line.start("more"))
                current.keyword = (current.keyword[0], stop)
                entry.end = stop
            elif kind == "first":
                name = line.group("keyword")
                plural = name[:7] == "msgstr["
                if name in ("msgctxt", "msgid") and (entry.translated or entry.obsolete):
                    if entry.translated:
                        entries.append(entry)
                    entry, last, form = _Entry(), "", -1  # obsolete lines before it: dropped
                if last in ("msgid", "msgid_plural") and name in ("msgctxt", "msgid") or last == name == "msgctxt":
                    raise refuse(_incomplete(last), last_at)  # said where the entry stops
                error = _out_of_order(last, name, form)
                if error:
                    raise refuse(error, start)
                if entry.start < 0:
                    entry.start = start
                if name[:6] == "msgstr":
                    entry.translated = True
                last, form = ("msgstr[]", _form_index(name)) if plural else (name, form)
                last_at = start
                current = entry.fields[name] = _Field((line.start("keyword"), stop))
                current.add(line.group("first"), line.start("first"))
                entry.end = stop
            elif kind == "comment":
                if entry.translated:
                    entries.append(entry)
                    entry, last, form = _Entry(), "", -1
                elif entry.fields:  # msgfmt: no comment between an entry's keywords
                    raise refuse(_incomplete(last), last_at)
                if entry.start < 0:
                    entry.start = start
                comment = line.group("comment")
                if comment[:2] == "#~":
                    entry.obsolete = True
                elif not entry.fields:
                    entry.comments.append((line.start("comment"), comment.rstrip()))
                current = None
                entry.end = stop
            elif entry.translated or not entry.fields:  # a blank line ends an entry
                if entry.translated:
                    entries.append(entry)
                entry, last, form = _Entry(), "", -1
                current = None
            # else: a blank line inside an entry, before its msgstr (msgfmt reads on)
        except _BadEscape as bad:
            column = source.position(bad.offset)[1]
            raise refuse(f"invalid escape sequence {bad.sequence} in a string (column {column})", bad.offset) from None
    if expected < len(text):
        _malformed(path, source, expected)
    if entry.fields and not entry.translated:
        raise refuse(_incomplete(last), last_at)
    if entry.translated:
        entries.append(entry)
    return entries


# What may follow each keyword of an entry: [msgctxt] msgid, then msgstr, or
# msgid_plural and msgstr[0], msgstr[1]…
_NEXT = {
    "": ("msgctxt", "msgid"),
    "msgctxt": ("msgid",),
    "msgid": ("msgid_plural", "msgstr"),
    "msgid_plural": ("msgstr[]",),
    "msgstr": (),
    "msgstr[]": ("msgstr[]",),
}


def _out_of_order(last: str, name: str, form: int) -> str | None:
    """Why keyword ``name`` cannot follow ``last`` (None: it can)."""
    plural = name[:7] == "msgstr["
    if name not in _NEXT[last] and not (plural and "msgstr[]" in _NEXT[last]):
        if last == "" and name[:6] == "msgstr":
            return f"{name} without msgid"
        if last in ("", "msgctxt") and name == "msgid_plural":
            return "msgid_plural without msgid"
        if last == "msgid" and plural:
            return f"{name} without msgid_plural (a plain msgstr, or msgid_plural before the plural forms)"
        if last == "msgid_plural" and name == "msgstr":
            return "msgid_plural with a plain msgstr (its forms are msgstr[0], msgstr[1]…)"
        if last == "msgstr[]" and name == "msgstr":
            return "a plain msgstr after plural forms"
        return f"{name} after {'msgstr[…]' if last == 'msgstr[]' else last} (keywords out of order)"
    if plural and _form_index(name) != form + 1:
        return f"{name} where msgstr[{form + 1}] belongs (plural forms go 0, 1, 2… in order)"
    return None


def _incomplete(last: str) -> str:
    """What an entry that stops after keyword ``last`` lacks."""
    return {"msgctxt": "msgctxt without msgid", "msgid_plural": "msgid_plural without msgstr[0]"}.get(
        last, "msgid without msgstr"
    )


def _malformed(path: str, source: SourceText, offset: int) -> None:
    number = source.position(offset)[0]
    line = source.line_text(number).strip()
    unclosed = line.count('"') - line.count('\\"') == 1
    what = "string not closed on its line" if unclosed else f"not a PO line: {line[:60]!r}"
    raise InputError(path, f"malformed PO: {what}", number)


def read_catalog(path: str, source: SourceText) -> tuple[list[Article], list[Suppression]]:
    """The catalog's one article and its ``# tqa: ignore`` suppressions."""
    segments: list[Segment] = []
    suppressions: list[Suppression] = []
    header: dict[str, str] = {}
    defined: dict[tuple[str | None, str], int] = {}  # (msgctxt, msgid) -> offset of its msgid
    for entry in scan(path, source):
        if entry.obsolete:
            continue
        msgid = entry.fields["msgid"]  # scan() refuses an entry without one
        context = entry.fields.get("msgctxt")
        key = (context.text if context else None, msgid.text)
        if key in defined:  # msgfmt: "duplicate message definition"
            raise InputError(
                path,
                f"malformed PO: duplicate message definition (first at line {source.position(defined[key])[0]})",
                source.position(msgid.keyword[0])[0],
            )
        defined[key] = msgid.keyword[0]
        if not msgid.text and context is None:
            header = _header(entry.fields["msgstr"].text if "msgstr" in entry.fields else "")
            continue
        plural = entry.fields.get("msgid_plural")
        flags = entry.flags
        meta_base = {
            "source": msgid.text,
            "source_plural": plural.text if plural else None,
            "flags": flags,
            "fuzzy": "fuzzy" in flags,
            "context": context.text if context else None,
            "comment": "\n".join(c[1:].lstrip() if c[:1] == " " else c for c in _translator(entry)),
            "extracted": "\n".join(c.lstrip() for c in entry.comment_lines("#.")),
        }
        for name in entry.translated_fields:
            value = entry.fields[name]
            meta = dict(meta_base, plural_index=_form_index(name) if "[" in name else None, keyword=value.keyword)
            text = value.text
            start = value.start if text else value.end
            segments.append(
                Segment(
                    text,
                    start,
                    "entry",
                    offsets=value.offsets if text else None,
                    end_offset=value.end,
                    meta=meta,
                    escaped=_escaped(value.escaped),
                )
            )
        for at, comment in entry.comments:
            match = _SUPPRESS.match(comment)
            if match:
                rules = frozenset(r.strip() for r in match.group(1).split(",") if r.strip())
                suppressions.append(
                    Suppression(
                        rules, entry.start, entry.end, at, at + len(comment), reason=(match.group(2) or "").strip()
                    )
                )
    language = language_code(header.get("Language", ""))
    title = header.get("Project-Id-Version") or PurePath(path).name
    start, end = (segments[0].start, segments[-1].end) if segments else (0, len(source.text))
    article = Article(
        index=0,
        title=title,
        segments=segments,
        start=min(start, 0),
        end=max(end, len(source.text)),
        lang=language,
        source_lang=language_code(header.get("X-Source-Language", "")),
    )
    return [article], suppressions


def _translator(entry: _Entry) -> list[str]:
    """Translator comments: ``# text`` lines (not ``#.``, ``#:``, ``#,``, ``#|``)."""
    return [c[1:] for _, c in entry.comments if c == "#" or c[1:2] in (" ", "\t")]


def _header(text: str) -> dict[str, str]:
    fields = {}
    for line in text.split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip()] = value.strip()
    return fields


def _form_index(name: str) -> int:
    return int(name[name.index("[") + 1 : -1]) if "[" in name else 0


READER = CatalogReader(format="po", suffixes=(".po", ".pot"), articles=read_catalog, escaped=ESCAPED)
