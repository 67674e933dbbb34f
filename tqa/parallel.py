"""The work of a run, in a pool of processes.

Files are independent until the cross-article rules, so reading them,
identifying languages and running the article rules is spread over worker
processes; cross-article rules may spread their heavy parts too
(``Context.map``). Results come back in order, whatever finished first, so
a parallel run gives byte-identical reports to ``--jobs 1``. File work is
handed out in chunks of similar size, largest first, so that no worker
idles while another chews a big catalog.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from functools import partial
from typing import Callable, Iterable, Sized

from .checks import map_in_process
from .engine import FilePass, RunSetup, first_pass

# Below this much text a pool costs more (forking, shipping documents back)
# than it saves.
MIN_PARALLEL_BYTES = 512 * 1024
CHUNK_SHARE = 4  # see _chunks
MIN_CHUNK_BYTES = 32 * 1024  # some ten articles: a few tens of milliseconds of work

_setup: RunSetup | None = None  # the worker's copy
_inherited = None  # what Workers.map shares with the workers it forks for one map


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class Workers:
    """A process pool for one run, started on first use, or plain
    in-process calls when one job is asked for or the run is small."""

    def __init__(self, jobs: int, config, total_bytes: int) -> None:
        self.parallel = jobs > 1 and total_bytes >= MIN_PARALLEL_BYTES
        self.jobs = jobs
        self.config = config
        self._pool = None

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def _close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def _get(self):
        if self._pool is None:
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            if method == "fork":
                _load_shared_models(self.config)
            context = multiprocessing.get_context(method)
            self._pool = context.Pool(self.jobs, initializer=_start_worker, initargs=(self.config,))
        return self._pool

    def map(self, function: Callable, items: Iterable, shared=None) -> list:
        """``[function(item) for item in items]``, in worker processes when
        that pays. ``items`` may be a generator: it is then consumed as the
        workers take the items, so big pieces of work need not all be in
        memory at once.

        With ``shared``, each call is ``function(shared, item)``: ``shared``
        is big read-only data (a corpus's texts and their index), which a
        fresh pool of forked workers inherits instead of receiving a copy
        with every item (see ``_map_inherited``)."""
        if not self.parallel or (isinstance(items, Sized) and len(items) < 2):
            return map_in_process(function, items, shared)
        if shared is not None:
            if "fork" not in multiprocessing.get_all_start_methods():
                return map_in_process(function, items, shared)  # pickling it for every item would cost more
            return self._map_inherited(function, items, shared)
        return list(self._get().imap(function, items, chunksize=1))

    def _map_inherited(self, function: Callable, items: Iterable, shared) -> list:
        """``map`` with ``shared`` in workers forked for this map alone.

        The run's pool idles by now (its workers were forked before the data
        existed): it is closed first, so the memory of its workers is free
        before the new ones start. The collector's objects are frozen
        while the workers fork, so that the workers' collections leave the
        pages of the shared objects alone instead of copying them."""
        global _inherited
        self._close()
        _inherited = shared
        gc.freeze()
        try:
            pool = multiprocessing.get_context("fork").Pool(self.jobs, initializer=_tune_collector)
        finally:
            gc.unfreeze()
        try:
            with pool:  # terminated on leaving: idle once the results are in, or an error is on its way
                return list(pool.imap(partial(_call_inherited, function), items, chunksize=1))
        finally:
            _inherited = None

    def imap_unordered(self, function: Callable, items: list):
        """Results as the workers finish them (the caller puts them in order)."""
        return self._get().imap_unordered(function, items)


def first_passes(files: list[str], setup: RunSetup, only: set[str] | None, workers: Workers,
                 progress: Callable[[str], None] | None, cache=None) -> list[FilePass]:
    """One pass per file, in the order of ``files``."""
    passes: dict[str, FilePass] = {}
    todo = []
    for path in files:
        report = only is None or path in only
        cached = cache.file_pass(path, report) if cache is not None else None
        if cached is not None:
            passes[path] = cached
            if progress and report:
                progress(path)
        else:
            todo.append((path, report))
    chunks = _chunks(todo, {path: file_size(path) for path, _ in todo}, workers.jobs) \
        if workers.parallel else [[item] for item in todo]
    if workers.parallel and len(chunks) > 1:
        done_chunks = workers.imap_unordered(_work, chunks)  # the workers have their own setup
    else:
        done_chunks = map(partial(_passes, setup), chunks)
    for done in done_chunks:
        for (path, report), one in done:
            passes[path] = one
            if progress and report:
                progress(path)
            if cache is not None:
                cache.store_file_pass(one)
    return [passes[path] for path in files]


def file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _chunks(todo, sizes, jobs: int) -> list[list[tuple[str, bool]]]:
    """Pieces of work that shrink as the run goes (guided scheduling): each
    takes a ``1/(CHUNK_SHARE·jobs)`` share of the bytes still to check, and
    at least ``MIN_CHUNK_BYTES``. Big pieces first keep the hand-over cost
    low; small ones at the end keep every worker busy to the last (with
    equal pieces of a sixteenth, one worker idled for half a piece, about
    a second on 10,000 articles). Biggest files first, for the same reason."""
    remaining = sum(sizes[path] for path, _ in todo)
    chunks: list[list[tuple[str, bool]]] = []
    current: list[tuple[str, bool]] = []
    weight = 0
    for item in sorted(todo, key=lambda item: -sizes[item[0]]):  # stable: equal sizes keep their order
        current.append(item)
        weight += sizes[item[0]]
        if weight >= max(MIN_CHUNK_BYTES, remaining // (CHUNK_SHARE * jobs)):
            chunks.append(current)
            remaining -= weight
            current, weight = [], 0
    if current:
        chunks.append(current)
    return chunks


def _load_shared_models(config) -> None:
    """Load the language model in the main process before forking, when the
    run may need it: the workers then share its pages (tens of MB of arrays)
    instead of each loading its own copy."""
    from .checks import find_rule
    from .languages import get_detector

    rule = find_rule("wrong-language")
    if rule is not None and (rule in config.enabled_rules() or config.lang is None):
        get_detector(config.options_of(rule)["detector"]).load()


def _start_worker(config) -> None:
    global _setup
    _tune_collector()
    _setup = RunSetup.of(config)


def _tune_collector() -> None:
    gc.set_threshold(200_000, 50, 100)  # as in the main process (see cli.main)


def _call_inherited(function: Callable, item):
    return function(_inherited, item)


def _passes(setup: RunSetup, chunk: list[tuple[str, bool]]) -> list[tuple[tuple[str, bool], FilePass]]:
    return [((path, report), first_pass(path, setup, report)) for path, report in chunk]


def _work(chunk: list[tuple[str, bool]]) -> list[tuple[tuple[str, bool], FilePass]]:
    """In a worker: the passes of a chunk, with the worker's own setup."""
    return _passes(_setup, chunk)
