"""TQA902 markup-mismatch: HTML/XML tags of the source missing or added in the translation (``<b>Hub</b>`` lost)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ...text.resources import load
from .. import rule
from ._shared import TAG, report_whole, source_for, translated_entries, with_severity


@rule("TQA902", "markup-mismatch", "markup", "error")
def markup_mismatch(article, ctx):
    """HTML/XML tags of the source missing or added in the translation (``<b>Hub</b>`` lost).

    Tags are compared by name and kind (opening, closing), in any order; in
    XLIFF, inline elements (``<g id="1">``, ``<x/>``, ``<ph>``, ``<pc>``) by
    kind and id. When only text formatting differs (``<b>``, ``<i>``,
    ``<sup>``, ``<q>``…, listed in ``data/catalogs.yaml``: a French ordinal
    set as ``1<sup>er</sup>``, quotation marks for ``<q>``) the finding is
    a warning: nothing breaks, the page only looks different.

    Fails (ru):
        msgid "Read the <b>story</b>."⏎msgstr "⟦Прочитайте историю.⟧"
        msgid "Read the <a href=\\"/about\\">story</a>."⏎msgstr "⟦Прочитайте историю.⟧"

    Passes (ru):
        msgid "Read the <a href=\\"/about\\">story</a>."⏎msgstr "Прочитайте <a href=\\"/ru/about\\">историю</a>."
    """
    for segment, meta in translated_entries(article):
        source = source_for(meta)
        if "<" not in source and "<" not in segment.text and "source_inline" not in meta:
            continue  # no tag on either side (most entries)
        wanted = Counter(_tag_key(m) for m in TAG.finditer(source))
        got = Counter(_tag_key(m) for m in TAG.finditer(segment.text))
        if "source_inline" in meta:  # XLIFF inline elements, compared by kind and id
            wanted += Counter({f"<{k}>": n for k, n in meta["source_inline"].items()})
            got += Counter({f"<{k}>": n for k, n in meta["target_inline"].items()})
        if wanted == got:
            continue
        missing, extra = wanted - got, got - wanted
        parts = []
        if missing:
            parts.append("missing " + ", ".join(sorted(missing)))
        if extra:
            parts.append("not in the source " + ", ".join(sorted(extra)))
        problem = report_whole(segment, "markup differs from the source: " + "; ".join(parts))
        formatting_only = all(_tag_name(tag) in _formatting_tags() for tag in missing + extra)
        yield with_severity(problem, "warning") if formatting_only else problem


def _tag_name(key: str) -> str:
    """ "</b>", "<br/>" -> "b", "br"."""
    return key.strip("</>")


@lru_cache(maxsize=1)
def _formatting_tags() -> frozenset[str]:
    return frozenset(load("catalogs")["formatting_tags"])


def _tag_key(match) -> str:
    text = match.group(0)
    name = match.group(1).lower()
    return f"</{name}>" if text.startswith("</") else (f"<{name}/>" if text.endswith("/>") else f"<{name}>")
