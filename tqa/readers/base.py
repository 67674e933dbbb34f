"""Loading bytes from disk into text, with the one-line errors users see."""

from __future__ import annotations

import codecs
import errno
import os
import stat

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
            f"not UTF-8: byte 0x{data[exc.start]:02x} at byte {exc.start} cannot be decoded (save the file as UTF-8)",
            line,
        ) from None


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file or a folder is ("a FIFO"...),
    or None for regular files and folders."""
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "not a regular file"


def read_regular(path: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``, refusing anything else before
    reading a byte: a FIFO or device is opened non-blocking (a FIFO with no
    writer would otherwise block the open forever) and refused on its fstat,
    and the size limit is checked on the same fstat, so the file checked is
    the file read. Symlinks are followed: the caller decides which may be
    (``tqa.engine.discover`` keeps them inside the checked folders).
    Raises OSError; IsADirectoryError for folders, ValueError (with the
    one-line reason) for special or oversized files."""
    # refused before the open where possible: opening some devices acts
    # (a watchdog arms, a tape rewinds); the fstat below covers a swap
    kind = special_kind(os.stat(path).st_mode)
    if kind is not None:
        raise ValueError(f"not a regular file ({kind}); not read")
    fd = os.open(
        path,
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOCTTY", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_BINARY", 0),
    )
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", path)
        kind = special_kind(info.st_mode)
        if kind is not None:
            raise ValueError(f"not a regular file ({kind}); not read")
        if info.st_size > limit:
            raise ValueError(
                f"file too large ({info.st_size // (1024 * 1024)} MiB; limit is {limit // (1024 * 1024)} MiB)"
            )
        # one read of the whole file as fstat saw it (then one at its end);
        # limit + 1 bytes at most: a file that grew after the fstat is refused
        chunks, left, want = [], limit + 1, info.st_size + 1
        while left > 0:
            chunk = os.read(fd, min(left, max(want, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise ValueError(f"file too large (grew past the limit of {limit // (1024 * 1024)} MiB while read)")
        return data
    finally:
        os.close(fd)


def read_head(path: str, size: int = 8192) -> bytes:
    """The first ``size`` bytes of the regular file ``path`` (b"" for
    anything else, or when it cannot be read): enough to tell a format by
    its content. Opened as ``read_regular`` opens, so a FIFO never blocks."""
    try:
        if special_kind(os.stat(path).st_mode) is not None:
            return b""
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def load_text(path: str) -> str:
    """Read and decode a file, turning every OS failure into an InputError."""
    return decode(path, load_bytes(path))


def load_bytes(path: str) -> bytes:
    """Read a regular file's bytes (size-limited, never a FIFO or device),
    turning every OS failure into an InputError."""
    try:
        data = read_regular(path)
    except ValueError as exc:
        raise InputError(path, str(exc)) from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "symlink loop (too many levels of symbolic links); not read") from None
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return data


def language_code(value: str | None) -> str | None:
    """The language of a locale name: "pt_BR", "en-GB", "sr@latin" -> "pt", "en", "sr"."""
    return (value or "").replace("-", "_").split("@")[0].split("_")[0].strip().lower() or None
