"""TQA302 repeated-title: Title repeated as the article's first paragraph, or the same title twice on one page."""

from __future__ import annotations

from ...text.nearduplicates import normalized
from .. import rule
from ._shared import line_of, trimmed


@rule("TQA302", "repeated-title", "duplicate", "warning", hides_inside=False)
def repeated_title(article, ctx):
    """Title repeated as the article's first paragraph, or the same title twice on one page.

    Fails (en):
        Kazakh President arrives in New York⏎⏎⟦Kazakh President arrives in New York⟧⏎⏎The President arrived on Monday. → ∅

    Passes (en):
        Kazakh President arrives in New York⏎⏎The President arrived in New York on Monday for a working visit.
    """
    title = next((s for s in article.segments if s.kind in ("title", "heading") and s.text.strip()), None)
    if title is None:
        return
    key = normalized(title.text)
    first_paragraph = next((s for s in article.segments if s.kind == "paragraph" and s.start > title.start), None)
    if first_paragraph is not None and normalized(first_paragraph.text) == key:
        lead, trail = trimmed(first_paragraph)
        yield first_paragraph.problem(
            lead, trail, "the title is repeated as the first paragraph", "", related=[title.start]
        )
    for earlier in ctx.document.articles[: article.index]:
        other = next((s for s in earlier.segments if s.kind in ("title", "heading")), None)
        if other is not None and normalized(other.text) == key:
            lead, trail = trimmed(title)
            yield title.problem(
                lead, trail, f"the same title already stands at line {line_of(ctx, other)}", related=[other.start]
            )
            break
