"""What the typography rules share."""

from __future__ import annotations

from functools import lru_cache

import regex

from ...text.resources import load


@lru_cache(maxsize=1)
def typography_data():
    return load("typography")


def function_words_of(lang: str | None) -> frozenset[str]:
    return frozenset(typography_data()["function_words"].get(lang or "", "").split())


def list_conjunctions_of(lang: str | None) -> frozenset[str]:
    return frozenset(typography_data()["list_conjunctions"].get(lang or "", "").split())


@lru_cache(maxsize=64)
def pair_pattern(opener: str, closer: str) -> regex.Pattern:
    return regex.compile(f"[{regex.escape(opener)}{regex.escape(closer)}]")
