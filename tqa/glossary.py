"""Glossaries of names of bodies: the YAML format, its validation, and
import/export from CSV and TBX (TermBase eXchange, ISO 30042).

    glossary: central-asia-public-bodies     # a name for the collection
    entries:
      - id: mois                             # stable, unique
        names:                               # the canonical name per language
          en: Ministry of the Interior and Safety
          ru: Министерство внутренних дел и безопасности
        acronyms: [MOIS]
        allowed:                             # accepted variants, short forms
          en: [the Ministry]
        forbidden:                           # variants to replace by the name
          en: [Ministry of Internal Affairs and Security]
        note: Republic of Korea; renamed in 2017.
        source: the Ministry's English site (mois.go.kr)   # where the names come from
        scope: {langs: [en, ru], paths: ["news/**"]}   # optional

Errors name the file and the line.

tqa ships glossaries of its own ("packs", the files of the top-level
``glossaries/`` folder, installed as the package ``tqa.glossaries``),
named ``tqa:NAME``: ``tqa:international-organisations`` is active unless
the config says ``builtin-glossary = false``; the others only when named.
An entry of one's own glossary replaces a shipped entry with the same id.
"""

from __future__ import annotations

import csv
import io
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import yaml

from .paths import glob_match

_ENTRY_KEYS = {"id", "names", "acronyms", "allowed", "forbidden", "note", "source", "scope"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class GlossaryError(Exception):
    """A malformed glossary; the message names the file and line."""


@dataclass(eq=False)  # entries are compared by identity, and hashable
class Entry:
    id: str
    names: dict[str, str]
    acronyms: list[str] = field(default_factory=list)
    allowed: dict[str, list[str]] = field(default_factory=dict)
    forbidden: dict[str, list[str]] = field(default_factory=dict)
    note: str | None = None
    langs: list[str] = field(default_factory=list)  # empty: every language
    paths: list[str] = field(default_factory=list)  # empty: every path
    source: str = ""  # file:line, for messages
    cited: str | None = None  # where the names come from (the YAML key 'source')
    shipped: bool = False  # from a glossary tqa ships (``tqa:NAME``): one's own entry of its id replaces it

    def applies(self, lang: str | None, path: str) -> bool:
        if self.langs and lang not in self.langs:
            return False
        return not self.paths or any(glob_match(path, p) for p in self.paths)


@dataclass
class Glossary:
    entries: list[Entry] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _for_article: dict = field(default_factory=dict, repr=False, compare=False)

    def extend(self, other: "Glossary") -> None:
        """Add ``other``'s entries. An id defined twice is an error, unless
        one of the two is a shipped entry and the other is not: a desk's
        own entry for a body replaces tqa's, whichever comes first."""
        known = {e.id: place for place, e in enumerate(self.entries)}
        for entry in other.entries:
            place = known.get(entry.id)
            if place is None:
                known[entry.id] = len(self.entries)
                self.entries.append(entry)
                continue
            first = self.entries[place]
            if first.shipped == entry.shipped:
                raise GlossaryError(f"{entry.source}: entry id {entry.id!r} is already defined at {first.source}")
            if first.shipped:
                self.entries[place] = entry
        self.files.extend(other.files)
        self._for_article.clear()

    def for_article(self, lang: str | None, path: str) -> list[Entry]:
        """The entries for an article of ``lang`` at ``path`` (several rules
        ask for each article: the answer is kept per language and path)."""
        key = (lang, path, len(self.entries))
        found = self._for_article.get(key)
        if found is None:
            if len(self._for_article) > 1024:
                self._for_article.clear()
            found = self._for_article[key] = [e for e in self.entries if e.applies(lang, path)]
        return found


# ---------------------------------------------------------------- YAML ----
if TYPE_CHECKING:  # a base class chosen at run time is beyond mypy; both loaders have the same methods
    _Loader = yaml.SafeLoader
else:
    _Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when there


class _LineLoader(_Loader):
    """Keeps the line of every mapping, for error messages."""


def _construct_mapping(loader, node, deep=False):
    mapping = loader.construct_mapping(node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# Termbases run to a few megabytes; a glossary far bigger is refused before
# it is read (it would take minutes and gigabytes to parse as YAML).
MAX_GLOSSARY_BYTES = 64 * 1024 * 1024


def _read(path: Path, encoding: str = "utf-8") -> str:
    """The text of a glossary file: a regular file within the size limit,
    never a FIFO or a device (read without blocking), as one-line errors."""
    from .readers.base import read_regular

    try:
        text = read_regular(str(path), MAX_GLOSSARY_BYTES).decode(encoding)
        # line ends as open() in text mode gave them (how glossaries were read before)
        return text.replace("\r\n", "\n").replace("\r", "\n")
    except FileNotFoundError:
        raise GlossaryError(f"{path}: glossary file not found") from None
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{path}: cannot read glossary: not UTF-8 (byte {exc.start})") from None
    except ValueError as exc:  # special or oversized
        raise GlossaryError(f"{path}: cannot read glossary: {exc}") from None
    except OSError as exc:
        raise GlossaryError(f"{path}: cannot read glossary: {exc.strerror or exc}") from None


def load_glossary(path: str | Path) -> Glossary:
    path = Path(path)
    text = _read(path)
    try:
        # a safe loader (plain data, no Python objects); aliases make shared
        # references, not copies, and the checks below stop at the first
        # value of a wrong type, so an alias bomb costs nothing
        data = yaml.load(text, Loader=_LineLoader)
    except RecursionError:
        raise GlossaryError(f"{path}: invalid YAML: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise GlossaryError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    return parse_glossary(data, str(path))


def parse_glossary(data: Any, where: str) -> Glossary:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise GlossaryError(f"{where}: a glossary is a mapping with an 'entries' list")
    unknown = set(data) - {"glossary", "entries", "__line__", "version"}
    if unknown:
        raise GlossaryError(f"{where}:{data.get('__line__', 1)}: unknown key {sorted(unknown)[0]!r}")
    glossary = Glossary(files=[where])
    seen: dict[str, int] = {}
    for raw in data["entries"]:
        entry = _entry(raw, where)
        if entry.id in seen:
            raise GlossaryError(f"{entry.source}: entry id {entry.id!r} already used at line {seen[entry.id]}")
        seen[entry.id] = int(entry.source.rsplit(":", 1)[1])
        glossary.entries.append(entry)
    return glossary


def _entry(raw: Any, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise GlossaryError(f"{where}: each entry must be a mapping with an id and names")
    line = raw.get("__line__", 0)
    at = f"{where}:{line}"

    def fail(message: str) -> GlossaryError:
        return GlossaryError(f"{at}: entry {raw.get('id', '?')!r}: {message}")

    unknown = set(raw) - _ENTRY_KEYS - {"__line__"}
    if unknown:
        raise fail(f"unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(_ENTRY_KEYS))})")
    if not isinstance(raw.get("id"), str) or not raw["id"].strip():
        raise GlossaryError(f"{at}: entry without an 'id'")
    names = _strings_by_lang(raw.get("names"), fail, "names", single=True)
    if not names:
        raise fail("'names' must give the canonical name in at least one language, e.g. {en: ...}")
    acronyms = raw.get("acronyms", [])
    if not isinstance(acronyms, list) or not all(isinstance(a, str) and a for a in acronyms):
        raise fail("'acronyms' must be a list of strings")
    scope = raw.get("scope", {}) or {}
    if not isinstance(scope, dict) or set(scope) - {"langs", "paths", "__line__"}:
        raise fail("'scope' may only hold 'langs' and 'paths' lists")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise fail("'note' must be text")
    cited = raw.get("source")
    if cited is not None and (not isinstance(cited, str) or not cited.strip()):
        raise fail("'source' must be text: where the names come from")
    return Entry(
        id=raw["id"].strip(),
        names=names,
        acronyms=list(acronyms),
        allowed=_strings_by_lang(raw.get("allowed"), fail, "allowed"),
        forbidden=_strings_by_lang(raw.get("forbidden"), fail, "forbidden"),
        note=note,
        langs=_string_list(scope.get("langs", []), fail, "scope.langs"),
        paths=_string_list(scope.get("paths", []), fail, "scope.paths"),
        source=at,
        cited=cited.strip() if cited else None,
    )


def _string_list(value, fail, key) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"'{key}' must be a list of strings")
    return list(value)


def _strings_by_lang(value, fail, key, single=False) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail(f"'{key}' must map languages to {'a name' if single else 'lists of names'}")
    result: dict[str, str | list[str]] = {}  # a name per language (single) or a list of names
    for lang, names in value.items():
        if lang == "__line__":
            continue
        if not isinstance(lang, str) or not 2 <= len(lang) <= 3:
            raise fail(f"'{key}': {lang!r} is not a language code such as en, ru, kk")
        if single:
            if not isinstance(names, str) or not names.strip():
                raise fail(f"'{key}.{lang}' must be a name")
            result[lang] = names.strip()
        else:
            if isinstance(names, str):
                names = [names]
            result[lang] = _string_list(names, fail, f"{key}.{lang}")
    return result


def to_yaml(glossary: Glossary, name: str) -> str:
    entries = []
    for e in glossary.entries:
        item: dict[str, Any] = {"id": e.id, "names": e.names}
        if e.acronyms:
            item["acronyms"] = e.acronyms
        if e.allowed:
            item["allowed"] = e.allowed
        if e.forbidden:
            item["forbidden"] = e.forbidden
        if e.note:
            item["note"] = e.note
        if e.cited:
            item["source"] = e.cited
        if e.langs or e.paths:
            item["scope"] = {k: v for k, v in (("langs", e.langs), ("paths", e.paths)) if v}
        entries.append(item)
    return yaml.safe_dump({"glossary": name, "entries": entries}, allow_unicode=True, sort_keys=False, width=120)


# ----------------------------------------------------------------- CSV ----
CSV_COLUMNS = ("id", "lang", "type", "term", "note")
_CSV_TYPES = {"name", "acronym", "allowed", "forbidden"}


def from_csv(text: str, where: str) -> Glossary:
    """Rows ``id,lang,type,term,note``; type is name, acronym, allowed or
    forbidden (one row per term; the first row of an id may carry a note)."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not {"id", "lang", "type", "term"} <= set(reader.fieldnames):
        raise GlossaryError(f"{where}:1: CSV header must hold id, lang, type, term (and optionally note)")
    raw: dict[str, dict] = {}
    for number, row in enumerate(reader, 2):
        entry_id, lang, kind, term = ((row.get(k) or "").strip() for k in ("id", "lang", "type", "term"))
        if not entry_id or not term or kind not in _CSV_TYPES:
            raise GlossaryError(
                f"{where}:{number}: need an id, a term and a type among {', '.join(sorted(_CSV_TYPES))}"
            )
        item = raw.setdefault(entry_id, {"id": entry_id, "names": {}, "__line__": number})
        if kind == "name":
            item["names"][lang] = term
        elif kind == "acronym":
            item.setdefault("acronyms", []).append(term)
        else:
            item.setdefault(kind, {}).setdefault(lang, []).append(term)
        if (row.get("note") or "").strip():
            item["note"] = row["note"].strip()
    return parse_glossary({"entries": list(raw.values())}, where)


# ----------------------------------------------------------------- TBX ----
# TBX-Basic administrative status values, and what they mean here.
_STATUS_TO_KIND = {
    "preferredterm-admn-sts": "name",
    "admittedterm-admn-sts": "allowed",
    "deprecatedterm-admn-sts": "forbidden",
    "supersededterm-admn-sts": "forbidden",
    "preferred": "name",
    "admitted": "allowed",
    "deprecated": "forbidden",
    "superseded": "forbidden",
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def from_tbx(text: str, where: str) -> Glossary:
    """Read TBX v2 (``martif``/``termEntry``/``langSet``/``tig``) or v3
    (``tbx``/``conceptEntry``/``langSec``/``termSec``)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise GlossaryError(f"{where}:{exc.position[0]}: not well-formed XML: {exc}") from None
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(f"{where}:1: not a TBX file (root element is <{_local(root.tag)}>)")
    entries = []
    for number, concept in enumerate((e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")), 1):
        item: dict[str, Any] = {"id": concept.get("id") or f"entry-{number}", "names": {}}
        for child in concept:
            if _local(child.tag) in ("descrip", "note") and (note := (child.text or "").strip()) and "note" not in item:
                item["note"] = note
        for lang_set in (e for e in concept if _local(e.tag) in ("langSet", "langSec")):
            lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").split("-")[0].lower()
            for term_group in (e for e in lang_set.iter() if _local(e.tag) in ("tig", "ntig", "termSec")):
                term_el = next((e for e in term_group.iter() if _local(e.tag) == "term"), None)
                if term_el is None or not "".join(term_el.itertext()).strip():
                    continue
                term = "".join(term_el.itertext()).strip()
                notes = {
                    (n.get("type") or ""): (n.text or "").strip()
                    for n in term_group.iter()
                    if _local(n.tag) == "termNote"
                }
                kind = _STATUS_TO_KIND.get(notes.get("administrativeStatus", "").lower(), "")
                if notes.get("termType", "").lower() in ("acronym", "abbreviation", "shortform"):
                    item.setdefault("acronyms", []).append(term)
                elif kind == "forbidden" or kind == "allowed":
                    item.setdefault(kind, {}).setdefault(lang, []).append(term)
                elif lang not in item["names"]:
                    item["names"][lang] = term
                else:
                    item.setdefault("allowed", {}).setdefault(lang, []).append(term)
        if item["names"]:
            entries.append(item)
    return parse_glossary({"entries": entries}, where)


def to_tbx(glossary: Glossary) -> str:
    """TBX-Basic (v2, ``martif``), which CAT tools and QA tools read."""
    martif = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = "Exported by tqa"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for entry in glossary.entries:
        term_entry = ET.SubElement(body, "termEntry", {"id": entry.id})
        if entry.note:
            ET.SubElement(term_entry, "descrip", {"type": "definition"}).text = entry.note
        langs = list(dict.fromkeys([*entry.names, *entry.allowed, *entry.forbidden]))
        for lang in langs:
            lang_set = ET.SubElement(term_entry, "langSet", {_XML_LANG: lang})
            if lang in entry.names:
                _tig(lang_set, entry.names[lang], "preferredTerm-admn-sts")
            for term in entry.allowed.get(lang, []):
                _tig(lang_set, term, "admittedTerm-admn-sts")
            for term in entry.forbidden.get(lang, []):
                _tig(lang_set, term, "deprecatedTerm-admn-sts")
            if lang == langs[0]:
                for acronym in entry.acronyms:
                    _tig(lang_set, acronym, None, term_type="acronym")
    ET.indent(martif)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="unicode") + "\n"


def _tig(lang_set, term: str, status: str | None, term_type: str | None = None) -> None:
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = term
    if term_type:
        ET.SubElement(tig, "termNote", {"type": "termType"}).text = term_type
    if status:
        ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status


def import_file(path: str | Path) -> Glossary:
    path = Path(path)
    text = _read(path, "utf-8-sig")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return from_csv(text, str(path))
    if suffix in (".tbx", ".xml"):
        return from_tbx(text, str(path))
    if suffix in (".yaml", ".yml"):
        return load_glossary(path)
    raise GlossaryError(f"{path}: unknown glossary format (use .yaml, .csv or .tbx)")


def load_all(paths: Iterable[str | Path]) -> Glossary:
    """The glossaries at ``paths`` (files, or ``tqa:NAME`` for a shipped
    one) merged, in order; a glossary named twice (in the config and again
    with ``--glossary``) is read once."""
    merged = Glossary()
    seen: set[str] = set()
    for path in paths:
        name = pack_name(str(path))
        key = f"{PACK_PREFIX}{name}" if name is not None else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            merged.extend(load_pack(name) if name is not None else load_glossary(path))
    return merged


# ---------------------------------------------------------- shipped ----
PACK_PREFIX = "tqa:"
BUILTIN_PACK = "international-organisations"  # active unless the config turns it off


def pack_name(reference: str) -> str | None:
    """``NAME`` of a ``tqa:NAME`` reference to a shipped glossary; None for
    a file path."""
    return reference[len(PACK_PREFIX) :] if reference.startswith(PACK_PREFIX) else None


def _packs_folder() -> Any:
    """The folder of the shipped glossaries: the package ``tqa.glossaries``
    (the top-level ``glossaries/`` folder, mapped into the wheel)."""
    try:
        return resources.files("tqa.glossaries")
    except ModuleNotFoundError:
        # an editable install made before the glossaries were a package
        # knows only ``tqa``: its checkout holds them beside it
        folder = Path(__file__).resolve().parent.parent / "glossaries"
        if (folder / "__init__.py").is_file():
            return folder
        raise GlossaryError("tqa's own glossaries are not installed (reinstall tqa)") from None


@lru_cache(maxsize=1)
def shipped_packs() -> tuple[str, ...]:
    """The names of the glossaries tqa ships, sorted."""
    return tuple(sorted(p.name[: -len(".yaml")] for p in _packs_folder().iterdir() if p.name.endswith(".yaml")))


def check_pack(reference: str) -> str:
    """The name of the shipped glossary ``reference`` (``tqa:NAME``)
    names; GlossaryError for any other name. A name, never a path: it is
    looked up among the shipped ones, so ``tqa:../x`` names nothing."""
    name = pack_name(reference)
    if name is None or name not in shipped_packs():
        known = ", ".join(PACK_PREFIX + n for n in shipped_packs())
        raise GlossaryError(f"{reference!r} is not a glossary tqa ships ({known})")
    return name


def pack_bytes(reference: str) -> bytes:
    """The YAML of the shipped glossary ``reference`` names."""
    return _packs_folder().joinpath(check_pack(reference) + ".yaml").read_bytes()


@lru_cache(maxsize=None)
def load_pack(name: str) -> Glossary:
    """The shipped glossary ``tqa:NAME``, read once per process (its entries
    are shared by every glossary that includes it, and never changed)."""
    reference = PACK_PREFIX + name
    text = pack_bytes(reference).decode("utf-8")
    glossary = parse_glossary(yaml.load(text, Loader=_LineLoader), reference)
    for entry in glossary.entries:
        entry.shipped = True
    return glossary
