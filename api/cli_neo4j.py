"""`ofsted-kg neo4j start|status|stop`: the project's local Neo4j from the command line.

    ofsted-kg neo4j start    fetch the jars once, start the server, print where it listens
    ofsted-kg neo4j status   whether it runs, where, how much data; exit code 3 when it does not
    ofsted-kg neo4j stop     stop it cleanly

With `NEO4J_URI` set, the configured server is used instead: `start` starts nothing and
checks that server, `status` reports on it. A failure prints one message to standard error
and exits with code 1.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

import typer
from neo4j.exceptions import DriverError, Neo4jError

from api.settings import Settings, get_settings
from graph import local_server
from graph.driver import open_driver
from graph.local_server import ServerStatus
from schema.errors import OfstedKGError

neo4j_app = typer.Typer(
    name="neo4j",
    help="Start, inspect and stop the project's local Neo4j (with the Neo4j Browser).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# LSB's code for "the service is not running", so scripts can test `status`.
EXIT_NOT_RUNNING = 3

P = ParamSpec("P")
R = TypeVar("R")


def _reports_failures(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the project's errors into one line on standard error and exit code 1."""

    @wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except OfstedKGError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(code=1) from None

    return run


@neo4j_app.command()
@_reports_failures
def start() -> None:
    """Start the local Neo4j (fetching its jars with Maven the first time) and wait until it answers."""
    settings = get_settings()
    if settings.neo4j_uri:
        _check_configured_server(settings.neo4j_uri, settings)
        typer.echo(f"NEO4J_URI is set, so the configured server at {settings.neo4j_uri} is used.")
        typer.echo("Nothing local was started; unset NEO4J_URI to use the project's own Neo4j.")
        return
    config = local_server.config_from_settings(settings)
    if not local_server.jars_present(config):
        typer.echo(
            f"Fetching the Neo4j jars with Maven into {config.jars_dir} (once, about 140 MB)...", err=True
        )
        local_server.fetch_jars(config)
    result = local_server.start(config)
    for note in result.notes:
        typer.echo(note)
    if result.already_running:
        typer.echo(f"The local Neo4j is already running (pid {result.pid}).")
    else:
        seconds = f" in {result.start_seconds:.1f} s" if result.start_seconds is not None else ""
        typer.echo(f"Started the local Neo4j (pid {result.pid}){seconds}.")
    _echo_addresses(result, settings)


@neo4j_app.command()
@_reports_failures
def status() -> None:
    """Say whether Neo4j runs, where, how much data it holds; exit code 3 when it does not run."""
    settings = get_settings()
    if settings.neo4j_uri:
        counts = _check_configured_server(settings.neo4j_uri, settings)
        typer.echo(
            f"Using the configured Neo4j at {settings.neo4j_uri} (database {settings.neo4j_database})."
        )
        if counts is None:
            typer.echo("Graph:   reachable, but the graph could not be counted")
        else:
            typer.echo(f"Graph:   {counts[0]} nodes, {counts[1]} relationships")
        return
    result = local_server.status(local_server.config_from_settings(settings))
    for note in result.notes:
        typer.echo(note)
    if not result.running:
        typer.echo(f"The local Neo4j is not running (home {result.home_dir}).")
        typer.echo(f"Store:   {_human_bytes(result.store_bytes)} on disk")
        typer.echo("Start it with `ofsted-kg neo4j start`.")
        raise typer.Exit(code=EXIT_NOT_RUNNING)
    typer.echo(f"The local Neo4j is running (pid {result.pid}).")
    _echo_addresses(result, settings)


@neo4j_app.command()
@_reports_failures
def stop() -> None:
    """Stop the local Neo4j cleanly; its data stays in the home folder for the next start."""
    settings = get_settings()
    result = local_server.stop(local_server.config_from_settings(settings))
    for note in result.notes:
        typer.echo(note)
    if settings.neo4j_uri:
        typer.echo(f"NEO4J_URI is set: the configured server at {settings.neo4j_uri} is not managed here.")


def _check_configured_server(uri: str, settings: Settings) -> tuple[int, int] | None:
    """Connect to the configured server (raising when it is unavailable) and count its graph."""
    with open_driver(uri, settings.auth(), settings.neo4j_database) as driver:
        try:
            return local_server.count_graph(driver, settings.neo4j_database)
        except (DriverError, Neo4jError):
            # Reachable but counting is not allowed or failed: the server is still usable.
            return None


def _echo_addresses(result: ServerStatus, settings: Settings) -> None:
    typer.echo(f"Bolt:    {result.bolt_uri}")
    typer.echo(f"Browser: {result.browser_url}")
    if settings.local_auth:
        typer.echo("Login:   user neo4j with the password OFSTED_KG_LOCAL_PASSWORD")
    else:
        typer.echo("Login:   none needed (authentication is off)")
    typer.echo(f"Home:    {result.home_dir}")
    typer.echo(f"Store:   {_human_bytes(result.store_bytes)} on disk")
    if result.nodes is not None and result.relationships is not None:
        typer.echo(f"Graph:   {result.nodes} nodes, {result.relationships} relationships")


def _human_bytes(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
