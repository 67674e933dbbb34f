"""The ``tqa`` command line, one module per command:

- ``tqa check``: check translated files, report what is wrong (``check``);
- ``tqa baseline``: record today's findings, for ``check --baseline``;
- ``tqa fix``: apply the safe fixes, or show them as a diff;
- ``tqa report``: render a saved JSON report again (HTML for editors);
- ``tqa rules``: list the rules, or show one rule's documentation;
- ``tqa score``: BLEU, chrF and TER against a reference;
- ``tqa align``: a translation aligned with its original, sentence by sentence;
- ``tqa glossary check|import|export|suggest``: glossaries.

What they share: ``output`` (standard output and ``error:`` lines, the
exit codes), ``options`` (shared options, the configuration of a run) and
``run`` (discovery, progress, result cache, writing reports). ``main`` is
the program (``tqa = "tqa.cli:main"``).
"""

from __future__ import annotations

import sys

import typer

from .. import __version__
from . import align, baseline, check, fix, glossary, report, rules, score
from .output import EXIT_CLEAN, EXIT_INTERRUPTED, EXIT_PIPE, crashed, drop_stdout, flush_stdout, write_stdout

__all__ = ["app", "main"]

app = typer.Typer(
    name="tqa",
    help="Translation QA: find what a spell-checker never sees in translated articles and catalogs.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        write_stdout(f"tqa {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Translation QA for newsrooms and localization teams."""


# the commands, in the order `tqa --help` lists them
app.command()(check.check)
app.command("baseline")(baseline.make_baseline)
app.command("fix")(fix.fix)
app.command()(report.report)
app.command()(rules.rules)
app.command()(score.score)
app.command()(align.align)
app.add_typer(glossary.glossary_app, name="glossary")


def main() -> None:
    """The ``tqa`` program: ``app`` with the exit codes of ``tqa.cli.output``
    whatever happens, and never a traceback for a user."""
    import gc

    # A run makes millions of small objects (segments, offsets, findings) and
    # few cycles: the default collector thresholds spend half the reading
    # time scanning them. Collect rarely instead.
    gc.set_threshold(200_000, 50, 100)
    code: int | str | None
    try:
        app()
        code = EXIT_CLEAN
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:  # pragma: no cover
        code = EXIT_INTERRUPTED
    except BrokenPipeError:  # standard output closed early, written outside write_stdout
        drop_stdout()
        code = EXIT_PIPE
    except Exception as exc:  # noqa: BLE001 - RecursionError and MemoryError too: one line, not a traceback
        code = crashed(exc)
    sys.exit(flush_stdout(code))
