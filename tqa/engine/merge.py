"""From the findings of every rule to the report's: one finding per span
where rules overlap (precedence), suppressions and allow-lists applied,
fingerprints stamped, findings grouped by article."""

from __future__ import annotations

import bisect
from dataclasses import replace
from functools import lru_cache

from ..config import Config
from ..findings import ArticleResult, Finding, RunResult, Suppressed, internal_error
from ..model import Document
from ..rules import Context, all_rules
from .passes import RunSetup, finding_of, guard


def merge(documents, raw, setup: RunSetup, result: RunResult, by_path) -> None:
    """Per reported file: one finding per span, suppressions, the rules
    about findings, fingerprints, findings grouped per article."""
    rules, options, config, glossary = setup.rules, setup.options, setup.config, setup.glossary
    allowed = config.allow
    for document in documents:
        if document.path not in raw:
            continue
        # Worked out in full before any of it joins the result: a bug met
        # here (a rule's finding with offsets past the text, an allow-list
        # pattern) costs this file's findings, said in one line, and the
        # result holds no half of the file.
        try:
            kept, silenced = _silence(document, _deduplicate(raw.pop(document.path)), allowed, config)
            for rule in rules:
                if rule.scope == "findings":  # rules about the findings themselves
                    ctx = Context(lang=None, options=options[rule.code], document=document, glossary=glossary)
                    with guard(rule, document.path, result.errors):
                        kept.extend(finding_of(rule, p, document, config, by_path) for p in rule.check(document, ctx))
            fingerprinted = _assign_fingerprints(kept + [s.finding for s in silenced])
            kept, silenced = (
                fingerprinted[: len(kept)],
                [replace(s, finding=f) for s, f in zip(silenced, fingerprinted[len(kept) :])],
            )
            articles = _article_results(document, kept)
        except Exception as exc:  # noqa: BLE001 - reported, and the exit code says so
            result.errors.append(internal_error(document.path, "merging its findings", exc))
            continue
        result.files += 1
        result.documents[document.path] = document  # a skeleton: the text reports show, packed
        result.checked.append(document.path)
        result.articles.extend(articles)
        result.suppressed.extend(silenced)


def _silence(
    document: Document, findings: list[Finding], allowed, config: Config
) -> tuple[list[Finding], list[Suppressed]]:
    """Set aside findings silenced by a ``tqa: ignore RULE`` comment in the
    file (marking the comments that silenced something) or by a rule's
    allow-list in the config."""
    kept: list[Finding] = []
    silenced: list[Suppressed] = []
    relative = config.relative(document.path) if allowed else ""
    for finding in findings:
        comment = None
        for suppression in document.suppressions:
            if suppression.start <= finding.start < suppression.end and (
                finding.rule in suppression.rules or finding.name in suppression.rules
            ):
                suppression.used = True
                comment = comment or suppression
        if comment is not None:
            silenced.append(Suppressed(finding, "inSource", comment.reason))
            continue
        allow = allowed.get(finding.rule)
        why = allow.match(relative, finding.text) if allow else None
        if why is not None:
            silenced.append(Suppressed(finding, "external", why))
        else:
            kept.append(finding)
    return kept, silenced


def _article_results(document: Document, findings: list[Finding]) -> list[ArticleResult]:
    starts = [a.start for a in document.articles]
    per_article: list[list[Finding]] = [[] for _ in document.articles]
    for finding in findings:
        # the article holding it; text between articles goes to the one before
        index = max(0, bisect.bisect_right(starts, finding.start) - 1)
        per_article[index].append(finding)
    results = []
    for article, own in zip(document.articles, per_article):
        own.sort(key=lambda f: f.sort_key)
        results.append(
            ArticleResult(
                id=article.slug or f"{document.path}#{article.index + 1}",
                path=document.path,
                title=article.title,
                lang=article.lang,
                start_line=document.source.position(article.start)[0],
                end_line=document.source.position(max(article.start, article.end - 1))[0],
                findings=own,
            )
        )
    return results


def _deduplicate(scored: list[tuple[Finding, int]]) -> list[Finding]:
    """One finding per span: drop a finding whose characters lie inside a
    finding of a more specific rule (or of the same rule, reported twice),
    unless that rule's findings hide only their own kind
    (``Rule.hides_inside``: a repeated block hides a near copy of the same
    paragraph, but does not excuse a homoglyph inside it).

    Findings are taken most specific first; the kept ones are indexed by
    start offset, so each check looks only at kept findings that start
    close enough before it to contain it (n log n, not n²)."""
    own_kind_only = _rules_hiding_own_kind_only()
    scored.sort(key=lambda fs: (-fs[1], fs[0].start, -(fs[0].end - fs[0].start), fs[0].rule))
    starts: list[int] = []
    kept_sorted: list[tuple[Finding, int]] = []
    longest = 0
    kept: list[Finding] = []
    for finding, specificity in scored:
        low = bisect.bisect_left(starts, finding.start - longest)
        high = bisect.bisect_right(starts, finding.start)
        covered = any(
            k.end >= finding.end
            and _inside(finding, k)
            and (
                k.rule == finding.rule
                or (spec > specificity and (k.rule not in own_kind_only or k.category == finding.category))
            )
            for k, spec in kept_sorted[low:high]
        )
        if not covered:
            at = bisect.bisect_right(starts, finding.start)
            starts.insert(at, finding.start)
            kept_sorted.insert(at, (finding, specificity))
            longest = max(longest, finding.end - finding.start)
            kept.append(finding)
    return kept


def _inside(finding: Finding, other: Finding) -> bool:
    """Is ``finding`` (which starts inside ``other``'s span and ends by its
    end) inside it? A finding of no width (text deleted, hidden) at either
    edge of another is beside it, not inside: a tracked replacement is an
    insertion and, just after it, a deletion."""
    if finding.start < finding.end:
        return True
    return other.start < finding.start < other.end or other.start == other.end == finding.start


@lru_cache(maxsize=1)
def _rules_hiding_own_kind_only() -> frozenset[str]:
    return frozenset(r.code for r in all_rules() if not r.hides_inside)


def _assign_fingerprints(findings: list[Finding]) -> list[Finding]:
    """A fingerprint that survives moving text and inserting lines above it:
    the finding's digest (``_digest``) plus its occurrence index among
    findings of the same digest in the file. Returns the findings in the
    order given, fingerprinted."""
    seen: dict[str, int] = {}
    stamped: dict[int, Finding] = {}
    for i in sorted(range(len(findings)), key=lambda k: (findings[k].start, findings[k].end, findings[k].rule)):
        finding = findings[i]
        occurrence = seen.get(finding.fingerprint, 0)
        seen[finding.fingerprint] = occurrence + 1
        stamped[i] = finding.with_fingerprint(f"{finding.fingerprint}:{occurrence}")
    return [stamped[i] for i in range(len(findings))]
