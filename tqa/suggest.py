"""``tqa glossary suggest``: mine a corpus for the bodies it names.

Every ``Name (ACRONYM)`` is collected (the same extraction as the
acronym-drift rule); each acronym becomes a draft entry whose canonical name
is its most frequent expansion, whose other expansions are listed as
forbidden variants for the editor to confirm, with counts and example
places in the note. The draft is a valid glossary: review it, then add it to
``glossaries = [...]``.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .glossary import Entry, Glossary, to_yaml
from .rules.terminology._shared import ACRONYM_IN_BRACKETS, expansion_before


def suggest_entries(documents, config, minimum: int = 1) -> str:
    seen = defaultdict(list)  # acronym -> [(expansion, lang, where)]
    for document in documents:
        lang = config.lang_for(document.path)
        for article in document.articles:
            for segment in article.prose:
                for match in ACRONYM_IN_BRACKETS.finditer(segment.text):
                    found = expansion_before(segment.text, match.start(), match.group(1))
                    if found:
                        line = document.source.position(segment.source_offset(found[0]))[0]
                        seen[match.group(1)].append((found[1], lang or article.lang or "en", f"{document.path}:{line}"))
    glossary = Glossary()
    for acronym in sorted(seen, key=lambda a: (-len(seen[a]), a)):
        uses = seen[acronym]
        if len(uses) < minimum:
            continue
        forms = Counter(expansion for expansion, _, _ in uses)
        lang = Counter(lang for _, lang, _ in uses).most_common(1)[0][0]
        canonical = forms.most_common(1)[0][0]
        variants = [form for form, _ in forms.most_common()[1:]]
        places = "; ".join(
            f"{form!r} {count}× (e.g. {next(w for e, _, w in uses if e == form)})"
            for form, count in forms.most_common()
        )
        glossary.entries.append(
            Entry(
                id=acronym.lower().replace(" ", "-"),
                names={lang: canonical},
                acronyms=[acronym],
                forbidden={lang: variants} if variants else {},
                note=f"draft from tqa glossary suggest: {places}",
            )
        )
    header = (
        "# Draft glossary mined by `tqa glossary suggest`. Review every entry: the name is the most\n"
        "# frequent expansion, the forbidden variants are the other expansions seen.\n"
    )
    return header + to_yaml(glossary, "suggested")
