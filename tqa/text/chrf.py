"""chrF between two texts, with the character n-grams counted by numpy.

sacrebleu's ``CHRF().sentence_score`` counts n-grams in Python ``Counter``s:
about a millisecond for two paragraphs, and a whole archive has tens of
thousands of candidate pairs to confirm. Here each text becomes, once, a
sorted array of n-gram hashes with their counts (all orders together, the
order in the top bits of each hash); a pair is then one ``searchsorted`` and a few
vector operations. The score itself is sacrebleu's formula
(``CHRF._compute_f_score``) on the same statistics, so the numbers are
sacrebleu's (a test holds them equal on many pairs). Hashes keep 61 bits:
two different n-grams of a pair would have to collide for a count to
differ, about one chance in 10^14 per pair.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .memo import text_cache

if TYPE_CHECKING:  # numpy is imported when the first text is counted
    import numpy as np

_MULTIPLIER = 0x9E3779B97F4A7C15  # odd 64-bit constant (golden ratio): spreads code points over 64 bits
_HASH_BITS = 61  # the order (1…6) takes the three bits above


@lru_cache(maxsize=1)
def _chrf():
    from sacrebleu.metrics import CHRF

    return CHRF()  # chrF2: character 6-grams, no word n-grams, whitespace ignored


class NGrams(NamedTuple):
    keys: np.ndarray  # sorted unique n-gram hashes (uint64), the order (1…6) in the top 3 bits
    counts: np.ndarray  # how often each occurs (int64)
    totals: tuple[int, ...]  # n-grams of each order in the text


@text_cache(
    maxsize=128, budget=300_000
)  # about 20 kB a paragraph (~100 bytes a character); the texts compared often are the recent ones
def char_ngrams(text: str) -> NGrams:
    """The character n-grams of ``text`` as chrF counts them: whitespace
    removed, orders 1 to 6."""
    import numpy as np

    chrf = _chrf()
    order_max = chrf.char_order
    line = text if chrf.whitespace else "".join(text.split())
    points = np.frombuffer(line.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    length = len(points)
    multiplier, mask = np.uint64(_MULTIPLIER), np.uint64((1 << _HASH_BITS) - 1)
    parts, totals = [], []
    rolling = None
    for n in range(1, order_max + 1):
        count = max(0, length - n + 1)
        totals.append(count)
        if count == 0:
            continue
        # hash of line[i:i+n] from that of line[i:i+n-1] (wrapping arithmetic)
        rolling = points[:count].copy() if rolling is None else rolling[:count] * multiplier + points[n - 1 :]
        part = (rolling & mask) | np.uint64(n << _HASH_BITS)  # tagged with its order, above the hash
        part.sort()  # six short sorts, one per order, cost less than one long one
        parts.append(part)
    if not parts:
        return NGrams(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64), tuple(totals))
    keys = np.concatenate(parts)  # sorted: the orders come in turn, the order bits on top
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    counts = np.diff(np.append(starts, len(keys)))
    return NGrams(keys[starts], counts, tuple(totals))


def _matches(a: NGrams, b: NGrams) -> list[int]:
    """Per order, the n-grams the two texts share (counted with their
    multiplicity, as chrF's clipped counts)."""
    import numpy as np

    order_max = len(a.totals)
    if not len(a.keys) or not len(b.keys):
        return [0] * order_max
    where = np.minimum(np.searchsorted(b.keys, a.keys), len(b.keys) - 1)
    hit = b.keys[where] == a.keys
    shared = np.minimum(a.counts[hit], b.counts[where[hit]])
    orders = (a.keys[hit] >> np.uint64(_HASH_BITS)).astype(np.int64)
    return np.bincount(orders, weights=shared, minlength=order_max + 1)[1:].astype(np.int64).tolist()


def similarity(a: str, b: str) -> float:
    """chrF of the two texts, the higher of the two directions (0–100):
    a cut-down copy scores high in one direction only."""
    chrf = _chrf()
    grams_a, grams_b = char_ngrams(a), char_ngrams(b)
    forward: list[int] = []
    backward: list[int] = []
    for total_a, total_b, matches in zip(grams_a.totals, grams_b.totals, _matches(grams_a, grams_b)):
        # no hit counts when the other side has no n-gram of this order (as sacrebleu)
        forward += [total_a if total_b else 0, total_b, matches]
        backward += [total_b if total_a else 0, total_a, matches]
    return max(chrf._compute_f_score(forward), chrf._compute_f_score(backward))
