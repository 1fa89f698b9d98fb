"""The GraphQL API over HTTP against the real Neo4j, on a graph of two invented councils."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import neo4j
import pytest
import pytest_asyncio
from test_api_support import (
    ACTION_INHERITED,
    ACTION_OWNED,
    ACTION_UNOWNED,
    DOC_PLAN,
    IMPROVEMENT_BOARD,
    PANEL,
    PLAN,
    QUOTE_FINDING_2015,
    QUOTE_FINDING_2019,
    QUOTE_MONITORS,
    QUOTE_OWNS,
    QUOTE_REC_1,
    WEX_2015,
    WEX_2019,
    WEX_REC_1,
    WEXMOOR,
    api_client,
    app_of,
    data_of,
    graphql,
    load_invented_graph,
)

from api.settings import Settings
from graph.repository import GraphRepository
from schema.errors import QueryTooExpensiveError

pytestmark = pytest.mark.neo4j


@pytest_asyncio.fixture(scope="module")
async def client(neo4j_settings: Settings, driver: neo4j.Driver) -> AsyncIterator[httpx.AsyncClient]:
    load_invented_graph(driver, neo4j_settings.neo4j_database)
    async with api_client(neo4j_settings) as c:
        yield c


def _codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors") or []]


# ---------------------------------------------------------------------------- entities and relationships


async def test_node_finds_every_kind_by_its_uid(client: httpx.AsyncClient) -> None:
    ids = {
        WEXMOOR: "Council",
        WEX_2015: "Inspection",
        WEX_REC_1: "Recommendation",
        PLAN: "ActionPlan",
        ACTION_OWNED: "Action",
        PANEL: "Board",
        "Person:E06000901/jo-rivers": "Person",
        "Theme:early-help": "Theme",
        "Meeting:E06000901/wexmoor-improvement-board/2015-07-14": "Meeting",
        DOC_PLAN: "Document",
        "Finding:E06000901/sif/2015-03-02/eee": "Finding",
    }
    for uid, typename in ids.items():
        data = await data_of(client, "query($id: ID!) { node(id: $id) { __typename id } }", {"id": uid})
        assert data["node"] == {"__typename": typename, "id": uid}
    data = await data_of(
        client, '{ node(id: "Council:E99999999") { id } nodes(ids: ["Theme:early-help", "x"]) { id } }'
    )
    assert data["node"] is None
    assert data["nodes"] == [{"id": "Theme:early-help"}, None]


async def test_relationships_read_in_both_directions(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        """query($id: ID!) { node(id: $id) { ... on Council {
             name code region
             inspections { id council { id } recommendations { number inspection { id } } }
             boards { name council { name } }
             people { name kind councils { name } }
           } } }""",
        {"id": WEXMOOR},
    )
    council = data["node"]
    assert [i["id"] for i in council["inspections"]] == [WEX_2015, WEX_2019]
    assert all(i["council"]["id"] == WEXMOOR for i in council["inspections"])
    assert [r["number"] for r in council["inspections"][0]["recommendations"]] == [1, 2]
    assert all(r["inspection"]["id"] == WEX_2015 for r in council["inspections"][0]["recommendations"])
    assert {b["name"] for b in council["boards"]} == {
        "Wexmoor Improvement Board",
        "Corporate Parenting Panel",
    }
    assert {(p["name"], p["kind"]) for p in council["people"]} == {
        ("Jo Rivers", "OFFICER"),
        ("Sam Hale", "COUNCILLOR"),
    }

    data = await data_of(
        client,
        """query($id: ID!) { node(id: $id) { ... on Board {
             monitors { title respondsTo { id } actions { id plans { id } } monitoredBy { id } meetings { date } }
             reportedToBy { name reportsTo { name } }
             chairs { name chairs { name } }
             members { name memberOf { name } }
             meetings { title heldBy { name } considered { __typename id } }
           } } }""",
        {"id": IMPROVEMENT_BOARD},
    )
    board = data["node"]
    plan = board["monitors"][0]
    assert plan["respondsTo"] == [{"id": WEX_2015}]
    assert {a["id"] for a in plan["actions"]} == {ACTION_OWNED, ACTION_INHERITED}
    assert all(a["plans"] == [{"id": PLAN}] for a in plan["actions"])
    assert plan["monitoredBy"] == [{"id": IMPROVEMENT_BOARD}]
    assert plan["meetings"] == [{"date": "2015-07-14"}]
    assert board["reportedToBy"] == [
        {"name": "Corporate Parenting Panel", "reportsTo": [{"name": "Wexmoor Improvement Board"}]}
    ]
    assert board["chairs"] == [{"name": "Jo Rivers", "chairs": [{"name": "Wexmoor Improvement Board"}]}]
    assert board["members"][0]["memberOf"] == [{"name": "Wexmoor Improvement Board"}]
    assert board["meetings"][0]["considered"] == [{"__typename": "ActionPlan", "id": PLAN}]


async def test_entities_and_relationships_carry_their_provenance(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        """query($id: ID!) { node(id: $id) { ... on Recommendation {
             text evidence { quote start end documentId document { title kind source } }
             similar { score node { ... on Recommendation { id inspection { year } } } }
             addressedBy { text ownedBy { name } }
           } } }""",
        {"id": WEX_REC_1},
    )
    rec = data["node"]
    evidence = rec["evidence"][0]
    assert evidence["quote"] == QUOTE_REC_1
    assert evidence["end"] - evidence["start"] == len(QUOTE_REC_1)
    assert evidence["document"] == {
        "title": "Wexmoor SIF report",
        "kind": "OFSTED_REPORT",
        "source": "reports/wexmoor-2015.pdf",
    }
    assert [s["score"] for s in rec["similar"]] == [0.9, 0.88]
    assert rec["addressedBy"] == [
        {
            "text": "Refresh the pathway plans of all care leavers",
            "ownedBy": [{"name": "Corporate Parenting Panel"}],
        }
    ]

    data = await data_of(
        client,
        """query($id: ID!) { neighbourhood(id: $id, via: [OWNS]) {
             relationships { type startId endId evidence { quote document { title } } sources } } }""",
        {"id": PANEL},
    )
    (owns,) = data["neighbourhood"]["relationships"]
    assert owns["type"] == "OWNS"
    assert owns["evidence"] == {"quote": QUOTE_OWNS, "document": {"title": "Wexmoor Improvement Plan"}}
    assert owns["sources"] == [DOC_PLAN]


async def test_inspections_give_judgements_and_sub_judgements(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        """query($id: ID!) { node(id: $id) { ... on Inspection {
             framework judgement startDate endDate year inspectionType subJudgements { area judgement } } } }""",
        {"id": WEX_2019},
    )
    assert data["node"] == {
        "framework": "ILACS", "judgement": "REQUIRES_IMPROVEMENT", "startDate": "2019-06-10",
        "endDate": "2019-06-21", "year": 2019, "inspectionType": "standard",
        "subJudgements": [{"area": "leaders", "judgement": "GOOD"}],
    }  # fmt: skip


# ---------------------------------------------------------------------------- lists, filters, sorting, pages


INSPECTIONS = """query($filter: InspectionFilter, $sort: Sort, $first: Int, $after: String) {
  inspections(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }"""


async def _inspection_ids(client: httpx.AsyncClient, **variables: Any) -> list[str]:
    data = await data_of(client, INSPECTIONS, variables)
    return [n["id"] for n in data["inspections"]["nodes"]]


async def test_lists_filter_by_council_name_or_code_region_framework_judgement_and_dates(
    client: httpx.AsyncClient,
) -> None:
    assert set(await _inspection_ids(client, filter={"council": "WEXMOOR"})) == {WEX_2015, WEX_2019}
    assert set(await _inspection_ids(client, filter={"council": "E06000901"})) == {WEX_2015, WEX_2019}
    assert set(await _inspection_ids(client, filter={"council": "Wexmoor Council"})) == {WEX_2015, WEX_2019}
    assert await _inspection_ids(client, filter={"region": "north west"}) == [
        "Inspection:E08000902/sif/2016-01-11"
    ]
    assert await _inspection_ids(client, filter={"framework": "ILACS"}) == [WEX_2019]
    assert await _inspection_ids(client, filter={"judgement": "INADEQUATE"}) == [WEX_2015]
    assert await _inspection_ids(client, filter={"from": "2015-06", "to": "2018"}) == [
        "Inspection:E08000902/sif/2016-01-11"
    ]
    assert await _inspection_ids(client, filter={"theme": "early help", "council": "wexmoor"}, sort={"field": "DATE", "direction": "ASC"}) == [WEX_2015, WEX_2019]  # fmt: skip

    data = await data_of(
        client,
        """{ recommendations(filter: {council: "Wexmoor", theme: "Theme:care-leavers"}) { nodes { id } }
             findings(filter: {polarity: WEAKNESS, from: "2019"}) { nodes { text } }
             actions(filter: {board: "Wexmoor Improvement Board"}) { totalCount }
             actionPlans(filter: {board: "CPP"}) { totalCount }
             boards(filter: {council: "wexmoor", kind: PANEL}) { nodes { acronym } }
             people(filter: {board: "wexmoor improvement board", kind: COUNCILLOR}) { nodes { name } }
             meetings(filter: {board: "Wexmoor Improvement Board", from: "2015"}) { nodes { date } }
             documents(filter: {kind: ACTION_PLAN}) { nodes { title } } }""",
    )
    assert {n["id"] for n in data["recommendations"]["nodes"]} == {
        WEX_REC_1,
        "Recommendation:E06000901/ilacs/2019-06-10/1/ccc",
    }
    assert data["findings"]["nodes"] == [{"text": QUOTE_FINDING_2019}]
    # the board owning an action, or monitoring its plan
    assert data["actions"]["totalCount"] == 2
    assert data["actionPlans"]["totalCount"] == 0
    assert data["boards"]["nodes"] == [{"acronym": "CPP"}]
    assert data["people"]["nodes"] == [{"name": "Sam Hale"}]
    assert data["meetings"]["nodes"] == [{"date": "2015-07-14"}]
    assert data["documents"]["nodes"] == [{"title": "Wexmoor Improvement Plan"}]


async def test_lists_sort_by_date_name_and_recurrence(client: httpx.AsyncClient) -> None:
    newest_first = await _inspection_ids(client)
    assert newest_first == [WEX_2019, "Inspection:E08000902/sif/2016-01-11", WEX_2015]
    assert await _inspection_ids(client, sort={"field": "DATE", "direction": "ASC"}) == newest_first[::-1]
    data = await data_of(
        client,
        """{ councils(sort: {field: NAME, direction: DESC}) { nodes { name } }
             themes(sort: {field: RECURRENCE}) { nodes { name } }
             recommendations(sort: {field: RECURRENCE}, first: 1) { nodes { id } } }""",
    )
    assert [c["name"] for c in data["councils"]["nodes"]] == ["Wexmoor", "Northfold"]
    assert [t["name"] for t in data["themes"]["nodes"]][:2] == ["care leavers", "early help"]
    assert data["recommendations"]["nodes"] == [{"id": WEX_REC_1}]


async def test_cursor_pages_cover_the_list_once(client: httpx.AsyncClient) -> None:
    seen: list[str] = []
    after = None
    while True:
        data = await data_of(client, INSPECTIONS, {"first": 1, "after": after})
        page = data["inspections"]
        assert page["totalCount"] == 3
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        seen.extend(n["id"] for n in page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted([WEX_2015, WEX_2019, "Inspection:E08000902/sif/2016-01-11"])
    assert len(seen) == 3


async def test_full_text_search_ranks_matches_and_takes_any_text(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        """{ search(text: "early help", kinds: [FINDING, ACTION]) { totalCount nodes { kind text score node { id } } }
             all: search(text: "pathway plans", mode: ALL_WORDS, first: 2) { totalCount nodes { kind } }
             odd: search(text: "care (leavers) AND -\\"x\\" ~ *") { totalCount }
             listed: recommendations(filter: {search: "pathway", council: "northfold"}) { nodes { text } } }""",
    )
    hits = data["search"]["nodes"]
    assert {h["text"] for h in hits} == {
        QUOTE_FINDING_2015,
        QUOTE_FINDING_2019,
        "Launch an early help strategy",
    }
    assert hits == sorted(hits, key=lambda h: -h["score"])
    assert data["all"]["totalCount"] == 4
    assert len(data["all"]["nodes"]) == 2
    assert data["odd"]["totalCount"] >= 1
    assert data["listed"]["nodes"] == [
        {"text": "Ensure that care leavers have pathway plans that are up to date."}
    ]


# ---------------------------------------------------------------------------- the analysts' questions


async def test_recurring_recommendations_within_a_council_with_quotes(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        """{ recurringRecommendations(filter: {council: "Wexmoor", basis: [THEME]}) {
             totalCount nodes { label inspectionCount councilCount findingCount
               inspections { inspection { id judgement } council { name } items { kind text quote } } } } }""",
    )
    groups = {g["label"]: g for g in data["recurringRecommendations"]["nodes"]}
    assert set(groups) == {"care leavers", "early help"}
    early = groups["early help"]
    assert early["inspectionCount"] == 2
    assert early["councilCount"] == 1
    assert [i["inspection"]["id"] for i in early["inspections"]] == [WEX_2015, WEX_2019]
    quotes = [item["quote"] for i in early["inspections"] for item in i["items"]]
    assert QUOTE_FINDING_2015 in quotes
    assert QUOTE_FINDING_2019 in quotes
    assert "Launch an early help strategy" in quotes


async def test_recurring_recommendations_across_councils_by_theme_and_wording(
    client: httpx.AsyncClient,
) -> None:
    data = await data_of(
        client,
        """{ recurringRecommendations(filter: {minInspections: 3}) {
             nodes { basis label inspectionCount councilCount theme { name } } }
           within: recurringRecommendations(filter: {scope: WITHIN_COUNCIL, basis: [SIMILAR_WORDING]}) {
             nodes { council { name } inspectionCount } }
           period: recurringRecommendations(filter: {from: "2016", basis: [THEME]}) { totalCount } }""",
    )
    groups = data["recurringRecommendations"]["nodes"]
    assert [(g["basis"], g["inspectionCount"], g["councilCount"]) for g in groups] == [
        ("THEME", 3, 2),
        ("SIMILAR_WORDING", 3, 2),
    ]
    assert groups[0]["theme"] == {"name": "care leavers"}
    assert data["within"]["nodes"] == [{"council": {"name": "Wexmoor"}, "inspectionCount": 2}]
    # from 2016 on only one Wexmoor and one Northfold inspection: one theme recurs across them
    assert data["period"]["totalCount"] == 1


async def test_action_ownership_says_owned_inherited_or_unowned_with_evidence(
    client: httpx.AsyncClient,
) -> None:
    data = await data_of(
        client,
        """{ actionOwnership { totalCount summary { total owned inherited unowned }
             nodes { ownership action { id } owners { basis board { id } plan { id } evidence { quote } } } }
             unowned: actionOwnership(filter: {ownership: UNOWNED}) { nodes { action { id } } } }""",
    )
    result = data["actionOwnership"]
    assert result["summary"] == {"total": 3, "owned": 1, "inherited": 1, "unowned": 1}
    by_action = {n["action"]["id"]: n for n in result["nodes"]}
    owned = by_action[ACTION_OWNED]
    assert owned["ownership"] == "OWNED"
    assert owned["owners"] == [
        {"basis": "OWNED", "board": {"id": PANEL}, "plan": None, "evidence": [{"quote": QUOTE_OWNS}]}
    ]
    inherited = by_action[ACTION_INHERITED]
    assert inherited["ownership"] == "INHERITED"
    (owner,) = inherited["owners"]
    assert owner["board"] == {"id": IMPROVEMENT_BOARD}
    assert owner["plan"] == {"id": PLAN}
    assert owner["evidence"][0] == {"quote": QUOTE_MONITORS}
    assert by_action[ACTION_UNOWNED] == {
        "ownership": "UNOWNED",
        "action": {"id": ACTION_UNOWNED},
        "owners": [],
    }
    assert [n["action"]["id"] for n in result["nodes"]][-1] == ACTION_UNOWNED
    assert data["unowned"]["nodes"] == [{"action": {"id": ACTION_UNOWNED}}]


async def test_timeline_puts_a_councils_history_in_date_order(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        """{ timeline(council: "wexmoor") { council { id } events { kind date sortDate summary
               node { id ... on Inspection { judgement } } } } }""",
    )
    timeline = data["timeline"]
    assert timeline["council"] == {"id": WEXMOOR}
    kinds = [e["kind"] for e in timeline["events"]]
    assert kinds == ["INSPECTION", "ACTION_PLAN", "ACTION", "MEETING", "ACTION", "INSPECTION"]
    dates = [e["sortDate"] for e in timeline["events"]]
    assert dates == sorted(dates)
    assert timeline["events"][0]["node"]["judgement"] == "INADEQUATE"
    assert timeline["events"][0]["summary"] == "SIF inspection: inadequate"
    # an undated action is placed with its plan, and says it has no date of its own
    assert timeline["events"][2]["date"] is None
    data = await data_of(
        client,
        '{ timeline(council: "E06000901", kinds: [INSPECTION], from: "2016") { events { node { id } } } }',
    )
    assert data["timeline"]["events"] == [{"node": {"id": WEX_2019}}]


async def test_path_explains_how_two_entities_are_linked(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        """query($from: ID!, $to: ID!) { path(from: $from, to: $to) {
             length nodes { id } relationships { type evidence { quote } } } }""",
        {"from": WEX_REC_1, "to": PANEL},
    )
    path = data["path"]
    assert path["length"] == 2
    assert [n["id"] for n in path["nodes"]] == [WEX_REC_1, ACTION_OWNED, PANEL]
    assert [r["type"] for r in path["relationships"]] == ["ADDRESSES", "OWNS"]
    assert path["relationships"][1]["evidence"] == {"quote": QUOTE_OWNS}
    data = await data_of(
        client,
        'query($f: ID!) { path(from: $f, to: "Council:E08000902", maxHops: 1) { length } }',
        {"f": WEX_REC_1},
    )
    assert data["path"] is None


async def test_neighbourhood_gives_the_subgraph_around_an_entity(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        """query($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 50) {
             truncated nodes { id } relationships { type startId endId } } }""",
        {"id": PLAN},
    )
    hood = data["neighbourhood"]
    ids = {n["id"] for n in hood["nodes"]}
    assert {PLAN, WEX_2015, ACTION_OWNED, ACTION_INHERITED, IMPROVEMENT_BOARD, WEXMOOR, PANEL} <= ids
    assert not hood["truncated"]
    assert all(r["startId"] in ids and r["endId"] in ids for r in hood["relationships"])
    data = await data_of(
        client, '{ neighbourhood(id: "Council:E06000901", limit: 2) { truncated nodes { id } } }'
    )
    assert data["neighbourhood"]["truncated"] is True
    assert len(data["neighbourhood"]["nodes"]) == 3


# ---------------------------------------------------------------------------- errors


async def test_user_errors_are_clear_and_coded(client: httpx.AsyncClient) -> None:
    cases = {
        '{ inspections(filter: {council: "Atlantis"}) { nodes { id } } }': ("BAD_USER_INPUT", "council 'Atlantis'"),
        '{ inspections(after: "not-a-cursor") { nodes { id } } }': ("BAD_USER_INPUT", "not a cursor"),
        '{ councils(sort: {field: RECURRENCE}) { nodes { id } } }': ("BAD_USER_INPUT", "cannot be sorted by recurrence"),
        '{ inspections(sort: {field: RELEVANCE}) { nodes { id } } }': ("BAD_USER_INPUT", "needs a search text"),
        '{ timeline(council: "Atlantis") { events { kind } } }': ("NOT_FOUND", "Atlantis"),
        '{ path(from: "Council:E06000901", to: "Board:nowhere") { length } }': ("NOT_FOUND", "Board:nowhere"),
        '{ path(from: "Council:E06000901", to: "Council:E08000902", maxHops: 40) { length } }': (
            "BAD_USER_INPUT", "maxHops"),
        '{ neighbourhood(id: "Nothing:1") { truncated } }': ("NOT_FOUND", "Nothing:1"),
        '{ search(text: "   ") { totalCount } }': ("BAD_USER_INPUT", "empty"),
        '{ search(text: "care AND (", mode: LUCENE) { totalCount } }': ("BAD_USER_INPUT", "Lucene"),
        '{ inspections(filter: {from: "2019", to: "2015"}) { totalCount } }': ("BAD_USER_INPUT", "date range"),
        '{ recurringRecommendations(filter: {minInspections: 0}) { totalCount } }': ("BAD_USER_INPUT", "minInspections"),
    }  # fmt: skip
    for query, (code, words) in cases.items():
        body = await graphql(client, query)
        assert _codes(body) == [code], (query, body)
        assert words in body["errors"][0]["message"], (query, body)
    body = await graphql(client, '{ inspections(filter: {from: "2019-13-45"}) { totalCount } }')
    assert "not a real date" in body["errors"][0]["message"]


async def test_internal_errors_are_masked_and_logged(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret detail of the server")

    monkeypatch.setattr(GraphRepository, "find", broken)
    with caplog.at_level(logging.ERROR, logger="api.graphql"):
        body = await graphql(client, "{ councils { nodes { id } } }")
    assert body["errors"][0]["message"] == "Internal server error: it has been logged."
    assert _codes(body) == ["INTERNAL_SERVER_ERROR"]
    assert "secret" not in str(body)
    assert "secret detail of the server" in caplog.text


async def test_database_unavailable_is_a_clear_error(neo4j_settings: Settings) -> None:
    closed = neo4j_settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:1", "neo4j_password": "x"})
    async with api_client(closed) as c:
        body = await graphql(c, "{ councils { totalCount } }")
        assert _codes(body) == ["DATABASE_UNAVAILABLE"]
        health = await c.get("/health")
        assert health.status_code == 503
        assert health.json()["neo4j"]["state"] == "down"


# ---------------------------------------------------------------------------- safety and speed


async def test_reads_are_read_only_and_time_limited(
    neo4j_settings: Settings, client: httpx.AsyncClient
) -> None:
    repository: GraphRepository = app_of(client).state.repository
    with pytest.raises(neo4j.exceptions.ClientError) as refused:
        await repository._read("CREATE (n:Intruder) RETURN n")
    assert refused.value.code == "Neo.ClientError.Statement.AccessMode"
    hasty = GraphRepository(repository.driver, neo4j_settings.neo4j_database, timeout=0.2)
    with pytest.raises(QueryTooExpensiveError, match="longer than"):
        await hasty._read("UNWIND range(1, 200000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)")


async def test_nested_fields_cost_one_query_each_not_one_per_parent(client: httpx.AsyncClient) -> None:
    repository: GraphRepository = app_of(client).state.repository
    query = """{ councils { nodes { inspections { recommendations { themes { name } evidence { quote } }
                 findings { text } council { name } } boards { members { name } } } } }"""
    before = repository.queries_run
    await data_of(client, query)
    # councils; then one per nested field whatever the number of parents
    # (inspections, recommendations, themes, evidence, findings, council, boards, members)
    assert repository.queries_run - before <= 9


async def test_the_cost_of_a_query_is_returned(client: httpx.AsyncClient) -> None:
    body = await graphql(client, "{ councils(first: 5) { nodes { name inspections { year } } } }")
    cost = body["extensions"]["cost"]
    assert cost["maximum"] == 5000
    # the page costs 2, and each of its 5 councils 1 for its inspections (scalars are free)
    assert cost["requested"] == 2 + 5 * 1


async def test_questions_fetch_what_they_select_in_one_query(client: httpx.AsyncClient) -> None:
    repository: GraphRepository = app_of(client).state.repository
    questions = {
        # a page and its total
        '{ inspections(filter: {council: "Wexmoor"}) { totalCount nodes { id } } }': 1,
        # the anchor's inspection and council come with the page
        """{ recommendations(filter: {council: "Wexmoor", from: "2015"}) { totalCount
             nodes { text inspection { year council { name } } } } }""": 1,
        # a council's recurring groups with their inspections, items and quotes
        """{ recurringRecommendations(filter: {council: "Wexmoor", basis: [THEME]}) { totalCount
             nodes { label council { name } inspections { inspection { id } items { quote evidence { quote } } } } } }""": 1,
        # and the documents quoted, read when asked, all in one more
        """{ recurringRecommendations(filter: {council: "Wexmoor", basis: [THEME]}) { totalCount
             nodes { label council { name } inspections { inspection { id } items { quote evidence { document { title } } } } } } }""": 2,
        # ownership with its counts and evidence
        """{ actionOwnership { totalCount summary { owned }
             nodes { owners { board { name } evidence { quote } } } } }""": 1,
        """{ actionOwnership { totalCount summary { owned }
             nodes { owners { board { name } evidence { quote document { title } } } } } }""": 2,
        '{ timeline(council: "Wexmoor") { council { name } events { node { id } } } }': 1,
        '{ neighbourhood(id: "Council:E06000901", depth: 3) { nodes { id } relationships { evidence { quote } } } }': 1,
    }  # fmt: skip
    for query, expected in questions.items():
        before = repository.queries_run
        await data_of(client, query)
        assert repository.queries_run - before == expected, query
