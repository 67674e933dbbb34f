"""Gettext catalogs (.po/.pot): one article per catalog, one segment per
translation (each plural form its own segment).

polib (design card) parses and validates the catalog: entries, contexts,
plural forms, flags, comments, obsolete entries (skipped), header. A small
scanner alongside finds where each string literal stands in the file and
maps every unescaped character back to its place (``\\n`` maps to its
backslash), so findings point at the exact line and column inside the
``msgstr``, continuation lines included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

import regex

from ..model import Article, Document, Segment, SourceText, Suppression
from .base import InputError

_KEYWORD = regex.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]*(?=")')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
# "# tqa: ignore RULE[,RULE…] reason": rules by code or name, then free text
_SUPPRESS = regex.compile(r"^#\s*tqa:\s*ignore\s+([\w-]+(?:\s*,\s*[\w-]+)*)(?:\s+(.*))?$", regex.IGNORECASE)


@dataclass
class _Field:
    chars: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    escaped: set[int] = field(default_factory=set)
    end: int = 0  # offset just past the last character (its closing quote)
    keyword: tuple[int, int] = (0, 0)  # where `msgstr ""` stands

    @property
    def text(self) -> str:
        return "".join(self.chars)


@dataclass
class _Entry:
    fields: dict[str, _Field] = field(default_factory=dict)
    comments: list[tuple[int, str]] = field(default_factory=list)
    start: int = 0
    end: int = 0


def _literal(text: str, quote: int, into: _Field, path: str, line: int) -> None:
    """Read the string literal opening at ``quote`` into ``into``."""
    i = quote + 1
    while i < len(text) and text[i] not in '"\n':
        if text[i] == "\\" and i + 1 < len(text):
            into.escaped.add(len(into.chars))
            into.chars.append(_ESCAPES.get(text[i + 1], text[i + 1]))
            into.offsets.append(i)
            i += 2
        else:
            into.chars.append(text[i])
            into.offsets.append(i)
            i += 1
    if i >= len(text) or text[i] != '"':
        raise InputError(path, "malformed PO: string not closed on its line", line)
    into.end = i


def scan(path: str, source: SourceText) -> list[_Entry]:
    """Positions of every non-obsolete entry's strings."""
    text = source.text
    entries: list[_Entry] = []
    current = _Entry()
    current_field: _Field | None = None

    def close() -> None:
        nonlocal current
        if any(k.startswith("msgstr") for k in current.fields):
            entries.append(current)
        current = _Entry()

    for number, start in enumerate(source.line_starts, 1):
        line = source.line_text(number)
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if not stripped:
            close()
            current_field = None
            continue
        if stripped.startswith("#"):
            if any(k.startswith("msgstr") for k in current.fields):
                close()
            if not current.fields and not stripped.startswith("#~"):
                current.comments.append((start + indent, stripped))
                current.start = current.start or start
            current_field = None
            continue
        keyword = _KEYWORD.match(stripped)
        if keyword:
            name = keyword.group(1)
            if name in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in current.fields):
                close()
            if not current.fields and not current.comments:
                current.start = start
            current_field = current.fields.setdefault(name, _Field())
            current_field.keyword = (start + indent, start + len(line))
            _literal(text, start + indent + keyword.end(), current_field, path, number)
        elif stripped.startswith('"') and current_field is not None:
            _literal(text, start + indent, current_field, path, number)
            current_field.keyword = (current_field.keyword[0], start + len(line))
        current.end = start + len(line)
    close()
    return entries


def read_document(path: str, source: SourceText) -> Document:
    import polib

    try:
        catalog = polib.pofile(source.text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        message = str(exc)
        line = regex.search(r"line (\d+)", message)
        raise InputError(path, f"malformed PO: {message}", int(line.group(1)) if line else None) from None
    positions = {}
    for entry in scan(path, source):
        msgctxt = entry.fields.get("msgctxt")
        msgid = entry.fields.get("msgid")
        key = (msgctxt.text if msgctxt else None, msgid.text if msgid else "")
        positions[key] = entry
    segments: list[Segment] = []
    suppressions: list[Suppression] = []
    for item in catalog:
        if item.obsolete:
            continue
        found = positions.get((item.msgctxt, item.msgid))
        if found is None:
            continue
        meta_base = {"source": item.msgid, "source_plural": item.msgid_plural or None,
                     "flags": list(item.flags), "fuzzy": "fuzzy" in item.flags, "context": item.msgctxt,
                     "comment": item.tcomment, "extracted": item.comment}
        forms = sorted((k for k in found.fields if k.startswith("msgstr")), key=_form_index)
        for name in forms:
            value = found.fields[name]
            meta = dict(meta_base, plural_index=_form_index(name) if "[" in name else None,
                        keyword=value.keyword)
            start = value.offsets[0] if value.offsets else value.end
            segments.append(Segment(value.text, start, "entry", offsets=value.offsets or None,
                                    end_offset=value.end, meta=meta, escaped=frozenset(value.escaped)))
        for at, comment in found.comments:
            match = _SUPPRESS.match(comment)
            if match:
                rules = frozenset(r.strip() for r in match.group(1).split(",") if r.strip())
                suppressions.append(Suppression(rules, found.start, found.end, at, at + len(comment),
                                                reason=(match.group(2) or "").strip()))
    language = (catalog.metadata.get("Language") or "").replace("-", "_").split("_")[0].lower() or None
    title = catalog.metadata.get("Project-Id-Version") or PurePath(path).name
    start, end = (segments[0].start, segments[-1].end) if segments else (0, len(source.text))
    article = Article(index=0, title=title, segments=segments, start=min(start, 0), end=max(end, len(source.text)),
                      lang=language)
    return Document(path=path, source=source, articles=[article], format="po", suppressions=suppressions)


def _form_index(name: str) -> int:
    match = regex.search(r"\[(\d+)\]", name)
    return int(match.group(1)) if match else 0
