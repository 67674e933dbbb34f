"""What the duplicate rules share."""

from __future__ import annotations

import regex

from ...fuzzy import fuzz
from ...memo import text_cache
from ...nearduplicates import word_count, words

PUNCT = regex.compile(r"[\p{P}\p{S}\s]")


class Spaces(dict):
    """A ``str.translate`` table turning punctuation, symbols and spaces
    (``PUNCT``) into a space and leaving other characters; each character
    is looked up once, when first met. (Faster than ``PUNCT.sub`` on every
    paragraph.)"""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = value = " " if PUNCT.match(char) else char
        return value


SPACES = Spaces()


@text_cache(maxsize=2048)  # a paragraph is compared by two rules, within and across articles
def normalized(text: str) -> str:
    """Text for comparison: case-folded, punctuation and quotes dropped,
    spaces collapsed."""
    return " ".join(filter(None, text.casefold().translate(SPACES).split(" ")))


@text_cache(maxsize=4096)  # some 20 MB; a piece of confirmation work (nearduplicates._batch) reads up to 2,500 texts
def word_set(text: str) -> frozenset[str]:
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
        return words_overlap(a, b) and edit_ratio_passes(a, b)
    return edit_ratio_passes(a, b) and words_overlap(a, b)


def edit_ratio_passes(a: str, b: str) -> bool:
    # On the seed page every pair with chrF >= 73 has an edit ratio >= 72,
    # and unrelated pairs with a ratio near 65 score chrF under 62.
    return fuzz().ratio(a, b) >= 68


def words_overlap(a: str, b: str) -> bool:
    words_a, words_b = word_set(a), word_set(b)
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.5


def comparable_paragraphs(article, min_words: int):
    """(index in the article's segments, segment, normalised text) of each
    paragraph long enough to compare."""
    for index, segment in enumerate(article.segments):
        # at least min_words words: splitting stops there (a paragraph has a hundred);
        # Chinese, Japanese and Thai write no spaces: their letters are counted
        if segment.kind == "paragraph" and segment.is_prose and \
                (len(segment.text.split(None, min_words - 1)) >= min_words or
                 word_count(segment.text) >= min_words):
            yield index, segment, normalized(segment.text)


def trimmed(segment):
    text = segment.text
    return len(text) - len(text.lstrip()), len(text.rstrip())


MAX_COMPARED = 20_000  # characters (normalised): longer paragraphs are compared word for word only


def line_of(ctx, segment) -> int:
    return ctx.document.source.position(segment.start)[0]
