"""Accuracy of aligning a translation with its original, and of the rules
that compare the two (TQA921-926), on the labelled pairs of
``bench/aligned/pairs.txt`` (written for tqa: Russian and Kazakh news
originals with English translations, clean and with planted defects of
every kind; the file's head says how a pair is written).

    python bench/align_accuracy.py            # the table
    python bench/align_accuracy.py --verbose  # and every miss and false alarm

Alignment: the gold beads are the pairs' units; a unit is aligned right
when the aligner makes exactly that bead. Links: each (original sentence,
translation sentence) pair of a bead, an omitted or added sentence paired
with nothing; precision and recall of the links.

Rules: each unit's tags say which rules must report in that unit; a
finding counts for the unit that holds its first character (a finding at
the place of an omission: the unit of the omitted sentence, through its
related line). Precision and recall per rule; the clean pairs must stay
silent (tests/test_align.py holds that).

    python bench/align_accuracy.py --pairs bench/aligned/heldout/pairs.txt   # held out

Measured: the training set (44 pairs, tuned on) and the held-out one (39
pairs, written after the rules): see docs/align.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqa.config import Config  # noqa: E402
from tqa.engine import check_text  # noqa: E402
from tqa.text.alignment import align_paragraphs  # noqa: E402
from tqa.text.sentences import sentence_spans  # noqa: E402

PAIRS = ROOT / "bench" / "aligned" / "pairs.txt"
# written after the rules, never tuned on: the honest numbers
HELD_OUT = ROOT / "bench" / "aligned" / "heldout" / "pairs.txt"
RULES = (
    "omitted-sentence",
    "added-sentence",
    "number-changed",
    "date-changed",
    "name-missing",
    "untranslated-sentence",
)


@dataclass
class Unit:
    source: str
    target: str
    tags: tuple[str, ...]


@dataclass
class Pair:
    name: str
    source_lang: str
    target_lang: str
    # each element: a Unit, or a paragraph break: "both", "source", "target"
    items: list = field(default_factory=list)

    @property
    def units(self) -> list[Unit]:
        return [u for u in self.items if isinstance(u, Unit)]

    @property
    def clean(self) -> bool:
        return not any(u.tags for u in self.units)

    def paragraphs(self, side: str) -> list[str]:
        """The side's paragraphs (side "source" or "target")."""
        paragraphs, current = [], []
        for item in self.items:
            if isinstance(item, Unit):
                text = getattr(item, side)
                if text:
                    current.append(text)
            elif item in ("both", side) and current:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        return paragraphs

    def gold(self) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        """The units as beads of sentence indexes."""
        beads, i, j = [], 0, 0
        for unit in self.units:
            n, m = len(sentence_spans(unit.source)), len(sentence_spans(unit.target))
            beads.append((tuple(range(i, i + n)), tuple(range(j, j + m))))
            i, j = i + n, j + m
        return beads


def read_pairs(path: Path = PAIRS) -> list[Pair]:
    pairs: list[Pair] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("=== "):
            name, languages = line[4:].split()
            source, target = languages.split("-")
            pairs.append(Pair(name, source, target))
        elif line.strip() in ("¶", "¶<", "¶>"):
            pairs[-1].items.append({"¶": "both", "¶<": "source", "¶>": "target"}[line.strip()])
        else:
            body, _, tags = line.partition(" # ")
            source, _, target = body.partition("||")
            pairs[-1].items.append(Unit(source.strip(), target.strip(), tuple(tags.split())))
    return pairs


def alignment_of(pair: Pair):
    return align_paragraphs(pair.paragraphs("source"), pair.paragraphs("target"), pair.source_lang, pair.target_lang)


def links(beads) -> set:
    found = set()
    for source, target in beads:
        found.update((i, j) for i in source or (None,) for j in target or (None,))
    return found


def findings_by_unit(pair: Pair, folder: str) -> Counter:
    """(rule name, unit index) of each finding of the TQA92x rules."""
    original = os.path.join(folder, f"{pair.name}.original.txt")
    source_text = "\n\n".join(pair.paragraphs("source")) + "\n"
    Path(original).write_text(source_text, encoding="utf-8")
    path = f"{pair.name}.txt"
    config = Config(lang=pair.target_lang, select=["TQA92"], source_files={os.path.realpath(path): original})
    text = "\n\n".join(pair.paragraphs("target")) + "\n"
    result = check_text(text, config, path=path)
    if result.errors:
        raise SystemExit(f"{pair.name}: {result.errors}")
    # where each unit's sentences stand in either text
    spans = {"source": [], "target": []}
    for side, whole in (("source", source_text), ("target", text)):
        at = 0
        for unit in pair.units:
            piece = getattr(unit, side)
            if not piece:
                spans[side].append((at, at))
                continue
            start = whole.index(piece, at)
            spans[side].append((start, start + len(piece)))
            at = start + len(piece)
    source_lines = [source_text.count("\n", 0, s) + 1 for s, _ in spans["source"]]
    found: Counter = Counter()
    for f in result.findings:
        if f.name == "omitted-sentence":
            line = f.related[0][1]
            # the units of that paragraph not translated: one finding tells of them all
            for unit in [k for k, u in enumerate(pair.units) if source_lines[k] == line and not u.target] or [-1]:
                found[(f.name, unit)] += 1
            continue
        unit = next((k for k, (s, e) in enumerate(spans["target"]) if s <= f.start < max(e, s + 1)), -1)
        found[(f.name, unit)] += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--pairs", type=Path, default=PAIRS, help="the labelled set (default: %(default)s)")
    args = parser.parse_args()
    pairs = read_pairs(args.pairs)
    units_right = units_all = articles_right = 0
    link_tp = link_found = link_gold = 0
    scores = {rule: Counter() for rule in RULES}
    clean_alarms = 0
    with tempfile.TemporaryDirectory() as folder:
        for pair in pairs:
            alignment = alignment_of(pair)
            predicted = [(b.source, b.target) for b in alignment.beads]
            gold = pair.gold()
            right = sum(1 for bead in gold if bead in predicted)
            units_right += right
            units_all += len(gold)
            articles_right += right == len(gold) and len(predicted) == len(gold)
            g, p = links(gold), links(predicted)
            link_tp += len(g & p)
            link_found += len(p)
            link_gold += len(g)
            if args.verbose and right != len(gold):
                print(f"{pair.name}: aligned {predicted}, gold {gold}")
            found = findings_by_unit(pair, folder)
            wanted = Counter((tag, k) for k, unit in enumerate(pair.units) for tag in unit.tags)
            for rule in RULES:
                keys = {key for key in list(found) + list(wanted) if key[0] == rule}
                for key in keys:
                    hit = min(found[key] > 0, wanted[key] > 0)
                    scores[rule]["tp"] += hit
                    scores[rule]["fp"] += found[key] > 0 and not wanted[key]
                    scores[rule]["fn"] += wanted[key] > 0 and not found[key]
                    if args.verbose and found[key] and not wanted[key]:
                        print(f"{pair.name}: false alarm {key}")
                    if args.verbose and wanted[key] and not found[key]:
                        print(f"{pair.name}: missed {key}")
            if pair.clean:
                clean_alarms += sum(found.values())
    print(f"pairs: {len(pairs)} ({sum(p.clean for p in pairs)} clean)")
    print(
        f"alignment: units aligned exactly {units_right}/{units_all} ({100 * units_right / units_all:.1f} %), "
        f"pairs aligned wholly right {articles_right}/{len(pairs)}"
    )
    print(f"links: precision {100 * link_tp / link_found:.1f} %, recall {100 * link_tp / link_gold:.1f} %")
    print(f"findings on clean pairs: {clean_alarms}")
    print(f"{'rule':24} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}")
    for rule, c in scores.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        print(f"{rule:24} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {100 * precision:>9.1f}% {100 * recall:>7.1f}%")


if __name__ == "__main__":
    main()
