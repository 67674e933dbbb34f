"""What the boilerplate rules share."""

from __future__ import annotations

from .. import iter_lines


def leftover_lines(article, pattern):
    """(segment, index, line) of each line ``pattern`` matches, unless the
    segment translates a source with such a line: in a catalog, msgid
    "Share" -> msgstr "Поделиться" is the site's own button, translated."""
    for segment, index, line in iter_lines(article):
        if pattern.match(line) and not in_source(segment, pattern):
            yield segment, index, line


def in_source(segment, pattern) -> bool:
    meta = segment.meta
    if not meta or "source" not in meta:
        return False
    sources = (meta["source"], meta.get("source_plural") or "")
    return any(pattern.match(line.rstrip("\r")) for source in sources for line in source.split("\n"))


def line_problems(article, pattern, message):
    for segment, index, line in leftover_lines(article, pattern):
        stripped_start = len(line) - len(line.lstrip())
        end = len(line.rstrip())
        yield segment.problem(index + stripped_start, index + end, message, "")
