"""The pages in a real headless Chromium: the embed draws, a click expands, the home page's chart renders.

The browser is Debian's `chromium` (tests/run.sh installs it when it is missing and the
run is root's), driven by Playwright's Python package with `executable_path`, so nothing
is downloaded at test time. Without either the tests fail, saying what to install:
they never pass without having looked. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from neo4j import Driver
from test_embed import (
    BOARD,
    DOC_FEN_2016,
    EARLY_HELP,
    FEN_2016,
    FEN_2016_R1,
    FEN_2016_R2,
    FEN_2019,
    FENBRIDGE,
    OFFICER,
    PLAN,
    load_invented_graph,
    path_of,
    serve,
)

from api.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# The flags of a quiet, throwaway headless browser; the profile folder is given separately.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Where a node is drawn, in page coordinates, so the mouse can reach it.
NODE_POSITION = """
id => {
  const cy = window.ofstedKg.cy;
  const box = cy.container().getBoundingClientRect();
  const at = cy.getElementById(id).renderedPosition();
  return {x: box.left + at.x, y: box.top + at.y};
}
"""


def chromium_path() -> str:
    """Debian's chromium, or a failure that says how to get it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail(
            "the browser tests need Debian's chromium: `apt-get install -y chromium` (tests/run.sh does "
            "this when run as root)",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="module")
def site(driver: Driver, neo4j_settings: Settings) -> Iterator[str]:
    """The app over the invented graph."""
    load_invented_graph(driver, neo4j_settings)
    with serve(neo4j_settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """A headless Chromium with a throwaway profile."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "the browser tests need Playwright's Python package: `.venv/bin/pip install playwright` "
            "(never `playwright install`: the tests drive Debian's chromium)",
            pytrace=False,
        )
    executable = chromium_path()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1000, "height": 720},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[Page]:
    """A fresh tab that records the page's errors (script errors, refused resources, CSP reports)."""
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.errors = errors  # type: ignore[attr-defined]
    try:
        yield tab
    finally:
        tab.close()


def page_errors(tab: Page) -> list[str]:
    """What went wrong in the page so far."""
    errors: list[str] = tab.errors  # type: ignore[attr-defined]
    return errors


def open_view(tab: Page, url: str) -> None:
    """Open a view and wait until its graph is drawn."""
    response = tab.goto(url)
    assert response is not None
    assert response.status == 200
    # a selector, not wait_for_function: the page's policy refuses the eval that one polls with
    tab.locator("#kg-embed[data-ready=true]").wait_for(timeout=15_000)


def wait_until_expanded(tab: Page, uid: str, timeout: float = 15.0) -> None:
    """Wait until a click on `uid` has fetched and added its neighbourhood.

    Polled from here with evaluate, which the page's policy allows, where wait_for_function
    would need the page to eval its predicate.
    """
    deadline = time.monotonic() + timeout
    done = "id => window.ofstedKg.expanded.includes(id) && !window.ofstedKg.busy"
    while not tab.evaluate(done, uid):
        if time.monotonic() > deadline:
            pytest.fail(
                f"{uid} was not expanded within {timeout:g} s: {tab.locator('#kg-status').inner_text()}"
            )
        time.sleep(0.1)


def drawn_nodes(tab: Page) -> set[str]:
    """The ids of the nodes the Cytoscape instance holds."""
    ids: list[str] = tab.evaluate("window.ofstedKg.cy.nodes().map(n => n.id())")
    return set(ids)


def node_data(tab: Page, uid: str, key: str) -> Any:
    """One data field of a drawn node."""
    return tab.evaluate("([id, key]) => window.ofstedKg.cy.getElementById(id).data(key)", [uid, key])


def test_embed_draws_the_neighbourhood_and_a_click_expands_it(site: str, page: Page) -> None:
    open_view(page, f"{site}/embed/neighbourhood/{path_of(FENBRIDGE)}?depth=1")
    assert drawn_nodes(page) == {FENBRIDGE, FEN_2016, FEN_2019, BOARD, OFFICER}
    assert page.evaluate("window.ofstedKg.cy.edges().length") == 5
    # colours by label, captions drawn
    council_colour = page.evaluate(
        f"window.ofstedKg.cy.getElementById('{FENBRIDGE}').style('background-color')"
    )
    assert council_colour == "rgb(29,112,184)"
    assert page.evaluate(f"window.ofstedKg.cy.getElementById('{FENBRIDGE}').style('label')") == "Fenbridge"
    legend = page.locator("#kg-legend li").all_inner_texts()
    assert legend == ["Board", "Council", "Inspection", "Officer"]
    page.screenshot(path=str(ARTIFACTS / "embed_neighbourhood.png"))

    # hover over an inspection: its quote and the document it comes from
    at = page.evaluate(NODE_POSITION, FEN_2016)
    page.mouse.move(at["x"], at["y"])
    tooltip = page.locator("#kg-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "Inspection dates: 9 May to 2 June 2016" in tooltip.inner_text()
    assert "Fenbridge: inspection of children's services 2016" in tooltip.inner_text()
    assert node_data(page, FEN_2016, "document") == DOC_FEN_2016
    page.screenshot(path=str(ARTIFACTS / "embed_hover.png"))

    # a click adds the inspection's own neighbourhood
    page.mouse.click(at["x"], at["y"])
    wait_until_expanded(page, FEN_2016)
    after = drawn_nodes(page)
    assert len(after) > 5
    assert {FEN_2016_R1, FEN_2016_R2, PLAN} <= after
    assert "Added 3 linked entities" in page.locator("#kg-status").inner_text()
    page.mouse.move(5, 5)
    page.screenshot(path=str(ARTIFACTS / "embed_expanded.png"))
    assert page_errors(page) == []


def test_cluster_and_path_views_draw(site: str, page: Page) -> None:
    open_view(page, f"{site}/embed/cluster/early%20help")
    nodes = drawn_nodes(page)
    assert EARLY_HELP in nodes
    assert len(nodes) == 10
    assert node_data(page, EARLY_HELP, "focus") is True
    assert "It recurs: 3 inspections of 2 councils" in page.locator("#kg-status").inner_text()
    page.screenshot(path=str(ARTIFACTS / "embed_cluster.png"))

    open_view(page, f"{site}/embed/path?from={path_of(OFFICER)}&to={path_of(FEN_2016_R1)}")
    assert len(drawn_nodes(page)) == 3
    page.screenshot(path=str(ARTIFACTS / "embed_path.png"))
    assert page_errors(page) == []


@contextmanager
def host_site(view_url: str) -> Iterator[str]:
    """Another site (its own loopback origin) whose page frames the view; yields the page's address."""
    body = (
        "<!doctype html><html lang=en><title>A council's report</title><h1>Our improvement report</h1>"
        f'<iframe id="view" src="{view_url}" width="900" height="560" title="The view"></iframe>'
    ).encode()

    class Report(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test reads the page, not the log."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Report)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/report"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_another_site_frames_the_view(site: str, page: Page) -> None:
    view_url = f"{site}/embed/cluster/early%20help"
    with host_site(view_url) as report:
        page.goto(report)
        page.frame_locator("#view").locator("#kg-embed[data-ready=true]").wait_for(timeout=15_000)
        inner = next(f for f in page.frames if f.url == view_url)
        assert inner.evaluate("window.ofstedKg.cy.nodes().length") == 10
        page.screenshot(path=str(ARTIFACTS / "embed_in_another_site.png"))
    assert page_errors(page) == []


def test_origins_not_allowed_cannot_frame_the_view(neo4j_settings: Settings, site: str, page: Page) -> None:
    settings = neo4j_settings.model_copy(update={"embed_origins": ["https://intranet.example.org"]})
    with serve(settings) as strict, host_site(f"{strict}/embed/cluster/early%20help") as report:
        page.goto(report)
        page.wait_for_timeout(1_500)
        assert not any(f.url.startswith(strict) and f.evaluate("!!window.ofstedKg") for f in page.frames[1:])
    assert any("frame-ancestors" in error for error in page_errors(page))


def test_keyboard_users_expand_from_the_list(site: str, page: Page) -> None:
    open_view(page, f"{site}/embed/neighbourhood/{path_of(BOARD)}?depth=1")
    before = len(drawn_nodes(page))
    page.locator("details.as-list summary").click()
    button = page.locator(f'#kg-list button[data-expand="{FENBRIDGE}"]')
    button.focus()
    page.keyboard.press("Enter")
    wait_until_expanded(page, FENBRIDGE)
    assert len(drawn_nodes(page)) > before
    assert button.inner_text() == "Shown"


def test_home_page_chart_search_and_timeline(site: str, page: Page) -> None:
    response = page.goto(f"{site}/?q=early+help&council=Fenbridge")
    assert response is not None
    assert response.status == 200
    chart = page.locator("svg.chart")
    assert chart.count() == 1
    assert page.locator("svg.chart rect").count() > 0
    themes = page.locator("svg.chart a text").all_text_contents()
    assert themes[:2] == ["early help", "life story work"]
    years = page.locator("svg.chart text.axis").all_text_contents()
    # every year of the span is a column, a year with no inspection too
    assert years[:4] == ["2016", "2017", "2018", "2019"]
    results = page.locator("#search ol.results li")
    assert results.count() >= 4
    assert "Relationships" in results.first.inner_text()
    timeline = page.locator("#timeline tbody tr").all_inner_texts()
    assert timeline[0].startswith("2016-05-09\tInspection\tSIF 2016-05-09: inadequate")
    assert page.locator("#council").input_value() == "Fenbridge"
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)

    page.locator("input[name=themes][value=council]").check()
    page.locator("#themes input[type=submit]").click()
    page.wait_for_url("**themes=council**")
    columns = page.locator("svg.chart text.axis").all_text_contents()
    assert "Fenbridge" in columns
    assert "Holmcaster" in columns
    page.locator("#themes").screenshot(path=str(ARTIFACTS / "home_themes_by_council.png"))
    assert page_errors(page) == []
