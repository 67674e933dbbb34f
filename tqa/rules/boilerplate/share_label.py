"""TQA601 share-label: Share-button label left on its own line (``Тарату:``, ``Поделиться``, ``Share``)."""

from __future__ import annotations

from ...text.chrome import share_label_line
from .. import Option, rule
from ._shared import line_problems


@rule(
    "TQA601",
    "share-label",
    "boilerplate",
    "error",
    options={"labels": Option(list, [], "more share-button labels, also cut listing pages into articles", items=str)},
)
def share_label(article, ctx):
    """Share-button label left on its own line (``Тарату:``, ``Поделиться``, ``Share``).

    Scraped pages keep the labels of their share buttons. They are never part
    of the article; on listing pages they also mark article boundaries, and
    each one is still reported. Option ``labels`` adds words.

    Fails (en):
        ⟦Тарату:⟧ → ∅
        ⟦Share this article⟧ → ∅
        ⟦Поделиться: Facebook Telegram⟧ → ∅

    Passes (en):
        Share prices fell by 3% on Monday.
        The ministry will share its experience with Tajikistan.

    Passes (kk):
        Тарату жоспары бекітілді.
    """
    pattern = share_label_line(tuple(ctx.options["labels"]))
    yield from line_problems(article, pattern, "share-button label left from the web page")
