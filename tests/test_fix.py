"""`tqa fix`: safe fixes applied to the files themselves, and only those."""

import codecs

import pytest

from tqa import fixing
from tqa.config import Config
from tqa.engine import check_text
from tqa.readers.base import InputError


@pytest.mark.parametrize(
    "lang,text,fixed",
    [
        (
            "en",
            "Title\n\nOn Tuesday in Тashkent , «a good day», he told the the reporters.\n",
            "Title\n\nOn Tuesday in Tashkent, “a good day”, he told the reporters.\n",
        ),
        (
            "ru",
            "Заголовок\n\nФорум прошёл в Aлматы , и он приехал в в Астану.\n",
            "Заголовок\n\nФорум прошёл в Алматы, и он приехал в Астану.\n",
        ),
        ("kk", "Тақырып\n\nБiлiм беру министрлігі хабарлады .\n", "Тақырып\n\nБілім беру министрлігі хабарлады.\n"),
        (
            "de",
            "Titel\n\nDie Ausstellung in Мünchen war mit dem dem Minister voll .\n",
            "Titel\n\nDie Ausstellung in München war mit dem Minister voll.\n",
        ),
    ],
)
def test_safe_fixes_are_applied_in_place(tqa, tmp_path, lang, text, fixed):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    run = tqa("fix", "--lang", lang, path)
    assert run.code == 0, run.err
    assert path.read_text(encoding="utf-8") == fixed
    assert "fixed" in run.err
    again = tqa("check", "--lang", lang, "--no-cache", "-f", "json", path).json()
    assert not [
        f for a in again["articles"] for f in a["findings"] if f["rule"] in ("TQA101", "TQA701", "TQA703", "TQA705")
    ]


def test_unsafe_findings_are_left_alone(tqa, tmp_path):
    text = "Title\n\nThe deal follows talks.It covers canals ofthe region (see below.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    run = tqa("fix", "--lang", "en", path)
    assert run.code == 0 and path.read_text(encoding="utf-8") == text
    assert "fixed 0 findings in 0 files" in run.err


def test_dry_run_prints_a_diff_and_writes_nothing(tqa, tmp_path):
    text = "Title\n\nHe told the the reporters.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    run = tqa("fix", "--lang", "en", "--dry-run", path)
    assert run.code == 1
    assert "-He told the the reporters." in run.out and "+He told the reporters." in run.out
    assert path.read_text(encoding="utf-8") == text
    assert "would fix 1 finding in 1 file" in run.err


def test_encoding_bom_and_line_ends_are_kept(tqa, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Заголовок\r\n\r\nОн приехал в в Астану.\r\n".encode("utf-16-le"))
    assert tqa("fix", "--lang", "ru", path).code == 0
    assert path.read_bytes() == codecs.BOM_UTF16_LE + "Заголовок\r\n\r\nОн приехал в Астану.\r\n".encode("utf-16-le")


def test_catalog_fix_inside_msgstr_and_escapes_left_by_hand(tqa, tmp_path):
    path = tmp_path / "ru.po"
    path.write_text(
        'msgid ""\nmsgstr "Language: ru\\n"\n\n'
        'msgid "Almaty office"\nmsgstr "Офис в Aлматы"\n\n'
        'msgid "in\\nin"\nmsgstr "в\\nв"\n',
        encoding="utf-8",
    )
    run = tqa("fix", path)
    assert run.code == 0, run.err
    fixed = path.read_text(encoding="utf-8")
    assert 'msgstr "Офис в Алматы"' in fixed
    assert 'msgstr "в\\nв"' in fixed  # the repeat spans an escape: left to the translator
    assert "1 left" in run.err


def test_silenced_findings_are_not_fixed(tqa, tmp_path):
    text = "Title\n\n<!-- tqa: ignore repeated-word quoted as said -->\nHe said: “that that that”.\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    assert tqa("fix", "--lang", "en", path).code == 0
    assert path.read_text(encoding="utf-8") == text


def test_nothing_is_written_when_the_file_changed_meanwhile(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nHe told the the reporters.\n", encoding="utf-8")
    result = check_text(path.read_text(encoding="utf-8"), Config(lang="en"), path=str(path))
    [(name, findings)] = fixing.fixable(result).items()
    file_plan = fixing.plan(name, findings)
    path.write_text("Title\n\nHe told them the the news.\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed while tqa fix ran"):
        fixing.write(file_plan)
    assert path.read_text(encoding="utf-8") == "Title\n\nHe told them the the news.\n"


@pytest.mark.parametrize(
    "name,content",
    [
        # a catalog msgfmt refuses (the same message twice): refused whole, not half fixed
        (
            "ru.po",
            'msgid ""\nmsgstr "Language: ru\\n"\n\nmsgid "Almaty"\nmsgstr "Aлматы"\n\n'
            'msgid "Almaty"\nmsgstr "Алматы "\n',
        ),
        # an XLIFF target whose text comes from a DTD entity: stands nowhere in the file
        (
            "kk.xlf",
            '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY k "Бiлiм">]>\n<xliff version="1.2"><file '
            'source-language="en" target-language="kk"><body><trans-unit id="1"><source>Knowledge</source>'
            "<target>&k; Бiлiм</target></trans-unit></body></file></xliff>\n",
        ),
    ],
)
def test_a_refused_file_is_left_byte_for_byte(tqa, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    run = tqa("fix", path)
    assert run.code == 2 and f"{name}:" in run.err and "Traceback" not in run.err
    assert path.read_bytes() == content.encode("utf-8")


def test_a_symlinked_file_is_fixed_where_it_points_and_stays_a_link(tqa, tmp_path):
    (tmp_path / "drafts").mkdir()
    target = tmp_path / "drafts" / "a.txt"
    target.write_text("Title\n\nHe told the the reporters.\n", encoding="utf-8")
    link = tmp_path / "a.txt"
    link.symlink_to(target)
    run = tqa("fix", "--lang", "en", link)
    assert run.code == 0, run.err
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "Title\n\nHe told the reporters.\n"


def test_the_dry_run_diff_shows_control_characters_escaped(tqa, tmp_path):
    # article text may hold terminal escapes (clear screen, OSC 52); the diff
    # goes to a terminal or a CI log, so they are shown, not sent
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nHe told the the \x1b]52;c;cHduZWQ=\x07reporters.\x1b[2J\n", encoding="utf-8")
    run = tqa("fix", "--dry-run", "--lang", "en", path)
    assert run.code == 1
    assert "\x1b" not in run.out and "\x07" not in run.out
    assert "-He told the the \\x1b]52;c;cHduZWQ=\\x07reporters.\\x1b[2J" in run.out
    assert "+He told the \\x1b]52" in run.out
