"""TQA202 track-changes: Track-changes note pasted as text (``Deleted: …``, ``Formatted: Font: Bold``)."""

from __future__ import annotations

from .. import iter_lines, rule
from ._shared import track_change_pattern


@rule("TQA202", "track-changes", "reviewer-comment", "error")
def track_changes(article, ctx):
    """Track-changes note pasted as text (``Deleted: …``, ``Formatted: Font: Bold``).

    Word's change balloons start a line with the change type and a colon.
    The whole line is reported.

    Fails (en):
        ⟦Formatted: Font: Bold, Russian⟧ → ∅
        ⟦Deleted: the old name of the ministry⟧ → ∅

    Fails (ru):
        ⟦Удалено: Министерство внутренних дел⟧ → ∅

    Passes (en):
        The deleted files were restored.
        Formatted text is easier to read: use headings.
    """
    pattern = track_change_pattern()
    for segment, index, line in iter_lines(article):
        if segment.meta and pattern.match((segment.meta.get("source") or "").strip()):
            continue  # a catalog translating a "Deleted:" label of the program itself
        if pattern.match(line):
            start = len(line) - len(line.lstrip())
            yield segment.problem(index + start, index + len(line.rstrip()), "track-changes note left in the text", "")
