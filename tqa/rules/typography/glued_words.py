"""TQA702 glued-words: Two words glued together by a lost space (``theGraduate``, ``Universityand``)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import regex

from ...model import SourceText
from ...text.memo import text_cache
from ...text.scripts import MaskedText
from .. import Option, rule
from ._shared import function_words_of, typography_data


@rule(
    "TQA702",
    "glued-words",
    "typography",
    "warning",
    options={"allow": Option(list, [], "glued forms to accept as they are (brands such as inDrive)", items=str)},
)
def glued_words(article, ctx):
    """Two words glued together by a lost space (``theGraduate``, ``Universityand``).

    Reported when a function word of the language is glued to a capitalised
    word, or glued to the end of a word that stands on its own elsewhere in
    the same file. Camel-case names (``iPhone``, ``YouTube``, ``McDonald``,
    ``KazUnite``, ``JPMorgan``) and forms used more than once (brands such as
    ``inDrive``) stay silent. Option ``allow`` lists more.

    Fails (en):
        The Hub, together with ⟦theGraduate⟧ School of Public Policy of Nazarbayev University, met.⏎⏎The Graduate School of Public Policy of Nazarbayev ⟦Universityand⟧ the Agency signed. → the Graduate | University and
        He spoke ⟦ofthe⟧ reform. → of the

    Passes (en):
        iPhone, YouTube, McDonald, KazUnite and JPMorgan sponsored the island brand stand.
        The University of Ghent and the University of Plymouth, and the Ministry.
    """
    lang = ctx.lang or ""
    words = function_words_of(lang)
    if not words:
        return
    allowed = {a.casefold() for a in ctx.options["allow"]}
    prefix, suffix, pair = _glue_patterns(words)
    counts = _token_counts(ctx.document.source)
    glued_suffixes = lang in typography_data()["glued_suffix_languages"].split()
    for segment in article.prose:
        pieces = MaskedText(segment.text)
        for at, masked in pieces:
            for start, end, head in _camel_glued(masked):
                token = masked[start:end]
                if head not in prefix or token.casefold() in allowed or counts.get(token, 0) > 1:
                    continue
                yield segment.problem(
                    at + start, at + end, f"missing space in {token!r}", f"{head} {token[len(head) :]}"
                )
        # most paragraphs hold no long word, used once, that ends in a
        # function word: tested on the bare words before finding places
        maybe_tail = glued_suffixes and any(
            _glued_tail(token, suffix)
            for _, masked in pieces
            for token in _LETTER_WORD.findall(masked)
            if counts.get(token, 0) <= 1
        )
        for at, masked in pieces if maybe_tail else ():
            for match in _LETTER_WORD.finditer(masked):
                token = match.group(0)
                if counts.get(token, 0) > 1:  # a word used twice is a word (cheapest test first)
                    continue
                split = _glued_tail(token, suffix)
                if split is None:
                    continue
                stem, tail = split
                if token.casefold() in allowed or counts.get(stem, 0) == 0:
                    continue
                yield segment.problem(
                    at + match.start(), at + match.end(), f"missing space in {token!r}", f"{stem} {tail}"
                )
        for at, masked in pieces if pair else ():
            for start, end, head in _the_glued(masked):
                token = masked[start:end]
                if head not in prefix or token.casefold() in allowed:
                    continue
                yield segment.problem(at + start, at + end, f"missing space in {token!r}", f"{head} the")


# a word of letters long enough to be a word of four letters and a glued tail
_LETTER_WORD = regex.compile(r"(?<![\p{L}\p{N}_-])\p{L}{7,}(?![\p{L}_-])")


def _glued_tail(token: str, tails: tuple[frozenset[str], tuple[int, ...]]) -> tuple[str, str] | None:
    """(stem, tail) when ``token`` ends with a function word after a stem of
    four letters or more (the longest such tail), else None."""
    words, lengths = tails
    for length in lengths:
        if len(token) - length >= 4 and token[-length:] in words:
            return token[:-length], token[-length:]
    return None


# Candidates are found with simple patterns and then looked up in the word
# list: one alternation of a hundred function words, tried at every
# position of the text, costs far more.
_CAMEL_TAIL = regex.compile(r"(?<=[\p{Ll}'’])\p{Lu}\p{Ll}{2,}(?![\p{L}_-])")


_BEFORE_WORD = regex.compile(r"[\p{L}\p{N}_-]")


def _camel_glued(text: str):
    """(start, end, head) of words made of a lower-case head (at most 12
    letters) and a capitalised word: ``theGraduate``. Found from the
    capital backwards, which is much cheaper than trying a head at every
    position."""
    for match in _CAMEL_TAIL.finditer(text):
        start = match.start()
        while start > 0 and match.start() - start < 12 and (text[start - 1].islower() or text[start - 1] in "'’"):
            start -= 1
        if start > 0 and _BEFORE_WORD.match(text, start - 1):
            continue  # the head is longer, or glued to more
        yield start, match.end(), text[start : match.start()]


# "the" at the end of a word, after a lower-case letter: the head is found
# backwards from it, as in _camel_glued; a pattern trying a head of one to
# twelve letters at every word start took five times as long.
_THE_END = regex.compile(r"(?<=\p{Ll})the(?![\p{L}_-])")


_LOWER = regex.compile(r"\p{Ll}")


def _the_glued(text: str):
    """(start, end, head) of words made of a lower-case head of at most 12
    letters and "the": ``ofthe``."""
    for match in _THE_END.finditer(text):
        head_end = start = match.start()
        while start > 0 and head_end - start <= 12 and _LOWER.match(text, start - 1):
            start -= 1
        if head_end - start > 12 or (start > 0 and _BEFORE_WORD.match(text, start - 1)):
            continue  # a longer word, or glued to more
        yield start, match.end(), text[start:head_end]


@lru_cache(maxsize=32)
def _glue_patterns(words: frozenset[str]):
    """(function words that may be glued in front, (tails, their lengths),
    whether "ofthe"-style pairs apply)."""
    heads = frozenset(w for w in words if len(w) >= 2 or not w.isascii())
    tails = frozenset(w for w in words if len(w) >= 3)
    return heads, (tails, tuple(sorted({len(w) for w in tails}, reverse=True))), "the" in words


# letters, digits, _ and -: [\p{L}\p{N}_-], written for ``re``, which scans a
# whole file twice as fast; the same characters but for those Unicode added
# after the Python version's tables (checked over every code point)
_TOKEN = re.compile(r"[\w-]+")


_LAST_NOT_TOKEN = re.compile(r"[^\w-](?=[\w-]*\Z)")


@text_cache(maxsize=2)  # per file, forgotten with it (an lru_cache kept the last files' texts alive)
def _token_counts(source: SourceText) -> dict[str, int]:
    """How often each token stands in a file (computed once per file),
    counted a piece of the file at a time: a list of every token of a
    50 MB file would be half a gigabyte of strings, and the text of a big
    file is kept packed while its rules run."""
    counts: Counter = Counter()
    carry = ""  # the token cut by the end of the previous piece (token characters only)
    for piece in source.pieces():
        text = carry + piece if carry else piece
        last = _LAST_NOT_TOKEN.search(text, len(carry))
        cut = last.end() if last else 0
        counts.update(_TOKEN.findall(text, 0, cut))
        carry = text[cut:]
    counts.update(_TOKEN.findall(carry))
    return counts
