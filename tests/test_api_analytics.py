"""The analytics fields over HTTP against the real Neo4j, on an invented graph worked out by hand.

The councils are real (their codes are the gazetteer's, so their statistical neighbours
are too: Haringey lists Barnet and Enfield, Barnet and Enfield each list Haringey but
not each other, and Rutland none of them), but everything else is invented.

Governance: Haringey's Improvement Board monitors two plans (five actions); its
Corporate Parenting Panel owns one of those actions and one of its own, and reports to
the Scrutiny Committee, which owns two actions of its own; a Lone Panel does nothing.
Barnet's plan (one action) is monitored by two boards. One action belongs to nothing.
Without direction these are a tree of thirteen nodes, a star of four and two loose
nodes: nineteen in all, so a board's betweenness is its count of shortest paths over
the 18 * 17 / 2 = 153 pairs of the others, and in a tree a board's count is the sum of
the products of the sizes of the parts its removal leaves.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import neo4j
import pytest
import pytest_asyncio
from test_api_support import api_client, data_of, graphql

from api.settings import Settings
from graph import analytics_read
from graph.load import ensure_schema, load_graph
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship
from schema.vocabulary import Label, RelType

pytestmark = pytest.mark.neo4j

HARINGEY, BARNET, ENFIELD, RUTLAND = (
    "Council:E09000014",
    "Council:E09000003",
    "Council:E09000010",
    "Council:E06000017",
)
SUPERVISION, CARE_LEAVERS, EARLY_HELP, LIFE_STORY = (
    "Theme:supervision",
    "Theme:care-leavers",
    "Theme:early-help",
    "Theme:life-story-work",
)
IMPROVEMENT = "Board:E09000014/improvement-board"
PANEL = "Board:E09000014/corporate-parenting-panel"
SCRUTINY = "Board:E09000014/scrutiny-committee"
LONE = "Board:E09000014/lone-panel"
PARTNERSHIP = "Board:E09000003/safeguarding-partnership"
BARNET_SCRUTINY = "Board:E09000003/scrutiny-panel"
PLAN_1, PLAN_2, PLAN_3 = (
    "ActionPlan:E09000014/plan-one",
    "ActionPlan:E09000014/plan-two",
    "ActionPlan:E09000003/plan",
)
DOC = "Document:0123456789abcdef"


def _action(n: int) -> str:
    return f"Action:E09000014/invented/{n}"


def analytics_graph() -> GraphDoc:
    """Inspections tagged by theme for four councils, and their boards, plans and actions."""
    g = GraphDoc()
    read = [Evidence(DOC, "quoted", 0, 6)]
    g.add_node(
        Node(DOC, (Label.DOCUMENT,), {"source": "invented/analytics.pdf", "sha256": "0123456789abcdef"})
    )

    def node(uid: str, label: str, **props: Any) -> None:
        g.add_node(Node(uid, (label,), dict(props), list(read)))

    def rel(rel_type: str, start: str, end: str) -> None:
        g.add_relationship(Relationship(rel_type, start, end, {}, list(read)))

    for uid, name in ((HARINGEY, "Haringey"), (BARNET, "Barnet"), (ENFIELD, "Enfield"), (RUTLAND, "Rutland")):
        node(uid, Label.COUNCIL, name=name, code=uid.partition(":")[2])
    for uid, name in (
        (SUPERVISION, "supervision"),
        (CARE_LEAVERS, "care leavers"),
        (EARLY_HELP, "early help"),
        (LIFE_STORY, "life story work"),
    ):
        node(uid, Label.THEME, name=name)

    # inspection -> (item -> its themes); one finding carries no theme at all
    raised: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
        ("Inspection:E09000014/sif/2014-05-20", HARINGEY): {
            "Recommendation:E09000014/sif/2014-05-20/1/h1": (SUPERVISION,),
            "Recommendation:E09000014/sif/2014-05-20/2/h2": (CARE_LEAVERS,),
            "Finding:E09000014/sif/2014-05-20/hf1": (SUPERVISION,),
        },
        ("Inspection:E09000014/ilacs/2018-03-05", HARINGEY): {
            "Recommendation:E09000014/ilacs/2018-03-05/1/h3": (SUPERVISION, EARLY_HELP),
        },
        ("Inspection:E09000003/sif/2016-02-01", BARNET): {
            "Recommendation:E09000003/sif/2016-02-01/1/b1": (SUPERVISION,),
            "Finding:E09000003/sif/2016-02-01/bf1": (LIFE_STORY,),
        },
        ("Inspection:E09000003/ilacs/2020-01-13", BARNET): {
            "Recommendation:E09000003/ilacs/2020-01-13/1/b2": (CARE_LEAVERS,),
            "Recommendation:E09000003/ilacs/2020-01-13/2/b3": (SUPERVISION,),
        },
        ("Inspection:E09000010/ilacs/2019-06-10", ENFIELD): {
            "Recommendation:E09000010/ilacs/2019-06-10/1/e1": (EARLY_HELP,),
            "Recommendation:E09000010/ilacs/2019-06-10/2/e2": (LIFE_STORY,),
            "Finding:E09000010/ilacs/2019-06-10/ef1": (),
        },
        ("Inspection:E06000017/sif/2017-09-04", RUTLAND): {
            "Recommendation:E06000017/sif/2017-09-04/1/r1": (SUPERVISION,),
        },
    }
    for (inspection, council), items in raised.items():
        framework, date = inspection.split("/")[1:3]
        node(inspection, Label.INSPECTION, framework=framework.upper(), start_date=date, year=int(date[:4]))
        rel(RelType.INSPECTED, inspection, council)
        for item, themes in items.items():
            is_finding = item.startswith("Finding")
            props = {"polarity": "weakness"} if is_finding else {}
            node(
                item, Label.FINDING if is_finding else Label.RECOMMENDATION, text=f"invented {item}", **props
            )
            rel(RelType.FOUND if is_finding else RelType.RECOMMENDED, inspection, item)
            for theme in themes:
                rel(RelType.ABOUT, item, theme)

    for uid, name, council in (
        (IMPROVEMENT, "Haringey Improvement Board", HARINGEY),
        (PANEL, "Corporate Parenting Panel", HARINGEY),
        (SCRUTINY, "Scrutiny Committee", HARINGEY),
        (LONE, "Lone Panel", HARINGEY),
        (PARTNERSHIP, "Barnet Safeguarding Partnership", BARNET),
        (BARNET_SCRUTINY, "Barnet Scrutiny Panel", BARNET),
    ):
        node(uid, Label.BOARD, name=name, kind="board")
        rel(RelType.PART_OF, uid, council)
    for uid in (PLAN_1, PLAN_2, PLAN_3):
        node(uid, Label.ACTION_PLAN, title=uid.rpartition("/")[2])
    for n in range(1, 11):
        node(_action(n), Label.ACTION, text=f"action {n}")
    for plan, actions in ((PLAN_1, (1, 2, 3)), (PLAN_2, (4, 5)), (PLAN_3, (7,))):
        for n in actions:
            rel(RelType.INCLUDES, plan, _action(n))
    for board, plan in (
        (IMPROVEMENT, PLAN_1),
        (IMPROVEMENT, PLAN_2),
        (PARTNERSHIP, PLAN_3),
        (BARNET_SCRUTINY, PLAN_3),
    ):
        rel(RelType.MONITORS, board, plan)
    for board, n in ((PANEL, 1), (PANEL, 10), (SCRUTINY, 6), (SCRUTINY, 9)):
        rel(RelType.OWNS, board, _action(n))
    rel(RelType.REPORTS_TO, PANEL, SCRUTINY)
    return g


@pytest_asyncio.fixture(scope="module")
async def client(neo4j_settings: Settings, driver: neo4j.Driver) -> AsyncIterator[httpx.AsyncClient]:
    database = neo4j_settings.neo4j_database
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    ensure_schema(driver, database)
    load_graph(driver, analytics_graph(), database)
    async with api_client(neo4j_settings) as c:
        yield c


BOARD_FIELDS = "id name owned inherited total monitoredPlans monitoredActions betweenness estimated"


def _standing(
    uid: str, name: str, owned: int, inherited: int, plans: int, actions: int, paths: int
) -> dict[str, Any]:
    return {
        "id": uid,
        "name": name,
        "owned": owned,
        "inherited": inherited,
        "total": owned + inherited,
        "monitoredPlans": plans,
        "monitoredActions": actions,
        "betweenness": pytest.approx(paths / 153),
        "estimated": False,
    }


# The hand-worked answers. Shortest paths through a board, from the parts its removal leaves:
# the Improvement Board splits {plan one, its three actions, the panel, its own action, the
# committee and its two} (9) from {plan two and its two actions} (3): 27. The panel splits
# {action 1, plan one, actions 2 and 3, the board, plan two, actions 4 and 5} (8), {action
# 10} (1) and {the committee and its two actions} (3): 8 + 24 + 3 = 35. The committee
# splits 10 from two single actions: 10 + 10 + 1 = 21. The rest are leaves or alone: 0.
IMPROVEMENT_STANDING = _standing(IMPROVEMENT, "Haringey Improvement Board", 0, 4, 2, 5, 27)
PANEL_STANDING = _standing(PANEL, "Corporate Parenting Panel", 2, 0, 0, 0, 35)
SCRUTINY_STANDING = _standing(SCRUTINY, "Scrutiny Committee", 2, 0, 0, 0, 21)
LONE_STANDING = _standing(LONE, "Lone Panel", 0, 0, 0, 0, 0)
PARTNERSHIP_STANDING = _standing(PARTNERSHIP, "Barnet Safeguarding Partnership", 0, 1, 1, 1, 0)
BARNET_SCRUTINY_STANDING = _standing(BARNET_SCRUTINY, "Barnet Scrutiny Panel", 0, 1, 1, 1, 0)


async def test_boards_by_the_actions_they_answer_for(client: httpx.AsyncClient) -> None:
    data = await data_of(client, f"{{ boardRanking {{ {BOARD_FIELDS} }} }}")
    # ties of total broken by owned, then by the actions monitored, then by betweenness
    assert data["boardRanking"] == [
        IMPROVEMENT_STANDING,
        PANEL_STANDING,
        SCRUTINY_STANDING,
        PARTNERSHIP_STANDING,
        BARNET_SCRUTINY_STANDING,
        LONE_STANDING,
    ]


async def test_boards_by_betweenness_and_by_actions_monitored(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        f"""{{
          paths: boardRanking(orderBy: BETWEENNESS) {{ {BOARD_FIELDS} }}
          monitored: boardRanking(orderBy: MONITORED, limit: 3) {{ id monitoredActions monitoredPlans }}
        }}""",
    )
    assert data["paths"] == [
        PANEL_STANDING,
        IMPROVEMENT_STANDING,
        SCRUTINY_STANDING,
        PARTNERSHIP_STANDING,
        BARNET_SCRUTINY_STANDING,
        LONE_STANDING,
    ]
    assert data["monitored"] == [
        {"id": IMPROVEMENT, "monitoredActions": 5, "monitoredPlans": 2},
        {"id": PARTNERSHIP, "monitoredActions": 1, "monitoredPlans": 1},
        {"id": BARNET_SCRUTINY, "monitoredActions": 1, "monitoredPlans": 1},
    ]


async def test_boards_of_one_council_with_the_board_itself(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        """{
          byName: boardRanking(council: "Barnet") { id total board { name kind council { name } } }
          byCode: boardRanking(council: "E09000014", limit: 2) { id }
        }""",
    )
    assert data["byName"] == [
        {
            "id": PARTNERSHIP,
            "total": 1,
            "board": {
                "name": "Barnet Safeguarding Partnership",
                "kind": "BOARD",
                "council": {"name": "Barnet"},
            },
        },
        {
            "id": BARNET_SCRUTINY,
            "total": 1,
            "board": {"name": "Barnet Scrutiny Panel", "kind": "BOARD", "council": {"name": "Barnet"}},
        },
    ]
    assert data["byCode"] == [{"id": IMPROVEMENT}, {"id": PANEL}]


def _pair(council: str, neighbour: str, *themes: tuple[str, int, int, int, int]) -> dict[str, Any]:
    return {
        "councilName": council,
        "neighbourName": neighbour,
        "sharedThemeCount": len(themes),
        "themes": [
            {
                "name": name,
                "councilItems": council_items,
                "councilInspections": council_inspections,
                "neighbourItems": neighbour_items,
                "neighbourInspections": neighbour_inspections,
            }
            for name, council_items, council_inspections, neighbour_items, neighbour_inspections in themes
        ],
    }


PAIR_FIELDS = """councilName neighbourName sharedThemeCount
  themes { name councilItems councilInspections neighbourItems neighbourInspections }"""

# Haringey: supervision in three items of both inspections, care leavers and early help in
# one each. Barnet: supervision in two items of both, care leavers and life story work in
# one. Enfield: early help and life story work in one each (its third item has no theme).
HARINGEY_BARNET = _pair("Haringey", "Barnet", ("supervision", 3, 2, 2, 2), ("care leavers", 1, 1, 1, 1))
BARNET_HARINGEY = _pair("Barnet", "Haringey", ("supervision", 2, 2, 3, 2), ("care leavers", 1, 1, 1, 1))
HARINGEY_ENFIELD = _pair("Haringey", "Enfield", ("early help", 1, 1, 1, 1))
ENFIELD_HARINGEY = _pair("Enfield", "Haringey", ("early help", 1, 1, 1, 1))


async def test_councils_sharing_themes_with_their_statistical_neighbours(client: httpx.AsyncClient) -> None:
    data = await data_of(client, f"{{ sharedNeighbourThemes {{ {PAIR_FIELDS} }} }}")
    # Barnet and Enfield share life story work but are not each other's neighbours;
    # Rutland's supervision is shared with no neighbour of its own
    assert data["sharedNeighbourThemes"] == [
        BARNET_HARINGEY,
        HARINGEY_BARNET,
        ENFIELD_HARINGEY,
        HARINGEY_ENFIELD,
    ]


async def test_shared_themes_filtered(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        f"""{{
          haringey: sharedNeighbourThemes(council: "Haringey") {{ {PAIR_FIELDS} }}
          byCode: sharedNeighbourThemes(council: "E09000014", minSharedThemes: 2) {{ {PAIR_FIELDS} }}
          recurring: sharedNeighbourThemes(minInspections: 2) {{ {PAIR_FIELDS} }}
          first: sharedNeighbourThemes(limit: 1) {{ councilName neighbourName }}
        }}""",
    )
    assert data["haringey"] == [HARINGEY_BARNET, HARINGEY_ENFIELD]
    assert data["byCode"] == [HARINGEY_BARNET]
    # only supervision recurs within a council (twice in Haringey and twice in Barnet)
    assert data["recurring"] == [
        _pair("Barnet", "Haringey", ("supervision", 2, 2, 3, 2)),
        _pair("Haringey", "Barnet", ("supervision", 3, 2, 2, 2)),
    ]
    assert data["first"] == [{"councilName": "Barnet", "neighbourName": "Haringey"}]


async def test_shared_themes_give_the_councils_and_themes_themselves(client: httpx.AsyncClient) -> None:
    data = await data_of(
        client,
        """{ sharedNeighbourThemes(council: "Enfield") {
              council { id code } neighbour { id name } themes { theme { id name } } } }""",
    )
    assert data["sharedNeighbourThemes"] == [
        {
            "council": {"id": ENFIELD, "code": "E09000010"},
            "neighbour": {"id": HARINGEY, "name": "Haringey"},
            "themes": [{"theme": {"id": EARLY_HELP, "name": "early help"}}],
        }
    ]


@pytest.mark.parametrize(
    ("query", "code", "message"),
    [
        ('{ boardRanking(council: "Atlantis") { id } }', "NOT_FOUND", "Atlantis"),
        ('{ sharedNeighbourThemes(council: "Atlantis") { councilName } }', "NOT_FOUND", "Atlantis"),
        ("{ boardRanking(limit: 0) { id } }", "BAD_USER_INPUT", "`limit` must be between 1 and 100"),
        ("{ sharedNeighbourThemes(limit: 101) { councilName } }", "BAD_USER_INPUT", "`limit`"),
        (
            "{ sharedNeighbourThemes(minSharedThemes: 0) { councilName } }",
            "BAD_USER_INPUT",
            "minSharedThemes",
        ),
        ("{ sharedNeighbourThemes(minInspections: 0) { councilName } }", "BAD_USER_INPUT", "minInspections"),
    ],
)
async def test_bad_arguments_are_clear_errors(
    client: httpx.AsyncClient, query: str, code: str, message: str
) -> None:
    body = await graphql(client, query)
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == code
    assert message in error["message"]


async def test_the_cost_grows_with_the_limit_and_is_limited(client: httpx.AsyncClient) -> None:
    body = await graphql(client, "{ boardRanking(limit: 10) { id board { name } } }")
    # ten boards, each costing its resolution (2) and its board (1)
    assert body["extensions"]["cost"]["requested"] == 30
    body = await graphql(
        client, "{ sharedNeighbourThemes { councilName council { name } themes { theme { name } } } }"
    )
    # twenty pairs by default, each 2 + its council (1) + about five themes (1 each)
    assert body["extensions"]["cost"]["requested"] == 20 * (2 + 1 + 5)
    body = await graphql(
        client,
        "{ boardRanking(limit: 100) { board { members { memberOf { members { memberOf { name } } } } } } }",
    )
    # a hundred boards, each with about ten members on about two boards of about ten members
    assert body["errors"][0]["extensions"]["cost"] == 100 * (2 + 1 + (1 + 10 * (1 + 2 * (1 + 10 * 1))))
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_EXPENSIVE"


async def test_a_projection_is_read_once_per_request(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    governance = analytics_read.GraphReader.governance
    theme_profiles = analytics_read.GraphReader.theme_profiles

    async def counted_governance(self: analytics_read.GraphReader) -> analytics_read.Governance:
        reads.append("governance")
        return await governance(self)

    async def counted_theme_profiles(self: analytics_read.GraphReader) -> Any:
        reads.append("themes")
        return await theme_profiles(self)

    monkeypatch.setattr(analytics_read.GraphReader, "governance", counted_governance)
    monkeypatch.setattr(analytics_read.GraphReader, "theme_profiles", counted_theme_profiles)
    query = """{
      a: boardRanking { id } b: boardRanking(orderBy: BETWEENNESS) { id } c: boardRanking(council: "Barnet") { id }
      d: sharedNeighbourThemes { councilName } e: sharedNeighbourThemes(minInspections: 2) { councilName }
    }"""
    data = await data_of(client, query)
    assert len(data["a"]) == 6
    assert len(data["c"]) == 2
    assert len(data["e"]) == 2
    assert sorted(reads) == ["governance", "themes"]
    # a second request reads afresh: nothing outlives its request
    await data_of(client, "{ boardRanking { id } }")
    assert sorted(reads) == ["governance", "governance", "themes"]
