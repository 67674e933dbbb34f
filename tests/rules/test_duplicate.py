"""The duplicate rules (TQA3xx): paragraphs repeated in an article, titles,
blocks repeated across articles; what they point to and what they hide."""

import pytest
from conftest import SEED, findings_of


@pytest.fixture(scope="module")
def seed_findings():
    return findings_of(SEED.read_text(encoding="utf-8"), lang="en")


def named(findings, name):
    return [f for f in findings if f.name == name]


def test_in_short_in_a_word_pair_points_to_the_first_copy(seed_findings):
    [dup] = named(seed_findings, "duplicate-paragraph")
    assert dup.line == 224 and dup.text.startswith("In a word, it is not enough")
    assert dup.related == ((dup.path, 222, 1),)
    assert dup.suggestion == "" and "line 222" in dup.message


def test_reworded_boilerplate_across_articles_is_info(seed_findings):
    blocks = named(seed_findings, "repeated-block")
    assert [(f.line, f.related[0][1]) for f in blocks] == [(91, 23), (123, 113), (135, 91)]
    assert all(f.severity == "info" for f in blocks)


def test_near_duplicate_in_russian_and_kazakh():
    ru = (
        "№ 1\n\nСеминар организован Астанинским хабом государственной службы и ПРООН в Казахстане.\n\n"
        "Семинар был организован Астанинским хабом государственной службы и ПРООН в Казахстане.\n"
    )
    [f] = findings_of(ru, lang="ru", select="duplicate-paragraph")
    assert f.line == 5
    kk = (
        "№ 1\n\nСеминарды Астана мемлекеттік қызмет хабы мен БҰҰДБ бірлесіп ұйымдастырды.\n\n"
        "Көрме дипломатиялық қатынастардың отыз жылдығына арналған және бір айға созылады.\n"
    )
    assert findings_of(kk, lang="kk", select="duplicate-paragraph") == []


def test_cut_down_copy_is_a_duplicate():
    long_ = (
        "The training discussed the concept of open data, its benefits and what it can be used for, "
        "as well as international experience, including strategy and legal models."
    )
    short = "The training discussed the concept of open data, its benefits and what it can be used for."
    [f] = findings_of(f"T\n\n{long_}\n\n{short}\n", lang="en", select="duplicate-paragraph")
    assert f.text == short


def test_prefilter_lets_through_a_pair_exactly_at_the_edit_ratio_bar():
    """The length bound before rapidfuzz must not turn away a pair whose
    ratio is exactly 68 (0.68 is not exact in floating point)."""
    from rapidfuzz import fuzz

    from tqa.text.nearduplicates import may_be_similar

    short = "word " * 10 + "w"  # 51 characters, all its words in the longer text
    long_ = short + " " + "x" * 47  # 99: 0.68 * (51 + 99) is a hair over 2 * 51 in floating point
    assert fuzz.ratio(short, long_) == 68
    assert may_be_similar(short, long_) and may_be_similar(long_, short)
    assert may_be_similar(short, long_, words_first=True)
    assert not may_be_similar(short[:-2], long_)  # two letters fewer: under the bar


def test_repeated_block_across_files_points_to_the_other_file(tqa, tmp_path):
    block = (
        "This event was part of the regional project jointly implemented by UNDP Kazakhstan and the "
        "Astana Civil Service Hub, aimed at increasing the capacity of civil servants."
    )
    (tmp_path / "a.txt").write_text(f"First\n\nOpening text here.\n\n{block}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Second\n\nOther opening text.\n\n{block}\n", encoding="utf-8")
    report = tqa("check", "-f", "json", "--lang", "en", tmp_path).json()
    [finding] = [f for a in report["articles"] for f in a["findings"] if f["name"] == "repeated-block"]
    assert finding["path"].endswith("b.txt")
    assert finding["related"] == [{"path": str(tmp_path / "a.txt"), "line": 5, "column": 1}]


@pytest.mark.parametrize(
    "lang,block,word,slip,rule",
    [
        (
            "en",
            "The event is part of the joint regional project of UNDP and the Hub, aimed at increasing the "
            "capacity of civil servants in seven countries of the region.",
            "capacity",
            "capаcity",
            "homoglyph",
        ),
        (
            "ru",
            "Мероприятие является частью совместного регионального проекта ПРООН и Хаба, направленного на "
            "повышение потенциала государственных служащих семи стран региона.",
            "Хаба",
            "Хaба",
            "homoglyph",
        ),
        (
            "kk",
            "Іс-шара БҰҰДБ мен Хабтың бірлескен өңірлік жобасының бөлігі болып табылады және өңірдегі жеті "
            "елдің мемлекеттік қызметшілерінің әлеуетін арттыруға бағытталған.",
            "мен",
            "мен мен",
            "repeated-word",
        ),
    ],
)
def test_defect_inside_a_repeated_block_is_still_reported(tqa, tmp_path, lang, block, word, slip, rule):
    """A block repeated across articles is information; an error inside one
    copy must not be hidden behind it (nor fail to fail the run)."""
    copy = block.replace(word, slip, 1)
    (tmp_path / "a.txt").write_text(f"First\n\nOpening text here.\n\n{block}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Second\n\nOther opening text.\n\n{copy}\n", encoding="utf-8")
    run = tqa("check", "-f", "json", "--lang", lang, "--no-cache", tmp_path)
    found = [(f["name"], f["path"][-5:], f["text"]) for a in run.json()["articles"] for f in a["findings"]]
    assert ("repeated-block", "b.txt", copy) in found
    assert any(name == rule and path == "b.txt" and text in slip for name, path, text in found), found
    assert run.code == 1


def test_defect_inside_a_duplicated_paragraph_is_reported_once_per_copy():
    paragraph = "The Ministry said the new rules will apply from May, and that schools will get more money."
    text = f"T\n\n{paragraph} The the rest.\n\n{paragraph} The the rest.\n"
    found = findings_of(text, lang="en")
    assert [f.line for f in named(found, "repeated-word")] == [3, 5]
    assert [f.line for f in named(found, "duplicate-paragraph")] == [5]


def test_a_repeated_block_hides_findings_of_its_own_kind_only(tqa, tmp_path):
    """A paragraph repeated in its article and across files: one duplicate
    finding for it (the more specific), not two."""
    block = (
        "This event was part of the regional project jointly implemented by UNDP Kazakhstan and the "
        "Astana Civil Service Hub, aimed at increasing the capacity of civil servants."
    )
    (tmp_path / "a.txt").write_text(f"First\n\nOpening text here.\n\n{block}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Second\n\n{block}\n\nOther text.\n\n{block}\n", encoding="utf-8")
    report = tqa("check", "-f", "json", "--lang", "en", "--no-cache", tmp_path).json()
    found = [(f["name"], f["line"]) for a in report["articles"] for f in a["findings"] if f["path"].endswith("b.txt")]
    assert sorted(found) == [("duplicate-paragraph", 7), ("repeated-block", 3)], found


def test_repeated_title_in_a_page():
    page = (
        "Same title\n\nТарату:\n\nBody one.\n\nMore one.\n\nТарату:\n\nSame title\n\nТарату:\n\n"
        "Body two.\n\nMore two.\n\nТарату:\n"
    )
    [f] = findings_of(page, lang="en", select="repeated-title")
    assert f.line == 11 and f.related == ((f.path, 1, 1),)


NEAR_COPIES = {
    # (paragraph, its near copy, a distinct paragraph on the same topic)
    "en": (
        "The ministry opened a new office in Astana on Monday morning after a long delay.",
        "The ministry opened its new office in Astana on Monday morning after a long delay.",
        "The agency closed its old office in Almaty on Friday evening after the annual audit.",
    ),
    "ru": (
        "Семинар организован Астанинским хабом государственной службы и ПРООН в Казахстане.",
        "Семинар был организован Астанинским хабом государственной службы и ПРООН в Казахстане.",
        "Выставка посвящена тридцатилетию дипломатических отношений и продлится целый месяц.",
    ),
    "kk": (
        "Әлихан Бәйменов білім беру саласындағы өзгерістер туралы айтты және жаңа жобаларды таныстырды.",
        "Әлихан Бәйменов білім беру саласындағы өзгерістер туралы айтып, жаңа жобаларды таныстырды.",
        "Көрме дипломатиялық қатынастардың отыз жылдығына арналған және іс жүзінде бір айға созылады.",
    ),
    "de": (
        "Die Behörde eröffnete am Montagmorgen nach langer Verzögerung ein neues Büro in Astana.",
        "Die Behörde eröffnete am Montagmorgen nach langer Verzögerung ihr neues Büro in Astana.",
        "Das Amt schloss am Freitagabend nach der jährlichen Prüfung sein altes Büro in Almaty.",
    ),
    # no spaces between words: compared letter by letter, not as one long word
    "ja": (
        "研修では、オープンデータの概念、その利点と活用方法、戦略や法的モデルを含む国際的な経験が取り上げられた。",
        "研修では、オープンデータの概念、その利点と活用方法、戦略や法的モデルを含む国際的な経験が紹介された。",
        "参加者は、公開すべき情報の種類と、社会と経済にとっての利点について意見を交わした。",
    ),
}


@pytest.mark.parametrize("lang", sorted(NEAR_COPIES))
def test_near_copy_paragraph_within_one_article(lang):
    first, copy, other = NEAR_COPIES[lang]
    [found] = findings_of(f"№ 1\n\n{first}\n\n{other}\n\n{copy}\n", lang=lang, select="duplicate-paragraph")
    assert (found.line, found.text) == (7, copy)
    assert "near copy" in found.message and "line 3" in found.message
    assert found.related == ((found.path, 3, 1),)


@pytest.mark.parametrize("lang", sorted(NEAR_COPIES))
def test_distinct_paragraphs_within_one_article_are_no_copies(lang):
    first, _, other = NEAR_COPIES[lang]
    assert findings_of(f"№ 1\n\n{first}\n\n{other}\n", lang=lang, select="duplicate-paragraph") == []


HEADINGS = {
    # (a short heading, a longer paragraph that takes its words up)
    "en": (
        "Digital government policy for Central Asia and the Caucasus",
        "The seminar on digital government policy for Central Asia and the Caucasus was held in Astana on Monday.",
    ),
    "ru": (
        "Цифровое правительство для стран Центральной Азии и Кавказа в этом году",
        "Семинар «Цифровое правительство для стран Центральной Азии и Кавказа в этом году» прошёл в Астане.",
    ),
    "kk": (
        "Орталық Азия мен Кавказ елдері үшін цифрлық үкімет саясаты туралы семинар",
        "Астанада Орталық Азия мен Кавказ елдері үшін цифрлық үкімет саясаты туралы семинар өтті.",
    ),
    "de": (
        "Digitale Verwaltung für Zentralasien und den Kaukasus im Jahr 2024",
        "Das Seminar über digitale Verwaltung für Zentralasien und den Kaukasus im Jahr 2024 fand in Astana statt.",
    ),
    "ja": (
        "中央アジアとコーカサスのためのデジタル政府政策",
        "中央アジアとコーカサスのためのデジタル政府政策に関するセミナーが月曜日にアスタナで開かれた。",
    ),
}


@pytest.mark.parametrize("lang", sorted(HEADINGS))
def test_a_short_heading_taken_up_by_a_paragraph_is_no_copy(lang):
    heading, paragraph = HEADINGS[lang]
    for text in (f"№ 1\n\n{heading}\n\n{paragraph}\n", f"№ 1\n\n{paragraph}\n\n{heading}\n"):
        assert findings_of(text, lang=lang, select="duplicate-paragraph") == []


@pytest.mark.parametrize("lang", sorted(HEADINGS))
def test_a_heading_repeated_word_for_word_is_still_a_copy(lang):
    heading, paragraph = HEADINGS[lang]
    [f] = findings_of(f"№ 1\n\n{heading}\n\n{paragraph}\n\n{heading}\n", lang=lang, select="duplicate-paragraph")
    assert (f.line, f.text) == (7, heading)


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "de"])
def test_a_copy_that_lost_its_full_stop_is_still_a_copy(lang):
    first, copy, other = NEAR_COPIES[lang]
    [f] = findings_of(f"№ 1\n\n{first}\n\n{other}\n\n{copy[:-1]}\n", lang=lang, select="duplicate-paragraph")
    assert (f.line, f.text) == (7, copy[:-1])


def _distinct_paragraphs(count, seed=5):
    import random

    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ne", "su", "ta", "vo", "ri", "de", "pa", "zu", "ge"]
    vocabulary = sorted({"".join(rng.choice(syllables) for _ in range(3)) for _ in range(2000)})
    return [
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(12, 20))).capitalize() + "." for _ in range(count)
    ]


def test_many_paragraph_article_with_one_planted_copy_goes_through_the_band_index(monkeypatch):
    """600 distinct paragraphs and, at the end, a copy of the 38th with one
    word changed: exactly that one finding. Each paragraph is held against a
    few candidates of the band index, not against every earlier one (180,000
    pairs)."""
    from tqa.rules.duplicate import duplicate_paragraph as duplicates
    from tqa.text.nearduplicates import BandIndex

    paragraphs = _distinct_paragraphs(600)
    words = paragraphs[37].split()
    words[5] = "Zzzxq"
    text = "\n\n".join(["Title", *paragraphs, " ".join(words)]) + "\n"
    compared, blocks = [], []
    real_message, real_candidates = duplicates._copy_message, BandIndex.candidates_of
    monkeypatch.setattr(duplicates, "_copy_message", lambda *a: compared.append(a) or real_message(*a))
    monkeypatch.setattr(BandIndex, "candidates_of", lambda self, *b: blocks.append(b) or real_candidates(self, *b))
    [found] = findings_of(text, lang="en", select="duplicate-paragraph")
    assert found.line == 2 * 601 + 1 and found.text == " ".join(words)
    assert found.related == ((found.path, 3 + 2 * 37, 1),)
    assert "near copy" in found.message and f"line {3 + 2 * 37}" in found.message
    assert blocks and len(compared) <= duplicates.WITHIN_CANDIDATES * 601


def test_word_for_word_copies_of_a_copy_point_to_the_first_paragraph():
    """A third copy is reported against the first paragraph, not against
    the second (itself reported), however many paragraphs stand between."""
    paragraphs = _distinct_paragraphs(50, seed=9)
    first = paragraphs[3]
    near = first.replace(first.split()[4], "Zzzxq", 1)
    text = "\n\n".join(["Title", *paragraphs, near, *paragraphs[10:20], near]) + "\n"
    found = findings_of(text, lang="en", select="duplicate-paragraph")
    assert len(found) == 12  # ten exact repeats, and the near copy twice
    copies_of_first = [f for f in found if f.text == near]
    assert [f.related for f in copies_of_first] == [(("<text>.txt", 3 + 2 * 3, 1),)] * 2
    assert all("near copy" in f.message for f in copies_of_first)


def test_paragraph_of_unbounded_length_is_compared_word_for_word_only():
    """Edit distances take time in the product of the lengths: a paragraph
    beyond MAX_COMPARED characters is still found when repeated exactly,
    and not held against a near copy."""
    from tqa.text.nearduplicates import MAX_COMPARED

    sentence = " ".join(_distinct_paragraphs(1, seed=3)) + " "
    long_ = (sentence * (MAX_COMPARED // len(sentence) + 2)).strip()
    near = long_[:-20] + " Zzzxq zzzxq."
    text = f"Title\n\n{long_}\n\n{near}\n\n{long_}\n"
    [found] = findings_of(text, lang="en", select="duplicate-paragraph")
    assert found.line == 7 and "word for word" in found.message and "line 3" in found.message


def test_a_big_files_paragraphs_kept_packed_find_the_same_blocks(tmp_path, monkeypatch):
    # a file of megabytes keeps its paragraphs compressed between the rules
    # and the corpus phase, in memory and in the cache: same findings
    from tqa.config import Config
    from tqa.engine import check_files
    from tqa.engine.cache import Cache
    from tqa.rules.duplicate import repeated_block

    blocks = {
        "en": "This event was part of the regional project jointly implemented by UNDP Kazakhstan and the "
        "Astana Civil Service Hub, aimed at increasing the capacity of civil servants.",
        "kk": "Іс-шара БҰҰДБ мен Хабтың бірлескен өңірлік жобасының бөлігі болып табылады және өңірдегі жеті "
        "елдің мемлекеттік қызметшілерінің әлеуетін арттыруға бағытталған.",
    }
    files = []
    for lang, block in blocks.items():
        for name, opening in (("a", "Opening text here."), ("b", "Other opening text.")):
            path = tmp_path / f"{lang}-{name}.txt"
            path.write_text(f"{name.upper()} title\n\n{opening}\n\n{block}\n", encoding="utf-8")
            files.append(str(path))

    def found(cache=None):
        result = check_files(files, Config(select=["repeated-block"]), jobs=1, cache=cache)
        return [(f.path, f.line, f.related) for f in result.findings]

    plain = found()
    assert len(plain) == 2
    monkeypatch.setattr(repeated_block, "PACK_NORMS", 0)
    assert found() == plain
    cache = Cache(tmp_path, Config(select=["repeated-block"]))
    assert found(cache) == plain
    # one file more: the run is new, the four files' work (their packed
    # paragraphs) comes from the cache and the corpus phase runs again
    (tmp_path / "c.txt").write_text("C title\n\nA new text.\n", encoding="utf-8")
    files.append(str(tmp_path / "c.txt"))
    again = Cache(tmp_path, Config(select=["repeated-block"]))
    assert found(again) == plain and again.hits == 4
