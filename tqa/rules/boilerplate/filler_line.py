"""TQA605 filler-line: Line holding only no-break or zero-width spaces."""

from __future__ import annotations

import regex

from .. import rule
from ._shared import leftover_lines

# Spaces that are not ASCII blanks: a line of these looks empty but is not.
_FILLER = regex.compile(r"^[ \t]*[\u00a0\u2007\u202f\u200b\u2060\u3000\ufeff][\s\u200b\u2060\ufeff]*$")


@rule("TQA605", "filler-line", "boilerplate", "info")
def filler(article, ctx):
    """Line holding only no-break or zero-width spaces.

    Such lines come from HTML ``&nbsp;`` paragraphs. They look blank but
    count as paragraphs in CMSs and in e-mail, making uneven gaps.

    Fails (en):
        ⟦\u00a0⟧ → ∅

    Passes (en):
        Temperature: 25\u00a0°C.
    """
    for segment, index, line in leftover_lines(article, _FILLER):
        start = len(line) - len(line.lstrip(" \t"))
        yield segment.problem(index + start, index + len(line), "line of invisible spaces (no-break or zero-width)", "")
