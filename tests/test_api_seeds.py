"""The analysts' two questions over HTTP, with the seed documents ingested by the pipeline.

The seeds are real council documents about Haringey (and Barnet): its 2014 and 2018
inspections, the Getting to Good plan monitored by the Getting to Good Board, and
minutes that name the boards owning some actions.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import neo4j
import pytest
import pytest_asyncio
from test_api_support import api_client, data_of

from api.settings import Settings
from graph.load import ensure_schema, load_graph
from ingest.pipeline import extract_paths

pytestmark = [pytest.mark.neo4j, pytest.mark.corpus]


@pytest_asyncio.fixture(scope="module")
async def client(
    neo4j_settings: Settings, driver: neo4j.Driver, shared_dir: Path
) -> AsyncIterator[httpx.AsyncClient]:
    database = neo4j_settings.neo4j_database
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    ensure_schema(driver, database)
    result = extract_paths([shared_dir / "corpus" / "seeds"], workers=1)
    assert not result.failed
    load_graph(driver, result.graph, database)
    async with api_client(neo4j_settings) as c:
        yield c


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


async def test_early_help_recurs_across_haringeys_2014_and_2018_inspections(
    client: httpx.AsyncClient, shared_dir: Path
) -> None:
    data = await data_of(
        client,
        """{ recurringRecommendations(filter: {council: "Haringey", basis: [THEME]}) { nodes {
             label inspectionCount
             inspections { inspection { year framework council { name } }
               items { kind text quote evidence { document { source } } } } } } }""",
    )
    groups = {g["label"]: g for g in data["recurringRecommendations"]["nodes"]}
    assert "early help" in groups, sorted(groups)
    early_help = groups["early help"]
    years = {i["inspection"]["year"] for i in early_help["inspections"]}
    assert {2014, 2018} <= years
    assert all(i["inspection"]["council"]["name"] == "Haringey" for i in early_help["inspections"])
    for inspection in early_help["inspections"]:
        assert inspection["items"]
        for item in inspection["items"]:
            assert "early help" in item["text"].lower()
            # the quote is the document's own words
            document = Path(item["evidence"]["document"]["source"])
            assert document.parent == shared_dir / "corpus" / "seeds"
            assert _words(item["quote"]) in _words(document.read_text(encoding="utf-8", errors="replace"))


async def _ownership(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        data = await data_of(
            client,
            """query($after: String) { actionOwnership(filter: {council: "Haringey"}, first: 50, after: $after) {
                 pageInfo { hasNextPage endCursor }
                 nodes { ownership action { text plans { title } }
                   owners { basis board { name } plan { title } evidence { quote } } } } }""",
            {"after": after},
        )
        page = data["actionOwnership"]
        nodes.extend(page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


async def test_the_getting_to_good_boards_actions_are_inherited_through_its_plan(
    client: httpx.AsyncClient,
) -> None:
    nodes = await _ownership(client)
    plan_actions = [
        n for n in nodes if any("getting to good" in (p["title"] or "").lower() for p in n["action"]["plans"])
    ]
    inherited = [n for n in plan_actions if n["ownership"] == "INHERITED"]
    assert len(inherited) >= 5
    for n in inherited:
        boards = {o["board"]["name"] for o in n["owners"]}
        assert "Getting to Good Board" in boards
        owner = next(o for o in n["owners"] if o["board"]["name"] == "Getting to Good Board")
        assert owner["basis"] == "INHERITED"
        assert "getting to good" in owner["plan"]["title"].lower()
        # the evidence: the plan's monitoring by the board
        assert any("Getting to Good Board" in e["quote"] for e in owner["evidence"])


async def test_a_board_named_by_a_document_owns_its_action(client: httpx.AsyncClient) -> None:
    nodes = await _ownership(client)
    owned = [n for n in nodes if n["ownership"] == "OWNED"]
    assert owned
    for n in owned:
        for owner in n["owners"]:
            assert owner["basis"] == "OWNED"
            assert owner["plan"] is None
            assert owner["evidence"]
            assert owner["evidence"][0]["quote"]
    evaluator = [n for n in owned if "independent evaluator" in n["action"]["text"].lower()]
    assert evaluator, [n["action"]["text"] for n in owned]
    assert {o["board"]["name"] for o in evaluator[0]["owners"]} == {"Haringey 54,000 Board"}
