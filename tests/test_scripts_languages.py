"""Mixed scripts, homoglyphs and wrong-language text, in many languages."""

import pytest
from conftest import CLEAN, SEED, findings_of

from tqa.text.languages import article_language, get_detector
from tqa.text.scripts import lookalike, scripts_of


def only(findings, rule):
    return [f for f in findings if f.name == rule]


@pytest.mark.parametrize("lang,text,flagged,fix", [
    ("en", "In his speech, А. Baimenov noted it.", "А", "A"),
    ("en", "President Nazarbaуev opened the forum.", "Nazarbaуev", "Nazarbayev"),
    ("en", "The Εuropean Union joined.", "Εuropean", "European"),
    ("en", "The Іnternational Monetary Fund", "Іnternational", "International"),  # Cyrillic І -> Latin I, not l
    ("ru", "Форум прошёл в Aлматы.", "Aлматы", "Алматы"),
    ("kk", "Бiлiм беру министрлігі хабарлады.", "Бiлiм", "Білім"),
    ("uk", "Замiсть цього.", "Замiсть", "Замість"),
    ("sr", "Град Бeоград је главни град.", "Бeоград", "Београд"),
    ("de", "Die Ausstellung in Мünchen war voll.", "Мünchen", "München"),
    # whole foreign words beside the defect (Django, Python) must not hide it
    ("ru", "Установите Django и Python, затем откройте Aлматы.", "Aлматы", "Алматы"),
    ("en", "Django and Python: in his speech, А. Baimenov noted it.", "А", "A"),
    ("sk", "Výstava v Bratislavе bola otvorená.", "Bratislavе", "Bratislave"),  # languages added for catalogs
])
def test_homoglyph_found_with_the_right_suggestion(lang, text, flagged, fix):
    [f] = only(findings_of(f"№ 1\n\n{text}\n", lang=lang), "homoglyph")
    assert f.text == flagged and f.suggestion == fix
    assert f.severity == "error" and f.category == "mixed-script"
    assert f.line == 3 and text[f.column - 1:f.end_column - 1] == flagged


def test_kazakh_letters_are_cyrillic_and_never_fixed():
    for ch in "іәғқңөұүһІӘҒҚҢӨҰҮҺ":
        assert scripts_of(ch) == {"Cyrillic"}
    text = (CLEAN / "kk.txt").read_text(encoding="utf-8")
    assert findings_of(text, lang="kk") == []


def test_cyrillic_capital_i_looks_like_latin_capital_i():
    assert lookalike("І", "Latin") == "I"
    assert lookalike("i", "Cyrillic") == "і"


@pytest.mark.parametrize("lang,text", [
    ("en", "The museum in Zürich lent paintings to Gdańsk; the café charges €5 at 20 °C."),
    ("ja", "COVID-19の流行以降、NIAはデジタル化を進めている。"),
    ("uz", "Festival Samarqand shahrida boʻlib oʻtdi, oʻzbek va qoraqalpoq san'atkorlari qatnashdi."),
    ("sr", "Beograd i Београд су исти град, пише Politika."),
    ("ru", "Акции Goldman Sachs, Exxon Mobil и NASDAQ выросли на 3%, сообщает Kursiv.kz."),
    ("ru", "Витамин A и группа B, iPhone'ы и Enter'ом, см. https://gov.kz/ru/news и info@akorda.kz."),
    ("kk", "Компания Kazakhtelecom пен Beeline IT-жобаларын талқылады."),
    ("el", "Η Ευρωπαϊκή Ένωση και ο ΟΗΕ συζήτησαν με την UNESCO."),
    ("de", "Die Frau, die die Zeitung liest, arbeitet für die UNDP in Astana."),
])
def test_legitimate_text_stays_silent(lang, text):
    found = findings_of(f"№ 1\n\n{text}\n", lang=lang, select=["mixed-script", "language"])
    assert found == [], [(f.rule, f.text) for f in found]


@pytest.mark.parametrize("lang,text", [
    ("bn", "Django প্রশাসন সাইটে স্বাগতম।"),
    ("km", "សូមស្វាគមន៍មកកាន់ Django ។"),
    ("sk", "Vitajte v administrácii Django."),
    ("ru", "Установите Django и Python, затем откройте сайт."),
])
def test_whole_foreign_names_in_catalog_languages_stay_silent(lang, text):
    assert only(findings_of(f"№ 1\n\n{text}\n", lang=lang), "homoglyph") == []
    assert only(findings_of(f"№ 1\n\n{text}\n", lang=lang), "foreign-script") == []


def test_thai_letters_in_khmer_text_are_found():  # seen in Django's Khmer catalog
    [f] = only(findings_of("№ 1\n\nសូមស្វាគមន៍ รั មកកាន់គេហទំព័រ។\n", lang="km"), "foreign-script")
    assert f.text == "รั"


@pytest.mark.parametrize("lang,text,run", [
    ("en", "The label Бөлісу түймесі remained in the text.", "Бөлісу түймесі"),
    # numbers inside the foreign words do not cut them in two
    ("en", "The deal follows talks.Сделка охватывает 2400 км каналов, 30% требуют ремонта.",
     "Сделка охватывает 2400 км каналов, 30% требуют ремонта"),
    ("de", "Der Vertrag gilt ab 2025. Договор вступает в силу в 2025 году.", "Договор вступает в силу в 2025 году"),
])
def test_foreign_run_is_one_finding(lang, text, run):
    found = findings_of(f"№ 1\n\n{text}\n", lang=lang, select="foreign-script")
    assert [f.text for f in found] == [run]


@pytest.mark.parametrize("lang,before,after", [
    ("ja", "アスタナ発――カザフスタンのベクテノフ首相は火曜日、協定に署名した。",
     "ベクテノフ氏は「地域にとって良い日だ」と語った。"),
    ("ar", "وقع رئيس وزراء كازاخستان ونظيره الأوزبكي يوم الثلاثاء اتفاقية بشأن الاستخدام المشترك لمياه النهر.",
     "وقال إن هذا يوم جيد للمنطقة."),
    ("ko", "카자흐스탄 총리와 우즈베키스탄 총리가 화요일 강 물의 공동 이용에 관한 협정에 서명했다.",
     "그는 지역에 좋은 날이라고 말했다."),
])
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
    cyrillic = ("Тошкент – Ўзбекистон Бош вазири ва унинг қозоғистонлик ҳамкасби сешанба куни Сирдарё сувидан "
                "биргаликда фойдаланиш тўғрисидаги келишувни имзолади.")
    latin = "Toshkent shahrida Tоshkent forumi boʻlib oʻtdi va unda koʻplab mehmonlar ishtirok etdi."
    russian = "Соглашение охватывает совместное использование вод и ремонт каналов."
    assert findings_of(f"Ўзбекистон ва Қозоғистон\n\n{cyrillic}\n", lang="uz") == []
    found = findings_of(f"Sarlavha\n\n{latin}\n\n{cyrillic} {russian}\n", lang="uz")
    assert [(f.name, f.text) for f in found] == [("homoglyph", "Tоshkent"), ("wrong-language", russian)]


def test_english_caption_in_russian_article_is_found():
    text = "№ 1\n\nВыставка открылась в Таллине.\n\nPhoto by the press service of the embassy\n"
    found = findings_of(text, lang="ru", select="mixed-script")
    assert [f.text for f in found] == ["Photo by the press service of the embassy"]


def test_allowed_names_are_accepted():
    text = "№ 1\n\nThe newspaper Егемен Қазақстан reported it.\n"
    assert only(findings_of(text, lang="en"), "foreign-script")
    assert not only(findings_of(text, lang="en", rule_options={"TQA102": {"allow": ["Егемен Қазақстан"]}}),
                    "foreign-script")


def test_one_finding_per_span_most_specific_rule_wins():
    found = findings_of(SEED.read_text(encoding="utf-8"), lang="en")
    spans = [(f.line, f.column) for f in found]
    assert len(spans) == len(set(spans))
    rules = {f.line: f.name for f in found}
    assert rules[5] == "share-label"  # not foreign-script
    assert rules[204] == "word-comment"
    assert [f for f in found if f.name == "homoglyph"][0].line == 41
    assert not only(found, "foreign-script")


@pytest.mark.parametrize("lang,text,flagged", [
    ("en", "The festival drew large crowds. Festival Samarqand shahrida boʻlib oʻtdi va unda ko'plab mehmonlar "
           "ishtirok etdi. It ended on Sunday.",
     "Festival Samarqand shahrida boʻlib oʻtdi va unda ko'plab mehmonlar ishtirok etdi."),
    ("ru", "Министр выступил на форуме. The agreement covers training, research and study visits for civil "
           "servants of the region. Форум завершился.",
     "The agreement covers training, research and study visits for civil servants of the region."),
    ("kk", "Министрлік жаңа бағдарламаны бекітті. Соглашение охватывает обучение, исследования и учебные визиты "
           "для служащих. Бағдарлама келесі жылы басталады.",
     "Соглашение охватывает обучение, исследования и учебные визиты для служащих."),
    ("de", "Die Ausstellung wurde eröffnet. The exhibition gave the visitors a more detailed idea of the culture "
           "of the country. Sie dauert bis Mai.",
     "The exhibition gave the visitors a more detailed idea of the culture of the country."),
])
def test_single_untranslated_sentence_is_found(lang, text, flagged):
    [f] = only(findings_of(f"№ 1\n\n{text}\n", lang=lang), "wrong-language")
    assert f.text == flagged
    assert f.category == "language"


def test_untranslated_paragraph_is_one_finding():
    para = ("Соглашение охватывает обучение, исследования и учебные визиты. Участники обсудили открытые данные "
            "и их пользу для общества.")
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
    text = ("№ 1\n\nThe exhibition was opened on Monday. Die Ausstellung zeigt Fotografien aus dem Leben der "
            "kasachischen Nomaden und ihrer Familien. It runs until May.\n")
    opts = {"TQA501": {"detector": "langdetect"}}
    runs = [[(f.text, f.message) for f in only(findings_of(text, lang="en", rule_options=opts), "wrong-language")]
            for _ in range(3)]
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


def test_cached_model_classifies_like_the_packaged_one(tmp_path, monkeypatch):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from tqa.text.languages import _load_py3langid

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cached = _load_py3langid()
    folders = list((tmp_path / "tqa").iterdir())
    assert len(folders) == 1 and (folders[0] / "done").exists()  # unpacked once, renamed into place
    again = _load_py3langid()  # read back from the cache
    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    texts = ["Тарату жоспары келесі айда бекітіледі.", "Die Frau, die die Zeitung liest.",
             "Festival Samarqand shahrida boʻlib oʻtdi.", "The two-day seminar was organized by the Hub."]
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


@pytest.mark.parametrize("langs", [("de", "en", "ja", "kk", "ru", "sr", "uk"), ("kk", "ky", "ru", "tt"),
                                   ("bs", "hr", "ru", "sr"), ("en",)])
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
    texts = ["The agreement covers training and research for civil servants.",
             "Соглашение охватывает обучение, исследования и учебные визиты.",
             "Министрлік жаңа бағдарламаны бекітті және әкімдікке жіберді.",
             "Die Frau, die die Zeitung liest, kommt aus Zürich.", "会議は来週東京で開かれる予定です。",
             "Ово је српски текст на ћирилици.", "Ovo je srpski tekst.", "", "12345"]
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


@pytest.mark.parametrize("text, scripts, expected", [
    ("The ministry “opened” a new office — in Astana.", {"Latin"}, False),
    ("Micro 5 µm in the text", {"Latin"}, True),
    ("Тарату: The ministry", {"Latin"}, True),
    ("Министрлік жаңа бағдарламаны бекітті — «мақала».", {"Cyrillic"}, False),
    ("Министр Alua Balkibayeva", {"Cyrillic"}, True),
    ("Ministry and Министрлік", {"Cyrillic", "Latin"}, False),
    ("東京で会議", {"Latin"}, True),
])
def test_foreign_letters_with_and_without_the_fast_path(text, scripts, expected):
    from tqa.text.scripts import foreign_letter, has_foreign_letters

    assert has_foreign_letters(text, frozenset(scripts)) is expected
    assert (foreign_letter(frozenset(scripts)).search(text) is not None) is expected


# Huge input (a stranger's pull request): past 100,000 characters a text's
# words are made one at a time; what a user sees must not change with that.
_FILLER = "The ministry opened a new office in the capital city last week. "


def test_homoglyph_near_the_end_of_a_line_of_megabytes_keeps_its_column():
    line = _FILLER * (2_000_000 // len(_FILLER)) + "President Nazarbaуev spoke."
    found = only(findings_of(line + "\n", lang="en", select="homoglyph"), "homoglyph")
    assert [(f.line, f.column, f.text, f.suggestion) for f in found] == [
        (1, line.index("Nazarbaуev") + 1, "Nazarbaуev", "Nazarbayev")]


def test_script_counts_are_the_counts_of_each_letters_script():
    from tqa.text.languages import script_counts
    from tqa.text.scripts import letter_scripts

    text = "Ақпарат agency 情報 ひらがな Ελλάδα 123 — " * 1000
    expected = {}
    for _, script in letter_scripts(text):
        expected[script] = expected.get(script, 0) + 1
    assert list(script_counts(text).items()) == list(expected.items())
