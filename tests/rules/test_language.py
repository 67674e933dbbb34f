"""The wrong-language rule (TQA501) and the language an article is told in,
with both identifiers."""

from array import array

import pytest
from conftest import CLEAN, SEED, findings_of
from hypothesis import given, settings
from hypothesis import strategies as st

from tqa.text.languages import article_language, get_detector


def only(findings, rule):
    return [f for f in findings if f.name == rule]


@pytest.mark.parametrize(
    "lang,before,after",
    [
        (
            "ja",
            "アスタナ発――カザフスタンのベクテノフ首相は火曜日、協定に署名した。",
            "ベクテノフ氏は「地域にとって良い日だ」と語った。",
        ),
        (
            "ar",
            "وقع رئيس وزراء كازاخستان ونظيره الأوزبكي يوم الثلاثاء اتفاقية بشأن الاستخدام المشترك لمياه النهر.",
            "وقال إن هذا يوم جيد للمنطقة.",
        ),
        (
            "ko",
            "카자흐스탄 총리와 우즈베키스탄 총리가 화요일 강 물의 공동 이용에 관한 협정에 서명했다.",
            "그는 지역에 좋은 날이라고 말했다.",
        ),
    ],
)
def test_english_sentence_left_in_an_article_without_capitals(tqa, tmp_path, lang, before, after):
    """The article's language is found by its own script, not by the
    function words of the one English sentence; the sentence ends at ". "
    though the next one starts with no capital."""
    sentence = "The agreement covers the joint use of water from the river and the repair of canals."
    titles = {"ja": "水協定に署名", "ar": "اتفاقية المياه", "ko": "물 협정 서명"}
    (tmp_path / "a.txt").write_text(f"{titles[lang]}\n\n{before} {sentence} {after}\n", encoding="utf-8")
    report = tqa("check", "-f", "json", "--no-cache", tmp_path / "a.txt").json()
    [article] = report["articles"]
    assert article["lang"] == lang
    assert [(f["name"], f["text"]) for f in article["findings"]] == [("wrong-language", sentence)]


def test_uzbek_is_written_in_both_scripts():
    """Uzbek is printed in Latin (official) and Cyrillic: neither is foreign,
    a look-alike letter inside a word still is, and so is Russian."""
    cyrillic = (
        "Тошкент – Ўзбекистон Бош вазири ва унинг қозоғистонлик ҳамкасби сешанба куни Сирдарё сувидан "
        "биргаликда фойдаланиш тўғрисидаги келишувни имзолади."
    )
    latin = "Toshkent shahrida Tоshkent forumi boʻlib oʻtdi va unda koʻplab mehmonlar ishtirok etdi."
    russian = "Соглашение охватывает совместное использование вод и ремонт каналов."
    assert findings_of(f"Ўзбекистон ва Қозоғистон\n\n{cyrillic}\n", lang="uz") == []
    found = findings_of(f"Sarlavha\n\n{latin}\n\n{cyrillic} {russian}\n", lang="uz")
    assert [(f.name, f.text) for f in found] == [("homoglyph", "Tоshkent"), ("wrong-language", russian)]


def test_english_caption_in_russian_article_is_found():
    text = "№ 1\n\nВыставка открылась в Таллине.\n\nPhoto by the press service of the embassy\n"
    found = findings_of(text, lang="ru", select="mixed-script")
    assert [f.text for f in found] == ["Photo by the press service of the embassy"]


@pytest.mark.parametrize(
    "lang,text,flagged",
    [
        (
            "en",
            "The festival drew large crowds. Festival Samarqand shahrida boʻlib oʻtdi va unda ko'plab mehmonlar "
            "ishtirok etdi. It ended on Sunday.",
            "Festival Samarqand shahrida boʻlib oʻtdi va unda ko'plab mehmonlar ishtirok etdi.",
        ),
        (
            "ru",
            "Министр выступил на форуме. The agreement covers training, research and study visits for civil "
            "servants of the region. Форум завершился.",
            "The agreement covers training, research and study visits for civil servants of the region.",
        ),
        (
            "kk",
            "Министрлік жаңа бағдарламаны бекітті. Соглашение охватывает обучение, исследования и учебные визиты "
            "для служащих. Бағдарлама келесі жылы басталады.",
            "Соглашение охватывает обучение, исследования и учебные визиты для служащих.",
        ),
        (
            "de",
            "Die Ausstellung wurde eröffnet. The exhibition gave the visitors a more detailed idea of the culture "
            "of the country. Sie dauert bis Mai.",
            "The exhibition gave the visitors a more detailed idea of the culture of the country.",
        ),
    ],
)
def test_single_untranslated_sentence_is_found(lang, text, flagged):
    [f] = only(findings_of(f"№ 1\n\n{text}\n", lang=lang), "wrong-language")
    assert f.text == flagged
    assert f.category == "language"


def test_untranslated_paragraph_is_one_finding():
    para = (
        "Соглашение охватывает обучение, исследования и учебные визиты. Участники обсудили открытые данные "
        "и их пользу для общества."
    )
    found = findings_of(f"Title\n\nThe ministry signed the memorandum on Monday.\n\n{para}\n", lang="en")
    assert [(f.name, f.text) for f in found] == [("wrong-language", para)]
    assert "Russian" in found[0].message


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "de", "ja"])
def test_clean_text_silent_with_default_detector(lang):
    text = (CLEAN / f"{lang}.txt").read_text(encoding="utf-8")
    assert only(findings_of(text, lang=lang), "wrong-language") == []


@pytest.mark.parametrize("lang", ["en", "ru", "de"])
def test_langdetect_backend_is_silent_on_clean_text(lang):
    text = (CLEAN / f"{lang}.txt").read_text(encoding="utf-8")
    opts = {"TQA501": {"detector": "langdetect"}}
    assert only(findings_of(text, lang=lang, rule_options=opts), "wrong-language") == []


def test_langdetect_backend_finds_an_untranslated_sentence_deterministically():
    text = (
        "№ 1\n\nThe exhibition was opened on Monday. Die Ausstellung zeigt Fotografien aus dem Leben der "
        "kasachischen Nomaden und ihrer Familien. It runs until May.\n"
    )
    opts = {"TQA501": {"detector": "langdetect"}}
    runs = [
        [(f.text, f.message) for f in only(findings_of(text, lang="en", rule_options=opts), "wrong-language")]
        for _ in range(3)
    ]
    assert runs[0] == runs[1] == runs[2]
    assert runs[0] and runs[0][0][0].startswith("Die Ausstellung zeigt")
    assert "German" in runs[0][0][1]


def test_both_backends_tell_the_languages_apart():
    for name in ("py3langid", "langdetect"):
        detector = get_detector(name)
        assert detector.detect("Die Frau, die die Zeitung liest, kommt aus Zürich.", ["en", "de", "fr"])[0] == "de"
        assert detector.detect("Соглашение охватывает обучение и исследования.", ["en", "ru", "de"])[0] == "ru"
    assert get_detector("py3langid").detect("Тарату жоспары келесі айда бекітіледі.", ["ru", "kk", "ky"])[0] == "kk"


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "de", "ja"])
def test_article_language_is_detected_when_not_given(lang):
    text = (CLEAN / f"{lang}.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    assert article_language(paragraphs) == lang


def test_detected_language_goes_into_the_report(tqa, tmp_path):
    (tmp_path / "kk.txt").write_text((CLEAN / "kk.txt").read_text(encoding="utf-8"), encoding="utf-8")
    report = tqa("check", "-f", "json", tmp_path / "kk.txt", SEED).json()
    assert [a["lang"] for a in report["articles"]] == ["kk"] + ["en"] * 10


def test_unknown_detector_is_a_config_error(tqa, tmp_path):
    (tmp_path / "tqa.toml").write_text('[rules.wrong-language]\ndetector = "magic"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Title\n\nText.\n", encoding="utf-8")
    run = tqa("check", tmp_path / "a.txt")
    assert run.code == 2 and "detector" in run.err and "py3langid" in run.err


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab әі日 ", max_size=30), max_size=25), st.integers(0, 700), st.integers(0, 700))
def test_joined_reduced_sentences_read_as_the_joined_text(parts, start, stop):
    # A paragraph of megabytes keeps only the lengths of its sentences'
    # reduced texts; what the sample of their join reads is made again.
    from tqa.rules.language import wrong_language
    from tqa.text import languages

    joined, lengths = " ".join(parts), array("q", map(len, parts))
    made: list[int] = []
    view = wrong_language._Joined(lengths, lambda i: made.append(i) or parts[i])
    assert len(view) == len(joined) and view[start:stop] == joined[start:stop]
    original = languages.MAX_IDENTIFIED
    languages.MAX_IDENTIFIED = 50  # sampled in pieces of 5 characters
    try:
        if len(joined) > 50:  # (a shorter join is never sampled)
            made.clear()
            assert languages.sample_text(view) == languages.sample_text(joined)
            assert len(set(made)) <= 10 * 3  # only the parts the samples read are made
    finally:
        languages.MAX_IDENTIFIED = original


def test_an_untranslated_paragraph_too_long_to_join_is_still_one_finding(monkeypatch):
    from tqa.rules.language import wrong_language
    from tqa.text import languages

    sentences = [
        "The agreement covers the joint use of water from the river and the repair of canals in the region.",
        "Ministers of both countries met in Astana on Tuesday and signed it after long talks.",
        "Farmers downstream have waited for the new canals for many years, he said.",
    ]
    text = "Су туралы келісім\n\n" + " ".join(sentences * 15) + "\n"
    whole = only(findings_of(text, lang="kk"), "wrong-language")
    assert len(whole) == 1 and whole[0].message.startswith("paragraph seems to be in English")
    # past this many characters, the joined reduced sentences are sampled,
    # and made again from the sentences the sample reads
    monkeypatch.setattr(wrong_language, "MAX_IDENTIFIED", 500)
    monkeypatch.setattr(languages, "MAX_IDENTIFIED", 500)
    sampled = only(findings_of(text, lang="kk"), "wrong-language")
    assert [(f.start, f.end, f.message[:30]) for f in sampled] == [(f.start, f.end, f.message[:30]) for f in whole]
