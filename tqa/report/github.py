"""``--format github``: GitHub Actions workflow commands, one annotation per
finding (``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``),
shown on the pull request's changed lines. With a baseline, only new
findings are annotated. When ``$GITHUB_STEP_SUMMARY`` is set, the Markdown
summary (see ``markdown.py``) is appended to the job's summary page; when
it cannot be (a full disk), that is an error of the run like an unreadable
input (an annotation, an entry of ``result.errors``, exit code 2).

Escaping follows the runner's rules (``tqa.escaping.github_data`` and
``github_property``, as GitHub's toolkit escapes): in the message ``%``,
CR and LF are percent-encoded; in property values ``:`` and ``,`` are too.
So no file name or article text can end an annotation's line and start a
workflow command of its own. Before that, control characters and bidi
overrides are shown visibly (``tqa.escaping.terminal``): the log renders
terminal escapes.
"""

from __future__ import annotations

import os

from ..escaping import github_data, github_property, terminal
from ..findings import FileError, portable_path
from . import markdown

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A message: its line breaks are kept (annotations may have several
    lines), percent-encoded."""
    return github_data(terminal(text, keep_newlines=True))


def escape_property(text: str) -> str:
    """A property value: one line."""
    return github_property(terminal(text, keep_newlines=True))


def annotation(f) -> str:
    properties = {
        "file": portable_path(f.path),
        "line": f.line,
        "col": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "title": f"{f.rule} {f.name}",
    }
    fix = (
        ""
        if f.suggestion is None
        else ("\nfix: delete it" if f.suggestion == "" else f"\nfix: replace with {f.suggestion!r}")
    )
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{COMMAND[f.severity]} {props}::{escape_data(f.message + fix)}"


def render(result, options) -> str:
    lines = [annotation(f) for f in result.findings if options.show_baselined or f.baseline_state != "unchanged"]
    lines += [
        f"::error file={escape_property(portable_path(e.path))}"
        + (f",line={e.line}" if e.line else "")
        + f",title=unreadable input::{escape_data(e.message)}"
        for e in result.errors
    ]
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as handle:  # the runner's file: append, as documented
                handle.write(markdown.summary(result, options) + "\n")
        except OSError as exc:
            message = f"cannot write the job summary: {exc.strerror or exc}"
            result.errors.append(FileError(summary_file, message))  # an output that failed: the exit code says so
            lines.append(f"::error title=tqa::{escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
