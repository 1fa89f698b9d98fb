"""Word documents, Excel workbooks and CSV files.

- DOCX: paragraphs in order, headings and list items on lines of their own, tables
  rendered as rows (see `ingest.tables.TextBuilder`) and kept as `Table`s.
- XLSX (read-only, cached values): each sheet a `Table`; rows above the header (a
  title, a council's name) become lines of text before it.
- CSV: the dialect sniffed, the encoding detected like any text file's.

A truncated or corrupt Office file is a `CorruptDocumentError` that names the file.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from ingest.document import Metadata, ParsedDocument
from ingest.tables import TextBuilder, cell_text
from ingest.textfile import decode_text
from schema.errors import CorruptDocumentError, EmptyDocumentError


def _check_zip(data: bytes, source: str, what: str) -> None:
    """Refuse bytes that are not a whole ZIP container, with a message that says so."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            bad = z.testzip()
    except zipfile.BadZipFile as exc:
        raise CorruptDocumentError(
            source, f"truncated or corrupt {what} (not a readable ZIP container: {exc})"
        ) from exc
    if bad is not None:
        raise CorruptDocumentError(source, f"truncated or corrupt {what} (damaged part {bad})")


def _finish(
    builder: TextBuilder, *, source: str, sha256: str, metadata: Metadata, fmt: str, title: str | None
) -> ParsedDocument:
    text = builder.text.rstrip("\n")
    if not text.strip():
        raise EmptyDocumentError(source, f"the {fmt.upper()} file has no text")
    return ParsedDocument(
        source=source,
        sha256=sha256,
        format=fmt,
        text=text,
        title=metadata.title or title,
        tables=tuple(builder.tables),
        metadata=metadata,
    )


# ---------------------------------------------------------------------------- DOCX


def _docx_blocks(document: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body, in document order."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            yield DocxTable(child, document)


def _docx_rows(table: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.rows:
        values: list[str] = []
        previous = None
        for cell in row.cells:
            # A merged cell comes back once per grid column it spans: keep it once.
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            values.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        rows.append(values)
    return rows


def parse_docx(data: bytes, *, source: str, sha256: str, metadata: Metadata) -> ParsedDocument:
    """Parse a Word document: paragraphs, headings, list items and tables, in order.

    Args:
        data: the file's bytes.
        source: the path or URL, for messages and provenance.
        sha256: the hex digest of `data`.
        metadata: what the document does not say about itself.
    """
    _check_zip(data, source, "Word document")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        # python-docx raises from its package, ZIP and XML layers alike; each means the same here.
        raise CorruptDocumentError(
            source, f"truncated or corrupt Word document ({type(exc).__name__}: {exc})"
        ) from exc
    builder = TextBuilder()
    title = (document.core_properties.title or "").strip() or None
    first_line: str | None = None
    numbers: dict[str, int] = {}
    table_count = 0
    for block in _docx_blocks(document):
        if hasattr(block, "rows"):
            table_count += 1
            builder.table(f"table {table_count}", _docx_rows(block))
            continue
        text = block.text.strip()
        if not text:
            continue
        style = (block.style.name if block.style is not None else "") or ""
        numbered = block._p.pPr is not None and block._p.pPr.numPr is not None
        if style.startswith(("Heading", "Title")):
            builder.blank()
            builder.line(text)
            builder.blank()
            if title is None and style.startswith(("Title", "Heading 1")):
                title = text
        elif "List Number" in style:
            numbers[style] = numbers.get(style, 0) + 1
            builder.line(f"{numbers[style]}. {text}")
        elif "List" in style or numbered:
            builder.line(f"- {text}")
        else:
            numbers.clear()
            builder.blank()
            builder.line(text)
        first_line = first_line or text
    return _finish(
        builder, source=source, sha256=sha256, metadata=metadata, fmt="docx", title=title or first_line
    )


# ---------------------------------------------------------------------------- XLSX


def parse_xlsx(data: bytes, *, source: str, sha256: str, metadata: Metadata) -> ParsedDocument:
    """Parse a workbook: each sheet's rows rendered under a "Sheet: name" line, each sheet a Table.

    Args:
        data: the file's bytes.
        source: the path or URL, for messages and provenance.
        sha256: the hex digest of `data`.
        metadata: what the document does not say about itself.
    """
    _check_zip(data, source, "Excel workbook")
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        # openpyxl raises from its ZIP, XML and styles layers alike; each means the same here.
        raise CorruptDocumentError(
            source, f"truncated or corrupt Excel workbook ({type(exc).__name__}: {exc})"
        ) from exc
    builder = TextBuilder()
    title = (workbook.properties.title or "").strip() or None
    try:
        for sheet in workbook.worksheets:
            rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            # Trailing empty columns and rows are formatting, not data.
            while rows and not any(rows[-1]):
                rows.pop()
            if not rows:
                continue
            builder.blank()
            builder.line(f"Sheet: {sheet.title}")
            table = builder.table(str(sheet.title), rows)
            if title is None and table is not None:
                pre = next((r for r in rows if any(r)), [])
                filled = [v for v in pre if v]
                if len(filled) == 1:
                    title = filled[0]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptDocumentError(source, f"truncated or corrupt Excel workbook ({exc})") from exc
    finally:
        workbook.close()
    return _finish(builder, source=source, sha256=sha256, metadata=metadata, fmt="xlsx", title=title)


# ---------------------------------------------------------------------------- CSV


def parse_csv(data: bytes, *, source: str, sha256: str, metadata: Metadata) -> ParsedDocument:
    """Parse a CSV (or TSV) file: encoding detected, dialect sniffed, rendered as one Table.

    Args:
        data: the file's bytes.
        source: the path or URL, for messages and provenance.
        sha256: the hex digest of `data`.
        metadata: what the document does not say about itself.
    """
    text, warnings = decode_text(data, source)
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise CorruptDocumentError(source, f"cannot be read as CSV: {exc}") from exc
    widths = {len(r) for r in rows if any(v.strip() for v in r)}
    if len(widths) > 2:
        warnings.append(f"rows have {len(widths)} different numbers of cells")
    builder = TextBuilder()
    name = re.sub(r"^.*[\\/]", "", source) or "table"
    builder.table(name, rows)
    doc = _finish(builder, source=source, sha256=sha256, metadata=metadata, fmt="csv", title=None)
    return ParsedDocument(
        source=doc.source,
        sha256=doc.sha256,
        format=doc.format,
        text=doc.text,
        title=doc.title,
        tables=doc.tables,
        metadata=doc.metadata,
        warnings=tuple(warnings),
    )
