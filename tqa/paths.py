"""Where a path lies: the one test of "is this file inside that folder"
that reading, writing and caching share."""

from __future__ import annotations

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
    return hidden or not any(part.startswith(".") for part in real[len(prefix):].split(os.sep))
