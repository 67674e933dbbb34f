"""TQA602 navigation-line: Breadcrumb or navigation line (``Home Blog Page 3``, ``Главная › Новости``)."""

from __future__ import annotations

from ...text.chrome import navigation_line
from .. import Option, rule
from ._shared import line_problems


@rule(
    "TQA602",
    "navigation-line",
    "boilerplate",
    "warning",
    options={"sections": Option(list, [], "more section names a breadcrumb or menu line is made of", items=str)},
)
def navigation(article, ctx):
    """Breadcrumb or navigation line (``Home Blog Page 3``, ``Главная › Новости``).

    A home word followed by section names, with separators or ending in a
    page number. Option ``sections`` adds section words.

    Fails (en):
        ⟦Home Blog Page 3⟧ → ∅
        ⟦Home › News › Politics⟧ → ∅

    Fails (ru):
        ⟦Главная / Новости / Экономика⟧ → ∅

    Passes (en):
        Home Office announces a review of visa rules
        Home
        Home is where the heart is.
    """
    pattern = navigation_line(tuple(ctx.options["sections"]))
    yield from line_problems(article, pattern, "navigation line (breadcrumb) left from the web page")
