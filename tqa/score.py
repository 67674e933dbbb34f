"""``tqa score HYPOTHESIS REFERENCE``: how far one version is from another
(machine translation against the editor's final text, say), with sacrebleu:
BLEU, chrF and TER per article (or per catalog entry) and for the corpus.

Text and Markdown files are aligned article by article (same splitting as
``tqa check``); catalogs (PO, XLIFF) entry by entry, by source text and
context. Inputs that do not line up are a clear error.
"""

from __future__ import annotations

from dataclasses import dataclass

from .readers import InputError, read_document


class ScoreError(Exception):
    pass


@dataclass
class Pair:
    name: str
    hypothesis: str
    reference: str


def _units(document) -> list[tuple[str, str]]:
    """(name, text) of what is compared: articles, or catalog entries."""
    if document.format in ("po", "xliff"):
        units = []
        for segment in document.articles[0].segments:
            meta = segment.meta or {}
            key = f"{meta.get('context') or ''}\x04{meta.get('source', '')}\x04{meta.get('plural_index')}"
            units.append((key, segment.text))
        return units
    return [
        (
            article.title or f"article {article.index + 1}",
            "\n".join(s.text for s in article.paragraphs if s.kind in ("paragraph", "title", "heading")),
        )
        for article in document.articles
    ]


def align(hypothesis_path: str, reference_path: str) -> tuple[list[Pair], list[str]]:
    try:
        hyp_doc, ref_doc = read_document(hypothesis_path), read_document(reference_path)
    except InputError as exc:
        raise ScoreError(str(exc)) from None
    hyp, ref = _units(hyp_doc), _units(ref_doc)
    notes = []
    if hyp_doc.format in ("po", "xliff") or ref_doc.format in ("po", "xliff"):
        if hyp_doc.format != ref_doc.format:
            raise ScoreError(
                f"{hypothesis_path} is {hyp_doc.format}, {reference_path} is {ref_doc.format}: "
                "compare files of the same kind"
            )
        ref_by_key = dict(ref)
        pairs = [Pair(key.split("\x04")[1][:60], text, ref_by_key[key]) for key, text in hyp if key in ref_by_key]
        missing = len(hyp) - len(pairs)
        if not pairs:
            raise ScoreError(f"{hypothesis_path} and {reference_path} share no entry (by source text and context)")
        if missing or len(ref) != len(pairs):
            notes.append(
                f"{missing} entries only in {hypothesis_path}, {len(ref) - len(pairs)} only in "
                f"{reference_path}; scored the {len(pairs)} in both"
            )
        return [p for p in pairs if p.hypothesis.strip() and p.reference.strip()], notes
    if len(hyp) != len(ref):
        raise ScoreError(f"misaligned: {hypothesis_path} has {len(hyp)} article(s), {reference_path} has {len(ref)}")
    return [Pair(ref_name, h_text, r_text) for (_, h_text), (ref_name, r_text) in zip(hyp, ref)], notes


def scores(pairs: list[Pair]) -> dict:
    from sacrebleu.metrics import BLEU, CHRF, TER

    bleu, chrf, ter = BLEU(effective_order=True), CHRF(), TER()
    rows = [
        {
            "name": p.name,
            "bleu": round(bleu.sentence_score(p.hypothesis, [p.reference]).score, 2),
            "chrf": round(chrf.sentence_score(p.hypothesis, [p.reference]).score, 2),
            "ter": round(ter.sentence_score(p.hypothesis, [p.reference]).score, 2),
        }
        for p in pairs
    ]
    hyps, refs = [p.hypothesis for p in pairs], [[p.reference for p in pairs]]
    corpus = {
        "bleu": round(BLEU().corpus_score(hyps, refs).score, 2),
        "chrf": round(CHRF().corpus_score(hyps, refs).score, 2),
        "ter": round(TER().corpus_score(hyps, refs).score, 2),
        "units": len(pairs),
    }
    return {"units": rows, "corpus": corpus}
