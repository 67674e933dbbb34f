"""Readers turn each input format into the one model (see ``tqa.model``).

Each format is one object that implements the ``Reader`` protocol
(``tqa.readers.interface``): its ``format`` name (which its documents
carry), the ``suffixes`` it reads, what it escapes inside its strings (``escaped``),
and ``read(path, source, split_settings) -> Document``. Plain text and
Markdown give segments that the listing-page splitter
(``tqa.readers.splitting``) groups into articles; catalogs (PO, XLIFF)
build their one article themselves. ``FORMATS`` registers them; a suffix
no reader claims is read as plain text.
"""

from __future__ import annotations

from pathlib import PurePath

from ..model import Document, SourceText
from . import html, markdown, po, text, xliff
from .base import InputError, load_bytes, load_text
from .interface import BytesReader, CatalogReader, Reader, SegmentReader
from .splitting import SplitSettings

FORMATS: tuple[Reader, ...] = (text.READER, markdown.READER, po.READER, xliff.READER, html.READER)

# suffix (lowercase, with its dot) -> the reader of its files
READERS: dict[str, Reader] = {suffix: reader for reader in FORMATS for suffix in reader.suffixes}

PLAIN: Reader = text.READER  # files of any other suffix, when named on the command line


def reader_for(path: str) -> Reader:
    return READERS.get(PurePath(path).suffix.lower(), PLAIN)


def is_supported(path: str) -> bool:
    return PurePath(path).suffix.lower() in READERS


def read_document(path: str, split_settings: SplitSettings = SplitSettings()) -> Document:
    """Load ``path`` and build its document; raises InputError."""
    reader = reader_for(path)
    if isinstance(reader, BytesReader):  # the format decodes its own bytes
        data = load_bytes(path)
        if not data.strip():
            raise InputError(path, "empty file, nothing to check")
        return reader.read_bytes(path, data, split_settings)
    return document_from_text(path, load_text(path), split_settings)


def document_from_text(path: str, content: str, split_settings: SplitSettings = SplitSettings()) -> Document:
    """Build the document of ``content`` as if read from ``path`` (whose
    suffix picks the reader)."""
    if not content.strip():
        raise InputError(path, "empty file, nothing to check")
    return reader_for(path).read(path, SourceText(content), split_settings)


__all__ = [
    "InputError",
    "read_document",
    "document_from_text",
    "is_supported",
    "reader_for",
    "Reader",
    "BytesReader",
    "SegmentReader",
    "CatalogReader",
    "FORMATS",
    "READERS",
    "PLAIN",
]
