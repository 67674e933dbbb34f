"""Tools for whoever develops tqa (not installed as a command).

    python -m tqa.dev new-rule BLOCK NAME --summary "What it reports"

makes a new rule's file in ``tqa/rules/BLOCK/``, with the next free code of
the block, gives the code its place in ``PRECEDENCE`` and writes a test for
it under ``tests/rules/``. The rule's examples and check are then yours to
write (see ``docs/architecture.md``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .rules import BLOCKS, CATEGORIES, SEVERITIES, all_rules

_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

RULE_TEMPLATE = '''"""{code} {name}: {summary}"""

from __future__ import annotations

from .. import rule


@rule("{code}", "{name}", "{category}", "{severity}")
def {function}(article, ctx):
    """{summary}

    Say what is reported, why it is a defect, and what stays silent.

    Fails (en):
        Write a text that has the defect here.

    Passes (en):
        Write a text that must stay silent here.
    """
    for segment in article.prose:
        raise NotImplementedError("{code} {name}: write the check")
        yield segment.problem(0, 0, "")
'''

TEST_TEMPLATE = '''"""{code} {name}: the flagged span and the suggestion on a text with the
defect, and silence on clean text (in the languages the rule is about)."""

from conftest import findings_of


def test_{function}_flags_the_defect():
    found = findings_of("Title\\n\\nWrite a text that has the defect here.\\n", lang="en", select="{name}")
    assert [(f.text, f.suggestion) for f in found] == [("the flagged text", "the suggestion")]


def test_{function}_stays_silent_on_clean_text():
    assert findings_of("Title\\n\\nWrite a text that must stay silent here.\\n", lang="en", select="{name}") == []
'''


def next_code(block: str) -> str:
    """The first free code of ``block`` (``typography`` -> ``TQA709``)."""
    hundreds = [prefix for prefix, folder in BLOCKS.items() if folder == block and prefix != "TQA0"]
    taken = {r.code for r in all_rules()}
    for prefix in hundreds:
        for number in range(1, 100):
            code = f"{prefix}{number:02d}"
            if code not in taken:
                return code
    raise ValueError(f"no free code left in block {block}")


def _usual_category(block: str) -> str:
    """The category most rules of ``block`` have."""
    from collections import Counter

    found = Counter(r.category for r in all_rules() if BLOCKS[r.code[:4]] == block)
    return found.most_common(1)[0][0] if found else block.replace("_", "-")


def new_rule(
    root: Path, block: str, name: str, summary: str, category: str | None = None, severity: str = "warning"
) -> list[Path]:
    """Write the rule, its precedence entry and its test under ``root`` (the
    repository); returns the files written or changed."""
    if block not in set(BLOCKS.values()):
        raise ValueError(f"unknown block {block!r} (one of {', '.join(sorted(set(BLOCKS.values())))})")
    if not _NAME.fullmatch(name):
        raise ValueError(f"a rule's name is kebab-case, lower case: {name!r}")
    if any(r.name == name for r in all_rules()):
        raise ValueError(f"a rule named {name!r} exists already")
    category = category or _usual_category(block)
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r} (one of {', '.join(CATEGORIES)})")
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r} (one of {', '.join(SEVERITIES)})")
    code = next_code(block)
    function = name.replace("-", "_")
    fields = dict(
        code=code,
        name=name,
        summary=summary.strip().rstrip("."),
        category=category,
        severity=severity,
        function=function,
    )
    rule_file = root / "tqa" / "rules" / block / f"{function}.py"
    test_file = root / "tests" / "rules" / f"test_{function}.py"
    registry = root / "tqa" / "rules" / "__init__.py"
    for path in (rule_file, test_file):
        if path.exists():
            raise ValueError(f"{path} exists already")
    text = registry.read_text(encoding="utf-8")
    table = re.search(r"^PRECEDENCE = \{\n(.*?)^\}", text, re.M | re.S)
    if table is None:
        raise ValueError(f"{registry}: no PRECEDENCE table")
    entry = f'    "{code}": 50,\n'
    registry.write_text(text[: table.end(1)] + entry + text[table.end(1) :], encoding="utf-8")
    rule_file.write_text(RULE_TEMPLATE.format(**fields), encoding="utf-8")
    test_file.parent.mkdir(parents=True, exist_ok=True)
    test_file.write_text(TEST_TEMPLATE.format(**fields), encoding="utf-8")
    return [rule_file, registry, test_file]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tqa.dev", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("new-rule", help="make a new rule's file, registry entry and test")
    make.add_argument("block", help=f"the rules' folder: {', '.join(sorted(set(BLOCKS.values())))}")
    make.add_argument("name", help="kebab-case name, such as double-space")
    make.add_argument("--summary", required=True, help="one line: what the rule reports")
    make.add_argument("--category", help="a category of the report contract (default: the block's)")
    make.add_argument("--severity", default="warning", choices=SEVERITIES)
    make.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the repository (default: the one this tqa runs from)",
    )
    args = parser.parse_args(argv)
    try:
        written = new_rule(args.root, args.block, args.name, args.summary, args.category, args.severity)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
