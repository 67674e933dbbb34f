"""The mixed-script rules (TQA1xx): look-alike letters and runs of a foreign
script, found with the right suggestion, silent on legitimate text."""

import pytest
from conftest import CLEAN, SEED, findings_of

from tqa.text.scripts import lookalike, scripts_of


def only(findings, rule):
    return [f for f in findings if f.name == rule]


@pytest.mark.parametrize(
    "lang,text,flagged,fix",
    [
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
    ],
)
def test_homoglyph_found_with_the_right_suggestion(lang, text, flagged, fix):
    [f] = only(findings_of(f"№ 1\n\n{text}\n", lang=lang), "homoglyph")
    assert f.text == flagged and f.suggestion == fix
    assert f.severity == "error" and f.category == "mixed-script"
    assert f.line == 3 and text[f.column - 1 : f.end_column - 1] == flagged


@pytest.mark.parametrize(
    "lang,text,flagged,fix",
    [
        # a run of look-alikes at the start of a word (Cyrillic Н and о)
        ("en", "The border crossing at Ноrgos reopened on Monday.", "Ноrgos", "Horgos"),
        ("de", "Die Grenze bei Ноrgos ist wieder offen.", "Ноrgos", "Horgos"),
        ("kk", "Қорғас (Ноrgos) шекарасы қайта ашылды.", "Ноrgos", "Horgos"),
        ("ru", "Форум прошёл в Моscow.", "Моscow", "Moscow"),
        # all-caps words mixing scripts (Cyrillic Т and А; Cyrillic А, Т and У at the end)
        ("en", "Flights to ТАSHKENT resumed.", "ТАSHKENT", "TASHKENT"),
        ("en", "Flights to ALMАТУ resumed.", "ALMАТУ", "ALMATY"),
        ("de", "Flüge nach ТАSCHKENT wurden wieder aufgenommen.", "ТАSCHKENT", "TASCHKENT"),
        ("ru", "Город MOСКВА принял форум.", "MOСКВА", "МОСКВА"),  # Latin M and O
        ("kk", "Нұр OTАН партиясы съезд өткізді.", "OTАН", "ОТАН"),  # Latin O and T
        # one letter, as before
        ("ru", "Форум прошёл в Mосква.", "Mосква", "Москва"),
    ],
)
def test_look_alike_runs_and_all_caps_words_are_homoglyphs(lang, text, flagged, fix):
    [f] = only(findings_of(f"№ 1\n\n{text}\n", lang=lang), "homoglyph")
    assert (f.text, f.suggestion) == (flagged, fix)
    assert text[f.column - 1 : f.end_column - 1] == flagged


@pytest.mark.parametrize(
    "lang,text",
    [
        # an acronym with a case ending, a word with a suffix of the other script
        ("kk", "Сайттың URLдың мекенжайы мен OKта батырмасы."),
        ("kk", "Кестені Excelде ашып, PDFке сақтаңыз."),
        ("ru", "Выводит части в файлы ПРЕФИКСaa, ПРЕФИКСab и так далее."),
        # two words glued, the foreign one standing on its own beside it
        ("ru", "(TOCСПЕЦ: текстовые сегменты и TOC доступны только на чтение)"),
        ("uk", "-Z, --selinux-user SEКОР   використати вказаного SEКОР для прив'язки користувача SELinux"),
        # brands, formulas and model numbers
        ("ru", "Новый iPhone, роутер Wi‑Fi, формулы CO2 и H2O, танк Т-72 на параде."),
        ("en", "The T-72 tank, the iPhone and Wi‑Fi, CO2 and H2O."),
        ("kk", "Т-72 танкі мен iPhone телефоны, CO2 формуласы."),
        ("de", "Der Panzer T-72, das iPhone und WLAN, CO2 und H2O."),
        # a foreign letter with no look-alike in the word's script: no word to convert
        ("kk", "Кездесу ALМАТЫ қаласында өтті."),
    ],
)
def test_really_mixed_words_stay_silent(lang, text):
    assert only(findings_of(f"№ 1\n\n{text}\n", lang=lang), "homoglyph") == []


def test_a_cyrillic_model_letter_in_english_is_a_homoglyph():
    [f] = only(findings_of("№ 1\n\nThe Т-72 tank was shown.\n", lang="en"), "homoglyph")
    assert (f.text, f.suggestion) == ("Т", "T")


@pytest.mark.parametrize(
    "lang,text,fixed",
    [
        ("en", "The border at Ноrgos and flights to ТАSHKENT.", "The border at Horgos and flights to TASHKENT."),
        ("ru", "Форум в Mосква и город MOСКВА.", "Форум в Москва и город МОСКВА."),
        ("de", "Die Grenze bei Ноrgos ist offen.", "Die Grenze bei Horgos ist offen."),
    ],
)
def test_tqa_fix_converts_the_whole_word(tqa, tmp_path, lang, text, fixed):
    path = tmp_path / "a.txt"
    path.write_text(f"№ 1\n\n{text}\n", encoding="utf-8")
    run = tqa("fix", "--lang", lang, path)
    assert run.code == 0, run.err
    assert path.read_text(encoding="utf-8") == f"№ 1\n\n{fixed}\n"


def test_kazakh_letters_are_cyrillic_and_never_fixed():
    for ch in "іәғқңөұүһІӘҒҚҢӨҰҮҺ":
        assert scripts_of(ch) == {"Cyrillic"}
    text = (CLEAN / "kk.txt").read_text(encoding="utf-8")
    assert findings_of(text, lang="kk") == []


def test_cyrillic_capital_i_looks_like_latin_capital_i():
    assert lookalike("І", "Latin") == "I"
    assert lookalike("i", "Cyrillic") == "і"


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The museum in Zürich lent paintings to Gdańsk; the café charges €5 at 20 °C."),
        ("ja", "COVID-19の流行以降、NIAはデジタル化を進めている。"),
        ("uz", "Festival Samarqand shahrida boʻlib oʻtdi, oʻzbek va qoraqalpoq san'atkorlari qatnashdi."),
        ("sr", "Beograd i Београд су исти град, пише Politika."),
        ("ru", "Акции Goldman Sachs, Exxon Mobil и NASDAQ выросли на 3%, сообщает Kursiv.kz."),
        ("ru", "Витамин A и группа B, iPhone'ы и Enter'ом, см. https://gov.kz/ru/news и info@akorda.kz."),
        ("kk", "Компания Kazakhtelecom пен Beeline IT-жобаларын талқылады."),
        ("el", "Η Ευρωπαϊκή Ένωση και ο ΟΗΕ συζήτησαν με την UNESCO."),
        ("de", "Die Frau, die die Zeitung liest, arbeitet für die UNDP in Astana."),
    ],
)
def test_legitimate_text_stays_silent(lang, text):
    found = findings_of(f"№ 1\n\n{text}\n", lang=lang, select=["mixed-script", "language"])
    assert found == [], [(f.rule, f.text) for f in found]


@pytest.mark.parametrize(
    "lang,text",
    [
        ("bn", "Django প্রশাসন সাইটে স্বাগতম।"),
        ("km", "សូមស្វាគមន៍មកកាន់ Django ។"),
        ("sk", "Vitajte v administrácii Django."),
        ("ru", "Установите Django и Python, затем откройте сайт."),
    ],
)
def test_whole_foreign_names_in_catalog_languages_stay_silent(lang, text):
    assert only(findings_of(f"№ 1\n\n{text}\n", lang=lang), "homoglyph") == []
    assert only(findings_of(f"№ 1\n\n{text}\n", lang=lang), "foreign-script") == []


def test_thai_letters_in_khmer_text_are_found():  # seen in Django's Khmer catalog
    [f] = only(findings_of("№ 1\n\nសូមស្វាគមន៍ รั មកកាន់គេហទំព័រ។\n", lang="km"), "foreign-script")
    assert f.text == "รั"


@pytest.mark.parametrize(
    "lang,text,run",
    [
        ("en", "The label Бөлісу түймесі remained in the text.", "Бөлісу түймесі"),
        # numbers inside the foreign words do not cut them in two
        (
            "en",
            "The deal follows talks.Сделка охватывает 2400 км каналов, 30% требуют ремонта.",
            "Сделка охватывает 2400 км каналов, 30% требуют ремонта",
        ),
        ("de", "Der Vertrag gilt ab 2025. Договор вступает в силу в 2025 году.", "Договор вступает в силу в 2025 году"),
    ],
)
def test_foreign_run_is_one_finding(lang, text, run):
    found = findings_of(f"№ 1\n\n{text}\n", lang=lang, select="foreign-script")
    assert [f.text for f in found] == [run]


def test_allowed_names_are_accepted():
    text = "№ 1\n\nThe newspaper Егемен Қазақстан reported it.\n"
    assert only(findings_of(text, lang="en"), "foreign-script")
    assert not only(
        findings_of(text, lang="en", rule_options={"TQA102": {"allow": ["Егемен Қазақстан"]}}), "foreign-script"
    )


def test_one_finding_per_span_most_specific_rule_wins():
    found = findings_of(SEED.read_text(encoding="utf-8"), lang="en")
    spans = [(f.line, f.column) for f in found]
    assert len(spans) == len(set(spans))
    rules = {f.line: f.name for f in found}
    assert rules[5] == "share-label"  # not foreign-script
    assert rules[204] == "word-comment"
    assert [f for f in found if f.name == "homoglyph"][0].line == 41
    assert not only(found, "foreign-script")


# Huge input (a stranger's pull request): past 100,000 characters a text's
# words are made one at a time; what a user sees must not change with that.
_FILLER = "The ministry opened a new office in the capital city last week. "


def test_homoglyph_near_the_end_of_a_line_of_megabytes_keeps_its_column():
    line = _FILLER * (2_000_000 // len(_FILLER)) + "President Nazarbaуev spoke."
    found = only(findings_of(line + "\n", lang="en", select="homoglyph"), "homoglyph")
    assert [(f.line, f.column, f.text, f.suggestion) for f in found] == [
        (1, line.index("Nazarbaуev") + 1, "Nazarbaуev", "Nazarbayev")
    ]


def test_runs_looked_for_in_one_paragraph_are_bounded():
    # each different run of an all-caps word is looked for in the whole
    # paragraph; past MAX_RUN_LOOKS of them a run counts as a word glued on
    from tqa.rules.mixed_script.homoglyph import MAX_RUN_LOOKS

    cyrillic = "АВЕКМНОРСТХ"
    runs = [a + b for a in cyrillic for b in cyrillic][: MAX_RUN_LOOKS + 6]
    words = [run + "SHKENT" for run in runs]
    found = only(
        findings_of("№ 1\n\nFlights to " + " ".join(words) + ".\n", lang="en", select="homoglyph"), "homoglyph"
    )
    assert [f.text for f in found] == words[:MAX_RUN_LOOKS]
