"""Instructions one `tqa check` executes, counted by valgrind (callgrind).

    python bench/instructions.py bench/corpus/c100 -- --lang en
    python bench/instructions.py --tqa-root /tmp/older-checkout bench/corpus/c100 -- --lang en

Wall and CPU times on a shared machine swing by a third from one minute to
the next; the number of instructions does not (±0.5 %), so it is how two
versions of tqa are compared on the same input: run this on both (a second
checkout via ``--tqa-root``) and compare. One process (``--jobs 1``), no
cache; about fifty times slower than a plain run, so use a small corpus (a
hundred articles: under a minute). Start-up alone (imports, the language
model) is about 2 G instructions: run it on a one-line file to subtract.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def count(paths: list[str], tqa_root: Path, extra: list[str]) -> int:
    if shutil.which("valgrind") is None:
        sys.exit("bench/instructions.py: valgrind is not installed (apt install valgrind)")
    with tempfile.TemporaryDirectory() as scratch:
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={os.path.join(scratch, 'cg.%p')}",
            sys.executable,
            "-m",
            "tqa",
            "check",
            "--no-cache",
            "--jobs",
            "1",
            "--format",
            "json",
            "--output",
            os.path.join(scratch, "report.json"),
            *paths,
            *extra,
        ]
        # run from the checkout so that `-m tqa` imports its tqa, not the installed one
        run = subprocess.run(command, cwd=tqa_root, capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"tqa failed under valgrind ({run.returncode}): {run.stderr[-500:]}")
    found = re.search(r"Collected : (\d+)", run.stderr)
    if not found:
        sys.exit(f"no instruction count in valgrind's output: {run.stderr[-500:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", help="files or folders to check")
    parser.add_argument("--tqa-root", type=Path, default=ROOT, help="the checkout whose tqa runs (default: this one)")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    extra = argv[cut + 1 :]  # after --: more arguments for tqa check
    paths = [str(Path(p).resolve()) for p in args.paths]  # the run's folder is the checkout
    print(f"{count(paths, args.tqa_root.resolve(), extra):,} instructions")


if __name__ == "__main__":
    main()
