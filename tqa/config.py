"""Configuration: ``[tool.tqa]`` in pyproject.toml, or a ``tqa.toml``.

Found upward from the first checked path (or given with ``--config``).
Every key is validated: an unknown key, rule or option is an error that
names the file, never silently ignored.

    [tool.tqa]
    lang = "en"                       # target language of every article
    fail-on = "warning"               # error | warning | info | never
    select = ["ALL"]                  # codes, prefixes (TQA6), names, categories
    ignore = ["filler-line"]
    exclude = ["archive/**"]

    [tool.tqa.languages]              # target language per path glob
    "ru/**" = "ru"

    [tool.tqa.severity]               # per rule
    editorial-marker = "warning"

    [tool.tqa.split]                  # multi-article listing pages
    enabled = true
    labels = ["Teilen mit"]           # more boundary labels
    max-title-length = 300
    chrome-classes = ["my-share-bar"]  # web pages: more page chrome, read as label lines
    skip-classes = ["ad-slot"]        # web pages: never read

    [tool.tqa.sources]                # the original each translation is checked against
    "en/{name}.md" = "ru/{name}.md"   # ({path}: any subfolders; originals stay inside the project)

    [tool.tqa.rules.share-label]      # rule options
    labels = ["Жіберу"]

    [tool.tqa.rules.homoglyph]        # permanent exceptions, for any rule
    allow-paths = ["legacy/**"]       # globs
    allow-texts = ["Сompany"]         # the exact flagged text
    allow-patterns = ["^[A-Z]{2}$"]   # regexes searched in the flagged text

    glossaries = ["tqa:central-asia-public-bodies", "glossaries/bodies.yaml"]   # (top level)
    builtin-glossary = true           # (top level) tqa:international-organisations

A glossary is a file relative to this one, or ``tqa:NAME``, a glossary tqa
ships (only those names: never a path). tqa's glossary of international
organisations is active unless ``builtin-glossary = false``.

Files are read only inside the checked folders: the real paths of the
paths named on the command line and the folder of this config. A symlink
that leads elsewhere (``notes.txt -> /etc/passwd``), and a glossary outside
this config's folder, are refused with one error line each, because in CI
the checked tree comes from strangers. ``tqa check
--follow-external-symlinks`` reads them anyway and names each one in a
``note:`` line on stderr. It is a command-line option only: a config in the
checked tree must not widen what tqa reads.
"""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import regex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .paths import glob_match, is_inside
from .readers.splitting import SplitSettings
from .rules import SEVERITIES, Rule, all_rules, find_rule, matching_rules

FAIL_LEVELS = ("error", "warning", "info", "never")
_TOP_KEYS = {
    "lang",
    "fail-on",
    "select",
    "ignore",
    "exclude",
    "languages",
    "severity",
    "split",
    "rules",
    "glossaries",
    "builtin-glossary",
    "sources",
}
_SPLIT_KEYS = {"enabled", "labels", "max-title-length", "chrome-classes", "skip-classes"}


class ConfigError(Exception):
    """A broken configuration; the message names the file."""


@dataclass
class Config:
    lang: str | None = None
    fail_on: str = "warning"
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    languages: dict[str, str] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)  # rule code -> severity
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> options
    split: SplitSettings = field(default_factory=SplitSettings)
    glossaries: list[str] = field(default_factory=list)  # paths (as given or relative to the config), tqa:NAME
    builtin_glossary: bool = True  # tqa:international-organisations, before the glossaries named
    path: str | None = None  # where it was read from
    root: Path = field(default_factory=Path.cwd)  # globs are relative to this
    follow_external_symlinks: bool = False  # read files that symlinks outside the checked folders lead to
    # translation path pattern -> its original's ("en/{name}.md" = "ru/{name}.md"): [tool.tqa.sources]
    sources: dict[str, str] = field(default_factory=dict)
    # real path of a translation -> its original, as named on the command line (--source)
    source_files: dict[str, str] = field(default_factory=dict)
    # one line each for stderr: what the config let tqa read outside its project
    notes: list[str] = field(default_factory=list, repr=False, compare=False)

    def glossary_sources(self) -> list[str]:
        """The glossaries of a run, in the order they are merged: the
        built-in one first, so that one's own can replace its entries."""
        from .glossary import BUILTIN_PACK, PACK_PREFIX

        return ([PACK_PREFIX + BUILTIN_PACK] if self.builtin_glossary else []) + self.glossaries

    def load_glossary(self):
        """The merged glossaries of this config (GlossaryError if broken);
        read once per list of glossaries."""
        from .glossary import load_all

        sources = self.glossary_sources()
        if not sources:
            return None
        key = tuple(sources)
        loaded = self.__dict__.get("_glossary")
        if loaded is None or loaded[0] != key:
            loaded = (key, load_all(sources))
            self.__dict__["_glossary"] = loaded
        return loaded[1]

    def enabled_rules(self) -> list[Rule]:
        chosen: dict[str, Rule] = {}
        for selector in self.select:
            for r in matching_rules(selector):
                chosen[r.code] = r
        for selector in self.ignore:
            for r in matching_rules(selector):
                chosen.pop(r.code, None)
        return sorted(chosen.values(), key=lambda r: r.code)

    def options_of(self, rule: Rule) -> dict[str, Any]:
        return {**rule.options, **self.rule_options.get(rule.code, {})}

    allow: dict[str, "AllowList"] = field(default_factory=dict)  # rule code -> permanent exceptions

    def relative(self, path: str) -> str:
        """``path`` relative to the config's folder, the way globs see it."""
        # os.path.realpath, not Path.resolve: a symlink loop in the checked
        # tree stays a path (the loop is reported once, by discovery)
        # instead of a RuntimeError
        try:
            return Path(os.path.realpath(path)).relative_to(os.path.realpath(self.root)).as_posix()
        except ValueError:
            return PurePath(path).as_posix()

    def lang_for(self, path: str) -> str | None:
        if not self.languages:
            return self.lang
        rel = self.relative(path)
        for pattern, lang in self.languages.items():
            if glob_match(rel, pattern):
                return lang
        return self.lang

    def original_of(self, path: str) -> tuple[str, bool] | None:
        """The original that the file ``path`` translates, and whether the
        user named it (``--source``) rather than a pattern of the config
        made it (then it must stand inside the project); None: no original."""
        named = self.source_files.get(os.path.realpath(path))
        if named is not None:
            return named, True
        if not self.sources:
            return None
        relative = self.relative(path)
        for translation, original in self.sources.items():
            match = _source_pattern(translation).fullmatch(relative)
            if match is not None:
                return str(self.root / _filled(original, match.groupdict())), False
        return None

    def is_excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        rel = self.relative(path)
        return any(glob_match(rel, pattern) for pattern in self.exclude)


def _filled(pattern: str, parts: dict[str, str]) -> str:
    return regex.sub(r"\{(\w+)\}", lambda m: parts.get(m.group(1)) or "", pattern)


def _source_pattern(pattern: str):
    """A path pattern of ``[tool.tqa.sources]`` as a regex: ``{name}`` is
    any run of characters but ``/``, ``{path}`` any run with them."""
    parts, at = [], 0
    for match in regex.finditer(r"\{(\w+)\}", pattern):
        parts.append(regex.escape(pattern[at : match.start()]))
        name = match.group(1)
        parts.append(f"(?P<{name}>.+?)" if name == "path" else f"(?P<{name}>[^/]+)")
        at = match.end()
    parts.append(regex.escape(pattern[at:]))
    return regex.compile("".join(parts))


_ALLOW_KEYS = ("allow-paths", "allow-texts", "allow-patterns")


@dataclass(frozen=True)
class AllowList:
    """Permanent exceptions to one rule, from ``[rules.CODE]`` in config:
    paths (globs), exact flagged texts, or regexes the flagged text matches."""

    paths: tuple[str, ...] = ()
    texts: frozenset[str] = frozenset()
    patterns: tuple[Any, ...] = ()

    def match(self, relative_path: str, text: str) -> str | None:
        """Why the finding is allowed (for reports), or None."""
        for pattern in self.paths:
            if glob_match(relative_path, pattern):
                return f"allow-paths: {pattern}"
        if text in self.texts:
            return "allow-texts"
        for pattern in self.patterns:
            if pattern.pattern in _SLOW_PATTERNS:
                continue
            try:
                found = pattern.search(text, timeout=PATTERN_TIMEOUT)
            except TimeoutError:
                # a pattern that backtracks without end (``(a|aa)+$``, from a
                # config in a stranger's tree) must not hang the run or hide
                # the finding: it stops applying, and the finding stays
                _SLOW_PATTERNS.add(pattern.pattern)
                continue
            if found:
                return f"allow-patterns: {pattern.pattern}"
        return None


PATTERN_TIMEOUT = 0.5  # seconds per flagged text; a sane pattern takes microseconds
_SLOW_PATTERNS: set[str] = set()


def _allow_list(key: str, options: dict[str, Any], fail) -> AllowList:
    lists = {}
    for option in _ALLOW_KEYS:
        value = options.pop(option, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"rules.{key}.{option} must be a list of strings")
        lists[option] = value
    patterns = []
    for pattern in lists["allow-patterns"]:
        try:
            patterns.append(regex.compile(pattern))
        except regex.error as exc:
            raise fail(f"rules.{key}.allow-patterns: bad regex {pattern!r}: {exc}") from None
    return AllowList(tuple(lists["allow-paths"]), frozenset(lists["allow-texts"]), tuple(patterns))


# A config is a few kilobytes; a pyproject.toml a few dozen. Anything far
# bigger is not one, and is refused before it is read.
MAX_CONFIG_BYTES = 4 * 1024 * 1024


def _read_toml(path: Path) -> dict[str, Any]:
    """The TOML table in ``path``; OSError, ValueError (a special or
    oversized file, or not UTF-8), TOMLDecodeError, or RecursionError (tables
    nested thousands deep)."""
    from .readers.base import read_regular

    text = read_regular(str(path), MAX_CONFIG_BYTES).decode("utf-8")
    # line ends as open() in text mode gave them (how configs were read before)
    return tomllib.loads(text.replace("\r\n", "\n").replace("\r", "\n"))


def find_config(start: Path) -> Path | None:
    """The nearest tqa.toml, or pyproject.toml with a [tool.tqa] table,
    in ``start`` or a folder above it. An odd first path (a symlink loop, an
    unreadable folder) is reported by discovery, not here; ConfigError only
    for a config that is a symlink out of its folder."""
    try:
        start = Path(os.path.realpath(start))  # not Path.resolve: a symlink loop would raise
        folder = start if start.is_dir() else start.parent
    except OSError:
        folder = Path(os.path.realpath(Path(start).parent))
    for candidate in (folder, *folder.parents):
        tqa_toml = candidate / "tqa.toml"
        try:
            if tqa_toml.is_file():
                return _own(tqa_toml)
            pyproject = candidate / "pyproject.toml"
            if not pyproject.is_file():
                continue
            _own(pyproject)
        except OSError:  # a folder we may not look into: look further up
            continue
        try:
            tool = _read_toml(pyproject).get("tool", {})
        except (tomllib.TOMLDecodeError, OSError, ValueError, RecursionError):
            continue  # somebody else's broken pyproject is not ours to report
        if isinstance(tool, dict) and "tqa" in tool:
            return pyproject
    return None


def _own(found: Path) -> Path:
    """A config found in a folder of the checked tree must be a file of that
    folder: a symlink to one elsewhere (``tqa.toml -> ~/.aws/config``) would
    put another file's keys and values into error messages."""
    if found.is_symlink() and not is_inside(os.path.realpath(found), os.path.realpath(found.parent)):
        raise ConfigError(
            f"{found}: a symlink to a file outside its folder; not read as config (name the config with --config)"
        )
    return found


def load_config(path: Path | None, follow_external_symlinks: bool = False) -> Config:
    """Parse and validate a config file (``None``: the defaults).
    ``follow_external_symlinks`` (``--follow-external-symlinks``) lets its
    glossaries lie outside its folder."""
    if path is None:
        return Config(follow_external_symlinks=follow_external_symlinks)
    try:
        data = _read_toml(path)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config file is not UTF-8") from None
    except ValueError as exc:  # a FIFO, a device, a huge file (TOMLDecodeError is handled below)
        if isinstance(exc, tomllib.TOMLDecodeError):
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: cannot read config: is a directory") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ConfigError(f"{path}: cannot read config: symlink loop") from None
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("tqa", {}) if isinstance(tool, dict) else {}
        where = f"{path} [tool.tqa]"
    else:
        where = str(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: must be a table")
    return parse_config(data, where, path.parent, str(path), follow_external_symlinks)


def parse_config(
    data: dict[str, Any], where: str, root: Path, path: str | None = None, follow_external_symlinks: bool = False
) -> Config:
    def fail(message: str) -> ConfigError:
        return ConfigError(f"{where}: {message}")

    if "follow-external-symlinks" in data:
        raise fail(
            "follow-external-symlinks is a command-line option (--follow-external-symlinks), not a "
            "config key: a config in the checked tree must not widen what tqa reads"
        )
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise fail(f"unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(_TOP_KEYS))})")
    config = Config(path=path, root=root, follow_external_symlinks=follow_external_symlinks)
    if "lang" in data:
        config.lang = checked_language(data["lang"], fail, "lang")
    if "fail-on" in data:
        if data["fail-on"] not in FAIL_LEVELS:
            raise fail(f"fail-on must be one of {', '.join(FAIL_LEVELS)}, not {data['fail-on']!r}")
        config.fail_on = data["fail-on"]
    if "glossaries" in data:
        config.glossaries = _glossaries(data["glossaries"], root, config, fail)
    if "builtin-glossary" in data:
        if not isinstance(data["builtin-glossary"], bool):
            raise fail(f"builtin-glossary must be true or false, not {data['builtin-glossary']!r}")
        config.builtin_glossary = data["builtin-glossary"]
    for key in ("select", "ignore", "exclude"):
        if key in data:
            value = data[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(f"{key} must be a list of strings")
            if key != "exclude":
                for selector in value:
                    if not matching_rules(selector):
                        raise fail(f"{key}: no rule matches {selector!r} (see `tqa rules`)")
            setattr(config, key, list(value))
    languages = _table(data, "languages", fail)
    config.languages = {glob: checked_language(lang, fail, f"languages.{glob}") for glob, lang in languages.items()}
    for key, level in _table(data, "severity", fail).items():
        rule = _rule(key, fail, "severity")
        if level not in SEVERITIES:
            raise fail(f"severity.{key} must be one of {', '.join(SEVERITIES)}, not {level!r}")
        config.severity[rule.code] = level
    for key, options in _table(data, "rules", fail).items():
        rule = _rule(key, fail, "rules")
        if not isinstance(options, dict):
            raise fail(f"rules.{key} must be a table of options")
        options = dict(options)
        if any(option in options for option in _ALLOW_KEYS):
            config.allow[rule.code] = _allow_list(key, options, fail)
        for option, value in options.items():
            spec = rule.option_specs.get(option)
            if spec is None:
                known = ", ".join([*rule.option_specs, *_ALLOW_KEYS])
                raise fail(f"rules.{key}: unknown option {option!r} (known: {known})")
            problem = spec.problem(value)
            if problem:
                raise fail(f"rules.{key}.{option} {problem}")
        config.rule_options[rule.code] = dict(options)
    config.split = _split(_table(data, "split", fail), fail)
    config.sources = _sources(_table(data, "sources", fail), fail)
    return config


def _sources(table: dict[str, Any], fail) -> dict[str, str]:
    """``[tool.tqa.sources]``: a translation's path pattern = its original's;
    the original's pattern may use only the translation's placeholders."""
    sources = {}
    for translation, original in table.items():
        if not isinstance(original, str) or not original:
            raise fail(f"sources.{translation} must be a path pattern (a string)")
        names = set(regex.findall(r"\{(\w+)\}", translation))
        unknown = set(regex.findall(r"\{(\w+)\}", original)) - names
        if unknown:
            raise fail(f"sources.{translation}: {{{sorted(unknown)[0]}}} is not in the translation's pattern")
        if len(names) != len(regex.findall(r"\{(\w+)\}", translation)):
            raise fail(f"sources.{translation}: a placeholder stands twice")
        if PurePath(original).is_absolute() or ".." in PurePath(original).parts:
            raise fail(f"sources.{translation}: the original's pattern must stay inside the project, not {original!r}")
        sources[translation] = original
    return sources


def _glossaries(value: Any, root: Path, config: Config, fail) -> list[str]:
    """The glossaries a config names: ``tqa:NAME`` for one tqa ships (the
    name checked here), otherwise a file inside the config's folder."""
    from .glossary import GlossaryError, check_pack, pack_name

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail("glossaries must be a list of file paths or tqa:NAME")
    found = []
    for named in value:
        if pack_name(named) is not None:
            try:
                check_pack(named)
            except GlossaryError as exc:
                raise fail(f"glossaries: {exc}") from None
            found.append(named)
            continue
        full = str(root / named) if not Path(named).is_absolute() else named
        _glossary_inside(named, full, root, config, fail)
        found.append(full)
    return found


def _glossary_inside(named: str, full: str, root: Path, config: Config, fail) -> None:
    """A glossary the config names is data from the checked tree: refuse
    one whose real path (absolute, through '..' or a symlink) is outside the
    config's folder, which would put another file's text into messages,
    unless follow-external-symlinks allows it (then say so)."""
    if "\0" in full:
        raise fail(f"glossaries: {named!r} is not a file path")
    real, project = os.path.realpath(full), os.path.realpath(root)
    if is_inside(real, project, hidden=False):
        return
    if not config.follow_external_symlinks:
        raise fail(
            f"glossaries: {named!r} is outside the project ({project}) or in a hidden folder; not read "
            "(--follow-external-symlinks allows it)"
        )
    config.notes.append(f"{full}: glossary outside the project, read (--follow-external-symlinks): {real}")


def _table(data: dict[str, Any], key: str, fail) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise fail(f"{key} must be a table")
    return value


def checked_language(value: Any, fail, key: str) -> str:
    """``value`` as a language code (``en-GB`` -> ``en``), or ``fail(message)``
    raised naming ``key`` (the config key or option it came from)."""
    if not isinstance(value, str) or not value.replace("-", "").isalpha() or not 2 <= len(value.split("-")[0]) <= 3:
        raise fail(f"{key} must be a language code such as 'en' or 'kk', not {value!r}")
    return value.split("-")[0].lower()


def _rule(key: str, fail, section: str) -> Rule:
    rule = find_rule(key)
    if rule is None:
        names = ", ".join(r.name for r in all_rules())
        raise fail(f"{section}: unknown rule {key!r} (rules: {names})")
    return rule


def _split(table: dict[str, Any], fail) -> SplitSettings:
    unknown = set(table) - _SPLIT_KEYS
    if unknown:
        raise fail(f"split: unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(_SPLIT_KEYS))})")
    enabled = table.get("enabled", True)
    labels = table.get("labels", [])
    length = table.get("max-title-length", 300)
    if not isinstance(enabled, bool):
        raise fail("split.enabled must be true or false")
    if not isinstance(labels, list) or not all(isinstance(v, str) for v in labels):
        raise fail("split.labels must be a list of strings")
    if not isinstance(length, int) or isinstance(length, bool) or length < 1:
        raise fail("split.max-title-length must be a positive integer")
    classes = {}
    for key in ("chrome-classes", "skip-classes"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"split.{key} must be a list of class names")
        classes[key] = tuple(v.strip().lower() for v in value)
    return SplitSettings(
        enabled=enabled,
        extra_labels=tuple(labels),
        max_title_length=length,
        chrome_classes=classes["chrome-classes"],
        skip_classes=classes["skip-classes"],
    )
