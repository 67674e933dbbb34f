"""The per-file pass: read a file into the model, tell its articles'
languages, run the article rules and the per-file step of the
cross-article rules, and turn each problem into a finding."""

from __future__ import annotations

import hashlib
import os
import sys
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Iterable

from ..config import Config
from ..findings import INTERNAL, FileError, Finding, describe_exception, internal_error, portable_path
from ..model import Article, Document, Excerpt, Problem
from ..paths import is_inside
from ..readers import InputError, read_document
from ..readers.markdown import original_named
from ..readers.splitting import SplitSettings
from ..rules import Context, Rule, find_rule
from ..text import memo


def builtin_rule(key: str) -> Rule:
    """A rule tqa itself ships (by code or name); a missing one is a bug in
    tqa, said so here rather than as a None passed on."""
    rule = find_rule(key)
    if rule is None:
        raise LookupError(f"built-in rule {key!r} is missing")
    return rule


def split_settings(config: Config) -> SplitSettings:
    # The share-label rule's extra labels are boundaries too: the words
    # reported as leftovers are the words that split pages.
    share = find_rule("share-label")
    extra = tuple(config.options_of(share).get("labels", ())) if share else ()
    return replace(config.split, extra_labels=config.split.extra_labels + extra)


@dataclass
class RunSetup:
    """What every file of a run is checked with, worked out once (and once
    per worker process)."""

    config: Config
    rules: list[Rule]
    options: dict[str, dict]
    detection: dict  # language identification settings (the wrong-language rule's, enabled or not)
    glossary: object
    split: SplitSettings

    @classmethod
    def of(cls, config: Config) -> "RunSetup":
        rules = config.enabled_rules()
        return cls(
            config,
            rules,
            {rule.code: config.options_of(rule) for rule in rules},
            config.options_of(builtin_rule("wrong-language")),
            config.load_glossary(),
            split_settings(config),
        )


@dataclass
class FilePass:
    """One file after the per-file work: read, languages set, article rules
    run (unless the file is only context for cross-article rules)."""

    path: str
    document: Document | None  # its skeleton (no segments); None: unreadable
    raw: list[tuple[Finding, int]] | None  # (finding, specificity); None: context only
    errors: list[FileError] = field(default_factory=list)
    prepared: dict[str, object] = field(default_factory=dict)  # corpus rule code -> its prepare() data


def first_pass(path: str, setup: RunSetup, report: bool = True, document: Document | None = None) -> FilePass:
    """Read ``path`` (unless ``document`` is given), set each article's
    language and run the article rules. Pure: the same file and setup give
    the same pass, in any process.

    Never raises: inputs come from strangers, and a bug that one file
    brings out (in a reader, the language identifier, the engine) must cost
    the user that file only, as one error line naming it."""
    try:
        return _first_pass(path, setup, report, document)
    except Exception as exc:  # noqa: BLE001 - reported, and the exit code says so
        memo.forget()  # whatever the rules cached of the file's text is no use to the next
        return FilePass(path, None, None, [internal_error(path, "checking", exc)])


PACKED_WHILE_CHECKED = 4_000_000  # characters of a file past which its text is packed while its rules run


def _first_pass(path: str, setup: RunSetup, report: bool, document: Document | None) -> FilePass:
    errors: list[FileError] = []
    if document is None:
        try:
            document = read_document(path, setup.split)
        except InputError as exc:
            return FilePass(path, None, None, [FileError(exc.path, exc.message, exc.line)])
        except Exception as exc:  # noqa: BLE001 - a reader's bug: this file only (see first_pass)
            return FilePass(path, None, None, [internal_error(path, "reading", exc)])
        if len(document.source) > PACKED_WHILE_CHECKED:
            # the segments hold the text the rules read; a second whole copy
            # of a huge file's text would only serve the findings' few characters
            document.source = document.source.packed()
    lang = setup.config.lang_for(document.path)
    detect = True
    for article in document.articles:
        article.lang = lang or article.lang
        if not article.lang and detect:
            try:
                article.lang = _detect_language(article, setup.detection)
            except Exception as exc:  # noqa: BLE001 - the rules still run, without a language
                errors.append(internal_error(path, "identifying the language", exc))
                detect = False  # one line for the file: the next article would fail alike
    if report and document.original is None:  # (a caller may hand a document with its original)
        document.original = _original_of(document, setup, errors)
    prepared = prepare_corpus_rules(document, setup, errors)
    raw = _article_findings(document, setup, errors) if report else None
    memo.forget()  # the rules' text caches served this file
    return FilePass(path, document.skeleton(), raw, errors, prepared)


def _article_findings(document: Document, setup: RunSetup, errors: list[FileError]) -> list[tuple[Finding, int]]:
    """(finding, specificity) of every article rule on every article."""
    raw: list[tuple[Finding, int]] = []
    by_path = {document.path: document}
    if document.original is not None:  # the rules' related places point into it
        by_path[document.original.path] = document.original
    rules = [rule for rule in setup.rules if rule.scope == "article"]
    portable = portable_path(document.path)
    contexts: dict[str | None, list[Context]] = {}  # per language: the articles of a file mostly share one
    for article in document.articles:
        if article.lang not in contexts:
            contexts[article.lang] = [
                Context(lang=article.lang, options=setup.options[rule.code], document=document, glossary=setup.glossary)
                for rule in rules
            ]
        for rule, ctx in zip(rules, contexts[article.lang]):
            try:  # as guard, without a context manager per rule and article
                raw.extend(
                    (finding_of(rule, p, document, setup.config, by_path, portable), rule.specificity)
                    for p in rule.check(article, ctx)
                )
            except Exception as exc:  # noqa: BLE001 - reported, and the exit code says so
                errors.append(_rule_error(rule, document.path, exc))
    return raw


def _original_of(document: Document, setup: RunSetup, errors: list[FileError]) -> Document | None:
    """The original ``document`` translates, read and its articles'
    languages told, or None. An original that cannot be read is one error
    line for the pair, and the translation is checked on its own."""
    named = setup.config.original_of(document.path)
    if (named is None or not named[1]) and document.format == "markdown":
        # the file's own front matter says more than a pattern of the
        # config; a pair named on the command line says more than both
        written = original_named(document.source)
        if written is not None and "\0" in written:
            errors.append(FileError(document.path, "front matter's source: is not a path; checked on its own"))
            return None
        if written is not None:
            named = os.path.normpath(os.path.join(os.path.dirname(document.path), written)), False
    if named is None:
        return None
    path, by_user = named
    if not by_user and not is_inside(os.path.realpath(path), os.path.realpath(setup.config.root), hidden=False):
        # a config or a front matter in the checked tree names only originals in its project
        errors.append(FileError(document.path, f"original {path} is outside the project; checked on its own"))
        return None
    try:
        original = read_document(path, setup.split)
    except InputError as exc:
        errors.append(FileError(document.path, f"original {path}: {exc.message}; checked on its own"))
        return None
    for article in original.articles:
        # the configured language is the translation's: the original's is told from its text
        article.lang = _detect_language(article, setup.detection)
    return original


def prepare_corpus_rules(document: Document, setup: RunSetup, errors: list[FileError]) -> dict[str, object]:
    """The per-file part of the cross-article rules (their map step)."""
    prepared = {}
    for rule in setup.rules:
        if rule.scope == "corpus" and rule.prepare is not None:
            ctx = Context(lang=None, options=setup.options[rule.code], document=document, glossary=setup.glossary)
            with guard(rule, document.path, errors):
                prepared[rule.code] = rule.prepare(document, ctx)
    return prepared


@contextmanager
def timed(what: str):
    """With ``TQA_TIMINGS=1`` in the environment, how long each phase of a
    run takes, on stderr (for profiling a slow corpus)."""
    if not os.environ.get("TQA_TIMINGS"):
        yield
        return
    import time

    start, cpu = time.perf_counter(), time.process_time()
    yield
    # this process's CPU beside the wall time: how much of a parallel
    # phase the main process took from the workers
    print(
        f"tqa timing: {what}: {time.perf_counter() - start:.2f} s (main process CPU {time.process_time() - cpu:.2f} s)",
        file=sys.stderr,
    )


@contextmanager
def guard(rule: Rule, where: str, errors: list[FileError]):
    """A bug in one rule must not cost the user the whole run: it becomes
    an error line naming the rule, and the other rules go on."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - reported, and the exit code says so
        errors.append(_rule_error(rule, where, exc))


def _rule_error(rule: Rule, where: str, exc: BaseException) -> FileError:
    """The error line of a rule that crashed on ``where`` (a file, or
    "(corpus)"): a bug in tqa."""
    return FileError(
        where,
        f"internal error in rule {rule.code} {rule.name}: {describe_exception(exc)} (please report it)",
        kind=INTERNAL,
    )


def _detect_language(article: Article, options: dict) -> str | None:
    """The article's language when neither --lang nor config nor the file
    says it, with the wrong-language rule's detector and candidates."""
    from ..text.languages import article_language

    texts = [s.text for s in article.paragraphs if s.kind in ("paragraph", "title", "heading", "entry")]
    return article_language(texts, options["detector"], options["candidates"] or None)


def finding_of(
    rule: Rule,
    problem: Problem,
    document: Document,
    config: Config,
    documents: dict[str, Document],
    portable: str | None = None,
) -> Finding:
    """The finding of ``problem``; ``portable`` is ``portable_path(document.path)``,
    when the caller has it (it costs a system call)."""
    source = document.source
    line, column = source.position(problem.start)
    end_line, end_column = source.position(problem.end)
    related = []
    for path, offset in problem.related:
        other = documents.get(path, document) if path else document
        related.append((other.path, *other.source.position(offset)))
    flagged: str | Excerpt
    if source.is_packed and problem.end - problem.start > HELD_AT_MOST:
        # a long text flagged in a big file (a whole catalog string, or each
        # sentence of it): read from the packed text when digested and when
        # reported, not held beside it from the rule to the report
        flagged = Excerpt(source, problem.start, problem.end)
    else:
        flagged = source.window(problem.start, problem.end)
    return Finding(
        rule=rule.code,
        name=rule.name,
        category=rule.category,
        severity=config.severity.get(rule.code) or problem.severity or rule.severity,
        message=problem.message,
        path=document.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        flagged=flagged,
        suggestion=problem.suggestion,
        # the digest part of the fingerprint, here where the rules ran (in the
        # workers, mostly); the engine adds the occurrence index when merging
        fingerprint=_digest(
            rule.code,
            portable or portable_path(document.path),
            flagged,
            source.window(problem.start - _CONTEXT, problem.start),
            source.window(problem.end, problem.end + _CONTEXT),
        ),
        related=tuple(related),
        start=problem.start,
        end=problem.end,
    )


def _normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _digest(rule: str, portable: str, flagged: str | Excerpt, before: str, after: str) -> str:
    """The fingerprint of a finding but for its occurrence index: rule, path
    (``portable``: ``portable_path`` of the file, however it was named), the
    flagged text and a little context from the same line (``before`` and
    ``after``: the ``_CONTEXT`` characters on either side). It never
    depends on line numbers."""
    # context stops at the line's edges, so moving a paragraph keeps it
    before = _normalize(before[before.rfind("\n") + 1 :])[-16:]
    line_end = after.find("\n")
    after = _normalize(after if line_end == -1 else after[:line_end])[:16]
    if isinstance(flagged, str) and len(flagged) <= _DIGESTED_AT_ONCE:
        key = "\x1f".join((rule, portable, _normalize(flagged), before, after))
        # surrogatepass: the same bytes as plain UTF-8 for any valid text, and
        # no UnicodeEncodeError (which cost every finding of the file) for text
        # handed to check_text with a lone surrogate in it
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    digest = hashlib.sha256("\x1f".join((rule, portable, "")).encode("utf-8", "surrogatepass"))
    separator = ""
    for piece in _normalized_pieces(flagged.pieces() if isinstance(flagged, Excerpt) else (flagged,)):
        if piece:
            digest.update((separator + piece).encode("utf-8", "surrogatepass"))
            separator = " "
    digest.update("\x1f".join(("", before, after)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:20]


# Characters of flagged text a finding of a packed file holds itself; a
# longer one is an Excerpt of the file's text. A big file's findings may
# together flag its text several times over (a finding per sentence of an
# untranslated catalog string of megabytes, then one for the whole string).
HELD_AT_MOST = 1_000


_CONTEXT = 24  # characters on either side of a finding its fingerprint looks at (up to the line's edges)


# Flagged text longer than this (a catalog string of megabytes reported
# whole) is normalized and hashed a piece at a time: its words listed at
# once by str.split were a hundred megabytes.
_DIGESTED_AT_ONCE = 100_000


def _normalized_pieces(texts: Iterable[str]):
    """``_normalize`` of the text the consecutive ``texts`` make, in pieces
    that, joined by single spaces (the empty ones left out), make it. Cut
    at ASCII spaces: NFC and case folding change no space and join nothing
    across one."""
    carry = ""  # what follows the last space of the texts so far
    for piece in texts:
        text = carry + piece if carry else piece
        at, end = 0, text.rfind(" ")
        while at < end:
            cut = text.find(" ", at + _DIGESTED_AT_ONCE, end) if at + _DIGESTED_AT_ONCE < end else -1
            cut = end if cut == -1 else cut
            yield _normalize(text[at:cut])
            at = cut + 1
        carry = text[max(at, end + 1) :]
    yield _normalize(carry)
