"""XLIFF 1.2 and 2.0: exact positions through entities and CRLF, states,
inline tags, notes as suppressions."""

from conftest import ROOT, findings_of

SAMPLE = ROOT / "samples" / "en-ru-exhibition.xlf"


def test_sample_findings_point_at_their_text():
    text = SAMPLE.read_text(encoding="utf-8")
    found = findings_of(text, path=str(SAMPLE))
    lines = text.split("\n")
    names = {(f.name, f.line) for f in found}
    assert {("markup-mismatch", 11), ("editorial-marker", 15), ("untranslated", 19), ("homoglyph", 23),
            ("untranslated", 25)} <= names
    for f in found:
        if f.name in ("editorial-marker", "homoglyph"):
            assert lines[f.line - 1][f.column - 1:f.end_column - 1] == f.text
    assert not [f for f in found if f.name == "number-mismatch"]  # 1,500 = 1 500


def test_entities_and_crlf_keep_positions():
    text = ('<?xml version="1.0"?>\r\n<xliff version="1.2"><file source-language="en" target-language="ru">'
            '<body><trans-unit id="1"><source>A &amp; B</source>\r\n<target>А &amp; Б, &#1040;лматы и Aлматы'
            '</target></trans-unit></body></file></xliff>\r\n')
    [f] = findings_of(text, path="x.xlf", select="homoglyph")
    line = text.split("\n")[f.line - 1]
    assert f.line == 3 and line[f.column - 1:f.end_column - 1] == "Aлматы"


def test_xliff_2_language_state_and_inline_codes():
    text = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="kk">'
            '<file id="f"><unit id="u"><segment state="translated"><source>Hello <pc id="1">world</pc> '
            '<ph id="2"/>%s</source><target>Сәлем <pc id="1">әлем</pc> <ph id="2"/>%s</target></segment></unit>'
            '<unit id="v"><segment state="initial"><source>Save</source><target></target></segment></unit>'
            '</file></xliff>')
    found = findings_of(text, path="x.xliff")
    assert [(f.name, f.severity) for f in found] == [("untranslated", "info")]


def test_malformed_xliff_names_the_line(tqa, tmp_path):
    bad = tmp_path / "bad.xlf"
    bad.write_text('<xliff version="1.2">\n<file>\n<body><trans-unit id="1">\n</file></xliff>\n', encoding="utf-8")
    run = tqa("check", "-f", "json", bad)
    [error] = run.json()["errors"]
    assert run.code == 2 and "malformed XLIFF" in error["message"] and error["line"] == 4


def test_translated_interface_label_is_not_a_page_leftover():
    text = ('<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" target-language="ru"><body>'
            '<trans-unit id="1"><source>Share</source><target>Поделиться</target></trans-unit>'
            '\n<trans-unit id="2"><source>The forum opened.</source><target>Поделиться\nФорум открылся.</target>'
            '</trans-unit></body></file></xliff>\n')
    found = [(f.name, f.line) for f in findings_of(text, path="x.xlf", select="boilerplate")]
    assert found == [("share-label", 3)]
