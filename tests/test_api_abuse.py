"""Abusive queries are refused with a clear message, and the server goes on answering others."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import neo4j
import pytest
import pytest_asyncio
from test_api_support import api_client, data_of, graphql, load_invented_graph

from api.settings import Settings

pytestmark = pytest.mark.neo4j

NORMAL = "{ councils(first: 2) { totalCount nodes { name } } }"


@pytest_asyncio.fixture(scope="module")
async def client(neo4j_settings: Settings, driver: neo4j.Driver) -> AsyncIterator[httpx.AsyncClient]:
    load_invented_graph(driver, neo4j_settings.neo4j_database)
    async with api_client(neo4j_settings) as c:
        yield c


def _deep(levels: int) -> str:
    query = "name"
    for _ in range(levels):
        query = f"inspections {{ council {{ {query} }} }}"
    return f"{{ councils {{ nodes {{ {query} }} }} }}"


ABUSIVE: dict[str, tuple[str, str]] = {
    "deep": (_deep(6), "exceeds maximum operation depth of 10"),
    "aliased": (
        "{ " + " ".join(f"a{i}: councils {{ totalCount }}" for i in range(16)) + " }",
        "16 aliases found",
    ),
    "wide": ("{ councils { nodes { " + "name " * 2100 + "} } }", "more than 2000 tokens"),
    "huge page": ("{ councils(first: 100000) { nodes { name } } }", "must be between 0 and 100"),
    "huge page in a variable": ("query($n: Int) { inspections(first: $n) { totalCount } }", "not 5000"),
    "expensive": (
        "{ councils(first: 100) { nodes { inspections { recommendations { themes {"
        " recommendations(first: 100) { nodes { text } } } } } } } }",
        "more than the 5000 allowed",
    ),
    "huge neighbourhood": (
        '{ neighbourhood(id: "Council:E06000901", limit: 100000) { truncated } }',
        "would cost 200000",
    ),
    "neighbourhood beyond the page size": (
        '{ neighbourhood(id: "Council:E06000901", limit: 101) { truncated } }',
        "`limit` must be between 1 and 100",
    ),
    "far path": (
        '{ path(from: "Council:E06000901", to: "Council:E08000902", maxHops: 50) { length } }',
        "maxHops",
    ),
}
VARIABLES: dict[str, dict[str, Any]] = {"huge page in a variable": {"n": 5000}}


@pytest.mark.parametrize("name", list(ABUSIVE))
async def test_abusive_queries_are_refused_clearly(client: httpx.AsyncClient, name: str) -> None:
    query, message = ABUSIVE[name]
    body = await graphql(client, query, VARIABLES.get(name))
    assert body.get("data") is None or all(v is None for v in body["data"].values()), body
    assert body["errors"], body
    assert message in body["errors"][0]["message"], body["errors"]
    # and the next query is answered as usual
    assert (await data_of(client, NORMAL))["councils"]["totalCount"] == 2


async def test_refusing_abuse_does_not_stop_answering_others(client: httpx.AsyncClient) -> None:
    abusive = [graphql(client, query, VARIABLES.get(name)) for name, (query, _) in ABUSIVE.items()] * 3
    normal = [graphql(client, NORMAL) for _ in range(10)]
    results = await asyncio.gather(*abusive, *normal)
    assert all(r.get("errors") for r in results[: len(abusive)])
    assert all(r["data"]["councils"]["totalCount"] == 2 for r in results[len(abusive) :])


async def test_expensive_queries_are_refused_before_touching_the_database(client: httpx.AsyncClient) -> None:
    repository = client.app.state.repository  # type: ignore[attr-defined]
    before = repository.queries_run
    body = await graphql(client, ABUSIVE["expensive"][0])
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_EXPENSIVE"
    assert body["extensions"]["cost"]["requested"] > 5000
    assert repository.queries_run == before


async def test_lower_limits_from_the_settings_apply(neo4j_settings: Settings) -> None:
    async with api_client(neo4j_settings, max_depth=3, max_aliases=1, max_cost=10, max_page_size=5) as strict:
        body = await graphql(strict, "{ councils { nodes { inspections { council { name } } } } }")
        assert "exceeds maximum operation depth of 3" in body["errors"][0]["message"]
        body = await graphql(strict, "{ a: councils { totalCount } b: councils { totalCount } }")
        assert "2 aliases found. Allowed: 1" in body["errors"][0]["message"]
        body = await graphql(strict, "{ councils(first: 6) { totalCount } }")
        assert "between 0 and 5" in body["errors"][0]["message"]
        body = await graphql(
            strict, "{ councils(first: 5) { nodes { inspections { year } boards { name } } } }"
        )
        assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_EXPENSIVE"


async def test_introspection_can_be_switched_off(neo4j_settings: Settings, client: httpx.AsyncClient) -> None:
    introspection = "{ __schema { queryType { name } } }"
    assert (await data_of(client, introspection))["__schema"]["queryType"]["name"] == "Query"
    async with api_client(neo4j_settings, introspection=False) as closed:
        body = await graphql(closed, introspection)
        assert "introspection" in body["errors"][0]["message"].lower()
        # nor do error messages suggest field names
        body = await graphql(closed, "{ councilz { totalCount } }")
        assert "Did you mean" not in body["errors"][0]["message"]
        assert (await data_of(closed, NORMAL))["councils"]["totalCount"] == 2


async def test_graphiql_can_be_switched_off(neo4j_settings: Settings, client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    async with api_client(neo4j_settings, graphiql=False) as closed:
        page = await closed.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 404
        assert (await data_of(closed, NORMAL))["councils"]["totalCount"] == 2
