"""TQA707 broken-sentence: Sentence broken across two paragraphs (a paragraph stops mid-sentence and the next one goes on)."""

from __future__ import annotations

from functools import lru_cache

import regex

from .. import rule
from ._shared import function_words_of

_TERMINAL = ".!?…:;\"”»’')]」』。！？"


@lru_cache(maxsize=1)
def _leaks():
    from ..reviewer._shared import track_change_pattern, word_comment_pattern

    return word_comment_pattern(), track_change_pattern()


@rule("TQA707", "broken-sentence", "typography", "warning")
def broken_sentence(article, ctx):
    """Sentence broken across two paragraphs (a paragraph stops mid-sentence and the next one goes on).

    A paragraph that ends without terminal punctuation and is followed by one
    starting in lower case, or that ends on a function word (``and``,
    ``of``, ``и``…), lost its line join. Leaked reviewer comments at the end
    are ignored when judging where the paragraph ends.

    Fails (en):
        Title⏎⏎They were offered Lush eco-shampoo, which costs £ 7, and Head ⟦and⟧⏎⏎Shoulders, which costs £ 1.
        Title⏎⏎The exhibition of the Embassy ⟦of⟧⏎⏎the Republic of Kazakhstan opened.

    Passes (en):
        Title⏎⏎WE ALSO PLASTIC⏎⏎Non-recyclable packaging is plastic bottles.
        Title⏎⏎The list includes:⏎⏎the ministry and the agency.
    """
    words = function_words_of(ctx.lang)
    comment, track = _leaks()
    prose = [s for s in article.segments if s.kind in ("paragraph", "title", "heading", "label")]
    for segment, following in zip(prose, prose[1:]):
        if segment.kind != "paragraph" or following.kind != "paragraph":
            continue
        text = comment.sub("", segment.text)
        text = "\n".join(line for line in text.split("\n") if not track.match(line)).rstrip()
        if not text or text[-1] in _TERMINAL or text.lstrip().startswith(("-", "*", "•")):
            continue
        last = regex.search(r"(\p{L}+)\W*$", text)
        if last is None:
            continue
        next_text = following.text.lstrip()
        continues = next_text[:1].islower()
        dangling = last.group(1).casefold() in words and last.group(1) != last.group(1).upper()
        if continues or dangling:
            line = ctx.document.source.position(following.start)[0]
            yield segment.problem(
                last.start(1),
                last.end(1),
                f"paragraph stops mid-sentence after {last.group(1)!r}; it seems to go on at line {line}",
                related=[following.start],
            )
