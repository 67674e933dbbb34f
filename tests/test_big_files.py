"""A file of megabytes is checked with its text packed (compressed a piece
at a time) while its rules run: the same findings, texts and fingerprints
as a small file's whole text gives. Memory itself is measured in
``bench/hostile.py``, not here."""

from __future__ import annotations

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
