"""TQA904 number-mismatch: Number of the source missing in the translation (``2,400`` → ``2 300``)."""

from __future__ import annotations

from typing import Iterator

import regex

from ...model import Article, Problem
from .. import Context, rule
from ._shared import ascii_digits, comparable_pieces, number_values, report_whole, source_for, translated_entries

# A number stands apart from Latin, Cyrillic or Greek letters ("A4" is a
# name); in Chinese and Japanese it touches its counter word (8バイト).
_NUMBER = regex.compile(
    r"(?<![\p{Latin}\p{Cyrillic}\p{Greek}\d_.,])\d+(?:[ \u00a0\u202f.,'’]\d{3})*(?:[.,]\d+)?"
    r"(?![\p{Latin}\p{Cyrillic}\p{Greek}\d_])"
)


@rule("TQA904", "number-mismatch", "number", "warning")
def number_mismatch(article: Article, ctx: Context) -> Iterator[Problem]:
    """Number of the source missing in the translation (``2,400`` → ``2 300``).

    Numbers are compared by value, whatever the locale writes:
    ``1,500`` = ``1 500`` = ``1.500``, in any script's digits and
    separators (Arabic ``٢٫٥`` = ``2.5``, Persian ``۱۵``, Devanagari ``१५``); a time ``6 p.m.`` may become ``18:00``;
    in the translation a number may touch letters (``6h``, ``18ч``).
    Placeholders do not count. A number up to ten may be spelled out
    (``7 days`` → ``sju dagar``), so it is missing only when the
    translation writes some other number instead.

    Fails (ru):
        msgid "Tickets sold: 2,400"⏎msgstr "⟦Продано билетов: 2 300⟧"
        msgid "Past 7 days"⏎msgstr "⟦Последние 8 дней⟧"
    Fails (sr):
        msgid "6 a.m."⏎msgstr "⟦18ч⟧"

    Passes (ru):
        msgid "It costs 1,500 tenge until 15 May."⏎msgstr "До 15 мая стоит 1 500 тенге."
    Passes (de):
        msgid "It costs 1,500 tenge and 2.5 hours."⏎msgstr "Es kostet 1.500 Tenge und 2,5 Stunden."
        msgid "6 p.m."⏎msgstr "18 Uhr"
    Passes (ar):
        msgid "Version 2.5 of 15 files"⏎msgstr "الإصدار ٢٫٥ من ١٥ ملفًا"
        msgid "1,500 files"⏎msgstr "١٬٥٠٠ ملف"
    Fails (ar):
        msgid "Version 2.5"⏎msgstr "⟦الإصدار ٢٫٦⟧"
    Passes (fa):
        msgid "15 files"⏎msgstr "۱۵ پرونده"
    Passes (hi):
        msgid "15 files"⏎msgstr "१५ फ़ाइलें"
    Passes (cs):
        msgid "6 a.m."⏎msgstr "6h ráno"
    Passes (nl):
        msgid "Past 7 days"⏎msgstr "Afgelopen zeven dagen"
    """
    for segment, meta in translated_entries(article):
        raw = source_for(meta)
        if raw.isascii() and not _ASCII_DIGIT.search(raw):
            continue  # no number to lose (most entries; NFKC leaves ASCII as it is)
        # in the translation any digits count, letters beside them or not ("6h", "18ч")
        # what any number of the translation may mean, in one set: a number
        # of the source is there when one of its values is (a set per
        # number was hundreds of megabytes for a catalog string of numbers)
        got: set[str] = set()
        any_number = False
        for piece in comparable_pieces(segment.text):
            for m in _DIGITS.finditer(ascii_digits(piece)):
                got |= number_values(m.group())
                any_number = True
        for piece in comparable_pieces(raw):
            piece = ascii_digits(piece)
            for match in _NUMBER.finditer(piece):
                values = number_values(match.group()) | _clock_values(match.group(), piece, match.end())
                if not values.isdisjoint(got):
                    continue
                if not any_number and _spellable(values):
                    continue  # "seven days": nothing shows the number was lost
                yield report_whole(segment, f"number {match.group()} of the source is not in the translation")


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
