"""The embeddable relationship views over HTTP, against the real Neo4j.

A small invented graph (two councils, three inspections, recommendations and findings
about two themes, a plan, a board, an officer, a meeting, each read from a document)
is loaded with `graph.load.load_graph`, and the app is served by uvicorn on a free
loopback port. The browser tests (`test_pages_browser.py`) reuse both helpers.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from neo4j import Driver

from api.app import create_app
from api.embed import embed_router, frame_ancestors, renderer_missing_notice, view_request_from_url
from api.settings import Settings
from graph.load import ensure_schema, load_graph
from graph.views import ViewKind, cypher_string
from schema.errors import BadFilterError, ConfigurationError, NotFoundError
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship
from schema.vocabulary import Label, RelType

# ---------------------------------------------------------------------------- the invented graph

FENBRIDGE = "Council:E06099901"
HOLMCASTER = "Council:E08099902"
FEN_2016 = "Inspection:E06099901/sif/2016-05-09"
FEN_2019 = "Inspection:E06099901/ilacs/2019-03-11"
HOLM_2018 = "Inspection:E08099902/ilacs/2018-10-01"
FEN_2016_R1 = "Recommendation:E06099901/sif/2016-05-09/1/aaa111"
FEN_2016_R2 = "Recommendation:E06099901/sif/2016-05-09/2/aaa222"
FEN_2019_R1 = "Recommendation:E06099901/ilacs/2019-03-11/1/bbb111"
FEN_2019_F1 = "Finding:E06099901/ilacs/2019-03-11/bbb999"
HOLM_2018_R1 = "Recommendation:E08099902/ilacs/2018-10-01/1/ccc111"
HOLM_2018_F1 = "Finding:E08099902/ilacs/2018-10-01/ccc999"
EARLY_HELP = "Theme:early-help"
LIFE_STORY = "Theme:life-story-work"
PLAN = "ActionPlan:E06099901/improvement-plan-2016"
ACTION_1 = "Action:E06099901/improvement-plan-2016/1.1/ddd111"
ACTION_2 = "Action:E06099901/improvement-plan-2016/1.2/ddd222"
BOARD = "Board:E06099901/childrens-improvement-board"
OFFICER = "Person:E06099901/dana-whitlow"
MEETING = "Meeting:E06099901/childrens-improvement-board/2016-09-14"
LONELY_THEME = "Theme:neglect"

DOC_FEN_2016 = "Document:f0f0f0f0f0f02016"
DOC_FEN_2019 = "Document:f0f0f0f0f0f02019"
DOC_HOLM_2018 = "Document:a0a0a0a0a0a02018"
DOC_PLAN = "Document:b0b0b0b0b0b0plan"
DOC_MINUTES = "Document:c0c0c0c0c0c0mins"

QUOTE_FEN_2016_R1 = "Ensure that early help assessments are completed promptly and lead to timely support."


def invented_graph() -> GraphDoc:
    """A graph of invented councils, small enough to know every node a view should draw."""
    g = GraphDoc()

    def doc(uid: str, title: str, kind: str, date: str, source: str) -> None:
        g.add_node(
            Node(
                uid,
                (Label.DOCUMENT,),
                {"title": title, "kind": kind, "date": date, "source": source, "sha256": uid},
            )
        )

    doc(DOC_FEN_2016, "Fenbridge: inspection of children's services 2016", "ofsted_report", "2016-06-30",
        "https://reports.example.org/fenbridge-2016.pdf")  # fmt: skip
    doc(DOC_FEN_2019, "Fenbridge: ILACS inspection 2019", "ofsted_report", "2019-04-20",
        "https://reports.example.org/fenbridge-2019.pdf")  # fmt: skip
    doc(DOC_HOLM_2018, "Holmcaster: ILACS inspection 2018", "ofsted_report", "2018-11-15",
        "https://reports.example.org/holmcaster-2018.pdf")  # fmt: skip
    doc(DOC_PLAN, "Fenbridge improvement plan 2016", "action_plan", "2016-08-01", "plans/fenbridge-plan.xlsx")
    doc(DOC_MINUTES, "Children's Improvement Board minutes, 14 September 2016", "minutes", "2016-09-14",
        "minutes/fenbridge-cib-2016-09-14.html")  # fmt: skip

    def node(
        uid: str, labels: tuple[str, ...], props: dict[str, Any], document: str | None, quote: str
    ) -> None:
        evidence = [Evidence(document, quote, 100, 100 + len(quote))] if document else []
        g.add_node(Node(uid, labels, props, evidence))

    def rel(type_: RelType, start: str, end: str, document: str | None = None, quote: str = "") -> None:
        evidence = [Evidence(document, quote, 10, 10 + len(quote))] if document else []
        g.add_relationship(Relationship(type_, start, end, {}, evidence))

    node(FENBRIDGE, (Label.COUNCIL,), {"name": "Fenbridge", "code": "E06099901", "region": "East of England"},
         DOC_FEN_2016, "Fenbridge Borough Council")  # fmt: skip
    node(HOLMCASTER, (Label.COUNCIL,), {"name": "Holmcaster", "code": "E08099902", "region": "North West"},
         DOC_HOLM_2018, "Holmcaster Metropolitan Borough Council")  # fmt: skip
    node(FEN_2016, (Label.INSPECTION,), {"framework": "SIF", "start_date": "2016-05-09", "year": 2016,
         "judgement": "inadequate"}, DOC_FEN_2016, "Inspection dates: 9 May to 2 June 2016")  # fmt: skip
    node(FEN_2019, (Label.INSPECTION,), {"framework": "ILACS", "start_date": "2019-03-11", "year": 2019,
         "judgement": "requires improvement"}, DOC_FEN_2019, "Inspection dates: 11 to 22 March 2019")  # fmt: skip
    node(HOLM_2018, (Label.INSPECTION,), {"framework": "ILACS", "start_date": "2018-10-01", "year": 2018,
         "judgement": "good"}, DOC_HOLM_2018, "Inspection dates: 1 to 12 October 2018")  # fmt: skip
    recommendations = {
        FEN_2016_R1: (DOC_FEN_2016, 1, QUOTE_FEN_2016_R1),
        FEN_2016_R2: (DOC_FEN_2016, 2, "Improve the quality of life story work for children in care."),
        FEN_2019_R1: (DOC_FEN_2019, 1,
                      "Ensure that early help assessments are completed promptly and result in timely support."),
        HOLM_2018_R1: (DOC_HOLM_2018, 1,
                       "Strengthen management oversight of early help so that families receive timely help."),
    }  # fmt: skip
    for uid, (document, number, text) in recommendations.items():
        node(uid, (Label.RECOMMENDATION,), {"text": text, "number": number}, document, text)
    node(FEN_2019_F1, (Label.FINDING,), {"text": "Life story work is not consistently completed for children in care.",
         "polarity": "weakness"}, DOC_FEN_2019, "Life story work is not consistently completed")  # fmt: skip
    node(HOLM_2018_F1, (Label.FINDING,), {"text": "Early help services are well coordinated across partners.",
         "polarity": "strength"}, DOC_HOLM_2018, "Early help services are well coordinated")  # fmt: skip
    for uid, name in ((EARLY_HELP, "early help"), (LIFE_STORY, "life story work"), (LONELY_THEME, "neglect")):
        node(uid, (Label.THEME,), {"name": name}, None, "")
    node(PLAN, (Label.ACTION_PLAN,), {"title": "Improvement plan 2016", "status": "approved",
         "submitted_date": "2016-08-01"}, DOC_PLAN, "Fenbridge improvement plan 2016")  # fmt: skip
    node(ACTION_1, (Label.ACTION,), {"text": "Introduce a single early help assessment with a ten-day target.",
         "status": "complete", "due_date": "2017-01-31", "reference": "1.1"}, DOC_PLAN,
         "Introduce a single early help assessment")  # fmt: skip
    node(ACTION_2, (Label.ACTION,), {"text": "Train every social worker in life story work.",
         "status": "on track", "due_date": "2017-06-30", "reference": "1.2"}, DOC_PLAN,
         "Train every social worker in life story work")  # fmt: skip
    node(BOARD, (Label.BOARD,), {"name": "Children's Improvement Board", "kind": "board", "acronym": "CIB"},
         DOC_MINUTES, "the Children's Improvement Board")  # fmt: skip
    node(OFFICER, (Label.PERSON, Label.OFFICER), {"name": "Dana Whitlow", "role": "Director of Children's Services",
         "kind": "officer"}, DOC_MINUTES, "Dana Whitlow, Director of Children's Services")  # fmt: skip
    node(MEETING, (Label.MEETING,), {"date": "2016-09-14", "title": "Children's Improvement Board"},
         DOC_MINUTES, "Minutes of the meeting held on 14 September 2016")  # fmt: skip

    rel(RelType.INSPECTED, FEN_2016, FENBRIDGE, DOC_FEN_2016, "Fenbridge")
    rel(RelType.INSPECTED, FEN_2019, FENBRIDGE, DOC_FEN_2019, "Fenbridge")
    rel(RelType.INSPECTED, HOLM_2018, HOLMCASTER, DOC_HOLM_2018, "Holmcaster")
    for inspection, item in ((FEN_2016, FEN_2016_R1), (FEN_2016, FEN_2016_R2), (FEN_2019, FEN_2019_R1),
                             (HOLM_2018, HOLM_2018_R1)):  # fmt: skip
        rel(RelType.RECOMMENDED, inspection, item, recommendations[item][0], "What needs to improve")
    rel(RelType.FOUND, FEN_2019, FEN_2019_F1, DOC_FEN_2019, "Areas for improvement")
    rel(RelType.FOUND, HOLM_2018, HOLM_2018_F1, DOC_HOLM_2018, "Strengths")
    for item in (FEN_2016_R1, FEN_2019_R1, HOLM_2018_R1, HOLM_2018_F1, ACTION_1):
        rel(RelType.ABOUT, item, EARLY_HELP)
    for item in (FEN_2016_R2, FEN_2019_F1, ACTION_2):
        rel(RelType.ABOUT, item, LIFE_STORY)
    g.add_relationship(Relationship(RelType.SIMILAR_TO, FEN_2016_R1, FEN_2019_R1, {"score": 0.91}))
    rel(RelType.RESPONDS_TO, PLAN, FEN_2016, DOC_PLAN, "in response to the inspection of May 2016")
    rel(RelType.INCLUDES, PLAN, ACTION_1, DOC_PLAN, "1.1")
    rel(RelType.INCLUDES, PLAN, ACTION_2, DOC_PLAN, "1.2")
    rel(RelType.ADDRESSES, ACTION_1, FEN_2016_R1, DOC_PLAN, "Recommendation 1")
    rel(RelType.ADDRESSES, ACTION_2, FEN_2016_R2, DOC_PLAN, "Recommendation 2")
    rel(RelType.PART_OF, BOARD, FENBRIDGE, DOC_MINUTES, "Fenbridge's Children's Improvement Board")
    rel(RelType.MONITORS, BOARD, PLAN, DOC_MINUTES, "The board will monitor the improvement plan monthly")
    rel(RelType.OWNS, BOARD, ACTION_1, DOC_MINUTES, "The board agreed to lead the early help assessment")
    rel(RelType.SERVES, OFFICER, FENBRIDGE, DOC_MINUTES, "Director of Children's Services")
    rel(RelType.CHAIRS, OFFICER, BOARD, DOC_MINUTES, "Dana Whitlow (Chair)")
    rel(RelType.LEADS, OFFICER, ACTION_1, DOC_PLAN, "Lead: DCS")
    rel(RelType.HELD_BY, MEETING, BOARD, DOC_MINUTES, "Children's Improvement Board")
    rel(RelType.CONSIDERED, MEETING, PLAN, DOC_MINUTES, "The board considered the improvement plan")
    return g


def load_invented_graph(driver: Driver, settings: Settings) -> None:
    """Empty the test database and load the invented graph, with the schema (search needs its index)."""
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.neo4j_database)
    ensure_schema(driver, settings.neo4j_database)
    load_graph(driver, invented_graph(), settings.neo4j_database)


# ---------------------------------------------------------------------------- serving the app


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve_app(app: FastAPI) -> Iterator[str]:
    """An app served by uvicorn in a thread on a free loopback port; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the app did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@contextmanager
def serve(settings: Settings) -> Iterator[str]:
    """The project's app with these settings, served; yields its base URL."""
    with serve_app(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="module")
def base_url(driver: Driver, neo4j_settings: Settings) -> Iterator[str]:
    """The app over the invented graph."""
    load_invented_graph(driver, neo4j_settings)
    with serve(neo4j_settings) as url:
        yield url


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[httpx.Client]:
    """A client of the served app."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        yield client


def path_of(uid: str) -> str:
    """A uid as it goes in a view's address."""
    return quote(uid, safe=":/")


def node_ids(body: dict[str, Any]) -> set[str]:
    """The ids of the nodes of a Cytoscape elements body."""
    return {n["data"]["id"] for n in body["nodes"]}


def edge_triples(body: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(source, type, target) of the edges of a Cytoscape elements body."""
    return {(e["data"]["source"], e["data"]["type"], e["data"]["target"]) for e in body["edges"]}


# ---------------------------------------------------------------------------- JSON of each view


def test_neighbourhood_json_draws_what_lies_around_an_entity(http: httpx.Client) -> None:
    response = http.get(f"/embed/neighbourhood/{path_of(FENBRIDGE)}/json", params={"depth": 1})
    assert response.status_code == 200, response.text
    body = response.json()
    assert node_ids(body) == {FENBRIDGE, FEN_2016, FEN_2019, BOARD, OFFICER}
    assert edge_triples(body) == {
        (FEN_2016, "INSPECTED", FENBRIDGE),
        (FEN_2019, "INSPECTED", FENBRIDGE),
        (BOARD, "PART_OF", FENBRIDGE),
        (OFFICER, "SERVES", FENBRIDGE),
        (OFFICER, "CHAIRS", BOARD),
    }
    # documents are provenance, never drawn
    assert not any(n["data"]["label"] == "Document" for n in body["nodes"])
    assert "EVIDENCED_BY" not in {e["data"]["type"] for e in body["edges"]}
    by_id = {n["data"]["id"]: n["data"] for n in body["nodes"]}
    council = by_id[FENBRIDGE]
    assert council["label"] == "Council"
    assert council["caption"] == "Fenbridge"
    assert council["focus"] is True
    assert council["quote"] == "Fenbridge Borough Council"
    assert council["document"] == DOC_FEN_2016
    assert council["documentTitle"] == "Fenbridge: inspection of children's services 2016"
    assert council["documentUrl"] == "https://reports.example.org/fenbridge-2016.pdf"
    assert by_id[OFFICER]["label"] == "Officer"
    assert by_id[FEN_2016]["caption"] == "SIF 2016-05-09: inadequate"
    chairs = next(e["data"] for e in body["edges"] if e["data"]["type"] == "CHAIRS")
    assert chairs["quote"] == "Dana Whitlow (Chair)"
    assert chairs["document"] == DOC_MINUTES
    assert chairs["documentTitle"].startswith("Children's Improvement Board minutes")
    meta = body["meta"]
    assert meta["kind"] == "neighbourhood"
    assert meta["focus"] == [FENBRIDGE]
    assert meta["truncated"] is False
    assert meta["browserUrl"].startswith("http://127.0.0.1:")
    assert "/browser/?cmd=edit&arg=" in meta["browserUrl"]


def test_neighbourhood_depth_and_limit(http: httpx.Client) -> None:
    deep = http.get(f"/embed/neighbourhood/{path_of(FENBRIDGE)}/json", params={"depth": 2}).json()
    # two hops reach the recommendations, the plan, the meeting and the action the officer leads
    assert {FEN_2016_R1, FEN_2016_R2, FEN_2019_R1, FEN_2019_F1, PLAN, MEETING, ACTION_1} <= node_ids(deep)
    assert HOLMCASTER not in node_ids(deep)
    cut = http.get(f"/embed/neighbourhood/{path_of(FENBRIDGE)}/json", params={"depth": 3, "limit": 4}).json()
    assert len(cut["nodes"]) == 5
    assert cut["meta"]["truncated"] is True


def test_format_json_is_the_same_view(http: httpx.Client) -> None:
    one = http.get(f"/embed/neighbourhood/{path_of(BOARD)}/json").json()
    other = http.get(f"/embed/neighbourhood/{path_of(BOARD)}", params={"format": "json"}).json()
    assert one["nodes"] == other["nodes"]
    assert one["edges"] == other["edges"]


def test_path_json_is_the_shortest_chain(http: httpx.Client) -> None:
    response = http.get("/embed/path/json", params={"from": OFFICER, "to": FEN_2016_R1})
    assert response.status_code == 200, response.text
    body = response.json()
    # the officer leads the action that addresses the recommendation
    assert node_ids(body) == {OFFICER, ACTION_1, FEN_2016_R1}
    assert edge_triples(body) == {(OFFICER, "LEADS", ACTION_1), (ACTION_1, "ADDRESSES", FEN_2016_R1)}
    assert body["meta"]["found"] is True
    assert body["meta"]["stats"]["hops"] == 2
    across = http.get("/embed/path/json", params={"from": FENBRIDGE, "to": HOLMCASTER}).json()
    # the two councils meet through the theme their inspections share
    assert EARLY_HELP in node_ids(across)
    assert across["meta"]["stats"]["hops"] == 6


def test_path_not_found_within_the_hops_still_draws_both_ends(http: httpx.Client) -> None:
    body = http.get("/embed/path/json", params={"from": FENBRIDGE, "to": HOLMCASTER, "maxHops": 2}).json()
    assert body["meta"]["found"] is False
    assert node_ids(body) == {FENBRIDGE, HOLMCASTER}
    assert body["edges"] == []


def test_theme_cluster_json_by_name_and_by_id(http: httpx.Client) -> None:
    by_name = http.get("/embed/cluster/early%20help/json")
    assert by_name.status_code == 200, by_name.text
    body = by_name.json()
    assert node_ids(body) == {
        EARLY_HELP, FEN_2016_R1, FEN_2019_R1, HOLM_2018_R1, HOLM_2018_F1,
        FEN_2016, FEN_2019, HOLM_2018, FENBRIDGE, HOLMCASTER,
    }  # fmt: skip
    # the action about the theme is not part of why it recurs
    assert ACTION_1 not in node_ids(body)
    assert (FEN_2016_R1, "SIMILAR_TO", FEN_2019_R1) in edge_triples(body)
    assert (HOLM_2018, "FOUND", HOLM_2018_F1) in edge_triples(body)
    assert body["meta"]["stats"] == {"inspections": 3, "councils": 2, "items": 4}
    assert body["meta"]["focus"] == [EARLY_HELP]
    by_id = http.get(f"/embed/cluster/{path_of(EARLY_HELP)}/json").json()
    assert node_ids(by_id) == node_ids(body)
    upper = http.get("/embed/cluster/Early%20Help/json").json()
    assert node_ids(upper) == node_ids(body)


def test_similar_cluster_json_around_a_recommendation(http: httpx.Client) -> None:
    body = http.get(f"/embed/cluster/{path_of(FEN_2019_R1)}/json").json()
    assert node_ids(body) == {FEN_2016_R1, FEN_2019_R1, FEN_2016, FEN_2019, FENBRIDGE}
    assert (FEN_2016_R1, "SIMILAR_TO", FEN_2019_R1) in edge_triples(body)
    similar = next(e["data"] for e in body["edges"] if e["data"]["type"] == "SIMILAR_TO")
    assert similar["properties"]["score"] == pytest.approx(0.91)
    assert body["meta"]["stats"] == {"inspections": 2, "councils": 1, "items": 2}
    recommendation = next(n["data"] for n in body["nodes"] if n["data"]["id"] == FEN_2016_R1)
    assert recommendation["quote"] == QUOTE_FEN_2016_R1
    assert recommendation["documentDate"] == "2016-06-30"


def test_browser_queries_run_and_draw_the_view(
    http: httpx.Client, driver: Driver, neo4j_settings: Settings
) -> None:
    addresses = [
        f"/embed/neighbourhood/{path_of(FENBRIDGE)}/json",
        f"/embed/path/json?from={quote(OFFICER)}&to={quote(FEN_2016_R1)}",
        f"/embed/cluster/{path_of(EARLY_HELP)}/json",
        f"/embed/cluster/{path_of(FEN_2019_R1)}/json",
    ]
    for address in addresses:
        cypher = http.get(address).json()["meta"]["browserCypher"]
        records, _, _ = driver.execute_query(cypher, database_=neo4j_settings.neo4j_database, routing_="r")
        assert records, cypher


# ---------------------------------------------------------------------------- the page, oEmbed, snippet, headers


def test_page_has_the_graph_data_snippet_browser_link_and_renderer(http: httpx.Client, base_url: str) -> None:
    response = http.get(f"/embed/neighbourhood/{path_of(FENBRIDGE)}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<title>Neighbourhood of Fenbridge · ofsted-kg</title>" in page
    assert 'id="kg-view-data"' in page
    assert '<script src="/embed/assets/cytoscape.min.js"></script>' in page
    # the iframe snippet to copy, escaped inside its text area
    snippet = re.search(r'<textarea id="kg-snippet"[^>]*>(.*?)</textarea>', page, re.S)
    assert snippet is not None
    assert snippet.group(1).startswith(
        f"&lt;iframe src=&quot;{base_url}/embed/neighbourhood/{path_of(FENBRIDGE)}&quot;"
    )
    browser = re.search(r'<a href="([^"]+)" target="_blank" rel="noopener">Open in Neo4j Browser</a>', page)
    assert browser is not None
    link = browser.group(1).replace("&amp;", "&")
    assert link.startswith("http://127.0.0.1:")
    assert "/browser/?cmd=edit&arg=" in link
    cypher = unquote(link.split("arg=", 1)[1])
    assert f"{{uid: {cypher_string(FENBRIDGE)}}}" in cypher
    assert "EVIDENCED_BY" in cypher
    # the oEmbed endpoint is discoverable from the page
    assert 'type="application/json+oembed"' in page
    # the list beside the picture names every entity with its quote
    assert "Dana Whitlow, Director of Children&#x27;s Services" in page
    assert "<blockquote>Fenbridge Borough Council</blockquote>" in page
    renderer = http.get("/embed/assets/cytoscape.min.js")
    assert renderer.status_code == 200
    assert "cytoscape" in renderer.text[:2000].lower()
    assert http.get("/embed/assets/embed.js").status_code == 200
    assert http.get("/embed/assets/kg.css").headers["content-type"].startswith("text/css")
    assert http.get("/embed/assets/..%2Fembed.py").status_code == 404


def test_frame_ancestors_header_defaults_to_anyone(http: httpx.Client) -> None:
    for address in (f"/embed/neighbourhood/{path_of(FENBRIDGE)}", "/embed/cluster/early%20help"):
        policy = http.get(address).headers["content-security-policy"]
        assert "frame-ancestors 'self' *" in policy
        assert "script-src 'self'" in policy


def test_frame_ancestors_follow_the_setting(driver: Driver, neo4j_settings: Settings, base_url: str) -> None:
    settings = neo4j_settings.model_copy(
        update={"embed_origins": ["https://intranet.example.org", "https://*.example.net"]}
    )
    with serve(settings) as other, httpx.Client(base_url=other, timeout=30) as client:
        response = client.get(f"/embed/neighbourhood/{path_of(BOARD)}")
        assert response.status_code == 200
        policy = response.headers["content-security-policy"]
        assert policy.endswith("frame-ancestors 'self' https://intranet.example.org https://*.example.net")
        # the home page is not for framing by others
        assert client.get("/").headers["content-security-policy"].endswith("frame-ancestors 'self'")


def test_frame_ancestors_refuse_what_is_not_an_origin() -> None:
    assert frame_ancestors(["'none'"]) == "'none'"
    assert frame_ancestors([]) == "'self'"
    with pytest.raises(ConfigurationError, match="not an origin"):
        frame_ancestors(["https://a.example.org; script-src *"])


def test_oembed_gives_the_iframe(http: httpx.Client, base_url: str) -> None:
    page = f"{base_url}/embed/cluster/{path_of(EARLY_HELP)}"
    response = http.get("/oembed", params={"url": page, "format": "json"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["version"] == "1.0"
    assert body["type"] == "rich"
    assert body["title"] == "Recurrence of the theme early help"
    assert (body["width"], body["height"]) == (800, 600)
    assert body["html"] == (
        f'<iframe src="{page}" width="800" height="600" title="Recurrence of the theme early help" '
        'style="border:0" loading="lazy"></iframe>'
    )
    smaller = http.get("/oembed", params={"url": page, "maxwidth": 500, "maxheight": 300}).json()
    assert (smaller["width"], smaller["height"]) == (500, 300)
    assert 'width="500" height="300"' in smaller["html"]
    path = f"{base_url}/embed/path?from={quote(OFFICER)}&to={quote(FEN_2016_R1)}"
    assert http.get("/oembed", params={"url": path}).json()["title"].startswith("Path from Dana Whitlow")


def test_oembed_refusals(http: httpx.Client, base_url: str) -> None:
    assert (
        http.get(
            "/oembed", params={"url": f"{base_url}/embed/cluster/early%20help", "format": "xml"}
        ).status_code
        == 501
    )
    missing = http.get("/oembed")
    assert missing.status_code == 400
    assert "url" in missing.json()["error"]["message"]
    elsewhere = http.get(
        "/oembed", params={"url": "https://elsewhere.example.org/embed/cluster/early%20help"}
    )
    assert elsewhere.status_code == 404
    unknown = http.get("/oembed", params={"url": f"{base_url}/embed/neighbourhood/Council:E00000000"})
    assert unknown.status_code == 404
    assert "Council:E00000000" in unknown.json()["error"]["message"]
    assert http.get("/oembed", params={"url": f"{base_url}/graphql"}).status_code == 404


def test_view_addresses_read_back() -> None:
    request_ = view_request_from_url(
        "http://127.0.0.1:8000/embed/neighbourhood/Inspection:E06099901/sif/2016-05-09?depth=3",
        "127.0.0.1:8000",
    )
    assert (request_.kind, request_.key, request_.depth) == (ViewKind.NEIGHBOURHOOD, FEN_2016, 3)
    assert request_.page_path() == "/embed/neighbourhood/Inspection:E06099901/sif/2016-05-09?depth=3"
    assert request_.json_path() == "/embed/neighbourhood/Inspection:E06099901/sif/2016-05-09/json?depth=3"
    with pytest.raises(NotFoundError):
        view_request_from_url("/embed/elsewhere/x", "127.0.0.1:8000")
    with pytest.raises(BadFilterError, match="depth must be a whole number"):
        view_request_from_url("/embed/neighbourhood/Council:E1?depth=two", "127.0.0.1:8000")


# ---------------------------------------------------------------------------- 404 and 400


def test_unknown_ids_are_404_with_a_message(http: httpx.Client) -> None:
    as_json = http.get("/embed/neighbourhood/Council:E00000000/json")
    assert as_json.status_code == 404
    assert as_json.json()["error"] == {
        "status": 404,
        "code": "NOT_FOUND",
        "message": "no entity has the id 'Council:E00000000'",
    }
    page = http.get("/embed/neighbourhood/Council:E00000000")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "No entity has the id &#x27;Council:E00000000&#x27;" in page.text
    assert "frame-ancestors" in page.headers["content-security-policy"]
    assert http.get("/embed/neighbourhood/nonsense/json").status_code == 404
    theme = http.get("/embed/cluster/underwater%20basket%20weaving/json")
    assert theme.status_code == 404
    assert theme.json()["error"]["message"] == "no theme is named 'underwater basket weaving'"
    path = http.get("/embed/path/json", params={"from": FENBRIDGE, "to": "Board:E06099901/no-such-board"})
    assert path.status_code == 404
    assert "Board:E06099901/no-such-board" in path.json()["error"]["message"]


@pytest.mark.parametrize(
    ("address", "params", "message"),
    [
        (f"/embed/neighbourhood/{FENBRIDGE}/json", {"depth": "4"}, "depth must be between 1 and 3, not 4"),
        (
            f"/embed/neighbourhood/{FENBRIDGE}/json",
            {"depth": "two"},
            "depth must be a whole number, not 'two'",
        ),
        (f"/embed/neighbourhood/{FENBRIDGE}/json", {"limit": "0"}, "limit must be between 1 and 300, not 0"),
        (f"/embed/neighbourhood/{FENBRIDGE}", {"format": "xml"}, "format must be html or json, not 'xml'"),
        ("/embed/path/json", {"from": FENBRIDGE}, "a path needs both ends"),
        (
            "/embed/path/json",
            {"from": FENBRIDGE, "to": HOLMCASTER, "maxHops": "11"},
            "maxHops must be between",
        ),
        (f"/embed/cluster/{FENBRIDGE}/json", {}, "a cluster is drawn around a theme or a recommendation"),
        (f"/embed/neighbourhood/{DOC_PLAN}/json", {}, "is a document"),
    ],
)
def test_bad_parameters_are_400_with_a_message(
    http: httpx.Client, address: str, params: dict[str, str], message: str
) -> None:
    response = http.get(address, params=params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "BAD_REQUEST"
    assert message in response.json()["error"]["message"]


def test_bad_parameters_on_a_page_are_a_400_page(http: httpx.Client) -> None:
    response = http.get(f"/embed/neighbourhood/{path_of(FENBRIDGE)}", params={"depth": "9"})
    assert response.status_code == 400
    assert "Depth must be between 1 and 3, not 9" in response.text


def test_home_page_over_http(http: httpx.Client) -> None:
    page = http.get("/", params={"q": "life story", "council": "Holmcaster", "themes": "council"})
    assert page.status_code == 200
    assert "frame-ancestors 'self'" in page.headers["content-security-policy"]
    assert "Improve the quality of life story work for children in care." in page.text
    assert "ILACS 2018-10-01: good" in page.text
    assert '<svg class="chart"' in page.text
    assert f'href="/embed/cluster/{EARLY_HELP}"' in page.text
    unknown = http.get("/", params={"council": "Atlantis"})
    assert unknown.status_code == 404
    assert "No council has the name or ONS code &#x27;Atlantis&#x27;" in unknown.text
    assert http.get("/embed/", follow_redirects=False).headers["location"] == "/#views"
    # a search text full of Lucene's operators is searched for, not parsed
    assert http.get("/", params={"q": 'early AND (help" OR'}).status_code == 200


def test_missing_renderer_is_explained(tmp_path: Path) -> None:
    notice = renderer_missing_notice(tmp_path / "node_modules" / "cytoscape.min.js")
    assert "npm ci" in notice
    assert " hidden" not in notice.split(">", 1)[0]
    installed = tmp_path / "cytoscape.min.js"
    installed.write_text("/* renderer */", encoding="utf-8")
    assert " hidden>" in renderer_missing_notice(installed)
    # the file itself answers with the same advice
    app = FastAPI()
    app.include_router(embed_router(Settings(), renderer=tmp_path / "node_modules" / "cytoscape.min.js"))
    with serve_app(app) as url:
        response = httpx.get(f"{url}/embed/assets/cytoscape.min.js")
    assert response.status_code == 404
    assert "npm ci --no-audit --no-fund" in response.text
