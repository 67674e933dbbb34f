"""Read a saved ``--format json`` report back into a ``RunResult``, so
``tqa report RUN.json --format html`` renders what CI checked earlier.

The article text is not in the JSON: reports that show it read the files
again from disk, and check that each finding's text is still where the
report says (see ``tqa.report.html``); only files inside the working folder
are read (see ``RunResult.source``).

A saved report may come from anywhere (an artifact of a pull request's
run), so every field is checked for its type and range before it is used:
a crafted file is one error line, never a traceback or a runaway loop.
"""

from __future__ import annotations

import re

from ..escaping import file_of_display_path
from ..findings import SEVERITY_RANK, ArticleResult, FileError, Finding, RunResult
from ..jsonfiles import load_tagged

SCHEMA = "tqa-report/1"

# Lines, columns and counts beyond this are not from a real run (and a
# report renderer would loop over them).
MAX_NUMBER = 2**31 - 1


class ReportError(Exception):
    """A saved report that cannot be read; the message is one line."""


class _Malformed(Exception):
    """Where in the report (a JSON path) and what is wrong."""


def load_run(path: str) -> RunResult:
    if "\0" in path:
        raise ReportError(f"{path}: not a file name")
    data = load_tagged(path, SCHEMA, "JSON report", ReportError)
    try:
        return _run(data)
    except _Malformed as exc:
        raise ReportError(f"{path}: malformed tqa report: {exc}") from None


def _run(data: dict) -> RunResult:
    summary = _object(data, "summary", "summary")
    result = RunResult(
        files=_int(summary, "files", "summary.files", minimum=0),
        inputs=_strings(data, "inputs", "inputs", required=False),
    )
    for i, article in enumerate(_list(data, "articles", "articles")):
        where = f"articles[{i}]"
        article = _item(article, where)
        result.articles.append(
            ArticleResult(
                id=_str(article, "id", f"{where}.id"),
                path=_path(article, "path", f"{where}.path"),
                title=_str(article, "title", f"{where}.title", null=True, required=False),
                lang=_str(article, "lang", f"{where}.lang", null=True, required=False),
                start_line=_int(article, "start_line", f"{where}.start_line"),
                end_line=_int(article, "end_line", f"{where}.end_line"),
                findings=[
                    _finding(_item(f, f"{where}.findings[{j}]"), f"{where}.findings[{j}]")
                    for j, f in enumerate(_list(article, "findings", f"{where}.findings"))
                ],
            )
        )
    for i, error in enumerate(_list(data, "errors", "errors", required=False)):
        where = f"errors[{i}]"
        error = _item(error, where)
        result.errors.append(
            FileError(
                _path(error, "path", f"{where}.path"),
                _str(error, "message", f"{where}.message"),
                _int(error, "line", f"{where}.line", minimum=0, null=True, required=False),
            )
        )
    return result


def _finding(f: dict, where: str) -> Finding:
    severity = _str(f, "severity", f"{where}.severity")
    if severity not in SEVERITY_RANK:
        raise _Malformed(f"{where}.severity must be one of {', '.join(SEVERITY_RANK)}")
    related = []
    for k, r in enumerate(_list(f, "related", f"{where}.related", required=False)):
        r = _item(r, f"{where}.related[{k}]")
        related.append(
            (
                _path(r, "path", f"{where}.related[{k}].path"),
                _int(r, "line", f"{where}.related[{k}].line", minimum=0),
                _int(r, "column", f"{where}.related[{k}].column", minimum=0, required=False) or 0,
            )
        )
    return Finding(
        rule=_word(f, "rule", where, _RULE_CODE),
        name=_word(f, "name", where, _RULE_NAME, required=False),
        category=_word(f, "category", where, _RULE_NAME),
        severity=severity,
        message=_str(f, "message", f"{where}.message"),
        path=_path(f, "path", f"{where}.path"),
        line=_int(f, "line", f"{where}.line"),
        column=_int(f, "column", f"{where}.column"),
        end_line=_int(f, "end_line", f"{where}.end_line"),
        end_column=_int(f, "end_column", f"{where}.end_column"),
        flagged=_str(f, "text", f"{where}.text"),
        suggestion=_str(f, "suggestion", f"{where}.suggestion", null=True),
        fingerprint=_str(f, "fingerprint", f"{where}.fingerprint"),
        related=tuple(related),
    )


# a rule's code, name and category are words of tqa's own: checked as such,
# a crafted report cannot put a line break or a workflow command in them
_RULE_CODE = re.compile(r"TQA\d{3}")
_RULE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _word(f: dict, key: str, where: str, form: re.Pattern, required: bool = True) -> str:
    value = _str(f, key, f"{where}.{key}", required=required) or ""
    if (value or required) and not form.fullmatch(value):
        raise _Malformed(f"{where}.{key} is not a rule's {key}")
    return value


_MISSING = object()


def _get(obj: dict, key: str, where: str, required: bool):
    value = obj.get(key, _MISSING)
    if value is _MISSING and required:
        raise _Malformed(f"{where} is missing")
    return value


def _item(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise _Malformed(f"{where} must be an object")
    return value


def _object(obj: dict, key: str, where: str) -> dict:
    return _item(_get(obj, key, where, True), where)


def _list(obj: dict, key: str, where: str, required: bool = True) -> list:
    value = _get(obj, key, where, required)
    if value is _MISSING:
        return []
    if not isinstance(value, list):
        raise _Malformed(f"{where} must be a list")
    return value


def _str(obj: dict, key: str, where: str, null: bool = False, required: bool = True):
    value = _get(obj, key, where, required)
    if value is _MISSING or (value is None and null):
        return None
    if not isinstance(value, str):
        raise _Malformed(f"{where} must be a string{' or null' if null else ''}")
    return value


def _path(obj: dict, key: str, where: str) -> str:
    value = _str(obj, key, where)
    if not value or "\0" in value:
        raise _Malformed(f"{where} must be a file path")
    return file_of_display_path(value)


def _strings(obj: dict, key: str, where: str, required: bool = True) -> list[str]:
    values = _list(obj, key, where, required)
    if not all(isinstance(v, str) for v in values):
        raise _Malformed(f"{where} must be a list of strings")
    return list(values)


def _int(obj: dict, key: str, where: str, minimum: int = 1, null: bool = False, required: bool = True):
    value = _get(obj, key, where, required)
    if value is _MISSING or (value is None and null):
        return None
    # bool is an int to Python, not to JSON; floats (1e308, Infinity) are not line numbers
    if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= MAX_NUMBER:
        raise _Malformed(f"{where} must be a whole number from {minimum} to {MAX_NUMBER}")
    return value
