"""A run of the checks, as ``check``, ``baseline`` and ``fix`` make it
(the files to read, a progress bar, the result cache), and the writing
of its reports (``check``, ``report``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

from rich.console import Console

from ..escaping import terminal
from .options import Format
from .output import failing_write, note, print_notes, utf8, write_stdout

REPORTS_DIR = Path("reports")
DEFAULT_HTML = REPORTS_DIR / "tqa-report.html"


def discover(paths, config, only: Optional[set[str]]):
    """(files, errors, reported): the files to read, the paths that are not
    there, and with ``--changed-since`` the files whose findings count."""
    from ..engine import discover as find_files

    notes: list[str] = []
    files, errors = find_files(paths, config, notes)
    for message in notes:  # each symlink followed out of the checked folders, for a reviewer to see
        note(f"note: {message}")  # the path comes from the tree: escaped, one line
    reported = None
    if only is not None:
        reported = {f for f in files if os.path.realpath(f) in only}
        # an unchanged file that cannot be read is not this change's fault; a
        # path named on the command line that cannot be read is the run's
        named = set(paths)
        errors = [e for e in errors if e.path in named or os.path.realpath(e.path) in only]
    return files, errors, reported


def run_with_progress(files, errors, reported, config, jobs: Optional[int] = None, cache=None):
    """Check the files; a progress bar on stderr for long runs on a terminal."""
    from ..engine import check_files
    from ..engine.pool import default_jobs

    count = len(reported) if reported is not None else len(files)
    run = dict(only=reported, jobs=jobs or default_jobs(), cache=cache)
    if not sys.stderr.isatty() or count < 20:
        return check_files(files, config, errors, **run)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}", markup=False),  # a file name is not markup
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=count)

        def advance(path: str) -> None:
            bar.update(task, advance=1, description=terminal(path)[-50:])

        return check_files(files, config, errors, progress=advance, **run)


def result_cache(config, folder: Optional[Path] = None):
    """The result cache, outside the checked tree (``--cache-dir`` is a
    command-line option only: the config comes from the checked tree)."""
    from ..engine.cache import open_cache

    cache = open_cache(config, folder)
    if cache.warning:  # not used for safety (a symlink, a folder not ours): say so once
        note(f"warning: {cache.warning}")
    return cache


def report_path(fmt: Format, output: Optional[Path]) -> Optional[Path]:
    """Where a report goes: HTML is a file for a browser, so it defaults to
    ``reports/``, also when ``--output`` names only a file name."""
    if fmt != Format.html:
        return output
    if output is None:
        return DEFAULT_HTML
    return REPORTS_DIR / output if output.parent == Path(".") and not str(output).startswith(".") else output


_WRITTEN_AT_ONCE = 1 << 20  # bytes of a report gathered before a write to stdout


def write_pieces(pieces, keep: bool) -> bytes | None:
    """Write a report made of pieces to stdout as they come, a megabyte at
    a time: never the whole report as one string and then as its bytes (a
    finding may hold a flagged text of megabytes). With ``keep``, return
    its bytes (for the replay cache)."""
    kept: list[bytes] = []
    batch: list[bytes] = []
    size = 0
    for piece in pieces:
        data = utf8(piece)
        batch.append(data)
        size += len(data)
        if size >= _WRITTEN_AT_ONCE:
            write_stdout(b"".join(batch))
            if keep:
                kept.extend(batch)
            batch, size = [], 0
    write_stdout(b"".join(batch))
    if keep:
        kept.extend(batch)
        return b"".join(kept)
    return None


def emit(
    result,
    fmt: Format,
    output: Optional[Path],
    color: Optional[bool],
    quiet: bool,
    fail_on: str = "warning",
    show_baselined: bool = False,
    keep: bool = False,
):
    """Write one report; with ``keep``, return (path or None, its bytes) for
    the replay cache."""
    from ..report import ReportOptions, render, text_of
    from ..writing import write_atomic

    output = report_path(fmt, output)
    to_terminal = output is None and sys.stdout.isatty()
    options = ReportOptions(
        color=to_terminal if color is None else color, quiet=quiet, fail_on=fail_on, show_baselined=show_baselined
    )
    report = render(fmt.value, result, options)
    if output is None:
        data = write_pieces([report] if isinstance(report, str) else report, keep)
        print_notes(result)
        return (None, data) if keep else None
    if keep:  # the bytes are kept for the replay cache anyway: no need to stream
        report = text_of(report)
    with failing_write(f"{output}: cannot write report"):
        output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output, report)
    print_notes(result)
    if fmt == Format.html:
        note(f"wrote {output}")
    return (str(output), report.encode("utf-8")) if keep else None
