"""TQA701 repeated-word: The same word twice in a row (``of of``, ``mit dem dem Minister``)."""

from __future__ import annotations

import re

import regex

from ...text.scripts import MaskedText
from .. import rule
from ._shared import function_words_of, typography_data

# a word: a letter, then letters and combining marks (Devanagari vowel signs)
# The word is taken whole (possessive: a shorter part of it, followed by
# a letter, can never be followed by the space, so backtracking into it
# only costs time, a third of the scan).
# The space between the two is taken whole as well: a run of spaces on the
# line, or any whitespace run that holds a line break (the second word
# starts with a letter, so only the whole run can come before it). Left to
# backtrack, a word before a long run of lines of no-break spaces was held
# against every split of it: time in the square of the run.
_REPEAT = regex.compile(
    r"(?<![\w'’-])(\p{L}[\p{L}\p{M}]*+)([ \t\u00a0]++|(?=\s*\n)\s++)(?P<again>\1)(?![\w'’-])", regex.IGNORECASE
)


# The same with the standard library's engine, three times faster, for text
# without combining marks: there [^\W\d_] is a letter as \p{L}; in
# Devanagari or Bengali, where vowel signs are marks, it would split words.
# ((?=(…))\1 takes the word whole as well: re has possessive quantifiers only from Python 3.11.)
_REPEAT_NO_MARKS = re.compile(
    r"(?<![\w'’-])(?=([^\W\d_]+))\1((?=([ \t\u00a0]+))\3|(?=\s*\n)(?=(\s+))\4)"
    r"(?P<again>\1)(?![\w'’-])",
    re.IGNORECASE,
)


_MARK = regex.compile(r"\p{M}")


def _after_comma(text: str, at: int) -> bool:
    """Does a comma stand before ``at``, spaces apart? (Without copying
    the text before it for each pair: a page of "die die die" has many.)"""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return text[at - 1 : at] == ","


def _word_before(text: str, at: int) -> str:
    """The word that ends, spaces apart, before ``at``."""
    end = at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


@rule("TQA701", "repeated-word", "typography", "warning", safe_fix=True)
def repeated_word(article, ctx):
    """The same word twice in a row (``of of``, ``mit dem dem Minister``).

    Grammatical doublings are allowed per language (English ``had had``,
    ``that that``; German ``die die`` right after a comma, a preposition or
    ``und``: ``für die die Frist gilt``); an acronym before the same word in
    lower case (Russian ``ПО по``) is two words; in Turkic
    languages, which double words on purpose, only function words count.
    Capitalised pairs (``Bora Bora``) are names.

    Fails (en):
        the formation and utilisation ⟦of of⟧ state information resources → of
    Fails (de):
        Das Treffen mit ⟦dem dem⟧ Minister fand statt. → dem
    Fails (ru):
        Он приехал ⟦в в⟧ Астану. → в

    Passes (en):
        What he had had was not enough, and he knew that that was true.
        They flew to Bora Bora for the summit.
    Passes (de):
        Die Frau, die die Zeitung liest, kommt aus Zürich.
        Eine Aufgabe, für die die andere Seite die Lösung liefert, bei der der Aufruf scheitert.
    Passes (ru):
        Письма разбирает ПО по сопровождению архива.
    Passes (tr):
        Yavaş yavaş ilerlediler.
    Passes (nl):
        Springt naar de documentatie voor de weergave die die pagina genereert.
    Passes (vi):
        Con số này lên tới một tỷ tỷ đồng.
    """
    data = typography_data()
    lang = ctx.lang or ""
    exceptions = data["repeated_word_exceptions"].get(lang, {})
    always = {e.casefold() for e in exceptions.get("always", [])}
    after_comma = {e.casefold() for e in exceptions.get("after-comma", [])}
    after_word = {
        pair.casefold(): frozenset(w.casefold() for w in words.split())
        for pair, words in exceptions.get("after-word", {}).items()
    }
    reduplicating = lang in data["reduplication"].split()
    function_words = function_words_of(lang)
    for segment in article.prose:
        # placeholders and links masked: "%(name)s s touto" repeats no word
        masked = MaskedText(segment.text)
        repeat = _REPEAT if any(_MARK.search(text) for _, text in masked) else _REPEAT_NO_MARKS
        for at, text in masked:
            for match in repeat.finditer(text):
                first, second = match.group(1), match.group("again")
                pair = f"{first} {second}".casefold()
                if pair in always or (first[0].isupper() and second[0].isupper() and at + match.start() > 0):
                    continue
                if pair in after_comma and _after_comma(text, match.start()):
                    continue
                if pair in after_word and _word_before(text, match.start()).casefold() in after_word[pair]:
                    continue
                if len(first) > 1 and first.isupper() != second.isupper() and (first.islower() or second.islower()):
                    continue  # an acronym and a word: "ПО по сопровождению", "IT it"
                if reduplicating and first.casefold() not in function_words:
                    continue
                if sum(ch.isalpha() for ch in first) == 1 and _MARK.search(first):
                    continue  # one syllable twice, as when letters are spelt out (Malayalam യു യു for "UU")
                yield segment.problem(at + match.start(), at + match.end(), f"word repeated: {first!r}", first)
