"""Markdown: headings, paragraphs, code and front matter kept apart.

Rules read headings and paragraphs. Fenced and indented code, HTML comments
and thematic breaks become segments of their own kinds, which prose rules
skip. The YAML front matter's ``title:`` becomes the article's title. An
HTML comment ``<!-- tqa: ignore RULE reason -->`` silences a rule on the
next paragraph.
"""

from __future__ import annotations

import regex

from ..model import Segment, SourceText, Suppression

_FENCE = regex.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = regex.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_BREAK = regex.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = regex.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FRONT_TITLE = regex.compile(r"^title:[ \t]*(['\"]?)(.*?)\1[ \t]*$")
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

    while i < len(lines):
        start, line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush()
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
        heading = _HEADING.match(line)
        if heading:
            flush()
            text_start = start + heading.start(2)
            segments.append(Segment(heading.group(2), text_start, "heading"))
        elif block and _SETEXT.match(line):
            flush("heading")
        elif _BREAK.match(line):
            flush()
            segments.append(Segment(line, start, "break"))
        elif not line.strip(" \t"):
            flush()
        elif not block and line.startswith(("    ", "\t")):
            segments.append(Segment(line, start, "code"))
        else:
            block.append((start, line))
        i += 1
    flush()
    return segments


def _front_matter(lines, segments: list[Segment]) -> int:
    """Skip YAML front matter, keeping its ``title:`` as a title segment."""
    titles = []
    for j in range(1, len(lines)):
        start, line = lines[j]
        if line.strip() in ("---", "..."):
            segments.extend(titles)
            return j + 1
        title = _FRONT_TITLE.match(line)
        if title and title.group(2):
            titles.append(Segment(title.group(2), start + title.start(2), "title"))
    return 0  # no closing fence: not front matter after all


_SUPPRESS = regex.compile(r"<!--\s*tqa:\s*ignore\s+([\w-]+(?:\s*,\s*[\w-]+)*)(?:\s+(.*?))?\s*-->",
                          regex.IGNORECASE | regex.DOTALL)


def suppressions(segments: list[Segment]) -> list[Suppression]:
    """``<!-- tqa: ignore RULE[, RULE] reason -->`` silences those rules on
    the next paragraph or heading (the form of PO comments, in HTML)."""
    found = []
    for i, segment in enumerate(segments):
        match = _SUPPRESS.fullmatch(segment.text.strip()) if segment.kind == "comment" else None
        if match is None:
            continue
        following = next((s for s in segments[i + 1:] if s.kind != "comment"), None)
        start, end = (following.start, following.end) if following else (segment.end, segment.end)
        rules = frozenset(r.strip() for r in match.group(1).split(",") if r.strip())
        at = segment.start + len(segment.text) - len(segment.text.lstrip())
        found.append(Suppression(rules, start, end, at, at + len(segment.text.strip()),
                                 reason=(match.group(2) or "").strip()))
    return found
