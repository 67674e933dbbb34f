"""TQA707 broken-sentence: Sentence broken across two paragraphs (a paragraph stops mid-sentence and the next one goes on)."""

from __future__ import annotations

from functools import lru_cache

import regex

from ...text.scripts import non_prose_spans
from .. import rule
from ._shared import function_words_of, list_conjunctions_of

_TERMINAL = ".!?…:;\"”»’')]」』。！？"

# What starts an item of a list: "(b) ", "b) ", "2. ", "iv) ", a bullet or a dash.
_LIST_ITEM = regex.compile(r"[ \t\u00a0]*(?:\(?(?:\d{1,3}|[ivxlcIVXLC]{1,5}|\p{L})[.)]|[-–—•*▪·●◦‣])\s")
# A Markdown list item: a bullet, or a number and "." or ")".
_MARKDOWN_ITEM = regex.compile(r"[ \t]*(?:[-*+•]|\d{1,9}[.)])[ \t]")
# The end of a list item before the last: "…; and", "…; или".
_ITEM_END = regex.compile(r";\s*(?:\p{L}+\s+)?(\p{L}+)\s*$")
# The end of a clause of a sentence set out one clause a paragraph (a
# preamble: "Whereas …,", "принимая во внимание, …; и", "Da …,").
_CLAUSE_END = regex.compile(r"[,;]\s*(?:\p{L}+\s*)?$")
_INDENT = " \t\u00a0\u3000"

# Segments that stand between two paragraphs and part them: a code block
# (what a lead-in introduces) or a thematic break.
_PARTING = ("code", "break")


@lru_cache(maxsize=1)
def _leaks():
    from ..reviewer._shared import track_change_pattern, word_comment_spans

    return word_comment_spans, track_change_pattern()


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, at = [], 0
    for start, end in spans:
        pieces.append(text[at:start])
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def _indent(text: str) -> int:
    first = text.split("\n", 1)[0].expandtabs(4)
    return len(first) - len(first.lstrip(_INDENT))


def _link_alone(text: str) -> bool:
    """Does ``text`` open with a link (URL, e-mail, domain) or a bit of code
    (a path, an identifier, a placeholder) that fills its first line, bar
    punctuation? No sentence goes on into such a line."""
    stripped = text.lstrip()
    spans = non_prose_spans(stripped)
    if not spans or spans[0] != 0:
        return False
    rest = stripped[spans[1] :].split("\n", 1)[0]
    return not any(ch.isalnum() for ch in rest)


def _table_row(text: str) -> bool:
    """Is the last line of ``text`` a row of a pipe table?"""
    last = text.rstrip().rsplit("\n", 1)[-1].strip()
    return len(last) > 1 and last[0] == "|" and last[-1] == "|"


def _clause(text: str, lang: str | None) -> bool:
    """Does ``text`` end as a clause that a following one goes on: with a
    comma or a semicolon, bar a conjunction ("…, and", "…; и")?"""
    end = _CLAUSE_END.search(text)
    if end is None:
        return False
    word = regex.search(r"(\p{L}+)\s*$", end.group())
    return word is None or word.group(1).casefold() in list_conjunctions_of(lang)


def _list_item_before_the_last(text: str, lang: str | None) -> bool:
    """Does ``text`` end as a list item before the last: a semicolon and
    "and", "or" (``; and``, ``; или``, ``; және``)?"""
    end = _ITEM_END.search(text)
    return end is not None and end.group(1).casefold() in list_conjunctions_of(lang)


@rule("TQA707", "broken-sentence", "typography", "warning")
def broken_sentence(article, ctx):
    """Sentence broken across two paragraphs (a paragraph stops mid-sentence and the next one goes on).

    A paragraph that ends without terminal punctuation and is followed by one
    starting in lower case, or that ends on a function word (``and``,
    ``of``, ``и``…), lost its line join. Leaked reviewer comments are left
    out when judging where the paragraph ends (the article text after a
    comment pasted in mid-paragraph is not). Not reported: a list
    item ending in ``; and`` / ``; or`` followed by the next item (``(b) …``,
    ``2. …``, ``– …``, or after an item ending in ``;``), and a lead-in
    (``available at``) followed by a link (or a path, an identifier) on a
    line of its own, an indented line or a code block.

    Fails (en):
        Title⏎⏎They were offered Lush eco-shampoo, which costs £ 7, and Head ⟦and⟧⏎⏎Shoulders, which costs £ 1.
        Title⏎⏎The exhibition of the Embassy ⟦of⟧⏎⏎the Republic of Kazakhstan opened.
        Title⏎⏎The committee will review the budget; ⟦and⟧⏎⏎report to the minister.

    Fails (ru):
        Title⏎⏎Выставка посольства Республики Казахстан ⟦в⟧⏎⏎городе Сеуле открылась.

    Passes (en):
        Title⏎⏎WE ALSO PLASTIC⏎⏎Non-recyclable packaging is plastic bottles.
        Title⏎⏎The list includes:⏎⏎the ministry and the agency.
        Title⏎⏎(a) review the budget; and⏎⏎(b) report to the minister.
        Title⏎⏎The full report is available at⏎⏎https://gov.kz/reports/2024

    Passes (ru):
        Title⏎⏎а) утвердить план; и⏎⏎б) направить отчёт министру.
        Title⏎⏎Заявки принимаются по адресу⏎⏎    г. Астана, ул. Абая, 12

    Passes (kk):
        Title⏎⏎1) жоспарды бекіту; және⏎⏎2) есепті министрге жіберу.

    Passes (de):
        Title⏎⏎a) den Haushalt prüfen; und⏎⏎b) dem Minister berichten.
    """
    words = function_words_of(ctx.lang)
    comments, track = _leaks()
    prose = [s for s in article.segments if s.kind in ("paragraph", "title", "heading", "label", *_PARTING)]
    ended = ""  # how the paragraph before ``segment`` ended
    clause = False  # whether it ended as a clause that this one goes on
    run = False  # whether it was one of two clauses or more set out one a paragraph
    for segment, following in zip(prose, prose[1:]):
        if segment.kind != "paragraph":
            ended, clause, run = "", False, False
            continue
        text = _without(segment.text, comments(segment.text, ctx.lang))
        text = "\n".join(line for line in text.split("\n") if not track.match(line)).rstrip()
        before, ended = ended, text[-1:]
        after_clause, clause = clause, _clause(text, ctx.lang)
        after_run, run = run, clause and (after_clause or _clause(following.text.rstrip(), ctx.lang))
        if following.kind != "paragraph":
            continue
        if not text or text[-1] in _TERMINAL or text.lstrip().startswith(("-", "*", "•")):
            continue
        if _MARKDOWN_ITEM.match(text) or _table_row(text):
            continue  # a list item, a table: no sentence runs on from them
        next_text = following.text.lstrip()
        if _MARKDOWN_ITEM.match(next_text) or next_text.startswith("|"):
            continue  # a lead-in to a list or a table: "It ensures the installation of" ⏎ "- …"
        if _list_item_before_the_last(text, ctx.lang) and (_LIST_ITEM.match(next_text) or before in (";", ":")):
            continue  # "(a) review the budget; and" ⏎ "(b) report …"
        if _LIST_ITEM.match(text) and _LIST_ITEM.match(next_text):
            continue  # "a) under this License, …, or" ⏎ "b) under the GNU GPL"
        if run or after_run:
            continue  # clauses set out one a paragraph ("Whereas …," ⏎ "whereas …,") and what they lead to

        if _link_alone(next_text) or _indent(following.text) > _indent(segment.text):
            continue  # a lead-in: "available at" ⏎ a link, an address set off
        last = regex.search(r"(\p{L}+)\W*$", text)
        if last is None:
            continue
        continues = next_text[:1].islower()
        dangling = last.group(1).casefold() in words and last.group(1) != last.group(1).upper()
        if continues or dangling:
            line = ctx.document.source.position(following.start)[0]
            yield segment.problem(
                last.start(1),
                last.end(1),
                f"paragraph stops mid-sentence after {last.group(1)!r}; it seems to go on at line {line}",
                related=[following.start],
            )
