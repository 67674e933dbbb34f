"""``--format json``: the report contract (``tqa-report/1``).

Deterministic: keys and findings in a fixed order, no timestamps, so two
runs on the same input give byte-identical output.
"""

from __future__ import annotations

import json
from collections import Counter

from .. import __version__


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
        data["related"] = [{"path": p, "line": line} for p, line in f.related]
    if f.baseline_state is not None:
        data["baseline_state"] = f.baseline_state
    return data


def report_dict(result) -> dict:
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
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "lang": a.lang,
                "start_line": a.start_line,
                "end_line": a.end_line,
                "findings": [finding_dict(f) for f in a.findings],
            }
            for a in result.articles
        ],
        "errors": [{"path": e.path, "message": e.message, "line": e.line} for e in result.errors],
    }


def _baseline(comparison) -> dict:
    return {
        "path": comparison.path,
        "new": comparison.new,
        "unchanged": comparison.unchanged,
        "absent": [{"fingerprint": e.fingerprint, "rule": e.rule, "path": e.path, "text": e.text}
                   for e in comparison.absent],
    }


def render(result, options) -> str:
    return json.dumps(report_dict(result), ensure_ascii=False, indent=2) + "\n"
