"""``tqa fix``: apply the suggestions of rules whose fixes are safe.

A fix is applied only where it cannot go wrong: the rule says its
suggestions are always right (``Rule.safe_fix``: a look-alike letter, a
word twice, a space before a comma, foreign quotation marks, a hard line
break), the file still holds the flagged text at the finding's place, the
fix overlaps no other fix of the run (the first one wins; run again for
the rest), and neither the flagged text nor the replacement holds what the
file's format escapes (a quote, backslash or continuation line in a PO
string, ``<`` or ``&`` in XLIFF: left to the translator). Each file is
written atomically, in its own encoding; a symlinked file (discovery has
kept it inside the checked folders) is written where the link points, so
the link stays a link.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field

from .escaping import display_path, terminal
from .findings import Finding, RunResult
from .readers import reader_of
from .readers.base import InputError, decode, encode_like, load_bytes, read_regular
from .readers.word import FORMAT as WORD
from .rules import all_rules


@dataclass
class FilePlan:
    """The fixes of one file: its text before and after, what was applied
    and what was left."""

    path: str
    before: str
    after: str
    applied: list[Finding] = field(default_factory=list)
    left: list[Finding] = field(default_factory=list)
    refused: str = ""  # why the file is not rewritten at all (its fixes are all left)

    def diff(self) -> str:
        """A unified diff for a terminal or a CI log: control characters of
        the text and the file name are shown escaped, like every output's."""
        name = display_path(self.path)
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
        )
        return "".join(terminal(line.rstrip("\r\n"), keep_newlines=False) + "\n" for line in lines)


WORD_REFUSED = "Word document: tqa fix reports but never rewrites .docx/.docm files; make these fixes in Word"


def fixable(result: RunResult) -> dict[str, list[Finding]]:
    """Per file, the findings of the run that carry a safe fix."""
    safe = {rule.code for rule in all_rules() if rule.safe_fix}
    by_path: dict[str, list[Finding]] = {}
    for finding in result.findings:
        if finding.rule in safe and finding.suggestion is not None:
            by_path.setdefault(finding.path, []).append(finding)
    return by_path


def plan(path: str, findings: list[Finding]) -> FilePlan:
    """The file's text with every applicable fix applied (nothing written).
    Raises InputError when the file cannot be read again. A Word document
    is never rewritten: its text is spread over runs of XML that Word
    keeps with much more than the text (revision ids, formatting,
    signatures), and no rewrite here is proven to lose none of it."""
    data = load_bytes(path)
    reader = reader_of(path, data)
    if reader.format == WORD:
        return FilePlan(path, "", "", left=list(findings), refused=WORD_REFUSED)
    text = _text_of(reader, path, data)
    unwritable = reader.escaped  # what the format escapes (PO, XLIFF, HTML; "" in text, Markdown)
    result = FilePlan(path, text, text)
    pieces: list[str] = []
    at = 0
    for finding in sorted(findings, key=lambda f: (f.start, f.end, f.rule)):
        suggestion = finding.suggestion  # never None from fixable(); one that is has no fix to apply
        # in PO and XLIFF, neither the flagged text nor its replacement may
        # hold what the format escapes (or a string's continuation line)
        if (
            suggestion is None
            or finding.start < at
            or text[finding.start : finding.end] != finding.text
            or any(ch in unwritable for ch in suggestion + finding.text)
        ):
            result.left.append(finding)
            continue
        pieces += [text[at : finding.start], suggestion]
        at = finding.end
        result.applied.append(finding)
    pieces.append(text[at:])
    result.after = "".join(pieces)
    return result


def _text_of(reader, path: str, data: bytes) -> str:
    """The text the reader read (an HTML page decodes itself: <meta charset>)."""
    text_of = getattr(reader, "text_of", None)
    return text_of(path, data) if text_of is not None else decode(path, data)


def write(file_plan: FilePlan) -> None:
    """Write the fixed text over the file, atomically, keeping its encoding
    (and byte-order mark); refuses when the file changed since it was read."""
    from .writing import write_atomic_bytes

    try:
        original = read_regular(file_plan.path)
    except ValueError as exc:  # no longer a regular file, or grown past the limit
        raise InputError(file_plan.path, str(exc)) from None
    reader = reader_of(file_plan.path, original)
    if _text_of(reader, file_plan.path, original) != file_plan.before:
        raise InputError(file_plan.path, "changed while tqa fix ran; nothing written (run it again)")
    encode = getattr(reader, "encode", None)  # a web page keeps its declared charset
    data = encode(original, file_plan.after) if encode is not None else encode_like(original, file_plan.after)
    write_atomic_bytes(os.path.realpath(file_plan.path), data, durable=True)
