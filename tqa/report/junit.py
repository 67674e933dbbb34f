"""``--format junit``: JUnit XML for Jenkins, GitLab and other CI test
reports. One test case per article; it fails when the article has a
finding at or above ``--fail-on`` (and, with a baseline, not in it). The
failure lists those findings; lower ones go to the case's system-out.
Unreadable inputs are test cases with an error.

Every string from the checked tree, attributes included, goes through
``_xml``: XML 1.0 cannot carry most control characters at all (a pasted
document, a crafted file name), so they are written ``\\xNN``, as are a
file name's bytes that are not UTF-8 (``tqa.escaping.display_path``)."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from ..escaping import display_path, terminal
from ..findings import SEVERITY_RANK, Finding, portable_path

# characters XML 1.0 cannot carry at all (control characters from a pasted document)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", display_path(text))


def render(result, options) -> str:
    threshold = SEVERITY_RANK.get(options.fail_on, 99)  # "never": nothing fails
    suites = ET.Element("testsuites", name="tqa")
    by_path: dict[str, list] = {}
    for article in result.articles:
        by_path.setdefault(article.path, []).append(article)
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path in sorted(by_path):
        suite = ET.SubElement(suites, "testsuite", name=_xml(portable_path(path)))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for article in by_path[path]:
            counts["tests"] += 1
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_classname(path),
                name=_xml(f"{article.start_line}: {article.title or '(untitled)'}"),
                file=_xml(portable_path(path)),
                line=str(article.start_line),
            )
            gating: list[Finding] = []
            rest: list[Finding] = []
            for f in article.findings:
                fails = f.baseline_state != "unchanged" and SEVERITY_RANK[f.severity] >= threshold
                (gating if fails else rest).append(f)
            if gating:
                counts["failures"] += 1
                worst = max(gating, key=lambda f: SEVERITY_RANK[f.severity]).severity
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=worst,
                    message=_xml(
                        f"{len(gating)} finding{'s' if len(gating) != 1 else ''}: "
                        + "; ".join(f"{f.rule} {f.message}" for f in gating[:3])
                    ),
                )
                failure.text = "\n".join(_line(f) for f in gating)  # each _line is _xml already
            if rest:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in rest)
        _count(suite, counts, totals)
    if result.errors:
        suite = ET.SubElement(suites, "testsuite", name="unreadable inputs")
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for error in result.errors:
            counts["tests"] += 1
            counts["errors"] += 1
            case = ET.SubElement(
                suite, "testcase", classname=_classname(error.path), name="read", file=_xml(portable_path(error.path))
            )
            ET.SubElement(case, "error", type="input", message=_xml(str(error))).text = _xml(terminal(str(error)))
        _count(suite, counts, totals)
    for key, value in totals.items():
        suites.set(key, str(value))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _count(suite, counts: dict, totals: dict) -> None:
    for key, value in counts.items():
        suite.set(key, str(value))
        totals[key] += value


def _classname(path: str) -> str:
    return _xml("tqa." + portable_path(path))


def _line(f) -> str:
    fix = "" if f.suggestion is None else (" (fix: delete it)" if f.suggestion == "" else f" (fix: {f.suggestion!r})")
    state = " [baseline]" if f.baseline_state == "unchanged" else ""
    # one line each, as a log shows them: no line break or control character from the text
    return _xml(
        terminal(
            f"{portable_path(f.path)}:{f.line}:{f.column}: {f.severity} {f.rule} {f.name}: {f.message}{fix}{state}"
        )
    )
