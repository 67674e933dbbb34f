"""``--format json``: the report contract (``tqa-report/1``).

Deterministic: keys and findings in a fixed order, no timestamps, so two
runs on the same input give byte-identical output.

Valid UTF-8 whatever the file names: a byte of a name that is not UTF-8
(a lone surrogate in Python) is written as the text ``\\xNN``
(``tqa.escaping``), the form every report and baseline uses.
"""

from __future__ import annotations

import json
from collections import Counter
from json.encoder import encode_basestring  # the C encoder of one string (ensure_ascii=False)

from .. import __version__
from ..escaping import display_path, json_scrub
from ..model import Excerpt


def finding_dict(f) -> dict:
    data = {
        "rule": f.rule,
        "name": f.name,
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "text": f.text,
        "suggestion": f.suggestion,
        "fingerprint": f.fingerprint,
    }
    if f.related:
        data["related"] = [_related(*r) for r in f.related]
    if f.baseline_state is not None:
        data["baseline_state"] = f.baseline_state
    return data


def report_dict(result) -> dict:
    """The whole report as one dict (for small runs and for tests)."""
    data = _head(result)
    data["articles"] = [_article(a) for a in result.articles]
    data["errors"] = _errors(result)
    return _displayed(data)


def _displayed(value):
    """``value`` with every string as ``display_path`` shows it (what
    ``render`` writes)."""
    if isinstance(value, str):
        return display_path(value)
    if isinstance(value, dict):
        return {display_path(k): _displayed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_displayed(v) for v in value]
    return value


def _head(result) -> dict:
    findings = result.findings
    return {
        "schema": "tqa-report/1",
        "tool": {"name": "tqa", "version": __version__},
        "inputs": list(result.inputs),
        "summary": {
            "files": result.files,
            "articles": len(result.articles),
            "findings": len(findings),
            "by_severity": dict(sorted(Counter(f.severity for f in findings).items())),
            "by_category": dict(sorted(Counter(f.category for f in findings).items())),
            "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
            "suppressed": len(result.suppressed),
            **({"baseline": _baseline(result.baseline)} if result.baseline is not None else {}),
        },
    }


def _article(a) -> dict:
    return {**_article_head(a), "findings": [finding_dict(f) for f in a.findings]}


def _article_head(a) -> dict:
    """An article's fields before its findings."""
    return {
        "id": a.id,
        "path": a.path,
        "title": a.title,
        "lang": a.lang,
        "start_line": a.start_line,
        "end_line": a.end_line,
    }


def _errors(result) -> list:
    return [{"path": e.path, "message": e.message, "line": e.line} for e in result.errors]


def _baseline(comparison) -> dict:
    return {
        "path": comparison.path,
        "new": comparison.new,
        "unchanged": comparison.unchanged,
        "absent": [
            {"fingerprint": e.fingerprint, "rule": e.rule, "path": e.path, "text": e.text} for e in comparison.absent
        ],
    }


_SLOT = "\0articles\0"


def render(result, options):
    """The report as pieces of text, one article at a time: a run of a
    hundred thousand findings is never held twice in memory. The bytes are
    those of ``json.dumps(report_dict(result), indent=2)``."""
    head = _head(result)
    head["articles"] = _SLOT
    head["errors"] = _errors(result)
    before, after = json.dumps(head, ensure_ascii=False, indent=2).split(json.dumps(_SLOT))
    yield json_scrub(before)
    if not result.articles:
        yield "[]"
    else:
        for i, article in enumerate(result.articles):
            lead = "[\n    " if i == 0 else ",\n    "
            for piece in _article_pieces(article):
                yield lead + json_scrub(piece)
                lead = ""
        yield "\n  ]"
    yield json_scrub(after) + "\n"


# A finding's fields, written as ``_indented`` writes ``finding_dict`` inside
# an article (pad of eight spaces): a run may hold a hundred thousand
# findings, and one f-string per finding is several times faster than
# walking each as a dict.
_FINDING_PAD = " " * 10
_FINDING_KEYS = tuple(
    f'{_FINDING_PAD}"{key}": '
    for key in (
        "rule",
        "name",
        "category",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "text",
        "suggestion",
        "fingerprint",
    )
)


def _article_pieces(article):
    """``_indented(_article(article), "    ")``, a finding at a time: a
    finding may hold a flagged text of megabytes (a catalog string), and the
    article's findings joined would hold them all again."""
    text = _indented(_article_head(article), "    ")[:-6]  # without "\n    }": the findings follow
    if not article.findings:
        yield text + ',\n      "findings": []\n    }'
        return
    yield text + ',\n      "findings": [\n'
    separator = ""
    for f in article.findings:
        if isinstance(f.flagged, Excerpt):
            yield from _long_finding_pieces(f, separator)
        else:
            yield separator + _finding_text(f)
        separator = ",\n"
    yield "\n      ]\n    }"


# Where the flagged text goes in ``_finding_text(f, _HOLE)``: the encoder
# writes a NUL of any string as \u0000, so this one is the only NUL.
_HOLE = "\0"


def _long_finding_pieces(f, separator: str):
    """``separator + _finding_text(f)`` of a finding whose flagged text is
    an Excerpt (megabytes): that text read from the file's packed text and
    encoded a piece at a time (JSON escapes each character on its own, so
    the pieces make the same bytes as the whole)."""
    text = _finding_text(f, _HOLE)
    if text.count(_HOLE) != 1:  # a field of another type: the general path, with the text whole
        yield separator + _finding_text_of_any(f)
        return
    head, tail = text.split(_HOLE)
    yield separator + head + '"'
    for piece in f.flagged.pieces():
        yield encode_basestring(piece)[1:-1]
    yield '"' + tail


def _finding_text(f, flagged: str | None = None) -> str:
    """A finding as JSON; with ``flagged``, that written as its flagged text."""
    # numbers written as they are, strings through the C encoder (which
    # refuses anything but a string); values of other types take the general path
    if not (type(f.line) is type(f.column) is type(f.end_line) is type(f.end_column) is int):
        return _finding_text_of_any(f)
    e, pad = encode_basestring, _FINDING_PAD
    try:
        suggestion = "null" if f.suggestion is None else e(f.suggestion)
        text = (
            f'        {{\n{pad}"rule": {e(f.rule)},\n{pad}"name": {e(f.name)},\n'
            f'{pad}"category": {e(f.category)},\n{pad}"severity": {e(f.severity)},\n'
            f'{pad}"message": {e(f.message)},\n{pad}"path": {e(f.path)},\n'
            f'{pad}"line": {f.line},\n{pad}"column": {f.column},\n{pad}"end_line": {f.end_line},\n'
            f'{pad}"end_column": {f.end_column},\n{pad}"text": {e(f.text) if flagged is None else flagged},\n'
            f'{pad}"suggestion": {suggestion},\n{pad}"fingerprint": {e(f.fingerprint)}'
        )
    except TypeError:
        return _finding_text_of_any(f)
    if f.related or f.baseline_state is not None:
        return text + _finding_tail(f)
    return text + "\n        }"


def _finding_text_of_any(f) -> str:
    """``_finding_text`` for values of other types than rules give (the
    general encoder: the same bytes, slower)."""
    values = (
        f.rule,
        f.name,
        f.category,
        f.severity,
        f.message,
        f.path,
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        f.text,
        f.suggestion,
        f.fingerprint,
    )
    return (
        "        {\n" + ",\n".join(key + _scalar(value) for key, value in zip(_FINDING_KEYS, values)) + _finding_tail(f)
    )


def _related(path: str, line: int, column: int) -> dict:
    """A related place as the contract writes it (``column`` 0: not known, left out)."""
    return {"path": path, "line": line, "column": column} if column else {"path": path, "line": line}


def _finding_tail(f) -> str:
    """The optional fields, and the closing brace."""
    lines = [""]
    if f.related:
        lines.append(f'{_FINDING_PAD}"related": ' + _indented([_related(*r) for r in f.related], _FINDING_PAD))
    if f.baseline_state is not None:
        lines.append(f'{_FINDING_PAD}"baseline_state": ' + _scalar(f.baseline_state))
    return ",\n".join(lines) + "\n        }"


def _scalar(value) -> str:
    if type(value) is str:
        return encode_basestring(value)
    return _indented(value)


def _indented(value, pad: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` for the values a
    report holds, continued at ``pad``. The standard encoder takes its
    pure-Python path whenever output is indented, which on a run of a
    hundred thousand findings was seconds; this does less (strings through
    the C encoder), and a test holds the two equal."""
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = pad + "  "
        return (
            "{\n"
            + ",\n".join(f"{inner}{encode_basestring(key)}: {_indented(item, inner)}" for key, item in value.items())
            + "\n"
            + pad
            + "}"
        )
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = pad + "  "
        return "[\n" + ",\n".join(inner + _indented(item, inner) for item in value) + "\n" + pad + "]"
    if value is None or value is True or value is False or type(value) is not int:
        return json.dumps(value)
    return int.__repr__(value)
