"""Where a path lies: the one test of "is this file inside that folder"
that reading, writing and caching share, and the one glob of paths that
configuration and glossaries share."""

from __future__ import annotations

import fnmatch
import os


def is_inside(real: str, folder: str, hidden: bool = True) -> bool:
    """Is the real path ``real`` the real folder ``folder`` or below it? With
    ``hidden=False``, not through a hidden folder or file below ``folder``:
    a walk never enters ``.git`` or ``.github``, so neither may a symlink, a
    glossary or a saved report's path (in CI ``.git/config`` may hold the
    job's token; actions/checkout puts it there)."""
    if real == folder:
        return True
    prefix = folder.rstrip(os.sep) + os.sep
    if not real.startswith(prefix):
        return False
    return hidden or not any(part.startswith(".") for part in real[len(prefix) :].split(os.sep))


def glob_match(rel: str, pattern: str) -> bool:
    """``fnmatch`` where ``**/`` may also match nothing and a bare name
    matches in any folder, the way .gitignore users expect."""
    pattern = pattern.rstrip("/")
    candidates = {pattern}
    if pattern.startswith("**/"):
        candidates.add(pattern[3:])
    if "/" not in pattern:
        candidates.add("**/" + pattern)
    if pattern.endswith("/**"):
        candidates.add(pattern[:-3])
    parts = rel.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(fnmatch.fnmatchcase(p, c) for c in candidates for p in prefixes)


def inside_roots(real: str, roots: list[str]) -> bool:
    """Is the real path ``real`` in one of ``roots``, not through a hidden
    folder (see ``is_inside``)?"""
    return any(is_inside(real, root, hidden=False) for root in roots)
