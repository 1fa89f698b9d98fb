"""Exports over HTTP: the whole graph, or the subgraph around an entity, as a file.

    GET /export/{format}                              the whole graph
    GET /export/{format}?around={uid}&depth={1..3}   the entity, what lies within `depth`
                                                      relationships of it, and the
                                                      documents all of it was read from

`format` is `json` (the graph JSON of shared/SCHEMA.md), `graphml` (for networkx, Gephi,
yEd or APOC), `turtle` or `jsonld` (RDF in the project's vocabulary), exactly what
`ofsted-kg export` writes, with the format's media type and a `Content-Disposition`
file name. An unknown uid is a 404 and a bad format or depth a 400, each as JSON
(`{"error": {"status", "code", "message"}}`).

    app.include_router(exports_router())
"""

from __future__ import annotations

import asyncio
import re
from typing import Final

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from graph.analytics_read import GraphReader
from graph.export import EXPORT_FORMATS, render
from graph.repository import GraphRepository
from schema.errors import BadFilterError, DatabaseUnavailableError, NotFoundError, QueryError

FILE_STEM: Final = "ofsted-kg"
DEPTHS: Final = (1, 2, 3)

# Characters a file name keeps; the rest of a uid (':', '/', spaces) becomes '-'.
_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]+")


def export_filename(fmt: str, around: str | None = None, depth: int = 1) -> str:
    """The file name an export is offered under: `ofsted-kg.ttl`, `ofsted-kg-Council-E09000014-depth-2.ttl`."""
    extension = EXPORT_FORMATS[fmt][1]
    if around is None:
        return FILE_STEM + extension
    return f"{FILE_STEM}-{_UNSAFE.sub('-', around).strip('-')}-depth-{depth}{extension}"


def _depth(raw: str | None) -> int:
    if raw is None or raw == "":
        return 1
    try:
        depth = int(raw)
    except ValueError:
        raise BadFilterError(f"depth must be 1, 2 or 3, not {raw!r}") from None
    if depth not in DEPTHS:
        raise BadFilterError(f"depth must be 1, 2 or 3, not {depth}")
    return depth


def _error(error: Exception) -> JSONResponse:
    if isinstance(error, NotFoundError):
        status, code = 404, "NOT_FOUND"
    elif isinstance(error, DatabaseUnavailableError):
        status, code = 503, "DATABASE_UNAVAILABLE"
    else:
        status, code = 400, "BAD_REQUEST"
    return JSONResponse(
        {"error": {"status": status, "code": code, "message": str(error)}}, status_code=status
    )


def _reader(request: Request) -> GraphReader:
    """A reader over the app's one driver (kept by its repository)."""
    repository: GraphRepository = request.app.state.repository
    return GraphReader(repository.driver, repository.database, repository.timeout)


def exports_router() -> APIRouter:
    """The `/export/{format}` route."""
    router = APIRouter(tags=["export"])

    @router.get(
        "/export/{fmt}",
        summary="The graph, or the subgraph around an entity, as JSON, GraphML, Turtle or JSON-LD",
    )
    async def export(request: Request, fmt: str) -> Response:
        query = request.query_params
        around = query.get("around")
        try:
            if fmt not in EXPORT_FORMATS:
                raise BadFilterError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
            if around is not None and not around.strip():
                raise BadFilterError("around is empty: give an entity's id, such as Council:E09000014")
            if around is None and "depth" in query:
                raise BadFilterError("depth applies to an export around an entity: add ?around=<id>")
            depth = _depth(query.get("depth"))
            reader = _reader(request)
            uids: list[str] | None = None
            if around is not None:
                around = around.strip()
                uids = await reader.neighbourhood_uids(around, depth)
                if not uids:
                    raise NotFoundError(f"no entity has the id {around!r}")
            graph = await reader.graph(uids)
        except (QueryError, DatabaseUnavailableError) as error:
            return _error(error)
        # serialising a large graph takes a while: off the event loop
        text = await asyncio.to_thread(render, graph, fmt)
        media_type = EXPORT_FORMATS[fmt][0]
        filename = export_filename(fmt, around, depth)
        return Response(
            text.encode("utf-8"),
            media_type=media_type,
            headers={
                "Content-Disposition": f'attachment; filename="{filename}"',
                "X-Content-Type-Options": "nosniff",
            },
        )

    return router
