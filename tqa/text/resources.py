"""Word lists and tables shipped as data files in ``tqa/data``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import regex
import yaml

# libyaml's parser when PyYAML was built with it: ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed YAML data file ``tqa/data/<name>.yaml``."""
    text = resources.files("tqa").joinpath("data", f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)


def flatten(by_language: dict[str, list[str]]) -> list[str]:
    """All words of a per-language table, each once, in a stable order."""
    seen: dict[str, None] = {}
    for words in by_language.values():
        for word in words:
            seen.setdefault(word, None)
    return list(seen)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that
    "Share this article" wins over "Share"; inner spaces match any run of
    spaces."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w).replace(r"\ ", r"[ \t\u00a0]+") for w in unique)
