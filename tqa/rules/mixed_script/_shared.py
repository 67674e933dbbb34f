"""What the mixed-script rules share."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex

from ...text.memo import text_cache
from ...text.scripts import confusable_scripts, has_foreign_letters, letter_scripts, prose_matches

# Letters only: an apostrophe ends a word here, so that a Russian or Kyrgyz
# case ending after a Latin name (Enter'ди, dpkg'ем) is its own word.
LETTER_RUN = regex.compile(r"[\p{L}\p{M}]+")


@dataclass(slots=True)
class Word:
    start: int
    end: int
    text: str
    letters: list[tuple[int, str]]  # (index in word, script)
    scripts: Counter  # letters of each script (read only: equal words share it)


def needs_look(text: str, target) -> bool:
    """Can ``text`` hold a mixed or foreign word at all? Text whose letters
    all belong to one script of the target language cannot."""
    if target is None:
        return True
    if len(target.own & confusable_scripts()) > 1:
        return True  # Serbian: Cyrillic and Latin both at home
    return has_foreign_letters(text, target.own)


@text_cache(maxsize=256, budget=1_000_000)  # a Word per word: ~25 bytes a character
def words(text: str) -> list[Word]:
    """The words of ``text`` outside links and e-mails, each with the script
    of its letters. A change between scripts that are not look-alike prone
    (Latin to Han, say) is a word boundary: Japanese has no spaces."""
    return list(iter_words(text))


def iter_words(text: str):
    """``words(text)`` one at a time."""
    for match in prose_matches(LETTER_RUN, text):
        run, at = match.group(), match.start()
        pieces = run_pieces(run) if len(run) <= SHORT_RUN else run_pieces.__wrapped__(run)
        for start, end, piece, letters, scripts in pieces:
            yield Word(at + start, at + end, piece, letters, scripts)


# Characters past which a text's words are made one at a time and forgotten,
# not listed (a catalog string of megabytes: 25 bytes a character listed).
LISTED = 100_000


def words_in_turn(text: str):
    """The words of ``text``: listed and remembered for an ordinary text
    (two rules read them), one at a time for a huge one."""
    return words(text) if len(text) <= LISTED else iter_words(text)


SHORT_RUN = 40  # letters: runs up to this long are remembered (words; a longer run is rare, or hostile)


@lru_cache(maxsize=32768)  # prose repeats its words: most runs are met before
def run_pieces(run: str) -> tuple[tuple[int, int, str, list[tuple[int, str]], Counter], ...]:
    """The words of one run of letters: (start, end, text, letters,
    script counts) of each piece that keeps to one script (or to
    look-alike-prone scripts)."""
    prone = confusable_scripts()
    letters = letter_scripts(run)
    pieces: list[list[tuple[int, str]]] = []
    for index, script in letters:
        if pieces and not (script == pieces[-1][-1][1] or (script in prone and pieces[-1][-1][1] in prone)):
            pieces.append([])
        if not pieces:
            pieces.append([])
        pieces[-1].append((index, script))
    if len(pieces) <= 1:
        return ((0, len(run), run, letters, script_counts(letters)),)
    result = []
    for piece in pieces:
        s, e = piece[0][0], piece[-1][0] + 1
        shifted = [(i - s, script) for i, script in piece]
        result.append((s, e, run[s:e], shifted, script_counts(shifted)))
    return tuple(result)


def script_counts(letters: list[tuple[int, str]]) -> Counter:
    return Counter(script for _, script in letters)
