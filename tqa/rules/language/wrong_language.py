"""TQA501 wrong-language: Paragraph or sentence in another language than the article (an untranslated sentence)."""

from __future__ import annotations

import bisect
import itertools
from array import array
from functools import lru_cache
from operator import itemgetter
from typing import Callable

from ...text.languages import (
    MAX_IDENTIFIED,
    default_candidates,
    detection_text,
    get_detector,
    has_function_words,
    identify,
    identify_reduced,
    language_name,
    plain_words,
    sample_text,
)
from ...text.scripts import WORD, folded_words_of, words_of
from ...text.sentences import iter_sentence_spans
from .. import Option, rule


@rule(
    "TQA501",
    "wrong-language",
    "language",
    "warning",
    options={
        "detector": Option(str, "py3langid", "the language identifier", choices=("py3langid", "langdetect")),
        "candidates": Option(
            list, [], "the languages to choose among (empty: the target and the usual source languages)", items=str
        ),
        "min-paragraph-letters": Option(
            int, 60, "shorter paragraphs are not identified as a whole", bounds=(1, 100_000)
        ),
        "min-sentence-letters": Option(int, 30, "shorter sentences are not identified", bounds=(1, 100_000)),
        "min-words": Option(int, 4, "texts of fewer ordinary words are not identified", bounds=(1, 1_000)),
        "paragraph-confidence": Option(float, 0.9, "how sure the identifier must be of a paragraph", bounds=(0, 1)),
        "sentence-confidence": Option(float, 0.99, "how sure the identifier must be of a sentence", bounds=(0, 1)),
    },
)
def wrong_language(article, ctx):
    """Paragraph or sentence in another language than the article (an untranslated sentence).

    Identification chooses among the target language and the usual source
    languages (option ``candidates``; default: en, ru, kk, uz, ky, tg, tk,
    az, tr, uk, de, fr, es, it, zh, ja, ko, ar, fa, hy, ka). Option
    ``detector`` picks the backend: ``py3langid`` (default; covers Kazakh,
    Kyrgyz, Uzbek, Tajik…) or ``langdetect``. Names, acronyms and numbers
    are ignored; short sentences are skipped.

    Fails (en):
        The festival drew large crowds this year. ⟦Festival Samarqand shahrida boʻlib oʻtdi va unda ko'plab mehmonlar ishtirok etdi.⟧
        ⟦Соглашение охватывает обучение, исследования и учебные визиты для государственных служащих региона.⟧

    Fails (kk):
        Министрлік жаңа бағдарламаны бекітті. ⟦Соглашение охватывает обучение, исследования и учебные визиты для служащих.⟧

    Fails (ru):
        Министр выступил на форуме. ⟦The agreement covers training, research and study visits for civil servants of the region.⟧

    Passes (en):
        Alua Balkibayeva, Nasym Kyzaibai, and Karima Ibragimova won top honors, while Valentina Khalzova secured silver.
        The seminar was organized by the Astana Civil Service Hub and UNDP in Kazakhstan.

    Passes (de):
        Die Frau, die die Zeitung liest, kommt aus Zürich und arbeitet für das Astana Civil Service Hub.

    Passes (kk):
        Әлихан Бәйменов білім беру саласындағы өзгерістер туралы айтты және жаңа жобаларды таныстырды.
    """
    target = ctx.lang
    options = ctx.options
    if not target:
        return
    detector = get_detector(options["detector"])
    if target not in detector.supported():
        return
    pool = options["candidates"] or default_candidates(target)
    candidates = [c for c in dict.fromkeys([target, *pool]) if c in detector.supported()]
    shortest = min(options["min-sentence-letters"], options["min-paragraph-letters"])
    for segment in article.paragraphs:
        # fewer characters than letters needed: nothing to identify (most UI strings)
        if segment.kind not in ("paragraph", "title", "heading", "entry") or len(segment.text) < shortest:
            continue
        yield from _check_paragraph(segment, target, candidates, detector, options)


_sample = sample_text  # what is identified of a text longer than MAX_IDENTIFIED


def _plainly_all_target(text: str, starts: array, ends: array, target: str, candidates: tuple[str, ...]) -> bool:
    """Is every sentence (``starts`` and ``ends``) plainly in the target
    language by its function words, names and all? Then neither the
    paragraph nor a sentence can be in another language, and the identifier
    need not look (most prose)."""
    if not has_function_words(target):
        return not starts  # nothing to be plain by (most catalog languages): spare finding the words
    if len(text) > MAX_IDENTIFIED:
        # the words of the whole text at once would be a tuple per word of megabytes: a sentence at a time
        return all(
            plain_words(tuple(word.casefold() for word in WORD.findall(_sample(text[start:end]))), target, candidates)
            for start, end in zip(starts, ends)
        )
    words, folded = words_of(text), folded_words_of(text)
    for start, end in zip(starts, ends):
        low, high = bisect.bisect_left(words, start, key=_START), bisect.bisect_left(words, end, key=_START)
        if not plain_words(folded[low:high], target, candidates):
            return False
    return True


_START = itemgetter(0)  # of a (start, end, word) of words_of


def _check_paragraph(segment, target, candidates, detector, options):
    """One finding for a paragraph wholly in another language; otherwise
    one per sentence in another language."""
    text = segment.text
    # A paragraph may be a catalog string of megabytes: a quarter of a
    # million sentences, whose places, verdicts and reduced lengths are kept
    # in arrays, not as objects each.
    starts, ends = array("q"), array("q")
    for start, end in iter_sentence_spans(text):
        starts.append(start)
        ends.append(end)
    if _plainly_all_target(text, starts, ends, target, tuple(candidates)):
        return
    langs = []  # each sentence's verdict: a language and its probability, or None
    probabilities = array("d")
    lengths = array("q")  # of each sentence's reduced text
    kept = []  # the reduced texts, while joined they are not more than is identified
    joined_length, total_words = -1, 0
    for start, end in zip(starts, ends):
        reduced, words = detection_text(_sample(text[start:end]))
        lengths.append(len(reduced))
        joined_length += len(reduced) + 1
        if kept is not None and joined_length <= MAX_IDENTIFIED:
            kept.append(reduced)
        else:
            kept = None
        total_words += words
        found = identify_reduced(
            reduced, words, target, candidates, detector, options["min-sentence-letters"], options["min-words"]
        )
        langs.append(None if found is None else found[0])
        probabilities.append(0.0 if found is None else found[1])

    def sentences():
        """(start, end, verdict) of each sentence."""
        for start, end, lang, probability in zip(starts, ends, langs, probabilities):
            yield start, end, None if lang is None else (lang, probability)

    if kept is None:  # the sampled sentences' reduced texts made again
        part = lru_cache(maxsize=8)(lambda i: detection_text(_sample(text[starts[i] : ends[i]]))[0])
        reduced = _sample(_Joined(lengths, part))
    else:
        reduced = " ".join(kept)
    if len(starts) == 1:
        # the paragraph is its one sentence: reuse its verdict, at the paragraph's bar
        long_enough = len(reduced) - reduced.count(" ") >= options["min-paragraph-letters"]
        whole = next(sentences())[2] if long_enough else None
    else:
        whole = identify_reduced(
            reduced, total_words, target, candidates, detector, options["min-paragraph-letters"], options["min-words"]
        )
    if (
        whole
        and whole[0] != target
        and whole[1] >= options["paragraph-confidence"]
        and not _has_target_sentence(text, sentences(), target, candidates, detector)
    ):
        yield segment.problem(*_stripped(text), _message("paragraph", whole, target))
        return
    for start, end, found in sentences():
        if found and found[0] != target and found[1] >= options["sentence-confidence"]:
            yield segment.problem(start, end, _message("sentence", found, target))


def _stripped(text: str) -> tuple[int, int]:
    """Where ``text.lstrip()`` starts and ``text.rstrip()`` ends, without
    either copy of a catalog string of megabytes."""
    lead, trail = 0, len(text)
    while lead < len(text) and text[lead].isspace():
        lead += 1
    while trail and text[trail - 1].isspace():
        trail -= 1
    return lead, trail


class _Joined:
    """``" ".join(parts)`` as far as ``sample_text`` reads it (its length
    and slices), without the joined copy of a text of megabytes, nor the
    parts: their lengths, and ``part(i)`` makes part ``i`` again when a
    slice needs it."""

    def __init__(self, lengths: array, part: Callable[[int], str]) -> None:
        self.part, self.count = part, len(lengths)
        self.starts = array("q", itertools.accumulate((length + 1 for length in lengths[:-1]), initial=0))
        self.length = self.starts[-1] + lengths[-1] if lengths else 0

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, cut: slice) -> str:
        start, stop, _ = cut.indices(self.length)
        if start >= stop:
            return ""
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, stop - 1) - 1
        joined = " ".join(map(self.part, range(first, last + 1))) + (" " if last + 1 < self.count else "")
        return joined[start - self.starts[first] : stop - self.starts[first]]


def _has_target_sentence(text, sentences, target, candidates, detector) -> bool:
    """Is any sentence, even a short one, in the target language? Then the
    paragraph was translated and only some sentences were not."""
    for start, end, found in sentences:
        found = found or identify(_sample(text[start:end]), target, candidates, detector, 10, 3)
        if found and found[0] == target and found[1] >= 0.5:
            return True
    return False


def _message(what: str, found: tuple[str, float], target: str) -> str:
    lang, probability = found
    return (
        f"{what} seems to be in {language_name(lang)} ({probability:.0%} sure), "
        f"not {language_name(target)}: left untranslated?"
    )
