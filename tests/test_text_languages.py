"""Text machinery the script and language rules stand on (tqa.text): the
language identifier's model and restricted scoring, script lookups."""

import pytest

from tqa.text.languages import get_detector


def test_cached_model_classifies_like_the_packaged_one(tmp_path, monkeypatch):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from tqa.text.languages import _load_py3langid

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cached = _load_py3langid()
    folders = list((tmp_path / "tqa").iterdir())
    assert len(folders) == 1 and (folders[0] / "done").exists()  # unpacked once, renamed into place
    again = _load_py3langid()  # read back from the cache
    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = [
        "Тарату жоспары келесі айда бекітіледі.",
        "Die Frau, die die Zeitung liest.",
        "Festival Samarqand shahrida boʻlib oʻtdi.",
        "The two-day seminar was organized by the Hub.",
    ]
    for identifier in (cached, again, packaged):
        identifier.set_languages(["en", "de", "kk", "ru", "uz"])
    for text in texts:
        assert cached.classify(text) == again.classify(text) == packaged.classify(text)


def test_detector_knows_its_languages_without_loading_the_model(tmp_path, monkeypatch):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from tqa.text.languages import Py3LangidDetector

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    detector = Py3LangidDetector()
    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    assert detector.supported() == frozenset(packaged.nb_classes) and {"kk", "ky", "tg"} <= detector.supported()
    assert detector._identifier is None  # nothing identified yet: no model in memory
    assert detector.detect("The two-day seminar was organized by the Hub in Astana.", ["en", "de"])[0] == "en"


@pytest.mark.parametrize(
    "langs", [("de", "en", "ja", "kk", "ru", "sr", "uk"), ("kk", "ky", "ru", "tt"), ("bs", "hr", "ru", "sr"), ("en",)]
)
def test_restricted_identifier_scores_like_set_languages(langs):
    """tqa restricts py3langid to a run's candidate languages without
    copying its feature table; the scores must be py3langid's own."""
    import copy

    from tqa.text.languages import _restricted

    detector = get_detector()
    detector.load()
    reference = copy.copy(detector._identifier)
    reference.set_languages(list(langs))
    restricted = _restricted(detector._identifier, langs)
    texts = [
        "The agreement covers training and research for civil servants.",
        "Соглашение охватывает обучение, исследования и учебные визиты.",
        "Министрлік жаңа бағдарламаны бекітті және әкімдікке жіберді.",
        "Die Frau, die die Zeitung liest, kommt aus Zürich.",
        "会議は来週東京で開かれる予定です。",
        "Ово је српски текст на ћирилици.",
        "Ovo je srpski tekst.",
        "",
        "12345",
    ]
    for text in texts:
        assert restricted.classify(text) == reference.classify(text)
        assert restricted.rank(text) == reference.rank(text)


def test_fast_path_ranges_hold_only_letters_of_their_script():
    """has_foreign_letters skips its script lookup for text made of
    _ONLY_SCRIPT's characters: each letter among them must be of that script."""
    import regex

    from tqa.text.scripts import _ONLY_SCRIPT

    letter = regex.compile(r"\p{L}")
    for script, beyond in _ONLY_SCRIPT.items():
        own = regex.compile(rf"\p{{scx={script}}}")
        allowed = [chr(c) for c in range(0x10000) if not beyond.match(chr(c))]
        assert len(allowed) > 500
        assert [ch for ch in allowed if letter.match(ch) and not own.match(ch)] == []


@pytest.mark.parametrize(
    "text, scripts, expected",
    [
        ("The ministry “opened” a new office — in Astana.", {"Latin"}, False),
        ("Micro 5 µm in the text", {"Latin"}, True),
        ("Тарату: The ministry", {"Latin"}, True),
        ("Министрлік жаңа бағдарламаны бекітті — «мақала».", {"Cyrillic"}, False),
        ("Министр Alua Balkibayeva", {"Cyrillic"}, True),
        ("Ministry and Министрлік", {"Cyrillic", "Latin"}, False),
        ("東京で会議", {"Latin"}, True),
    ],
)
def test_foreign_letters_with_and_without_the_fast_path(text, scripts, expected):
    from tqa.text.scripts import foreign_letter, has_foreign_letters

    assert has_foreign_letters(text, frozenset(scripts)) is expected
    assert (foreign_letter(frozenset(scripts)).search(text) is not None) is expected


def test_script_counts_are_the_counts_of_each_letters_script():
    from tqa.text.languages import script_counts
    from tqa.text.scripts import letter_scripts

    text = "Ақпарат agency 情報 ひらがな Ελλάδα 123 — " * 1000
    expected = {}
    for _, script in letter_scripts(text):
        expected[script] = expected.get(script, 0) + 1
    assert list(script_counts(text).items()) == list(expected.items())
