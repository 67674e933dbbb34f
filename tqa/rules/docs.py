"""The rules' documentation as one Markdown page (``docs/rules.md``), made
from the rules themselves: code, name, category, severity, options and
the docstring with its failing and passing examples. SARIF's ``helpUri``
points at the sections of this page."""

from __future__ import annotations

from . import all_rules


def rules_markdown() -> str:
    rules = all_rules()
    out = [
        "# tqa rules",
        "",
        "Made by `tqa rules --markdown` from the rules themselves; do not edit by hand.",
        "",
        "In a failing example, ⟦…⟧ marks what the rule flags and the text after → what it suggests "
        "for each mark (∅: delete it; –: no suggestion); ⏎ is a line break. The test-suite runs every "
        "example, so this page says exactly what tqa does.",
        "",
        "| code | name | category | severity |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.category} | {r.severity} |" for r in rules]
    for r in rules:
        out += [
            "",
            f"## {r.code} {r.name}",
            "",
            f"Category: `{r.category}` · default severity: `{r.severity}`"
            + (f" · scope: {r.scope}" if r.scope != "article" else "")
            + (" · fixed by `tqa fix`" if r.safe_fix else ""),
        ]
        if r.option_specs:
            out += ["", f"Options (`[tool.tqa.rules.{r.name}]`):", ""]
            out += [_option_line(name, option) for name, option in r.option_specs.items()]
        out += ["", "```text", _dedent(r.doc), "```"]
    return "\n".join(out) + "\n"


def _dedent(doc: str) -> str:
    import textwrap

    first, _, rest = doc.strip("\n").partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).rstrip()


def _option_line(name: str, option) -> str:
    allowed = f"; one of {', '.join(repr(c) for c in option.choices)}" if option.choices else ""
    if option.bounds is not None:
        allowed = f"; {option.bounds[0]:g} to {option.bounds[1]:g}"
    return f"- `{name}` ({option.kind}, default `{option.default!r}`{allowed}): {option.doc}"
