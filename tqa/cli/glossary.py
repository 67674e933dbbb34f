"""``tqa glossary check|import|export|suggest``: a Typer app of its
own, which ``tqa.cli`` adds to ``tqa`` as ``glossary``."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .options import load_config
from .output import EXIT_ERROR, failing_on, print_errors, write_or_print, write_stdout

glossary_app = typer.Typer(
    help="Glossaries: check, import from CSV/TBX, export to TBX, suggest entries from a corpus.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@glossary_app.command("check")
def glossary_check(files: List[Path] = typer.Argument(..., help="Glossary YAML files.")) -> None:
    """Validate glossaries; print one line per problem."""
    from ..glossary import GlossaryError, load_all

    with failing_on(GlossaryError):
        merged = load_all(files)
    write_stdout(f"{len(merged.entries)} entries in {len(files)} file(s): ok\n")


@glossary_app.command("import")
def glossary_import(
    source: Path = typer.Argument(..., help="A .tbx (TBX v2 or v3), .csv (id,lang,type,term,note) or .yaml file."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="YAML file to write (stdout if absent)."),
    name: Optional[str] = typer.Option(None, "--name", help="Glossary name (default: the file name)."),
) -> None:
    """Convert a CSV or TBX termbase into a tqa glossary (YAML)."""
    from ..glossary import GlossaryError, import_file, to_yaml

    with failing_on(GlossaryError):
        glossary = import_file(source)
    write_or_print(to_yaml(glossary, name or source.stem), output)


@glossary_app.command("export")
def glossary_export(
    files: List[Path] = typer.Argument(..., help="Glossary YAML files."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="TBX file to write (stdout if absent)."),
) -> None:
    """Export glossaries as TBX-Basic, for CAT and QA tools."""
    from ..glossary import GlossaryError, load_all, to_tbx

    with failing_on(GlossaryError):
        glossary = load_all(files)
    write_or_print(to_tbx(glossary), output)


@glossary_app.command("suggest")
def glossary_suggest(
    paths: List[str] = typer.Argument(..., help="Files or folders to mine."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="YAML draft to write (stdout if absent)."),
    lang: Optional[str] = typer.Option(None, "--lang", "-l", help="Language of the texts."),
    config_file: Optional[Path] = typer.Option(None, "--config", help="Config file."),
) -> None:
    """Mine texts for acronyms and their expansions: a draft glossary to review."""
    from ..engine import discover, read_for_run
    from ..suggest import suggest_entries

    config = load_config(config_file, paths)
    if lang:
        config.lang = lang
    files, errors = discover(paths, config)
    documents = read_for_run(files, config, errors)
    print_errors(errors)
    write_or_print(suggest_entries(documents, config), output)
    if errors:  # a draft from the files that could be read, but not all of them were
        raise typer.Exit(EXIT_ERROR)
