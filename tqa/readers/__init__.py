"""Readers turn each input format into the one model (see ``tqa.model``).

A reader is a module with ``read(path, source) -> list[Segment]``: it finds
the segments of the file with their exact offsets; it may also offer
``language(source)``, the language the file declares (Markdown front
matter). Grouping segments into articles is shared (``tqa.splitting``),
unless a reader builds the whole document itself with
``read_document(path, source)`` (catalogs do: one catalog, one article, one
segment per translation). ``suppressions(segments)``, where a format has
comments, finds the ``tqa: ignore`` ones. ``ESCAPED``, where a format
escapes characters inside its strings, names them (``tqa fix`` leaves
edits that would touch them to the translator).
"""

from __future__ import annotations

from pathlib import PurePath
from types import ModuleType

from ..model import Document, SourceText
from . import markdown, po, text, xliff
from .base import InputError, load_text
from .splitting import SplitSettings, split

READERS: dict[str, ModuleType] = {
    ".txt": text,
    ".text": text,
    ".md": markdown,
    ".markdown": markdown,
    ".po": po,
    ".pot": po,
    ".xlf": xliff,
    ".xliff": xliff,
}


def reader_for(path: str) -> ModuleType:
    return READERS.get(PurePath(path).suffix.lower(), text)


def is_supported(path: str) -> bool:
    return PurePath(path).suffix.lower() in READERS


def read_document(path: str, split_settings: SplitSettings = SplitSettings()) -> Document:
    """Load ``path`` and build its document; raises InputError."""
    return document_from_text(path, load_text(path), split_settings)


def document_from_text(path: str, content: str, split_settings: SplitSettings = SplitSettings()) -> Document:
    """Build the document of ``content`` as if read from ``path`` (whose
    suffix picks the reader)."""
    if not content.strip():
        raise InputError(path, "empty file, nothing to check")
    source = SourceText(content)
    reader = reader_for(path)
    if hasattr(reader, "read_document"):  # catalogs build their own articles
        return reader.read_document(path, source)
    segments = reader.read(path, source)
    articles = split(segments, split_settings)
    declared = reader.language(source) if hasattr(reader, "language") else None
    for article in articles:
        article.slug = f"{path}#{article.index + 1}"
        article.lang = declared
    silenced = reader.suppressions(segments) if hasattr(reader, "suppressions") else []
    return Document(path=path, source=source, articles=articles, format=reader.__name__.rsplit(".", 1)[-1],
                    suppressions=silenced)


__all__ = ["InputError", "read_document", "document_from_text", "is_supported", "READERS"]
