"""What the duplicate rules share."""

from __future__ import annotations

from ...text.nearduplicates import normalized, word_count


def comparable_paragraphs(article, min_words: int):
    """(index in the article's segments, segment, normalised text) of each
    paragraph long enough to compare."""
    for index, segment in enumerate(article.segments):
        # at least min_words words: splitting stops there (a paragraph has a hundred);
        # Chinese, Japanese and Thai write no spaces: their letters are counted
        if (
            segment.kind == "paragraph"
            and segment.is_prose
            and (len(segment.text.split(None, min_words - 1)) >= min_words or word_count(segment.text) >= min_words)
        ):
            yield index, segment, normalized(segment.text)


def trimmed(segment):
    text = segment.text
    return len(text) - len(text.lstrip()), len(text.rstrip())


def line_of(ctx, segment) -> int:
    return ctx.document.source.position(segment.start)[0]
