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


WORD_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'
)
# part name, root element, content type of the parts a fragment may hold after its body
_WORD_PARTS = (
    ("comments", "w:comments", "wordprocessingml.comments+xml"),
    ("commentsExtended", "w15:commentsEx", "wordprocessingml.commentsExtended+xml"),
    ("footnotes", "w:footnotes", "wordprocessingml.footnotes+xml"),
    ("endnotes", "w:endnotes", "wordprocessingml.endnotes+xml"),
    ("styles", "w:styles", "wordprocessingml.styles+xml"),
)


def word_xml(fragment: str) -> str:
    """A Flat OPC package (Word's "XML Document") of ``fragment``: body
    content, then optionally ``<w:comments>…</w:comments>``,
    ``<w15:commentsEx>``, ``<w:footnotes>``, ``<w:endnotes>``, ``<w:styles>``
    elements, each made a part of its own."""
    parts = []
    for name, element, kind in _WORD_PARTS:
        at = fragment.find(f"<{element}>")
        if at != -1:
            end = fragment.index(f"</{element}>", at) + len(element) + 3
            body = fragment[at:end].replace(f"<{element}>", f"<{element} {WORD_NS}>", 1)
            fragment = fragment[:at] + fragment[end:]
            parts.append(
                f'<pkg:part pkg:name="/word/{name}.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.'
                f'{kind}"><pkg:xmlData>{body}</pkg:xmlData></pkg:part>'
            )
    document = f"<w:document {WORD_NS}><w:body>{fragment}</w:body></w:document>"
    return (
        '<?xml version="1.0" standalone="yes"?><pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">'
        '<pkg:part pkg:name="/word/document.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.'
        f'wordprocessingml.document.main+xml"><pkg:xmlData>{document}</pkg:xmlData></pkg:part>{"".join(parts)}</pkg:package>'
    )


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
