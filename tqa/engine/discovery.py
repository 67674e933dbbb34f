"""From the paths a user names to the files to check: folders walked,
symlinks kept inside the checked roots, special files refused."""

from __future__ import annotations

import errno
import os
import stat
from typing import Iterable

from ..config import Config
from ..findings import FileError
from ..paths import inside_roots
from ..readers import SNIFFED_SUFFIXES, is_supported, recognised
from ..readers.base import special_kind


def discover(paths: Iterable[str], config: Config, notes: list[str] | None = None) -> tuple[list[str], list[FileError]]:
    """Files to check: given files as they are, folders walked for the
    formats tqa reads, excludes honoured. Order is stable (sorted).

    The checked tree may come from strangers (CI on pull requests), so only
    regular files inside the checked folders are read: the real paths of
    ``paths`` and the config's folder (not their hidden folders, such as
    ``.git``, which a walk skips too). A symlink leading elsewhere, a FIFO,
    a device, a symlink loop or a broken link, and a folder that cannot be
    listed, are each one entry of the errors, and the run goes on with the
    rest. With ``--follow-external-symlinks`` outside links are read
    and each is named in ``notes`` (one line for stderr). Symlinked folders
    met while walking are not entered (as ``os.walk`` does); one named on
    the command line is walked if it leads inside the checked folders."""
    paths = list(paths)
    files: list[str] = []
    errors: list[FileError] = []
    notes = [] if notes is None else notes
    roots = _checked_roots(paths, config)

    def unreadable_folder(exc: OSError) -> None:
        errors.append(FileError(exc.filename or path, f"cannot read folder: {exc.strerror or exc}"))

    for path in paths:
        kind = _admit(path, roots, config, errors, notes, named=True)
        if kind == "folder":
            for folder, dirs, names in os.walk(path, onerror=unreadable_folder):
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and not config.is_excluded(os.path.join(folder, d))
                )
                for name in sorted(names):
                    full = os.path.join(folder, name)
                    # a WordPress export is an .xml file: told by its first bytes, once admitted
                    sniffed = not is_supported(full) and os.path.splitext(name)[1].lower() in SNIFFED_SUFFIXES
                    if (
                        (sniffed or is_supported(full))
                        and not config.is_excluded(full)
                        and _admit(full, roots, config, errors, notes) == "file"
                        and (not sniffed or recognised(full))
                    ):
                        files.append(full)
        elif kind == "file" and not config.is_excluded(path):
            files.append(path)
    return list(dict.fromkeys(files)), errors


def _checked_roots(paths: list[str], config: Config) -> list[str]:
    """The real folders (and files) reading stays inside: each path named on
    the command line, and the project it lies in (the folder of the config
    found above it, else the git work tree holding it), so that links
    between the project's own files keep working. A named path that is, or
    goes through, a symlink inside its project (``notes.txt`` or
    ``content/news`` where ``content`` is a link) adds the folder holding
    that link instead of its target: a link from the tree cannot widen the
    roots it is checked against. Above the project (or the working folder,
    outside any project) the path was chosen by whoever ran tqa and is
    taken as it is. The working folder itself is no root: run from the home
    folder, ``tqa check ~/src/pr-123`` must not read the rest of home."""
    roots = set()
    cwd = os.path.abspath(os.getcwd())
    for path in paths:
        absolute = os.path.abspath(path)
        project = _project_of(absolute, config)
        link = _first_link(absolute, project or cwd)
        roots.add(os.path.realpath(os.path.dirname(link) if link else path))
        if project is not None:
            roots.add(os.path.realpath(project))
    return sorted(roots)


def _project_of(absolute: str, config: Config) -> str | None:
    """The project folder holding ``absolute``: the config's folder when the
    config lies above it (found there, or named with ``--config``), else the
    nearest folder above it with a ``.git``; None outside any."""
    if config.path is not None:
        root = os.path.abspath(config.root)
        if _below(absolute, root):
            return root
    folder = os.path.dirname(absolute)
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _below(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def _first_link(path: str, boundary: str) -> str | None:
    """The outermost symlink among ``path`` itself and its ancestors below
    ``boundary``, or None."""
    found = None
    current = path
    while True:
        if os.path.islink(current):
            found = current
        parent = os.path.dirname(current)
        if parent == current or not _below(parent, boundary):
            return found
        current = parent


def _admit(
    path: str, roots: list[str], config: Config, errors: list[FileError], notes: list[str], named: bool = False
) -> str | None:
    """What ``path`` is to discovery, "file" or "folder", when it may be
    read; otherwise None, with the reason added to ``errors``."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        errors.append(FileError(path, "no such file or directory"))
        return None
    except OSError as exc:
        errors.append(FileError(path, f"cannot read: {exc.strerror or exc}"))
        return None
    if not named and stat.S_ISREG(info.st_mode):  # nearly every file of a walk: nothing more to look at
        return "file"
    linked = stat.S_ISLNK(info.st_mode) or (named and _first_link(os.path.abspath(path), os.sep) is not None)
    if linked:
        try:
            info = os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                errors.append(FileError(path, "symlink loop (too many levels of symbolic links); not read"))
            elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
                errors.append(FileError(path, "broken symlink (what it points to does not exist); not read"))
            else:
                errors.append(FileError(path, f"cannot follow symlink: {exc.strerror or exc}"))
            return None
    what = "folder" if stat.S_ISDIR(info.st_mode) else "file"
    if linked:
        real = os.path.realpath(path)
        if not inside_roots(real, roots):
            if not config.follow_external_symlinks:
                errors.append(
                    FileError(
                        path,
                        f"symlink to a {what} outside the checked folders (or in a hidden "
                        "folder); not read (--follow-external-symlinks allows it)",
                    )
                )
                return None
            notes.append(
                f"{path}: symlink to a {what} outside the checked folders, followed "
                f"(--follow-external-symlinks): {real}"
            )
    special = special_kind(info.st_mode)
    if special is not None:
        errors.append(FileError(path, f"not a regular file ({special}); not read"))
        return None
    return what
