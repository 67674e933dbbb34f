"""TQA903 link-mismatch: Link or e-mail address of the source missing or changed in the translation."""

from __future__ import annotations

import regex

from .. import rule
from ._shared import LINK, report_whole, source_for, translated_entries


@rule("TQA903", "link-mismatch", "placeholder", "warning")
def link_mismatch(article, ctx):
    """Link or e-mail address of the source missing or changed in the translation.

    A translated page may legitimately link a localised address
    (``/ru/about``), so this is a warning, not an error.

    Fails (ru):
        msgid "Write to info@akorda.kz"⏎msgstr "⟦Напишите нам⟧"

    Passes (ru):
        msgid "Write to info@akorda.kz"⏎msgstr "Напишите на info@akorda.kz"
    """
    for segment, meta in translated_entries(article):
        source = source_for(meta)
        if ":" not in source and "@" not in source:
            continue  # a link needs "://" or "mailto:", an address "@"
        got = {_link_key(link) for link in LINK.findall(segment.text)}
        for link in sorted(set(LINK.findall(source))):
            if _link_key(link) in got:
                continue
            yield report_whole(segment, f"link {link} of the source is missing")


_LANGUAGE_SEGMENT = regex.compile(r"(?<=/)[a-z]{2}(?:[-_][A-Za-z]{2,4})?(?=/)")


def _link_key(link: str) -> str:
    """A link with its language path segment (``/en/``) blanked: a
    translation may point at its own language's page."""
    return _LANGUAGE_SEGMENT.sub("*", link)
