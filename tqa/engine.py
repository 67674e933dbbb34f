"""Running the rules over files: discovery, reading, checking, merging.

The engine turns a rule's ``Problem`` (file offsets) into a ``Finding``
(path, line, column, severity, fingerprint) and keeps one finding per span
when rules overlap. It knows nothing about output formats.
"""

from __future__ import annotations

import bisect
import errno
import hashlib
import operator
import os
import stat
import sys
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Iterable

from . import memo
from .rules import Context, Rule, all_rules, find_rule
from .config import Config
from .model import Article, Document, Problem, SourceText
from .paths import is_inside
from .readers import InputError, document_from_text, is_supported, read_document
from .readers.base import load_text, special_kind
from .splitting import SplitSettings

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
    text: str
    suggestion: str | None
    fingerprint: str = ""
    related: tuple[tuple[str, int], ...] = ()
    start: int = 0  # file offsets, for reports that show context
    end: int = 0
    baseline_state: str | None = None  # with --baseline: "new" or "unchanged"

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


def _interned_finding(rule, name, category, severity, message, path, line, column, end_line, end_column, text,
                      *rest) -> Finding:
    return Finding(rule, name, category, severity, sys.intern(message), path, line, column, end_line, end_column,
                   sys.intern(text), *rest)


@dataclass
class ArticleResult:
    id: str
    path: str
    title: str | None
    lang: str | None
    start_line: int
    end_line: int
    findings: list[Finding]


@dataclass
class FileError:
    path: str
    message: str
    line: int | None = None

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
            if path in known[1] or ("\0" not in path and _inside(os.path.realpath(path), [cwd])):
                try:
                    self._sources[path] = SourceText(load_text(path))
                except InputError:
                    pass
            else:
                self.notes.append(f"note: {path}: outside the working folder ({cwd}) or hidden; shown without its text")
        return self._sources[path]


def discover(paths: Iterable[str], config: Config,
             notes: list[str] | None = None) -> tuple[list[str], list[FileError]]:
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
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not config.is_excluded(os.path.join(folder, d)))
                for name in sorted(names):
                    full = os.path.join(folder, name)
                    if is_supported(full) and not config.is_excluded(full) \
                            and _admit(full, roots, config, errors, notes) == "file":
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


def _inside(real: str, roots: list[str]) -> bool:
    """Is the real path ``real`` in one of ``roots``, not through a hidden
    folder (see ``tqa.paths.is_inside``)?"""
    return any(is_inside(real, root, hidden=False) for root in roots)


def _admit(path: str, roots: list[str], config: Config, errors: list[FileError], notes: list[str],
           named: bool = False) -> str | None:
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
        if not _inside(real, roots):
            if not config.follow_external_symlinks:
                errors.append(FileError(path, f"symlink to a {what} outside the checked folders (or in a hidden "
                                              "folder); not read (--follow-external-symlinks allows it)"))
                return None
            notes.append(f"{path}: symlink to a {what} outside the checked folders, followed "
                         f"(--follow-external-symlinks): {real}")
    special = special_kind(info.st_mode)
    if special is not None:
        errors.append(FileError(path, f"not a regular file ({special}); not read"))
        return None
    return what


@dataclass
class RunSetup:
    """What every file of a run is checked with, worked out once (and once
    per worker process)."""

    config: Config
    rules: list[Rule]
    options: dict[str, dict]
    detection: dict  # language identification settings (the wrong-language rule's, enabled or not)
    glossary: object
    split: SplitSettings

    @classmethod
    def of(cls, config: Config) -> "RunSetup":
        rules = config.enabled_rules()
        return cls(config, rules, {rule.code: config.options_of(rule) for rule in rules},
                   config.options_of(find_rule("wrong-language")), config.load_glossary(), _split_settings(config))


@dataclass
class FilePass:
    """One file after the per-file work: read, languages set, article rules
    run (unless the file is only context for cross-article rules)."""

    path: str
    document: Document | None  # its skeleton (no segments); None: unreadable
    raw: list[tuple[Finding, int]] | None  # (finding, specificity); None: context only
    errors: list[FileError] = field(default_factory=list)
    prepared: dict[str, object] = field(default_factory=dict)  # corpus rule code -> its prepare() data


def first_pass(path: str, setup: RunSetup, report: bool = True, document: Document | None = None) -> FilePass:
    """Read ``path`` (unless ``document`` is given), set each article's
    language and run the article rules. Pure: the same file and setup give
    the same pass, in any process.

    Never raises: inputs come from strangers, and a bug that one file
    brings out (in a reader, the language identifier, the engine) must cost
    the user that file only, as one error line naming it."""
    try:
        return _first_pass(path, setup, report, document)
    except Exception as exc:  # noqa: BLE001 - reported, and the exit code says so
        memo.forget()  # whatever the rules cached of the file's text is no use to the next
        return FilePass(path, None, None, [internal_error(path, "checking", exc)])


PACKED_WHILE_CHECKED = 4_000_000  # characters of a file past which its text is packed while its rules run


def _first_pass(path: str, setup: RunSetup, report: bool, document: Document | None) -> FilePass:
    errors: list[FileError] = []
    if document is None:
        try:
            document = read_document(path, setup.split)
        except InputError as exc:
            return FilePass(path, None, None, [FileError(exc.path, exc.message, exc.line)])
        except Exception as exc:  # noqa: BLE001 - a reader's bug: this file only (see first_pass)
            return FilePass(path, None, None, [internal_error(path, "reading", exc)])
        if len(document.source) > PACKED_WHILE_CHECKED:
            # the segments hold the text the rules read; a second whole copy
            # of a huge file's text would only serve the findings' few characters
            document.source = document.source.packed()
    lang = setup.config.lang_for(document.path)
    detect = True
    for article in document.articles:
        article.lang = lang or article.lang
        if not article.lang and detect:
            try:
                article.lang = _detect_language(article, setup.detection)
            except Exception as exc:  # noqa: BLE001 - the rules still run, without a language
                errors.append(internal_error(path, "identifying the language", exc))
                detect = False  # one line for the file: the next article would fail alike
    prepared = prepare_corpus_rules(document, setup, errors)
    raw = _article_findings(document, setup, errors) if report else None
    memo.forget()  # the rules' text caches served this file
    return FilePass(path, document.skeleton(), raw, errors, prepared)


def _article_findings(document: Document, setup: RunSetup, errors: list[FileError]) -> list[tuple[Finding, int]]:
    """(finding, specificity) of every article rule on every article."""
    raw: list[tuple[Finding, int]] = []
    by_path = {document.path: document}
    rules = [rule for rule in setup.rules if rule.scope == "article"]
    portable = portable_path(document.path)
    contexts: dict[str | None, list[Context]] = {}  # per language: the articles of a file mostly share one
    for article in document.articles:
        if article.lang not in contexts:
            contexts[article.lang] = [Context(lang=article.lang, options=setup.options[rule.code],
                                              document=document, glossary=setup.glossary) for rule in rules]
        for rule, ctx in zip(rules, contexts[article.lang]):
            try:  # as _guard, without a context manager per rule and article
                raw.extend((_finding(rule, p, document, setup.config, by_path, portable), rule.specificity)
                           for p in rule.check(article, ctx))
            except Exception as exc:  # noqa: BLE001 - reported, and the exit code says so
                errors.append(_rule_error(rule, document.path, exc))
    return raw


def prepare_corpus_rules(document: Document, setup: RunSetup, errors: list[FileError]) -> dict[str, object]:
    """The per-file part of the cross-article rules (their map step)."""
    prepared = {}
    for rule in setup.rules:
        if rule.scope == "corpus" and rule.prepare is not None:
            ctx = Context(lang=None, options=setup.options[rule.code], document=document, glossary=setup.glossary)
            with _guard(rule, document.path, errors):
                prepared[rule.code] = rule.prepare(document, ctx)
    return prepared


def check_files(files: list[str], config: Config, errors: Iterable[FileError] = (),
                progress: Callable[[str], None] | None = None, only: set[str] | None = None,
                jobs: int = 1, cache=None) -> RunResult:
    """Check already discovered files; ``progress`` is called once per file
    when its own rules have run. With ``only`` (paths), the other files are
    context: cross-article rules see them, but only findings in ``only`` are
    reported. ``jobs`` > 1 runs the per-file work in that many processes;
    the result is the same as with one. ``cache`` (a ``tqa.cache.Cache``)
    reuses the work of earlier runs on the same contents."""
    from .parallel import Workers, file_size, first_passes

    errors = list(errors)
    run_key = cache.run_key(files, only, [str(e) for e in errors]) if cache is not None else None
    cached = cache.load_run(run_key) if cache is not None else None
    if cached is not None:
        return cached
    setup = RunSetup.of(config)
    result = RunResult(errors=errors)
    with Workers(jobs, config, sum(file_size(path) for path in files)) as workers:
        with timed("per-file passes"):
            passes = first_passes(files, setup, only, workers, progress, cache)
        for one in passes:
            if only is None or one.path in only:
                result.errors.extend(one.errors)
        result.errors.sort(key=lambda e: (e.path, e.line or 0))
        result = finish(passes, setup, result, workers.map)
    if cache is not None and not any(is_transient(e) for e in result.errors):
        cache.store_run(run_key, result)
    return result


# A worker process that died (the OOM killer, a crash in a C extension) may
# not die again on the same file next time: like a bug, never cached.
WORKER_DIED = "worker process died while checking this file"


def is_transient(error: FileError) -> bool:
    """Is ``error`` one to meet afresh each run rather than from the cache
    (a bug, a worker's death), not a fact about the input?"""
    return "internal error" in error.message or error.message.startswith(WORKER_DIED)


def read_for_run(files: list[str], config: Config, errors: list[FileError]) -> list[Document]:
    """Read every file; unreadable ones become entries of ``errors``."""
    split = _split_settings(config)
    documents = []
    for path in files:
        try:
            documents.append(read_document(path, split))
        except InputError as exc:
            errors.append(FileError(exc.path, exc.message, exc.line))
        except Exception as exc:  # noqa: BLE001 - a reader's bug: this file only (see first_pass)
            errors.append(internal_error(path, "reading", exc))
    return documents


def check_text(text: str, config: Config | None = None, path: str = "<text>.txt") -> RunResult:
    """Check a string as if it were the file ``path`` (the suffix picks the
    reader). For embedding tqa and for tests."""
    config = config or Config()
    result = RunResult()
    try:
        document = document_from_text(path, text, _split_settings(config))
    except InputError as exc:
        result.errors.append(FileError(exc.path, exc.message, exc.line))
        return result
    return check_documents([document], config, result)


def check_documents(documents: list[Document], config: Config, result: RunResult) -> RunResult:
    """Check documents already in memory (one process, no cache)."""
    setup = RunSetup.of(config)
    passes = [first_pass(d.path, setup, document=d) for d in documents]
    for one in passes:
        result.errors.extend(one.errors)
    return finish(passes, setup, result)


def _split_settings(config: Config) -> SplitSettings:
    # The share-label rule's extra labels are boundaries too: the words
    # reported as leftovers are the words that split pages.
    share = find_rule("share-label")
    extra = tuple(config.options_of(share).get("labels", ())) if share else ()
    return replace(config.split, extra_labels=config.split.extra_labels + extra)


def finish(passes: list[FilePass], setup: RunSetup, result: RunResult, parallel_map=None) -> RunResult:
    """After the per-file passes: cross-article rules over every document
    (skeletons, with what their ``prepare`` step made of each file), then
    per reported file one finding per span, suppressions, the rules
    about findings, fingerprints. Runs in the main process, in file order."""
    documents = [p.document for p in passes if p.document is not None]
    raw = {}
    for one in passes:  # the findings move here, and each file's go once it is merged
        if one.document is not None and one.raw is not None:
            raw[one.path], one.raw = one.raw, None
    by_path = {d.path: d for d in documents}
    rules, options, config, glossary = setup.rules, setup.options, setup.config, setup.glossary
    for rule in rules:
        if rule.scope == "corpus":
            ctx = Context(lang=None, options=options[rule.code], document=None, documents=documents,
                          glossary=glossary)
            if parallel_map is not None:
                ctx.map = parallel_map
            if rule.prepare is not None:
                ctx.prepared = {p.path: p.prepared.get(rule.code) for p in passes if p.document is not None}
            with _guard(rule, "(corpus)", result.errors), timed(f"corpus rule {rule.code}"):
                for document, problem in rule.check(documents, ctx):
                    if document.path in raw:  # not a context-only document
                        raw[document.path].append((_finding(rule, problem, document, config, by_path),
                                                   rule.specificity))
    for one in passes:
        one.prepared = {}  # the corpus rules are done with it (on a big run, tens of MB)
    with timed("merging findings"):
        _merge(documents, raw, setup, result, by_path)
    result.suppressed.sort(key=lambda s: s.finding.sort_key)
    return result


def _merge(documents, raw, setup: RunSetup, result: RunResult, by_path) -> None:
    """Per reported file: one finding per span, suppressions, the rules
    about findings, fingerprints, findings grouped per article."""
    rules, options, config, glossary = setup.rules, setup.options, setup.config, setup.glossary
    allowed = config.allow
    for document in documents:
        if document.path not in raw:
            continue
        # Worked out in full before any of it joins the result: a bug met
        # here (a rule's finding with offsets past the text, an allow-list
        # pattern) costs this file's findings, said in one line, and the
        # result holds no half of the file.
        try:
            kept, silenced = _silence(document, _deduplicate(raw.pop(document.path)), allowed, config)
            for rule in rules:
                if rule.scope == "findings":  # rules about the findings themselves
                    ctx = Context(lang=None, options=options[rule.code], document=document, glossary=glossary)
                    with _guard(rule, document.path, result.errors):
                        kept.extend(_finding(rule, p, document, config, by_path)
                                    for p in rule.check(document, ctx))
            fingerprinted = _assign_fingerprints(kept + [s.finding for s in silenced])
            kept, silenced = fingerprinted[:len(kept)], [
                replace(s, finding=f) for s, f in zip(silenced, fingerprinted[len(kept):])]
            articles = _article_results(document, kept)
        except Exception as exc:  # noqa: BLE001 - reported, and the exit code says so
            result.errors.append(internal_error(document.path, "merging its findings", exc))
            continue
        result.files += 1
        result.documents[document.path] = document  # a skeleton: the text reports show, packed
        result.checked.append(document.path)
        result.articles.extend(articles)
        result.suppressed.extend(silenced)


def _silence(document: Document, findings: list[Finding], allowed, config: Config
             ) -> tuple[list[Finding], list[Suppressed]]:
    """Set aside findings silenced by a ``tqa: ignore RULE`` comment in the
    file (marking the comments that silenced something) or by a rule's
    allow-list in the config."""
    kept: list[Finding] = []
    silenced: list[Suppressed] = []
    relative = config.relative(document.path) if allowed else ""
    for finding in findings:
        comment = None
        for suppression in document.suppressions:
            if suppression.start <= finding.start < suppression.end and (
                    finding.rule in suppression.rules or finding.name in suppression.rules):
                suppression.used = True
                comment = comment or suppression
        if comment is not None:
            silenced.append(Suppressed(finding, "inSource", comment.reason))
            continue
        allow = allowed.get(finding.rule)
        why = allow.match(relative, finding.text) if allow else None
        if why is not None:
            silenced.append(Suppressed(finding, "external", why))
        else:
            kept.append(finding)
    return kept, silenced


@contextmanager
def timed(what: str):
    """With ``TQA_TIMINGS=1`` in the environment, how long each phase of a
    run takes, on stderr (for profiling a slow corpus)."""
    if not os.environ.get("TQA_TIMINGS"):
        yield
        return
    import time

    start, cpu = time.perf_counter(), time.process_time()
    yield
    # this process's CPU beside the wall time: how much of a parallel
    # phase the main process took from the workers
    print(f"tqa timing: {what}: {time.perf_counter() - start:.2f} s (main process CPU "
          f"{time.process_time() - cpu:.2f} s)", file=sys.stderr)


@contextmanager
def _guard(rule: Rule, where: str, errors: list[FileError]):
    """A bug in one rule must not cost the user the whole run: it becomes
    an error line naming the rule, and the other rules go on."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - reported, and the exit code says so
        errors.append(_rule_error(rule, where, exc))


def _rule_error(rule: Rule, where: str, exc: BaseException) -> FileError:
    return FileError(where, f"internal error in rule {rule.code} {rule.name}: {describe_exception(exc)} "
                            "(please report it)")


def internal_error(path: str, doing: str, exc: BaseException) -> FileError:
    """The error line of a bug met while ``doing`` something to ``path``
    (not an unreadable input: that is an ``InputError``)."""
    return FileError(path, f"internal error while {doing}: {describe_exception(exc)} (please report it)")


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


def _article_results(document: Document, findings: list[Finding]) -> list[ArticleResult]:
    starts = [a.start for a in document.articles]
    per_article: list[list[Finding]] = [[] for _ in document.articles]
    for finding in findings:
        # the article holding it; text between articles goes to the one before
        index = max(0, bisect.bisect_right(starts, finding.start) - 1)
        per_article[index].append(finding)
    results = []
    for article, own in zip(document.articles, per_article):
        own.sort(key=lambda f: f.sort_key)
        results.append(ArticleResult(
            id=article.slug or f"{document.path}#{article.index + 1}",
            path=document.path,
            title=article.title,
            lang=article.lang,
            start_line=document.source.position(article.start)[0],
            end_line=document.source.position(max(article.start, article.end - 1))[0],
            findings=own,
        ))
    return results


def _detect_language(article: Article, options: dict) -> str | None:
    """The article's language when neither --lang nor config nor the file
    says it, with the wrong-language rule's detector and candidates."""
    from .languages import article_language

    texts = [s.text for s in article.paragraphs if s.kind in ("paragraph", "title", "heading", "entry")]
    return article_language(texts, options["detector"], options["candidates"] or None)


def _finding(rule: Rule, problem: Problem, document: Document, config: Config,
             documents: dict[str, Document], portable: str | None = None) -> Finding:
    """The finding of ``problem``; ``portable`` is ``portable_path(document.path)``,
    when the caller has it (it costs a system call)."""
    source = document.source
    line, column = source.position(problem.start)
    end_line, end_column = source.position(problem.end)
    related = []
    for path, offset in problem.related:
        other = documents.get(path, document) if path else document
        related.append((other.path, other.source.position(offset)[0]))
    flagged = source.window(problem.start, problem.end)
    return Finding(
        rule=rule.code,
        name=rule.name,
        category=rule.category,
        severity=config.severity.get(rule.code) or problem.severity or rule.severity,
        message=problem.message,
        path=document.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=flagged,
        suggestion=problem.suggestion,
        # the digest part of the fingerprint, here where the rules ran (in the
        # workers, mostly); the engine adds the occurrence index when merging
        fingerprint=_digest(rule.code, portable or portable_path(document.path), flagged,
                            source.window(problem.start - _CONTEXT, problem.start),
                            source.window(problem.end, problem.end + _CONTEXT)),
        related=tuple(related),
        start=problem.start,
        end=problem.end,
    )


def _deduplicate(scored: list[tuple[Finding, int]]) -> list[Finding]:
    """One finding per span: drop a finding whose characters lie inside a
    finding of a more specific rule (or of the same rule, reported twice),
    unless that rule's findings hide only their own kind
    (``Rule.hides_inside``: a repeated block hides a near copy of the same
    paragraph, but does not excuse a homoglyph inside it).

    Findings are taken most specific first; the kept ones are indexed by
    start offset, so each check looks only at kept findings that start
    close enough before it to contain it (n log n, not n²)."""
    own_kind_only = _rules_hiding_own_kind_only()
    scored.sort(key=lambda fs: (-fs[1], fs[0].start, -(fs[0].end - fs[0].start), fs[0].rule))
    starts: list[int] = []
    kept_sorted: list[tuple[Finding, int]] = []
    longest = 0
    kept: list[Finding] = []
    for finding, specificity in scored:
        low = bisect.bisect_left(starts, finding.start - longest)
        high = bisect.bisect_right(starts, finding.start)
        covered = any(
            k.end >= finding.end and (k.rule == finding.rule or (
                spec > specificity and (k.rule not in own_kind_only or k.category == finding.category)))
            for k, spec in kept_sorted[low:high]
        )
        if not covered:
            at = bisect.bisect_right(starts, finding.start)
            starts.insert(at, finding.start)
            kept_sorted.insert(at, (finding, specificity))
            longest = max(longest, finding.end - finding.start)
            kept.append(finding)
    return kept


@lru_cache(maxsize=1)
def _rules_hiding_own_kind_only() -> frozenset[str]:
    return frozenset(r.code for r in all_rules() if not r.hides_inside)


def _normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _digest(rule: str, portable: str, flagged: str, before: str, after: str) -> str:
    """The fingerprint of a finding but for its occurrence index: rule, path
    (``portable``: ``portable_path`` of the file, however it was named), the
    flagged text and a little context from the same line (``before`` and
    ``after``: the ``_CONTEXT`` characters on either side). It never
    depends on line numbers."""
    # context stops at the line's edges, so moving a paragraph keeps it
    before = _normalize(before[before.rfind("\n") + 1:])[-16:]
    line_end = after.find("\n")
    after = _normalize(after if line_end == -1 else after[:line_end])[:16]
    if len(flagged) <= _DIGESTED_AT_ONCE:
        key = "\x1f".join((rule, portable, _normalize(flagged), before, after))
        # surrogatepass: the same bytes as plain UTF-8 for any valid text, and
        # no UnicodeEncodeError (which cost every finding of the file) for text
        # handed to check_text with a lone surrogate in it
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    digest = hashlib.sha256("\x1f".join((rule, portable, "")).encode("utf-8", "surrogatepass"))
    separator = ""
    for piece in _normalized_pieces(flagged, 0, len(flagged)):
        if piece:
            digest.update((separator + piece).encode("utf-8", "surrogatepass"))
            separator = " "
    digest.update("\x1f".join(("", before, after)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:20]


_CONTEXT = 24  # characters on either side of a finding its fingerprint looks at (up to the line's edges)

# Flagged text longer than this (a catalog string of megabytes reported
# whole) is normalized and hashed a piece at a time: its words listed at
# once by str.split were a hundred megabytes.
_DIGESTED_AT_ONCE = 100_000


def _normalized_pieces(text: str, start: int, end: int):
    """``_normalize(text[start:end])`` in pieces that, joined by single
    spaces (the empty ones left out), make it. Cut at ASCII spaces: NFC
    and case folding change no space and join nothing across one."""
    at = start
    while at < end:
        cut = text.find(" ", at + _DIGESTED_AT_ONCE, end) if at + _DIGESTED_AT_ONCE < end else -1
        cut = end if cut == -1 else cut
        yield _normalize(text[at:cut])
        at = cut + 1 if cut < end else end


def _assign_fingerprints(findings: list[Finding]) -> list[Finding]:
    """A fingerprint that survives moving text and inserting lines above it:
    the finding's digest (``_digest``) plus its occurrence index among
    findings of the same digest in the file. Returns the findings in the
    order given, fingerprinted."""
    seen: dict[str, int] = {}
    stamped: dict[int, Finding] = {}
    for i in sorted(range(len(findings)), key=lambda k: (findings[k].start, findings[k].end, findings[k].rule)):
        finding = findings[i]
        occurrence = seen.get(finding.fingerprint, 0)
        seen[finding.fingerprint] = occurrence + 1
        stamped[i] = finding.with_fingerprint(f"{finding.fingerprint}:{occurrence}")
    return [stamped[i] for i in range(len(findings))]


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
