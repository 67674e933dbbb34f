"""Numbers, dates and weekdays of a sentence, by value, whatever the
language writes: ``120 млрд`` = ``120 billion`` = ``120 Mrd.``,
``1,5`` (Russian) = ``1.5`` (English), ``2 400`` = ``2,400``, ``15%`` =
``15 процентов``, ``18:00`` = ``6 p.m.``, ``3 марта`` = ``March 3`` =
``3 наурыз``. The words are in ``data/quantities.yaml``.

Values are exact decimals written as strings, so that a digit swap
(``3,7`` → ``7.3``) or a factor of ten (``120 млрд`` → ``12 billion``) is a
different value and ``1,2 млн`` = ``1 200 000`` is the same one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

from .memo import text_cache
from .resources import load


@dataclass(frozen=True)
class Quantity:
    """A number of a text: where it stands and what it may mean (a number
    written with one separator can be read two ways when the language is
    not known)."""

    start: int
    end: int
    values: frozenset[str]
    spelled: bool = False  # a number word ("three"): may match a number, never reported

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True)
class DateMention:
    """A day of a month, a month alone, or a weekday."""

    start: int
    end: int
    day: int | None
    month: int | None
    weekday: int | None = None


# A number: grouped thousands (2 400, 2,400, 2.400, 2'400) or plain digits,
# with a fraction; a clock time; not a piece of a longer run of digits.
_NUMBER = regex.compile(
    r"(?<![\d.,:])(?:(?P<clock>[012]?\d:[0-5]\d)(?![\d:])"
    r"|(?P<num>\d{1,3}(?:(?:[ \u00a0\u202f]|[.,'’](?=\d{3}(?!\d)))\d{3}(?!\d))+(?:[.,]\d+(?![.,]\d))?"
    r"|\d+(?:[.,]\d+(?![.,]\d))?))"
)

_DECIMAL_POINT = frozenset(("en", "ja", "zh", "ko", "he", "th"))  # languages that write 1.5, not 1,5


def readings(token: str, lang: str | None) -> frozenset[str]:
    """What ``token`` (digits and separators) may mean in ``lang``: 1,500 is
    1500 in English and 1.5 in Russian or German; 1 500 is 1500."""
    token = regex.sub(r"[ \u00a0\u202f'’]", "", token)
    seps = [ch for ch in token if ch in ".,"]
    if not seps:
        return frozenset((_canonical(token),))
    if len(set(seps)) == 2:  # 1,234.5 or 1.234,5: the last one is the decimal mark
        decimal = seps[-1]
        group = "," if decimal == "." else "."
        return frozenset((_canonical(token.replace(group, "").replace(decimal, ".")),))
    sep = seps[0]
    grouped = regex.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", token) is not None
    as_group = _canonical(token.replace(sep, "")) if grouped else None
    as_decimal = _canonical(token.replace(sep, ".")) if len(seps) == 1 else None
    if lang is None:
        return frozenset(v for v in (as_group, as_decimal) if v is not None)
    decimal_mark = "." if lang in _DECIMAL_POINT else ","
    if sep == decimal_mark:
        chosen = as_decimal if as_decimal is not None else as_group
    else:
        chosen = as_group if as_group is not None else as_decimal
    return frozenset((chosen,)) if chosen is not None else frozenset()


def _canonical(number: str, scale: int = 1) -> str:
    try:
        value = Decimal(number) * scale
    except InvalidOperation:
        return number
    text = format(value.normalize(), "f")
    return text


@lru_cache(maxsize=16)
def _words(lang: str | None) -> tuple[regex.Pattern | None, dict[str, int], regex.Pattern | None, dict[str, int]]:
    """The scale-word pattern and values, the number-word pattern and values of ``lang``."""
    data = load("quantities")
    scales = {}
    for factor, words in (data["scales"].get(lang or "", {}) or {}).items():
        for word in words:
            scales[word.casefold()] = int(factor)
    scale = (
        regex.compile(
            r"[ \u00a0\u202f]?(" + "|".join(map(regex.escape, sorted(scales, key=len, reverse=True))) + r")\b\.?",
            regex.I,
        )
        if scales
        else None
    )
    numbers = {w.casefold(): int(v) for w, v in (data["number_words"].get(lang or "", {}) or {}).items()}
    spelled = (
        regex.compile(r"\b(" + "|".join(map(regex.escape, sorted(numbers, key=len, reverse=True))) + r")\b", regex.I)
        if numbers
        else None
    )
    return scale, scales, spelled, numbers


_CLOCK_12 = regex.compile(r"[ \u00a0]?(?:(?P<pm>p\.\s?m\.|pm\b|PM\b)|(?P<am>a\.\s?m\.|am\b|AM\b))")


@text_cache(maxsize=4096)  # the alignment and two rules read the numbers of each sentence
def quantities(text: str, lang: str | None) -> list[Quantity]:
    """The numbers of ``text`` with their values, scale words applied
    (``1,2 млн`` = 1200000), and the number words up to ten (``spelled``)."""
    scale_pattern, scales, spelled_pattern, spelled_values = _words(lang)
    found = []
    for match in _NUMBER.finditer(text):
        end = match.end()
        if match.group("clock"):
            hours, minutes = match.group("clock").split(":")
            hour = int(hours)
            after = _CLOCK_12.match(text, end) if lang == "en" and 1 <= hour <= 12 else None
            if after is not None:  # 2:30 p.m. = 14:30
                hour, end = hour % 12 + (12 if after.group("pm") else 0), after.end()
            found.append(Quantity(match.start(), end, frozenset((f"t{hour}:{minutes}",))))
            continue
        token = match.group("num")
        values = readings(token, lang)
        after = _CLOCK_12.match(text, end) if lang == "en" else None
        if after is not None and token.isdigit() and 1 <= int(token) <= 12:
            hour = int(token) % 12 + (12 if after.group("pm") else 0)
            found.append(Quantity(match.start(), after.end(), frozenset((f"t{hour}:00",))))
            continue
        scaled = scale_pattern.match(text, end) if scale_pattern is not None else None
        if scaled is not None:
            factor = scales[scaled.group(1).casefold()]
            values = frozenset(_canonical(v, factor) for v in values)
            end = scaled.end()
        found.append(Quantity(match.start(), end, values))
    if spelled_pattern is not None:
        for match in spelled_pattern.finditer(text):
            value = spelled_values[match.group(1).casefold()]
            found.append(Quantity(match.start(), match.end(), frozenset((str(value),)), spelled=True))
    found.sort(key=lambda q: q.start)
    return found


@lru_cache(maxsize=16)
def _calendar(lang: str | None) -> tuple[regex.Pattern | None, dict[str, int], regex.Pattern | None, dict[str, int]]:
    data = load("quantities")
    months = {}
    for number, forms in enumerate(data["months"].get(lang or "", []) or [], 1):
        for form in forms:
            months[form.casefold()] = number
    days = {}
    for number, forms in enumerate(data["weekdays"].get(lang or "", []) or [], 1):
        for form in forms:
            days[form.casefold()] = number

    def words(table):
        return "|".join(map(regex.escape, sorted(table, key=len, reverse=True)))

    month = None
    if months:
        name = rf"(?P<month>{words(months)})\b"
        day = r"(?P<day>[0-3]?\d)(?:-?(?:го|е|ші|шы|і|ы)|st|nd|rd|th|\.)?"
        day2 = day.replace("<day>", "<day2>")
        # a date starts with a digit or a month's first letter: the other
        # places are passed over at once, not tried against every month
        first = "".join(sorted({regex.escape(w[0]) for w in months} | {regex.escape(w[0].upper()) for w in months}))
        month = regex.compile(
            rf"(?<![\d.])(?=[\d{first}])(?:{day}[ \u00a0]{name}|{name}[ \u00a0]{day2}\b(?!:)|{name})", regex.I
        )
    weekday = None
    if days:
        first = "".join(sorted({regex.escape(w[0]) for w in days} | {regex.escape(w[0].upper()) for w in days}))
        weekday = regex.compile(rf"\b(?=[{first}])(?P<weekday>{words(days)})\b", regex.I)
    return month, months, weekday, days


_NUMERIC_DATE = regex.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?![\d])")


@text_cache(maxsize=4096)
def dates(text: str, lang: str | None) -> list[DateMention]:
    """Days of months (``3 марта``, ``March 3``, ``3.03.2024``), months
    alone (``в марте``) and weekdays of ``text``."""
    month_pattern, months, weekday_pattern, days = _calendar(lang)
    found = []
    for match in _NUMERIC_DATE.finditer(text):
        day, month = int(match.group("d")), int(match.group("m"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append(DateMention(match.start(), match.end(), day, month))
    if month_pattern is not None:
        for match in month_pattern.finditer(text):
            if not (match.group(0)[:1].isdigit() or _word_start(text, match.start())):
                continue
            if match.end() < len(text) and text[match.end() - 1].isalpha() and text[match.end()].isalpha():
                continue
            if lang in _CAPITALISED_MONTHS and not match.group("month")[0].isupper():
                continue  # "may", "march": the verbs
            day = match.group("day") or match.group("day2")
            number = int(day) if day else None
            if number is not None and not 1 <= number <= 31:
                continue
            found.append(DateMention(match.start(), match.end(), number, months[match.group("month").casefold()]))
    if weekday_pattern is not None:
        for match in weekday_pattern.finditer(text):
            found.append(DateMention(match.start(), match.end(), None, None, days[match.group("weekday").casefold()]))
    found.sort(key=lambda d: d.start)
    return found


_CAPITALISED_MONTHS = frozenset(("en", "de"))


def _word_start(text: str, at: int) -> bool:
    return at == 0 or not text[at - 1].isalpha()
