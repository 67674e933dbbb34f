"""What the commands print, and how they end.

Reports go to standard output as UTF-8 bytes, each write checked;
``error:`` lines and notes go to standard error, one line each. Whatever
is printed comes partly from the checked tree (file names, article text,
messages quoting it), which on a pull request is a stranger's: it never
passes as Rich markup, and goes through ``tqa.escaping`` (control
characters and bidi overrides shown visibly, a file name on one line).

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
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, NoReturn, Optional

import typer
from rich.console import Console
from rich.text import Text

from ..escaping import display_path, terminal

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED, EXIT_PIPE = 130, 141  # 128 + SIGINT, 128 + SIGPIPE


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def error(message) -> None:
    """``error: message`` on stderr, one line whatever the message quotes
    (a file name with ``[/]``, a newline or an escape sequence in it)."""
    stderr().print(Text.assemble(("error:", "bold red"), " ", terminal(str(message))), highlight=False)


def print_errors(errors: Iterable) -> None:
    """One ``error:`` line for each (the inputs a run could not read)."""
    for message in errors:
        error(message)


def note(message: str) -> None:
    """A line of information on stderr, escaped as ``error``'s."""
    stderr().print(Text(terminal(message)), highlight=False)


def fail(message: str) -> NoReturn:
    """``error: message`` and the end of the command, with ``EXIT_ERROR``."""
    error(message)
    raise typer.Exit(EXIT_ERROR)


@contextmanager
def failing_on(*errors: type[Exception]) -> Iterator[None]:
    """Run the block; should it raise one of ``errors`` (a broken config,
    glossary, baseline or saved report), its message is the command's one
    ``error:`` line, and the exit code ``EXIT_ERROR``."""
    try:
        yield
    except errors as exc:
        fail(str(exc))


def refused(what: str, exc: OSError) -> str:
    """``what: reason`` for a read or write the system refused
    (``…: cannot write report: No space left on device``)."""
    return f"{what}: {exc.strerror or exc}"


@contextmanager
def failing_write(what: str) -> Iterator[None]:
    """Run the block (a write); should the system refuse it (a full disk,
    a read-only folder), ``error: what: reason`` and ``EXIT_ERROR``."""
    try:
        yield
    except OSError as exc:
        fail(refused(what, exc))


def utf8(text: str) -> bytes:
    """What tqa writes for ``text``: UTF-8, whatever the locale says; a
    file name's undecodable byte (a lone surrogate) written ``\\xNN``, as
    reports show it."""
    return display_path(text).encode("utf-8", "backslashreplace")


def drop_stdout() -> None:
    """After a failed write, point standard output at /dev/null: the
    interpreter flushes it again on exit, and that second failure would
    be printed as an ignored exception (and change the exit code)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no file descriptor (output captured): nothing to flush later
        pass


def write_stdout(data) -> None:
    """Write ``data`` (text or bytes) to standard output and flush it,
    checked: a reader that went away (a broken pipe) ends the run quietly
    with ``EXIT_PIPE``; any other failure (no space left, an I/O error) is
    one line on stderr and ``EXIT_ERROR``, never a report silently cut short."""
    data = data if isinstance(data, bytes) else utf8(data)
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
        drop_stdout()
        raise typer.Exit(EXIT_PIPE) from None
    except OSError as exc:
        drop_stdout()
        fail(refused("cannot write to standard output", exc))


def write_or_print(text: str, output: Optional[Path]) -> None:
    """``text`` to the file ``output`` (atomic, then a note that it was
    written), or to standard output without one."""
    from ..writing import write_atomic

    if output is None:
        write_stdout(text)
        return
    with failing_write(f"{output}: cannot write"):
        write_atomic(output, text)
    note(f"wrote {output}")


def print_notes(result) -> None:
    """What rendering left out (a saved report's file outside the working
    folder), once each."""
    for message in result.notes:
        note(message)
    result.notes.clear()


def crashed(exc: BaseException) -> int:
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
            line = (
                f"tqa: internal error: {type(exc).__name__}{': ' if message else ''}{message[:500]} — please report it"
            )
        line = terminal(line)
    except Exception:  # noqa: BLE001 - no memory left to describe it, or a __str__ that fails
        line = f"tqa: internal error: {type(exc).__name__} — please report it"
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr is gone too: the exit code still says it
        pass
    return EXIT_ERROR


def flush_stdout(code):
    """Flush standard output before exiting, checked as ``write_stdout``
    is: a report still in the buffer must not be lost without a word."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        drop_stdout()
        return EXIT_PIPE
    except OSError as exc:
        drop_stdout()
        try:
            error(refused("cannot write to standard output", exc))
        except OSError:
            pass
        return EXIT_ERROR
    except ValueError:  # closed
        pass
    return code
