"""rapidfuzz's scorers, imported at the first comparison.

Importing rapidfuzz takes some 20 ms, which a run that compares nothing
should not pay; and the rules compare tens of thousands of pairs, where an
import statement in each call would cost more than the comparison.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def fuzz():
    """The ``rapidfuzz.fuzz`` module."""
    from rapidfuzz import fuzz as scorers

    return scorers
