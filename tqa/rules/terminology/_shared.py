"""What the terminology rules share."""

from __future__ import annotations

from functools import lru_cache

import regex

from ...text.resources import load


def fold(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


ACRONYM_IN_BRACKETS = regex.compile(r"\((\p{Lu}[\p{Lu}\p{Ll}]*\p{Lu}[\p{Lu}\d&]*)\)")


NAME_WORD = regex.compile(r"[\p{L}’'&-]+")


def _initials(words: list[str]) -> str:
    """The capitals that start the words and their hyphenated parts
    ("Debian-Richtlinien für Freie Software" -> "DRFS")."""
    return "".join(part[0] for word in words for part in word.split("-") if part[:1].isupper())


def _letters_spelt(acronym: str, initials: str) -> int:
    """How many of the acronym's letters the initials spell, in order (the
    longest common subsequence)."""
    row = [0] * (len(initials) + 1)
    for letter in acronym.casefold():
        before = 0
        for j, initial in enumerate(initials.casefold(), 1):
            before, row[j] = row[j], before + 1 if letter == initial else max(row[j], row[j - 1])
    return row[-1]


def expansion_before(text: str, paren: int, acronym: str) -> tuple[int, str] | None:
    """The name standing before ``(ACRONYM)`` at ``paren``: a run of words
    ending there that starts with a capital bearing the acronym's first
    letter and holds enough capitals to spell most of it. Of those runs, the
    one whose initials spell most of the acronym's letters, and among equals
    the shortest: "Debian Social Contract and ⟦Debian Free Software
    Guidelines⟧ (DFSG)", "Sogar wenn Sie sichere Dienste wie ⟦Secure Shell⟧
    (SSH)". Initials that spell one letter only name no expansion ("NMU
    process is explained in … (NMU)"), and a name holds no lower-case word
    but short ones ("XML-Datei mittels Extensible Stylesheet Language
    Transformation (XSLT)" and "… Prospective Packages list (WNPP)" name
    none)."""
    words = list(NAME_WORD.finditer(text, max(0, paren - 160), paren))
    if not words or text[words[-1].end() : paren].strip():
        return None
    best = None
    best_spelt = 0
    capitals = 0
    for start in range(len(words) - 1, max(-1, len(words) - 13), -1):
        word = words[start].group()
        if word[:1].isupper():
            capitals += 1
        gap = text[words[start].end() : words[start + 1].start()] if start + 1 < len(words) else ""
        if gap.strip(" \t\u00a0"):  # punctuation inside: the name cannot run on across it
            break
        if word[:1].islower() and len(word) > 3:
            break  # a name's lower-case words are short ones (of, and, für): "XML-Datei mittels …", "… list"
        if (
            word[:1].isupper()
            and word[:1].casefold() == acronym[:1].casefold()
            and capitals >= max(2, (len(acronym) + 1) // 2)
        ):
            spelt = _letters_spelt(acronym, _initials([w.group() for w in words[start:]]))
            if spelt > best_spelt:
                best, best_spelt = start, spelt
    if best is None or best_spelt < min(2, len(acronym)):
        return None
    start = words[best].start()
    return start, " ".join(text[start:paren].split())


@lru_cache(maxsize=1)
def spelling_tables() -> tuple[dict[str, str], dict[str, str]]:
    gb_to_us = load("spelling_variants")["gb_to_us"]
    return gb_to_us, {us: gb for gb, us in gb_to_us.items()}
