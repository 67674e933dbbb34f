"""TQA801 spelling-variant: British and American spellings mixed in one article (``emphasised`` / ``emphasized``, ``programme`` / ``program``)."""

from __future__ import annotations

from collections import Counter

from ...text.scripts import folded_words_of, words_of
from .. import Option, rule
from ..terminology._shared import spelling_tables


def _match_case(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@rule(
    "TQA801",
    "spelling-variant",
    "spelling",
    "warning",
    options={
        "house-style": Option(
            str,
            "",
            "en-GB or en-US: every spelling of the other is reported (empty: the minority in each article)",
            choices=("", "en-GB", "en-US"),
        )
    },
)
def spelling_variant(article, ctx):
    """British and American spellings mixed in one article (``emphasised`` / ``emphasized``, ``programme`` / ``program``).

    Capitalised words are names and keep their official spelling
    (``United Nations Development Programme`` in American text). The
    minority spelling is reported with its counterpart; with option
    ``house-style = "en-GB"`` or ``"en-US"`` every spelling of the other
    style is. Pairs come from the SCOWL word lists (``data/spelling_variants.yaml``).

    Fails (en):
        The minister emphasised the role of the centre. The experts ⟦emphasized⟧ it twice and organised a visit. → emphasised

    Passes (en):
        The minister emphasised the role of the centre and organised a visit.
        The minister emphasized the role of the center and organized a visit.
    """
    if (ctx.lang or "") != "en":
        return
    gb_to_us, us_to_gb = spelling_tables()
    found = []
    for segment in article.prose:
        # no variant here at all (the common case): the words case-folded
        # are the words lower-cased wherever that gives a listed (ASCII) word
        folded = set(folded_words_of(segment.text))
        if gb_to_us.keys().isdisjoint(folded) and us_to_gb.keys().isdisjoint(folded):
            continue
        words = words_of(segment.text)
        for start, end, word in words:
            if word[:1].isupper():
                continue  # names keep their own spelling: World Health Organization, Data Analysis Centre
            low = word.lower()
            if low in gb_to_us:
                found.append((segment, (start, end), "en-GB", _match_case(gb_to_us[low], word)))
            elif low in us_to_gb:
                found.append((segment, (start, end), "en-US", _match_case(us_to_gb[low], word)))
    styles = Counter(style for _, _, style, _ in found)
    house = ctx.options["house-style"]
    if house:
        wrong = "en-US" if house == "en-GB" else "en-GB"
    elif len(styles) == 2:
        wrong = "en-US" if styles["en-GB"] > styles["en-US"] else "en-GB"
        if styles["en-GB"] == styles["en-US"]:
            wrong = found[-1][2]  # a tie: the style that came last is the stray one
    else:
        return
    keep = "en-GB" if wrong == "en-US" else "en-US"
    for segment, (start, end), style, other in found:
        if style == wrong:
            reason = f"house style is {house}" if house else f"the article mostly uses {keep} spelling"
            yield segment.problem(start, end, f"{style} spelling {segment.text[start:end]!r}; {reason}", other)
