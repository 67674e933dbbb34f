"""Compare tqa with Translate Toolkit's pofilter on real gettext catalogs.

    pip download --no-deps django && unzip -q django-*.whl 'django/conf/locale/*' -d django-po
    python -m venv /tmp/ttk && /tmp/ttk/bin/pip install translate-toolkit
    python bench/pofilter_compare.py --pofilter /tmp/ttk/bin/pofilter \
        django-po/django/conf/locale/{ru,kk,de,uk}/LC_MESSAGES/django.po

Prints, per catalog and in total: translated entries, findings per 100
entries for each tool, pofilter's findings by check and tqa's by rule, and
wall time of each.
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

import polib


def run_pofilter(pofilter: str, path: Path) -> tuple[Counter, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.po"
        start = time.perf_counter()
        subprocess.run([pofilter, "--progress=none", str(path), str(out)], capture_output=True, check=False)
        wall = time.perf_counter() - start
        checks = Counter()
        if out.exists():
            for line in out.read_text(encoding="utf-8").splitlines():
                match = re.match(r"# \(pofilter\) (\w+):", line)
                if match:
                    checks[match.group(1)] += 1
        return checks, wall


def run_tqa(paths: list[Path]) -> tuple[dict, float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "tqa", "check", "--format", "json", "--no-color", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    return json.loads(proc.stdout), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--pofilter", default="pofilter")
    args = parser.parse_args()
    total_entries, total_pf, total_tqa = 0, Counter(), Counter()
    pf_wall = 0.0
    report, tqa_wall = run_tqa(args.files)
    by_path = {a["path"]: a for a in report["articles"]}
    for path in args.files:
        entries = len([e for e in polib.pofile(str(path)) if e.translated()])
        checks, wall = run_pofilter(args.pofilter, path)
        pf_wall += wall
        article = by_path.get(str(path), {"findings": []})
        rules = Counter(f["name"] for f in article["findings"] if f["severity"] != "info")
        total_entries += entries
        total_pf.update(checks)
        total_tqa.update(rules)
        print(
            f"{path}: {entries} translated entries; pofilter {sum(checks.values())} "
            f"({100 * sum(checks.values()) / max(entries, 1):.1f}/100), tqa {sum(rules.values())} "
            f"({100 * sum(rules.values()) / max(entries, 1):.1f}/100)"
        )
    print(
        f"TOTAL {total_entries} entries: pofilter {sum(total_pf.values())} findings "
        f"({100 * sum(total_pf.values()) / total_entries:.1f}/100, {pf_wall:.1f} s), "
        f"tqa {sum(total_tqa.values())} ({100 * sum(total_tqa.values()) / total_entries:.1f}/100, {tqa_wall:.1f} s)"
    )
    print("pofilter by check:", dict(total_pf.most_common()))
    print("tqa by rule (warnings and errors):", dict(total_tqa.most_common()))


if __name__ == "__main__":
    main()
