"""A file of megabytes is checked with its text packed (compressed a piece
at a time) while its rules run: the same findings, texts and fingerprints
as a small file's whole text gives. Memory itself is measured in
``bench/hostile.py``, not here."""

from __future__ import annotations

import json
import pickle

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from tqa import model
from tqa.config import Config
from tqa.engine import check_files, passes
from tqa.model import SourceText

SAMPLES = sorted(str(p) for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md", ".po", ".xlf", ".xliff"))

# newlines, CR, Kazakh and Japanese letters, a character outside the BMP
# (four bytes in UTF-8), a lone surrogate (a file decoded with surrogateescape)
TEXT = st.lists(
    st.sampled_from(["a", "ә", "і", "\n", "\r\n", " ", "-", "日本", "😀", "\udc80", "word"]), max_size=80
).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.integers(0, 90), st.integers(0, 90))
def test_a_packed_text_reads_exactly_as_the_whole(text, start, end):
    whole = SourceText(text)
    original = model._PIECE
    model._PIECE = 4  # a piece boundary every few characters
    try:
        packed = whole.packed()
        assert packed.window(start, end) == text[start:end]
        assert "".join(packed.pieces()) == text
        assert packed.text == text and len(packed) == len(text)
        assert [packed.line_text(n) for n in range(1, packed.line_count + 1)] == [
            whole.line_text(n) for n in range(1, whole.line_count + 1)
        ]
        assert pickle.loads(pickle.dumps(packed)).window(start, end) == text[start:end]
    finally:
        model._PIECE = original


def _findings(paths):
    result = check_files(paths, Config(), jobs=1)
    return [
        (f.path, f.rule, f.line, f.column, f.end_line, f.end_column, f.text, f.suggestion, f.fingerprint)
        for f in result.findings
    ], [str(e) for e in result.errors]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.rsplit("/", 1)[-1])
def test_a_file_checked_packed_gives_the_same_findings_and_fingerprints(path, monkeypatch):
    whole = _findings([path])
    assert whole[0], "every sample has findings"
    # every file counts as big, and its text is packed in pieces of 97 characters
    monkeypatch.setattr(passes, "PACKED_WHILE_CHECKED", 0)
    monkeypatch.setattr(model, "_PIECE", 97)
    assert _findings([path]) == whole


@pytest.mark.parametrize("packed", [False, True])
def test_a_word_cut_by_a_piece_boundary_is_still_counted_whole(tmp_path, monkeypatch, packed):
    # glued-words counts each word of the file: "theHub" written twice is a
    # name of the text, not a slip. The second stands across the boundary
    # of two packed pieces, and must still count.
    monkeypatch.setattr(model, "_PIECE", 97)
    if packed:
        monkeypatch.setattr(passes, "PACKED_WHILE_CHECKED", 0)
    head = "News of the day\n\nHe spoke at theHub in the capital.\n\n"
    filler = "The minister opened the new school in the town. "
    text = head + filler * 3
    text = text[: 2 * 97 - 3] + " theHub " + text[2 * 97 - 3 :] + "\n"
    assert text.index("theHub", len(head)) < 2 * 97 < text.index("theHub", len(head)) + 6
    path = tmp_path / "en.txt"
    path.write_text(text, encoding="utf-8")
    result = check_files([str(path)], Config(lang="en", select=["glued-words"]), jobs=1)
    assert [f.text for f in result.findings] == []
    (tmp_path / "en.txt").write_text(head + filler + "\n", encoding="utf-8")
    result = check_files([str(path)], Config(lang="en", select=["glued-words"]), jobs=1)
    assert [f.text for f in result.findings] == ["theHub"]


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, max_size=12))
def test_packed_paragraphs_read_back_as_they_were(texts):
    original = model._PIECE
    model._PIECE = 5  # groups of a few characters
    try:
        packed = model.PackedTexts(texts)
        assert len(packed) == len(texts)
        assert list(packed) == texts
        assert list(pickle.loads(pickle.dumps(packed))) == texts
    finally:
        model._PIECE = original


# An untranslated catalog string (English in a Kazakh catalog: one finding
# for the whole string) with a Word comment that runs to the end of its line
# (another), written with every escape a PO string has, and long enough to
# cross many packed pieces of 97 characters.
LONG_MSGSTR = (
    'The ministry said it would help the \\"regional hub\\" with training, research and visits. ' * 30
    + "Commented [AB1]: check the name\\tof the desk \\\\ and the 😀 date. "
    + "Civil servants of the region will take part in the study visits next year. " * 20
)
CATALOG = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: kk\\n"\n\n'
    f'msgid "The ministry said it would help."\nmsgstr "{LONG_MSGSTR}"\n\n'
    'msgid "Save"\nmsgstr "Сақтау"\n'
)


def _reports(result) -> dict[str, str]:
    from tqa.report import FORMATS, ReportOptions, render, text_of

    return {name: text_of(render(name, result, ReportOptions(color=False, width=100))) for name in FORMATS}


def test_a_long_flagged_text_is_read_from_the_packed_file_and_exact_in_every_report(tmp_path, monkeypatch):
    from tqa.engine import pool
    from tqa.engine.cache import Cache
    from tqa.model import Excerpt

    path = tmp_path / "kk.po"
    path.write_text(CATALOG, encoding="utf-8")
    plain = check_files([str(path)], Config(), jobs=1)
    assert {f.rule for f in plain.findings} >= {"TQA201", "TQA501"}
    assert not any(isinstance(f.flagged, Excerpt) for f in plain.findings)
    expected = _reports(plain)

    # the file counts as big: its text packed in pieces of 97 characters, and
    # a flagged text of more than 50 characters is an excerpt of it
    monkeypatch.setattr(passes, "PACKED_WHILE_CHECKED", 0)
    monkeypatch.setattr(passes, "HELD_AT_MOST", 50)
    monkeypatch.setattr(model, "_PIECE", 97)
    packed = check_files([str(path)], Config(), jobs=1)
    long = [f for f in packed.findings if isinstance(f.flagged, Excerpt)]
    assert {f.rule for f in long} >= {"TQA201", "TQA501"} and max(len(f.flagged) for f in long) > 20 * 97
    text = path.read_text(encoding="utf-8")
    assert all(f.text == text[f.start : f.end] for f in packed.findings)
    assert _reports(packed) == expected
    reported = [f["text"] for a in json.loads(expected["json"])["articles"] for f in a["findings"]]
    assert reported == [text[f.start : f.end] for f in packed.findings]

    # through worker processes and the cache, the excerpts come back with the packed text they read
    monkeypatch.setattr(pool, "MIN_PARALLEL_BYTES", 0)
    assert _reports(check_files([str(path)], Config(), jobs=2)) == expected
    cache = Cache(tmp_path, Config(), tmp_path / "cache")
    first = check_files([str(path)], Config(), jobs=1, cache=cache)
    again = check_files([str(path)], Config(), jobs=1, cache=Cache(tmp_path, Config(), tmp_path / "cache"))
    assert again.documents == {} and any(isinstance(f.flagged, Excerpt) for f in again.findings)  # from the cache
    assert _reports(first) == _reports(again) == expected


# Prose the typography rules find things in, in several languages and
# scripts: sentences ("word. Next": where a long text is cut), repeated
# words, glued words, spaces before and after marks, brackets and quotes,
# placeholders and links (masked), combining marks.
PROSE = st.lists(
    st.sampled_from(
        "word|Word| |  |\n|. |end. Next|a. B|x.Y|ab.Cd|ab,cd|ab;cd| ,| .| :| !|?|,|2 : 1|of of|the the|Bora Bora|"
        "had had|die die|, die die|dem dem|в в|Сөз|сөз. Келесі|әңгіме|қала|ұлт|yavaş yavaş|theGraduate|"
        "Universityand|ofthe|University|iPhone|(|)|a)|1)|:)|«|»|“|”|„|\"|'|’|（|）|%(name)s|{name}|%d|"
        "https://gov.kz/news,today|x. %s Y|。|日本|\u0301|\u00a0|-".split("|")
        + ["end. Next", "сөз. Келесі", " of. Of "] * 8  # places to cut, often
    ),
    max_size=60,
).map("".join)

TYPOGRAPHY = ["repeated-word", "glued-words", "space-before-punctuation", "missing-space-after-punctuation"]


@settings(max_examples=150, deadline=None)
@given(PROSE, st.integers(1, 30), st.sampled_from(["en", "de", "ru", "kk", "fr", "tr"]))
def test_a_long_text_masked_in_pieces_gives_the_findings_of_the_whole(text, at_once, lang):
    # A catalog string of megabytes is masked and read a piece at a time
    # (cut between two sentences); here every text counts as long.
    from conftest import findings_of

    from tqa.text import scripts

    def found():
        config = {"select": TYPOGRAPHY + ["unbalanced-pair"], "lang": lang}
        return [(f.rule, f.start, f.end, f.message, f.suggestion) for f in findings_of("Title\n\n" + text, **config)]

    whole = found()
    original = scripts.MASKED_AT_ONCE
    scripts.MASKED_AT_ONCE = at_once
    try:
        pieces = list(scripts.MaskedText(text))
        assert "".join(piece for _, piece in pieces) == scripts.mask_non_prose(text)
        assert [at for at, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
        assert all(text[at - 2 : at - 1].islower() and text[at - 1 : at + 1] == ". " for at, _ in pieces[1:])
        assert found() == whole
    finally:
        scripts.MASKED_AT_ONCE = original
