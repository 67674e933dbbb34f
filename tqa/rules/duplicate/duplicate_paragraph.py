"""TQA301 duplicate-paragraph: Paragraph repeated in the same article, word for word or nearly (a few words changed, or cut down)."""

from __future__ import annotations

import bisect
import difflib
from typing import Iterator

import regex

from ...model import Article, Problem
from ...text.chrf import similarity
from ...text.fuzzy import fuzz
from ...text.nearduplicates import MAX_COMPARED, BandIndex, may_be_similar, word_count, word_set
from .. import Context, Option, rule
from ._shared import comparable_paragraphs, line_of, trimmed


def cut_down(a: str, b: str) -> bool:
    """Is the shorter text a near-verbatim excerpt of the longer one?"""
    short, long_ = sorted((a, b), key=len)
    if len(short) < 0.4 * len(long_):
        return False
    words = word_set(short)
    if len(words & word_set(long_)) < 0.9 * len(words):
        return False
    return fuzz().partial_ratio(short, long_) >= 95


# A heading: one line of at most this many words, with no full stop (or
# question or exclamation mark) at its end.
HEADING_WORDS = 20
_SENTENCE_END = regex.compile(r"[.!?…。！？][\"'”’»)\]」』）]*\s*$")


def _heading(text: str) -> bool:
    return "\n" not in text.strip() and not _SENTENCE_END.search(text) and word_count(text) <= HEADING_WORDS


# A list item: a bullet, or a number and "." or ")" (Markdown's markers), or
# a letter and ")" ("a) Give prominent notice…", "б) …": clauses of a law).
_LIST_ITEM = regex.compile(r"[ \t]*(?:[-*+•]|\d{1,9}[.)]|\p{L}\))[ \t]")

# A paragraph of fewer words than this that leads into a code block, a table
# or a list, or stands in a run of such paragraphs with no full stop, is a
# row of a reference ("For the file, each … permission allows following
# actions." / "For the directory, …" before their lists, "Clang негізіндегі
# автотолықтыру" / "Python негізіндегі …"): rows differ in a word or two by
# design, so a row is compared word for word only. A news paragraph pasted
# twice and revised is prose among prose.
ROW_WORDS = 20

# Across sections (a heading, or the term of a reference entry, between the
# two), only a paragraph of this many words repeated word for word is a
# copy: a caution, a "see also" or a default repeated in each section is
# deliberate; a news paragraph of forty words pasted twice is not.
ACROSS_SECTIONS_WORDS = 40

# The term of a reference entry: one line of code spans, with at most two
# words outside them and no full stop ("`?or(p1, p2)`, `p1 | p2`",
# "Опция: `APT::Get::List-Cleanup`", "`--force-gzip`").
_CODE = regex.compile(r"`[^`\n]+`")
_LETTERS = regex.compile(r"\p{L}+")
_NUMBER = regex.compile(r"\d+")

# A word set off as a term: in code or in quotes.
_MARKED = regex.compile(r"[`«»“”„\"]")
_WORD = regex.compile(r"\S+")


def _lists(article: Article) -> dict[int, int]:
    """The list each list item of ``article`` belongs to (segment index ->
    the index of the list's first item): items at one indent that follow one
    another, with no other paragraph or heading between them nor an item of
    a list around theirs (a nested list under the next item is another)."""
    lists: dict[int, int] = {}
    open_lists: dict[int, int] = {}  # indent -> the first item of the list open there
    for index, segment in enumerate(article.segments):
        if segment.kind in ("comment", "code"):
            continue
        if segment.kind == "paragraph" and _LIST_ITEM.match(segment.text):
            indent = len(segment.text) - len(segment.text.lstrip())
            open_lists = {i: first for i, first in open_lists.items() if i <= indent}
            lists[index] = open_lists.setdefault(indent, index)
        else:
            open_lists = {}
    return lists


def _term(text: str) -> bool:
    if "\n" in text.strip() or _SENTENCE_END.search(text) or not _CODE.search(text):
        return False
    return len(_LETTERS.findall(_CODE.sub(" ", text))) <= 2


def _sections(article: Article) -> list[int]:
    """Per segment of ``article``, the section it stands in: a heading, or
    the term line of a reference entry, opens the next one."""
    sections: list[int] = []
    section = 0
    for segment in article.segments:
        if segment.kind == "heading" or (segment.kind == "paragraph" and _term(segment.text)):
            section += 1
        sections.append(section)
    return sections


def _rows(article: Article) -> set[int]:
    """The segments of ``article`` that are rows of a reference: paragraphs
    of fewer than ``ROW_WORDS`` words that lead into a code block, a table or
    a list, or that end with no full stop next to another such paragraph (a
    run of rows: "Clang негізіндегі автотолықтыру" / "Python негізіндегі…")."""
    segments = [(i, s) for i, s in enumerate(article.segments) if s.kind != "comment"]
    short = [s.kind == "paragraph" and word_count(s.text) < ROW_WORDS for _, s in segments]
    stopless = [short[n] and not _SENTENCE_END.search(s.text) for n, (_, s) in enumerate(segments)]
    rows: set[int] = set()
    for n, (index, _) in enumerate(segments):
        if not short[n]:
            continue
        after = segments[n + 1][1] if n + 1 < len(segments) else None
        leads_into = after is not None and (
            after.kind == "code"
            or (after.kind == "paragraph" and bool(_LIST_ITEM.match(after.text) or after.text.lstrip().startswith("|")))
        )
        in_run = stopless[n] and ((n > 0 and stopless[n - 1]) or (n + 1 < len(segments) and stopless[n + 1]))
        if leads_into or in_run:
            rows.add(index)
    return rows


def _different_facts(a: str, b: str) -> bool:
    """Does each of ``a`` and ``b`` name a term in code or a number that the
    other lacks ("2-way merge" / "3-way merge", "`ed`(1)" / "`vim`(1)")?
    Two drafts of one sentence state the same facts in other words; two
    sentences about different things are parallel, not copies."""
    for pattern in (_CODE, _NUMBER):
        fa, fb = set(pattern.findall(a)), set(pattern.findall(b))
        if fa - fb and fb - fa:
            return True
    return False


def _one_slot_changed(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` differ in one place only, where a word or a
    phrase stands for another (not a word put in or left out)?"""
    wa, wb = _WORD.findall(a.casefold()), _WORD.findall(b.casefold())
    changes = [op for op in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes() if op[0] != "equal"]
    return len(changes) == 1 and changes[0][0] == "replace"


def _parallel(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` rows of a reference list, one sentence with a
    different term each ("`passwd`(5)" / "`shadow`(5)", "«важный»" /
    "«стандартный»"): do they differ in one place only, where each has a
    term in code or quotes? A revised copy changes plain words."""
    if not _one_slot_changed(a, b):
        return False
    wa, wb = set(_WORD.findall(a)), set(_WORD.findall(b))
    return bool(wa - wb) and bool(wb - wa) and all(_MARKED.search(word) for word in wa ^ wb)


def _heading_and_its_paragraph(a: tuple[str, bool], b: tuple[str, bool]) -> bool:
    """Is one of two paragraphs (text, is a heading) a heading and the other
    a sentence that takes its words up, longer by two words or more? A
    heading is not a cut-down copy of the paragraph under it."""
    if a[1] == b[1]:
        return False
    heading, paragraph = (a[0], b[0]) if a[1] else (b[0], a[0])
    return word_count(paragraph) >= word_count(heading) + 2


@rule(
    "TQA301",
    "duplicate-paragraph",
    "duplicate",
    "warning",
    options={
        "min-words": Option(int, 8, "paragraphs of fewer words are not compared", bounds=(1, 10_000)),
        "threshold": Option(float, 85.0, "the chrF score from which two paragraphs count as copies", bounds=(0, 100)),
    },
    hides_inside=False,
)
def duplicate_paragraph(article: Article, ctx: Context) -> Iterator[Problem]:
    """Paragraph repeated in the same article, word for word or nearly (a few words changed, or cut down).

    The later copy is reported, pointing to the first; the fix deletes it.
    Option ``threshold`` is the chrF score (0–100, best direction) from which
    two paragraphs count as copies. A short heading (one line, no full stop)
    whose words a longer paragraph takes up is no copy of it; repeated word
    for word, it is. A paragraph of fewer than 20 words that leads into a
    code block, a table or a list, or one of a run of such paragraphs with no
    full stop, is a row of a reference: rows differ in a word or two by design, and are copies only
    word for word. Two paragraphs that each name a term in code or a number the
    other lacks are parallel, not copies. Paragraphs under different
    headings, or in different entries of a reference, are copies only when
    repeated word for word at 40 words or more.

    Fails (en):
        Plastic⏎⏎In short, it is not enough for a package to be recyclable; it needs other measures to be green.⏎⏎⟦In a word, it is not enough for a package to be recyclable; it needs other measures to be green. Will we follow?⟧ → ∅
        Offices⏎⏎The ministry opened a new office in Astana on Monday morning.⏎⏎⟦The ministry opened a new office in Astana on Monday morning.⟧ → ∅

    Fails (ru):
        Офисы⏎⏎Министерство открыло новый офис в Астане в понедельник утром.⏎⏎⟦Министерство открыло свой новый офис в Астане в понедельник утром.⟧ → ∅

    Passes (en):
        Offices⏎⏎The ministry opened a new office in Astana on Monday morning.⏎⏎The agency closed its old office in Almaty on Friday evening after the audit.
        Seminar⏎⏎Digital government policy for Central Asia and the Caucasus⏎⏎The seminar on digital government policy for Central Asia and the Caucasus was held in Astana.
        Permissions⏎⏎For the file, each corresponding permission allows following actions.⏎⏎- read the file⏎- write the file⏎⏎For the directory, each corresponding permission allows following actions.⏎⏎- list the directory⏎- add files to it
        Options⏎⏎`--force-bzip2`⏎⏎Override the detection of the compression algorithm: this option makes the tool use bzip2.⏎⏎`--force-gzip`⏎⏎Override the detection of the compression algorithm: this option makes the tool use gzip.

    Passes (ru):
        Слияние⏎⏎Если у вас две версии исходного кода, можно выполнить 2-стороннее слияние при помощи `imediff`(1).⏎⏎Если у вас три версии исходного кода, можно выполнить 3-стороннее слияние при помощи `imediff`(1).

    Passes (kk):
        Семинар⏎⏎Орталық Азия мен Кавказ елдері үшін цифрлық үкімет саясаты туралы семинар⏎⏎Астанада Орталық Азия мен Кавказ елдері үшін цифрлық үкімет саясаты туралы семинар өтті.
        Builder⏎⏎Мүмкіндіктері:⏎⏎Git жүйесімен интеграция⏎⏎Clang негізіндегі автотолықтыру, семантикалық түспен ерекшелеу және диагностика⏎⏎Python негізіндегі автотолықтыру, семантикалық түспен ерекшелеу және диагностика
    """
    threshold = ctx.options["threshold"]
    comparable = list(comparable_paragraphs(article, ctx.options["min-words"]))
    lists = _lists(article)
    in_list = [lists.get(index) for index, _, _ in comparable]
    # an item's text without its marker ("2. Fetch" repeats "1. Fetch")
    items = [
        " ".join(_LIST_ITEM.sub("", seg.text, count=1).split()).casefold() if in_list[k] is not None else None
        for k, (_, seg, _) in enumerate(comparable)
    ]
    norms = [norm for _, _, norm in comparable]
    headings = [_heading(segment.text) for _, segment, _ in comparable]
    sections = _sections(article)
    section = [sections[index] for index, _, _ in comparable]
    words = [word_count(segment.text) for _, segment, _ in comparable]
    rows = _rows(article)
    row = [index in rows for index, _, _ in comparable]
    # Each paragraph is reported against the first earlier paragraph it
    # copies, among those not reported themselves (they stand for their
    # first). Those earlier paragraphs copy none of each other, and whether
    # two paragraphs are copies depends on their texts and sections alone;
    # so a word-for-word copy copies what the first paragraph of its text
    # copies (or that paragraph), or else what the first of its text in its
    # section copies, and any other copy is among the candidates of the
    # band index (``tqa.nearduplicates``), which finds them in linear time.
    first_of_text: dict[tuple[str, int | None], int] = {}  # (text, section or None for any) -> first paragraph
    original: list[int | None] = []  # per paragraph: the one it copies, None when it copies none
    candidates = _WithinArticle(norms)

    def stand_in(c: int) -> int:
        """The paragraph that paragraph ``c`` stands for: the one it copies, or itself."""
        copied = original[c]
        return c if copied is None else copied

    for k, (_, segment, norm) in enumerate(comparable):
        first = first_of_text.setdefault((norm, None), k)
        if first != k:
            in_section = first_of_text.setdefault((norm, section[k]), k)
            choices = sorted({stand_in(c) for c in (first, in_section) if c != k})
        else:
            first_of_text[norm, section[k]] = k
            choices = sorted({stand_in(c) for c in candidates.of(k)})
        message: str | None = None
        for found in choices:
            if norm != norms[found] and _heading_and_its_paragraph(
                (segment.text, headings[k]), (comparable[found][1].text, headings[found])
            ):
                continue
            if in_list[k] is not None or in_list[found] is not None:
                # items of a list are alike by design ("- the `Build-Depends`
                # field" / "- the `Build-Depends-Indep` field"); an item
                # repeated word for word in its own list is a copy
                if items[k] != items[found] or in_list[k] != in_list[found]:
                    continue
                message = "paragraph repeats the one at line {line} word for word"
                break
            if section[k] != section[found]:
                if norm != norms[found] or words[k] < ACROSS_SECTIONS_WORDS:
                    continue
            elif norm != norms[found]:
                if row[k] or row[found]:
                    continue
                if _parallel(segment.text, comparable[found][1].text) or _different_facts(
                    segment.text, comparable[found][1].text
                ):
                    continue
            message = _copy_message(norm, norms[found], threshold)
            if message:
                break
        else:  # it copies none
            original.append(None)
            continue
        original.append(found)
        where = comparable[found][1]
        lead, trail = trimmed(segment)
        yield segment.problem(
            lead, trail, message.format(line=line_of(ctx, where)) + "; delete one of them", "", related=[where.start]
        )


def _copy_message(norm: str, first_norm: str, threshold: float) -> str | None:
    """How paragraph ``norm`` copies an earlier one (``{line}`` to fill
    in), or None when it does not."""
    # no test below passes when one is under 0.4 of the other's
    # length (an edit ratio of 68 needs 0.5; a cut-down copy, 0.4)
    if min(len(norm), len(first_norm)) < 0.4 * max(len(norm), len(first_norm)):
        return None
    if norm == first_norm:
        return "paragraph repeats the one at line {line} word for word"
    if max(len(norm), len(first_norm)) > MAX_COMPARED:
        # the edit distances below take time in the product of the lengths
        return None
    if may_be_similar(norm, first_norm, words_first=True) and (score := similarity(norm, first_norm)) >= threshold:
        return f"paragraph is a near copy ({score:.0f}% chrF) of the one at line {{line}}"
    if cut_down(norm, first_norm):
        return "paragraph is a cut-down copy of the one at line {line}"
    return None


# earlier paragraphs looked at per paragraph, most alike first: text that
# recombines a few sentences has many near copies of each paragraph
WITHIN_CANDIDATES = 32


# Up to this many paragraphs to index, every earlier one is a candidate: a
# news article has ten, and their few pairs cost less than the index's
# numpy work (some 2 ms an article, a seventh of a run over an archive).
ALL_PAIRS_UP_TO = 16


class _WithinArticle:
    """The near-copy candidates of each paragraph of one article: the
    earlier paragraphs that share most MinHash bands with it (the band
    index of repeated-block, with each paragraph a group of its own),
    counted a block of paragraphs at a time as the rule reaches them
    (on an article of a few paragraphs, every earlier one).
    Word-for-word copies of an earlier paragraph and paragraphs too long to
    compare stay out of the index; the numpy work starts only when two
    paragraphs could be near copies."""

    def __init__(self, norms: list[str]) -> None:
        seen: set[str] = set()
        self._indexed: list[int] = []  # the paragraphs in the index, by place in it
        for k, norm in enumerate(norms):
            if norm not in seen and len(norm) <= MAX_COMPARED:
                self._indexed.append(k)
            seen.add(norm)
        self._norms = norms
        self._index: BandIndex | None = None  # built when first needed
        self._blocks: list[tuple[int, int]] = []
        self._next_block = 0
        self._found: dict[int, list[int]] = {}

    def of(self, k: int) -> list[int]:
        """The candidates of paragraph ``k`` (earlier paragraphs); asked
        in order of ``k``."""
        if len(self._indexed) < 2:
            return []
        if len(self._indexed) <= ALL_PAIRS_UP_TO:
            return self._indexed[: bisect.bisect_left(self._indexed, k)]
        index = self._index if self._index is not None else self._build()
        indexed = self._indexed
        while self._next_block < len(self._blocks) and indexed[self._blocks[self._next_block][0]] <= k:
            found = index.candidates_of(*self._blocks[self._next_block])
            self._found = {indexed[p]: [indexed[c] for c in cs] for p, cs in found.items()}
            self._next_block += 1
        return self._found.get(k, [])

    def _build(self) -> BandIndex:
        import numpy as np

        from ...text.nearduplicates import BANDS, keys_of

        count = len(self._indexed)
        keys = b"".join(keys_of([self._norms[k] for k in self._indexed]))
        self._index = index = BandIndex(
            np.frombuffer(keys, dtype=np.uint64).reshape(count, BANDS),
            np.ones(count, dtype=bool),
            np.arange(count, dtype=np.int64),
            count=WITHIN_CANDIDATES,
        )
        self._blocks = index.blocks()
        return index
