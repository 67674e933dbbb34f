"""``tqa check``: check translated files and report what is wrong; its
reports paired with their files, a baseline, ``--changed-since``, and
the replay of a run's reports from the cache."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .options import CONFIG, FOLLOW, GLOSSARY, IGNORE, LANG, PATHS, SELECT, FailOn, Format, configure
from .output import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    fail,
    failing_on,
    failing_write,
    note,
    print_errors,
    write_stdout,
)
from .run import discover, emit, result_cache, run_with_progress

_CHANGED = typer.Option(
    None,
    "--changed-since",
    metavar="REF",
    help="Report only files added or modified since the merge base with REF (git); "
    "the other files are still context for cross-article rules.",
)


def check(
    paths: List[str] = PATHS,
    lang: Optional[str] = LANG,
    fmt: Optional[List[Format]] = typer.Option(
        None, "--format", "-f", help="Report format; repeat with --output for several reports from one run."
    ),
    output: Optional[List[Path]] = typer.Option(
        None,
        "--output",
        "-o",
        help="Write the report to this file (atomic); the n-th --output goes with the "
        "n-th --format (or its suffix decides: .json .sarif .html .xml .md).",
    ),
    fail_on: Optional[FailOn] = typer.Option(
        None, "--fail-on", help="Lowest severity that fails the run [default: warning]."
    ),
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    config_file: Optional[Path] = CONFIG,
    glossary: Optional[List[Path]] = GLOSSARY,
    follow_links: bool = FOLLOW,
    changed_since: Optional[str] = _CHANGED,
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Fail only on findings not in this baseline."),
    update_baseline: bool = typer.Option(
        False, "--update-baseline", help="Remove baseline entries no longer found (never adds)."
    ),
    show_baselined: bool = typer.Option(False, "--show-baselined", help="Also print findings already in the baseline."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="Processes for the per-file work [default: one per core]."
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the result cache."),
    cache_dir: Optional[Path] = typer.Option(
        None,
        "--cache-dir",
        metavar="DIR",
        help="Keep the result cache in DIR (by default $TQA_CACHE_DIR, else $XDG_CACHE_HOME/tqa or ~/.cache/tqa).",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="One line per finding, no context and no summary."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Force colour on or off."),
    source: Optional[Path] = typer.Option(
        None,
        "--source",
        metavar="ORIGINAL",
        help="The original the one translation named is checked against (omissions, numbers, dates, names).",
    ),
) -> None:
    """Check translated files and report what is wrong, article by article."""
    from ..engine import timed
    from ..findings import exit_code, is_transient

    reports = _pair_reports(fmt or [], output or [])
    if update_baseline and baseline is None:
        fail("--update-baseline needs --baseline FILE")
    config = configure(paths, config_file, lang, select, ignore, fail_on, glossary, follow_links)
    if source is not None:
        if len(paths) != 1 or Path(paths[0]).is_dir():
            fail("--source ORIGINAL goes with one translation file (for whole trees: [tool.tqa.sources] in the config)")
        config.source_files[os.path.realpath(paths[0])] = str(source)
    known = _load_baseline(baseline) if baseline is not None else None
    files, errors, reported = discover(paths, config, _changed(changed_since))
    # a translation's findings depend on its original too, which the cache's keys do not hold
    paired = bool(config.source_files or config.sources) or any(_names_original(path) for path in files)
    cache = None if no_cache or paired else result_cache(config, cache_dir)
    replay = None
    if cache is not None and known is None and all(f.value in REPLAYABLE for f, _ in reports):
        # the same reports of the same run: written again from the cache, nothing checked
        settings = [
            [(f.value, str(o) if o else None) for f, o in reports],
            quiet,
            _colour(color, reports),
            show_baselined,
            config.fail_on,
            list(paths),
        ]
        replay = cache.replay_key(cache.run_key(files, reported, [str(e) for e in errors]), repr(settings))
        stored = cache.load_replay(replay)
        code = _replay(stored, reports) if stored is not None else None
        if code is not None:
            raise typer.Exit(code)
    result = run_with_progress(files, errors, reported, config, jobs, cache)
    print_errors(result.errors)
    result.inputs = list(paths)
    if known is not None and baseline is not None:  # one with the other
        _compare_with_baseline(result, known, baseline, update_baseline)
    written = []
    for report_format, report_output in reports:
        with timed(f"report {report_format.value}"):
            written.append(
                emit(
                    result,
                    report_format,
                    report_output,
                    color,
                    quiet,
                    config.fail_on,
                    show_baselined,
                    keep=replay is not None,
                )
            )
    code = exit_code(result, config.fail_on)
    # a run that met a bug in tqa or lost a worker is not kept: the next one
    # must check again, not repeat the error line
    if replay is not None and cache is not None and not any(is_transient(e) for e in result.errors):
        cache.store_replay(replay, {"outputs": written, "errors": [str(e) for e in result.errors], "exit": code})
    raise typer.Exit(code)


# formats whose report depends on nothing but the run and the options
# (html shows the date it was made; github also writes the job summary)
REPLAYABLE = {"text", "json", "sarif", "junit", "gitlab", "markdown"}


def _colour(color: Optional[bool], reports) -> bool:
    to_terminal = any(o is None for _, o in reports) and sys.stdout.isatty()
    return to_terminal if color is None else color


def _names_original(path: str) -> bool:
    """Does the Markdown file ``path`` name its original in its front matter?"""
    from ..readers.base import read_head
    from ..readers.markdown import HEAD_BYTES, READER, names_original

    # (a file that cannot be read: the run says what is wrong with it)
    return path.lower().endswith(READER.suffixes) and names_original(read_head(path, HEAD_BYTES))


def _replay(stored, reports) -> Optional[int]:
    """Write the stored reports again; their exit code. None, writing
    nothing, when the entry does not fit these reports (then the run is
    checked afresh): each field is checked before anything is written."""
    from ..writing import write_atomic_bytes

    wanted = [str(o) if o is not None else None for _, o in reports]
    if not isinstance(stored, dict) or set(stored) != {"outputs", "errors", "exit"}:
        return None
    outputs, errors, code = stored["outputs"], stored["errors"], stored["exit"]
    if type(code) is not int or code not in (EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR):
        return None
    if not isinstance(errors, list) or not all(isinstance(e, str) for e in errors):
        return None
    if (
        not isinstance(outputs, list)
        or len(outputs) != len(wanted)
        or not all(
            isinstance(o, tuple) and len(o) == 2 and o[0] == w and isinstance(o[1], bytes)
            for o, w in zip(outputs, wanted)
        )
    ):
        return None
    print_errors(errors)
    for path, data in outputs:
        if path is None:
            write_stdout(data)
        else:
            with failing_write(f"{path}: cannot write report"):
                write_atomic_bytes(path, data, durable=True)
    return code


SUFFIX_FORMATS = {
    ".txt": "text",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".sarif": "sarif",
    ".xml": "junit",
    ".md": "markdown",
}


def _pair_reports(formats: List[Format], outputs: List[Path]) -> list[tuple[Format, Optional[Path]]]:
    """(format, output) pairs. An output whose suffix names one of the
    requested formats goes with it (``-f github -f sarif -o x.sarif``);
    the other outputs go with the other formats in order; an output left
    over is known by its suffix. One format at most may go to stdout."""
    pairs: list[list] = [[f, None] for f in formats]
    rest: list[Path] = []
    for path in outputs:
        named = SUFFIX_FORMATS.get(path.suffix.lower())
        slot = next((p for p in pairs if p[1] is None and p[0].value == named), None)
        if slot is not None:
            slot[1] = path
        else:
            rest.append(path)
    for path in rest:
        slot = next((p for p in pairs if p[1] is None), None)
        if slot is not None:
            slot[1] = path
            continue
        inferred = SUFFIX_FORMATS.get(path.suffix.lower())
        if inferred is None:
            fail(f"--output {path}: give its --format (the suffix {path.suffix or '(none)'!r} does not say)")
        pairs.append([Format(inferred), path])
    if not pairs:
        pairs.append([Format.text, None])
    to_stdout = [f.value for f, o in pairs if o is None and f != Format.html]
    if len(to_stdout) > 1:
        fail(f"--format {' and '.join(to_stdout)} would all go to standard output; give each but one an --output")
    return [(f, o) for f, o in pairs]


def _changed(ref: Optional[str]) -> Optional[set[str]]:
    if ref is None:
        return None
    from ..gitdiff import GitError, changed_files

    with failing_on(GitError):
        return changed_files(ref)


def _load_baseline(path: Path):
    from ..baseline import BaselineError, load

    with failing_on(BaselineError):
        return load(str(path))


def _compare_with_baseline(result, known, path: Path, update: bool) -> None:
    from .. import baseline as baselines
    from ..writing import write_atomic

    comparison = baselines.compare(result, known, str(path))
    if comparison.absent and update:
        with failing_write(f"{path}: cannot update baseline"):
            write_atomic(path, baselines.dumps(baselines.without(known, comparison.absent)))
        note(f"{path}: removed {len(comparison.absent)} entries no longer found")
        comparison.absent = []
