"""Count what tqa reports on real, published translations: the gettext
catalogs installed under /usr/share/locale (compiled .mo files, read with
polib). These translations shipped, so nearly every finding of the script
and language rules on them is a false positive; the few real ones are worth
reading.

    python bench/false_positives.py                      # default languages
    python bench/false_positives.py --langs ru kk --show 20 --select mixed-script,language

Prints, per language: catalogs, strings, lines of text, findings per rule;
then examples to judge by eye.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polib  # noqa: E402

from tqa.config import Config  # noqa: E402
from tqa.engine import check_text  # noqa: E402

LOCALE = Path("/usr/share/locale")
DEFAULT_LANGS = ["ru", "kk", "uk", "ky", "uz", "de", "fr", "es", "tr", "sr", "el", "ja", "zh_CN", "ko"]


def strings(lang_dir: Path):
    for mo in sorted((lang_dir / "LC_MESSAGES").glob("*.mo")):
        try:
            catalog = polib.mofile(str(mo))
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        for entry in catalog:
            forms = entry.msgstr_plural.values() if entry.msgstr_plural else [entry.msgstr]
            for text in forms:
                if text and any(ch.isalpha() for ch in text):
                    yield mo.name, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--langs", nargs="*", default=DEFAULT_LANGS)
    parser.add_argument("--select", default="mixed-script,language")
    parser.add_argument("--show", type=int, default=8, help="examples to print per language")
    args = parser.parse_args()

    total_lines = 0
    total = Counter()
    for locale in args.langs:
        folder = LOCALE / locale
        if not folder.is_dir():
            continue
        lang = locale.split("_")[0].split("@")[0]
        config = Config(lang=lang, select=args.select.split(","))
        texts = list(strings(folder))
        # One catalog string per paragraph; many paragraphs per check keeps it fast.
        lines = 0
        found = Counter()
        examples = []
        for start in range(0, len(texts), 500):
            chunk = texts[start : start + 500]
            body = "\n\n".join(t.replace("\n\n", "\n").strip() or "-" for _, t in chunk)
            lines += body.count("\n") + 1
            result = check_text("-\n\n" + body + "\n", config, path=f"{locale}.txt")
            for f in result.findings:
                found[f.rule] += 1
                if len(examples) < args.show:
                    examples.append(f"    {f.rule} {f.text[:70]!r}  <- {f.message[:80]}")
        total_lines += lines
        total.update(found)
        summary = ", ".join(f"{rule} {n}" for rule, n in sorted(found.items())) or "none"
        print(f"{locale}: {len(texts)} strings, {lines} lines: {summary}")
        for line in examples:
            print(line)
    print(f"TOTAL: {total_lines} lines, findings: {dict(sorted(total.items()))}")


if __name__ == "__main__":
    main()
