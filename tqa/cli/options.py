"""The options several commands share, and a run's configuration: the
config file's, then the command line's."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .output import fail, failing_on, note


class Format(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    gitlab = "gitlab"
    markdown = "markdown"


class ScoreFormat(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


# options shared by `tqa check`, `tqa baseline` and `tqa fix`
PATHS = typer.Argument(..., help="Files or folders to check (folders are walked).")
LANG = typer.Option(None, "--lang", "-l", help="Target language of the text (en, ru, kk, de…).")
SELECT = typer.Option(None, "--select", help="Only these rules (codes, prefixes, names, categories).")
IGNORE = typer.Option(None, "--ignore", help="Skip these rules.")
CONFIG = typer.Option(None, "--config", help="Config file (tqa.toml or pyproject.toml).")
GLOSSARY = typer.Option(None, "--glossary", "-g", help="A glossary (YAML) to use besides those in config; repeatable.")
FOLLOW = typer.Option(
    False,
    "--follow-external-symlinks",
    help="Also read files and glossaries that symlinks lead to outside the checked folders "
    "(each is named on stderr). A command-line option only: never from a config.",
)


def load_config(config_file: Optional[Path], paths: List[str], follow_links: bool = False):
    """The config file given, else the one found above the first path."""
    from ..config import ConfigError, find_config
    from ..config import load_config as load

    with failing_on(ConfigError):
        found = config_file if config_file is not None else find_config(Path(paths[0]) if paths else Path.cwd())
        config = load(found, follow_links)
    for message in config.notes:  # what the config lets tqa read outside its project, for a reviewer to see
        note(f"note: {message}")  # the path comes from the tree: escaped, one line
    return config


def split_list(values: Optional[List[str]]) -> List[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def configure(
    paths: List[str],
    config_file: Optional[Path],
    lang: Optional[str],
    select,
    ignore,
    fail_on: Optional[FailOn],
    glossary: Optional[List[Path]],
    follow_links: bool = False,
):
    """The config of a run: the file's, then the command line's options."""
    from ..config import ConfigError, checked_language
    from ..glossary import GlossaryError
    from ..rules import matching_rules

    config = load_config(config_file, paths, follow_links)
    if lang is not None:
        with failing_on(ConfigError):
            config.lang = checked_language(lang, lambda m: ConfigError(m), "--lang")
        config.languages = {}
    for option, values in (("--select", select), ("--ignore", ignore)):
        for selector in split_list(values):
            if not matching_rules(selector):
                fail(f"{option}: no rule matches {selector!r} (see `tqa rules`)")
    if select:
        config.select = split_list(select)
    if ignore:
        config.ignore = config.ignore + split_list(ignore)
    if fail_on is not None:
        config.fail_on = fail_on.value
    config.glossaries = config.glossaries + [str(g) for g in glossary or []]
    with failing_on(GlossaryError):
        config.load_glossary()  # report a broken glossary before any work
    return config
