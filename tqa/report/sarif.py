"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other
static-analysis dashboards.

Every rule is described in ``tool.driver.rules`` (id, name, short and full
description, help text and URI, default level); each result carries its
region in Unicode code points (``columnKind``), a ``partialFingerprints``
entry with tqa's line-independent fingerprint, the baseline state when a
baseline was given, and the suppressions (a ``tqa: ignore`` comment in the
file, or an allow-list in the config) of silenced findings. Paths are
relative URIs from the working folder (``%SRCROOT%``), as code scanning
expects when tqa runs at the repository root. No timestamps: the same
input gives the same bytes. Paths are written as ``portable_path`` gives
them (a byte of a name that is not UTF-8 as ``\\xNN``, as in every
report), and the whole log is valid UTF-8 whatever reached it
(``tqa.escaping.json_scrub``).
"""

from __future__ import annotations

import json

from .. import __version__, rule_help_uri
from ..escaping import json_scrub
from ..findings import portable_path
from ..rules import all_rules

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(result, options) -> str:
    return json_scrub(json.dumps(sarif_log(result), ensure_ascii=False, indent=2)) + "\n"


def sarif_log(result) -> dict:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    artifacts: dict[str, int] = {}
    results = [_result(f, index, artifacts) for f in result.findings]
    for silenced in result.suppressed:
        item = _result(silenced.finding, index, artifacts)
        item["suppressions"] = [{"kind": silenced.kind, "justification": silenced.justification or "silenced"}]
        results.append(item)
    results.sort(
        key=lambda r: (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["ruleId"],
        )
    )
    run = {
        "tool": {
            "driver": {
                "name": "tqa",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": rule_help_uri("", "").split("#")[0],
                "rules": [_descriptor(r) for r in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder tqa ran in."}}},
        "artifacts": [
            {"location": {"uri": uri, "uriBaseId": "%SRCROOT%"}}
            for uri, _ in sorted(artifacts.items(), key=lambda kv: kv[1])
        ],
        "results": results,
        "invocations": [
            {
                "executionSuccessful": not result.errors,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": e.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": portable_path(e.path), "uriBaseId": "%SRCROOT%"},
                                    **({"region": {"startLine": e.line}} if e.line else {}),
                                }
                            }
                        ],
                    }
                    for e in result.errors
                ],
            }
        ],
    }
    return {"version": "2.1.0", "$schema": SCHEMA_URI, "runs": [run]}


def _descriptor(rule) -> dict:
    doc = rule.doc.strip()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary.replace("``", "`")},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc.replace("``", "`")},
        "helpUri": rule_help_uri(rule.code, rule.name),
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category, "translation-qa"]},
    }


def _result(f, index: dict[str, int], artifacts: dict[str, int]) -> dict:
    uri = portable_path(f.path)
    artifact = artifacts.setdefault(uri, len(artifacts))
    region = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "snippet": {"text": f.text},
    }
    location = {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%", "index": artifact}, "region": region}
    item = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"tqaFingerprint/v1": f.fingerprint},
        "properties": {"category": f.category},
    }
    if f.suggestion is not None:
        item["fixes"] = [
            {
                "description": {"text": "delete it" if f.suggestion == "" else f"replace with {f.suggestion!r}"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%", "index": artifact},
                        "replacements": [
                            {
                                "deletedRegion": {k: region[k] for k in region if k != "snippet"},
                                "insertedContent": {"text": f.suggestion},
                            }
                        ],
                    }
                ],
            }
        ]
    if f.related:
        item["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": {"uri": portable_path(path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": line, "startColumn": column} if column else {"startLine": line},
                },
                "message": {"text": "first copy" if f.category == "duplicate" else "related"},
            }
            for i, (path, line, column) in enumerate(f.related)
        ]
    if f.baseline_state is not None:
        item["baselineState"] = f.baseline_state
    return item
