"""Relationship views made to sit in an iframe, with their JSON, oEmbed and copy-paste snippet.

    GET /embed/neighbourhood/{id}?depth=2&limit=80   what lies around an entity
    GET /embed/path?from={id}&to={id}&maxHops=6      the shortest chain between two entities
    GET /embed/cluster/{theme}?limit=40              a recurrence cluster: a theme (name or id),
                                                     or the SIMILAR_TO cluster of a
                                                     Recommendation or Finding id
    GET .../json, or ?format=json                    the same view as Cytoscape.js elements
    GET /oembed?url={a view's address}&format=json   oEmbed type "rich", with the iframe snippet
    GET /embed/assets/{name}                         the pages' style and script, and the renderer

Each page draws its view with Cytoscape.js: colours and shapes by label, captions, click a
node to add its neighbourhood, hover for the quote and its document, a link to the same
view in the Neo4j Browser, and the iframe snippet to copy. The renderer comes from npm:
the set-up runs `npm ci`, and the file is served from node_modules; when it is missing the
page says that `npm ci` is needed.

Who may frame the pages is the setting `embed_origins` (environment variable
`OFSTED_KG_EMBED_ORIGINS`, a JSON list such as `["https://intranet.example.org"]`; `["*"]`
by default), sent as `Content-Security-Policy: frame-ancestors`. An unknown id is a 404
and a bad parameter a 400, each with a message, as a page or as JSON
(`{"error": {"status", "code", "message"}}`).

`embed_router(settings)` builds the router; the app includes it with
`app.include_router(embed_router(settings))`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)

from api.settings import PROJECT_ROOT, Settings
from graph.repository import GraphRepository
from graph.views import (
    DEFAULT_CLUSTER_ITEMS,
    DEFAULT_DEPTH,
    DEFAULT_HOPS,
    DEFAULT_NODES,
    GraphView,
    GraphViews,
    ViewKind,
    cytoscape_elements,
)
from schema.errors import (
    BadFilterError,
    ConfigurationError,
    DatabaseUnavailableError,
    NotFoundError,
    QueryError,
)

logger = logging.getLogger("api.embed")

STATIC_DIR = Path(__file__).resolve().parent / "static"
# Installed by `npm ci` from package-lock.json; never committed.
RENDERER = PROJECT_ROOT / "node_modules" / "cytoscape" / "dist" / "cytoscape.min.js"
INSTALL_COMMAND = "npm ci --no-audit --no-fund"
ASSETS_PATH = "/embed/assets"

DEFAULT_WIDTH = 800
DEFAULT_HEIGHT = 600
# Nodes a click adds at most: enough to see what is there, few enough to stay legible.
EXPAND_LIMIT = 30
PROVIDER_NAME = "ofsted-kg"

_ORIGIN = re.compile(r"^(\*|'self'|'none'|https?://(\*\.)?[A-Za-z0-9.-]+(:(\d{1,5}|\*))?)$")


# ---------------------------------------------------------------------------- what is asked for


@dataclass(frozen=True)
class ViewRequest:
    """One view, as its address names it: the kind, the entity or entities, the limits."""

    kind: ViewKind
    key: str = ""
    start: str = ""
    end: str = ""
    depth: int = DEFAULT_DEPTH
    limit: int = DEFAULT_NODES
    max_hops: int = DEFAULT_HOPS

    def page_path(self) -> str:
        """The page's address on this server, with only the parameters that differ from the defaults."""
        if self.kind is ViewKind.PATH:
            params: dict[str, str | int] = {"from": self.start, "to": self.end}
            if self.max_hops != DEFAULT_HOPS:
                params["maxHops"] = self.max_hops
            return f"/embed/path?{urlencode(params, quote_via=quote)}"
        path = f"/embed/{self.kind}/{quote(self.key, safe=':/')}"
        extra: dict[str, int] = {}
        if self.kind is ViewKind.NEIGHBOURHOOD and self.depth != DEFAULT_DEPTH:
            extra["depth"] = self.depth
        default_limit = DEFAULT_NODES if self.kind is ViewKind.NEIGHBOURHOOD else DEFAULT_CLUSTER_ITEMS
        if self.limit != default_limit:
            extra["limit"] = self.limit
        return f"{path}?{urlencode(extra)}" if extra else path

    def json_path(self) -> str:
        """The address of the same view as JSON."""
        path, _, query = self.page_path().partition("?")
        return f"{path}/json" + (f"?{query}" if query else "")

    async def read(self, views: GraphViews) -> GraphView:
        """Read the view from the graph."""
        if self.kind is ViewKind.NEIGHBOURHOOD:
            return await views.neighbourhood(self.key, self.depth, self.limit)
        if self.kind is ViewKind.PATH:
            return await views.path(self.start, self.end, self.max_hops)
        return await views.cluster(self.key, self.limit)


def _whole_number(query: Mapping[str, str], name: str, default: int) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise BadFilterError(f"{name} must be a whole number, not {raw!r}") from None


def parse_view_request(kind: ViewKind, key: str, query: Mapping[str, str]) -> ViewRequest:
    """A view request from an address's parts; `BadFilterError` says what is wrong with them.

    Args:
        kind: the view.
        key: the path's entity (neighbourhood id; cluster theme or id); unused for paths.
        query: the query parameters (`depth`, `limit`, `from`, `to`, `maxHops`).
    """
    if kind is ViewKind.PATH:
        start, end = (query.get("from") or "").strip(), (query.get("to") or "").strip()
        if not start or not end:
            raise BadFilterError("a path needs both ends: /embed/path?from=<id>&to=<id>")
        return ViewRequest(kind, start=start, end=end, max_hops=_whole_number(query, "maxHops", DEFAULT_HOPS))
    key = key.strip()
    if not key:
        raise BadFilterError(f"say which entity to draw: /embed/{kind}/<id>")
    if kind is ViewKind.NEIGHBOURHOOD:
        return ViewRequest(
            kind,
            key=key,
            depth=_whole_number(query, "depth", DEFAULT_DEPTH),
            limit=_whole_number(query, "limit", DEFAULT_NODES),
        )
    return ViewRequest(kind, key=key, limit=_whole_number(query, "limit", DEFAULT_CLUSTER_ITEMS))


_VIEW_ADDRESS = re.compile(
    r"^/embed/(?:(?P<kind>neighbourhood|cluster)/(?P<key>.+?)|(?P<path>path))(?:/json)?/?$"
)


def view_request_from_url(url: str, host: str) -> ViewRequest:
    """The view a page address names, as oEmbed is given it.

    Raises:
        NotFoundError: the address is not one of this server's views.
        BadFilterError: it is, but its parameters are wrong.
    """
    parts = urlsplit(url.strip())
    if parts.netloc and parts.netloc.lower() != host.lower():
        raise NotFoundError(f"{url!r} is not a view of this server ({host})")
    match = _VIEW_ADDRESS.match(parts.path)
    if match is None:
        raise NotFoundError(
            f"{url!r} is not a view: views are /embed/neighbourhood/<id>, /embed/path?from=&to= "
            "and /embed/cluster/<theme or id>"
        )
    query = dict(parse_qsl(parts.query))
    if match["path"]:
        return parse_view_request(ViewKind.PATH, "", query)
    return parse_view_request(ViewKind(match["kind"]), unquote(match["key"]), query)


# ---------------------------------------------------------------------------- headers


def frame_ancestors(origins: list[str]) -> str:
    """The `frame-ancestors` sources for the configured origins; the server's own pages always may.

    Raises:
        ConfigurationError: an entry is not an origin (a stray space or `;` would
            otherwise add policy directives).
    """
    for origin in origins:
        if not _ORIGIN.match(origin):
            raise ConfigurationError(
                f"OFSTED_KG_EMBED_ORIGINS has {origin!r}, which is not an origin such as "
                "https://intranet.example.org, https://*.example.org or *"
            )
    if "'none'" in origins:
        return "'none'"
    return " ".join(dict.fromkeys(["'self'", *(o for o in origins if o != "'self'")]))


# Cytoscape.js adds one <style> element of its own, giving its container a position; the
# policy allows exactly that text, by its hash, rather than inline styles in general.
CYTOSCAPE_STYLE = ".__________cytoscape_container { position: relative; }"
_CYTOSCAPE_STYLE_HASH = base64.b64encode(hashlib.sha256(CYTOSCAPE_STYLE.encode()).digest()).decode()


def page_policy(ancestors: str) -> str:
    """The Content-Security-Policy of the pages: their own scripts and styles only."""
    return (
        f"default-src 'self'; script-src 'self'; style-src 'self' 'sha256-{_CYTOSCAPE_STYLE_HASH}'; "
        "img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        f"frame-ancestors {ancestors}"
    )


# ---------------------------------------------------------------------------- rendering


def script_json(value: Any) -> str:
    """JSON safe to put inside a `<script>` element: no `<`, `>` or `&` to end it early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def iframe_snippet(url: str, title: str, width: int = DEFAULT_WIDTH, height: int = DEFAULT_HEIGHT) -> str:
    """The `<iframe>` to paste into another page."""
    return (
        f'<iframe src="{html.escape(url)}" width="{int(width)}" height="{int(height)}" '
        f'title="{html.escape(title)}" style="border:0" loading="lazy"></iframe>'
    )


def browser_link(settings: Settings, cypher: str) -> str:
    """The Neo4j Browser with `cypher` in its editor, ready to run."""
    return f"{settings.browser_url}?{urlencode({'cmd': 'edit', 'arg': cypher}, quote_via=quote)}"


def renderer_missing_notice(renderer: Path) -> str:
    """The page's notice that the renderer needs installing; hidden while it is installed."""
    hidden = " hidden" if renderer.is_file() else ""
    return (
        f'<p id="kg-renderer-missing" class="notice"{hidden}>The graph renderer (Cytoscape.js) is not '
        f"installed, so the picture cannot be drawn. In the project folder run "
        f"<code>{INSTALL_COMMAND}</code> (or <code>npm install</code>), then reload this page. "
        "The list below still gives every entity and quote.</p>"
    )


def _node_item(data: Mapping[str, Any]) -> str:
    uid = str(data["id"])
    href = f"/embed/neighbourhood/{quote(uid, safe=':/')}"
    parts = [
        f'<li><a href="{html.escape(href)}" target="_blank" rel="noopener">{html.escape(str(data["title"]))}</a>'
        f" ({html.escape(str(data['label']))}) "
        f'<button type="button" class="expand" data-expand="{html.escape(uid)}" hidden>Expand</button>'
    ]
    if data.get("quote"):
        parts.append(f"<blockquote>{html.escape(str(data['quote']))}</blockquote>")
        source = html.escape(str(data.get("documentTitle") or data.get("documentSource") or data["document"]))
        if data.get("documentUrl"):
            source = f'<a href="{html.escape(str(data["documentUrl"]))}" target="_blank" rel="noopener">{source}</a>'
        when = f" ({html.escape(str(data['documentDate']))})" if data.get("documentDate") else ""
        parts.append(f'<p class="source">From {source}{when}</p>')
    return "".join(parts) + "</li>"


def _summary(view: GraphView, nodes: int, edges: int) -> str:
    counts = f"{nodes} {'entity' if nodes == 1 else 'entities'} and {edges} relationship{'' if edges == 1 else 's'}."
    hint = "Click an entity to add what is linked to it; hover to see the quote it was read from."
    if view.kind is ViewKind.CLUSTER and view.stats:
        inspections, councils = view.stats.get("inspections", 0), view.stats.get("councils", 0)
        recur = "recurs" if inspections >= 2 else "does not recur"
        counts = (
            f"It {recur}: {inspections} inspection{'' if inspections == 1 else 's'} of {councils} "
            f"council{'' if councils == 1 else 's'}. " + counts
        )
    return f"{counts} {hint}"


def _notices(view: GraphView, request_: ViewRequest, renderer: Path) -> str:
    notices = [renderer_missing_notice(renderer)]
    if not view.found:
        notices.append(
            f'<p class="notice notice-info">No chain of at most {request_.max_hops} relationships links '
            "these two entities; both are drawn so that you can expand them. Ask for more hops with "
            "<code>maxHops</code> (up to 10).</p>"
        )
    if view.truncated:
        notices.append(
            '<p class="notice notice-info">Only part of this view is drawn: it was cut at its limit. '
            "Click an entity to see what is linked to it, or ask for a larger <code>limit</code>.</p>"
        )
    return "\n  ".join(notices)


def view_json(view: GraphView, request_: ViewRequest, base_url: str, settings: Settings) -> dict[str, Any]:
    """The view as Cytoscape.js elements, with a `meta` object Cytoscape ignores."""
    elements: dict[str, Any] = dict(cytoscape_elements(view))
    page_url = base_url + request_.page_path().lstrip("/")
    elements["meta"] = {
        "kind": str(view.kind),
        "title": view.title,
        "focus": list(view.focus),
        "found": view.found,
        "truncated": view.truncated,
        "stats": dict(view.stats),
        "url": page_url,
        "json": base_url + request_.json_path().lstrip("/"),
        "iframe": iframe_snippet(page_url, view.title),
        "browserUrl": browser_link(settings, view.browser_cypher),
        "browserCypher": view.browser_cypher,
    }
    return elements


# ---------------------------------------------------------------------------- errors


def _status_of(error: Exception) -> tuple[int, str]:
    if isinstance(error, NotFoundError):
        return 404, "NOT_FOUND"
    if isinstance(error, DatabaseUnavailableError):
        return 503, "DATABASE_UNAVAILABLE"
    return 400, "BAD_REQUEST"


_HEADINGS = {404: "Nothing to draw", 400: "That view cannot be drawn", 503: "The graph is not answering"}


@dataclass(frozen=True)
class _Pages:
    """The router's settings and templates, read once."""

    settings: Settings
    renderer: Path
    embed_template: Template
    error_template: Template
    policy: str

    def headers(self) -> dict[str, str]:
        return {"Content-Security-Policy": self.policy, "X-Content-Type-Options": "nosniff"}

    def error(self, error: Exception, *, as_json: bool) -> Response:
        status, code = _status_of(error)
        message = str(error)
        if as_json:
            body = {"error": {"status": status, "code": code, "message": message}}
            return JSONResponse(body, status_code=status, headers=self.headers())
        page = self.error_template.substitute(
            heading=html.escape(_HEADINGS[status]),
            message=html.escape(message[:1].upper() + message[1:]),
            status=status,
            assets=ASSETS_PATH,
        )
        return HTMLResponse(page, status_code=status, headers=self.headers())

    def page(self, view: GraphView, request_: ViewRequest, base_url: str) -> HTMLResponse:
        elements = view_json(view, request_, base_url, self.settings)
        meta = elements["meta"]
        nodes = elements["nodes"]
        ordered = sorted(
            nodes, key=lambda n: (not n["data"]["focus"], n["data"]["label"], n["data"]["title"])
        )
        page = self.embed_template.substitute(
            title=html.escape(view.title),
            kind=html.escape(str(view.kind)),
            assets=ASSETS_PATH,
            oembed_url=html.escape(
                "/oembed?" + urlencode({"url": meta["url"], "format": "json"}, quote_via=quote)
            ),
            browser_url=html.escape(meta["browserUrl"]),
            json_url=html.escape(request_.json_path()),
            page_url=html.escape(meta["url"]),
            expand_url="/embed/neighbourhood/",
            expand_limit=EXPAND_LIMIT,
            notices=_notices(view, request_, self.renderer),
            graph_label=html.escape(
                f"{view.title}: a graph of {len(nodes)} entities; the list below gives them as text"
            ),
            summary=html.escape(_summary(view, len(nodes), len(elements["edges"]))),
            node_list="\n".join("      " + _node_item(n["data"]) for n in ordered),
            snippet=html.escape(meta["iframe"]),
            elements_json=script_json(elements),
        )
        return HTMLResponse(page, headers=self.headers())


def _views(request: Request) -> GraphViews:
    """The views over the app's one driver (kept by its repository)."""
    repository: GraphRepository = request.app.state.repository
    return GraphViews(repository.driver, repository.database, repository.timeout)


def _base_url(request: Request) -> str:
    return str(request.base_url)


# ---------------------------------------------------------------------------- the router


def embed_router(settings: Settings, *, renderer: Path = RENDERER) -> APIRouter:
    """The `/embed/...` pages, their JSON, the assets and `/oembed`.

    Args:
        settings: read for `embed_origins` (who may frame the pages) and the Neo4j Browser's address.
        renderer: the Cytoscape.js file to serve (node_modules' by default).

    Raises:
        ConfigurationError: `embed_origins` holds something that is not an origin.
    """
    pages = _Pages(
        settings,
        renderer,
        Template((STATIC_DIR / "embed.html").read_text(encoding="utf-8")),
        Template((STATIC_DIR / "error.html").read_text(encoding="utf-8")),
        page_policy(frame_ancestors(list(settings.embed_origins))),
    )
    assets: dict[str, tuple[Path, str]] = {
        "kg.css": (STATIC_DIR / "kg.css", "text/css"),
        "embed.js": (STATIC_DIR / "embed.js", "text/javascript"),
        "cytoscape.min.js": (renderer, "text/javascript"),
    }
    router = APIRouter(tags=["embed"])

    async def answer(request: Request, kind: ViewKind, key: str, *, as_json: bool) -> Response:
        try:
            request_ = parse_view_request(kind, key, dict(request.query_params))
            view = await request_.read(_views(request))
        except (QueryError, DatabaseUnavailableError) as error:
            return pages.error(error, as_json=as_json)
        if as_json:
            body = view_json(view, request_, _base_url(request), settings)
            return JSONResponse(body, headers=pages.headers())
        return pages.page(view, request_, _base_url(request))

    def wants_json(request: Request) -> bool:
        fmt = request.query_params.get("format", "html")
        if fmt not in ("html", "json"):
            raise BadFilterError(f"format must be html or json, not {fmt!r}")
        return fmt == "json"

    async def page_or_json(request: Request, kind: ViewKind, key: str) -> Response:
        try:
            as_json = wants_json(request)
        except BadFilterError as error:
            return pages.error(error, as_json=True)
        return await answer(request, kind, key, as_json=as_json)

    # The /json routes come first: ids hold '/', so the {id:path} routes would take "/json" as part of one.
    @router.get(
        "/embed/neighbourhood/{uid:path}/json", summary="An entity's neighbourhood as Cytoscape.js elements"
    )
    async def neighbourhood_json(request: Request, uid: str) -> Response:
        return await answer(request, ViewKind.NEIGHBOURHOOD, uid, as_json=True)

    @router.get("/embed/neighbourhood/{uid:path}", summary="An entity's neighbourhood, drawn")
    async def neighbourhood_page(request: Request, uid: str) -> Response:
        return await page_or_json(request, ViewKind.NEIGHBOURHOOD, uid)

    @router.get("/embed/path/json", summary="The shortest path between two entities as Cytoscape.js elements")
    async def path_json(request: Request) -> Response:
        return await answer(request, ViewKind.PATH, "", as_json=True)

    @router.get("/embed/path", summary="The shortest path between two entities, drawn")
    async def path_page(request: Request) -> Response:
        return await page_or_json(request, ViewKind.PATH, "")

    @router.get("/embed/cluster/{key:path}/json", summary="A recurrence cluster as Cytoscape.js elements")
    async def cluster_json(request: Request, key: str) -> Response:
        return await answer(request, ViewKind.CLUSTER, key, as_json=True)

    @router.get("/embed/cluster/{key:path}", summary="A recurrence cluster, drawn")
    async def cluster_page(request: Request, key: str) -> Response:
        return await page_or_json(request, ViewKind.CLUSTER, key)

    @router.get("/oembed", summary="oEmbed for the views: type rich, with the iframe snippet")
    async def oembed(request: Request) -> Response:
        query = request.query_params
        fmt = query.get("format", "json")
        if fmt != "json":
            # oEmbed's answer for a format the provider does not serve
            return PlainTextResponse(f"only format=json is served, not {fmt!r}", status_code=501)
        url = query.get("url")
        try:
            if not url:
                raise BadFilterError(
                    "say which view: /oembed?url=<the address of an /embed/ page>&format=json"
                )
            width = min(_whole_number(query, "maxwidth", DEFAULT_WIDTH), DEFAULT_WIDTH)
            height = min(_whole_number(query, "maxheight", DEFAULT_HEIGHT), DEFAULT_HEIGHT)
            if width < 1 or height < 1:
                raise BadFilterError("maxwidth and maxheight must be positive")
            request_ = view_request_from_url(url, request.url.netloc)
            view = await request_.read(_views(request))
        except (QueryError, DatabaseUnavailableError) as error:
            return pages.error(error, as_json=True)
        page_url = _base_url(request) + request_.page_path().lstrip("/")
        body = {
            "version": "1.0",
            "type": "rich",
            "provider_name": PROVIDER_NAME,
            "provider_url": _base_url(request),
            "title": view.title,
            "html": iframe_snippet(page_url, view.title, width, height),
            "width": width,
            "height": height,
            "cache_age": 300,
        }
        return JSONResponse(body)

    @router.get("/embed/", include_in_schema=False)
    async def index() -> RedirectResponse:
        # the home page says what the views are and how to address them
        return RedirectResponse("/#views")

    @router.get("/embed/assets/{name}", summary="The pages' style and script, and the renderer")
    async def asset(name: str) -> Response:
        found = assets.get(name)
        if found is None:
            return PlainTextResponse(f"no asset named {name!r}", status_code=404)
        path, media_type = found
        if not path.is_file():
            return PlainTextResponse(
                f"{path.name} is not installed: run `{INSTALL_COMMAND}` in the project folder",
                status_code=404,
            )
        return FileResponse(
            path,
            media_type=media_type,
            headers={"Cache-Control": "public, max-age=600", "X-Content-Type-Options": "nosniff"},
        )

    return router
