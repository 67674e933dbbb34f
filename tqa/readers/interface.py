"""What a reader is: the ``Reader`` protocol, and the two kinds of reader
the formats are made of.

A reader turns the text of one file of its format into the one model
(``tqa.model.Document``). It names its format (``Document.format`` is
that name: rules that apply to one format ask it), the file suffixes it
reads, and what the format escapes inside its strings (``tqa fix`` leaves
an edit that would touch one of those characters to the translator).

Most formats give the segments of a file with their exact offsets, and the
shared listing-page splitter (``tqa.readers.splitting``) groups them into
articles: a ``SegmentReader``. Catalogs build their articles themselves
(one catalog, one article, one segment per translation): a
``CatalogReader``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, runtime_checkable

from ..model import Article, Document, Segment, SourceText, Suppression
from .splitting import SplitSettings, split


@runtime_checkable
class Reader(Protocol):
    """One input format. (Its attributes are read-only: a reader is a
    constant of its module.)"""

    @property
    def format(self) -> str:
        """The name documents of this format carry: "text", "markdown", "po", "xliff"."""
        ...

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The file suffixes it reads, lowercase with their dot."""
        ...

    @property
    def escaped(self) -> str:
        """The characters the format escapes in its strings ("" when none)."""
        ...

    def read(self, path: str, source: SourceText, split_settings: SplitSettings) -> Document:
        """The document of ``source``, the text of the file ``path``;
        raises ``InputError`` when the text is not of this format."""
        ...


@runtime_checkable
class BytesReader(Reader, Protocol):
    """A format whose files are read from their bytes, not from text that
    tqa decoded: a binary format (a Word document), or one that says its
    own encoding inside (an HTML page's ``<meta charset>``). The bytes come
    through ``tqa.readers.base.load_bytes`` (size limit, regular files
    only); ``read`` still takes text (``tqa.engine.check_text``, tests)."""

    def read_bytes(self, path: str, data: bytes, split_settings: SplitSettings) -> Document:
        """The document of the file ``path`` whose bytes are ``data``;
        raises ``InputError`` when they are not of this format."""
        ...


def _no_language(source: SourceText) -> str | None:
    return None


def _no_suppressions(segments: list[Segment]) -> list[Suppression]:
    return []


@dataclass(frozen=True)
class SegmentReader:
    """A format read as segments, which the listing-page splitter cuts into
    articles. ``segments(path, source)`` finds them with their offsets;
    ``language(source)`` is the language the file declares (Markdown front
    matter), if any; ``suppressions(segments)`` the ``tqa: ignore``
    comments, where the format has comments."""

    format: str
    suffixes: tuple[str, ...]
    segments: Callable[[str, SourceText], list[Segment]]
    language: Callable[[SourceText], str | None] = _no_language
    suppressions: Callable[[list[Segment]], list[Suppression]] = _no_suppressions
    escaped: str = ""

    def read(self, path: str, source: SourceText, split_settings: SplitSettings) -> Document:
        segments = self.segments(path, source)
        articles = split(segments, split_settings)
        declared = self.language(source)
        for article in articles:
            article.slug = f"{path}#{article.index + 1}"
            article.lang = declared
        return Document(
            path=path, source=source, articles=articles, format=self.format, suppressions=self.suppressions(segments)
        )


@dataclass(frozen=True)
class CatalogReader:
    """A format that builds its articles itself: ``articles(path, source)``
    gives them with the file's ``tqa: ignore`` suppressions. The splitter's
    settings do not apply."""

    format: str
    suffixes: tuple[str, ...]
    articles: Callable[[str, SourceText], tuple[list[Article], list[Suppression]]]
    escaped: str = ""

    def read(self, path: str, source: SourceText, split_settings: SplitSettings) -> Document:
        articles, suppressions = self.articles(path, source)
        return Document(path=path, source=source, articles=articles, format=self.format, suppressions=suppressions)
