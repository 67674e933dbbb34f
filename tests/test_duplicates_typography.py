"""Duplicated paragraphs and typography slips: the seed's defects, and
clean text that must stay silent."""

import pytest
from conftest import CLEAN, SEED, findings_of


@pytest.fixture(scope="module")
def seed_findings():
    return findings_of(SEED.read_text(encoding="utf-8"), lang="en")


def named(findings, name):
    return [f for f in findings if f.name == name]


def test_in_short_in_a_word_pair_points_to_the_first_copy(seed_findings):
    [dup] = named(seed_findings, "duplicate-paragraph")
    assert dup.line == 224 and dup.text.startswith("In a word, it is not enough")
    assert dup.related == ((dup.path, 222),)
    assert dup.suggestion == "" and "line 222" in dup.message


def test_reworded_boilerplate_across_articles_is_info(seed_findings):
    blocks = named(seed_findings, "repeated-block")
    assert [(f.line, f.related[0][1]) for f in blocks] == [(91, 23), (123, 113), (135, 91)]
    assert all(f.severity == "info" for f in blocks)


@pytest.mark.parametrize("name,line,text,fix", [
    ("repeated-word", 9, "of of", "of"),
    ("glued-words", 53, "theGraduate", "the Graduate"),
    ("glued-words", 53, "Universityand", "University and"),
    ("space-before-punctuation", 204, " ,", ","),
    ("foreign-quotes", 163, "«", "“"),
    ("foreign-quotes", 163, "»", "”"),
])
def test_seed_typography_slips(seed_findings, name, line, text, fix):
    matches = [f for f in named(seed_findings, name) if f.line == line and f.text == text]
    assert len(matches) == 1 and matches[0].suggestion == fix


@pytest.mark.parametrize("text,glued", [
    ("The talks covered canals ofthe region.", ["ofthe"]),
    ("Ofthe two, one stayed; inthe end both left.", ["inthe"]),  # a capitalised head is no function word
    ("They bathe, breathe and soothe at the lathe.", []),         # words that end in "the"
    ("The firm Xofthe and the code abc1ofthe stay.", []),         # the head glued to more
    ("A long abcdefghijklofthe word.", []),                       # no function word before "the"
])
def test_function_word_glued_to_the(text, glued):
    found = findings_of(text, lang="en", select="glued-words")
    assert [f.text for f in found] == glued
    assert all(f.suggestion == f.text[:-3] + " the" for f in found)


def test_sentence_broken_across_paragraphs_head_and_shoulders(seed_findings):
    [broken] = named(seed_findings, "broken-sentence")
    assert (broken.line, broken.text) == (204, "and")
    assert broken.related == ((broken.path, 206),)


def test_hard_line_break_is_joined(seed_findings):
    [brk] = named(seed_findings, "hard-line-break")
    assert (brk.line, brk.end_line, brk.end_column) == (195, 196, 1)
    assert brk.text == "\n" and brk.suggestion == " "


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "de", "ja"])
def test_clean_text_has_no_duplicate_or_typography_findings(lang):
    text = (CLEAN / f"{lang}.txt").read_text(encoding="utf-8")
    assert findings_of(text, lang=lang, select=["duplicate", "typography"]) == []


@pytest.mark.parametrize("lang,text", [
    ("de", "Die Frau, die die Zeitung liest, sagte: „Wir kommen wieder.“ Er kam (zum Glück) zurück."),
    ("ru", "«Мы поделимся опытом», — заявил он. Цена — 1,5 млн тенге (т.е. 3 тыс. долларов)."),
    ("kk", "Көп көп рахмет! «Біз келеміз», — деді ол (төраға)."),
    ("fr", "Est-ce vrai ? « Oui », dit-il : c'est fini !"),
    ("ja", "「共有しましょう」と彼は言った（会議で）。"),
    ("en", "The cost is 1,500 tenge; e.g. 3.5 dollars. Visit Kursiv.kz, iPhone and YouTube. Options: a) now."),
    # links inside brackets keep the closing bracket out of the link
    ("en", "See [the docs](https://example.com/docs/the_guide) or the page (https://a.kz/x?y=1)."),
    ("ru", "Подробнее на сайте (https://egov.kz/ru/news) и в Telegram (t.me/egov_kz)."),
    ("de", "Mehr unter https://de.wikipedia.org/wiki/Astana_(Stadt) und (www.astana.kz)."),
])
def test_typography_is_silent_on_correct_text_in_many_languages(lang, text):
    found = findings_of(f"№ 1\n\n{text}\n", lang=lang, select="typography")
    assert found == [], [(f.rule, f.text) for f in found]


@pytest.mark.parametrize("lang,text,unbalanced", [
    # a one-letter ")" closes its bracket: grammatical alternatives and ranges
    ("hu", "A(z) érték formára (ÉÉÉÉ-HH-NN) megfelel.", []),
    ("pl", "Usunięcie wybranych(-nego)(-nej) obiektów, które są z nim(i)/nią powiązane.", []),
    ("kk", "Таңдалған нысан-ді(ы) өшіру.", []),
    ("en", "Delete the selected file(s) and folder(s).", []),
    ("fr", "Il ne peut contenir que des lettres (de a à z ou de A à Z) et des nombres.", []),
    ("ru", "Варианты: а) сейчас, б) позже.", []),
    # and a real slip is still one
    ("en", "Choose a) now or b) later (the default is later.", ["("]),
    ("ru", "Министерство цифрового развития (МЦРИАП сообщило об этом.", ["("]),
])
def test_one_letter_brackets_and_enumerations(lang, text, unbalanced):
    found = findings_of(f"№ 1\n\n{text}\n", lang=lang, select="unbalanced-pair")
    assert [f.text for f in found] == unbalanced


def test_near_duplicate_in_russian_and_kazakh():
    ru = ("№ 1\n\nСеминар организован Астанинским хабом государственной службы и ПРООН в Казахстане.\n\n"
          "Семинар был организован Астанинским хабом государственной службы и ПРООН в Казахстане.\n")
    [f] = findings_of(ru, lang="ru", select="duplicate-paragraph")
    assert f.line == 5
    kk = ("№ 1\n\nСеминарды Астана мемлекеттік қызмет хабы мен БҰҰДБ бірлесіп ұйымдастырды.\n\n"
          "Көрме дипломатиялық қатынастардың отыз жылдығына арналған және бір айға созылады.\n")
    assert findings_of(kk, lang="kk", select="duplicate-paragraph") == []


def test_cut_down_copy_is_a_duplicate():
    long_ = ("The training discussed the concept of open data, its benefits and what it can be used for, "
             "as well as international experience, including strategy and legal models.")
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
    block = ("This event was part of the regional project jointly implemented by UNDP Kazakhstan and the "
             "Astana Civil Service Hub, aimed at increasing the capacity of civil servants.")
    (tmp_path / "a.txt").write_text(f"First\n\nOpening text here.\n\n{block}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Second\n\nOther opening text.\n\n{block}\n", encoding="utf-8")
    report = tqa("check", "-f", "json", "--lang", "en", tmp_path).json()
    [finding] = [f for a in report["articles"] for f in a["findings"] if f["name"] == "repeated-block"]
    assert finding["path"].endswith("b.txt")
    assert finding["related"] == [{"path": str(tmp_path / "a.txt"), "line": 5}]


@pytest.mark.parametrize("lang,block,word,slip,rule", [
    ("en", "The event is part of the joint regional project of UNDP and the Hub, aimed at increasing the "
           "capacity of civil servants in seven countries of the region.", "capacity", "capаcity", "homoglyph"),
    ("ru", "Мероприятие является частью совместного регионального проекта ПРООН и Хаба, направленного на "
           "повышение потенциала государственных служащих семи стран региона.", "Хаба", "Хaба", "homoglyph"),
    ("kk", "Іс-шара БҰҰДБ мен Хабтың бірлескен өңірлік жобасының бөлігі болып табылады және өңірдегі жеті "
           "елдің мемлекеттік қызметшілерінің әлеуетін арттыруға бағытталған.", "мен", "мен мен", "repeated-word"),
])
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
    block = ("This event was part of the regional project jointly implemented by UNDP Kazakhstan and the "
             "Astana Civil Service Hub, aimed at increasing the capacity of civil servants.")
    (tmp_path / "a.txt").write_text(f"First\n\nOpening text here.\n\n{block}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Second\n\n{block}\n\nOther text.\n\n{block}\n", encoding="utf-8")
    report = tqa("check", "-f", "json", "--lang", "en", "--no-cache", tmp_path).json()
    found = [(f["name"], f["line"]) for a in report["articles"] for f in a["findings"] if f["path"].endswith("b.txt")]
    assert sorted(found) == [("duplicate-paragraph", 7), ("repeated-block", 3)], found


def test_repeated_title_in_a_page():
    page = ("Same title\n\nТарату:\n\nBody one.\n\nMore one.\n\nТарату:\n\nSame title\n\nТарату:\n\n"
            "Body two.\n\nMore two.\n\nТарату:\n")
    [f] = findings_of(page, lang="en", select="repeated-title")
    assert f.line == 11 and f.related == ((f.path, 1),)


@pytest.mark.parametrize("a,b", [
    ("in short it is not enough for a package", "in a word it is not enough for a package to be green"),
    ("семинар организован хабом государственной службы", "семинар был организован хабом"),
    ("the same text", "the same text"),
    ("abc", ""),
    ("", ""),
    ("a", "a b"),
    ("   ", "x"),
    ("күн жылы", "ауа райы суық"),
    ("ааааааа ааа", "аааа"),  # n-grams repeated inside a text: counts clipped
    ("東京で会議が開かれた", "会議は東京で開かれた"),
    ("die Sitzung 😀 fand statt 𝔸", "die Sitzung fand 😀 statt"),  # beyond the BMP
])
def test_chrf_equals_sacrebleu(a, b):
    from sacrebleu.metrics import CHRF

    from tqa.text.chrf import similarity

    chrf = CHRF()
    expected = max(chrf.sentence_score(a, [b]).score, chrf.sentence_score(b, [a]).score)
    assert similarity(a, b) == pytest.approx(expected, abs=1e-9)


def test_chrf_equals_sacrebleu_on_every_pair_of_seed_paragraphs():
    from sacrebleu.metrics import CHRF

    from tqa.readers import read_document
    from tqa.text.chrf import similarity
    from tqa.text.nearduplicates import normalized

    document = read_document(str(SEED))
    texts = [normalized(s.text) for a in document.articles for s in a.paragraphs if len(s.text) > 40][:30]
    chrf = CHRF()
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            expected = max(chrf.sentence_score(a, [b]).score, chrf.sentence_score(b, [a]).score)
            assert similarity(a, b) == pytest.approx(expected, abs=1e-9), (a, b)


def test_band_keys_are_minhash_of_word_pairs_whatever_texts_come_together(monkeypatch):
    import zlib

    from tqa.readers import read_document
    from tqa.text import nearduplicates
    from tqa.text.nearduplicates import normalized

    monkeypatch.setattr(nearduplicates, "SIGNED_TOGETHER", 7)  # several pieces
    document = read_document(str(SEED))
    texts = [normalized(s.text) for a in document.articles for s in a.paragraphs][:40] + ["", "один"]
    keys = nearduplicates.keys_of(texts)
    hasher = nearduplicates.MinHasher()
    prime, rows = (1 << 61) - 1, nearduplicates.ROWS
    for text, packed in zip(texts, keys):
        assert nearduplicates.keys_of([text]) == [packed]
        words = text.split()
        pairs = {f"{a} {b}" for a, b in zip(words, words[1:])} if len(words) > 1 else {text}
        hashes = [zlib.crc32(p.encode()) for p in pairs]
        # (a*h + b) in 64-bit arithmetic (it wraps, as numpy's), mod p, low 32 bits
        signature = [min((int(a) * h + int(b)) % (1 << 64) % prime & 0xFFFFFFFF for h in hashes)
                     for a, b in zip(hasher.a, hasher.b)]
        bands = memoryview(packed).cast("Q").tolist()
        assert bands == [(signature[rows * i] << 32) | signature[rows * i + 1] for i in range(len(bands))]


def _candidates_one_by_one(keys, indexed, groups, count, cap):
    """The specification of banded LSH: insert texts in order into capped
    buckets, querying each text before inserting it."""
    from collections import Counter

    buckets = [{} for _ in range(keys.shape[1])]
    found = {}
    for text in range(len(keys)):
        if not indexed[text]:
            continue
        shared = Counter()
        for band, bucket in enumerate(buckets):
            shared.update(bucket.get(int(keys[text, band]), []))
        ranked = sorted((m for m in shared if groups[m] != groups[text]), key=lambda m: (-shared[m], m))
        if ranked:
            found[text] = ranked[:count]
        for band, bucket in enumerate(buckets):
            members = bucket.setdefault(int(keys[text, band]), [])
            if len(members) < cap:
                members.append(text)
    return found


@pytest.mark.parametrize("seed", range(5))
def test_bulk_lsh_candidates_equal_inserting_texts_one_by_one(seed, monkeypatch):
    import numpy as np

    from tqa.text import nearduplicates

    monkeypatch.setattr(nearduplicates, "QUERY_BLOCK", 7)  # several blocks
    rng = np.random.default_rng(seed)
    texts = 60
    keys = rng.integers(0, 4, size=(texts, 6)).astype(np.uint64)  # few values: long runs, caps reached
    indexed = rng.random(texts) > 0.2
    groups = rng.integers(0, 12, size=texts)
    expected = _candidates_one_by_one(keys, indexed, groups, count=3, cap=5)
    index = nearduplicates.BandIndex(keys, indexed, groups, count=3, cap=5)
    found = {}
    for low, high in index.blocks():
        block = index.candidates_of(low, high)
        assert len(block) <= 7 and not found.keys() & block.keys()
        found.update(block)
    assert expected and found == expected


@pytest.mark.parametrize("lang,text", [
    ("hi", "कोई दिन निर्दिष्ट नहीं किया गया है।"),       # vowel signs are marks: words are not split at them
    ("mr", "मूल्य योग्य JSON असणे आवश्यक आहे."),
    ("bn", "তারিখ এবং সময় নির্বাচন করুন।"),
])
def test_repeated_word_keeps_words_with_combining_marks_whole(lang, text):
    assert findings_of(text, lang=lang, select="repeated-word") == []


def test_repeated_word_found_in_text_with_combining_marks():
    found = findings_of("कोई दिन दिन निर्दिष्ट नहीं किया गया है।", lang="hi", select="repeated-word")
    assert [f.text for f in found] == ["दिन दिन"]


def test_spelt_out_letters_are_not_repeated_words():
    # "UUID" spelt out in Malayalam: യു യു ഐ ഡി
    assert findings_of("സാധുവായ യു യു ഐ ഡി നല്കുക.", lang="ml", select="repeated-word") == []


@pytest.mark.parametrize("text", [
    "The Ministry «opened» a new office — in Astana, on Monday!", "  Министрлік   жаңа\tбағдарламаны\n бекітті…  ",
    "Die Straße (B 96) wird gesperrt: 5 % mehr Verkehr.", "会議は来週、東京で開かれる予定です。", "a\x1cb\u2028c\u00a0d",
    "", " -- ", "İstanbul ΣΊΣΥΦΟΣ ǅ", "x²+y² = r² ½ €5 #tag @user"])
def test_normalized_text_drops_punctuation_symbols_and_spaces(text):
    import regex

    from tqa.text.nearduplicates import normalized

    expected = regex.sub(r"[\p{P}\p{S}\s]+", " ", text.casefold()).strip()
    assert normalized(text) == expected


def test_minhash_permutations_are_the_seeded_draw():
    """data/minhash.yaml holds what numpy.random.RandomState(1) draws (so a
    run need not import numpy.random); band keys depend on every one."""
    import numpy as np

    from tqa.text import nearduplicates

    generator = np.random.RandomState(1)
    prime, count = (1 << 61) - 1, nearduplicates.NUM_PERM
    hasher = nearduplicates.MinHasher()
    assert hasher.a.tolist() == generator.randint(1, prime, size=count, dtype=np.uint64).tolist()
    assert hasher.b.tolist() == generator.randint(0, prime, size=count, dtype=np.uint64).tolist()


NEAR_COPIES = {
    # (paragraph, its near copy, a distinct paragraph on the same topic)
    "en": ("The ministry opened a new office in Astana on Monday morning after a long delay.",
           "The ministry opened its new office in Astana on Monday morning after a long delay.",
           "The agency closed its old office in Almaty on Friday evening after the annual audit."),
    "ru": ("Семинар организован Астанинским хабом государственной службы и ПРООН в Казахстане.",
           "Семинар был организован Астанинским хабом государственной службы и ПРООН в Казахстане.",
           "Выставка посвящена тридцатилетию дипломатических отношений и продлится целый месяц."),
    "kk": ("Әлихан Бәйменов білім беру саласындағы өзгерістер туралы айтты және жаңа жобаларды таныстырды.",
           "Әлихан Бәйменов білім беру саласындағы өзгерістер туралы айтып, жаңа жобаларды таныстырды.",
           "Көрме дипломатиялық қатынастардың отыз жылдығына арналған және іс жүзінде бір айға созылады."),
    "de": ("Die Behörde eröffnete am Montagmorgen nach langer Verzögerung ein neues Büro in Astana.",
           "Die Behörde eröffnete am Montagmorgen nach langer Verzögerung ihr neues Büro in Astana.",
           "Das Amt schloss am Freitagabend nach der jährlichen Prüfung sein altes Büro in Almaty."),
    # no spaces between words: compared letter by letter, not as one long word
    "ja": ("研修では、オープンデータの概念、その利点と活用方法、戦略や法的モデルを含む国際的な経験が取り上げられた。",
           "研修では、オープンデータの概念、その利点と活用方法、戦略や法的モデルを含む国際的な経験が紹介された。",
           "参加者は、公開すべき情報の種類と、社会と経済にとっての利点について意見を交わした。"),
}


@pytest.mark.parametrize("lang", sorted(NEAR_COPIES))
def test_near_copy_paragraph_within_one_article(lang):
    first, copy, other = NEAR_COPIES[lang]
    [found] = findings_of(f"№ 1\n\n{first}\n\n{other}\n\n{copy}\n", lang=lang, select="duplicate-paragraph")
    assert (found.line, found.text) == (7, copy)
    assert "near copy" in found.message and "line 3" in found.message
    assert found.related == ((found.path, 3),)


@pytest.mark.parametrize("lang", sorted(NEAR_COPIES))
def test_distinct_paragraphs_within_one_article_are_no_copies(lang):
    first, _, other = NEAR_COPIES[lang]
    assert findings_of(f"№ 1\n\n{first}\n\n{other}\n", lang=lang, select="duplicate-paragraph") == []


def _distinct_paragraphs(count, seed=5):
    import random

    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ne", "su", "ta", "vo", "ri", "de", "pa", "zu", "ge"]
    vocabulary = sorted({"".join(rng.choice(syllables) for _ in range(3)) for _ in range(2000)})
    return [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(12, 20))).capitalize() + "."
            for _ in range(count)]


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
    assert found.related == ((found.path, 3 + 2 * 37),)
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
    assert [f.related for f in copies_of_first] == [(("<text>.txt", 3 + 2 * 3),)] * 2
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


def test_letters_written_without_spaces_all_stand_beyond_the_quick_test():
    """nearduplicates reads a text as words split at spaces unless it holds
    a character beyond U+0DFF outside the General Punctuation; no Han, kana
    or Thai letter stands there, and no word of other scripts is split."""
    from tqa.text import nearduplicates

    below = [chr(c) for c in [*range(0xE00), *range(0x2000, 0x2070)]]
    assert not [ch for ch in below if nearduplicates._UNSPACED.match(ch)]
    assert nearduplicates.words("l·lícit Việt Nam “quoted”") == ["l·lícit", "Việt", "Nam", "“quoted”"]
    assert nearduplicates.words("データ 3% 上昇") == ["デ", "ー", "タ", "3%", "上", "昇"]
    assert nearduplicates.word_count("研修では国際的な経験") == 5


def test_repeated_word_across_lines_of_no_break_spaces():
    """The space between the two words is any run holding a line break;
    a long one (lines of no-break spaces, which are no blank lines) is
    taken whole, and the pair is still found."""
    for run in ("\n", "\n\u00a0" * 3 + "\n", "\n\u00a0" * 20_000 + "\n"):
        text = f"Title\n\nThe formation of{run}of state resources.\n"
        [found] = findings_of(text, lang="en", select="repeated-word")
        assert found.text == f"of{run}of" and found.suggestion == "of"
    assert findings_of("Title\n\nThe formation of\u2003of state resources.\n", lang="en",
                       select="repeated-word") == []  # an em space is no space of a line, nor a line break


def test_addresses_in_catalog_strings_are_found_where_runs_start_and_after_a_match():
    from tqa.rules.bilingual._shared import LINK as _LINK

    assert _LINK.findall("write a.b@c.org+d@e.org or see https://x.kz/a.") == \
        ["a.b@c.org", "+d@e.org", "https://x.kz/a"]
    assert _LINK.findall("x" * 50_000 + " mail@host.kz") == ["mail@host.kz"]


def test_repeated_word_near_the_end_of_a_line_of_megabytes_keeps_its_column():
    filler = "The ministry opened a new office in the capital city last week. "
    line = filler * (2_000_000 // len(filler)) + "It was was opened."
    found = named(findings_of(line + "\n", lang="en", select="repeated-word"), "repeated-word")
    at = line.rindex("was was")
    assert [(f.line, f.column, f.end_column, f.text) for f in found] == [(1, at + 1, at + 8, "was was")]


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
