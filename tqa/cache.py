"""The result cache (``.tqa-cache/`` beside the config, ``--no-cache`` to
bypass): an unchanged corpus is not checked twice.

Every key holds the tqa version and a hash of tqa's own code and data, the
effective configuration, and the contents of the glossaries, so a new
release, an edited rule, a changed option or glossary never returns an old
result. Two levels:

- **run**: the hash of every file's content (and whether it is reported or
  only context) -> the whole result. An unchanged corpus costs reading and
  hashing its files.
- **file**: one file's content -> its per-file pass (the document's
  skeleton with its languages, article rule findings, what cross-article
  rules prepared). After an edit only the edited files are checked again; the
  cross-article rules run over all files, as they must.
- **replay**: a run and the report options -> the reports as written, the
  error lines and the exit code, so an unchanged corpus re-checked with the
  same command costs hashing its files (not for HTML, which shows when it
  was made, nor for baselines and GitHub job summaries, which depend on
  more than the run).

Entries are written atomically (temporary file, then rename), so runs that
share the cache never see half an entry; an unreadable entry is a miss. The
entries are pickles, trusted like the ``__pycache__`` bytecode beside them:
they are made and read only by this project's own runs.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import __version__

FOLDER = ".tqa-cache"
LAYOUT = "v1"
KEEP_RUNS = 16  # whole-run entries kept (the most recent)
KEEP_REPLAYS = 4  # written reports kept (they can be large)


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


def config_hash(config) -> str:
    """The effective configuration, glossary contents included."""
    digest = hashlib.blake2b(repr(config).encode("utf-8"), digest_size=16)
    for glossary in config.glossaries:
        try:
            digest.update(Path(config.root, glossary).read_bytes())
        except OSError:
            digest.update(b"unreadable:" + glossary.encode())
    return digest.hexdigest()


def content_hash(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.blake2b(handle.read(), digest_size=20).hexdigest()
    except OSError:
        return None


class Cache:
    def __init__(self, root: Path, config) -> None:
        self.folder = Path(root) / FOLDER / LAYOUT
        self.salt = f"{code_hash()}:{config_hash(config)}"
        self.contents: dict[str, str | None] = {}
        self.hits = self.misses = 0

    # ---- keys ----

    def _digest(self, *parts: str) -> str:
        digest = hashlib.blake2b(self.salt.encode("utf-8"), digest_size=20)
        for part in parts:
            digest.update(b"\x1f" + part.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def content(self, path: str) -> str | None:
        if path not in self.contents:
            self.contents[path] = content_hash(path)
        return self.contents[path]

    def run_key(self, files: list[str], reported: set[str] | None, inputs: list[str]) -> str | None:
        parts = []
        for path in files:
            content = self.content(path)
            if content is None:
                return None  # an unreadable file: its error is reported afresh
            parts.append(f"{path}\x1e{content}\x1e{reported is None or path in reported}")
        return self._digest("run", *inputs, "\x1d", *parts)

    # ---- storage ----

    def _load(self, kind: str, key: str):
        try:
            with open(self.folder / kind / key[:2] / key, "rb") as handle:
                value = pickle.load(handle)
        except Exception:  # noqa: BLE001 - missing, half-written by a crash, or from another Python: a miss
            self.misses += 1
            return None
        self.hits += 1
        return value

    def _store(self, kind: str, key: str, value) -> None:
        from .writing import write_atomic_bytes

        folder = self.folder / kind / key[:2]
        try:
            if not (self.folder.parent / "CACHEDIR.TAG").exists():
                self._mark()
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic_bytes(folder / key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a read-only checkout: run without caching

    def _mark(self) -> None:
        """Tell backup tools and git that this folder is a cache."""
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        (self.folder.parent / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# tqa result cache; safe to delete\n", encoding="ascii")
        (self.folder.parent / ".gitignore").write_text("*\n", encoding="ascii")

    # ---- whole runs ----

    def load_run(self, key: str | None):
        return self._load("run", key) if key else None

    def store_run(self, key: str | None, result) -> None:
        if not key:
            return
        self._store("run", key, replace(result, documents={}, _sources={}))
        self._prune("run", KEEP_RUNS)

    def _prune(self, kind: str, keep: int) -> None:
        try:
            entries = sorted((p for p in (self.folder / kind).glob("*/*") if p.is_file()),
                             key=lambda p: p.stat().st_mtime, reverse=True)
            for old in entries[keep:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass

    # ---- reports of whole runs, to write again as they were ----

    def replay_key(self, run_key: str | None, settings: str) -> str | None:
        return self._digest("replay", run_key, settings) if run_key else None

    def load_replay(self, key: str | None):
        return self._load("replay", key) if key else None

    def store_replay(self, key: str | None, value: dict) -> None:
        if key:
            self._store("replay", key, value)
            self._prune("replay", KEEP_REPLAYS)

    # ---- single files ----

    def _file_key(self, path: str, report: bool) -> str | None:
        content = self.content(path)
        return self._digest("file", path, content, str(report)) if content else None

    def file_pass(self, path: str, report: bool):
        """The cached pass of ``path`` (its document's skeleton holds all a
        run needs of it: the file is not read or parsed again)."""
        key = self._file_key(path, report)
        return self._load("file", key) if key else None

    def store_file_pass(self, one) -> None:
        if one.document is None or any("internal error" in e.message for e in one.errors):
            return  # unreadable files and rule crashes are reported afresh each run
        key = self._file_key(one.path, one.raw is not None)
        if key:
            self._store("file", key, one)


def open_cache(config) -> Cache:
    """The cache of the project whose config this is (beside the config)."""
    return Cache(config.root, config)
