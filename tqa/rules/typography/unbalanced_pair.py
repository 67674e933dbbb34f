"""TQA706 unbalanced-pair: Bracket or quotation mark opened and not closed (or closed and not opened) in a paragraph."""

from __future__ import annotations

from functools import lru_cache

import regex

from ...text.scripts import mask_non_prose
from .. import rule
from ._shared import pair_pattern, typography_data


@lru_cache(maxsize=32)
def _pairs(lang: str) -> tuple[tuple[str, str], ...]:
    data = typography_data()
    quotes = data["quotes"].get(lang, {}).get("pairs", [])
    return tuple(tuple(p) for p in data["brackets"] + quotes)


_ENUMERATOR = regex.compile(r"(?:^|(?<=[\s(]))(?:\d{1,2}|[a-zA-Zа-яёА-ЯЁ])\)")  # 1) a) б)


_SMILEY = regex.compile(r"[:;]-?[()]")


@lru_cache(maxsize=1)
def _key_bracket() -> regex.Pattern:
    """A bracket that is a key pressed with a modifier (``Ctrl-]``, ``C-x (``)."""
    modifiers = "|".join(regex.escape(m) for m in typography_data()["key_modifiers"].split())
    return regex.compile(rf"(?<![\w-])(?:{modifiers})[-+](?:\w )?\K[\[\](){{}}](?!\w)", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _named_key() -> regex.Pattern:
    """A bracket standing alone next to a word for a key (``клавишу [``,
    ``the ] key``)."""
    words = "|".join(regex.escape(w) for w in typography_data()["key_words"].split())
    alone = r"[\[\](){}](?=[\s,.;:!?]|$)"
    return regex.compile(
        rf"(?<![\w-])(?:{words})\s+\K(?<!\S){alone}|(?<!\S){alone}(?=\s+(?:{words})(?!\w))", regex.IGNORECASE
    )


# A code span: what its backticks hold is the program's.
_CODE_SPAN = regex.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def _after_code(text: str, opener: str, closer: str) -> set[int]:
    """Closers right after a code span that leaves their opener open
    (`` `~A{bullseye,sid`} ``): the span ended a character early in the
    source; the closer is the program's."""
    return {
        m.end()
        for m in _CODE_SPAN.finditer(text)
        if m.end() < len(text) and text[m.end()] == closer and m.group(2).count(opener) > m.group(2).count(closer)
    }


@rule("TQA706", "unbalanced-pair", "typography", "warning")
def unbalanced_pair(article, ctx):
    """Bracket or quotation mark opened and not closed (or closed and not opened) in a paragraph.

    Enumerations such as ``a)`` and ``1)`` and smileys are not brackets (they
    close one only when nothing else does). A quotation
    left open at the end of a paragraph is fine when the next paragraph
    opens with the same mark (a quotation running over several paragraphs),
    and so is a bracket whose sentence runs on past a code block into a
    paragraph that opens with its closer. A bracket that stands for a key
    ("клавишу [") or ends a code span early in the source is no bracket.

    Fails (en):
        The Ministry of Digital Development ⟦(⟧MDD said it would help.
        He said the plan was ready⟦”⟧ and left.

    Passes (en):
        The agency (NIA) and the hub [ACSH] met; options: a) now, b) later.
        “We will share our experience,” he said.
        Leave telnet with the escape character (initial default CTRL-]); Emacs ends a macro with C-x ).
        Discussions on that list often end in flame wars (so beware :) ).
        A pattern such as `~A{bullseye,bookworm,sid`} selects the archives.
    Passes (ru):
        «Мы поделимся опытом», — заявил он.
        Вы можете использовать клавишу [, чтобы раскрыть все подгруппы.
    Passes (de):
        Verlassen Sie telnet mit Strg-], das Makro endet mit C-x ).
    """
    pairs = _pairs(ctx.lang or "")
    # the prose paragraphs, and whether a code block stands before each
    prose: list = []
    after_block: list[bool] = []
    block = False
    for segment in article.segments:
        if segment.kind == "code":
            block = True
        elif segment.kind != "label" and segment.is_prose:
            prose.append(segment)
            after_block.append(block)
            block = False
    carried = dict.fromkeys(pairs, False)  # a bracket left open before a code block
    for index, segment in enumerate(prose):
        text = mask_non_prose(segment.text).replace("（", "(").replace("）", ")")  # full-width pairs mix
        if "-" in text or "+" in text:
            text = _key_bracket().sub("\ufffc", text)
        text = _named_key().sub("\ufffc", text)
        # ")" of "a)" enumerations and ":)" closes a bracket when one is open
        # ("file(s)", "A(z)", "(от а до я)"), and is no stray when none is
        loose = (
            {m.end() - 1 for m in _ENUMERATOR.finditer(text)} | {m.end() - 1 for m in _SMILEY.finditer(text)}
            if ")" in text
            else set()
        )
        following = prose[index + 1].text.lstrip() if index + 1 < len(prose) else ""
        runs_on = index + 1 < len(prose) and after_block[index + 1]
        for opener, closer in pairs:
            spare = set(loose) if closer == ")" else set()
            if "`" in segment.text:
                spare |= _after_code(segment.text, opener, closer)
            lead = len(text) - len(text.lstrip()) if carried[opener, closer] and after_block[index] else None
            left_open = yield from _balance(
                segment, text, opener, closer, following, spare, lead, runs_on and following.startswith(closer)
            )
            carried[opener, closer] = left_open


# Closers that open a quotation in other conventions (English “…”, German »…«):
# without their opener in the paragraph they are not counted as stray.
_AMBIGUOUS_CLOSERS = "“‘»"


def _balance(segment, text, opener, closer, following, loose=(), lead=None, runs_on=False):
    """Findings for ``opener``/``closer`` left alone; returns whether an
    opener was left open for the paragraph after a code block.

    A closer at a place in ``loose`` closes an opener only when no other
    closer does, and is never stray itself; the closer at ``lead`` closes
    a bracket of the paragraph before a code block; with ``runs_on``, the
    last opener left open is closed after the code block that follows."""
    if opener not in text and (closer not in text or closer in _AMBIGUOUS_CLOSERS):
        return False
    stack: list[int] = []
    spare: list[int] = []  # the loose closers met
    for match in pair_pattern(opener, closer).finditer(text):
        i, ch = match.start(), match.group()
        if ch == opener:
            stack.append(i)
        elif i == lead:
            lead = None
        elif i in loose:
            spare.append(i)
        elif stack:
            stack.pop()
        else:
            yield segment.problem(i, i + 1, f"{closer} closes nothing: its {opener} is missing")
    if stack and spare:
        # a loose closer closes the nearest opener before it that stayed open
        events = sorted([(i, True) for i in stack] + [(i, False) for i in spare])
        stack = []
        for i, is_opener in events:
            if is_opener:
                stack.append(i)
            elif stack:
                stack.pop()
    if stack and runs_on:
        stack.pop()
        left_open = True
    else:
        left_open = False
    for i in stack:
        if opener in "“«„「『" and following.startswith(opener):
            continue  # a quotation that runs on into the next paragraph
        yield segment.problem(i, i + 1, f"{opener} is never closed in this paragraph (missing {closer})")
    return left_open
