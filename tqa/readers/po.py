"""Gettext catalogs (.po/.pot): one article per catalog, one segment per
translation (each plural form its own segment).

One pass of one regular expression over the file reads every line —
keyword with its string, continuation string, comment, blank line — and
keeps where each string stands, mapping every unescaped character back to
its place (``\\n`` maps to its backslash), so findings point at the exact
line and column inside the ``msgstr``, continuation lines included. A line
that is none of these is a one-line error naming it. Entries carry their
context, source, plural source, flags, translator and extracted comments;
obsolete entries (``#~``) and the header are not checked. (polib, the
reference parser, reads the same entries: the tests hold the two equal.)
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..model import Article, Document, OffsetRuns, Segment, SourceText, Suppression
from .base import InputError, language_code

# What a string of this format escapes, or what ends it (a continuation
# line): an edit of the file text must not add or remove these (tqa fix).
ESCAPED = '"\\\n'

_LINE = re.compile(
    r'^[ \t]*(?:'
    r'(?P<comment>#[^\n]*)'
    r'|(?P<keyword>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]*"(?P<first>(?:[^"\\\n]|\\.)*)"'
    r'|"(?P<more>(?:[^"\\\n]|\\.)*)"'
    r'|)[ \t]*\r?$', re.MULTILINE)
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
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
        self.escaped: set[int] = set()
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
            self.runs = OffsetRuns()
            if self.parts:
                self.runs.add(self.start, len(self.parts[0]))
        runs = self.runs
        if self.start < 0:
            self.start = at
        done = 0
        for escape in _ESCAPE.finditer(content):
            plain = content[done:escape.start()]
            self.parts.append(plain)
            runs.add(at + done, len(plain))
            self.escaped.add(len(runs))
            self.parts.append(_ESCAPES.get(escape.group(1), escape.group(1)))
            runs.add(at + escape.start())
            done = escape.end()
        self.parts.append(content[done:])
        runs.add(at + done, len(content) - done)


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
        return [c[len(prefix):] for _, c in self.comments if c.startswith(prefix)]

    @property
    def flags(self) -> list[str]:
        return [f.strip() for line in self.comment_lines("#,") for f in line.split(",") if f.strip()]


def scan(path: str, source: SourceText) -> list[_Entry]:
    """Every entry of the catalog with the positions of its strings."""
    text = source.text
    entries: list[_Entry] = []
    entry = _Entry()
    current: _Field | None = None
    expected = 0  # where the next line starts: a gap is a line that is not PO
    for line in _LINE.finditer(text):
        start = line.start()
        if start != expected:
            _malformed(path, source, expected)
        expected = line.end() + 1
        kind = line.lastgroup  # "more" (continuation), "first" (after a keyword), "comment", None (blank)
        if kind == "more":
            if current is None:
                raise InputError(path, "malformed PO: a string without msgid/msgstr before it",
                                 source.position(start)[0])
            current.add(line.group("more"), line.start("more"))
            current.keyword = (current.keyword[0], line.end())
            entry.end = line.end()
        elif kind == "first":
            name = line.group("keyword")
            if entry.translated and name[:6] != "msgstr" and name != "msgid_plural":
                entries.append(entry)
                entry = _Entry()
            if entry.start < 0:
                entry.start = start
            if name[:6] == "msgstr":
                entry.translated = True
            current = entry.fields[name] = _Field((line.start("keyword"), line.end()))
            current.add(line.group("first"), line.start("first"))
            entry.end = line.end()
        elif kind == "comment":
            if entry.translated:
                entries.append(entry)
                entry = _Entry()
            if entry.start < 0:
                entry.start = start
            comment = line.group("comment")
            if comment[:2] == "#~":
                entry.obsolete = True
            elif not entry.fields:
                entry.comments.append((line.start("comment"), comment.rstrip()))
            current = None
            entry.end = line.end()
        else:  # blank line
            if entry.translated:
                entries.append(entry)
            entry = _Entry()
            current = None
    if expected < len(text):
        _malformed(path, source, expected)
    if entry.translated:
        entries.append(entry)
    return entries


def _malformed(path: str, source: SourceText, offset: int) -> None:
    number = source.position(offset)[0]
    line = source.line_text(number).strip()
    unclosed = line.count('"') - line.count('\\"') == 1
    what = "string not closed on its line" if unclosed else f"not a PO line: {line[:60]!r}"
    raise InputError(path, f"malformed PO: {what}", number)


def read_document(path: str, source: SourceText) -> Document:
    segments: list[Segment] = []
    suppressions: list[Suppression] = []
    header: dict[str, str] = {}
    for entry in scan(path, source):
        msgid = entry.fields.get("msgid")
        context = entry.fields.get("msgctxt")
        if entry.obsolete:
            continue
        if msgid is None:
            raise InputError(path, "malformed PO: msgstr without msgid", source.position(entry.start)[0])
        if not msgid.text and context is None:
            header = _header(entry.fields["msgstr"].text if "msgstr" in entry.fields else "")
            continue
        plural = entry.fields.get("msgid_plural")
        flags = entry.flags
        meta_base = {"source": msgid.text, "source_plural": plural.text if plural else None,
                     "flags": flags, "fuzzy": "fuzzy" in flags, "context": context.text if context else None,
                     "comment": "\n".join(c[1:].lstrip() if c[:1] == " " else c for c in _translator(entry)),
                     "extracted": "\n".join(c.lstrip() for c in entry.comment_lines("#."))}
        for name in entry.translated_fields:
            value = entry.fields[name]
            meta = dict(meta_base, plural_index=_form_index(name) if "[" in name else None,
                        keyword=value.keyword)
            text = value.text
            start = value.start if text else value.end
            segments.append(Segment(text, start, "entry", offsets=value.offsets if text else None,
                                    end_offset=value.end, meta=meta, escaped=frozenset(value.escaped)))
        for at, comment in entry.comments:
            match = _SUPPRESS.match(comment)
            if match:
                rules = frozenset(r.strip() for r in match.group(1).split(",") if r.strip())
                suppressions.append(Suppression(rules, entry.start, entry.end, at, at + len(comment),
                                                reason=(match.group(2) or "").strip()))
    language = language_code(header.get("Language", ""))
    title = header.get("Project-Id-Version") or PurePath(path).name
    start, end = (segments[0].start, segments[-1].end) if segments else (0, len(source.text))
    article = Article(index=0, title=title, segments=segments, start=min(start, 0), end=max(end, len(source.text)),
                      lang=language, source_lang=language_code(header.get("X-Source-Language", "")))
    return Document(path=path, source=source, articles=[article], format="po", suppressions=suppressions)


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
    return int(name[name.index("[") + 1:-1]) if "[" in name else 0
