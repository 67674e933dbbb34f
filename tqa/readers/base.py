"""Loading bytes from disk into text, with the one-line errors users see."""

from __future__ import annotations

import codecs
from pathlib import Path

# Files above this size are refused rather than read into memory whole.
MAX_FILE_BYTES = 200 * 1024 * 1024


class InputError(Exception):
    """An input that cannot be checked. The run goes on with the others."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


# (byte-order mark, codec that reads the file, codec that writes its text
# back after the mark); UTF-32 LE first: its mark starts with UTF-16 LE's
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)


def encode_like(original: bytes, text: str) -> bytes:
    """``text`` encoded as ``original`` was (its BOM and encoding kept), for
    writing a file back after a fix."""
    for bom, _, codec in _BOMS:
        if original.startswith(bom):
            return bom + text.encode(codec)
    return text.encode("utf-8")


def decode(path: str, data: bytes) -> str:
    """Decode ``data``: a BOM decides (UTF-8, UTF-16, UTF-32), else UTF-8.

    Anything else is an error that names the line of the first bad byte:
    guessing a legacy code page silently would put wrong letters in reports.
    """
    for bom, encoding, _ in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"not valid {encoding.upper()} ({exc.reason})") from None
    if b"\0" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path,
            f"not UTF-8: byte 0x{data[exc.start]:02x} at byte {exc.start} cannot be decoded "
            "(save the file as UTF-8)",
            line,
        ) from None


def load_text(path: str) -> str:
    """Read and decode a file, turning every OS failure into an InputError."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(path, f"file too large ({size // (1024 * 1024)} MiB; limit is "
                                   f"{MAX_FILE_BYTES // (1024 * 1024)} MiB)")
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return decode(path, data)


def language_code(value: str | None) -> str | None:
    """The language of a locale name: "pt_BR", "en-GB", "sr@latin" -> "pt", "en", "sr"."""
    return (value or "").replace("-", "_").split("@")[0].split("_")[0].strip().lower() or None
