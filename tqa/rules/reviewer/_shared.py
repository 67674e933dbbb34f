"""What the reviewer rules share."""

from __future__ import annotations

from functools import lru_cache

import regex

from ...text.resources import alternation, flatten, load

INLINE_SPACE = r"[ \t\u00a0]"


@lru_cache(maxsize=1)
def word_comment_pattern() -> regex.Pattern:
    labels = alternation(flatten(load("reviewer_markers")["word_comment_labels"]))
    # label, then "[AB1]" or "([U1])", then a colon; the comment runs to the
    # end of the line.
    return regex.compile(
        rf"(?<!\w)(?:{labels}){INLINE_SPACE}*\(?\[[\p{{L}}\p{{N}}_.-]{{1,16}}\]\)?{INLINE_SPACE}*[:：](?P<body>[^\n]*)",
        regex.IGNORECASE | regex.V1,
    )


@lru_cache(maxsize=1)
def track_change_pattern() -> regex.Pattern:
    labels = alternation(flatten(load("reviewer_markers")["track_change_labels"]))
    return regex.compile(
        rf"^{INLINE_SPACE}*(?:{labels}){INLINE_SPACE}*:(?:{INLINE_SPACE}+\S.*|{INLINE_SPACE}*)$", regex.V1
    )
