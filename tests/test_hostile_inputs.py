"""A checked tree from a stranger's pull request: reading stays inside the
project, discovery and config never hang or crash (issue 17).

Symlinks out of the checked folders, FIFOs, symlink loops, unreadable
folders, configs nested thousands deep and crafted saved reports each give
one error line naming the file and exit 2 (or, for a saved report's paths,
a report without that file's text), never a traceback, a hang or another
file's text in a report. Commands run in a subprocess whose timeout only
guards against a hang (as in test_cli.py); the tests that fake an unreadable
folder run in-process through CliRunner.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tqa.cli import app

SECRET = "hunter2-correct-horse-battery"
# the secret as an article with findings: were the file read, its text
# would be in the JSON report (flagged text) and the HTML one (the body)
SECRET_TEXT = f"Title\n\nThe password is {SECRET} TODO: check the name.\n"
CLEAN_EN = "Title\n\nThe ministry will share its experience.\n"
DIRTY_EN = "Title\n\nThe ministry said TODO: check the name.\n"
HANG_GUARD = 60  # seconds; only so that a hang fails the test instead of the whole run


def run_tqa(*args, cwd, env=None):
    """``python -m tqa ARGS`` in ``cwd``: (exit code, stdout, stderr). A
    run that blocks (a FIFO opened for reading) is killed by the timeout."""
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "tqa", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})},
            timeout=HANG_GUARD,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"tqa {' '.join(map(str, args))} hung (killed after {HANG_GUARD} s)")
    return proc.returncode, proc.stdout, proc.stderr


def lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def one_error(stderr: str, name: str) -> str:
    """The one error line about ``name``; no traceback anywhere."""
    assert "Traceback" not in stderr, stderr
    about = [line for line in lines(stderr) if line.startswith("error: ") and name in line]
    assert len(about) == 1, stderr
    return about[0]


@pytest.fixture
def project(tmp_path):
    """tmp/proj (the checkout, the working folder) and tmp/outside/creds.env
    (a file of the runner outside it, holding a secret)."""
    proj, outside = tmp_path / "proj", tmp_path / "outside"
    proj.mkdir()
    outside.mkdir()
    (outside / "creds.env").write_text(SECRET_TEXT, encoding="utf-8")
    (proj / "good.txt").write_text(DIRTY_EN, encoding="utf-8")
    return proj


# ------------------------------------------------------------ symlinks ----
def test_symlinks_out_of_the_project_are_not_read_and_their_text_stays_out_of_reports(project):
    (project / "notes.txt").symlink_to("../outside/creds.env")
    (project / "abs.md").symlink_to(project.parent / "outside" / "creds.env")  # as `-> /etc/passwd`
    (project / "sub").mkdir()
    (project / "sub" / "real.txt").write_text(CLEAN_EN, encoding="utf-8")
    (project / "inner.txt").symlink_to("sub/real.txt")  # inside: still read
    code, out, err = run_tqa(
        "check", "--no-cache", "-f", "json", "-o", "run.json", "-f", "html", "-o", "run.html", ".", cwd=project
    )
    assert code == 2
    for name in ("notes.txt", "abs.md"):
        assert "outside the checked folders" in one_error(err, name)
    assert len(lines(err)) == 3  # the two errors, "wrote reports/run.html"
    report = (project / "run.json").read_text(encoding="utf-8")
    html = (project / "reports" / "run.html").read_text(encoding="utf-8")
    for text in (report, html, out, err):
        assert SECRET not in text
    checked = {a["path"] for a in json.loads(report)["articles"]}
    assert checked == {"./good.txt", "./inner.txt", "./sub/real.txt"}

    # named on the command line, the link is refused too
    code, out, err = run_tqa("check", "--no-cache", "-f", "json", "notes.txt", "good.txt", cwd=project)
    assert code == 2 and SECRET not in out + err
    assert "outside the checked folders" in one_error(err, "notes.txt")
    assert [a["path"] for a in json.loads(out)["articles"]] == ["good.txt"]


def test_a_symlink_into_a_hidden_folder_of_the_project_is_not_read(project):
    # in CI, .git/config may hold the job's token (actions/checkout puts it there)
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(SECRET_TEXT, encoding="utf-8")
    (project / "notes.txt").symlink_to(".git/config")
    code, out, err = run_tqa("check", "--no-cache", "-f", "json", ".", cwd=project)
    assert code == 2 and SECRET not in out + err
    assert "hidden folder" in one_error(err, "notes.txt")
    saved = project / "run.json"
    saved.write_text(out, encoding="utf-8")
    data = json.loads(out)
    article = data["articles"][0]  # good.txt's, its finding on line 3 as in the secret file
    article["path"] = ".git/config"  # a saved report pointing there
    for finding in article["findings"]:
        finding["path"] = ".git/config"
    saved.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run_tqa("report", "run.json", "-f", "text", cwd=project)
    assert code == 0 and SECRET not in out + err


def test_follow_external_symlinks_reads_them_and_names_each_in_a_note(project):
    (project / "notes.txt").symlink_to("../outside/creds.env")
    code, out, err = run_tqa("check", "--no-cache", "--follow-external-symlinks", "-f", "json", ".", cwd=project)
    assert code == 1  # findings in both files, no error
    assert {a["path"] for a in json.loads(out)["articles"]} == {"./good.txt", "./notes.txt"}  # read, as asked
    notes = [line for line in lines(err) if line.startswith("note: ")]
    assert len(notes) == 1 and "notes.txt" in notes[0] and "follow-external-symlinks" in notes[0]
    assert not [line for line in lines(err) if line.startswith("error: ")]


def test_the_working_folder_is_no_root_for_what_a_checked_folder_links_to(project):
    # run from the folder above the checkout (a home folder, say): a link in
    # the checkout to a file beside it must still not be read
    (project / "notes.txt").symlink_to("../outside/creds.env")
    code, out, err = run_tqa("check", "--no-cache", "-f", "json", "proj", cwd=project.parent)
    assert code == 2 and SECRET not in out + err
    assert "outside the checked folders" in one_error(err, "notes.txt")


def test_links_between_the_files_of_one_git_work_tree_are_followed(project):
    # the MkDocs layout: docs/index.md -> ../README.md, with no config
    (project / ".git").mkdir()
    (project / "README.md").write_text(DIRTY_EN, encoding="utf-8")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").symlink_to("../README.md")
    for cwd, path in ((project, "docs"), (project / "docs", ".")):
        code, out, err = run_tqa("check", "--no-cache", "-f", "json", path, cwd=cwd)
        assert code == 1 and not lines(err), (cwd, err)
    (project / "docs" / "creds.md").symlink_to("../../outside/creds.env")
    code, out, err = run_tqa("check", "--no-cache", "-f", "json", ".", cwd=project / "docs")
    assert code == 2 and SECRET not in out + err


def test_a_link_named_from_another_folder_is_judged_by_its_project(project):
    (project / "tqa.toml").write_text('lang = "en"\n', encoding="utf-8")
    (project / "linkdir").symlink_to("../outside", target_is_directory=True)
    (project / "docs").mkdir()
    for cwd, path in ((project / "docs", "../linkdir"), (project.parent, "proj/linkdir")):
        code, out, err = run_tqa("check", "--no-cache", "-f", "json", path, cwd=cwd)
        assert code == 2 and SECRET not in out + err, (cwd, path)


def test_a_symlinked_folder_given_directly_that_leads_outside_is_not_walked(project):
    (project / "content").symlink_to("../outside", target_is_directory=True)
    (project.parent / "outside" / "creds.txt").write_text(SECRET_TEXT, encoding="utf-8")
    code, out, err = run_tqa("check", "--no-cache", "-f", "json", "content/", cwd=project)
    assert code == 2 and SECRET not in out + err
    assert "symlink to a folder outside the checked folders" in one_error(err, "content")


@pytest.mark.parametrize("config", [None, 'exclude = ["archive/**"]\n', '[languages]\n"ru/**" = "ru"\n'])
@pytest.mark.parametrize("link", ["loop", "self", "dangling"])
def test_a_symlink_loop_or_broken_link_as_first_path_is_one_error_line(project, config, link):
    if config is not None:
        (project / "tqa.toml").write_text(config, encoding="utf-8")
    if link == "loop":
        (project / "a.txt").symlink_to("b.txt")
        (project / "b.txt").symlink_to("a.txt")
    elif link == "self":
        (project / "a.txt").symlink_to("a.txt")
    else:
        (project / "a.txt").symlink_to("nowhere/gone.txt")
    code, out, err = run_tqa("check", "--no-cache", "a.txt", "good.txt", cwd=project)
    assert code == 2
    message = one_error(err, "a.txt")
    assert ("broken symlink" if link == "dangling" else "symlink loop") in message
    assert "good.txt" in out  # the run went on with the rest
    # found while walking, the same one line
    code, out, err = run_tqa("check", "--no-cache", ".", cwd=project)
    assert code == 2 and one_error(err, "a.txt")


# --------------------------------------------------------------- FIFOs ----
@pytest.fixture
def fifo(project):
    """A FIFO nobody writes to: opening it for reading blocks forever."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = project / "x.txt"
    os.mkfifo(path)
    yield path
    path.unlink(missing_ok=True)


def test_a_fifo_named_on_the_command_line_is_refused_without_blocking(project, fifo):
    code, out, err = run_tqa("check", "--no-cache", "x.txt", "good.txt", cwd=project)
    assert code == 2
    assert "not a regular file (a FIFO)" in one_error(err, "x.txt")
    assert "good.txt" in out


def test_a_fifo_found_in_a_folder_is_refused_without_blocking(project, fifo):
    # with the cache: nothing (its content hashes included) may open the FIFO
    code, out, err = run_tqa("check", "-f", "json", ".", cwd=project)
    assert code == 2
    assert "not a regular file (a FIFO)" in one_error(err, "x.txt")
    assert [a["path"] for a in json.loads(out)["articles"]] == ["./good.txt"]


def test_a_config_or_glossary_that_is_a_fifo_or_nested_deep_is_one_error_line(project, fifo):
    code, _, err = run_tqa("check", "--config", "x.txt", "good.txt", cwd=project)
    assert code == 2 and "not a regular file" in one_error(err, "x.txt")
    (project / "tqa.toml").write_text('glossaries = ["x.txt"]\n', encoding="utf-8")
    code, _, err = run_tqa("check", "good.txt", cwd=project)
    assert code == 2 and "not a regular file" in one_error(err, "x.txt")
    (project / "g.yaml").write_text("entries: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (project / "tqa.toml").write_text('glossaries = ["g.yaml"]\n', encoding="utf-8")
    code, _, err = run_tqa("check", "--no-cache", "good.txt", cwd=project)
    assert code == 2 and len(lines(err)) == 1 and one_error(err, "g.yaml")


# ---------------------------------------------------- unreadable folders ----
RUNNER = CliRunner()


def deny(monkeypatch, folder: Path) -> None:
    """Make ``folder`` behave as with ``chmod 000``, for root too (root
    reads any folder, and the tests run as root in CI): listing it, and
    looking at anything inside it, fail with EACCES."""
    locked = os.path.realpath(folder)
    scandir, stat, lstat = os.scandir, os.stat, os.lstat

    def where(path) -> str | None:
        return None if isinstance(path, int) else os.path.abspath(os.fsdecode(path))

    def fake_scandir(path="."):
        if where(path) == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return scandir(path)

    def guarded(real):
        def call(path, *args, **kwargs):
            place = where(path)
            if place is not None and place.startswith(locked + os.sep):
                raise PermissionError(13, "Permission denied", os.fsdecode(path))
            return real(path, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "scandir", fake_scandir)
    monkeypatch.setattr(os, "stat", guarded(stat))
    monkeypatch.setattr(os, "lstat", guarded(lstat))


def check_in_process(*args):
    run = RUNNER.invoke(
        app,
        ["check", "--no-cache", "-j", "1", "-f", "json", *map(str, args)],
        catch_exceptions=True,
        color=False,
        env={"NO_COLOR": "1", "COLUMNS": "200"},
    )
    if run.exception is not None and not isinstance(run.exception, SystemExit):
        pytest.fail(f"tqa check raised {run.exception!r}")
    return run


@pytest.mark.parametrize("first", [True, False], ids=["first-path", "nested"])
def test_an_unreadable_folder_is_one_error_line_and_the_run_goes_on(project, monkeypatch, first):
    monkeypatch.chdir(project)
    locked = project / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(DIRTY_EN, encoding="utf-8")
    deny(monkeypatch, locked)
    run = check_in_process(*(["locked", "good.txt"] if first else ["."]))
    assert run.exit_code == 2
    message = one_error(run.stderr, "locked")
    assert "cannot read folder" in message and "Permission denied" in message
    assert [a["path"] for a in json.loads(run.stdout)["articles"]] == ["good.txt" if first else "./good.txt"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads folders whatever their mode (the faked test above covers it)",
)
def test_a_chmod_000_folder_is_one_error_line(project):
    locked = project / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(DIRTY_EN, encoding="utf-8")
    locked.chmod(0)
    try:
        for args in (["locked", "good.txt"], ["."]):
            code, out, err = run_tqa("check", "--no-cache", *args, cwd=project)
            assert code == 2 and "cannot read folder" in one_error(err, "locked")
            assert "good.txt" in out
    finally:
        locked.chmod(0o755)


# --------------------------------------------------------------- config ----
DEEP = "[" * 5000 + "]" * 5000


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("tqa.toml", f"lang = {DEEP}\n", "nested too deeply"),
        ("tqa.toml", "follow-external-symlinks = true\n", "is a command-line option"),
        ("tqa.toml", "[split]\nmax-title-length = true\n", "max-title-length must be a positive integer"),
        ("pyproject.toml", "[tool]\ntqa = 5\n", "must be a table"),
    ],
    ids=["deep-toml", "follow-from-config", "bool-length", "tool-tqa-not-table"],
)
def test_a_broken_config_found_upward_is_one_error_line(project, name, content, message):
    (project / name).write_text(content, encoding="utf-8")
    code, out, err = run_tqa("check", "--no-cache", "good.txt", cwd=project)
    assert code == 2 and not out
    assert len(lines(err)) == 1 and message in one_error(err, name)


@pytest.mark.parametrize("content", ["tool = 5\n", f"[tool.tqa]\nselect = {DEEP}\n"], ids=["tool-5", "deep"])
def test_a_pyproject_that_is_no_readable_config_is_passed_over(project, content):
    # as any pyproject.toml that is not valid TOML: somebody else's file,
    # not reported, the defaults apply (was a TypeError or RecursionError)
    (project / "pyproject.toml").write_text(content, encoding="utf-8")
    code, out, err = run_tqa("check", "--no-cache", "good.txt", cwd=project)
    assert code == 1 and not err


def test_a_config_that_is_a_symlink_loop_is_one_error_line(project):
    (project / "a.toml").symlink_to("b.toml")
    (project / "b.toml").symlink_to("a.toml")
    code, _, err = run_tqa("check", "--config", "a.toml", "good.txt", cwd=project)
    assert code == 2 and "symlink loop" in one_error(err, "a.toml")
    (project / "tqa.toml").symlink_to("tqa.toml")  # found upward: not a file, not a config
    code, _, err = run_tqa("check", "--no-cache", "good.txt", cwd=project)
    assert code == 1 and "Traceback" not in err


# ----------------------------------------------------------- glossaries ----
GLOSSARY = "entries:\n  - id: mois\n    names: {en: Ministry of the Interior}\n"


@pytest.mark.parametrize("named", ["outside", "absolute", "symlink"])
def test_a_glossary_outside_the_project_is_refused_unless_allowed(project, named):
    outside = project.parent / "outside" / "g.yaml"
    outside.write_text(GLOSSARY, encoding="utf-8")
    if named == "symlink":
        (project / "g.yaml").symlink_to(outside)
    path = {"outside": "../outside/g.yaml", "absolute": str(outside), "symlink": "g.yaml"}[named]
    (project / "tqa.toml").write_text(f"glossaries = [{json.dumps(path)}]\n", encoding="utf-8")
    code, out, err = run_tqa("check", "--no-cache", "good.txt", cwd=project)
    assert code == 2 and not out
    assert "outside the project" in one_error(err, "tqa.toml") and len(lines(err)) == 1
    code, out, err = run_tqa("check", "--no-cache", "--follow-external-symlinks", "good.txt", cwd=project)
    assert code == 1
    notes = [line for line in lines(err) if line.startswith("note: ")]
    assert len(notes) == 1 and "g.yaml" in notes[0]


# --------------------------------------------------------- saved reports ----
def saved_report(project, path: str | None = None) -> Path:
    """A report of a real run of good.txt; with ``path``, a copy of its
    article and finding is added, moved to ``path``."""
    code, out, _ = run_tqa("check", "--no-cache", "-f", "json", "good.txt", cwd=project)
    data = json.loads(out)
    if path is not None:
        moved = json.loads(json.dumps(data["articles"][0]))
        moved["path"] = path
        for finding in moved["findings"]:
            finding["path"] = path
        data["articles"].append(moved)
    saved = project / "run.json"
    saved.write_text(json.dumps(data), encoding="utf-8")
    return saved


@pytest.mark.parametrize("where", ["../outside/creds.env", "absolute", "/etc/passwd"])
def test_a_saved_report_cannot_make_tqa_report_embed_a_file_outside_the_project(project, where):
    if where == "absolute":
        where = str(project.parent / "outside" / "creds.env")
    if where == "/etc/passwd" and not os.path.isfile(where):
        pytest.skip("no /etc/passwd here")
    saved_report(project, where)
    leaked = SECRET if "creds" in where else "root:"
    for fmt, output in (("html", "out.html"), ("text", "out.txt")):
        code, out, err = run_tqa("report", "run.json", "-f", fmt, "-o", output, cwd=project)
        assert code == 0, err
        written = (project / ("reports" if fmt == "html" else "") / output).read_text(encoding="utf-8")
        assert leaked not in written and leaked not in out + err
        notes = [line for line in lines(err) if line.startswith("note: ")]
        assert len(notes) == 1 and where in notes[0]
        assert "The ministry said" in written  # the file inside the project is still shown
    assert "cannot be read now" in (project / "reports" / "out.html").read_text(encoding="utf-8")


def _set(path: list, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


FINDING = ["articles", 0, "findings", 0]
CRAFTED = {
    "start-line-negative": _set(["articles", 0, "start_line"], -(10**12)),
    "start-line-bool": _set(["articles", 0, "start_line"], True),
    "end-line-float": _set(["articles", 0, "end_line"], 1e308),
    "path-not-string": _set(["articles", 0, "path"], ["x"]),
    "path-nul": _set(["articles", 0, "path"], "a\0b"),
    "line-huge": _set([*FINDING, "line"], 10**30),
    "severity-unknown": _set([*FINDING, "severity"], "fatal"),
    "related-line-str": _set([*FINDING, "related"], [{"path": "a", "line": "1"}]),
    "inputs-not-strings": _set(["inputs"], [{}]),
}


@pytest.mark.parametrize("change", CRAFTED.values(), ids=CRAFTED.keys())
def test_a_crafted_saved_report_is_one_error_line(project, change):
    saved = saved_report(project)
    data = json.loads(saved.read_text(encoding="utf-8"))
    change(data)
    saved.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run_tqa("report", "run.json", "-f", "text", cwd=project)
    assert code == 2 and not out
    assert len(lines(err)) == 1 and "malformed tqa report" in one_error(err, "run.json")


@pytest.mark.parametrize(
    "content",
    [
        '{"schema": "tqa-report/1", "summary": {"files": 1' + "0" * 5000 + "}}",
        '{"schema": "tqa-report/1", "summary": {"files": Infinity}, "articles": [], "errors": []}',
    ],
    ids=["digits", "infinity"],
)
def test_a_saved_report_of_odd_numbers_or_nesting_is_one_error_line(project, content):
    (project / "run.json").write_text(content, encoding="utf-8")
    code, out, err = run_tqa("report", "run.json", "-f", "text", cwd=project)
    assert code == 2 and not out
    assert len(lines(err)) == 1 and one_error(err, "run.json")


def test_a_saved_report_that_is_a_fifo_is_refused_without_blocking(project):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(project / "run.json")
    try:
        code, out, err = run_tqa("report", "run.json", "-f", "text", cwd=project)
        assert code == 2 and "not a regular file" in one_error(err, "run.json")
    finally:
        (project / "run.json").unlink()


def test_an_allow_pattern_that_backtracks_without_end_does_not_hang_or_hide_the_finding(project):
    # `(a|aa)+b` on sixty a's tries every way to split them: hours
    paragraph = "The ministry opened a new office in Astana on Monday morning " + "a" * 60 + "."
    (project / "x.txt").write_text(f"Offices\n\n{paragraph}\n\n{paragraph}\n", encoding="utf-8")
    (project / "tqa.toml").write_text(
        '[rules.duplicate-paragraph]\nallow-patterns = ["(a|aa)+b", "^never"]\n', encoding="utf-8"
    )
    code, out, err = run_tqa("check", "--no-cache", "-f", "json", "x.txt", cwd=project)
    assert code == 1 and "Traceback" not in err
    assert [f["rule"] for a in json.loads(out)["articles"] for f in a["findings"]] == ["TQA301"]


def test_a_report_is_not_written_through_a_symlink_out_of_the_tree(project):
    # reports/ is where HTML goes by default: a pull request may make it a link
    (project / "reports").symlink_to("../outside", target_is_directory=True)
    code, out, err = run_tqa("check", "--no-cache", "-f", "html", "good.txt", cwd=project)
    assert code == 2 and "is a symlink to outside the working folder" in one_error(err, "tqa-report.html")
    assert not (project.parent / "outside" / "tqa-report.html").exists()
    # a link that stays inside the tree is fine
    (project / "reports").unlink()
    (project / "out").mkdir()
    (project / "reports").symlink_to("out", target_is_directory=True)
    code, out, err = run_tqa("check", "--no-cache", "-f", "html", "good.txt", cwd=project)
    assert code == 1 and (project / "out" / "tqa-report.html").exists()


def test_a_found_config_that_links_out_of_its_folder_is_not_read(project):
    (project.parent / "outside" / "aws.toml").write_text(f'lang = "{SECRET}"\n', encoding="utf-8")
    (project / "tqa.toml").symlink_to("../outside/aws.toml")
    code, out, err = run_tqa("check", "--no-cache", "good.txt", cwd=project)
    assert code == 2 and SECRET not in out + err
    assert "a symlink to a file outside its folder" in one_error(err, "tqa.toml")


def test_a_glossary_in_a_hidden_folder_is_not_read(project):
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(
        f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n", encoding="utf-8"
    )
    (project / "tqa.toml").write_text('glossaries = [".git/config"]\n', encoding="utf-8")
    code, out, err = run_tqa("check", "--no-cache", "good.txt", cwd=project)
    assert code == 2 and SECRET not in out + err
    assert "outside the project" in one_error(err, "tqa.toml")
