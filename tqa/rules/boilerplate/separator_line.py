"""TQA604 separator-line: Separator line of underscores, dashes or similar (``_________``)."""

from __future__ import annotations

import regex

from .. import rule
from ._shared import line_problems

_SEPARATOR = regex.compile(r"^\s*([_=~*\-—–•·#+])\1{2,}\s*$")


@rule("TQA604", "separator-line", "boilerplate", "warning")
def separator(article, ctx):
    """Separator line of underscores, dashes or similar (``_________``).

    Rules drawn with characters come from the layout of the source page or a
    Word document; they print as stray characters in the published text.
    (In Markdown, ``---`` is markup and is not reported.)

    Fails (en):
        ⟦_________⟧ → ∅
        ⟦==========⟧ → ∅

    Passes (en):
        The score was 3 - 1.
        __init__ is a Python method.
    """
    yield from line_problems(article, _SEPARATOR, "separator line left from the layout")
