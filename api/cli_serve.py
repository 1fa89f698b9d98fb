"""`ofsted-kg serve`: the GraphQL API and its pages, served by uvicorn.

The command function is registered in the main CLI (`api/cli.py`). It serves until
interrupted; the Neo4j it talks to is the one the settings name (`NEO4J_URI`, or the
project's local server, which `ofsted-kg neo4j start` starts).
"""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from api.app import create_app
from api.settings import get_settings


def serve(
    host: Annotated[
        str | None, typer.Option(help="The address to listen on (default: OFSTED_KG_API_HOST, 127.0.0.1).")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="The port to listen on (default: OFSTED_KG_API_PORT, 8000).")
    ] = None,
) -> None:
    """Serve the GraphQL API at /graphql (with GraphiQL) and its health at /health."""
    settings = get_settings()
    host = host or settings.api_host
    port = port or settings.api_port
    where = f"http://{host}:{port}"
    typer.echo(
        f"GraphQL API at {where}/graphql" + (" (GraphiQL in a browser)" if settings.graphiql else ""),
        err=True,
    )
    typer.echo(f"Health at {where}/health", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", proxy_headers=False)
