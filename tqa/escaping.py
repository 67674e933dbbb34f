"""How text from the checked tree is written out: file names, article text
and messages are hostile (tqa runs on pull requests from strangers), so
every output goes through these few functions.

- ``display_path``: the name of a file as every report shows it. A byte
  that is not UTF-8 (Python holds it as a lone surrogate, ``\\udce9``) is
  shown as ``\\xe9``, the way ``git`` and ``ls -b`` quote it; everything
  else is left as it is, so a normal name reads, and fingerprints, the
  same as ever. The same form in every format: baselines, JSON, SARIF and
  annotations agree on a name. (A name that literally holds a backslash,
  ``x`` and two hex digits 80–ff reads the same as one with that byte;
  where it matters, reading a saved report back, the disk decides.)
- ``terminal``: text that goes to a terminal or a line-oriented log:
  control characters (C0, DEL, C1: ESC of colour and clear-screen
  sequences, OSC 52 clipboard writes, BEL, backspace), the bidi controls
  that reorder what is shown (U+202A–U+202E, U+2066–U+2069) and, unless
  kept, line breaks are shown visibly (``\\x1b``, ``<U+202E>``, ``\\n``),
  so a file can neither restyle the terminal nor start a line of its own
  (a GitHub workflow command, say).
- ``github_data`` / ``github_property``: the workflow-command escapes of
  GitHub's toolkit (``@actions/core`` ``command.ts``: ``escapeData`` and
  ``escapeProperty``).
- ``markdown_text`` / ``markdown_code``: plain text and code spans in
  Markdown that cannot become links, HTML or emphasis.
- ``json_scrub``: JSON written with ``ensure_ascii=False`` stays valid
  UTF-8 whatever string reached it.
"""

from __future__ import annotations

import os
import re

# a lone surrogate: an undecodable byte of a file name (surrogateescape,
# U+DC80–U+DCFF) or, from elsewhere, any other unpaired half
_SURROGATE = re.compile("[\ud800-\udfff]")

# bidi embedding, override and isolate controls (Trojan Source)
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_UNSAFE_KEEP_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "\ud800-\udfff]")
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "\ud800-\udfff]")

_NAMED = {"\n": "\\n", "\r": "\\r"}


def _surrogate(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # the byte surrogateescape stood in for
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def _shown(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return _surrogate(char)
    if char in _NAMED:
        return _NAMED[char]
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def display_path(path: str) -> str:
    """``path`` as reports show it: undecodable bytes as ``\\xNN``."""
    if _SURROGATE.search(path) is None:
        return path
    return _SURROGATE.sub(lambda m: _surrogate(m.group()), path)


_SHOWN_BYTE = re.compile(r"\\x([89a-f][0-9a-f])")


def file_of_display_path(path: str) -> str:
    """The file a saved report or baseline names by ``display_path``: when
    no file has the name as written, the one with those bytes is meant, if
    it is there."""
    if _SHOWN_BYTE.search(path) is None or os.path.lexists(path):
        return path
    raw = _SHOWN_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), path)
    return raw if os.path.lexists(raw) else path


def terminal(text: str, keep_newlines: bool = False) -> str:
    """``text`` safe for a terminal or a log read line by line (see the
    module's docstring). Tabs stay; line breaks stay only with
    ``keep_newlines`` (for outputs that escape them their own way)."""
    pattern = _UNSAFE_KEEP_LINES if keep_newlines else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_shown, text)


def json_scrub(encoded: str) -> str:
    """JSON text made by ``json.dumps(..., ensure_ascii=False)``: a lone
    surrogate in it (a file name's undecodable byte) would make the file
    invalid UTF-8. Each becomes the string ``\\xNN`` (as ``display_path``
    shows it), written as JSON: ``\\\\xNN``."""
    if _SURROGATE.search(encoded) is None:
        return encoded
    return _SURROGATE.sub(lambda m: "\\" + _surrogate(m.group()), encoded)


def github_data(text: str) -> str:
    """The message of a workflow command (toolkit ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value of a workflow command (toolkit ``escapeProperty``)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&])")


def markdown_text(text: str) -> str:
    """Plain text in Markdown (one line): no HTML, character references,
    links, images, emphasis or table cells from what an article or a file
    name says (every ASCII punctuation mark may be backslash-escaped in
    CommonMark and GFM). A line break becomes a space."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", terminal(text.replace("\n", " ")))


def markdown_code(text: str) -> str:
    """Text for inside a code span (one backtick each side): nothing in it
    is markup, but a backtick would end it and a line break could end the
    list item (it becomes a space)."""
    return terminal(text.replace("\n", " ")).replace("`", "ˋ")
