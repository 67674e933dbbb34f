"""TQA101 homoglyph: Look-alike letter from another script inside a word (``Nazarbaуev`` with a Cyrillic у)."""

from __future__ import annotations

import unicodedata

import regex

from ...text.scripts import (
    confusable_scripts,
    foreign_letter,
    language_scripts,
    letter_scripts,
    lookalike,
    prose_matches,
)
from .. import rule
from ._shared import LETTER_RUN, Word, needs_look, words_in_turn


def _with_neighbours(found):
    """(previous, word, next) for each word; None past either end."""
    found = iter(found)
    previous, current = None, next(found, None)
    while current is not None:
        following = next(found, None)
        yield previous, current, following
        previous, current = current, following


def _describe(ch: str) -> str:
    return f"{ch} (U+{ord(ch):04X} {unicodedata.name(ch, '?').title()})"


def _main_script(word: Word, preferred: frozenset[str]) -> str:
    counts = word.scripts.most_common()
    top = [s for s, n in counts if n == counts[0][1]]
    for script in top:
        if script in preferred:
            return script
    return word.letters[0][1] if word.letters[0][1] in top else top[0]


def _fixed(word: str, intruders: list[tuple[int, str]], script: str) -> str | None:
    chars = list(word)
    for index, _ in intruders:
        replacement = lookalike(chars[index], script)
        if replacement is None:
            return None
        chars[index] = replacement
    return "".join(chars)


@rule("TQA101", "homoglyph", "mixed-script", "error", safe_fix=True)
def homoglyph(article, ctx):
    """Look-alike letter from another script inside a word (``Nazarbaуev`` with a Cyrillic у).

    A word that mixes Latin, Cyrillic, Greek or Armenian letters is almost
    always a slip of the keyboard layout or a copy from another text; it
    breaks search, sorting and spell-checking. The suggestion swaps each
    intruding letter for its look-alike in the word's main script. A lone
    initial of a foreign script among words of the target script (``А.
    Baimenov`` with a Cyrillic А in English) counts too.
    Kazakh ``і ә ғ қ ң ө ұ ү һ`` are Cyrillic letters and are never "fixed".
    A run of the other script at an end of the word is two words glued
    (``URLдың``, an acronym with a case ending), unless each of its letters
    has a look-alike and the word is in capitals (``ТАSHKENT``) or the run
    opens a word in lower case (``Ноrgos``): then the whole word is
    converted.

    Fails (en):
        In his speech, ⟦А⟧. Baimenov noted the need for open data. → A
        President ⟦Nazarbaуev⟧ opened the forum. → Nazarbayev
        The ⟦Εuropean⟧ Union joined the project. → European
        The border crossing at ⟦Ноrgos⟧ reopened. → Horgos
        Flights to ⟦ТАSHKENT⟧ resumed. → TASHKENT

    Fails (ru):
        Форум прошёл в ⟦Aлматы⟧. → Алматы
        Город ⟦MOСКВА⟧ принял форум. → МОСКВА

    Fails (kk):
        ⟦Бiлiм⟧ беру министрлігі хабарлады. → Білім

    Passes (kk):
        Әлихан Бәйменов білім беру саласындағы өзгерістер туралы айтты.
        Сайттың URLдың мекенжайы мен OKта батырмасы.

    Passes (ru):
        Акции IT-компаний выросли, сообщает Kursiv.kz.
        Витамин A и группа B.

    Passes (uz):
        Festival Samarqand shahrida boʻlib oʻtdi.

    Passes (ja):
        COVID-19の流行以降、行政のデジタル化が進んでいる。
    """
    target = language_scripts(ctx.lang)
    preferred = target.own if target else frozenset()
    for segment in article.prose:
        if not needs_look(segment.text, target) or _foreign_words_whole(segment.text, target):
            continue
        standing: dict[tuple[str, str, bool], bool] = {}  # runs looked for in the text, per segment
        for previous, word, following in _with_neighbours(words_in_turn(segment.text)):
            scripts = word.scripts
            if len(scripts) >= 2 and not _case_pairs(word.text):
                main = _main_script(word, preferred)
                intruders = [(i, s) for i, s in word.letters if s != main]
                fix = _fixed(word.text, intruders, main)
                if _glued_run(word, intruders) and not (
                    fix and _look_alike_run(word, intruders, main, segment.text, standing)
                ):
                    continue
                names = ", ".join(f"{s} {_describe(word.text[i])}" for i, s in intruders[:3])
                hint = f"; it looks like {main} {fix!r}" if fix else ""
                yield segment.problem(word.start, word.end, f"word mixes scripts: {names} in a {main} word{hint}", fix)
            elif target and scripts and _is_stray_initial(previous, word, following, target):
                main = next(iter(target.own))
                fix = _fixed(word.text, word.letters, main)
                script = next(iter(scripts))
                yield segment.problem(
                    word.start,
                    word.end,
                    f"{script} {_describe(word.text[0])} among {main} words; it looks like {main} {fix!r}",
                    fix,
                )


def _foreign_words_whole(text: str, target) -> bool:
    """Is every word that holds a foreign letter wholly of one foreign
    script, and too long (or of a script too harmless) to be a stray
    initial? Then no word of ``text`` can mix scripts or be a stray
    initial, which is settled on those few words (``Django`` in a Russian
    catalog) instead of letter by letter on the whole text."""
    if target is None or len(target.own & confusable_scripts()) > 1:
        return False
    foreign = foreign_letter(target.own)
    for match in prose_matches(LETTER_RUN, text):
        run = match.group()
        if not foreign.search(run):
            continue
        letters = letter_scripts(run)
        scripts = {script for _, script in letters}
        if len(scripts) != 1:
            return False
        script = next(iter(scripts))
        # the tests of _is_stray_initial, turned round
        if script in target.own or not (
            len(letters) > 2 or target.allows(script) or script not in confusable_scripts()
        ):
            return False
    return True


def _glued_run(word: Word, intruders) -> bool:
    """An acronym with a case ending (``URLдың``, ``TOCСПЕЦ``) or two words
    glued together: the other script is one run of two letters or more at
    the start or the end of the word, not a letter slipped inside it
    (unless ``_look_alike_run`` tells a slip)."""
    if len(intruders) < 2:
        return False
    indexes = [i for i, _ in intruders]
    contiguous = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
    letters = [i for i, _ in word.letters]
    return contiguous and (indexes[0] == letters[0] or indexes[-1] == letters[-1])


# Different runs looked for in one paragraph's text, at most: each look is a
# scan of the text, and a hostile paragraph can hold a run in every word.
# Past it, a run counts as a word glued on (silence, as before).
MAX_RUN_LOOKS = 64


def _look_alike_run(word: Word, intruders, main: str, text: str, standing: dict) -> bool:
    """Is the run of another script at one end of ``word`` (each of its
    letters with a look-alike) a slip all the same? In a word written
    wholly in capitals (``ТАSHKENT``, Cyrillic Т and А), unless the run
    stands for itself elsewhere in ``text``, as a word or opening one of
    its own script (``TOCСПЕЦ`` beside ``TOC``, ``SEКОР`` beside
    ``SELinux``: two words glued); at the start of a word in lower case or
    capitalised (``Ноrgos``, Cyrillic Н and о), where an acronym would keep
    its capitals before a case ending (``URLдың``, ``OKта``). ``standing``
    remembers, per run, whether it stands for itself in ``text``."""
    first, last = intruders[0][0], intruders[-1][0] + 1
    opens = first == word.letters[0][0]
    if not word.text.isupper():
        return opens and word.text[first + 1 :].islower()
    key = (word.text[first:last], main, opens)
    if key not in standing:
        if len(standing) >= MAX_RUN_LOOKS:
            return False
        run, other = regex.escape(key[0]), rf"\p{{scx={main}}}"
        # never where the word itself holds the run: a letter of the main script stands beside it there
        if opens:
            pattern = rf"(?<![\p{{L}}\p{{M}}]){run}(?!{other})"
        else:
            pattern = rf"(?<!{other}){run}(?![\p{{L}}\p{{M}}])"
        standing[key] = regex.search(pattern, text) is not None
    return not standing[key]


def _case_pairs(text: str) -> bool:
    """Answer keys of UI strings such as ``yYдД`` (each letter in both cases)
    mix scripts on purpose."""
    return len(text) <= 8 and all(ch.swapcase() in text for ch in text)


def _is_stray_initial(previous: Word | None, word: Word, following: Word | None, target) -> bool:
    """A one- or two-letter word of a foreign script, with look-alikes in
    the target script, between words of the target script."""
    script = next(iter(word.scripts))
    if len(word.letters) > 2 or target.allows(script) or script not in confusable_scripts():
        return False
    neighbours = [w for w in (previous, following) if w is not None]
    own = [w for w in neighbours if w.scripts and set(w.scripts) <= target.own]
    main = next(iter(target.own))
    return len(own) == len(neighbours) and bool(own) and all(lookalike(word.text[i], main) for i, _ in word.letters)
