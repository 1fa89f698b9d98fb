"""The parse step: bytes of a file (or standard input) to a `ParsedDocument`.

The format is told by the content first (a PDF's `%PDF`, a ZIP's Word or Excel parts,
HTML markup) and by the file name second, so a mis-named file is still read right.
Metadata a document does not state comes from a `<file>.meta.yaml` beside it, or from
the command line. Each failure is a `DocumentError` that names the document.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from ingest.document import Metadata, ParsedDocument
from schema.errors import CorruptDocumentError, DocumentError, EmptyDocumentError, UnsupportedDocumentError

# Files larger than this are refused rather than read into memory whole.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

_SUFFIXES = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
# Files that are never documents: metadata sidecars, hidden files, editor leftovers.
_IGNORED_SUFFIXES = (".meta.yaml", ".meta.yml")

Parser = Callable[..., ParsedDocument]


def _typed(parser: Parser) -> Parser:
    return parser


def _parser_for(fmt: str) -> Parser:
    # Imported lazily: a run over text files never loads the PDF or Office libraries.
    if fmt == "pdf":
        from ingest.pdf import parse_pdf

        return _typed(parse_pdf)
    if fmt == "html":
        from ingest.html import parse_html

        return _typed(parse_html)
    if fmt in ("text", "markdown"):
        from ingest.textfile import parse_text

        return _typed(parse_text)
    if fmt == "docx":
        from ingest.office import parse_docx

        return _typed(parse_docx)
    if fmt == "xlsx":
        from ingest.office import parse_xlsx

        return _typed(parse_xlsx)
    if fmt == "csv":
        from ingest.office import parse_csv

        return _typed(parse_csv)
    raise ValueError(fmt)


def sniff_format(data: bytes, name: str) -> str:
    """The document format, from the content where it tells and the name otherwise."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            suffix_fmt = _SUFFIXES.get(Path(name).suffix.lower())
            return suffix_fmt if suffix_fmt in ("docx", "xlsx") else "zip"
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    suffix_fmt = _SUFFIXES.get(Path(name).suffix.lower())
    if suffix_fmt:
        return suffix_fmt
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    return "text"


def read_metadata_file(path: Path) -> Metadata:
    """Metadata from `<path>.meta.yaml` (or `.meta.yml`) beside the document, if there is one."""
    for suffix in (".meta.yaml", ".meta.yml"):
        side = path.with_name(path.name + suffix)
        if side.is_file():
            try:
                raw = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
            except (yaml.YAMLError, UnicodeDecodeError) as exc:
                raise DocumentError(str(side), f"the metadata file cannot be read: {exc}") from exc
            if not isinstance(raw, dict):
                raise DocumentError(str(side), "the metadata file must be a mapping of keys to values")
            return metadata_from_mapping(raw)
    return Metadata()


def metadata_from_mapping(raw: dict[str, Any]) -> Metadata:
    """Metadata from a mapping; unknown keys are ignored, dates kept as ISO text."""

    def text(key: str) -> str | None:
        value = raw.get(key)
        return None if value is None else str(value)

    return Metadata(
        council=text("council"),
        body=text("body") or text("meeting_body") or text("meeting"),
        date=text("date"),
        url=text("url") or text("source_url") or text("source"),
        kind=text("kind"),
        title=text("title"),
    )


def merge_metadata(file_meta: Metadata, override: Metadata) -> Metadata:
    """Command-line metadata wins over the sidecar's, key by key."""
    return Metadata(
        council=override.council or file_meta.council,
        body=override.body or file_meta.body,
        date=override.date or file_meta.date,
        url=override.url or file_meta.url,
        kind=override.kind or file_meta.kind,
        title=override.title or file_meta.title,
    )


def parse_bytes(
    data: bytes, source: str, metadata: Metadata | None = None, *, name: str | None = None
) -> ParsedDocument:
    """Parse one document held in memory.

    Args:
        data: the file's bytes.
        source: where it came from (a path, a URL or `<stdin>`), used in messages and provenance.
        metadata: what the document does not state about itself.
        name: the file name to tell the format by, when `source` is not one.
    """
    if not data or not data.strip():
        raise EmptyDocumentError(source, "the file is empty")
    fmt = sniff_format(data, name or source)
    if fmt == "zip":
        raise UnsupportedDocumentError(source, "a ZIP archive that is neither a Word document nor a workbook")
    sha = hashlib.sha256(data).hexdigest()
    try:
        return _parser_for(fmt)(data, source=source, sha256=sha, metadata=metadata or Metadata())
    except DocumentError:
        raise
    except (ValueError, KeyError, IndexError, OSError, zipfile.BadZipFile, UnicodeError) as exc:
        raise CorruptDocumentError(source, f"cannot be read as {fmt}: {exc}") from exc


def parse_file(
    path: Path, metadata: Metadata | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ParsedDocument:
    """Parse one file, with the metadata beside it merged under `metadata`."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(source, f"cannot be opened: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise DocumentError(
            source,
            f"is {size / 1e6:.0f} MB, more than the limit of {max_bytes / 1e6:.0f} MB "
            "(raise it with --max-size if the file really is one document)",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(source, f"cannot be read: {exc.strerror or exc}") from exc
    meta = merge_metadata(read_metadata_file(path), metadata or Metadata())
    return parse_bytes(data, source, meta)


def iter_document_paths(paths: list[Path]) -> Iterator[Path]:
    """Files under the given files and folders (recursively), sorted, skipping sidecars and hidden files."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.startswith(".") or f.endswith(_IGNORED_SUFFIXES):
                        continue
                    yield Path(root) / f
        else:
            yield path
