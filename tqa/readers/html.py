"""Web pages (.html, .htm): the articles of a page, read as a browser shows
them, every character mapped back to where it stands in the file.

The page is tokenised here with a few regular expressions that follow the
HTML standard's tokenizer where it matters for text (comments, ``<!…>``,
quoted attribute values holding ``>``, raw-text elements such as
``<script>`` that end only at their own end tag, character references with
and without their ``;``). The standard library's ``html.parser`` gives
line and column per token but spends 25 ms tokenising 160 KB before any
work of ours (the budget is 30 ms for a 200 KB page); lxml and selectolax
are faster but lose where decoded text stood. See ``bench/read_html.py``.

What is read: the text of block elements (paragraphs, headings, list items,
table cells…) with HTML's white-space collapsing (a run of spaces, tabs and
line ends is one space, as the browser shows it; a no-break space stays),
``<br>`` as a line break, character references decoded. Never read: the
contents of ``skip_tags`` (``<script>``, ``<style>``, ``<template>``,
``<noscript>``, ``<title>``…), comments, attributes, hidden elements.

Articles (``data/html_structure.yaml``): each outermost ``<article>`` or
CMS entry (``.hentry``…), titled by its first heading; with none, the
page's ``<main>`` (or body) read as a scraped page is, cut into articles by
its share labels (``tqa.readers.splitting``). Page chrome recognised by its
class or ARIA names (share widgets, breadcrumbs) is kept with the article
it stands in or beside, as label lines that the boilerplate rules report by
their words; furniture (menus, site header and footer, sidebars, comment
forms) is not read outside an article. ``<html lang>`` (or an article's
``lang``) gives the language when configuration does not.

The encoding: a byte-order mark, else ``<meta charset>`` or its
``http-equiv`` form in the first 4 KB, else UTF-8; a declaration that names
no text encoding, or that the bytes contradict, is one error line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.entities import html5 as _HTML5
from typing import Mapping, Sequence

from ..model import Article, Document, OffsetRuns, Segment, SourceText
from ..text.resources import load
from . import markdown
from .base import InputError, decode, language_code
from .splitting import SplitSettings, split

# What HTML escapes: ``tqa fix`` leaves an edit that touches one of these
# (a tag, a reference) to the translator.
ESCAPED = "<>&"

MAX_DEPTH = 400  # open elements tracked; deeper ones are read as inline text
_TRAITS_KEPT = 4096  # distinct (tag, attributes) remembered

_MARKUP = re.compile(
    r"""<(?:
        !--(?:>|->|.*?(?:--!?>|\Z))                      # comment
      | ![^>]*>?                                         # doctype, CDATA, bogus comment
      | \?[^>]*>?                                        # processing instruction (a bogus comment)
      | (/?)([A-Za-z][^\t\n\f\r />]*)                    # 1 end, 2 name
        ((?:[^>"'=]|=[\t\n\f\r ]*"[^"]*"|=[\t\n\f\r ]*'[^']*'|=)*)(?:>|\Z)   # 3 attributes
      | (/?)([A-Za-z][^\t\n\f\r />]*)([^>]*)(?:>|\Z)     # 4, 5, 6: attributes with a stray quote
    )""",
    re.S | re.X,
)
_ATTRIBUTE = re.compile(
    r"""([^\t\n\f\r />"'=][^\t\n\f\r />"'=]*)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\f\r >]*)))?"""
)
_WANTED = ("class", "id", "role", "aria-label", "aria-hidden", "hidden", "lang", "style", "xml:lang")
_REFERENCE = re.compile(r"&(?:#[xX]([0-9A-Fa-f]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]*;?))")
_SPACES = re.compile(r"[ \t\n\r\f]+")
_ODD_SPACE = re.compile(r"[\t\n\r\f]| [ \t\n\r\f]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_RAW_END: dict[str, re.Pattern] = {}

_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes noscript".split())
_BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary table
    tbody td tfoot th thead tr ul legend""".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_TITLE_HEADINGS = frozenset("h1 h2 h3".split())
# start tags that close an open <p> (and <li> closes <li>): enough of HTML's
# implied end tags to keep the open elements right on pages that omit them
_CLOSES_P = _BLOCK - {"body", "html"}

# the modes of an element's text
_TEXT, _CHROME, _FURNITURE, _SKIP = 0, 1, 2, 3


@dataclass(frozen=True)
class _Structure:
    skip_tags: frozenset[str]
    article_tags: frozenset[str]
    article_classes: frozenset[str]
    main_tags: frozenset[str]
    main_roles: frozenset[str]
    main_classes: frozenset[str]
    chrome_classes: frozenset[str]
    chrome_aria: frozenset[str]
    furniture_tags: frozenset[str]
    article_parts: frozenset[str]
    furniture_roles: frozenset[str]
    furniture_classes: frozenset[str]
    furniture_prefixes: frozenset[str]
    skip_classes: frozenset[str]
    # what each (tag, attributes) says, kept across the pages and posts read
    # with this structure: an export's posts repeat the same few tags, and
    # reading them again was a fifth of an export's time (bench/READERS-HTML.md)
    traits: dict[tuple[str, str], "_Traits"] = field(default_factory=dict, compare=False, hash=False, repr=False)


@lru_cache(maxsize=16)
def _structure(extra_chrome: tuple[str, ...] = (), extra_skip: tuple[str, ...] = ()) -> _Structure:
    data = load("html_structure")

    def names(key: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
        return frozenset(str(v).lower() for v in list(data[key]) + list(extra))

    return _Structure(
        skip_tags=names("skip_tags"),
        article_tags=names("article_tags"),
        article_classes=names("article_classes"),
        main_tags=names("main_tags"),
        main_roles=names("main_roles"),
        main_classes=names("main_classes"),
        chrome_classes=names("chrome_classes", extra_chrome),
        chrome_aria=names("chrome_aria_labels"),
        furniture_tags=names("furniture_tags"),
        article_parts=names("article_parts"),
        furniture_roles=names("furniture_roles"),
        furniture_classes=names("furniture_classes"),
        furniture_prefixes=names("furniture_prefixes"),
        skip_classes=frozenset(v.lower() for v in extra_skip),
    )


def _leading(token: str) -> str:
    for i, ch in enumerate(token):
        if ch in "-_":
            return token[:i]
    return token


def _attributes(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(raw):
        name = match.group(1).lower()
        if name in _WANTED and name not in found:  # the first of a repeated attribute counts
            value = match.group(2)
            if value is None:
                value = match.group(3) if match.group(3) is not None else (match.group(4) or "")
            found[name] = value
    return found


@dataclass(frozen=True)
class _Traits:
    """What an element's tag and attributes say of its contents."""

    lang: str | None
    skip: bool  # never text (a skipped tag, hidden, a skip class)
    chrome: bool  # page chrome kept with its article (share widget, breadcrumb)
    furniture: bool  # menus, sidebars… (not read outside an article)
    furniture_outside: bool  # furniture only outside an article and <main> (<header>, <footer>)
    article: bool
    main: bool


def _traits(name: str, raw: str, s: _Structure) -> _Traits:
    attributes = _attributes(raw) if "=" in raw or "hidden" in raw else {}
    tokens = attributes.get("class", "").lower().split() + attributes.get("id", "").lower().split()
    leading = [_leading(t) for t in tokens]
    role = attributes.get("role", "").lower().strip()
    label = attributes.get("aria-label", "").strip().lower()
    skip = (
        name in s.skip_tags
        or "hidden" in attributes
        or attributes.get("aria-hidden", "").strip().lower() == "true"
        or _HIDDEN_STYLE.search(attributes.get("style", "")) is not None
        or any(t in s.skip_classes for t in tokens)
    )
    chrome = label in s.chrome_aria or any(t in s.chrome_classes for t in tokens + leading)
    part = name in s.furniture_tags and name in s.article_parts
    furniture = (
        (name in s.furniture_tags and not part)
        or role in s.furniture_roles
        or any(t in s.furniture_classes for t in tokens)
        or any(t in s.furniture_prefixes for t in leading)
    )
    return _Traits(
        lang=attributes.get("lang") or attributes.get("xml:lang"),
        skip=skip,
        chrome=chrome,
        furniture=furniture,
        furniture_outside=part,
        article=name in s.article_tags or any(t in s.article_classes for t in tokens),
        main=name in s.main_tags or role in s.main_roles or any(t in s.main_classes for t in tokens),
    )


@dataclass
class _Open:
    name: str
    mode: int
    container: int  # the article element this one is in (its number), or -1
    main: bool
    heading: bool


@dataclass
class _Block:
    """A segment as read, before the page's articles are known."""

    segment: Segment
    container: int
    main: bool
    chrome: bool
    heading: str | None  # the heading's tag name (h1…), for titles


class _Walker:
    """One pass over the markup, collecting text blocks."""

    def __init__(self, text: str, base: int, mapping: Sequence[int] | None, structure: _Structure) -> None:
        self.text = text
        self.base = base
        self.mapping = mapping  # file offset of each character of ``text`` (WXR bodies with escaped markup)
        self.mapped_widths: Mapping[int, int] = {}
        self.structure = structure
        self.blocks: list[_Block] = []
        self.comments: list[Segment] = []
        self.page_lang: str | None = None
        self.page_title: str | None = None
        self.container_langs: dict[int, str | None] = {}
        self.containers = 0
        self.has_main = False
        self.stack: list[_Open] = []
        self.traits = structure.traits  # pages repeat their tags: each read once
        # the text being gathered: pieces, offsets (in ``text``), widths of references
        self.pieces: list[str] = []
        self.at: list[int] = []  # where each piece starts in ``text`` (a piece is contiguous there)
        self.wide: dict[int, int] = {}
        self.autop = False  # a blank line in text ends a paragraph (WordPress bodies without <p>)
        self.length = 0
        self.space = True  # the last character gathered is a space (or nothing was)

    # --- gathering text
    def _put(self, piece: str, at: int) -> None:
        self.pieces.append(piece)
        self.at.append(at)
        self.length += len(piece)

    def _put_ref(self, value: str, at: int, width: int) -> None:
        for ch in value:  # each character of the value stands where the reference does
            self._put(ch, at)
        self.wide[self.length - 1] = width
        self.space = value[-1:] == " "

    def data(self, start: int, end: int) -> None:
        """Text ``text[start:end]`` (references not yet decoded)."""
        if self.stack and self.stack[-1].mode == _SKIP:
            return
        text = self.text
        amp = text.find("&", start, end)
        while amp != -1:
            match = _REFERENCE.match(text, amp, end)
            value, width = _reference(match) if match is not None else (None, 0)
            if value is None:
                amp = text.find("&", amp + 1, end)
                continue
            self._plain(start, amp)
            self._put_ref(value, amp, width)
            start = amp + width
            amp = text.find("&", start, end)
        self._plain(start, end)

    def _plain(self, start: int, end: int) -> None:
        if start >= end:
            return
        text = self.text
        if _ODD_SPACE.search(text, start, end) is None:  # at most single spaces: copied as it is
            if text[start] == " " and self.space:
                start += 1
                if start == end:
                    return
            self._put(text[start:end], start)
            self.space = text[end - 1] == " "
            return
        at = start
        for match in _SPACES.finditer(text, start, end):
            a, b = match.span()
            if a > at:
                self._put(text[at:a], at)
                self.space = False
            if self.autop and text.count("\n", a, b) >= 2:  # a blank line: a new paragraph
                self.flush()
            elif not self.space:
                self._put(" ", a)
                self.space = True
            at = b
        if at < end:
            self._put(text[at:end], at)
            self.space = False

    def line_break(self, at: int, width: int) -> None:
        if self.stack and self.stack[-1].mode == _SKIP:
            return
        if self.pieces and self.pieces[-1] == " " and self.length - 1 not in self.wide:
            self.pieces.pop()  # a space before a <br> is not shown
            self.at.pop()
            self.length -= 1
        self._put("\n", at)
        self.wide[self.length - 1] = width
        self.space = True

    def flush(self) -> None:
        """End the text block being gathered: it becomes a segment."""
        if not self.pieces:
            self.space = True
            return
        pieces, ats, wide = self.pieces, self.at, self.wide
        self.pieces, self.at, self.wide, self.length, self.space = [], [], {}, 0, True
        text = "".join(pieces)
        lead = len(text) - len(text.lstrip(" \n"))
        trail = len(text.rstrip(" \n"))
        if trail <= lead:
            return
        top = self.stack[-1] if self.stack else None
        mode = top.mode if top else _TEXT
        container = top.container if top else -1
        if mode == _SKIP or (mode == _FURNITURE and container < 0):
            return
        segment = self._segment(text[lead:trail], pieces, ats, wide, lead)
        heading = next((o.name for o in reversed(self.stack) if o.heading), None)
        chrome = mode != _TEXT
        segment.kind = "label" if chrome else ("heading" if heading else "paragraph")
        self.blocks.append(_Block(segment, container, top.main if top else False, chrome, None if chrome else heading))

    def _segment(self, text: str, pieces: list[str], ats: list[int], wide: dict[int, int], lead: int) -> Segment:
        n = len(text)
        widths = {k - lead: w for k, w in wide.items() if lead <= k < lead + n}
        if self.mapping is not None:
            return self._mapped(text, pieces, ats, widths, lead)
        base = self.base
        if len(pieces) == 1 and not widths:  # one run of text: a slice of the file
            return Segment(text, base + ats[0] + lead)
        runs = OffsetRuns()
        contiguous, expected, pos = True, -1, 0
        for piece, at in zip(pieces, ats):
            a, b = max(lead - pos, 0), min(lead + n - pos, len(piece))
            pos += len(piece)
            if a >= b:
                continue
            if expected != -1 and at + a != expected:
                contiguous = False
            runs.add(base + at + a, b - a)
            expected = at + b
        first = runs[0]
        end = runs[n - 1] + widths.get(n - 1, 1)
        if contiguous and not widths:  # a verbatim slice of the file
            return Segment(text, first)
        return Segment(text, first, offsets=runs, end_offset=end, wide=widths or None)

    def _mapped(self, text: str, pieces: list[str], ats: list[int], widths: dict[int, int], lead: int) -> Segment:
        """A segment of markup that was itself decoded from the file (an
        escaped WXR body): ``mapping`` gives each input character's offset,
        ``mapped_widths`` the file length of those written as references."""
        mapping = self.mapping
        assert mapping is not None
        below = self.mapped_widths
        n = len(text)
        offsets: list[int] = []
        file_widths: dict[int, int] = {}
        pos = 0
        for piece, at in zip(pieces, ats):
            for k in range(len(piece)):
                index = pos + k - lead
                if 0 <= index < n:
                    start = at + k if len(piece) > 1 else at
                    last = start + widths.get(index, 1) - 1  # the last input character it is written with
                    offset = mapping[start]
                    width = mapping[last] + below.get(last, 1) - offset
                    offsets.append(offset)
                    if width != 1:
                        file_widths[index] = width
            pos += len(piece)
        end = offsets[-1] + file_widths.get(n - 1, 1)
        return Segment(text, offsets[0], offsets=offsets, end_offset=end, wide=file_widths or None)

    # --- elements
    def start(self, name: str, raw: str, at: int, end: int) -> None:
        if name == "br":
            self.line_break(at, end - at)
            return
        if name in _BLOCK:
            self.flush()
        if name in _VOID:
            return
        parent = self.stack[-1] if self.stack else None
        if parent is not None and (
            (parent.name == "p" and name in _CLOSES_P) or (parent.name == name and name in ("li", "dt", "dd", "option"))
        ):
            self.stack.pop()  # an end tag HTML lets a page leave out
            parent = self.stack[-1] if self.stack else None
        if len(self.stack) >= MAX_DEPTH:
            return
        key = (name, raw)
        traits = self.traits.get(key)
        if traits is None:
            traits = _traits(name, raw, self.structure)
            if len(raw) <= 512:  # kept after the file is read: long attributes (data URIs) are not
                if len(self.traits) >= _TRAITS_KEPT:  # a page of ever new attributes: memory stays bounded
                    self.traits.clear()
                self.traits[key] = traits
        if name == "html" and self.page_lang is None:
            self.page_lang = language_code(traits.lang)
        if parent is None:
            mode, container, main = _TEXT, -1, False
        else:
            mode, container, main = parent.mode, parent.container, parent.main
        if mode != _SKIP:
            if traits.skip:
                mode = _SKIP
            elif mode == _TEXT:
                if traits.chrome:
                    mode = _CHROME
                elif traits.furniture or (traits.furniture_outside and container < 0 and not main):
                    mode = _FURNITURE
        if mode == _TEXT and container < 0 and traits.article:
            container = self.containers
            self.containers += 1
            self.container_langs[container] = language_code(traits.lang)
        if traits.main and not main:
            main = self.has_main = True
        self.stack.append(_Open(name, mode, container, main, name in _HEADINGS))

    def end(self, name: str) -> None:
        if name == "br":  # </br> is read as <br>
            return
        if name in _BLOCK:
            self.flush()
        for depth in range(len(self.stack) - 1, max(len(self.stack) - 64, -1), -1):
            if self.stack[depth].name == name:  # an end tag with nothing open to match is ignored
                del self.stack[depth:]
                return

    def comment(self, start: int, end: int) -> None:
        body = self.text[start:end]
        if "tqa:" in body:  # only suppression comments are kept
            offset = self.base + start if self.mapping is None else self.mapping[start]
            segment = Segment(body, offset, "comment")
            if self.mapping is not None:
                segment.offsets = [self.mapping[k] for k in range(start, end)]
            self.blocks.append(_Block(segment, self.stack[-1].container if self.stack else -1, False, False, None))


def _reference(match: re.Match) -> tuple[str | None, int]:
    """(decoded text, length in the file) of a character reference; None
    when it is no reference (a lone ``&``)."""
    hexa, decimal, name = match.groups()
    if name is None:
        number = int(hexa, 16) if hexa is not None else int(decimal)
        return _codepoint(number), match.end() - match.start()
    if name in _HTML5:
        return _HTML5[name], len(name) + 1
    for k in range(len(name.rstrip(";")), 1, -1):  # legacy names without ";" (&copy2024, &nbsp)
        if name[:k] in _HTML5:
            return _HTML5[name[:k]], k + 1
    return None, 0


def _codepoint(number: int) -> str:
    if number == 0 or number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
        return "\ufffd"
    if 0x80 <= number <= 0x9F:  # the windows-1252 characters HTML reads them as
        try:
            return bytes([number]).decode("cp1252")
        except UnicodeDecodeError:
            return chr(number)
    return chr(number)


def walk(
    text: str,
    structure: _Structure,
    start: int = 0,
    end: int | None = None,
    base: int = 0,
    mapping: Sequence[int] | None = None,
) -> _Walker:
    """Read the markup ``text[start:end]``; offsets are ``base`` + index (or
    ``mapping[index]``)."""
    walker = _Walker(text, base, mapping, structure)
    _run(walker, start, len(text) if end is None else end)
    return walker


def fragment_segments(
    text: str,
    start: int,
    end: int,
    mapping: Sequence[int] | None,
    settings: SplitSettings,
    mapped_widths: Mapping[int, int] | None = None,
) -> list[Segment]:
    """The segments of ``text[start:end]``, markup that is all one
    article's (a CMS post's body): chrome in it is read as label lines, and
    a blank line in its text ends a paragraph, as WordPress shows it. With
    ``mapping``, character ``i`` of ``text`` stands at ``mapping[i]`` in the
    file, written there with ``mapped_widths.get(i, 1)`` characters."""
    walker = _Walker(text, 0, mapping, _structure(settings.chrome_classes, settings.skip_classes))
    walker.mapped_widths = mapped_widths or {}
    walker.autop = True
    walker.stack.append(_Open("body", _TEXT, 0, True, False))
    _run(walker, start, end)
    return [block.segment for block in walker.blocks]


def _run(walker: _Walker, start: int, end: int) -> None:
    text = walker.text
    search = _MARKUP.search
    at = start
    while at < end:
        match = search(text, at, end)
        if match is None:
            walker.data(at, end)
            break
        m_start, m_end = match.span()
        if m_start > at:
            walker.data(at, m_start)
        name = match.group(2) or match.group(5)
        at = m_end
        if name is None:
            if text.startswith("<!--", m_start):
                walker.comment(m_start, m_end)
            continue
        name = name.lower()
        closing = (match.group(1) or match.group(4)) == "/"
        if closing:
            walker.end(name)
            continue
        raw = match.group(3) if match.group(2) else match.group(6)
        if name in _RAW_TEXT or name == "plaintext":
            if name == "title" and walker.page_title is None:
                stop = _raw_end(text, name, at, end)
                title = " ".join(text[at:stop].split())
                walker.page_title = title or None
            if name == "plaintext":
                break
            at = _raw_end(text, name, at, end)
            close = text.find(">", at, end)
            at = end if close == -1 else close + 1
            continue
        walker.start(name, raw or "", m_start, m_end)
    walker.flush()


def _raw_end(text: str, name: str, at: int, end: int) -> int:
    pattern = _RAW_END.get(name)
    if pattern is None:
        pattern = _RAW_END[name] = re.compile(rf"</{name}[\t\n\f\r />]", re.I)
    match = pattern.search(text, at, end)
    return end if match is None else match.start()


def articles_of(walker: _Walker, settings: SplitSettings) -> list[Article]:
    """The page's articles from the blocks read."""
    blocks = walker.blocks
    if walker.containers:
        groups: dict[int, list[Segment]] = {}
        headings: dict[int, _Block] = {}  # the first title heading of each article
        order: list[int] = []
        pending: list[Segment] = []  # chrome before the first article
        last = -1
        for block in blocks:
            if block.container >= 0:
                if block.container not in groups:
                    groups[block.container] = list(pending)
                    pending = []
                    order.append(block.container)
                groups[block.container].append(block.segment)
                if block.heading in _TITLE_HEADINGS and block.container not in headings:
                    headings[block.container] = block
                last = block.container
            elif block.chrome or block.segment.kind == "comment":
                if last >= 0:
                    groups[last].append(block.segment)
                else:
                    pending.append(block.segment)
        result: list[Article] = []
        for container in order:
            segments = groups[container]
            if not any(s.is_prose for s in segments):
                continue
            heading = headings.get(container)
            title = None
            if heading is not None:
                heading.segment.kind = "title"
                title = heading.segment.text.strip()
            result.append(
                Article(
                    index=len(result),
                    title=title,
                    segments=segments,
                    start=segments[0].start,
                    end=segments[-1].end,
                    lang=walker.container_langs.get(container),
                )
            )
        if result:
            return result
    chosen = [b for b in blocks if b.main or b.chrome] if walker.has_main else blocks
    segments = [b.segment for b in chosen]
    heading = next((b for b in chosen if b.heading in _TITLE_HEADINGS), None)
    if heading is not None:
        heading.segment.kind = "title"
    articles = split(segments, settings)
    if len(articles) == 1 and articles[0].title is None and walker.page_title:
        articles[0].title = walker.page_title
    return articles


def read_markup(
    path: str, source: SourceText, settings: SplitSettings, start: int = 0, end: int | None = None
) -> tuple[list[Article], str | None]:
    """The articles of the HTML ``source.text[start:end]`` and the page's language."""
    structure = _structure(settings.chrome_classes, settings.skip_classes)
    walker = walk(source.text, structure, start, end, base=0)
    return articles_of(walker, settings), walker.page_lang


def _read(path: str, source: SourceText, settings: SplitSettings) -> Document:
    articles, lang = read_markup(path, source, settings)
    for article in articles:
        article.slug = f"{path}#{article.index + 1}"
        article.lang = article.lang or lang
    segments = [s for a in articles for s in a.segments]
    return Document(
        path=path, source=source, articles=articles, format="html", suppressions=markdown.suppressions(segments)
    )


# --- the encoding

_META = re.compile(
    rb"<meta[^>]{0,1000}?charset[\t\n\f\r ]*=[\t\n\f\r ]*[\"']?[\t\n\f\r ]*([A-Za-z0-9._:\-]{1,40})", re.I
)
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
# what HTML allows a page to declare (codecs' names): text encodings only,
# never a Python codec that decompresses or evaluates (zlib, base64, …)
_ALLOWED = frozenset(
    codecs.lookup(name).name
    for name in (
        "utf-8 utf-16-le utf-16-be cp1250 cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 iso8859-2 "
        "iso8859-3 iso8859-4 iso8859-5 iso8859-6 iso8859-7 iso8859-8 iso8859-10 iso8859-13 iso8859-14 iso8859-15 "
        "iso8859-16 koi8-r koi8-u cp866 mac-cyrillic cp874 gbk gb18030 big5 shift_jis euc-jp iso2022-jp euc-kr "
        "kz1048 ptcp154"
    ).split()
)
# HTML reads these labels as another encoding (the WHATWG Encoding standard)
_READ_AS = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}


def declared_encoding(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (comments skipped)."""
    head = _COMMENT.sub(b"", data[:4096])
    match = _META.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def decode_page(path: str, data: bytes) -> str:
    """The text of an HTML file: BOM, else declared charset, else UTF-8."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(path, data)
    if b"\0" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not a web page")
    label = declared_encoding(data)
    if label is None or label.replace("_", "-") in ("utf-8", "utf8", "unicode-1-1-utf-8"):
        return _strict(path, data, "utf-8", label)
    label = _READ_AS.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        raise InputError(path, f"declares charset {label!r}, which is no known text encoding", 1) from None
    if codec.startswith("utf-16"):  # a page without a BOM that says UTF-16 is read as UTF-8 (HTML standard)
        return _strict(path, data, "utf-8", label)
    if codec not in _ALLOWED:
        raise InputError(path, f"declares charset {label!r}, which is not an encoding web pages use", 1)
    if codec != "utf-8" and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise InputError(
                path, f"declares charset {label!r}, but its text is UTF-8: a browser shows it garbled (fix the <meta>)"
            )
    return _strict(path, data, codec, label)


def _strict(path: str, data: bytes, codec: str, label: str | None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        said = f"declares charset {label!r}, but" if label else "declares no charset and"
        raise InputError(
            path, f"{said} byte 0x{data[exc.start]:02x} at byte {exc.start} is not {codec.upper()}", line
        ) from None


def encode_page(original: bytes, text: str) -> bytes:
    """``text`` written back as the page ``original`` was encoded (for ``tqa fix``)."""
    if original.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        from .base import encode_like

        return encode_like(original, text)
    label = declared_encoding(original)
    codec = "utf-8"
    if label is not None:
        try:
            found = codecs.lookup(_READ_AS.get(label, label)).name
        except LookupError:
            found = "utf-8"
        codec = found if found in _ALLOWED and not found.startswith("utf-16") else "utf-8"
    return text.encode(codec)


@dataclass(frozen=True)
class HtmlReader:
    """Web pages: decodes its own bytes (``<meta charset>``), builds its articles."""

    format: str = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")
    escaped: str = ESCAPED

    def read(self, path: str, source: SourceText, split_settings: SplitSettings) -> Document:
        return _read(path, source, split_settings)

    def read_bytes(self, path: str, data: bytes, split_settings: SplitSettings) -> Document:
        return _read(path, SourceText(decode_page(path, data)), split_settings)

    def text_of(self, path: str, data: bytes) -> str:
        return decode_page(path, data)

    def encode(self, original: bytes, text: str) -> bytes:
        return encode_page(original, text)


READER = HtmlReader()
