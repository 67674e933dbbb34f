"""TQA911 untranslated: Entry not translated: empty or fuzzy (information: work in progress), or a copy of the source (warning)."""

from __future__ import annotations

import regex

from .. import rule
from ._shared import BRACE, PRINTF, TAG, catalog_entry, report_whole, source_for, with_severity

_SAME_OK = regex.compile(r"^[\W\d_]*$|^\p{Lu}{2,}\d*$|^[\p{Lu}\d]{1,4}$")


@rule("TQA911", "untranslated", "untranslated", "warning")
def untranslated(article, ctx):
    """Entry not translated: empty or fuzzy (information: work in progress), or a copy of the source (warning).

    Strings that legitimately stay the same are skipped: no letters,
    placeholders only, codes and acronyms (``OK``, ``PDF``), single words
    (``minute`` is French too), and strings
    whose every word is capitalised (brand names such as ``KazUnite News``)
    when the target language writes in the source's script. A catalog in the
    source's own language (``en_GB`` from English sources) copies freely;
    sources are taken to be English unless the file says otherwise
    (XLIFF ``source-language``, PO ``X-Source-Language``).

    Fails (ru):
        msgid "Save changes"⏎msgstr "⟦Save changes⟧"
        msgid "Publish"⏎⟦msgstr ""⟧

    Passes (ru):
        msgid "OK"⏎msgstr "OK"
        msgid "KazUnite News"⏎msgstr "KazUnite News"
        msgid "Publish"⏎msgstr "Опубликовать"

    Passes (en):
        msgid "Save changes to this article"⏎msgstr "Save changes to this article"
    """
    # en_GB from English sources: a copy is often the right translation
    same_language = ctx.lang is not None and ctx.lang == (article.source_lang or "en")
    for segment in article.segments:
        meta = catalog_entry(segment)
        if meta is None:
            continue
        source = source_for(meta)
        if not segment.text.strip() and source.strip():
            yield with_severity(report_whole(segment, "not translated yet (empty)"), "info")
        elif meta["fuzzy"]:
            yield with_severity(report_whole(segment, "fuzzy: the translation awaits review"), "info")
        elif segment.text == source and not same_language and not _may_stay_same(source):
            yield report_whole(segment, "translation is a copy of the source")


def _may_stay_same(source: str) -> bool:
    stripped = PRINTF.sub("", BRACE.sub("", TAG.sub("", source))).strip()
    if not stripped or _SAME_OK.match(stripped):
        return True
    words = regex.findall(r"\p{L}+", stripped)
    if len([w for w in words if len(w) >= 3]) < 2:
        return True  # one word is often the same in both languages ("minute", "Date", "jan")
    return all(w[0].isupper() for w in words) and len(words) <= 4
