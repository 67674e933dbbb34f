"""TQA201 word-comment: Word comment pasted into the text (``Commented [AB1]: …``)."""

from __future__ import annotations

from .. import rule
from ._shared import word_comment_spans


@rule("TQA201", "word-comment", "reviewer-comment", "error")
def word_comment(article, ctx):
    """Word comment pasted into the text (``Commented [AB1]: …``).

    Word shows comments as ``<label> [initials+number]: text`` in its UI
    language (``Commented``, ``Примечание``, ``Добавлено примечание``,
    ``Kommentiert``, ``Commenté``, ``Comentado``, ``Түсініктеме``, ``Yorum``,
    ``Izoh``…). The finding covers the label and the comment, which the fix
    deletes; it never covers the article text that goes on after it. A
    comment in another script than the article's ends where the article's
    script comes back (two of its words in a row); one in the article's
    script, with its first sentence; the last thing in a line or paragraph,
    at its end.

    Fails (en):
        costs £ 7 and a half , and Head and ⟦Добавлено примечание ([U1]): What is it? 7.50?⟧ → ∅
        The ministry said ⟦Commented [AB1]: check the name with the desk⟧ → ∅
        Der Minister sagte ⟦Kommentiert [KM2]: Quelle?⟧ → ∅
        The first phase cost $2 billion. ⟦Комментарий [АБ3]: проверить дату⟧ The second phase will start in May. → ∅
        The plant opened. ⟦Commented [AB1]: check the date with the desk.⟧ The second phase will start in May. → ∅

    Fails (ru):
        Завод открылся. ⟦Commented [AB1]: check the date⟧ Вторая очередь начнётся в мае. → ∅

    Fails (kk):
        Зауыт ашылды. ⟦Түсініктеме [ДС1]: күнін тексеру керек.⟧ Екінші кезек мамырда басталады. → ∅

    Passes (en):
        He declined to comment.
        Readers can comment [here] below.
        The comment section [1] is closed: spam.

    Passes (ru):
        В примечании [1]: ссылка на источник.
    """
    for segment in article.prose:
        for start, end in word_comment_spans(segment.text, ctx.lang):
            # a comment may run to the end of a catalog string of megabytes:
            # the message quotes its start without a copy of the rest
            shown = segment.text[start : min(end, start + 60)]
            yield segment.problem(start, end, f"reviewer comment left in the text: {shown}", "")
