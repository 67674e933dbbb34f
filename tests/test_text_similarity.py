"""Text machinery the duplicate rules stand on (tqa.text): chrF equal to
sacreBLEU's, MinHash band keys, the candidate index, normal forms."""

import pytest
from conftest import SEED


@pytest.mark.parametrize(
    "a,b",
    [
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
    ],
)
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
        for b in texts[i + 1 :]:
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
        signature = [
            min((int(a) * h + int(b)) % (1 << 64) % prime & 0xFFFFFFFF for h in hashes)
            for a, b in zip(hasher.a, hasher.b)
        ]
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


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry «opened» a new office — in Astana, on Monday!",
        "  Министрлік   жаңа\tбағдарламаны\n бекітті…  ",
        "Die Straße (B 96) wird gesperrt: 5 % mehr Verkehr.",
        "会議は来週、東京で開かれる予定です。",
        "a\x1cb\u2028c\u00a0d",
        "",
        " -- ",
        "İstanbul ΣΊΣΥΦΟΣ ǅ",
        "x²+y² = r² ½ €5 #tag @user",
    ],
)
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
