"""Near-duplicate texts in a large collection, in near-linear time.

Exact copies are found by hashing; near copies with MinHash signatures over
word pairs and locality-sensitive hashing, which proposes only
pairs likely to be similar; each proposal is then confirmed with chrF. No
all-pairs comparison ever runs over the corpus. (The MinHash and LSH here
are the textbook ones in a few numpy lines: datasketch computes the same
but takes half a second to import, through scipy.)
"""

from __future__ import annotations

import heapq
import zlib
from collections import Counter
from typing import Iterator, Sequence

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
    """MinHash signatures (Broder) with fixed, seeded permutations, so the
    same text always gets the same signature; numpy does the arithmetic."""

    def __init__(self, num_perm: int = NUM_PERM, seed: int = 1) -> None:
        import numpy as np

        self._np = np
        generator = np.random.RandomState(seed)
        self.a = generator.randint(1, _PRIME, size=num_perm, dtype=np.uint64)
        self.b = generator.randint(0, _PRIME, size=num_perm, dtype=np.uint64)

    def signature(self, shingles: list[bytes]):
        np = self._np
        hashes = np.fromiter((zlib.crc32(s) for s in shingles), dtype=np.uint64, count=len(shingles))
        # (a*h + b) mod p, kept in 32 bits; then the minimum per permutation
        values = (np.outer(hashes, self.a) + self.b) % np.uint64(_PRIME) & np.uint64(_MAX32)
        return values.min(axis=0)


class BandIndex:
    """Locality-sensitive hashing over signature bands."""

    def __init__(self, bands: int = BANDS, rows: int = ROWS) -> None:
        self.bands, self.rows = bands, rows
        self.buckets: list[dict[bytes, list[int]]] = [{} for _ in range(bands)]

    def _keys(self, signature):
        for band in range(self.bands):
            yield band, signature[band * self.rows:(band + 1) * self.rows].tobytes()

    def query(self, signature) -> Counter:
        """Earlier keys sharing a band with ``signature``, with how many
        bands they share (more shared bands: more alike)."""
        found: Counter = Counter()
        for band, key in self._keys(signature):
            found.update(self.buckets[band].get(key, ()))
        return found

    def insert(self, key: int, signature) -> None:
        for band, bucket_key in self._keys(signature):
            bucket = self.buckets[band].setdefault(bucket_key, [])
            # A band value shared by many texts is a common phrase, not a
            # sign of copying; capping its bucket keeps queries bounded
            # (and the whole search linear) however repetitive the corpus.
            if len(bucket) < BUCKET_CAP:
                bucket.append(key)


def _shingles(text: str) -> list[bytes]:
    words = text.split()
    if len(words) < 2:
        return [text.encode("utf-8")]
    return list({f"{a} {b}".encode("utf-8") for a, b in zip(words, words[1:])})


def find(texts: Sequence[str], threshold: float, same_group: Sequence[object]) -> Iterator[tuple[int, int, float]]:
    """(later, earlier, score) for each text that copies an earlier one of
    another group (article); ``texts`` are already normalised. Each later
    text is reported once, against the first text it copies."""
    from .checks.duplicates import may_be_similar, similarity

    exact: dict[str, int] = {}
    hasher = MinHasher()
    index_ = BandIndex()
    for index, text in enumerate(texts):
        first = exact.get(text)
        if first is not None and same_group[first] != same_group[index]:
            yield index, first, 100.0
            continue
        exact.setdefault(text, index)
        signature = hasher.signature(_shingles(text))
        shared = index_.query(signature)
        # Most alike first (shared bands estimate the Jaccard similarity),
        # earliest first among equals; only the best few are confirmed, so a
        # paragraph that resembles thousands costs the same as one.
        candidates = heapq.nsmallest(MAX_CONFIRMED, (c for c in shared if same_group[c] != same_group[index]),
                                     key=lambda c: (-shared[c], c))
        for candidate in candidates:
            if not may_be_similar(text, texts[candidate]):
                continue
            score = similarity(text, texts[candidate])
            if score >= threshold:
                yield index, candidate, score
                break
        index_.insert(index, signature)
