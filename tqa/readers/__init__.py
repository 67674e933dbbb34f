"""Readers turn each input format into the one model (see ``tqa.model``).

Each format is one object that implements the ``Reader`` protocol
(``tqa.readers.interface``): its ``format`` name (which its documents
carry), the ``suffixes`` it reads, what it escapes inside its strings (``escaped``),
and ``read(path, source, split_settings) -> Document``. Plain text and
Markdown give segments that the listing-page splitter
(``tqa.readers.splitting``) groups into articles; catalogs (PO, XLIFF)
build their one article themselves. ``FORMATS`` registers them; a suffix
no reader claims is read as plain text. WordPress exports are told by
their content (``.xml`` is every XML format's suffix): ``reader_of``.
"""

from __future__ import annotations

from pathlib import PurePath

from ..model import Document, SourceText
from . import html, markdown, po, text, word, wxr, xliff
from .base import InputError, decode, load_bytes, read_head
from .interface import BytesReader, CatalogReader, Reader, SegmentReader
from .splitting import SplitSettings

FORMATS: tuple[Reader, ...] = (
    text.READER,
    markdown.READER,
    po.READER,
    xliff.READER,
    html.READER,
    wxr.READER,
    word.READER,
)

# suffix (lowercase, with its dot) -> the reader of its files
READERS: dict[str, Reader] = {suffix: reader for reader in FORMATS for suffix in reader.suffixes}

PLAIN: Reader = text.READER  # files of any other suffix, when named on the command line


def reader_for(path: str) -> Reader:
    return READERS.get(PurePath(path).suffix.lower(), PLAIN)


# suffixes whose files are looked into: a WordPress export is an .xml file
SNIFFED_SUFFIXES = frozenset({".xml"})


def reader_of(path: str, data: bytes) -> Reader:
    """The reader of ``path`` whose content is ``data`` (or starts with
    it): a WordPress export among .xml files, a Word document under any
    name (a .doc, an encrypted .docx, a renamed one)."""
    reader = reader_for(path)
    if PurePath(path).suffix.lower() in SNIFFED_SUFFIXES and wxr.sniff(data[:8192]):
        return wxr.READER
    if not isinstance(reader, BytesReader) and word.is_word_package(data):
        return word.READER
    return reader


def is_supported(path: str) -> bool:
    return PurePath(path).suffix.lower() in READERS


def recognised(path: str) -> bool:
    """Is ``path``, of a suffix no reader claims, a format told by content
    (a folder walk checks it)? Reads its first bytes (never blocks)."""
    return PurePath(path).suffix.lower() in SNIFFED_SUFFIXES and wxr.sniff(read_head(path))


def read_document(path: str, split_settings: SplitSettings = SplitSettings()) -> Document:
    """Load ``path`` and build its document; raises InputError."""
    data = load_bytes(path)
    reader = reader_of(path, data)  # content says what a file is where its name cannot
    if isinstance(reader, BytesReader):  # the format decodes its own bytes
        if not data.strip():
            raise InputError(path, "empty file, nothing to check")
        return reader.read_bytes(path, data, split_settings)
    return document_from_text(path, decode(path, data), split_settings)


def source_text(path: str) -> SourceText:
    """The text of ``path`` that findings' lines and columns count in: the
    decoded file (a web page in its declared encoding), or a Word
    document's visible paragraphs (reports read back from a saved run show
    it). Raises InputError."""
    data = load_bytes(path)
    reader = reader_of(path, data)
    if isinstance(reader, BytesReader):
        return reader.read_bytes(path, data, SplitSettings()).source
    return SourceText(decode(path, data))


def document_from_text(path: str, content: str, split_settings: SplitSettings = SplitSettings()) -> Document:
    """Build the document of ``content`` as if read from ``path`` (whose
    suffix picks the reader)."""
    if not content.strip():
        raise InputError(path, "empty file, nothing to check")
    return reader_for(path).read(path, SourceText(content), split_settings)


__all__ = [
    "InputError",
    "read_document",
    "source_text",
    "document_from_text",
    "is_supported",
    "recognised",
    "reader_of",
    "reader_for",
    "Reader",
    "BytesReader",
    "SegmentReader",
    "CatalogReader",
    "FORMATS",
    "READERS",
    "PLAIN",
]
