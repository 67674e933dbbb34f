"""TQA924 date-changed: Day, month or weekday of the original changed in the translation (``3 марта`` → ``March 4``)."""

from __future__ import annotations

from typing import Iterator

from ...model import Article, Problem
from ...text.quantities import DateMention, dates, quantities
from .. import Context, rule
from ._shared import line_of_original, near_beads, pair_of


@rule("TQA924", "date-changed", "number", "error", hides_inside=False)
def date_changed(article: Article, ctx: Context) -> Iterator[Problem]:
    """Day, month or weekday of the original changed in the translation (``3 марта`` → ``March 4``).

    Dates are compared across languages: ``3 марта`` = ``March 3`` =
    ``3 March`` = ``3 наурыз`` = ``3. März`` = ``03.03.2024``; a month alone
    (``в марте`` = ``in March``) and weekdays (``в понедельник`` =
    ``on Monday``) too. A date of the translation that no date of the
    sentences it renders (or their neighbours) has is reported, when those
    sentences have a date of the same kind. An example gives the original
    before ``⇔``.

    Fails (en):
        Сессия откроется 3 марта. ⇔ The session opens on ⟦March 4⟧.
        Жиналыс 3 наурызда, дүйсенбіде өтеді. ⇔ The meeting is on ⟦4 March⟧, a ⟦Tuesday⟧.
    Fails (de):
        Сессия откроется в марте. ⇔ Die Sitzung beginnt im ⟦Mai⟧.

    Passes (en):
        Сессия откроется 3 марта, в понедельник. ⇔ The session opens on Monday, March 3.
        Жиналыс 3 наурызда өтеді. ⇔ The meeting is on 3 March.
        Решение принято 03.03.2024. ⇔ The decision was taken on March 3, 2024.
        Он может приехать в мае. ⇔ He may come in May.
    Passes (de):
        Сессия откроется 3 марта. ⇔ Die Sitzung beginnt am 3. März.
    """
    pair = pair_of(article, ctx)
    if pair is None:
        return
    alignment = pair.alignment
    src = [dates(s.text, pair.source_lang) for s in alignment.source]
    tgt = [dates(s.text, pair.target_lang) for s in alignment.target]
    for k, bead in enumerate(alignment.beads):
        if not bead.source or not bead.target or not any(tgt[j] for j in bead.target):
            continue
        own = [(i, d) for i in bead.source for d in src[i]]
        if not own:
            continue
        near_source, _ = near_beads(pair, k)
        around = [d for i in near_source for d in src[i]]
        # "3 и 4 июля" = "July 3 and 4": a day the original writes as a bare
        # number before a month it names
        numbers = {
            v for i in near_source for q in quantities(alignment.source[i].text, pair.source_lang) for v in q.values
        }
        for j in bead.target:
            for mention in tgt[j]:
                kind = _kind(mention)
                same_kind = [(i, d) for i, d in own if _kind(d) == kind]
                if not same_kind or any(_same(mention, d) for d in around):
                    continue
                if kind == "day" and str(mention.day) in numbers and any(d.month == mention.month for d in around):
                    continue
                i, d = same_kind[0]
                text = alignment.target[j].text[mention.start : mention.end]
                message = f"{text} is not the original's {alignment.source[i].text[d.start : d.end]} (line {line_of_original(pair, i)})"
                yield pair.target_problem(j, mention.start, mention.end, message, [pair.source_place(i)])


def _kind(d: DateMention) -> str:
    return "weekday" if d.weekday is not None else ("day" if d.day is not None else "month")


def _same(a: DateMention, b: DateMention) -> bool:
    """Does ``b`` (of the original) say what ``a`` (of the translation) says?
    A month alone agrees with a day of that month."""
    if a.weekday is not None or b.weekday is not None:
        return a.weekday == b.weekday
    if a.day is not None:
        return (a.day, a.month) == (b.day, b.month)
    return a.month == b.month
