"""TQA206 hidden-text: Hidden text in a Word document (formatted as hidden: not shown, not printed, but in the file)."""

from __future__ import annotations

from ...model import Problem
from .. import rule
from ._shared import quoted, review_marks


@rule("TQA206", "hidden-text", "reviewer-comment", "warning", hides_inside=False)
def hidden_text(article, ctx):
    """Hidden text in a Word document (formatted as hidden: not shown, not printed, but in the file).

    Translators hide the source sentence, a note or a rejected version
    instead of deleting it; Word does not show it, but a copy to the CMS
    or an export may carry it into the page. It is not visible text, so it
    is reported where it stands (no width), with its words in the message.

    Fails (en):
        <w:p><w:r><w:t xml:space="preserve">The plant opened. </w:t></w:r>⟦⟧<w:r><w:rPr><w:vanish/></w:rPr><w:t>Завод открылся.</w:t></w:r></w:p>

    Fails (kk):
        <w:p><w:r><w:t xml:space="preserve">Зауыт ашылды. </w:t></w:r>⟦⟧<w:r><w:rPr><w:vanish/></w:rPr><w:t>ескерту: күнін тексеру</w:t></w:r></w:p>

    Passes (en):
        <w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>The plant opened.</w:t></w:r></w:p>
    """
    for mark in review_marks(article, ctx, ("hidden",)):
        yield Problem(mark.start, mark.end, f"hidden text in the document: {quoted(mark.text)}")
