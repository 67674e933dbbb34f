"""TQA901 placeholder-mismatch: Placeholder of the source missing, changed or added in the translation (``%(name)s`` → ``%(nmae)s``)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from ...text.resources import load
from .. import rule
from ._shared import BRACE, PRINTF, report_whole, source_for, translated_entries

_ICU = regex.compile(r"\{\s*(?P<field>[A-Za-z_]\w*)\s*,\s*(?:plural|select|selectordinal|number|date|time)\b")


_PRINTF_FLAGS = frozenset(("c-format", "python-format", "php-format", "perl-format", "sh-format"))


_BRACE_FLAGS = frozenset(("python-brace-format", "csharp-format", "java-format"))


def _syntaxes(flags: list[str], source: str) -> set[str]:
    """Which placeholder syntaxes apply, by the entry's flags; without a
    flag, the ones the source visibly uses."""
    chosen = set()
    if flags:
        if not _PRINTF_FLAGS.isdisjoint(flags):
            chosen.add("printf")
        if not _BRACE_FLAGS.isdisjoint(flags):
            chosen.add("brace")
        if "icu-format" in flags:
            chosen.add("icu")
        if chosen or any(f.startswith("no-") for f in flags):
            return chosen
    if "%" in source and PRINTF.search(source.replace("%%", "")):
        chosen.add("printf")
    if "{" in source and BRACE.search(source):
        chosen.add("brace")
    return chosen


def placeholders(text: str, syntaxes: set[str]) -> Counter:
    found: Counter = Counter()
    if "printf" in syntaxes and "%" in text:
        for m in PRINTF.finditer(text):
            if m.group("conv") == "%":
                continue
            found[m.group(0) if not m.group("pos") else f"%{m.group('pos')}$…{m.group('conv')}"] += 1
    if ("brace" in syntaxes or "icu" in syntaxes) and "{" in text:
        for m in BRACE.finditer(text):
            found["{" + m.group("field") + "}"] += 1
        for m in _ICU.finditer(text):
            found["{" + m.group("field") + ", …}"] += 1
    return found


def _locate(text: str, token: str) -> tuple[int, int]:
    at = text.find(token)
    return (at, at + len(token)) if at >= 0 else (0, len(text))


@rule("TQA901", "placeholder-mismatch", "placeholder", "error")
def placeholder_mismatch(article, ctx):
    """Placeholder of the source missing, changed or added in the translation (``%(name)s`` → ``%(nmae)s``).

    The entry's flag decides the syntax (``c-format``, ``python-format``:
    printf; ``python-brace-format``: ``{name}``; ``icu-format``); without a
    flag, the syntaxes the source uses. Placeholders are compared as sets:
    order may change, and positional ``%1$s`` may move. A plural form may
    use the placeholders of either source (``an hour ago`` / ``%(count)s
    hours ago``), may leave out a number placeholder (``одна статья`` for
    ``%d article``; ``%(count)s`` and other names of counts listed in
    ``data/catalogs.yaml``) or the source's only placeholder, and may spell itself
    out with none (Arabic ``لا نتائج``, "no results", for ``%(counter)s
    results``); it may not leave out one placeholder and keep another.

    Fails (ru):
        #, python-format⏎msgid "Welcome, %(name)s!"⏎msgstr "Добро пожаловать, ⟦%(nmae)s⟧!" → %(name)s
        #, c-format⏎msgid "%s of %d"⏎msgstr "⟦%s из⟧"

    Passes (ru):
        #, c-format⏎msgid "%1$s of %2$s"⏎msgstr "%2$s: %1$s"
        #, c-format⏎msgid "%d article"⏎msgid_plural "%d articles"⏎msgstr[0] "одна статья"⏎msgstr[1] "%d статьи"⏎msgstr[2] "%d статей"
        #, python-brace-format⏎msgid "You have {count} messages"⏎msgstr "У вас {count} сообщений"

    Fails (ar):
        #, python-format⏎msgid "%(count)s %(name)s was changed."⏎msgid_plural "%(count)s %(name)s were changed."⏎msgstr[0] "لم يتم تغيير أي شيء"⏎msgstr[1] "⟦تم تغيير %(count)s بنجاح.⟧"

    Passes (cs):
        #, python-format⏎msgid "%(count)s %(name)s was changed."⏎msgid_plural "%(count)s %(name)s were changed."⏎msgstr[0] "Položka %(name)s byla změněna."⏎msgstr[1] "%(count)s položky %(name)s byly změněny."

    Passes (ar):
        #, python-format⏎msgid "%(counter)s result"⏎msgid_plural "%(counter)s results"⏎msgstr[0] "لا نتائج"⏎msgstr[1] "نتيجة واحدة"⏎msgstr[2] "%(counter)s نتائج"
        #, python-format⏎msgid "an hour ago"⏎msgid_plural "%(count)s hours ago"⏎msgstr[0] "منذ %(count)s ساعة"⏎msgstr[1] "منذ ساعة"
    """
    for segment, meta in translated_entries(article):
        source = source_for(meta)
        syntaxes = _syntaxes(meta["flags"], meta["source"])
        if not syntaxes:
            continue
        # as sets: a translation may repeat a placeholder or change the order
        wanted, got = set(placeholders(source, syntaxes)), set(placeholders(segment.text, syntaxes))
        missing, extra = wanted - got, got - wanted
        if meta.get("plural_index") is not None:
            # a form is not tied to one source: Arabic's form 0 is "zero", not the singular
            extra -= set(placeholders(meta["source"], syntaxes)) | set(
                placeholders(meta.get("source_plural") or "", syntaxes)
            )
            missing = {p for p in missing if not _numeric(p)} if got and len(wanted) > 1 else set()
        for token in extra:
            start, end = _locate(segment.text, token)
            hint = f"; the source has {', '.join(sorted(missing))}" if missing else ""
            yield segment.problem(
                start,
                end,
                f"placeholder {token} is not in the source{hint}",
                next(iter(missing)) if len(missing) == 1 and len(extra) == 1 else None,
            )
        if missing and not extra:
            yield report_whole(segment, f"placeholder {', '.join(sorted(missing))} of the source is missing")


def _numeric(token: str) -> bool:
    """A number placeholder (``%d``, ``%(n)d``, ``%(count)s``, ``{count}``):
    singular forms may spell the number out, so plural forms may leave it
    out. Names of counts come from ``data/catalogs.yaml``."""
    if token[-1:] in "diu":
        return True
    name = _PLACEHOLDER_NAME.search(token)
    if name is None:
        return False
    name = name.group(1).lower()
    return name in _count_names() or name.endswith("_count")


_PLACEHOLDER_NAME = regex.compile(r"[({]([^)},]+)")


@lru_cache(maxsize=1)
def _count_names() -> frozenset[str]:
    return frozenset(n.lower() for n in load("catalogs")["count_placeholder_names"])
