"""``--format html``: one self-contained page for editors.

An overview of the run (totals, a sortable table of articles) and every
article's text as it stands in the file, line numbers in the margin, each
finding highlighted on its exact characters.

Article text is hostile input. It never passes through markup: the page
carries it as JSON in a ``<script type="application/json">`` block (with
``<``, ``>`` and ``&`` escaped, so it cannot close the block) and the
page's script puts it into the document with ``textContent`` only. A
Content-Security-Policy lets only the page's own script run (by its hash)
and forbids every request, so even a mistake cannot fetch or execute
anything. Everything else is rendered by Jinja2 with autoescaping on.

File names are shown as every report shows them (``tqa.escaping``: a
byte that is not UTF-8 as ``\\xNN``), so the page is valid UTF-8 for
any checked tree. Names, titles and error lines in the page's own markup
show control characters and bidi overrides visibly (``terminal``): a
title cannot reorder the overview table. (Article text keeps them: the
script shows it as it is, and rules report what it holds.)

Article bodies are rendered by the script when they come near the screen,
so a report of thousands of articles opens fast.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

from .. import __version__
from ..escaping import display_path, json_scrub, terminal
from ..rules import CATEGORIES

SEVERITIES = ("error", "warning", "info")
RTL_LANGUAGES = {"ar", "he", "fa", "ur", "ps", "yi", "dv", "ug", "ckb", "sd"}


def render(result, options) -> str:
    view = build_view(result, options)
    script = _asset("report.js")
    page = _environment().get_template("report.html.j2")
    # display_path over the page: whatever else carried an undecodable byte
    # of a name (an error message quoting it) is written as the rest are
    return display_path(
        page.render(
            view=view,
            data_json=_script_safe_json(view["data"]),
            script=script,
            script_hash=_csp_hash(script),
            style=_asset("report.css"),
        )
    )


def _asset(name: str) -> str:
    """The page's own CSS or script, verbatim (the CSP hash is of these bytes)."""
    return (resources.files("tqa.report") / "templates" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    templates = resources.files("tqa.report") / "templates"
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: (templates / name).read_text(encoding="utf-8")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _script_safe_json(data) -> str:
    """JSON that can sit inside a <script> element: nothing in it can end
    the element or open a comment, whatever the article says."""
    text = json_scrub(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def build_view(result, options) -> dict:
    """Everything the page shows, as plain data (tested on its own)."""
    findings: list[dict] = []
    articles: list[dict] = []
    bodies: list[dict] = []
    locate = _article_locator(result.articles)
    for index, article in enumerate(result.articles):
        first = len(findings)
        for f in article.findings:
            findings.append(_finding_view(f, index, locate))
        own = findings[first:]
        body, stale = _article_body(result.source(article.path), article, own, first)
        bodies.append(body)
        by_category = Counter(f["category"] for f in own)
        by_severity = Counter(f["severity"] for f in own)
        articles.append(
            {
                "index": index,
                "title": terminal(article.title or "(untitled)"),
                "path": terminal(article.path),
                "lang": article.lang or "",
                "start_line": article.start_line,
                "end_line": article.end_line,
                "total": len(own),
                "by_category": by_category,
                "by_severity": by_severity,
                "worst": next((s for s in SEVERITIES if by_severity.get(s)), ""),
                "stale": stale,
            }
        )
    all_findings = result.findings
    present = {f.category for f in all_findings}
    return {
        "version": __version__,
        "generated": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip(),
        "inputs": [terminal(p) for p in result.inputs or sorted({a.path for a in result.articles})],
        "files": result.files,
        "articles": articles,
        "errors": [terminal(str(e)) for e in result.errors],
        "total": len(all_findings),
        "by_severity": Counter(f.severity for f in all_findings),
        "by_category": Counter(f.category for f in all_findings),
        "severities": SEVERITIES,
        "categories": [c for c in CATEGORIES if c in present],
        "rules": sorted({(f.rule, f.name) for f in all_findings}),
        "data": {"findings": findings, "bodies": bodies},
    }


def _article_locator(articles) -> Callable[[str, int], int | None]:
    """(path, line) -> index of the article holding that line."""
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for index, article in enumerate(articles):
        spans.setdefault(article.path, []).append((article.start_line, article.end_line, index))

    def locate(path: str, line: int) -> int | None:
        for start, end, index in spans.get(path, ()):
            if start <= line <= end:
                return index
        return None

    return locate


def _finding_view(f, article: int, locate) -> dict:
    """The finding as in the JSON report, with its article and where each
    related place is in the page."""
    from .json_report import finding_dict

    view = finding_dict(f)
    view.update(
        id=f.fingerprint,
        a=article,
        related=[{"path": p, "line": line, "a": locate(p, line)} for p, line, _ in f.related],
    )
    return view


def _article_body(source, article, findings: list[dict], first: int) -> tuple[dict, bool]:
    """The article's lines, each either plain text or a list of
    ``[text, [finding indexes covering it]]`` pieces. Returns the body and
    whether the file no longer matches the report (then findings whose
    text moved are listed but not highlighted)."""
    lang = (article.lang or "").split("-")[0]
    body: dict = {"lang": article.lang or "", "dir": "rtl" if lang in RTL_LANGUAGES else "auto"}
    if source is None:
        body["note"] = f"{display_path(article.path)} cannot be read now: findings are listed without the text."
        body["lines"] = []
        return body, True
    last = min(article.end_line, source.line_count)
    texts = {n: source.line_text(n) for n in range(article.start_line, last + 1)}
    ranges: dict[int, list[tuple[int, int, int]]] = {}
    stale = False
    for offset, f in enumerate(findings):
        if not _still_there(texts, f):
            stale = True
            continue
        for line in range(f["line"], f["end_line"] + 1):
            start = f["column"] - 1 if line == f["line"] else 0
            end = f["end_column"] - 1 if line == f["end_line"] else len(texts[line])
            if end > start or line == f["line"]:  # a bare line break shows as a point
                ranges.setdefault(line, []).append((start, end, first + offset))
    if stale:
        body["note"] = (
            f"{display_path(article.path)} changed since this report was made: "
            "findings whose text moved are listed but not highlighted."
        )
    body["lines"] = [[n, _pieces(text, ranges[n]) if n in ranges else text] for n, text in texts.items()]
    return body, stale


def _still_there(texts: dict[int, str], f: dict) -> bool:
    """Does the file still hold the finding's text where the report says?"""
    if f["line"] not in texts or f["end_line"] not in texts:
        return False
    if f["line"] == f["end_line"]:
        return texts[f["line"]][f["column"] - 1 : f["end_column"] - 1] == f["text"]
    head = texts[f["line"]][f["column"] - 1 :]
    return f["text"].startswith(head) and f["text"].replace("\r", "").endswith(
        texts[f["end_line"]][: f["end_column"] - 1]
    )


def _pieces(text: str, ranges: list[tuple[int, int, int]]) -> list:
    """Cut a line where any finding starts or ends. Each piece lists the
    findings covering it, outermost first (earlier start, then longer), so
    the page can nest highlights; overlapping findings that do not nest are
    split into several elements with the same id. A finding of no width
    (something missing) becomes an empty piece at its place."""
    order = {i: (start, -end, i) for start, end, i in ranges}
    cuts = sorted({0, len(text)} | {s for s, _, _ in ranges} | {e for _, e, _ in ranges})
    points = sorted((s, i) for s, e, i in ranges if s == e)
    pieces: list[list[Any]] = []  # [text, ids of the findings covering it]
    for left, right in zip(cuts, cuts[1:] + [None]):
        pieces.extend(["", [i]] for at, i in points if at == left)
        if right is None or right <= left:
            continue
        covering = sorted((i for s, e, i in ranges if s <= left and e >= right and e > s), key=order.__getitem__)
        pieces.append([text[left:right], covering])
    return pieces
