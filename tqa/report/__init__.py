"""Output formats. Each module renders a ``RunResult`` and knows nothing
about rules: ``render(result, options) -> str``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

FORMATS = {
    "text": "tqa.report.text",
    "json": "tqa.report.json_report",
    "html": "tqa.report.html",
}


@dataclass
class ReportOptions:
    color: bool = False
    width: int | None = None
    quiet: bool = False
    inputs: list[str] = field(default_factory=list)


def render(name: str, result, options: ReportOptions) -> str:
    module = importlib.import_module(FORMATS[name])
    return module.render(result, options)
