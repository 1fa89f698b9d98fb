"""The `ofsted-kg` command line.

    ofsted-kg up                     start Neo4j, ingest the sample corpus, serve the API
    ofsted-kg neo4j start|status|stop
    ofsted-kg ingest PATH...         documents into the graph, with a progress bar and a summary
    ofsted-kg extract PATH... --json the graph as JSON on standard output, no database
    ofsted-kg serve                  the GraphQL API and pages

Messages and progress go to standard error, so `extract --json` can be piped. A failure
prints one clear message and exits non-zero, without a traceback.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.cli_neo4j import neo4j_app
from api.cli_serve import serve as serve_command
from api.settings import PROJECT_ROOT, get_settings
from ingest.document import Metadata
from ingest.parse import DEFAULT_MAX_BYTES, iter_document_paths
from ingest.pipeline import DocumentResult, ExtractResult, extract_results, process_bytes, run_documents
from ingest.resolve import KnownInspection, KnownText
from schema.errors import OfstedKGError

app = typer.Typer(
    name="ofsted-kg",
    help="A knowledge graph of Ofsted inspections of English councils' children's services.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
# Messages are never wrapped, so each stays one line that can be grepped.
err = Console(stderr=True, soft_wrap=True)
app.add_typer(neo4j_app, name="neo4j")
app.command(name="serve")(serve_command)

SAMPLE_CORPUS = PROJECT_ROOT / "ingest" / "samples" / "documents"

PathsArg = Annotated[
    list[str], typer.Argument(help="Files or folders (read recursively); '-' reads standard input.")
]
CouncilOpt = Annotated[str | None, typer.Option(help="The council of documents that do not say.")]
BodyOpt = Annotated[
    str | None, typer.Option(help="The meeting body (board, committee) of minutes that do not say.")
]
DateOpt = Annotated[str | None, typer.Option(help="The document's date (YYYY-MM-DD) where it does not say.")]
UrlOpt = Annotated[str | None, typer.Option(help="The document's source URL.")]
KindOpt = Annotated[
    str | None, typer.Option(help="minutes, report, ofsted_report, news, action_plan or other.")
]
TitleOpt = Annotated[str | None, typer.Option(help="The document's title.")]
WorkersOpt = Annotated[int, typer.Option(help="Processes that parse and extract documents.")]
MaxSizeOpt = Annotated[float, typer.Option(help="Refuse files larger than this many megabytes.")]


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(1)


def _extract_with_progress(
    paths: list[str], metadata: Metadata, workers: int, max_mb: float, *, quiet: bool = False
) -> list[DocumentResult]:
    """Parse and extract the documents, with a progress bar on standard error."""
    results: list[DocumentResult] = []
    if "-" in paths:
        results.append(process_bytes(sys.stdin.buffer.read(), "<stdin>", metadata))
    files = [Path(p) for p in paths if p != "-"]
    for f in files:
        if not f.exists():
            results.append(DocumentResult(str(f), error="no such file or folder"))
    files = [f for f in files if f.exists()]
    total = sum(1 for _ in iter_document_paths(files))
    errors = sum(1 for r in results if r.error)
    with Progress(
        TextColumn("[bold]extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} docs/s"),
        TextColumn("[red]{task.fields[errors]} errors"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=False,
    ) as progress:
        task = progress.add_task("extract", total=total, rate=0.0, errors=errors)

        def on_document(result: DocumentResult) -> None:
            nonlocal errors
            errors += bool(result.error)
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(task, advance=1, errors=errors, rate=progress.tasks[0].completed / elapsed)

        results.extend(
            run_documents(
                files, metadata, workers=workers, max_bytes=int(max_mb * 1e6), on_document=on_document
            )
        )
    return results


def _print_summary(result: ExtractResult, *, loaded: bool) -> None:
    counts = result.graph.counts()
    table = Table(title="graph" + (" loaded" if loaded else " extracted"), show_header=True)
    table.add_column("label or type")
    table.add_column("count", justify="right")
    for name, count in sorted(counts.items(), key=lambda kv: (kv[0].isupper(), kv[0])):
        table.add_row(name, str(count))
    err.print(table)
    ok = len(result.documents) - len(result.failed)
    err.print(f"{ok} of {len(result.documents)} documents read")
    for doc in result.failed:
        err.print(f"  [red]failed[/] {doc.source}: {doc.error}")
    for doc in result.documents:
        for warning in doc.warnings:
            err.print(f"  [yellow]warning[/] {doc.source}: {warning}")
    if result.rejections:
        reasons = Counter(r.reason for r in result.rejections)
        err.print(f"{len(result.rejections)} items rejected by validation:")
        for reason, n in reasons.most_common():
            example = next(r.item for r in result.rejections if r.reason == reason)
            err.print(f"  {n} x {reason} (e.g. {example})")


@app.command()
def extract(
    paths: PathsArg,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the graph as JSON (the form of SCHEMA.md).")
    ] = False,
    council: CouncilOpt = None,
    body: BodyOpt = None,
    date: DateOpt = None,
    url: UrlOpt = None,
    kind: KindOpt = None,
    title: TitleOpt = None,
    workers: WorkersOpt = 2,
    max_size: MaxSizeOpt = DEFAULT_MAX_BYTES / 1e6,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Extract the graph of documents without touching a database."""
    metadata = Metadata(council=council, body=body, date=date, url=url, kind=kind, title=title)
    results = _extract_with_progress(paths, metadata, workers, max_size, quiet=quiet)
    result = extract_results(results)
    if as_json:
        json.dump(result.graph.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    if not quiet or not as_json:
        _print_summary(result, loaded=False)
    if results and len(result.failed) == len(results):
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: PathsArg,
    council: CouncilOpt = None,
    body: BodyOpt = None,
    date: DateOpt = None,
    url: UrlOpt = None,
    kind: KindOpt = None,
    title: TitleOpt = None,
    workers: WorkersOpt = 2,
    max_size: MaxSizeOpt = DEFAULT_MAX_BYTES / 1e6,
    batch_size: Annotated[int, typer.Option(help="Rows per write transaction.")] = 2000,
) -> None:
    """Ingest documents into Neo4j: parse, extract, resolve, validate, load."""
    metadata = Metadata(council=council, body=body, date=date, url=url, kind=kind, title=title)
    _ingest_paths(paths, metadata, workers=workers, max_size=max_size, batch_size=batch_size)


def _ingest_paths(
    paths: list[str], metadata: Metadata, *, workers: int, max_size: float, batch_size: int
) -> None:
    from graph.driver import driver_from_settings
    from graph.load import ensure_schema, existing_inspections, existing_texts, load_graph

    settings = get_settings()
    try:
        driver = driver_from_settings(settings, start_local=True)
    except OfstedKGError as exc:
        _fail(str(exc))
        return
    with driver:
        try:
            ensure_schema(driver, settings.neo4j_database)
            results = _extract_with_progress(paths, metadata, workers, max_size)
            codes = {
                str(n.properties["code"])
                for r in results
                if r.graph
                for n in r.graph.with_label("Council")
                if n.properties.get("code")
            }
            known = [
                KnownInspection(r["uid"], r["code"], r["framework"], r["start_date"], r["year"])
                for r in existing_inspections(driver, settings.neo4j_database, codes)
            ]
            texts = [
                KnownText(r["uid"], r["label"], r["text"], r["inspection"])
                for r in existing_texts(driver, settings.neo4j_database)
            ]
            result = extract_results(results, known_inspections=known, known_texts=texts)
            rows = len(result.graph.nodes) + len(result.graph.relationships)
            rows += sum(len(n.evidence) for n in result.graph.nodes.values())
            with Progress(
                TextColumn("[bold]loading"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
            ) as progress:
                task = progress.add_task("load", total=rows)
                stats = load_graph(
                    driver,
                    result.graph,
                    settings.neo4j_database,
                    batch_size=batch_size,
                    progress=lambda n: progress.update(task, advance=n),
                )
        except OfstedKGError as exc:
            _fail(str(exc))
            return
    _print_summary(result, loaded=True)
    err.print(
        f"loaded {stats.nodes} nodes, {stats.relationships} relationships and {stats.evidence} evidence links "
        f"in {stats.seconds:.1f} s ({stats.rate:.0f}/s)"
    )
    for uid in stats.retracted_documents:
        err.print(f"  replaced the earlier version of {uid}")
    if results and len(result.failed) == len(results):
        raise typer.Exit(1)


def _install_renderer() -> None:
    """Install the graph renderer the embed pages serve (cytoscape.js from npm), once."""
    if not (PROJECT_ROOT / "package.json").exists() or (PROJECT_ROOT / "node_modules" / "cytoscape").exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        err.print(
            "[yellow]warning:[/] npm is not installed: the embedded graph views will not draw until `npm ci` runs"
        )
        return
    err.print("installing the graph renderer (npm ci) ...")
    done = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PROJECT_ROOT, check=False
    )
    if done.returncode != 0:
        err.print(
            "[yellow]warning:[/] `npm ci` failed: the embedded graph views will not draw until it succeeds"
        )


@app.command()
def up(
    samples: Annotated[
        list[str] | None, typer.Argument(help="Documents to ingest (default: the sample corpus).")
    ] = None,
    host: Annotated[str | None, typer.Option(help="The API's address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="The API's port (default 8000).")] = None,
    serve_api: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the API at the end.")] = True,
) -> None:
    """Start Neo4j, ingest the sample corpus, serve the API, and print where to look."""
    from graph import local_server

    settings = get_settings()
    _install_renderer()
    try:
        if settings.uses_local_server:
            config = local_server.config_from_settings(settings)
            if local_server.fetch_jars(config):
                err.print("fetched Neo4j from Maven Central")
            status = local_server.start(config)
            for note in status.notes:
                err.print(note)
            if status.already_running:
                err.print(f"Neo4j is already running (pid {status.pid})")
            else:
                err.print(f"started Neo4j in {status.start_seconds or 0:.1f} s (pid {status.pid})")
        else:
            err.print(f"using the configured Neo4j at {settings.neo4j_uri}")
    except OfstedKGError as exc:
        _fail(str(exc))
        return
    _ingest_paths(
        samples or [str(SAMPLE_CORPUS)],
        Metadata(),
        workers=2,
        max_size=DEFAULT_MAX_BYTES / 1e6,
        batch_size=2000,
    )
    api = f"http://{host or settings.api_host}:{port or settings.api_port}"
    err.print("")
    err.print("[bold]Where to look[/]")
    err.print(f"  home page        {api}/")
    err.print(f"  GraphQL          {api}/graphql")
    if settings.uses_local_server:
        err.print(
            f"  Neo4j Browser    {settings.browser_url}  (no authentication; connect to {settings.bolt_uri})"
        )
    err.print(f"  Neo4j (Bolt)     {settings.bolt_uri}")
    err.print("  stop Neo4j       .venv/bin/ofsted-kg neo4j stop")
    if serve_api:
        serve_command(host=host, port=port)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, graphml, turtle or jsonld.")] = "json",
    around: Annotated[
        str | None, typer.Option(help="Export only the subgraph around this uid (e.g. Council:E09000014).")
    ] = None,
    depth: Annotated[int, typer.Option(help="With --around: how many relationships out (1 to 3).")] = 1,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
    ] = None,
) -> None:
    """Export the whole graph, or the subgraph around an entity, as JSON, GraphML, Turtle or JSON-LD."""
    from graph.driver import driver_from_settings
    from graph.export import EXPORT_FORMATS, neighbourhood_uids, read_graph, render

    if fmt not in EXPORT_FORMATS:
        _fail(f"unknown format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if not 1 <= depth <= 3:
        _fail("--depth must be 1, 2 or 3")
    settings = get_settings()
    try:
        with driver_from_settings(settings, start_local=False) as driver:
            uids = None
            if around:
                uids = neighbourhood_uids(driver, settings.neo4j_database, around, depth)
                if not uids:
                    _fail(f"no node has the uid {around!r}")
            text = render(read_graph(driver, settings.neo4j_database, uids), fmt)
    except OfstedKGError as exc:
        _fail(str(exc))
        return
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")


def main() -> None:
    """Entry point of the `ofsted-kg` script."""
    try:
        app()
    except OfstedKGError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        sys.exit(1)
