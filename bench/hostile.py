"""Benchmark: hostile input shapes, time and peak memory of `tqa check` on each.

    python bench/hostile.py                  # full sizes (a few minutes)
    python bench/hostile.py --scale 0.1      # a tenth of each size
    python bench/hostile.py --only line --keep

tqa checks pull requests from strangers, so a file may be one 50 MB line,
one huge paragraph, or a million lines. Each shape is written under
bench/out/hostile/ (deterministic: seeded), checked once with
``tqa check --no-cache --format json -j 1`` under ``/usr/bin/time``, and
reported as wall time, peak resident memory and that peak over the input
size. Time should grow linearly with the size (compare two ``--scale``
values) and the peak stay within a few times the input.

Shapes (full size):

- ``line``: 50 MB of prose on one line, no line break.
- ``paragraphs``: a 2 MB article of many short paragraphs, some repeated
  or nearly repeated (the duplicate-paragraph rule's worst case).
- ``paragraph``: a 20 MB article that is one paragraph (lines, no blank one).
- ``lines``: a million short lines (three words each), no blank line.
- ``po``: a catalog whose one msgstr is 40 MB of prose on one line (its
  msgid 10 MB), with placeholders in both.

The later rounds of issue 17 (non-prose spans, streaming words and
fingerprints, the ``po`` shape; packed text; flagged text read from the
packed file, long strings masked in pieces) and what remains are in
``bench/HOSTILE.md``.

Measured on 2 December 2026 (2 cores shared with other jobs: load 6-9, so
wall times run up to three times the CPU times; compare CPU). Peak RSS
includes some 130 MB that any run of tqa takes (interpreter, rule data,
language model). "Before" is the code as of 202f665, "after" with the
hardening of issue 17's rules (segments cut at 100,000 characters, text
caches bounded by characters, duplicate-paragraph through the band index,
no quadratic regexes, sampled language identification)::

    shape       scale  input MB   before CPU s / peak MB   after CPU s / peak MB
    line         0.1     5.0          19.0 / 1495              18.1 /  322
    line         0.2    10.0             -                     37.1 /  422
    line         1      50.0      (247 s / 3.2 GB, review)    308.6 /  775
    paragraphs   1       2.0          25.5 /  228               5.7 /  211
    paragraph    0.1     2.0           6.1 /  679               4.2 /  268
    paragraph    0.2     4.0             -                     12.1 /  313
    lines        0.1     1.9           8.2 /  661               5.3 /  264
    lines        0.2     3.9             -                     14.3 /  308

(The 0.2 rows were taken before glued-words stopped listing every token of
the file: 274 -> 185 MB for ``--select typography`` on the 10 MB line.)
``paragraphs`` at full size with ``--select duplicate``: 22.4 s -> 4.0 s.
The full-size line is still more than linear (5 x 37 s would be 185 s):
the engine's fingerprint of each finding looks for the line's edges
through the whole line (``str.rfind`` from the start of the file, some
1.5 ms a finding on a 50 MB line, ~46,000 findings), and past 3 million
characters the text caches are refilled by each rule. (Both fixed since:
b5a441b and the second round, ``bench/HOSTILE.md``.)
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "hostile"
MB = 1_000_000


def sentence(rng: random.Random) -> str:
    """A sentence of the seed page (prose as the rules meet it)."""
    return rng.choice(_sentences())


_POOL: list[str] = []


def _sentences() -> list[str]:
    if not _POOL:
        sys.path.insert(0, str(ROOT / "bench"))
        from run import sentence_pool

        _POOL.extend(sentence_pool()[1])
    return _POOL


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def text_of(size: int, rng: random.Random, make, sep: str) -> str:
    parts, total = [], 0
    while total < size:
        part = make(rng)
        parts.append(part)
        total += len(part.encode("utf-8")) + len(sep)
    return sep.join(parts) + "\n"


def many_paragraphs(size: int, rng: random.Random) -> str:
    """Short paragraphs; one in ten repeats an earlier one, word for word
    or with a word changed."""
    parts: list[str] = ["A long article"]
    total = 0
    while total < size:
        if len(parts) > 2 and rng.random() < 0.1:
            words = rng.choice(parts[1:]).split()
            if rng.random() < 0.5:
                words[rng.randrange(len(words))] = rng.choice(words)
            part = " ".join(words)
        else:
            part = paragraph(rng, rng.randint(2, 4))
        parts.append(part)
        total += len(part.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def huge_msgstr(size: int, rng: random.Random) -> str:
    """A catalog of one entry whose msgstr is ``size`` bytes of prose on one
    line, its msgid a quarter of that, both with the same few placeholders
    (what the placeholder rule compares), then an ordinary entry."""

    def string(amount: int) -> str:
        text = text_of(amount, rng, sentence, " ").rstrip("\n").replace("\\", "").replace('"', "'")
        cut = len(text) // 3
        return text[:cut] + " %(count)d " + text[cut : 2 * cut] + " {name} " + text[2 * cut :]

    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: kk\\n"\n\n'
        f'msgid "{string(size // 4)}"\nmsgstr "{string(size)}"\n\n'
        'msgid "Save"\nmsgstr "Сақтау"\n'
    )


SHAPES = {
    "line": (50 * MB, lambda size, rng: text_of(size, rng, sentence, " ")),
    "paragraphs": (2 * MB, many_paragraphs),
    "paragraph": (
        20 * MB,
        lambda size, rng: "A long article\n\n" + text_of(size, rng, lambda r: paragraph(r, 2), "\n"),
    ),
    "po": (40 * MB, huge_msgstr),
    "lines": (
        None,
        lambda count, rng: (
            "\n".join(" ".join(rng.choice(sentence(rng).split()) for _ in range(3)) for _ in range(count)) + "\n"
        ),
    ),
}


def build(name: str, scale: float) -> Path:
    size, make = SHAPES[name]
    if size is None:  # a count of lines, not bytes
        amount = int(1_000_000 * scale)
    else:
        amount = int(size * scale)
    path = OUT / f"{name}-{scale:g}.{'po' if name == 'po' else 'txt'}"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        rng = random.Random(17)
        path.write_text(make(amount, rng), encoding="utf-8")
    return path


def measure(path: Path) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak resident KiB, exit status) of one
    cold check. CPU time is the steadier on a shared machine."""
    command = [
        "/usr/bin/time",
        "-f",
        "%e %U %S %M",
        sys.executable,
        "-m",
        "tqa",
        "check",
        "--no-cache",
        "--format",
        "json",
        "-j",
        "1",
        str(path),
    ]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, user, system, peak = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(peak), done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of each full size")
    parser.add_argument("--only", action="append", choices=sorted(SHAPES), help="shape(s) to run")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    print(f"{'shape':<12}{'input MB':>10}{'wall s':>9}{'CPU s':>8}{'peak MB':>10}{'peak/input':>12}  status")
    for name in args.only or SHAPES:
        path = build(name, args.scale)
        size = path.stat().st_size
        wall, cpu, peak_kb, status = measure(path)
        peak = peak_kb * 1024
        print(
            f"{name:<12}{size / MB:>10.2f}{wall:>9.1f}{cpu:>8.1f}{peak / MB:>10.0f}{peak / size:>12.1f}  "
            f"{'ok' if status in (0, 1) else f'failed ({status})'}",
            flush=True,
        )
        if not args.keep:
            path.unlink()


if __name__ == "__main__":
    main()
