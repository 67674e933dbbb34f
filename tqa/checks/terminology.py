"""Consistent names for bodies: glossary terms, near variants, acronyms that
drift between expansions, and British/American spelling mixed.

Glossaries are YAML files (see ``tqa.glossary``) named in config
(``glossaries = [...]``) or with ``--glossary``.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from functools import lru_cache
from typing import NamedTuple

import regex

from ..fuzzy import fuzz
from ..model import Problem
from ..resources import load
from ..scripts import WORD, folded_words_of, words_of
from . import rule

_STEMMED_LANGS = {"ru", "kk", "uk", "ky", "tg", "be", "uz", "tr", "de"}


def _boundary(term: str) -> str:
    escaped = regex.escape(term).replace(r"\ ", r"\s+").replace("’", "['’]").replace("'", "['’]")
    return rf"(?<![\p{{L}}\p{{N}}-]){escaped}(?![\p{{L}}\p{{N}}-])"


@lru_cache(maxsize=256)
def _term_pattern(terms: tuple[str, ...]) -> regex.Pattern:
    ordered = sorted(set(terms), key=len, reverse=True)
    return regex.compile("|".join(_boundary(t) for t in ordered), regex.IGNORECASE | regex.V1)


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


@rule("TQA401", "forbidden-term", "terminology", "error", specificity=70, hides_inside=False)
def forbidden_term(article, ctx):
    """Name listed as forbidden in a glossary (``Ministry of Internal Affairs and Security``).

    The suggestion is the glossary's canonical name for the article's
    language.

    Fails (en):
        The Ministry of Internal Affairs and Security of the Republic of Korea joined.

    Passes (en):
        The Ministry of the Interior and Safety of the Republic of Korea joined.
    """
    entries = ctx.glossary.for_article(ctx.lang, ctx.document.path) if ctx.glossary else []
    by_term = {}
    for entry in entries:
        canonical = entry.names.get(ctx.lang or "")
        for term in entry.forbidden.get(ctx.lang or "", []):
            by_term[_fold(term)] = (entry, canonical)
    if not by_term:
        return
    pattern = _term_pattern(tuple(by_term))
    for segment in article.prose:
        # a match, folded as the terms are (case, spaces, apostrophes), stands
        # in the folded text: most paragraphs hold no term, settled without
        # the pattern
        folded = _fold(segment.text)
        if not any(term in folded for term in by_term):
            continue
        for match in pattern.finditer(segment.text):
            entry, canonical = by_term[_fold(match.group())]
            hint = f"; use {canonical!r}" if canonical else ""
            yield segment.problem(match.start(), match.end(),
                                  f"{match.group()!r} is a forbidden name for {entry.id}{hint} ({entry.source})",
                                  canonical)


# ----------------------------------------------------------------------------
def _stem(word: str, lang: str) -> str:
    """A crude stem for inflected languages, so that a case ending
    (Министерства / Министерство) is not a different name."""
    if lang in _STEMMED_LANGS and len(word) > 5:
        return word[:max(4, len(word) - 3)]
    return word


def _key(words: list[str], lang: str) -> str:
    return " ".join(_stem(w.casefold(), lang) for w in words)


@rule("TQA402", "near-variant", "terminology", "warning", options={"threshold": 85.0}, specificity=65,
      hides_inside=False)
def near_variant(article, ctx):
    """Name close to, but not the same as, a glossary name (``Ministry of the Internal and Safety``).

    Candidates are runs of words that start and end with a capital, start
    like the glossary name and hold no punctuation; they are scored with rapidfuzz (edit ratio
    and word-order-insensitive ratio, the higher). In Russian, Kazakh and
    other inflected languages words are compared by their stems, so a case
    ending is not a variant. Option ``threshold`` (0–100) sets how close.

    Fails (en):
        The Ministry of the Internal and Safety of Korea took part.
        The National Agency for the Information Society presented its work.

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


# ----------------------------------------------------------------------------
_ACRONYM = regex.compile(r"\((\p{Lu}[\p{Lu}\p{Ll}]*\p{Lu}[\p{Lu}\d&]*)\)")
_NAME_WORD = regex.compile(r"[\p{L}’'&-]+")


def expansion_before(text: str, paren: int, acronym: str) -> tuple[int, str] | None:
    """The name standing before ``(ACRONYM)`` at ``paren``: the longest run
    of words ending there that starts with a capital bearing the acronym's
    first letter and holds enough capitals to spell most of it."""
    words = list(_NAME_WORD.finditer(text, max(0, paren - 160), paren))
    if not words or text[words[-1].end():paren].strip():
        return None
    best = None
    capitals = 0
    for start in range(len(words) - 1, max(-1, len(words) - 13), -1):
        word = words[start].group()
        if word[:1].isupper():
            capitals += 1
        gap = text[words[start].end():words[start + 1].start()] if start + 1 < len(words) else ""
        if gap.strip(" \t\u00a0"):  # punctuation inside: the name cannot run on across it
            break
        if word[:1].isupper() and word[:1].casefold() == acronym[:1].casefold() and \
                capitals >= max(2, (len(acronym) + 1) // 2):
            best = start
    if best is None:
        return None
    start = words[best].start()
    return start, " ".join(text[start:paren].split())


def _acronym_uses(document, ctx) -> list[tuple[str, str, int, int, str | None]]:
    """The map step of acronym-drift, per file: (acronym, expansion, its
    start and end offsets, the article's language) of each ``Name (ACRONYM)``."""
    uses = []
    for article in document.articles:
        for segment in article.prose:
            if "(" not in segment.text:
                continue
            for match in _ACRONYM.finditer(segment.text):
                acronym = match.group(1)
                found = expansion_before(segment.text, match.start(), acronym)
                if found:
                    span = segment.problem(found[0], found[0] + len(found[1]), "")
                    uses.append((acronym, found[1], span.start, span.end, article.lang))
    return uses


@rule("TQA403", "acronym-drift", "terminology", "warning", scope="corpus", specificity=60,
      prepare=_acronym_uses, hides_inside=False)
def acronym_drift(documents, ctx):
    """One acronym introduced with different expansions (``Ministry of the Interior and Safety (MOIS)`` / ``Ministry of the Internal and Safety (MOIS)``).

    Needs no glossary: every ``Name (ACRONYM)`` in the run is collected, and
    the forms that differ from the most common one (or from the glossary's
    canonical name) are reported, pointing to it.

    Fails (en):
        A⏎⏎The Eurasian Economic Union (EAEU) met. The Eurasian Economic Union (EAEU) agreed.⏎⏎The Eurasian Economical Union (EAEU) said.

    Fails (de):
        A⏎⏎Die Europäische Zentralbank (EZB) und die Europäische Zentralbank (EZB) tagten.⏎⏎Die Europäische Zentrale Bank (EZB) sagte.

    Passes (en):
        A⏎⏎The Eurasian Economic Union (EAEU) met in Almaty; the EAEU agreed.
    """
    canonical_by_acronym = {}
    if ctx.glossary:
        for entry in ctx.glossary.entries:
            for acronym in entry.acronyms:
                canonical_by_acronym[acronym] = entry.names
    uses = defaultdict(list)  # acronym -> [(document, start, end, expansion, lang)]
    for document in documents:
        for acronym, expansion, start, end, lang in ctx.prepared.get(document.path) or ():
            uses[acronym].append((document, start, end, expansion, lang))
    for acronym, found in uses.items():
        folded = [_fold(use[3]) for use in found]
        forms = Counter(folded)
        if len(forms) < 2:
            continue
        lang_names = canonical_by_acronym.get(acronym, {})
        first_of = {}  # folded form -> (place in found, its first use)
        for place, (form, use) in enumerate(zip(folded, found)):
            first_of.setdefault(form, (place, use))
        # the most common form; among equals, the one met first
        common = max(first_of, key=lambda form: (forms[form], -first_of[form][0]))
        for (document, start, end, expansion, lang), form in zip(found, folded):
            majority = lang_names.get(lang or "") or first_of[common][1][3]
            if form == _fold(majority):
                continue
            first = first_of.get(_fold(majority))  # the majority form may be the glossary's, unused here
            related = ((first[1][0].path, first[1][1]),) if first else ()
            yield document, Problem(start, end, f"{acronym} is expanded as {expansion!r} here but as {majority!r} "
                                                f"elsewhere ({forms[_fold(majority)]}×)", majority, related)


# ----------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _spellings() -> tuple[dict[str, str], dict[str, str]]:
    gb_to_us = load("spelling_variants")["gb_to_us"]
    return gb_to_us, {us: gb for gb, us in gb_to_us.items()}


def _match_case(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@rule("TQA801", "spelling-variant", "spelling", "warning", options={"house-style": ""},
      choices={"house-style": ("", "en-GB", "en-US")})
def spelling_variant(article, ctx):
    """British and American spellings mixed in one article (``emphasised`` / ``emphasized``, ``programme`` / ``program``).

    Capitalised words are names and keep their official spelling
    (``United Nations Development Programme`` in American text). The
    minority spelling is reported with its counterpart; with option
    ``house-style = "en-GB"`` or ``"en-US"`` every spelling of the other
    style is. Pairs come from the SCOWL word lists (``data/spelling_variants.yaml``).

    Fails (en):
        The minister emphasised the role of the centre. The experts emphasized it twice and organised a visit.

    Passes (en):
        The minister emphasised the role of the centre and organised a visit.
        The minister emphasized the role of the center and organized a visit.
    """
    if (ctx.lang or "") != "en":
        return
    gb_to_us, us_to_gb = _spellings()
    found = []
    for segment in article.prose:
        # no variant here at all (the common case): the words case-folded
        # are the words lower-cased wherever that gives a listed (ASCII) word
        folded = set(folded_words_of(segment.text))
        if gb_to_us.keys().isdisjoint(folded) and us_to_gb.keys().isdisjoint(folded):
            continue
        words = words_of(segment.text)
        for start, end, word in words:
            if word[:1].isupper():
                continue  # names keep their own spelling: World Health Organization, Data Analysis Centre
            low = word.lower()
            if low in gb_to_us:
                found.append((segment, (start, end), "en-GB", _match_case(gb_to_us[low], word)))
            elif low in us_to_gb:
                found.append((segment, (start, end), "en-US", _match_case(us_to_gb[low], word)))
    styles = Counter(style for _, _, style, _ in found)
    house = ctx.options["house-style"]
    if house:
        wrong = "en-US" if house == "en-GB" else "en-GB"
    elif len(styles) == 2:
        wrong = "en-US" if styles["en-GB"] > styles["en-US"] else "en-GB"
        if styles["en-GB"] == styles["en-US"]:
            wrong = found[-1][2]  # a tie: the style that came last is the stray one
    else:
        return
    keep = "en-GB" if wrong == "en-US" else "en-US"
    for segment, (start, end), style, other in found:
        if style == wrong:
            reason = f"house style is {house}" if house else f"the article mostly uses {keep} spelling"
            yield segment.problem(start, end, f"{style} spelling {segment.text[start:end]!r}; {reason}", other)
