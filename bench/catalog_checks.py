"""What the catalog rules (TQA9xx) report on real, shipped gettext catalogs,
and where TQA901 and ``msgfmt --check-format`` disagree.

    python bench/catalog_checks.py --langs ru kk de ar ja
    python bench/catalog_checks.py --langs ru --show 30 --rule TQA901

The ``.mo`` catalogs under /usr/share/locale are turned back into ``.po``
with ``msgunfmt`` (GNU gettext). A compiled catalog keeps no flags, so each
entry whose source gettext's own ``xgettext`` would mark (a valid C format
directive in the msgid) gets ``#, c-format`` back; then ``msgfmt -c`` and
tqa both judge it. Prints, per language: catalogs, entries, findings per
rule and severity (per 1,000 entries), and the entries where tqa's
TQA901 errors and msgfmt's format errors differ.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = Path("/usr/share/locale")

# A C format directive as xgettext recognizes one (enough to mark an entry).
_C_DIRECTIVE = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGaAcsp]")


def _mark_c_format(po: str) -> str:
    """``#, c-format`` before each entry whose msgid holds a C directive."""
    out = []
    for block in po.split("\n\n"):
        msgid = re.search(r'^msgid "(.*)"\n((?:".*"\n?)*)', block, re.M)
        text = msgid and msgid.group(1) + "".join(re.findall(r'"(.*)"', msgid.group(2)))
        if text and _C_DIRECTIVE.search(text.replace("%%", "")):
            block = "#, c-format\n" + block
        out.append(block)
    return "\n\n".join(out)


def _msgfmt_errors(path: Path) -> set[int]:
    """Lines of ``path`` whose entry msgfmt -c rejects for its format."""
    proc = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True, errors="replace"
    )
    lines = set()
    for line in proc.stderr.splitlines():
        m = re.match(r".*?:(\d+): (?:format specifications|'msgstr' is not a valid|number of format)", line)
        if m:
            lines.add(int(m.group(1)))
    return lines


def _entry_lines(po: str) -> list[tuple[int, int]]:
    """(first line, last line) of each entry, 1-based."""
    spans, start, n = [], 1, 0
    for n, line in enumerate(po.split("\n"), 1):
        if not line.strip():
            if n > start:
                spans.append((start, n - 1))
            start = n + 1
    spans.append((start, n))
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--langs", nargs="*", default=["ru", "kk", "de", "ar", "ja"])
    parser.add_argument("--show", type=int, default=0, help="findings to print per language")
    parser.add_argument("--rule", default="", help="print only findings of this rule (code)")
    args = parser.parse_args()
    grand_entries, grand = 0, Counter()
    disagreements = 0
    with tempfile.TemporaryDirectory() as tmp:
        for lang in args.langs:
            folder = LOCALE / lang / "LC_MESSAGES"
            if not folder.is_dir():
                continue
            out = Path(tmp) / lang
            out.mkdir()
            paths, entries = [], 0
            for mo in sorted(folder.glob("*.mo")):
                proc = subprocess.run(["msgunfmt", str(mo)], capture_output=True, text=True, errors="replace")
                if proc.returncode or not proc.stdout:
                    continue
                po = _mark_c_format(proc.stdout)
                path = out / (mo.stem + ".po")
                path.write_text(po, encoding="utf-8")
                entries += po.count("\nmsgid ") - 1
                paths.append(path)
            started = time.perf_counter()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "tqa",
                    "check",
                    "--format",
                    "json",
                    "--no-color",
                    "--no-cache",
                    "--lang",
                    lang,
                    "--select",
                    "TQA9",
                    "--fail-on",
                    "never",
                    *map(str, paths),
                ],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            wall = time.perf_counter() - started
            report = json.loads(proc.stdout)
            found: Counter = Counter()
            shown = 0
            for article in report["articles"]:
                path = Path(article["path"])
                po = path.read_text(encoding="utf-8")
                spans = _entry_lines(po)
                rejected = _msgfmt_errors(path)
                msgfmt_bad = {s for s in spans if any(s[0] <= n <= s[1] for n in rejected)}
                tqa_bad = set()
                for f in article["findings"]:
                    found[f"{f['rule']} {f['severity']}"] += 1
                    span = next((s for s in spans if s[0] <= f["line"] <= s[1]), None)
                    if f["rule"] == "TQA901" and f["severity"] == "error" and span:
                        tqa_bad.add(span)
                    if shown < args.show and (not args.rule or f["rule"] == args.rule):
                        shown += 1
                        lines = po.split("\n")[span[0] - 1 : span[1]] if span else []
                        print(f"  {f['rule']} {f['severity']} {path.name}:{f['line']} {f['message'][:90]}")
                        print("      " + " | ".join(line[:100] for line in lines if not line.startswith("#")))
                for span in sorted(tqa_bad ^ msgfmt_bad):
                    disagreements += 1
                    side = "tqa only" if span in tqa_bad else "msgfmt only"
                    body = " | ".join(po.split("\n")[span[0] - 1 : span[1]])
                    print(f"  DISAGREE ({side}) {path.name}:{span[0]}: {body[:200]}")
            grand_entries += entries
            grand.update(found)
            summary = ", ".join(f"{k} {n} ({1000 * n / max(entries, 1):.1f}‰)" for k, n in sorted(found.items()))
            print(f"{lang}: {len(paths)} catalogs, {entries} entries, {wall:.1f} s: {summary or 'none'}")
    print(f"TOTAL {grand_entries} entries: {dict(sorted(grand.items()))}; TQA901/msgfmt disagreements: {disagreements}")


if __name__ == "__main__":
    main()
