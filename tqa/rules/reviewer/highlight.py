"""TQA207 highlight: Highlighter mark left on text in a Word document (a reviewer's note, by house style)."""

from __future__ import annotations

from ...model import Problem
from .. import Option, rule
from ._shared import review_marks


@rule(
    "TQA207",
    "highlight",
    "reviewer-comment",
    "warning",
    hides_inside=False,
    options={
        "is_note": Option(bool, True, "A highlight is a reviewer's note to clear before publishing (house style)."),
        "allowed_colors": Option(
            list,
            [],
            "Highlight colours the house style uses for something else (Word's names: yellow, green, cyan…): not reported.",
            items=str,
        ),
    },
)
def highlight(article, ctx):
    """Highlighter mark left on text in a Word document (a reviewer's note, by house style).

    Editors highlight what the translator must look at again; a highlight
    left in the document means the look has not been taken (or the mark not
    cleared). Where the house style uses highlights for something else, the
    option ``is_note = false`` turns the rule off, and ``allowed_colors``
    spares the colours that mean something else.

    Fails (en):
        <w:p><w:r><w:t xml:space="preserve">The budget is </w:t></w:r><w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>⟦$2 billion⟧</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>

    Fails (ru):
        <w:p><w:r><w:rPr><w:highlight w:val="green"/></w:rPr><w:t>⟦Бюджет⟧</w:t></w:r><w:r><w:t xml:space="preserve"> составит 2 млрд.</w:t></w:r></w:p>

    Passes (en):
        <w:p><w:r><w:rPr><w:highlight w:val="none"/></w:rPr><w:t>The budget is $2 billion.</w:t></w:r></w:p>
    """
    if not ctx.options.get("is_note", True):
        return
    allowed = {c.lower() for c in ctx.options.get("allowed_colors", ())}
    for mark in review_marks(article, ctx, ("highlight",)):
        if mark.detail.lower() not in allowed:
            yield Problem(mark.start, mark.end, f"{mark.detail} highlight left on the text")
