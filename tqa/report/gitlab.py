"""``--format gitlab``: GitLab Code Quality report (a JSON array of
issues), shown in merge requests. Each issue has a unique fingerprint
(MD5 of tqa's fingerprint, which already holds rule, path, text and
occurrence), a severity mapped from tqa's, and its lines and columns.
Findings already in a baseline are left out: GitLab compares the report
with the target branch's itself.

The report is JSON (``json`` escapes what JSON needs; ``json_scrub`` keeps
it valid UTF-8 whatever a file name holds); GitLab shows ``description``
and ``check_name`` as text, so control characters and bidi overrides from
an article are shown visibly (``tqa.escaping.terminal``)."""

from __future__ import annotations

import hashlib
import json

from ..escaping import json_scrub, terminal
from ..findings import portable_path

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(result, options) -> str:
    issues = []
    for f in result.findings:
        if f.baseline_state == "unchanged" and not options.show_baselined:
            continue
        path = portable_path(f.path)
        issues.append(
            {
                "type": "issue",
                "check_name": terminal(f"{f.rule} {f.name}"),
                "description": terminal(
                    f.message
                    if f.suggestion is None
                    else f"{f.message} (fix: {'delete it' if f.suggestion == '' else repr(f.suggestion)})"
                ),
                "categories": ["Style"],
                "severity": SEVERITY[f.severity],
                "fingerprint": hashlib.md5(f"{path}\x1f{f.fingerprint}".encode("utf-8")).hexdigest(),
                "location": {
                    "path": path,
                    "positions": {
                        "begin": {"line": f.line, "column": f.column},
                        "end": {"line": f.end_line, "column": f.end_column},
                    },
                },
            }
        )
    return json_scrub(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"
