"""TQA703 space-before-punctuation: Space before a comma, full stop, colon, semicolon, question or exclamation mark (``a half , and``)."""

from __future__ import annotations

import re

import regex

from ...text.scripts import MaskedText
from .. import rule
from ._shared import typography_data

_SPACE_BEFORE = regex.compile(r"(?<=[\p{L}\p{N}»”\"')\]])([ \t\u00a0\u202f]+)([,.;:!?])(?=\s|$|[»”\"')\]])")


_SPACE_THEN_MARK = re.compile(r"[ \t\u00a0\u202f][,.;:!?]")


_FRENCH_SPACED = ";:!?"


def _named_mark(masked: str, end: int) -> bool:
    """Is the mark that ends at ``end`` followed by a space and a word in
    lower case? Then it is a sign named in the sentence, not its end."""
    rest = masked[end : end + 3]
    return rest[:1] == " " and rest[1:2].islower()


@rule("TQA703", "space-before-punctuation", "typography", "warning", safe_fix=True)
def space_before_punctuation(article, ctx):
    """Space before a comma, full stop, colon, semicolon, question or exclamation mark (``a half , and``).

    French and Breton set a (narrow) no-break space before ``; : ! ?``,
    which stays silent in those languages (``spaced_high_punctuation`` in
    ``data/typography.yaml``). Scores such as ``2 : 1`` are not punctuation.

    Fails (en):
        It costs £ 7 and a half⟦ ,⟧ and more. → ,
        Is it true⟦ ?⟧ → ?
    Fails (ru):
        Он приехал⟦ ,⟧ но ушёл. → ,

    Passes (fr):
        Est-ce vrai ? Oui : c'est vrai ; il l'a dit !
    Passes (br):
        Diverkañ ? Seurt maezienn : testenn.
    Passes (en):
        The match ended 2 : 1 in Almaty.
        Buy one which does :) and run `a` , `b` or `c`.
    Passes (ru):
        Нажмите клавишу . во время просмотра, чтобы увидеть другие решения.
    """
    spaced = (ctx.lang or "") in typography_data()["spaced_high_punctuation"].split()
    for segment in article.prose:
        if not _SPACE_THEN_MARK.search(segment.text):
            continue  # what _SPACE_BEFORE needs at least (most paragraphs): found by ``re``, far faster
        for at, masked in MaskedText(segment.text):
            for match in _SPACE_BEFORE.finditer(masked):
                mark = match.group(2)
                if spaced and mark in _FRENCH_SPACED:
                    continue
                after = masked[match.end() : match.end() + 2].strip()
                before = masked[match.start() - 1]  # the lookbehind's character: never a space
                if mark == ":" and before.isdigit() and after[:1].isdigit():
                    continue  # a score or ratio
                if mark in ":;" and after[:1] in ")(":
                    continue  # a smiley, :) or ;(
                if mark in ".!?" and _named_mark(masked, match.end()):
                    continue  # the key or sign named: "press . to see more"
                if mark in ",;" and before == "\ufffc" and after[:1] == "\ufffc":
                    continue  # between two bits of code, spaced so that neither seems to hold it
                yield segment.problem(at + match.start(), at + match.end(), f"space before {mark!r}", mark)
