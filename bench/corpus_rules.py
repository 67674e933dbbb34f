"""How the cross-article rules grow with the corpus: repeated blocks
(MinHash/LSH + chrF) and acronym drift, alone, on synthetic corpora of
1,000, 10,000 and 100,000 articles (built by ``bench/run.py``'s generator).

    python bench/corpus_rules.py                    # 1k, 10k, 100k
    python bench/corpus_rules.py --sizes 1000 10000

Prints one row per size: articles, MB, wall s, seconds per 1,000 articles,
peak memory (PSS) of tqa and its workers, findings. Near-linear growth shows as a
steady "s / 1k articles" column. Wall time and memory come from the same
run, so the times include the memory sampler's cost (about 5 % of the
machine; see ``run.run_tqa``), as in every earlier table of this benchmark.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from run import build_corpus, run_tqa  # noqa: E402

RULES = "repeated-block,acronym-drift"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "corpus")
    args = parser.parse_args()
    print("| articles | MB | wall s | s / 1k articles | peak PSS MB | findings |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        folder = args.corpus / f"articles-{size}"
        _, nbytes = build_corpus(folder, size)
        with tempfile.TemporaryDirectory() as scratch:
            out = Path(scratch) / "run.json"
            wall, peak_kb, _ = run_tqa(
                [
                    "check",
                    "--select",
                    RULES,
                    "--lang",
                    "en",
                    "--no-cache",
                    "--format",
                    "json",
                    "--output",
                    str(out),
                    str(folder),
                ],
                parse_summary=False,
            )
            findings = json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"]
        print(
            f"| {size:,} | {nbytes / 1e6:.1f} | {wall:.1f} | {wall / size * 1000:.2f} | {peak_kb / 1024:.0f} "
            f"| {findings:,} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
