"""Word documents (.docx, .docm): the visible text in reading order, the
live review residue as findings, positions as the report contract says
(line = paragraph in reading order, column = code point in its visible
text), bad packages as one line each, reports, cache, --changed-since and
`tqa fix` (which reports, never rewrites).

Documents are built by python-docx (what it can write: paragraphs,
headings, tables, comments, highlights, hidden text) and, for what it
cannot (tracked changes, footnotes, text boxes, resolved comments), as
Word's flat XML or ZIP parts written as ECMA-376 says."""

import io
import json
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT, SCHEMA, findings_of, word_xml
from docx.enum.text import WD_COLOR_INDEX

from tqa.config import Config
from tqa.engine import check_files, discover
from tqa.readers import InputError, read_document, source_text
from tqa.readers.word import MAX_PART_BYTES

SAMPLE = ROOT / "samples" / "kazunite-article.docx"


def build(path: Path, title: str | None, *paragraphs: str, heading_level: int = 0) -> Path:
    document = docx.Document()
    if title is not None:
        document.add_heading(title, heading_level)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


def check(path: Path, **config):
    result = check_files([str(path)], Config(**config))
    return result


def findings(path: Path, **config):
    result = check(path, **config)
    assert not result.errors, result.errors
    return result.findings


def read_xml(fragment: str):
    from tqa.model import SourceText
    from tqa.readers.splitting import SplitSettings
    from tqa.readers.word import READER

    return READER.read("x.docx", SourceText(word_xml(fragment)), SplitSettings())


def p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def r(text: str, props: str = "") -> str:
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


# -- the text ---------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,title,body",
    [
        ("en", "The plant opens", ["The ministry opened the plant on Monday.", "It employs 300 people."]),
        ("ru", "Завод открыт", ["Министерство открыло завод в понедельник.", "На нём работают 300 человек."]),
        (
            "kk",
            "Зауыт ашылды",
            ["Министрлік дүйсенбіде зауытты ашты.", "Онда 300 адам жұмыс істейді: әйелдер мен ұлдар."],
        ),
        ("de", "Das Werk öffnet", ["Das Ministerium eröffnete das Werk am Montag.", "Es beschäftigt 300 Menschen."]),
    ],
)
def test_the_visible_paragraphs_in_order_one_line_each_the_heading_the_title(tmp_path, lang, title, body):
    path = build(tmp_path / f"{lang}.docx", title, *body)
    document = read_document(str(path))
    assert document.format == "docx"
    assert document.text == "\n".join([title, *body])
    [article] = document.articles
    assert article.title == title and article.segments[0].kind == "title"
    assert [s.text for s in article.paragraphs] == [title, *body]
    assert findings(path, lang=lang) == []  # clean text stays silent


def test_tables_text_boxes_footnotes_endnotes_in_reading_order():
    box = (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="wps"><w:drawing><w:txbxContent>' + p(r("In the box")) + "</w:txbxContent></w:drawing>"
        "</mc:Choice><mc:Fallback><w:pict><w:txbxContent>" + p(r("In the box")) + "</w:txbxContent></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    fragment = (
        p(r("Title"))
        + p(r("Before the table"), '<w:r><w:footnoteReference w:id="2"/></w:r>', box, r(" after the box"))
        + "<w:tbl><w:tr><w:tc>"
        + p(r("A1"))
        + "</w:tc><w:tc>"
        + p(r("B1"))
        + "</w:tc></w:tr>"
        "<w:tr><w:tc>" + p(r("A2")) + "</w:tc><w:tc><w:tbl><w:tr><w:tc>" + p(r("nested")) + "</w:tc></w:tr></w:tbl>"
        "</w:tc></w:tr></w:tbl>"
        + p(r("Last"), '<w:r><w:footnoteReference w:id="1"/></w:r>', '<w:r><w:endnoteReference w:id="1"/></w:r>')
        + '<w:footnotes><w:footnote w:type="separator" w:id="-1">'
        + p("<w:r><w:separator/></w:r>")
        + "</w:footnote>"
        '<w:footnote w:id="1">'
        + p(r("Note one"))
        + '</w:footnote><w:footnote w:id="2">'
        + p(r("Note two"))
        + "</w:footnote></w:footnotes>"
        '<w:endnotes><w:endnote w:id="1">' + p(r("The end note")) + "</w:endnote></w:endnotes>"
    )
    document = read_xml(fragment)
    # the box once (Choice, not its Fallback too), after its paragraph;
    # footnotes in the order they are referenced, then endnotes
    assert document.text.split("\n") == [
        "Title",
        "Before the table after the box",
        "In the box",
        "A1",
        "B1",
        "A2",
        "nested",
        "Last",
        "Note two",
        "Note one",
        "The end note",
    ]


def test_fields_breaks_tabs_hyperlinks_and_content_controls():
    fragment = p(
        r("Page"),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        r(" 7"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        "<w:r><w:tab/><w:t>tab</w:t><w:br/><w:t>broken</w:t></w:r>",
        '<w:hyperlink r:id="x" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        + r(" link")
        + "</w:hyperlink>",
        "<w:sdt><w:sdtContent>" + r(" control") + "</w:sdtContent></w:sdt>",
        '<w:r><w:noBreakHyphen/><w:softHyphen/><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:char="2014"/></w:r>',
    )
    assert read_xml(fragment).text == "Page 7\ttab broken link control\u2011\u2014"


def test_every_paragraph_is_a_line_empty_ones_too_so_lines_count_as_in_word():
    document = read_xml(p(r("One")) + p() + p(r("   ")) + p(r("Three ⟦")))
    assert document.text == "One\n\n   \nThree ⟦"
    assert [s.text for a in document.articles for s in a.segments] == ["One", "Three ⟦"]


def test_several_titled_articles_split_at_the_top_heading_level(tmp_path):
    document = docx.Document()
    for title, body in (("First story", "The plant opened."), ("Second story", "The bridge closed.")):
        document.add_heading(title, 1)
        document.add_paragraph(body)
        document.add_heading("A subhead", 2)
        document.add_paragraph("More text.")
    document.save(tmp_path / "two.docx")
    articles = read_document(str(tmp_path / "two.docx")).articles
    assert [a.title for a in articles] == ["First story", "Second story"]
    one = build(tmp_path / "one.docx", "Only story", "Body.", heading_level=0)
    assert [a.title for a in read_document(str(one)).articles] == ["Only story"]


def test_headings_by_style_name_whatever_the_style_id_a_localised_word_gives():
    styles = (
        '<w:styles><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
        '<w:style w:type="character" w:styleId="Hid"><w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style>'
        "</w:styles>"
    )
    fragment = (
        p(r("Body before"))
        + '<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr>'
        + r("Заголовок")
        + "</w:p>"
        + p(r("Текст "), '<w:r><w:rPr><w:rStyle w:val="Hid"/></w:rPr><w:t>скрыто</w:t></w:r>')
        + styles
    )
    document = read_xml(fragment)
    assert document.articles[0].title == "Заголовок"
    assert document.text == "Body before\nЗаголовок\nТекст "
    assert [(m.kind, m.text) for m in document.review] == [("hidden", "скрыто")]


# -- the review residue --------------------------------------------------------


def test_python_docx_comments_are_reported_over_their_text_with_author_and_date(tmp_path):
    document = docx.Document()
    document.add_heading("Зауыт ашылды", 0)
    paragraph = document.add_paragraph("Министрлік ")
    run = paragraph.add_run("дүйсенбіде")
    paragraph.add_run(" зауытты ашты.")
    document.add_comment(run, text="Күнін тексеру керек", author="Әсел", initials="ӘН")
    document.save(tmp_path / "kk.docx")
    [found] = [f for f in findings(tmp_path / "kk.docx", lang="kk") if f.rule == "TQA204"]
    assert (found.line, found.column, found.end_column, found.text) == (2, 12, 22, "дүйсенбіде")
    assert "Әсел" in found.message and "Күнін тексеру керек" in found.message and found.severity == "error"


def test_a_resolved_comment_is_info_and_a_reply_is_resolved_with_its_thread():
    comment = '<w:comment w:id="{id}" w:author="Ann"><w:p w14:paraId="{para}">' + r("{words}") + "</w:p></w:comment>"
    fragment = (
        p(
            '<w:commentRangeStart w:id="1"/>',
            r("The plant"),
            '<w:commentRangeEnd w:id="1"/>',
            '<w:r><w:commentReference w:id="1"/></w:r>',
            '<w:r><w:commentReference w:id="2"/></w:r>',
            r(" opened."),
        )
        + "<w:comments>"
        + comment.format(id=1, para="0000AAAA", words="Which plant?")
        + comment.format(id=2, para="0000BBBB", words="The new one.")
        + "</w:comments>"
        '<w15:commentsEx><w15:commentEx w15:paraId="0000AAAA" w15:done="1"/>'
        '<w15:commentEx w15:paraId="0000BBBB" w15:paraIdParent="0000AAAA" w15:done="0"/></w15:commentsEx>'
    )
    found = [f for f in findings_of(word_xml(fragment), path="x.docx", lang="en") if f.rule == "TQA204"]
    assert [(f.text, f.severity) for f in found] == [("The plant", "info"), ("", "info")]
    assert "resolved reply" in found[1].message


def test_tracked_changes_insertions_deletions_moves_formatting_and_paragraph_marks():
    fragment = (
        p(
            r("Der Minister "),
            '<w:ins w:id="1" w:author="Jörg" w:date="2024-05-02T10:00:00Z">',
            r("gestern"),
            "</w:ins>",
            '<w:del w:id="2" w:author="Jörg"><w:r><w:delText>heute</w:delText></w:r></w:del>',
            r(" eröffnete das Werk."),
        )
        + '<w:p><w:pPr><w:pPrChange w:id="3" w:author="Jörg"><w:pPr/></w:pPrChange>'
        '<w:rPr><w:del w:id="4" w:author="Jörg"/></w:rPr></w:pPr>'
        + r("Absatz")
        + "</w:p>"
        + p(
            '<w:moveFrom w:id="5" w:author="Jörg"><w:r><w:t>weg</w:t></w:r></w:moveFrom>',
            r("Rest"),
            '<w:moveTo w:id="6" w:author="Jörg">',
            r(" hier"),
            "</w:moveTo>",
        )
    )
    document = read_xml(fragment)
    assert document.text == "Der Minister gestern eröffnete das Werk.\nAbsatz\nRest hier"
    found = [f for f in findings_of(word_xml(fragment), path="x.docx", lang="de") if f.rule == "TQA205"]
    assert [(f.line, f.column, f.text) for f in found] == [
        (1, 14, "gestern"),
        (1, 21, ""),  # "heute" deleted: no visible text, reported where it stood
        (2, 1, "Absatz"),  # the paragraph's format changed
        (2, 7, ""),  # its paragraph mark deleted
        (3, 1, ""),  # moved away
        (3, 5, " hier"),  # moved here
    ]
    assert "heute" in found[1].message and "Jörg" in found[0].message and "2024-05-02" in found[0].message


def test_hidden_text_and_highlights_from_python_docx(tmp_path):
    document = docx.Document()
    document.add_heading("Бюджет", 0)
    paragraph = document.add_paragraph("Бюджет составит ")
    marked = paragraph.add_run("2 млрд")
    marked.font.highlight_color = WD_COLOR_INDEX.YELLOW
    paragraph.add_run(" рублей.")
    hidden = paragraph.add_run(" The budget will be 2 billion.")
    hidden.font.hidden = True
    document.save(tmp_path / "ru.docx")
    assert read_document(str(tmp_path / "ru.docx")).text == "Бюджет\nБюджет составит 2 млрд рублей."
    found = {f.rule: f for f in findings(tmp_path / "ru.docx", lang="ru")}
    assert (found["TQA207"].line, found["TQA207"].column, found["TQA207"].text) == (2, 17, "2 млрд")
    assert (found["TQA206"].line, found["TQA206"].column, found["TQA206"].text) == (2, 31, "")
    assert "The budget will be 2 billion." in found["TQA206"].message
    assert "TQA501" not in found  # hidden English is not visible text: no wrong-language paragraph


def test_highlight_is_a_note_only_where_house_style_says(tmp_path):
    fragment = p(r("Green ", '<w:highlight w:val="green"/>'), r("yellow", '<w:highlight w:val="yellow"/>'))
    text = word_xml(fragment)

    def rules(options):
        return [
            f.text
            for f in findings_of(text, path="x.docx", lang="en", rule_options={"TQA207": options})
            if f.rule == "TQA207"
        ]

    assert rules({}) == ["Green ", "yellow"]
    assert rules({"allowed_colors": ["green"]}) == ["yellow"]
    assert rules({"is_note": False}) == []


def test_run_shading_in_a_highlighter_colour_is_a_highlight_other_shading_is_not():
    # LibreOffice writes its highlighting as run shading (w:shd), not w:highlight
    fragment = (
        p(r("Әкімдік", '<w:shd w:val="clear" w:color="auto" w:fill="FFFF00"/>'), r(" жобаны қолдады."))
        + p(r("Код: ", '<w:shd w:val="clear" w:fill="D9D9D9"/>'), r("print()", '<w:shd w:val="clear" w:fill="auto"/>'))
        + p(r("Weiß auf Schwarz", '<w:shd w:val="clear" w:fill="000000"/>'))
        + p(r("solid", '<w:shd w:val="solid" w:color="00FF00" w:fill="FFFFFF"/>'))
        + p(r("striped", '<w:shd w:val="pct25" w:color="auto" w:fill="FFFF00"/>'))
        + '<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val="clear" w:fill="FFFF00"/></w:tcPr>'
        + p(r("Ячейка"))
        + "</w:tc></w:tr></w:tbl>"
        + p(r("both", '<w:highlight w:val="cyan"/><w:shd w:val="clear" w:fill="FFFF00"/>'))
    )
    document = read_xml(fragment)
    assert [(m.kind, document.text[m.start : m.end], m.detail) for m in document.review] == [
        ("highlight", "Әкімдік", "yellow"),
        ("highlight", "solid", "green"),  # a solid pattern shows its colour, not its fill
        ("highlight", "both", "cyan"),  # Word's own highlight wins
    ]


# -- text rules read the visible text as in a .txt -------------------------------


def test_text_rules_find_in_a_docx_what_they_find_in_the_same_txt(tmp_path):
    paragraphs = [
        "The ministry opened the plant. Добавлено примечание ([U1]): What is it? 7.50?",
        "Тарату:",
        "The mаyor said the plant would open on Monday.",  # Cyrillic а
        "The plant employs 300 people from the region and the city.",
        "The plant employs 300 people from the region and the city.",
    ]
    txt = tmp_path / "a.txt"
    txt.write_text("\n\n".join(["New plant opens", *paragraphs]) + "\n", encoding="utf-8")
    word = build(tmp_path / "a.docx", "New plant opens", *paragraphs)
    from_txt = sorted((f.rule, f.text) for f in findings(txt, lang="en"))
    from_docx = findings(word, lang="en")
    assert sorted((f.rule, f.text) for f in from_docx) == from_txt
    assert {"TQA201", "TQA601", "TQA101"} <= {rule for rule, _ in from_txt}
    homoglyph = next(f for f in from_docx if f.rule == "TQA101")
    assert (homoglyph.line, homoglyph.column) == (4, 5)  # paragraph 4 (title first), code point 5


# -- bad packages: one line each, the run goes on ----------------------------------


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(
    "data,says",
    [
        (b"PK\x03\x04" + bytes(200), "damaged Word document"),
        (_zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<x/>"}), "has no word/document.xml"),
        (OLE + "EncryptionInfo".encode("utf-16-le") + bytes(100), "encrypted (password-protected)"),
        (OLE + "WordDocument".encode("utf-16-le") + bytes(100), "legacy binary Word document (.doc)"),
        (b"{\\rtf1\\ansi The plant opened.}", "RTF document, not .docx"),
        (b"The plant opened.\n", "not a Word document"),
        (_zip({"word/document.xml": b"<w:document"}), "not well-formed XML"),
        (_zip({"word/document.xml": b"<root/>"}), "holds no w:document"),
        (
            _zip({"word/document.xml": b'<!DOCTYPE d [<!ENTITY a "aaaa">]><w:document xmlns:w="x">&a;</w:document>'}),
            "declares a DTD",
        ),
    ],
)
def test_bad_packages_are_one_clear_line(tmp_path, data, says):
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as error:
        read_document(str(path))
    assert says in str(error.value) and str(error.value).startswith(str(path)) and "\n" not in str(error.value)


def test_a_zip_bomb_is_refused_before_it_is_expanded(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(MAX_PART_BYTES // len(chunk) + 1):
                part.write(chunk)
    path = tmp_path / "bomb.docx"
    path.write_bytes(out.getvalue())
    assert path.stat().st_size < 1 << 20
    with pytest.raises(InputError, match="ZIP bomb"):
        read_document(str(path))


def _understated(parts: dict[str, bytes], name: str, stated: int) -> bytes:
    """A ZIP whose headers (local and central) say part ``name`` expands to
    ``stated`` bytes, whatever it really expands to."""
    data = bytearray(_zip(parts))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as package:
        offset = package.getinfo(name).header_offset
    struct.pack_into("<I", data, offset + 22, stated)  # local file header: uncompressed size
    at = data.find(b"PK\x01\x02")
    while at != -1:  # central directory entries
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + length]) == name.encode():
            struct.pack_into("<I", data, at + 24, stated)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def test_a_zip_whose_headers_understate_the_size_is_never_expanded_past_them(tmp_path):
    document = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + b" " * (200 << 20)
        + b"</w:body></w:document>"
    )
    path = tmp_path / "liar.docx"
    path.write_bytes(
        _understated({"[Content_Types].xml": b"<Types/>", "word/document.xml": document}, "word/document.xml", 1000)
    )
    assert path.stat().st_size < 1 << 20
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="damaged Word document: word/document.xml cannot be unpacked"):
            read_document(str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20  # 200 MiB of spaces, never inflated in memory


def test_a_run_goes_on_past_bad_word_files(tmp_path):
    good = build(tmp_path / "good.docx", "Title", "The plant opened opened on Monday.")
    (tmp_path / "bad.docx").write_bytes(OLE + "EncryptionInfo".encode("utf-16-le"))
    (tmp_path / "old.docm").write_bytes(b"{\\rtf1 x}")
    files, errors = discover([str(tmp_path)], Config())
    result = check_files(files, Config(lang="en"), errors)
    assert sorted(Path(e.path).name for e in result.errors) == ["bad.docx", "old.docm"]
    assert [f.rule for f in result.findings if f.path == str(good)] == ["TQA701"]


# -- formats by content, .docm, walks -------------------------------------------------


def test_walks_take_docx_and_docm_and_a_named_file_is_read_by_its_content(tmp_path):
    build(tmp_path / "a.docx", "Title", "Body.")
    macro = tmp_path / "b.docm"
    data = (tmp_path / "a.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["word/vbaProject.bin"] = b'Attribute VB_Name = "Evil"\nSub AutoOpen()\nShell "touch pwned"\nEnd Sub\n'
    macro.write_bytes(_zip(parts))
    (tmp_path / "c.doc").write_bytes(data)  # a .docx saved under a .doc name
    files, errors = discover([str(tmp_path)], Config())
    assert [Path(f).name for f in files] == ["a.docx", "b.docm"] and not errors
    assert read_document(str(macro)).text == "Title\nBody."  # the macro part is never read
    assert read_document(str(tmp_path / "c.doc")).format == "docx"
    assert not (tmp_path / "pwned").exists()


# -- reports, cache, --changed-since, fix ---------------------------------------------


def test_json_sarif_and_html_reports_show_paragraph_and_column(tmp_path, tqa):
    import jsonschema

    from tqa.findings import RunResult
    from tqa.report import ReportOptions
    from tqa.report.html import build_view

    path = build(tmp_path / "a.docx", "Title", "First paragraph.", "The mаyor spoke.")
    out = tqa("check", path, "--lang", "en", "-f", "json")
    report = out.json()
    jsonschema.validate(report, json.loads(SCHEMA.read_text(encoding="utf-8")))
    [found] = [f for a in report["articles"] for f in a["findings"]]
    assert (found["rule"], found["line"], found["column"], found["end_column"]) == ("TQA101", 3, 5, 10)
    sarif = json.loads(tqa("check", path, "--lang", "en", "-f", "sarif").out)
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 5)
    assert "a.docx:3:5" in tqa("check", path, "--lang", "en").out
    # the HTML page shows the document's paragraphs, the finding highlighted
    result = check_files([str(path)], Config(lang="en"))
    body = build_view(result, ReportOptions())["data"]["bodies"][0]["lines"]
    assert body[2] == [3, [["The ", []], ["mаyor", [0]], [" spoke.", []]]]
    # a report read back from its JSON finds the paragraphs in the .docx again
    assert source_text(str(path)).line_text(3) == "The mаyor spoke."
    saved = tmp_path / "r.json"
    saved.write_text(out.out, encoding="utf-8")
    shown = tqa("report", saved, "-f", "text", "--no-color", cwd=tmp_path)
    assert "The mаyor spoke." in shown.out, shown.out  # the finding's paragraph, as context
    assert isinstance(result, RunResult)


def test_the_cache_and_changed_since_work_for_word_files(tmp_path, tqa):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    build(tmp_path / "old.docx", "Old", "The plant opened.")
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=tmp_path, check=True)
    build(tmp_path / "new.docx", "New", "The the plant opened.")
    first = tqa("check", ".", "--lang", "en", "-f", "json", "--changed-since", "HEAD")
    assert {Path(a["path"]).name for a in first.json()["articles"]} == {"new.docx"}
    again = tqa("check", ".", "--lang", "en", "-f", "json", "--changed-since", "HEAD", env={"TQA_TIMINGS": "1"})
    assert again.out == first.out and "per-file passes" not in again.err  # from the cache
    build(tmp_path / "new.docx", "New", "The plant opened.")  # other bytes: checked again
    fixed = tqa("check", ".", "--lang", "en", "-f", "json", "--changed-since", "HEAD")
    assert fixed.json()["summary"]["findings"] == 0


def test_fix_reports_but_never_rewrites_a_word_document(tmp_path, tqa):
    path = build(tmp_path / "a.docx", "Title", "The mаyor spoke spoke.")
    before = path.read_bytes()
    run = tqa("fix", path, "--lang", "en")
    assert path.read_bytes() == before
    refusal = [line for line in run.err.splitlines() if "never rewrites" in line]
    assert len(refusal) == 1 and "a.docx" in refusal[0] and "2 left" in refusal[0]
    assert run.code == 0


# -- the sample -------------------------------------------------------------------------


def test_the_sample_is_what_its_script_builds_and_shows_every_kind_of_residue():
    sys.path.insert(0, str(ROOT / "samples"))
    try:
        import make_docx
    finally:
        sys.path.remove(str(ROOT / "samples"))
    assert make_docx.build() == SAMPLE.read_bytes(), "run python samples/make_docx.py"
    found = findings(SAMPLE, lang="ru")
    rules = sorted(f.rule for f in found)
    assert rules == sorted(
        ["TQA204"] * 2 + ["TQA205"] * 5 + ["TQA206", "TQA207", "TQA201", "TQA601", "TQA101", "TQA701"]
    )
    assert [f.severity for f in found if f.rule == "TQA204"] == ["error", "info"]
