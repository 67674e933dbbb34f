"""Readers and the model: exact positions, paragraphs, titles, splitting."""

import pytest
from conftest import findings_of

from tqa.model import SourceText
from tqa.readers import InputError, document_from_text, read_document
from tqa.readers.splitting import SplitSettings


def test_positions_are_code_points_and_one_based():
    source = SourceText("Қазақ\nәлем і\r\nend")
    assert source.position(0) == (1, 1)
    assert source.position(6) == (2, 1)
    assert source.position(11) == (2, 6)  # the і
    assert source.line_text(2) == "әлем і"
    assert source.position(len(source.text) - 1) == (3, 3)


def test_paragraphs_split_on_blank_lines_and_keep_nbsp_lines():
    doc = document_from_text("a.txt", "Title\n\nOne\ntwo\n\n\u00a0\n\nThree\n")
    segments = doc.articles[0].segments
    assert [s.text for s in segments] == ["Title", "One\ntwo", "\u00a0", "Three"]
    assert segments[0].kind == "title"
    assert doc.articles[0].title == "Title"


def test_crlf_positions_and_text():
    text = "Title\r\n\r\nHe said TODO: check\r\nmore\r\n"
    [f] = findings_of(text, lang="en", select="editorial-marker")
    assert (f.line, f.column, f.end_line, f.end_column) == (3, 9, 3, 20)
    assert f.text == "TODO: check"


def test_utf8_bom_is_not_counted_as_a_column(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTODO: fix\n".encode("utf-8"))
    doc = read_document(str(path))
    assert doc.text.startswith("TODO")


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Заголовок\n\nТекст статьи.\n".encode("utf-16"))
    doc = read_document(str(path))
    assert doc.articles[0].title == "Заголовок"


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty file"),
        (b"  \n\n \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "binary file"),
        ("Ça coûte cher\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_document(str(path))
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_undecodable_byte_names_its_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("line one\nline two\nCa co\xfbte\n".encode("utf-8").replace(b"\xc3\xbb", b"\xfb"))
    with pytest.raises(InputError) as info:
        read_document(str(path))
    assert info.value.line == 3


def test_markdown_front_matter_title_headings_and_code():
    text = (
        '---\ntitle: "Заголовок статьи"\nlang: ru\n---\n\n# Heading one\n\nTODO: a real one\n\n'
        "```\nTODO: inside code\n```\n\n    TODO: indented code\n\n<!-- TODO: in a comment -->\n\n---\n"
    )
    doc = document_from_text("a.md", text)
    article = doc.articles[0]
    assert article.title == "Заголовок статьи"
    kinds = [s.kind for s in article.segments]
    assert kinds == ["title", "heading", "paragraph", "code", "code", "comment", "break"]
    found = findings_of(text, lang="ru", path="a.md")
    assert [(f.line, f.text) for f in found] == [(8, "TODO: a real one")]


def test_markdown_heading_positions_skip_the_hashes():
    [f] = findings_of("# Title TODO\n\nBody.\n", lang="en", path="a.md")
    assert (f.line, f.column, f.text) == (1, 9, "TODO")


def test_single_article_title_is_the_first_non_empty_line():
    doc = document_from_text("a.txt", "\n\n  Kazakh President arrives\n\nBody text here.\n")
    assert len(doc.articles) == 1
    assert doc.articles[0].title == "Kazakh President arrives"


def test_listing_page_with_other_labels_splits_into_articles():
    text = (
        "Startseite › Nachrichten\n\nErster Titel\n\nTeilen:\n\nText eins.\n\nZweiter Absatz.\n\nTeilen:\n\n"
        "Zweiter Titel\n\nTeilen:\n\nText zwei.\n\nNoch mehr.\n\nTeilen:\n"
    )
    doc = document_from_text("page.txt", text)
    assert [a.title for a in doc.articles] == ["Erster Titel", "Zweiter Titel"]
    found = findings_of(text, lang="de")
    assert [f.line for f in found if f.name == "share-label"] == [5, 11, 15, 21]


def test_labels_from_config_split_pages():
    text = (
        "Title one\n\nWeiterleiten\n\nBody.\n\nMore body.\n\n"
        "Weiterleiten\n\nTitle two\n\nWeiterleiten\n\nBody.\n\nMore.\n"
    )
    assert len(document_from_text("p.txt", text).articles) == 1
    doc = document_from_text("p.txt", text, SplitSettings(extra_labels=("Weiterleiten",)))
    assert [a.title for a in doc.articles] == ["Title one", "Title two"]


def test_splitting_can_be_turned_off():
    text = "T1\n\nТарату:\n\nBody.\n\nMore.\n\nТарату:\n\nT2\n\nТарату:\n\nBody.\n\nMore.\n"
    assert len(document_from_text("p.txt", text).articles) == 2
    assert len(document_from_text("p.txt", text, SplitSettings(enabled=False)).articles) == 1


def test_a_long_paragraph_between_labels_is_not_a_title():
    body = "A long body paragraph. " * 20
    text = f"T1\n\nТарату:\n\nBody.\n\nMore.\n\nТарату:\n\n{body}\n\nТарату:\n\nBody.\n"
    doc = document_from_text("p.txt", text)
    assert [a.title for a in doc.articles] == ["T1"]


def test_very_long_line_is_checked():
    text = "Title\n\n" + "word " * 200_000 + "TODO: end\n"
    [f] = findings_of(text, lang="en", select="reviewer-comment")
    assert f.line == 3 and f.column == 1_000_001


def test_markdown_front_matter_language_is_the_article_language(tqa, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Заголовок\nlang: kk\n---\n\nМәтін қазақ тілінде жазылған.\n", encoding="utf-8")
    assert tqa("check", "-f", "json", path).json()["articles"][0]["lang"] == "kk"
    assert tqa("check", "-f", "json", "--lang", "ru", path).json()["articles"][0]["lang"] == "ru"
    path.write_text('---\nlanguage: "en-GB"\n---\n\nText.\n', encoding="utf-8")
    assert tqa("check", "-f", "json", path).json()["articles"][0]["lang"] == "en"


# ---- the Reader interface ----

SAMPLE_OF = {  # a small file of each format
    "text": "Title\n\nBody text.\n",
    "markdown": "# Title\n\nBody text.\n",
    "po": 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\nmsgid "Hello"\nmsgstr "Привет"\n',
    "xliff": (
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" target-language="ru">'
        '<body><trans-unit id="1"><source>Hello</source><target>Привет</target></trans-unit></body>'
        "</file></xliff>\n"
    ),
    "html": "<!DOCTYPE html>\n<html lang=en><body><h1>Title</h1><p>Body text.</p></body></html>\n",
}


def test_every_registered_reader_has_a_format_and_suffixes():
    from tqa.readers import FORMATS, PLAIN, READERS, Reader, is_supported, reader_for

    assert [reader.format for reader in FORMATS] == ["text", "markdown", "po", "xliff", "html", "wxr", "docx"]
    claimed = []
    for reader in FORMATS:
        assert isinstance(reader, Reader)
        assert isinstance(reader.format, str) and reader.format
        # a WordPress export is told by its content, whatever its name
        assert isinstance(reader.suffixes, tuple) and (reader.suffixes or reader.format == "wxr")
        assert all(s.startswith(".") and s == s.lower() for s in reader.suffixes)
        assert isinstance(reader.escaped, str)
        for suffix in reader.suffixes:
            assert READERS[suffix] is reader
            assert reader_for(f"dir/file{suffix.upper()}") is reader and is_supported(f"file{suffix}")
        claimed += reader.suffixes
    assert sorted(claimed) == sorted(READERS)  # one table: no suffix twice, none outside a reader
    assert reader_for("notes.rst") is PLAIN and not is_supported("notes.rst") and PLAIN.format == "text"
    # what tqa fix must not touch, per format
    assert {r.format: r.escaped for r in FORMATS} == {
        "text": "",
        "markdown": "",
        "po": '"\\\n',
        "xliff": "<>&\r",
        "html": "<>&",
        "wxr": "<>&]",
        "docx": "",
    }


@pytest.mark.parametrize(
    "suffix,fmt",
    [
        (".txt", "text"),
        (".text", "text"),
        (".md", "markdown"),
        (".markdown", "markdown"),
        (".po", "po"),
        (".pot", "po"),
        (".xlf", "xliff"),
        (".XLIFF", "xliff"),
        (".html", "html"),
        (".HTM", "html"),
    ],
)
def test_document_format_is_the_readers(suffix, fmt, tmp_path):
    from tqa.readers import reader_for

    assert document_from_text(f"a{suffix}", SAMPLE_OF[fmt]).format == fmt == reader_for(f"a{suffix}").format
    path = tmp_path / f"a{suffix}"
    path.write_text(SAMPLE_OF[fmt], encoding="utf-8")
    assert read_document(str(path)).format == fmt


def test_a_new_reader_is_one_object_in_the_table(monkeypatch):
    """The format a document carries is its reader's ``format``, whatever
    module the reader's functions live in."""
    from tqa import readers
    from tqa.readers import po, text
    from tqa.readers.interface import CatalogReader, SegmentReader

    plain = SegmentReader(format="notes", suffixes=(".notes",), segments=text.read)
    catalog = CatalogReader(format="gettext", suffixes=(".mo-text",), articles=po.read_catalog)
    monkeypatch.setitem(readers.READERS, ".notes", plain)
    monkeypatch.setitem(readers.READERS, ".mo-text", catalog)
    doc = document_from_text("a.notes", "Title\n\nBody.\n")
    assert doc.format == "notes" and [s.text for s in doc.articles[0].segments] == ["Title", "Body."]
    assert doc.articles[0].slug == "a.notes#1"
    doc = document_from_text("a.mo-text", SAMPLE_OF["po"])
    assert doc.format == "gettext" and doc.articles[0].lang == "ru"
    assert [s.text for s in doc.articles[0].segments] == ["Привет"]


def test_splitting_settings_reach_segment_readers_only():
    page = "Home\n\nT1\n\nТарату:\n\nBody one.\n\nТарату:\n\nT2\n\nТарату:\n\nBody two.\n"
    assert len(document_from_text("p.txt", page).articles) > 1
    assert len(document_from_text("p.txt", page, SplitSettings(enabled=False)).articles) == 1
    catalog = document_from_text("c.po", SAMPLE_OF["po"], SplitSettings(enabled=False))
    assert len(catalog.articles) == 1 and catalog.articles[0].title == "c.po"
