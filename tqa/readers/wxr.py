"""WordPress exports (WXR: the RSS file "Tools → Export" writes): one
article per post or page, its ``<title>`` the title segment and its
``<content:encoded>`` body read as a web page's (``tqa.readers.html``),
every character at its place in the export file.

Recognised by its content, whatever the file is called: an RSS document
that declares WordPress's export namespace (``sniff``).

Streamed: expat reads the file a megabyte at a time and no tree is built;
what a post costs is dropped when the next starts, so the parser's memory
is bounded by the largest post (the file's text itself is the model's, as
for every format). Hardened as the XLIFF reader: a DOCTYPE (hence any
entity declaration, an entity bomb, an external entity) is refused, and
elements nested deeper than ``MAX_DEPTH``. A file that is not well-formed
is one error line with its line number.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from xml.parsers import expat

from ..model import Article, Document, Segment, SourceText
from .base import InputError, decode, language_code
from .html import ESCAPED, fragment_segments
from .markdown import suppressions
from .splitting import SplitSettings

MAX_DEPTH = 200
_CHUNK = 1 << 20
_WP = re.compile(rb"xmlns:wp\s*=\s*[\"']http://wordpress\.org/export/")
_CONTINUATION = bytes(range(0x80, 0xC0))
# post types that hold no article text
_NOT_ARTICLES = frozenset(
    "attachment nav_menu_item revision custom_css customize_changeset oembed_cache user_request wp_global_styles "
    "wp_navigation wp_template wp_template_part wp_font_family wp_font_face".split()
)
_FIELDS = {"title", "link", "pubDate", "content:encoded", "wp:post_type", "wp:status", "wp:post_date", "language"}
_REFERENCE = re.compile(r"&(?:#[xX]([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def sniff(head: bytes) -> bool:
    """Is this the start of a WordPress export?"""
    head = head[:8192]
    return b"<rss" in head and _WP.search(head) is not None


class _Post:
    def __init__(self) -> None:
        self.fields: dict[str, tuple[int, int]] = {}  # element -> (start, end) of its content in the text
        self.lang: str | None = None


def _decoded(text: str, start: int, end: int) -> tuple[str, list[int] | None, int, dict[int, int]]:
    """The character data of ``text[start:end]`` (CDATA sections and XML
    references): (the text; each character's offset, or None when the text
    is ``text[first:…]`` verbatim; that first offset; the length in the file
    of each character written as a reference)."""
    raw = text[start:end]
    stripped = raw.strip()
    if stripped.startswith("<![CDATA[") and stripped.endswith("]]>") and stripped.count("<![CDATA[") == 1:
        first = start + raw.index("<![CDATA[") + 9
        last = start + raw.rindex("]]>")
        return text[first:last], None, first, {}
    if "&" not in raw and "<![CDATA[" not in raw:
        return raw, None, start, {}
    pieces: list[str] = []
    offsets: list[int] = []
    widths: dict[int, int] = {}
    at = start
    while at < end:
        if text.startswith("<![CDATA[", at):
            close = text.find("]]>", at + 9, end)
            close = end if close == -1 else close
            pieces.append(text[at + 9 : close])
            offsets.extend(range(at + 9, close))
            at = close + 3
            continue
        match = _REFERENCE.match(text, at, end) if text[at] == "&" else None
        if match is not None:
            hexa, decimal, name = match.groups()
            value = _NAMED[name] if name else chr(min(int(hexa, 16) if hexa else int(decimal), 0x10FFFF))
            pieces.append(value)
            widths[len(offsets)] = match.end() - at
            offsets.append(at)
            at = match.end()
            continue
        pieces.append(text[at])
        offsets.append(at)
        at += 1
    return "".join(pieces), offsets, start, widths


def _title_segment(text: str, span: tuple[int, int]) -> Segment | None:
    value, offsets, first, widths = _decoded(text, *span)
    lead = len(value) - len(value.lstrip())
    body = value.strip()
    if not body:
        return None
    if offsets is None:
        return Segment(body, first + lead, "title")
    chars = offsets[lead : lead + len(body)]
    wide = {k - lead: w for k, w in widths.items() if lead <= k < lead + len(body)}
    end = chars[-1] + wide.get(len(body) - 1, 1)
    return Segment(body, chars[0], "title", offsets=chars, end_offset=end, wide=wide or None)


def _body(text: str, span: tuple[int, int], settings: SplitSettings) -> list[Segment]:
    value, offsets, first, widths = _decoded(text, *span)
    if offsets is None:
        return fragment_segments(text, first, first + len(value), None, settings)
    return fragment_segments(value, 0, len(value), offsets, settings, widths)


def read_export(path: str, data: bytes, source: SourceText, settings: SplitSettings) -> Document:
    text = source.text
    bom = 3 if data.startswith(codecs.BOM_UTF8) else 0
    parser = expat.ParserCreate()
    parser.buffer_text = True
    state = {"byte": bom, "char": 0}

    def char_at(byte: int) -> int:
        """The text offset of byte ``byte`` of the file (asked in file order)."""
        byte += bom
        if byte < state["byte"]:  # not in order: counted from the start
            state["byte"], state["char"] = bom, 0
        state["char"] += len(data[state["byte"] : byte].translate(None, _CONTINUATION))
        state["byte"] = byte
        return state["char"]

    depth = 0
    post: _Post | None = None
    open_field: tuple[str, int] | None = None
    channel_lang: list[str | None] = [None]
    articles: list[Article] = []

    def refuse_doctype(*_args) -> None:
        raise InputError(
            path,
            "has a DOCTYPE: refused (a WordPress export has none; it could declare entities)",
            parser.CurrentLineNumber,
        )

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, post, open_field
        depth += 1
        if depth > MAX_DEPTH:
            raise InputError(
                path, f"elements nested deeper than {MAX_DEPTH}: not a WordPress export", parser.CurrentLineNumber
            )
        if name == "item":
            post = _Post()
        elif name == "category" and post is not None and attrs.get("domain") == "language":
            post.lang = language_code(attrs.get("nicename"))  # Polylang's and WPML's language of a post
        elif name in _FIELDS and (post is not None or name == "language"):
            at = char_at(parser.CurrentByteIndex)
            close = text.find(">", at)
            open_field = (name, close + 1)

    def end(name: str) -> None:
        nonlocal depth, post, open_field
        depth -= 1
        if open_field is not None and open_field[0] == name:
            span = (open_field[1], char_at(parser.CurrentByteIndex))
            open_field = None
            if post is None:
                if name == "language":
                    channel_lang[0] = language_code(_decoded(text, *span)[0].strip())
            else:
                post.fields.setdefault(name, span)
        elif name == "item" and post is not None:
            _finish(post)
            post = None

    def _finish(item: _Post) -> None:
        fields = item.fields
        kind = _decoded(text, *fields["wp:post_type"])[0].strip() if "wp:post_type" in fields else "post"
        status = _decoded(text, *fields["wp:status"])[0].strip() if "wp:status" in fields else ""
        if kind in _NOT_ARTICLES or status in ("trash", "auto-draft"):
            return
        segments: list[Segment] = []
        title = _title_segment(text, fields["title"]) if "title" in fields else None
        if title is not None:
            meta = {}
            for key, name in (("link", "link"), ("date", "pubDate"), ("date", "wp:post_date")):
                if name in fields and key not in meta:
                    meta[key] = _decoded(text, *fields[name])[0].strip()
            title.meta = meta
            segments.append(title)
        if "content:encoded" in fields:
            segments.extend(_body(text, fields["content:encoded"], settings))
        if not any(s.is_prose for s in segments):
            return
        index = len(articles)
        articles.append(
            Article(
                index=index,
                title=title.text if title is not None else None,
                segments=segments,
                start=segments[0].start,
                end=max(s.end for s in segments),
                lang=item.lang or channel_lang[0],
                slug=f"{path}#{index + 1}",
            )
        )

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        for at in range(bom, len(data), _CHUNK):
            parser.Parse(data[at : at + _CHUNK], False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise InputError(path, f"not well-formed XML ({expat.ErrorString(exc.code)})", exc.lineno) from None
    segments = [s for a in articles for s in a.segments]
    return Document(path=path, source=source, articles=articles, format="wxr", suppressions=suppressions(segments))


@dataclass(frozen=True)
class WxrReader:
    """WordPress exports: recognised by content (``sniff``), read from bytes."""

    format: str = "wxr"
    suffixes: tuple[str, ...] = ()  # any name: .xml is shared with other formats
    escaped: str = ESCAPED + "]"

    def read(self, path: str, source: SourceText, split_settings: SplitSettings) -> Document:
        return read_export(path, source.text.encode("utf-8"), source, split_settings)

    def read_bytes(self, path: str, data: bytes, split_settings: SplitSettings) -> Document:
        return read_export(path, data, SourceText(_text(path, data)), split_settings)

    def text_of(self, path: str, data: bytes) -> str:
        return _text(path, data)

    def encode(self, original: bytes, text: str) -> bytes:
        return (codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b"") + text.encode("utf-8")


_DECLARED = re.compile(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._-]{1,40})[\"']")


def _text(path: str, data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, "a WordPress export in UTF-16: WordPress writes UTF-8 (save it as UTF-8)")
    declared = _DECLARED.search(data[:300])
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise InputError(path, f"declares encoding {declared.group(1).decode()!r}: only UTF-8 exports are read", 1)
    return decode(path, data)


READER = WxrReader()
