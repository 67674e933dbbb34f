"""The per-file work of a run, in a pool of processes.

Files are independent until the cross-article rules, so reading them,
identifying languages and running the article rules is spread over worker
processes; the passes come back in file order, whatever finished first, so
a parallel run gives byte-identical reports to ``--jobs 1``. Work is
handed out in chunks of similar size (big files alone), largest first, so
that no worker idles while another chews a big catalog.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable

from .engine import FilePass, RunSetup, first_pass

# Below this much text a pool costs more (forking, shipping documents back)
# than it saves.
MIN_PARALLEL_BYTES = 512 * 1024
CHUNKS_PER_JOB = 8

_setup: RunSetup | None = None  # the worker's copy


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def first_passes(files: list[str], setup: RunSetup, only: set[str] | None, jobs: int,
                 progress: Callable[[str], None] | None, cache=None) -> list[FilePass]:
    """One pass per file, in the order of ``files``."""
    passes: dict[str, FilePass] = {}
    todo = []
    for path in files:
        report = only is None or path in only
        cached = cache.file_pass(path, setup, report) if cache is not None else None
        if cached is not None:
            passes[path] = cached
            if progress and report:
                progress(path)
        else:
            todo.append((path, report))
    for path, one in _run(todo, setup, jobs, progress):
        passes[path] = one
        if cache is not None:
            cache.store_file_pass(one, setup)
    return [passes[path] for path in files]


def _run(todo: list[tuple[str, bool]], setup: RunSetup, jobs: int, progress):
    sizes = {path: _size(path) for path, _ in todo}
    if jobs <= 1 or len(todo) < 2 or sum(sizes.values()) < MIN_PARALLEL_BYTES:
        for path, report in todo:
            one = first_pass(path, setup, report)
            if progress and report:
                progress(path)
            yield path, one
        return
    chunks = _chunks(todo, sizes, jobs * CHUNKS_PER_JOB)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(min(jobs, len(chunks)), initializer=_start_worker, initargs=(setup.config,)) as pool:
        for done in pool.imap_unordered(_work, chunks):
            for (path, report), one in done:
                if progress and report:
                    progress(path)
                yield path, one


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _chunks(todo, sizes, count: int) -> list[list[tuple[str, bool]]]:
    """About ``count`` chunks of similar total size, biggest first."""
    target = max(1, sum(sizes.values()) // count)
    chunks: list[list[tuple[str, bool]]] = []
    current: list[tuple[str, bool]] = []
    weight = 0
    for item in todo:
        current.append(item)
        weight += sizes[item[0]]
        if weight >= target:
            chunks.append(current)
            current, weight = [], 0
    if current:
        chunks.append(current)
    chunks.sort(key=lambda chunk: -sum(sizes[p] for p, _ in chunk))
    return chunks


def _start_worker(config) -> None:
    import gc

    global _setup
    gc.set_threshold(200_000, 50, 100)  # as in the main process (see cli.main)
    _setup = RunSetup.of(config)


def _work(chunk: list[tuple[str, bool]]) -> list[tuple[tuple[str, bool], FilePass]]:
    return [((path, report), first_pass(path, _setup, report)) for path, report in chunk]
