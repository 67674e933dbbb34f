"""Names of bodies (ministries, agencies, programmes…) as they stand in
prose, found without a glossary: a capitalised phrase around a head word
(English, German), a capitalised head and its lower-case complement
(Russian), lower-case words ending in a head after a capitalised one
(Kazakh), or the long form before or inside an acronym's brackets
(``Long Name (ACR)``, ``ACR (Long Name)``) in any language.

Each name comes with what tells one body from another (``Name.content``:
its content words, case-folded, with words that translate one source word
made one, and stemmed where words inflect) and with its words as written
(``Name.words``), so that two spellings of one name can be told from
two names.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from .resources import load

# a word, with inner hyphens and apostrophes (Self-Government, Co-operation)
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*|&")
_ACRONYM_IN_BRACKETS = regex.compile(r"\(\s*(\p{Lu}[\p{Lu}\p{Ll}]*\p{Lu}[\p{Lu}\d&]*)\s*\)")
_BRACKETS_AFTER_ACRONYM = regex.compile(
    r"(?<![\p{L}\p{N}])(\p{Lu}[\p{Lu}\p{Ll}]*\p{Lu}[\p{Lu}\d&]*)\s*\(([^()]{5,160})\)"
)

# languages whose words inflect: words are compared by their stems, and a
# name's words are not compared one by one (an ending is not another word)
INFLECTED = frozenset({"ru", "kk", "uk", "ky", "be", "de", "tg", "uz", "tr"})
MIN_CONTENT_WORDS = 3  # fewer, and a changed or missing word makes another body
MAX_COMPLEMENT = 6  # lower-case words a Russian head takes before the name must have ended


class Name(NamedTuple):
    """One mention of a name of a body in a paragraph."""

    start: int  # offsets in the paragraph's text
    end: int
    words: tuple[str, ...]  # every word, case-folded, as written
    content: tuple[str, ...]  # the content words' keys, in order
    head: int  # where the head word stands in ``content`` (-1: not known)
    bounded: bool  # both ends are certain (an acronym's brackets, a capitalised phrase)


def stem(word: str, lang: str) -> str:
    """A crude stem for inflected languages, so that a case ending
    (Министерства / Министерство) is not a different word."""
    if lang in INFLECTED and len(word) > 5:
        return word[: max(4, len(word) - 3)]
    return word


class _Language(NamedTuple):
    heads: tuple[str, ...]  # case-folded
    connectors: frozenset[str]
    function_words: frozenset[str]
    equivalent: dict[str, str]  # word -> the first word of its group
    places: frozenset[str]


@lru_cache(maxsize=32)
def _language(lang: str) -> _Language:
    data = load("body_names")
    equivalent = {}
    for group in data["equivalents"].get(lang, []):
        for word in group:
            equivalent[_plain(word.casefold())] = _plain(group[0].casefold())
    return _Language(
        tuple(h.casefold() for h in data["heads"].get(lang, [])),
        frozenset(data["connectors"].get(lang, [])),
        frozenset(data["function_words"].get(lang, [])),
        equivalent,
        frozenset(p.casefold() for p in data["places"].get(lang, [])),
    )


def knows(lang: str) -> bool:
    """Whether names headed by an organisation word are found in ``lang``
    (names defined beside an acronym are found in every language)."""
    return bool(load("body_names")["heads"].get(lang))


def folded_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as a Name holds them (``Name.words``)."""
    return tuple(word.casefold() for word in _TOKEN.findall(text))


def _plain(word: str) -> str:
    return word.replace("-", "").replace("’", "'")


def content_key(word: str, lang: str) -> str:
    folded = _plain(word.casefold())
    return stem(_language(lang).equivalent.get(folded, folded), lang)


def _is_head(folded: str, heads: tuple[str, ...], lang: str) -> bool:
    if lang in ("en",):
        return folded in heads
    if lang == "de":  # heads end compounds: Bundesministerium, Bundesamt
        return any(folded.endswith(head) for head in heads)
    return folded.startswith(heads)


def names_in(text: str, lang: str) -> list[Name]:
    """The names of bodies in one paragraph, left to right, none inside
    another."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    found = _defined_by_acronyms(text, tokens, lang)
    if knows(lang) and not _title_case(tokens, lang):
        if lang == "ru" or (lang not in ("en", "de", "kk") and lang in INFLECTED):
            found += _head_first(text, tokens, lang)
        elif lang == "kk":
            found += _head_last(text, tokens, lang)
        else:
            found += _capitalised(text, tokens, lang)
    return _outermost(found)


def _outermost(names: list[Name]) -> list[Name]:
    """Names in order, a name inside an earlier-kept one dropped (an
    acronym's long form and the capitalised phrase are often one span)."""
    kept: list[Name] = []
    for name in sorted(names, key=lambda n: (n.start, -n.end)):
        if not kept or name.start >= kept[-1].end:
            kept.append(name)
    return kept


def _title_case(tokens, lang: str) -> bool:
    """A headline in title case capitalises every word, even "Of" and
    "And": its capitalised phrases are not names."""
    connectors = _language(lang).connectors
    words = [w for _, _, w in tokens if w[:1].isalpha()]
    return (
        len(words) >= 4
        and all(w[:1].isupper() for w in words if len(w) >= 4)
        and any(w[:1].isupper() and w.casefold() in connectors for w in words[1:])
    )


def _name(text, tokens, first: int, last: int, lang: str, bounded: bool) -> Name | None:
    """The Name of ``tokens[first..last]`` (inclusive), if it holds enough
    content words."""
    language = _language(lang)
    words = tuple(w.casefold() for _, _, w in tokens[first : last + 1])
    content: list[str] = []
    head = -1
    for word in words:
        if word in language.function_words:
            continue
        if head < 0 and language.heads and _is_head(word, language.heads, lang):
            head = len(content)
        content.append(content_key(word, lang))
    if len(content) < MIN_CONTENT_WORDS:
        return None
    return Name(tokens[first][0], tokens[last][1], words, tuple(content), head, bounded)


def _only_spaces(text: str, a: int, b: int) -> bool:
    return not text[a:b].strip(" \u00a0")


def _capitalised(text, tokens, lang) -> list[Name]:
    """English and German: capitalised phrases holding a head word, cut to
    the name proper (``_core``)."""
    language = _language(lang)
    names: list[Name] = []
    i = 0
    while i < len(tokens):
        j = i
        if _capital(tokens[i][2]):
            while j + 1 < len(tokens) and _only_spaces(text, tokens[j][1], tokens[j + 1][0]):
                word = tokens[j + 1][2]
                if not (_capital(word) or word in language.connectors):
                    break
                j += 1
        run = _core(tokens, i, j, language, lang) if j > i else None
        if run is None:
            i = j + 1
            continue
        first, last = run
        name = _name(text, tokens, first, last, lang, bounded=True)
        if name:
            names.append(name)
        i = last + 1
    return names


def _capital(word: str) -> bool:
    return word[:1].isupper() or ("-" in word and word.split("-", 1)[1][:1].isupper())


def _core(tokens, first: int, last: int, language: _Language, lang: str) -> tuple[int, int] | None:
    """The name proper inside the capitalised run ``tokens[first..last]``:
    modifiers, the first head word, and the complement after it up to a
    place ("… of the Republic of Korea") or a second "of". After modifiers
    ("National Bank of Kazakhstan") an "of" phrase is a place and the name
    ends at its head. None when the run holds no head."""
    words = [w.casefold() for _, _, w in tokens[first : last + 1]]
    head = next((k for k, w in enumerate(words) if _is_head(w, language.heads, lang)), None)
    if head is None:
        return None
    # the last head of a phrase of capitalised words: Astana Civil Service Hub
    for k in range(head + 1, len(words)):
        if words[k] in language.connectors:
            break
        if _is_head(words[k], language.heads, lang):
            head = k
    # the modifiers are the capitalised words just before the head: a
    # connector before them joins another name or a title (Chairman of the
    # Steering Committee), a possessive the sentence (Korea's Ministry of…)
    start = 0
    for k in range(head):
        if words[k] in language.connectors or words[k].endswith(("'s", "’s")):
            start = k + 1
    end = head
    after = words[head + 1] if head + 1 < len(words) else ""
    of_like = after in ("of", "in", "von", "des", "der")
    if after in language.connectors and after not in ("and", "und", "&") and not (of_like and head > start):
        end = head + 1
        while end + 1 < len(words):
            word = words[end + 1]
            if word in language.places or (word in ("of", "in", "von") and end > head + 1):
                break
            end += 1
    while end > head and words[end] in language.connectors:
        end -= 1
    while start < head and words[start] in language.connectors:
        start += 1
    return first + start, first + end


def _head_first(text, tokens, lang) -> list[Name]:
    """Russian: a capitalised head word and the lower-case words after it,
    up to a capitalised word (a place: "Республики Казахстан"), a mark of
    punctuation or the paragraph's end. A name whose end is not seen
    within a few words is not taken (it may run on into the sentence)."""
    language = _language(lang)
    names: list[Name] = []
    i = 0
    while i < len(tokens):
        word = tokens[i][2]
        if not (word[:1].isupper() and _is_head(word.casefold(), language.heads, lang)):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and j - i < MAX_COMPLEMENT and _only_spaces(text, tokens[j][1], tokens[j + 1][0]):
            if not tokens[j + 1][2].islower():
                break
            j += 1
        ends_seen = (
            j + 1 == len(tokens)
            or not tokens[j + 1][2].islower()
            or not _only_spaces(text, tokens[j][1], tokens[j + 1][0])
        )
        while j > i and tokens[j][2] in language.function_words:
            j -= 1
        name = _name(text, tokens, i, j, lang, bounded=False) if ends_seen else None
        if name:
            names.append(name)
        i = j + 1
    return names


def _head_last(text, tokens, lang) -> list[Name]:
    """Kazakh: a head word and the lower-case words before it back to a
    capitalised one ("Ішкі істер министрлігі")."""
    language = _language(lang)
    names: list[Name] = []
    for i, (_, _, word) in enumerate(tokens):
        if not _is_head(word.casefold(), language.heads, lang):
            continue
        j = i
        while j > 0 and i - j < MAX_COMPLEMENT and _only_spaces(text, tokens[j - 1][1], tokens[j][0]):
            j -= 1
            if tokens[j][2][:1].isupper():
                break
        if tokens[j][2][:1].isupper():
            name = _name(text, tokens, j, i, lang, bounded=False)
            if name:
                names.append(name)
    return names


def _defined_by_acronyms(text, tokens, lang) -> list[Name]:
    """Long forms defined beside an acronym: ``Long Name (ACR)`` and
    ``ACR (Long Name)``, found as Schwartz and Hearst find them: the
    acronym's letters stand in order in the long form, its first letter
    starting the long form's first word."""
    names: list[Name] = []
    if "(" not in text:
        return names
    starts = {start: k for k, (start, _, _) in enumerate(tokens)}
    ends = {end: k for k, (_, end, _) in enumerate(tokens)}
    for match in _ACRONYM_IN_BRACKETS.finditer(text):
        acronym = match.group(1)
        before = text[: match.start()].rstrip(" \u00a0")
        last = ends.get(len(before))
        if last is None:
            continue
        first = _long_form_start(tokens, last, acronym)
        if first is not None:
            name = _name(text, tokens, first, last, lang, bounded=True)
            if name:
                names.append(name)
    for match in _BRACKETS_AFTER_ACRONYM.finditer(text):
        inner = match.group(2)
        lead = len(inner) - len(inner.lstrip())
        first = starts.get(match.start(2) + lead)
        last = ends.get(match.start(2) + len(inner.rstrip()))
        if (
            first is None
            or last is None
            or _long_form_start(tokens[first : last + 1], last - first, match.group(1)) != 0
        ):
            continue
        name = _name(text, tokens, first, last, lang, bounded=True)
        if name:
            names.append(name)
    return names


def _long_form_start(tokens, last: int, acronym: str) -> int | None:
    """The first token of the shortest run of words ending at ``last``
    whose letters hold the acronym's in order, the first one starting its
    first word; None if no run of at most ``len(acronym) + 5`` words does."""
    letters = acronym.casefold().replace("&", "")
    for first in range(last, max(-1, last - len(letters) - 5), -1):
        words = [w.casefold() for _, _, w in tokens[first : last + 1]]
        if words[0][:1] == letters[0] and _holds_in_order(" ".join(words)[1:], letters[1:]):
            return first
    return None


def _holds_in_order(text: str, letters: str) -> bool:
    at = 0
    for letter in letters:
        at = text.find(letter, at) + 1
        if at == 0:
            return False
    return True
