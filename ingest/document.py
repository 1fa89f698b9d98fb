"""What the parse step hands to extraction: one document's text, tables and metadata.

Offsets everywhere refer to `ParsedDocument.text`: an extractor quotes
`doc.text[start:end]` as the evidence of what it read. Spreadsheets and CSV files are
rendered into `text` one row a line, and each `Cell` knows its span in it, so a quote
from a table is as exact as one from prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from schema.graphdoc import Evidence, GraphDoc, make_uid
from schema.vocabulary import Label

DOCUMENT_FORMATS = ("pdf", "html", "text", "markdown", "docx", "csv", "xlsx")


@dataclass(frozen=True)
class Metadata:
    """What a document may not state about itself, from a `.meta.yaml` beside it or the command line."""

    council: str | None = None
    body: str | None = None
    date: str | None = None
    url: str | None = None
    kind: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Cell:
    """One table cell: its text and its span in the document's text."""

    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table: the header row's cells and the data rows, as read from CSV, XLSX or DOCX."""

    name: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class ParsedDocument:
    """One parsed input document.

    `source` is the path (or URL, or `<stdin>`) and `uid` the Document node's uid.
    `pages` holds the text offset where each page starts (PDF only).
    """

    source: str
    sha256: str
    format: str
    text: str
    title: str | None = None
    tables: tuple[Table, ...] = ()
    pages: tuple[int, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    warnings: tuple[str, ...] = ()

    @property
    def uid(self) -> str:
        """The Document node's uid: the content hash, so a moved file is the same document."""
        return make_uid(Label.DOCUMENT, self.sha256[:16])

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the span `text[start:end]`, trimmed of surrounding white space."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Evidence(self.uid, self.text[start:end], start, end)


class Extractor(Protocol):
    """One extractor: decides whether it reads a document, and reads it into a graph."""

    name: str

    def accepts(self, doc: ParsedDocument) -> float:
        """How well this extractor fits the document, 0 (not at all) to 1."""
        ...

    def extract(self, doc: ParsedDocument) -> GraphDoc:
        """The document's facts as a graph; every node and relationship carries evidence."""
        ...
