"""TQA002 unused-suppression: Suppression comment (``# tqa: ignore RULE``) that silences nothing, or names no rule."""

from __future__ import annotations

from ...model import Problem
from .. import all_rules, rule


@rule("TQA002", "unused-suppression", "reviewer-comment", "warning", scope="findings")
def unused_suppression(document, ctx):
    """Suppression comment (``# tqa: ignore RULE``) that silences nothing, or names no rule.

    Fails (ru):
        ⟦# tqa: ignore placeholder-mismatch⟧⏎msgid "Welcome, %(name)s!"⏎msgstr "Добро пожаловать, %(name)s!" → ∅
        ⟦# tqa: ignore no-such-rule⟧⏎msgid "Save"⏎msgstr "Save" → ∅

    Passes (ru):
        # tqa: ignore untranslated brand name⏎msgid "Save changes"⏎msgstr "Save changes"
    """
    known = {r.code for r in all_rules()} | {r.name for r in all_rules()}
    for suppression in document.suppressions:
        unknown = sorted(r for r in suppression.rules if r not in known)
        if unknown:
            yield Problem(
                suppression.at,
                suppression.at_end,
                f"suppression names no rule: {', '.join(unknown)} (see `tqa rules`)",
                "",
            )
        elif not suppression.used:
            yield Problem(
                suppression.at,
                suppression.at_end,
                f"suppression of {', '.join(sorted(suppression.rules))} silences nothing here; delete it",
                "",
            )
