"""Page-chrome leftovers: what a scraper or a copy from a web page drags in
around the article (share buttons, breadcrumbs, "see also" lines, separator
rules, lines of invisible spaces). Each is reported on every occurrence with
a suggestion to delete it. Word lists live in ``data/page_chrome.yaml``.

In catalogs (PO, XLIFF) such a line is a leftover only when the source has
none: msgid "Share" -> msgstr "Поделиться" is the site's own button.
"""
