"""The result cache: an unchanged corpus is not checked twice.

Where it lives
--------------
Outside the checked project, where a pull request cannot reach:
``$TQA_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/tqa``, else
``~/.cache/tqa``; ``tqa check --cache-dir DIR`` puts the entries elsewhere
(a command-line option only, never a config key: the config comes from the
checked tree). Inside, ``v2/<project>/{run,replay,file}/<key>``, where
``<project>`` is a hash of the project's real path (the config's folder), so
projects never share entries. Folders are created 0700, entries 0600. The
old in-tree ``.tqa-cache/`` of earlier releases is never read, written or
pruned: delete it by hand.

What is kept
------------
Every key holds the tqa version and a hash of tqa's own code and data, the
effective configuration, and the contents of the glossaries, so a new
release, an edited rule, a changed option or glossary never returns an old
result. Three kinds:

- **run**: every file's path as given, its real path and the hash of its
  content (and whether it is reported or only context) -> the whole result.
  An unchanged corpus costs reading and hashing its files.
- **file**: one file (path as given, real path, content) -> its per-file pass
  (the document's skeleton with its languages, article rule findings, what
  cross-article rules prepared). After an edit only the edited files are
  checked again; the cross-article rules run over all files, as they must.
  The real path is in the key because the configuration can give folders
  their own languages: ``x.txt`` checked from ``ru/`` and from ``en/`` is
  two files even with the same content.
- **replay**: a run, the report options and the working folder -> the
  reports as written, the error lines and the exit code (not for HTML,
  which shows when it was made, nor for baselines and GitHub job summaries).

Why entries cannot be supplied or poisoned
------------------------------------------
tqa runs in CI on pull requests from strangers, so anything the checked tree
holds is hostile. Earlier releases kept plain pickles in the tree: a forged
entry ran code on load, or passed a forged clean result off as a check.

Two designs were weighed. Ruff (``.ruff_cache``, bincode) and mypy
(``.mypy_cache``, JSON metadata and data) keep their caches in the project in
formats that cannot run code when read; that stops code execution but not a
forged result, since whoever can write the file can write a well-formed
"nothing found". A data format for tqa would also mean a schema for all of
a per-file pass (a document skeleton, findings, each cross-article rule's
prepared data: arrays, named tuples) written and validated field by field,
a second model of everything that must change with every rule that prepares
something new, and would still need authentication against forgery.

So the entries are authenticated instead: each is ``MAGIC | tag | pickle``
where ``tag`` is HMAC-SHA256 over the kind, the entry's key and the
payload, with a random 32-byte key made once (0600, created exclusively and
linked into place) in the cache folder of the user (``$TQA_CACHE_DIR`` or
the XDG one, never ``--cache-dir``; if that folder is inside the checked
project the cache is not used, with a warning, since the tree could bring
the key; a project that is the home folder or above is no checkout).
``--cache-dir`` may point anywhere, even into the tree: its entries are
authenticated with the key kept elsewhere. Nothing is unpickled before its tag
checks, and an authentic entry cannot be moved to another key or kind. As a
second wall, the unpickler admits only the classes of tqa's own result model
(dataclasses and named tuples of ``tqa.model``, ``tqa.findings``, ``tqa.engine.passes`` and the
rule modules ``tqa.rules.<block>.*``), ``array.array`` and a few plain
builtins; replays admit no class at all. What is loaded is then checked for
its type (a run is a ``RunResult``, a file pass is the ``FilePass`` of the
file asked for, and neither holds an error but a fact about an input: bugs
and dead workers are never stored); ``tqa.cli.check`` checks a replay
field by field. Any
missing, forged, corrupt or foreign entry is a miss, never an exception.

Files and folders
-----------------
Nothing is followed (where the system cannot promise that, on Windows,
there is no cache): every folder is opened relative to its parent with
``O_NOFOLLOW | O_DIRECTORY`` and must be owned by the user; entries are
opened with ``O_NOFOLLOW``, written to an exclusive temporary file and
renamed into place. Hashing a checked file opens its real path with
``O_NOFOLLOW | O_NONBLOCK`` and reads it only when fstat says it is a
regular file within ``tqa.readers.base.MAX_FILE_BYTES``; otherwise there is
no key (a miss), and the reader reports the file.

Pruning
-------
At most once every ``PRUNE_EVERY`` (10 minutes, a stamp file), a run that
stores something prunes the whole cache folder, all projects and kinds:
temporary files older than an hour (left by killed runs), entries unused for
``MAX_AGE`` (30 days; a hit refreshes an entry's time at most once a day),
then the least recently used until the total is within ``BUDGET_BYTES``
(512 MiB). Symlinks found inside are removed, never followed.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import importlib
import io
import os
import pickle
import re
import secrets
import stat
import sys
import time
import weakref
from dataclasses import is_dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable, TypeVar

from .. import __version__
from ..paths import is_inside
from ..readers.base import MAX_FILE_BYTES

_T = TypeVar("_T")

LAYOUT = "v2"
KINDS = ("run", "replay", "file")
BUDGET_BYTES = 512 * 1024 * 1024  # all projects' entries together
MAX_AGE = 30 * 24 * 3600  # an entry unused this long is removed
TEMP_AGE = 3600  # a temporary file this old was left by a killed run
PRUNE_EVERY = 10 * 60  # pruning scans the folder: not on every run
TOUCH_AFTER = 24 * 3600  # a hit marks its entry as used when older than this
KEY_BYTES = 32
MAGIC = b"tqa-cache v2\n"
TAG_BYTES = 32  # HMAC-SHA256

_ENTRY_NAME = re.compile(r"[0-9a-f]{40}")
_PROJECT_NAME = re.compile(r"[0-9a-f]{32}")
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _O_NOFOLLOW | _O_CLOEXEC
_READ_FLAGS = os.O_RDONLY | _O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | _O_CLOEXEC
_NEW_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC
# without O_NOFOLLOW and folder-relative calls (Windows) the cache cannot
# refuse symlinks, so it is not used there at all
SUPPORTED = (
    bool(_O_NOFOLLOW)
    and {os.open, os.mkdir, os.unlink, os.rename, os.stat} <= os.supports_dir_fd
    and os.scandir in os.supports_fd
)
# what opening through a symlink with O_NOFOLLOW, or a file as a folder, fails with
_REFUSED = {errno.ELOOP, errno.ENOTDIR, errno.EMLINK}


class Unusable(Exception):
    """The cache folder is not safe to use (a symlink, someone else's, inside
    the checked project): the run goes on without the cache, and says so."""


@lru_cache(maxsize=1)
def code_hash() -> str:
    """A hash of tqa's own files: rules, data, templates."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".txt", ".j2", ".js", ".css", ".json", ".gz"):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def config_hash(config) -> str | None:
    """The effective configuration, glossary contents included; None when a
    glossary cannot be hashed (then nothing is cached: an edit to it could
    not be seen)."""
    from ..glossary import GlossaryError, pack_bytes, pack_name

    digest = hashlib.blake2b(repr(config).encode("utf-8", "surrogateescape"), digest_size=16)
    for glossary in config.glossary_sources():
        content: str | None
        if pack_name(str(glossary)) is not None:
            # a glossary tqa ships: in an editable install it lies outside
            # the package folder that code_hash reads
            try:
                content = hashlib.blake2b(pack_bytes(str(glossary)), digest_size=20).hexdigest()
            except (GlossaryError, OSError):
                return None
        else:
            content = content_hash(str(glossary))  # the path the glossary is loaded from
        if content is None:
            return None
        digest.update(b"\x1f" + str(glossary).encode("utf-8", "surrogateescape") + b"\x1e" + content.encode())
    return digest.hexdigest()


def content_hash(path: str) -> str | None:
    """The hash of a regular file's bytes; None for anything else (a FIFO, a
    device, a file over ``MAX_FILE_BYTES``), decided by fstat before a byte
    is read: a FIFO must not block the run, a huge file must not be read
    only to be refused by the reader afterwards."""
    try:
        fd = os.open(os.path.realpath(path), _READ_FLAGS)
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        digest = hashlib.blake2b(digest_size=20)
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > MAX_FILE_BYTES:  # grew after the fstat
                return None
            digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


def default_folder() -> Path | None:
    """``$TQA_CACHE_DIR``, else ``$XDG_CACHE_HOME/tqa``, else ``~/.cache/tqa``
    (None when there is no home to put it in)."""
    chosen = os.environ.get("TQA_CACHE_DIR")
    if chosen:
        return Path(os.path.abspath(os.path.expanduser(chosen)))
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative value is ignored
        return Path(xdg) / "tqa"
    try:
        return Path.home() / ".cache" / "tqa"
    except (RuntimeError, KeyError, OSError):
        return None


def _home() -> str:
    try:
        return os.path.realpath(Path.home())
    except (RuntimeError, KeyError, OSError):
        return os.sep + "nonexistent"


def project_id(root) -> str:
    return hashlib.sha256(os.fsencode(os.path.realpath(root))).hexdigest()[:32]


# ---- folders and files, never through a symlink ----


def _checked_dir(fd: int, shown) -> int:
    info = os.fstat(fd)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        os.close(fd)
        raise Unusable(f"{shown} is not a folder of this user")
    return fd


def _open_dir(path: Path) -> int:
    """An absolute folder, made 0700 if absent; the last part must not be a
    symlink (those above it are the user's own choice)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    try:
        fd = os.open(path, _DIR_FLAGS)
    except OSError as exc:
        if exc.errno in _REFUSED:
            raise Unusable(f"{path} is a symbolic link or not a folder") from exc
        raise
    return _checked_dir(fd, path)


def _open_sub(parent: int, name: str, shown, create: bool = True) -> int:
    if create:
        try:
            os.mkdir(name, 0o700, dir_fd=parent)
        except FileExistsError:
            pass
    try:
        fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
    except OSError as exc:
        if exc.errno in _REFUSED:
            raise Unusable(f"{shown} is a symbolic link or not a folder") from exc
        raise
    return _checked_dir(fd, shown)


def _create_once(folder: int, name: str, data: bytes) -> None:
    """Write ``name`` unless something is there already (never over a
    symlink or a file the user put there)."""
    try:
        fd = os.open(name, _NEW_FLAGS, 0o600, dir_fd=folder)
    except OSError:
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _read_key(folder: int, shown) -> bytes:
    """The key that authenticates entries, made on first use: 32 random
    bytes, 0600, written to an exclusive temporary file and linked into
    place, so a concurrent run sees the whole key or none."""
    try:
        fd = os.open("key", _READ_FLAGS, dir_fd=folder)
    except FileNotFoundError:
        temp = f".key.{secrets.token_hex(8)}.tmp"
        fd = os.open(temp, _NEW_FLAGS, 0o600, dir_fd=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(KEY_BYTES))
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(temp, "key", src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
            except FileExistsError:
                pass  # another run made it first: theirs is the key
        finally:
            os.unlink(temp, dir_fd=folder)
        fd = os.open("key", _READ_FLAGS, dir_fd=folder)
    except OSError as exc:
        if exc.errno in _REFUSED:
            raise Unusable(f"{shown}/key is a symbolic link") from exc
        raise  # a read-only disk: no cache, quietly
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        key = handle.read(KEY_BYTES + 1) if stat.S_ISREG(info.st_mode) else b""
    if info.st_uid != os.getuid() or info.st_mode & 0o077 or len(key) != KEY_BYTES:
        raise Unusable(f"{shown}/key is not a 0600 file of {KEY_BYTES} bytes of this user")
    return key


# ---- what an entry may hold ----

_BUILTINS = {
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "bytearray"),
    ("builtins", "complex"),
    ("array", "array"),
    ("array", "_array_reconstructor"),
}
_FUNCTIONS = {("tqa.findings", "_interned_finding")}  # Finding.__reduce__


def _model_module(module: str) -> bool:
    return (
        module in ("tqa.model", "tqa.findings", "tqa.engine.passes")
        or re.fullmatch(r"tqa\.rules\.[a-z_]+\.[a-z_]+", module) is not None
    )


class _Unpickler(pickle.Unpickler):
    """Admits tqa's result model and plain builtins only (``classes=False``:
    builtins only). The only modules it may import are tqa's model, engine
    and rule modules, which every run imports anyway."""

    def __init__(self, data: bytes, start: int, classes: bool) -> None:
        stream = io.BytesIO(data)  # shares the bytes, no copy
        stream.seek(start)
        super().__init__(stream)
        self.classes = classes

    def find_class(self, module: str, name: str):
        if (module, name) in _BUILTINS:
            return super().find_class(module, name)
        if self.classes and "." not in name and _model_module(module):
            try:  # a rule module this process has not needed yet; nothing outside tqa's model and rules
                loaded = sys.modules.get(module) or importlib.import_module(module)
            except ImportError:
                loaded = None
            found = getattr(loaded, name, None)
            if (module, name) in _FUNCTIONS and callable(found):
                return found
            if isinstance(found, type) and found.__module__ == module and _is_data(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")


def _is_data(cls: type) -> bool:
    from ..model import OffsetRuns, PackedTexts, SourceText

    return (
        is_dataclass(cls)
        or (issubclass(cls, tuple) and hasattr(cls, "_fields"))
        or cls in (SourceText, OffsetRuns, PackedTexts)
    )


class Cache:
    def __init__(self, root, config, folder: str | os.PathLike | None = None) -> None:
        """The cache of the project at ``root``; entries in ``folder`` (the
        ``--cache-dir``) or the user's cache folder. ``warning`` says why the
        cache is not used, when that is for safety."""
        self.project = os.path.realpath(root)
        settings = config_hash(config)
        self.salt = f"{code_hash()}:{settings}" if settings else None
        self.contents: dict[str, tuple[str, str] | None] = {}
        self.hits = self.misses = 0
        self.warning: str | None = None
        self.budget, self.max_age = BUDGET_BYTES, MAX_AGE
        self._key: bytes | None = None
        self._fds: dict[str, int] = {}
        self._prune_due = True
        self._closer = weakref.finalize(self, _close_all, self._fds)
        if self.salt is None or not SUPPORTED:
            return
        try:
            self._open(Path(os.path.abspath(folder)) if folder is not None else None)
        except Unusable as exc:
            self.warning = f"cache not used: {exc}"
            self.close()
        except OSError:  # no home, a read-only disk: run without caching
            self.close()

    def _open(self, folder: Path | None) -> None:
        base = default_folder()
        if base is None:
            raise OSError("no cache folder")
        # the key authenticates entries: where the checked tree could supply
        # it, it would authenticate nothing (a --cache-dir may be anywhere).
        # A project at or above the home folder (no config: the folder one
        # stands in) is not a checkout, and ~/.cache is where caches go.
        if is_inside(os.path.realpath(base), self.project) and not is_inside(_home(), self.project):
            raise Unusable(
                f"the folder of its key, {base}, is inside the checked project (set TQA_CACHE_DIR elsewhere)"
            )
        base_fd = _open_dir(base)
        try:
            key = _read_key(base_fd, base)
            root_fd = base_fd if folder is None else _open_dir(folder)
        except BaseException:
            os.close(base_fd)
            raise
        if root_fd != base_fd:
            os.close(base_fd)
        root = folder or base
        try:
            _create_once(
                root_fd,
                "CACHEDIR.TAG",
                b"Signature: 8a477f597d28d172789f06886806bc55\n# tqa result cache; safe to delete\n",
            )
            _create_once(root_fd, ".gitignore", b"*\n")  # for a --cache-dir inside a work tree
            layout = self._fds["layout"] = _open_sub(root_fd, LAYOUT, root / LAYOUT)
        finally:
            os.close(root_fd)
        name = project_id(self.project)
        project = _open_sub(layout, name, root / LAYOUT / name)
        try:
            for kind in KINDS:
                self._fds[kind] = _open_sub(project, kind, root / LAYOUT / name / kind)
        finally:
            os.close(project)
        self._key = key

    def close(self) -> None:
        self._key = None
        _close_all(self._fds)

    # ---- keys ----

    def _digest(self, *parts: str) -> str | None:
        if self.salt is None:
            return None
        digest = hashlib.blake2b(self.salt.encode("utf-8"), digest_size=20)
        for part in parts:
            digest.update(b"\x1f" + part.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def content(self, path: str) -> tuple[str, str] | None:
        """(real path, content hash) of ``path``; None: no key for it."""
        if path not in self.contents:
            digest = content_hash(path)
            self.contents[path] = (os.path.realpath(path), digest) if digest else None
        return self.contents[path]

    def run_key(self, files: list[str], reported: set[str] | None, inputs: list[str]) -> str | None:
        if self.salt is None:
            return None
        parts = []
        for path in files:
            content = self.content(path)
            if content is None:
                return None  # an unreadable or refused file: its error is reported afresh
            parts.append(f"{path}\x1e{content[0]}\x1e{content[1]}\x1e{reported is None or path in reported}")
        return self._digest("run", *inputs, "\x1d", *parts)

    # ---- storage ----

    def _tag(self, kind: str, key: str, payload: bytes | memoryview) -> bytes:
        secret = self._key
        if secret is None:  # _load and _store read and write only with a key
            raise RuntimeError("cache entry tagged without a key")
        mac = hmac.new(secret, MAGIC, hashlib.sha256)
        mac.update(f"{kind}\0{key}\0".encode("ascii"))
        mac.update(payload)
        return mac.digest()

    def _load(self, kind: str, key: str, valid):
        value = self._read(kind, key, valid) if self._key is not None and _ENTRY_NAME.fullmatch(key) else None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def _read(self, kind: str, key: str, valid):
        try:
            fd = os.open(key, _READ_FLAGS, dir_fd=self._fds[kind])
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_size > self.budget:
                return None
            with os.fdopen(os.dup(fd), "rb") as handle:
                data = handle.read(info.st_size + 1)
            head = len(MAGIC) + TAG_BYTES
            if len(data) != info.st_size or not data.startswith(MAGIC):
                return None
            payload = memoryview(data)[head:]
            if not hmac.compare_digest(data[len(MAGIC) : head], self._tag(kind, key, payload)):
                return None  # not made by this user's tqa with this key, or altered since
            try:
                value = _Unpickler(data, head, classes=kind != "replay").load()
            except Exception:  # noqa: BLE001 - authentic but not loadable (a class renamed since): a miss
                return None
            if not valid(value):
                return None
            if time.time() - info.st_mtime > TOUCH_AFTER:
                try:
                    os.utime(fd)  # used: pruning by age goes by this
                except OSError:
                    pass
            return value
        except OSError:
            return None
        finally:
            os.close(fd)

    def _store(self, kind: str, key: str, value) -> None:
        if self._key is None or not _ENTRY_NAME.fullmatch(key):
            return
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a rule prepared something that cannot be kept: not cached
            return
        if len(payload) + len(MAGIC) + TAG_BYTES > self.budget:
            return
        folder = self._fds[kind]
        temp = f".{key}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(temp, _NEW_FLAGS, 0o600, dir_fd=folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(MAGIC)
                    handle.write(self._tag(kind, key, payload))
                    handle.write(payload)
                os.rename(temp, key, src_dir_fd=folder, dst_dir_fd=folder)  # whole entries only
            except BaseException:
                try:
                    os.unlink(temp, dir_fd=folder)
                except OSError:
                    pass
                raise
        except OSError:
            return  # a full disk: run without caching
        if self._prune_due:
            self._prune_due = False
            self.prune_if_due()

    # ---- pruning ----

    def prune_if_due(self) -> bool:
        """Prune unless it was done in the last ``PRUNE_EVERY`` (a stamp file,
        so that a run costs a stat, not a scan). True if it pruned."""
        layout = self._fds.get("layout")
        if layout is None:
            return False
        try:
            try:
                info = os.stat(".pruned", dir_fd=layout, follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and time.time() - info.st_mtime < PRUNE_EVERY:
                    return False
            except FileNotFoundError:
                pass
            fd = os.open(".pruned", os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | _O_CLOEXEC, 0o600, dir_fd=layout)
            try:
                os.utime(fd)  # claimed first: runs starting now do not scan too
            finally:
                os.close(fd)
        except OSError:
            return False
        self.prune()
        return True

    def prune(self, now: float | None = None) -> None:
        """Remove old temporary files, entries unused for ``max_age``, then
        the least recently used entries until all projects' entries together
        fit ``budget``. Only names the cache makes are touched; a symlink
        found inside is removed itself, never followed."""
        layout = self._fds.get("layout")
        if layout is None:
            return
        now = time.time() if now is None else now
        live: list[tuple[float, int, str, str, str]] = []  # (mtime, size, project, kind, name)
        own = project_id(self.project)
        try:
            projects = [
                e.name
                for e in os.scandir(layout)
                if _PROJECT_NAME.fullmatch(e.name) and e.is_dir(follow_symlinks=False)
            ]
        except OSError:
            return
        for project in projects:
            kept = _scan_project(layout, project, now, self.max_age, live)
            if kept == 0 and project != own:  # a project no longer checked: its folders go too
                _remove_folders(layout, project)
        total = sum(size for _, size, *_ in live)
        if total <= self.budget:
            return
        live.sort()
        doomed: dict[tuple[str, str], list[str]] = {}
        for _mtime, size, project, kind, name in live:
            if total <= self.budget:
                break
            doomed.setdefault((project, kind), []).append(name)
            total -= size
        for (project, kind), names in doomed.items():
            _in_folder(layout, project, kind, partial(_unlink_all, names=names))

    # ---- whole runs ----

    def load_run(self, key: str | None):
        from ..findings import RunResult

        return self._load("run", key, lambda v: isinstance(v, RunResult) and _facts_only(v.errors)) if key else None

    def store_run(self, key: str | None, result) -> None:
        if key:
            self._store("run", key, replace(result, documents={}, _sources={}))

    # ---- reports of whole runs, to write again as they were ----

    def replay_key(self, run_key: str | None, settings: str) -> str | None:
        """The same run and report options from another folder writes its
        reports elsewhere (relative ``--output``): the folder is in the key."""
        if not run_key:
            return None
        try:
            here = os.getcwd()
        except OSError:
            return None
        return self._digest("replay", run_key, settings, here)

    def load_replay(self, key: str | None):
        return self._load("replay", key, lambda v: isinstance(v, dict)) if key else None

    def store_replay(self, key: str | None, value: dict) -> None:
        if key:
            self._store("replay", key, value)

    # ---- single files ----

    def _file_key(self, path: str, report: bool) -> str | None:
        content = self.content(path)
        return self._digest("file", path, content[0], content[1], str(report)) if content else None

    def file_pass(self, path: str, report: bool):
        """The cached pass of ``path`` (its document's skeleton holds all a
        run needs of it: the file is not read or parsed again)."""
        from .passes import FilePass

        key = self._file_key(path, report)
        if not key:
            return None
        return self._load(
            "file",
            key,
            lambda v: (
                isinstance(v, FilePass)
                and v.path == path
                and v.document is not None
                and (v.raw is not None) == report
                and _facts_only(v.errors)
            ),
        )

    def store_file_pass(self, one) -> None:
        from ..findings import is_transient

        if one.document is None or any(is_transient(e) for e in one.errors):
            return  # unreadable files and rule crashes are reported afresh each run
        key = self._file_key(one.path, one.raw is not None)
        if key:
            self._store("file", key, one)


def _facts_only(errors) -> bool:
    """Whether the errors of a loaded run or file pass are all facts about
    the inputs (``FileError`` of kind INPUT), as stored entries' are: a bug
    or a worker's death is never stored (it is met afresh each run)."""
    from ..findings import FileError, is_transient

    return isinstance(errors, list) and all(isinstance(e, FileError) and not is_transient(e) for e in errors)


def _close_all(fds: dict[str, int]) -> None:
    for fd in fds.values():
        try:
            os.close(fd)
        except OSError:
            pass
    fds.clear()


def _unlink(folder: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=folder)
    except OSError:
        pass  # gone already: another run pruned it


def _unlink_all(folder: int, names: list[str]) -> None:
    for name in names:
        _unlink(folder, name)


def _in_folder(layout: int, project: str, kind: str | None, action: Callable[[int], _T]) -> _T | None:
    """``action(fd)`` on ``layout/project[/kind]``, opened without following
    symlinks; nothing if it is not there or not ours."""
    try:
        outer = _open_sub(layout, project, project, create=False)
    except (OSError, Unusable):
        return None
    try:
        if kind is None:
            return action(outer)
        try:
            inner = _open_sub(outer, kind, kind, create=False)
        except (OSError, Unusable):
            return None
        try:
            return action(inner)
        finally:
            os.close(inner)
    finally:
        os.close(outer)


def _scan_project(layout: int, project: str, now: float, max_age: float, live: list) -> int:
    """Remove what has expired in one project's folders; add the rest to
    ``live``. Returns how many entries were kept."""
    kept = 0

    def scan(folder: int, kind: str) -> None:
        nonlocal kept
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISLNK(info.st_mode):
                    _unlink(folder, entry.name)  # never made by tqa: the link goes, its target is untouched
                elif not stat.S_ISREG(info.st_mode):
                    continue
                elif entry.name.endswith(".tmp"):
                    if now - info.st_mtime > TEMP_AGE:
                        _unlink(folder, entry.name)
                elif _ENTRY_NAME.fullmatch(entry.name):
                    if now - info.st_mtime > max_age:
                        _unlink(folder, entry.name)
                    else:
                        live.append((info.st_mtime, info.st_size, project, kind, entry.name))
                        kept += 1

    for kind in KINDS:
        try:
            _in_folder(layout, project, kind, partial(scan, kind=kind))
        except OSError:
            kept += 1  # not readable now: kept, and its folders with it
    return kept


def _remove_folders(layout: int, project: str) -> None:
    def empty(folder: int) -> None:
        for kind in KINDS:
            try:
                os.rmdir(kind, dir_fd=folder)
            except OSError:
                pass  # not empty (a run is writing to it) or not there

    _in_folder(layout, project, None, empty)
    try:
        os.rmdir(project, dir_fd=layout)
    except OSError:
        pass


def open_cache(config, folder: str | os.PathLike | None = None) -> Cache:
    """The cache of the project whose config this is (see the module's
    docstring for where it lives)."""
    return Cache(config.root, config, folder)
