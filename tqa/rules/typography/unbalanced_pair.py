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
        Leave telnet with the escape character (initial default CTRL-]); Emacs ends a macro with C-x ).
    Passes (ru):
        «Мы поделимся опытом», — заявил он.
    Passes (de):
        Verlassen Sie telnet mit Strg-], das Makro endet mit C-x ).
    """
    pairs = _pairs(ctx.lang or "")
    prose = [s for s in article.prose if s.kind != "code"]
    for index, segment in enumerate(prose):
        text = mask_non_prose(segment.text).replace("（", "(").replace("）", ")")  # full-width pairs mix
        if "-" in text or "+" in text:
            text = _key_bracket().sub("\ufffc", text)
        # ")" of "a)" enumerations and ":)" closes a bracket when one is open
        # ("file(s)", "A(z)", "(от а до я)"), and is no stray when none is
        loose = (
            {m.end() - 1 for m in _ENUMERATOR.finditer(text)} | {m.end() - 1 for m in _SMILEY.finditer(text)}
            if ")" in text
            else set()
        )
        following = prose[index + 1].text.lstrip() if index + 1 < len(prose) else ""
        for opener, closer in pairs:
            yield from _balance(segment, text, opener, closer, following, loose if closer == ")" else ())


# Closers that open a quotation in other conventions (English “…”, German »…«):
# without their opener in the paragraph they are not counted as stray.
_AMBIGUOUS_CLOSERS = "“‘»"


def _balance(segment, text, opener, closer, following, loose=()):
    """Findings for ``opener``/``closer`` left alone; a closer at a place in
    ``loose`` may close an opener but is never stray itself."""
    if opener not in text and (closer not in text or closer in _AMBIGUOUS_CLOSERS):
        return
    stack = []
    for match in pair_pattern(opener, closer).finditer(text):
        i, ch = match.start(), match.group()
        if ch == opener:
            stack.append(i)
        elif stack:
            stack.pop()
        elif i not in loose:
            yield segment.problem(i, i + 1, f"{closer} closes nothing: its {opener} is missing")
    for i in stack:
        if opener in "“«„「『" and following.startswith(opener):
            continue  # a quotation that runs on into the next paragraph
        yield segment.problem(i, i + 1, f"{opener} is never closed in this paragraph (missing {closer})")
