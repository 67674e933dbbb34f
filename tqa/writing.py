"""Atomic writes: a report or a fixed file is either fully written or
untouched, never half-written (temporary file in the same folder, fsync,
then rename over the target)."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .paths import is_inside


def write_atomic(path: Path | str, text, encoding: str = "utf-8") -> None:
    """``text``: a string, or an iterable of strings written one by one."""
    pieces = [text] if isinstance(text, str) else text
    _write(Path(path), (piece.encode(encoding) for piece in pieces), durable=True)


def write_atomic_bytes(path: Path | str, data: bytes, durable: bool = False) -> None:
    """Bytes, atomically; ``durable=False`` skips the fsync (cache entries:
    one lost in a power cut is only a miss)."""
    _write(Path(path), [data], durable)


def _write(target: Path, chunks, durable: bool) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    link = _link_out_of_working_folder(folder)
    if link is not None:
        raise PermissionError(errno.EACCES, f"{link} is a symlink to outside the working folder; not written through")
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def _link_out_of_working_folder(folder: Path) -> str | None:
    """A symlink among ``folder`` and its parents below the working folder
    that leads out of it, if any. The checked tree may hold one where a
    report goes (``reports -> /home/runner/.ssh``): a report is written
    where the command line says, never somewhere a pull request links to."""
    cwd = os.path.abspath(os.getcwd())
    real_cwd = os.path.realpath(cwd)
    current = os.path.abspath(folder)
    while current.startswith(cwd.rstrip(os.sep) + os.sep):
        if os.path.islink(current):
            if not is_inside(os.path.realpath(current), real_cwd):
                return current
        current = os.path.dirname(current)
    return None
