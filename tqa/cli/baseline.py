"""``tqa baseline``: record today's findings, for ``tqa check --baseline``."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .options import CONFIG, FOLLOW, GLOSSARY, IGNORE, LANG, PATHS, SELECT, configure
from .output import EXIT_CLEAN, EXIT_ERROR, failing_write, note, print_errors
from .run import discover, run_with_progress


def make_baseline(
    paths: List[str] = PATHS,
    output: Path = typer.Option(Path(".tqa-baseline.json"), "--output", "-o", help="The baseline file to write."),
    lang: Optional[str] = LANG,
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    config_file: Optional[Path] = CONFIG,
    glossary: Optional[List[Path]] = GLOSSARY,
    follow_links: bool = FOLLOW,
) -> None:
    """Record today's findings, so that `tqa check --baseline` fails only on new ones."""
    from .. import baseline as baselines
    from ..writing import write_atomic

    config = configure(paths, config_file, lang, select, ignore, None, glossary, follow_links)
    files, errors, _ = discover(paths, config, None)
    result = run_with_progress(files, errors, None, config)
    print_errors(result.errors)
    recorded = baselines.from_run(result)
    with failing_write(f"{output}: cannot write baseline"):
        write_atomic(output, baselines.dumps(recorded))
    note(f"wrote {output}: {len(recorded.entries)} findings in {result.files} files")
    raise typer.Exit(EXIT_ERROR if result.errors else EXIT_CLEAN)
