"""Mixed scripts: look-alike letters from another script inside a word, and
runs of words in a script the target language does not use.

Letters are classified by the Unicode Script_Extensions property; digits,
punctuation and marks (Common, Inherited) are neutral; links, e-mails and
domains are skipped. Look-alikes come from Unicode UTS #39.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..languages import default_candidates, get_detector, language_name
from ..memo import text_cache
from ..scripts import (confusable_scripts, foreign_letter, has_foreign_letters, language_scripts, letter_scripts,
                       lookalike, prose_matches)
from . import rule


# Letters only: an apostrophe ends a word here, so that a Russian or Kyrgyz
# case ending after a Latin name (Enter'ди, dpkg'ем) is its own word.
LETTER_RUN = regex.compile(r"[\p{L}\p{M}]+")

# How sure language identification must be that a run of Latin words in,
# say, Japanese text is prose (an untranslated phrase) and not a list of
# command names. Measured on the gettext catalogs of /usr/share/locale:
# keyword lists score below 0.82, English phrases above 0.97.
PROSE_CONFIDENCE = 0.95


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
        pieces = _pieces(run) if len(run) <= _SHORT_RUN else _pieces.__wrapped__(run)
        for start, end, piece, letters, scripts in pieces:
            yield Word(at + start, at + end, piece, letters, scripts)


# Characters past which a text's words are made one at a time and forgotten,
# not listed (a catalog string of megabytes: 25 bytes a character listed).
_LISTED = 100_000


def words_in_turn(text: str):
    """The words of ``text``: listed and remembered for an ordinary text
    (two rules read them), one at a time for a huge one."""
    return words(text) if len(text) <= _LISTED else iter_words(text)


def _with_neighbours(found):
    """(previous, word, next) for each word; None past either end."""
    found = iter(found)
    previous, current = None, next(found, None)
    while current is not None:
        following = next(found, None)
        yield previous, current, following
        previous, current = current, following


_SHORT_RUN = 40  # letters: runs up to this long are remembered (words; a longer run is rare, or hostile)


@lru_cache(maxsize=32768)  # prose repeats its words: most runs are met before
def _pieces(run: str) -> tuple[tuple[int, int, str, list[tuple[int, str]], Counter], ...]:
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
        return ((0, len(run), run, letters, _counts(letters)),)
    result = []
    for piece in pieces:
        s, e = piece[0][0], piece[-1][0] + 1
        shifted = [(i - s, script) for i, script in piece]
        result.append((s, e, run[s:e], shifted, _counts(shifted)))
    return tuple(result)


def _counts(letters: list[tuple[int, str]]) -> Counter:
    return Counter(script for _, script in letters)


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


@rule("TQA101", "homoglyph", "mixed-script", "error", specificity=40, safe_fix=True)
def homoglyph(article, ctx):
    """Look-alike letter from another script inside a word (``Nazarbaуev`` with a Cyrillic у).

    A word that mixes Latin, Cyrillic, Greek or Armenian letters is almost
    always a slip of the keyboard layout or a copy from another text; it
    breaks search, sorting and spell-checking. The suggestion swaps each
    intruding letter for its look-alike in the word's main script. A lone
    initial of a foreign script among words of the target script (``А.
    Baimenov`` with a Cyrillic А in English) counts too.
    Kazakh ``і ә ғ қ ң ө ұ ү һ`` are Cyrillic letters and are never "fixed".

    Fails (en):
        In his speech, А. Baimenov noted the need for open data.
        President Nazarbaуev opened the forum.
        The Εuropean Union joined the project.

    Fails (ru):
        Форум прошёл в Aлматы.

    Fails (kk):
        Бiлiм беру министрлігі хабарлады.

    Passes (kk):
        Әлихан Бәйменов білім беру саласындағы өзгерістер туралы айтты.

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
        for previous, word, following in _with_neighbours(words_in_turn(segment.text)):
            scripts = word.scripts
            if len(scripts) >= 2 and not _case_pairs(word.text):
                main = _main_script(word, preferred)
                intruders = [(i, s) for i, s in word.letters if s != main]
                if _glued_run(word, intruders):
                    continue
                names = ", ".join(f"{s} {_describe(word.text[i])}" for i, s in intruders[:3])
                fix = _fixed(word.text, intruders, main)
                hint = f"; it looks like {main} {fix!r}" if fix else ""
                yield segment.problem(word.start, word.end,
                                      f"word mixes scripts: {names} in a {main} word{hint}", fix)
            elif target and scripts and _is_stray_initial(previous, word, following, target):
                main = next(iter(target.own))
                fix = _fixed(word.text, word.letters, main)
                script = next(iter(scripts))
                yield segment.problem(word.start, word.end,
                                      f"{script} {_describe(word.text[0])} among {main} words; "
                                      f"it looks like {main} {fix!r}", fix)


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
        if script in target.own or not (len(letters) > 2 or target.allows(script) or
                                        script not in confusable_scripts()):
            return False
    return True


def _glued_run(word: Word, intruders) -> bool:
    """An acronym with a case ending (``URLдың``, ``TOCСПЕЦ``) or two words
    glued together: the other script is one run of two letters or more at
    the start or the end of the word, not a letter slipped inside it."""
    if len(intruders) < 2:
        return False
    indexes = [i for i, _ in intruders]
    contiguous = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
    letters = [i for i, _ in word.letters]
    return contiguous and (indexes[0] == letters[0] or indexes[-1] == letters[-1])


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
    return len(own) == len(neighbours) and bool(own) and all(
        lookalike(word.text[i], main) for i, _ in word.letters)


def _prose_like(segment_text: str, run: list[Word], script: str) -> bool:
    """Does a run of tolerated-script words read like a sentence rather than
    a name, brand, acronym, command or keyword list? It needs three free
    words in a row joined by single spaces, two of them in lower case, that
    a language identifier confidently places in a language of that script."""
    streaks: list[list[Word]] = []
    for word in run:
        if not _plain(segment_text, word):
            streaks.append([])
            continue
        if streaks and streaks[-1] and segment_text[streaks[-1][-1].end:word.start] == " ":
            streaks[-1].append(word)
        else:
            streaks.append([word])
    for streak in streaks:
        lower = sum(1 for w in streak if len(w.text) > 1 and w.text[0].islower())
        if len(streak) >= 3 and lower >= 2:
            text = segment_text[streak[0].start:streak[-1].end]
            candidates = [c for c in default_candidates(None)
                          if (scripts := language_scripts(c)) is not None and script in scripts.own]
            lang, probability = get_detector().detect(text, candidates)
            if probability >= PROSE_CONFIDENCE:
                return True
    return False


def _plain(text: str, word: Word) -> bool:
    """A word standing free: not glued to code punctuation (apt-get,
    --force, a.b, x=y)."""
    before = text[word.start - 1:word.start]
    after = text[word.end:word.end + 1]
    return before not in ("-", "/", "_", ".", "=", "<", "\\") and after not in ("-", "/", "_", "=", ">", "(", "\\")


# What may stand between two foreign words of one finding: spaces on a line,
# punctuation, numbers ("Сделка охватывает 2400 км каналов" is one run).
_WITHIN_RUN = " \t\u00a0,.;:!?-–—()«»\"“”'’/&%0123456789"


@rule("TQA102", "foreign-script", "mixed-script", "error", options={"allow": []}, specificity=20)
def foreign_script(article, ctx):
    """Words in a script the target language does not use (``Тарату:`` in English).

    Consecutive foreign words are one finding. In languages where Latin
    names and brands are normal (Russian, Kazakh, Japanese…), Latin words are
    reported only when they read like a sentence (three words or more, two in
    lower case). Option ``allow`` lists names to accept (a newspaper title,
    a brand). Needs the target language (``--lang``, config or detection).

    Fails (en):
        The ministry said Добавлено примечание about it.
        Photo: Қазақпарат агенттігі

    Fails (ru):
        Выставка открылась. the exhibition was opened by the ambassador.

    Passes (en):
        The museum in Zürich lent paintings to Gdańsk; the café charges €5 at 20 °C.

    Passes (ru):
        Акции NASDAQ и Goldman Sachs выросли на 3%, сообщает Kursiv.kz.

    Passes (ja):
        COVID-19の流行以降、NIAはデジタル化を進めている。

    Passes (sr):
        Beograd i Београд су исти град.
    """
    target = language_scripts(ctx.lang)
    if target is None:
        return
    allowed = {a.casefold() for a in ctx.options["allow"]}
    for segment in article.prose:
        if not needs_look(segment.text, target):
            continue
        run: list[Word] = []  # its first _RUN_READ words
        last: Word | None = None  # its last word
        for word in itertools.chain(words_in_turn(segment.text), [None]):
            foreign = (word is not None and word.scripts and len(word.scripts) == 1
                       and not set(word.scripts) & target.own and word.text.casefold() not in allowed)
            if foreign and run and segment.text[last.end:word.start].strip(_WITHIN_RUN):
                yield from _report_run(segment, run, last, target, ctx, allowed)
                run = []
            if foreign:
                if len(run) < _RUN_READ:
                    run.append(word)
                last = word
            elif run:
                yield from _report_run(segment, run, last, target, ctx, allowed)
                run = []


# Words of a run of foreign words that are read to tell prose from names:
# an untranslated catalog string of megabytes is one run, and one finding.
_RUN_READ = 10_000


def _report_run(segment, run, last, target, ctx, allowed):
    script = next(iter(run[0].scripts))
    if target.allows(script) and not _prose_like(segment.text, run, script):
        return
    text = segment.text[run[0].start:last.end]
    # (case folding never shortens a text: a run longer than every allowed name is none of them)
    if len(text) <= max(map(len, allowed), default=0) and text.casefold() in allowed:
        return
    lang = language_name(ctx.lang)
    yield segment.problem(run[0].start, last.end, f"{script} text in {lang} text: {text[:60]!r}")
