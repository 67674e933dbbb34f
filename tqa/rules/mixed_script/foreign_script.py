"""TQA102 foreign-script: Words in a script the target language does not use (``Тарату:`` in English)."""

from __future__ import annotations

import bisect
import itertools
from typing import Iterator

from ...model import Article, Problem
from ...text.languages import default_candidates, get_detector, language_name
from ...text.scripts import language_scripts, non_prose_spans
from .. import Context, Option, rule
from ._shared import Word, needs_look, words_in_turn

# How sure language identification must be that a run of Latin words in,
# say, Japanese text is prose (an untranslated phrase) and not a list of
# command names. Measured on the gettext catalogs of /usr/share/locale:
# keyword lists score below 0.82, English phrases above 0.97.
PROSE_CONFIDENCE = 0.95


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
        if streaks and streaks[-1] and segment_text[streaks[-1][-1].end : word.start] == " ":
            streaks[-1].append(word)
        else:
            streaks.append([word])
    for streak in streaks:
        lower = sum(1 for w in streak if len(w.text) > 1 and w.text[0].islower())
        if len(streak) >= 3 and lower >= 2:
            text = segment_text[streak[0].start : streak[-1].end]
            candidates = [
                c
                for c in default_candidates(None)
                if (scripts := language_scripts(c)) is not None and script in scripts.own
            ]
            lang, probability = get_detector().detect(text, candidates)
            if probability >= PROSE_CONFIDENCE:
                return True
    return False


def _plain(text: str, word: Word) -> bool:
    """A word standing free: not glued to code punctuation (apt-get,
    --force, a.b, x=y)."""
    before = text[word.start - 1 : word.start]
    after = text[word.end : word.end + 1]
    return before not in ("-", "/", "_", ".", "=", "<", "\\") and after not in ("-", "/", "_", "=", ">", "(", "\\")


# What may stand between two foreign words of one finding: spaces on a line,
# punctuation, numbers ("Сделка охватывает 2400 км каналов" is one run).
_WITHIN_RUN = " \t\u00a0,.;:!?-–—()«»\"“”'’/&%0123456789"


@rule(
    "TQA102",
    "foreign-script",
    "mixed-script",
    "error",
    options={
        "allow": Option(
            list, [], "words or names in another script to accept (a newspaper's title, a brand)", items=str
        )
    },
)
def foreign_script(article: Article, ctx: Context) -> Iterator[Problem]:
    """Words in a script the target language does not use (``Тарату:`` in English).

    Consecutive foreign words are one finding. In languages where Latin
    names and brands are normal (Russian, Kazakh, Japanese…), Latin words are
    reported only when they read like a sentence (three words or more, two in
    lower case). Option ``allow`` lists names to accept (a newspaper title,
    a brand). Needs the target language (``--lang``, config or detection).

    Fails (en):
        The ministry said ⟦Добавлено примечание⟧ about it.
        Photo: ⟦Қазақпарат агенттігі⟧

    Fails (ru):
        Выставка открылась. ⟦the exhibition was opened by the ambassador⟧.

    Passes (en):
        The museum in Zürich lent paintings to Gdańsk; the café charges €5 at 20 °C.

    Passes (ru):
        Акции NASDAQ и Goldman Sachs выросли на 3%, сообщает Kursiv.kz.
        Команда `aptitude remove wesnoth+` удалит пакет; переменная в λ-терминах.

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
        code = non_prose_spans(segment.text)  # links, paths, `code`: no words of the text
        run: list[Word] = []  # its first _RUN_READ words
        run_end = 0  # where its last word ends
        for word in itertools.chain(words_in_turn(segment.text), [None]):
            foreign = (
                word is not None
                and word.scripts
                and len(word.scripts) == 1
                and not set(word.scripts) & target.own
                and word.text.casefold() not in allowed
                and not (code and _inside(code, word.start))
                and not _symbol(word)
            )
            if foreign and run and segment.text[run_end : word.start].strip(_WITHIN_RUN):
                yield from _report_run(segment, run, run_end, target, ctx, allowed)
                run = []
            if foreign:
                if len(run) < _RUN_READ:
                    run.append(word)
                run_end = word.end
            elif run:
                yield from _report_run(segment, run, run_end, target, ctx, allowed)
                run = []


def _inside(spans, at: int) -> bool:
    """Is ``at`` within one of the flat (start, end, …) ``spans``?"""
    index = bisect.bisect_right(spans, at)
    return index % 2 == 1


def _symbol(word: Word) -> bool:
    """A Greek letter alone is a symbol (λ-calculus, α-particle, π), not a word."""
    return len(word.text) == 1 and set(word.scripts) == {"Greek"}


# Words of a run of foreign words that are read to tell prose from names:
# an untranslated catalog string of megabytes is one run, and one finding.
_RUN_READ = 10_000


def _report_run(segment, run, run_end, target, ctx, allowed):
    script = next(iter(run[0].scripts))
    if target.allows(script) and not _prose_like(segment.text, run, script):
        return
    start = run[0].start
    # (case folding never shortens a text: a run longer than every allowed name is none of them)
    if run_end - start <= max(map(len, allowed), default=0) and segment.text[start:run_end].casefold() in allowed:
        return
    lang = language_name(ctx.lang)
    shown = segment.text[start : min(run_end, start + 60)]  # not a copy of a run of megabytes
    yield segment.problem(start, run_end, f"{script} text in {lang} text: {shown!r}")
