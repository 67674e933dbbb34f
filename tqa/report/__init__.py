"""Output formats. Each module renders a ``RunResult`` and knows nothing
about rules: ``render(result, options)`` returns the text, or an iterable of
pieces of it for formats that stream (JSON)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

FORMATS = {
    "text": "tqa.report.text",
    "json": "tqa.report.json_report",
    "html": "tqa.report.html",
    "sarif": "tqa.report.sarif",
    "junit": "tqa.report.junit",
    "github": "tqa.report.github",
    "gitlab": "tqa.report.gitlab",
    "markdown": "tqa.report.markdown",
}


@dataclass
class ReportOptions:
    color: bool = False
    width: int | None = None
    quiet: bool = False
    fail_on: str = "warning"  # what counts as a failure (JUnit, GitHub annotations' summary)
    show_baselined: bool = False  # text/markdown: also list findings already in the baseline


def render(name: str, result, options: ReportOptions):
    """The report as text or as an iterable of pieces (see ``text_of``)."""
    module = importlib.import_module(FORMATS[name])
    return module.render(result, options)


def text_of(report) -> str:
    return report if isinstance(report, str) else "".join(report)
