"""The most recurrent themes across councils, over HTTP, with Ofsted reports ingested by the pipeline.

By default a spread of the reports (every fifth council's) is ingested, which keeps the
test under a minute; set `OFSTED_KG_TEST_ALL_REPORTS=1` to ingest all of them.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

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
    reports = shared_dir / "corpus" / "ofsted-reports"
    folders = sorted(p for p in reports.iterdir() if p.is_dir())
    if not os.environ.get("OFSTED_KG_TEST_ALL_REPORTS"):
        folders = folders[::5]
    database = neo4j_settings.neo4j_database
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    ensure_schema(driver, database)
    load_graph(driver, extract_paths(folders, workers=2).graph, database)
    async with api_client(neo4j_settings) as c:
        yield c


async def test_the_most_recurrent_themes_come_back_with_their_inspections(
    client: httpx.AsyncClient, driver: neo4j.Driver, neo4j_settings: Settings
) -> None:
    data = await data_of(
        client,
        """{ recurringRecommendations(filter: {basis: [THEME]}, first: 5) { totalCount nodes {
             label inspectionCount councilCount recommendationCount firstDate lastDate theme { id name }
             inspections { inspection { id framework startDate publishedDate year judgement }
               council { name code } items { kind text quote evidence { document { kind } } } } } }
           themes(sort: {field: RECURRENCE}, first: 1) { nodes { name } } }""",
    )
    groups = data["recurringRecommendations"]["nodes"]
    assert len(groups) == 5
    counts = [(g["inspectionCount"], g["councilCount"]) for g in groups]
    assert counts == sorted(counts, reverse=True)
    assert groups[0]["label"] == data["themes"]["nodes"][0]["name"]
    for group in groups:
        # recurring across councils, each inspection listed once with its council and dates
        assert group["councilCount"] >= 2
        inspections = group["inspections"]
        assert len(inspections) == group["inspectionCount"]
        assert len({i["council"]["code"] for i in inspections}) == group["councilCount"]
        dates = [i["inspection"]["startDate"] or i["inspection"]["publishedDate"] for i in inspections]
        assert all(dates)
        assert group["firstDate"] <= group["lastDate"]
        for inspection in inspections:
            assert inspection["items"]
            for item in inspection["items"]:
                assert item["quote"]
                assert item["evidence"]["document"]["kind"] == "OFSTED_REPORT"

    # the counts are the graph's own
    top = groups[0]
    records, _, _ = driver.execute_query(
        """MATCH (:Theme {uid: $theme})<-[:ABOUT]-()<-[:RECOMMENDED|FOUND]-(i:Inspection)
           RETURN count(DISTINCT i) AS inspections""",
        theme=top["theme"]["id"],
        database_=neo4j_settings.neo4j_database,
    )
    assert records[0]["inspections"] == top["inspectionCount"]


async def test_recurrence_within_each_council_over_time(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        """{ recurringRecommendations(filter: {scope: WITHIN_COUNCIL, basis: [THEME]}, first: 10) {
             nodes { label inspectionCount councilCount council { name }
               inspections { inspection { year } council { name } } } } }""",
    )
    groups = data["recurringRecommendations"]["nodes"]
    assert groups
    for group in groups:
        assert group["councilCount"] == 1
        assert group["inspectionCount"] >= 2
        assert {i["council"]["name"] for i in group["inspections"]} == {group["council"]["name"]}
