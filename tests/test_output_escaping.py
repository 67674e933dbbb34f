"""What tqa writes when the checked tree is hostile: file names that are
not UTF-8, that look like Rich markup or hold a newline and a GitHub
workflow command, article text with terminal escape sequences and bidi
overrides; and how the command line ends when its output cannot be
written or tqa itself breaks. Every case runs the real command line."""

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import SCHEMA

from tqa import escaping

SARIF_SCHEMA = Path(__file__).resolve().parent / "contract" / "sarif-schema-2.1.0.json"
MARKER = b"Title\n\nThe ministry said TODO: check the name.\n"
RULES = ("--select", "TQA201,TQA203")  # the rules these texts trip; the rest would only slow the runs


def run(*args, cwd, env=None, stdout=subprocess.PIPE):
    """The command line in a subprocess; output as bytes (what a terminal
    or a CI log gets), arguments as bytes so file names may be anything."""
    argv = [sys.executable, "-m", "tqa", *(os.fsencode(a) if not isinstance(a, bytes) else a for a in args)]
    return subprocess.run(
        argv,
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})},
    )


def write(folder: Path, name, data: bytes) -> None:
    """A file named by ``name`` (bytes: any name the file system takes)."""
    target = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else os.fsencode(name))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)


def lines_of(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines()


# -- a file name that is not UTF-8 -------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_checked_and_reported_in_every_format(tmp_path):
    write(tmp_path, b"caf\xe9.txt", MARKER)
    outputs = {
        "json": "r.json",
        "sarif": "r.sarif",
        "junit": "r.xml",
        "github": "r.github",
        "gitlab": "r.gitlab",
        "markdown": "r.md",
        "html": "r.html",
    }
    args = ["check", "--no-cache", "--lang", "en", *RULES, "."]
    for fmt, name in outputs.items():
        args += ["-f", fmt, "-o", name]
    proc = run(*args, "-f", "text", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # findings, not errors
    assert b"internal error" not in proc.stderr and b"Traceback" not in proc.stderr
    shown = "caf\\xe9.txt"  # the byte as git and ls -b show it
    text = proc.stdout.decode("utf-8")
    assert f"./{shown}:3:19 error   TQA203" in text

    written = {
        fmt: (tmp_path / ("reports" if fmt == "html" else ".") / name).read_bytes().decode("utf-8")
        for fmt, name in outputs.items()
    }
    report = json.loads(written["json"])
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))
    assert report["errors"] == []
    assert [(f["path"], f["rule"]) for a in report["articles"] for f in a["findings"]] == [(f"./{shown}", "TQA203")]

    sarif = json.loads(written["sarif"])
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text()))
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == shown

    junit = ET.fromstring(written["junit"].encode("utf-8"))
    assert junit.find("testsuite").get("name") == shown and junit.get("failures") == "1"

    assert written["github"].startswith(f"::error file={shown},line=3,col=19,")
    gitlab = json.loads(written["gitlab"])
    assert gitlab[0]["location"]["path"] == shown
    assert f"`{shown}:3:19`" in written["markdown"]
    assert shown in written["html"]


def test_a_baseline_of_a_name_that_is_not_utf8_matches_the_next_run(tmp_path):
    write(tmp_path, b"caf\xe9.txt", MARKER)
    made = run("baseline", "--lang", "en", *RULES, ".", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    entries = json.loads((tmp_path / ".tqa-baseline.json").read_bytes().decode("utf-8"))["findings"]
    assert [e["path"] for e in entries] == ["caf\\xe9.txt"]
    again = run("check", "--no-cache", "--lang", "en", *RULES, "--baseline", ".tqa-baseline.json", ".", cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr  # the same fingerprint: known, not new


def test_a_saved_report_of_a_name_that_is_not_utf8_renders_its_text_again(tmp_path):
    write(tmp_path, b"caf\xe9.txt", MARKER)
    assert (
        run("check", "--no-cache", "--lang", "en", *RULES, "-f", "json", "-o", "run.json", ".", cwd=tmp_path).returncode
        == 1
    )
    proc = run("report", "run.json", "-f", "text", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")
    assert "./caf\\xe9.txt:3:19" in text
    assert "│ The ministry said TODO: check the name." in text  # the file was found by its real name


# -- Rich markup, line breaks and control characters -------------------------------------------


def test_markup_in_names_and_finding_text_is_printed_as_it_is(tmp_path):
    write(tmp_path, "x[/]y.txt", MARKER)
    write(tmp_path, "[red]z.txt", b"Title\n\nThe ministry said Commented [ab1]: see [/] and [bold]this[/bold].\n")
    write(tmp_path, "[red]broken.txt", b"\0\1\2\3" * 100)  # unreadable: an error line on stderr
    for quiet in ((), ("-q",)):
        proc = run("check", "--no-cache", "--lang", "en", *RULES, *quiet, ".", cwd=tmp_path)
        assert proc.returncode == 2  # an input could not be read
        out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
        assert "Traceback" not in err
        assert "./x[/]y.txt:3:19" in out
        assert "./[red]z.txt:3:19" in out
        assert "Commented [ab1]: see [/] and [bold]this[/bold]." in out
        errors = lines_of(proc.stderr)
        assert len(errors) == 1 and errors[0].startswith("error: ./[red]broken.txt: ")


def test_a_name_with_a_newline_cannot_start_a_workflow_command(tmp_path):
    name = "x\n::error::pwned.txt"
    write(tmp_path, name, MARKER)
    write(tmp_path, "y\n::error::pwned-too.txt", b"\0\1\2\3" * 100)  # its error line goes to stderr
    github = run("check", "--no-cache", "--lang", "en", *RULES, "-f", "github", ".", cwd=tmp_path)
    quiet = run("check", "--no-cache", "--lang", "en", *RULES, "-q", ".", cwd=tmp_path)
    full = run("check", "--no-cache", "--lang", "en", *RULES, ".", cwd=tmp_path)
    junit = run("check", "--no-cache", "--lang", "en", *RULES, "-f", "junit", ".", cwd=tmp_path)
    own = re.compile(r"::(error|warning|notice) file=[^\n]*,title=[^\n]*::")
    for proc in (github, quiet, full, junit):
        assert proc.returncode == 2
        for line in lines_of(proc.stdout) + lines_of(proc.stderr):
            assert not line.startswith("::") or own.match(line), line
    annotations = lines_of(github.stdout)
    assert "::error file=x%0A%3A%3Aerror%3A%3Apwned.txt,line=3,col=19," in annotations[0]
    assert any(line.startswith("./x\\n::error::pwned.txt:3:19: error TQA203") for line in lines_of(quiet.stdout))
    assert any("y\\n::error::pwned-too.txt" in line for line in lines_of(full.stderr))


ESCAPES = "\x1b[2J\x1b]52;c;cHduZWQ=\x07\u202e\x9b"  # clear screen, OSC 52 clipboard write, RLO, CSI (C1)


@pytest.mark.parametrize("args", [(), ("-q",), ("-f", "github"), ("-f", "markdown")], ids=str)
def test_terminal_escapes_from_text_and_names_never_reach_the_output(tmp_path, args):
    write(tmp_path, f"a{ESCAPES}b.txt", f"Title\n\nThe ministry said TODO: {ESCAPES} the name.\n".encode())
    write(tmp_path, f"c{ESCAPES}d.txt", b"\0\1\2\3" * 100)
    proc = run("check", "--no-cache", "--lang", "en", *RULES, *args, ".", cwd=tmp_path)
    assert proc.returncode == 2
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert raw not in out and raw not in err
    assert "TODO: \\x1b[2J\\x1b]52;c;cHduZWQ=\\x07<U+202E>\\x9b the name." in out  # shown, visibly
    assert "c\\x1b[2J\\x1b]52;c;cHduZWQ=\\x07<U+202E>\\x9bd.txt" in err


def test_markdown_report_escapes_character_references_and_html(tmp_path):
    write(
        tmp_path, "a.txt", b"Title\n\nThe ministry said TODO: &#x202E; <img src=x onerror=alert(1)> [x](http://e.vil)\n"
    )
    proc = run("check", "--no-cache", "--lang", "en", *RULES, "-f", "markdown", ".", cwd=tmp_path)
    out = proc.stdout.decode("utf-8")
    message = next(line for line in out.splitlines() if "**TQA203**" in line).split("**TQA203**", 1)[1].split("(`")[0]
    assert "\\&\\#x202E;" in message and "\\<img" in message and "\\[x\\](http" in message
    assert "&#" not in message.replace("\\&\\#", "")


# -- exit codes --------------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_full_device_on_stdout_is_one_line_and_exit_2(tmp_path, fmt):
    write(tmp_path, "a.txt", MARKER)
    with open("/dev/full", "wb") as full:
        proc = run("check", "--no-cache", "--lang", "en", *RULES, "-f", fmt, "a.txt", cwd=tmp_path, stdout=full)
    assert proc.returncode == 2
    assert lines_of(proc.stderr) == ["error: cannot write to standard output: No space left on device"]


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path):
    write(tmp_path, "a.txt", MARKER)
    argv = [sys.executable, "-m", "tqa", "check", "--no-cache", "--lang", "en", *RULES, "a.txt"]
    proc = subprocess.Popen(
        argv, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"}
    )
    proc.stdout.close()  # like `| head` that has read enough, before tqa writes anything
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141  # 128 + SIGPIPE, as a shell reports grep or git there
    assert err == b""


CRASH = """
import sys
import tqa.engine
def broken(*args, **kwargs):
    raise {exception}
tqa.engine.check_files = broken
sys.argv = ["tqa", "check", "--no-cache", "a.txt"]
from tqa.cli import main
main()
"""


@pytest.mark.parametrize(
    "exception, line",
    [
        (
            "RuntimeError('boom [/] \\x1b[2J\\nmore')",
            "tqa: internal error: RuntimeError: boom [/] \\x1b[2J\\nmore — please report it",
        ),
        (
            "RecursionError('maximum recursion depth exceeded')",
            "tqa: internal error: RecursionError: maximum recursion depth exceeded — please report it",
        ),
        ("MemoryError()", "tqa: internal error: MemoryError — please report it"),
    ],
)
def test_a_bug_is_one_line_and_exit_2(tmp_path, exception, line):
    write(tmp_path, "a.txt", MARKER)
    program = CRASH.format(exception=exception)
    proc = subprocess.run(
        [sys.executable, "-c", program],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 2
    assert lines_of(proc.stderr) == [line]
    debug = subprocess.run(
        [sys.executable, "-c", program],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "TQA_DEBUG": "1"},
    )
    assert debug.returncode == 2
    assert b"Traceback (most recent call last)" in debug.stderr and lines_of(debug.stderr)[-1] == line


# -- the escapes themselves ---------------------------------------------------------------------


def test_github_escapes_are_the_toolkits():
    # @actions/core command.ts: escapeData and escapeProperty
    assert escaping.github_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escaping.github_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_display_path_changes_only_names_that_are_not_utf8():
    for name in ("news/a.txt", "новости/статья.md", "x[/]y.txt", "a b\\c.txt", "日本.txt"):
        assert escaping.display_path(name) == name
    assert escaping.display_path(os.fsdecode(b"caf\xe9/\xff.txt")) == "caf\\xe9/\\xff.txt"


def test_terminal_shows_controls_and_bidi_visibly_and_keeps_text():
    assert escaping.terminal("Ärger\tnot\u00a0here") == "Ärger\tnot\u00a0here"
    assert escaping.terminal("a\x1b[31m\x07\x7f\x85\u2066b\nc\rd") == "a\\x1b[31m\\x07\\x7f\\x85<U+2066>b\\nc\\rd"
    assert escaping.terminal("a\nb", keep_newlines=True) == "a\nb"


def test_a_job_summary_that_cannot_be_written_fails_the_run(tmp_path):
    write(tmp_path, "a.txt", MARKER)
    (tmp_path / "summary").mkdir()  # not a file: the append fails
    proc = run(
        "check",
        "--no-cache",
        "--lang",
        "en",
        *RULES,
        "-f",
        "github",
        "a.txt",
        cwd=tmp_path,
        env={"GITHUB_STEP_SUMMARY": str(tmp_path / "summary")},
    )
    assert proc.returncode == 2  # an output failed, not only findings
    assert lines_of(proc.stdout)[-1] == "::error title=tqa::cannot write the job summary: Is a directory"


@pytest.mark.parametrize(
    "field, value", [("rule", "TQA203\n::error::forged"), ("name", "x]\x1b[2J"), ("category", "a\n::add-mask::b")]
)
def test_a_saved_report_cannot_smuggle_commands_in_rule_words(tmp_path, field, value):
    write(tmp_path, "a.txt", MARKER)
    saved = run("check", "--no-cache", "--lang", "en", *RULES, "-f", "json", "a.txt", cwd=tmp_path)
    report = json.loads(saved.stdout)
    report["articles"][0]["findings"][0][field] = value
    (tmp_path / "run.json").write_text(json.dumps(report), encoding="utf-8")
    for fmt in ("text", "markdown", "junit", "github"):
        proc = run("report", "run.json", "-f", fmt, cwd=tmp_path)
        assert proc.returncode == 2 and proc.stdout == b"", fmt
        assert lines_of(proc.stderr) == [
            f"error: run.json: malformed tqa report: articles[0].findings[0].{field} is not a rule's {field}"
        ]
