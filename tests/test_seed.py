"""The seed page: ten articles, twenty share labels, the Word comment."""

import json

import jsonschema
import pytest
from conftest import SCHEMA, SEED

TITLES = [
    "Best Practices in open data policy frameworks and successful cases were presented by International "
    "Experts of the Republic of Korea and KPMG Baltics to Civil Servants of Central Asia and the Caucasus",
    "Why use open data and what are the benefits?",
    "Senior civil servants are trained in futures thinking and planning skills",
    "Best Practices in the Development of Digital Government Policy were Presented by International Experts "
    "of the OECD to Civil Servants of Central Asia and the Caucasus",
    "Astana Civil Service Hub expands cooperation with the Republic of Korea",
    "Government Representatives of Central Asia and the Caucasus countries have leaned leading practices of "
    "the Republic of Korea in the field of Digitalization of Public Service Delivery",
    "Kazakh President arrives in New York for a working visit",
    "Tallinn gets acquainted with history and culture of Kazakhstan",
    "Kazakhstan sweeps 11 medals at Int’l Women’s Boxing Tournament",
    "MISCHIEF OF PLASTIC",
]
LABEL_LINES = [5, 29, 33, 47, 51, 67, 71, 97, 101, 115, 119, 137, 141, 153, 157, 167, 171, 179, 183, 228]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "tqa", "check", "--format", "json", "--lang", "en", str(SEED)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)


def all_findings(report):
    return [f for a in report["articles"] for f in a["findings"]]


def test_report_validates_against_the_contract(report):
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))


def test_ten_articles_titled_as_in_the_page(report):
    assert [a["title"] for a in report["articles"]] == TITLES
    assert [a["start_line"] for a in report["articles"]] == [1, 31, 49, 69, 99, 117, 139, 155, 169, 181]
    assert report["articles"][-1]["end_line"] == 228
    assert all(a["lang"] == "en" for a in report["articles"])
    assert len({a["id"] for a in report["articles"]}) == 10


def test_all_twenty_share_labels_reported(report):
    labels = [f for f in all_findings(report) if f["name"] == "share-label"]
    assert [f["line"] for f in labels] == LABEL_LINES
    for f in labels:
        assert (f["column"], f["end_column"], f["text"], f["suggestion"]) == (1, 8, "Тарату:", "")
        assert f["category"] == "boilerplate" and f["severity"] == "error"


def test_word_comment_spans_the_whole_comment(report):
    seed_lines = SEED.read_text(encoding="utf-8").split("\n")
    [comment] = [f for f in all_findings(report) if f["category"] == "reviewer-comment"]
    assert comment["text"] == "Добавлено примечание ([U1]): What is it? 7.50?"
    assert comment["line"] == comment["end_line"] == 204
    line = seed_lines[203]
    assert line[comment["column"] - 1 : comment["end_column"] - 1] == comment["text"]
    assert comment["suggestion"] == ""
    assert comment["rule"] == "TQA201"


def test_breadcrumb_separators_and_filler_lines(report):
    by_rule = {}
    for f in all_findings(report):
        by_rule.setdefault(f["name"], []).append(f["line"])
    assert by_rule["navigation-line"] == [1]
    assert by_rule["separator-line"] == [89, 111]
    assert by_rule["filler-line"] == [25, 27, 65, 93, 95]


def test_every_finding_points_at_its_text(report):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for f in all_findings(report):
        if f["line"] == f["end_line"]:
            assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"]
        else:
            span = "\n".join(
                [lines[f["line"] - 1][f["column"] - 1 :]]
                + lines[f["line"] : f["end_line"] - 1]
                + [lines[f["end_line"] - 1][: f["end_column"] - 1]]
            )
            assert span == f["text"]


def test_findings_belong_to_the_article_that_holds_them(report):
    for article in report["articles"]:
        for f in article["findings"]:
            assert article["start_line"] <= f["line"] <= article["end_line"]
