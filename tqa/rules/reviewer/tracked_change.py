"""TQA205 tracked-change: Tracked change in a Word document not accepted or rejected (insertion, deletion, move, formatting)."""

from __future__ import annotations

from ...model import Problem
from .. import rule
from ._shared import attribution, quoted, review_marks

_KINDS = {
    "insertion": "insertion",
    "deletion": "deletion",
    "move-from": "move (text moved away)",
    "move-to": "move (text moved here)",
    "formatting": "formatting change",
}


@rule("TQA205", "tracked-change", "reviewer-comment", "error", hides_inside=False)
def tracked_change(article, ctx):
    """Tracked change in a Word document not accepted or rejected (insertion, deletion, move, formatting).

    Until a change is accepted or rejected, the document says two things at
    once: what is published depends on who exports it and how. An
    insertion or the text moved to a place is reported over its text; a
    deletion or the text moved away, which is not visible text, where it
    stood (no width), with its words in the message; a formatting change
    over the text it formats. (A change note pasted as words is TQA202.)

    Fails (en):
        <w:p><w:r><w:t xml:space="preserve">The ministry </w:t></w:r><w:ins w:id="1" w:author="Ann" w:date="2024-05-02T10:00:00Z"><w:r><w:t>⟦finally⟧</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> opened the plant.</w:t></w:r></w:p>
        <w:p><w:r><w:t xml:space="preserve">The ministry </w:t></w:r><w:del w:id="2" w:author="Ann"><w:r><w:delText xml:space="preserve">finally </w:delText></w:r></w:del>⟦⟧<w:r><w:t>opened the plant.</w:t></w:r></w:p>

    Fails (ru):
        <w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="Иван"><w:rPr/></w:rPrChange></w:rPr><w:t>⟦Министерство⟧</w:t></w:r><w:r><w:t xml:space="preserve"> открыло завод.</w:t></w:r></w:p>

    Passes (en):
        <w:p><w:r><w:t>The ministry opened the plant.</w:t></w:r></w:p>

    Passes (de):
        <w:p><w:r><w:t>Das Ministerium eröffnete das Werk.</w:t></w:r></w:p>
    """
    for mark in review_marks(article, ctx, tuple(_KINDS)):
        what = _KINDS[mark.kind]
        if mark.kind == "formatting" and mark.detail:
            what += f" ({mark.detail})"
        elif mark.detail == "paragraph mark":
            what = f"paragraph break {mark.kind}"
        elif mark.text:
            what += f" of {quoted(mark.text)}"
        yield Problem(mark.start, mark.end, f"tracked {what}{attribution(mark)}, not accepted or rejected")
