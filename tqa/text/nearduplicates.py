"""Near-duplicate texts in a large collection, in near-linear time.

Exact copies are found by hashing; near copies with MinHash signatures over
word pairs and locality-sensitive hashing, which proposes only
pairs likely to be similar; each proposal is then confirmed with chrF. No
all-pairs comparison ever runs over the corpus. (The MinHash and LSH here
are the textbook ones in a few numpy lines: datasketch computes the same
but takes half a second to import, through scipy.)
"""

from __future__ import annotations

import re
import zlib
from itertools import chain
from typing import Iterable, Iterator, Sequence

import regex

from . import memo
from .fuzzy import fuzz
from .memo import text_cache

# 24 bands of 2 rows: a pair whose word pairs have a Jaccard similarity J
# becomes a candidate with probability 1-(1-J²)^24: 0.99 at J = 0.42, the
# lowest score of the reworded boilerplate on the seed page (0.42–0.52);
# 0.63 at 0.2, where rapidfuzz turns most away before chrF runs.
BANDS, ROWS = 24, 2
NUM_PERM = BANDS * ROWS
MAX_CONFIRMED = 4  # candidates per text checked with chrF, most alike first
BUCKET_CAP = 32  # texts kept per band value
_PRIME = (1 << 61) - 1
_MAX32 = (1 << 32) - 1


class MinHasher:
    """MinHash signatures (Broder) with fixed permutations (``data/minhash.yaml``),
    so the same text always gets the same signature; numpy does the arithmetic."""

    def __init__(self) -> None:
        import numpy as np

        from .resources import load

        self._np = np
        permutations = load("minhash")
        self.a = np.array(permutations["a"][:NUM_PERM], dtype=np.uint64)
        self.b = np.array(permutations["b"][:NUM_PERM], dtype=np.uint64)
        self._b_column = self.b[:, None]

    def signatures(self, shingles_of_texts: list[list[int]]):
        """The signatures of several texts (each with one hashed shingle or
        more, see ``_shingle_hashes``), as rows: one numpy pass over all
        their shingles, not one per text."""
        np = self._np
        counts = [len(shingles) for shingles in shingles_of_texts]
        hashes = np.fromiter(chain.from_iterable(shingles_of_texts), dtype=np.uint64, count=sum(counts))
        # (a*h + b) mod p, kept in 32 bits (the product wraps at 64 bits: still
        # one fixed hash per permutation); then the minimum per permutation, per
        # text. A row per permutation, worked in place: the minima then run
        # along rows, three times faster than down the columns of a row per shingle.
        values = np.outer(self.a, hashes)
        values += self._b_column
        values %= np.uint64(_PRIME)
        values &= np.uint64(_MAX32)
        return np.ascontiguousarray(np.minimum.reduceat(values, np.cumsum([0] + counts[:-1]), axis=1).T)


QUERY_BLOCK = 500  # texts whose pairs are counted together (bounds the memory of the counting: ~15 MB)


class BandIndex:
    """Banded LSH done in bulk, over an (n, bands) array of band keys: per
    band, a stable sort puts equal keys side by side in text order, and each
    text meets the texts before it in its run. Only the first ``cap`` texts
    of a run count as members: a band value shared by many texts is a common
    phrase, not a sign of copying, and the cap keeps the pairs (so time and
    memory) linear however repetitive the corpus. The same result as
    inserting texts one by one into capped buckets and querying each before
    inserting it, without a Python object per bucket.

    Built once, then only read: the candidates of each block of texts
    (``candidates_of``) can be counted in any process, and the worker
    processes inherit the index rather than receive it."""

    def __init__(self, keys, indexed, groups, count: int = MAX_CONFIRMED, cap: int = BUCKET_CAP) -> None:
        import numpy as np

        self.ids = ids = np.flatnonzero(indexed)
        self.count, self.cap = count, cap
        self.bands = []  # per band: (place of each indexed text in the sorted band, sort order, start of its run)
        for band in range(keys.shape[1] if len(ids) >= 2 else 0):
            column = keys[ids, band]
            order = np.argsort(column, kind="stable")  # equal keys together, in text order
            ordered = column[order]
            starts_run = np.ones(len(order), dtype=bool)
            starts_run[1:] = ordered[1:] != ordered[:-1]
            run_start = np.flatnonzero(starts_run)[np.cumsum(starts_run) - 1].astype(np.int32)
            place = np.empty(len(order), dtype=np.int32)
            place[order] = np.arange(len(order), dtype=np.int32)
            self.bands.append((place, order.astype(np.int32), run_start))
        self.groups = groups[ids]  # by position in ids, as the pairs are

    def blocks(self) -> list[tuple[int, int]]:
        """Pieces of work: ``QUERY_BLOCK`` indexed texts at a time, whose
        pairs are counted together (memory stays bounded)."""
        if not self.bands:
            return []
        return [(low, min(len(self.ids), low + QUERY_BLOCK)) for low in range(0, len(self.ids), QUERY_BLOCK)]

    def candidates_of(self, low: int, high: int) -> dict[int, list[int]]:
        """For each of the indexed texts ``ids[low:high]`` that has any, the
        ``count`` earlier indexed texts of another group that share most
        bands with it (more shared bands: more alike; the earliest first
        among equals)."""
        return _count_block(self.ids, low, high, self.bands, self.groups, self.count, self.cap)


def _count_block(ids, low, high, bands, groups, count, cap) -> dict[int, list[int]]:
    """Candidates of the indexed texts ``ids[low:high]``."""
    import numpy as np

    found: dict[int, list[int]] = {}
    band_pairs: list[np.ndarray] = []  # per band, (query << 32 | member), positions in ``ids``
    queries = np.arange(low, high, dtype=np.int64) << 32
    for place, order, run_start in bands:
        places = place[low:high]
        seen = np.minimum(places - run_start[places], cap)  # members before it in its run
        total = int(seen.sum())
        if not total:
            continue
        # the k-th member seen by a text is order[run_start + k]
        first_member = np.repeat(run_start[places] - (np.cumsum(seen) - seen), seen) + np.arange(total)
        band_pairs.append(np.repeat(queries, seen) | order[first_member])
    if not band_pairs:
        return found
    # each band's pairs come sorted (by query, then member): a stable sort
    # merges those runs several times faster than np.unique sorts afresh
    pairs = np.concatenate(band_pairs)
    pairs.sort(kind="stable")
    starts = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1])))
    shared = np.diff(np.append(starts, len(pairs)))  # bands each distinct pair shares
    pairs = pairs[starts]
    query, member = pairs >> 32, pairs & 0xFFFFFFFF
    other_group = groups[query] != groups[member]
    query, member, shared = query[other_group], member[other_group], shared[other_group]
    # per text, most shared bands first; a stable sort keeps the earliest first among equals
    order = np.argsort(query * (len(bands) + 1) + (len(bands) - shared), kind="stable")
    query, member = query[order], member[order]
    first = np.ones(len(query), dtype=bool)
    first[1:] = query[1:] != query[:-1]
    rank = np.arange(len(query)) - np.flatnonzero(first)[np.cumsum(first) - 1]
    chosen = rank < count
    for q, m in zip(ids[query[chosen]].tolist(), ids[member[chosen]].tolist()):
        found.setdefault(q, []).append(m)
    return found


def band_keys(signatures) -> list[bytes]:
    """Per signature (a row), one 64-bit integer per band (the band's 32-bit
    rows side by side), packed: 192 bytes a paragraph instead of a list of
    Python integers, as a whole archive's paragraphs wait in memory for the
    band index (the bytes of all texts are one array for ``candidates``)."""
    rows = signatures.reshape(len(signatures), -1, ROWS)
    keys = rows[:, :, 0].copy()
    for row in range(1, ROWS):
        keys = (keys << 32) | rows[:, :, row]
    return [key.tobytes() for key in keys]  # native 64-bit integers


# Letters of the scripts written without spaces between words (their
# Script, not Script_Extensions: a middle dot or a combining tilde is
# shared with Han, and must not split a Catalan or Vietnamese word)
_UNSPACED = regex.compile(r"[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}]")
# a letter of those scripts, or a run of other characters up to a space
_TOKEN = regex.compile(
    r"[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}]"
    r"|[^\s\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}]+"
)
_RUN = regex.compile(
    r"[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}]+"
    r"|[^\s\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}]+"
)
# none of those letters stands below U+0E00 or among the General Punctuation
# (a test holds this): text without other characters needs no Unicode look-up
_MAYBE_UNSPACED = re.compile(r"[^\x00-\u0dff\u2000-\u206f]")


def _unspaced(text: str) -> bool:
    return _MAYBE_UNSPACED.search(text) is not None and _UNSPACED.search(text) is not None


def words(text: str) -> list[str]:
    """The words of a text for comparison: split at spaces, and in
    Chinese, Japanese or Thai, which write no spaces, each letter on its
    own (so that word pairs are pairs of letters: a paragraph of Japanese
    is not one word that a single changed letter makes new)."""
    if not _unspaced(text):
        return text.split()
    return _TOKEN.findall(text)


def word_count(text: str) -> int:
    """Words in ``text``, two letters of Chinese, Japanese or Thai counting
    as one (as language identification counts them)."""
    if not _unspaced(text):
        return len(text.split())
    return sum(max(1, len(run) // 2) if _UNSPACED.match(run) else 1 for run in _RUN.findall(text))


def _shingle_hashes(text: str) -> list[int]:
    """The CRC-32 of each pair of neighbouring words ("a b", UTF-8), or of
    the text when it has one word. A pair met twice counts twice: the
    minimum a signature takes of them is the same."""
    words_ = words(text)
    if len(words_) < 2:
        return [zlib.crc32(text.encode("utf-8"))]
    return list(map(zlib.crc32, map(str.encode, map(" ".join, zip(words_, words_[1:])))))


CHUNK = 2000  # texts per piece of signing work handed to a worker process


def map_in_process(function, items, shared=None) -> list:
    """``Context.map`` without worker processes."""
    return [function(item) if shared is None else function(shared, item) for item in items]


def find(
    texts: Sequence[str], threshold: float, same_group: Sequence[object], parallel_map=None, keys: bytes | None = None
) -> Iterator[tuple[int, int, float]]:
    """(later, earlier, score) for each text that copies an earlier one of
    another group (article); ``texts`` are already normalised. Each later
    text is reported once, against the first text it copies.

    Three steps: signatures (per text), candidates (``BandIndex``: for
    each text, the few earlier texts most alike), and confirmation with
    chrF (per text). The first goes through ``parallel_map`` (see
    ``Context.map``) when given; so do the other two, a block of texts at a
    time, with the index and the texts shared rather than sent with each
    block. ``keys``, the texts' band keys one after the other (see
    ``keys_of``), may come computed already."""
    import numpy as np

    run = parallel_map or map_in_process
    if keys is None:
        keys = b"".join(k for piece in run(keys_of, _pieces(list(texts), CHUNK)) for k in piece)
    exact: dict[str, int] = {}
    copies: dict[int, int] = {}
    group_ids: dict[object, int] = {}
    group_of = [group_ids.setdefault(g, len(group_ids)) for g in same_group]
    for index, text in enumerate(texts):
        first = exact.setdefault(text, index)
        if group_of[first] != group_of[index]:
            copies[index] = first  # a copy word for word: no need for the band index
    indexed = np.ones(len(texts), dtype=bool)
    indexed[list(copies)] = False
    matrix = (
        np.frombuffer(keys, dtype=np.uint64).reshape(len(texts), BANDS)
        if len(texts)
        else np.zeros((0, BANDS), dtype=np.uint64)
    )
    bands = BandIndex(matrix, indexed, np.array(group_of, dtype=np.int64))
    confirmed: dict[int, tuple[int, float]] = {}
    for found in run(_confirmed_block, bands.blocks(), shared=(bands, texts, threshold)):
        confirmed.update(found)
    for index in range(len(texts)):
        if index in copies:
            yield index, copies[index], 100.0
        elif index in confirmed:
            candidate, score = confirmed[index]
            yield index, candidate, score


_hasher_instance: MinHasher | None = None
SIGNED_TOGETHER = 500  # texts whose shingles go through numpy at once
# shingles that go through numpy at once: the work array holds NUM_PERM
# 64-bit values per shingle (50,000: some 20 MB, whatever the texts' lengths)
SHINGLES_TOGETHER = 50_000


def keys_of(texts: Iterable[str]) -> list[bytes]:
    """The band keys of normalised texts (their MinHash signatures, banded),
    read once, in order (they may be packed: ``PackedTexts``).

    Texts are signed together, up to ``SIGNED_TOGETHER`` of them and
    ``SHINGLES_TOGETHER`` shingles; a text with more shingles than that is
    signed a part at a time, its signature the minimum of its parts' (the
    same numbers: a minimum over all shingles either way)."""
    global _hasher_instance
    texts = iter(texts)
    first = next(texts, None)
    if first is None:
        return []  # a catalog has no paragraphs to sign: no numpy, no permutations
    if _hasher_instance is None:
        _hasher_instance = MinHasher()
    hasher = _hasher_instance
    keys: list[bytes] = []
    batch: list[list[int]] = []
    held = 0

    def sign_batch() -> None:
        nonlocal held
        if batch:
            keys.extend(band_keys(hasher.signatures(batch)))
            batch.clear()
            held = 0

    for text in chain((first,), texts):
        shingles = _shingle_hashes(text)
        if len(shingles) > SHINGLES_TOGETHER:
            sign_batch()
            parts = (
                hasher.signatures([shingles[i : i + SHINGLES_TOGETHER]])
                for i in range(0, len(shingles), SHINGLES_TOGETHER)
            )
            signature = next(parts)
            for part in parts:
                hasher._np.minimum(signature, part, out=signature)
            keys.extend(band_keys(signature))
            continue
        if len(batch) == SIGNED_TOGETHER or held + len(shingles) > SHINGLES_TOGETHER:
            sign_batch()
        batch.append(shingles)
        held += len(shingles)
    sign_batch()
    return keys


def _pieces(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _confirmed_block(shared, block: tuple[int, int]) -> dict[int, tuple[int, float]]:
    """For each text of a block of the index that copies an earlier one,
    the first of its candidates that chrF confirms, with its score."""
    from .chrf import similarity

    bands, texts, threshold = shared
    confirmed = {}
    for later, candidates in bands.candidates_of(*block).items():
        text = texts[later]
        if len(text) > MAX_COMPARED:
            continue  # edit distances take time in the product of the lengths: word-for-word copies only
        for candidate in candidates:
            other = texts[candidate]
            if len(other) <= MAX_COMPARED and may_be_similar(text, other):
                score = similarity(text, other)
                if score >= threshold:
                    confirmed[later] = (candidate, score)
                    break
    memo.forget()  # the word sets and n-grams of this block's texts: the next block has others
    return confirmed


# ---- the cheap tests and the normal form that texts are compared in ----

PUNCT = regex.compile(r"[\p{P}\p{S}\s]")


class Spaces(dict):
    """A ``str.translate`` table turning punctuation, symbols and spaces
    (``PUNCT``) into a space and leaving other characters; each character
    is looked up once, when first met. (Faster than ``PUNCT.sub`` on every
    paragraph.)"""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = value = " " if PUNCT.match(char) else char
        return value


SPACES = Spaces()


@text_cache(maxsize=2048)  # a paragraph is compared by two rules, within and across articles
def normalized(text: str) -> str:
    """Text for comparison: case-folded, punctuation and quotes dropped,
    spaces collapsed."""
    return " ".join(filter(None, text.casefold().translate(SPACES).split(" ")))


@text_cache(maxsize=4096)  # some 20 MB; a piece of confirmation work (nearduplicates._batch) reads up to 2,500 texts
def word_set(text: str) -> frozenset[str]:
    return frozenset(words(text))


def may_be_similar(a: str, b: str, words_first: bool = False) -> bool:
    """Cheap prefilter: can these two pass the chrF test? rapidfuzz's
    edit-distance ratio, then word overlap (against the smaller set of
    words, so that a cut-down copy is not turned away for its length).

    The ratio goes first because it is the cheaper test: one C++ call on
    the two strings, where the overlap must split both into sets of words.
    On 10,000 articles the ratio turns away five pairs in six, and the
    confirmations take half the time they took the other way round.
    ``words_first`` turns the order round where the word sets are made
    anyway (duplicate-paragraph's cut-down test): an article with no near
    pair then never imports rapidfuzz (20 ms of a one-article run)."""
    # The ratio is 100·(1 - distance/(len(a)+len(b))), and the distance is
    # at least the difference in length: lengths alone rule out a fifth of
    # the pairs of an archive (in integers: 0.68 is not exact in floating point).
    if 200 * min(len(a), len(b)) < 68 * (len(a) + len(b)):
        return False
    if words_first:
        return words_overlap(a, b) and edit_ratio_passes(a, b)
    return edit_ratio_passes(a, b) and words_overlap(a, b)


def edit_ratio_passes(a: str, b: str) -> bool:
    # On the seed page every pair with chrF >= 73 has an edit ratio >= 72,
    # and unrelated pairs with a ratio near 65 score chrF under 62.
    return fuzz().ratio(a, b) >= 68


def words_overlap(a: str, b: str) -> bool:
    words_a, words_b = word_set(a), word_set(b)
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / min(len(words_a), len(words_b)) >= 0.5


MAX_COMPARED = 20_000  # characters (normalised): longer paragraphs are compared word for word only
