"""The command line as users and CI run it."""

import json

import jsonschema
import pytest
from conftest import SCHEMA, SEED

from tqa.config import Config

CLEAN_EN = "Title\n\nThe ministry will share its experience.\n"
DIRTY_EN = "Title\n\nThe ministry said TODO: check the name.\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_text_report_shows_article_location_context_and_fix(tqa):
    run = tqa("check", "--lang", "en", SEED)
    assert run.code == 1
    assert f"{SEED}:1  Best Practices in open data" in run.out
    assert f"{SEED}:204:279 error   TQA201 word-comment" in run.out
    assert "Head and Добавлено примечание ([U1]): What is it? 7.50?" in run.out
    assert "fix: delete it" in run.out
    count = sum(len(a["findings"]) for a in tqa("check", "-f", "json", "--lang", "en", SEED).json()["articles"])
    assert f"{count} findings in 10 of 10 articles, 1 file" in run.out
    assert "\x1b[" not in run.out  # piped: no colour


def test_exit_codes_follow_fail_on(tqa, tmp_path):
    clean = write(tmp_path / "clean.txt", CLEAN_EN)
    dirty = write(tmp_path / "dirty.txt", DIRTY_EN)
    assert tqa("check", clean).code == 0
    assert tqa("check", dirty).code == 1
    assert tqa("check", "--fail-on", "never", dirty).code == 0
    info_only = write(tmp_path / "info.txt", "Title\n\n\u00a0\n\nText.\n")
    assert tqa("check", info_only).code == 0  # filler-line is info, default fail-on is warning
    assert tqa("check", "--fail-on", "info", info_only).code == 1


def test_unreadable_inputs_are_reported_and_the_run_goes_on(tqa, tmp_path):
    write(tmp_path / "good.txt", DIRTY_EN)
    (tmp_path / "binary.txt").write_bytes(b"\0\1\2\3" * 100)
    (tmp_path / "latin1.txt").write_bytes("Título\n\nCafé ñ\n".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"")
    run = tqa("check", "--format", "json", tmp_path, tmp_path / "missing.txt")
    assert run.code == 2
    report = run.json()
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))
    errors = {e["path"].rsplit("/", 1)[-1]: e for e in report["errors"]}
    assert set(errors) == {"binary.txt", "latin1.txt", "empty.txt", "missing.txt"}
    assert errors["latin1.txt"]["line"] == 1
    assert report["summary"]["files"] == 1 and report["summary"]["findings"] == 1
    err_lines = [line for line in run.err.splitlines() if line.strip()]
    assert len(err_lines) == 4 and all(line.startswith("error: ") for line in err_lines)
    assert "Traceback" not in run.err


def test_json_is_deterministic(tqa, tmp_path):
    first = tqa("check", "-f", "json", "--lang", "en", SEED).out
    second = tqa("check", "-f", "json", "--lang", "en", SEED).out
    assert first == second


def test_json_report_is_exactly_json_dumps_of_the_report(tmp_path):
    """The streamed writer must give the bytes of the standard encoder:
    related places, baseline states, missing titles, quotes, control
    characters, scripts beyond the BMP."""
    import json
    from dataclasses import replace

    from tqa.config import Config
    from tqa.engine import check_files
    from tqa.report import ReportOptions, render, text_of
    from tqa.report.json_report import report_dict

    odd = write(tmp_path / "odd.txt", 'Заголовок\n\nTODO: "кавычки" \\ и\tтаб 𝔸 😀 — He said "had had".\n\nТарату:\n')
    clean = write(tmp_path / "clean.txt", "Title\n\nThe ministry opened a new office in Astana on Monday.\n")
    result = check_files([str(SEED), str(odd), str(clean)], Config(lang="en"))
    assert result.articles[-1].findings == []
    result.articles[0].findings[0] = replace(result.articles[0].findings[0], baseline_state="new")
    result.articles[1].title = None
    # a value of another type than rules give (the writer's general path)
    result.articles[1].findings[0] = replace(result.articles[1].findings[0], end_line=None)
    result.articles[1].findings[1] = replace(result.articles[1].findings[1], flagged=42)
    assert any(f.related for a in result.articles for f in a.findings)
    expected = json.dumps(report_dict(result), ensure_ascii=False, indent=2) + "\n"
    assert text_of(render("json", result, ReportOptions(color=False))) == expected


def test_fingerprints_ignore_inserted_lines(tqa, tmp_path):
    path = write(tmp_path / "a.txt", DIRTY_EN)
    before = tqa("check", "-f", "json", path).json()["articles"][0]["findings"][0]
    write(path, "Title\n\nA new first paragraph.\n\nAnother one.\n\nThe ministry said TODO: check the name.\n")
    after = tqa("check", "-f", "json", path).json()["articles"][0]["findings"][0]
    assert after["line"] == before["line"] + 4
    assert after["fingerprint"] == before["fingerprint"]


def test_identical_findings_get_distinct_fingerprints(tqa, tmp_path):
    path = write(tmp_path / "a.txt", "T\n\nТарату:\n\nBody.\n\nТарату:\n")
    prints = [f["fingerprint"] for a in tqa("check", "-f", "json", path).json()["articles"] for f in a["findings"]]
    assert len(prints) == len(set(prints)) == 2


def test_output_file_is_written_atomically(tqa, tmp_path):
    out = tmp_path / "reports" / "seed.json"
    run = tqa("check", "-f", "json", "-o", out, "--lang", "en", SEED)
    assert run.code == 1 and run.out == ""
    assert json.loads(out.read_text())["summary"]["articles"] == 10
    assert [p.name for p in out.parent.iterdir()] == ["seed.json"]  # no temp file left


def test_select_and_ignore(tqa):
    only = tqa("check", "-f", "json", "--select", "TQA201", SEED).json()
    assert only["summary"]["by_rule"] == {"TQA201": 1}
    by_category = tqa("check", "-f", "json", "--select", "boilerplate", "--ignore", "share-label", SEED).json()
    assert set(by_category["summary"]["by_rule"]) == {"TQA602", "TQA604", "TQA605"}
    assert tqa("check", "--select", "no-such-rule", SEED).code == 2


def test_quiet_prints_one_line_per_finding(tqa):
    run = tqa("check", "-q", "--select", "TQA201,TQA602", SEED)
    assert run.out.splitlines() == [
        f"{SEED}:1:1: warning TQA602 navigation line (breadcrumb) left from the web page",
        f"{SEED}:204:279: error TQA201 reviewer comment left in the text: "
        "Добавлено примечание ([U1]): What is it? 7.50?",
    ]


def test_config_from_tqa_toml_found_upward(tqa, tmp_path):
    write(
        tmp_path / "tqa.toml",
        'lang = "de"\nignore = ["share-label"]\n[languages]\n"ru/**" = "ru"\n[severity]\nTQA201 = "warning"\n',
    )
    write(tmp_path / "ru" / "a.txt", "Заголовок\n\nТарату:\n\nПримечание [АБ1]: проверить\n")
    write(tmp_path / "de" / "b.txt", "Titel\n\nText.\n")
    report = tqa("check", "-f", "json", tmp_path / "ru", tmp_path / "de").json()
    langs = {a["path"].rsplit("/", 1)[-1]: a["lang"] for a in report["articles"]}
    assert langs == {"a.txt": "ru", "b.txt": "de"}
    [finding] = report["articles"][0]["findings"]
    assert finding["rule"] == "TQA201" and finding["severity"] == "warning"


def test_config_from_pyproject_and_excludes(tqa, tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.tqa]\nexclude = ["archive/**"]\n')
    write(tmp_path / "archive" / "old.txt", DIRTY_EN)
    write(tmp_path / "new.txt", CLEAN_EN)
    run = tqa("check", "-f", "json", ".", cwd=tmp_path)
    assert run.code == 0
    assert [a["path"] for a in run.json()["articles"]] == ["./new.txt"]


@pytest.mark.parametrize(
    "config,message",
    [
        ('lang = "en"\nunknown-key = 1\n', "unknown key 'unknown-key'"),
        ('select = ["no-such-rule"]\n', "no rule matches 'no-such-rule'"),
        ('[rules.share-label]\nwords = ["x"]\n', "unknown option 'words'"),
        ('[severity]\nshare-label = "fatal"\n', "severity.share-label must be one of"),
        ('lang = "en\n', "invalid TOML"),
        ('fail-on = "sometimes"\n', "fail-on must be one of"),
    ],
)
def test_broken_config_is_a_one_line_error(tqa, tmp_path, config, message):
    write(tmp_path / "tqa.toml", config)
    write(tmp_path / "a.txt", CLEAN_EN)
    run = tqa("check", tmp_path / "a.txt")
    assert run.code == 2
    assert message in run.err and "tqa.toml" in run.err
    assert "Traceback" not in run.err


def test_rule_options_extend_word_lists(tqa, tmp_path):
    write(tmp_path / "tqa.toml", '[rules.share-label]\nlabels = ["Жіберу"]\n')
    path = write(tmp_path / "a.txt", "Тақырып\n\nЖіберу:\n\nМәтін.\n")
    report = tqa("check", "-f", "json", path).json()
    assert [f["text"] for a in report["articles"] for f in a["findings"]] == ["Жіберу:"]


def test_rules_lists_every_rule_and_shows_docs(tqa):
    listing = tqa("rules")
    assert listing.code == 0
    for code in ("TQA201", "TQA202", "TQA203", "TQA601", "TQA602", "TQA603", "TQA604", "TQA605"):
        assert code in listing.out
    doc = tqa("rules", "word-comment")
    assert "Fails (en):" in doc.out and "Passes (en):" in doc.out and "TQA201" in doc.out
    assert tqa("rules", "TQA999").code == 2
    # the rules whose fixes `tqa fix` applies say so, in the list and in their docs
    fixable = [line.split()[0] for line in listing.out.splitlines() if "tqa fix" in line]
    assert fixable == ["TQA101", "TQA701", "TQA703", "TQA705", "TQA708"]
    assert "fixed by tqa fix" in tqa("rules", "homoglyph").out
    assert "fixed by tqa fix" not in tqa("rules", "share-label").out


def test_python_dash_m_and_version(tqa):
    run = tqa("--version")
    assert run.code == 0 and run.out.startswith("tqa ")


def test_bad_lang_is_a_usage_error(tqa):
    run = tqa("check", "--lang", "english!", SEED)
    assert run.code == 2 and "language code" in run.err


def test_a_rule_that_breaks_costs_its_findings_only(monkeypatch):
    """A bug in one rule becomes an error naming the rule and the file; the
    other rules still report, in every article."""
    import dataclasses

    from tqa import rules
    from tqa.engine import check_text
    from tqa.findings import exit_code

    def broken(article, ctx):
        yield from ()
        raise KeyError("boom")

    rule = rules.find_rule("repeated-word")
    monkeypatch.setitem(rules._REGISTRY, rule.code, dataclasses.replace(rule, check=broken))
    result = check_text(SEED.read_text(encoding="utf-8"), Config(lang="en"), path="seed.txt")
    assert {e.message for e in result.errors} == {
        "internal error in rule TQA701 repeated-word: KeyError: 'boom' (please report it)"
    }
    assert {e.path for e in result.errors} == {"seed.txt"}
    assert "repeated-word" not in {f.name for f in result.findings}
    assert {"share-label", "homoglyph", "word-comment"} <= {f.name for f in result.findings}
    assert exit_code(result, "error") == 2


def test_error_lines_on_stderr_are_never_markup(tqa, tmp_path):
    (tmp_path / "[red]bad.txt").write_bytes(b"\0\1\2\3" * 100)
    run = tqa("check", "--lang", "en", "--no-cache", tmp_path / "[red]bad.txt", tmp_path / "[bold]gone[/].txt")
    assert run.code == 2 and "Traceback" not in run.err
    lines = sorted(run.err.splitlines())
    assert lines[0] == f"error: {tmp_path}/[bold]gone[/].txt: no such file or directory"
    assert lines[1].startswith(f"error: {tmp_path}/[red]bad.txt: ")
    run = tqa("check", "--config", "[red]x[/].toml", "a.txt")  # a usage error names the file as given
    assert run.code == 2 and "[red]x[/].toml" in run.err and "Traceback" not in run.err


def test_glossary_suggest_exits_2_when_an_input_could_not_be_read(tqa, tmp_path):
    write(tmp_path / "a.txt", "Title\n\nThe Astana Civil Service Hub (ACSH) met.\n")
    (tmp_path / "binary.txt").write_bytes(b"\0\1\2\3" * 100)
    run = tqa("glossary", "suggest", "--lang", "en", tmp_path)
    assert run.code == 2
    assert [line for line in run.err.splitlines() if line.startswith("error: ")] == [
        line for line in run.err.splitlines() if "binary.txt" in line
    ]


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("rules",), ("--version",), ("rules", "--markdown"), ("rules", "TQA203")], ids=str)
def test_every_command_checks_its_writes_to_stdout(tmp_path, args):
    import os
    import subprocess
    import sys

    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "tqa", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            timeout=120,
            env={**os.environ, "NO_COLOR": "1"},
        )
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == ["error: cannot write to standard output: No space left on device"]
