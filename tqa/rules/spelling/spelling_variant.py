"""TQA801 spelling-variant: British and American spellings mixed in one article (``emphasised`` / ``emphasized``, ``programme`` / ``program``)."""

from __future__ import annotations

from functools import lru_cache

from ...text.resources import load
from ...text.scripts import folded_words_of, words_of
from .. import Option, rule
from ..terminology._shared import spelling_tables

# The styles an article can keep. Oxford spelling (en-GB-oxendict) is
# British with -ize: ``organize`` beside ``programme`` and ``centre``.
STYLES = ("en-GB", "en-GB-oxendict", "en-US")
DESCRIBED = {
    "en-GB": "British (-ise) spelling",
    "en-GB-oxendict": "Oxford spelling (British with -ize)",
    "en-US": "American spelling",
}

# What a listed word is, and the styles it belongs to.
_KINDS = {
    "ise": ("British -ise", frozenset({"en-GB"})),
    "ize": ("-ize", frozenset({"en-GB-oxendict", "en-US"})),
    "gb": ("British", frozenset({"en-GB", "en-GB-oxendict"})),
    "us": ("American", frozenset({"en-US"})),
}


@lru_cache(maxsize=1)
def _ize() -> frozenset[str]:
    """The British words of the pairs that differ in -ise/-ize alone, and their American forms."""
    gb_to_us, _ = spelling_tables()
    british = frozenset(load("spelling_variants")["ize"])
    return british | frozenset(gb_to_us[word] for word in british)


def _match_case(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _kept_style(kinds: list[str]) -> str | None:
    """The style that the fewest of the words miss, or None when one fits
    them all. On a tie the stray words are the later ones: the last word
    that some of the tied styles miss decides against those."""
    misses = {style: sum(style not in _KINDS[kind][1] for kind in kinds) for style in STYLES}
    least = min(misses.values())
    if least == 0:
        return None
    tied = [style for style in STYLES if misses[style] == least]
    for kind in reversed(kinds):
        missed = [style for style in tied if style not in _KINDS[kind][1]]
        if missed and len(missed) < len(tied):
            tied = missed
        if len(tied) == 1:
            break
    return tied[0]


def _respelt(low: str, kind: str, style: str, gb_to_us: dict[str, str], us_to_gb: dict[str, str]) -> str:
    """The word as ``style`` spells it."""
    if style == "en-US" or (style == "en-GB-oxendict" and kind == "ise"):
        return gb_to_us[low]
    return us_to_gb[low]


@rule(
    "TQA801",
    "spelling-variant",
    "spelling",
    "warning",
    options={
        "house-style": Option(
            str,
            "",
            "en-GB (British, -ise), en-GB-oxendict (Oxford: British with -ize) or en-US: every spelling of "
            "another style is reported (empty: the spellings off the style each article mostly keeps)",
            choices=("", *STYLES),
        )
    },
)
def spelling_variant(article, ctx):
    """British and American spellings mixed in one article (``emphasised`` / ``emphasized``, ``programme`` / ``program``).

    An article keeps one of three styles: British with -ise
    (``organise``, ``programme``), Oxford spelling, British with -ize
    (``organize``, ``programme``), or American (``organize``, ``program``).
    The spellings off the style that fits most of the article's words are
    reported with their spelling in that style; -ise/-ize is judged apart
    from the rest, so ``organizers`` beside ``programme`` is Oxford spelling,
    not a slip into American. With option ``house-style`` every spelling off
    that style is reported. Capitalised words are names and keep their
    official spelling (``United Nations Development Programme`` in American
    text). Pairs come from the SCOWL word lists (``data/spelling_variants.yaml``).

    Fails (en):
        The minister emphasised the role of the centre. The experts ⟦emphasized⟧ it twice and organised a visit. → emphasised
        The organizers of the programme recognized the colour of the centre; the ⟦center⟧ was full. → centre
        The organizers of the program met at the center and recognized the color of the ⟦programme⟧. → program

    Passes (en):
        The minister emphasised the role of the centre and organised a visit.
        The minister emphasized the role of the center and organized a visit.
        The organizers of the programme met at the centre and recognized the colour scheme.
    """
    if (ctx.lang or "") != "en":
        return
    gb_to_us, us_to_gb = spelling_tables()
    ize = _ize()
    found = []
    for segment in article.prose:
        # no variant here at all (the common case): the words case-folded
        # are the words lower-cased wherever that gives a listed (ASCII) word
        folded = set(folded_words_of(segment.text))
        if gb_to_us.keys().isdisjoint(folded) and us_to_gb.keys().isdisjoint(folded):
            continue
        for start, end, word in words_of(segment.text):
            if word[:1].isupper():
                continue  # names keep their own spelling: World Health Organization, Data Analysis Centre
            low = word.lower()
            if low in gb_to_us:
                found.append((segment, start, end, low, "ise" if low in ize else "gb"))
            elif low in us_to_gb:
                found.append((segment, start, end, low, "ize" if low in ize else "us"))
    house = ctx.options["house-style"]
    style = house or _kept_style([kind for *_, kind in found])
    if style is None:
        return
    reason = f"house style is {house}" if house else f"the article mostly keeps {DESCRIBED[style]}"
    for segment, start, end, low, kind in found:
        if style not in _KINDS[kind][1]:
            word = segment.text[start:end]
            other = _match_case(_respelt(low, kind, style, gb_to_us, us_to_gb), word)
            yield segment.problem(start, end, f"{_KINDS[kind][0]} spelling {word!r}; {reason}", other)
