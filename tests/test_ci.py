"""CI gates, end to end in a temporary git repository: baselines,
--changed-since, allow-lists and suppressions, and the CI formats (SARIF
validated against the official schema, JUnit parsed, GitHub annotations
escaped, GitLab Code Quality, Markdown summary)."""

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ROOT
from tqa.findings import Finding
from tqa.report.github import annotation

SARIF_SCHEMA = json.loads((Path(__file__).parent / "contract" / "sarif-schema-2.1.0.json").read_text())

ARTICLE_A = """\
# Ministry opens a data portal

The Ministry of Digital Development opened a new open data portal on Monday. Officials said that the portal \
will publish budgets, procurement notices and statistics every week.

Тарату:

The portal was built together with the regional universities, which will also train civil servants to use it \
in their daily work.

Visitors praised the clear design, and several newsrooms said they would use the data in their reporting.
"""

ARTICLE_B = """\
# Students visit Astana

A group of students from Almaty visited the capital to learn how public services are digitised. They met \
engineers and asked about the the new registry.

The visit ended with a workshop on data protection and a tour of the archive.
"""

NEW_ARTICLE = """\
# Regional officials trained

Officials from three regions completed a course on public service delivery. The course covered planning, \
budgeting and feedback from citizens.

Mr. А. Baimenov thanked the teachers and the organisers of the course.
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=tqa", "-c", "user.email=tqa@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repo(tmp_path, tqa):
    """main: two articles with old findings and a baseline of them; HEAD
    on a new branch ``feature``."""
    root = tmp_path / "newsroom"
    (root / "news").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "tqa.toml").write_text('lang = "en"\n', encoding="utf-8")
    (root / "news" / "a.md").write_text(ARTICLE_A, encoding="utf-8")
    (root / "news" / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    made = tqa("baseline", "news", "--output", ".tqa-baseline.json", cwd=root)
    assert made.code == 0, made.err
    git(root, "add", "-A")
    git(root, "commit", "-qm", "articles and their baseline")
    git(root, "checkout", "-qb", "feature")
    return root


def check_json(tqa, root, *args):
    run = tqa("check", "news", "--baseline", ".tqa-baseline.json", "--format", "json", *args, cwd=root)
    return run, run.json()


def new_findings(report):
    return [f for a in report["articles"] for f in a["findings"] if f["baseline_state"] == "new"]


def test_baseline_records_the_old_findings(repo):
    data = json.loads((repo / ".tqa-baseline.json").read_text())
    rules = sorted(e["rule"] for e in data["findings"])
    assert "TQA601" in rules and "TQA701" in rules
    assert all(set(e) == {"fingerprint", "rule", "path", "text"} for e in data["findings"])
    assert {e["path"] for e in data["findings"]} == {"news/a.md", "news/b.md"}


def test_unchanged_corpus_is_green_and_counts_the_known_findings(repo, tqa):
    run, report = check_json(tqa, repo)
    assert run.code == 0, run.out
    baseline = report["summary"]["baseline"]
    assert baseline["new"] == 0 and baseline["unchanged"] == report["summary"]["findings"] > 0
    text = tqa("check", "news", "--baseline", ".tqa-baseline.json", cwd=repo)
    assert text.code == 0 and "Тарату" not in text.out
    assert "0 new" in text.out and "known (not shown" in text.out


def test_moving_text_and_inserting_lines_keeps_findings_known(repo, tqa):
    path = repo / "news" / "a.md"
    paragraphs = ARTICLE_A.split("\n\n")
    # new lines above everything, and the paragraphs in another order
    moved = "\n\n".join(
        [paragraphs[0], "Updated on Tuesday.", "", paragraphs[3], paragraphs[2], paragraphs[1], *paragraphs[4:]]
    )
    path.write_text(moved, encoding="utf-8")
    run, report = check_json(tqa, repo)
    assert new_findings(report) == [], new_findings(report)
    assert run.code == 0


def test_a_new_defect_is_red_and_is_the_only_new_finding(repo, tqa):
    path = repo / "news" / "a.md"
    path.write_text(ARTICLE_A.replace("several newsrooms", "several newsrooms newsrooms"), encoding="utf-8")
    run, report = check_json(tqa, repo)
    assert run.code == 1
    new = new_findings(report)
    assert [(f["rule"], f["text"]) for f in new] == [("TQA701", "newsrooms newsrooms")]
    assert report["summary"]["baseline"]["new"] == 1
    # the terminal shows that one finding and not the known ones
    text = tqa("check", "news", "--baseline", ".tqa-baseline.json", cwd=repo)
    assert "newsrooms newsrooms" in text.out and "Тарату" not in text.out
    shown = tqa("check", "news", "--baseline", ".tqa-baseline.json", "--show-baselined", cwd=repo)
    assert "Тарату" in shown.out


def test_stale_entries_are_reported_and_update_only_removes(repo, tqa):
    (repo / "news" / "b.md").write_text(ARTICLE_B.replace("the the", "the"), encoding="utf-8")
    (repo / "news" / "a.md").write_text(ARTICLE_A + "\nIt was was a good day.\n", encoding="utf-8")
    run, report = check_json(tqa, repo)
    absent = report["summary"]["baseline"]["absent"]
    assert [(e["rule"], e["text"]) for e in absent] == [("TQA701", "the the")]
    before = json.loads((repo / ".tqa-baseline.json").read_text())["findings"]
    updated = tqa("check", "news", "--baseline", ".tqa-baseline.json", "--update-baseline", cwd=repo)
    assert "removed 1 entries" in updated.err
    after = json.loads((repo / ".tqa-baseline.json").read_text())["findings"]
    assert len(after) == len(before) - 1
    assert not any(e["text"] == "was was" for e in after)  # the new finding was not added
    assert updated.code == 1


def test_changed_since_checks_only_the_new_article_with_the_corpus_as_context(repo, tqa):
    # the new article repeats a paragraph of a.md: a cross-article finding located in it
    repeated = ARTICLE_A.split("\n\n")[1]
    (repo / "news" / "c.md").write_text(NEW_ARTICLE + "\n" + repeated + "\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "new article")
    run = tqa(
        "check", "news", "--changed-since", "main", "--baseline", ".tqa-baseline.json", "--format", "json", cwd=repo
    )
    assert run.code == 1, run.err
    report = run.json()
    assert {a["path"] for a in report["articles"]} == {"news/c.md"}
    rules = {f["rule"] for a in report["articles"] for f in a["findings"]}
    assert "TQA101" in rules  # А. Baimenov with a Cyrillic А
    assert "TQA303" in rules  # the block repeated from news/a.md, which was only context
    block = next(f for a in report["articles"] for f in a["findings"] if f["rule"] == "TQA303")
    assert block["related"][0]["path"] == "news/a.md"
    # nothing changed since HEAD itself: nothing to report, green
    quiet = tqa("check", "news", "--changed-since", "HEAD", cwd=repo)
    assert quiet.code == 0 and "0 findings in 0 of 0 articles" in quiet.out


def test_changed_since_follows_renames(repo, tqa):
    git(repo, "mv", "news/b.md", "news/b-renamed.md")
    git(repo, "commit", "-qm", "rename")
    run = tqa("check", "news", "--changed-since", "main", "--format", "json", cwd=repo)
    assert {a["path"] for a in run.json()["articles"]} == {"news/b-renamed.md"}


def test_changed_since_explains_unknown_refs_and_shallow_clones(repo, tqa, tmp_path):
    run = tqa("check", "news", "--changed-since", "origin/nope", cwd=repo)
    assert run.code == 2
    assert "unknown revision 'origin/nope'" in run.err and "git fetch" in run.err
    (repo / "news" / "c.md").write_text(NEW_ARTICLE, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "new article")
    shallow = tmp_path / "shallow"
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            "--branch",
            "feature",
            repo.as_uri(),
            str(shallow),
        ],
        check=True,
        capture_output=True,
    )
    run = tqa("check", "news", "--changed-since", "origin/main", cwd=shallow)
    assert run.code == 2 and "too shallow" in run.err and "git fetch --deepen" in run.err
    assert run.err.count("\n") == 1  # one line


def test_allow_lists_and_markdown_suppressions_silence_and_show_in_sarif(repo, tqa):
    (repo / "tqa.toml").write_text(
        'lang = "en"\n\n[rules.repeated-word]\nallow-texts = ["the the"]\n', encoding="utf-8"
    )
    text = ARTICLE_A.replace("Тарату:", "<!-- tqa: ignore share-label kept on purpose -->\nТарату:")
    (repo / "news" / "a.md").write_text(text, encoding="utf-8")
    run = tqa("check", "news", "--format", "sarif", cwd=repo)
    sarif = run.json()
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    silenced = {r["ruleId"]: r["suppressions"][0] for r in sarif["runs"][0]["results"] if "suppressions" in r}
    assert silenced["TQA601"] == {"kind": "inSource", "justification": "kept on purpose"}
    assert silenced["TQA701"] == {"kind": "external", "justification": "allow-texts"}
    summary = tqa("check", "news", cwd=repo)
    assert summary.code == 0, summary.out
    assert "2 silenced" in summary.out


def test_broken_allow_list_is_a_one_line_config_error(repo, tqa):
    (repo / "tqa.toml").write_text('[rules.homoglyph]\nallow-patterns = ["("]\n', encoding="utf-8")
    run = tqa("check", "news", cwd=repo)
    assert run.code == 2 and "allow-patterns: bad regex" in run.err and "tqa.toml" in run.err


def test_sarif_validates_and_carries_rules_regions_fingerprints_and_baseline(repo, tqa):
    (repo / "news" / "a.md").write_text(
        ARTICLE_A.replace("several newsrooms", "several newsrooms newsrooms"), encoding="utf-8"
    )
    run = tqa("check", "news", "--baseline", ".tqa-baseline.json", "--format", "sarif", cwd=repo)
    sarif = run.json()
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    driver = sarif["runs"][0]["tool"]["driver"]
    homoglyph = next(r for r in driver["rules"] if r["id"] == "TQA101")
    assert homoglyph["name"] == "homoglyph" and homoglyph["defaultConfiguration"]["level"] == "error"
    assert homoglyph["helpUri"].endswith("docs/rules.md#tqa101-homoglyph")
    assert "Fails (en):" in homoglyph["fullDescription"]["text"]
    assert sarif["runs"][0]["columnKind"] == "unicodeCodePoints"
    results = sarif["runs"][0]["results"]
    states = sorted(r["baselineState"] for r in results)
    assert states.count("new") == 1 and set(states) == {"new", "unchanged"}
    label = next(r for r in results if r["ruleId"] == "TQA601")
    region = label["locations"][0]["physicalLocation"]["region"]
    line = (repo / "news" / "a.md").read_text().splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "Тарату:"
    assert label["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "news/a.md"
    assert label["partialFingerprints"]["tqaFingerprint/v1"]
    assert driver["rules"][label["ruleIndex"]]["id"] == "TQA601"


def test_junit_has_a_case_per_article_failing_with_its_findings(repo, tqa):
    run = tqa("check", "news", "--format", "junit", cwd=repo)
    root = ET.fromstring(run.out)
    cases = root.findall(".//testcase")
    assert len(cases) == 2 and root.get("tests") == "2" and root.get("failures") == "2"
    failure = next(c for c in cases if c.get("file") == "news/a.md").find("failure")
    assert "TQA601" in failure.text and "news/a.md:" in failure.text
    # with the baseline nothing is new: no failures, the findings kept as output
    green = ET.fromstring(tqa("check", "news", "--format", "junit", "--baseline", ".tqa-baseline.json", cwd=repo).out)
    assert green.get("failures") == "0" and "[baseline]" in green.find(".//system-out").text


def test_github_annotations_are_escaped():
    finding = Finding(
        rule="TQA701",
        name="repeated-word",
        category="typography",
        severity="info",
        message="50% of it, twice:\nsee",
        path="news/a,b:c%.md",
        line=3,
        column=4,
        end_line=3,
        end_column=9,
        flagged="x",
        suggestion="a, b",
    )
    line = annotation(finding)
    assert line == (
        "::notice file=news/a%2Cb%3Ac%25.md,line=3,col=4,endLine=3,endColumn=9,"
        "title=TQA701 repeated-word::50%25 of it, twice:%0Asee%0Afix: replace with 'a, b'"
    )
    assert "\n" not in line


def test_github_format_writes_the_job_summary(repo, tqa, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    run = tqa("check", "news", "--format", "github", cwd=repo, env={"GITHUB_STEP_SUMMARY": str(summary)})
    lines = run.out.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any("file=news/a.md,line=" in line and "title=TQA601 share-label::" in line for line in lines)
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n") and "### ❌ tqa found problems" in written


def test_gitlab_code_quality_has_unique_fingerprints_and_mapped_severities(repo, tqa):
    issues = tqa("check", "news", "--format", "gitlab", cwd=repo).json()
    assert len({i["fingerprint"] for i in issues}) == len(issues) > 1
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    label = next(i for i in issues if i["check_name"].startswith("TQA601"))
    assert label["severity"] == "major" and label["location"]["path"] == "news/a.md"
    assert label["location"]["positions"]["begin"]["line"] >= 1


def test_markdown_summary_escapes_article_text(repo, tqa):
    (repo / "news" / "b.md").write_text(
        ARTICLE_B.replace("the the", "the the <img src=x> **bold** `code`"), encoding="utf-8"
    )
    out = tqa("check", "news", "--format", "markdown", cwd=repo).out
    assert out.startswith("### ❌ tqa found problems")
    assert "| `TQA601` share-label | 1 |" in out
    assert "<img" not in out


def test_several_formats_from_one_run_and_byte_identical_reruns(repo, tqa):
    args = ("check", "news", "-f", "github", "-f", "sarif", "-f", "json", "-o", "out/r.sarif", "-o", "out/r.json")
    first = tqa(*args, cwd=repo)
    sarif, report = (repo / "out/r.sarif").read_bytes(), (repo / "out/r.json").read_bytes()
    assert json.loads(sarif)["version"] == "2.1.0" and json.loads(report)["schema"] == "tqa-report/1"
    assert first.out.startswith("::")
    second = tqa(*args, cwd=repo)
    assert (repo / "out/r.sarif").read_bytes() == sarif and (repo / "out/r.json").read_bytes() == report
    assert second.out == first.out
    clash = tqa("check", "news", "-f", "json", "-f", "sarif", cwd=repo)
    assert clash.code == 2 and "standard output" in clash.err


def test_rules_page_is_made_from_the_rules(tqa):
    run = tqa("rules", "--markdown")
    assert run.out == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"), (
        "docs/rules.md is stale: run `tqa rules --markdown > docs/rules.md`"
    )


def test_integrations_exist_and_run_tqa():
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "entry: tqa check" in hooks and "require_serial: true" in hooks
    action = (ROOT / "action.yml").read_text()
    assert "using: composite" in action and "upload-sarif" in action and "--changed-since" in action


def test_the_action_splices_no_expression_into_a_script():
    # `${{ … }}` inside `run:` is pasted into the shell script before bash
    # reads it (script injection); values go through `env:` instead
    import yaml

    steps = yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"]
    scripts = [step["run"] for step in steps if "run" in step]
    assert scripts and not [s for s in scripts if "${{" in s]


def test_changed_since_runs_no_program_named_by_the_repository_config(repo, tqa, tmp_path):
    # a repository from a stranger may carry a .git/config that names programs
    # for git to run (file-system monitor, external diff); tqa asks git not to
    marker = tmp_path / "ran"
    hook = tmp_path / "hook.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    git(repo, "config", "core.fsmonitor", str(hook))
    git(repo, "config", "diff.external", str(hook))
    (repo / "news" / "b.md").write_text(ARTICLE_B + "\nOne more line.\n", encoding="utf-8")
    run = tqa("check", "news", "--changed-since", "main", "--format", "json", cwd=repo)
    assert {a["path"] for a in run.json()["articles"]} == {"news/b.md"}
    assert not marker.exists()


def test_changed_since_refuses_an_option_as_revision(repo, tqa):
    run = tqa("check", "news", "--changed-since=--output=/tmp/x", cwd=repo)
    assert run.code == 2 and "is not a revision" in run.err


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"schema": "tqa-baseline/1", "findings": 5}', '"findings" is not a list'),
        (
            '{"schema": "tqa-baseline/1", "findings": [{"fingerprint": 1, "rule": "TQA601", "path": "a"}]}',
            "finding #1 lacks",
        ),
        ('{"schema": "tqa-baseline/1", "findings": ["x"]}', "finding #1 lacks"),
        ('{"schema": "tqa-baseline/1", "findings": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ],
)
def test_a_crafted_baseline_is_one_error_line(repo, tqa, content, message):
    (repo / "crafted.json").write_text(content, encoding="utf-8")
    run = tqa("check", "news", "--baseline", "crafted.json", cwd=repo)
    assert run.code == 2
    assert message in run.err and run.err.count("\n") == 1, run.err
    assert "Traceback" not in run.err


def test_a_baseline_that_is_a_fifo_is_one_line_and_no_hang(repo):
    import os
    import sys

    os.mkfifo(repo / "fifo.json")
    run = subprocess.run(
        [sys.executable, "-m", "tqa", "check", "news", "--baseline", "fifo.json"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2 and "not a regular file (a FIFO)" in run.stderr, run.stderr
    assert run.stderr.count("\n") == 1


def test_changed_since_still_fails_on_a_named_path_that_is_missing(repo, tqa):
    run = tqa("check", "news", "nowhere.md", "--changed-since", "HEAD", cwd=repo)
    assert run.code == 2 and "nowhere.md: no such file or directory" in run.err


def test_a_baseline_entry_of_a_name_that_is_not_utf8_stays_while_its_file_is_there(repo, tqa):
    import os

    name = os.fsdecode(b"news/caf\xe9.md")
    (repo / name).write_text(ARTICLE_B, encoding="utf-8")
    made = tqa("baseline", "news", "--output", ".tqa-baseline.json", cwd=repo)
    assert made.code == 0, made.err
    entries = json.loads((repo / ".tqa-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert "news/caf\\xe9.md" in {e["path"] for e in entries}
    # the file is not checked this time, but it is there: its entries are not stale
    run = tqa("check", "news/a.md", "--baseline", ".tqa-baseline.json", "--format", "json", cwd=repo)
    absent = run.json()["summary"]["baseline"]["absent"]
    assert not [e for e in absent if "caf" in e["path"]], absent
