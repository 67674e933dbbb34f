"""TQA925 name-missing: Name of a person or place in the original with no transliterated counterpart in the translation."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import regex

from ...model import Article, Problem
from ...text.alignment import names_of, translated_name
from ...text.resources import load
from ...text.transliteration import latin, same_name
from .. import Context, rule
from ._shared import line_of_original, near_beads, pair_of

_WORD = regex.compile(r"\p{L}+(?:[-'’]\p{L}+)*")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_OPENING_QUOTES = "«„“\"'"


@rule("TQA925", "name-missing", "terminology", "warning", hides_inside=False)
def name_missing(article: Article, ctx: Context) -> Iterator[Problem]:
    """Name of a person or place in the original with no transliterated counterpart in the translation.

    For an original in Cyrillic letters (Russian, Kazakh) and a translation
    in Latin ones: each capitalised word inside a sentence of the original
    (the first word of a sentence is capitalised anyway) is looked for in
    the sentences of the translation that render it, transliterated the
    ways newsrooms write it (the passport's ``Tokayev``, the Kazakh Latin
    alphabet's ``Toqaev``, BGN/PCGN's ``Shymkent``; ``data/transliteration.yaml``)
    and in any case form of the original (``Тоқаевтың``, ``в Астане``).
    Names that are translated rather than transliterated (``Москва`` →
    ``Moscow``, ``Президент`` → ``President``) are in
    ``data/alignment.yaml``. A name the original repeats may become "he"
    once the translation has named it. The first word inside quotation
    marks (a title, often translated) is left out. An example gives the
    original before ``⇔``.

    Fails (en):
        Об этом заявил министр финансов Ерулан Жамаубаев. ⇔ ⟦This was stated by Finance Minister Yerlan Sadykov.⟧
        Кездесу Шымкентте өтті. ⇔ ⟦The meeting took place in Almaty.⟧

    Passes (en):
        Об этом заявил министр финансов Ерулан Жамаубаев. ⇔ This was stated by Finance Minister Yerulan Zhamaubayev.
        Кездесуге Тоқаев пен Смаилов қатысты. ⇔ Toqaev and Smailov attended the meeting.
        Делегация прибыла в Москву из Астаны. ⇔ The delegation arrived in Moscow from Astana.
        Делегация прибыла в Москву из Астаны. ⇔ Die Delegation kam aus Astana in Moskau an.
    """
    pair = pair_of(article, ctx)
    if pair is None:
        return
    alignment = pair.alignment
    source_text = " ".join(s.text for s in alignment.source)
    if not _CYRILLIC.search(source_text) or _cyrillic_share(" ".join(s.text for s in alignment.target)) > 0.2:
        return  # transliteration is from Cyrillic to Latin
    # a name is met again and again (in each bead near its sentence): what
    # was found of it is kept for the article
    words = [_WORD.findall(s.text) for s in alignment.target]
    near_cache: dict[tuple[str, int], bool] = {}
    anywhere: dict[str, bool] = {}
    mentions: dict[str, int] = {}
    source_names: list[str] | None = None
    for k, bead in enumerate(alignment.beads):
        if not bead.source or not bead.target:
            continue
        _, near_target = near_beads(pair, k)
        for i in bead.source:
            text = alignment.source[i].text
            for start, _end, word in names_of(text):
                if not _CYRILLIC.search(word) or len(word) < 3 or text[start - 1 : start] in _OPENING_QUOTES:
                    continue
                if _adjective().search(word):
                    continue  # Актюбинской области: the Aktobe region
                if any(_rendered_in(word, j, words, article.lang, near_cache) for j in near_target):
                    continue
                if word not in anywhere:
                    anywhere[word] = any(
                        _rendered_in(word, j, words, article.lang, near_cache) for j in range(len(words))
                    )
                if anywhere[word]:
                    if source_names is None:
                        source_names = [w for s in alignment.source for _, _, w in names_of(s.text)]
                    if word not in mentions:
                        mentions[word] = sum(1 for w in source_names if same_name(w, latin(word)))
                    if mentions[word] > 1:
                        continue  # named elsewhere; here "he", "the minister"
                j = bead.target[0]
                message = (
                    f"name {word} of the original (line {line_of_original(pair, i)}) is not in the translation"
                    f" (transliterated: {latin(word)})"
                )
                yield pair.target_problem(j, 0, len(alignment.target[j].text), message, [pair.source_place(i)])


@lru_cache(maxsize=1)
def _adjective():
    return regex.compile(load("alignment")["adjective_endings"])


def _rendered_in(word: str, j: int, words: list[list[str]], lang: str | None, cache: dict) -> bool:
    """Is ``word`` rendered in target sentence ``j`` (``words[j]``)?"""
    key = (word, j)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _rendered(word, words[j], lang)
    return found


def _rendered(word: str, words: list[str], lang: str | None) -> bool:
    """Is ``word`` rendered among ``words`` (of a sentence): translated
    (``Москвы`` → ``Moscow``, ``President``) or transliterated?"""
    renders = translated_name(word, lang)
    if renders is not None:
        wanted = {r.casefold() for r in renders}
        if any(w.casefold() in wanted for w in words):
            return True
        if any(" " in r and r.split()[0].casefold() in {w.casefold() for w in words} for r in renders):
            return True
    return any(same_name(word, w) for w in words if w[:1].isupper())


def _cyrillic_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if _CYRILLIC.match(ch)) / len(letters) if letters else 0.0
