"""TQA402 near-variant: Name close to, but not the same as, a glossary name (``Ministry of the Internal and Safety``)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

import regex

from ...text.fuzzy import fuzz
from ...text.scripts import WORD, folded_words_of, words_of
from .. import Option, rule

_STEMMED_LANGS = {"ru", "kk", "uk", "ky", "tg", "be", "uz", "tr", "de"}


def _stem(word: str, lang: str) -> str:
    """A crude stem for inflected languages, so that a case ending
    (Министерства / Министерство) is not a different name."""
    if lang in _STEMMED_LANGS and len(word) > 5:
        return word[:max(4, len(word) - 3)]
    return word


def _key(words: list[str], lang: str) -> str:
    return " ".join(_stem(w.casefold(), lang) for w in words)


@rule("TQA402", "near-variant", "terminology", "warning", options={"threshold": Option(
          float, 85.0, "how close a phrase must come to a known name to be its variant", bounds=(0, 100))},
      hides_inside=False)
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
    known, anchors, first_stems, starts_window = index
    threshold = ctx.options["threshold"]
    for segment in article.prose:
        if not starts_window.search(segment.text.casefold()):
            continue  # no target's first word: no window to score (most paragraphs)
        words, folded = words_of(segment.text), folded_words_of(segment.text)
        stems = [_stem(word, lang) for word in folded] if lang in _STEMMED_LANGS else folded
        # where each first word stands: a name starts with its first word,
        # so only those places can start a window (most words start none)
        places = defaultdict(list)
        for index in [index for index, stem in enumerate(stems) if stem in first_stems]:
            places[stems[index]].append(index)
        reported_until = -1
        # a window holds several anchor words and may stand for several
        # targets: it is read once, and scored once per target
        windows: dict[tuple[int, int], str | None] = {}
        verdicts: dict[tuple[int, int, int], float | None] = {}
        for i in [i for i, stem in enumerate(stems) if stem in anchors]:  # few words are anchors
            for number, entry, target_key, canonical, first_stem, n in anchors[stems[i]]:
                best = None
                first = places.get(first_stem, ())
                nearest = bisect.bisect_left(first, max(0, i - n - 1, reported_until + 1))
                if nearest == len(first) or first[nearest] > i:
                    continue  # the target's first word starts no window around this word
                for size in ((n - 1, n, n + 1, n + 2) if n >= 4 else (n, n + 1, n + 2)):
                    if size < 3:
                        continue
                    low, high = max(0, i - size + 1, reported_until + 1), min(i, len(words) - size)
                    for start in first[bisect.bisect_left(first, low):bisect.bisect_right(first, high)]:
                        place = (number, start, size)
                        if place not in verdicts:
                            if (start, size) not in windows:
                                windows[start, size] = _window_key(segment.text, words, stems, start, size, known)
                            verdicts[place] = _score(windows[start, size], target_key)
                        score = verdicts[place]
                        if score is None:
                            continue  # not a whole name
                        if score < 0:
                            best = None  # a known name, or a known name with a neighbour
                            break
                        if score >= threshold and (best is None or score > best[0]):
                            best = (score, start, start + size)
                    else:
                        continue
                    break
                if best:
                    score, first, last = best
                    s, e = words[first][0], words[last - 1][1]
                    yield segment.problem(s, e, f"{segment.text[s:e]!r} looks like a variant of {canonical!r} "
                                                f"({entry.id}, {score:.0f}% alike)", canonical)
                    reported_until = last - 1
                    break


_KNOWN = ""  # the key of a window that is a known name (or one with a neighbour); real keys have words


def _window_key(text, words, stems, start, size, known) -> str | None:
    """The key (the paragraph's ``stems``, case-folded) of
    ``words[start:start+size]``; None when the window cannot be a whole
    name, ``_KNOWN`` when it is a known name or a known name with a
    neighbour."""
    if not _plausible(text, words, start, size):
        return None
    stems = stems[start:start + size]
    # a known name, or one with neighbours: some run of the window's words is known
    if any(" ".join(stems[a:b]) in known for a in range(size) for b in range(a + 1, size + 1)):
        return _KNOWN
    return " ".join(stems)


def _score(key: str | None, target_key: str) -> float | None:
    """How alike a window and a target name are (0–100); None when the
    window cannot be a whole name, -1 when it is a known one."""
    if key is None:
        return None
    if key == _KNOWN:
        return -1
    scorers = fuzz()
    return max(scorers.ratio(key, target_key), scorers.token_sort_ratio(key, target_key))


def _plausible(text, words, start, size) -> bool:
    """Could ``words[start:start+size]`` be a whole name? It starts and ends
    with a capital, holds no punctuation, and is not the tail of a longer
    name ("State Agency for…"). (Windows start only at a target's first
    word, so "Deputy Minister of…" is a person, not the ministry.)"""
    window = words[start:start + size]
    if not (window[0][2][:1].isupper() and window[-1][2][:1].isupper()):
        return False
    if any(text[a[1]:b[0]].strip() for a, b in zip(window, window[1:])):
        return False
    if start > 0 and words[start - 1][2][:1].isupper() and not text[words[start - 1][1]:window[0][0]].strip():
        before = text[:words[start - 1][0]].rstrip()
        if before and before[-1] not in ".!?:;\"“«":
            return False
    return True


class _VariantIndex(NamedTuple):
    known: set[str]  # keys of every known form
    anchors: dict  # stem of a target's word of 4+ letters -> [(number, entry, key, canonical, first stem, words)]
    first_stems: frozenset[str]  # stems of those targets' first words: a window starts with one
    starts_window: regex.Pattern  # where a word of casefolded text is (or, stemmed, begins with) a first stem


@lru_cache(maxsize=64)
def _variant_index(entries, lang) -> _VariantIndex | None:
    """What near-variant compares paragraphs with, once per glossary and
    language; None when no name is long enough to have variants."""
    known, targets = set(), []
    for entry in entries:
        canonical = entry.names.get(lang)
        forms = ([canonical] if canonical else []) + entry.allowed.get(lang, []) + entry.forbidden.get(lang, [])
        for form in forms:
            form_words = WORD.findall(form)
            known.add(_key(form_words, lang))
            if canonical and len(form_words) >= 3 and form not in entry.forbidden.get(lang, []):
                targets.append((entry, form_words, canonical))
    if not targets:
        return None
    anchors = defaultdict(list)
    for number, (entry, target_words, canonical) in enumerate(targets):
        first_stem = _stem(target_words[0].casefold(), lang)
        for word in target_words:
            if len(word) >= 4:
                anchors[_stem(word.casefold(), lang)].append(
                    (number, entry, _key(target_words, lang), canonical, first_stem, len(target_words)))
    first_stems = frozenset(anchor[4] for found in anchors.values() for anchor in found)
    stems = sorted({_stem(words[0].casefold(), lang) for _, words, _ in targets}, key=len, reverse=True)
    # a stem starts a word; where words are not stemmed it is the whole word
    # (so the first word "E" of "E-Government" is not every word in e-)
    whole = "" if lang in _STEMMED_LANGS else r"(?![\p{L}\p{M}]|['’ʼ][\p{L}\p{M}])"
    starts_window = regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(regex.escape(s) for s in stems) + ")" + whole)
    return _VariantIndex(known, dict(anchors), first_stems, starts_window)
