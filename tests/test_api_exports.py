"""Exports over HTTP, read back: RDF by rdflib against the command line's export of the same
data, GraphML by networkx, JSON as the graph JSON; and the errors a client can act on.

The graph is the API tests' invented one (Wexmoor and Northfold). What the API serves is
compared with what `graph.export` makes of `read_graph` (the synchronous read the command
line uses) over the same database, so the two reads must agree to the triple.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import neo4j
import networkx as nx
import pytest
import pytest_asyncio
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic
from test_api_support import (
    ACTION_OWNED,
    DOC_PLAN,
    DOC_WEX_2015,
    NORTHFOLD,
    PANEL,
    WEXMOOR,
    api_client,
    load_invented_graph,
)

from api.exports import export_filename
from api.settings import Settings
from graph.export import neighbourhood_uids, read_graph, to_json, to_jsonld, to_turtle
from schema.graphdoc import GraphDoc
from schema.rdf import entity_iri

pytestmark = pytest.mark.neo4j


@pytest_asyncio.fixture(scope="module")
async def client(neo4j_settings: Settings, driver: neo4j.Driver) -> AsyncIterator[httpx.AsyncClient]:
    load_invented_graph(driver, neo4j_settings.neo4j_database)
    async with api_client(neo4j_settings) as c:
        yield c


def _expected(
    driver: neo4j.Driver, settings: Settings, around: str | None = None, depth: int = 1
) -> GraphDoc:
    """What the command line exports of the same database."""
    database = settings.neo4j_database
    uids = neighbourhood_uids(driver, database, around, depth) if around else None
    return read_graph(driver, database, uids)


def _assert_isomorphic(served: Graph, expected: Graph) -> None:
    if not isomorphic(served, expected):
        _, only_served, only_expected = graph_diff(served, expected)
        pytest.fail(
            "the served RDF differs from the command line's:\n"
            f"only served:\n{only_served.serialize(format='nt')}\n"
            f"only expected:\n{only_expected.serialize(format='nt')}"
        )


def _disposition(response: httpx.Response) -> str:
    return response.headers["content-disposition"]


async def test_turtle_of_the_whole_graph(
    client: httpx.AsyncClient, driver: neo4j.Driver, neo4j_settings: Settings
) -> None:
    response = await client.get("/export/turtle")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    assert _disposition(response) == 'attachment; filename="ofsted-kg.ttl"'
    served = Graph().parse(data=response.text, format="turtle")
    expected = Graph().parse(data=to_turtle(_expected(driver, neo4j_settings)), format="turtle")
    _assert_isomorphic(served, expected)
    # and it is the graph: the council, named, with what it was read from
    wexmoor = entity_iri(WEXMOOR)
    assert Literal("Wexmoor") in set(served.objects(wexmoor, None))
    assert any(True for _ in served.triples((wexmoor, None, entity_iri(DOC_WEX_2015))))


@pytest.mark.parametrize("depth", [1, 2])
async def test_turtle_around_an_entity(
    client: httpx.AsyncClient, driver: neo4j.Driver, neo4j_settings: Settings, depth: int
) -> None:
    response = await client.get("/export/turtle", params={"around": PANEL, "depth": depth})
    assert response.status_code == 200, response.text
    assert _disposition(response) == (
        f'attachment; filename="ofsted-kg-Board-E06000901-corporate-parenting-panel-depth-{depth}.ttl"'
    )
    served = Graph().parse(data=response.text, format="turtle")
    expected_graph = _expected(driver, neo4j_settings, PANEL, depth)
    _assert_isomorphic(served, Graph().parse(data=to_turtle(expected_graph), format="turtle"))
    subjects = {s for s in served.subjects() if isinstance(s, URIRef)}
    # the panel, what it owns and its council are there; the other council is not
    assert {entity_iri(PANEL), entity_iri(ACTION_OWNED), entity_iri(WEXMOOR)} <= subjects
    assert entity_iri(NORTHFOLD) not in subjects
    # with the documents its facts were read from
    assert entity_iri(DOC_PLAN) in subjects


async def test_jsonld_reads_back_to_the_same_rdf(
    client: httpx.AsyncClient, driver: neo4j.Driver, neo4j_settings: Settings
) -> None:
    response = await client.get("/export/jsonld", params={"around": WEXMOOR})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/ld+json"
    assert _disposition(response) == 'attachment; filename="ofsted-kg-Council-E06000901-depth-1.jsonld"'
    served = Graph().parse(data=response.text, format="json-ld")
    expected = Graph().parse(data=to_jsonld(_expected(driver, neo4j_settings, WEXMOOR)), format="json-ld")
    _assert_isomorphic(served, expected)


async def test_graphml_reads_back_in_networkx(
    client: httpx.AsyncClient, driver: neo4j.Driver, neo4j_settings: Settings
) -> None:
    response = await client.get("/export/graphml")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/graphml+xml"
    assert _disposition(response) == 'attachment; filename="ofsted-kg.graphml"'
    served = nx.parse_graphml(response.text, force_multigraph=True)
    expected = to_json(_expected(driver, neo4j_settings))
    assert set(served.nodes) == {n["id"] for n in expected["nodes"]}
    assert sorted((str(a), str(d["label"]), str(b)) for a, b, d in served.edges(data=True)) == sorted(
        (r["start"], r["type"], r["end"]) for r in expected["relationships"]
    )
    assert served.nodes[WEXMOOR]["labels"] == ":Council"
    assert served.nodes[WEXMOOR]["name"] == "Wexmoor"
    owns = [d for a, b, d in served.edges(data=True) if (a, b) == (PANEL, ACTION_OWNED)]
    assert [d["label"] for d in owns] == ["OWNS"]


async def test_json_is_the_graph_json(
    client: httpx.AsyncClient, driver: neo4j.Driver, neo4j_settings: Settings
) -> None:
    response = await client.get("/export/json", params={"around": NORTHFOLD, "depth": "3"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert _disposition(response) == 'attachment; filename="ofsted-kg-Council-E08000902-depth-3.json"'
    assert response.json() == json.loads(json.dumps(to_json(_expected(driver, neo4j_settings, NORTHFOLD, 3))))


@pytest.mark.parametrize(
    ("path", "params", "status", "message"),
    [
        ("/export/turtle", {"around": "Council:E00000000"}, 404, "no entity has the id 'Council:E00000000'"),
        ("/export/turtle", {"around": "Nonsense"}, 404, "no entity has the id"),
        ("/export/rdfxml", {}, 400, "unknown export format 'rdfxml'"),
        ("/export/json", {"around": WEXMOOR, "depth": "4"}, 400, "depth must be 1, 2 or 3, not 4"),
        ("/export/json", {"around": WEXMOOR, "depth": "0"}, 400, "depth must be 1, 2 or 3"),
        ("/export/json", {"around": WEXMOOR, "depth": "two"}, 400, "not 'two'"),
        ("/export/json", {"depth": "2"}, 400, "depth applies to an export around an entity"),
        ("/export/json", {"around": "  "}, 400, "around is empty"),
    ],
)
async def test_errors_say_what_is_wrong(
    client: httpx.AsyncClient, path: str, params: dict[str, str], status: int, message: str
) -> None:
    response = await client.get(path, params=params)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status
    assert message in error["message"]


def test_file_names_are_safe() -> None:
    assert export_filename("turtle") == "ofsted-kg.ttl"
    assert export_filename("graphml", "Inspection:E09000014/sif/2014-05-20", 2) == (
        "ofsted-kg-Inspection-E09000014-sif-2014-05-20-depth-2.graphml"
    )
    assert export_filename("json", 'Board:"x"; y', 1) == "ofsted-kg-Board-x-y-depth-1.json"


async def test_a_database_that_does_not_answer_is_a_503() -> None:
    # a port nothing listens on: the app starts all the same, and the export says why it cannot
    async with api_client(Settings(neo4j_uri="bolt://127.0.0.1:9", transaction_timeout=5.0)) as down:
        response = await down.get("/export/json")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "DATABASE_UNAVAILABLE"
