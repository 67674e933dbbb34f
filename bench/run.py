"""Benchmark: build a synthetic corpus from the samples and time `tqa check`.

    python bench/run.py                 # 10,000 articles (about 40 MB)
    python bench/run.py --articles 2000 --repeat 3
    python bench/run.py --po django-po/ --pofilter /tmp/ttk/bin/pofilter

Prints one table: the corpus checked cold (no cache), the same corpus
re-checked unchanged (cache), one article cold, and with ``--po`` a folder of
gettext catalogs checked by tqa and, in the same run, by pofilter, with the
ratio of the two wall times. Peak memory is of tqa and its worker processes
together (proportional set size: pages shared after fork count once),
sampled in one more run after the timed ones, because the sampler takes
CPU from the run it watches. The corpus is built deterministically
(seeded) under bench/corpus/ and reused.

Under the table, a machine speed probe taken before and after: on a shared
machine the same code runs up to a third slower at busy times, so a table
is only comparable with another taken at a similar probe.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
LABEL = "Тарату:"


def sentence_pool() -> tuple[list[str], list[str]]:
    """(titles, sentences) of the seed page, split by tqa itself."""
    sys.path.insert(0, str(ROOT))
    from tqa.readers import read_document
    from tqa.text.sentences import sentence_spans

    document = read_document(str(SAMPLES / "kazunite-blog-page-3.txt"))
    titles = [a.title for a in document.articles]
    sentences = []
    for article in document.articles:
        for segment in article.paragraphs:
            if segment.kind == "paragraph" and len(segment.text) > 80:
                text = " ".join(segment.text.split())
                sentences.extend(text[s:e] for s, e in sentence_spans(text) if e - s > 30)
    return titles, sentences


def new_sentence(rng: random.Random, clauses: list[str]) -> str:
    """A sentence made of two or three clauses of different seed sentences,
    so that paragraphs are new text, not copies of the seed's."""
    parts = [rng.choice(clauses) for _ in range(rng.randint(2, 3))]
    sentence = ", ".join(p.strip(" .") for p in parts)
    return sentence[:1].upper() + sentence[1:] + "."


DEFECTS = [
    lambda p, r: p + " Добавлено примечание ([U1]): What is it?",
    lambda p, r: p + " TODO: check the figure",
    lambda p, r: p.replace(" of ", " of of ", 1),
    lambda p, r: p.replace("Baimenov", "Baimenоv", 1).replace("the ", "А. the ", 1),
    lambda p, r: p + " Соглашение охватывает обучение, исследования и учебные визиты для служащих региона.",
    lambda p, r: p.replace(", ", " , ", 1),
]


def build_corpus(folder: Path, n_articles: int, per_file: int = 10, seed: int = 7) -> tuple[int, int]:
    """Write listing pages of ``per_file`` articles each; returns (files, bytes).

    Paragraphs recombine the seed's sentences (so most are new, as in a real
    archive), with numbers varied and words dropped now and then; about one
    paragraph in twelve is reused from an earlier article (boilerplate), and
    a third of the articles get one injected defect."""
    rng = random.Random(seed)
    titles, pool = sentence_pool()
    clauses = [c for s in pool for c in s.split(", ") if len(c.split()) >= 3]
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    files = total = 0
    recent: list[str] = []
    for start in range(0, n_articles, per_file):
        parts = ["Home Blog Page %d" % (start // per_file + 1), ""]
        for k in range(min(per_file, n_articles - start)):
            body = []
            for _ in range(rng.randint(4, 12)):
                if recent and rng.random() < 1 / 12:
                    body.append(rng.choice(recent))
                    continue
                words = " ".join(new_sentence(rng, clauses) for _ in range(rng.randint(1, 4))).split(" ")
                words = [w for w in words if rng.random() > 0.03]
                text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), " ".join(words))
                body.append(text)
                recent = (recent + [text])[-200:]
            if rng.random() < 0.3:
                i = rng.randrange(len(body))
                body[i] = rng.choice(DEFECTS)(body[i], rng)
            parts += [f"{rng.choice(titles)} ({start + k})", "", LABEL, ""]
            for p in body:
                parts += [p, ""]
            parts += [LABEL, ""]
        data = "\n".join(parts)
        (folder / f"page-{files:05d}.txt").write_text(data, encoding="utf-8")
        files += 1
        total += len(data.encode("utf-8"))
    return files, total


def tree_pss_kb(pid: int) -> int:
    """Memory of a process and all its descendants (worker processes
    included), from /proc: the proportional set size, so that pages the
    workers share with the main process after fork count once."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            with open(f"/proc/{current}/task/{current}/children") as children:
                stack.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def run_tqa(args: list[str], parse_summary: bool = True, sample_memory: bool = True) -> tuple[float, int, dict | None]:
    """Wall time, peak memory (proportional set size, KiB) of tqa and its worker
    processes together (sampled every 100 ms; 0 without ``sample_memory``),
    and the JSON summary.

    The sampler is not free: reading smaps_rollup of three processes of a
    few hundred MB takes some 13 ms of CPU, so sampling every 100 ms takes
    a tenth of a core from the run it measures. Timed runs go without it
    (``measure`` in ``main`` samples memory in a run of its own)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "tqa", *args], stdout=out, stderr=err)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], tree_pss_kb(proc.pid))
                done.wait(0.1)  # reading smaps is not free: more often slows the run it measures

        sampler = threading.Thread(target=sample, daemon=True)
        if sample_memory:
            sampler.start()
        proc.wait()  # the wall time ends when tqa does, not at the sampler's next look
        wall = time.perf_counter() - start
        done.set()
        if sample_memory:
            sampler.join()
        peak = peak[0]
        if proc.returncode not in (0, 1):
            err.seek(0)
            sys.exit(f"tqa failed ({proc.returncode}): {err.read()[:500]!r}")
        out.seek(0)
        return wall, peak, json.loads(out.read())["summary"] if parse_summary else None


PROBE = "s = 0\nfor i in range(3_000_000):\n    s += i\n"


def machine_speed() -> float:
    """Seconds a fixed pure-Python loop takes now (best of three; lower is faster)."""
    return min(timeit.timeit(PROBE, number=1) for _ in range(3))


def run_pofilter(pofilter: str, folder: Path) -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([pofilter, "--progress=none", str(folder), out], capture_output=True, check=False)
        return time.perf_counter() - start


def folder_size(folder: Path, suffix: str) -> tuple[int, int]:
    files = [p for p in folder.rglob(f"*{suffix}") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per corpus; the best wall time is shown")
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / "corpus")
    parser.add_argument("--po", type=Path, help="a folder of .po files (e.g. the Django wheel's catalogs)")
    parser.add_argument("--pofilter", help="Translate Toolkit's pofilter, run on --po in the same benchmark")
    parser.add_argument("extra", nargs="*", help="extra arguments for tqa check (after --)")
    args = parser.parse_args()

    folder = args.corpus / f"articles-{args.articles}"
    files, size = build_corpus(folder, args.articles)
    single = SAMPLES / "kk-exhibition.txt"
    rows = []
    probe_before = machine_speed()

    def measure(name, tqa_args, nfiles, nbytes, ratio_to=None):
        # the best of ``repeat`` timed runs, then one more run for the peak memory
        best = min(run_tqa(tqa_args, parse_summary=False, sample_memory=False)[0] for _ in range(args.repeat))
        peak = run_tqa(tqa_args, parse_summary=False)[1]
        ratio = f"{best / ratio_to:.3f}" if ratio_to else "—"
        rows.append((name, nfiles, nbytes / 1e6, best, nbytes / 1e6 / best, peak / 1024, ratio))

    with tempfile.TemporaryDirectory() as scratch:
        report = str(Path(scratch) / "run.json")
        common = ["check", "--format", "json", "--output", report, "--lang", "en", *args.extra]
        # cold: no cache; then the same run twice with the cache (the second is the re-run)
        measure(f"{args.articles:,} articles, cold", [*common, "--no-cache", str(folder)], files, size)
        run_tqa([*common, str(folder)], parse_summary=False)  # fills the cache
        measure(f"{args.articles:,} articles, unchanged re-run", [*common, str(folder)], files, size)
        single_args = ["check", "--format", "json", "--output", report, "--no-cache", str(single)]
        run_tqa(single_args, parse_summary=False)  # once before: bytecode compiled, language model unpacked
        measure("single article, no cache", single_args, 1, single.stat().st_size)
        if args.po:
            # best of as many runs as tqa gets: the ratio compares like with like
            pofilter = min(run_pofilter(args.pofilter, args.po) for _ in range(args.repeat)) if args.pofilter else None
            nfiles, nbytes = folder_size(args.po, ".po")
            measure(
                "PO catalogs, cold (every default rule)",
                ["check", "--format", "json", "--output", report, "--no-cache", str(args.po)],
                nfiles,
                nbytes,
                ratio_to=pofilter,
            )
            if pofilter:
                rows.append(
                    (
                        "PO catalogs: pofilter (default checks)",
                        nfiles,
                        nbytes / 1e6,
                        pofilter,
                        nbytes / 1e6 / pofilter,
                        float("nan"),
                        "1",
                    )
                )
    header = ("corpus", "files", "MB", "wall s", "MB/s", "peak PSS MB", "wall / pofilter")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for name, nfiles, mb, wall, mbps, rss, ratio in rows:
        rss_text = "—" if rss != rss else f"{rss:.0f}"
        print(f"| {name} | {nfiles:,} | {mb:.1f} | {wall:.2f} | {mbps:.2f} | {rss_text} | {ratio} |")
    print(
        f"\nmachine speed probe (a 3-million-step Python loop, best of 3): {probe_before:.3f} s before, "
        f"{machine_speed():.3f} s after (lower is faster)"
    )


if __name__ == "__main__":
    main()
