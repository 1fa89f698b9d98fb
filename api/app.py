"""The FastAPI application: /graphql (with GraphiQL), /health, the home page and the embeds, CORS.

`create_app(settings)` builds the app; its lifespan opens the process's one async
Neo4j driver and closes it on shutdown. When Neo4j does not answer at start-up the app
starts all the same: /health says the database is down, and GraphQL answers with a
`DATABASE_UNAVAILABLE` error until it comes back.

    uvicorn.run(create_app(get_settings()), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import neo4j
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from strawberry.fastapi import GraphQLRouter

from api.browser_assets import BrowserAssetsCORS, browser_assets_router, browser_origins
from api.embed import embed_router
from api.exports import exports_router
from api.graphql.loaders import GraphContext
from api.graphql.schema import build_schema, limits_from_settings
from api.pages import pages_router
from api.settings import Settings, get_settings
from graph.driver import async_driver_from_settings
from graph.repository import GraphRepository
from schema.errors import DatabaseUnavailableError

logger = logging.getLogger("api.app")


async def _open_driver(settings: Settings) -> neo4j.AsyncDriver:
    try:
        return await async_driver_from_settings(settings, start_local=False)
    except DatabaseUnavailableError as exc:
        # A driver connects lazily: this one starts working when the server comes up.
        logger.warning("%s The API starts anyway and /health reports the database down.", exc)
        return neo4j.AsyncGraphDatabase.driver(settings.bolt_uri, auth=settings.auth())


def create_app(settings: Settings | None = None, *, driver: neo4j.AsyncDriver | None = None) -> FastAPI:
    """The API application.

    Args:
        settings: the settings to use; `get_settings()` when None.
        driver: an async driver the caller owns (tests); when None the lifespan opens
            one from the settings and closes it on shutdown.
    """
    settings = settings or get_settings()
    limits = limits_from_settings(settings)
    schema = build_schema(limits)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = driver or await _open_driver(settings)
        app.state.repository = GraphRepository(opened, settings.neo4j_database, settings.transaction_timeout)
        # What start-up made (the schema, the driver, every module) lives as long as the
        # process: frozen, the collector stops walking it on each full pass, which kept
        # showing in the slowest requests.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            if driver is None:
                await opened.close()

    app = FastAPI(
        title="ofsted-kg",
        summary="A knowledge graph of Ofsted inspections of English councils' children's services.",
        lifespan=lifespan,
        # the interactive API docs would list the GraphQL routes only; GraphiQL documents the schema
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )

    async def context(request: Request) -> GraphContext:
        return GraphContext(_repository(request), limits)

    router: GraphQLRouter[GraphContext, None] = GraphQLRouter(
        schema,
        context_getter=context,
        graphql_ide="graphiql" if settings.graphiql else None,
        # no subscriptions: no websocket endpoint
        subscription_protocols=(),
    )
    app.include_router(router, prefix="/graphql")
    # the home page and the embeddable relationship views, over the same repository
    app.include_router(pages_router(settings))
    app.include_router(embed_router(settings))
    # the Neo4j Browser's guide and stylesheet, and the exports
    app.include_router(browser_assets_router())
    app.include_router(exports_router())

    @app.get("/health", summary="Whether the API and its Neo4j database answer.")
    async def health(request: Request) -> JSONResponse:
        state = await _repository(request).ping()
        body: dict[str, Any] = {
            "status": "ok" if state.up else "degraded",
            "neo4j": {
                "state": "up" if state.up else "down",
                "address": state.address or settings.bolt_uri,
                "database": state.database,
                "version": state.version,
                "edition": state.edition,
            },
        }
        if state.error:
            body["neo4j"]["error"] = state.error
        return JSONResponse(body, status_code=200 if state.up else 503)

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    # added last, so outermost: the Browser's preflight for its assets is answered before the API's CORS
    app.add_middleware(BrowserAssetsCORS, origins=browser_origins(settings))
    return app


def _repository(request: Request) -> GraphRepository:
    repository: GraphRepository = request.app.state.repository
    return repository
