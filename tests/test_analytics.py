"""Analytics on invented graphs whose answers were worked out by hand.

Three invented councils (Ashby, Brindle, Carrow) with inspections tagged by theme, plans,
actions and boards; and a small tree for betweenness, where removing a board splits the
tree into parts whose sizes give its count of shortest paths.
"""

from __future__ import annotations

import pytest
from neo4j import Driver

from api.settings import Settings
from graph.analytics import (
    ActionOwner,
    BoardActions,
    BoardCentrality,
    NeighbourThemes,
    SharedTheme,
    action_owners,
    board_action_counts,
    board_centrality,
    council_themes,
    project,
    shared_neighbour_themes,
    statistical_neighbours,
    undirected_projection,
)
from graph.export import read_graph
from graph.load import load_graph
from ingest.councils import Council, CouncilGazetteer
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship
from schema.vocabulary import Label

ASHBY, BRINDLE, CARROW = "Council:E0A", "Council:E0B", "Council:E0C"
SUP, LEAVE, EARLY, STORY = (
    "Theme:supervision",
    "Theme:care-leavers",
    "Theme:early-help",
    "Theme:life-story-work",
)
IMP, CPP, SCRUTINY, LONE = "Board:E0A/improvement", "Board:E0A/cpp", "Board:E0A/scrutiny", "Board:E0A/lone"
DOC = "Document:feedfacefeedface"


def _council(code: str, name: str, neighbours: tuple[str, ...]) -> Council:
    return Council(code, name, "Nowhere", "", "", "", (), neighbours, former=False)


# Ashby's neighbours include one council the graph does not have; Brindle lists only Ashby.
GAZETTEER = CouncilGazetteer(
    [
        _council("E0A", "Ashby", ("E0B", "E0C", "E0Z")),
        _council("E0B", "Brindle", ("E0A",)),
        _council("E0C", "Carrow", ("E0B",)),
        _council("E0Z", "Zeal", ("E0A",)),
    ]
)


def councils_graph() -> GraphDoc:
    """Inspections tagged by theme, and Ashby's plans, actions and boards."""
    g = GraphDoc()
    evidence = [Evidence(DOC, "quoted", 0, 6)]

    def node(uid: str, label: str, **props: object) -> None:
        g.add_node(Node(uid, (label,), dict(props), list(evidence)))

    def rel(rel_type: str, start: str, end: str) -> None:
        g.add_relationship(Relationship(rel_type, start, end))

    node(DOC, Label.DOCUMENT, source="invented.pdf")
    g.nodes[DOC].evidence.clear()
    for uid, name in ((ASHBY, "Ashby"), (BRINDLE, "Brindle"), (CARROW, "Carrow")):
        node(uid, Label.COUNCIL, name=name, code=uid.split(":")[1])
    for uid in (SUP, LEAVE, EARLY, STORY):
        node(uid, Label.THEME, name=uid.split(":")[1])

    # Inspection -> items -> themes, per council.
    tagged: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {
        ("Inspection:E0A/2018", ASHBY): {
            "Recommendation:a1": (SUP,),
            "Recommendation:a2": (LEAVE,),
            "Finding:a1": (SUP,),
        },
        ("Inspection:E0A/2022", ASHBY): {"Recommendation:a3": (SUP,), "Recommendation:a4": (EARLY,)},
        ("Inspection:E0B/2019", BRINDLE): {"Recommendation:b1": (SUP, LEAVE), "Finding:b1": (STORY,)},
        ("Inspection:E0B/2023", BRINDLE): {"Recommendation:b2": (LEAVE,), "Recommendation:b3": (SUP,)},
        ("Inspection:E0C/2021", CARROW): {"Recommendation:c1": (EARLY,), "Recommendation:c2": (STORY,)},
    }
    for (inspection, council), items in tagged.items():
        node(inspection, Label.INSPECTION)
        rel("INSPECTED", inspection, council)
        for item, themes in items.items():
            kind = Label.FINDING if item.startswith("Finding") else Label.RECOMMENDATION
            node(item, kind, text=item)
            rel("FOUND" if kind == Label.FINDING else "RECOMMENDED", inspection, item)
            for theme in themes:
                rel("ABOUT", item, theme)

    for uid, name in (
        (IMP, "Improvement Board"),
        (CPP, "Corporate Parenting Panel"),
        (SCRUTINY, "Scrutiny Committee"),
        (LONE, "Lone Panel"),
    ):
        node(uid, Label.BOARD, name=name)
        rel("PART_OF", uid, ASHBY)
    plan_1, plan_2 = "ActionPlan:E0A/one", "ActionPlan:E0A/two"
    node(plan_1, Label.ACTION_PLAN, title="one")
    node(plan_2, Label.ACTION_PLAN, title="two")
    for n in range(1, 8):
        node(f"Action:E0A/{n}", Label.ACTION, text=f"action {n}")
    for n in (1, 2, 3, 4):
        rel("INCLUDES", plan_1, f"Action:E0A/{n}")
    for n in (5, 7):
        rel("INCLUDES", plan_2, f"Action:E0A/{n}")
    rel("MONITORS", IMP, plan_1)
    rel("MONITORS", IMP, plan_2)
    rel("MONITORS", SCRUTINY, plan_2)
    rel("OWNS", IMP, "Action:E0A/1")
    rel("OWNS", CPP, "Action:E0A/2")
    rel("OWNS", CPP, "Action:E0A/7")
    # An action's own theme is not an inspection's: it must not count for the council.
    rel("ABOUT", "Action:E0A/1", STORY)
    return g


def tree_graph() -> GraphDoc:
    """C - X - P - A1 - Y - {Q1, Q2}, P - A2, and a board Z on its own; one document for all."""
    g = GraphDoc()
    read = [Evidence(DOC, "quoted", 0, 6)]
    g.add_node(Node(DOC, (Label.DOCUMENT,), {"source": "invented.pdf"}))
    for uid, label, name in (
        ("Council:C", Label.COUNCIL, "C"),
        ("Board:X", Label.BOARD, "Board X"),
        ("ActionPlan:P", Label.ACTION_PLAN, None),
        ("Action:A1", Label.ACTION, None),
        ("Action:A2", Label.ACTION, None),
        ("Board:Y", Label.BOARD, "Board Y"),
        ("Person:Q1", Label.PERSON, "Q1"),
        ("Person:Q2", Label.PERSON, "Q2"),
        ("Board:Z", Label.BOARD, "Board Z"),
    ):
        g.add_node(Node(uid, (label,), {"name": name} if name else {}, list(read)))
    for rel_type, start, end in (
        ("PART_OF", "Board:X", "Council:C"),
        ("MONITORS", "Board:X", "ActionPlan:P"),
        ("INCLUDES", "ActionPlan:P", "Action:A1"),
        ("INCLUDES", "ActionPlan:P", "Action:A2"),
        ("OWNS", "Board:Y", "Action:A1"),
        ("MEMBER_OF", "Person:Q1", "Board:Y"),
        ("MEMBER_OF", "Person:Q2", "Board:Y"),
        # A second relationship between the same two nodes is no second path.
        ("CHAIRS", "Person:Q2", "Board:Y"),
    ):
        g.add_relationship(Relationship(rel_type, start, end))
    return g


# ---------------------------------------------------------------------------- ownership


def test_action_owners_direct_inherited_and_none() -> None:
    assert action_owners(councils_graph()) == [
        ActionOwner("Action:E0A/1", (IMP,), inherited=False),
        ActionOwner("Action:E0A/2", (CPP,), inherited=False),
        ActionOwner("Action:E0A/3", (IMP,), inherited=True),
        ActionOwner("Action:E0A/4", (IMP,), inherited=True),
        ActionOwner("Action:E0A/5", (IMP, SCRUTINY), inherited=True),
        ActionOwner("Action:E0A/6", (), inherited=False),
        ActionOwner("Action:E0A/7", (CPP,), inherited=False),
    ]


def test_board_action_counts() -> None:
    assert board_action_counts(councils_graph()) == [
        BoardActions(IMP, "Improvement Board", owned=1, inherited=3, total=4, monitored=6),
        BoardActions(CPP, "Corporate Parenting Panel", owned=2, inherited=0, total=2, monitored=0),
        BoardActions(SCRUTINY, "Scrutiny Committee", owned=0, inherited=1, total=1, monitored=2),
        BoardActions(LONE, "Lone Panel", owned=0, inherited=0, total=0, monitored=0),
    ]


# ---------------------------------------------------------------------------- centrality


def test_board_betweenness_over_the_tree() -> None:
    # Nine nodes once the document is left out; normalised, a board's count of paths is
    # divided by the pairs among the other eight, 8 * 7 / 2 = 28. X separates {C} from
    # six nodes: 6 paths. Y separates {Q1}, {Q2} and five nodes: 1 * 1 + 1 * 5 + 1 * 5 = 11.
    # Z is on none.
    scores = board_centrality(tree_graph())
    assert [(b.board, b.name) for b in scores] == [
        ("Board:Y", "Board Y"),
        ("Board:X", "Board X"),
        ("Board:Z", "Board Z"),
    ]
    assert [b.betweenness for b in scores] == pytest.approx([11 / 28, 6 / 28, 0.0])
    assert all(isinstance(b, BoardCentrality) for b in scores)


def test_provenance_is_no_shortcut() -> None:
    g = tree_graph()
    with_documents = project(g, documents=True)
    assert with_documents.has_edge("Board:X", DOC)
    undirected = undirected_projection(with_documents)
    assert DOC not in undirected
    assert undirected.number_of_edges() == 7
    assert board_centrality(with_documents) == board_centrality(g)


def test_sampled_betweenness_runs_on_a_sample() -> None:
    sampled = board_centrality(tree_graph(), sample=4)
    assert {b.board for b in sampled} == {"Board:X", "Board:Y", "Board:Z"}
    assert all(b.betweenness >= 0 for b in sampled)


# ---------------------------------------------------------------------------- neighbours


def test_council_themes_counts_items_and_inspections() -> None:
    themes = council_themes(councils_graph())
    assert themes[ASHBY] == {EARLY: (1, 1), LEAVE: (1, 1), SUP: (3, 2)}
    assert themes[BRINDLE] == {LEAVE: (2, 2), STORY: (1, 1), SUP: (2, 2)}
    assert themes[CARROW] == {EARLY: (1, 1), STORY: (1, 1)}


def test_shared_neighbour_themes() -> None:
    shared = shared_neighbour_themes(councils_graph(), statistical_neighbours(GAZETTEER))
    assert shared == [
        NeighbourThemes(
            ASHBY,
            "Ashby",
            BRINDLE,
            "Brindle",
            (SharedTheme(SUP, "supervision", 3, 2, 2, 2), SharedTheme(LEAVE, "care-leavers", 1, 1, 2, 2)),
        ),
        NeighbourThemes(ASHBY, "Ashby", CARROW, "Carrow", (SharedTheme(EARLY, "early-help", 1, 1, 1, 1),)),
        NeighbourThemes(
            BRINDLE,
            "Brindle",
            ASHBY,
            "Ashby",
            (SharedTheme(SUP, "supervision", 2, 2, 3, 2), SharedTheme(LEAVE, "care-leavers", 2, 2, 1, 1)),
        ),
        NeighbourThemes(
            CARROW, "Carrow", BRINDLE, "Brindle", (SharedTheme(STORY, "life-story-work", 1, 1, 1, 1),)
        ),
    ]


def test_shared_neighbour_themes_recurring_within_each_council() -> None:
    shared = shared_neighbour_themes(councils_graph(), statistical_neighbours(GAZETTEER), min_inspections=2)
    assert shared == [
        NeighbourThemes(ASHBY, "Ashby", BRINDLE, "Brindle", (SharedTheme(SUP, "supervision", 3, 2, 2, 2),)),
        NeighbourThemes(BRINDLE, "Brindle", ASHBY, "Ashby", (SharedTheme(SUP, "supervision", 2, 2, 3, 2),)),
    ]


def test_the_shipped_gazetteer_gives_neighbours() -> None:
    neighbours = statistical_neighbours(CouncilGazetteer.load())
    haringey = CouncilGazetteer.load().resolve("Haringey")
    assert haringey is not None
    assert neighbours[haringey.code]
    assert all(code in neighbours for code in neighbours[haringey.code])


# ---------------------------------------------------------------------------- from Neo4j


def test_analytics_of_the_graph_read_from_neo4j(clean_db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    g = councils_graph()
    load_graph(clean_db, g, database)
    projection = project(read_graph(clean_db, database))
    assert board_action_counts(projection) == board_action_counts(g)
    assert action_owners(projection) == action_owners(g)
    assert shared_neighbour_themes(projection, statistical_neighbours(GAZETTEER)) == shared_neighbour_themes(
        g, statistical_neighbours(GAZETTEER)
    )
