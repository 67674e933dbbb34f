"""Typography slips a reader notices at once: doubled words, lost spaces,
stray spaces, foreign quotation marks, unbalanced brackets, sentences broken
across paragraphs, hard line breaks. Language data (function words,
exceptions, quotation marks) is in ``data/typography.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import regex

from ..memo import text_cache
from ..model import SourceText
from ..resources import load
from ..scripts import mask_non_prose
from . import rule


@lru_cache(maxsize=1)
def _data():
    return load("typography")


def _function_words(lang: str | None) -> frozenset[str]:
    return frozenset(_data()["function_words"].get(lang or "", "").split())


# ----------------------------------------------------------------------------
# a word: a letter, then letters and combining marks (Devanagari vowel signs)
# The word is taken whole (possessive: a shorter part of it, followed by
# a letter, can never be followed by the space, so backtracking into it
# only costs time, a third of the scan).
# The space between the two is taken whole as well: a run of spaces on the
# line, or any whitespace run that holds a line break (the second word
# starts with a letter, so only the whole run can come before it). Left to
# backtrack, a word before a long run of lines of no-break spaces was held
# against every split of it: time in the square of the run.
_REPEAT = regex.compile(r"(?<![\w'’-])(\p{L}[\p{L}\p{M}]*+)([ \t\u00a0]++|(?=\s*\n)\s++)(?P<again>\1)(?![\w'’-])",
                        regex.IGNORECASE)
# The same with the standard library's engine, three times faster, for text
# without combining marks: there [^\W\d_] is a letter as \p{L}; in
# Devanagari or Bengali, where vowel signs are marks, it would split words.
# ((?=(…))\1 takes the word whole as well: re has possessive quantifiers only from Python 3.11.)
_REPEAT_NO_MARKS = re.compile(r"(?<![\w'’-])(?=([^\W\d_]+))\1((?=([ \t\u00a0]+))\3|(?=\s*\n)(?=(\s+))\4)"
                              r"(?P<again>\1)(?![\w'’-])", re.IGNORECASE)
_MARK = regex.compile(r"\p{M}")


def _after_comma(text: str, at: int) -> bool:
    """Does a comma stand before ``at``, spaces apart? (Without copying
    the text before it for each pair: a page of "die die die" has many.)"""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return text[at - 1:at] == ","


@rule("TQA701", "repeated-word", "typography", "warning", safe_fix=True)
def repeated_word(article, ctx):
    """The same word twice in a row (``of of``, ``mit dem dem Minister``).

    Grammatical doublings are allowed per language (English ``had had``,
    ``that that``; German ``die die`` right after a comma); in Turkic
    languages, which double words on purpose, only function words count.
    Capitalised pairs (``Bora Bora``) are names.

    Fails (en):
        the formation and utilisation of of state information resources
    Fails (de):
        Das Treffen mit dem dem Minister fand statt.
    Fails (ru):
        Он приехал в в Астану.

    Passes (en):
        What he had had was not enough, and he knew that that was true.
        They flew to Bora Bora for the summit.
    Passes (de):
        Die Frau, die die Zeitung liest, kommt aus Zürich.
    Passes (tr):
        Yavaş yavaş ilerlediler.
    Passes (nl):
        Springt naar de documentatie voor de weergave die die pagina genereert.
    Passes (vi):
        Con số này lên tới một tỷ tỷ đồng.
    """
    data = _data()
    lang = ctx.lang or ""
    exceptions = data["repeated_word_exceptions"].get(lang, {})
    always = {e.casefold() for e in exceptions.get("always", [])}
    after_comma = {e.casefold() for e in exceptions.get("after-comma", [])}
    reduplicating = lang in data["reduplication"].split()
    function_words = _function_words(lang)
    for segment in article.prose:
        # placeholders and links masked: "%(name)s s touto" repeats no word
        text = mask_non_prose(segment.text)
        for match in (_REPEAT if _MARK.search(text) else _REPEAT_NO_MARKS).finditer(text):
            first, second = match.group(1), match.group("again")
            pair = f"{first} {second}".casefold()
            if pair in always or (first[0].isupper() and second[0].isupper() and match.start() > 0):
                continue
            if pair in after_comma and _after_comma(text, match.start()):
                continue
            if reduplicating and first.casefold() not in function_words:
                continue
            if sum(ch.isalpha() for ch in first) == 1 and _MARK.search(first):
                continue  # one syllable twice, as when letters are spelt out (Malayalam യു യു for "UU")
            yield segment.problem(match.start(), match.end(), f"word repeated: {first!r}", first)


# ----------------------------------------------------------------------------
@rule("TQA702", "glued-words", "typography", "warning", options={"allow": []})
def glued_words(article, ctx):
    """Two words glued together by a lost space (``theGraduate``, ``Universityand``).

    Reported when a function word of the language is glued to a capitalised
    word, or glued to the end of a word that stands on its own elsewhere in
    the same file. Camel-case names (``iPhone``, ``YouTube``, ``McDonald``,
    ``KazUnite``, ``JPMorgan``) and forms used more than once (brands such as
    ``inDrive``) stay silent. Option ``allow`` lists more.

    Fails (en):
        The Hub, together with theGraduate School of Public Policy of Nazarbayev University, met.⏎⏎The Graduate School of Public Policy of Nazarbayev Universityand the Agency signed.
        He spoke ofthe reform.

    Passes (en):
        iPhone, YouTube, McDonald, KazUnite and JPMorgan sponsored the island brand stand.
        The University of Ghent and the University of Plymouth, and the Ministry.
    """
    lang = ctx.lang or ""
    words = _function_words(lang)
    if not words:
        return
    allowed = {a.casefold() for a in ctx.options["allow"]}
    prefix, suffix, pair = _glue_patterns(words)
    counts = _token_counts(ctx.document.source)
    glued_suffixes = lang in _data()["glued_suffix_languages"].split()
    for segment in article.prose:
        masked = mask_non_prose(segment.text)
        for start, end, head in _camel_glued(masked):
            token = masked[start:end]
            if head not in prefix or token.casefold() in allowed or counts.get(token, 0) > 1:
                continue
            yield segment.problem(start, end, f"missing space in {token!r}", f"{head} {token[len(head):]}")
        # most paragraphs hold no long word, used once, that ends in a
        # function word: tested on the bare words before finding places
        maybe_tail = glued_suffixes and any(
            _glued_tail(token, suffix) for token in _LETTER_WORD.findall(masked) if counts.get(token, 0) <= 1)
        for match in _LETTER_WORD.finditer(masked) if maybe_tail else ():
            token = match.group(0)
            if counts.get(token, 0) > 1:  # a word used twice is a word (cheapest test first)
                continue
            split = _glued_tail(token, suffix)
            if split is None:
                continue
            stem, tail = split
            if token.casefold() in allowed or counts.get(stem, 0) == 0:
                continue
            yield segment.problem(match.start(), match.end(), f"missing space in {token!r}", f"{stem} {tail}")
        for start, end, head in _the_glued(masked) if pair else ():
            token = masked[start:end]
            if head not in prefix or token.casefold() in allowed:
                continue
            yield segment.problem(start, end, f"missing space in {token!r}", f"{head} the")


# a word of letters long enough to be a word of four letters and a glued tail
_LETTER_WORD = regex.compile(r"(?<![\p{L}\p{N}_-])\p{L}{7,}(?![\p{L}_-])")


def _glued_tail(token: str, tails: tuple[frozenset[str], tuple[int, ...]]) -> tuple[str, str] | None:
    """(stem, tail) when ``token`` ends with a function word after a stem of
    four letters or more (the longest such tail), else None."""
    words, lengths = tails
    for length in lengths:
        if len(token) - length >= 4 and token[-length:] in words:
            return token[:-length], token[-length:]
    return None


# Candidates are found with simple patterns and then looked up in the word
# list: one alternation of a hundred function words, tried at every
# position of the text, costs far more.
_CAMEL_TAIL = regex.compile(r"(?<=[\p{Ll}'’])\p{Lu}\p{Ll}{2,}(?![\p{L}_-])")
_BEFORE_WORD = regex.compile(r"[\p{L}\p{N}_-]")


def _camel_glued(text: str):
    """(start, end, head) of words made of a lower-case head (at most 12
    letters) and a capitalised word: ``theGraduate``. Found from the
    capital backwards, which is much cheaper than trying a head at every
    position."""
    for match in _CAMEL_TAIL.finditer(text):
        start = match.start()
        while start > 0 and match.start() - start < 12 and (text[start - 1].islower() or text[start - 1] in "'’"):
            start -= 1
        if start > 0 and _BEFORE_WORD.match(text, start - 1):
            continue  # the head is longer, or glued to more
        yield start, match.end(), text[start:match.start()]


# "the" at the end of a word, after a lower-case letter: the head is found
# backwards from it, as in _camel_glued; a pattern trying a head of one to
# twelve letters at every word start took five times as long.
_THE_END = regex.compile(r"(?<=\p{Ll})the(?![\p{L}_-])")
_LOWER = regex.compile(r"\p{Ll}")


def _the_glued(text: str):
    """(start, end, head) of words made of a lower-case head of at most 12
    letters and "the": ``ofthe``."""
    for match in _THE_END.finditer(text):
        head_end = start = match.start()
        while start > 0 and head_end - start <= 12 and _LOWER.match(text, start - 1):
            start -= 1
        if head_end - start > 12 or (start > 0 and _BEFORE_WORD.match(text, start - 1)):
            continue  # a longer word, or glued to more
        yield start, match.end(), text[start:head_end]


@lru_cache(maxsize=32)
def _glue_patterns(words: frozenset[str]):
    """(function words that may be glued in front, (tails, their lengths),
    whether "ofthe"-style pairs apply)."""
    heads = frozenset(w for w in words if len(w) >= 2 or not w.isascii())
    tails = frozenset(w for w in words if len(w) >= 3)
    return heads, (tails, tuple(sorted({len(w) for w in tails}, reverse=True))), "the" in words


# letters, digits, _ and -: [\p{L}\p{N}_-], written for ``re``, which scans a
# whole file twice as fast; the same characters but for those Unicode added
# after the Python version's tables (checked over every code point)
_TOKEN = re.compile(r"[\w-]+")


_LAST_NOT_TOKEN = re.compile(r"[^\w-](?=[\w-]*\Z)")


@text_cache(maxsize=2)  # per file, forgotten with it (an lru_cache kept the last files' texts alive)
def _token_counts(source: SourceText) -> dict[str, int]:
    """How often each token stands in a file (computed once per file),
    counted a piece of the file at a time: a list of every token of a
    50 MB file would be half a gigabyte of strings, and the text of a big
    file is kept packed while its rules run."""
    counts: Counter = Counter()
    carry = ""  # the token cut by the end of the previous piece (token characters only)
    for piece in source.pieces():
        text = carry + piece if carry else piece
        last = _LAST_NOT_TOKEN.search(text, len(carry))
        cut = last.end() if last else 0
        counts.update(_TOKEN.findall(text, 0, cut))
        carry = text[cut:]
    counts.update(_TOKEN.findall(carry))
    return counts


# ----------------------------------------------------------------------------
_SPACE_BEFORE = regex.compile(r"(?<=[\p{L}\p{N}»”\"')\]])([ \t\u00a0\u202f]+)([,.;:!?])(?=\s|$|[»”\"')\]])")
_SPACE_THEN_MARK = re.compile(r"[ \t\u00a0\u202f][,.;:!?]")
_FRENCH_SPACED = ";:!?"


@rule("TQA703", "space-before-punctuation", "typography", "warning", safe_fix=True)
def space_before_punctuation(article, ctx):
    """Space before a comma, full stop, colon, semicolon, question or exclamation mark (``a half , and``).

    French and Breton set a (narrow) no-break space before ``; : ! ?``,
    which stays silent in those languages (``spaced_high_punctuation`` in
    ``data/typography.yaml``). Scores such as ``2 : 1`` are not punctuation.

    Fails (en):
        It costs £ 7 and a half , and more.
        Is it true ?
    Fails (ru):
        Он приехал , но ушёл.

    Passes (fr):
        Est-ce vrai ? Oui : c'est vrai ; il l'a dit !
    Passes (br):
        Diverkañ ? Seurt maezienn : testenn.
    Passes (en):
        The match ended 2 : 1 in Almaty.
    """
    spaced = (ctx.lang or "") in _data()["spaced_high_punctuation"].split()
    for segment in article.prose:
        if not _SPACE_THEN_MARK.search(segment.text):
            continue  # what _SPACE_BEFORE needs at least (most paragraphs): found by ``re``, far faster
        masked = mask_non_prose(segment.text)
        for match in _SPACE_BEFORE.finditer(masked):
            mark = match.group(2)
            if spaced and mark in _FRENCH_SPACED:
                continue
            after = masked[match.end():match.end() + 2].strip()
            before = masked[match.start() - 1]  # the lookbehind's character: never a space
            if mark == ":" and before.isdigit() and after[:1].isdigit():
                continue  # a score or ratio
            yield segment.problem(match.start(), match.end(), f"space before {mark!r}", mark)


_MISSING_AFTER = regex.compile(r"(?<=\p{Ll}{2})([,;!?])(?=\p{L})|(?<=\p{Ll}{2})(\.)(?=\p{Lu}\p{Ll})")


@rule("TQA704", "missing-space-after-punctuation", "typography", "warning")
def missing_space_after(article, ctx):
    """No space after a comma, semicolon, full stop, question or exclamation mark (``word,word``).

    Numbers (``1,500``, ``3.5``), abbreviations (``e.g.``), links, domains
    (``Kursiv.kz``) and code are not prose and stay silent.

    Fails (en):
        The ministry,the agency and the hub met.
        The event ended.The next one starts in May.

    Passes (en):
        It cost 1,500 tenge, i.e. 3.5 dollars; see Kursiv.kz or https://gov.kz/news,today.
        Node.js and ASP.NET were mentioned.
    """
    for segment in article.prose:
        masked = mask_non_prose(segment.text)
        if segment.meta and _MISSING_AFTER.search(segment.meta.get("source") or ""):
            continue  # the source writes "yes,no,maybe" on purpose: a format, not prose
        for match in _MISSING_AFTER.finditer(masked):
            mark = match.group(0)
            yield segment.problem(match.start(), match.end(), f"no space after {mark!r}", mark + " ")


# ----------------------------------------------------------------------------
@rule("TQA705", "foreign-quotes", "typography", "warning", options={"straight-quotes": "allow"}, safe_fix=True,
      choices={"straight-quotes": ("allow", "flag")})
def foreign_quotes(article, ctx):
    """Quotation marks that the target language does not use (``«…»`` in English).

    Each language's marks are data (English “…”, German „…“, Russian and
    Kazakh «…», French « … », Japanese 「…」). Option ``straight-quotes =
    "flag"`` also reports ``"…"`` where the house style wants typographic
    quotes.

    Fails (en):
        As Nadezhda Gerjak noted, «the Estonian reader is historically interested».

    Passes (en):
        As she noted, “the reader is interested”.
    Passes (ru):
        Как отметила она, «читатель интересуется» и „внутренние“ кавычки.
    Passes (de):
        Sie sagte: „Wir kommen wieder.“
    """
    quotes = _data()["quotes"].get(ctx.lang or "")
    if quotes is None:
        return
    foreign = quotes["foreign"]
    flag_straight = ctx.options["straight-quotes"] == "flag"
    opening, closing = quotes["primary"]
    marks = "".join(foreign) + ('"' if flag_straight else "")
    if not marks:
        return
    pattern = _pair_pattern(marks, "")
    for segment in article.prose:
        text = segment.text
        for match in pattern.finditer(text):
            i, ch = match.start(), match.group()
            if ch in foreign:
                yield segment.problem(i, i + 1, f"quotation mark {ch} is not used in {ctx.lang} text",
                                      foreign[ch])
            else:
                opens = i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-"
                yield segment.problem(i, i + 1, "straight quotation mark; the house style wants typographic ones",
                                      opening if opens else closing)


@lru_cache(maxsize=32)
def _pairs(lang: str) -> tuple[tuple[str, str], ...]:
    data = _data()
    quotes = data["quotes"].get(lang, {}).get("pairs", [])
    return tuple(tuple(p) for p in data["brackets"] + quotes)


_ENUMERATOR = regex.compile(r"(?:^|(?<=[\s(]))(?:\d{1,2}|[a-zA-Zа-яёА-ЯЁ])\)")  # 1) a) б)
_SMILEY = regex.compile(r"[:;]-?[()]")


@rule("TQA706", "unbalanced-pair", "typography", "warning")
def unbalanced_pair(article, ctx):
    """Bracket or quotation mark opened and not closed (or closed and not opened) in a paragraph.

    Enumerations such as ``a)`` and ``1)`` are not brackets. A quotation
    left open at the end of a paragraph is fine when the next paragraph
    opens with the same mark (a quotation running over several paragraphs).

    Fails (en):
        The Ministry of Digital Development (MDD said it would help.
        He said the plan was ready” and left.

    Passes (en):
        The agency (NIA) and the hub [ACSH] met; options: a) now, b) later.
        “We will share our experience,” he said.
    Passes (ru):
        «Мы поделимся опытом», — заявил он.
    """
    pairs = _pairs(ctx.lang or "")
    prose = [s for s in article.prose if s.kind != "code"]
    for index, segment in enumerate(prose):
        text = mask_non_prose(segment.text).replace("（", "(").replace("）", ")")  # full-width pairs mix
        # ")" of "a)" enumerations and ":)" closes a bracket when one is open
        # ("file(s)", "A(z)", "(от а до я)"), and is no stray when none is
        loose = {m.end() - 1 for m in _ENUMERATOR.finditer(text)} | {m.end() - 1 for m in _SMILEY.finditer(text)} \
            if ")" in text else set()
        following = prose[index + 1].text.lstrip() if index + 1 < len(prose) else ""
        for opener, closer in pairs:
            yield from _balance(segment, text, opener, closer, following, loose if closer == ")" else ())


@lru_cache(maxsize=64)
def _pair_pattern(opener: str, closer: str) -> regex.Pattern:
    return regex.compile(f"[{regex.escape(opener)}{regex.escape(closer)}]")


# Closers that open a quotation in other conventions (English “…”, German »…«):
# without their opener in the paragraph they are not counted as stray.
_AMBIGUOUS_CLOSERS = "“‘»"


def _balance(segment, text, opener, closer, following, loose=()):
    """Findings for ``opener``/``closer`` left alone; a closer at a place in
    ``loose`` may close an opener but is never stray itself."""
    if opener not in text and (closer not in text or closer in _AMBIGUOUS_CLOSERS):
        return
    stack = []
    for match in _pair_pattern(opener, closer).finditer(text):
        i, ch = match.start(), match.group()
        if ch == opener:
            stack.append(i)
        elif stack:
            stack.pop()
        elif i not in loose:
            yield segment.problem(i, i + 1, f"{closer} closes nothing: its {opener} is missing")
    for i in stack:
        if opener in "“«„「『" and following.startswith(opener):
            continue  # a quotation that runs on into the next paragraph
        yield segment.problem(i, i + 1, f"{opener} is never closed in this paragraph (missing {closer})")


# ----------------------------------------------------------------------------
_TERMINAL = ".!?…:;\"”»’')]」』。！？"


@lru_cache(maxsize=1)
def _leaks():
    from .reviewer_comments import _track_change, _word_comment

    return _word_comment(), _track_change()


@rule("TQA707", "broken-sentence", "typography", "warning")
def broken_sentence(article, ctx):
    """Sentence broken across two paragraphs (a paragraph stops mid-sentence and the next one goes on).

    A paragraph that ends without terminal punctuation and is followed by one
    starting in lower case, or that ends on a function word (``and``,
    ``of``, ``и``…), lost its line join. Leaked reviewer comments at the end
    are ignored when judging where the paragraph ends.

    Fails (en):
        Title⏎⏎They were offered Lush eco-shampoo, which costs £ 7, and Head and⏎⏎Shoulders, which costs £ 1.
        Title⏎⏎The exhibition of the Embassy of⏎⏎the Republic of Kazakhstan opened.

    Passes (en):
        Title⏎⏎WE ALSO PLASTIC⏎⏎Non-recyclable packaging is plastic bottles.
        Title⏎⏎The list includes:⏎⏎the ministry and the agency.
    """
    words = _function_words(ctx.lang)
    comment, track = _leaks()
    prose = [s for s in article.segments if s.kind in ("paragraph", "title", "heading", "label")]
    for segment, following in zip(prose, prose[1:]):
        if segment.kind != "paragraph" or following.kind != "paragraph":
            continue
        text = comment.sub("", segment.text)
        text = "\n".join(line for line in text.split("\n") if not track.match(line)).rstrip()
        if not text or text[-1] in _TERMINAL or text.lstrip().startswith(("-", "*", "•")):
            continue
        last = regex.search(r"(\p{L}+)\W*$", text)
        if last is None:
            continue
        next_text = following.text.lstrip()
        continues = next_text[:1].islower()
        dangling = last.group(1).casefold() in words and last.group(1) != last.group(1).upper()
        if continues or dangling:
            line = ctx.document.source.position(following.start)[0]
            yield segment.problem(last.start(1), last.end(1),
                                  f"paragraph stops mid-sentence after {last.group(1)!r}; "
                                  f"it seems to go on at line {line}", related=[following.start])


# ----------------------------------------------------------------------------
@rule("TQA708", "hard-line-break", "typography", "info", safe_fix=True)
def hard_line_break(article, ctx):
    """Line break inside a paragraph of a text file whose paragraphs are otherwise one line each.

    Copying from PDFs or e-mails leaves line breaks mid-sentence
    (``drinking water in`` / ``more than 10 countries``). Files wrapped
    throughout, Markdown (where a single line break is a soft wrap), lists
    and lines ending in a colon stay silent. The fix joins the lines.

    Fails (en):
        Title⏎⏎One single-line paragraph here.⏎⏎Another single-line paragraph.⏎⏎A study of drinking water in⏎more than 10 countries was done.

    Passes (en):
        Title⏎⏎The list:⏎- one⏎- two
    """
    document = ctx.document
    if document.format != "text" or _hard_wrapped(document):
        return
    for segment in article.paragraphs:
        if segment.kind != "paragraph" or "\n" not in segment.text:
            continue
        lines = segment.text.split("\n")
        index = 0
        for line, nxt in zip(lines, lines[1:]):
            index += len(line)
            stripped, following = line.rstrip(), nxt.lstrip()
            if stripped and following and not stripped.endswith(":") and not following.startswith(
                    ("-", "*", "•", "–", "—")) and not regex.match(r"\d+[.)]\s", following):
                start = len(stripped) - len(line) + index
                end = index + 1 + (len(nxt) - len(following))
                yield segment.problem(start, end, "line break inside a paragraph; join the lines", " ")
            index += 1


def _hard_wrapped(document) -> bool:
    """Is the whole file wrapped at a fixed width (e-mail style)?"""
    paragraphs = [s for a in document.articles for s in a.paragraphs
                  if s.kind == "paragraph" and len(s.text) >= 60]
    if not paragraphs:
        return False
    wrapped = sum(1 for s in paragraphs if "\n" in s.text)
    return wrapped >= 3 and wrapped >= 0.3 * len(paragraphs)
