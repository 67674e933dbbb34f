"""The work of a run, in a pool of processes.

Files are independent until the cross-article rules, so reading them,
identifying languages and running the article rules is spread over worker
processes; cross-article rules may spread their heavy parts too
(``Context.map``). Results come back in order, whatever finished first, so
a parallel run gives byte-identical reports to ``--jobs 1``. File work is
handed out in chunks of similar size, largest first, so that no worker
idles while another chews a big catalog.

A worker may die: the OOM killer, a crash in a C extension, a rule that
calls ``os._exit``. ``multiprocessing.Pool`` then waits forever for the
lost task, so the pools here are ``concurrent.futures`` executors, which
notice a dead worker and fail what was in flight (``BrokenProcessPool``).
The files of a lost chunk are checked again: those no worker had started
in a fresh pool, and each file a worker was in the middle of in a process
of its own, so that the one that kills it is named in one error line and
kills nothing else (never in the main process: the run would die with it).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from ctypes import Array, c_byte
from functools import partial
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Literal, Sized

from ..findings import internal_error, worker_died
from ..text.nearduplicates import map_in_process
from .passes import FilePass, RunSetup, first_pass

if TYPE_CHECKING:
    from multiprocessing.context import ForkContext, SpawnContext

# Below this much text a pool costs more (forking, shipping documents back)
# than it saves.
MIN_PARALLEL_BYTES = 512 * 1024
CHUNK_SHARE = 4  # see _chunks
MIN_CHUNK_BYTES = 32 * 1024  # some ten articles: a few tens of milliseconds of work
WINDOW_PER_JOB = 4  # Workers.map: items handed out ahead of the results, per worker

# What a worker writes in the run's marks (shared memory, one byte per file)
# about each file, so that after a death the main process knows which files
# were in the middle of being checked.
STARTED, DONE = 1, 2

_setup: RunSetup | None = None  # the worker's copy
_setup_error: str | None = None  # why the worker has none
_marks: Array[c_byte] | None = None  # the run's marks, in a worker
_inherited = None  # what Workers.map shares with the workers it forks for one map

Item = tuple[int, str, bool]  # (index among the files to check, path, report its findings?)
Done = list[tuple[tuple[str, bool], FilePass]]


class WorkerDied(Exception):
    """A worker process ended without an answer (killed, or crashed)."""


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _start_method() -> Literal["fork", "spawn"]:
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _process_context() -> ForkContext | SpawnContext:
    """The context of ``_start_method()``, typed as one that makes processes
    (``get_context(str)`` is typed as a BaseContext, which has no ``Process``)."""
    if _start_method() == "fork":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class Workers:
    """A process pool for one run, started on first use, or plain
    in-process calls when one job is asked for or the run is small."""

    def __init__(self, jobs: int, config, total_bytes: int) -> None:
        self.parallel = jobs > 1 and total_bytes >= MIN_PARALLEL_BYTES
        self.jobs = jobs
        self.config = config
        self._pool: ProcessPoolExecutor | None = None
        self._marks: Array[c_byte] | None = None

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def _close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _get(self) -> ProcessPoolExecutor:
        if self._pool is None:
            method = _start_method()
            if method == "fork":
                _load_shared_models(self.config)
            self._pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=multiprocessing.get_context(method),
                initializer=_start_worker,
                initargs=(self.config, self._marks),
            )
        return self._pool

    def map(self, function: Callable, items: Iterable, shared=None) -> list:
        """``[function(item) for item in items]``, in worker processes when
        that pays. ``items`` may be a generator: it is then consumed as the
        workers take the items, so big pieces of work need not all be in
        memory at once.

        With ``shared``, each call is ``function(shared, item)``: ``shared``
        is big read-only data (a corpus's texts and their index), which a
        fresh pool of forked workers inherits instead of receiving a copy
        with every item (see ``_map_inherited``).

        An exception in ``function`` reaches the caller; so does the death
        of a worker, as ``WorkerDied`` (what it was doing is not files to
        retry one by one, and doing it in this process instead could kill
        the run: a worker killed for its memory would be again)."""
        if not self.parallel or (isinstance(items, Sized) and len(items) < 2):
            return map_in_process(function, items, shared)
        if shared is not None:
            if "fork" not in multiprocessing.get_all_start_methods():
                return map_in_process(function, items, shared)  # pickling it for every item would cost more
            return self._map_inherited(function, items, shared)
        pool = self._get()
        try:
            return _ordered(pool, function, items, WINDOW_PER_JOB * self.jobs)
        except WorkerDied:
            self._close()  # a broken pool takes no more work; the next map starts a new one
            raise

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
        pool = ProcessPoolExecutor(
            self.jobs, mp_context=multiprocessing.get_context("fork"), initializer=_tune_collector
        )
        try:
            gc.freeze()
            try:
                pool.submit(int)  # with fork, the first task forks every worker, here, frozen
            finally:
                gc.unfreeze()
            return _ordered(pool, partial(_call_inherited, function), items, WINDOW_PER_JOB * self.jobs)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            _inherited = None

    def passes(
        self, setup: RunSetup, chunks: list[list[Item]], count: int, rechunk: Callable[[list[Item]], list[list[Item]]]
    ) -> Iterator[Done]:
        """The passes of the files in ``chunks`` (``count`` files, indexed
        from 0), a chunk at a time as the workers finish them.

        When a worker dies, the chunks in flight are lost. Their files are
        checked again: each file a worker had started, in a process of its
        own (``_alone``: the one that kills it is reported, and only it);
        the others, which no worker was busy with, in a fresh pool
        (``rechunk`` makes its chunks). Each round takes at least one file
        out of the pool, so this ends. A chunk that fails otherwise (its
        answer cannot be sent back) is checked again here, file by file:
        what failed was not the checking, so it cannot kill this process."""
        context = multiprocessing.get_context(_start_method())
        marks = self._marks
        if marks is None or len(marks) < count:
            self._close()  # its workers have no marks of this size
            marks = self._marks = context.RawArray("b", max(count, 1))
        pending = chunks
        while pending:
            pool = self._get()
            futures = {}
            lost: list[Item] = []
            for chunk in pending:
                try:
                    futures[pool.submit(_work, chunk)] = chunk
                except (BrokenProcessPool, RuntimeError):  # a worker died while the work was handed out
                    lost.extend(chunk)
            for future in as_completed(futures):
                chunk = futures[future]
                try:
                    done = future.result()
                except BrokenProcessPool:
                    lost.extend(chunk)
                    continue
                except Exception:  # noqa: BLE001 - see the docstring: done again here
                    done = _passes(setup, chunk)
                yield done
            if not lost:
                return
            self._close()
            started = [item for item in lost if marks[item[0]] == STARTED]
            suspects = started or lost  # none started: the death was elsewhere; trust no file
            for _index, path, report in suspects:
                yield [((path, report), _alone(setup, path, report))]
            rest = [item for item in lost if marks[item[0]] != STARTED] if started else []
            for item in rest:
                marks[item[0]] = 0
            pending = rechunk(rest) if rest else []


def _ordered(pool: ProcessPoolExecutor, function: Callable, items: Iterable, window: int) -> list:
    """``[function(item) for item in items]`` in ``pool``, at most ``window``
    items handed out ahead of the results (a generator is consumed as the
    work goes, as the docstring of ``Workers.map`` promises)."""
    futures: deque = deque()
    results = []
    try:
        for item in items:
            futures.append(pool.submit(function, item))
            if len(futures) >= window:
                results.append(futures.popleft().result())
        while futures:
            results.append(futures.popleft().result())
    except BrokenProcessPool:  # from submit or result; the function's own exceptions go through as they are
        raise WorkerDied(f"a worker process died{_how_pool_died(pool)}") from None
    finally:
        for future in futures:
            future.cancel()
    return results


def _how_pool_died(pool: ProcessPoolExecutor) -> str:
    """`` (signal 9)``: how a worker of a broken pool ended, when that can
    be told (the executor keeps its processes; the survivors it stops
    itself end with SIGTERM), else nothing. Each is waited for a moment:
    the executor notices a death when the process closes its files, a
    little before its exit status can be read, and stops the survivors
    only after failing the work."""
    try:
        processes = list(pool._processes.values())
        for process in processes:
            process.join(5)
        codes = [process.exitcode for process in processes]
    except Exception:  # noqa: BLE001 - a detail of the executor's; the line is right without it
        return ""
    for code in codes:
        if code is not None and code != -signal.SIGTERM:
            return f" ({_exit_status(code)})"
    return ""


def _exit_status(code: int | None) -> str:
    if code is not None and code < 0:
        return f"signal {-code}"
    return f"exit status {code}"


def _alone(setup: RunSetup, path: str, report: bool) -> FilePass:
    """The pass of one file in a process forked for it alone: a file that
    kills its process becomes one error line, and nothing else is lost."""
    context = _process_context()
    receiver, sender = context.Pipe(duplex=False)
    for stream in (sys.stdout, sys.stderr):  # or the child would write out the parent's buffered text again
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed stream: nothing to write twice
            pass
    try:
        process = context.Process(target=_check_alone, args=(sender, setup, path, report), daemon=True)
        process.start()
    except Exception as exc:  # noqa: BLE001 - no process for it: the file is not checked, and said so
        receiver.close()
        sender.close()
        return FilePass(path, None, None, [internal_error(path, "starting a worker process for it", exc)])
    sender.close()  # the child holds the only writing end: its death is the end of the pipe
    answer = None
    try:
        answer = receiver.recv()
    except EOFError:
        pass
    except Exception:  # noqa: BLE001 - an answer that cannot be read back: see below
        answer = "unreadable"
    finally:
        receiver.close()
        process.join()
    if isinstance(answer, FilePass):
        return answer
    if answer is not None:
        # The child checked the file and lived, but its answer cannot
        # travel: the checking is safe here, only the sending failed.
        return first_pass(path, setup, report)
    return FilePass(path, None, None, [worker_died(path, _exit_status(process.exitcode))])


def _check_alone(sender, setup: RunSetup, path: str, report: bool) -> None:
    _tune_collector()
    one = first_pass(path, setup, report)
    try:
        sender.send(one)
    except Exception:  # noqa: BLE001 - not picklable: the parent checks it itself (see _alone)
        sender.send("unpicklable")
    sender.close()


def first_passes(
    files: list[str],
    setup: RunSetup,
    only: set[str] | None,
    workers: Workers,
    progress: Callable[[str], None] | None,
    cache=None,
) -> list[FilePass]:
    """One pass per file, in the order of ``files``."""
    passes: dict[str, FilePass] = {}
    todo: list[Item] = []
    for path in files:
        report = only is None or path in only
        cached = cache.file_pass(path, report) if cache is not None else None
        if cached is not None:
            passes[path] = cached
            if progress and report:
                progress(path)
        else:
            todo.append((len(todo), path, report))
    sizes = {path: file_size(path) for _, path, _ in todo}
    chunks = _chunks(todo, sizes, workers.jobs) if workers.parallel else [[item] for item in todo]
    if workers.parallel and len(chunks) > 1:
        # the workers have their own setup
        done_chunks = workers.passes(setup, chunks, len(todo), lambda rest: _chunks(rest, sizes, workers.jobs))
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


def _chunks(todo: list[Item], sizes: dict[str, int], jobs: int) -> list[list[Item]]:
    """Pieces of work that shrink as the run goes (guided scheduling): each
    takes a ``1/(CHUNK_SHARE·jobs)`` share of the bytes still to check, and
    at least ``MIN_CHUNK_BYTES``. Big pieces first keep the hand-over cost
    low; small ones at the end keep every worker busy to the last (with
    equal pieces of a sixteenth, one worker idled for half a piece, about
    a second on 10,000 articles). Biggest files first, for the same reason."""
    remaining = sum(sizes[path] for _, path, _ in todo)
    chunks: list[list[Item]] = []
    current: list[Item] = []
    weight = 0
    for item in sorted(todo, key=lambda item: -sizes[item[1]]):  # stable: equal sizes keep their order
        current.append(item)
        weight += sizes[item[1]]
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
    from ..rules import find_rule
    from ..text.languages import get_detector

    rule = find_rule("wrong-language")
    if rule is not None and (rule in config.enabled_rules() or config.lang is None):
        get_detector(config.options_of(rule)["detector"]).load()


def _start_worker(config, marks) -> None:
    global _setup, _setup_error, _marks
    _tune_collector()
    _marks = marks
    try:
        _setup = RunSetup.of(config)
    except Exception as exc:  # noqa: BLE001 - an initializer that raises prints a traceback; _work reports it
        _setup, _setup_error = None, f"{type(exc).__name__}: {exc}"


def _tune_collector() -> None:
    gc.set_threshold(200_000, 50, 100)  # as in the main process (see cli.main)


def _call_inherited(function: Callable, item):
    return function(_inherited, item)


def _passes(setup: RunSetup, chunk: list[Item]) -> Done:
    return [((path, report), first_pass(path, setup, report)) for _, path, report in chunk]


def _work(chunk: list[Item]) -> Done:
    """In a worker: the passes of a chunk, with the worker's own setup,
    each file marked started and done (see ``Workers.passes``)."""
    setup, marks = _setup, _marks
    if setup is None:
        raise RuntimeError(f"the worker could not set up the run: {_setup_error}")  # the chunk is done in process
    if marks is None:  # never: Workers.passes makes the marks before the pool that runs this
        raise RuntimeError("the worker has no marks")
    done = []
    for index, path, report in chunk:
        marks[index] = STARTED
        done.append(((path, report), first_pass(path, setup, report)))
        marks[index] = DONE
    return done
