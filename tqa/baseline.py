"""Baselines: the findings a corpus already had, so CI fails only on new ones.

A baseline file lists findings by fingerprint (see
``tqa.engine.merge``: rule, path, flagged text, context on the
same line, occurrence index; never the line number), so moving text or
inserting lines above a finding keeps it known, while an edit to the
flagged text itself makes it new.

    {"schema": "tqa-baseline/1", "tool": {...}, "findings": [
      {"fingerprint": "…:0", "rule": "TQA601", "path": "news/a.txt", "text": "Тарату:"}, …]}

The rule, path and text are there for people reading a diff of the file;
matching is by fingerprint only. Entries are sorted, so the file changes
only where findings do.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace

from . import __version__
from .escaping import file_of_display_path
from .findings import RunResult, portable_path

SCHEMA = "tqa-baseline/1"


class BaselineError(Exception):
    """A baseline that cannot be read; the message is one line."""


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    path: str
    text: str


@dataclass
class Baseline:
    entries: dict[str, Entry] = field(default_factory=dict)  # by fingerprint


@dataclass
class Comparison:
    """What a run found against its baseline."""

    path: str
    new: int = 0
    unchanged: int = 0
    absent: list[Entry] = field(default_factory=list)  # stale: no longer found


def from_run(result: RunResult) -> Baseline:
    entries = {}
    for f in result.findings:
        entries[f.fingerprint] = Entry(f.fingerprint, f.rule, portable_path(f.path), f.text)
    return Baseline(entries)


def dumps(baseline: Baseline) -> str:
    entries = sorted(baseline.entries.values(), key=lambda e: (e.path, e.rule, e.fingerprint))
    data = {
        "schema": SCHEMA,
        "tool": {"name": "tqa", "version": __version__},
        "findings": [{"fingerprint": e.fingerprint, "rule": e.rule, "path": e.path, "text": e.text} for e in entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def load(path: str) -> Baseline:
    from .jsonfiles import load_tagged

    try:
        data = load_tagged(path, SCHEMA, "baseline", BaselineError)
    except BaselineError as exc:
        if str(exc).endswith("no such baseline"):
            raise BaselineError(f"{exc} (make one with `tqa baseline PATH... --output {path}`)") from None
        raise
    findings = data.get("findings", [])
    if not isinstance(findings, list):
        raise BaselineError(f'{path}: "findings" is not a list')
    entries = {}
    for number, item in enumerate(findings, 1):
        entry = _entry(item)
        if entry is None:
            raise BaselineError(f"{path}: finding #{number} lacks fingerprint, rule or path (as strings)")
        entries[entry.fingerprint] = entry
    return Baseline(entries)


def _entry(item) -> Entry | None:
    """An entry of a baseline file, taken only as strings: the file may come
    from a pull request, and its values reach reports."""
    if not isinstance(item, dict):
        return None
    fields = [item.get(key) for key in ("fingerprint", "rule", "path")] + [item.get("text", "")]
    strings = [value for value in fields if isinstance(value, str)]
    if len(strings) != len(fields):
        return None
    return Entry(*strings)


def compare(result: RunResult, baseline: Baseline, baseline_path: str) -> Comparison:
    """Mark each finding of ``result`` new or unchanged, and list the
    baseline's entries that are gone: those of the files this run checked
    (or of files deleted since) that no finding matches."""
    comparison = Comparison(baseline_path)
    seen = set()
    for article in result.articles:
        marked = []
        for f in article.findings:
            known = f.fingerprint in baseline.entries
            seen.add(f.fingerprint)
            if known:
                comparison.unchanged += 1
            else:
                comparison.new += 1
            marked.append(replace(f, baseline_state="unchanged" if known else "new"))
        article.findings = marked
    seen.update(s.finding.fingerprint for s in result.suppressed)
    # an unreadable file's findings are unknown, not gone: its entries stay
    checked = {portable_path(p) for p in result.checked}
    unreadable = {portable_path(e.path) for e in result.errors}
    for entry in sorted(baseline.entries.values(), key=lambda e: (e.path, e.rule, e.fingerprint)):
        if entry.fingerprint in seen:
            continue
        if entry.path in checked or (
            entry.path not in unreadable and not os.path.lexists(file_of_display_path(entry.path))
        ):
            comparison.absent.append(entry)
    result.baseline = comparison
    return comparison


def without(baseline: Baseline, stale: list[Entry]) -> Baseline:
    """The baseline minus stale entries (updating only ever removes)."""
    gone = {e.fingerprint for e in stale}
    return Baseline({k: v for k, v in baseline.entries.items() if k not in gone})
