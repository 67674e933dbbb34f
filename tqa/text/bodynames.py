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
    find_head: regex.Pattern  # where a head word stands (_head_pattern)
    connectors: frozenset[str]
    function_words: frozenset[str]
    equivalent: dict[str, str]  # word -> the first word of its group
    places: frozenset[str]


_NOT_AFTER_WORD = r"(?<![\p{L}\p{M}\p{N}'’-])"
_NOT_BEFORE_LETTER = r"(?![\p{L}\p{M}\p{N}])"


@lru_cache(maxsize=32)
def _language(lang: str) -> _Language:
    data = load("body_names")
    equivalent = {}
    for group in data["equivalents"].get(lang, []):
        for word in group:
            equivalent[_plain(word.casefold())] = _plain(group[0].casefold())
    heads = tuple(h.casefold() for h in data["heads"].get(lang, []))
    connectors = frozenset(data["connectors"].get(lang, []))
    return _Language(
        heads,
        _head_pattern(heads, lang),
        connectors,
        frozenset(data["function_words"].get(lang, [])),
        equivalent,
        frozenset(p.casefold() for p in data["places"].get(lang, [])),
    )


def _head_pattern(heads: tuple[str, ...], lang: str) -> regex.Pattern:
    """Where a head word stands: a capitalised English word (Ministry),
    the end of a German compound (Bundesministerium), the start of a
    Russian or Kazakh word in any case form (Министерства, министрлігі)."""
    capitalised = [h[:1].upper() + h[1:] for h in heads]
    if lang == "en":
        starts, before, after = capitalised, _NOT_AFTER_WORD, _NOT_BEFORE_LETTER
    elif lang == "de":
        starts, before, after = capitalised + list(heads), "", _NOT_BEFORE_LETTER
    else:
        starts, before, after = capitalised + list(heads), _NOT_AFTER_WORD, ""
    alternation = "|".join(map(regex.escape, sorted(set(starts), key=len, reverse=True))) or "(?!)"
    return regex.compile(f"{before}(?:{alternation}){after}")


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


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words of ``text[start:end]``, with offsets
    in ``text``: only the few places where a name may stand are read word
    by word."""
    end = len(text) if end is None else min(end, len(text))
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    # a word the window cuts is not read in part
    if tokens and tokens[0][0] == start > 0 and _TOKEN.match(text, start - 1):
        del tokens[0]
    if tokens and tokens[-1][1] == end < len(text) and _TOKEN.match(text, end):
        del tokens[-1]
    return tokens


def names_in(text: str, lang: str) -> list[Name]:
    """The names of bodies in one paragraph, left to right, none inside
    another."""
    language = _language(lang)
    found = _defined_by_acronyms(text, lang) if "(" in text else []
    if language.heads:
        if lang == "kk":
            found += _head_last(text, lang)
        elif lang in INFLECTED and lang != "de":
            found += _head_first(text, lang)
        else:
            found += _capitalised(text, lang)
    return _outermost(found)


def _outermost(names: list[Name]) -> list[Name]:
    """Names in order, a name inside an earlier-kept one dropped (an
    acronym's long form and the capitalised phrase are often one span)."""
    kept: list[Name] = []
    for name in sorted(names, key=lambda n: (n.start, -n.end)):
        if not kept or name.start >= kept[-1].end:
            kept.append(name)
    return kept


_LOWER_CASE_WORD = regex.compile(_NOT_AFTER_WORD + r"\p{Ll}[\p{L}\p{M}]{3}")


def _title_case(text: str, lang: str) -> bool:
    """A headline in title case capitalises every word, even "Of" and
    "And": its capitalised phrases are not names."""
    if _LOWER_CASE_WORD.search(text):
        return False  # prose: a lower-case word of four letters or more (most paragraphs, early)
    connectors = _language(lang).connectors
    words = [w for _, _, w in _tokens(text) if w[:1].isalpha()]
    return len(words) >= 4 and any(w[:1].isupper() and w.casefold() in connectors for w in words[1:])


def _name(tokens, first: int, last: int, lang: str, bounded: bool) -> Name | None:
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


def _capitalised(text: str, lang: str) -> list[Name]:
    """English and German: the capitalised phrase around each head word,
    cut to the names proper (``_core``)."""
    language = _language(lang)
    names: list[Name] = []
    reach = 0  # the end of the last phrase read
    for match in language.find_head.finditer(text):
        if match.start() < reach:
            continue
        window = max(0, match.start() - _BEFORE_HEAD), min(len(text), match.end() + _AFTER_HEAD)
        tokens = _tokens(text, *window)
        at = next(k for k, token in enumerate(tokens) if token[1] >= match.end())
        first, last = _phrase(text, tokens, at, language)
        reach = tokens[last][1]
        if first == last:
            continue
        if _title_case(text, lang):
            return []
        # a phrase that runs to the window's edge may go on: its words are not compared one by one
        whole = not (first == 0 < window[0] or last == len(tokens) - 1 and window[1] < len(text))
        while first <= last:
            core = _core(tokens, first, last, language, lang)
            if core is None:
                break
            name = _name(tokens, core[0], core[1], lang, bounded=whole)
            if name:
                names.append(name)
            first = core[1] + 1
    return names


def _phrase(text: str, tokens, at: int, language: _Language) -> tuple[int, int]:
    """The run of capitalised words and connectors around ``tokens[at]``,
    joined by spaces only."""

    def joins(k: int) -> bool:
        word = tokens[k][2]
        return _capital(word) or word in language.connectors

    first = last = at
    while first > 0 and _only_spaces(text, tokens[first - 1][1], tokens[first][0]) and joins(first - 1):
        first -= 1
    while last + 1 < len(tokens) and _only_spaces(text, tokens[last][1], tokens[last + 1][0]) and joins(last + 1):
        last += 1
    while first < at and not _capital(tokens[first][2]):
        first += 1
    return first, last


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


# characters around a head word or before an acronym where its name may stand
_WINDOW = 200
_BEFORE_HEAD, _AFTER_HEAD = 80, 120  # English and German: modifiers before the head, a complement after


def _head_first(text: str, lang: str) -> list[Name]:
    """Russian: a capitalised head word and the lower-case words after it,
    up to a capitalised word (a place: "Республики Казахстан"), a mark of
    punctuation or the paragraph's end. A name whose end is not seen
    within a few words is not taken (it may run on into the sentence)."""
    language = _language(lang)
    names: list[Name] = []
    reach = 0
    for match in language.find_head.finditer(text):
        if match.start() < reach or not text[match.start()].isupper():
            continue
        tokens = _tokens(text, match.start(), match.start() + _WINDOW)
        j = 0
        while j + 1 < len(tokens) and j < MAX_COMPLEMENT and _only_spaces(text, tokens[j][1], tokens[j + 1][0]):
            if not tokens[j + 1][2].islower():
                break
            j += 1
        ends_seen = (
            tokens[j][1] >= len(text.rstrip())
            or j + 1 < len(tokens)
            and (not tokens[j + 1][2].islower() or not _only_spaces(text, tokens[j][1], tokens[j + 1][0]))
        )
        while j > 0 and tokens[j][2] in language.function_words:
            j -= 1
        name = _name(tokens, 0, j, lang, bounded=False) if ends_seen else None
        if name:
            names.append(name)
        reach = tokens[j][1]
    return names


def _head_last(text: str, lang: str) -> list[Name]:
    """Kazakh: a head word and the lower-case words before it back to a
    capitalised one ("Ішкі істер министрлігі")."""
    language = _language(lang)
    names: list[Name] = []
    for match in language.find_head.finditer(text):
        head = _TOKEN.match(text, match.start())
        tokens = _tokens(text, max(0, match.start() - _WINDOW), head.end() if head else match.end())
        i = j = len(tokens) - 1
        while j > 0 and i - j < MAX_COMPLEMENT and _only_spaces(text, tokens[j - 1][1], tokens[j][0]):
            j -= 1
            if tokens[j][2][:1].isupper():
                break
        if tokens[j][2][:1].isupper():
            name = _name(tokens, j, i, lang, bounded=False)
            if name:
                names.append(name)
    return names


def _defined_by_acronyms(text: str, lang: str) -> list[Name]:
    """Long forms defined beside an acronym: ``Long Name (ACR)`` and
    ``ACR (Long Name)``, found as Schwartz and Hearst find them: the
    acronym's letters stand in order in the long form, its first letter
    starting the long form's first word."""
    names: list[Name] = []
    for match in _ACRONYM_IN_BRACKETS.finditer(text):
        acronym = match.group(1)
        before = len(text[: match.start()].rstrip(" \u00a0"))
        tokens = _tokens(text, max(0, before - _WINDOW), before)
        if not tokens or tokens[-1][1] != before:
            continue
        last = len(tokens) - 1
        first = _long_form_start(tokens, last, acronym)
        if first is not None and _names_a_body(tokens[first : last + 1], lang):
            name = _name(tokens, first, last, lang, bounded=True)
            if name:
                names.append(name)
    for match in _BRACKETS_AFTER_ACRONYM.finditer(text):
        tokens = _tokens(text, match.start(2), match.end(2))
        if not tokens or text[match.start(2) : tokens[0][0]].strip() or text[tokens[-1][1] : match.end(2)].strip():
            continue  # the brackets hold more than words
        last = len(tokens) - 1
        if _long_form_start(tokens, last, match.group(1)) != 0 or not _names_a_body(tokens, lang):
            continue
        name = _name(tokens, 0, last, lang, bounded=True)
        if name:
            names.append(name)
    return names


def _names_a_body(tokens, lang: str) -> bool:
    """Could this acronym's long form name a body? It is capitalised, and
    in English every main word is: "Version control system (VCS)" at the
    start of a sentence names a thing."""
    capitals = sum(_capital(word) for _, _, word in tokens)
    return _capital(tokens[0][2]) and (lang != "en" or capitals >= 2)


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
