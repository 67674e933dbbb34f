"""Aligning a translation with its original when nobody paired the
segments: two articles in paragraphs, paragraphs in sentences, sentences
paired many to many (1–1, 1–2, 2–1, 1–0, 0–1, 2–2, 1–3, 3–1) the way
Gale and Church paired them, with anchors that survive translation.

The cost of a bead (a group of sentences of the original with the group of
the translation that renders it) is

- how unlikely its lengths are for the language pair (Gale–Church: the
  translation's characters per character of the original are about
  normal around a ratio, ``data/alignment.yaml``);
- how rare its kind is (a sentence split in two is common in news
  translation, one left out rare);
- minus what the two sides share that translation keeps: numbers by value
  (``120`` of ``120 млрд`` and of ``120 billion``), acronyms, links,
  quotation marks, names (``Тоқаевтың`` and ``Tokayev``,
  ``tqa.text.transliteration``); a number or a link on one side only costs;
- paragraph edges: a bead that ends a paragraph on both sides is likelier,
  one that ends a paragraph on one side only a little less likely, since
  translators re-paragraph.

The path of least cost is found by dynamic programming in a band around
the diagonal, widened when the best path touches its edge: time is linear
in the length of the articles for a band of fixed width (``bench/align.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

import regex

from ..model import Article
from .quantities import quantities
from .resources import load
from .sentences import sentence_spans
from .transliteration import folded


@dataclass(frozen=True)
class Sentence:
    """A sentence of one side: its paragraph (index in the paragraphs
    aligned) and its place in that paragraph's text."""

    para: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Bead:
    """Sentences of the original (indexes) and of the translation that
    render each other; one side empty for an omission or an addition."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    cost: float

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass
class Alignment:
    source: list[Sentence]
    target: list[Sentence]
    beads: list[Bead] = field(default_factory=list)

    def target_of(self) -> list[int]:
        """For each sentence of the translation, the index of its bead."""
        owner = [0] * len(self.target)
        for k, bead in enumerate(self.beads):
            for j in bead.target:
                owner[j] = k
        return owner


def split_sentences(paragraphs: Sequence[str]) -> list[Sentence]:
    return [Sentence(p, s, e, text[s:e]) for p, text in enumerate(paragraphs) for s, e in sentence_spans(text)]


@lru_cache(maxsize=1)
def _settings() -> dict:
    return load("alignment")


@lru_cache(maxsize=1)
def _bead_costs() -> dict[tuple[int, int], float]:
    return {tuple(map(int, k.split("-"))): -math.log(v) for k, v in _settings()["beads"].items()}  # type: ignore[misc]


def length_ratio(source_lang: str | None, target_lang: str | None) -> float:
    return float(_settings()["length_ratio"].get(f"{source_lang}-{target_lang}", 1.0))


@lru_cache(maxsize=8)
def _translated_names(target_lang: str | None) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The table's stems by their first letter, longest first."""
    table = _settings()["translated_names"].get(target_lang or "en") or {}
    by_letter: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for stem, renders in sorted(((k, tuple(v)) for k, v in table.items()), key=lambda kv: -len(kv[0])):
        by_letter.setdefault(stem[:1], []).append((stem, renders))
    return {letter: tuple(stems) for letter, stems in by_letter.items()}


def translated_name(word: str, target_lang: str | None) -> tuple[str, ...] | None:
    """The target words a capitalised word of the original is translated
    by (``Москвы`` → ``Moscow``), when it is one the table knows."""
    for stem, renders in _translated_names(target_lang).get(word[:1], ()):
        if word.startswith(stem) and (len(word) - len(stem) <= 4 or stem.isupper() and word == stem):
            if stem.isupper() and word != stem:
                continue
            return renders
    return None


_URL = regex.compile(r"(?:https?://|www\.)[^\s<>\"'«»]+[^\s<>\"'«».,;:!?)]")
_ACRONYM = regex.compile(r"(?<![\p{L}\d])\p{Lu}{2,6}(?![\p{L}\d])")
_CAPITALISED = regex.compile(r"(?<![\p{L}\d'’-])\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)*")
_QUOTE = regex.compile(r"[«»“”„\"]")
_DIGIT = regex.compile(r"\d")


def names_of(text: str) -> list[tuple[int, int, str]]:
    """Capitalised words of ``text`` that are not the first word of it (the
    first is capitalised anyway): the candidate names."""
    found = []
    for match in _CAPITALISED.finditer(text):
        before = text[: match.start()].rstrip(" «\"“„'(—–-")
        if not before or before[-1] in ".!?:…":
            continue
        found.append((match.start(), match.end(), match.group()))
    return found


def _anchors(
    text: str, lang: str | None, target_lang: str | None, source_side: bool
) -> tuple[frozenset[str], frozenset[str]]:
    """(strong, weak) anchors of a sentence: strong ones (numbers, links)
    cost when one side lacks them, weak ones (names, acronyms, quotation
    marks) only count when shared."""
    strong = set()
    if _DIGIT.search(text):  # most sentences have no number
        for q in quantities(text, lang):
            if not q.spelled:
                for value in q.values:
                    strong.add("n" + _mantissa(value))
    if "/" in text or "www." in text:
        strong.update("u" + u.lower() for u in _URL.findall(text))
    weak = set()
    for acronym in _ACRONYM.findall(text):
        weak.add("a" + acronym)
        if source_side:
            renders = translated_name(acronym, target_lang)
            weak.update("a" + r for r in renders or ())
    for _, _, word in names_of(text):
        renders = translated_name(word, target_lang) if source_side else None
        if renders:
            weak.update("p" + folded(r)[:4] for r in renders)
        else:
            weak.add("p" + folded(word)[:4])
    if _QUOTE.search(text):
        weak.add("q")
    return frozenset(strong), frozenset(weak)


def _mantissa(value: str) -> str:
    """The digits of a value without the scale: 120 of 120 млрд and of 120
    billion alike (the alignment should hold where the number is wrong)."""
    if value.startswith("t"):
        return value
    return value.replace(".", "").strip("0") or "0"


class _Side:
    """What the cost of a bead reads of one side, computed once: for each
    group of up to ``most`` sentences ending at position ``i`` (its size
    ``d``), ``groups[i][d]`` is (characters, cost of the paragraph edges
    inside it, strong anchors, weak anchors)."""

    def __init__(self, sentences: list[Sentence], lang, target_lang, source_side: bool, most: int) -> None:
        self.n = n = len(sentences)
        prefix = [0]
        for s in sentences:
            prefix.append(prefix[-1] + len(s.text))
        self.prefix = prefix
        anchors = [_anchors(s.text, lang, target_lang, source_side) for s in sentences]
        # an edge at position i: sentence i-1 ends its paragraph
        self.edge = [True] + [i == n or sentences[i].para != sentences[i - 1].para for i in range(1, n + 1)]
        edges_before = [0]  # edges at positions 0..i-1
        for flag in self.edge:
            edges_before.append(edges_before[-1] + flag)
        empty: frozenset[str] = frozenset()
        self.groups: list[list[tuple[int, float, frozenset[str], frozenset[str]]]] = []
        for i in range(n + 1):
            row = [(0, 0.0, empty, empty)]
            for d in range(1, min(most, i) + 1):
                i0 = i - d
                strong = anchors[i0][0] if d == 1 else frozenset().union(*(a[0] for a in anchors[i0:i]))
                weak = anchors[i0][1] if d == 1 else frozenset().union(*(a[1] for a in anchors[i0:i]))
                inner = _INNER_EDGE * (edges_before[i] - edges_before[i0 + 1]) if d > 1 else 0.0
                row.append((prefix[i] - prefix[i0], inner, strong, weak))
            self.groups.append(row)


_SQRT2 = math.sqrt(2)
_BOTH_EDGES, _ONE_EDGE, _INNER_EDGE = -1.5, 0.6, 1.2
_STRONG_MATCH, _WEAK_MATCH, _STRONG_MISS = 1.2, 0.6, 0.8
_MOST_CREDITED = 4


def align_sentences(
    source: list[Sentence], target: list[Sentence], source_lang: str | None, target_lang: str | None
) -> Alignment:
    """The alignment of two lists of sentences (each knowing its paragraph)."""
    n, m = len(source), len(target)
    alignment = Alignment(source, target)
    if not n or not m:
        alignment.beads = [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
        return alignment
    most = max(max(kind) for kind in _bead_costs())
    src = _Side(source, source_lang, target_lang, True, most)
    tgt = _Side(target, target_lang, target_lang, False, most)
    prior_ratio = length_ratio(source_lang, target_lang)
    spread = float(_settings()["ratio_spread"])
    actual = tgt.prefix[-1] / max(src.prefix[-1], 1)
    ratio = actual if abs(actual / prior_ratio - 1) <= spread else prior_ratio
    variance = float(_settings()["variance"])
    # the diagonal follows a translation that splits sentences throughout;
    # an omission or a long addition moves the path off it, and a path that
    # touches the band's edge is looked for again in a band twice as wide
    width = 6
    while True:
        path, touched = _best_path(src, tgt, ratio, variance, width)
        if not touched or width >= max(n, m):
            break
        width *= 2
    alignment.beads = path
    return alignment


def _best_path(src: _Side, tgt: _Side, ratio: float, variance: float, width: int) -> tuple[list[Bead], bool]:
    """The path of least cost in a band of ``width`` around the diagonal,
    and whether it touches the band's edge. A bead's cost is

    - its kind's rarity; for a bead with both sides, Gale and Church's
      length cost (for a sentence left out or added, the rarity is the
      whole cost: the length cost on top made a merge with a neighbour,
      however unlikely its lengths, cheaper than the omission);
    - the paragraph edges it ends (both sides, one side) and holds inside;
    - anchors: shared strong ones credited, strong ones on one side only
      charged, shared weak ones credited (at most ``_MOST_CREDITED`` each).

    The cost is written out in the loop rather than called: it is computed
    for every cell and move of the band (most of the time of aligning)."""
    n, m = src.n, tgt.n
    moves = list(_bead_costs().items())
    inf = math.inf
    log, erfc, sqrt = math.log, math.erfc, math.sqrt
    lows, costs, back = [], [], []
    for i in range(n + 1):
        centre = i * m / n
        lo, hi = max(0, int(centre) - width), min(m, int(math.ceil(centre)) + width)
        lows.append(lo)
        costs.append([inf] * (hi - lo + 1))
        back.append([(0, 0)] * (hi - lo + 1))
    costs[0][0] = 0.0  # lows[0] is 0
    src_groups, tgt_groups, src_edge, tgt_edge = src.groups, tgt.groups, src.edge, tgt.edge
    for i in range(n + 1):
        lo, row, row_back = lows[i], costs[i], back[i]
        s_row, s_edge = src_groups[i], src_edge[i]
        for k in range(len(row)):
            j = lo + k
            if i == 0 and j == 0:
                continue
            t_row, t_edge = tgt_groups[j], tgt_edge[j]
            if s_edge and t_edge:
                edges = _BOTH_EDGES
            elif s_edge != t_edge:
                edges = _ONE_EDGE
            else:
                edges = 0.0
            best, best_move = inf, (0, 0)
            for (di, dj), prior in moves:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                pk = pj - lows[pi]
                previous = costs[pi]
                if pk < 0 or pk >= len(previous):
                    continue
                before = previous[pk]
                if before == inf:
                    continue
                ls, s_inner, s_strong, s_weak = s_row[di]
                lt, t_inner, t_strong, t_weak = t_row[dj]
                if not ls or not lt:
                    cost = prior
                else:
                    mean = (ls + lt / ratio) / 2
                    delta = abs(lt - ls * ratio) / sqrt((mean if mean > 1.0 else 1.0) * variance)
                    tail = erfc(delta / _SQRT2)
                    cost = prior - log(tail if tail > 1e-12 else 1e-12)
                if edges:
                    cost += edges
                if di > 1:
                    cost += s_inner
                if dj > 1:
                    cost += t_inner
                if di and dj:
                    if s_strong or t_strong:
                        shared = len(s_strong & t_strong)
                        cost -= _STRONG_MATCH * (shared if shared < _MOST_CREDITED else _MOST_CREDITED)
                        missed = len(s_strong) + len(t_strong) - 2 * shared
                        cost += _STRONG_MISS * (missed if missed < _MOST_CREDITED else _MOST_CREDITED)
                    if s_weak and t_weak:
                        common = len(s_weak & t_weak)
                        cost -= _WEAK_MATCH * (common if common < _MOST_CREDITED else _MOST_CREDITED)
                value = before + cost
                if value < best:
                    best, best_move = value, (di, dj)
            row[k], row_back[k] = best, best_move
    beads = []
    i, j = n, m
    touched = False
    while i or j:
        k = j - lows[i]
        if (k == 0 and j > 0) or (k == len(costs[i]) - 1 and j < m):
            touched = True
        di, dj = back[i][k]
        if (di, dj) == (0, 0):  # unreachable inside the band
            return [], True
        before = costs[i - di][j - dj - lows[i - di]]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)), costs[i][k] - before))
        i, j = i - di, j - dj
    beads.reverse()
    return beads, touched


def align_paragraphs(
    source: Sequence[str], target: Sequence[str], source_lang: str | None, target_lang: str | None
) -> Alignment:
    """The alignment of two texts given as their paragraphs."""
    return align_sentences(split_sentences(source), split_sentences(target), source_lang, target_lang)


def align_articles(original: Article, translation: Article) -> Alignment:
    """The alignment of two articles of the model: their paragraphs (titles,
    headings, paragraphs; ``Sentence.para`` indexes ``Article.paragraphs``)."""
    source = [s.text for s in original.paragraphs]
    target = [s.text for s in translation.paragraphs]
    return align_paragraphs(
        source, target, original.lang or guess_language(source), translation.lang or guess_language(target)
    )


_KAZAKH_LETTER = regex.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def guess_language(paragraphs: Sequence[str]) -> str | None:
    """The language of a text too short to be identified, as far as its
    letters tell: Kazakh's own letters, else Russian for Cyrillic; None for
    the rest (numbers are then read both ways)."""
    text = " ".join(paragraphs[:50])
    letters = [ch for ch in text if ch.isalpha()][:2000]
    if not letters:
        return None
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if cyrillic * 2 < len(letters):
        return None
    return "kk" if _KAZAKH_LETTER.search(text) else "ru"
