"""Checking a translation against its original: transliteration, numbers
and dates by value, the alignment, the pairing on the command line and in
the config, and the labelled pairs of bench/aligned (clean ones silent)."""

import json
import os
import sys

import pytest
from conftest import ROOT

from tqa.config import Config, ConfigError, parse_config
from tqa.engine import check_text
from tqa.text.alignment import align_paragraphs
from tqa.text.quantities import dates, quantities
from tqa.text.transliteration import latin, same_name

sys.path.insert(0, str(ROOT / "bench"))
from align_accuracy import HELD_OUT, alignment_of, findings_by_unit, read_pairs  # noqa: E402

PAIRS = read_pairs()
HELD_OUT_PAIRS = read_pairs(HELD_OUT)


@pytest.mark.parametrize(
    "original,translated",
    [
        ("Тоқаев", "Tokayev"),  # passport
        ("Тоқаевтың", "Toqaev"),  # Kazakh Latin alphabet, genitive
        ("Токаеву", "Tokayev"),  # Russian dative
        ("Шымкентте", "Şymkent"),
        ("Жанар", "Janar"),
        ("Ержан", "Yerzhan"),
        ("Өскемен", "Oskemen"),
        ("Қарағанды", "Karaganda"),
        ("в Астане".split()[1], "Astana"),
        ("Андреевой", "Andreeva"),
        ("Ковалёва", "Kovalev"),  # ё written е, as most English and Russian text does
        ("Ковалёв", "Kovalyov"),
    ],
)
def test_a_name_is_found_in_the_ways_newsrooms_transliterate_it(original, translated):
    assert same_name(original, translated)


@pytest.mark.parametrize("original,translated", [("Смаилов", "Sadykov"), ("Алматы", "Astana"), ("Ким", "Kiev")])
def test_a_different_name_is_not_taken_for_it(original, translated):
    assert not same_name(original, translated)


def test_latin_spells_the_passport_way():
    assert latin("Тоқаев") == "Tokayev" and latin("Ержан") == "Yerzhan" and latin("Үкімет") == "Ukimet"


@pytest.mark.parametrize(
    "text,lang,values",
    [
        ("120 млрд тенге", "ru", ["120000000000"]),
        ("120 billion tenge", "en", ["120000000000"]),
        ("3,7%", "ru", ["3.7"]),
        ("7.3%", "en", ["7.3"]),
        ("1 500 адам", "kk", ["1500"]),
        ("50 мың адам", "kk", ["50000"]),
        ("1,500 people", "en", ["1500"]),
        ("1.500 Menschen und 2,5 Mio. Euro", "de", ["1500", "2500000"]),
        ("1,2 Billionen", "de", ["1200000000000"]),
        ("at 6 p.m.", "en", ["t18:00"]),
        ("в 18:00", "ru", ["t18:00"]),
        ("at 2:30 p.m.", "en", ["t14:30"]),
        ("at 11:05 am", "en", ["t11:05"]),
        ("в 2:30", "ru", ["t2:30"]),
        ("東京で3人", "ja", ["3"]),
    ],
)
def test_numbers_are_read_by_value(text, lang, values):
    assert [v for q in quantities(text, lang) if not q.spelled for v in sorted(q.values)] == values


@pytest.mark.parametrize(
    "text,lang,day,month",
    [
        ("3 марта", "ru", 3, 3),
        ("March 3", "en", 3, 3),
        ("3 March", "en", 3, 3),
        ("3 наурыз", "kk", 3, 3),
        ("1 қыркүйекке дейін", "kk", 1, 9),
        ("am 3. März", "de", 3, 3),
        ("03.03.2024", "ru", 3, 3),
    ],
)
def test_dates_agree_across_languages(text, lang, day, month):
    found = [d for d in dates(text, lang) if d.day is not None]
    assert [(d.day, d.month) for d in found] == [(day, month)]


@pytest.mark.parametrize(
    "text,lang,weekday",
    [("по средам", "ru", 3), ("on Wednesdays", "en", 3), ("сәрсенбіде", "kk", 3), ("mittwochs", "de", 3)],
)
def test_weekdays_in_the_plural(text, lang, weekday):
    assert [d.weekday for d in dates(text, lang)] == [weekday]


def test_the_verb_may_is_no_month():
    assert dates("He may come.", "en") == [] and [d.month for d in dates("In May he came.", "en")] == [5]


def test_an_omitted_sentence_is_a_bead_of_its_own():
    source = [
        "Министр финансов Ерулан Жамаубаев заявил, что дефицит сократится. "
        "Новый закон вступит в силу 1 января 2025 года после официальной публикации."
    ]
    target = ["Finance Minister Yerulan Zhamaubayev said the deficit would shrink."]
    beads = [b.kind for b in align_paragraphs(source, target, "ru", "en").beads]
    assert beads == ["1-1", "1-0"]


def test_a_sentence_split_in_two_and_a_paragraph_split_in_two():
    source = [
        "С начала сезона Казахстан экспортировал 8,2 млн тонн зерна, что на 15% больше, чем годом ранее. "
        "Основными покупателями остаются Китай, Узбекистан и Иран."
    ]
    target = [
        "Since the start of the season Kazakhstan has exported 8.2 million tonnes of grain. "
        "That is 15% more than a year earlier.",
        "China, Uzbekistan and Iran remain the main buyers.",
    ]
    alignment = align_paragraphs(source, target, "ru", "en")
    assert [(b.source, b.target) for b in alignment.beads] == [((0,), (0, 1)), ((1,), (2,))]


def test_the_labelled_pairs_are_aligned():
    right = total = 0
    for pair in PAIRS:
        predicted = [(b.source, b.target) for b in alignment_of(pair).beads]
        gold = pair.gold()
        right += sum(1 for bead in gold if bead in predicted)
        total += len(gold)
    assert len(PAIRS) >= 40
    assert right / total >= 0.95


@pytest.mark.parametrize("pair", [p for p in PAIRS if p.clean], ids=lambda p: p.name)
def test_a_clean_pair_stays_silent(pair, tmp_path):
    assert not findings_by_unit(pair, str(tmp_path))


def test_the_held_out_pairs_are_aligned():
    right = total = 0
    for pair in HELD_OUT_PAIRS:
        predicted = [(b.source, b.target) for b in alignment_of(pair).beads]
        gold = pair.gold()
        right += sum(1 for bead in gold if bead in predicted)
        total += len(gold)
    assert len(HELD_OUT_PAIRS) >= 30
    assert right / total >= 0.95


@pytest.mark.parametrize("pair", [p for p in HELD_OUT_PAIRS if p.clean], ids=lambda p: p.name)
def test_a_held_out_clean_pair_stays_silent(pair, tmp_path):
    assert not findings_by_unit(pair, str(tmp_path))


@pytest.mark.parametrize("pair", [p for p in PAIRS if not p.clean][:12], ids=lambda p: p.name)
def test_a_planted_defect_is_reported_in_its_unit(pair, tmp_path):
    found = findings_by_unit(pair, str(tmp_path))
    wanted = {(tag, k) for k, unit in enumerate(pair.units) for tag in unit.tags}
    assert wanted & set(found), (wanted, found)


def _check(tmp_path, original: str, translation: str, lang="en"):
    path = tmp_path / "en.txt"
    path.write_text(translation, encoding="utf-8")
    source = tmp_path / "ru.txt"
    source.write_text(original, encoding="utf-8")
    config = Config(lang=lang, source_files={os.path.realpath(path): str(source)})
    return check_text(translation, config, path=str(path))


def test_findings_point_at_the_original(tmp_path):
    result = _check(
        tmp_path,
        "Бюджет\n\nБюджет составит 120 млрд тенге.\n",
        "Budget\n\nThe budget will be 12 billion tenge.\n",
    )
    [finding] = [f for f in result.findings if f.rule == "TQA923"]
    assert finding.text == "12 billion" and (finding.line, finding.column) == (3, 20)
    assert finding.related == ((str(tmp_path / "ru.txt"), 3, 1),)


def test_without_an_original_the_rules_are_silent():
    result = check_text("Budget\n\nThe budget will be 12 billion tenge.\n", Config(lang="en"))
    assert not [f for f in result.findings if f.rule.startswith("TQA92")]


def test_check_source_on_the_command_line(tqa, tmp_path):
    (tmp_path / "ru.txt").write_text("Бюджет\n\nБюджет составит 120 млрд тенге.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Budget\n\nThe budget will be 12 billion tenge.\n", encoding="utf-8")
    run = tqa("check", "--source", "ru.txt", "en.txt", "-f", "json", "--lang", "en")
    findings = [f for a in run.json()["articles"] for f in a["findings"]]
    assert [(f["rule"], f["related"]) for f in findings] == [("TQA923", [{"path": "ru.txt", "line": 3, "column": 1}])]


def test_a_missing_original_is_one_error_line_and_the_translation_is_still_checked(tqa, tmp_path):
    (tmp_path / "en.txt").write_text("Budget\n\nThe the budget will be 12 billion tenge.\n", encoding="utf-8")
    run = tqa("check", "--source", "missing.txt", "en.txt", "-q", "--lang", "en")
    assert run.code == 2
    assert run.err.strip().splitlines() == ["error: en.txt: original missing.txt: no such file; checked on its own"]
    assert "TQA701" in run.out  # the repeated word, found without the original


def test_source_patterns_in_the_config(tqa, tmp_path):
    (tmp_path / "ru").mkdir()
    (tmp_path / "en").mkdir()
    (tmp_path / "ru" / "budget.md").write_text("# Бюджет\n\nБюджет составит 120 млрд тенге.\n", encoding="utf-8")
    (tmp_path / "en" / "budget.md").write_text("# Budget\n\nThe budget will be 12 billion tenge.\n", encoding="utf-8")
    (tmp_path / "tqa.toml").write_text('lang = "en"\n[sources]\n"en/{name}.md" = "ru/{name}.md"\n', encoding="utf-8")
    run = tqa("check", "en", "-q")
    assert "TQA923" in run.out and run.code == 1


def test_a_source_pattern_may_not_leave_the_project(tmp_path):
    with pytest.raises(ConfigError, match="inside the project"):
        parse_config({"sources": {"en/{name}.md": "../../etc/{name}"}}, "tqa.toml", tmp_path)
    with pytest.raises(ConfigError, match="not in the translation's pattern"):
        parse_config({"sources": {"en/{name}.md": "ru/{other}.md"}}, "tqa.toml", tmp_path)


def test_an_original_through_a_symlink_out_of_the_project_is_refused(tqa, tmp_path):
    project = tmp_path / "project"
    (project / "en").mkdir(parents=True)
    (project / "en" / "a.md").write_text("# Budget\n\nThe budget will be 12 billion tenge.\n", encoding="utf-8")
    (tmp_path / "secret.md").write_text("# Бюджет\n\nБюджет составит 120 млрд тенге.\n", encoding="utf-8")
    (project / "ru").symlink_to(tmp_path)
    (project / "tqa.toml").write_text('lang = "en"\n[sources]\n"en/{name}.md" = "ru/secret.md"\n', encoding="utf-8")
    run = tqa("check", "en", "-q", cwd=project)
    assert "outside the project" in run.err and "TQA923" not in run.out


def test_tqa_align_prints_the_pairs(tqa, tmp_path):
    (tmp_path / "kk.txt").write_text(
        "Бюджет\n\nТоқаев заңға қол қойды. Құжат келесі жылы күшіне енеді және барлық өңірлерде қолданылады.\n",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text("Budget\n\nTokayev signed the law.\n", encoding="utf-8")
    run = tqa("align", "kk.txt", "en.txt", "-f", "json")
    assert run.code == 0
    kinds = [b["kind"] for b in run.json()["beads"]]
    assert kinds == ["1-1", "1-1", "1-0"]
    assert run.json()["beads"][1]["source"][0] == {"line": 3, "column": 1, "text": "Тоқаев заңға қол қойды."}
    table = tqa("align", "kk.txt", "en.txt")
    assert "Tokayev signed the law." in table.out and "1-0" in table.out
    assert json.loads(tqa("align", "kk.txt", "en.txt", "--format", "json").out)["translation"] == "en.txt"


def _front_matter_pair(root, source_line: str, translation_text="The budget will be 12 billion tenge."):
    (root / "ru").mkdir(parents=True, exist_ok=True)
    (root / "en").mkdir(exist_ok=True)
    (root / "ru" / "budget.md").write_text("# Бюджет\n\nБюджет составит 120 млрд тенге.\n", encoding="utf-8")
    (root / "en" / "budget.md").write_text(
        f"---\ntitle: Budget\n{source_line}\n---\n\n{translation_text}\n", encoding="utf-8"
    )


@pytest.mark.parametrize("line", ["source: ../ru/budget.md", "source: '../ru/budget.md'", 'source: "../ru/budget.md"'])
def test_source_in_markdown_front_matter(tqa, tmp_path, line):
    _front_matter_pair(tmp_path, line)
    run = tqa("check", "en", "-f", "json", "--lang", "en")
    findings = [f for a in run.json()["articles"] for f in a["findings"]]
    assert [(f["rule"], f["line"], f["related"]) for f in findings] == [
        ("TQA923", 6, [{"path": "ru/budget.md", "line": 3, "column": 1}])
    ]


def test_a_kazakh_original_in_front_matter_and_a_clean_translation(tqa, tmp_path):
    (tmp_path / "kk").mkdir()
    (tmp_path / "en").mkdir()
    (tmp_path / "kk" / "a.md").write_text(
        "# Бюджет\n\nҚасым-Жомарт Тоқаев 19,7 трлн теңгелік бюджетке 3 наурызда қол қойды.\n", encoding="utf-8"
    )
    text = (
        "---\nsource: ../kk/a.md\n---\n\n# Budget\n\n"
        "Kassym-Jomart Tokayev signed the 19.7 trillion tenge budget on 3 March.\n"
    )
    (tmp_path / "en" / "a.md").write_text(text, encoding="utf-8")
    assert tqa("check", "en", "-q", "--lang", "en").code == 0
    (tmp_path / "en" / "a.md").write_text(text.replace("3 March", "13 March"), encoding="utf-8")
    run = tqa("check", "en", "-q", "--lang", "en")
    assert "TQA924" in run.out and run.code == 1


@pytest.mark.parametrize("line", ["source: ../../outside.md", "source: /etc/passwd", "source: ../.git/config"])
def test_a_front_matter_original_must_stay_inside_the_project(tqa, tmp_path, line):
    project = tmp_path / "project"
    _front_matter_pair(project, line, "The the budget will be 12 billion tenge.")
    (project / "tqa.toml").write_text('lang = "en"\n', encoding="utf-8")
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[core]\n\ttoken = secret\n", encoding="utf-8")
    (tmp_path / "outside.md").write_text("# Бюджет\n\nБюджет составит 120 млрд тенге.\n", encoding="utf-8")
    run = tqa("check", "en", "-q", cwd=project)
    [error] = run.err.strip().splitlines()
    assert "outside the project; checked on its own" in error and error.startswith("error: en/budget.md: original")
    assert "TQA701" in run.out and "TQA923" not in run.out and "secret" not in run.out + run.err


def test_a_missing_front_matter_original_is_one_error_line(tqa, tmp_path):
    _front_matter_pair(tmp_path, "source: ../ru/gone.md", "The the budget will be 12 billion tenge.")
    run = tqa("check", "en", "-q", "--lang", "en")
    assert run.err.strip().splitlines() == [
        "error: en/budget.md: original ru/gone.md: no such file; checked on its own"
    ]
    assert "TQA701" in run.out


def test_source_on_the_command_line_says_more_than_the_front_matter(tqa, tmp_path):
    _front_matter_pair(tmp_path, "source: ../ru/gone.md")
    (tmp_path / "ru" / "other.md").write_text("# Бюджет\n\nБюджет составит 12 млрд тенге.\n", encoding="utf-8")
    run = tqa("check", "--source", "ru/other.md", "en/budget.md", "-q", "--lang", "en")
    assert run.code == 0 and not run.err


def test_a_front_matter_pair_is_not_replayed_from_the_cache(tqa, tmp_path):
    _front_matter_pair(tmp_path, "source: ../ru/budget.md", "The budget will be 120 billion tenge.")
    cache = tmp_path / "cache"
    assert tqa("check", "en", "-q", "--lang", "en", "--cache-dir", cache).code == 0
    (tmp_path / "ru" / "budget.md").write_text("# Бюджет\n\nБюджет составит 12 млрд тенге.\n", encoding="utf-8")
    run = tqa("check", "en", "-q", "--lang", "en", "--cache-dir", cache)
    assert "TQA923" in run.out and run.code == 1


def test_front_matter_source_is_read_only_from_front_matter():
    from tqa.model import SourceText
    from tqa.readers.markdown import names_original, original_named

    assert original_named(SourceText("---\nsource: ../ru/a.md\n---\n\nText.\n")) == "../ru/a.md"
    assert original_named(SourceText("---\ntitle: A\n\nsource: ../ru/a.md\n")) is None  # no closing fence
    assert original_named(SourceText("Text.\n\nsource: ../ru/a.md\n")) is None
    assert original_named(SourceText("---\nsource:\n---\n")) is None
    assert names_original(b"---\nsource: a.md\n---\n") and not names_original(b"# A\n\nsource: a.md\n")


def test_the_terminal_shows_the_original_sentence_under_the_finding(tqa, tmp_path):
    (tmp_path / "ru.md").write_text(
        "# Бюджет\n\nДоходы составят 19,7 трлн тенге. Расходы — 23,8 трлн тенге. Дефицит снизится.\n", encoding="utf-8"
    )
    (tmp_path / "en.md").write_text(
        "# Budget\n\nRevenues will be 19.7 trillion tenge. Spending will be 2.38 trillion tenge. "
        "The deficit will fall.\n",
        encoding="utf-8",
    )
    run = tqa("check", "--source", "ru.md", "en.md", "--lang", "en")
    lines = run.out.splitlines()
    at = next(k for k, line in enumerate(lines) if line.strip().startswith("⇔"))
    assert lines[at].strip() == "⇔ ru.md:3:34"
    assert lines[at + 1].strip() == "│ Расходы — 23,8 трлн тенге."  # that sentence, not its line
    assert json.loads(tqa("check", "--source", "ru.md", "en.md", "--lang", "en", "-f", "json").out)["articles"][0][
        "findings"
    ][0]["related"] == [{"path": "ru.md", "line": 3, "column": 34}]


def test_the_original_sentence_is_escaped_in_the_terminal(tqa, tmp_path):
    (tmp_path / "kk.md").write_text(
        "# Бюджет\n\nБюджет кірістері 19,7 трлн \x1b[2J\u202eтеңгені құрайды.\n", encoding="utf-8"
    )
    (tmp_path / "en.md").write_text(
        "# Budget\n\nBudget revenues will amount to 1.97 trillion tenge.\n", encoding="utf-8"
    )
    run = tqa("check", "--source", "kk.md", "en.md", "--lang", "en")
    assert "TQA923" in run.out and "\x1b" not in run.out and "\u202e" not in run.out
    assert "Бюджет кірістері 19,7 трлн" in run.out
