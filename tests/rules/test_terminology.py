"""Glossaries, near variants, acronym drift, spelling variants."""

from pathlib import Path

import pytest
from conftest import ROOT, SEED, findings_of

from tqa.glossary import GlossaryError, from_csv, from_tbx, import_file, load_glossary, to_tbx, to_yaml

GLOSSARY = str(ROOT / "glossaries" / "central-asia-public-bodies.yaml")


def terms(text, lang="en", **kw):
    return [
        f
        for f in findings_of(text, lang=lang, glossaries=[GLOSSARY], **kw)
        if f.category in ("terminology", "spelling")
    ]


@pytest.fixture(scope="module")
def seed_terms():
    return terms(SEED.read_text(encoding="utf-8"))


def test_three_mois_names_resolve_to_one_canonical_name(seed_terms):
    mois = [f for f in seed_terms if f.suggestion == "Ministry of the Interior and Safety"]
    assert [(f.line, f.text, f.name) for f in mois] == [
        (21, "Ministry of the Internal and Safety", "near-variant"),
        (135, "Ministry of Internal Affairs and Security", "forbidden-term"),
    ]
    # the canonical uses (lines 11, 87, 123) stay silent; line 87 spells another body's name two ways
    assert [(f.line, f.text) for f in seed_terms if f.line in (11, 87, 123) and f.category == "terminology"] == [
        (87, "e-Government Project Management Center")
    ]


def test_nia_and_undp_variants_flagged(seed_terms):
    found = {(f.line, f.text, f.suggestion) for f in seed_terms}
    assert (135, "National Agency for the Information Society", "National Information Society Agency") in found
    assert (113, "United Nations Development Program", "United Nations Development Programme") in found
    assert (109, "Astana Hub", "Astana Civil Service Hub") in found


def test_forbidden_name_found_across_a_line_break_and_in_other_case():
    text = "Title\n\nThe MINISTRY of Internal\nAffairs and   Security joined the meeting.\n"
    [f] = findings_of(text, lang="en", select="forbidden-term", glossaries=[GLOSSARY])
    assert f.text == "MINISTRY of Internal\nAffairs and   Security" and (f.line, f.end_line) == (3, 4)
    assert f.suggestion == "Ministry of the Interior and Safety"


def test_acronym_drift_without_glossary():
    found = findings_of(SEED.read_text(encoding="utf-8"), lang="en", select="acronym-drift")
    [f] = found
    assert f.line == 21 and f.text == "Ministry of the Internal and Safety"
    assert f.suggestion == "Ministry of the Interior and Safety" and f.related[0][1] == 11


@pytest.mark.parametrize(
    "lang,text,slip",
    [
        # near-variant: the name differs from the glossary only by a Cyrillic е
        ("en", "Title\n\nThe Ministry of the Intеrior and Safety of Korea took part in the forum.\n", "Intеrior"),
        # acronym drift: two expansions of MOIS that look the same
        (
            "en",
            "Title\n\nThe Ministry of Interior and Safety (MOIS) hosted the forum.\n\n"
            "The Ministry of Intеrior and Safety (MOIS) thanked the guests.\n",
            "Intеrior",
        ),
        # a Latin a inside a Russian name that is close to the glossary's
        (
            "ru",
            "Заголовок\n\nПредставители Министерства внутренних дел и безопaсности приняли участие.\n",
            "безопaсности",
        ),
    ],
)
def test_a_homoglyph_inside_a_name_is_reported_with_it(lang, text, slip):
    """A name that differs from the glossary (or from its other expansion)
    by a look-alike letter: the homoglyph is the defect, and must show."""
    found = findings_of(text, lang=lang, glossaries=[GLOSSARY])
    [homoglyph] = [f for f in found if f.name == "homoglyph"]
    assert homoglyph.text == slip and homoglyph.severity == "error"


def test_acronym_drift_in_german_across_files(tqa, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Titel\n\nDie Europäische Zentralbank (EZB) hob den Zins an.\n\nDie Europäische Zentralbank (EZB) tagt.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Titel zwei\n\nDie Europäische Zentrale Bank (EZB) sagte nichts.\n", encoding="utf-8"
    )
    report = tqa("check", "-f", "json", "--lang", "de", "--select", "acronym-drift", tmp_path).json()
    [f] = [f for a in report["articles"] for f in a["findings"]]
    assert f["path"].endswith("b.txt") and f["suggestion"] == "Europäische Zentralbank"
    assert f["related"][0]["path"].endswith("a.txt")


def test_clean_article_with_canonical_names_and_short_forms_is_silent():
    text = (
        "Title\n\nThe Ministry of the Interior and Safety (MOIS) and the National Information Society Agency "
        "(NIA) met the Astana Civil Service Hub (ACSH). The Hub and the Ministry agreed; the MOIS and NIA "
        "signed. The United Nations Development Programme (UNDP) and the Organisation for Economic "
        "Co-operation and Development (OECD) observed.\n"
    )
    assert terms(text) == []


def test_russian_inflected_names_are_not_variants():
    text = (
        "Заголовок\n\nПредставители Министерства внутренних дел и безопасности и Национального агентства "
        "информационного общества посетили Астанинский хаб государственной службы.\n"
    )
    assert terms(text, lang="ru") == []


def test_kazakh_canonical_names_are_silent():
    text = (
        "Тақырып\n\nІшкі істер және қауіпсіздік министрлігі мен Ұлттық ақпараттық қоғам агенттігі "
        "Астана мемлекеттік қызмет саласындағы хабымен кездесті.\n"
    )
    assert terms(text, lang="kk") == []


def near_variants(text, lang="en", **kw):
    found = findings_of(f"Title\n\n{text}\n", lang=lang, select="near-variant", glossaries=[GLOSSARY], **kw)
    return [(f.text, f.suggestion) for f in found]


@pytest.mark.parametrize(
    "lang,text,variant,canonical",
    [
        # a plural
        (
            "en",
            "Officials of the Astana Civil Service Hubs spoke.",
            "Astana Civil Service Hubs",
            "Astana Civil Service Hub",
        ),
        # a word left out ("Организации")
        (
            "ru",
            "Представители Программы развития Объединенных Наций провели семинар.",
            "Программы развития Объединенных Наций",
            "Программа развития Организации Объединенных Наций",
        ),
        # "жоғары" left out
        (
            "kk",
            "Назарбаев Университетінің Мемлекеттік Саясат Мектебі оқытушылары келді.",
            "Назарбаев Университетінің Мемлекеттік Саясат Мектебі",
            "Назарбаев Университетінің Мемлекеттік саясат жоғары мектебі",
        ),
    ],
)
def test_near_variant_found(lang, text, variant, canonical):
    assert near_variants(text, lang) == [(variant, canonical)]


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The Deputy Ministry of the Internal and Safety spoke."),  # the tail of a longer name
        ("en", "The Ministry of the Interior, and Safety met."),  # punctuation inside: two phrases
        ("en", "The ministry of the Internal and Safety met."),  # not a capital: not a name
        ("ru", "Представители Программы развития ООН провели семинар."),  # an allowed form
        (
            "ru",
            "Представители Программы развития Организации Объединённых Наций провели семинар.",
        ),  # the name, inflected
        (
            "ru",
            "Представители Программы развития Организации Объединенных Наций провели семинар.",
        ),  # е for ё, as the United Nations writes it
        ("kk", "Біріккен Ұлттар Ұйымының Даму Бағдарламасы өкілдері қатысты."),  # the name, with one capital more
    ],
)
def test_near_variant_leaves_alone(lang, text):
    assert near_variants(text, lang) == []


def test_near_variants_in_one_paragraph_each_reported_once():
    # the known name is silent; the variants after it are found, each once, though
    # several of their words are anchors and the windows overlap
    text = (
        "The Ministry of the Interior and Safety of Korea, the Ministry of the Internal and Safety, "
        "the Ministry of Interior and the Safety and the Ministry of the Interior and Security met."
    )
    mois = "Ministry of the Interior and Safety"
    assert near_variants(text) == [
        ("Ministry of the Internal and Safety", mois),
        ("Ministry of Interior and the Safety", mois),
        ("Ministry of the Interior and Security", mois),
    ]
    # 91% and 92% alike: under a threshold of 95 only the reordered name (100%) is left
    strict = near_variants(text, rule_options={"TQA402": {"threshold": 95}})
    assert strict == [("Ministry of Interior and the Safety", mois)]


def test_spelling_variants_mixed_in_an_article():
    text = (
        "Title\n\nThe minister emphasised the role of the centre and organised a visit. "
        "The experts emphasized it twice.\n"
    )
    [f] = findings_of(text, lang="en", select="spelling-variant")
    assert (f.text, f.suggestion) == ("emphasized", "emphasised")


def test_spelling_house_style(tmp_path):
    text = "Title\n\nThe minister emphasised the role of the centre.\n"
    found = findings_of(text, lang="en", select="spelling-variant", rule_options={"TQA801": {"house-style": "en-US"}})
    assert [(f.text, f.suggestion) for f in found] == [("emphasised", "emphasized"), ("centre", "center")]


def test_names_keep_their_spelling():
    text = "Title\n\nThe United Nations Development Programme organized a seminar; it was organized well.\n"
    assert findings_of(text, lang="en", select="spelling-variant") == []


# ---------------------------------------------------------------- formats --
def test_tbx_round_trip(tmp_path):
    original = load_glossary(GLOSSARY)
    tbx = to_tbx(original)
    back = from_tbx(tbx, "round.tbx")
    assert [e.id for e in back.entries] == [e.id for e in original.entries]
    for a, b in zip(original.entries, back.entries):
        assert a.names == b.names and a.acronyms == b.acronyms
        assert a.allowed == b.allowed and a.forbidden == b.forbidden and a.note == b.note


def test_tbx_v3_is_read():
    tbx = """<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <text><body>
  <conceptEntry id="undp">
   <langSec xml:lang="en">
    <termSec><term>United Nations Development Programme</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>United Nations Development Program</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
    <termSec><term>UNDP</term><termNote type="termType">acronym</termNote></termSec>
   </langSec>
   <langSec xml:lang="ru"><termSec><term>Программа развития ООН</term></termSec></langSec>
  </conceptEntry>
 </body></text>
</tbx>"""
    [entry] = from_tbx(tbx, "v3.tbx").entries
    assert entry.names == {"en": "United Nations Development Programme", "ru": "Программа развития ООН"}
    assert entry.forbidden == {"en": ["United Nations Development Program"]} and entry.acronyms == ["UNDP"]


def test_csv_import():
    csv = (
        "id,lang,type,term,note\nmois,en,name,Ministry of the Interior and Safety,Korea\n"
        "mois,en,acronym,MOIS,\nmois,en,forbidden,Ministry of Internal Affairs and Security,\n"
        "mois,ru,name,Министерство внутренних дел и безопасности,\n"
    )
    [entry] = from_csv(csv, "x.csv").entries
    assert entry.names["ru"] == "Министерство внутренних дел и безопасности"
    assert entry.forbidden == {"en": ["Ministry of Internal Affairs and Security"]}
    assert entry.note == "Korea"
    assert "Ministry of the Interior and Safety" in to_yaml(from_csv(csv, "x.csv"), "x")


@pytest.mark.parametrize(
    "content,message",
    [
        (
            "entries:\n  - id: a\n    names: {en: A}\n  - id: a\n    names: {en: B}\n",
            ":4: entry id 'a' already used at line 2",
        ),
        ("entries:\n  - id: a\n    names: {en: A}\n    colour: red\n", ":2: entry 'a': unknown key 'colour'"),
        ("entries:\n  - id: a\n    names: []\n", ":2: entry 'a': 'names' must map languages"),
        ("entries:\n  - names: {en: A}\n", ":2: entry without an 'id'"),
        ("entries: [\n", ": invalid YAML"),
        ("just text\n", "a glossary is a mapping with an 'entries' list"),
        ("entries:\n  - id: a\n    names: {english: A}\n", "'english' is not a language code"),
    ],
)
def test_glossary_errors_name_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_malformed_tbx_and_csv_are_clear_errors(tmp_path):
    bad = tmp_path / "bad.tbx"
    bad.write_text("<martif><text><body><termEntry></body></martif>", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.tbx:1: not well-formed XML"):
        import_file(bad)
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text("name,term\nx,y\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="CSV header must hold"):
        import_file(bad_csv)


# ------------------------------------------------------------------- CLI --
def test_cli_glossary_import_export_check_and_broken_glossary(tqa, tmp_path):
    tbx = tmp_path / "out.tbx"
    assert tqa("glossary", "export", GLOSSARY, "-o", tbx).code == 0
    yaml_out = tmp_path / "in.yaml"
    assert tqa("glossary", "import", tbx, "-o", yaml_out).code == 0
    check = tqa("glossary", "check", yaml_out)
    assert check.code == 0 and "9 entries" in check.out
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries:\n  - id: x\n", encoding="utf-8")
    run = tqa("check", "--glossary", broken, SEED)
    assert run.code == 2 and "broken.yaml:2" in run.err and "Traceback" not in run.err


def test_cli_glossary_flag_and_config(tqa, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nThe Ministry of Internal Affairs and Security met.\n", encoding="utf-8")
    assert (
        tqa("check", "-f", "json", "--lang", "en", article).json()["summary"]["by_category"].get("terminology") is None
    )
    with_flag = tqa("check", "-f", "json", "--lang", "en", "-g", GLOSSARY, article).json()
    assert with_flag["summary"]["by_rule"]["TQA401"] == 1
    # a config names its glossaries inside its own folder…
    (tmp_path / "terms.yaml").write_bytes(Path(GLOSSARY).read_bytes())
    (tmp_path / "tqa.toml").write_text('glossaries = ["terms.yaml"]\n', encoding="utf-8")
    with_config = tqa("check", "-f", "json", "--lang", "en", article).json()
    assert with_config["summary"]["by_rule"]["TQA401"] == 1
    # …and one elsewhere only when the config says so (a config may come from a pull request)
    (tmp_path / "tqa.toml").write_text(f'glossaries = ["{GLOSSARY}"]\n', encoding="utf-8")
    outside = tqa("check", "-f", "json", "--lang", "en", article)
    assert outside.code == 2 and "is outside the project" in outside.err and outside.out == ""
    allowed = tqa("check", "-f", "json", "--lang", "en", "--follow-external-symlinks", article)
    assert allowed.json()["summary"]["by_rule"]["TQA401"] == 1 and "note:" in allowed.err


def test_glossary_suggest_drafts_a_valid_glossary(tqa, tmp_path):
    out = tmp_path / "draft.yaml"
    run = tqa("glossary", "suggest", "--lang", "en", SEED, "-o", out)
    assert run.code == 0
    draft = load_glossary(out)
    mois = next(e for e in draft.entries if e.id == "mois")
    assert mois.names == {"en": "Ministry of the Interior and Safety"}
    assert mois.forbidden == {"en": ["Ministry of the Internal and Safety"]}
    assert "4×" in mois.note and ":11" in mois.note


def test_spelling_variant_lists_are_ascii_lower_case():
    """spelling-variant skips a paragraph when none of its case-folded words
    is listed; that equals lower-casing only for ASCII lower-case entries."""
    from tqa.rules.terminology._shared import spelling_tables

    gb_to_us, us_to_gb = spelling_tables()
    for word in [*gb_to_us, *us_to_gb]:
        assert word.isascii() and word == word.lower(), word


def test_a_glossary_named_by_the_config_and_again_on_the_command_line_is_read_once(tqa, tmp_path):
    # it failed with "entry id 'mois' is already defined"
    glossary = ROOT / "glossaries" / "central-asia-public-bodies.yaml"
    (tmp_path / "glossaries").mkdir()
    (tmp_path / "glossaries" / "bodies.yaml").write_text(glossary.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "tqa.toml").write_text('glossaries = ["glossaries/bodies.yaml"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        "Title\n\nThe Ministry of Internal Affairs and Security of the Republic of Korea joined.\n", encoding="utf-8"
    )
    run = tqa("check", "a.txt", "--lang", "en", "-q", "--glossary", "glossaries/bodies.yaml", cwd=tmp_path)
    assert run.code == 1 and run.err == "" and "Ministry of the Interior and Safety" in run.out


@pytest.mark.parametrize(
    "text,lang",
    [
        # a lower-case word of the sentence is no part of the name (the prose collection)
        (
            "Die XML-Datei mittels Extensible Stylesheet Language Transformation (XSLT) umwandeln. "
            "Die Extensible Stylesheet Language Transformation (XSLT) ist ein Standard.",
            "de",
        ),
        (
            "File a bug against the Work-Needing and Prospective Packages list (WNPP). "
            "The Work-Needing and Prospective Packages (WNPP) pseudo-package collects them.",
            "en",
        ),
    ],
)
def test_acronym_drift_takes_no_sentence_words_into_the_name(text, lang):
    assert not [f for f in findings_of(text, lang=lang, builtin_glossary=False) if f.rule == "TQA403"]


def test_acronym_drift_still_finds_a_drifting_expansion_after_lower_case_words():
    text = (
        "Sie nutzen sichere Dienste wie Secure Shell (SSH). Viele nutzen Secure Shell (SSH).\n\n"
        "Andere nutzen die Secure Socket Host (SSH)."
    )
    found = [
        f.text for f in findings_of("A\n\n" + text + "\n", lang="de", builtin_glossary=False) if f.rule == "TQA403"
    ]
    assert found == ["Secure Socket Host"]
