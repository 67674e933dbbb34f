"""What the terminology rules share."""

from __future__ import annotations

from functools import lru_cache

import regex

from ...text.resources import load


def fold(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


ACRONYM_IN_BRACKETS = regex.compile(r"\((\p{Lu}[\p{Lu}\p{Ll}]*\p{Lu}[\p{Lu}\d&]*)\)")


NAME_WORD = regex.compile(r"[\p{L}’'&-]+")


def expansion_before(text: str, paren: int, acronym: str) -> tuple[int, str] | None:
    """The name standing before ``(ACRONYM)`` at ``paren``: the longest run
    of words ending there that starts with a capital bearing the acronym's
    first letter and holds enough capitals to spell most of it."""
    words = list(NAME_WORD.finditer(text, max(0, paren - 160), paren))
    if not words or text[words[-1].end() : paren].strip():
        return None
    best = None
    capitals = 0
    for start in range(len(words) - 1, max(-1, len(words) - 13), -1):
        word = words[start].group()
        if word[:1].isupper():
            capitals += 1
        gap = text[words[start].end() : words[start + 1].start()] if start + 1 < len(words) else ""
        if gap.strip(" \t\u00a0"):  # punctuation inside: the name cannot run on across it
            break
        if (
            word[:1].isupper()
            and word[:1].casefold() == acronym[:1].casefold()
            and capitals >= max(2, (len(acronym) + 1) // 2)
        ):
            best = start
    if best is None:
        return None
    start = words[best].start()
    return start, " ".join(text[start:paren].split())


@lru_cache(maxsize=1)
def spelling_tables() -> tuple[dict[str, str], dict[str, str]]:
    gb_to_us = load("spelling_variants")["gb_to_us"]
    return gb_to_us, {us: gb for gb, us in gb_to_us.items()}
