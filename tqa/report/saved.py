"""Read a saved ``--format json`` report back into a ``RunResult``, so
``tqa report RUN.json --format html`` renders what CI checked earlier.

The article text is not in the JSON: reports that show it read the files
again from disk, and check that each finding's text is still where the
report says (see ``tqa.report.html``).
"""

from __future__ import annotations

from ..engine import ArticleResult, FileError, Finding, RunResult
from ..jsonfiles import load_tagged

SCHEMA = "tqa-report/1"


class ReportError(Exception):
    """A saved report that cannot be read; the message is one line."""


def load_run(path: str) -> RunResult:
    data = load_tagged(path, SCHEMA, "JSON report", ReportError)
    try:
        return _run(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ReportError(f"{path}: malformed tqa report ({type(exc).__name__}: {exc})") from None


def _run(data: dict) -> RunResult:
    result = RunResult(files=int(data["summary"]["files"]), inputs=list(data.get("inputs", [])))
    for article in data["articles"]:
        result.articles.append(ArticleResult(
            id=article["id"], path=article["path"], title=article.get("title"), lang=article.get("lang"),
            start_line=int(article["start_line"]), end_line=int(article["end_line"]),
            findings=[_finding(f) for f in article["findings"]],
        ))
    result.errors = [FileError(e["path"], e["message"], e.get("line")) for e in data.get("errors", [])]
    return result


def _finding(f: dict) -> Finding:
    return Finding(
        rule=f["rule"], name=f.get("name", ""), category=f["category"], severity=f["severity"],
        message=f["message"], path=f["path"], line=int(f["line"]), column=int(f["column"]),
        end_line=int(f["end_line"]), end_column=int(f["end_column"]), text=f["text"],
        suggestion=f["suggestion"], fingerprint=f["fingerprint"],
        related=tuple((r["path"], int(r["line"])) for r in f.get("related", [])),
    )
