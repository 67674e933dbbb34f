"""Caches of what several rules compute from the same text: the words of a
paragraph, its text with links masked, its character n-grams.

They pay within a file (ten rules read the words of one paragraph); across
files they mostly hold text that will not come back. The engine empties
them after each file, so a worker's memory stays flat however long the
run (``forget``).

A cache is bounded twice: by entries (``maxsize``) and by the characters of
the texts it has computed since it was last emptied (``budget``). Entries
alone do not bound memory: what a cache keeps per text grows with the text
(a tuple per word, a Word per word with a tuple per letter), and one file
from a stranger can hold a thousand paragraphs of a hundred thousand
characters. Past its budget a cache starts afresh, which costs only
recomputation; an ordinary file never reaches it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)

_caches: list = []
_counters: list[list[int]] = []

# Characters of text a cache may have computed results for (~25 MB of
# words_of). Rules take an article one after the other, each through all
# its paragraphs: in an article far longer than this, the next rule finds
# none of the previous one's results anyway, and a larger budget only holds
# more memory (3M characters: 340 MB at the peak of a 10 MB line, 271 MB
# with 1M, at the same speed; also on 2 MB of short paragraphs).
BUDGET = 1_000_000


def text_cache(maxsize: int, budget: int = BUDGET) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)`` of a function of a text (its first
    argument), emptied by ``forget`` and whenever the texts it computed for
    since then pass ``budget`` characters in all."""

    def wrap(function: F) -> F:
        held = [0]  # characters of the texts computed since the cache was last emptied

        def counted(text, *args, **kwargs):
            # runs only on a miss: this is what the cache is about to keep
            held[0] += len(text)
            if held[0] > budget:
                cached.cache_clear()  # safe inside a call: lru_cache stores the result afterwards
                held[0] = len(text)
            return function(text, *args, **kwargs)

        cached = lru_cache(maxsize=maxsize)(counted)
        cached.__wrapped__ = function
        cached.__doc__, cached.__name__, cached.__qualname__ = (
            function.__doc__,
            function.__name__,
            function.__qualname__,
        )
        cached.__module__ = function.__module__
        _caches.append(cached)
        _counters.append(held)
        return cached  # type: ignore[return-value]

    return wrap


def forget() -> None:
    """Empty every text cache (after a file is checked)."""
    for cached in _caches:
        cached.cache_clear()
    for held in _counters:
        held[0] = 0
