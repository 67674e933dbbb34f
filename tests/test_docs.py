"""The README stays true to the code."""

from conftest import ROOT

from tqa.rules import all_rules

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_rule_with_its_name_and_severity():
    for r in all_rules():
        row = f"| {r.code} | {r.name} | {r.category} | {r.severity} |"
        assert row in README, f"README rule table is missing or wrong for {r.code}"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in README and "python -m pytest" in ci
    assert "pip install -e '.[test]'" in README and "pip install --quiet -e '.[test]'" in ci
    assert "tqa check samples/kazunite-blog-page-3.txt" in README
