"""``tqa fix``: apply the safe fixes to the files, or show them as a diff."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..escaping import terminal
from .options import CONFIG, FOLLOW, GLOSSARY, IGNORE, LANG, PATHS, SELECT, configure
from .output import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, error, print_errors, stderr, write_stdout
from .run import discover, run_with_progress


def fix(
    paths: List[str] = PATHS,
    lang: Optional[str] = LANG,
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    config_file: Optional[Path] = CONFIG,
    glossary: Optional[List[Path]] = GLOSSARY,
    follow_links: bool = FOLLOW,
    dry_run: bool = typer.Option(
        False,
        "--dry-run",
        "--diff",
        help="Print the changes as a unified diff and write nothing (exit 1 if there are any).",
    ),
) -> None:
    """Apply the fixes that are safe (look-alike letters, repeated words, spaces before punctuation, foreign quotes,
    hard line breaks) to the files themselves, each written atomically. `tqa rules` marks these rules."""
    from .. import fixing
    from ..readers.base import InputError

    config = configure(paths, config_file, lang, select, ignore, None, glossary, follow_links)
    files, errors, _ = discover(paths, config, None)
    result = run_with_progress(files, errors, None, config)
    print_errors(result.errors)
    failed = bool(result.errors)
    fixed = changed_files = left = 0
    for path, findings in sorted(fixing.fixable(result).items()):
        try:
            file_plan = fixing.plan(path, findings)
            if file_plan.refused:
                stderr().print(terminal(f"{path}: {file_plan.refused} ({len(file_plan.left)} left)"), markup=False)
            if file_plan.applied and not dry_run:
                fixing.write(file_plan)
        except (InputError, OSError) as exc:
            error(exc if isinstance(exc, InputError) else f"{path}: {exc}")
            failed = True
            continue
        if dry_run:
            write_stdout(file_plan.diff())
        else:
            write_stdout(
                "".join(
                    terminal(f"{f.path}:{f.line}:{f.column}: {f.rule} {f.name}: {f.text!r} -> {f.suggestion!r}") + "\n"
                    for f in file_plan.applied
                )
            )
        fixed += len(file_plan.applied)
        changed_files += bool(file_plan.applied)
        left += len(file_plan.left)
    verb = "would fix" if dry_run else "fixed"
    note = f"; {left} left (overlapping another fix, or the file format needs it done by hand)" if left else ""
    stderr().print(
        f"{verb} {fixed} finding{'s' * (fixed != 1)} in {changed_files} file{'s' * (changed_files != 1)}{note}",
        markup=False,
    )
    raise typer.Exit(EXIT_ERROR if failed else (EXIT_FINDINGS if dry_run and fixed else EXIT_CLEAN))
