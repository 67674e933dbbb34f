import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tqa.config import Config
from tqa.engine import check_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "kazunite-blog-page-3.txt"
SCHEMA = Path(__file__).resolve().parent / "contract" / "report.schema.json"
CLEAN = Path(__file__).resolve().parent / "fixtures" / "clean"


def findings_of(text, lang=None, select=None, path="<text>.txt", **config):
    """All findings tqa reports on ``text``."""
    cfg = Config(lang=lang, **config)
    if select is not None:
        cfg.select = [select] if isinstance(select, str) else list(select)
    result = check_text(text, cfg, path=path)
    assert not result.errors, result.errors
    return result.findings


class Run:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_home(tmp_path_factory):
    """Every run's result cache in a folder of this test session, never in
    the real ~/.cache (the subprocesses inherit the variable)."""
    folder = tmp_path_factory.mktemp("tqa-cache")
    saved = os.environ.get("TQA_CACHE_DIR")
    os.environ["TQA_CACHE_DIR"] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop("TQA_CACHE_DIR", None)
    else:
        os.environ["TQA_CACHE_DIR"] = saved


@pytest.fixture
def tqa(tmp_path):
    """Run the real command line in a subprocess (cwd: a temp folder)."""

    def run(*args, cwd=None, env=None):
        proc = subprocess.run(
            [sys.executable, "-m", "tqa", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})},
            timeout=120,
        )
        return Run(proc)

    return run
