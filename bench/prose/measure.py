"""Run tqa on the prose collection (bench/prose/build.py makes it) and count
its false alarms: the text is published and correct, so nearly every error
and warning is one.

    python bench/prose/measure.py                     # the table
    python bench/prose/measure.py --show 5            # and 5 examples per rule and language
    python bench/prose/measure.py --langs kk --show 100 --dump /tmp/kk.tsv

Runs ``tqa check <folder> --lang <lang> --format json --no-cache`` per
language from an empty temporary folder (no configuration of this
repository applies), as a user would. Prints words, errors and warnings
per rule, and errors+warnings per 10,000 words per language and overall,
as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import OUT, count_words  # noqa: E402

LANGS = ["en", "ru", "kk", "de"]
COUNTED = ("error", "warning")


# fenced code: not prose, and tqa does not read it as prose
_FENCED = re.compile(r"^```.*?^```$", re.MULTILINE | re.DOTALL)


def words_in(folder: Path) -> int:
    """The words of the collection's prose: headings and code left out."""
    total = 0
    for path in folder.rglob("*.md"):
        for block in _FENCED.sub("", path.read_text(encoding="utf-8")).split("\n\n"):
            if not block.startswith("#"):
                total += count_words(block)
    return total


def run(folder: Path, lang: str) -> dict:
    with tempfile.TemporaryDirectory() as empty:
        report = Path(empty) / "report.json"
        command = [sys.executable, "-m", "tqa", "check", str(folder), "--lang", lang]
        command += ["--format", "json", "-o", str(report), "--no-cache", "--fail-on", "never"]
        done = subprocess.run(command, cwd=empty, capture_output=True, text=True)
        if not report.exists():
            sys.exit(f"tqa failed on {lang}: {done.stderr[-2000:]}")
        return json.loads(report.read_text(encoding="utf-8"))


def context(path: str, line: int, column: int, width: int = 70) -> str:
    text = Path(path).read_text(encoding="utf-8").split("\n")[line - 1]
    start = max(0, column - 1 - width // 2)
    return text[start : start + width]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--langs", nargs="*", default=LANGS)
    parser.add_argument("--show", type=int, default=0, help="examples to print per rule and language")
    parser.add_argument("--dump", type=Path, help="write every counted finding to this TSV file")
    args = parser.parse_args()

    rows = []
    per_rule: dict[str, Counter] = {}
    examples = []
    dump = []
    for lang in args.langs:
        folder = OUT / lang
        if not folder.is_dir():
            sys.exit(f"{folder} is missing: run bench/prose/build.py --fetch")
        words = words_in(folder)
        report = run(folder, lang)
        counted: Counter = Counter()
        info = 0
        shown: Counter = Counter()
        for article in report["articles"]:
            for f in article["findings"]:
                if f["severity"] not in COUNTED:
                    info += 1
                    continue
                key = f"{f['rule']} {f['name']}"
                counted[key] += 1
                rel = Path(f["path"]).relative_to(OUT)
                where = f"{rel}:{f['line']}:{f['column']}"
                snippet = context(f["path"], f["line"], f["column"])
                dump.append("\t".join([lang, key, f["severity"], where, f["text"], f["message"], snippet]))
                if shown[key] < args.show:
                    shown[key] += 1
                    examples.append(f"{lang} {key} {where}\n    flagged {f['text']!r}: {f['message']}\n    …{snippet}…")
        for key, n in counted.items():
            per_rule.setdefault(key, Counter())[lang] = n
        errors = len(report.get("errors", []))
        rows.append((lang, words, sum(counted.values()), info, errors))

    print("| lang | words | errors+warnings | per 10,000 words | info | file errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for lang, words, n, info, errors in rows:
        print(f"| {lang} | {words:,} | {n} | {n * 10000 / max(words, 1):.2f} | {info} | {errors} |")
    words = sum(r[1] for r in rows)
    n = sum(r[2] for r in rows)
    info, errors = sum(r[3] for r in rows), sum(r[4] for r in rows)
    print(f"| all | {words:,} | {n} | {n * 10000 / max(words, 1):.2f} | {info} | {errors} |")
    print()
    print("| rule | " + " | ".join(args.langs) + " | all |")
    print("| --- | " + " | ".join("---:" for _ in args.langs) + " | ---: |")
    for key in sorted(per_rule, key=lambda k: -sum(per_rule[k].values())):
        cells = " | ".join(str(per_rule[key][lang]) for lang in args.langs)
        print(f"| {key} | {cells} | {sum(per_rule[key].values())} |")
    for line in examples:
        print(line)
    if args.dump:
        args.dump.write_text("\n".join(dump) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
