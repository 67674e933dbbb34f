"""TQA921 omitted-sentence: Sentence or paragraph of the original with no counterpart in the translation."""

from __future__ import annotations

from typing import Iterator

from ...model import Article, Problem
from .. import Context, Option, rule
from ._shared import line_of_original, pair_of, short


@rule(
    "TQA921",
    "omitted-sentence",
    "omission",
    "warning",
    options={
        "min-words": Option(
            int, 4, "Shorter sentences of the original (bylines, 'Фото: Акорда.') may go untranslated.", bounds=(1, 100)
        ),
    },
)
def omitted_sentence(article: Article, ctx: Context) -> Iterator[Problem]:
    """Sentence or paragraph of the original with no counterpart in the translation.

    With an original (``tqa check --source ORIGINAL TRANSLATION``, or
    ``[tool.tqa.sources]``), the two are aligned sentence by sentence
    (``tqa align`` shows how) and a run of sentences of the original that
    nothing in the translation renders is reported at the place in the
    translation where it should stand (an empty span before the next
    sentence), with the original's line as the related place. Short
    sentences (under ``min-words`` words) are left out: a byline or a
    photo credit is often dropped on purpose. An example gives the original
    before ``⇔``.

    Fails (en):
        Бюджет составит 120 млрд тенге. Об этом сообщила пресс-служба Акорды. Закон вступит в силу в следующем году после публикации. ⇔ The budget will be 120 billion tenge, the Akorda press service said.⟦⟧
        Президент подписал закон о бюджете на три года.⏎⏎Депутаты Мажилиса обсуждали документ две недели и внесли сорок поправок.⏎⏎Закон вступит в силу первого января. ⇔ The President signed the three-year budget law.⏎⏎⟦⟧The law takes effect on the first of January.

    Passes (en):
        Бюджет составит 120 млрд тенге. Об этом сообщила пресс-служба Акорды. ⇔ The budget will be 120 billion tenge, the Akorda press service said.
        Тоқаев заң жобасына қол қойды. Құжат ресми жарияланғаннан кейін күшіне енеді. ⇔ Tokayev signed the bill. The document takes effect once it is officially published.
    """
    pair = pair_of(article, ctx)
    if pair is None:
        return
    minimum = ctx.options["min-words"]
    beads = pair.alignment.beads
    k = 0
    while k < len(beads):
        if beads[k].target or not beads[k].source:
            k += 1
            continue
        first = k
        while k < len(beads) and beads[k].source and not beads[k].target:
            k += 1
        left = [i for b in beads[first:k] for i in b.source]
        if sum(len(pair.alignment.source[i].text.split()) for i in left) < minimum:
            continue
        at = _place(pair, first, k)
        paras = {pair.alignment.source[i].para for i in left}
        whole = all(
            sum(1 for s in pair.alignment.source if s.para == p)
            == sum(1 for i in left if pair.alignment.source[i].para == p)
            for p in paras
        )
        what = (
            "paragraph"
            if whole and len(paras) == 1
            else ("paragraphs" if whole else ("sentences" if len(left) > 1 else "sentence"))
        )
        where = line_of_original(pair, left[0])
        message = f"{what} of the original (line {where}) not translated: «{short(pair.source_text(left))}»"
        yield at(message, [pair.source_place(left[0])])


def _place(pair, first: int, after: int):
    """Where the translation of beads ``first..after`` should stand: before
    the next sentence of the translation, or after the last one."""
    beads = pair.alignment.beads
    following = next((b.target[0] for b in beads[after:] if b.target), None)
    if following is not None:
        return lambda message, related: pair.target_problem(following, 0, 0, message, related)
    previous = next((b.target[-1] for b in reversed(beads[:first]) if b.target), None)
    if previous is not None:
        end = len(pair.alignment.target[previous].text)
        return lambda message, related: pair.target_problem(previous, end, end, message, related)
    segment = pair.translation.paragraphs[0] if pair.translation.paragraphs else None

    def whole(message, related):
        if segment is None:
            return Problem(pair.translation.start, pair.translation.start, message, related=tuple(related))
        return segment.problem(0, 0, message, related=related)

    return whole
