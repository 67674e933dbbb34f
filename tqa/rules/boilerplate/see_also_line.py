"""TQA603 see-also-line: "See also" line left from the web page (``Читайте также:``, ``Read also:``)."""

from __future__ import annotations

from ...text.chrome import see_also_line
from .. import Option, rule
from ._shared import line_problems


@rule(
    "TQA603",
    "see-also-line",
    "boilerplate",
    "warning",
    options={"labels": Option(list, [], 'more lead-ins of a "see also" line ("Read also:")', items=str)},
)
def see_also(article, ctx):
    """ "See also" line left from the web page (``Читайте также:``, ``Read also:``).

    Links to other articles are page furniture, not article text. The whole
    line is reported. Option ``labels`` adds lead-ins.

    Fails (ru):
        ⟦Читайте также: Токаев прибыл в Нью-Йорк⟧ → ∅

    Fails (de):
        ⟦Lesen Sie auch: Die Ausstellung in Tallinn⟧ → ∅

    Passes (en):
        Read also the report of the UN DESA for 2022.
        See also how other countries did it.
    """
    pattern = see_also_line(tuple(ctx.options["labels"]))
    yield from line_problems(article, pattern, '"see also" line left from the web page')
