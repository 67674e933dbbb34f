"""Repeated paragraphs and titles.

Paragraphs are compared after normalisation (case, spaces, quotes and
punctuation). Near copies are confirmed with chrF (``tqa.chrf``), scored in
both directions so that a cut-down copy of a paragraph (high in one
direction only) counts too; rapidfuzz picks the candidate pairs first, so
chrF runs only on pairs that can pass.

Thresholds, measured on the seed page (69 paragraphs, 2,346 pairs): the
repeated "In short / In a word" paragraph scores chrF 94 / 86 (the two
directions); the press-release boilerplate reworded across articles 78–83;
distinct paragraphs on the same topic at most 73, mostly under 60.
"""

from __future__ import annotations


import bisect
from array import array
from typing import NamedTuple

import regex

from ..chrf import similarity
from ..fuzzy import fuzz
from ..memo import text_cache
from ..model import PackedTexts, Problem
from ..nearduplicates import word_count, words
from . import rule

_PUNCT = regex.compile(r"[\p{P}\p{S}\s]")


class _Spaces(dict):
    """A ``str.translate`` table turning punctuation, symbols and spaces
    (``_PUNCT``) into a space and leaving other characters; each character
    is looked up once, when first met. (Faster than ``_PUNCT.sub`` on every
    paragraph.)"""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = value = " " if _PUNCT.match(char) else char
        return value


_SPACES = _Spaces()


@text_cache(maxsize=2048)  # a paragraph is compared by two rules, within and across articles
def normalized(text: str) -> str:
    """Text for comparison: case-folded, punctuation and quotes dropped,
    spaces collapsed."""
    return " ".join(filter(None, text.casefold().translate(_SPACES).split(" ")))


@text_cache(maxsize=4096)  # some 20 MB; a piece of confirmation work (nearduplicates._batch) reads up to 2,500 texts
def _word_set(text: str) -> frozenset[str]:
    return frozenset(words(text))


def may_be_similar(a: str, b: str, words_first: bool = False) -> bool:
    """Cheap prefilter: can these two pass the chrF test? rapidfuzz's
    edit-distance ratio, then word overlap (against the smaller set of
    words, so that a cut-down copy is not turned away for its length).

    The ratio goes first because it is the cheaper test: one C++ call on
    the two strings, where the overlap must split both into sets of words.
    On 10,000 articles the ratio turns away five pairs in six, and the
    confirmations take half the time they took the other way round.
    ``words_first`` turns the order round where the word sets are made
    anyway (duplicate-paragraph's cut-down test): an article with no near
    pair then never imports rapidfuzz (20 ms of a one-article run)."""
    # The ratio is 100·(1 - distance/(len(a)+len(b))), and the distance is
    # at least the difference in length: lengths alone rule out a fifth of
    # the pairs of an archive (in integers: 0.68 is not exact in floating point).
    if 200 * min(len(a), len(b)) < 68 * (len(a) + len(b)):
        return False
    if words_first:
        return _words_overlap(a, b) and _edit_ratio_passes(a, b)
    return _edit_ratio_passes(a, b) and _words_overlap(a, b)


def _edit_ratio_passes(a: str, b: str) -> bool:
    # On the seed page every pair with chrF >= 73 has an edit ratio >= 72,
    # and unrelated pairs with a ratio near 65 score chrF under 62.
    return fuzz().ratio(a, b) >= 68


def _words_overlap(a: str, b: str) -> bool:
    words_a, words_b = _word_set(a), _word_set(b)
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.5


def cut_down(a: str, b: str) -> bool:
    """Is the shorter text a near-verbatim excerpt of the longer one?"""
    short, long_ = sorted((a, b), key=len)
    if len(short) < 0.4 * len(long_):
        return False
    words = _word_set(short)
    if len(words & _word_set(long_)) < 0.9 * len(words):
        return False
    return fuzz().partial_ratio(short, long_) >= 95


def _comparable(article, min_words: int):
    """(index in the article's segments, segment, normalised text) of each
    paragraph long enough to compare."""
    for index, segment in enumerate(article.segments):
        # at least min_words words: splitting stops there (a paragraph has a hundred);
        # Chinese, Japanese and Thai write no spaces: their letters are counted
        if segment.kind == "paragraph" and segment.is_prose and \
                (len(segment.text.split(None, min_words - 1)) >= min_words or
                 word_count(segment.text) >= min_words):
            yield index, segment, normalized(segment.text)


def _trimmed(segment):
    text = segment.text
    return len(text) - len(text.lstrip()), len(text.rstrip())


@rule("TQA301", "duplicate-paragraph", "duplicate", "warning",
      options={"min-words": 8, "threshold": 85.0}, specificity=60, hides_inside=False)
def duplicate_paragraph(article, ctx):
    """Paragraph repeated in the same article, word for word or nearly (a few words changed, or cut down).

    The later copy is reported, pointing to the first; the fix deletes it.
    Option ``threshold`` is the chrF score (0–100, best direction) from which
    two paragraphs count as copies.

    Fails (en):
        Plastic⏎⏎In short, it is not enough for a package to be recyclable; it needs other measures to be green.⏎⏎In a word, it is not enough for a package to be recyclable; it needs other measures to be green. Will we follow?
        Offices⏎⏎The ministry opened a new office in Astana on Monday morning.⏎⏎The ministry opened a new office in Astana on Monday morning.

    Passes (en):
        Offices⏎⏎The ministry opened a new office in Astana on Monday morning.⏎⏎The agency closed its old office in Almaty on Friday evening after the audit.
    """
    threshold = ctx.options["threshold"]
    comparable = list(_comparable(article, ctx.options["min-words"]))
    norms = [norm for _, _, norm in comparable]
    # Each paragraph is reported against the first earlier paragraph it
    # copies, among those not reported themselves (they stand for their
    # first). Those earlier paragraphs copy none of each other, and whether
    # two paragraphs are copies depends on their texts alone; so a word-for-
    # word copy copies what the first paragraph of its text copies (or that
    # paragraph), and any other copy is among the candidates of the band
    # index (``tqa.nearduplicates``), which finds them in linear time.
    first_of_text: dict[str, int] = {}
    original: list[int | None] = []  # per paragraph: the one it copies, None when it copies none
    candidates = _WithinArticle(norms)
    for k, (_, segment, norm) in enumerate(comparable):
        first = first_of_text.setdefault(norm, k)
        if first != k:
            choices = [first if original[first] is None else original[first]]
        else:
            choices = sorted({c if original[c] is None else original[c] for c in candidates.of(k)})
        found = None
        for choice in choices:
            message = _copy_message(norm, norms[choice], threshold)
            if message:
                found = choice
                break
        original.append(found)
        if found is None:
            continue
        where = comparable[found][1]
        lead, trail = _trimmed(segment)
        yield segment.problem(lead, trail, message.format(line=_line(ctx, where)) + "; delete one of them", "",
                              related=[where.start])


MAX_COMPARED = 20_000  # characters (normalised): longer paragraphs are compared word for word only


def _copy_message(norm: str, first_norm: str, threshold: float) -> str | None:
    """How paragraph ``norm`` copies an earlier one (``{line}`` to fill
    in), or None when it does not."""
    # no test below passes when one is under 0.4 of the other's
    # length (an edit ratio of 68 needs 0.5; a cut-down copy, 0.4)
    if min(len(norm), len(first_norm)) < 0.4 * max(len(norm), len(first_norm)):
        return None
    if norm == first_norm:
        return "paragraph repeats the one at line {line} word for word"
    if max(len(norm), len(first_norm)) > MAX_COMPARED:
        # the edit distances below take time in the product of the lengths
        return None
    if may_be_similar(norm, first_norm, words_first=True) and \
            (score := similarity(norm, first_norm)) >= threshold:
        return f"paragraph is a near copy ({score:.0f}% chrF) of the one at line {{line}}"
    if cut_down(norm, first_norm):
        return "paragraph is a cut-down copy of the one at line {line}"
    return None


# earlier paragraphs looked at per paragraph, most alike first: text that
# recombines a few sentences has many near copies of each paragraph
WITHIN_CANDIDATES = 32
# Up to this many paragraphs to index, every earlier one is a candidate: a
# news article has ten, and their few pairs cost less than the index's
# numpy work (some 2 ms an article, a seventh of a run over an archive).
ALL_PAIRS_UP_TO = 16


class _WithinArticle:
    """The near-copy candidates of each paragraph of one article: the
    earlier paragraphs that share most MinHash bands with it (the band
    index of repeated-block, with each paragraph a group of its own),
    counted a block of paragraphs at a time as the rule reaches them
    (on an article of a few paragraphs, every earlier one).
    Word-for-word copies of an earlier paragraph and paragraphs too long to
    compare stay out of the index; the numpy work starts only when two
    paragraphs could be near copies."""

    def __init__(self, norms: list[str]) -> None:
        seen: set[str] = set()
        self._indexed: list[int] = []  # the paragraphs in the index, by place in it
        for k, norm in enumerate(norms):
            if norm not in seen and len(norm) <= MAX_COMPARED:
                self._indexed.append(k)
            seen.add(norm)
        self._norms = norms
        self._index = None
        self._blocks: list[tuple[int, int]] = []
        self._next_block = 0
        self._found: dict[int, list[int]] = {}

    def of(self, k: int) -> list[int]:
        """The candidates of paragraph ``k`` (earlier paragraphs); asked
        in order of ``k``."""
        if len(self._indexed) < 2:
            return []
        if len(self._indexed) <= ALL_PAIRS_UP_TO:
            return self._indexed[:bisect.bisect_left(self._indexed, k)]
        if self._index is None:
            self._build()
        indexed = self._indexed
        while self._next_block < len(self._blocks) and indexed[self._blocks[self._next_block][0]] <= k:
            found = self._index.candidates_of(*self._blocks[self._next_block])
            self._found = {indexed[p]: [indexed[c] for c in cs] for p, cs in found.items()}
            self._next_block += 1
        return self._found.get(k, [])

    def _build(self) -> None:
        import numpy as np

        from ..nearduplicates import BANDS, BandIndex, keys_of

        count = len(self._indexed)
        keys = b"".join(keys_of([self._norms[k] for k in self._indexed]))
        self._index = BandIndex(np.frombuffer(keys, dtype=np.uint64).reshape(count, BANDS),
                                np.ones(count, dtype=bool), np.arange(count, dtype=np.int64),
                                count=WITHIN_CANDIDATES)
        self._blocks = self._index.blocks()


def _line(ctx, segment) -> int:
    return ctx.document.source.position(segment.start)[0]


@rule("TQA302", "repeated-title", "duplicate", "warning", specificity=60, hides_inside=False)
def repeated_title(article, ctx):
    """Title repeated as the article's first paragraph, or the same title twice on one page.

    Fails (en):
        Kazakh President arrives in New York⏎⏎Kazakh President arrives in New York⏎⏎The President arrived on Monday.

    Passes (en):
        Kazakh President arrives in New York⏎⏎The President arrived in New York on Monday for a working visit.
    """
    title = next((s for s in article.segments if s.kind in ("title", "heading") and s.text.strip()), None)
    if title is None:
        return
    key = normalized(title.text)
    first_paragraph = next((s for s in article.segments if s.kind == "paragraph" and s.start > title.start), None)
    if first_paragraph is not None and normalized(first_paragraph.text) == key:
        lead, trail = _trimmed(first_paragraph)
        yield first_paragraph.problem(lead, trail, "the title is repeated as the first paragraph", "",
                                      related=[title.start])
    for earlier in ctx.document.articles[:article.index]:
        other = next((s for s in earlier.segments if s.kind in ("title", "heading")), None)
        if other is not None and normalized(other.text) == key:
            lead, trail = _trimmed(title)
            yield title.problem(lead, trail, f"the same title already stands at line {_line(ctx, other)}",
                                related=[other.start])
            break


class Blocks(NamedTuple):
    """The paragraphs of one file that repeated-block compares, column by
    column: a big run keeps every paragraph of the archive until the reduce
    step, so a paragraph costs its normalised text and some 220 bytes.
    Offsets, not segments: the reduce step runs where only the documents'
    skeletons are kept."""

    articles: array  # index of each paragraph's article
    starts: array  # file offset of each paragraph
    spans: array  # start and end offsets of the span to report, two per paragraph
    norms: list[str] | PackedTexts  # normalised texts (packed when they are many: PACK_NORMS)
    keys: bytes  # band keys of all, one after the other (nearduplicates.keys_of)


# Characters of normalised text past which a file's are kept compressed
# until the corpus phase: a file of 50 MB would otherwise hold a second
# copy of its prose through all the rules (an article is some 5,000).
PACK_NORMS = 1_000_000


def _blocks(document, ctx) -> Blocks:
    """The map step of repeated-block, per file (in the worker processes)."""
    from ..nearduplicates import keys_of

    blocks = Blocks(array("i"), array("q"), array("q"), [], b"")
    for article in document.articles:
        for _, segment, norm in _comparable(article, ctx.options["min-words"]):
            span = segment.problem(*_trimmed(segment), "")
            blocks.articles.append(article.index)
            blocks.starts.append(segment.start)
            blocks.spans.extend((span.start, span.end))
            blocks.norms.append(norm)
    keys = b"".join(keys_of(blocks.norms))
    if sum(map(len, blocks.norms)) > PACK_NORMS:
        return blocks._replace(norms=PackedTexts(blocks.norms), keys=keys)
    return blocks._replace(keys=keys)


@rule("TQA303", "repeated-block", "duplicate", "info", scope="corpus",
      options={"min-words": 12, "threshold": 75.0}, specificity=50, prepare=_blocks,
      hides_inside=False)
def repeated_block(documents, ctx):
    """Block repeated across articles of the run (press-release boilerplate, with or without rewording).

    Informational: boilerplate may be intended, but editors want to see it
    and keep its wording consistent. Candidates are found with MinHash/LSH
    over word pairs, so the cost grows linearly with the
    corpus, never all pairs; each candidate is confirmed with chrF.

    Fails (en):
        Alpha⏎⏎Тарату:⏎⏎A workshop was held.⏎⏎The event is part of the joint regional project of UNDP and the Hub, aimed at increasing the capacity of civil servants in seven countries.⏎⏎Тарату:⏎⏎Beta⏎⏎Тарату:⏎⏎A visit took place.⏎⏎This event is part of the joint regional project of UNDP and the Hub aimed at raising the capacity of civil servants in seven countries.⏎⏎Тарату:

    Passes (en):
        Alpha⏎⏎Тарату:⏎⏎A workshop was held.⏎⏎The ministry opened a new office in Astana on Monday morning after a long delay.⏎⏎Тарату:⏎⏎Beta⏎⏎Тарату:⏎⏎A visit took place.⏎⏎The agency closed its old office in Almaty on Friday evening after the annual audit.⏎⏎Тарату:
    """
    from .. import nearduplicates

    files = [(document, ctx.prepared[document.path]) for document in documents
             if ctx.prepared.get(document.path) and ctx.prepared[document.path].norms]
    first_text = []  # index of each file's first paragraph among all
    texts, groups, group_base = [], [], 0
    for document, blocks in files:
        first_text.append(len(texts))
        texts.extend(blocks.norms)
        groups.extend(group_base + article for article in blocks.articles)  # one group per article
        group_base += len(document.articles)

    def place(index):
        number = bisect.bisect_right(first_text, index) - 1
        return files[number][0], files[number][1], index - first_text[number]

    keys = b"".join(blocks.keys for _, blocks in files)
    for later, earlier, score in nearduplicates.find(texts, ctx.options["threshold"], same_group=groups,
                                                     parallel_map=ctx.map, keys=keys):
        document, blocks, at = place(later)
        first_doc, first_blocks, first_at = place(earlier)
        first_start = first_blocks.starts[first_at]
        where = f"{first_doc.path}:{first_doc.source.position(first_start)[0]}"
        how = "word for word" if score >= 100 else f"{score:.0f}% chrF"
        yield document, Problem(blocks.spans[2 * at], blocks.spans[2 * at + 1],
                                f"block also stands in another article ({where}, {how})",
                                related=((first_doc.path, first_start),))
