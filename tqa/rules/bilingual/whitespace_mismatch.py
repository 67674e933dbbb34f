"""TQA912 whitespace-mismatch: Leading or trailing spaces or line breaks that differ from the source."""

from __future__ import annotations

from .. import rule
from ._shared import source_for, translated_entries, with_severity


@rule("TQA912", "whitespace-mismatch", "typography", "warning")
def whitespace_mismatch(article, ctx):
    """Leading or trailing spaces or line breaks that differ from the source.

    UI code often joins strings; a lost trailing space or newline glues
    words together on screen. Line-break differences are warnings, space
    differences information.

    Fails (ru):
        msgid "Name: "⏎msgstr "Имя⟦:⟧"

    Passes (ru):
        msgid "Name: "⏎msgstr "Имя: "
    """
    for segment, meta in translated_entries(article):
        source = source_for(meta)
        for side, pick in (
            ("leading", lambda t: t[: len(t) - len(t.lstrip())]),
            ("trailing", lambda t: t[len(t.rstrip()) :]),
        ):
            want, have = pick(source), pick(segment.text)
            if want != have:
                if side == "leading":
                    start, end = 0, len(have)
                else:
                    start, end = len(segment.text) - len(have), len(segment.text)
                if end == start:
                    end = min(start + 1, len(segment.text)) if side == "leading" else start
                    start = max(0, end - 1) if side == "trailing" else start
                problem = segment.problem(start, end, f"{side} whitespace {want!r} in the source, {have!r} here")
                # A lost or added line break changes layout; a space rarely shows.
                yield problem if "\n" in want + have else with_severity(problem, "info")
