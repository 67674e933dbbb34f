"""Page-chrome leftovers: what a scraper or a copy from a web page drags in
around the article (share buttons, breadcrumbs, "see also" lines, separator
rules, lines of invisible spaces). Each is reported on every occurrence with
a suggestion to delete it. Word lists live in ``data/page_chrome.yaml``.

In catalogs (PO, XLIFF) such a line is a leftover only when the source has
none: msgid "Share" -> msgstr "Поделиться" is the site's own button.
"""

from __future__ import annotations

import regex

from ..chrome import navigation_line, see_also_line, share_label_line
from . import iter_lines, rule


def _leftover_lines(article, pattern):
    """(segment, index, line) of each line ``pattern`` matches, unless the
    segment translates a source with such a line: in a catalog, msgid
    "Share" -> msgstr "Поделиться" is the site's own button, translated."""
    for segment, index, line in iter_lines(article):
        if pattern.match(line) and not _in_source(segment, pattern):
            yield segment, index, line


def _in_source(segment, pattern) -> bool:
    meta = segment.meta
    if not meta or "source" not in meta:
        return False
    sources = (meta["source"], meta.get("source_plural") or "")
    return any(pattern.match(line.rstrip("\r")) for source in sources for line in source.split("\n"))


def _line_problems(article, pattern, message):
    for segment, index, line in _leftover_lines(article, pattern):
        stripped_start = len(line) - len(line.lstrip())
        end = len(line.rstrip())
        yield segment.problem(index + stripped_start, index + end, message, "")


@rule("TQA601", "share-label", "boilerplate", "error", options={"labels": []}, specificity=90)
def share_label(article, ctx):
    """Share-button label left on its own line (``Тарату:``, ``Поделиться``, ``Share``).

    Scraped pages keep the labels of their share buttons. They are never part
    of the article; on listing pages they also mark article boundaries, and
    each one is still reported. Option ``labels`` adds words.

    Fails (en):
        Тарату:
        Share this article
        Поделиться: Facebook Telegram

    Passes (en):
        Share prices fell by 3% on Monday.
        The ministry will share its experience with Tajikistan.

    Passes (kk):
        Тарату жоспары бекітілді.
    """
    pattern = share_label_line(tuple(ctx.options["labels"]))
    yield from _line_problems(article, pattern, "share-button label left from the web page")


@rule("TQA602", "navigation-line", "boilerplate", "warning", options={"sections": []}, specificity=90)
def navigation(article, ctx):
    """Breadcrumb or navigation line (``Home Blog Page 3``, ``Главная › Новости``).

    A home word followed by section names, with separators or ending in a
    page number. Option ``sections`` adds section words.

    Fails (en):
        Home Blog Page 3
        Home › News › Politics

    Fails (ru):
        Главная / Новости / Экономика

    Passes (en):
        Home Office announces a review of visa rules
        Home
        Home is where the heart is.
    """
    pattern = navigation_line(tuple(ctx.options["sections"]))
    yield from _line_problems(article, pattern, "navigation line (breadcrumb) left from the web page")


@rule("TQA603", "see-also-line", "boilerplate", "warning", options={"labels": []}, specificity=90)
def see_also(article, ctx):
    """"See also" line left from the web page (``Читайте также:``, ``Read also:``).

    Links to other articles are page furniture, not article text. The whole
    line is reported. Option ``labels`` adds lead-ins.

    Fails (ru):
        Читайте также: Токаев прибыл в Нью-Йорк

    Fails (de):
        Lesen Sie auch: Die Ausstellung in Tallinn

    Passes (en):
        Read also the report of the UN DESA for 2022.
        See also how other countries did it.
    """
    pattern = see_also_line(tuple(ctx.options["labels"]))
    yield from _line_problems(article, pattern, "\"see also\" line left from the web page")


_SEPARATOR = regex.compile(r"^\s*([_=~*\-—–•·#+])\1{2,}\s*$")


@rule("TQA604", "separator-line", "boilerplate", "warning", specificity=90)
def separator(article, ctx):
    """Separator line of underscores, dashes or similar (``_________``).

    Rules drawn with characters come from the layout of the source page or a
    Word document; they print as stray characters in the published text.
    (In Markdown, ``---`` is markup and is not reported.)

    Fails (en):
        _________
        ==========

    Passes (en):
        The score was 3 - 1.
        __init__ is a Python method.
    """
    yield from _line_problems(article, _SEPARATOR, "separator line left from the layout")


# Spaces that are not ASCII blanks: a line of these looks empty but is not.
_FILLER = regex.compile(r"^[ \t]*[\u00a0\u2007\u202f\u200b\u2060\u3000\ufeff][\s\u200b\u2060\ufeff]*$")


@rule("TQA605", "filler-line", "boilerplate", "info", specificity=90)
def filler(article, ctx):
    """Line holding only no-break or zero-width spaces.

    Such lines come from HTML ``&nbsp;`` paragraphs. They look blank but
    count as paragraphs in CMSs and in e-mail, making uneven gaps.

    Fails (en):
        \u00a0

    Passes (en):
        Temperature: 25\u00a0°C.
    """
    for segment, index, line in _leftover_lines(article, _FILLER):
        start = len(line) - len(line.lstrip(" \t"))
        yield segment.problem(index + start, index + len(line),
                              "line of invisible spaces (no-break or zero-width)", "")
