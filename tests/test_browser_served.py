"""The Neo4j Browser assets served by the API: over HTTP with the Browser's CORS, and played
in the real Neo4j Browser of the test server, in headless Chromium.

The Browser fetches `:play <url>` and `:style <url>` from its own page, cross-origin, with
`Cache-Control` and `Pragma` headers (a preflight), and only from hosts in the server
setting `browser.remote_content_hostname_whitelist`, which the project's launcher extends
with 127.0.0.1. The Chromium test is the whole chain: the server's setting, the
preflight, the guide's first slide drawn, and the stylesheet's colours on a drawn node.
Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import httpx
import neo4j
import pytest
import pytest_asyncio
from test_api_support import WEXMOOR, load_invented_graph
from test_embed import serve
from test_pages_browser import ARTIFACTS, CHROMIUM_FLAGS, chromium_path

from api.app import create_app
from api.browser_assets import BROWSER_REQUEST_HEADERS, browser_origins
from api.settings import Settings
from graph.browser import GUIDE, SAVED_QUERIES, STYLE, asset_path

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

BROWSER_PORT = 7474
BROWSER_ORIGIN = f"http://127.0.0.1:{BROWSER_PORT}"
API_ORIGINS = ["https://analysts.example"]

EXPECTED_TYPES = {
    GUIDE: "text/html; charset=utf-8",
    SAVED_QUERIES: "text/plain; charset=utf-8",
    STYLE: "text/plain; charset=utf-8",
}


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    """The app, with CORS configured for the API too; no database is needed to serve files."""
    app = create_app(Settings(http_port=BROWSER_PORT, bolt_host="127.0.0.1", cors_origins=API_ORIGINS))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://api.test") as c:
        yield c


def _preflight(origin: str, headers: str = "cache-control,pragma") -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": headers,
    }


# ---------------------------------------------------------------------------- over HTTP


@pytest.mark.parametrize("name", [GUIDE, SAVED_QUERIES, STYLE])
@pytest.mark.parametrize("origin", [BROWSER_ORIGIN, f"http://localhost:{BROWSER_PORT}"])
async def test_each_asset_is_served_to_the_browser_origin(
    client: httpx.AsyncClient, name: str, origin: str
) -> None:
    response = await client.get(
        f"/browser/{name}", headers={"Origin": origin, "Cache-Control": "no-cache", "Pragma": "no-cache"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == EXPECTED_TYPES[name]
    assert response.text == asset_path(name).read_text(encoding="utf-8")
    assert response.headers["access-control-allow-origin"] == origin
    assert "Origin" in response.headers["vary"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "headers", ["cache-control,pragma", "cache-control,pragma,sentry-trace,baggage", "pragma"]
)
async def test_the_preflight_allows_the_browsers_headers(client: httpx.AsyncClient, headers: str) -> None:
    response = await client.options(f"/browser/{GUIDE}", headers=_preflight(BROWSER_ORIGIN, headers))
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == BROWSER_ORIGIN
    assert "GET" in response.headers["access-control-allow-methods"]
    allowed = {h.strip().lower() for h in response.headers["access-control-allow-headers"].split(",")}
    assert {h.lower() for h in BROWSER_REQUEST_HEADERS} <= allowed


async def test_other_origins_and_other_paths_get_no_browser_cors(client: httpx.AsyncClient) -> None:
    elsewhere = "https://elsewhere.example"
    response = await client.get(f"/browser/{STYLE}", headers={"Origin": elsewhere})
    # the file is public; only a browser page of another origin cannot read it
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    refused = await client.options(f"/browser/{STYLE}", headers=_preflight(elsewhere))
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers
    # the API keeps its own CORS: the Browser's origin may not call GraphQL ...
    graphql = await client.options(
        "/graphql",
        headers={**_preflight(BROWSER_ORIGIN, "content-type"), "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in graphql.headers
    # ... and the API's origins may, and may not read the Browser's files
    analysts = await client.options(
        "/graphql",
        headers={**_preflight(API_ORIGINS[0], "content-type"), "Access-Control-Request-Method": "POST"},
    )
    assert analysts.headers["access-control-allow-origin"] == API_ORIGINS[0]
    assert (await client.options(f"/browser/{GUIDE}", headers=_preflight(API_ORIGINS[0]))).status_code == 400


async def test_an_unknown_asset_is_not_found(client: httpx.AsyncClient) -> None:
    for path in ("/browser/secrets.txt", "/browser/..%2Fsettings.py", "/browser/"):
        response = await client.get(path, headers={"Origin": BROWSER_ORIGIN})
        assert response.status_code == 404, path


def test_the_browser_origins_follow_the_settings() -> None:
    assert browser_origins(Settings(http_port=17474, bolt_host="127.0.0.1")) == [
        "http://127.0.0.1:17474",
        "http://localhost:17474",
    ]
    assert browser_origins(Settings(http_port=7474, bolt_host="10.0.0.5")) == [
        "http://127.0.0.1:7474",
        "http://localhost:7474",
        "http://10.0.0.5:7474",
    ]
    assert browser_origins(Settings(http_port=7474, bolt_host="0.0.0.0")) == [
        "http://127.0.0.1:7474",
        "http://localhost:7474",
    ]


# ---------------------------------------------------------------------------- the local server's setting


@pytest.fixture(scope="module")
def local_settings(neo4j_settings: Settings) -> Settings:
    """The test session's own Neo4j, whose Browser and settings come from the project's launcher."""
    if os.environ.get("NEO4J_URI"):
        pytest.skip(
            "NEO4J_URI names another server: its Browser and settings are not the project's launcher's"
        )
    return neo4j_settings


def test_the_local_server_lets_the_browser_fetch_from_127_0_0_1(
    local_settings: Settings, driver: neo4j.Driver
) -> None:
    # what the Browser reads after connecting, by the name it reads (Neo4j 5 still calls it a whitelist)
    records, _, _ = driver.execute_query("CALL dbms.clientConfig()", database_="system")
    config = {record["name"]: record["value"] for record in records}
    hosts = [h.strip() for h in str(config["browser.remote_content_hostname_whitelist"]).split(",")]
    assert {"127.0.0.1", "localhost", "guides.neo4j.com"} <= set(hosts)


# ---------------------------------------------------------------------------- in the Neo4j Browser

EDITOR = "[data-testid=activeEditor] textarea"
NOT_FOUND = "No guide by that name"


def _first_slide_heading() -> str:
    guide = asset_path(GUIDE).read_text(encoding="utf-8")
    first_slide = guide[guide.index("<slide") :]
    found = re.search(r"<h3>(.*?)</h3>", first_slide, re.S)
    assert found is not None
    return found.group(1).strip()


def _slide_count() -> int:
    return asset_path(GUIDE).read_text(encoding="utf-8").count("<slide ")


@pytest.fixture(scope="module")
def api_url(local_settings: Settings, driver: neo4j.Driver) -> Iterator[str]:
    """The app over the invented graph, served over HTTP on loopback."""
    load_invented_graph(driver, local_settings.neo4j_database)
    with serve(local_settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(local_settings: Settings) -> Iterator[Page]:
    """The test server's Neo4j Browser in headless Chromium, connected (the server has no authentication)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser tests need Playwright's Python package", pytrace=False)
    executable = chromium_path()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            page = chromium.new_page(viewport={"width": 1200, "height": 900})
            page.goto(f"http://127.0.0.1:{local_settings.http_port}/browser/")
            page.get_by_text("Connect URL").wait_for(timeout=60_000)
            page.locator("select").filter(has_text="No authentication").select_option(
                label="No authentication"
            )
            page.get_by_test_id("connect").click()
            page.get_by_text("You have a working connection").wait_for(timeout=30_000)
            yield page
        finally:
            chromium.close()


def _run(page: Page, command: str) -> Locator:
    """Type a command into the Browser's editor and run it; the frame it opens (the newest, on top)."""
    frames = page.locator("[data-testid=frame]")
    before = frames.count()
    page.locator(EDITOR).first.focus()
    page.keyboard.type(command)
    page.keyboard.press("Enter")
    deadline = time.monotonic() + 15
    while frames.count() <= before:
        if time.monotonic() > deadline:
            pytest.fail(f"the Browser opened no frame for {command!r}")
        time.sleep(0.1)
    newest = frames.first
    assert command in newest.inner_text()
    return newest


def _play(page: Page, url: str, timeout: float = 30.0) -> Locator:
    """Play a guide; the frame that shows it.

    The Browser reads the allowed hosts from the server a moment after it connects, and
    until then knows only its defaults, which leave 127.0.0.1 out: a guide from there
    reads as unknown ("No guide by that name") until the setting has arrived, so this
    asks again for a while before giving up.
    """
    heading = _first_slide_heading()
    deadline = time.monotonic() + timeout
    while True:
        frame = _run(page, f":play {url}")
        frame.get_by_text(heading).or_(frame.get_by_text(NOT_FOUND)).first.wait_for(timeout=15_000)
        if frame.get_by_text(heading).count():
            return frame
        if time.monotonic() > deadline:
            pytest.fail(f"the Browser would not play {url}: {frame.inner_text()[:300]}")
        time.sleep(1.0)


def test_the_browser_plays_the_guide_from_the_api(browser_page: Page, api_url: str) -> None:
    port = api_url.rsplit(":", 1)[1]
    assert api_url == f"http://127.0.0.1:{port}"
    frame = _play(browser_page, f"{api_url}/browser/{GUIDE}")
    heading = frame.get_by_text(_first_slide_heading())
    assert heading.is_visible()
    assert f"1 / {_slide_count()}" in frame.inner_text()
    # the first slide's runnable blocks are there, ready to click into the editor
    assert frame.get_by_text(":param council").first.is_visible()
    frame.screenshot(path=str(ARTIFACTS / "neo4j_browser_guide.png"))

    # localhost is allowed by the Browser's own default, and the preflight allows it too
    frame = _play(browser_page, f"http://localhost:{port}/browser/{GUIDE}")
    assert frame.get_by_text(_first_slide_heading()).is_visible()


def test_the_browser_applies_the_stylesheet_from_the_api(browser_page: Page, api_url: str) -> None:
    frame = _run(browser_page, f":style {api_url}/browser/{STYLE}")
    frame.get_by_text("node.Council").first.wait_for(timeout=15_000)
    frame = _run(browser_page, f"MATCH (c:Council {{uid: '{WEXMOOR}'}}) RETURN c")
    node = frame.locator("svg g.node").first
    node.wait_for(timeout=15_000)
    # the stylesheet's colour and caption for a council, as the Browser drew it
    style = asset_path(STYLE).read_text(encoding="utf-8")
    council_rule = style[style.index("node.Council") :]
    colour = re.search(r"\bcolor: (#[0-9A-Fa-f]{6})", council_rule)
    assert colour is not None
    assert node.locator("circle.b-outline").get_attribute("fill") == colour.group(1)
    assert (node.locator("text.caption").text_content() or "").strip() == "Wexmoor"
    browser_page.screenshot(path=str(ARTIFACTS / "neo4j_browser_style.png"))
