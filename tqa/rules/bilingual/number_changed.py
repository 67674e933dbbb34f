"""TQA923 number-changed: Number of the original changed or lost in the translation (``120 млрд`` → ``12 billion``)."""

from __future__ import annotations

from typing import Iterator

from ...model import Article, Problem
from ...text.quantities import Quantity, dates, quantities
from .. import Context, rule
from ._shared import line_of_original, near_beads, pair_of


@rule("TQA923", "number-changed", "number", "error", hides_inside=False)
def number_changed(article: Article, ctx: Context) -> Iterator[Problem]:
    """Number of the original changed or lost in the translation (``120 млрд`` → ``12 billion``).

    Each sentence of the translation is compared with the sentences of the
    original it renders (``tqa align``) by value, whatever each language
    writes: a decimal comma or point (``3,7`` = ``3.7``), thousands
    separators (``1 500`` = ``1,500`` = ``1.500`` in German), scale words
    (``тыс.``, ``млн``, ``млрд``, ``трлн``; Kazakh ``мың``; German ``Tsd.``,
    ``Mio.``, ``Mrd.``), percentages, clock times (``18:00`` = ``6 p.m.``).
    A digit swap (``3,7`` → ``7.3``) or a factor of ten (``120 млрд`` →
    ``12 billion``) is reported on the translation's number; a number of the
    original missing from its sentence is reported on the sentence, unless it
    is up to ten (``три`` or ``3`` may become ``three``). A number is looked
    for in the neighbouring sentences too, so that a sentence moved a little
    is no defect. Days of months are left to ``date-changed``. An example
    gives the original before ``⇔``.

    Fails (en):
        Бюджет составит 120 млрд тенге. ⇔ The budget will be ⟦12 billion⟧ tenge.
        Инфляция замедлилась до 3,7%. ⇔ Inflation slowed to ⟦7.3⟧%.
        Жыл басынан бері 2 400 адам жұмысқа орналасты. ⇔ ⟦Since the start of the year, thousands of people found jobs.⟧
    Fails (de):
        Бюджет составит 1,2 трлн тенге. ⇔ Der Haushalt beträgt ⟦1,2 Mrd.⟧ Tenge.

    Passes (en):
        Бюджет составит 120 млрд тенге, инфляция — 3,7%. ⇔ The budget will be 120 billion tenge and inflation 3.7%.
        Жыл басынан бері 2 400 адам жұмысқа орналасты, оның үшеуі шетелдік. ⇔ Since the start of the year 2,400 people found jobs, three of them foreigners.
        Заседание начнётся в 18:00. ⇔ The meeting starts at 6 p.m.
        Выделено 1,2 млн тенге. ⇔ 1,200,000 tenge were allocated.
    Passes (de):
        Бюджет составит 1,2 трлн тенге. ⇔ Der Haushalt beträgt 1,2 Billionen Tenge.
    """
    pair = pair_of(article, ctx)
    if pair is None:
        return
    alignment = pair.alignment
    source_lang, target_lang = pair.source_lang, pair.target_lang
    # every number counts as a counterpart, a day of a date too ("3 и 4
    # июля" = "July 3 and 4"); the days of dates are not reported here
    src_all = [quantities(s.text, source_lang) for s in alignment.source]
    tgt_all = [quantities(s.text, target_lang) for s in alignment.target]
    src = [_numbers(s.text, source_lang, q) for s, q in zip(alignment.source, src_all)]
    tgt = [_numbers(s.text, target_lang, q) for s, q in zip(alignment.target, tgt_all)]
    for k, bead in enumerate(alignment.beads):
        if not bead.source or not bead.target:
            continue  # omissions and additions are reported as such
        near_source, near_target = near_beads(pair, k)
        around_source = {v for i in near_source for q in src_all[i] for v in q.values}
        around_target = {v for j in near_target for q in tgt_all[j] for v in q.values}
        lost = [(i, q) for i in bead.source for q in src[i] if not q.spelled and q.values.isdisjoint(around_target)]
        changed = [(j, q) for j in bead.target for q in tgt[j] if not q.spelled and q.values.isdisjoint(around_source)]
        if not lost:
            continue  # a number the translation adds ("in 2024" for "this year") is not a change
        related = [pair.source_place(lost[0][0])]
        originals = ", ".join(alignment.source[i].text[q.start : q.end] for i, q in lost)
        if changed:
            for j, q in changed:
                written = alignment.target[j].text[q.start : q.end]
                message = f"{written} is not the original's {originals} (line {line_of_original(pair, lost[0][0])})"
                yield pair.target_problem(j, q.start, q.end, message, related)
            continue
        wanted = [(i, q) for i, q in lost if not _spellable(q)]
        if wanted:
            j = bead.target[0]
            shown = ", ".join(alignment.source[i].text[q.start : q.end] for i, q in wanted)
            message = f"number {shown} of the original (line {line_of_original(pair, wanted[0][0])}) is not in the translation"
            yield pair.target_problem(j, 0, len(alignment.target[j].text), message, [pair.source_place(wanted[0][0])])


def _numbers(text: str, lang: str | None, found: list[Quantity]) -> list[Quantity]:
    """The numbers of a sentence (``found``) but the days of its dates (``date-changed``'s)."""
    if not found:
        return []
    days = [(d.start, d.end) for d in dates(text, lang) if d.day is not None]
    return [q for q in found if not any(s < q.end and q.start < e for s, e in days)]


def _spellable(q: Quantity) -> bool:
    return any(v.isdigit() and int(v) <= 10 for v in q.values)
