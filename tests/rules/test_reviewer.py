"""TQA201 word-comment: a Word comment pasted into the text is flagged from
its label to the comment's end, never over the article text that follows."""

import pytest
from conftest import findings_of


def comments(text, lang):
    found = findings_of(f"№ 1\n\n{text}\n", lang=lang, select="word-comment")
    for f in found:
        assert text[f.column - 1 : f.end_column - 1] == f.text and f.line == f.end_line == 3
    return [(f.text, f.suggestion) for f in found]


@pytest.mark.parametrize(
    "lang,text,comment",
    [
        # a comment in another script than the article's: it ends where the article's script comes back
        (
            "en",
            "The first phase cost $2 billion at the plant. Комментарий [АБ3]: проверить дату The second phase will "
            "start in May.",
            "Комментарий [АБ3]: проверить дату",
        ),
        (
            "en",
            "The plant opened in 2019. Түсініктеме [ДС1]: күнін тексеру керек, 12.05? The second phase follows.",
            "Түсініктеме [ДС1]: күнін тексеру керек, 12.05?",
        ),
        # a single word of the article's script (a name) inside the comment does not end it
        (
            "en",
            "The plant opened. Комментарий [АБ3]: уточнить у Smith, см. письмо «The second phase» will follow.",
            "Комментарий [АБ3]: уточнить у Smith, см. письмо",
        ),
        (
            "de",
            "Das Werk wurde eröffnet. Комментарий [АБ3]: проверить дату Die zweite Phase beginnt im Mai.",
            "Комментарий [АБ3]: проверить дату",
        ),
        (
            "ru",
            "Первая очередь завода обошлась в $2 млрд. Commented [AB1]: check the date Вторая очередь начнётся в мае.",
            "Commented [AB1]: check the date",
        ),
        (
            "kk",
            "Зауыттың бірінші кезегі іске қосылды. Comment [AB1]: check the figure Екінші кезек мамырда басталады.",
            "Comment [AB1]: check the figure",
        ),
        # a comment in the article's script: it ends with its first sentence
        (
            "en",
            "The plant opened. Commented [AB1]: check the date with the desk. The second phase will start in May.",
            "Commented [AB1]: check the date with the desk.",
        ),
        (
            "ru",
            "Завод открылся. Комментарий [АБ3]: проверить дату, см. письмо от 3 мая. Вторая очередь начнётся в мае.",
            "Комментарий [АБ3]: проверить дату, см. письмо от 3 мая.",
        ),
        (
            "kk",
            "Зауыт ашылды. Түсініктеме [ДС1]: күнін тексеру керек. Екінші кезек мамырда басталады.",
            "Түсініктеме [ДС1]: күнін тексеру керек.",
        ),
        (
            "de",
            "Das Werk wurde eröffnet. Kommentiert [KM2]: Quelle prüfen! Die zweite Phase beginnt im Mai.",
            "Kommentiert [KM2]: Quelle prüfen!",
        ),
        # the comment is the last thing in the paragraph: to its end, as before
        (
            "en",
            "The ministry said Commented [AB1]: check the name with the desk",
            "Commented [AB1]: check the name with the desk",
        ),
        (
            "en",
            "The ministry said Комментарий [АБ3]: проверить имя у Smith",
            "Комментарий [АБ3]: проверить имя у Smith",
        ),
        ("ru", "Министерство сообщило Commented [AB1]: check the name", "Commented [AB1]: check the name"),
        (
            "en",
            "and Head and Добавлено примечание ([U1]): What is it? 7.50?",
            "Добавлено примечание ([U1]): What is it? 7.50?",
        ),
    ],
)
def test_the_comment_ends_where_the_comment_ends(lang, text, comment):
    assert comments(text, lang) == [(comment, "")]


def test_a_comment_on_a_line_of_its_own_inside_a_paragraph_stops_at_the_line_end():
    text = "The plant opened.\nCommented [AB1]: check the date\nThe second phase will start in May."
    found = findings_of(f"№ 1\n\n{text}\n", lang="en", select="word-comment")
    assert [(f.text, f.line) for f in found] == [("Commented [AB1]: check the date", 4)]


def test_without_a_language_the_article_script_is_read_from_the_text_before_the_comment():
    text = "The first phase cost $2 billion. Комментарий [АБ3]: проверить дату The second phase will start in May."
    assert comments(text, None) == [("Комментарий [АБ3]: проверить дату", "")]


def test_a_broken_sentence_is_judged_on_the_article_text_after_a_comment():
    # the paragraph goes on after the comment and ends with a full stop: no broken sentence
    text = "Title\n\nThe plant in Комментарий [АБ3]: проверить название Almaty opened.\n\nthe second phase follows.\n"
    assert findings_of(text, lang="en", select="broken-sentence") == []
    # the comment ends the paragraph: judged on what comes before it
    text = "Title\n\nThe plant in Комментарий [АБ3]: проверить название\n\nAlmaty opened.\n"
    assert [f.text for f in findings_of(text, lang="en", select="broken-sentence")] == ["in"]


def test_two_comments_in_one_line_are_two_findings():
    text = (
        "The plant opened. Комментарий [АБ3]: проверить дату The second phase follows. "
        "Commented [AB1]: check the month. It starts in May."
    )
    assert comments(text, "en") == [
        ("Комментарий [АБ3]: проверить дату", ""),
        ("Commented [AB1]: check the month.", ""),
    ]


@pytest.mark.parametrize(
    "text",
    ["He declined to comment.", "Readers can comment [here] below.", "The comment section [1] is closed: spam."],
)
def test_prose_about_comments_stays_silent(text):
    assert comments(text, "en") == []
