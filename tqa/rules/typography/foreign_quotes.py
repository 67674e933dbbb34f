"""TQA705 foreign-quotes: Quotation marks that the target language does not use (``«…»`` in English)."""

from __future__ import annotations

from .. import Option, rule
from ._shared import pair_pattern, typography_data


@rule(
    "TQA705",
    "foreign-quotes",
    "typography",
    "warning",
    options={
        "straight-quotes": Option(
            str,
            "allow",
            'straight quotation marks (") are accepted, or flagged as not typographic',
            choices=("allow", "flag"),
        )
    },
    safe_fix=True,
)
def foreign_quotes(article, ctx):
    """Quotation marks that the target language does not use (``«…»`` in English).

    Each language's marks are data (English “…”, German „…“, Russian and
    Kazakh «…», French « … », Japanese 「…」). Option ``straight-quotes =
    "flag"`` also reports ``"…"`` where the house style wants typographic
    quotes.

    Fails (en):
        As Nadezhda Gerjak noted, ⟦«⟧the Estonian reader is historically interested⟦»⟧. → “ | ”

    Passes (en):
        As she noted, “the reader is interested”.
        See The Linux kernel user’s and administrator’s guide » Linux Magic System Request Key Hacks.
    Passes (ru):
        Как отметила она, «читатель интересуется» и „внутренние“ кавычки.
    Passes (de):
        Sie sagte: „Wir kommen wieder.“
    """
    quotes = typography_data()["quotes"].get(ctx.lang or "")
    if quotes is None:
        return
    foreign = quotes["foreign"]
    flag_straight = ctx.options["straight-quotes"] == "flag"
    opening, closing = quotes["primary"]
    marks = "".join(foreign) + ('"' if flag_straight else "")
    if not marks:
        return
    pattern = pair_pattern(marks, "")
    for segment in article.prose:
        text = segment.text
        for match in pattern.finditer(text):
            i, ch = match.start(), match.group()
            if ch in "»›" and text[i - 1 : i].isspace() and text[i + 1 : i + 2].isspace():
                continue  # a separator between spaces, as in a breadcrumb: "Guide » Chapter"
            if ch in foreign:
                yield segment.problem(i, i + 1, f"quotation mark {ch} is not used in {ctx.lang} text", foreign[ch])
            else:
                opens = i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-"
                yield segment.problem(
                    i,
                    i + 1,
                    "straight quotation mark; the house style wants typographic ones",
                    opening if opens else closing,
                )
