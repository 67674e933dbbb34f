"""A whole run: the per-file passes (in worker processes on a big run),
then the corpus phase of the cross-article rules, then the merge."""

from __future__ import annotations

from typing import Callable, Iterable, cast

from ..config import Config
from ..findings import FileError, RunResult, internal_error, is_transient
from ..model import Document, Problem
from ..readers import InputError, document_from_text, read_document
from ..rules import Context
from .merge import merge
from .passes import FilePass, RunSetup, finding_of, first_pass, guard, split_settings, timed

CorpusCheck = Callable[[list[Document], Context], Iterable[tuple[Document, Problem]]]


def check_files(
    files: list[str],
    config: Config,
    errors: Iterable[FileError] = (),
    progress: Callable[[str], None] | None = None,
    only: set[str] | None = None,
    jobs: int = 1,
    cache=None,
) -> RunResult:
    """Check already discovered files; ``progress`` is called once per file
    when its own rules have run. With ``only`` (paths), the other files are
    context: cross-article rules see them, but only findings in ``only`` are
    reported. ``jobs`` > 1 runs the per-file work in that many processes;
    the result is the same as with one. ``cache`` (a ``tqa.engine.cache.Cache``)
    reuses the work of earlier runs on the same contents."""
    from .pool import Workers, file_size, first_passes

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


def read_for_run(files: list[str], config: Config, errors: list[FileError]) -> list[Document]:
    """Read every file; unreadable ones become entries of ``errors``."""
    split = split_settings(config)
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
        document = document_from_text(path, text, split_settings(config))
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
            ctx = Context(lang=None, options=options[rule.code], document=None, documents=documents, glossary=glossary)
            if parallel_map is not None:
                ctx.map = parallel_map
            if rule.prepare is not None:
                ctx.prepared = {p.path: p.prepared.get(rule.code) for p in passes if p.document is not None}
            with guard(rule, "(corpus)", result.errors), timed(f"corpus rule {rule.code}"):
                # Rule.check is typed for article rules; a corpus rule's takes
                # every document and yields (document, problem) pairs
                corpus_check = cast(CorpusCheck, rule.check)
                for document, problem in corpus_check(documents, ctx):
                    if document.path in raw:  # not a context-only document
                        raw[document.path].append(
                            (finding_of(rule, problem, document, config, by_path), rule.specificity)
                        )
    for one in passes:
        one.prepared = {}  # the corpus rules are done with it (on a big run, tens of MB)
    with timed("merging findings"):
        merge(documents, raw, setup, result, by_path)
    result.suppressed.sort(key=lambda s: s.finding.sort_key)
    return result
