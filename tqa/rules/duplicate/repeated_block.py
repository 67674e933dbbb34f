"""TQA303 repeated-block: Block repeated across articles of the run (press-release boilerplate, with or without rewording)."""

from __future__ import annotations

import bisect
import itertools
from array import array
from typing import Iterator, NamedTuple

from ...model import PackedTexts, Problem
from .. import Option, rule
from ._shared import comparable_paragraphs, trimmed


class Blocks(NamedTuple):
    """The paragraphs of one file that repeated-block compares, column by
    column: a big run keeps every paragraph of the archive until the reduce
    step, so a paragraph costs its normalised text and some 220 bytes.
    Offsets, not segments: the reduce step runs where only the documents'
    skeletons are kept."""

    articles: array  # index of each paragraph's article
    starts: array  # file offset of each paragraph
    spans: array  # start and end offsets of the span to report, two per paragraph
    norms: list[str] | PackedTexts  # normalised texts (packed when they are many: PACK_NORMS)
    keys: bytes  # band keys of all, one after the other (nearduplicates.keys_of)


# Characters of normalised text past which a file's are kept compressed
# until the corpus phase: a file of 50 MB would otherwise hold a second
# copy of its prose through all the rules (an article is some 5,000).
PACK_NORMS = 1_000_000


def _blocks(document, ctx) -> Blocks:
    """The map step of repeated-block, per file (in the worker processes)."""
    from ...text.nearduplicates import keys_of

    blocks = Blocks(array("i"), array("q"), array("q"), [], b"")

    def paragraphs() -> Iterator[str]:
        """Each compared paragraph's normalised text, its places noted."""
        for article in document.articles:
            for _, segment, norm in comparable_paragraphs(article, ctx.options["min-words"]):
                span = segment.problem(*trimmed(segment), "")
                blocks.articles.append(article.index)
                blocks.starts.append(segment.start)
                blocks.spans.extend((span.start, span.end))
                yield norm

    norms: list[str] = []
    size = 0
    texts = paragraphs()
    for norm in texts:
        norms.append(norm)
        size += len(norm)
        if size > PACK_NORMS:  # the rest packed as they come: never all the file's normalised prose at once
            packed = PackedTexts(itertools.chain(norms, texts))
            return blocks._replace(norms=packed, keys=b"".join(keys_of(packed)))
    return blocks._replace(norms=norms, keys=b"".join(keys_of(norms)))


@rule(
    "TQA303",
    "repeated-block",
    "duplicate",
    "info",
    scope="corpus",
    options={
        "min-words": Option(int, 12, "paragraphs of fewer words are not compared", bounds=(1, 10_000)),
        "threshold": Option(float, 75.0, "the chrF score from which two blocks count as the same", bounds=(0, 100)),
    },
    prepare=_blocks,
    hides_inside=False,
)
def repeated_block(documents, ctx):
    """Block repeated across articles of the run (press-release boilerplate, with or without rewording).

    Informational: boilerplate may be intended, but editors want to see it
    and keep its wording consistent. Candidates are found with MinHash/LSH
    over word pairs, so the cost grows linearly with the
    corpus, never all pairs; each candidate is confirmed with chrF.

    Fails (en):
        Alpha⏎⏎Тарату:⏎⏎A workshop was held.⏎⏎The event is part of the joint regional project of UNDP and the Hub, aimed at increasing the capacity of civil servants in seven countries.⏎⏎Тарату:⏎⏎Beta⏎⏎Тарату:⏎⏎A visit took place.⏎⏎⟦This event is part of the joint regional project of UNDP and the Hub aimed at raising the capacity of civil servants in seven countries.⟧⏎⏎Тарату:

    Passes (en):
        Alpha⏎⏎Тарату:⏎⏎A workshop was held.⏎⏎The ministry opened a new office in Astana on Monday morning after a long delay.⏎⏎Тарату:⏎⏎Beta⏎⏎Тарату:⏎⏎A visit took place.⏎⏎The agency closed its old office in Almaty on Friday evening after the annual audit.⏎⏎Тарату:
    """
    from ...text import nearduplicates

    files = [
        (document, ctx.prepared[document.path])
        for document in documents
        if ctx.prepared.get(document.path) and ctx.prepared[document.path].norms
    ]
    first_text = []  # index of each file's first paragraph among all
    texts, groups, group_base = [], [], 0
    for document, blocks in files:
        first_text.append(len(texts))
        texts.extend(blocks.norms)
        groups.extend(group_base + article for article in blocks.articles)  # one group per article
        group_base += len(document.articles)

    def place(index):
        number = bisect.bisect_right(first_text, index) - 1
        return files[number][0], files[number][1], index - first_text[number]

    keys = b"".join(blocks.keys for _, blocks in files)
    for later, earlier, score in nearduplicates.find(
        texts, ctx.options["threshold"], same_group=groups, parallel_map=ctx.map, keys=keys
    ):
        document, blocks, at = place(later)
        first_doc, first_blocks, first_at = place(earlier)
        first_start = first_blocks.starts[first_at]
        where = f"{first_doc.path}:{first_doc.source.position(first_start)[0]}"
        how = "word for word" if score >= 100 else f"{score:.0f}% chrF"
        yield (
            document,
            Problem(
                blocks.spans[2 * at],
                blocks.spans[2 * at + 1],
                f"block also stands in another article ({where}, {how})",
                related=((first_doc.path, first_start),),
            ),
        )
