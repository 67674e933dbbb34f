"""Command line: ``tqa check`` (and ``baseline``, ``fix``, ``report``,
``rules``, ``score``, ``glossary check|import|export|suggest``).

Exit codes, of every command:

- 0: done; for ``check``, nothing at or above ``--fail-on``;
- 1: findings (``check``), changes to make (``fix --dry-run``);
- 2: usage, config, input or output errors: also when only some inputs
  could not be read, when standard output or a report file could not be
  written (a full disk), and for a bug in tqa (``tqa: internal error: …``,
  one line; ``TQA_DEBUG=1`` adds the traceback);
- 130: interrupted (Ctrl-C);
- 141: standard output was closed before tqa finished writing
  (``tqa check … | head``): tqa stops quietly, as programs killed by
  SIGPIPE do (what a shell reports for them is 128 + 13).

Whatever is printed comes partly from the checked tree (file names,
article text, messages quoting it), which on a pull request is a
stranger's: it never passes as Rich markup, and goes through
``tqa.escaping`` (control characters and bidi overrides shown visibly, a
file name on one line).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.text import Text

from . import __version__
from .escaping import display_path, json_scrub, terminal

app = typer.Typer(
    name="tqa",
    help="Translation QA: find what a spell-checker never sees in translated articles and catalogs.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED, EXIT_PIPE = 130, 141  # 128 + SIGINT, 128 + SIGPIPE


class Format(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    gitlab = "gitlab"
    markdown = "markdown"


REPORTS_DIR = Path("reports")
DEFAULT_HTML = REPORTS_DIR / "tqa-report.html"


class ScoreFormat(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _error(message) -> None:
    """``error: message`` on stderr, one line whatever the message quotes
    (a file name with ``[/]``, a newline or an escape sequence in it)."""
    _stderr().print(Text.assemble(("error:", "bold red"), " ", terminal(str(message))), highlight=False)


def _note(message: str) -> None:
    """A line of information on stderr, escaped as ``_error``'s."""
    _stderr().print(Text(terminal(message)), highlight=False)


def _fail(message: str) -> None:
    _error(message)
    raise typer.Exit(EXIT_ERROR)


def _utf8(text: str) -> bytes:
    """What tqa writes for ``text``: UTF-8, whatever the locale says; a
    file name's undecodable byte (a lone surrogate) written ``\\xNN``, as
    reports show it."""
    return display_path(text).encode("utf-8", "backslashreplace")


def _drop_stdout() -> None:
    """After a failed write, point standard output at /dev/null: the
    interpreter flushes it again on exit, and that second failure would
    be printed as an ignored exception (and change the exit code)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no file descriptor (output captured): nothing to flush later
        pass


def _write_stdout(data) -> None:
    """Write ``data`` (text or bytes) to standard output and flush it,
    checked: a reader that went away (a broken pipe) ends the run quietly
    with ``EXIT_PIPE``; any other failure (no space left, an I/O error) is
    one line on stderr and ``EXIT_ERROR``, never a report silently cut short."""
    data = data if isinstance(data, bytes) else _utf8(data)
    try:
        sys.stdout.flush()  # what went through the text layer comes first
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (tests capturing output)
            sys.stdout.write(data.decode("utf-8"))
            sys.stdout.flush()
        else:
            buffer.write(data)
            buffer.flush()
    except BrokenPipeError:
        _drop_stdout()
        raise typer.Exit(EXIT_PIPE)
    except OSError as exc:
        _drop_stdout()
        _fail(f"cannot write to standard output: {exc.strerror or exc}")


def _version(value: bool) -> None:
    if value:
        _write_stdout(f"tqa {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """Translation QA for newsrooms and localization teams."""


def _load_config(config_file: Optional[Path], paths: List[str], follow_links: bool = False):
    from .config import ConfigError, find_config, load_config

    try:
        found = config_file if config_file is not None else find_config(Path(paths[0]) if paths else Path.cwd())
        config = load_config(found, follow_links)
    except ConfigError as exc:
        _fail(str(exc))
    for note in config.notes:  # what the config lets tqa read outside its project, for a reviewer to see
        _note(f"note: {note}")  # the path comes from the tree: escaped, one line
    return config


def _split_list(values: Optional[List[str]]) -> List[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _configure(paths: List[str], config_file: Optional[Path], lang: Optional[str], select, ignore,
               fail_on: Optional["FailOn"], glossary: Optional[List[Path]], follow_links: bool = False):
    """The config of a run: the file's, then the command line's options."""
    from .config import ConfigError, _language
    from .glossary import GlossaryError
    from .rules import matching_rules

    config = _load_config(config_file, paths, follow_links)
    if lang is not None:
        try:
            config.lang = _language(lang, lambda m: ConfigError(m), "--lang")
        except ConfigError as exc:
            _fail(str(exc))
        config.languages = {}
    for option, values in (("--select", select), ("--ignore", ignore)):
        for selector in _split_list(values):
            if not matching_rules(selector):
                _fail(f"{option}: no rule matches {selector!r} (see `tqa rules`)")
    if select:
        config.select = _split_list(select)
    if ignore:
        config.ignore = config.ignore + _split_list(ignore)
    if fail_on is not None:
        config.fail_on = fail_on.value
    config.glossaries = config.glossaries + [str(g) for g in glossary or []]
    try:
        config.load_glossary()  # report a broken glossary before any work
    except GlossaryError as exc:
        _fail(str(exc))
    return config


# options shared by `tqa check` and `tqa baseline`
_PATHS = typer.Argument(..., help="Files or folders to check (folders are walked).")
_LANG = typer.Option(None, "--lang", "-l", help="Target language of the text (en, ru, kk, de…).")
_SELECT = typer.Option(None, "--select", help="Only these rules (codes, prefixes, names, categories).")
_IGNORE = typer.Option(None, "--ignore", help="Skip these rules.")
_CONFIG = typer.Option(None, "--config", help="Config file (tqa.toml or pyproject.toml).")
_GLOSSARY = typer.Option(None, "--glossary", "-g", help="A glossary (YAML) to use besides those in config; repeatable.")
_FOLLOW = typer.Option(False, "--follow-external-symlinks",
                       help="Also read files and glossaries that symlinks lead to outside the checked folders "
                            "(each is named on stderr). A command-line option only: never from a config.")
_CHANGED = typer.Option(None, "--changed-since", metavar="REF",
                        help="Report only files added or modified since the merge base with REF (git); "
                             "the other files are still context for cross-article rules.")


@app.command()
def check(
    paths: List[str] = _PATHS,
    lang: Optional[str] = _LANG,
    fmt: Optional[List[Format]] = typer.Option(
        None, "--format", "-f", help="Report format; repeat with --output for several reports from one run."),
    output: Optional[List[Path]] = typer.Option(
        None, "--output", "-o", help="Write the report to this file (atomic); the n-th --output goes with the "
                                     "n-th --format (or its suffix decides: .json .sarif .html .xml .md)."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Lowest severity that fails the run [default: warning]."),
    select: Optional[List[str]] = _SELECT,
    ignore: Optional[List[str]] = _IGNORE,
    config_file: Optional[Path] = _CONFIG,
    glossary: Optional[List[Path]] = _GLOSSARY,
    follow_links: bool = _FOLLOW,
    changed_since: Optional[str] = _CHANGED,
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Fail only on findings not in this baseline."),
    update_baseline: bool = typer.Option(False, "--update-baseline",
                                         help="Remove baseline entries no longer found (never adds)."),
    show_baselined: bool = typer.Option(False, "--show-baselined", help="Also print findings already in the baseline."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Processes for the per-file work [default: one per core]."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the result cache."),
    cache_dir: Optional[Path] = typer.Option(
        None, "--cache-dir", metavar="DIR",
        help="Keep the result cache in DIR (by default $TQA_CACHE_DIR, else $XDG_CACHE_HOME/tqa or ~/.cache/tqa)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="One line per finding, no context and no summary."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Force colour on or off."),
) -> None:
    """Check translated files and report what is wrong, article by article."""
    from .engine import timed
    from .findings import exit_code

    reports = _pair_reports(fmt or [], output or [])
    if update_baseline and baseline is None:
        _fail("--update-baseline needs --baseline FILE")
    config = _configure(paths, config_file, lang, select, ignore, fail_on, glossary, follow_links)
    known = _load_baseline(baseline) if baseline is not None else None
    cache = None if no_cache else _cache(config, cache_dir)
    files, errors, reported = _discover(paths, config, _changed(changed_since))
    replay = None
    if cache is not None and known is None and all(f.value in REPLAYABLE for f, _ in reports):
        # the same reports of the same run: written again from the cache, nothing checked
        settings = [[(f.value, str(o) if o else None) for f, o in reports], quiet, _colour(color, reports),
                    show_baselined, config.fail_on, list(paths)]
        replay = cache.replay_key(cache.run_key(files, reported, [str(e) for e in errors]), repr(settings))
        stored = cache.load_replay(replay)
        code = _replay(stored, reports) if stored is not None else None
        if code is not None:
            raise typer.Exit(code)
    result = _run_with_progress(files, errors, reported, config, jobs, cache)
    for error in result.errors:
        _error(error)
    result.inputs = list(paths)
    if known is not None:
        _compare_with_baseline(result, known, baseline, update_baseline)
    written = []
    for report_format, report_output in reports:
        with timed(f"report {report_format.value}"):
            written.append(_emit(result, report_format, report_output, color, quiet, config.fail_on, show_baselined,
                                 keep=replay is not None))
    code = exit_code(result, config.fail_on)
    if replay is not None:
        cache.store_replay(replay, {"outputs": written, "errors": [str(e) for e in result.errors], "exit": code})
    raise typer.Exit(code)


# formats whose report depends on nothing but the run and the options
# (html shows the date it was made; github also writes the job summary)
REPLAYABLE = {"text", "json", "sarif", "junit", "gitlab", "markdown"}


def _colour(color: Optional[bool], reports) -> bool:
    to_terminal = any(o is None for _, o in reports) and sys.stdout.isatty()
    return to_terminal if color is None else color


def _replay(stored, reports) -> Optional[int]:
    """Write the stored reports again; their exit code. None, writing
    nothing, when the entry does not fit these reports (then the run is
    checked afresh): each field is checked before anything is written."""
    from .writing import write_atomic_bytes

    wanted = [str(o) if o is not None else None for _, o in reports]
    if not isinstance(stored, dict) or set(stored) != {"outputs", "errors", "exit"}:
        return None
    outputs, errors, code = stored["outputs"], stored["errors"], stored["exit"]
    if type(code) is not int or code not in (EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR):
        return None
    if not isinstance(errors, list) or not all(isinstance(e, str) for e in errors):
        return None
    if not isinstance(outputs, list) or len(outputs) != len(wanted) or not all(
            isinstance(o, tuple) and len(o) == 2 and o[0] == w and isinstance(o[1], bytes)
            for o, w in zip(outputs, wanted)):
        return None
    for error in errors:
        _error(error)
    for path, data in outputs:
        if path is None:
            _write_stdout(data)
        else:
            try:
                write_atomic_bytes(path, data, durable=True)
            except OSError as exc:
                _fail(f"{path}: cannot write report: {exc.strerror or exc}")
    return code


@app.command("baseline")
def make_baseline(
    paths: List[str] = _PATHS,
    output: Path = typer.Option(Path(".tqa-baseline.json"), "--output", "-o", help="The baseline file to write."),
    lang: Optional[str] = _LANG,
    select: Optional[List[str]] = _SELECT,
    ignore: Optional[List[str]] = _IGNORE,
    config_file: Optional[Path] = _CONFIG,
    glossary: Optional[List[Path]] = _GLOSSARY,
    follow_links: bool = _FOLLOW,
) -> None:
    """Record today's findings, so that `tqa check --baseline` fails only on new ones."""
    from . import baseline as baselines
    from .writing import write_atomic

    config = _configure(paths, config_file, lang, select, ignore, None, glossary, follow_links)
    files, errors, _ = _discover(paths, config, None)
    result = _run_with_progress(files, errors, None, config)
    for error in result.errors:
        _error(error)
    recorded = baselines.from_run(result)
    try:
        write_atomic(output, baselines.dumps(recorded))
    except OSError as exc:
        _fail(f"{output}: cannot write baseline: {exc.strerror or exc}")
    _note(f"wrote {output}: {len(recorded.entries)} findings in {result.files} files")
    raise typer.Exit(EXIT_ERROR if result.errors else EXIT_CLEAN)


@app.command("fix")
def fix(
    paths: List[str] = _PATHS,
    lang: Optional[str] = _LANG,
    select: Optional[List[str]] = _SELECT,
    ignore: Optional[List[str]] = _IGNORE,
    config_file: Optional[Path] = _CONFIG,
    glossary: Optional[List[Path]] = _GLOSSARY,
    follow_links: bool = _FOLLOW,
    dry_run: bool = typer.Option(False, "--dry-run", "--diff",
                                 help="Print the changes as a unified diff and write nothing (exit 1 if there are any)."),
) -> None:
    """Apply the fixes that are safe (look-alike letters, repeated words, spaces before punctuation, foreign quotes,
    hard line breaks) to the files themselves, each written atomically. `tqa rules` marks these rules."""
    from . import fixing
    from .readers.base import InputError

    config = _configure(paths, config_file, lang, select, ignore, None, glossary, follow_links)
    files, errors, _ = _discover(paths, config, None)
    result = _run_with_progress(files, errors, None, config)
    for error in result.errors:
        _error(error)
    failed = bool(result.errors)
    fixed = changed_files = left = 0
    for path, findings in sorted(fixing.fixable(result).items()):
        try:
            file_plan = fixing.plan(path, findings)
            if file_plan.applied and not dry_run:
                fixing.write(file_plan)
        except (InputError, OSError) as exc:
            _error(exc if isinstance(exc, InputError) else f"{path}: {exc}")
            failed = True
            continue
        if dry_run:
            _write_stdout(file_plan.diff())
        else:
            _write_stdout("".join(terminal(f"{f.path}:{f.line}:{f.column}: {f.rule} {f.name}: {f.text!r} -> "
                                           f"{f.suggestion!r}") + "\n" for f in file_plan.applied))
        fixed += len(file_plan.applied)
        changed_files += bool(file_plan.applied)
        left += len(file_plan.left)
    verb = "would fix" if dry_run else "fixed"
    note = f"; {left} left (overlapping another fix, or the file format needs it done by hand)" if left else ""
    _stderr().print(f"{verb} {fixed} finding{'s' * (fixed != 1)} in {changed_files} file{'s' * (changed_files != 1)}"
                    f"{note}", markup=False)
    raise typer.Exit(EXIT_ERROR if failed else (EXIT_FINDINGS if dry_run and fixed else EXIT_CLEAN))


SUFFIX_FORMATS = {".txt": "text", ".json": "json", ".html": "html", ".htm": "html", ".sarif": "sarif",
                  ".xml": "junit", ".md": "markdown"}


def _pair_reports(formats: List["Format"], outputs: List[Path]) -> list[tuple["Format", Optional[Path]]]:
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
            _fail(f"--output {path}: give its --format (the suffix {path.suffix or '(none)'!r} does not say)")
        pairs.append([Format(inferred), path])
    if not pairs:
        pairs.append([Format.text, None])
    to_stdout = [f.value for f, o in pairs if o is None and f != Format.html]
    if len(to_stdout) > 1:
        _fail(f"--format {' and '.join(to_stdout)} would all go to standard output; give each but one an --output")
    return [(f, o) for f, o in pairs]


def _changed(ref: Optional[str]) -> Optional[set[str]]:
    if ref is None:
        return None
    from .gitdiff import GitError, changed_files

    try:
        return changed_files(ref)
    except GitError as exc:
        _fail(str(exc))


def _load_baseline(path: Path):
    from .baseline import BaselineError, load

    try:
        return load(str(path))
    except BaselineError as exc:
        _fail(str(exc))


def _compare_with_baseline(result, known, path: Path, update: bool) -> None:
    from . import baseline as baselines
    from .writing import write_atomic

    comparison = baselines.compare(result, known, str(path))
    if comparison.absent and update:
        try:
            write_atomic(path, baselines.dumps(baselines.without(known, comparison.absent)))
        except OSError as exc:
            _fail(f"{path}: cannot update baseline: {exc.strerror or exc}")
        _note(f"{path}: removed {len(comparison.absent)} entries no longer found")
        comparison.absent = []


def _report_path(fmt: Format, output: Optional[Path]) -> Optional[Path]:
    """Where a report goes: HTML is a file for a browser, so it defaults to
    ``reports/``, also when ``--output`` names only a file name."""
    if fmt != Format.html:
        return output
    if output is None:
        return DEFAULT_HTML
    return REPORTS_DIR / output if output.parent == Path(".") and not str(output).startswith(".") else output


_WRITTEN_AT_ONCE = 1 << 20  # bytes of a report gathered before a write to stdout


def _write_pieces(pieces, keep: bool) -> bytes | None:
    """Write a report made of pieces to stdout as they come, a megabyte at
    a time: never the whole report as one string and then as its bytes (a
    finding may hold a flagged text of megabytes). With ``keep``, return
    its bytes (for the replay cache)."""
    kept: list[bytes] = []
    batch: list[bytes] = []
    size = 0
    for piece in pieces:
        data = _utf8(piece)
        batch.append(data)
        size += len(data)
        if size >= _WRITTEN_AT_ONCE:
            _write_stdout(b"".join(batch))
            if keep:
                kept.extend(batch)
            batch, size = [], 0
    _write_stdout(b"".join(batch))
    if keep:
        kept.extend(batch)
        return b"".join(kept)
    return None


def _emit(result, fmt: Format, output: Optional[Path], color: Optional[bool], quiet: bool,
          fail_on: str = "warning", show_baselined: bool = False, keep: bool = False):
    """Write one report; with ``keep``, return (path or None, its bytes) for
    the replay cache."""
    from .report import ReportOptions, render, text_of
    from .writing import write_atomic

    output = _report_path(fmt, output)
    to_terminal = output is None and sys.stdout.isatty()
    options = ReportOptions(color=to_terminal if color is None else color, quiet=quiet,
                            fail_on=fail_on, show_baselined=show_baselined)
    report = render(fmt.value, result, options)
    if output is None:
        data = _write_pieces([report] if isinstance(report, str) else report, keep)
        _print_notes(result)
        return (None, data) if keep else None
    if keep:  # the bytes are kept for the replay cache anyway: no need to stream
        report = text_of(report)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output, report)
    except OSError as exc:
        _fail(f"{output}: cannot write report: {exc.strerror or exc}")
    _print_notes(result)
    if fmt == Format.html:
        _note(f"wrote {output}")
    return (str(output), report.encode("utf-8")) if keep else None


def _print_notes(result) -> None:
    """What rendering left out (a saved report's file outside the working
    folder), once each."""
    for note in result.notes:
        _note(note)
    result.notes.clear()


@app.command()
def report(
    saved: Path = typer.Argument(..., help="A JSON report saved by `tqa check --format json`."),
    fmt: Format = typer.Option(Format.html, "--format", "-f", help="Report format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Write the report to this file [default for html: reports/tqa-report.html]."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Force colour on or off."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Text format: one line per finding."),
) -> None:
    """Render a saved JSON report again, e.g. as HTML for editors. The
    checked files are read again for their text (run it where they are)."""
    from .report.saved import ReportError, load_run

    try:
        result = load_run(str(saved))
    except ReportError as exc:
        _fail(str(exc))
    _emit(result, fmt, output, color, quiet)


def _discover(paths, config, only: Optional[set[str]]):
    """(files, errors, reported): the files to read, the paths that are not
    there, and with ``--changed-since`` the files whose findings count."""
    import os

    from .engine import discover

    notes: list[str] = []
    files, errors = discover(paths, config, notes)
    for note in notes:  # each symlink followed out of the checked folders, for a reviewer to see
        _note(f"note: {note}")  # the path comes from the tree: escaped, one line
    reported = None
    if only is not None:
        reported = {f for f in files if os.path.realpath(f) in only}
        # an unchanged file that cannot be read is not this change's fault; a
        # path named on the command line that cannot be read is the run's
        named = set(paths)
        errors = [e for e in errors if e.path in named or os.path.realpath(e.path) in only]
    return files, errors, reported


def _run_with_progress(files, errors, reported, config, jobs: Optional[int] = None, cache=None):
    """Check the files; a progress bar on stderr for long runs on a terminal."""
    from .engine import check_files
    from .engine.pool import default_jobs

    count = len(reported) if reported is not None else len(files)
    run = dict(only=reported, jobs=jobs or default_jobs(), cache=cache)
    if not sys.stderr.isatty() or count < 20:
        return check_files(files, config, errors, **run)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}", markup=False),  # a file name is not markup
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=count)

        def advance(path: str) -> None:
            bar.update(task, advance=1, description=terminal(path)[-50:])

        return check_files(files, config, errors, progress=advance, **run)


def _cache(config, folder: Optional[Path] = None):
    """The result cache, outside the checked tree (``--cache-dir`` is a
    command-line option only: the config comes from the checked tree)."""
    from .engine.cache import open_cache

    cache = open_cache(config, folder)
    if cache.warning:  # not used for safety (a symlink, a folder not ours): say so once
        _note(f"warning: {cache.warning}")
    return cache


@app.command()
def rules(
    rule: Optional[str] = typer.Argument(None, help="A rule code or name: show its full documentation."),
    markdown: bool = typer.Option(False, "--markdown", help="Every rule's documentation as Markdown (docs/rules.md)."),
) -> None:
    """List every rule, or show one rule's documentation."""
    if markdown:
        from .rules.docs import rules_markdown

        _write_stdout(rules_markdown())
        return

    from io import StringIO

    # printed into a buffer, then written checked (see _write_stdout); styled as for the terminal, if it is one
    buffer = StringIO()
    terminal_out = sys.stdout.isatty()
    console = Console(file=buffer, highlight=False, force_terminal=terminal_out,
                      width=Console().width if terminal_out else 140)
    _print_rules(console, rule)
    _write_stdout(buffer.getvalue())


def _print_rules(console: Console, rule: Optional[str]) -> None:
    from rich.table import Table

    from .rules import all_rules, find_rule

    if rule is not None:
        found = find_rule(rule)
        if found is None:
            _fail(f"no rule {rule!r} (see `tqa rules`)")
        console.print(Text.assemble((found.code, "bold"), f" {found.name}  ", ("category: ", "dim"), found.category,
                                    "  ", ("default severity: ", "dim"), found.severity,
                                    ("  fixed by tqa fix" if found.safe_fix else "", "dim")))
        if found.options:
            console.print(Text.assemble(("options: ", "dim"),
                                        ", ".join(f"{k} = {v!r}" for k, v in found.options.items())))
        console.print()
        console.print(found.doc, markup=False)
        return
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("code", "name", "category", "severity", "fix", "what it finds"):
        table.add_column(column, overflow="fold")
    for r in all_rules():
        table.add_row(r.code, r.name, r.category, r.severity, "tqa fix" if r.safe_fix else "",
                      Text(r.summary.replace("``", "")))
    console.print(table)


@app.command()
def score(
    hypothesis: str = typer.Argument(..., help="The version to score (e.g. machine translation)."),
    reference: str = typer.Argument(..., help="The reference (e.g. the editor's final version)."),
    fmt: ScoreFormat = typer.Option(ScoreFormat.text, "--format", "-f", help="Report format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the scores to this file."),
) -> None:
    """BLEU, chrF and TER per article (or catalog entry) and for the corpus, with sacrebleu."""
    import json

    from rich.table import Table

    from .score import ScoreError, align, scores

    try:
        pairs, notes = align(hypothesis, reference)
    except ScoreError as exc:
        _fail(str(exc))
    result = scores(pairs)
    for note in notes:
        _note(f"note: {note}")
    if fmt == ScoreFormat.json:
        _write_or_print(json_scrub(json.dumps(result, ensure_ascii=False, indent=2)) + "\n", output)
        return
    table = Table(box=None, pad_edge=False)
    for column in ("", "BLEU", "chrF", "TER"):
        table.add_column(column, justify="left" if not column else "right", overflow="fold")
    for row in result["units"]:
        table.add_row(Text(terminal(row["name"])), f"{row['bleu']:.1f}", f"{row['chrf']:.1f}", f"{row['ter']:.1f}")
    corpus = result["corpus"]
    table.add_row(f"corpus ({corpus['units']})", f"{corpus['bleu']:.1f}", f"{corpus['chrf']:.1f}",
                  f"{corpus['ter']:.1f}", style="bold")
    from io import StringIO

    buffer = StringIO()
    Console(file=buffer, width=120, highlight=False).print(table)
    _write_or_print(buffer.getvalue(), output)


glossary_app = typer.Typer(help="Glossaries: check, import from CSV/TBX, export to TBX, suggest entries from a corpus.",
                           no_args_is_help=True, pretty_exceptions_enable=False)
app.add_typer(glossary_app, name="glossary")


def _write_or_print(text: str, output: Optional[Path]) -> None:
    from .writing import write_atomic

    if output is None:
        _write_stdout(text)
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        _fail(f"{output}: cannot write: {exc.strerror or exc}")
    _note(f"wrote {output}")


@glossary_app.command("check")
def glossary_check(files: List[Path] = typer.Argument(..., help="Glossary YAML files.")) -> None:
    """Validate glossaries; print one line per problem."""
    from .glossary import GlossaryError, load_all

    try:
        merged = load_all(files)
    except GlossaryError as exc:
        _fail(str(exc))
    _write_stdout(f"{len(merged.entries)} entries in {len(files)} file(s): ok\n")


@glossary_app.command("import")
def glossary_import(
    source: Path = typer.Argument(..., help="A .tbx (TBX v2 or v3), .csv (id,lang,type,term,note) or .yaml file."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="YAML file to write (stdout if absent)."),
    name: Optional[str] = typer.Option(None, "--name", help="Glossary name (default: the file name)."),
) -> None:
    """Convert a CSV or TBX termbase into a tqa glossary (YAML)."""
    from .glossary import GlossaryError, import_file, to_yaml

    try:
        glossary = import_file(source)
    except GlossaryError as exc:
        _fail(str(exc))
    _write_or_print(to_yaml(glossary, name or source.stem), output)


@glossary_app.command("export")
def glossary_export(
    files: List[Path] = typer.Argument(..., help="Glossary YAML files."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="TBX file to write (stdout if absent)."),
) -> None:
    """Export glossaries as TBX-Basic, for CAT and QA tools."""
    from .glossary import GlossaryError, load_all, to_tbx

    try:
        glossary = load_all(files)
    except GlossaryError as exc:
        _fail(str(exc))
    _write_or_print(to_tbx(glossary), output)


@glossary_app.command("suggest")
def glossary_suggest(
    paths: List[str] = typer.Argument(..., help="Files or folders to mine."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="YAML draft to write (stdout if absent)."),
    lang: Optional[str] = typer.Option(None, "--lang", "-l", help="Language of the texts."),
    config_file: Optional[Path] = typer.Option(None, "--config", help="Config file."),
) -> None:
    """Mine texts for acronyms and their expansions: a draft glossary to review."""
    from .engine import discover, read_for_run
    from .suggest import suggest_entries

    config = _load_config(config_file, paths)
    if lang:
        config.lang = lang
    files, errors = discover(paths, config)
    documents = read_for_run(files, config, errors)
    for error in errors:
        _error(error)
    _write_or_print(suggest_entries(documents, config), output)
    if errors:  # a draft from the files that could be read, but not all of them were
        raise typer.Exit(EXIT_ERROR)


def main() -> None:
    """The ``tqa`` program: ``app`` with the exit codes of the module's
    docstring whatever happens, and never a traceback for a user."""
    import gc

    # A run makes millions of small objects (segments, offsets, findings) and
    # few cycles: the default collector thresholds spend half the reading
    # time scanning them. Collect rarely instead.
    gc.set_threshold(200_000, 50, 100)
    try:
        app()
        code = EXIT_CLEAN
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:  # pragma: no cover
        code = EXIT_INTERRUPTED
    except BrokenPipeError:  # standard output closed early, written outside _write_stdout
        _drop_stdout()
        code = EXIT_PIPE
    except Exception as exc:  # noqa: BLE001 - RecursionError and MemoryError too: one line, not a traceback
        code = _crashed(exc)
    sys.exit(_flush_stdout(code))


def _crashed(exc: BaseException) -> int:
    """One line on stderr for an exception nothing else caught: a failed
    read or write the system refused (a full disk) says so; anything else
    is a bug in tqa, to report. ``TQA_DEBUG=1`` adds the traceback."""
    try:
        if os.environ.get("TQA_DEBUG"):
            import traceback

            traceback.print_exception(exc, file=sys.stderr)
        if isinstance(exc, OSError) and exc.strerror:
            where = f"{os.fsdecode(exc.filename)}: " if exc.filename is not None else ""
            line = f"tqa: error: {where}{exc.strerror}"
        else:
            message = str(exc)
            line = f"tqa: internal error: {type(exc).__name__}{': ' if message else ''}{message[:500]} — please report it"
        line = terminal(line)
    except Exception:  # noqa: BLE001 - no memory left to describe it, or a __str__ that fails
        line = f"tqa: internal error: {type(exc).__name__} — please report it"
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr is gone too: the exit code still says it
        pass
    return EXIT_ERROR


def _flush_stdout(code):
    """Flush standard output before exiting, checked as ``_write_stdout``
    is: a report still in the buffer must not be lost without a word."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_PIPE
    except OSError as exc:
        _drop_stdout()
        try:
            _error(f"cannot write to standard output: {exc.strerror or exc}")
        except OSError:
            pass
        return EXIT_ERROR
    except ValueError:  # closed
        pass
    return code


if __name__ == "__main__":  # pragma: no cover
    main()
