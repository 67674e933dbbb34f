"""TQA402 near-variant: Name close to, but not the same as, a glossary name (``Ministry of the Internal and Safety``)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

import regex

from ...text.bodynames import INFLECTED, stem
from ...text.fuzzy import fuzz
from ...text.memo import text_cache
from ...text.scripts import WORD, folded_words_of, words_of
from .. import Option, rule


def _key(words: list[str], lang: str) -> str:
    return " ".join(stem(_without_possessive(w.casefold()), lang) for w in words)


@rule(
    "TQA402",
    "near-variant",
    "terminology",
    "warning",
    options={
        "threshold": Option(
            float, 85.0, "how close a phrase must come to a known name to be its variant", bounds=(0, 100)
        )
    },
    hides_inside=False,
)
def near_variant(article, ctx):
    """Name close to, but not the same as, a glossary name (``Ministry of the Internal and Safety``).

    Candidates are runs of words that start and end with a capital, start
    like the glossary name and hold no punctuation; they are scored with rapidfuzz (edit ratio
    and word-order-insensitive ratio, the higher). In Russian, Kazakh and
    other inflected languages words are compared by their stems, so a case
    ending is not a variant. Option ``threshold`` (0–100) sets how close.

    Fails (en):
        The ⟦Ministry of the Internal and Safety⟧ of Korea took part. → Ministry of the Interior and Safety
        The ⟦National Agency for the Information Society⟧ presented its work. → National Information Society Agency

    Passes (en):
        The Ministry of the Interior and Safety and the Hub took part.
        The Ministry of Digital Development of the Kyrgyz Republic took part.
    Passes (ru):
        Представители Министерства внутренних дел и безопасности приняли участие.
    """
    if not ctx.glossary:
        return
    lang = ctx.lang or ""
    entries = ctx.glossary.for_article(lang, ctx.document.path)
    index = _variant_index(tuple(entries), lang)
    if index is None:
        return
    threshold = ctx.options["threshold"]
    for segment in article.prose:
        # a paragraph without a target's first word has no window to score (most paragraphs)
        if index.starts_window.search(segment.text):
            yield from _variants_in(segment, index, lang, threshold)


def _variants_in(segment, index: _VariantIndex, lang: str, threshold: float):
    """The problems of one paragraph, left to right. Each anchor word is
    tried against the targets that hold it, and the first variant found
    around it is reported; later windows start after that one, so that a
    phrase is reported once."""
    paragraph, anchors = _Paragraph(segment.text, index, lang), index.anchors
    floor = 0  # the first word a window may start at
    for i in [i for i, word in enumerate(paragraph.stems) if word in anchors]:  # few words are anchors
        for target in anchors[paragraph.stems[i]]:
            places = paragraph.places.get(target.first_stem)
            if not places:
                continue  # the target's first word is not in the paragraph (most targets)
            windows = _windows(places, i, target.size, floor, len(paragraph.words))
            best = _best_window(paragraph, target, windows, threshold)
            if best:
                yield _problem(segment, paragraph.words, target, best)
                floor = best[2]
                break


def _windows(places: list[int], i: int, size: int, floor: int, length: int) -> Iterator[tuple[int, int]]:
    """The windows (start, words) that could be a variant of a ``size``-word
    target around word ``i``: each starts at one of ``places`` (where the
    target's first word stands, in order) from word ``floor`` on, holds
    word ``i``, and is one word shorter (never under 3) to two longer than
    the target, as a variant may drop or add a word. Shortest first, then
    left to right."""
    nearest = bisect.bisect_left(places, max(floor, i - size - 1))
    if nearest == len(places) or places[nearest] > i:
        return  # the target's first word starts no window around this word
    for words in range(max(3, size - 1), size + 3):
        low, high = max(floor, i - words + 1), min(i, length - words)
        for start in places[bisect.bisect_left(places, low) : bisect.bisect_right(places, high)]:
            yield start, words


def _best_window(
    paragraph: _Paragraph, target: _Target, windows: Iterator[tuple[int, int]], threshold: float
) -> tuple[float, int, int] | None:
    """(score, start, end), in words, of the window most like ``target``,
    if one is ``threshold`` alike. None, too, as soon as a window is a known
    name or one with a neighbour: those words are a name of their own (or
    this one), not a misspelt target."""
    best = None
    for start, size in windows:
        key = paragraph.key(start, size)
        if key is None:
            continue  # not a whole name
        if key == _KNOWN:
            return None  # a known name, or a known name with a neighbour
        score = _likeness(key, target.key)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, start, start + size)
    return best


_UNREAD = object()  # not in a _Paragraph's memo yet (None is a value there)


class _Paragraph:
    """One paragraph as near-variant reads it: its words, their case-folded
    stems, where each target's first word stands, and the windows read so
    far: a window holds several anchor words and may stand for several
    targets, but is read once."""

    __slots__ = ("keys", "known", "places", "stems", "text", "words")

    def __init__(self, text: str, index: _VariantIndex, lang: str):
        self.text, self.known = text, index.known
        self.words, folded = words_of(text), [_without_possessive(word) for word in folded_words_of(text)]
        self.stems = [stem(word, lang) for word in folded] if lang in INFLECTED else folded
        self.places = _first_word_places(self.stems, index.first_stems)
        self.keys: dict[tuple[int, int], str | None] = {}

    def key(self, start: int, size: int) -> str | None:
        """``_window_key`` of the window ``words[start:start+size]``."""
        key = self.keys.get((start, size), _UNREAD)
        if key is _UNREAD:
            key = self.keys[start, size] = _window_key(self.text, self.words, self.stems, start, size, self.known)
        return key  # type: ignore[return-value]


def _without_possessive(word: str) -> str:
    """The word a possessive is made from: "the World Health
    Organization's report" names the Organization."""
    if word.endswith(("'s", "’s", "ʼs")) and len(word) > 3:
        return word[:-2]
    return word


def _first_word_places(stems, first_stems: frozenset[str]) -> dict[str, list[int]]:
    """Where each target's first word stands in the paragraph, in order: a
    name starts with its first word, so only those places can start a
    window (most words start none)."""
    places = defaultdict(list)
    for i in [i for i, word in enumerate(stems) if word in first_stems]:
        places[stems[i]].append(i)
    return places


def _problem(segment, words, target: _Target, best: tuple[float, int, int]):
    """The finding: the window from its first word's start to its last
    word's end, with the target's canonical name as the fix."""
    score, first, end = best
    s, e = words[first][0], words[end - 1][1]
    return segment.problem(
        s,
        e,
        f"{segment.text[s:e]!r} looks like a variant of {target.canonical!r} ({target.entry.id}, {score:.0f}% alike)",
        target.canonical,
    )


_KNOWN = ""  # the key of a window that is a known name (or one with a neighbour); real keys have words


def _window_key(text, words, stems, start, size, known) -> str | None:
    """The key (the paragraph's ``stems``, case-folded) of
    ``words[start:start+size]``; None when the window cannot be a whole
    name, ``_KNOWN`` when it is a known name or a known name with a
    neighbour."""
    if not _plausible(text, words, start, size):
        return None
    stems = stems[start : start + size]
    # a known name, or one with neighbours: some run of the window's words is known
    if any(" ".join(stems[a:b]) in known for a in range(size) for b in range(a + 1, size + 1)):
        return _KNOWN
    return " ".join(stems)


@text_cache(maxsize=4096)
def _likeness(key: str, target_key: str) -> float:
    """How alike a window's key and a target's are (0–100). Remembered for
    the file: a window is met once per target that holds its words, and a
    misspelt name recurs in other paragraphs."""
    scorers = fuzz()
    return max(scorers.ratio(key, target_key), scorers.token_sort_ratio(key, target_key))


def _plausible(text, words, start, size) -> bool:
    """Could ``words[start:start+size]`` be a whole name? It starts and ends
    with a capital, holds no punctuation, and is not the tail of a longer
    name ("State Agency for…"). (Windows start only at a target's first
    word, so "Deputy Minister of…" is a person, not the ministry.)"""
    window = words[start : start + size]
    if not (window[0][2][:1].isupper() and window[-1][2][:1].isupper()):
        return False
    if any(text[a[1] : b[0]].strip() for a, b in zip(window, window[1:])):
        return False
    if start > 0 and words[start - 1][2][:1].isupper() and not text[words[start - 1][1] : window[0][0]].strip():
        before = text[: words[start - 1][0]].rstrip()
        if before and before[-1] not in '.!?:;"“«':
            return False
    return True


class _Target(NamedTuple):
    """A form whose near variants are reported: a glossary name, or an
    allowed form of it, of 3 words or more."""

    entry: Any  # its glossary entry (the message names its id)
    key: str  # the _key of its words
    canonical: str  # the entry's name in the article's language: the suggestion
    first_stem: str  # stem of its first word: a window starts with one
    size: int  # how many words it has


class _VariantIndex(NamedTuple):
    """What near-variant compares a paragraph with (``_variant_index``)."""

    known: set[str]  # keys of every known form
    anchors: dict[str, list[_Target]]  # stem of a target's word of 4+ letters -> the targets holding it
    first_stems: frozenset[str]  # stems of those targets' first words: a window starts with one
    starts_window: regex.Pattern  # where a word of casefolded text is (or, stemmed, begins with) a first stem


@lru_cache(maxsize=64)
def _variant_index(entries, lang) -> _VariantIndex | None:
    """What near-variant compares paragraphs with, once per glossary and
    language; None when no name is long enough to have variants."""
    known, targets = _known_and_targets(entries, lang)
    if not targets:
        return None
    anchors = _anchors(targets, lang)
    first_stems = frozenset(target.first_stem for found in anchors.values() for target in found)
    return _VariantIndex(known, anchors, first_stems, _starts_window(targets, lang))


def _known_and_targets(entries, lang: str) -> tuple[set[str], list[tuple[Any, list[str], str]]]:
    """The keys of every form in the glossary (a window that is one is no
    variant), and the forms to find variants of, with their words and
    canonical name: names and allowed forms of 3 words or more (a forbidden
    form is another rule's finding, and a shorter name has too few words
    to tell a variant from another name)."""
    known, targets = set(), []
    for entry in entries:
        canonical = entry.names.get(lang)
        forms = ([canonical] if canonical else []) + entry.allowed.get(lang, []) + entry.forbidden.get(lang, [])
        for form in forms:
            form_words = WORD.findall(form)
            known.add(_key(form_words, lang))
            if canonical and len(form_words) >= 3 and form not in entry.forbidden.get(lang, []):
                targets.append((entry, form_words, canonical))
    return known, targets


def _anchors(targets, lang: str) -> dict[str, list[_Target]]:
    """The stem of each target word of 4 letters or more -> the targets
    holding it: a variant keeps some of those words, and only a paragraph
    word that is one is looked around (short words like "of" are in every
    other sentence)."""
    anchors = defaultdict(list)
    for entry, words, canonical in targets:
        target = _Target(entry, _key(words, lang), canonical, _key(words[:1], lang), len(words))
        for word in words:
            if len(word) >= 4:
                anchors[_key([word], lang)].append(target)
    return dict(anchors)


def _starts_window(targets, lang: str) -> regex.Pattern:
    """Where a word of a paragraph's case-folded text is (or, stemmed,
    begins with) a target's first word: a paragraph where it finds none has
    no window, and one search is cheaper than reading the words."""
    stems = sorted({stem(words[0].casefold(), lang) for _, words, _ in targets}, key=len, reverse=True)
    # a stem starts a word; where words are not stemmed it is the whole word
    # (so the first word "E" of "E-Government" is not every word in e-)
    whole = "" if lang in INFLECTED else r"(?![\p{L}\p{M}]|['’ʼ][\p{L}\p{M}])"
    # case-insensitive with full case folding, as casefold() reads: the text
    # is searched as it is (a folded copy of a 40 MB catalog string is 160 MB)
    return regex.compile(
        r"(?<![\p{L}\p{N}])(?:" + "|".join(regex.escape(s) for s in stems) + ")" + whole,
        regex.IGNORECASE | regex.FULLCASE | regex.V1,
    )
