"""``tqa rules``: the list of rules, one rule's documentation, or all of
it as Markdown."""

from __future__ import annotations

import sys
from typing import Optional

import typer
from rich.console import Console
from rich.text import Text

from .output import fail, write_stdout


def rules(
    rule: Optional[str] = typer.Argument(None, help="A rule code or name: show its full documentation."),
    markdown: bool = typer.Option(False, "--markdown", help="Every rule's documentation as Markdown (docs/rules.md)."),
) -> None:
    """List every rule, or show one rule's documentation."""
    if markdown:
        from ..rules.docs import rules_markdown

        write_stdout(rules_markdown())
        return

    from io import StringIO

    # printed into a buffer, then written checked (see write_stdout); styled as for the terminal, if it is one
    buffer = StringIO()
    terminal_out = sys.stdout.isatty()
    console = Console(
        file=buffer, highlight=False, force_terminal=terminal_out, width=Console().width if terminal_out else 140
    )
    _print_rules(console, rule)
    write_stdout(buffer.getvalue())


def _print_rules(console: Console, rule: Optional[str]) -> None:
    from rich.table import Table

    from ..rules import all_rules, find_rule

    if rule is not None:
        found = find_rule(rule)
        if found is None:
            fail(f"no rule {rule!r} (see `tqa rules`)")
        console.print(
            Text.assemble(
                (found.code, "bold"),
                f" {found.name}  ",
                ("category: ", "dim"),
                found.category,
                "  ",
                ("default severity: ", "dim"),
                found.severity,
                ("  fixed by tqa fix" if found.safe_fix else "", "dim"),
            )
        )
        if found.options:
            console.print(
                Text.assemble(("options: ", "dim"), ", ".join(f"{k} = {v!r}" for k, v in found.options.items()))
            )
        console.print()
        console.print(found.doc, markup=False)
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("code", "name", "category", "severity", "fix", "what it finds"):
        table.add_column(column, overflow="fold")
    for r in all_rules():
        table.add_row(
            r.code, r.name, r.category, r.severity, "tqa fix" if r.safe_fix else "", Text(r.summary.replace("``", ""))
        )
    console.print(table)
