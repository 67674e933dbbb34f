"""TQA404 inconsistent-name: names of bodies learned from the run, no glossary needed."""

import json

import pytest
from conftest import SEED, findings_of

from tqa.text.bodynames import names_in


def names(text, lang="en", **config):
    return [
        f for f in findings_of(text, lang=lang, glossaries=[], builtin_glossary=False, **config) if f.rule == "TQA404"
    ]


def page(*paragraphs):
    return "Title\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="module")
def seed_findings():
    # no glossary at all: the names are learned from the page alone
    return findings_of(SEED.read_text(encoding="utf-8"), lang="en", glossaries=[], builtin_glossary=False)


def test_seed_names_of_one_ministry_resolve_to_the_majority_form_without_a_glossary(seed_findings):
    ministry = [f for f in seed_findings if f.suggestion == "Ministry of the Interior and Safety"]
    assert [(f.line, f.text, f.name) for f in ministry] == [
        (21, "Ministry of the Internal and Safety", "acronym-drift"),  # the more specific rule keeps the span
        (135, "Ministry of Internal Affairs and Security", "inconsistent-name"),
    ]
    # related points at the majority form's first use (line 11)
    assert [line for _, line, _ in ministry[1].related] == [11]


def test_seed_reordered_agency_and_program_spelling(seed_findings):
    found = {(f.line, f.text, f.suggestion) for f in seed_findings if f.rule == "TQA404"}
    assert (135, "National Agency for the Information Society", "National Information Society Agency") in found
    assert (113, "United Nations Development Program", "United Nations Development Programme") in found
    assert (87, "e-Government Project Management Center", "e-Government Project Management Centre") in found
    # the canonical uses stay silent
    assert not {f for f in found if f[1] in ("Ministry of the Interior and Safety", "Astana Civil Service Hub")}


@pytest.mark.parametrize(
    "text",
    [
        # different bodies that share words (en)
        page("The Ministry of Finance met the Ministry of Foreign Affairs.", "The Ministry of Foreign Affairs agreed."),
        page("The Council of Europe, the European Council and the Council of the European Union met."),
        page("The Ministry of Education and Science met the Ministry of Education and Culture twice."),
        page("The Asian Development Bank and the African Development Bank lend. So does the Asian Development Bank."),
        page("The World Health Organization and the World Trade Organization met the World Health Organization."),
        page("The United Nations Development Programme and the United Nations Environment Programme met."),
        page("The Economic Commission for Europe and the Economic Commission for Africa met."),
        page("The State Agency for Civil Service and the State Agency for Civil Aviation met."),
        # WordNet: bodies that share the head and other words
        page(
            "The United States Postal Service and the United States Postal Inspection Service met.",
            "The Central Intelligence Agency and the Defense Intelligence Agency met the United States Postal Service.",
            "The Federal Emergency Management Agency, the Federal Aviation Agency and the Central Intelligence Agency.",
        ),
        # a body's name and a phrase after it (the prose collection)
        page("The Free Software Foundation sells manuals. The Free Software Foundation on CD-ROM is new."),
        # one body, written the same way each time
        page("The Ministry of the Interior and Safety (MOIS) met. The Ministry of the Interior and Safety agreed."),
        # things defined beside an acronym are not bodies
        page(
            "Version control systems (VCS) help. Version control systems (VCS) agree.",
            "A version control system (VCS) helps. Version control system (VCS) is one.",
        ),
        # a headline in title case is not read for names
        "Ministry Of Internal Affairs And Security Holds Talks\n\nThe Ministry of the Interior and Safety met. "
        "The Ministry of the Interior and Safety agreed.\n",
    ],
)
def test_different_bodies_stay_silent_en(text):
    assert not names(text), [f.text for f in names(text)]


@pytest.mark.parametrize(
    "lang,text",
    [
        # a case ending is the same name
        (
            "ru",
            page(
                "Министерство энергетики и водных ресурсов провело встречу.",
                "Представители Министерства энергетики и водных ресурсов выступили. "
                "Министерству энергетики и водных ресурсов направлено письмо.",
            ),
        ),
        ("ru", page("Министерство финансов и Министерство иностранных дел провели встречу.")),
        (
            "kk",
            page(
                "Энергетика және су ресурстары министрлігі кездесу өткізді.",
                "Энергетика және су ресурстары министрлігінің өкілдері сөйледі.",
            ),
        ),
        (
            "de",
            page(
                "Das Bundesministerium für Bildung und Forschung lädt ein.",
                "Eine Sprecherin des Bundesministeriums für Bildung und Forschung sagte das.",
            ),
        ),
        ("ja", page("国連開発計画（UNDP）と経済協力開発機構（OECD）が会合を開いた。")),
    ],
)
def test_inflected_forms_and_other_scripts_stay_silent(lang, text):
    assert not names(text, lang=lang), [f.text for f in names(text, lang=lang)]


def test_reordered_name_flagged_in_russian_kazakh_and_german():
    ru = names(
        page(
            "Министерство энергетики и водных ресурсов (МЭВР) провело встречу.",
            "Министерство энергетики и водных ресурсов (МЭВР) сообщило об этом.",
            "Министерство водных ресурсов и энергетики (МВРЭ) заявило.",
        ),
        lang="ru",
    )
    assert [(f.text, f.suggestion) for f in ru] == [("Министерство водных ресурсов и энергетики", None)]
    kk = names(
        page(
            "Ақпарат және қоғамдық даму министрлігі кездесу өткізді.",
            "Ақпарат және қоғамдық даму министрлігі хабарлады.",
            "Қоғамдық даму және ақпарат министрлігі мәлімдеді.",
        ),
        lang="kk",
    )
    assert [f.text for f in kk] == ["Қоғамдық даму және ақпарат министрлігі"]
    de = names(
        page(
            "Das Bundesministerium für Bildung und Forschung lädt ein.",
            "Das Bundesministerium für Bildung und Forschung sagt zu.",
            "Das Bundesministerium für Forschung und Bildung schweigt.",
        ),
        lang="de",
    )
    assert [f.text for f in de] == ["Bundesministerium für Forschung und Bildung"]


def test_the_minority_form_is_flagged_across_files(tmp_path, tqa):
    (tmp_path / "a.txt").write_text(
        page("The Eurasian Economic Commission met.", "The Eurasian Economic Commission agreed."), encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(page("Later the Eurasian Economical Commission said so."), encoding="utf-8")
    run = tqa("check", "--no-cache", "--lang", "en", "--select", "TQA404", "--format", "json", ".", cwd=tmp_path)
    report = json.loads(run.out)
    found = [
        (f["path"], f["text"], f["suggestion"], f["related"][0]["path"])
        for article in report["articles"]
        for f in article["findings"]
    ]
    assert found == [("./b.txt", "Eurasian Economical Commission", "Eurasian Economic Commission", "./a.txt")]


def test_the_glossary_name_is_the_reference_even_when_the_run_prefers_a_variant(tmp_path):
    glossary = tmp_path / "bodies.yaml"
    glossary.write_text(
        "glossary: t\nentries:\n  - id: eec\n    names:\n      en: Eurasian Economic Commission\n", encoding="utf-8"
    )
    text = page(
        "The Eurasian Economical Commission met. The Eurasian Economical Commission agreed.",
        "The Eurasian Economic Commission said.",
    )
    found = findings_of(text, lang="en", glossaries=[str(glossary)], select="TQA404")
    assert [(f.text, f.suggestion) for f in found] == [
        ("Eurasian Economical Commission", "Eurasian Economic Commission"),
        ("Eurasian Economical Commission", "Eurasian Economic Commission"),
    ]


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        (
            "the Ministry of the Interior and Safety of the Republic of Korea",
            "en",
            "Ministry of the Interior and Safety",
        ),
        ("President of the National Information Society Agency said", "en", "National Information Society Agency"),
        ("Korea's Ministry of the Interior and Safety said", "en", "Ministry of the Interior and Safety"),
        (
            "the State Agency for Civil Service and Local Self-Government Affairs under the Cabinet",
            "en",
            "State Agency for Civil Service and Local Self-Government Affairs",
        ),
        ("the Astana Civil Service Hub, funded by", "en", "Astana Civil Service Hub"),
        (
            "Министерство внутренних дел и безопасности Республики Корея",
            "ru",
            "Министерство внутренних дел и безопасности",
        ),
        (
            "Қазақстан Республикасы Ақпарат және қоғамдық даму министрлігі",
            "kk",
            "Ақпарат және қоғамдық даму министрлігі",
        ),
        (
            "Программа развития Организации Объединённых Наций (ПРООН)",
            "ru",
            "Программа развития Организации Объединённых Наций",
        ),
        ("UNDP (United Nations Development Programme) said", "en", "United Nations Development Programme"),
    ],
)
def test_the_name_proper_is_found(text, lang, expected):
    assert [text[n.start : n.end] for n in names_in(text, lang)] == [expected]


def test_every_word_in_the_data_file_is_a_string():
    # YAML reads a bare on/off/yes/no as a boolean: "on" must be quoted
    from tqa.text.resources import load

    data = load("body_names")
    for table in data.values():
        for lang, entries in table.items():
            words = [w for group in entries for w in group] if entries and isinstance(entries[0], list) else entries
            assert all(isinstance(word, str) and word for word in words), (lang, words)


def test_a_name_far_into_a_long_paragraph_is_read_whole():
    text = (
        "Officials said " * 40
        + "the Ministry of the Interior and Safety "
        + "met " * 60
        + "the Agency for Road Transport Safety."
    )
    assert [text[n.start : n.end] for n in names_in(text, "en")] == [
        "Ministry of the Interior and Safety",
        "Agency for Road Transport Safety",
    ]
    kk = "Кездесуге " * 40 + "Ақпарат және қоғамдық даму министрлігі қатысты."
    assert [kk[n.start : n.end] for n in names_in(kk, "kk")] == ["Ақпарат және қоғамдық даму министрлігі"]


def test_out_of_the_box_every_wrong_name_of_the_seed_page_is_reported(tqa, tmp_path):
    # a new user's folder: no configuration, the built-in glossary only
    (tmp_path / "page.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    report = json.loads(tqa("check", "page.txt", "--lang", "en", "--format", "json", "--no-cache").out)
    found = {(f["line"], f["text"], f["rule"]) for a in report["articles"] for f in a["findings"]}
    assert {
        (21, "Ministry of the Internal and Safety", "TQA403"),
        (135, "Ministry of Internal Affairs and Security", "TQA404"),
        (135, "National Agency for the Information Society", "TQA404"),
        (113, "United Nations Development Program", "TQA401"),
    } <= found
