"""Leaked reviewer comments, track-changes residue and editorial markers.

Text copied out of Word with markup shown keeps the comment balloons and
change notes; drafts keep notes such as ``TODO`` or ``[TK]``. Each finding
spans the whole leak (marker and comment text) and suggests deleting it.
Words are data (``data/reviewer_markers.yaml``).
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ..resources import alternation, flatten, load
from . import iter_lines, rule

_SP = r"[ \t\u00a0]"


@lru_cache(maxsize=1)
def _word_comment() -> regex.Pattern:
    labels = alternation(flatten(load("reviewer_markers")["word_comment_labels"]))
    # label, then "[AB1]" or "([U1])", then a colon; the comment runs to the
    # end of the line.
    return regex.compile(
        rf"(?<!\w)(?:{labels}){_SP}*\(?\[[\p{{L}}\p{{N}}_.-]{{1,16}}\]\)?{_SP}*[:：](?P<body>[^\n]*)",
        regex.IGNORECASE | regex.V1,
    )


@lru_cache(maxsize=1)
def _track_change() -> regex.Pattern:
    labels = alternation(flatten(load("reviewer_markers")["track_change_labels"]))
    return regex.compile(rf"^{_SP}*(?:{labels}){_SP}*:(?:{_SP}+\S.*|{_SP}*)$", regex.V1)


@lru_cache(maxsize=1)
def _editorial() -> regex.Pattern:
    data = load("reviewer_markers")["editorial"]
    bare = alternation(data["bare"])
    placeholders = alternation(data["placeholders"])
    notes = alternation(data["bracket_notes"])
    return regex.compile(
        rf"""
        \[{_SP}*(?:{notes}){_SP}*[:.]?[^\]\n]*\]           # [translator's note: ...]
      | \[{_SP}*(?:{placeholders}|{bare}){_SP}*(?:[:：][^\]\n]*)?\]   # [TK], [TODO: check]
      | (?<![\w-])(?:{bare}|{placeholders}){_SP}*[:：][^\n]*  # TODO: check the figure
      | (?<![\w-]|\p{{Lu}}{{2,}}{_SP})(?:{bare})(?![\w-])(?!{_SP}+\p{{Lu}}{{2,}})  # bare TODO, not in ALL CAPS
      | (?<![\w-])TK(?:TK)+(?![\w-])                       # TKTK
      | (?<![\w$£€])[$£€]TK(?![\w-])                        # $TK million
      | (?<!\?)\?{{3,}}(?!\?)                               # ???
        """,
        regex.VERBOSE | regex.V1,
    )


@rule("TQA201", "word-comment", "reviewer-comment", "error", specificity=100)
def word_comment(article, ctx):
    """Word comment pasted into the text (``Commented [AB1]: …``).

    Word shows comments as ``<label> [initials+number]: text`` in its UI
    language (``Commented``, ``Примечание``, ``Добавлено примечание``,
    ``Kommentiert``, ``Commenté``, ``Comentado``, ``Түсініктеме``, ``Yorum``,
    ``Izoh``…). The finding covers the label and the comment to the end of
    the line.

    Fails (en):
        costs £ 7 and a half , and Head and Добавлено примечание ([U1]): What is it? 7.50?
        The ministry said Commented [AB1]: check the name with the desk
        Der Minister sagte Kommentiert [KM2]: Quelle?

    Passes (en):
        He declined to comment.
        Readers can comment [here] below.
        The comment section [1] is closed: spam.

    Passes (ru):
        В примечании [1]: ссылка на источник.
    """
    pattern = _word_comment()
    for segment, index, line in iter_lines(article):
        for match in pattern.finditer(line):
            end = match.start() + len(match.group(0).rstrip())
            yield segment.problem(index + match.start(), index + end,
                                  f"reviewer comment left in the text: {match.group(0).strip()[:60]}", "")


@rule("TQA202", "track-changes", "reviewer-comment", "error", specificity=100)
def track_changes(article, ctx):
    """Track-changes note pasted as text (``Deleted: …``, ``Formatted: Font: Bold``).

    Word's change balloons start a line with the change type and a colon.
    The whole line is reported.

    Fails (en):
        Formatted: Font: Bold, Russian
        Deleted: the old name of the ministry

    Fails (ru):
        Удалено: Министерство внутренних дел

    Passes (en):
        The deleted files were restored.
        Formatted text is easier to read: use headings.
    """
    pattern = _track_change()
    for segment, index, line in iter_lines(article):
        if segment.meta and pattern.match((segment.meta.get("source") or "").strip()):
            continue  # a catalog translating a "Deleted:" label of the program itself
        if pattern.match(line):
            start = len(line) - len(line.lstrip())
            yield segment.problem(index + start, index + len(line.rstrip()),
                                  "track-changes note left in the text", "")


@rule("TQA203", "editorial-marker", "reviewer-comment", "error", specificity=100)
def editorial_marker(article, ctx):
    """Editorial marker left in the text (``TODO``, ``FIXME``, ``[TK]``, ``???``, ``[translator's note: …]``).

    Placeholders such as ``TK`` and ``XXX`` count only in brackets, with a
    colon, doubled (``TKTK``) or after a currency sign, so that names like
    ``TK Maxx`` or ``Super Bowl XXX`` stay silent. ``TODO`` counts only in
    capitals.

    Fails (en):
        The museum received TODO visitors last year.
        The budget is $TK million.
        TODO: check the minister's name
        The agency [TK: full name] opened an office.
        He said the figure was 7.50 ??? in total.
        The [translator's note: unclear in the source] plan was approved.

    Fails (ru):
        Министр [ПРОВЕРИТЬ: должность] заявил о росте.

    Passes (en):
        He was knocked out by a TKO in the third round.
        She works for Todo Noticias in Buenos Aires.
        Super Bowl XXX was played in Arizona.
        Prices at TK Maxx fell.
        What is it? Nobody knows.

    Passes (es):
        Todo el equipo viajó a Madrid.
    """
    pattern = _editorial()
    for segment in article.prose:
        for match in pattern.finditer(segment.text):
            text = match.group(0).rstrip()
            yield segment.problem(match.start(), match.start() + len(text),
                                  f"editorial marker left in the text: {text[:60]}", "")
