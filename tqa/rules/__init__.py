"""The rule registry.

Every rule lives in a file of its own, ``tqa/rules/<block>/<rule_name>.py``,
the block named after the hundred of its code (``BLOCKS``): TQA101
homoglyph is ``mixed_script/homoglyph.py``. Helpers that the rules of one
block share live in that block's ``_shared.py``. A rule registers itself
with the ``@rule`` decorator: a stable code (``TQA…``), a kebab-case name, a
category from the report contract, a default severity, and options with
defaults. Which rule wins when two findings cover the same characters is
one table here (``PRECEDENCE``).

The function docstring is the rule's documentation; its
``Fails (xx):`` and ``Passes (xx):`` blocks are examples that the test-suite
runs, so the docs cannot drift from the behaviour.

A rule is a pure function ``check(article, ctx)`` that yields
``tqa.model.Problem``; it knows nothing about output formats.
"""

from __future__ import annotations

import builtins
import importlib
import inspect
import pkgutil
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ..model import Article, Document, Problem, Segment
from ..text.nearduplicates import map_in_process

CATEGORIES = (
    "mixed-script",
    "reviewer-comment",
    "duplicate",
    "terminology",
    "language",
    "boilerplate",
    "typography",
    "spelling",
    "placeholder",
    "untranslated",
    "number",
    "markup",
    "omission",
)
SEVERITIES = ("error", "warning", "info")

# The folder of each hundred of rule codes (TQA002 stands with the reviewer rules).
BLOCKS = {
    "TQA0": "reviewer",
    "TQA1": "mixed_script",
    "TQA2": "reviewer",
    "TQA3": "duplicate",
    "TQA4": "terminology",
    "TQA5": "language",
    "TQA6": "boilerplate",
    "TQA7": "typography",
    "TQA8": "spelling",
    "TQA9": "bilingual",
}

# When two findings cover the same characters, the finding of the rule with
# the higher precedence is kept: a leaked comment (100) explains the foreign
# words inside it (20); page chrome (90) beats what its words trip; the
# catalog checks (70-80) beat the monolingual ones. Unlisted rules: 50.
PRECEDENCE = {
    "TQA002": 50,
    "TQA101": 40,
    "TQA102": 20,
    "TQA201": 100,
    "TQA202": 100,
    "TQA203": 100,
    "TQA204": 100,
    "TQA205": 100,
    "TQA206": 100,
    "TQA207": 100,
    "TQA301": 60,
    "TQA302": 60,
    "TQA303": 50,
    "TQA401": 70,
    "TQA402": 65,
    "TQA403": 60,
    "TQA404": 55,
    "TQA501": 30,
    "TQA601": 90,
    "TQA602": 90,
    "TQA603": 90,
    "TQA604": 90,
    "TQA605": 90,
    "TQA701": 50,
    "TQA702": 50,
    "TQA703": 50,
    "TQA704": 50,
    "TQA705": 50,
    "TQA706": 50,
    "TQA707": 50,
    "TQA708": 50,
    "TQA801": 50,
    "TQA901": 80,
    "TQA902": 80,
    "TQA903": 80,
    "TQA904": 75,
    "TQA911": 70,
    "TQA912": 70,
    # against the original: a sentence left in the original's language
    # explains the foreign words and the wrong language inside it
    "TQA921": 75,
    "TQA922": 75,
    "TQA923": 80,
    "TQA924": 82,
    "TQA925": 60,
    "TQA926": 95,
}


@dataclass
class Context:
    """What a rule may know besides the article: its language, its options,
    and the document it came from (for line-level views)."""

    lang: str | None
    options: dict[str, Any]
    document: Document | None
    # corpus rules: the whole run, as skeletons (``Document.skeleton``: text,
    # articles' places and languages, no segments); what a rule needs of the
    # segments, its prepare() step takes out in the worker processes
    documents: list[Document] = field(default_factory=list)
    glossary: Any = None  # tqa.glossary.Glossary of the run, if any
    # corpus rules: map(function, items) -> results in order, spread over the
    # run's worker processes when there are any (function at module level;
    # items may be a generator, consumed as the workers take them). With
    # map(function, items, shared=data), each call is function(data, item):
    # big read-only data the workers inherit instead of receiving it
    map: Callable[..., list] = map_in_process
    prepared: dict[str, Any] = field(default_factory=dict)  # corpus rules: path -> what prepare() made


@dataclass(frozen=True)
class Option:
    """One option of a rule, as ``[tool.tqa.rules.<name>]`` sets it: its
    type, default and meaning. The configuration is checked against it and
    ``docs/rules.md`` is made from it."""

    type: type  # bool, int, float, str or list
    default: Any
    doc: str
    choices: tuple = ()  # the values allowed (a str option)
    items: builtins.type | None = None  # the type of a list's items (``type`` here is the field above)
    bounds: tuple[float, float] | None = None  # lowest and highest value (a number)

    def problem(self, value: Any) -> str | None:
        """Why ``value`` cannot be this option's value ("must be …"), or None."""
        if not _of_type(value, self.type):
            return f"must be {_TYPE_NAMES[self.type]}"
        if self.items is not None and not all(_of_type(item, self.items) for item in value):
            return f"must be a list of {_TYPE_NAMES[self.items].split(' ', 1)[1]}s"
        if self.choices and value not in self.choices:
            return f"must be one of {', '.join(map(str, self.choices))}, not {value!r}"
        if self.bounds is not None and not self.bounds[0] <= value <= self.bounds[1]:
            return f"must be between {self.bounds[0]:g} and {self.bounds[1]:g}, not {value!r}"
        return None

    @property
    def kind(self) -> str:
        """The type as the docs name it: ``int``, ``list of str``…"""
        return f"list of {self.items.__name__}" if self.items is not None else self.type.__name__


# as a TOML user reads them
_TYPE_NAMES = {bool: "true or false", int: "an integer", float: "a number", str: "a string", list: "a list"}


def _of_type(value: Any, expected: type) -> bool:
    # TOML has no int/float distinction a user must mind (75 for 75.0), but
    # a bool is never a number, nor a number a bool
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, expected) and (expected is bool or not isinstance(value, bool))


@dataclass(frozen=True)
class Example:
    """One example of a rule's docs. A failing one marks what the rule
    flags, ``⟦of of⟧``, and after `` → `` what it suggests for each mark in
    turn (``|`` between them; ``∅``: delete; ``–``: no suggestion), as
    LanguageTool's rule examples pin the error and its correction. A
    suggestion with a space at either end is quoted (``", "``)."""

    lang: str
    text: str  # without the marks
    fails: bool
    spans: tuple[tuple[int, int], ...] = ()  # what is flagged: offsets in ``text``
    suggestions: tuple[str | None, ...] | None = None  # one per span, when the example says


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    check: Callable[[Article, Context], Iterable[Problem]]
    doc: str
    option_specs: dict[str, Option] = field(default_factory=dict)
    # When two findings cover the same characters, the more specific rule's
    # finding is kept (``PRECEDENCE``).
    specificity: int = 50
    # "article": check(article, ctx) yields Problems; "corpus": check(documents,
    # ctx) sees the whole run (skeletons) and yields (document, Problem).
    scope: str = "article"
    # corpus rules: prepare(document, ctx) -> data computed per file, in the
    # worker processes with the file's own rules (the map step); check then
    # finds it in ctx.prepared[document.path] (the reduce step)
    prepare: Callable[[Document, "Context"], Any] | None = None
    # Does a finding of this rule hide the less specific findings inside it?
    # Yes when it explains them (a leftover label's foreign words, a leaked
    # comment's). Not when it is about the span as a whole: a block repeated
    # elsewhere, a name that differs from the glossary. A homoglyph inside
    # one is a defect of its own (and may be why the name differs); such a
    # rule hides only findings of its own category.
    hides_inside: bool = True
    # Is the suggestion always right to apply without a look (a look-alike
    # letter, a word twice)? Then `tqa fix` applies it.
    safe_fix: bool = False

    @property
    def options(self) -> dict[str, Any]:
        """Each option's default value."""
        return {name: option.default for name, option in self.option_specs.items()}

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else ""

    @property
    def examples(self) -> list[Example]:
        return parse_examples(self.doc)


_REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    category: str,
    severity: str,
    *,
    options: dict[str, Option] | None = None,
    scope: str = "article",
    prepare: Callable | None = None,
    hides_inside: bool = True,
    safe_fix: bool = False,
):
    """Register ``check`` as a rule; its docs are the function's docstring."""
    if category not in CATEGORIES:
        raise ValueError(f"{code}: unknown category {category!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"{code}: unknown severity {severity!r}")

    def register(check: Callable[[Article, Context], Iterable[Problem]]):
        doc = inspect.getdoc(check) or ""
        if code in _REGISTRY or any(r.name == name for r in _REGISTRY.values()):
            raise ValueError(f"rule {code} {name} registered twice")
        for option_name, option in (options or {}).items():
            if not isinstance(option, Option) or option.problem(option.default):
                raise ValueError(f"{code} option {option_name}: not an Option, or its default does not fit it")
        _REGISTRY[code] = Rule(
            code,
            name,
            category,
            severity,
            check,
            doc,
            dict(options or {}),
            PRECEDENCE.get(code, 50),
            scope,
            prepare,
            hides_inside,
            safe_fix,
        )
        return check

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code."""
    _load_modules()
    return sorted(_REGISTRY.values(), key=lambda r: r.code)


def find_rule(key: str) -> Rule | None:
    """A rule by code (case-insensitive) or name."""
    key = key.strip()
    for r in all_rules():
        if r.code.lower() == key.lower() or r.name == key.lower():
            return r
    return None


def matching_rules(selector: str) -> list[Rule]:
    """Rules a selector names: a code, a code prefix (``TQA6``), a rule name,
    a category, or ``ALL``."""
    s = selector.strip()
    if s.upper() == "ALL":
        return all_rules()
    if s.lower() in CATEGORIES:
        return [r for r in all_rules() if r.category == s.lower()]
    if s.upper().startswith("TQA"):
        return [r for r in all_rules() if r.code.startswith(s.upper())]
    return [r for r in all_rules() if r.name == s.lower()]


_loaded = False


def _load_modules() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for block in sorted(set(BLOCKS.values())):
        package = importlib.import_module(f"{__name__}.{block}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            if not info.name.startswith("_"):
                importlib.import_module(f"{package.__name__}.{info.name}")


_EXAMPLE_HEAD = re.compile(r"^(Fails|Passes) \((\w+)\):\s*$")


def parse_examples(doc: str) -> list[Example]:
    """The ``Fails (en):`` / ``Passes (ru):`` blocks of a rule's docs. Each
    indented line of a block is one example; ``⏎`` stands for a line break."""
    examples: list[Example] = []
    current: tuple[bool, str] | None = None
    for line in doc.splitlines():
        head = _EXAMPLE_HEAD.match(line.strip())
        if head:
            current = (head.group(1) == "Fails", head.group(2))
            continue
        if current and line.startswith("    ") and line[4:].strip(" \t"):
            examples.append(_example(current[1], line[4:].replace("⏎", "\n"), current[0]))
        elif current and line.strip() and not line.startswith(" "):
            current = None
    return examples


MARK = re.compile(r"⟦(.*?)⟧", re.S)
SUGGESTS = " → "
NO_SUGGESTION, DELETE = "–", "∅"


def _example(lang: str, line: str, fails: bool) -> Example:
    """An example line parsed: its marks and suggestions taken out."""
    marked, _, suggested = line.partition(SUGGESTS) if fails else (line, "", "")
    spans, pieces, at = [], [], 0
    for match in MARK.finditer(marked):
        pieces.append(marked[at : match.start()])
        start = sum(map(len, pieces))
        spans.append((start, start + len(match.group(1))))
        pieces.append(match.group(1))
        at = match.end()
    pieces.append(marked[at:])
    suggestions = None
    if suggested:
        suggestions = tuple(_suggestion(s) for s in suggested.split(" | "))
    return Example(lang, "".join(pieces), fails, tuple(spans), suggestions)


def marked_example(text: str, spans: list[tuple[int, int]], suggestions: list[str | None]) -> str:
    """The docs line of a failing example: ``text`` with ``spans`` marked
    and the suggestions after the arrow (none when the rule gives none)."""
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], "⟦", text[start:end], "⟧"]
        at = end
    out.append(text[at:])
    line = "".join(out).replace("\n", "⏎")
    if any(s is not None for s in suggestions):
        line += SUGGESTS + " | ".join(map(_shown, suggestions))
    return line


def _shown(suggestion: str | None) -> str:
    # spaces at either end would be invisible at the end of a line: quoted
    if suggestion is None:
        return NO_SUGGESTION
    if suggestion == "":
        return DELETE
    return f'"{suggestion}"' if suggestion != suggestion.strip() else suggestion


def _suggestion(shown: str) -> str | None:
    if shown == NO_SUGGESTION:
        return None
    if shown == DELETE:
        return ""
    return shown[1:-1] if len(shown) >= 2 and shown[0] == shown[-1] == '"' else shown


def iter_lines(article: Article) -> Iterator[tuple[Segment, int, str]]:
    """(segment, index of the line's first character in the segment, line
    text) for each line of the article's prose, for rules that look at whole
    lines (chrome, comments, track changes)."""
    for segment in article.prose:
        index = 0
        for line in segment.text.split("\n"):
            yield segment, index, line.rstrip("\r")
            index += len(line) + 1
