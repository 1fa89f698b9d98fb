"""The Neo4j Browser assets of `graph/browser/`, served so the Browser can load them by URL.

    GET /browser/guide.html      the analysts' guide:          :play http://127.0.0.1:8000/browser/guide.html
    GET /browser/style.grass     colours and captions by label: :style http://127.0.0.1:8000/browser/style.grass
    GET /browser/queries.cypher  the saved queries, to download and drop on the Browser

The Browser fetches a guide or a stylesheet from its own page (the local Neo4j's,
`http://127.0.0.1:7474` by default), so the request is cross-origin, and it sends
`Cache-Control` and `Pragma` headers (and, to `localhost`, tracing headers), which make
the browser ask first (a CORS preflight). `BrowserAssetsCORS` answers both for these paths only, and only for the
local Browser's origins (`browser_origins`): the rest of the API keeps its own CORS
setting. It sits outside the app's other middleware, so a preflight for these paths is
answered here even when `OFSTED_KG_CORS_ORIGINS` configures CORS for the API, which would
otherwise refuse the Browser's origin.

The Browser also checks the guide's host against the server setting
`browser.remote_content_hostname_whitelist` (`guides.neo4j.com,localhost` by default);
the project's local server adds `127.0.0.1` to it (graph/server/Launcher.java).

    app.include_router(browser_assets_router())
    app.add_middleware(BrowserAssetsCORS, origins=browser_origins(settings))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from fastapi import APIRouter
from fastapi.responses import FileResponse, PlainTextResponse, Response
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from api.settings import Settings
from graph.browser import ASSETS, GUIDE, SAVED_QUERIES, STYLE, asset_path

PREFIX: Final = "/browser"

# Cypher and GraSS have no registered media type: plain text shows in a browser tab and
# is what the Neo4j Browser reads either way.
MEDIA_TYPES: Final = {
    GUIDE: "text/html; charset=utf-8",
    SAVED_QUERIES: "text/plain; charset=utf-8",
    STYLE: "text/plain; charset=utf-8",
}

# The headers the Neo4j Browser sends with a guide or stylesheet request: its own two, and
# the tracing headers its error reporting (Sentry) adds to every request to a `localhost` URL.
BROWSER_REQUEST_HEADERS: Final = ("Cache-Control", "Pragma", "sentry-trace", "baggage")

_HEADERS: Final = {
    "X-Content-Type-Options": "nosniff",
    # the files change with the project: check for a newer one each time (the ETag makes that cheap)
    "Cache-Control": "no-cache",
}
# The guide has no script, image or style sheet of its own: opened directly, it may load nothing.
_GUIDE_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def browser_origins(settings: Settings) -> list[str]:
    """The origins the local Neo4j Browser is served from: loopback by address and by name,
    and the host the server listens on when that is another, all on its HTTP port."""
    hosts = ["127.0.0.1", "localhost"]
    if settings.bolt_host not in ("0.0.0.0", "::", ""):
        hosts.append(settings.bolt_host)
    return list(dict.fromkeys(f"http://{host}:{settings.http_port}" for host in hosts))


class BrowserAssetsCORS:
    """CORS for `/browser/...` only, allowing the given origins to GET with the Browser's headers.

    Args:
        app: the application it wraps.
        origins: the origins allowed (`browser_origins(settings)`).
    """

    def __init__(self, app: ASGIApp, origins: Sequence[str]) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=list(origins),
            allow_methods=["GET"],
            allow_headers=list(BROWSER_REQUEST_HEADERS),
            max_age=600,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope.get("path", "")).startswith(f"{PREFIX}/"):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def browser_assets_router() -> APIRouter:
    """The routes serving the guide, the stylesheet and the saved queries."""
    router = APIRouter(tags=["browser"])

    @router.get(
        PREFIX + "/{name}",
        summary="A Neo4j Browser asset: guide.html (:play), style.grass (:style) or queries.cypher",
    )
    async def browser_asset(name: str) -> Response:
        if name not in ASSETS:
            return PlainTextResponse(
                f"no Browser asset named {name!r}: there are {', '.join(ASSETS)}", status_code=404
            )
        headers = dict(_HEADERS)
        if name == GUIDE:
            headers["Content-Security-Policy"] = _GUIDE_POLICY
        return FileResponse(asset_path(name), media_type=MEDIA_TYPES[name], headers=headers)

    return router
