"""The scaffold for a new rule (``python -m tqa.dev new-rule``)."""

import ast
import shutil

import pytest
from conftest import ROOT

from tqa.dev import main, new_rule
from tqa.rules import PRECEDENCE


@pytest.fixture
def repo(tmp_path):
    """The parts of the repository the scaffold writes to."""
    shutil.copytree(ROOT / "tqa" / "rules", tmp_path / "tqa" / "rules")
    (tmp_path / "tests").mkdir()
    return tmp_path


def test_a_new_rule_gets_the_next_code_of_its_block_a_precedence_and_a_test(repo):
    written = new_rule(repo, "typography", "double-space", "Two spaces between words.")
    rule_file = repo / "tqa" / "rules" / "typography" / "double_space.py"
    test_file = repo / "tests" / "rules" / "test_double_space.py"
    assert written == [rule_file, repo / "tqa" / "rules" / "__init__.py", test_file]
    code = f"TQA7{max(int(c[4:]) for c in PRECEDENCE if c.startswith('TQA7')) + 1:02d}"
    source = rule_file.read_text(encoding="utf-8")
    assert source.startswith(f'"""{code} double-space: Two spaces between words"""')
    assert f'@rule("{code}", "double-space", "typography", "warning")' in source
    ast.parse(source)
    ast.parse(test_file.read_text(encoding="utf-8"))
    registry = (repo / "tqa" / "rules" / "__init__.py").read_text(encoding="utf-8")
    table = registry[registry.index("PRECEDENCE = {") :]
    assert f'"{code}": 50,' in table[: table.index("}")]


def test_the_category_is_the_blocks_usual_one(repo):
    new_rule(repo, "reviewer", "sticky-note", "A sticky note pasted as text")
    assert '"reviewer-comment", "warning")' in (repo / "tqa/rules/reviewer/sticky_note.py").read_text()


@pytest.mark.parametrize(
    "block,name,message",
    [
        ("typo", "double-space", "unknown block 'typo'"),
        ("typography", "Double Space", "kebab-case"),
        ("typography", "repeated-word", "exists already"),
    ],
)
def test_a_wrong_block_or_name_is_one_error_line_and_nothing_is_written(repo, capsys, block, name, message):
    before = sorted(p for p in repo.rglob("*") if p.is_file())
    assert main(["new-rule", block, name, "--summary", "x", "--root", str(repo)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert sorted(p for p in repo.rglob("*") if p.is_file()) == before
