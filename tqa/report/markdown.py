"""``--format markdown``: a compact summary for a pull-request comment or
a CI job summary: the verdict, counts, and the findings to look at (new
ones first when a baseline is used), each linking to nothing but saying
``path:line`` so it reads the same everywhere.

Paths, messages and flagged text come from the checked files: they are
written as code spans or escaped text (``tqa.escaping``), so a crafted
file name or article cannot add links, images or HTML to a pull-request
comment or a job summary, nor control characters."""

from __future__ import annotations

from collections import Counter

from ..escaping import markdown_code, markdown_text
from ..findings import SEVERITY_RANK, portable_path

LIMIT = 50  # findings listed; a comment is for people, the rest is in the report
ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}


def render(result, options) -> str:
    return summary(result, options)


def summary(result, options, limit: int = LIMIT) -> str:
    def listed(f) -> bool:
        return options.show_baselined or f.baseline_state != "unchanged"

    shown = [f for f in result.findings if listed(f)]
    threshold = SEVERITY_RANK.get(options.fail_on, 99)
    failing = [f for f in result.gating_findings if SEVERITY_RANK[f.severity] >= threshold]
    verdict = "❌ tqa found problems" if failing or result.errors else "✅ tqa: nothing to fix"
    articles = sum(1 for a in result.articles if any(listed(f) for f in a.findings))
    lines = [f"### {verdict}", ""]
    counts = Counter(f.severity for f in shown)
    parts = [
        f"**{len(shown)}** finding{'s' if len(shown) != 1 else ''}"
        + (" (new)" if result.baseline is not None and not options.show_baselined else ""),
        f"in {articles} of {len(result.articles)} articles, {result.files} file{'s' if result.files != 1 else ''}",
    ]
    lines.append(" ".join(parts) + ": " + ", ".join(_count(counts.get(s, 0), s) for s in ("error", "warning", "info")))
    if result.baseline is not None:
        b = result.baseline
        lines.append("")
        lines.append(
            f"Baseline `{markdown_code(b.path)}`: {b.unchanged} known finding{'s' if b.unchanged != 1 else ''}"
            " not shown"
            + (
                f"; {len(b.absent)} entr{'ies' if len(b.absent) != 1 else 'y'} no longer found "
                f"(shrink it with `--update-baseline`)"
                if b.absent
                else ""
            )
            + "."
        )
    if result.errors:
        lines += ["", f"**{len(result.errors)} input{'s' if len(result.errors) != 1 else ''} could not be checked:**"]
        lines += [f"- `{markdown_code(str(e))}`" for e in result.errors[:limit]]
    if shown:
        by_rule = Counter((f.rule, f.name) for f in shown)
        lines += ["", "| rule | findings |", "| --- | ---: |"]
        lines += [
            f"| `{markdown_code(code)}` {markdown_text(name)} | {n} |" for (code, name), n in sorted(by_rule.items())
        ]
        ordered = sorted(shown, key=lambda f: (-SEVERITY_RANK[f.severity], f.sort_key))
        lines += ["", "<details><summary>Findings</summary>", ""]
        for f in ordered[:limit]:
            fix = (
                ""
                if f.suggestion is None
                else (" — delete it" if f.suggestion == "" else f" — replace with `{markdown_code(f.suggestion)}`")
            )
            lines.append(
                f"- {ICON[f.severity]} `{markdown_code(portable_path(f.path))}:{f.line}:{f.column}` "
                f"**{markdown_text(f.rule)}** {markdown_text(f.message)} (`{markdown_code(_short(f.text))}`){fix}"
            )
        if len(ordered) > limit:
            lines.append(f"- … and {len(ordered) - limit} more (see the full report)")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _count(n: int, severity: str) -> str:
    return f"{n} {severity}{'s' if n != 1 and severity != 'info' else ''}"


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split()) or "⏎"
    return text if len(text) <= width else text[: width - 1] + "…"
