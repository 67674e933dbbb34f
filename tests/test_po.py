"""Gettext catalogs: exact positions, plural forms, escapes, fuzzy entries,
bilingual rules, suppressions, malformed files."""

import unicodedata

import pytest
from conftest import ROOT, findings_of
from hypothesis import given, settings
from hypothesis import strategies as st

from tqa.rules.bilingual._shared import number_values

SAMPLE = ROOT / "samples" / "ru-django.po"
HEADER = 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Plural-Forms: nplurals=3;\\n"\n\n'


def po(body, **kw):
    return findings_of(HEADER + body, path="x.po", **kw)


def test_sample_catalog_findings_point_inside_msgstr():
    found = findings_of(SAMPLE.read_text(encoding="utf-8"), path=str(SAMPLE))
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    by_rule = {(f.name, f.line) for f in found}
    assert ("placeholder-mismatch", 13) in by_rule
    assert ("markup-mismatch", 22) in by_rule
    assert ("number-mismatch", 38) in by_rule
    assert ("homoglyph", 42) in by_rule
    assert ("untranslated", 46) in by_rule
    assert ("editorial-marker", 59) in by_rule
    for f in found:
        if f.line == f.end_line and f.text:
            assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.text
    # the exchange rate "1,500" = "1 500" and the plural forms are fine
    assert not [f for f in found if f.line in (27, 28, 29, 30, 34)]


def test_catalog_language_and_title_come_from_the_header(tqa):
    report = tqa("check", "-f", "json", SAMPLE).json()
    [article] = report["articles"]
    assert article["lang"] == "ru" and article["title"] == "newsroom-site 1.0"


def test_position_maps_escapes_and_continuation_lines():
    body = 'msgid "A\\tB and x"\nmsgstr ""\n"Раз\\tдва "\n"и TODO: проверить"\n'
    [f] = po(body, select="editorial-marker")
    assert (f.line, f.column, f.text) == (9, 4, "TODO: проверить")
    body = 'msgid "a b"\nmsgstr "\\"цитата\\" Aлматы"\n'
    [f] = po(body, select="homoglyph")
    assert (f.line, f.column, f.end_column, f.text) == (7, 20, 26, "Aлматы")


def test_escape_at_the_end_of_a_span_covers_both_characters():
    body = 'msgid "Name: \\n"\nmsgstr "Имя: \\n\\n"\n'
    [f] = po(body, select="whitespace-mismatch")
    assert f.text.endswith("\\n") and f.line == 7


@pytest.mark.parametrize(
    "flag,source,target,bad",
    [
        ("c-format", "%s of %d", "%s из", True),
        ("c-format", "%1$s of %2$s", "%2$s: %1$s", False),
        ("python-format", "Hello %(name)s", "Привет %(nmae)s", True),
        ("python-brace-format", "{count} new", "{count} новых", False),
        ("python-brace-format", "{count} new", "{cuont} новых", True),
        ("", "Done: 100%", "Готово: 100%", False),
    ],
)
def test_placeholders_by_flag(flag, source, target, bad):
    body = (f"#, {flag}\n" if flag else "") + f'msgid "{source}"\nmsgstr "{target}"\n'
    assert bool(po(body, select="placeholder-mismatch")) == bad


def test_plural_forms_checked_per_form():
    body = (
        '#, python-format\nmsgid "%(n)d file of %(user)s"\nmsgid_plural "%(n)d files of %(user)s"\n'
        'msgstr[0] "один файл %(user)s"\nmsgstr[1] "%(n)d файла %(user)s"\nmsgstr[2] "%(n)d файлов"\n'
    )
    [f] = po(body, select="placeholder-mismatch")
    assert f.line == 11 and "%(user)s" in f.message


@pytest.mark.parametrize(
    "lang,source,plural,forms,reported",
    [
        # Arabic: zero, one and two are words ("no results", "one result")
        (
            "ar",
            "%(counter)s result",
            "%(counter)s results",
            ["لا نتائج", "نتيجة واحدة", "نتيجتان", "%(counter)s نتائج"],
            [],
        ),
        # form 0 of Arabic is "zero", not the singular: it may use the plural's placeholder
        ("ar", "an hour ago", "%(count)s hours ago", ["منذ %(count)s ساعة", "منذ ساعة", "منذ %(count)s ساعة"], []),
        # Hebrew: "a billion" for %(value)s billion
        ("he", "%(value)s billion", "%(value)s billion", ["מיליארד", "%(value)s מיליארד"], []),
        # Czech singular drops the count, keeps the name
        (
            "cs",
            "%(count)s %(name)s was changed.",
            "%(count)s %(name)s were changed.",
            ["Položka %(name)s byla změněna.", "%(count)s položky %(name)s byly změněny."],
            [],
        ),
        # dropping the name while keeping the count loses information
        (
            "ar",
            "%(count)s %(name)s was changed.",
            "%(count)s %(name)s were changed.",
            ["لم يتم تغيير أي شيء", "تم تغيير %(count)s بنجاح."],
            [1],
        ),
        # a placeholder in neither source
        (
            "ru",
            "%(count)s file",
            "%(count)s files",
            ["%(count)s файл", "%(count)s файла %(user)s", "%(count)s файлов"],
            [1],
        ),
    ],
)
def test_plural_forms_in_languages_with_other_plural_rules(lang, source, plural, forms, reported):
    body = "".join(f'msgstr[{i}] "{form}"\n' for i, form in enumerate(forms))
    text = (
        f'msgid ""\nmsgstr "Language: {lang}\\n"\n\n#, python-format\nmsgid "{source}"\nmsgid_plural "{plural}"\n{body}'
    )
    found = findings_of(text, path="x.po", select="placeholder-mismatch")
    # msgstr[0] stands on line 7
    assert [f.line - 7 for f in found] == reported, [(f.line, f.message) for f in found]


def test_fuzzy_and_empty_are_information_not_errors():
    body = '#, fuzzy\nmsgid "Delete"\nmsgstr "Удалить"\n\nmsgid "Publish"\nmsgstr ""\n'
    found = po(body)
    assert [(f.name, f.severity) for f in found] == [("untranslated", "info"), ("untranslated", "info")]


@pytest.mark.parametrize(
    "source,target,bad",
    [
        ("Save changes", "Save changes", True),
        ("OK", "OK", False),
        ("PDF", "PDF", False),
        ("KazUnite News", "KazUnite News", False),
        ("%s", "%s", False),
        ("Save changes", "Сохранить изменения", False),
    ],
)
def test_copies_of_the_source(source, target, bad):
    found = po(f'msgid "{source}"\nmsgstr "{target}"\n', select="untranslated")
    assert bool(found) == bad


@pytest.mark.parametrize(
    "source,target,lang,ok",
    [
        ("1,500", "1 500", "ru", True),
        ("1,500", "1.500", "de", True),
        ("2.5", "2,5", "de", True),
        ("2,400", "2 300", "ru", False),
        ("15 May", "15 мая", "ru", True),
    ],
)
def test_numbers_are_compared_by_value(source, target, lang, ok):
    found = findings_of(
        f'msgid ""\nmsgstr "Language: {lang}\\n"\n\nmsgid "{source}"\nmsgstr "{target}"\n',
        path="x.po",
        select="number-mismatch",
    )
    assert (not found) == ok


@pytest.mark.parametrize(
    "lang,source,target,reported",
    [
        ("de", "6 p.m.", "18 Uhr", False),  # the 24-hour clock
        ("fi", "6 p.m.", "18:00", False),
        ("sr", "6 p.m.", "18ч", False),  # digits touching letters
        ("cs", "6 a.m.", "6h ráno", False),
        ("sr", "6 a.m.", "18ч", True),  # the wrong hour
        ("nl", "Past 7 days", "Afgelopen zeven dagen", False),  # spelled out
        ("ja", "0 of %(cnt)s selected", "%(cnt)s個の内ひとつも選択されていません", False),
        ("ru", "Past 7 days", "Последние 8 дней", True),  # another number instead
        ("kk", "Tickets sold: 2,400", "Сатылған билеттер: 2 300", True),
    ],
)
def test_numbers_across_clocks_scripts_and_words(lang, source, target, reported):
    text = f'msgid ""\nmsgstr "Language: {lang}\\n"\n\n#, python-format\nmsgid "{source}"\nmsgstr "{target}"\n'
    assert bool(findings_of(text, path="x.po", select="number-mismatch")) is reported


def test_number_values_are_locale_aware():
    assert "1500" in number_values("1,500") and "1.5" in number_values("1,500")
    assert number_values("1 500") == {"1500"} | number_values("1 500")


def test_markup_and_links():
    body = (
        'msgid "Read <a href=\\"/x\\">this</a> or mail info@akorda.kz"\n'
        'msgstr "Прочитайте <a href=\\"/ru/x\\">это</a>"\n'
    )
    found = po(body)
    assert {f.name for f in found} == {"link-mismatch"}
    body = 'msgid "A <b>bold</b> move"\nmsgstr "Смелый шаг"\n'
    assert [f.name for f in po(body)] == ["markup-mismatch"]


@pytest.mark.parametrize(
    "lang,source,target,severity",
    [
        ("fr", "{}th", "{}<sup>e</sup>", "warning"),  # an ordinal set as superscript
        ("ca", "Template: <q>%(name)s</q>", "Plantilla: «%(name)s»", "warning"),  # <q> as quotation marks
        ("ja", "Use <strong>bold</strong> here", "ここで太字を使う", "warning"),
        ("ru", 'Read the <a href=\\"/about\\">story</a>.', "Прочитайте историю.", "error"),  # a lost link
        ("de", "Line one<br>line two", "Zeile eins Zeile zwei", "error"),
        ("uk", '<b>Note:</b> <a href=\\"/x\\">see</a>', "Примітка: див.", "error"),  # formatting and a link
    ],
)
def test_markup_that_only_formats_is_a_warning(lang, source, target, severity):
    text = f'msgid ""\nmsgstr "Language: {lang}\\n"\n\nmsgid "{source}"\nmsgstr "{target}"\n'
    [f] = findings_of(text, path="x.po", select="markup-mismatch")
    assert f.severity == severity


def test_suppression_silences_and_unused_ones_are_reported():
    body = (
        '# tqa: ignore untranslated kept in English on purpose\nmsgid "Save changes"\nmsgstr "Save changes"\n\n'
        '# tqa: ignore placeholder-mismatch\nmsgid "Done"\nmsgstr "Готово"\n'
    )
    found = po(body)
    assert [(f.name, f.line) for f in found] == [("unused-suppression", 10)]


def test_monolingual_rules_run_on_translations_only():
    body = 'msgid "TODO in the source is not ours"\nmsgstr "Текст без ошибок"\n'
    assert po(body) == []


def test_malformed_po_is_a_clear_error(tqa, tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b\nmsgid "c"\n', encoding="utf-8")
    good = tmp_path / "good.po"
    good.write_text(HEADER + 'msgid "a"\nmsgstr "б"\n', encoding="utf-8")
    run = tqa("check", "-f", "json", tmp_path)
    assert run.code == 2
    [error] = run.json()["errors"]
    assert error["path"].endswith("bad.po") and "malformed PO" in error["message"] and error["line"]
    assert run.json()["summary"]["files"] == 1


@pytest.mark.parametrize(
    "lang,source,target",
    [
        ("ru", "yes,no,maybe", "да,нет,может быть"),  # a format, kept glued
        (
            "fr",
            'See <a href=\\"https://docs.example.com/en/%(v)s/\\">docs</a>',
            'Voir <a href=\\"https://docs.example.com/fr/%(v)s/\\">la doc</a>',
        ),  # localised link
        (
            "ja",
            "Duplicate %(field)s for %(lookup)s",
            "%(field)s の重複 %(lookup)s では %(field)s",
        ),  # placeholder repeated
        ("ja", "Big (8 byte) integer", "大きな(８バイト)整数"),  # full-width digit
        ("ja", "English", "英語(米国)"),  # CJK in brackets
        ("fr", "%(num)d minute", "%(num)d minute"),  # same word
        ("ru", "Use “%(value)s” here", "Используйте “%(value)s” здесь"),  # English-style quotes
    ],
)
def test_catalog_conventions_stay_silent(lang, source, target):
    text = f'msgid ""\nmsgstr "Language: {lang}\\n"\n\n#, python-format\nmsgid "{source}"\nmsgstr "{target}"\n'
    found = findings_of(text, path="x.po")
    assert found == [], [(f.rule, f.text, f.message) for f in found]


@pytest.mark.parametrize(
    "lang,source,target",
    [
        ("ru", "Share", "Поделиться"),  # the site's own share button
        ("kk", "Share:", "Бөлісу:"),
        ("de", "Read also:", "Lesen Sie auch:"),
        ("ru", "Home", "Главная"),
        ("ru", "__________", "__________"),  # a separator the UI draws
    ],
)
def test_interface_labels_in_a_catalog_are_translations_not_leftovers(lang, source, target):
    text = f'msgid ""\nmsgstr "Language: {lang}\\n"\n\nmsgid "{source}"\nmsgstr "{target}"\n'
    found = findings_of(text, path="x.po")
    assert found == [], [(f.rule, f.text, f.message) for f in found]


def test_page_leftovers_inside_a_translation_are_still_found():
    found = po(
        'msgid "Minister visits Astana"\nmsgstr ""\n"Поделиться\\n"\n"Министр посетил Астану"\n\n'
        'msgid "Step size"\nmsgstr ""\n"\u00a0\\n"\n"Размер шага"\n'
    )
    assert [(f.name, f.text) for f in found if f.category == "boilerplate"] == [
        ("share-label", "Поделиться"),
        ("filler-line", "\u00a0"),
    ]


@pytest.mark.parametrize(
    "header,copy_reported",
    [
        ("Language: en_GB", False),  # British English from English sources
        ("Language: en-AU", False),
        ("Language: de\\nX-Source-Language: de", False),  # a German catalog of German sources
        ("Language: en\\nX-Source-Language: de", True),  # English from German: a copy is untranslated
        ("Language: kk", True),
    ],
)
def test_a_copy_is_untranslated_only_across_languages(header, copy_reported):
    text = (
        f'msgid ""\nmsgstr "{header}\\n"\n\nmsgid "Save changes to this article"\n'
        f'msgstr "Save changes to this article"\n\nmsgid "Publish"\nmsgstr ""\n'
    )
    found = [(f.name, f.severity, f.message) for f in findings_of(text, path="x.po", select="untranslated")]
    assert ("untranslated", "info", "not translated yet (empty)") in found
    assert (("untranslated", "warning", "translation is a copy of the source") in found) is copy_reported


def test_xliff_source_language_decides_what_a_copy_is():
    unit = (
        '<trans-unit id="1"><source>Save changes to this article</source>'
        "<target>Save changes to this article</target></trans-unit>"
    )
    for source, target, reported in (("en", "en-GB", False), ("en-US", "ru", True)):
        text = (
            f'<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="{source}" '
            f'target-language="{target}"><body>{unit}</body></file></xliff>\n'
        )
        found = findings_of(text, path="x.xlf", select="untranslated")
        assert bool(found) is reported, (source, target, found)


@pytest.mark.parametrize(
    "lang,source,target,repeated",
    [
        (
            "cs",
            "%(model_name)s with this %(field_labels)s already exists.",
            "Položka %(model_name)s s touto kombinací hodnot v polích %(field_labels)s již existuje.",
            None,
        ),
        (
            "sk",
            "%(model_name)s with this %(field_labels)s already exists.",
            "%(model_name)s s týmto %(field_labels)s už existuje.",
            None,
        ),
        (
            "es",
            "The file you uploaded was either not an image or a corrupted image.",
            "El archivo no es una imagen o es un un archivo de imagen corrupto.",
            "un un",
        ),
        ("ru", "Remove %s by selecting them.", "Выделите элементы в списке %s и и нажмите стрелку.", "и и"),
    ],
)
def test_repeated_word_next_to_a_placeholder(lang, source, target, repeated):
    text = f'msgid ""\nmsgstr "Language: {lang}\\n"\n\n#, python-format\nmsgid "{source}"\nmsgstr "{target}"\n'
    found = [f.text for f in findings_of(text, path="x.po", select="repeated-word")]
    assert found == ([repeated] if repeated else [])


TRICKY = (
    HEADER
    + r"""# translator comment
#. extracted comment
#: a.py:1
#, python-format, fuzzy
msgctxt "menu"
msgid "Open %(name)s"
msgstr "Открыть %(name)s"

msgid ""
"Line one\n"
"line two with \"quotes\" and a \\ backslash"
msgstr ""
"Строка один\n"
"строка два с \"кавычками\" и \\ обратной чертой"

msgid "One file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] "%d файлов"

msgid "Untranslated"
msgstr ""

#~ msgid "Old"
#~ msgstr "Старое"
"""
)


@pytest.mark.parametrize(
    "text", [TRICKY, (ROOT / "samples" / "ru-django.po").read_text(encoding="utf-8")], ids=["tricky", "sample"]
)
def test_reader_reads_the_entries_polib_reads(text):
    """polib is the reference parser: the fast scanner must see the same
    entries, strings, flags and comments."""
    import polib

    from tqa.readers import document_from_text

    ours = [s.meta | {"text": s.text} for s in document_from_text("x.po", text).articles[0].segments]
    theirs = []
    for entry in polib.pofile(text, wrapwidth=0):
        if entry.obsolete:
            continue
        forms = sorted(entry.msgstr_plural.items()) if entry.msgid_plural else [(None, entry.msgstr)]
        for index, value in forms:
            theirs.append(
                {
                    "source": entry.msgid,
                    "source_plural": entry.msgid_plural or None,
                    "flags": list(entry.flags),
                    "context": entry.msgctxt,
                    "comment": entry.tcomment,
                    "extracted": entry.comment,
                    "plural_index": index,
                    "text": value,
                }
            )
    keys = ("source", "source_plural", "flags", "context", "comment", "extracted", "plural_index", "text")
    assert [{k: o[k] for k in keys} for o in ours] == theirs


# What msgfmt -c refuses in a catalog's structure (checked against GNU
# gettext 0.21 msgfmt; the expectations are written here so that the tests
# need no gettext): the whole catalog is refused, in one line naming where.
# HEADER is lines 1-5; the body starts on line 6.
@pytest.mark.parametrize(
    "body,line,message",
    [
        ('msgid "Save"\nmsgstr "Сохранить\\q"\n', 7, "invalid escape sequence \\q in a string (column 18)"),
        ('msgid "Data"\nmsgstr "データ\\u30C7"\n', 7, "invalid escape sequence \\u"),
        ('msgid "Knowledge"\nmsgstr "Білім \\x"\n', 7, "invalid escape sequence \\x"),
        ('msgid "Open\\e"\nmsgstr "Ашу"\n', 6, "invalid escape sequence \\e"),
        (
            'msgid "Save"\nmsgstr "Сохранить"\n\nmsgid "Save"\nmsgstr "Записать"\n',
            9,
            "duplicate message definition (first at line 6)",
        ),
        (
            'msgctxt "menu"\nmsgid "Open"\nmsgstr "Ашу"\n\nmsgctxt "menu"\nmsgid "Open"\nmsgstr "Ашық"\n',
            11,
            "duplicate message definition (first at line 7)",
        ),
        ('msgid "file"\nmsgstr[0] "файл"\n', 7, "msgstr[0] without msgid_plural"),
        ('msgid "file"\nmsgid_plural "files"\nmsgstr "файлы"\n', 8, "msgid_plural with a plain msgstr"),
        (
            'msgid "file"\nmsgid_plural "files"\n\nmsgid "Save"\nmsgstr "Сохранить"\n',
            7,
            "msgid_plural without msgstr[0]",
        ),
        (
            'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "файл"\nmsgstr[2] "файлов"\n',
            9,
            "msgstr[2] where msgstr[1] belongs",
        ),
        (
            'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "файл"\nmsgstr "файлы"\n',
            9,
            "a plain msgstr after plural forms",
        ),
        ('msgid "Save"\n\nmsgid "Open"\nmsgstr "Открыть"\n', 6, "msgid without msgstr"),
        ('msgid "Save"\n# translator comment\nmsgstr "Сохранить"\n', 6, "msgid without msgstr"),
        ('msgid "Save"\nmsgctxt "menu"\nmsgstr "Сохранить"\n', 6, "msgid without msgstr"),
        ('msgid "Save"\nmsgstr "Сохранить"\nmsgstr "Записать"\n', 8, "msgstr after msgstr (keywords out of order)"),
        ('msgid "Save"\nmsgstr "Сохранить"\nmsgid_plural "Saves"\n', 8, "msgid_plural after msgstr"),
        ('msgctxt "menu"\nmsgctxt "toolbar"\nmsgid "Open"\nmsgstr "Ашу"\n', 6, "msgctxt without msgid"),
        ('msgid "Save"\nmsgstr "Сохранить"\n\nmsgid "Open"\n', 9, "msgid without msgstr"),  # at the end of the file
    ],
)
def test_catalogs_msgfmt_refuses_are_refused_whole(body, line, message):
    from tqa.engine import check_text

    result = check_text(HEADER + body, path="x.po")
    [error] = result.errors
    assert error.line == line and error.message.startswith(f"malformed PO: {message}"), (error.line, error.message)
    assert result.findings == []


def test_a_refused_catalog_is_one_line_and_the_good_one_is_still_checked(tqa, tmp_path):
    (tmp_path / "bad.po").write_text(
        HEADER + 'msgid "Almaty"\nmsgstr "Aлматы"\n\nmsgid "Almaty"\nmsgstr "Алматы"\n', encoding="utf-8"
    )
    (tmp_path / "good.po").write_text(HEADER + 'msgid "Almaty office"\nmsgstr "Офис в Aлматы"\n', encoding="utf-8")
    run = tqa("check", "-f", "json", tmp_path)
    assert run.code == 2 and "Traceback" not in run.err
    report = run.json()
    [error] = report["errors"]
    assert error["path"].endswith("bad.po") and error["line"] == 9
    assert error["message"] == "malformed PO: duplicate message definition (first at line 6)"
    found = [(f["path"].rsplit("/", 1)[-1], f["rule"], f["line"]) for a in report["articles"] for f in a["findings"]]
    assert found == [("good.po", "TQA101", 7)]


@pytest.mark.parametrize(
    "body,texts",
    [
        # a blank line inside an entry: msgfmt reads on (was "msgstr without msgid")
        ('msgid "Save"\n\nmsgstr "Сохранить"\n', ["Сохранить"]),
        # octal and hex escapes are valid; kept as written, as polib keeps them (was "б101")
        ('msgid "A"\nmsgstr "б\\101 \\x41 ә"\n', ["б\\101 \\x41 ә"]),
        # obsolete lines right before an entry do not make it obsolete (it was skipped)
        ('#~ msgid "Old"\n#~ msgstr "Ескі"\nmsgid "Knowledge"\nmsgstr "Білім"\n', ["Білім"]),
        # the same msgid in two contexts is two messages
        (
            'msgctxt "menu"\nmsgid "Open"\nmsgstr "開く"\n\nmsgctxt "door"\nmsgid "Open"\nmsgstr "開いている"\n',
            ["開く", "開いている"],
        ),
    ],
)
def test_what_msgfmt_accepts_is_read(body, texts):
    from tqa.readers import document_from_text

    assert [s.text for s in document_from_text("x.po", HEADER + body).articles[0].segments] == texts


def test_many_escapes_on_one_line_keep_exact_text_and_positions():
    """Escapes are mapped run by run (kept compact for a huge string): the
    text is the unescaped one (octal kept as written) and the last word
    still points at itself."""
    from tqa.readers import document_from_text

    body = 'msgid "Text"\nmsgstr "' + "ә\\n\\101" * 5000 + ' \\"Aлматы\\""\n'
    [segment] = document_from_text("x.po", HEADER + body).articles[0].segments
    assert segment.text == "ә\n\\101" * 5000 + ' "Aлматы"'
    [f] = po(body, select="homoglyph")
    assert (f.line, f.column, f.text) == (7, 9 + 7 * 5000 + 3, "Aлматы")


def test_spans_stop_before_the_carriage_return_of_crlf_lines(tmp_path):
    # an untranslated entry is flagged on its msgstr line: the span ends at
    # the closing quote, not on the \r of the line end (found by fuzzing)
    from tqa.config import Config
    from tqa.engine import check_files

    path = tmp_path / "ru.po"
    path.write_bytes('msgid ""\r\nmsgstr ""\r\n"Language: kk\\n"\r\n\r\nmsgid "Save"\r\nmsgstr ""\r\n'.encode())
    result = check_files([str(path)], Config(), jobs=1)
    spans = [(f.rule, f.line, f.column, f.end_column) for f in result.findings]
    assert ("TQA911", 6, 1, 10) in spans, spans


def test_msgstr_of_megabytes_keeps_exact_positions_and_whole_placeholders():
    # the msgid's placeholders stand at its start, the msgstr's at its end:
    # compared as wholes, the two strings agree
    russian = "Министерство открыло новый офис в столице на прошлой неделе. "
    english = "The ministry opened a new office in the capital city last week. "
    msgstr = russian * (2_000_000 // len(russian)) + "Форум прошёл в Aлматы, %(count)d {name}."
    msgid = "%(count)d {name} " + english * (500_000 // len(english))
    found = po(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n', select=["homoglyph", "placeholder-mismatch"])
    line = HEADER.count("\n") + 2
    assert [(f.name, f.line, f.column, f.text) for f in found] == [
        ("homoglyph", line, len('msgstr "') + msgstr.index("Aлматы") + 1, "Aлматы")
    ]


def test_untranslated_msgstr_of_megabytes_is_one_finding():
    english = "The ministry opened a new office in the capital city last week. "
    msgstr = english * (1_000_000 // len(english))
    found = po(f'msgid "{english}"\nmsgstr "{msgstr}"\n', select="foreign-script")
    assert [(f.line, f.column, f.text) for f in found] == [
        (HEADER.count("\n") + 2, len('msgstr "') + 1, msgstr.rstrip(". "))
    ]


def test_number_lost_at_the_end_of_a_huge_msgid_is_found():
    english = "Room 12 opens at 6 p.m. for 30 guests. "
    russian = "Зал 12 открывается в 18:00 для 30 гостей. "
    count = 300_000 // len(english)
    found = po(
        f'msgid "{english * count}Total: 2,400"\nmsgstr "{russian * count}Всего: 2 300"\n', select="number-mismatch"
    )
    assert [f.message for f in found] == ["number 2,400 of the source is not in the translation"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("ab я%() $sd1209.,\u0301\u00a0８ﬁ\u00a8") + ["%(n)s", "% d", "%1$ d", "6 p.m."]),
        max_size=40,
    ).map("".join)
)
def test_a_long_text_compared_in_pieces_reads_as_the_whole(text):
    # number-mismatch reads a long string a piece at a time (no whole copies
    # of a catalog string of megabytes); cut every few characters here, the
    # pieces must make exactly the whole with placeholders blanked and NFKC
    from unittest import mock

    from tqa.rules.bilingual import _shared as bilingual

    whole = unicodedata.normalize("NFKC", bilingual.PRINTF.sub(" ", text))
    with mock.patch.object(bilingual, "COMPARED_AT_ONCE", 3):
        assert "".join(bilingual.comparable_pieces(text)) == whole
