"""Markdown: headings, paragraphs, code and front matter kept apart.

Rules read headings and paragraphs. Fenced and indented code, HTML comments
and thematic breaks become segments of their own kinds, which prose rules
skip. The YAML front matter's ``title:`` becomes the article's title, its
``lang:`` the article's language, and its ``source:`` names the original
the file translates (``original_named``; the engine reads it). An
HTML comment ``<!-- tqa: ignore RULE reason -->`` silences a rule on the
next paragraph.
"""

from __future__ import annotations

import regex

from ..model import Segment, SourceText, Suppression
from .interface import SegmentReader

_FENCE = regex.compile(r"^ {0,3}(`{3,}|~{3,})")
# Headings, the front matter's title and suppression comments are taken
# apart with a regex for their fixed start and plain string work for the
# rest: a lazy ``(.*?)`` before optional trailing blanks retries at every
# character, quadratic in a line of spaces (a 40,000-space heading took 49 s).
_HEADING = regex.compile(r" {0,3}(#{1,6})[ \t]+")
_SETEXT = regex.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# A list item's marker: a bullet, or a number and ``.`` or ``)``, then blanks
# and the item's text.
_ITEM = regex.compile(r"([ \t]*)([-*+]|(\d{1,9})[.)])[ \t]+(?=\S)")
_FRONT_TITLE = regex.compile(r"title:[ \t]*")
_FRONT_LANG = regex.compile(r"^(?:lang|language):[ \t]*(['\"]?)([A-Za-z]{2,3})(?:[-_][A-Za-z]+)?\1[ \t]*$")


def language(source: SourceText) -> str | None:
    """The ``lang:`` (or ``language:``) of the YAML front matter, if any."""
    if source.line_count < 2 or source.line_text(1).strip() != "---":
        return None
    for number in range(2, source.line_count + 1):
        line = source.line_text(number)
        if line.strip() in ("---", "..."):
            return None
        match = _FRONT_LANG.match(line)
        if match:
            return match.group(2).lower()
    return None


# A file's head read for its front matter's ``source:`` before the run
# (whether the result cache may be used): front matter longer than this is
# not looked at there, and the run checks the pair all the same.
HEAD_BYTES = 65536


def original_named(source: SourceText) -> str | None:
    """The ``source:`` of the YAML front matter (the original this file
    translates, relative to the file), quotes taken off; None without one
    or without a closing fence."""
    if source.line_count < 2 or source.line_text(1).strip() != "---":
        return None
    named = None
    for number in range(2, source.line_count + 1):
        line = source.line_text(number)
        if line.strip() in ("---", "..."):
            return named
        if named is None and line.startswith("source:"):
            value = line[len("source:") :].strip(" \t\r")
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            named = value or None
    return None


def names_original(head: bytes) -> bool:
    """Does a Markdown file whose first bytes are ``head`` name its
    original in its front matter?"""
    if not head.startswith(b"---"):
        return False
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    if original_named(SourceText(text)) is not None:
        return True
    # front matter that runs past the head: it may name one further on
    return len(head) >= HEAD_BYTES and b"\nsource:" in head


def _heading(line: str) -> tuple[int, str] | None:
    """(where the text starts, the text) of an ATX heading line: after the
    ``#`` marks and blanks, before an optional closing run of ``#`` that
    follows a blank, trailing blanks left out."""
    start = _HEADING.match(line)
    if start is None:
        return None
    text = line[start.end() :].rstrip(" \t")
    opened = text.rstrip("#")
    if opened != text and opened[-1:] in (" ", "\t"):
        text = opened.rstrip(" \t")
    return start.end(), text


def _is_break(line: str) -> bool:
    """A thematic break: up to three spaces, then three or more of one of
    ``-*_``, blanks between and after them (a regex with a backreference in a
    repeated group took 9 s on a 200,000-character ``- - - … x``)."""
    body = line.lstrip(" ")
    if len(line) - len(body) > 3 or body[:1] not in ("-", "*", "_"):
        return False
    mark = body[0]
    return body.count(mark) >= 3 and not body.replace(mark, "").strip(" \t")


def _front_title(line: str) -> tuple[int, str] | None:
    """(where the value starts, the value) of a ``title:`` line, its
    quotes (a matching pair) and trailing blanks left out."""
    key = _FRONT_TITLE.match(line)
    if key is None:
        return None
    value = line[key.end() :].rstrip(" \t")
    if len(value) >= 2 and value[0] in "'\"" and value[-1] == value[0]:
        return key.end() + 1, value[1:-1]
    return key.end(), value


def _item(line: str, in_list: bool, interrupts: bool) -> int | None:
    """Where the text of the list item that ``line`` starts begins (its
    content column), or None. Inside a list an item may be indented (a
    nested list); outside, by three spaces at most. A paragraph that is no
    list item is broken off by a bullet item or one numbered 1 only
    (CommonMark: "2024. " at the start of a wrapped line goes on the
    paragraph)."""
    match = _ITEM.match(line)
    if match is None:
        return None
    if not in_list and len(match.group(1).expandtabs(4)) > 3:
        return None
    if interrupts and match.group(3) is not None and int(match.group(3)) != 1:
        return None
    return len(line[: match.end()].expandtabs(4))


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _lines(source: SourceText):
    """(start offset, text without line ending) of every line."""
    for number, start in enumerate(source.line_starts, 1):
        yield start, source.line_text(number)


def read(path: str, source: SourceText) -> list[Segment]:
    lines = list(_lines(source))
    segments: list[Segment] = []
    i = 0
    if lines and lines[0][1].strip() == "---":
        i = _front_matter(lines, segments)
    block: list[tuple[int, str]] = []

    def flush(kind: str = "paragraph") -> None:
        if block:
            start = block[0][0]
            end = block[-1][0] + len(block[-1][1])
            segments.append(Segment(source.text[start:end], start, kind))
            block.clear()

    # the content column of the list item last met, while its list goes on:
    # a line indented to it after a blank line is the item's next paragraph,
    # not indented code
    item_column: int | None = None
    block_is_item = False
    while i < len(lines):
        start, line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush()
            item_column = None
            j = i + 1
            while j < len(lines) and not lines[j][1].lstrip().startswith(fence.group(1)):
                j += 1
            end_line = min(j, len(lines) - 1)
            end = lines[end_line][0] + len(lines[end_line][1])
            segments.append(Segment(source.text[start:end], start, "code"))
            i = j + 1
            continue
        if line.lstrip().startswith("<!--"):
            flush()
            j = i
            while j < len(lines) - 1 and "-->" not in lines[j][1]:
                j += 1
            end = lines[j][0] + len(lines[j][1])
            segments.append(Segment(source.text[start:end], start, "comment"))
            i = j + 1
            continue
        heading = _heading(line)
        if heading:
            flush()
            item_column = None
            segments.append(Segment(heading[1], start + heading[0], "heading"))
        elif block and _SETEXT.match(line):
            flush("heading")
        elif _is_break(line):
            flush()
            item_column = None
            segments.append(Segment(line, start, "break"))
        elif not line.strip(" \t"):
            flush()
        elif (
            not block and line.startswith(("    ", "\t")) and (item_column is None or _indent(line) >= item_column + 4)
        ):
            item_column = None
            segments.append(Segment(line, start, "code"))
        else:
            in_list = item_column is not None or block_is_item
            column = _item(line, in_list, bool(block) and not block_is_item)
            if column is not None:
                flush()  # each list item is a paragraph of its own
                item_column = column
            elif not block and item_column is not None and _indent(line) < item_column:
                item_column = None  # the list is over
            if not block:
                block_is_item = column is not None
            block.append((start, line))
        i += 1
    flush()
    return segments


def _front_matter(lines, segments: list[Segment]) -> int:
    """Skip YAML front matter, keeping its ``title:`` as a title segment."""
    titles: list[Segment] = []
    for j in range(1, len(lines)):
        start, line = lines[j]
        if line.strip() in ("---", "..."):
            segments.extend(titles)
            return j + 1
        title = _front_title(line)
        if title and title[1]:
            titles.append(Segment(title[1], start + title[0], "title"))
    return 0  # no closing fence: not front matter after all


# the comment up to its rules (matched up to ``-->``): what follows them is
# blank or starts with a blank (the reason)
_SUPPRESS = regex.compile(r"<!--\s*tqa:\s*ignore\s+([\w-]+(?:\s*,\s*[\w-]+)*)(?=\s|$)", regex.IGNORECASE)


def _suppression(comment: str) -> tuple[str, str] | None:
    """(rules, reason) of ``<!-- tqa: ignore RULE[, RULE] reason -->``."""
    if not comment.endswith("-->"):
        return None
    match = _SUPPRESS.match(comment, 0, len(comment) - 3)
    if match is None:
        return None
    return match.group(1), comment[match.end() : len(comment) - 3]


def suppressions(segments: list[Segment]) -> list[Suppression]:
    """``<!-- tqa: ignore RULE[, RULE] reason -->`` silences those rules on
    the next paragraph or heading (the form of PO comments, in HTML)."""
    found = []
    following = None  # the first segment after this one that is not a comment
    after: list[Segment | None] = [None] * len(segments)
    for i in range(len(segments) - 1, -1, -1):  # one pass, not a search per comment
        after[i] = following
        if segments[i].kind != "comment":
            following = segments[i]
    for i, segment in enumerate(segments):
        match = _suppression(segment.text.strip()) if segment.kind == "comment" else None
        if match is None:
            continue
        following = after[i]
        start, end = (following.start, following.end) if following else (segment.end, segment.end)
        rules = frozenset(r.strip() for r in match[0].split(",") if r.strip())
        at = segment.start + len(segment.text) - len(segment.text.lstrip())
        found.append(Suppression(rules, start, end, at, at + len(segment.text.strip()), reason=match[1].strip()))
    return found


READER = SegmentReader(
    format="markdown", suffixes=(".md", ".markdown"), segments=read, language=language, suppressions=suppressions
)
