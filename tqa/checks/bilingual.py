"""Source ↔ target checks for catalog entries (gettext PO): placeholders,
markup, links, numbers, untranslated and copied strings, whitespace.

Severity is tiered by what breaks: a lost placeholder crashes the program
(error); a lost link or number misleads (warning); work in progress (empty
or fuzzy) is information. Cosmetic checks that make pofilter noisy (quote
style, capitalisation, punctuation at the end) are not ported.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

import regex

from ..resources import load
from . import rule

_PRINTF = regex.compile(r"%(?:(?P<pos>\d+)\$)?(?:\((?P<name>[^)\s]{1,40})\))?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                        r"(?:hh|h|ll|l|L|z|j|t|q|I64)?(?P<conv>[diouxXeEfFgGaAcsSrpn%])")
_BRACE = regex.compile(r"(?<!\{)\{(?P<field>[A-Za-z_][\w.]*|\d*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")
_ICU = regex.compile(r"\{\s*(?P<field>[A-Za-z_]\w*)\s*,\s*(?:plural|select|selectordinal|number|date|time)\b")
_TAG = regex.compile(r"</?([A-Za-z][\w:-]*)(?:\s[^<>]*)?/?>")
# An address is tried only where a run of its characters starts (or where
# the previous match ended, inside one): tried at every character, a long
# word was scanned to its end from each of its letters.
_LINK = regex.compile(r"(?:https?://|ftp://|mailto:)[^\s<>\"']+[^\s<>\"'.,;:!?)]"
                      r"|(?:(?<![\w.+-])|\G)[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A number stands apart from Latin, Cyrillic or Greek letters ("A4" is a
# name); in Chinese and Japanese it touches its counter word (8バイト).
_NUMBER = regex.compile(r"(?<![\p{Latin}\p{Cyrillic}\p{Greek}\d_.,])\d+(?:[ \u00a0\u202f.,'’]\d{3})*(?:[.,]\d+)?"
                        r"(?![\p{Latin}\p{Cyrillic}\p{Greek}\d_])")


def _entry(segment):
    return segment.meta if segment.kind == "entry" and segment.meta else None


def _translated(article):
    """(segment, meta) of each catalog entry with a translation to compare:
    empty and fuzzy entries are work in progress, left to ``untranslated``."""
    for segment in article.segments:
        meta = _entry(segment)
        if meta is not None and segment.text and not meta["fuzzy"]:
            yield segment, meta


def _source_for(meta) -> str:
    """The source a form translates: msgid for the singular, else msgid_plural."""
    if meta.get("plural_index") and meta.get("source_plural"):
        return meta["source_plural"]
    return meta["source"]


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
    if "%" in source and _PRINTF.search(source.replace("%%", "")):
        chosen.add("printf")
    if "{" in source and _BRACE.search(source):
        chosen.add("brace")
    return chosen


def placeholders(text: str, syntaxes: set[str]) -> Counter:
    found: Counter = Counter()
    if "printf" in syntaxes and "%" in text:
        for m in _PRINTF.finditer(text):
            if m.group("conv") == "%":
                continue
            found[m.group(0) if not m.group("pos") else f"%{m.group('pos')}$…{m.group('conv')}"] += 1
    if ("brace" in syntaxes or "icu" in syntaxes) and "{" in text:
        for m in _BRACE.finditer(text):
            found["{" + m.group("field") + "}"] += 1
        for m in _ICU.finditer(text):
            found["{" + m.group("field") + ", …}"] += 1
    return found


def _locate(text: str, token: str) -> tuple[int, int]:
    at = text.find(token)
    return (at, at + len(token)) if at >= 0 else (0, len(text))


def _report_whole(segment, message, suggestion=None):
    from ..model import Problem

    if segment.text:
        return segment.problem(0, len(segment.text), message, suggestion)
    start, end = segment.meta["keyword"]
    return Problem(start, end, message, suggestion)


@rule("TQA901", "placeholder-mismatch", "placeholder", "error", specificity=80)
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
        #, python-format⏎msgid "Welcome, %(name)s!"⏎msgstr "Добро пожаловать, %(nmae)s!"
        #, c-format⏎msgid "%s of %d"⏎msgstr "%s из"

    Passes (ru):
        #, c-format⏎msgid "%1$s of %2$s"⏎msgstr "%2$s: %1$s"
        #, c-format⏎msgid "%d article"⏎msgid_plural "%d articles"⏎msgstr[0] "одна статья"⏎msgstr[1] "%d статьи"⏎msgstr[2] "%d статей"
        #, python-brace-format⏎msgid "You have {count} messages"⏎msgstr "У вас {count} сообщений"

    Fails (ar):
        #, python-format⏎msgid "%(count)s %(name)s was changed."⏎msgid_plural "%(count)s %(name)s were changed."⏎msgstr[0] "لم يتم تغيير أي شيء"⏎msgstr[1] "تم تغيير %(count)s بنجاح."

    Passes (cs):
        #, python-format⏎msgid "%(count)s %(name)s was changed."⏎msgid_plural "%(count)s %(name)s were changed."⏎msgstr[0] "Položka %(name)s byla změněna."⏎msgstr[1] "%(count)s položky %(name)s byly změněny."

    Passes (ar):
        #, python-format⏎msgid "%(counter)s result"⏎msgid_plural "%(counter)s results"⏎msgstr[0] "لا نتائج"⏎msgstr[1] "نتيجة واحدة"⏎msgstr[2] "%(counter)s نتائج"
        #, python-format⏎msgid "an hour ago"⏎msgid_plural "%(count)s hours ago"⏎msgstr[0] "منذ %(count)s ساعة"⏎msgstr[1] "منذ ساعة"
    """
    for segment, meta in _translated(article):
        source = _source_for(meta)
        syntaxes = _syntaxes(meta["flags"], meta["source"])
        if not syntaxes:
            continue
        # as sets: a translation may repeat a placeholder or change the order
        wanted, got = set(placeholders(source, syntaxes)), set(placeholders(segment.text, syntaxes))
        missing, extra = wanted - got, got - wanted
        if meta.get("plural_index") is not None:
            # a form is not tied to one source: Arabic's form 0 is "zero", not the singular
            extra -= set(placeholders(meta["source"], syntaxes)) | set(
                placeholders(meta.get("source_plural") or "", syntaxes))
            missing = {p for p in missing if not _numeric(p)} if got and len(wanted) > 1 else set()
        for token in extra:
            start, end = _locate(segment.text, token)
            hint = f"; the source has {', '.join(sorted(missing))}" if missing else ""
            yield segment.problem(start, end, f"placeholder {token} is not in the source{hint}",
                                  next(iter(missing)) if len(missing) == 1 and len(extra) == 1 else None)
        if missing and not extra:
            yield _report_whole(segment, f"placeholder {', '.join(sorted(missing))} of the source is missing")


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


@rule("TQA902", "markup-mismatch", "markup", "error", specificity=80)
def markup_mismatch(article, ctx):
    """HTML/XML tags of the source missing or added in the translation (``<b>Hub</b>`` lost).

    Tags are compared by name and kind (opening, closing), in any order; in
    XLIFF, inline elements (``<g id="1">``, ``<x/>``, ``<ph>``, ``<pc>``) by
    kind and id. When only text formatting differs (``<b>``, ``<i>``,
    ``<sup>``, ``<q>``…, listed in ``data/catalogs.yaml``: a French ordinal
    set as ``1<sup>er</sup>``, quotation marks for ``<q>``) the finding is
    a warning: nothing breaks, the page only looks different.

    Fails (ru):
        msgid "Read the <b>story</b>."⏎msgstr "Прочитайте историю."
        msgid "Read the <a href=\\"/about\\">story</a>."⏎msgstr "Прочитайте историю."

    Passes (ru):
        msgid "Read the <a href=\\"/about\\">story</a>."⏎msgstr "Прочитайте <a href=\\"/ru/about\\">историю</a>."
    """
    for segment, meta in _translated(article):
        source = _source_for(meta)
        if "<" not in source and "<" not in segment.text and "source_inline" not in meta:
            continue  # no tag on either side (most entries)
        wanted = Counter(_tag_key(m) for m in _TAG.finditer(source))
        got = Counter(_tag_key(m) for m in _TAG.finditer(segment.text))
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
        problem = _report_whole(segment, "markup differs from the source: " + "; ".join(parts))
        formatting_only = all(_tag_name(tag) in _formatting_tags() for tag in missing + extra)
        yield _with_severity(problem, "warning") if formatting_only else problem


def _tag_name(key: str) -> str:
    """"</b>", "<br/>" -> "b", "br"."""
    return key.strip("</>")


@lru_cache(maxsize=1)
def _formatting_tags() -> frozenset[str]:
    return frozenset(load("catalogs")["formatting_tags"])


def _tag_key(match) -> str:
    text = match.group(0)
    name = match.group(1).lower()
    return f"</{name}>" if text.startswith("</") else (f"<{name}/>" if text.endswith("/>") else f"<{name}>")


@rule("TQA903", "link-mismatch", "placeholder", "warning", specificity=80)
def link_mismatch(article, ctx):
    """Link or e-mail address of the source missing or changed in the translation.

    A translated page may legitimately link a localised address
    (``/ru/about``), so this is a warning, not an error.

    Fails (ru):
        msgid "Write to info@akorda.kz"⏎msgstr "Напишите нам"

    Passes (ru):
        msgid "Write to info@akorda.kz"⏎msgstr "Напишите на info@akorda.kz"
    """
    for segment, meta in _translated(article):
        source = _source_for(meta)
        if ":" not in source and "@" not in source:
            continue  # a link needs "://" or "mailto:", an address "@"
        got = {_link_key(link) for link in _LINK.findall(segment.text)}
        for link in sorted(set(_LINK.findall(source))):
            if _link_key(link) in got:
                continue
            yield _report_whole(segment, f"link {link} of the source is missing")


_LANGUAGE_SEGMENT = regex.compile(r"(?<=/)[a-z]{2}(?:[-_][A-Za-z]{2,4})?(?=/)")


def _link_key(link: str) -> str:
    """A link with its language path segment (``/en/``) blanked: a
    translation may point at its own language's page."""
    return _LANGUAGE_SEGMENT.sub("*", link)


# ----------------------------------------------------------------------------
_GROUPED = regex.compile(r"^\d{1,3}(?:([ \u00a0\u202f.,'’])\d{3})+$")


def number_values(token: str) -> set[str]:
    """What a written number can mean, locale-aware: ``1,500`` is 1500 in
    English and 1.5 in German; ``1 500`` and ``1.500`` are 1500."""
    values = set()
    if _GROUPED.match(token):
        values.add(regex.sub(r"[^\d]", "", token))
    for decimal in ".,":
        if token.count(decimal) == 1:
            whole, frac = token.split(decimal)
            whole = regex.sub(r"[^\d]", "", whole)
            values.add(f"{int(whole or 0)}.{frac}".rstrip("0").rstrip("."))
    if regex.fullmatch(r"\d+", token):
        values.add(str(int(token)))
    return values


@rule("TQA904", "number-mismatch", "number", "warning", specificity=75)
def number_mismatch(article, ctx):
    """Number of the source missing in the translation (``2,400`` → ``2 300``).

    Numbers are compared by value, whatever the locale writes:
    ``1,500`` = ``1 500`` = ``1.500``; a time ``6 p.m.`` may become ``18:00``;
    in the translation a number may touch letters (``6h``, ``18ч``).
    Placeholders do not count. A number up to ten may be spelled out
    (``7 days`` → ``sju dagar``), so it is missing only when the
    translation writes some other number instead.

    Fails (ru):
        msgid "Tickets sold: 2,400"⏎msgstr "Продано билетов: 2 300"
        msgid "Past 7 days"⏎msgstr "Последние 8 дней"
    Fails (sr):
        msgid "6 a.m."⏎msgstr "18ч"

    Passes (ru):
        msgid "It costs 1,500 tenge until 15 May."⏎msgstr "До 15 мая стоит 1 500 тенге."
    Passes (de):
        msgid "It costs 1,500 tenge and 2.5 hours."⏎msgstr "Es kostet 1.500 Tenge und 2,5 Stunden."
        msgid "6 p.m."⏎msgstr "18 Uhr"
    Passes (cs):
        msgid "6 a.m."⏎msgstr "6h ráno"
    Passes (nl):
        msgid "Past 7 days"⏎msgstr "Afgelopen zeven dagen"
    """
    for segment, meta in _translated(article):
        raw = _source_for(meta)
        if raw.isascii() and not _ASCII_DIGIT.search(raw):
            continue  # no number to lose (most entries; NFKC leaves ASCII as it is)
        # in the translation any digits count, letters beside them or not ("6h", "18ч")
        # what any number of the translation may mean, in one set: a number
        # of the source is there when one of its values is (a set per
        # number was hundreds of megabytes for a catalog string of numbers)
        got: set[str] = set()
        any_number = False
        for piece in _comparable_pieces(segment.text):
            for m in _DIGITS.finditer(piece):
                got |= number_values(m.group())
                any_number = True
        for piece in _comparable_pieces(raw):
            for match in _NUMBER.finditer(piece):
                values = number_values(match.group()) | _clock_values(match.group(), piece, match.end())
                if not values.isdisjoint(got):
                    continue
                if not any_number and _spellable(values):
                    continue  # "seven days": nothing shows the number was lost
                yield _report_whole(segment, f"number {match.group()} of the source is not in the translation")


# Characters past which a text is compared a piece at a time: a catalog
# string of megabytes, copied whole with its placeholders blanked and
# copied again normalized, took several times its size.
_COMPARED_AT_ONCE = 100_000
# Where a long text may be cut: a space between two letters. No number,
# clock time or printf placeholder spans one, and a space composes with
# nothing under NFKC, so the pieces read as the whole does.
_CUT = regex.compile(r"(?<=\p{L}) (?=\p{L})")


def _comparable_pieces(text: str):
    """``text`` with printf placeholders blanked and NFKC applied (full-width
    digits ８ are the same numbers), a long text in pieces cut at ``_CUT``."""
    at = 0
    while at < len(text):
        cut = _CUT.search(text, at + _COMPARED_AT_ONCE) if len(text) - at > _COMPARED_AT_ONCE else None
        end = len(text) if cut is None else cut.start()
        yield unicodedata.normalize("NFKC", _PRINTF.sub(" ", text[at:end] if at or end < len(text) else text))
        at = end


_DIGITS = regex.compile(r"\d+(?:[ \u00a0\u202f.,'’]\d{3})*(?:[.,]\d+)?")
_CLOCK = regex.compile(r"\s?(?:(?P<pm>p\.\s?m\.|pm\b|PM\b)|(?P<am>a\.\s?m\.|am\b|AM\b))")


def _clock_values(token: str, text: str, after: int) -> set[str]:
    """An hour of the 12-hour clock in the 24-hour one: 6 p.m. = 18, 12 a.m. = 0
    (``token`` stands in ``text`` just before offset ``after``; the rest of
    the text is not copied for each number)."""
    clock = _CLOCK.match(text, after)
    if clock is None or not token.isdigit() or not 1 <= int(token) <= 12:
        return set()
    hour = int(token)
    if clock.group("pm"):
        return {str(hour % 12 + 12)}
    return {str(hour % 12)}


def _spellable(values: set[str]) -> bool:
    """A whole number up to ten, which translations often write in words."""
    return any(v.isdigit() and int(v) <= 10 for v in values)


_ASCII_DIGIT = regex.compile(r"[0-9]")


# ----------------------------------------------------------------------------
_SAME_OK = regex.compile(r"^[\W\d_]*$|^\p{Lu}{2,}\d*$|^[\p{Lu}\d]{1,4}$")


@rule("TQA911", "untranslated", "untranslated", "warning", specificity=70)
def untranslated(article, ctx):
    """Entry not translated: empty or fuzzy (information: work in progress), or a copy of the source (warning).

    Strings that legitimately stay the same are skipped: no letters,
    placeholders only, codes and acronyms (``OK``, ``PDF``), single words
    (``minute`` is French too), and strings
    whose every word is capitalised (brand names such as ``KazUnite News``)
    when the target language writes in the source's script. A catalog in the
    source's own language (``en_GB`` from English sources) copies freely;
    sources are taken to be English unless the file says otherwise
    (XLIFF ``source-language``, PO ``X-Source-Language``).

    Fails (ru):
        msgid "Save changes"⏎msgstr "Save changes"
        msgid "Publish"⏎msgstr ""

    Passes (ru):
        msgid "OK"⏎msgstr "OK"
        msgid "KazUnite News"⏎msgstr "KazUnite News"
        msgid "Publish"⏎msgstr "Опубликовать"

    Passes (en):
        msgid "Save changes to this article"⏎msgstr "Save changes to this article"
    """
    # en_GB from English sources: a copy is often the right translation
    same_language = ctx.lang is not None and ctx.lang == (article.source_lang or "en")
    for segment in article.segments:
        meta = _entry(segment)
        if meta is None:
            continue
        source = _source_for(meta)
        if not segment.text.strip() and source.strip():
            yield _with_severity(_report_whole(segment, "not translated yet (empty)"), "info")
        elif meta["fuzzy"]:
            yield _with_severity(_report_whole(segment, "fuzzy: the translation awaits review"), "info")
        elif segment.text == source and not same_language and not _may_stay_same(source):
            yield _report_whole(segment, "translation is a copy of the source")


def _may_stay_same(source: str) -> bool:
    stripped = _PRINTF.sub("", _BRACE.sub("", _TAG.sub("", source))).strip()
    if not stripped or _SAME_OK.match(stripped):
        return True
    words = regex.findall(r"\p{L}+", stripped)
    if len([w for w in words if len(w) >= 3]) < 2:
        return True  # one word is often the same in both languages ("minute", "Date", "jan")
    return all(w[0].isupper() for w in words) and len(words) <= 4


def _with_severity(problem, severity):
    from dataclasses import replace

    return replace(problem, severity=severity)


# ----------------------------------------------------------------------------
@rule("TQA912", "whitespace-mismatch", "typography", "warning", specificity=70)
def whitespace_mismatch(article, ctx):
    """Leading or trailing spaces or line breaks that differ from the source.

    UI code often joins strings; a lost trailing space or newline glues
    words together on screen. Line-break differences are warnings, space
    differences information.

    Fails (ru):
        msgid "Name: "⏎msgstr "Имя:"

    Passes (ru):
        msgid "Name: "⏎msgstr "Имя: "
    """
    for segment, meta in _translated(article):
        source = _source_for(meta)
        for side, pick in (("leading", lambda t: t[:len(t) - len(t.lstrip())]),
                           ("trailing", lambda t: t[len(t.rstrip()):])):
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
                yield problem if "\n" in want + have else _with_severity(problem, "info")
