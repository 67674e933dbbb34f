"""TQA902 markup-mismatch: HTML/XML tags of the source missing or added in the translation (``<b>Hub</b>`` lost)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from ...text.resources import load
from .. import rule
from ._shared import TAG, report_whole, source_for, translated_entries, with_severity

_ATTRIBUTE = regex.compile(r"""\s+([A-Za-z_:][\w:.-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
# a translation may point at its own language's page: /about, /en/about, /ru/about
_LANGUAGE_SEGMENT = regex.compile(r"(?<=/)[a-z]{2}(?:[-_][A-Za-z]{2,4})?/")


@rule("TQA902", "markup-mismatch", "markup", "error")
def markup_mismatch(article, ctx):
    """HTML/XML tags of the source missing or added in the translation (``<b>Hub</b>`` lost).

    Tags are compared by name and kind (opening, closing), in any order; in
    XLIFF, inline elements (``<g id="1">``, ``<x/>``, ``<ph>``, ``<pc>``) by
    kind and id. When only text formatting differs (``<b>``, ``<i>``,
    ``<sup>``, ``<q>``…, listed in ``data/catalogs.yaml``: a French ordinal
    set as ``1<sup>er</sup>``, quotation marks for ``<q>``) the finding is
    a warning: nothing breaks, the page only looks different. A word in
    angle brackets is a tag only when it closes, closes itself, has
    attributes, is an element that stands alone (``<br>``) or its closing
    tag is in the same string: ``<Untitled>`` is a word. A tag's attributes
    must survive by name, and the values of those that are not text
    (``href``, ``src``, ``id``, ``class``…; ``title``, ``alt`` and the
    other translatable ones listed in ``data/catalogs.yaml`` may change)
    must stay, an address up to its language segment (``/en/`` → ``/ru/``);
    a tag whose attributes the translation's quotation marks broke is an
    error.

    Fails (ru):
        msgid "Read the <b>story</b>."⏎msgstr "⟦Прочитайте историю.⟧"
        msgid "Read the <a href=\\"/about\\">story</a>."⏎msgstr "⟦Прочитайте историю.⟧"

        msgid "Read the <a href=\\"/about\\">story</a>."⏎msgstr "Прочитайте ⟦<a href=\\"/abuot\\">⟧историю</a>."
        msgid "Read the <a href=\\"/about\\" target=\\"_blank\\">story</a>."⏎msgstr "Прочитайте ⟦<a href=\\"/about\\" цель=\\"_blank\\">⟧историю</a>."
        msgid "See <a href='/about'>this</a>"⏎msgstr "Смотрите ⟦<a href=«/about»>⟧это</a>"

    Passes (ru):
        msgid "Read the <a href=\\"/about\\">story</a>."⏎msgstr "Прочитайте <a href=\\"/ru/about\\">историю</a>."
        msgid "<Untitled>"⏎msgstr "<Без названия>"
        msgid "Usage: tool <file>"⏎msgstr "Использование: tool <файл>"
        msgid "<img src=\\"a.png\\" alt=\\"Logo\\">"⏎msgstr "<img src=\\"a.png\\" alt=\\"Логотип\\">"

    Fails (kk):
        msgid "Line<br>break"⏎msgstr "⟦Жолды ауыстыру⟧"

    Passes (kk):
        msgid "<Untitled>"⏎msgstr "<Атаусыз>"
        msgid "<b>Bold</b> text"⏎msgstr "<b>Қалың</b> мәтін"

    Passes (de):
        msgid "<span class=\\"x\\" title=\\"Open\\">Open</span>"⏎msgstr "<span class=\\"x\\" title=\\"Öffnen\\">Öffnen</span>"
    """
    for segment, meta in translated_entries(article):
        source = source_for(meta)
        if "<" not in source and "<" not in segment.text and "source_inline" not in meta:
            continue  # no tag on either side (most entries)
        source_tags, target_tags = list(TAG.finditer(source)), list(TAG.finditer(segment.text))
        names = _markup_names(source, source_tags) | _markup_names(segment.text, target_tags)
        source_tags = [m for m in source_tags if m.group(1).lower() in names]
        target_tags = [m for m in target_tags if m.group(1).lower() in names]
        yield from _attributes(segment, source_tags, target_tags)
        wanted = Counter(_tag_key(m) for m in source_tags)
        got = Counter(_tag_key(m) for m in target_tags)
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


def _markup_names(text: str, tags) -> set[str]:
    """Names of the tags of ``text`` that are markup, not a word in angle
    brackets (``<Untitled>``, ``<file>``)."""
    names = set()
    for m in tags:
        name, whole = m.group(1).lower(), m.group(0)
        if (
            whole.startswith("</")
            or whole.endswith("/>")
            or "=" in whole
            or name in _void_tags()
            or regex.search(rf"</{regex.escape(m.group(1))}\s*>", text, regex.IGNORECASE)
        ):
            names.add(name)
    return names


def _attributes(segment, source_tags, target_tags):
    """Attributes lost, renamed or changed, and tags the translation's
    quotation marks broke, tag by tag in order of each name."""
    wanted: dict[str, list[dict[str, str]]] = {}
    for m in source_tags:
        if not m.group(0).startswith("</"):
            parsed = _parse(m)
            if parsed is not None:
                wanted.setdefault(m.group(1).lower(), []).append(parsed)
    seen: Counter = Counter()
    for m in target_tags:
        if m.group(0).startswith("</"):
            continue
        name = m.group(1).lower()
        parsed = _parse(m)
        if parsed is None:
            yield segment.problem(m.start(), m.end(), f"tag <{name}> is broken: its attributes do not parse")
            continue
        index = seen[name]
        seen[name] += 1
        if index >= len(wanted.get(name, ())):
            continue
        source = wanted[name][index]
        lost = [a for a in source if a not in parsed]
        added = [a for a in parsed if a not in source]
        changed = [
            a for a in source
            if a in parsed and a not in _translatable() and _value_key(parsed[a]) != _value_key(source[a])
        ]  # fmt: skip
        if lost or added:
            detail = f"missing {', '.join(lost)}" if lost else ""
            detail += ("; " if lost and added else "") + (f"not in the source {', '.join(added)}" if added else "")
            yield segment.problem(m.start(), m.end(), f"attributes of <{name}> differ from the source: {detail}")
        elif changed:
            attribute = changed[0]
            yield segment.problem(
                m.start(),
                m.end(),
                f"{attribute}={parsed[attribute]!r} of <{name}> is {source[attribute]!r} in the source",
            )


def _parse(match) -> dict[str, str] | None:
    """A tag's attributes by name; None when what follows its name is not
    attributes (quotes broken)."""
    whole = match.group(0)
    inner = whole[match.end(1) - match.start() : len(whole) - (2 if whole.endswith("/>") else 1)]
    attributes = {}
    at = 0
    for m in _ATTRIBUTE.finditer(inner):
        if m.start() != at:
            return None
        attributes[m.group(1).lower()] = (m.group(2) or "").strip("\"'")
        at = m.end()
    return attributes if not inner[at:].strip() else None


def _value_key(value: str) -> str:
    return _LANGUAGE_SEGMENT.sub("", value)


@lru_cache(maxsize=1)
def _void_tags() -> frozenset[str]:
    return frozenset(load("catalogs")["void_tags"])


@lru_cache(maxsize=1)
def _translatable() -> frozenset[str]:
    return frozenset(load("catalogs")["translatable_attributes"])
