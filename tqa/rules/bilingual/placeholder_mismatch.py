"""TQA901 placeholder-mismatch: Placeholder of the source missing, changed or added in the translation (``%(name)s`` → ``%(nmae)s``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ...text.resources import load
from .. import Option, rule
from ._shared import BRACE, PRINTF, report_whole, source_for, translated_entries, with_severity

_ICU = regex.compile(r"\{\s*(?P<field>[A-Za-z_]\w*)\s*,\s*(?:plural|select|selectordinal|number|date|time)\b")


# The flags whose strings are read as printf: C's (with Objective-C's %@),
# Python's with %(name)s, and the printf-like ones of other languages.
_PRINTF_FLAGS = frozenset(
    ("c-format", "objc-format", "python-format", "php-format", "perl-format", "sh-format", "javascript-format",
     "boost-format", "lua-format", "awk-format", "gcc-internal-format", "gfc-internal-format")
)  # fmt: skip


_BRACE_FLAGS = frozenset(("python-brace-format", "csharp-format", "java-format", "java-printf-format"))


# printf conversions of one C argument type (gettext compares types, not
# spellings: %d and %5i take the same argument, %d and %u do not)
_C_TYPES = {
    **dict.fromkeys("di", "int"),
    **dict.fromkeys("ouxX", "unsigned"),
    **dict.fromkeys("eEfFgGaA", "double"),
    "c": "char",
    "C": "wide char",
    "s": "string",
    "S": "wide string",
    "p": "pointer",
    "n": "count",
    "@": "object",
    "r": "string",  # Python's repr()
}
_PYTHON_TYPES = {**_C_TYPES, "u": "int", **dict.fromkeys("ouxX", "int"), "s": "any", "r": "any", "a": "any"}


@dataclass
class _Arguments:
    """The arguments a format string takes: each key (a position from 1, or a
    name) with its type and the first placeholder that reads it."""

    types: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)
    invalid: str = ""  # why the string is not a format string of its syntax

    def add(self, key, kind: str, token: str) -> None:
        if key in self.types and self.types[key] != kind and not self.invalid:
            self.invalid = f"{token} reads argument {key} as another type than {self.tokens[key]}"
        self.types.setdefault(key, kind)
        self.tokens.setdefault(key, token)


def _printf(text: str, python: bool, guessing: bool = False, whole: bool = False) -> _Arguments | None:
    """The arguments of a printf string; None when the text is no format
    string and ``whole`` (a source: msgfmt checks nothing against a msgid
    that is none, such as strftime's ``%a %b %e``) or ``guessing`` (the
    entry has no flag): a ``%`` that starts no directive, or, guessing,
    a directive with a space flag (``100% done``)."""
    args = _Arguments()
    numbered = unnumbered = 0
    types = _PYTHON_TYPES if python else _C_TYPES
    covered = 0
    for m in PRINTF.finditer(text):
        token = m.group(0)
        if (guessing and " " in token[1:]) or ((guessing or whole) and text.count("%", covered, m.start())):
            return None
        covered = m.end()
        conv = m.group("conv")
        if conv == "%":
            continue
        size = regex.match(r"%(?:\d+\$)?(?:\([^)]*\))?[-+ #0'I]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(\w*)", token)
        length = size.group(1)[:-1] if size and not python else ""
        kind = (length + " " if length else "") + types.get(conv, conv)
        if m.group("name") is not None:
            args.add(m.group("name"), kind, token)
        elif m.group("pos"):
            numbered += 1
            args.add(int(m.group("pos")), kind, token)
        else:
            unnumbered += 1
            args.add(unnumbered, kind, token)
    if (guessing or whole) and text.count("%", covered):
        return None
    if guessing and not args.types:
        return None
    if numbered and unnumbered:
        args.invalid = "numbered (%1$s) and unnumbered (%s) placeholders mixed"
    elif numbered and not python:
        gap = next((k for k in range(1, max(args.types) + 1) if k not in args.types), None)
        if gap is not None:
            args.invalid = f"argument {gap} is never read, a later one is"
    return args


def _brace(text: str) -> _Arguments:
    args = _Arguments()
    auto = 0
    for m in BRACE.finditer(text):
        name = m.group("field")
        if name == "":
            args.add(auto, "", m.group(0))
            auto += 1
        else:
            args.add(int(name) if name.isdigit() else name.split(".")[0], "", m.group(0))
    for m in _ICU.finditer(text):
        args.add(m.group("field"), "", m.group(0))
    return args


def _named(text: str, pattern) -> _Arguments:
    args = _Arguments()
    for m in pattern.finditer(text):
        name = m.group("name")
        if pattern is _patterns().get("mozilla-entity") and name.lower() in _html_entities():
            continue
        args.add(int(name) if name.isdigit() else name, "", m.group(0))
    return args


def _arguments(text: str, syntax: str, guessing: bool, whole: bool = False) -> _Arguments | None:
    if syntax in ("printf", "python"):
        return _printf(text, syntax == "python", guessing, whole)
    if syntax == "brace":
        return _brace(text)
    return _named(text, _patterns()[syntax])


def _flagged(flags: list[str]) -> set[str] | None:
    """The syntaxes the entry's flags name; None when no flag speaks of format."""
    chosen = set()
    for flag in flags:
        if flag == "python-format":
            chosen.add("python")
        elif flag in _PRINTF_FLAGS:
            chosen.add("printf")
        elif flag in _BRACE_FLAGS or flag == "icu-format":
            chosen.add("brace")
        chosen.update(_flag_syntaxes().get(flag, ()))
    if chosen or any(f.startswith("no-") and f.endswith("-format") for f in flags):
        return chosen
    return None


def _catalog_syntaxes(article, configured: list[str]) -> tuple[bool, set[str], set[str]]:
    """Whether the catalog's entries carry format flags (then an entry
    without one is no format string, as xgettext marks them all), the
    syntaxes configured, and those its sources use often enough to be
    detected."""
    flagged = False
    seen: dict[str, int] = {}
    for segment in article.segments:
        meta = segment.meta if segment.kind == "entry" else None
        if not meta:
            continue
        if not flagged and any(f.endswith("-format") for f in meta["flags"]):
            flagged = True
        source = meta["source"]
        for name, pattern in _patterns().items():
            if name not in configured and seen.get(name, 0) < _detect_at_least() and _named(source, pattern).types:
                seen[name] = seen.get(name, 0) + 1
    detected = {name for name, n in seen.items() if n >= _detect_at_least()}
    return flagged, set(configured) & set(_patterns()), detected


@rule(
    "TQA901",
    "placeholder-mismatch",
    "placeholder",
    "error",
    options={
        "placeholders": Option(
            list,
            [],
            "variable syntaxes the catalogs use besides printf and {braces}: "
            "mozilla-entity, dollar, dollar-paren, double-brace, percent-name, at-name, qt",
            items=str,
        )
    },
)
def placeholder_mismatch(article, ctx):
    """Placeholder of the source missing, changed or added in the translation (``%(name)s`` → ``%(nmae)s``).

    The entry's flag decides the syntax, as gettext's ``msgfmt -c`` reads
    it (``c-format``, ``objc-format`` with ``%@``, ``python-format``,
    ``python-brace-format``, ``qt-format`` ``%1``…); in a catalog without
    flags, a source that is a valid printf string (every ``%`` starts a
    directive) or uses ``{name}``. What is compared is the arguments a
    string takes, with their types: ``%s of %d`` may become ``%2$d: %1$s``
    (positions reorder) or ``%5i`` for ``%d``, but not ``%u``; each
    unnumbered ``%s`` or ``{}`` is an argument of its own, so ``%s and %s``
    → ``%s`` loses one. Variables of other projects (Mozilla ``&appName;``,
    ``$dir$``, ``$(dir)``, ``{{total}}``, ``%user%``, ``@version@``, Qt
    ``%1``) are compared when the option ``placeholders`` names their
    syntax (errors) or the catalog's sources use it in two entries or more
    (warnings: the syntax was guessed); the syntaxes are data
    (``data/catalogs.yaml``).

    A plural form may use the placeholders of either source (``an hour
    ago`` / ``%(count)s hours ago``), may leave out a number placeholder
    (``одна статья`` for ``%d article``; ``%(count)s`` and other names of
    counts listed in ``data/catalogs.yaml``) or the source's only
    placeholder, and may spell itself out with none (Arabic ``لا نتائج``,
    "no results", for ``%(counter)s results``); leaving out one placeholder
    and keeping another is a warning there (msgfmt accepts it).

    Fails (ru):
        #, python-format⏎msgid "Welcome, %(name)s!"⏎msgstr "Добро пожаловать, ⟦%(nmae)s⟧!" → %(name)s
        #, c-format⏎msgid "%s of %d"⏎msgstr "⟦%s из⟧"
        #, c-format⏎msgid "%s and %s"⏎msgstr "⟦%s и⟧"
        #, objc-format⏎msgid "Hello %@"⏎msgstr "Привет, ⟦%s⟧" → %@
        #, c-format⏎msgid "%d files"⏎msgstr "⟦%u⟧ файлов" → %d
        #, python-brace-format⏎msgid "{} of {}"⏎msgstr "⟦{} из⟧"
        #, qt-format⏎msgid "%1 of %2"⏎msgstr "⟦%1 из⟧"

    Passes (ru):
        #, c-format⏎msgid "%1$s of %2$s"⏎msgstr "%2$s: %1$s"
        #, c-format⏎msgid "Copied %s of %d files"⏎msgstr "Скопировано %1$s из %2$d файлов"
        #, c-format⏎msgid "waiting (%ds) for %.255s"⏎msgstr "ожидание (%iс) для %.250s"
        #, objc-format⏎msgid "%@ has %d items"⏎msgstr "%2$d элементов у %1$@"
        #, qt-format⏎msgid "%1 of %2"⏎msgstr "%2 из %1"
        #, c-format⏎msgid "%d article"⏎msgid_plural "%d articles"⏎msgstr[0] "одна статья"⏎msgstr[1] "%d статьи"⏎msgstr[2] "%d статей"
        #, python-brace-format⏎msgid "You have {count} messages"⏎msgstr "У вас {count} сообщений"
        msgid "%a %b %e %H:%M:%S %Y"⏎msgstr "%a, %-d %b %Y, %H:%M:%S"
        msgid "100% done"⏎msgstr "Готово на 100%"

    Fails (kk):
        #, c-format⏎msgid "Copied %s of %d files"⏎msgstr "%2$d файлдың ⟦%1$d⟧ көшірілді" → %1$s

    Passes (kk):
        #, c-format⏎msgid "Copied %s of %d files"⏎msgstr "%2$d файлдың %1$s көшірілді"

    Passes (de):
        #, c-format⏎msgid "Note, selecting '%s' instead of '%s'"⏎msgstr "Hinweis: »%2$s« wird statt »%1$s« gewählt"

    Fails (ar):
        #, python-format⏎msgid "%(count)s %(name)s was changed."⏎msgid_plural "%(count)s %(name)s were changed."⏎msgstr[0] "لم يتم تغيير أي شيء"⏎msgstr[1] "⟦تم تغيير %(count)s بنجاح.⟧"

    Passes (cs):
        #, python-format⏎msgid "%(count)s %(name)s was changed."⏎msgid_plural "%(count)s %(name)s were changed."⏎msgstr[0] "Položka %(name)s byla změněna."⏎msgstr[1] "%(count)s položky %(name)s byly změněny."

    Passes (ar):
        #, python-format⏎msgid "%(counter)s result"⏎msgid_plural "%(counter)s results"⏎msgstr[0] "لا نتائج"⏎msgstr[1] "نتيجة واحدة"⏎msgstr[2] "%(counter)s نتائج"
        #, python-format⏎msgid "an hour ago"⏎msgid_plural "%(count)s hours ago"⏎msgstr[0] "منذ %(count)s ساعة"⏎msgstr[1] "منذ ساعة"
    """
    configured = list(ctx.options.get("placeholders", []))
    catalog_flagged, chosen, detected = None, set(), set()
    for segment, meta in translated_entries(article):
        if catalog_flagged is None:
            catalog_flagged, chosen, detected = _catalog_syntaxes(article, configured)
        flagged = _flagged(meta["flags"])
        syntaxes = {s: "error" for s in flagged or ()}
        if flagged is None and not catalog_flagged:
            syntaxes.update(_guessed(meta["source"]))
        for name in chosen | detected:
            syntaxes.setdefault(name, "error" if name in chosen else "warning")
        for syntax, severity in syntaxes.items():
            for problem in _compare(segment, meta, syntax, guessing=flagged is None):
                yield problem if severity == "error" or problem.severity else with_severity(problem, severity)


def _guessed(source: str) -> dict[str, str]:
    """The syntaxes a source without a flag visibly uses: printf when it is
    a valid printf string (an error, as msgfmt would say once flagged), and
    ``{name}`` (a warning: braces are often plain text)."""
    chosen = {}
    if "%" in source and _printf(source, python="%(" in source, guessing=True) is not None:
        chosen["python" if "%(" in source else "printf"] = "error"
    if "{" in source and BRACE.search(source):
        chosen["brace"] = "warning"
    return chosen


def _compare(segment, meta, syntax: str, guessing: bool):
    source = source_for(meta)
    wanted = _arguments(source, syntax, guessing, whole=True)
    if wanted is None or (not wanted.types and guessing):
        return
    got = _arguments(segment.text, syntax, False)
    if got is None:
        return
    if got.invalid and not wanted.invalid:
        yield report_whole(segment, f"not a valid format string: {got.invalid}")
        return
    plural = meta.get("plural_index") is not None
    missing = [k for k in wanted.types if k not in got.types]
    extra = [k for k in got.types if k not in wanted.types]
    if plural:
        # a form is not tied to one source: Arabic's form 0 is "zero", not the singular
        either = [_arguments(meta["source"], syntax, False), _arguments(meta.get("source_plural") or "", syntax, False)]
        extra = [k for k in extra if not any(a is not None and k in a.types for a in either)]
    retyped = [
        k for k in wanted.types
        if k in got.types and got.types[k] != wanted.types[k] and not (plural and "any" in (got.types[k], wanted.types[k]))
    ]  # fmt: skip
    for key in extra + retyped:
        token = got.tokens[key]
        at = segment.text.find(token)
        hint = f"; the source has {', '.join(wanted.tokens[k] for k in missing)}" if missing else ""
        if key in retyped:
            message = f"placeholder {token} takes {_describe(got.types[key])}, the source's {wanted.tokens[key]} {_describe(wanted.types[key])}"
            # a reordered %1$d keeps its position: only the conversion changes
            suggestion = token[:-1] + wanted.tokens[key][-1] if "$" in token else wanted.tokens[key]
        else:
            message = f"placeholder {token} is not in the source{hint}"
            suggestion = wanted.tokens[missing[0]] if len(missing) == 1 and len(extra) == 1 and not retyped else None
        yield segment.problem(at, at + len(token), message, suggestion)
    if missing and not extra:
        severity = None
        if plural:
            if not got.types or all(_numeric(wanted.tokens[k], wanted.types[k]) for k in missing):
                return  # the form spells the number out, or needs no placeholder
            severity = "warning"  # msgfmt accepts a form that leaves an argument out
        named = ", ".join(wanted.tokens[k] for k in missing)
        which = "" if not all(isinstance(k, int) for k in missing) or syntax not in ("printf", "brace") else (
            f" (argument {', '.join(str(k + (syntax == 'brace')) for k in missing)})"
        )  # fmt: skip
        problem = report_whole(segment, f"placeholder {named}{which} of the source is missing")
        yield with_severity(problem, severity) if severity else problem


def _describe(kind: str) -> str:
    return f"a{'n' if kind[:1] in 'aeiou' else ''} {kind or 'value'}"


def _numeric(token: str, kind: str) -> bool:
    """A number placeholder (``%d``, ``%(n)d``, ``%(count)s``, ``{count}``):
    singular forms may spell the number out, so plural forms may leave it
    out. Names of counts come from ``data/catalogs.yaml``."""
    if kind.endswith(("int", "unsigned")):
        return True
    name = _PLACEHOLDER_NAME.search(token)
    if name is None:
        return False
    name = name.group(1).lower()
    return name in _count_names() or name.endswith("_count")


_PLACEHOLDER_NAME = regex.compile(r"[({]([^)},]+)")


@lru_cache(maxsize=1)
def _count_names() -> frozenset[str]:
    return frozenset(n.lower() for n in load("catalogs")["count_placeholder_names"])


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern]:
    return {name: regex.compile(pattern) for name, pattern in load("catalogs")["placeholder_syntaxes"].items()}


@lru_cache(maxsize=1)
def _flag_syntaxes() -> dict[str, list[str]]:
    return dict(load("catalogs")["flag_syntaxes"])


@lru_cache(maxsize=1)
def _html_entities() -> frozenset[str]:
    return frozenset(load("catalogs")["html_entities"])


def _detect_at_least() -> int:
    return int(load("catalogs")["detect_at_least"])
