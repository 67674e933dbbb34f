"""TQA201 word-comment: Word comment pasted into the text (``Commented [AB1]: …``)."""

from __future__ import annotations

from .. import iter_lines, rule
from ._shared import word_comment_pattern


@rule("TQA201", "word-comment", "reviewer-comment", "error")
def word_comment(article, ctx):
    """Word comment pasted into the text (``Commented [AB1]: …``).

    Word shows comments as ``<label> [initials+number]: text`` in its UI
    language (``Commented``, ``Примечание``, ``Добавлено примечание``,
    ``Kommentiert``, ``Commenté``, ``Comentado``, ``Түсініктеме``, ``Yorum``,
    ``Izoh``…). The finding covers the label and the comment to the end of
    the line.

    Fails (en):
        costs £ 7 and a half , and Head and ⟦Добавлено примечание ([U1]): What is it? 7.50?⟧ → ∅
        The ministry said ⟦Commented [AB1]: check the name with the desk⟧ → ∅
        Der Minister sagte ⟦Kommentiert [KM2]: Quelle?⟧ → ∅

    Passes (en):
        He declined to comment.
        Readers can comment [here] below.
        The comment section [1] is closed: spam.

    Passes (ru):
        В примечании [1]: ссылка на источник.
    """
    pattern = word_comment_pattern()
    for segment, index, line in iter_lines(article):
        for match in pattern.finditer(line):
            # the comment runs to the end of the line, which may be a catalog
            # string of megabytes: its edges found without a copy of it
            start, end = match.span()
            while end > start and line[end - 1].isspace():
                end -= 1
            shown = start
            while shown < end and line[shown].isspace():
                shown += 1
            yield segment.problem(
                index + start,
                index + end,
                f"reviewer comment left in the text: {line[shown : min(end, shown + 60)]}",
                "",
            )
