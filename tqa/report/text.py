"""The terminal report: findings grouped per article, each with
``path:line:col``, code, message, the flagged text in its line, the fix,
and for a finding that refers to the original of a translation (TQA921-926)
the original's sentence under it.
Colour when writing to a terminal, plain text when piped.

Everything from the checked files (paths, titles, messages, the flagged
text) goes out as Rich ``Text``, never as markup (``[red]`` in a file name
is text), and through ``tqa.escaping.terminal``: a control character or a
bidi override in an article cannot restyle the terminal, write the
clipboard or start a line of its own."""

from __future__ import annotations

import io
from collections import Counter

from rich.console import Console
from rich.text import Text

from ..escaping import terminal

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
CONTEXT = 40  # characters of the line shown on each side of the flagged text
LONGEST = 80  # longer flagged text is shown by its beginning and its end


def _excerpt(source, finding) -> tuple[str, int, int]:
    """The flagged line cut to a window around the finding: (text, start,
    end of the highlighted part within it)."""
    line = source.line_text(finding.line)
    start = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    if end - start > LONGEST:  # a whole paragraph: its start and end tell which
        cut = line[start : start + LONGEST - 20] + " … " + line[end - 15 : end]
        line, end = line[:start] + cut + line[end:], start + len(cut)
    left = max(0, start - CONTEXT)
    right = min(len(line), max(end, start) + CONTEXT)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shown = prefix + line[left:right] + suffix
    offset = len(prefix) - left
    return shown, start + offset, min(end, right) + offset


def _visible(text: str) -> str:
    """Make invisible characters visible in the context line."""
    return (
        text.replace("\t", "→")
        .replace("\u00a0", "·")
        .replace("\u200b", "¦")
        .replace("\u202f", "·")
        .replace("\ufeff", "¦")
        .replace("\r", "")
    )


def _suggestion(finding) -> Text | None:
    if finding.suggestion is None:
        return None
    if finding.suggestion == "":
        return Text("fix: delete it", style="green")
    shown = finding.suggestion
    if shown != shown.strip() or "\n" in shown:
        shown = repr(shown)  # make a space or a line break visible
    shown = terminal(shown)
    return Text.assemble(("fix: ", "green"), ("replace with ", "green"), (shown, "bold green"))


def render(result, options) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        width=options.width or 100,
        highlight=False,
        soft_wrap=True,
    )
    for article in result.articles:
        listed = [f for f in article.findings if options.show_baselined or f.baseline_state != "unchanged"]
        if not listed:
            continue
        head = Text.assemble(
            (terminal(f"{article.path}:{article.start_line}"), "bold"),
            "  ",
            (terminal(article.title or "(untitled)"), "bold underline"),
            (terminal(f"  [{article.lang}]") if article.lang else "", "dim"),
        )
        if options.quiet:
            for f in listed:
                console.print(Text(terminal(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}")))
            continue
        console.print(head)
        for f in listed:
            _print_finding(console, result.source(f.path), f, result.source)
        console.print()
    if not options.quiet:
        _print_summary(console, result, options)
    return buffer.getvalue()


def _print_finding(console: Console, source, f, original=None) -> None:
    """A finding, its line with the flagged text, the fix, and (``original``:
    a path's text) the place of the original it refers to."""
    location = terminal(f"{f.path}:{f.line}:{f.column}")
    console.print(
        Text.assemble(
            "  ",
            (location, "bold"),
            " ",
            (f"{f.severity:<7}", SEVERITY_STYLE[f.severity]),
            " ",
            (terminal(f.rule), "magenta"),
            " ",
            (terminal(f.name), "dim"),
            "  ",
            terminal(f.message),
        )
    )
    if source is not None and f.line <= source.line_count:
        shown, start, end = _excerpt(source, f)
        before, flagged, after = (_visible(part) for part in (shown[:start], shown[start:end], shown[end:]))
        safe_before, safe_flagged = terminal(before), terminal(flagged)
        line = Text("      │ ", style="dim")
        line.append(safe_before)
        line.append(safe_flagged or "▏", style="reverse " + SEVERITY_STYLE[f.severity])
        line.append(terminal(after))
        console.print(line)
        if not console.is_terminal:
            # the caret stays under the flagged text when escapes made the line longer
            pad = start + len(safe_before) - len(before)
            console.print(
                Text("      │ " + " " * pad + "^" * max(1, end - start + len(safe_flagged) - len(flagged)), style="dim")
            )
    fix = _suggestion(f)
    if fix is not None:
        console.print(Text("      ") + fix)
    for path, line, column in f.related:
        if path != f.path and original is not None:
            _print_original(console, original(path), path, line, column)


# A sentence ends at one of these followed by a space (the original's
# sentence is shown from its column to its end, at most ``LONGEST``).
_SENTENCE_END = (". ", "! ", "? ", "… ", ".» ", '." ', ".” ")


def _print_original(console: Console, source, path: str, line: int, column: int) -> None:
    """The original's sentence a finding refers to (another file's place:
    the original of a translation), under the finding."""
    place = Text.assemble(("      ⇔ ", "dim"), (terminal(f"{path}:{line}" + (f":{column}" if column else "")), "dim"))
    if source is None or not 1 <= line <= source.line_count:
        console.print(place)
        return
    text = source.line_text(line)
    start = column - 1 if 1 <= column <= len(text) else 0
    ends = [text.find(mark, start) for mark in _SENTENCE_END]
    end = min([e + 1 for e in ends if e >= 0] or [len(text)])
    sentence = text[start:end].rstrip()
    if len(sentence) > LONGEST:
        sentence = sentence[: LONGEST - 1] + "…"
    console.print(place)
    console.print(Text("      │ ", style="dim") + Text(terminal(_visible(sentence)), style="italic"))


def _print_summary(console: Console, result, options) -> None:
    findings = result.findings if options.show_baselined else result.gating_findings
    by_severity = Counter(f.severity for f in findings)
    counted = {id(f) for f in findings}
    articles_with = sum(1 for a in result.articles if any(id(f) in counted for f in a.findings))
    files = "file" if result.files == 1 else "files"
    summary = Text.assemble(
        (f"{len(findings)} findings", "bold"),
        f" in {articles_with} of {len(result.articles)} articles, {result.files} {files}: ",
    )
    parts = [
        (f"{by_severity.get(s, 0)} {s}{'s' if s != 'info' and by_severity.get(s, 0) != 1 else ''}", SEVERITY_STYLE[s])
        for s in ("error", "warning", "info")
    ]
    for i, part in enumerate(parts):
        summary.append(*part)
        if i < len(parts) - 1:
            summary.append(", ")
    console.print(summary)
    if findings:
        categories = Counter(f.category for f in findings)
        console.print(Text("by category: " + ", ".join(f"{c} {n}" for c, n in sorted(categories.items())), style="dim"))
    if result.baseline is not None:
        b = result.baseline
        note = f"baseline {terminal(b.path)}: {b.new} new, {b.unchanged} known (not shown" + (
            ", --show-baselined lists them)" if not options.show_baselined else ")"
        )
        if b.absent:
            note += (
                f"; {len(b.absent)} baseline entr{'ies' if len(b.absent) != 1 else 'y'} no longer found "
                "(--update-baseline removes them)"
            )
        console.print(Text(note, style="dim"))
    if result.suppressed:
        console.print(Text(f"{len(result.suppressed)} silenced by tqa: ignore comments or allow-lists", style="dim"))
    if result.errors:
        count = len(result.errors)
        console.print(
            Text(f"{count} input{'s' if count != 1 else ''} could not be checked (listed on stderr)", style="bold red")
        )
