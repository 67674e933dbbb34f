"""Reading tqa's own JSON files (saved reports, baselines): one-line errors
that name the file, and a check of the ``schema`` tag. These files may come
from a pull request: only a regular file within the size limit is read (a
FIFO would block forever), and any content is an error, never a crash."""

from __future__ import annotations

import json

from .readers.base import read_regular


def load_tagged(path: str, schema: str, what: str, error: type[Exception]) -> dict:
    """The JSON object in ``path`` whose ``"schema"`` is ``schema``; any
    other content raises ``error`` with a one-line message."""
    try:
        data = json.loads(read_regular(path).decode("utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: no such {what}") from None
    except OSError as exc:
        raise error(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: cannot read {what}: not UTF-8 ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise error(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from None
    except RecursionError:  # arrays nested thousands deep: no tqa file is
        raise error(f"{path}: not a tqa {what} (nested too deeply)") from None
    except ValueError as exc:  # read_regular's refusals; an integer of thousands of digits
        raise error(f"{path}: cannot read {what}: {exc}") from None
    if not isinstance(data, dict) or data.get("schema") != schema:
        raise error(f'{path}: not a tqa {what} (expected "schema": "{schema}")')
    return data
