"""Catalog checks against gettext: placeholders read as msgfmt -c reads
them, other projects' variables, markup with attributes, native digits."""

import shutil
import subprocess

import pytest
from conftest import findings_of

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {lang}\\n"\n\n'


def entry(flag, msgid, msgstr, ctx=""):
    flag_line = f"#, {flag}\n" if flag else ""
    context = f'msgctxt "{ctx}"\n' if ctx else ""
    return f'{flag_line}{context}msgid "{msgid}"\nmsgstr "{msgstr}"\n'


def check(body, lang="ru", select="TQA901", **config):
    return findings_of(HEADER.format(lang=lang) + body, path="x.po", select=select, **config)


def verdict(body, lang="ru", **config):
    return sorted({f.severity for f in check(body, lang, **config)})


# (flag, msgid, msgstr, lang, msgfmt -c accepts it)
CASES = [
    ("c-format", "Copied %s of %d files", "Скопировано %1$s из %2$d файлов", "ru", True),
    ("c-format", "Copied %s of %d files", "%2$d файлдың %1$s көшірілді", "kk", True),
    ("c-format", "Note, selecting '%s' instead of '%s'", "Hinweis: »%2$s« statt »%1$s«", "de", True),
    ("c-format", "waiting (%ds) for %.255s", "ожидание (%iс) для %.250s", "ru", True),
    ("c-format", "%s of %d", "%d из %s", "ru", False),
    ("c-format", "%s and %s", "%s и", "ru", False),
    ("c-format", "%d files", "%u файлов", "ru", False),
    ("c-format", "%ld bytes", "%d байт", "ru", False),
    ("c-format", "%s %s", "%2$s %2$s %1$s", "ru", True),
    ("c-format", "%s %d", "%1$s %d", "ru", False),
    ("c-format", "%s %d", "%2$d", "ru", False),
    ("c-format", "Error on line %d: %s", "خطأ في السطر %Id: %s", "ar", True),
    ("c-format", "%a %b %e %H:%M:%S %Y", "%a, %-d %b %Y", "ru", True),
    ("c-format", "%.1f KiB", "%.1f КиБ", "kk", True),
    ("c-format", "%d%% done", "%d%% 完了", "ja", True),
    ("objc-format", "Hello %@", "Привет, %s", "ru", False),
    ("objc-format", "%@ has %d items", "%2$d элементов у %1$@", "ru", True),
    ("python-format", "Hi %(name)s", "Привет, %(nmae)s", "ru", False),
    ("python-format", "%(a)s and %(a)s", "%(a)s", "ru", True),
    ("python-format", "%(a)s", "%(a)d", "de", False),
    ("python-format", "%s", "%(x)s", "ru", False),
    ("qt-format", "%1 of %2", "%2 из %1", "ru", True),
    ("qt-format", "%1 of %2 %1", "%1 и %2", "kk", True),
    ("qt-format", "%1 of %2", "%1 из", "ru", False),
    ("python-brace-format", "{0} {1}", "{1} {0} {1}", "de", True),
]


@pytest.mark.parametrize("flag,msgid,msgstr,lang,accepted", CASES)
def test_placeholder_verdict_is_msgfmts(flag, msgid, msgstr, lang, accepted):
    assert verdict(entry(flag, msgid, msgstr), lang) == ([] if accepted else ["error"])


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_msgfmt_agrees_with_the_table(tmp_path):
    """The table above is msgfmt's own verdict, entry by entry."""
    for i, (flag, msgid, msgstr, _, accepted) in enumerate(CASES):
        path = tmp_path / f"{i}.po"
        path.write_text(HEADER.format(lang="ru") + entry(flag, msgid, msgstr), encoding="utf-8")
        proc = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
        assert (proc.returncode == 0) == accepted, (msgid, msgstr, proc.stderr)


def test_unnumbered_braces_are_counted_not_collected_into_a_set():
    # msgfmt accepts it (Python ignores the extra argument); the count of the source is lost
    assert verdict(entry("python-brace-format", "{} of {}", "{} из")) == ["error"]
    assert verdict(entry("python-brace-format", "{} of {}", "{} из {}")) == []


def test_a_plural_form_that_drops_one_argument_and_keeps_another_is_a_warning():
    body = (
        "#, python-format\n"
        'msgid "%(count)s %(name)s was changed."\nmsgid_plural "%(count)s %(name)s were changed."\n'
        'msgstr[0] "Изменён %(name)s."\nmsgstr[1] "Изменено %(count)s."\nmsgstr[2] "Изменено %(count)s %(name)s."\n'
    )
    assert [f.severity for f in check(body)] == ["warning"]


def test_strings_without_a_flag_are_printf_only_when_every_percent_starts_a_directive():
    assert verdict(entry("", "100% done", "Готово на 100 %")) == []
    assert verdict(entry("", "%a %b %e", "%a %e %b", ctx="date")) == []
    assert verdict(entry("", "Copied %s of %d", "Скопировано %1$s из %2$d")) == []
    assert verdict(entry("", "Copied %s of %d", "Скопировано %s")) == ["error"]


def test_in_a_flagged_catalog_an_entry_without_a_flag_is_no_format_string():
    body = entry("c-format", "%s files", "%s файлов") + entry("", "Remove %s", "Удалить")
    assert verdict(body) == []
    assert verdict(entry("", "Remove %s", "Удалить")) == ["error"]


MOZILLA = (
    entry("", "About &brandShortName;", "О &brandShortName;")
    + entry("", "Quit &brandShortName;", "Выйти из {}")
    + entry("", "Fish &amp; chips", "Рыба и картошка")
)


def test_other_projects_variables_detected_in_a_catalog_are_warnings():
    found = check(MOZILLA)
    assert [(f.severity, f.message) for f in found] == [
        ("warning", "placeholder &brandShortName; of the source is missing")
    ]
    # one entry is no evidence of a syntax
    assert check(entry("", "Quit &brandShortName;", "Выйти")) == []


def test_other_projects_variables_named_in_the_configuration_are_errors():
    options = {"rule_options": {"TQA901": {"placeholders": ["mozilla-entity", "dollar", "double-brace"]}}}
    assert verdict(entry("", "Quit &brandShortName;", "Шығу"), "kk", **options) == ["error"]
    assert verdict(entry("", "Open $dir$", "Öffne $dri$"), "de", **options) == ["error"]
    assert verdict(entry("", "Total: {{total}}", "Барлығы: {{total}}"), "kk", **options) == []
    assert verdict(entry("", "Total: {{total}}", "合計"), "ja", **options) == ["error"]


@pytest.mark.parametrize(
    "body,lang",
    [
        (entry("", "%user% logged in", "%user% вошёл") + entry("", "Bye %user%", "Пока, %user%"), "ru"),
        (entry("", "Version @version@", "Нұсқа @version@") + entry("", "@name@ @version@", "@name@ @version@"), "kk"),
        (entry("", "In $(dir)", "В $(dir)") + entry("", "Out $(dir)", "Aus $(dir)"), "de"),
    ],
)
def test_detected_variables_kept_stay_silent(body, lang):
    assert check(body, lang) == []


def test_detected_variables_lost_are_flagged():
    body = entry("", "%user% logged in", "вошёл") + entry("", "Bye %user%", "Пока, %user%")
    assert [f.severity for f in check(body)] == ["warning"]


@pytest.mark.parametrize(
    "msgid,msgstr,lang,flagged",
    [
        ("<Untitled>", "<Без названия>", "ru", False),
        ("<Untitled>", "<Атаусыз>", "kk", False),
        ("Usage: tool <file>", "使い方: tool <ファイル>", "ja", False),
        ("See <a href='/about'>this</a>", "Смотрите <a href='/ru/about'>это</a>", "ru", False),
        ("See <a href='/about'>this</a>", "Смотрите <a href='/contact'>это</a>", "ru", True),
        ("See <a href='/about'>this</a>", "Смотрите <a ссылка='/about'>это</a>", "ru", True),
        ("See <a href='/about'>this</a>", "Смотрите <a>это</a>", "ru", True),
        ("See <a href='/about'>this</a>", "Siehe <a href=„/about“>das</a>", "de", True),
        ("<img src='a.png' alt='Logo'>", "<img src='a.png' alt='ロゴ'>", "ja", False),
        ("<img src='a.png' alt='Logo'>", "<img src='b.png' alt='ロゴ'>", "ja", True),
        ("Line<br>break", "Жолды ауыстыру", "kk", True),
    ],
)
def test_markup_words_and_attributes(msgid, msgstr, lang, flagged):
    found = check(entry("", msgid, msgstr), lang, select="TQA902")
    assert bool(found) == flagged, [f.message for f in found]


@pytest.mark.parametrize(
    "msgid,msgstr,lang,flagged",
    [
        ("Version 2.5", "الإصدار ٢٫٥", "ar", False),
        ("1,500 files", "١٬٥٠٠ ملف", "ar", False),
        ("Version 2.5", "الإصدار ٢٫٦", "ar", True),
        ("15 files", "۱۵ پرونده", "fa", False),
        ("15 files", "१५ फ़ाइलें", "hi", False),
        ("15 files", "๑๕ ไฟล์", "th", False),
        ("15 files", "१६ फ़ाइलें", "hi", True),
    ],
)
def test_numbers_in_every_script_compare_by_value(msgid, msgstr, lang, flagged):
    assert bool(check(entry("", msgid, msgstr), lang, select="TQA904")) == flagged
