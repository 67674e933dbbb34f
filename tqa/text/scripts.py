"""Unicode scripts of letters and words, look-alike letters, and which
scripts a target language uses. Scripts come from the Unicode
Script_Extensions property (through ``regex``), never from code-point ranges
typed by hand; look-alikes from UTS #39 (``data/confusables.yaml``)."""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import regex

from .memo import text_cache
from .resources import load

# A word: letters and combining marks, with inner apostrophes of the kinds
# used inside words (Uzbek oʻ is a letter already; ’ in English, ' in Uzbek).
WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’ʼ][\p{L}\p{M}]+)*")


@text_cache(maxsize=1024)
def words_of(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, word) of each WORD of ``text``; several rules read the
    words of the same paragraph, so they are found once."""
    # findall and str.find beat a match object per word; a word starts at
    # the first letter after the previous one (between words stand no letters)
    found: list[tuple[int, int, str]] = []
    append, find, at = found.append, text.find, 0
    for word in WORD.findall(text):
        at = find(word, at)
        append((at, at + len(word), word))
        at += len(word)
    return tuple(found)


@text_cache(maxsize=1024)
def folded_words_of(text: str) -> tuple[str, ...]:
    """The words of ``words_of(text)``, case-folded: the rules that compare
    words without their case read the same list."""
    return tuple([word.casefold() for _, _, word in words_of(text)])


# Each kind of non-prose (below), with what a text must contain for it to match.
_NON_PROSE_KINDS = (
    # a link: brackets inside it only in pairs (wiki/Foo_(bar)), and not the
    # punctuation after it: "(see https://a.kz/x)." keeps its ")" and "."
    (
        ("://", "www."),
        r"(?:https?://|ftp://|www\.)(?:[^\s<>\"«»()\[\]]|\([^\s<>\"«»()]*\)|\[[^\s<>\"«»\[\]]*\])+"
        r"(?<![.,;:!?'’])",
    ),
    (("@",), r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    (("@", "#"), r"(?<!\w)[@#][\w_]+"),
    (
        (".",),
        r"(?<![\w@.-])(?:[\w-]+\.)+(?:com|org|net|kz|ru|uz|kg|tj|de|uk|fr|gov|edu|info|io|me|int|eu|ua|by|am"
        r"|ge|az|tm)(?:/(?:[^\s<>\"«»()\[\]]|\([^\s<>\"«»()]*\))*(?<![.,;:!?'’]))?(?!\w)",
    ),
    (("%",), r"%(?:\d+\$)?[-+\ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|z|j|t|I64)?[diouxXeEfFgGaAcspnm%]"),
    (("%(",), r"%\([^)\s]{1,40}\)[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]"),
    # a placeholder ({name}) or a shell brace expansion ({gz,bz2,xz})
    (("{",), r"\{[\w.:!\[\]-]{0,40}(?:,[\w.-]{1,40}){0,20}\}"),
    (("-",), r"(?<![\w-])--?[A-Za-z][\w-]*(?:=\S*)?"),
    (("<",), r"<[\w.:/-]{1,40}>"),
    (("/",), r"(?<![\w.])(?:~|\.{1,2})?/[\w.\-/]+"),
    (("/",), r"(?<![\w/])\w+(?:/\w+)+"),
    (("_",), r"(?<!\w)\w*_\w+"),
    (("\\",), r"\\(?:x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[a-zA-Z])"),
    # inline code between backticks (Markdown, reStructuredText, docstrings),
    # but not TeX-style quotes: `stable' opens with a backtick and closes
    # with an apostrophe, and its backtick must not pair with the next one
    (("`",), r"(?<!`)(?P<tick>`{1,2})(?![^`'\s]+'(?:\W|$))(?!`)[^`\n]{1,200}?(?<!`)(?P=tick)(?!`)"),
)
# Things whose letters are not words of the text: links, e-mails, handles,
# domains, and the bits of code that UI strings and technical articles carry
# (printf and brace placeholders, command-line options, paths, identifiers
# with underscores). Script and language rules skip them.
NON_PROSE = regex.compile("|".join(pattern for _, pattern in _NON_PROSE_KINDS), regex.IGNORECASE)
# Most prose holds none of the characters the patterns above need; cheap
# scans for them spare the full pattern on most paragraphs. One pattern per
# hint: each starts with a literal the engines find fast, where one
# alternation of them all was tried at every character (several times slower).
_NON_PROSE_HINTS = (
    re.compile(r"[/@#%{<_\\`]"),
    regex.compile(r"www\.", regex.IGNORECASE),
    regex.compile(
        r"\.(?:com|org|net|kz|ru|uz|kg|tj|de|uk|fr|gov|edu|info|io|me|int|eu|ua|by|am|ge|az|tm)\b", regex.IGNORECASE
    ),
    regex.compile(r"(?<!\w)--?[A-Za-z]", regex.IGNORECASE),
)


@lru_cache(maxsize=1024)  # compiling one costs milliseconds; UI catalogs meet a hundred combinations
def _non_prose_for(kinds: tuple[int, ...]):
    """NON_PROSE with only the kinds a text can hold: the same matches, but
    a paragraph with one ``%d`` is not scanned for paths, e-mails and
    identifiers at every word."""
    return regex.compile("|".join(_NON_PROSE_KINDS[k][1] for k in kinds), regex.IGNORECASE)


@lru_cache(maxsize=1)
def _tables():
    data = load("scripts")
    patterns = {name: regex.compile(rf"\p{{scx={name}}}") for name in data["known_scripts"]}
    return data, patterns


@lru_cache(maxsize=65536)
def scripts_of(ch: str) -> frozenset[str]:
    """The named scripts of a character; empty for Common/Inherited ones
    (digits, punctuation, marks, ʻ) and for scripts tqa does not name."""
    _, patterns = _tables()
    return frozenset(name for name, p in patterns.items() if p.match(ch))


@lru_cache(maxsize=1)
def confusable_scripts() -> frozenset[str]:
    return frozenset(_tables()[0]["confusable_scripts"])


@dataclass(frozen=True)
class LanguageScripts:
    own: frozenset[str]
    tolerated: frozenset[str]

    def allows(self, script: str) -> bool:
        return script in self.own or script in self.tolerated


@lru_cache(maxsize=None)
def language_scripts(lang: str | None) -> LanguageScripts | None:
    """The scripts a language is written in, or None when tqa has no entry."""
    if not lang:
        return None
    entry = _tables()[0]["languages"].get(lang)
    if entry is None:
        return None
    return LanguageScripts(frozenset(entry["scripts"]), frozenset(entry.get("tolerated", [])))


@lru_cache(maxsize=1)
def _lookalikes() -> dict[str, dict[str, str]]:
    return load("confusables")["letters"]


def lookalike(ch: str, script: str) -> str | None:
    """The letter of ``script`` that looks like ``ch``, if Unicode knows one."""
    return _lookalikes().get(ch, {}).get(script)


def letter_scripts(word: str) -> list[tuple[int, str]]:
    """(index, script) of each letter of ``word`` that belongs to one named
    script. Letters shared by several scripts (Han/Kana marks) are skipped."""
    result = []
    for i, ch in enumerate(word):
        scripts = scripts_of(ch)
        if len(scripts) == 1:
            result.append((i, next(iter(scripts))))
    return result


@lru_cache(maxsize=64)
def foreign_letter(scripts: frozenset[str]) -> regex.Pattern:
    """A letter outside ``scripts``."""
    own = "".join(rf"\p{{scx={name}}}" for name in sorted(scripts))
    return regex.compile(rf"[\p{{L}}--[{own}]]", regex.V1)


# Per script, characters among which every letter is of that script: the
# script's own blocks, and ASCII, Latin-1 and General Punctuation without
# the letters of other scripts (µ, the micro sign, is not Latin). Text made
# of them alone has no foreign letter, and ``re`` tells that several times
# faster than ``regex`` looks up each letter's script. (A test checks every
# letter of these ranges against Unicode's Script_Extensions.)
_ONLY_SCRIPT = {
    "Latin": re.compile(r"[^\x00-\xb4\xb6-\u024f\u2000-\u206f]"),
    "Cyrillic": re.compile(r"[^\x00-\x40\x5b-\x60\x7b-\xa9\xab-\xb4\xb6-\xb9\xbb-\xbf\u0400-\u052f\u2000-\u206f]"),
}


def has_foreign_letters(text: str, scripts: frozenset[str]) -> bool:
    """Does ``text`` hold a letter outside ``scripts``? One scan, so the
    per-letter work runs only on the rare text where it can matter."""
    for script, beyond in _ONLY_SCRIPT.items():
        if script in scripts and not beyond.search(text):
            return False
    return foreign_letter(scripts).search(text) is not None


# Spans are small (16 bytes a match), so they are kept for far more text
# than the masked strings would be: the rules of one article each ask for the
# same paragraphs, and past the budget every rule would scan them again.
_SPANS_BUDGET = 64_000_000


def _holds(text: str):
    """Does ``text`` hold a hint, whatever its case? (``text.lower()``
    would do, but it takes twelve bytes a character while it works.)"""

    def holds(needed: str) -> bool:
        if needed == "www.":
            return _NON_PROSE_HINTS[1].search(text) is not None
        return needed in text  # the other hints have no letters

    return holds


@text_cache(maxsize=65536, budget=_SPANS_BUDGET)
def non_prose_spans(text: str) -> array:
    """Start and end (flat, in order) of each link, placeholder or bit of
    code in ``text`` (what ``mask_non_prose`` blanks)."""
    spans = array("q")
    if not any(hint.search(text) for hint in _NON_PROSE_HINTS):
        return spans
    kinds = tuple(k for k, (needs, _) in enumerate(_NON_PROSE_KINDS) if any(map(_holds(text), needs)))
    for match in _non_prose_for(kinds).finditer(text):
        spans.extend(match.span())
    return spans


def prose_matches(pattern, text: str):
    """``pattern.finditer(mask_non_prose(text))`` without the masked copy:
    the matches within each stretch between non-prose spans. Only for a
    pattern that cannot match U+FFFC and looks at no character outside its
    match (a run of letters)."""
    spans = non_prose_spans(text)
    at = 0
    for index in range(0, len(spans), 2):
        yield from pattern.finditer(text, at, spans[index])
        at = spans[index + 1]
    yield from pattern.finditer(text, at)


def mask_non_prose(text: str) -> str:
    """``text`` with links, placeholders and code blanked out by U+FFFC, so
    offsets stay valid and ``%dд`` leaves the word ``д``, not ``dд``. Built
    from the remembered spans at each call: a copy of a long text is cheap,
    holding one per paragraph for every rule is not."""
    spans = non_prose_spans(text)
    if not spans:
        return text
    pieces, at = [], 0
    for index in range(0, len(spans), 2):
        start, end = spans[index], spans[index + 1]
        pieces.append(text[at:start])
        pieces.append("\ufffc" * (end - start))
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


# A text longer than this (a catalog string of megabytes: the reader cuts
# long paragraphs of articles itself) is masked a piece at a time.
MASKED_AT_ONCE = 1_000_000


# Where a long text is cut: the space between two sentences, after a
# lower-case letter and a full stop, before a capital ("…word. Next").
_SENTENCE_GAP = regex.compile(r"(?<=\p{Ll}\.) (?=\p{Lu})")


class MaskedText:
    """``mask_non_prose(text)`` as (offset, piece) pairs, to be read as
    often as a rule needs. A text up to ``MASKED_AT_ONCE`` characters is
    one piece, masked once; a longer one is masked a piece at a time at
    each reading, so that no rule holds a masked copy of a catalog string
    of megabytes beside the string.

    A long text is cut right before a space between two sentences
    (``word.| Next``; none of the four characters masked), after at least
    ``MASKED_AT_ONCE`` characters; a text with no such place stays whole.
    What the typography rules look for (a word, a word twice with only
    spaces between, a punctuation mark and the characters right beside it,
    spaces before a mark, a bracket) never holds a full stop followed by a
    space, nor decides on a character beyond its own piece: the pieces give
    the matches the whole gives (a property test holds each rule to it)."""

    __slots__ = ("text", "_whole")

    def __init__(self, text: str) -> None:
        self.text = text
        self._whole = mask_non_prose(text) if len(text) <= MASKED_AT_ONCE else None

    def __iter__(self) -> Iterator[tuple[int, str]]:
        if self._whole is not None:
            yield 0, self._whole
            return
        text, spans = self.text, non_prose_spans(self.text)
        at = 0
        while at < len(text):
            cut = _cut_after(text, at + max(MASKED_AT_ONCE, 1), spans)
            yield at, _masked_part(text, at, cut, spans)
            at = cut


def _cut_after(text: str, at: int, spans: array) -> int:
    """The first place from ``at`` where ``MaskedText`` may cut ``text``
    (none of its four characters inside a non-prose span), else its length."""
    while (gap := _SENTENCE_GAP.search(text, at)) is not None:
        cut = gap.start()
        if not any(bisect.bisect_right(spans, i) % 2 for i in range(cut - 2, cut + 2)):
            return cut
        at = cut + 1
    return len(text)


def _masked_part(text: str, start: int, end: int, spans: array) -> str:
    """``mask_non_prose(text)[start:end]`` from the text's spans (flat
    starts and ends), without masking the rest."""
    pieces, at = [], start
    index = bisect.bisect_right(spans, start) // 2 * 2  # the first span that ends after ``start``
    while index < len(spans) and spans[index] < end:
        masked_start, masked_end = max(spans[index], start), min(spans[index + 1], end)
        pieces.append(text[at:masked_start])
        pieces.append("\ufffc" * (masked_end - masked_start))
        at = masked_end
        index += 2
    pieces.append(text[at:end])
    return "".join(pieces)
