"""Every rule's documented examples hold: each "Fails" example is reported
by that rule, each "Passes" example is not. The docs are the spec."""

import inspect
import os
from pathlib import Path

import pytest
from conftest import ROOT, findings_of, word_xml

from tqa.rules import BLOCKS, CATEGORIES, SEVERITIES, all_rules, marked_example

GLOSSARY = str(ROOT / "glossaries" / "central-asia-public-bodies.yaml")

PAIRED = " ⇔ "

RULES = all_rules()
CASES = [(r, ex) for r in RULES for ex in r.examples]


def test_every_rule_is_documented_with_both_kinds_of_example():
    for r in RULES:
        assert r.code.startswith("TQA") and len(r.code) == 6, r.code
        assert r.name == r.name.lower() and " " not in r.name
        assert r.category in CATEGORIES and r.severity in SEVERITIES
        assert r.summary, f"{r.code} has no summary line"
        kinds = {ex.fails for ex in r.examples}
        assert kinds == {True, False}, f"{r.code} needs failing and passing examples"
        assert all(ex.spans for ex in r.examples if ex.fails), f"{r.code}: mark what a failing example flags"


def test_a_rules_code_names_its_folder_and_its_name_its_file():
    # a newcomer goes from "TQA101 homoglyph" in a report to
    # tqa/rules/mixed_script/homoglyph.py without searching
    for r in RULES:
        path = Path(inspect.getfile(r.check)).relative_to(ROOT)
        assert path == Path("tqa", "rules", BLOCKS[r.code[:4]], r.name.replace("-", "_") + ".py"), r.code


def test_codes_and_names_are_unique():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize(
    "rule,example",
    CASES,
    ids=[f"{r.name}-{'fail' if e.fails else 'pass'}-{e.lang}-{i}" for i, (r, e) in enumerate(CASES)],
)
def test_documented_example(rule, example, tmp_path):
    if example.text.startswith("<w:"):  # a Word document's XML: its visible text differs from the example's
        _word_example(rule, example)
        return
    # A one-paragraph example stands inside a small article so that it is not
    # taken for the title; an example with blank lines is a whole document.
    catalog = example.text.startswith(("msgid", "#"))
    # A rule that compares a translation with its original gives the
    # original first: "ORIGINAL ⇔ TRANSLATION" (the marks are in the translation).
    original, paired, translation = example.text.partition(PAIRED)
    if not paired:
        original, translation = None, example.text
    whole = "\n\n" in translation or catalog
    text = f"{translation}\n" if whole else f"№ 1\n\n{translation}\n"
    path = "example.po" if catalog else "<text>.txt"
    # Terminology examples use the regional glossary they are written for. A
    # passing example stays silent with the built-in glossary on too (the
    # default); a failing one is flagged by its rule with the regional
    # glossary alone, as a built-in entry may give its span to another rule
    # (near-variant takes "Eurasian Economical Union" before acronym-drift).
    config = dict(glossaries=[GLOSSARY], builtin_glossary=not example.fails)
    if original is not None:
        source = tmp_path / "original.txt"
        source.write_text(f"{original}\n" if whole else f"№ 1\n\n{original}\n", encoding="utf-8")
        config["source_files"] = {os.path.realpath(path): str(source)}
    found = [f for f in findings_of(text, lang=example.lang, path=path, **config) if f.rule == rule.code]
    if example.fails:
        # the example pins what is flagged and what is suggested
        shift = (0 if whole else len("№ 1\n\n")) - (len(original) + len(PAIRED) if original is not None else 0)
        flagged = sorted((f.start - shift, min(f.end - shift, len(example.text)), f.suggestion) for f in found)
        # on failure, the line the docs would hold for what the rule does now
        does = marked_example(example.text, [(a, b) for a, b, _ in flagged], [s for _, _, s in flagged])
        assert [(a, b) for a, b, _ in flagged] == list(example.spans), f"{rule.code} does: {does}"
        assert [s for _, _, s in flagged] == list(example.suggestions or [None] * len(flagged)), (
            f"{rule.code} does: {does}"
        )
    else:
        assert not found, f"{rule.code} false positive on {example.text!r}: {[f.text for f in found]}"


def _word_example(rule, example):
    """A Word example (body XML, with the parts it needs after it): a failing
    one flags the marked text (⟦⟧: something not visible, reported where
    it stood), in order; a passing one flags nothing."""
    found = [
        f for f in findings_of(word_xml(example.text), lang=example.lang, path="example.docx") if f.rule == rule.code
    ]
    found.sort(key=lambda f: (f.start, f.end))
    if example.fails:
        assert [f.text for f in found] == [example.text[a:b] for a, b in example.spans], [f.text for f in found]
        assert all(f.suggestion is None for f in found)
    else:
        assert not found, f"{rule.code} false positive on {example.text!r}: {[f.text for f in found]}"
