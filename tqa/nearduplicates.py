"""Near-duplicate texts in a large collection, in near-linear time.

Exact copies are found by hashing; near copies with MinHash signatures over
word pairs and locality-sensitive hashing (datasketch), which proposes only
pairs likely to be similar; each proposal is then confirmed with chrF. No
all-pairs comparison ever runs over the corpus.
"""

from __future__ import annotations

import zlib
from typing import Iterator, Sequence

NUM_PERM = 64
# Word-pair Jaccard of reworded boilerplate on the seed page is 0.42–0.52;
# unrelated paragraphs on the same topic stay under 0.33.
LSH_THRESHOLD = 0.35


def _hash(data: bytes) -> int:
    return zlib.crc32(data)  # deterministic across runs, unlike hash()


def _shingles(text: str) -> list[bytes]:
    words = text.split()
    if len(words) < 2:
        return [text.encode("utf-8")]
    return list({f"{a} {b}".encode("utf-8") for a, b in zip(words, words[1:])})


def find(texts: Sequence[str], threshold: float, same_group: Sequence[object]) -> Iterator[tuple[int, int, float]]:
    """(later, earlier, score) for each text that copies an earlier one of
    another group (article); ``texts`` are already normalised. Each later
    text is reported once, against the first text it copies."""
    from datasketch import MinHash, MinHashLSH

    from .checks.duplicates import may_be_similar, similarity

    exact: dict[str, int] = {}
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    template = MinHash(num_perm=NUM_PERM, hashfunc=_hash)
    for index, text in enumerate(texts):
        first = exact.get(text)
        if first is not None and same_group[first] != same_group[index]:
            yield index, first, 100.0
            continue
        exact.setdefault(text, index)
        signature = MinHash(num_perm=NUM_PERM, hashfunc=_hash, permutations=template.permutations,
                            scheme=template.scheme)
        signature.update_batch(_shingles(text))
        match = None
        for candidate in sorted(lsh.query(signature)):
            if same_group[candidate] == same_group[index] or not may_be_similar(text, texts[candidate]):
                continue
            score = similarity(text, texts[candidate])
            if score >= threshold:
                match = candidate, score
                break
        if match is not None:
            yield index, match[0], match[1]
        lsh.insert(index, signature)
