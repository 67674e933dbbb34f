"""``tqa align``: a translation aligned with its original, sentence by
sentence, as a side-by-side table or JSON (as hunalign and bleualign are
used on their own)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..escaping import json_scrub, terminal
from .options import LANG, ScoreFormat
from .output import fail, write_or_print


def align(
    original: str = typer.Argument(..., help="The original (the source text)."),
    translation: str = typer.Argument(..., help="Its translation."),
    lang: Optional[str] = LANG,
    source_lang: Optional[str] = typer.Option(
        None, "--source-lang", help="Language of the original [default: told from its text]."
    ),
    fmt: ScoreFormat = typer.Option(ScoreFormat.text, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the alignment to this file."),
) -> None:
    """Align a translation with its original: which sentences render which
    (1-1, 1-2, 2-1…; 1-0 an omission, 0-1 an addition)."""
    from ..config import Config
    from ..engine.passes import builtin_rule, split_settings
    from ..readers import InputError, read_document
    from ..text.alignment import align_articles
    from ..text.languages import article_language

    config = Config()
    documents = []
    for path in (original, translation):
        try:
            documents.append(read_document(path, split_settings(config)))
        except InputError as exc:
            fail(f"{exc.path}: {exc.message}")
    source_doc, target_doc = documents
    options = config.options_of(builtin_rule("wrong-language"))
    for document, given in ((source_doc, source_lang), (target_doc, lang)):
        for article in document.articles:
            texts = [s.text for s in article.paragraphs]
            article.lang = given or article_language(texts, options["detector"], options["candidates"] or None)
    if len(source_doc.articles) != len(target_doc.articles):
        fail(
            f"{original} has {len(source_doc.articles)} articles and {translation} {len(target_doc.articles)}: "
            "they are paired one by one"
        )
    units: list[dict[str, Any]] = []
    for source, target in zip(source_doc.articles, target_doc.articles):
        alignment = align_articles(source, target)
        for bead in alignment.beads:
            units.append(
                {
                    "article": source.index,
                    "kind": bead.kind,
                    "cost": round(bead.cost, 2),
                    "source": [_place(source_doc, source, alignment.source[i]) for i in bead.source],
                    "target": [_place(target_doc, target, alignment.target[j]) for j in bead.target],
                }
            )
    if fmt == ScoreFormat.json:
        data = {"original": original, "translation": translation, "beads": units}
        write_or_print(json_scrub(json.dumps(data, ensure_ascii=False, indent=2)) + "\n", output)
        return
    table = Table(box=None, pad_edge=False, show_lines=False)
    table.add_column("", no_wrap=True)
    table.add_column(terminal(original), ratio=1, overflow="fold")
    table.add_column(terminal(translation), ratio=1, overflow="fold")
    for unit in units:
        left = " ".join(f"{p['line']}: {p['text']}" for p in unit["source"]) or "—"
        right = " ".join(f"{p['line']}: {p['text']}" for p in unit["target"]) or "—"
        style = "bold red" if unit["kind"] in ("1-0", "0-1") else None
        table.add_row(Text(str(unit["kind"]), style=style or ""), Text(terminal(left)), Text(terminal(right)))
        table.add_row("", "", "")
    buffer = StringIO()
    Console(file=buffer, width=_width(), highlight=False, color_system=None).print(table)
    write_or_print(buffer.getvalue(), output)


def _place(document, article, sentence) -> dict:
    segment = article.paragraphs[sentence.para]
    line, column = document.source.position(segment.source_offset(sentence.start))
    return {"line": line, "column": column, "text": sentence.text}


def _width() -> int:
    import shutil

    return max(60, shutil.get_terminal_size((120, 24)).columns)
