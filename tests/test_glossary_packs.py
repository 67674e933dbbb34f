"""The glossaries tqa ships: the international organisations' one, on by
default; the Central Asian public bodies', named ``tqa:central-asia-public-bodies``;
what a config may say about them; and that their own names are never
reported."""

import shutil
from collections import defaultdict

import pytest
from conftest import ROOT, SEED, findings_of

from tqa.config import Config, ConfigError, parse_config
from tqa.glossary import (
    BUILTIN_PACK,
    GlossaryError,
    load_all,
    load_pack,
    parse_glossary,
    shipped_packs,
)

PACKS = ["central-asia-public-bodies", "international-organisations"]
UNDP_LINE = 113


def terminology(text, lang, **config):
    return [
        (f.name, f.text, f.suggestion)
        for f in findings_of(f"Title\n\n{text}\n", lang=lang, **config)
        if f.category == "terminology"
    ]


@pytest.fixture
def seed_copy(tmp_path):
    """The seed page in a folder with no configuration above it."""
    shutil.copy(SEED, tmp_path / "page.txt")
    return tmp_path


# ----------------------------------------------------- out of the box --
def test_a_folder_without_config_gets_the_international_glossary(tqa, seed_copy):
    run = tqa("check", "page.txt", "--lang", "en", "-f", "json", "--no-cache", cwd=seed_copy)
    assert run.code == 1, run.err
    found = [f for a in run.json()["articles"] for f in a["findings"] if f["rule"] == "TQA401"]
    assert [(f["line"], f["text"], f["suggestion"]) for f in found] == [
        (UNDP_LINE, "United Nations Development Program", "United Nations Development Programme")
    ]
    assert "tqa:international-organisations:" in found[0]["message"]


@pytest.mark.parametrize(
    "name,content",
    [
        ("tqa.toml", "builtin-glossary = false\n"),
        ("pyproject.toml", "[tool.tqa]\nbuiltin-glossary = false\n"),
    ],
)
def test_a_config_turns_the_international_glossary_off(tqa, seed_copy, name, content):
    (seed_copy / name).write_text(content, encoding="utf-8")
    run = tqa("check", "page.txt", "--lang", "en", "-f", "json", "--no-cache", cwd=seed_copy)
    assert run.code == 1, run.err
    rules = {f["rule"] for a in run.json()["articles"] for f in a["findings"]}
    assert "TQA401" not in rules and "TQA402" not in rules


def test_the_regional_pack_is_named_in_config(tqa, seed_copy):
    (seed_copy / "tqa.toml").write_text('glossaries = ["tqa:central-asia-public-bodies"]\n', encoding="utf-8")
    run = tqa("check", "page.txt", "--lang", "en", "-f", "json", "--no-cache", cwd=seed_copy)
    found = {(f["line"], f["text"]) for a in run.json()["articles"] for f in a["findings"] if f["rule"] == "TQA401"}
    # one name from each glossary: both are on
    assert found == {
        (109, "Astana Hub"),
        (UNDP_LINE, "United Nations Development Program"),
        (135, "Ministry of Internal Affairs and Security"),
    }


def test_the_repository_config_names_the_regional_pack():
    from tqa.config import load_config

    config = load_config(ROOT / "pyproject.toml")
    assert config.glossaries == ["tqa:central-asia-public-bodies"] and config.builtin_glossary
    assert config.glossary_sources() == ["tqa:international-organisations", "tqa:central-asia-public-bodies"]


@pytest.mark.parametrize(
    "value",
    ["tqa:../../etc/passwd", "tqa:nope", "tqa:", "tqa:international-organisations.yaml", "tqa:glossaries/__init__"],
)
def test_only_a_shipped_glossary_is_named_with_tqa(tqa, seed_copy, value):
    (seed_copy / "tqa.toml").write_text(f'glossaries = ["{value}"]\n', encoding="utf-8")
    run = tqa("check", "page.txt", "--lang", "en", cwd=seed_copy)
    assert run.code == 2 and run.out == ""
    [line] = run.err.splitlines()
    assert line.startswith("error: ") and "tqa.toml" in line and repr(value) in line
    assert "tqa:central-asia-public-bodies, tqa:international-organisations" in line


def test_a_tqa_name_is_never_looked_up_as_a_path(tqa, seed_copy):
    # a file that the name would reach as a path is not read
    (seed_copy / "tqa:mine.yaml").write_text("entries:\n  - id: x\n    names: {en: X}\n", encoding="utf-8")
    (seed_copy / "tqa.toml").write_text('glossaries = ["tqa:mine"]\n', encoding="utf-8")
    run = tqa("check", "page.txt", "--lang", "en", cwd=seed_copy)
    assert run.code == 2 and "'tqa:mine' is not a glossary tqa ships" in run.err


def test_a_shipped_glossary_named_on_the_command_line(tqa, seed_copy):
    run = tqa(
        "check", "page.txt", "--lang", "en", "-q", "--no-cache", "-g", "tqa:central-asia-public-bodies", cwd=seed_copy
    )
    assert run.code == 1 and "Astana Hub" in run.out
    bad = tqa("check", "page.txt", "--lang", "en", "-g", "tqa:../central-asia-public-bodies", cwd=seed_copy)
    assert bad.code == 2 and len(bad.err.splitlines()) == 1 and "is not a glossary tqa ships" in bad.err


def test_glossary_check_and_export_take_a_shipped_name(tqa, tmp_path):
    check = tqa("glossary", "check", "tqa:international-organisations", "tqa:central-asia-public-bodies")
    total = len(load_pack(BUILTIN_PACK).entries) + len(load_pack("central-asia-public-bodies").entries)
    assert check.code == 0 and f"{total} entries in 2 file(s): ok" in check.out
    out = tmp_path / "io.tbx"
    assert tqa("glossary", "export", "tqa:international-organisations", "-o", out).code == 0
    assert "United Nations Development Programme" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["no", 1, ["tqa:international-organisations"]])
def test_builtin_glossary_must_be_true_or_false(value):
    with pytest.raises(ConfigError, match="tqa.toml: builtin-glossary must be true or false"):
        parse_config({"builtin-glossary": value}, "tqa.toml", ROOT)


# ------------------------------------------------- several glossaries --
def test_the_built_in_glossary_named_again_is_read_once():
    config = Config(glossaries=["tqa:international-organisations"])
    glossary = config.load_glossary()
    assert len(glossary.entries) == len(load_pack(BUILTIN_PACK).entries)


def test_an_own_entry_replaces_the_shipped_one_of_its_id(tmp_path):
    # a desk that writes "UN Development Programme" and forbids the full name
    own = tmp_path / "desk.yaml"
    own.write_text(
        "entries:\n  - id: undp\n    names: {en: UN Development Programme}\n"
        "    forbidden: {en: [United Nations Development Programme]}\n",
        encoding="utf-8",
    )
    config = dict(glossaries=[str(own)])
    assert terminology("The United Nations Development Programme opened an office.", "en", **config) == [
        ("forbidden-term", "United Nations Development Programme", "UN Development Programme")
    ]
    # the built-in entry is gone whole: its forbidden form is not forbidden any more
    assert terminology("The United Nations Development Program opened an office.", "en", **config) == []
    # whichever comes first (tqa glossary check desk.yaml tqa:international-organisations)
    for order in (["tqa:international-organisations", str(own)], [str(own), "tqa:international-organisations"]):
        merged = load_all(order)
        [undp] = [e for e in merged.entries if e.id == "undp"]
        assert undp.source == f"{own}:2" and not undp.shipped
        assert len(merged.entries) == len(load_pack(BUILTIN_PACK).entries)


def test_two_own_glossaries_may_not_define_one_id(tmp_path):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("entries:\n  - id: undp\n    names: {en: UNDP office}\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"b\.yaml:2: entry id 'undp' is already defined at .*a\.yaml:2"):
        load_all(["tqa:international-organisations", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])


def test_shipped_glossaries_define_each_id_once():
    assert list(shipped_packs()) == PACKS
    merged = load_all([f"tqa:{name}" for name in PACKS])  # GlossaryError on an id defined twice
    assert len(merged.entries) == sum(len(load_pack(name).entries) for name in PACKS)


def test_the_packs_folder_of_an_editable_install_made_before_they_shipped(monkeypatch):
    import tqa.glossary as glossary

    def missing(package):
        raise ModuleNotFoundError(package)

    monkeypatch.setattr(glossary.resources, "files", missing)
    assert glossary._packs_folder() == ROOT / "glossaries"


def test_the_cache_key_holds_the_built_in_glossary():
    from tqa.engine.cache import config_hash

    on, off = config_hash(Config()), config_hash(Config(builtin_glossary=False))
    assert on is not None and off is not None and on != off


# ------------------------------------------------------ the entries --
def test_every_international_entry_says_where_its_names_come_from():
    for entry in load_pack(BUILTIN_PACK).entries:
        assert entry.cited, f"{entry.source}: {entry.id} has no source"
        assert entry.names.get("en"), f"{entry.id}: no English name"


def test_the_docs_list_every_international_entry_with_its_source():
    doc = (ROOT / "docs" / "glossaries.md").read_text(encoding="utf-8")
    for entry in load_pack(BUILTIN_PACK).entries:
        row = f"| `{entry.id}` | {entry.names['en']} | {' '.join(sorted(entry.names))} | {entry.cited} |"
        assert row in doc, f"docs/glossaries.md: no row {row}"


def test_source_must_be_text(tmp_path):
    with pytest.raises(GlossaryError, match=r"x\.yaml:2: entry 'a': 'source' must be text"):
        parse_glossary(
            {"entries": [{"id": "a", "names": {"en": "A"}, "source": ["UNTERM"], "__line__": 2}]},
            str(tmp_path / "x.yaml"),
        )


def forms_by_language():
    """Every form a shipped glossary gives as right (names, allowed forms,
    acronyms), per language, and every forbidden one."""
    right, wrong = defaultdict(set), defaultdict(set)
    for name in PACKS:
        for entry in load_pack(name).entries:
            for lang, canonical in entry.names.items():
                right[lang].update([canonical, *entry.acronyms])
            for lang, forms in entry.allowed.items():
                right[lang].update(forms)
            for lang, forms in entry.forbidden.items():
                wrong[lang].update(forms)
    return right, wrong


def test_no_forbidden_form_is_a_right_one():
    right, wrong = forms_by_language()
    for lang in wrong:
        folded = {r.casefold() for r in right[lang] if r}
        assert not [w for w in wrong[lang] if w.casefold() in folded]


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "de", "fr", "es"])
def test_every_right_form_is_silent_in_its_language(lang):
    """Each name, allowed form and acronym of every shipped entry, each in a
    paragraph of its own, with both glossaries on: no forbidden form of any
    entry matches inside it, and near-variant takes none for a variant."""
    right, _ = forms_by_language()
    paragraphs = [f"— {form} —" for form in sorted(f for f in right[lang] if f)]
    assert len(paragraphs) > 20
    text = "Title\n\n" + "\n\n".join(paragraphs) + "\n"
    found = findings_of(text, lang=lang, glossaries=["tqa:central-asia-public-bodies"], select="terminology")
    assert [(f.name, f.text) for f in found] == []


# ---------------------------------------------------------- languages --
@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("en", "The International Labor Organization met.", "International Labour Organization"),
        ("en", "The World Health Organisation said.", "World Health Organization"),
        (
            "en",
            "The Organization for Economic Cooperation and Development (OECD) said.",
            "Organisation for Economic Co-operation and Development",
        ),
        ("en", "The International Telecommunications Union met.", "International Telecommunication Union"),
        ("en", "The Asia Development Bank lent more.", "Asian Development Bank"),
        ("ru", "Программа ООН по развитию открыла офис.", "Программа развития Организации Объединенных Наций"),
        ("ru", "Всемирная организация торговли приняла решение.", "Всемирная торговая организация"),
        (
            "ru",
            "Европейский банк по реконструкции и развитию выделил заём.",
            "Европейский банк реконструкции и развития",
        ),
        ("de", "Der Internationale Währungsfond warnte.", "Internationaler Währungsfonds"),
        ("de", "Das Entwicklungsprogramm der Vereinigten Nationen half.", "Vereinte Nationen"),
    ],
)
def test_a_wrong_form_is_reported_with_the_official_name(lang, text, expected):
    [(rule, _, suggestion)] = terminology(text, lang)
    assert rule == "forbidden-term" and suggestion == expected


@pytest.mark.parametrize(
    "lang,text,variant,expected",
    [
        ("en", "The World Health Organizaton said.", "World Health Organizaton", "World Health Organization"),
        ("en", "The Eurasian Economic Commision met.", "Eurasian Economic Commision", "Eurasian Economic Commission"),
        (
            "kk",
            "Тәуелсіз Мемлекеттердің Достастығы елдері жиналды.",
            "Тәуелсіз Мемлекеттердің Достастығы",
            "Тәуелсіз Мемлекеттер Достастығы",
        ),
        (
            "de",
            "Die Europäische Bank für Wiederaufbau und Entwicklungen half.",
            "Europäische Bank für Wiederaufbau und Entwicklungen",
            "Europäische Bank für Wiederaufbau und Entwicklung",
        ),
    ],
)
def test_a_near_variant_of_an_official_name(lang, text, variant, expected):
    assert terminology(text, lang) == [("near-variant", variant, expected)]


CLEAN = {
    "en": (
        "The United Nations Development Programme (UNDP) and the Organisation for Economic Co-operation and "
        "Development (OECD) presented the survey in Astana. Experts of the World Health Organization, the "
        "International Labour Organization and the Food and Agriculture Organization of the United Nations took "
        "part, as did the UN Refugee Agency and the United Nations Children's Fund (UNICEF).\n\n"
        "The International Monetary Fund and the World Bank expect growth; the Asian Development Bank, the "
        "European Bank for Reconstruction and Development and the Asian Infrastructure Investment Bank finance "
        "the road. The Organization for Security and Co-operation in Europe (OSCE), the Shanghai Cooperation "
        "Organisation, the Collective Security Treaty Organization and the Commonwealth of Independent States "
        "sent observers.\n\n"
        "The Eurasian Economic Union and the Eurasian Economic Commission met the European Commission, the "
        "European Parliament and the Council of the European Union. The European Court of Human Rights, the "
        "International Energy Agency, the International Organization for Standardization, the World Economic "
        "Forum, the African Development Bank and the Organization of American States were not there.\n\n"
        "The Conference on Interaction and Confidence Building Measures in Asia and the Organization of Turkic "
        "States welcomed the International Atomic Energy Agency and the International Organization for "
        "Migration. The United Nations Environment Assembly and the United Nations Office for the Coordination of "
        "Humanitarian Affairs will meet again.\n"
    ),
    "ru": (
        "Программа развития ООН и Организация экономического сотрудничества и развития представили доклад. "
        "Эксперты Всемирной организации здравоохранения, Международной организации труда и Детского фонда "
        "Организации Объединенных Наций приняли участие.\n\n"
        "Международный валютный фонд и Всемирный банк ожидают роста; Азиатский банк развития и Европейский банк "
        "реконструкции и развития финансируют дорогу. Совместно с Организацией Объединенных Наций, Содружеством "
        "Независимых Государств и Шанхайской организацией сотрудничества прошла встреча.\n\n"
        "Евразийская экономическая комиссия и Евразийский экономический союз встретились с Европейской комиссией. "
        "Организация по безопасности и сотрудничеству в Европе, Организация Договора о коллективной безопасности и "
        "Совещание по взаимодействию и мерам доверия в Азии направили наблюдателей. Генеральная Ассамблея ООН и "
        "Совет Безопасности ООН обсудили доклад Управления Верховного комиссара ООН по делам беженцев.\n"
    ),
    "kk": (
        "Біріккен Ұлттар Ұйымының Даму бағдарламасы мен Экономикалық ынтымақтастық және даму ұйымы баяндама "
        "ұсынды. Дүниежүзілік денсаулық сақтау ұйымы мен Халықаралық еңбек ұйымының сарапшылары қатысты.\n\n"
        "Халықаралық валюта қоры мен Дүниежүзілік банк өсім күтеді. Біріккен Ұлттар Ұйымына, Тәуелсіз "
        "Мемлекеттер Достастығына және Шанхай ынтымақтастық ұйымына мүше елдер жиналды.\n\n"
        "Еуразиялық экономикалық одақ пен Еуропалық Одақ келісті. Еуропадағы қауіпсіздік және ынтымақтастық "
        "ұйымы мен Ұжымдық қауіпсіздік туралы шарт ұйымы бақылаушылар жіберді. Біріккен Ұлттар Ұйымының Бас "
        "Ассамблеясында және БҰҰ Қауіпсіздік Кеңесінде баяндама талқыланды.\n"
    ),
    "de": (
        "Das Entwicklungsprogramm der Vereinten Nationen und die Organisation für wirtschaftliche Zusammenarbeit "
        "und Entwicklung stellten den Bericht vor. Vertreter der Weltgesundheitsorganisation, der Internationalen "
        "Arbeitsorganisation und des Kinderhilfswerks der Vereinten Nationen nahmen teil.\n\n"
        "Der Internationale Währungsfonds und die Weltbank erwarten Wachstum; die Asiatische Entwicklungsbank und "
        "die Europäische Bank für Wiederaufbau und Entwicklung finanzieren die Straße. Mit der Europäischen Bank "
        "für Wiederaufbau und Entwicklung, der Europäischen Union und der Eurasischen Wirtschaftsunion wurde "
        "gesprochen.\n\n"
        "Die Organisation für Sicherheit und Zusammenarbeit in Europa, die Gemeinschaft Unabhängiger Staaten und "
        "die Shanghaier Organisation für Zusammenarbeit entsandten Beobachter. Der Sicherheitsrat der Vereinten "
        "Nationen und die Generalversammlung der Vereinten Nationen berieten; der Europäische Gerichtshof für "
        "Menschenrechte und die Internationale Energieagentur waren nicht vertreten.\n"
    ),
}


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_clean_official_text_naming_many_bodies_is_silent(lang):
    found = findings_of(f"Title\n\n{CLEAN[lang]}", lang=lang)
    assert [(f.name, f.text) for f in found] == []


def test_an_official_name_in_the_possessive_is_silent():
    assert terminology("The World Health Organization's report came out.", "en") == []
