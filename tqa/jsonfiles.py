"""Reading tqa's own JSON files (saved reports, baselines): one-line errors
that name the file, and a check of the ``schema`` tag."""

from __future__ import annotations

import json


def load_tagged(path: str, schema: str, what: str, error: type[Exception]) -> dict:
    """The JSON object in ``path`` whose ``"schema"`` is ``schema``; any
    other content raises ``error`` with a one-line message."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise error(f"{path}: no such {what}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read {what}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise error(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from None
    except RecursionError:  # arrays nested thousands deep: no tqa file is
        raise error(f"{path}: not a tqa {what} (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("schema") != schema:
        raise error(f"{path}: not a tqa {what} (expected \"schema\": \"{schema}\")")
    return data
