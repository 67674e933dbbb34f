"""Property-based fuzzing of every reader, through the public entry points.

tqa runs in CI on pull requests from strangers: every file it reads, and
every file name, may be hostile. These tests feed the readers (plain text,
Markdown, PO, XLIFF; the suffix picks the reader, see ``tqa.readers``)
random bytes, Unicode edge cases, broken PO, XLIFF and Markdown, mutated
copies of the files in ``samples/`` and odd file names, and check through
``tqa.engine.check_files`` and ``tqa check --format json --no-cache`` that

* no exception escapes: a bad input is one error line naming the file,
  never a traceback and never an "internal error";
* every finding (and every article) lies inside its file: 1 <= line <=
  the file's line count, 1 <= column <= that line's length + 1 (in code
  points, the line ending not counted), and the end is not before the start;
* every character of what a reader reads stands where the reader says
  (``read_document``: the offsets findings are mapped back with);
* the JSON report validates against ``tests/contract/report.schema.json``.

The default run is small (``TQA_FUZZ_EXAMPLES`` examples per test, 40 by
default) and derandomized, so CI sees the same examples every time; nothing
is stored in ``.hypothesis/``. The long run, worth doing after touching a
reader::

    TQA_FUZZ_EXAMPLES=5000 python -m pytest -p no:cacheprovider tests/test_fuzz.py

``TQA_FUZZ_SEED=<n>`` (any integer) explores other examples than CI's
derandomized ones.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import tempfile
import traceback
from contextlib import contextmanager
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SCHEMA
from hypothesis import HealthCheck, example, given, seed, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tqa.cli import app
from tqa.config import Config
from tqa.engine import check_files
from tqa.readers import READERS, InputError, read_document

# -- settings ----------------------------------------------------------------

_EXAMPLES = int(os.environ.get("TQA_FUZZ_EXAMPLES", "40"))
_SEED = os.environ.get("TQA_FUZZ_SEED")
settings.register_profile(
    "tqa-fuzz",
    max_examples=_EXAMPLES,
    deadline=None,  # a first run imports the language models: no timing here
    derandomize=_SEED is None,  # CI: the same examples on every run
    database=None,  # no .hypothesis/ folder in the checkout
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
)
FUZZ = settings.get_profile("tqa-fuzz")


def SEEDED(test):
    """With TQA_FUZZ_SEED set: that seed instead of CI's fixed examples."""
    return seed(int(_SEED))(test) if _SEED else test


VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
SAMPLES = {p.name: p.read_bytes() for p in sorted((ROOT / "samples").iterdir()) if p.is_file()}
SUFFIXES = sorted(READERS) + [".TXT", ".Md", ".html", ""]  # unknown suffixes: read as text

# -- the oracle: what the file holds, decoded independently of tqa ---------------------

_BOMS = (  # UTF-32 LE before UTF-16 LE: its mark starts with UTF-16 LE's
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decoded(data: bytes) -> str | None:
    """The text a reader works on: a BOM picks UTF-8/16/32, else UTF-8;
    None when the bytes are not that (the file must then be an error)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def line_lengths(text: str) -> list[int]:
    """Length in code points of every line, its line ending (LF or CRLF)
    not counted. Lines end at LF only, as in every report of tqa."""
    lines = text.split("\n")
    return [len(line) - (i < len(lines) - 1 and line.endswith("\r")) for i, line in enumerate(lines)]


def _get(item, key):
    return item[key] if isinstance(item, dict) else getattr(item, key)


def assert_inside(finding, lengths: list[int], where: str) -> None:
    """The span of ``finding`` (an engine Finding or a JSON one) lies in a
    file whose lines have ``lengths``."""
    line, column = _get(finding, "line"), _get(finding, "column")
    end_line, end_column = _get(finding, "end_line"), _get(finding, "end_column")
    described = (
        f"{where}: {_get(finding, 'rule')} at {line}:{column}-{end_line}:{end_column} "
        f"(the file has {len(lengths)} lines)"
    )
    assert 1 <= line <= len(lengths), described
    assert 1 <= end_line <= len(lengths), described
    assert 1 <= column <= lengths[line - 1] + 1, f"{described}; line {line} has {lengths[line - 1]} code points"
    assert 1 <= end_column <= lengths[end_line - 1] + 1, (
        f"{described}; line {end_line} has {lengths[end_line - 1]} code points"
    )
    assert (end_line, end_column) >= (line, column), described


# -- running tqa ---------------------------------------------------------------------------


@contextmanager
def workspace(files: dict[str, bytes]):
    """A temporary folder holding ``files`` (relative names; "/" makes
    folders), entered as the current directory."""
    before = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="tqa-fuzz-") as folder:
        for name, data in files.items():
            path = Path(folder, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(before)


def check_segments(path: str) -> None:
    """``read_document(path)``: an InputError, or a document each of whose
    characters stands where the reader says (what maps findings back)."""
    try:
        document = read_document(path)
    except InputError as exc:
        assert "\n" not in exc.message, exc.message
        return
    text = document.text
    for article in document.articles:
        assert 0 <= article.start <= article.end <= len(text), (path, article.start, article.end, len(text))
        for segment in article.segments:
            where = f"{path}: {segment.kind} segment {segment.text[:40]!r} at {segment.start}"
            assert 0 <= segment.start <= segment.end <= len(text), where
            if segment.offsets is None:
                assert text[segment.start : segment.start + len(segment.text)] == segment.text, where
                continue
            assert len(segment.offsets) == len(segment.text), where
            for index, (char, offset) in enumerate(zip(segment.text, segment.offsets)):
                assert 0 <= offset < len(text), f"{where}: character {index} at {offset}"
                # the character itself, or the escape that stands for it (\n, &amp;, a CR of CRLF);
                # on a web page, a reference or a <br> (``wide``), or a space for the white space shown as one
                assert (
                    text[offset] == char
                    or text[offset] in "\\&\r"
                    or index in segment.escaped
                    or index in (segment.wide or {})
                    or (document.format in ("html", "wxr") and char == " " and text[offset] in " \t\n\r\f")
                ), f"{where}: character {index} {char!r} maps to {text[offset]!r} at {offset}"
    for suppression in document.suppressions:
        assert 0 <= suppression.at <= suppression.at_end <= len(text), (path, suppression)


def check_engine(files: dict[str, bytes]) -> None:
    """``check_files`` on ``files`` (in a workspace): the properties."""
    with workspace(files):
        names = list(files)
        for name in names:
            check_segments(name)
        try:
            result = check_files(names, Config(), jobs=1)
        except Exception as exc:  # noqa: BLE001 - the property
            pytest.fail(f"check_files raised on {names!r}:\n{''.join(traceback.format_exception(exc)[-4:])}")
    by_path = {name: decoded(data) for name, data in files.items()}
    for error in result.errors:
        assert error.path in files, f"error names no input: {error}"
        assert "internal error" not in error.message, str(error)
        assert "Traceback" not in error.message, str(error)
        assert "\n" not in error.message and "\r" not in error.message, f"multi-line error: {error.message!r}"
        text, data = by_path[error.path], files[error.path]
        if error.line is not None:
            lines = max(data.count(b"\n"), (text or "").count("\n")) + 1
            assert 1 <= error.line <= lines, f"error line {error.line} of a {lines}-line file: {error}"
    failed = {error.path for error in result.errors}
    for name, text in by_path.items():
        if text is None:
            assert name in failed, f"{name!r} is not UTF-8/16/32 but no error says so"
    lengths = {name: line_lengths(text) for name, text in by_path.items() if text is not None}
    for article in result.articles:
        assert article.path in lengths, f"article of an undecodable or unknown file {article.path!r}"
        assert 1 <= article.start_line <= article.end_line <= len(lengths[article.path]), (
            f"{article.id}: lines {article.start_line}-{article.end_line} of {len(lengths[article.path])}"
        )
        for finding in article.findings:
            assert finding.path == article.path
            assert_inside(finding, lengths[finding.path], finding.path)
            for other, line, _ in finding.related:
                if other in lengths:
                    assert 1 <= line <= len(lengths[other]), f"{finding.rule} related {other}:{line}"


RUNNER = CliRunner()
# C0 but tab, DEL, C1, line separators, and the bidi controls that reorder what is shown (Trojan Source)
CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def check_cli(files: dict[str, bytes], args: list[str] | None = None) -> dict:
    """``tqa check --format json --no-cache -j 1 -- ARGS`` (the file names by
    default) in a workspace holding ``files``: the properties; the report."""
    args = list(files) if args is None else args
    with workspace(files):
        run = RUNNER.invoke(
            app,
            ["check", "--format", "json", "--no-cache", "-j", "1", "--", *args],
            catch_exceptions=True,
            color=False,
            env={"NO_COLOR": "1", "COLUMNS": "80"},
        )
    if run.exception is not None and not isinstance(run.exception, SystemExit):
        tail = "".join(traceback.format_exception(run.exception)[-4:])
        pytest.fail(f"tqa check {args!r} raised:\n{tail}")
    assert run.exit_code in (0, 1, 2), (run.exit_code, run.stderr[-2000:])
    report = json.loads(run.stdout)
    VALIDATOR.validate(report)
    decodable = {name: decoded(data) for name, data in files.items()}
    lengths = {name: line_lengths(text) for name, text in decodable.items() if text is not None}
    errors = report["errors"]
    assert (run.exit_code == 2) == bool(errors), (run.exit_code, errors)
    # one line per error, and no control character from a file name or its
    # content (a CR or an escape sequence rewrites what a CI log shows)
    printed = run.stderr.rstrip("\n").split("\n") if run.stderr else []
    assert len(printed) == len(errors), f"stderr is not one line per error:\n{run.stderr[-2000:]}"
    for line, error in zip(printed, errors):
        assert line.startswith("error: "), line
        assert not CONTROL.search(line), f"control character in an error line: {line!r}"
        assert "internal error" not in error["message"], error
        assert "Traceback" not in run.stderr
    for article in report["articles"]:
        path = article["path"]
        if path in lengths:  # else a name shown escaped (bytes that are not UTF-8)
            assert article["end_line"] <= len(lengths[path]), article["id"]
        for finding in article["findings"]:
            assert finding["path"] == path
            if path in lengths:
                assert_inside(finding, lengths[path], path)
            for place in finding.get("related", []):
                other = place.get("path", path)
                if other in lengths and "line" in place:
                    assert 1 <= place["line"] <= len(lengths[other]), (finding["rule"], place)
                    if {"column", "end_line", "end_column"} <= place.keys():
                        assert_inside({"rule": finding["rule"], **place}, lengths[other], f"{other} (related)")
    return report


# -- Unicode edge cases ---------------------------------------------------------------------

EDGE = [
    "\ufeff",
    "\ufeff\ufeff",
    "\x00",
    "\r",
    "\n",
    "\r\n",
    "\n\r",
    "\r\r\n",
    "\u2028",
    "\u2029",
    "\x85",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1e",
    "\x7f",
    "\x9b",
    "\t",
    " ",
    "\u00a0",
    "\u202f",
    "\u3000",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\u0301",
    "e\u0301",
    "\u0358\u0358\u0358\u0358",
    "a" + "\u0300" * 50,
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u202eexe.txt",
    "😀",
    "👩\u200d👩\u200d👧",
    "🇰🇿",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "𐍈",
    "\U0010fffd",
    "\U000e0041",
    "\ufffd",
    "\ufffe",
    "\uffff",
    "\ufdd0",
    "Қазақстан Республикасының Үкіметі",
    "әлем ұлт іс-шара ғылым өңір",
    "Министерство цифрового развития",
    "ТОDO",
    "ёлка",
    "オープンデータの活用とその利点。",
    "東京都",
    "ｶﾀｶﾅ",
    "ﬁ",
    "ǅ",
    "İı",
    "ß",
    "Ⅻ",
    "٣",
    "७",
    "TODO: check",
    "FIXME",
    " TODO",
    "статьи статьи",
    "Министерсtво",
    "the the",
    "Қaзақ",
    "[[перевести]]",
    "%(name)s",
    "%s",
    "{0}",
    "{count}",
    "<b>",
    "</i>",
    "&amp;",
    "&nbsp;",
    "http://example.com/a?b=c",
    "2 000",
    "1,5",
    "—",
    "–",
    "«",
    "»",
    "„",
    "“",
    "”",
    "'",
    '"',
    "...",
    "…",
    "!!",
    "Слово " * 400,
    "x" * 5000,
    "Ж" * 3000 + "\n",
    # shapes that make backtracking regexes quadratic (a slow run, not a failure, when one comes back)
    " \t" * 2000,
    "- " * 2000,
    "#" * 3000,
    "%(" * 2000,
    "\\" * 3000,
    "[" * 2000,
    ", " * 2000,
]

PLAIN = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
UNICODE_TEXT = st.lists(st.one_of(st.sampled_from(EDGE), PLAIN), max_size=30).map("".join)
ENCODINGS = [
    "utf-8",
    "utf-8",
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-be-bom",
    "utf-32",
    "utf-32-be-bom",
    "utf-16-le-nobom",
    "cp1251",
    "latin-1",
]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    if encoding == "utf-32-be-bom":
        return codecs.BOM_UTF32_BE + text.encode("utf-32-be")
    if encoding == "utf-16-le-nobom":
        return text.encode("utf-16-le")
    return text.encode(encoding, errors="replace")


@st.composite
def encoded(draw, texts):
    return encode(draw(texts), draw(st.sampled_from(ENCODINGS)))


# -- broken PO -------------------------------------------------------------------------------


def _po_quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


PO_TEXT = st.one_of(UNICODE_TEXT.map(_po_quoted), UNICODE_TEXT)  # escaped, or raw (quotes, newlines and all)
PO_KEYWORDS = [
    "msgid",
    "msgstr",
    "msgctxt",
    "msgid_plural",
    "msgstr[0]",
    "msgstr[1]",
    "msgstr[2]",
    "msgstr[-1]",
    "msgstr[99999999999999999999]",
    "msgstr[x]",
    "msgstr[]",
    "msgstr [0]",
    "msgid_foo",
    "MSGID",
    "#~ msgid",
    "#~ msgstr",
    "#| msgid",
    "#| msgctxt",
    "msgstr[0]msgstr",
]
PO_BROKEN = [
    'msgid "unterminated',
    'msgstr "unterminated \\',
    'msgstr "bad \\q \\z \\ escape"',
    '"\\x41\\101\\u0041\\777\\0"',
    'msgstr "\\',
    '"',
    '""',
    '"""',
    "msgid",
    "msgstr",
    "msgstr[0]",
    'stray keyword "here"',
    'msgid "a" "b"',
    'msgid ""',
    'msgstr ""',
    "#, fuzzy",
    "#, python-format, c-format, no-c-format",
    "#,",
    "#: file.py:12 other.py",
    "#. tqa: ignore TQA101 a reason",
    "# tqa: ignore TQA101, TQA703 reason",
    "# tqa: ignore",
    "#~",
    "#| ",
    "",
    "\\",
    "\t",
    '   msgid "indented"',
    '"Content-Type: text/plain; charset=KOI8-R\\n"',
    '"Content-Type: text/plain; charset=bogus-charset\\n"',
    '"Content-Type: text/plain; charset=UTF-16\\n"',
    '"Plural-Forms: nplurals=0; plural=(n%0);\\n"',
    '"Plural-Forms: nplurals=99999999999999; plural=n;\\n"',
    '"Plural-Forms: nplurals=2; plural=(n != 1\\n"',
    '"Language: kk\\n"',
    '"Language: \\n"',
    '"Language: ../../x\\n"',
    '"X-Source-Language: ru\\n"',
    'msgid "%(name)s {0}"\nmsgstr "%(nmae)s {1}"',
]
PO_HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: fuzz 1.0\\n"\n"Language: ru\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : 1);\\n"\n'
)


PO_ENDINGS = ["\n", "\n", "\r", "\r\n", "\n\n"]


@st.composite
def po_files(draw, endings=tuple(PO_ENDINGS)) -> str:
    msgids = st.sampled_from(["Save", "Delete %(name)s", "{count} files", "", "Сохранить", "Save"])  # duplicates
    entry = st.one_of(
        st.builds(lambda i, s: f'msgid "{_po_quoted(i)}"\nmsgstr "{s}"\n', msgids, PO_TEXT),
        st.builds(
            lambda i, s, t: (
                f'msgid "{_po_quoted(i)}"\nmsgid_plural "{_po_quoted(i)}s"\nmsgstr[0] "{s}"\nmsgstr[1] "{t}"\n'
            ),
            msgids,
            PO_TEXT,
            PO_TEXT,
        ),
        st.builds(lambda s: f'msgid "x"\nmsgstr[0] "{s}"\n', PO_TEXT),  # msgstr[0] without msgid_plural
        st.builds(lambda k, s: f'{k} "{s}"', st.sampled_from(PO_KEYWORDS), PO_TEXT),
        st.builds(lambda s: f'"{s}"', PO_TEXT),  # a continuation line anywhere
        st.sampled_from(PO_BROKEN),
    )
    parts = draw(st.lists(entry, max_size=14))
    ending = draw(st.sampled_from(endings))
    header = draw(st.sampled_from(["", PO_HEADER, PO_HEADER.replace("ru", "zz-ZZ@bogus")]))
    return (header + "\n".join(parts)).replace("\n", ending)


# -- broken XLIFF -----------------------------------------------------------------------------


def _xml_escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


XML_DECLS = [
    "",
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<?xml version="1.0" encoding="utf-16"?>\n',
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n',
    '<?xml version="1.0" encoding="bogus"?>\n',
    '<?xml version="1.1"?>\n',
    '<?xml version="1.0" standalone="yes"?>',
    '  <?xml version="1.0"?>\n',
    '<?xml version="2.0" encoding="UTF-8"?>\n',
]
DOCTYPES = [
    "",
    "<!DOCTYPE xliff>\n",
    '<!DOCTYPE xliff [<!ENTITY e "Қазақ &amp; <b>bold</b>">]>\n',
    '<!DOCTYPE xliff SYSTEM "file:///etc/passwd">\n',
    '<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n',
    '<!DOCTYPE xliff [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>\n',
    '<!DOCTYPE xliff [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>\n',
    '<!DOCTYPE xliff [<!ENTITY r "&r;">]>\n',
    '<!DOCTYPE xliff [<!ATTLIST target state CDATA "new">]>\n',
    "<!DOCTYPE xliff [\n",
]
INLINE = [
    '<g id="1">',
    "</g>",
    '<x id="2"/>',
    '<ph id="1">{0}</ph>',
    '<bpt id="3">&lt;b&gt;</bpt>',
    '<ept id="3">&lt;/b&gt;</ept>',
    '<mrk mtype="seg" mid="1">',
    "</mrk>",
    '<pc id="4">',
    "</pc>",
    '<ph id="9"/>',
    "<![CDATA[",
    "]]>",
    "<![CDATA[TODO: <b>a & b</b> Қазақ]]>",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&apos;",
    "&#0;",
    "&#x0;",
    "&#1082;",
    "&#x41;",
    "&#x110000;",
    "&#xD800;",
    "&#99999999999;",
    "&undefined;",
    "&e;",
    "&d;",
    "&xxe;",
    "&r;",
    "&",
    "<",
    ">",
    "]]>",
    "<!-- tqa: ignore TQA101 reason -->",
    "<!-- unclosed",
    "<?pi data?>",
    "<target>",
    "</source>",
    "<note>TODO</note>",
    "</trans-unit>",
    "<unknown:tag xmlns:unknown='u'>",
    "</unknown:tag>",
    "\r\n",
    "\r",
]
XLIFF_TEXT = st.lists(st.one_of(UNICODE_TEXT.map(_xml_escaped), st.sampled_from(INLINE)), max_size=8).map("".join)
STATES = [
    "",
    ' state="translated"',
    ' state="new"',
    ' state="needs-review-translation"',
    ' state=""',
    ' state="final"',
    " state='x\"y'",
    ' state="a" state="b"',
]


@st.composite
def xliff_files(draw, decls=tuple(XML_DECLS)) -> str:
    version = draw(st.sampled_from(["1.2", "2.0"]))
    ids = st.sampled_from(["1", "2", "1", "", "a b", "&amp;", "'\"", "x" * 300])  # duplicates too
    units = []
    for _ in range(draw(st.integers(0, 5))):
        unit_id, state = draw(ids), draw(st.sampled_from(STATES))
        source, target = draw(XLIFF_TEXT), draw(XLIFF_TEXT)
        note = draw(st.sampled_from(["", "<note>tqa: ignore TQA101</note>", "<note>TODO: ask</note>"]))
        if version == "1.2":
            units.append(
                f'<trans-unit id="{unit_id}"><source>{source}</source>'
                f"<target{state}>{target}</target>{note}</trans-unit>"
            )
        else:
            units.append(
                f'<unit id="{unit_id}"><segment{state}><source>{source}</source>'
                f"<target>{target}</target></segment></unit>"
            )
    langs = draw(
        st.sampled_from(
            [
                'source-language="en" target-language="ru"',
                'source-language="en"',
                'target-language="kk-KZ"',
                'target-language=""',
                'target-language="@@"',
                "",
            ]
        )
    )
    if version == "1.2":
        body = (
            f'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file {langs} '
            f'original="a.txt" datatype="plaintext"><body>' + "\n".join(units) + "</body></file></xliff>"
        )
    else:
        body = (
            f'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
            f"{langs.replace('source-language', 'srcLang').replace('target-language', 'trgLang')}>"
            f'<file id="f1">' + "\n".join(units) + "</file></xliff>"
        )
    text = draw(st.sampled_from(decls)) + draw(st.sampled_from(DOCTYPES)) + body
    damage = draw(st.sampled_from(["none", "none", "truncate", "deep", "deep-unit", "unclose", "garbage-after"]))
    if damage == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif damage in ("deep", "deep-unit"):
        depth = draw(st.sampled_from([64, 1000, 20000]))
        tag = "g" if damage == "deep" else "group"
        deep = f'<{tag} id="1">' * depth + "deep Қазақ" + f"</{tag}>" * depth
        marker = "<target>" if damage == "deep" else "<body>"
        text = text.replace(marker, marker + deep, 1) if marker in text else text + deep
    elif damage == "unclose":
        closing = [i for i in range(len(text)) if text.startswith("</", i)]
        if closing:
            at = draw(st.sampled_from(closing))
            text = text[:at] + text[text.index(">", at) + 1 :]
    elif damage == "garbage-after":
        text += draw(st.sampled_from(["<xliff/>", "text", "<!-- c -->", "\x00", "&amp;"]))
    return text


# -- broken Markdown ----------------------------------------------------------------------------

MD_BLOCKS = [
    "```",
    "```python",
    "~~~",
    "````",
    "``` ```",
    "   ```",
    "    ```",
    "---",
    "...",
    "***",
    "___",
    "- - -",
    "title: {t}",
    "title: '{t}'",
    'title: "{t}',
    "title:",
    "lang: kk",
    "language: ru-RU",
    "lang: ",
    "lang: x",
    "# {t}",
    "###### {t} ###",
    "####### {t}",
    "#{t}",
    "#",
    "# ",
    "{t}",
    "{t}\n===",
    "{t}\n---",
    "    {t}",
    "\t{t}",
    "| {t} | b |",
    "|---|:--:|",
    "|",
    "<div>",
    "</div>",
    "<div>{t}</div>",
    "<!--",
    "-->",
    "<!-- {t} -->",
    "<!-- tqa: ignore TQA101, TQA703 {t} -->",
    "<!-- tqa: ignore -->",
    "<!-- tqa: ignore foo\n-->",
    "> {t}",
    ">",
    "- {t}",
    "1. {t}",
    "* [ ] {t}",
    "# {t} TODO",
    "## Заголовок статьи статьи",
    "# Министерсtво",
    "{t} TODO",
    "Заголовок TODO\n===",
    "- пункт TODO",
    "| Министерсtво | TODO |",
    "[{t}](http://example.com)",
    "![{t}](a.png)",
    "<script>{t}</script>",
    "<https://x.y>",
    "{t}  ",
    "\\",
    "",
]


@st.composite
def markdown_files(draw) -> str:
    blocks = draw(st.lists(st.sampled_from(MD_BLOCKS), max_size=20))
    texts = iter(draw(st.lists(UNICODE_TEXT, min_size=len(blocks), max_size=len(blocks))))
    lines = [block.replace("{t}", next(texts)) for block in blocks]
    endings = draw(
        st.lists(
            st.sampled_from(["\n", "\n", "\n\n", "\r\n", "\r", "\u2028"]), min_size=len(lines), max_size=len(lines)
        )
    )
    return "".join(line + ending for line, ending in zip(lines, endings))


# -- mutated samples ------------------------------------------------------------------------------


@st.composite
def mutated_samples(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SAMPLES)))
    data = bytearray(SAMPLES[name])
    for _ in range(draw(st.integers(1, 4))):
        size = len(data)
        operation = draw(st.sampled_from(["flip", "flip", "truncate", "splice", "delete", "repeat", "insert"]))
        at = draw(st.integers(0, size))
        if operation == "flip" and size:
            data[min(at, size - 1)] ^= 1 << draw(st.integers(0, 7))
        elif operation == "truncate":
            del data[at:]
        elif operation == "splice":
            other = SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))]
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start : start + draw(st.integers(0, 400))]
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif operation == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 100))] * draw(st.integers(2, 5))
        elif operation == "insert":
            piece = draw(st.one_of(st.binary(max_size=8), st.sampled_from(EDGE).map(lambda s: s.encode("utf-8"))))
            data[at:at] = piece
    suffix = draw(st.one_of(st.just(Path(name).suffix), st.sampled_from(SUFFIXES)))
    return "sample" + suffix, bytes(data)


# -- odd file names -----------------------------------------------------------------------------

NAME_PIECES = [
    " ",
    "  ",
    "\n",
    "\r",
    "\t",
    "[/]",
    "[",
    "]",
    "[bold]",
    "[/bold]",
    "[red]x[/red]",
    "-",
    "--",
    "-rf ",
    "--help",
    "-o",
    ".",
    "..",
    "...",
    "'",
    '"',
    "$(id)",
    "`id`",
    ";",
    "&",
    "|",
    "*",
    "?",
    "~",
    "#",
    "%",
    "%s",
    "%n",
    "{}",
    "{0}",
    "\\",
    ":",
    "::error::",
    "::warning file=x::",
    "\x1b[31m",
    "\x1b]8;;http://x\x07",
    "\x7f",
    "\x01",
    "é",
    "e\u0301",
    "Қазақ",
    "日本語",
    "😀",
    "\u202e",
    "\u2028",
    "\ufeff",
    os.fsdecode(b"\xff"),
    os.fsdecode(b"\xc3"),
    os.fsdecode(b"\xed\xa0\x80"),
    "x" * 60,
    "name",
]


def _fit(name: str) -> str:
    """``name`` made a creatable relative path: no empty, "." or ".."
    component, none longer than 255 bytes."""
    parts = []
    for part in name.split("/"):
        if part in ("", ".", ".."):
            part = f"d{part}"
        while len(os.fsencode(part)) > 250:
            part = part[:-1]
        parts.append(part)
    return "/".join(parts)


@st.composite
def odd_names(draw, pieces=tuple(NAME_PIECES)) -> str:
    pieces = draw(st.lists(st.sampled_from(pieces), min_size=1, max_size=8))
    if draw(st.booleans()):  # a very long name: one component at the limit, or a deep path
        pieces.append(draw(st.sampled_from(["ы" * 124, "a/" * 300 + "b", "日本/" * 40])))
    return _fit("".join(pieces) + draw(st.sampled_from(SUFFIXES)))


# contents for files under odd names: short samples, and inputs that are errors (error lines name the file)
NAMED_CONTENT = st.sampled_from(
    [SAMPLES[name] for name in sorted(SAMPLES) if not name.startswith("kazunite")]
    + [b"", b"\xff\xfe\x00", b"Ca co\xfbte\n", b'msgid "x\n']
)


# -- the tests -----------------------------------------------------------------------------------

ANY_FILE = st.one_of(
    st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=600)),
    st.tuples(st.sampled_from(SUFFIXES), encoded(UNICODE_TEXT)),
    st.tuples(st.just(".po"), encoded(po_files())),
    st.tuples(st.sampled_from([".xlf", ".xliff"]), encoded(xliff_files())),
    st.tuples(st.sampled_from([".md", ".markdown"]), encoded(markdown_files())),
    mutated_samples(),
)


@SEEDED
@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=2000))
def test_raw_bytes(suffix, data):
    check_engine({"input" + suffix: data})


@SEEDED
@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=encoded(UNICODE_TEXT))
def test_unicode_edge_cases(suffix, data):
    check_engine({"input" + suffix: data})


@SEEDED
@FUZZ
@given(data=encoded(po_files()))
def test_broken_po(data):
    check_engine({"catalog.po": data})


@SEEDED
@FUZZ
@given(suffix=st.sampled_from([".xlf", ".xliff"]), data=encoded(xliff_files()))
@example(suffix=".xlf", data=b'<?xml version="1.0" encoding="bogus"?><xliff/>')  # was a LookupError traceback
def test_broken_xliff(suffix, data):
    check_engine({"translation" + suffix: data})


@SEEDED
@FUZZ
@given(data=encoded(markdown_files()))
def test_broken_markdown(data):
    check_engine({"article.md": data})


@SEEDED
@FUZZ
@given(sample=mutated_samples())
def test_mutated_samples(sample):
    name, data = sample
    check_engine({name: data})


@SEEDED
@FUZZ
@given(files=st.lists(ANY_FILE, min_size=1, max_size=3), copy=st.booleans())
def test_cli_json_report(files, copy):
    """Several inputs in one run (cross-article rules compare them; a copy
    makes duplicates whose findings point at the other file), through the
    command line: the report validates, one error line per bad input."""
    inputs = {f"f{i}{suffix}": data for i, (suffix, data) in enumerate(files)}
    if copy:
        inputs["copy" + files[0][0]] = files[0][1]
    check_cli(inputs)


@SEEDED
@FUZZ
@given(name=odd_names(), content=NAMED_CONTENT)
@example(name="missing[/].txt", content=b"")  # was a rich MarkupError traceback
@example(name=os.fsdecode(b"h\xff.md"), content=b"Hello\n\nTODO: fix\n")  # was an internal error, then a traceback
@example(name="\n.md", content=b"")  # was an error over two lines
@example(name="a\x1b[2Kb\u202e.md", content=b"")  # an escape sequence and a bidi override reached the terminal
def test_odd_file_names(name, content):
    """A file under an odd name: checked as any other, named as given."""
    files = {name: content}
    check_engine(files)
    report = check_cli(files)
    paths = {a["path"] for a in report["articles"]} | {e["path"] for e in report["errors"]}
    if not any("\udc80" <= c <= "\udcff" for c in name):  # names that are not UTF-8 may be shown escaped
        assert paths <= {name}, paths


@SEEDED
@FUZZ
@given(
    names=st.lists(odd_names(), min_size=1, max_size=3, unique_by=lambda n: n.split("/")[0]),
    contents=st.lists(NAMED_CONTENT, min_size=3, max_size=3),
)
def test_odd_file_names_in_a_folder(names, contents):
    """Odd names found by walking a folder, not named on the command line."""
    files = {f"in/{name}": content for name, content in zip(names, contents)}
    report = check_cli(files, ["in"])
    assert report["summary"]["files"] <= len(files)
