"""Benchmark: what learning the names of bodies from the run (TQA404
inconsistent-name) costs, and how it grows with the run.

    python bench/names.py                        # 1,000 / 10,000 / 100,000 articles
    python bench/names.py --sizes 1000 10000 --whole 10000

For each size, the synthetic corpus of ``bench/run.py`` (the seed page's
sentences reshuffled, ten articles a file) is read once with tqa's reader,
and the rule's two steps are timed in CPU seconds: the map step over every
file (``prepare``: the names in each paragraph) and the run-level step
(grouping the forms and finding each one's variants through hash look-ups).
Time per article should stay flat as the run grows (near-linear).

With ``--wordnet data.noun`` (WordNet's noun file: ``apt-get download
wordnet-base`` and ``dpkg -x`` it; ``/usr/share/wordnet/data.noun``), the
precision on names nobody tuned to: every multi-word name of a group
(one name of each WordNet noun synset that the rule reads as a body, e.g.
"Department of Health and Human Services", "Department of Housing and
Urban Development") is written twice in one run, and every finding the rule makes among
them is listed: each is two different bodies taken for one.

With ``--packs``, the same on the names of the shipped glossaries
(``glossaries/*.yaml``), per language, with the glossaries off: every
name is a different body, many share most of their words (United Nations
… Programme / Fund / Organization).

With ``--whole N``, ``tqa check`` is also run on the N-article corpus twice,
once without the rule (``--ignore TQA404``) and once with it (``-j 1``,
no cache; CPU seconds of the process), and the share the rule adds is
printed: the issue's budget is 10 %.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import build_corpus  # noqa: E402

from tqa.config import Config  # noqa: E402
from tqa.readers import read_document  # noqa: E402
from tqa.rules import Context, all_rules  # noqa: E402


class _Skeleton:
    """What the run-level step reads of a document: its path."""

    def __init__(self, path: str):
        self.path = path


def corpus(size: int) -> Path:
    folder = ROOT / "bench" / "corpus" / f"articles-{size}"
    if not folder.exists():
        build_corpus(folder, size)
    return folder


def time_rule(folder: Path) -> tuple[int, float, float, int]:
    """(articles, map CPU s, run-level CPU s, findings) of TQA404 on the folder."""
    rule = next(r for r in all_rules() if r.code == "TQA404")
    ctx = Context(lang="en", options=dict(rule.options), document=None)
    documents, articles, mapping = [], 0, 0.0
    for path in sorted(folder.glob("*.txt")):
        document = read_document(str(path))
        articles += len(document.articles)
        started = time.process_time()
        ctx.prepared[document.path] = rule.prepare(document, ctx)
        mapping += time.process_time() - started
        documents.append(_Skeleton(document.path))
    started = time.process_time()
    findings = sum(1 for _ in rule.check(documents, ctx))
    return articles, mapping, time.process_time() - started, findings


def cpu_of_check(folder: Path, *extra: str) -> float:
    """CPU seconds (user + system) of one ``tqa check`` of the folder."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tqa",
            "check",
            str(folder),
            "--lang",
            "en",
            "--no-cache",
            "-j",
            "1",
            "--format",
            "json",
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd="/tmp",
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def wordnet_bodies(data_noun: Path) -> list[str]:
    """One name of each WordNet noun synset that the rule reads as a body
    (its first capitalised lemma of several words that is one): two
    synsets are two things, so two of these names are two bodies."""
    from tqa.text.bodynames import names_in

    names = []
    for line in data_noun.read_text(encoding="latin-1").splitlines():
        fields = line.split()
        if line.startswith("  ") or len(fields) < 5:
            continue
        lemmas = [fields[4 + 2 * i].replace("_", " ") for i in range(int(fields[3], 16))]
        for lemma in lemmas:
            sentence = f"The {lemma} met."
            if (
                lemma[:1].isupper()
                and " " in lemma
                and [sentence[n.start : n.end] for n in names_in(sentence, "en")] == [lemma]
            ):
                names.append(lemma)
                break
    return names


def precision_on(names: list[str], lang: str = "en") -> tuple[int, list[str]]:
    """(bodies read as names, findings) of TQA404 on one run naming each body twice."""
    from tqa.engine import check_text

    paragraphs = [f"The {name} met on Monday. Officials of the {name} said nothing." for name in names]
    config = Config(lang=lang, select=["TQA404"], builtin_glossary=False)
    result = check_text("Bodies\n\n" + "\n\n".join(paragraphs) + "\n", config)
    return len(names), [f"{f.text!r}: {f.message}" for f in result.findings]


def pack_names() -> dict[str, list[str]]:
    """The names of the shipped glossaries' bodies, per language."""
    import yaml

    names: dict[str, list[str]] = {}
    for pack in sorted((ROOT / "glossaries").glob("*.yaml")):
        for entry in yaml.safe_load(pack.read_text(encoding="utf-8"))["entries"]:
            for lang, name in entry.get("names", {}).items():
                names.setdefault(lang, []).append(name)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument(
        "--whole", type=int, default=0, help="also time tqa check on this many articles, with and without the rule"
    )
    parser.add_argument("--packs", action="store_true", help="measure false alarms among the shipped glossaries' names")
    parser.add_argument("--wordnet", type=Path, help="WordNet's data.noun: measure false alarms among its bodies")
    args = parser.parse_args()
    if args.wordnet:
        read, findings = precision_on(wordnet_bodies(args.wordnet))
        print(f"WordNet bodies read as names: {read}; findings among them: {len(findings)}")
        for finding in findings:
            print("  ", finding)
    if args.packs:
        for lang, names in pack_names().items():
            read, findings = precision_on(names, lang)
            print(f"glossary names ({lang}): {read} bodies, {len(findings)} findings among them")
            for finding in findings:
                print("  ", finding)
    print(f"{'articles':>9} {'map CPU s':>10} {'run CPU s':>10} {'µs/article':>11} {'findings':>9}")
    for size in args.sizes:
        articles, mapping, run_level, findings = time_rule(corpus(size))
        per_article = (mapping + run_level) / articles * 1e6
        print(f"{articles:>9} {mapping:>10.2f} {run_level:>10.2f} {per_article:>11.0f} {findings:>9}")
    if args.whole:
        folder = corpus(args.whole)
        without = cpu_of_check(folder, "--ignore", "TQA404")
        with_rule = cpu_of_check(folder)
        print(
            f"tqa check, {args.whole} articles, -j 1: {without:.1f} CPU s without TQA404, "
            f"{with_rule:.1f} with it (+{(with_rule - without) / without:.1%})"
        )


if __name__ == "__main__":
    main()
