"""TQA926 untranslated-sentence: Sentence of the translation that is still the original's (copied, or in the original's script)."""

from __future__ import annotations

from typing import Iterator

import regex

from ...model import Article, Problem
from .. import Context, rule
from ._shared import line_of_original, pair_of

_LETTER = regex.compile(r"\p{L}")
_WORD = regex.compile(r"\p{L}{2,}")


@rule("TQA926", "untranslated-sentence", "untranslated", "error", hides_inside=True)
def untranslated_sentence(article: Article, ctx: Context) -> Iterator[Problem]:
    """Sentence of the translation that is still the original's (copied, or in the original's script).

    A sentence of at least three words is reported when it is the sentence
    of the original it stands for (the same words, whatever the spacing and
    case), or when the translation writes in another script than the
    original (English from Russian) and most of this sentence's letters are
    in the original's script. A name or a quoted title in the original's
    script inside a translated sentence is not a sentence left
    untranslated. An example gives the original before ``⇔``.

    Fails (en):
        Бюджет утверждён. Об этом сообщила пресс-служба Акорды. ⇔ The budget was approved. ⟦Об этом сообщила пресс-служба Акорды.⟧
        Жиналыс дүйсенбіде өтеді. Құжат келесі аптада жарияланады. ⇔ The meeting is on Monday. ⟦Құжат келесі аптада жарияланады.⟧
    Fails (de):
        Die Sitzung beginnt am Montag um zehn Uhr. ⇔ ⟦Die Sitzung beginnt am Montag um zehn Uhr.⟧

    Passes (en):
        Газета «Егемен Қазақстан» вышла в понедельник. ⇔ The newspaper «Егемен Қазақстан» came out on Monday.
        Бюджет утверждён. Об этом сообщила пресс-служба Акорды. ⇔ The budget was approved. The Akorda press service reported this.
    """
    pair = pair_of(article, ctx)
    if pair is None:
        return
    alignment = pair.alignment
    source_script = _main_script(" ".join(s.text for s in alignment.source))
    target_script = _main_script(" ".join(s.text for s in alignment.target))
    for bead in alignment.beads:
        source = " ".join(alignment.source[i].text for i in bead.source)
        for j in bead.target:
            text = alignment.target[j].text
            if len(_WORD.findall(text)) < 3:
                continue
            related = [pair.source_place(bead.source[0])] if bead.source else []
            where = f" (line {line_of_original(pair, bead.source[0])})" if bead.source else ""
            if bead.source and _key(text) == _key(source):
                yield pair.target_problem(
                    j, 0, len(text), f"sentence is the original's{where}, not translated", related
                )
            elif (
                source_script != target_script
                and (source_script not in _SCRIPTS or _SCRIPTS[source_script].search(text))
                and _main_script(text) == source_script
                and _share(text, source_script) > 0.6
            ):
                yield pair.target_problem(j, 0, len(text), f"sentence still in the original's script{where}", related)


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


_SCRIPTS = {"Cyrillic": regex.compile(r"\p{Cyrillic}"), "Latin": regex.compile(r"\p{Latin}")}


def _counts(text: str) -> dict[str, int]:
    """Letters of ``text`` per script (Cyrillic, Latin, other)."""
    counts = {name: len(pattern.findall(text)) for name, pattern in _SCRIPTS.items()}
    counts["other"] = len(_LETTER.findall(text)) - sum(counts.values())
    return counts


def _main_script(text: str) -> str:
    counts = _counts(text)
    return max(counts, key=lambda s: counts[s]) if any(counts.values()) else "other"


def _share(text: str, script: str) -> float:
    counts = _counts(text)
    total = sum(counts.values())
    return counts[script] / total if total else 0.0
