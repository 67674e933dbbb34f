"""TQA403 acronym-drift: One acronym introduced with different expansions (``Ministry of the Interior and Safety (MOIS)`` / ``Ministry of the Internal and Safety (MOIS)``)."""

from __future__ import annotations

from collections import Counter, defaultdict

from ...model import Problem
from .. import rule
from ._shared import ACRONYM_IN_BRACKETS, expansion_before, fold


def _acronym_uses(document, ctx) -> list[tuple[str, str, int, int, str | None]]:
    """The map step of acronym-drift, per file: (acronym, expansion, its
    start and end offsets, the article's language) of each ``Name (ACRONYM)``."""
    uses = []
    for article in document.articles:
        for segment in article.prose:
            if "(" not in segment.text:
                continue
            for match in ACRONYM_IN_BRACKETS.finditer(segment.text):
                acronym = match.group(1)
                found = expansion_before(segment.text, match.start(), acronym)
                if found:
                    span = segment.problem(found[0], found[0] + len(found[1]), "")
                    uses.append((acronym, found[1], span.start, span.end, article.lang))
    return uses


@rule("TQA403", "acronym-drift", "terminology", "warning", scope="corpus", prepare=_acronym_uses, hides_inside=False)
def acronym_drift(documents, ctx):
    """One acronym introduced with different expansions (``Ministry of the Interior and Safety (MOIS)`` / ``Ministry of the Internal and Safety (MOIS)``).

    Needs no glossary: every ``Name (ACRONYM)`` in the run is collected, and
    the forms that differ from the most common one (or from the glossary's
    canonical name) are reported, pointing to it.

    Fails (en):
        A⏎⏎The Eurasian Economic Union (EAEU) met. The Eurasian Economic Union (EAEU) agreed.⏎⏎The ⟦Eurasian Economical Union⟧ (EAEU) said. → Eurasian Economic Union

    Fails (de):
        A⏎⏎Die Europäische Zentralbank (EZB) und die Europäische Zentralbank (EZB) tagten.⏎⏎Die ⟦Europäische Zentrale Bank⟧ (EZB) sagte. → Europäische Zentralbank

    Passes (en):
        A⏎⏎The Eurasian Economic Union (EAEU) met in Almaty; the EAEU agreed.
    """
    canonical_by_acronym = {}
    if ctx.glossary:
        for entry in ctx.glossary.entries:
            for acronym in entry.acronyms:
                canonical_by_acronym[acronym] = entry.names
    uses = defaultdict(list)  # acronym -> [(document, start, end, expansion, lang)]
    for document in documents:
        for acronym, expansion, start, end, lang in ctx.prepared.get(document.path) or ():
            uses[acronym].append((document, start, end, expansion, lang))
    for acronym, found in uses.items():
        folded = [fold(use[3]) for use in found]
        forms = Counter(folded)
        if len(forms) < 2:
            continue
        lang_names = canonical_by_acronym.get(acronym, {})
        first_of = {}  # folded form -> (place in found, its first use)
        for place, (form, use) in enumerate(zip(folded, found)):
            first_of.setdefault(form, (place, use))
        # the most common form; among equals, the one met first
        common = max(first_of, key=lambda form: (forms[form], -first_of[form][0]))
        for (document, start, end, expansion, lang), form in zip(found, folded):
            majority = lang_names.get(lang or "") or first_of[common][1][3]
            if form == fold(majority):
                continue
            first = first_of.get(fold(majority))  # the majority form may be the glossary's, unused here
            related = ((first[1][0].path, first[1][1]),) if first else ()
            yield (
                document,
                Problem(
                    start,
                    end,
                    f"{acronym} is expanded as {expansion!r} here but as {majority!r} "
                    f"elsewhere ({forms[fold(majority)]}×)",
                    majority,
                    related,
                ),
            )
