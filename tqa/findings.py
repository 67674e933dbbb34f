"""What a run finds: findings, file errors, articles and the run's result,
the portable path a report names a file by, and the exit code."""

from __future__ import annotations

import operator
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Document, Excerpt, SourceText
from .paths import inside_roots
from .readers import InputError, source_text

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


# slots: a big run holds hundreds of thousands. Not frozen: a frozen
# dataclass sets each field through object.__setattr__, which made making a
# finding ten times slower (2.1 µs, not 0.2), and a run makes each one
# three times (in the rule, on arrival from the worker, with its
# fingerprint). Findings are still never changed: with_fingerprint and
# dataclasses.replace make new ones.
@dataclass(slots=True)
class Finding:
    rule: str
    name: str
    category: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    # the flagged text exactly as it stands in the file (``text``); one of
    # megabytes in a packed file is an Excerpt of it, read when reported
    flagged: str | Excerpt
    suggestion: str | None
    fingerprint: str = ""
    related: tuple[tuple[str, int, int], ...] = ()  # (path, line, column; 0: not known)
    start: int = 0  # file offsets, for reports that show context
    end: int = 0
    baseline_state: str | None = None  # with --baseline: "new" or "unchanged"

    @property
    def text(self) -> str:
        """The flagged text, exactly as it stands in the file."""
        flagged = self.flagged
        return str(flagged) if isinstance(flagged, Excerpt) else flagged

    @property
    def sort_key(self):
        return (self.path, self.line, self.column, self.rule, self.end_line, self.end_column)

    def with_fingerprint(self, fingerprint: str) -> "Finding":
        # dataclasses.replace, at half its cost (every finding of a run gets one)
        values = list(_fields_of(self))
        values[_FINGERPRINT] = fingerprint
        return Finding(*values)

    def __reduce__(self):
        # Findings come back from the worker processes by the hundred
        # thousand, and most messages and flagged texts recur (a leftover
        # label on every page): interned as they arrive, each is kept once.
        return _interned_finding, tuple(getattr(self, name) for name in self.__slots__)


_fields_of = operator.attrgetter(*Finding.__slots__)


_FINGERPRINT = Finding.__slots__.index("fingerprint")


def _interned_finding(
    rule, name, category, severity, message, path, line, column, end_line, end_column, flagged, *rest
) -> Finding:
    return Finding(
        rule,
        name,
        category,
        severity,
        sys.intern(message),
        path,
        line,
        column,
        end_line,
        end_column,
        sys.intern(flagged) if type(flagged) is str else flagged,
        *rest,
    )


@dataclass
class ArticleResult:
    id: str
    path: str
    title: str | None
    lang: str | None
    start_line: int
    end_line: int
    findings: list[Finding]


# What a FileError is (its ``kind``): a fact about the input (unreadable,
# malformed, refused), the same each run until the file changes; a bug in
# tqa met on the file (a reader's, a rule's, the engine's); or a worker
# process that died on it (the OOM killer, a crash in a C extension), which
# may not die again next time. Reports show none of this: only the line.
INPUT, INTERNAL, WORKER = "input", "internal", "worker"
ERROR_KINDS = (INPUT, INTERNAL, WORKER)


@dataclass
class FileError:
    path: str
    message: str
    line: int | None = None
    kind: str = INPUT  # one of ERROR_KINDS; never written to a report

    def __post_init__(self) -> None:
        if self.kind not in ERROR_KINDS:
            raise ValueError(f"unknown kind of file error: {self.kind!r}")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Suppressed:
    """A finding silenced on purpose: by a ``tqa: ignore`` comment in the
    file ("inSource") or by an allow-list in the config ("external")."""

    finding: Finding
    kind: str
    justification: str


@dataclass
class RunResult:
    files: int = 0
    articles: list[ArticleResult] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)  # the paths the user named
    checked: list[str] = field(default_factory=list)  # the files whose findings are reported
    suppressed: list[Suppressed] = field(default_factory=list)
    baseline: object | None = None  # a tqa.baseline.Comparison when --baseline was given
    # texts of checked files read back from disk (a report rendered from saved JSON)
    _sources: dict[str, SourceText | None] = field(default_factory=dict, repr=False)
    # what rendering a report left out, one line each for the command line to print
    notes: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def findings(self) -> list[Finding]:
        return [f for a in self.articles for f in a.findings]

    @property
    def gating_findings(self) -> list[Finding]:
        """The findings that decide the exit code: all of them, or with a
        baseline only those not in it."""
        return [f for f in self.findings if f.baseline_state != "unchanged"]

    def source(self, path: str) -> SourceText | None:
        """The text of a checked file, for reports that show context: the
        document of this run, else the file as it is now on disk (None when
        it is gone or unreadable).

        A path this run did not check itself comes from a saved report,
        which may be crafted (``/etc/passwd``, ``../outside``): it is read
        only if its real path is inside the working folder, and otherwise
        left out with a line in ``notes``, so no other file's text reaches
        a report."""
        document = self.documents.get(path)
        if document is not None:
            return document.source
        if path not in self._sources:
            self._sources[path] = None
            known = self.__dict__.get("_checked_set")  # (how many checked, as a set): built once per run
            if known is None or known[0] != len(self.checked):
                known = self.__dict__["_checked_set"] = (len(self.checked), frozenset(self.checked))
            cwd = os.path.realpath(os.getcwd())
            if path in known[1] or ("\0" not in path and inside_roots(os.path.realpath(path), [cwd])):
                try:
                    self._sources[path] = source_text(path)
                except InputError:
                    pass
            else:
                self.notes.append(f"note: {path}: outside the working folder ({cwd}) or hidden; shown without its text")
        return self._sources[path]


# The message of a WORKER error.
WORKER_DIED = "worker process died while checking this file"


def is_transient(error: FileError) -> bool:
    """Is ``error`` one to meet afresh each run rather than from the cache
    (a bug, a worker's death: any kind but INPUT), not a fact about the
    input? Decided by its kind, never by its words: an input error's
    message may quote the file ("not a PO line: 'internal error'")."""
    return error.kind != INPUT


def internal_error(path: str, doing: str, exc: BaseException) -> FileError:
    """The error line of a bug met while ``doing`` something to ``path``
    (not an unreadable input: that is an ``InputError``)."""
    return FileError(path, f"internal error while {doing}: {describe_exception(exc)} (please report it)", kind=INTERNAL)


def worker_died(path: str, status: str) -> FileError:
    """The error line of a worker process that died while checking ``path``
    (``status``: how it ended, "signal 9")."""
    return FileError(path, f"{WORKER_DIED} ({status})", kind=WORKER)


def describe_exception(exc: BaseException) -> str:
    """``Type: message`` on one line, of bounded length: an exception's
    message may quote the hostile input (a megabyte of one line, newlines,
    terminal escapes), and an error line must stay one short line."""
    try:
        message = str(exc)
    except Exception:  # noqa: BLE001 - a __str__ that fails must not take the run with it
        message = "(message unavailable)"
    message = " ".join("".join(c if c.isprintable() else " " for c in message[:2000]).split())
    if len(message) > 300:
        message = message[:300] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def portable_path(path: str) -> str:
    """``path`` relative to the working folder with forward slashes (as
    given when outside it): the same file has the same name in every run.
    A name for reports, baselines and fingerprints, not for opening: a
    byte of the name that is not UTF-8 is written ``\\xNN``
    (``tqa.escaping.display_path``), so the name can be written out at all."""
    return _portable_from(os.getcwd(), path)


@lru_cache(maxsize=256)  # asked for every finding of a file
def _portable_from(folder: str, path: str) -> str:
    from .escaping import display_path

    absolute = os.path.abspath(os.path.join(folder, path))
    relative = os.path.relpath(absolute, folder)
    return display_path((relative if not relative.startswith("..") else absolute).replace(os.sep, "/"))


def exit_code(result: RunResult, fail_on: str) -> int:
    """0: nothing at or above ``fail_on``; 1: findings; 2: inputs unreadable."""
    if result.errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in result.gating_findings) else 0
