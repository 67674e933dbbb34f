"""What the bilingual rules share."""

from __future__ import annotations

import unicodedata

import regex

PRINTF = regex.compile(
    r"%(?:(?P<pos>\d+)\$)?(?:\((?P<name>[^)\s]{1,40})\))?[-+ #0'I]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|z|j|t|q|I64)?(?P<conv>[diouxXeEfFgGaAcCsSrpn%@])"
)


BRACE = regex.compile(r"(?<!\{)\{(?P<field>[A-Za-z_][\w.]*|\d*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")


TAG = regex.compile(r"</?([A-Za-z][\w:-]*)(?:\s[^<>]*)?/?>")


# An address is tried only where a run of its characters starts (or where
# the previous match ended, inside one): tried at every character, a long
# word was scanned to its end from each of its letters.
LINK = regex.compile(
    r"(?:https?://|ftp://|mailto:)[^\s<>\"']+[^\s<>\"'.,;:!?)]"
    r"|(?:(?<![\w.+-])|\G)[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)


def catalog_entry(segment):
    return segment.meta if segment.kind == "entry" and segment.meta else None


def translated_entries(article):
    """(segment, meta) of each catalog entry with a translation to compare:
    empty and fuzzy entries are work in progress, left to ``untranslated``."""
    for segment in article.segments:
        meta = catalog_entry(segment)
        if meta is not None and segment.text and not meta["fuzzy"]:
            yield segment, meta


def source_for(meta) -> str:
    """The source a form translates: msgid for the singular, else msgid_plural."""
    if meta.get("plural_index") and meta.get("source_plural"):
        return meta["source_plural"]
    return meta["source"]


def report_whole(segment, message, suggestion=None):
    from ...model import Problem

    if segment.text:
        return segment.problem(0, len(segment.text), message, suggestion)
    start, end = segment.meta["keyword"]
    return Problem(start, end, message, suggestion)


GROUPED_DIGITS = regex.compile(r"^\d{1,3}(?:([ \u00a0\u202f.,'’])\d{3})+$")


def number_values(token: str) -> set[str]:
    """What a written number can mean, locale-aware: ``1,500`` is 1500 in
    English and 1.5 in German; ``1 500`` and ``1.500`` are 1500."""
    values = set()
    if GROUPED_DIGITS.match(token):
        values.add(regex.sub(r"[^\d]", "", token))
    for decimal in ".,":
        if token.count(decimal) == 1:
            whole, frac = token.split(decimal)
            whole = regex.sub(r"[^\d]", "", whole)
            values.add(f"{int(whole or 0)}.{frac}".rstrip("0").rstrip("."))
    if regex.fullmatch(r"\d+", token):
        values.add(str(int(token)))
    return values


# Characters past which a text is compared a piece at a time: a catalog
# string of megabytes, copied whole with its placeholders blanked and
# copied again normalized, took several times its size.
COMPARED_AT_ONCE = 100_000


# Where a long text may be cut: a space between two letters. No number,
# clock time or printf placeholder spans one, and a space composes with
# nothing under NFKC, so the pieces read as the whole does.
PIECE_CUT = regex.compile(r"(?<=\p{L}) (?=\p{L})")


def comparable_pieces(text: str):
    """``text`` with printf placeholders blanked and NFKC applied (full-width
    digits ８ are the same numbers), a long text in pieces cut at ``PIECE_CUT``."""
    at = 0
    while at < len(text):
        cut = PIECE_CUT.search(text, at + COMPARED_AT_ONCE) if len(text) - at > COMPARED_AT_ONCE else None
        end = len(text) if cut is None else cut.start()
        yield unicodedata.normalize("NFKC", PRINTF.sub(" ", text[at:end] if at or end < len(text) else text))
        at = end


# Digits of any script (Arabic-Indic ٢, Persian ۲, Devanagari २, Thai ๒…)
# and the Arabic decimal and thousands separators (٢٫٥ is 2.5, ١٬٥٠٠ 1,500).
_NATIVE_NUMERAL = regex.compile(r"(?![0-9])\p{Nd}|[\u066b\u066c]")
_NATIVE_SEPARATORS = {"\u066b": ".", "\u066c": ","}


def ascii_digits(text: str) -> str:
    """``text`` with every script's digits written 0-9, one character for
    one (offsets stay), Arabic separators as ``.`` and ``,``."""
    if text.isascii():
        return text
    return _NATIVE_NUMERAL.sub(
        lambda m: _NATIVE_SEPARATORS.get(m.group()) or str(unicodedata.decimal(m.group(), 0)), text
    )


def with_severity(problem, severity):
    from dataclasses import replace

    return replace(problem, severity=severity)


class Pair:
    """An article of a translation with the article of its original and
    their alignment (``tqa.text.alignment``), for the rules that compare a
    translated article with its original."""

    def __init__(self, original, source, translation, alignment) -> None:
        self.original = original  # the original's Document
        self.source = source  # its Article
        self.translation = translation  # the translated Article
        self.alignment = alignment
        self.source_paragraphs = source.paragraphs
        self.target_paragraphs = translation.paragraphs
        from ...text.alignment import guess_language

        # the languages the alignment read the two in (told, or guessed from the letters)
        self.source_lang = source.lang or guess_language([s.text for s in self.source_paragraphs])
        self.target_lang = translation.lang or guess_language([s.text for s in self.target_paragraphs])

    def source_offset(self, index: int, at: int = 0) -> int:
        """File offset (in the original) of character ``at`` of source sentence ``index``."""
        sentence = self.alignment.source[index]
        return self.source_paragraphs[sentence.para].source_offset(sentence.start + at)

    def source_place(self, index: int) -> tuple[str, int]:
        """The original's path and the offset of source sentence ``index``: a related place."""
        return self.original.path, self.source_offset(index)

    def target_problem(self, index: int, i: int, j: int, message: str, related=()):
        """A problem on characters ``i..j`` of target sentence ``index``."""
        sentence = self.alignment.target[index]
        segment = self.target_paragraphs[sentence.para]
        return segment.problem(sentence.start + i, sentence.start + j, message, related=related)

    def source_text(self, indexes) -> str:
        return " ".join(self.alignment.source[k].text for k in indexes)

    def target_text(self, indexes) -> str:
        return " ".join(self.alignment.target[k].text for k in indexes)


def pair_of(article, ctx) -> Pair | None:
    """The pair of ``article`` with its original, aligned once per article
    for all the rules; None when the file has no original or the two do not
    have the same number of articles to pair one by one."""
    document = ctx.document
    original = getattr(document, "original", None) if document is not None else None
    if original is None:
        return None
    if article.index in document.paired:
        return document.paired[article.index]
    pair = None
    if len(original.articles) == len(document.articles) and article.index < len(original.articles):
        from ...text.alignment import align_articles

        source = original.articles[article.index]
        pair = Pair(original, source, article, align_articles(source, article))
    document.paired[article.index] = pair
    return pair


def short(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to ``limit`` characters for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def near_beads(pair: Pair, k: int, reach: int = 1) -> tuple[list[int], list[int]]:
    """Source and target sentences of bead ``k`` and of the ``reach`` beads
    on either side: where a counterpart is looked for, so that a sentence
    the aligner put one bead off is not a defect."""
    beads = pair.alignment.beads[max(0, k - reach) : k + reach + 1]
    return [i for b in beads for i in b.source], [j for b in beads for j in b.target]


def line_of_original(pair: Pair, index: int) -> int:
    return pair.original.source.position(pair.source_offset(index))[0]
