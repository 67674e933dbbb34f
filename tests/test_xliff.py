"""XLIFF 1.2 and 2.0: exact positions through entities and CRLF, states,
inline tags, notes as suppressions; hostile files refused in one line."""

import codecs

import pytest
from conftest import ROOT, findings_of

SAMPLE = ROOT / "samples" / "en-ru-exhibition.xlf"


def test_sample_findings_point_at_their_text():
    text = SAMPLE.read_text(encoding="utf-8")
    found = findings_of(text, path=str(SAMPLE))
    lines = text.split("\n")
    names = {(f.name, f.line) for f in found}
    assert {
        ("markup-mismatch", 11),
        ("editorial-marker", 15),
        ("untranslated", 19),
        ("homoglyph", 23),
        ("untranslated", 25),
    } <= names
    for f in found:
        if f.name in ("editorial-marker", "homoglyph"):
            assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.text
    assert not [f for f in found if f.name == "number-mismatch"]  # 1,500 = 1 500


def test_entities_and_crlf_keep_positions():
    text = (
        '<?xml version="1.0"?>\r\n<xliff version="1.2"><file source-language="en" target-language="ru">'
        '<body><trans-unit id="1"><source>A &amp; B</source>\r\n<target>А &amp; Б, &#1040;лматы и Aлматы'
        "</target></trans-unit></body></file></xliff>\r\n"
    )
    [f] = findings_of(text, path="x.xlf", select="homoglyph")
    line = text.split("\n")[f.line - 1]
    assert f.line == 3 and line[f.column - 1 : f.end_column - 1] == "Aлматы"


def test_xliff_2_language_state_and_inline_codes():
    text = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="kk">'
        '<file id="f"><unit id="u"><segment state="translated"><source>Hello <pc id="1">world</pc> '
        '<ph id="2"/>%s</source><target>Сәлем <pc id="1">әлем</pc> <ph id="2"/>%s</target></segment></unit>'
        '<unit id="v"><segment state="initial"><source>Save</source><target></target></segment></unit>'
        "</file></xliff>"
    )
    found = findings_of(text, path="x.xliff")
    assert [(f.name, f.severity) for f in found] == [("untranslated", "info")]


def test_malformed_xliff_names_the_line(tqa, tmp_path):
    bad = tmp_path / "bad.xlf"
    bad.write_text('<xliff version="1.2">\n<file>\n<body><trans-unit id="1">\n</file></xliff>\n', encoding="utf-8")
    run = tqa("check", "-f", "json", bad)
    [error] = run.json()["errors"]
    assert run.code == 2 and "malformed XLIFF" in error["message"] and error["line"] == 4


def test_translated_interface_label_is_not_a_page_leftover():
    text = (
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" target-language="ru"><body>'
        '<trans-unit id="1"><source>Share</source><target>Поделиться</target></trans-unit>'
        '\n<trans-unit id="2"><source>The forum opened.</source><target>Поделиться\nФорум открылся.</target>'
        "</trans-unit></body></file></xliff>\n"
    )
    found = [(f.name, f.line) for f in findings_of(text, path="x.xlf", select="boilerplate")]
    assert found == [("share-label", 3)]


def xliff(target, lang="ru", prolog='<?xml version="1.0" encoding="UTF-8"?>\n', unit_source="Office in Almaty"):
    return (
        f'{prolog}<xliff version="1.2"><file source-language="en" target-language="{lang}"><body>\n'
        f'<trans-unit id="1"><source>{unit_source}</source><target>{target}</target></trans-unit>\n'
        "</body></file></xliff>\n"
    )


def spot(text, f):
    """What the finding's line and columns point at in the file."""
    return text.split("\n")[f.line - 1][f.column - 1 : f.end_column - 1]


@pytest.mark.parametrize(
    "lang,target,flagged",
    [
        ("ru", "<![CDATA[Том & Джерри в Aлматы]]>", "Aлматы"),  # "&" is literal in CDATA
        ("kk", "<![CDATA[Бiлiм & <ғылым>]]> ", "Бiлiм"),  # Kazakh і written as Latin i
        ("ru", "Офис <![CDATA[& Co]]>\r\nв Aлматы", "Aлматы"),  # text after the section, CRLF
        ("ja", "東京 &amp; <![CDATA[<b>]]> <g id='1'>Aлматы</g><!-- note --> 大阪", "Aлматы"),
    ],
)
def test_cdata_targets_are_read_with_exact_positions(lang, target, flagged):
    text = xliff(target, lang)
    [f] = findings_of(text, path="x.xlf", select="homoglyph")
    assert spot(text, f) == flagged


def test_clean_cdata_target_has_no_findings():
    text = xliff("<![CDATA[Офис в Алматы & Астане]]>", unit_source="Office in Almaty &amp; Astana")
    assert findings_of(text, path="x.xlf", select=["homoglyph", "untranslated"]) == []


GOOD = xliff("Офис в Aлматы")


@pytest.mark.parametrize(
    "name,content,line,message",
    [
        (
            "entity",
            xliff("Офис &city;", prolog='<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY city "в Aлматы">]>\n'),
            2,
            "DOCTYPE with an internal subset",
        ),
        # an entity longer than the rest of the file (crashed the whole run)
        (
            "long-entity",
            xliff("б &e;", prolog='<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "' + "x" * 5000 + '">]>\n'),
            2,
            "DOCTYPE with an internal subset",
        ),
        (
            "laughs",
            '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            ']>\n<xliff version="1.2"><file target-language="ru"><body><trans-unit id="1"><source>a</source>'
            "<target>&b;</target></trans-unit></body></file></xliff>\n",
            2,
            "DOCTYPE with an internal subset",
        ),
        (
            "external-entity",
            xliff("Офис&nbsp;в Алматы", prolog='<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "x.dtd">\n'),
            4,
            "entity &nbsp; is not defined in the file",
        ),
        (
            "unknown-encoding",
            xliff("Офис в Алматы", prolog='<?xml version="1.0" encoding="x-bogus"?>\n'),
            1,
            "unknown encoding 'x-bogus' in the XML declaration",
        ),
        (
            "legacy-encoding",
            xliff("Білім әлемі", "kk", prolog='<?xml version="1.0" encoding="windows-1251"?>\n'),
            1,
            "unsupported encoding 'windows-1251'",
        ),
        ("deep", xliff('<g id="1">' * 1500 + "Офис" + "</g>" * 1500), 3, "nested more than 1000 deep"),
        # a unit inside another's target (was an internal error: AttributeError)
        ("nested-unit", xliff('Офис<trans-unit id="2"/> в Алматы'), 3, "a <trans-unit> inside another unit"),
        (
            "huge-comment",
            xliff("Офис", prolog='<?xml version="1.0"?>\n<!-- ' + "x" * (8 * 2**20 + 1) + " -->\n"),
            2,
            "a comment longer than 8 MiB",
        ),
    ],
)
def test_a_hostile_file_is_one_error_line_and_the_others_are_still_checked(tqa, tmp_path, name, content, line, message):
    (tmp_path / "bad.xlf").write_text(content, encoding="utf-8")
    (tmp_path / "good.xlf").write_text(GOOD, encoding="utf-8")
    run = tqa("check", "-f", "json", tmp_path)
    assert run.code == 2, run.err
    assert "Traceback" not in run.err
    report = run.json()
    [error] = report["errors"]
    assert error["path"].endswith("bad.xlf") and error["line"] == line and message in error["message"]
    found = [
        (f["rule"], f["text"]) for a in report["articles"] for f in a["findings"] if f["path"].endswith("good.xlf")
    ]
    assert ("TQA101", "Aлматы") in found


def test_fix_never_writes_through_an_entity(tqa, tmp_path):
    """The entity's text ("в Aлматы") stands nowhere in the file: the file
    is refused, and left byte for byte as it was."""
    path = tmp_path / "ru.xlf"
    content = xliff(
        "Офис &city; и Aлматы", prolog='<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY city "в Aлматы">]>\n'
    )
    path.write_bytes(content.encode("utf-8"))
    run = tqa("fix", path)
    assert run.code == 2 and "DOCTYPE with an internal subset" in run.err and "Traceback" not in run.err
    assert path.read_bytes() == content.encode("utf-8")


@pytest.mark.parametrize(
    "lang,target,fixed",
    [
        ("ru", "<![CDATA[Том & Джерри в Aлматы]]>", "<![CDATA[Том & Джерри в Алматы]]>"),
        ("kk", "<![CDATA[Бiлiм & ғылым]]>", "<![CDATA[Білім & ғылым]]>"),
        ("ja", "東京<![CDATA[ & ]]>Aлматы", "東京<![CDATA[ & ]]>Алматы"),
    ],
)
def test_fix_inside_and_after_cdata_changes_only_the_word(tqa, tmp_path, lang, target, fixed):
    path = tmp_path / "a.xlf"
    path.write_text(xliff(target, lang), encoding="utf-8")
    run = tqa("fix", path)
    assert run.code == 0, run.err
    assert path.read_text(encoding="utf-8") == xliff(fixed, lang)


def test_declared_encoding_is_what_the_file_is(tmp_path):
    # UTF-16 with its byte-order mark, declared so (was "encoding specified
    # in XML declaration is incorrect"); a legacy code page on plain ASCII
    # text reads the same as UTF-8
    from tqa.readers import read_document

    path = tmp_path / "u16.xlf"
    path.write_bytes(
        codecs.BOM_UTF16_LE
        + xliff("Офис в Алматы", prolog='<?xml version="1.0" encoding="UTF-16"?>\n').encode("utf-16-le")
    )
    [segment] = read_document(str(path)).articles[0].segments
    assert segment.text == "Офис в Алматы"
    path = tmp_path / "latin1.xlf"
    path.write_text(xliff("Office", "en-GB", prolog='<?xml version="1.0" encoding="ISO-8859-1"?>\n'), encoding="ascii")
    assert [s.text for s in read_document(str(path)).articles[0].segments] == ["Office"]
