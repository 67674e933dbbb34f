"""Splitting a scraped listing page into its articles.

Listing pages put share-button rows around each teaser, so after scraping a
page reads::

    Home Blog Page 3          <- chrome before the first article
    First title
    Тарату:                   <- boundary label
    body ...
    Тарату:
    Second title              <- a lone short line between two labels
    Тарату:
    body ...

A *title* is the last paragraph before the first boundary, or a single short
line standing alone between two boundaries. Each article runs from its title
to the paragraph before the next title; chrome before the first title belongs
to the first article. Which lines are boundaries is data (the share labels of
``data/page_chrome.yaml`` plus config), never one hard-coded label.
A file without such structure is one article titled by its first line.

A paragraph of more than ``MAX_SEGMENT`` characters (one 50 MB line, a
file without a blank line) is cut into segments of at most that many, at a
line break or a space where there is one: every rule then works on pieces
of bounded size, so what one of them builds per segment (a tuple per word,
a sentence list, a language profile) stays small however big the file.
Prose has no paragraphs that long.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Article, Segment
from ..text.chrome import share_label_line


@dataclass(frozen=True)
class SplitSettings:
    enabled: bool = True
    extra_labels: tuple[str, ...] = field(default_factory=tuple)
    max_title_length: int = 300
    min_boundaries: int = 2
    # web pages: more class names of page chrome (read as label lines) and of
    # elements never read (data/html_structure.yaml has the shipped ones)
    chrome_classes: tuple[str, ...] = ()
    skip_classes: tuple[str, ...] = ()


def _is_title_like(segment: Segment, settings: SplitSettings) -> bool:
    text = segment.text.strip()
    return (
        segment.is_prose and segment.kind != "label" and 0 < len(text) <= settings.max_title_length and "\n" not in text
    )


def find_titles(segments: list[Segment], settings: SplitSettings) -> list[int]:
    """Indexes of the segments that open an article on a listing page."""
    if not settings.enabled:
        return []
    pattern = share_label_line(settings.extra_labels)
    boundaries = [i for i, s in enumerate(segments) if s.is_prose and pattern.match(s.text)]
    if len(boundaries) < settings.min_boundaries:
        return []
    for i in boundaries:
        segments[i].kind = "label"
    titles = []
    before_first = [i for i in range(boundaries[0]) if segments[i].is_prose]
    if before_first and _is_title_like(segments[before_first[-1]], settings):
        titles.append(before_first[-1])
    for left, right in zip(boundaries, boundaries[1:]):
        between = [i for i in range(left + 1, right) if segments[i].is_prose]
        has_body_after = right + 1 < len(segments)
        if len(between) == 1 and has_body_after and _is_title_like(segments[between[0]], settings):
            titles.append(between[0])
    return titles


MAX_SEGMENT = 100_000  # characters; a long paragraph of prose has a few thousand


def bounded(segments: list[Segment], limit: int = MAX_SEGMENT) -> list[Segment]:
    """``segments`` with each verbatim one longer than ``limit`` cut into
    consecutive pieces of at most ``limit`` characters: at the last line
    break of the second half of a piece, else at its last space, else at
    the limit. (A segment that maps its characters one by one, read from an
    escaped format, stays whole: its reader bounds it.)"""
    if all(len(s.text) <= limit or s.offsets is not None for s in segments):
        return segments
    result = []
    for segment in segments:
        if len(segment.text) <= limit or segment.offsets is not None:
            result.append(segment)
            continue
        text = segment.text
        pieces = list(cuts(text, 0, len(text), limit))
        for at, cut in pieces[:-1]:
            result.append(replace(segment, text=text[at:cut], start=segment.start + at, end_offset=None))
        at = pieces[-1][0]
        result.append(replace(segment, text=text[at:], start=segment.start + at))
    return result


def cuts(text: str, start: int, end: int, limit: int = MAX_SEGMENT):
    """(start, end) of the pieces ``bounded`` cuts ``text[start:end]`` into
    (one piece when it is short enough). A reader may cut a paragraph of
    its file so itself, without first copying it whole."""
    at = start
    while end - at > limit:
        cut = text.rfind("\n", at + limit // 2, at + limit)
        if cut == -1:
            cut = max(text.rfind(" ", at + limit // 2, at + limit), text.rfind("\t", at + limit // 2, at + limit))
        cut = cut + 1 if cut != -1 else at + limit
        yield at, cut
        at = cut
    yield at, end


def split(segments: list[Segment], settings: SplitSettings) -> list[Article]:
    """Group a document's segments into articles."""
    if not segments:
        return []
    segments = bounded(segments)
    titles = find_titles(segments, settings)
    if not titles:
        return [_single_article(segments)]
    articles = []
    starts = [0] + titles[1:]
    ends = titles[1:] + [len(segments)]
    for index, (first, title_at, stop) in enumerate(zip(starts, titles, ends)):
        segments[title_at].kind = "title"
        members = segments[first:stop]
        articles.append(
            Article(
                index=index,
                title=segments[title_at].text.strip(),
                segments=members,
                start=members[0].start,
                end=members[-1].end,
            )
        )
    return articles


def _single_article(segments: list[Segment]) -> Article:
    titled = next((s for s in segments if s.kind == "title"), None)
    if titled is None:
        first = next((s for s in segments if s.is_prose), None)
        if first is not None and "\n" not in first.text.strip():
            first.kind = "title" if first.kind == "paragraph" else first.kind
        title = first.text.strip().split("\n", 1)[0].strip() if first is not None else None
    else:
        title = titled.text.strip()
    return Article(index=0, title=title, segments=segments, start=segments[0].start, end=segments[-1].end)
