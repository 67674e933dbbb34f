"""TQA204 live-comment: Comment still in a Word document (author, date, the words it is anchored to)."""

from __future__ import annotations

from ...model import Problem
from .. import rule
from ._shared import attribution, quoted, review_marks


@rule("TQA204", "live-comment", "reviewer-comment", "error", hides_inside=False)
def live_comment(article, ctx):
    """Comment still in a Word document (author, date, the words it is anchored to).

    A translation handed in with the reviewers' comments in it is not
    finished: each comment is reported over the text it is anchored to,
    with its author, date and words. A comment marked resolved ("done") is
    reported at info level: it no longer asks for anything, but it still
    travels with the file. (A comment pasted into the text as words is
    TQA201.)

    Fails (en):
        <w:p><w:r><w:t xml:space="preserve">The plant </w:t></w:r><w:commentRangeStart w:id="1"/><w:r><w:t>⟦opened in May⟧</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r></w:p><w:comments><w:comment w:id="1" w:author="Ann" w:date="2024-05-02T10:00:00Z"><w:p><w:r><w:t>Check the date</w:t></w:r></w:p></w:comment></w:comments>

    Fails (kk):
        <w:p><w:commentRangeStart w:id="0"/><w:r><w:t>⟦Зауыт мамырда ашылды.⟧</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p><w:comments><w:comment w:id="0" w:author="Әсел"><w:p><w:r><w:t>Күнін тексеру керек</w:t></w:r></w:p></w:comment></w:comments>

    Passes (en):
        <w:p><w:r><w:t>The plant opened in May.</w:t></w:r></w:p>
        <w:p><w:r><w:t>He declined to comment.</w:t></w:r></w:p><w:comments><w:comment w:id="7" w:author="Ann"><w:p><w:r><w:t>anchored nowhere</w:t></w:r></w:p></w:comment></w:comments>
    """
    for mark in review_marks(article, ctx, ("comment",)):
        what = "reply to a comment" if mark.detail == "reply" else "comment"
        state = "resolved " if mark.resolved else ""
        words = f": {quoted(mark.text)}" if mark.text else ""
        yield Problem(
            mark.start,
            mark.end,
            f"{state}{what}{attribution(mark)} still in the document{words}",
            severity="info" if mark.resolved else None,
        )
