"""TQA706 unbalanced-pair: Bracket or quotation mark opened and not closed (or closed and not opened) in a paragraph."""

from __future__ import annotations

from functools import lru_cache

import regex

from ...text.scripts import MaskedText
from .. import rule
from ._shared import pair_pattern, typography_data


@lru_cache(maxsize=32)
def _pairs(lang: str) -> tuple[tuple[str, str], ...]:
    data = typography_data()
    quotes = data["quotes"].get(lang, {}).get("pairs", [])
    return tuple(tuple(p) for p in data["brackets"] + quotes)


_ENUMERATOR = regex.compile(r"(?:^|(?<=[\s(]))(?:\d{1,2}|[a-zA-Zа-яёА-ЯЁ])\)")  # 1) a) б)


_SMILEY = regex.compile(r"[:;]-?[()]")


@rule("TQA706", "unbalanced-pair", "typography", "warning")
def unbalanced_pair(article, ctx):
    """Bracket or quotation mark opened and not closed (or closed and not opened) in a paragraph.

    Enumerations such as ``a)`` and ``1)`` are not brackets. A quotation
    left open at the end of a paragraph is fine when the next paragraph
    opens with the same mark (a quotation running over several paragraphs).

    Fails (en):
        The Ministry of Digital Development ⟦(⟧MDD said it would help.
        He said the plan was ready⟦”⟧ and left.

    Passes (en):
        The agency (NIA) and the hub [ACSH] met; options: a) now, b) later.
        “We will share our experience,” he said.
    Passes (ru):
        «Мы поделимся опытом», — заявил он.
    """
    pairs = _pairs(ctx.lang or "")
    marks = {mark for pair in pairs for mark in pair}
    prose = [s for s in article.prose if s.kind != "code"]
    for index, segment in enumerate(prose):
        masked = MaskedText(segment.text)
        present = {mark for _, text in _plain_brackets(masked) for mark in marks if mark in text}
        following = prose[index + 1].text.lstrip() if index + 1 < len(prose) else ""
        for opener, closer in pairs:
            if opener not in present and (closer not in present or closer in _AMBIGUOUS_CLOSERS):
                continue
            yield from _balance(segment, _plain_brackets(masked), opener, closer, following)


def _plain_brackets(masked: MaskedText):
    """The masked pieces with full-width brackets as plain ones (the two mix)."""
    for at, text in masked:
        yield at, text.replace("（", "(").replace("）", ")")


# Closers that open a quotation in other conventions (English “…”, German »…«):
# without their opener in the paragraph they are not counted as stray.
_AMBIGUOUS_CLOSERS = "“‘»"


def _loose(text: str) -> set[int]:
    """Where ``text`` has the ")" of an "a)" enumeration or a ":)": it
    closes a bracket when one is open ("file(s)", "A(z)", "(от а до я)"),
    and is no stray when none is."""
    if ")" not in text:
        return set()
    return {m.end() - 1 for m in _ENUMERATOR.finditer(text)} | {m.end() - 1 for m in _SMILEY.finditer(text)}


def _balance(segment, pieces, opener, closer, following):
    """Findings for ``opener``/``closer`` left alone in the text of
    ``pieces`` ((offset, text) in order)."""
    stack = []
    for at, text in pieces:
        loose = _loose(text) if closer == ")" else ()
        for match in pair_pattern(opener, closer).finditer(text):
            i, ch = match.start(), match.group()
            if ch == opener:
                stack.append(at + i)
            elif stack:
                stack.pop()
            elif i not in loose:
                yield segment.problem(at + i, at + i + 1, f"{closer} closes nothing: its {opener} is missing")
    for i in stack:
        if opener in "“«„「『" and following.startswith(opener):
            continue  # a quotation that runs on into the next paragraph
        yield segment.problem(i, i + 1, f"{opener} is never closed in this paragraph (missing {closer})")
