"""Word documents saved by LibreOffice (tests/fixtures/word/, built by
tests/fixtures/word/make_libreoffice_fixtures.py with LibreOffice 7.4 and
checked in, so CI needs no LibreOffice): the review marks, the visible
text and the positions tqa reports on what Writer really writes, not on
XML written here by hand."""

from pathlib import Path

import pytest

from tqa.config import Config
from tqa.engine import check_files
from tqa.readers import read_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "word"
REVIEW = FIXTURES / "lo-review.docx"
LAYOUT = FIXTURES / "lo-layout.docx"
EDITOR, TRANSLATOR = "Әсел Нұрланқызы", "Иван Петров"


def marks(path: Path):
    document = read_document(str(path))
    return [
        (m.kind, m.author, m.date, document.text[m.start : m.end], m.text, m.detail, m.resolved)
        for m in document.review
    ]


def findings(path: Path, lang: str, rules=None):
    result = check_files([str(path)], Config(lang=lang))
    assert not result.errors, result.errors
    return [
        (f.rule, f.severity, f.line, f.column, f.end_column, f.text)
        for f in result.findings
        if rules is None or f.rule in rules
    ]


def test_the_visible_text_of_a_reviewed_document_deleted_words_left_out():
    document = read_document(str(REVIEW))
    assert document.format == "docx"
    assert document.text.split("\n") == [
        "Ашық деректер: Бішкектегі семинар",
        "Семинар прошёл во вторник в Бишкеке.",  # "в среду" deleted: not visible
        "Участники обсудили открытые данные.",
        "Министрлік дүйсенбіде зауытты ашты.",
        "Әкімдік жобаны қолдады.",
        "Новый абзац целиком.",  # a paragraph inserted whole
        "Последний абзац.",
        "",  # the paragraph deleted whole: its words gone, its line kept as Word numbers it
    ]
    [article] = document.articles
    assert article.title == "Ашық деректер: Бішкектегі семинар"  # LibreOffice's Title style


def test_tracked_changes_and_comments_as_libreoffice_writes_them():
    assert marks(REVIEW) == [
        ("insertion", EDITOR, "2024-12-03T09:30:00Z", "во вторник", "", "", False),
        ("deletion", EDITOR, "2024-12-03T09:31:00Z", "", "в среду", "", False),
        ("formatting", TRANSLATOR, "2024-12-03T09:32:00Z", "открытые данные", "", "character format", False),
        ("comment", EDITOR, "2024-12-03T10:00:00Z", "дүйсенбіде", "Күнін тексеру керек", "", False),
        ("comment", TRANSLATOR, "2024-12-03T10:05:00Z", "Әкімдік", "Исправлено", "", True),
        ("insertion", TRANSLATOR, "2024-12-03T09:33:00Z", "", "¶", "paragraph mark", False),
        ("insertion", TRANSLATOR, "2024-12-03T09:33:00Z", "Новый абзац целиком.", "", "", False),
        ("deletion", EDITOR, "2024-12-03T09:34:00Z", "", "¶", "paragraph mark", False),
        ("deletion", EDITOR, "2024-12-03T09:34:00Z", "", "Удалённый абзац.", "", False),
    ]


def test_review_findings_at_paragraph_and_column():
    # line = paragraph in reading order, column = code point in its visible text (1-based)
    assert findings(REVIEW, "ru", {"TQA204", "TQA205"}) == [
        ("TQA205", "error", 2, 16, 26, "во вторник"),
        ("TQA205", "error", 2, 26, 26, ""),
        ("TQA205", "error", 3, 20, 35, "открытые данные"),
        ("TQA204", "error", 4, 12, 22, "дүйсенбіде"),
        ("TQA204", "info", 5, 1, 8, "Әкімдік"),  # resolved in LibreOffice: info
        ("TQA205", "error", 5, 24, 24, ""),
        ("TQA205", "error", 6, 1, 21, "Новый абзац целиком."),
        ("TQA205", "error", 7, 17, 17, ""),
        ("TQA205", "error", 8, 1, 1, ""),
    ]


def test_layout_reading_order_notes_frames_lists_tables_and_no_header_or_footer():
    document = read_document(str(LAYOUT))
    assert document.text.split("\n") == [
        "The plant opens",
        "The ministry opened the plant on Monday. It employs 300 people.",  # note marks are not text
        "Das Werk",
        "Das Ministerium eröffnete das Werk am Montag.",  # hidden text left out
        "Im Kasten: 300 Stellen.",  # the frame after the paragraph that anchors it, once
        "First point",  # list numbers and bullets Word draws are not text
        "Second point",
        "A bullet",
        "A1",
        "B1",
        "A2",
        "B2",
        "The end.",
        "Source: the ministry.",  # footnotes, then endnotes
        "Figures of 2024.",
    ]
    assert "Newsroom draft" not in document.text and "Page 1" not in document.text  # header, footer
    [article] = document.articles
    assert article.title == "The plant opens"
    assert [s.kind for s in article.segments][:3] == ["title", "paragraph", "heading"]


def test_libreoffice_highlighting_written_as_shading_and_hidden_text():
    assert marks(LAYOUT) == [
        ("highlight", "", "", "Montag", "", "yellow", False),
        ("hidden", "", "", "", " Nicht gezeigt.", "", False),
    ]
    assert findings(LAYOUT, "de", {"TQA206", "TQA207"}) == [
        ("TQA207", "warning", 4, 39, 45, "Montag"),
        ("TQA206", "warning", 4, 46, 46, ""),
    ]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_clean_layout_text_stays_silent_apart_from_its_marks(lang):
    # the visible text holds no defect: only the highlight and hidden text are reported
    rules = {f[0] for f in findings(LAYOUT, lang) if f[0] not in ("TQA501",)}
    assert rules == {"TQA206", "TQA207"}
