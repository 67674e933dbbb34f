"""Caches of what several rules compute from the same text: the words of a
paragraph, its text with links masked, its character n-grams.

They pay within a file (ten rules read the words of one paragraph); across
files they mostly hold text that will not come back. The engine empties
them after each file, so a worker's memory stays flat however long the
run (``forget``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, TypeVar

F = TypeVar("F", bound=Callable)

_caches: list = []


def text_cache(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, emptied by ``forget``."""

    def wrap(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)
        _caches.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def forget() -> None:
    """Empty every text cache (after a file is checked)."""
    for cached in _caches:
        cached.cache_clear()
