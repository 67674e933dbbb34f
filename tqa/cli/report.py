"""``tqa report``: render a saved JSON report again (as HTML, text, SARIF…)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .options import Format
from .output import failing_on
from .run import emit


def report(
    saved: Path = typer.Argument(..., help="A JSON report saved by `tqa check --format json`."),
    fmt: Format = typer.Option(Format.html, "--format", "-f", help="Report format."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write the report to this file [default for html: reports/tqa-report.html]."
    ),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Force colour on or off."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Text format: one line per finding."),
) -> None:
    """Render a saved JSON report again, e.g. as HTML for editors. The
    checked files are read again for their text (run it where they are)."""
    from ..report.saved import ReportError, load_run

    with failing_on(ReportError):
        result = load_run(str(saved))
    emit(result, fmt, output, color, quiet)
