"""The ingest chain: parse -> extract -> resolve -> validate -> load.

Every step but `load` is a pure function from one value to the next; the value handed to
`load` is a `GraphDoc`, which `ofsted-kg extract --json` prints instead of loading.

    >>> from pathlib import Path
    >>> result = extract_paths([Path("ingest/samples/documents")], workers=1)   # doctest: +SKIP
    >>> result.graph.counts()["Council"]                               # doctest: +SKIP

Documents are parsed and extracted in a process pool (PDF text extraction is the
costly part); a document that fails is reported with its reason and the others go on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ingest.document import Extractor, Metadata, ParsedDocument
from ingest.parse import DEFAULT_MAX_BYTES, iter_document_paths, parse_bytes, parse_file
from ingest.resolve import KnownInspection, KnownText, resolve
from schema.errors import DocumentError
from schema.graphdoc import GraphDoc, Node
from schema.validation import Rejection, validate
from schema.vocabulary import Label


@dataclass
class DocumentResult:
    """What became of one document: its graph, or the reason it failed, and any warnings."""

    source: str
    graph: GraphDoc | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    extractor: str | None = None
    seconds: float = 0.0


@dataclass
class ExtractResult:
    """The resolved, validated graph of a set of documents, and the report on them."""

    graph: GraphDoc
    documents: list[DocumentResult]
    rejections: list[Rejection]
    seconds: float

    @property
    def failed(self) -> list[DocumentResult]:
        """Documents that could not be read."""
        return [d for d in self.documents if d.error]


def _extractors() -> list[Extractor]:
    from ingest.council_docs import CouncilDocumentExtractor
    from ingest.ofsted_report import OfstedReportExtractor

    return [OfstedReportExtractor(), CouncilDocumentExtractor()]


def document_node(doc: ParsedDocument, kind: str | None) -> Node:
    """The Document node of a parsed document."""
    return Node(
        doc.uid,
        (Label.DOCUMENT,),
        {
            "source": doc.metadata.url or doc.source,
            "path": doc.source if doc.metadata.url else None,
            "sha256": doc.sha256,
            "title": doc.metadata.title or doc.title,
            "kind": doc.metadata.kind or kind,
            "date": doc.metadata.date,
            "format": doc.format,
            "chars": len(doc.text),
        },
    )


_KIND_BY_EXTRACTOR = {"ofsted_report": "ofsted_report", "tables": "data"}


def join_plans(prose: GraphDoc, tables: GraphDoc) -> None:
    """Give the plans a spreadsheet's cover cells name the uid of the one plan its rows set out."""
    from ingest.resolve import rename_node

    table_plans = [n.uid for n in tables.with_label(Label.ACTION_PLAN)]
    if len(table_plans) != 1:
        return
    for uid in [n.uid for n in prose.with_label(Label.ACTION_PLAN)]:
        rename_node(prose, uid, table_plans[0])


def extract_document(doc: ParsedDocument) -> DocumentResult:
    """Run the best-fitting extractor (and the table mapper for tabular documents) on a document."""
    started = time.perf_counter()
    result = DocumentResult(doc.source, warnings=list(doc.warnings))
    g = GraphDoc()
    if doc.tables:
        from ingest.tables import extract_tables

        table_graph, table_warnings = extract_tables(doc)
        g.merge(table_graph)
        result.warnings.extend(table_warnings)
        result.extractor = "tables"
    scored = sorted(
        ((e.accepts(doc), i, e) for i, e in enumerate(_extractors())), key=lambda t: (-t[0], t[1])
    )
    best = scored[0][2]
    prose = best.extract(doc)
    if doc.format in ("csv", "xlsx"):
        # A spreadsheet's prose is its title and cover cells (who monitors the plan, whom it reports
        # to); the plan they speak of is the one its rows set out.
        join_plans(prose, g)
    else:
        result.extractor = best.name
    g.merge(prose)
    extracted_doc = g.nodes.get(doc.uid)
    kind = extracted_doc.properties.get("kind") if extracted_doc else None
    g.add_node(
        document_node(doc, str(kind) if kind else _KIND_BY_EXTRACTOR.get(result.extractor or "", "other"))
    )
    if not any(g.with_label(Label.COUNCIL)):
        result.warnings.append("names no council: its facts are kept, linked to the document")
    result.graph = g
    result.seconds = time.perf_counter() - started
    return result


def process_path(
    path: Path, metadata: Metadata | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> DocumentResult:
    """Parse and extract one file; failures become the result's error, never an exception."""
    started = time.perf_counter()
    try:
        doc = parse_file(path, metadata, max_bytes=max_bytes)
        result = extract_document(doc)
    except DocumentError as exc:
        result = DocumentResult(str(path), error=exc.problem)
    except RecursionError as exc:
        result = DocumentResult(str(path), error=f"too deeply nested to read ({exc})")
    result.seconds = time.perf_counter() - started
    return result


def process_bytes(data: bytes, source: str, metadata: Metadata | None = None) -> DocumentResult:
    """Parse and extract one document held in memory (standard input)."""
    try:
        return extract_document(parse_bytes(data, source, metadata))
    except DocumentError as exc:
        return DocumentResult(source, error=exc.problem)


def extract_results(
    results: Iterable[DocumentResult],
    *,
    known_inspections: Iterable[KnownInspection] = (),
    known_texts: Iterable[KnownText] = (),
) -> ExtractResult:
    """Resolve and validate the graphs of documents already extracted."""
    started = time.perf_counter()
    documents = list(results)
    graph = resolve(
        [d.graph for d in documents if d.graph is not None],
        known_inspections=known_inspections,
        known_texts=known_texts,
    )
    graph, rejections = validate(graph)
    return ExtractResult(graph, documents, rejections, time.perf_counter() - started)


def run_documents(
    paths: list[Path],
    metadata: Metadata | None = None,
    *,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_document: Callable[[DocumentResult], None] | None = None,
) -> list[DocumentResult]:
    """Parse and extract every document under `paths`, in a process pool when there are several."""
    files = list(iter_document_paths(paths))
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    results: list[DocumentResult] = []
    if workers <= 1 or len(files) <= 2:
        for f in files:
            result = process_path(f, metadata, max_bytes)
            results.append(result)
            if on_document:
                on_document(result)
        return results
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Large documents first, so one big PDF does not finish last alone.
        ordered = sorted(files, key=lambda f: -f.stat().st_size if f.exists() else 0)
        futures = [pool.submit(process_path, f, metadata, max_bytes) for f in ordered]
        for future in futures:
            result = future.result()
            results.append(result)
            if on_document:
                on_document(result)
    results.sort(key=lambda r: r.source)
    return results


def extract_paths(
    paths: list[Path],
    metadata: Metadata | None = None,
    *,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_document: Callable[[DocumentResult], None] | None = None,
    known_inspections: Iterable[KnownInspection] = (),
    known_texts: Iterable[KnownText] = (),
) -> ExtractResult:
    """The whole chain but `load`: files and folders to one resolved, validated graph."""
    started = time.perf_counter()
    results = run_documents(paths, metadata, workers=workers, max_bytes=max_bytes, on_document=on_document)
    out = extract_results(results, known_inspections=known_inspections, known_texts=known_texts)
    out.seconds = time.perf_counter() - started
    return out
