"""Helpers of the API tests (no tests here): an invented graph, and a client over HTTP.

The graph is of two invented councils, Wexmoor and Northfold, with what the API's
questions need: inspections of two frameworks years apart, recommendations and
findings on recurring themes (one pair also worded alike), an action plan with owned,
inherited and unowned actions, boards, people and a meeting. Every node and
relationship carries evidence, as ingest would give it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import neo4j
from fastapi import FastAPI

from api.app import create_app
from api.settings import Settings
from graph.load import ensure_schema, load_graph
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship
from schema.vocabulary import Label, RelType

WEXMOOR = "Council:E06000901"
NORTHFOLD = "Council:E08000902"
WEX_2015 = "Inspection:E06000901/sif/2015-03-02"
WEX_2019 = "Inspection:E06000901/ilacs/2019-06-10"
NORTH_2016 = "Inspection:E08000902/sif/2016-01-11"
WEX_REC_1 = "Recommendation:E06000901/sif/2015-03-02/1/aaa"
WEX_REC_2 = "Recommendation:E06000901/sif/2015-03-02/2/bbb"
WEX_REC_2019 = "Recommendation:E06000901/ilacs/2019-06-10/1/ccc"
NORTH_REC = "Recommendation:E08000902/sif/2016-01-11/1/ddd"
WEX_FINDING_2015 = "Finding:E06000901/sif/2015-03-02/eee"
WEX_FINDING_2019 = "Finding:E06000901/ilacs/2019-06-10/fff"
PLAN = "ActionPlan:E06000901/wexmoor-improvement-plan"
ACTION_OWNED = "Action:E06000901/wexmoor-improvement-plan/1/a1"
ACTION_INHERITED = "Action:E06000901/wexmoor-improvement-plan/2/a2"
ACTION_UNOWNED = "Action:E06000901/-/-/a3"
IMPROVEMENT_BOARD = "Board:E06000901/wexmoor-improvement-board"
PANEL = "Board:E06000901/corporate-parenting-panel"
DIRECTOR = "Person:E06000901/jo-rivers"
COUNCILLOR = "Person:E06000901/sam-hale"
MEETING = "Meeting:E06000901/wexmoor-improvement-board/2015-07-14"
CARE_LEAVERS = "Theme:care-leavers"
EARLY_HELP = "Theme:early-help"
OVERSIGHT = "Theme:management-oversight"

DOC_WEX_2015 = "Document:wex2015"
DOC_WEX_2019 = "Document:wex2019"
DOC_NORTH_2016 = "Document:north2016"
DOC_PLAN = "Document:wexplan"
DOC_MINUTES = "Document:wexminutes"

# The quotes the tests look for.
QUOTE_REC_1 = "Ensure that care leavers have up-to-date pathway plans."
QUOTE_FINDING_2015 = "Early help is not well coordinated across the partnership."
QUOTE_FINDING_2019 = "The early help offer remains underdeveloped."
QUOTE_OWNS = "Lead: Corporate Parenting Panel"
QUOTE_MONITORS = "The Improvement Board will oversee delivery of this plan."


def invented_graph() -> GraphDoc:
    """The graph of Wexmoor and Northfold that the API tests load."""
    g = GraphDoc()
    position = {"n": 0}

    def ev(document: str, quote: str) -> list[Evidence]:
        position["n"] += 100
        return [Evidence(document, quote, position["n"], position["n"] + len(quote))]

    def node(
        uid: str, labels: tuple[str, ...], props: dict[str, Any], document: str | None, quote: str
    ) -> None:
        g.add_node(Node(uid, labels, props, ev(document, quote) if document else []))

    def rel(type_: str, start: str, end: str, document: str | None, quote: str, **props: Any) -> None:
        g.add_relationship(Relationship(type_, start, end, props, ev(document, quote) if document else []))

    for uid, source, title, kind, date in (
        (DOC_WEX_2015, "reports/wexmoor-2015.pdf", "Wexmoor SIF report", "ofsted_report", "2015-04-20"),
        (DOC_WEX_2019, "reports/wexmoor-2019.pdf", "Wexmoor ILACS report", "ofsted_report", "2019-07-30"),
        (DOC_NORTH_2016, "reports/northfold-2016.pdf", "Northfold SIF report", "ofsted_report", "2016-02-25"),
        (DOC_PLAN, "plans/wexmoor-plan.docx", "Wexmoor Improvement Plan", "action_plan", "2015-06-01"),
        (
            DOC_MINUTES,
            "minutes/wexmoor-2015-07-14.html",
            "Improvement Board minutes",
            "minutes",
            "2015-07-14",
        ),
    ):
        node(uid, (Label.DOCUMENT,), {"source": source, "sha256": uid[-8:], "title": title, "kind": kind,
                                      "date": date}, None, "")  # fmt: skip

    node(WEXMOOR, (Label.COUNCIL,), {"name": "Wexmoor", "code": "E06000901", "official_name": "Wexmoor Council",
                                     "region": "South West"}, DOC_WEX_2015, "Wexmoor Council")  # fmt: skip
    node(NORTHFOLD, (Label.COUNCIL,), {"name": "Northfold", "code": "E08000902", "region": "North West"},
         DOC_NORTH_2016, "Northfold")  # fmt: skip

    node(WEX_2015, (Label.INSPECTION,), {"framework": "SIF", "start_date": "2015-03-02", "end_date": "2015-03-26",
                                         "published_date": "2015-04-20", "year": 2015, "judgement": "inadequate",
                                         "judgement_leaders": "inadequate"},
         DOC_WEX_2015, "Inspection dates: 2 March 2015 to 26 March 2015")  # fmt: skip
    node(WEX_2019, (Label.INSPECTION,), {"framework": "ILACS", "start_date": "2019-06-10", "end_date": "2019-06-21",
                                         "year": 2019, "judgement": "requires improvement",
                                         "judgement_leaders": "good", "inspection_type": "standard"},
         DOC_WEX_2019, "Inspection dates: 10 June 2019 to 21 June 2019")  # fmt: skip
    node(NORTH_2016, (Label.INSPECTION,), {"framework": "SIF", "start_date": "2016-01-11", "year": 2016,
                                           "judgement": "requires improvement"},
         DOC_NORTH_2016, "Inspection dates: 11 January 2016")  # fmt: skip
    rel(RelType.INSPECTED, WEX_2015, WEXMOOR, DOC_WEX_2015, "Wexmoor Council")
    rel(RelType.INSPECTED, WEX_2019, WEXMOOR, DOC_WEX_2019, "Wexmoor")
    rel(RelType.INSPECTED, NORTH_2016, NORTHFOLD, DOC_NORTH_2016, "Northfold")

    recommendations = (
        (WEX_REC_1, WEX_2015, DOC_WEX_2015, QUOTE_REC_1, 1, CARE_LEAVERS),
        (WEX_REC_2, WEX_2015, DOC_WEX_2015, "Improve management oversight of casework.", 2, OVERSIGHT),
        (WEX_REC_2019, WEX_2019, DOC_WEX_2019, "Care leavers' pathway plans are not kept up to date.", 1,
         CARE_LEAVERS),
        (NORTH_REC, NORTH_2016, DOC_NORTH_2016, "Ensure that care leavers have pathway plans that are up to date.",
         1, CARE_LEAVERS),
    )  # fmt: skip
    for uid, inspection, document, text, number, theme in recommendations:
        node(uid, (Label.RECOMMENDATION,), {"text": text, "number": number}, document, text)
        rel(RelType.RECOMMENDED, inspection, uid, document, text)
        rel(RelType.ABOUT, uid, theme, document, text, score=1.0)
    findings = (
        (WEX_FINDING_2015, WEX_2015, DOC_WEX_2015, QUOTE_FINDING_2015),
        (WEX_FINDING_2019, WEX_2019, DOC_WEX_2019, QUOTE_FINDING_2019),
    )
    for uid, inspection, document, text in findings:
        node(uid, (Label.FINDING,), {"text": text, "polarity": "weakness"}, document, text)
        rel(RelType.FOUND, inspection, uid, document, text)
        rel(RelType.ABOUT, uid, EARLY_HELP, document, text, score=1.0)
    rel(RelType.SIMILAR_TO, WEX_REC_2019, WEX_REC_1, None, "", score=0.9)
    rel(RelType.SIMILAR_TO, NORTH_REC, WEX_REC_1, None, "", score=0.88)

    for uid, name in ((CARE_LEAVERS, "care leavers"), (EARLY_HELP, "early help"),
                      (OVERSIGHT, "management oversight and supervision")):  # fmt: skip
        node(uid, (Label.THEME,), {"name": name, "description": f"Recommendations about {name}."}, None, "")

    node(PLAN, (Label.ACTION_PLAN,), {"title": "Wexmoor Improvement Plan", "status": "submitted",
                                      "submitted_date": "2015-06-01"}, DOC_PLAN, "Wexmoor Improvement Plan")  # fmt: skip
    rel(RelType.RESPONDS_TO, PLAN, WEX_2015, DOC_PLAN, "in response to the Ofsted inspection of March 2015")
    actions = (
        (ACTION_OWNED, "Refresh the pathway plans of all care leavers", "2015-12-31", "1", CARE_LEAVERS),
        (ACTION_INHERITED, "Launch an early help strategy", None, "2", EARLY_HELP),
    )
    for uid, text, due, reference, theme in actions:
        node(uid, (Label.ACTION,), {"text": text, "due_date": due, "reference": reference, "status": "on track"},
             DOC_PLAN, text)  # fmt: skip
        rel(RelType.INCLUDES, PLAN, uid, DOC_PLAN, text)
        rel(RelType.ABOUT, uid, theme, DOC_PLAN, text, score=1.0)
    rel(RelType.ADDRESSES, ACTION_OWNED, WEX_REC_1, DOC_PLAN, "Recommendation 1")
    node(ACTION_UNOWNED, (Label.ACTION,), {"text": "Audit supervision records"}, DOC_MINUTES,
         "Audit supervision records")  # fmt: skip

    node(IMPROVEMENT_BOARD, (Label.BOARD,), {"name": "Wexmoor Improvement Board", "kind": "board"}, DOC_PLAN,
         "Improvement Board")  # fmt: skip
    node(PANEL, (Label.BOARD,), {"name": "Corporate Parenting Panel", "kind": "panel", "acronym": "CPP"}, DOC_PLAN,
         "Corporate Parenting Panel")  # fmt: skip
    rel(RelType.PART_OF, IMPROVEMENT_BOARD, WEXMOOR, DOC_PLAN, "Wexmoor Improvement Board")
    rel(RelType.PART_OF, PANEL, WEXMOOR, DOC_PLAN, "Wexmoor's Corporate Parenting Panel")
    rel(RelType.REPORTS_TO, PANEL, IMPROVEMENT_BOARD, DOC_PLAN, "The Panel reports to the Improvement Board")
    rel(RelType.MONITORS, IMPROVEMENT_BOARD, PLAN, DOC_PLAN, QUOTE_MONITORS)
    rel(RelType.OWNS, PANEL, ACTION_OWNED, DOC_PLAN, QUOTE_OWNS)

    node(DIRECTOR, (Label.PERSON, Label.OFFICER), {"name": "Jo Rivers", "role": "Director of Children's Services",
                                                   "kind": "officer"}, DOC_PLAN, "Jo Rivers, Director")  # fmt: skip
    node(COUNCILLOR, (Label.PERSON, Label.COUNCILLOR), {"name": "Sam Hale", "role": "Cabinet Member for Children",
                                                       "kind": "councillor"}, DOC_MINUTES, "Cllr Sam Hale")  # fmt: skip
    rel(RelType.SERVES, DIRECTOR, WEXMOOR, DOC_PLAN, "Jo Rivers, Director of Children's Services, Wexmoor")
    rel(RelType.SERVES, COUNCILLOR, WEXMOOR, DOC_MINUTES, "Cllr Sam Hale")
    rel(RelType.CHAIRS, DIRECTOR, IMPROVEMENT_BOARD, DOC_MINUTES, "Jo Rivers (Chair)")
    rel(RelType.MEMBER_OF, COUNCILLOR, IMPROVEMENT_BOARD, DOC_MINUTES, "Present: Cllr Sam Hale")
    rel(RelType.LEADS, DIRECTOR, ACTION_OWNED, DOC_PLAN, "Lead officer: Jo Rivers")

    node(MEETING, (Label.MEETING,), {"date": "2015-07-14", "title": "Improvement Board, 14 July 2015"}, DOC_MINUTES,
         "Improvement Board, 14 July 2015")  # fmt: skip
    rel(RelType.HELD_BY, MEETING, IMPROVEMENT_BOARD, DOC_MINUTES, "Improvement Board")
    rel(RelType.CONSIDERED, MEETING, PLAN, DOC_MINUTES, "The Board considered the Improvement Plan")
    return g


def load_invented_graph(driver: neo4j.Driver, database: str) -> None:
    """Empty the database and load the invented graph into it."""
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    ensure_schema(driver, database)
    load_graph(driver, invented_graph(), database)


@asynccontextmanager
async def api_client(settings: Settings, **overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client to the app built from `settings` (with overrides), its lifespan running."""
    app = create_app(settings.model_copy(update=overrides))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as client:
            client.app = app  # type: ignore[attr-defined]
            yield client


def app_of(client: httpx.AsyncClient) -> FastAPI:
    """The app a client of `api_client` talks to."""
    app: FastAPI = client.app  # type: ignore[attr-defined]
    return app


async def graphql(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """POST a GraphQL query; the decoded response body."""
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def data_of(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """POST a GraphQL query that must succeed; its data."""
    body = await graphql(client, query, variables)
    assert not body.get("errors"), body["errors"]
    data: dict[str, Any] = body["data"]
    return data
