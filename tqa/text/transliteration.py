"""Names across scripts: Cyrillic (Russian, Kazakh) to Latin, and a folded
form in which the systems newsrooms use agree, so that a name of the
original can be looked for in a translation written in Latin letters.

``latin("Тоқаев")`` is ``Tokayev`` (the passport and BGN/PCGN kind of
table in ``data/transliteration.yaml``); ``folded`` maps the Kazakh Latin
alphabet's ``Toqaev``, the passport's ``Tokayev`` and ``Tokaev`` near one
form, and ``same_name`` allows what is left (one letter in five) and the case
endings of the original (Токаеву, Тоқаевтың, в Астане).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from .resources import load


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], str, frozenset[str], tuple[tuple[str, str], ...]]:
    data = load("transliteration")
    letters = {k: str(v) for k, v in data["letters"].items()}
    return letters, data["iotated_e"], frozenset(data["vowels"]), tuple((a, b) for a, b in data["fold"])


def latin(text: str) -> str:
    """``text`` with its Cyrillic letters in Latin ones (case kept on the
    first letter of each run); other characters as they are."""
    letters, iotated, vowels, _ = _table()
    out = []
    previous = ""
    for ch in text:
        low = ch.lower()
        if low in letters:
            if low == "е" and (not previous or previous in vowels or previous in "ьъ" or not previous.isalpha()):
                piece = iotated
            else:
                piece = letters[low]
            if ch != low and piece:
                piece = piece[0].upper() + piece[1:]
            out.append(piece)
        else:
            out.append(ch)
        previous = low
    return "".join(out)


_MARKS = regex.compile(r"\p{Mn}+")


@lru_cache(maxsize=4096)
def folded(word: str) -> str:
    """The form in which spellings of one name agree: Latin, lower case,
    no diacritics, one letter per sound, no doubled letters."""
    _, _, _, fold = _table()
    text = latin(word).lower().replace("ı", "i")
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    for a, b in fold:
        if a in text:
            text = text.replace(a, b)
    text = "".join(ch for ch in text if ch.isalpha())
    # "ye" of the passport's Andreyeva is the "e" of Andreeva
    text = _IOTATED.sub("e", regex.sub(r"(.)\1+", r"\1", text))
    return regex.sub(r"(.)\1+", r"\1", text)


# after a vowel or at the start of a word
_IOTATED = regex.compile(r"(?:(?<=[aeiou])|^)ie")


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` when it is
    over ``limit``. Only the cells within ``limit`` of the diagonal are
    computed: a cell further off is over ``limit`` on every path through it."""
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    over = limit + 1
    previous = [j if j <= limit else over for j in range(lb + 1)]
    for i in range(1, la + 1):
        ca = a[i - 1]
        current = [over] * (lb + 1)
        best = current[0] = i if i <= limit else over
        for j in range(max(1, i - limit), min(lb, i + limit) + 1):
            value = previous[j - 1] + (ca != b[j - 1])
            if previous[j] + 1 < value:
                value = previous[j] + 1
            if current[j - 1] + 1 < value:
                value = current[j - 1] + 1
            if value > over:
                value = over
            current[j] = value
            if value < best:
                best = value
        if best > limit:
            return over
        previous = current
    return previous[lb]


# Case endings a name of the original may carry that its translation does
# not: up to this many letters (Kazakh Тоқаевтың, Астанадағы).
_ENDING = 5


def same_name(original: str, translated: str) -> bool:
    """Does ``translated`` (Latin) render the name ``original`` (any script,
    perhaps in a case form)? Compared folded, the original cut to the
    translation's length (its ending may be a case ending), one letter in
    six may differ."""
    if "ё" in original or "Ё" in original:
        # ё is written е in most Russian text and in English: Ковалёв = Kovalev = Kovalyov
        plain = original.replace("ё", "е").replace("Ё", "Е")
        return _same_folded(folded(plain), folded(translated)) or _same_folded(folded(original), folded(translated))
    return _same_folded(folded(original), folded(translated))


def _same_folded(a: str, b: str) -> bool:
    if len(b) < 2 or len(a) < 2:
        return a == b and bool(a)
    if a == b:
        return True
    if len(a) < len(b) - 2 or len(a) > len(b) + _ENDING:
        return False
    limit = max(1, len(b) // 5) if len(b) >= 4 else 0
    stem = a[: len(b) + 1]
    return _distance(stem, b, limit) <= limit or _distance(a[: len(b)], b, limit) <= limit
