"""TQA922 added-sentence: Sentence of the translation with no counterpart in the original."""

from __future__ import annotations

from typing import Iterator

from ...model import Article, Problem
from .. import Context, Option, rule
from ._shared import pair_of


@rule(
    "TQA922",
    "added-sentence",
    "omission",
    "warning",
    options={
        "min-words": Option(
            int, 4, "Shorter sentences of the translation (a credit, a dateline) are not reported.", bounds=(1, 100)
        ),
    },
)
def added_sentence(article: Article, ctx: Context) -> Iterator[Problem]:
    """Sentence of the translation with no counterpart in the original.

    The translation is aligned with its original (see ``omitted-sentence``)
    and a sentence of the translation that renders nothing of the original
    is reported whole: an explanation a translator added may be welcome,
    but an editor should know of it. Short ones (under ``min-words`` words)
    are left out. An example gives the original before ``⇔``.

    Fails (en):
        Бюджет составит 120 млрд тенге, сообщила пресс-служба. ⇔ The budget will be 120 billion tenge, the press service said. ⟦Critics say the sum is far too small for a country of twenty million people.⟧
    Fails (de):
        Тоқаев заң жобасына қол қойды. ⇔ Tokajew hat das Gesetz unterzeichnet. ⟦Die Opposition hatte monatelang gegen den Entwurf protestiert.⟧

    Passes (en):
        Бюджет составит 120 млрд тенге. Об этом сообщила пресс-служба. ⇔ The budget will be 120 billion tenge. This was reported by the press service.
    """
    pair = pair_of(article, ctx)
    if pair is None:
        return
    minimum = ctx.options["min-words"]
    before = None  # the last sentence of the original rendered so far: where the addition stands
    for bead in pair.alignment.beads:
        if bead.source:
            before = bead.source[-1]
        if bead.source or not bead.target:
            continue
        for j in bead.target:
            text = pair.alignment.target[j].text
            if len(text.split()) < minimum:
                continue
            related = [pair.source_place(before if before is not None else 0)] if pair.alignment.source else []
            yield pair.target_problem(j, 0, len(text), "sentence not in the original: an addition?", related)
