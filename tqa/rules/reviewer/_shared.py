"""What the reviewer rules share."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

import regex

from ...text.resources import alternation, flatten, load
from ...text.scripts import language_scripts, letter_scripts, prose_matches
from ...text.sentences import sentence_spans

INLINE_SPACE = r"[ \t\u00a0]"


@lru_cache(maxsize=1)
def word_comment_label_pattern() -> regex.Pattern:
    """What opens a Word comment pasted into the text: its label, then
    "[AB1]" or "([U1])", then a colon (``word_comment_spans`` tells where
    the comment ends)."""
    labels = alternation(flatten(load("reviewer_markers")["word_comment_labels"]))
    return regex.compile(
        rf"(?<!\w)(?:{labels}){INLINE_SPACE}*\(?\[[\p{{L}}\p{{N}}_.-]{{1,16}}\]\)?{INLINE_SPACE}*[:：]",
        regex.IGNORECASE | regex.V1,
    )


@lru_cache(maxsize=1)
def track_change_pattern() -> regex.Pattern:
    labels = alternation(flatten(load("reviewer_markers")["track_change_labels"]))
    return regex.compile(
        rf"^{INLINE_SPACE}*(?:{labels}){INLINE_SPACE}*:(?:{INLINE_SPACE}+\S.*|{INLINE_SPACE}*)$", regex.V1
    )


# A word for telling where a pasted comment ends: letters and marks.
_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
# Scripts written without spaces: one run of two letters stands for words.
_UNSPACED = frozenset({"Han", "Hiragana", "Katakana", "Thai", "Lao", "Khmer", "Myanmar", "Tibetan"})
# Before the article's first word, what opens it: a quote, a bracket.
_OPENING = frozenset({"Ps", "Pi"})


def _script_of(word: str) -> str | None:
    counts = Counter(script for _, script in letter_scripts(word))
    return counts.most_common(1)[0][0] if counts else None


def _scripted_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, script) of each word of ``text`` whose letters have a
    script, links and code left out."""
    found = []
    for match in prose_matches(_LETTERS, text):
        script = _script_of(match.group())
        if script is not None:
            found.append((match.start(), match.end(), script))
    return found


def _article_scripts(text: str, before: int, lang: str | None) -> frozenset[str] | None:
    """The scripts the article is written in: its language's, or else the
    script of most words before the first comment in ``text`` (of all its
    words when the comment opens it)."""
    known = language_scripts(lang)
    if known is not None:
        return known.own
    counts = Counter(script for _, _, script in _scripted_words(text[:before]))
    if not counts:
        counts = Counter(script for _, _, script in _scripted_words(text))
    return frozenset({counts.most_common(1)[0][0]}) if counts else None


def _comment_end(body: str, own: frozenset[str] | None) -> int:
    """Where a comment whose text is ``body`` (the rest of its line) ends.

    A comment in another script than the article's ends before the first
    two words of the article's script in a row (one such word is a name in
    the comment: ``уточнить у Smith``); one in the article's script ends
    with its first sentence, unless what follows has no letters (``What is
    it? 7.50?``). With no end found it runs to the end of the line."""
    words = _scripted_words(body)
    if not words:
        return len(body.rstrip())
    if own and words[0][2] not in own:
        for k, (start, end, script) in enumerate(words):
            if script not in own:
                continue
            following = words[k + 1][2] if k + 1 < len(words) else None
            if following in own or (script in _UNSPACED and end - start >= 2):
                cut = start
                while cut > words[k - 1][1] and unicodedata.category(body[cut - 1]) in _OPENING:
                    cut -= 1
                return len(body[:cut].rstrip())
        return len(body.rstrip())
    sentences = sentence_spans(body)
    if len(sentences) > 1 and any(ch.isalpha() for ch in body[sentences[1][0] :]):
        return sentences[0][1]
    return len(body.rstrip())


def word_comment_spans(text: str, lang: str | None) -> list[tuple[int, int]]:
    """(start, end) of each Word comment pasted into ``text``: from its
    label to the end of the comment, which is not always the end of the
    line (``… the plant. Комментарий [АБ3]: проверить дату The second
    phase …`` ends before ``The``). A comment's text ends at the latest
    where the next label starts."""
    labels = list(word_comment_label_pattern().finditer(text))
    if not labels:
        return []
    own = _article_scripts(text, labels[0].start(), lang)
    spans = []
    for k, label in enumerate(labels):
        line_end = text.find("\n", label.end())
        limit = len(text) if line_end == -1 else line_end
        if k + 1 < len(labels):
            limit = min(limit, labels[k + 1].start())
        spans.append((label.start(), label.end() + _comment_end(text[label.end() : limit], own)))
    return spans


def review_marks(article, ctx, kinds: tuple[str, ...]):
    """The live review marks (``Document.review``) of ``kinds`` that stand in
    ``article``: from its start to the next article's (what comes before
    the first article belongs to it)."""
    document = ctx.document
    if document is None or not document.review:
        return
    starts = sorted(a.start for a in document.articles)
    low = article.start if starts and article.start > starts[0] else -1
    high = min((s for s in starts if s > article.start), default=None)
    for mark in document.review:
        if mark.kind in kinds and low <= mark.start and (high is None or mark.start < high):
            yield mark


def attribution(mark) -> str:
    """ " by Ann, 2024-05-02" as far as the mark says who and when."""
    who = f" by {mark.author}" if mark.author else ""
    when = mark.date[:10] if mark.date else ""
    return f"{who}, {when}" if who and when else who or (f" on {when}" if when else "")


def quoted(text: str, limit: int = 60) -> str:
    """``text`` on one line, shortened, in quotes."""
    text = " ".join(text.split())
    return f"“{text[: limit - 1]}…”" if len(text) > limit else f"“{text}”"
