"""``tqa score``: BLEU, chrF and TER of one version against a reference."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.text import Text

from ..escaping import json_scrub, terminal
from .options import ScoreFormat
from .output import failing_on, note, write_or_print


def score(
    hypothesis: str = typer.Argument(..., help="The version to score (e.g. machine translation)."),
    reference: str = typer.Argument(..., help="The reference (e.g. the editor's final version)."),
    fmt: ScoreFormat = typer.Option(ScoreFormat.text, "--format", "-f", help="Report format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the scores to this file."),
) -> None:
    """BLEU, chrF and TER per article (or catalog entry) and for the corpus, with sacrebleu."""
    import json

    from rich.table import Table

    from ..score import ScoreError, align, scores

    with failing_on(ScoreError):
        pairs, notes = align(hypothesis, reference)
    result = scores(pairs)
    for message in notes:
        note(f"note: {message}")
    if fmt == ScoreFormat.json:
        write_or_print(json_scrub(json.dumps(result, ensure_ascii=False, indent=2)) + "\n", output)
        return
    table = Table(box=None, pad_edge=False)
    for column in ("", "BLEU", "chrF", "TER"):
        table.add_column(column, justify="left" if not column else "right", overflow="fold")
    for row in result["units"]:
        table.add_row(Text(terminal(row["name"])), f"{row['bleu']:.1f}", f"{row['chrf']:.1f}", f"{row['ter']:.1f}")
    corpus = result["corpus"]
    table.add_row(
        f"corpus ({corpus['units']})",
        f"{corpus['bleu']:.1f}",
        f"{corpus['chrf']:.1f}",
        f"{corpus['ter']:.1f}",
        style="bold",
    )
    from io import StringIO

    buffer = StringIO()
    Console(file=buffer, width=120, highlight=False).print(table)
    write_or_print(buffer.getvalue(), output)
