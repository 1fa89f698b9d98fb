"""Async reads for the API's analytics and exports, over the process's one async driver.

The networkx analytics of `graph.analytics` work on a projection of the graph; the API
reads only the part each question needs, in one read transaction and one row of lists
(which the driver decodes far faster than many rows), and computes on it:

- `GraphReader.governance()`: boards, action plans and actions, linked by `OWNS`,
  `MONITORS`, `INCLUDES` and `REPORTS_TO`, with each board's council. From it
  `board_standings` gives each board the actions it owns, inherits and monitors and
  its betweenness centrality, i.e. how many shortest paths of the governance network
  (from an action to its plan, a plan to its board, a board to the board it reports
  to) run through it.
- `GraphReader.theme_profiles()`: councils, their inspections, the findings and
  recommendations those raised that carry a theme, and the themes. From it
  `neighbour_theme_pairs` gives the themes each council shares with each of its
  statistical neighbours.
- `GraphReader.graph()` and `GraphReader.neighbourhood_uids()`: async twins of
  `graph.export.read_graph` and `graph.export.neighbourhood_uids`, over the very same
  queries, so that an export over HTTP and one by the command line agree.

Driver failures become the project's errors here: an unreachable server
`DatabaseUnavailableError`, a transaction past its timeout `QueryTooExpensiveError`.

    >>> reader = GraphReader(driver, "neo4j", timeout=10.0)  # doctest: +SKIP
    >>> standings = board_standings(await reader.governance())  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, TypeVar

import neo4j
import networkx as nx
from neo4j import exceptions as neo4j_errors

from graph.analytics import (
    NeighbourThemes,
    board_action_counts,
    board_centrality,
    shared_neighbour_themes,
)

# The exports' own queries and record conversions, shared so that both reads give the same graph.
from graph.export import (
    _ALL_EVIDENCE,
    _ALL_NODES,
    _ALL_RELATIONSHIPS,
    _NEIGHBOURHOOD_UIDS,
    _by_label,
    _evidence_query,
    _node_from_record,
    _nodes_query,
    _relationship_from_record,
    _relationships_query,
)
from schema.errors import DatabaseUnavailableError, QueryTooExpensiveError
from schema.graphdoc import Evidence, GraphDoc
from schema.vocabulary import Label, RelType, is_rel_type

T = TypeVar("T")

_TIMEOUT_CODES: Final = ("Neo.ClientError.Transaction.TransactionTimedOut",)

# Betweenness is exact up to this many nodes in the projection; beyond it, it is
# estimated from a fixed sample of source nodes, so one request stays bounded however
# large the graph grows (Brandes' algorithm costs nodes x relationships).
EXACT_BETWEENNESS_NODES: Final = 5000
BETWEENNESS_SAMPLE: Final = 1000

# The most nodes an export around an entity holds (the same bound as the command line's).
EXPORT_NEIGHBOURHOOD_LIMIT: Final = 5000

# ---------------------------------------------------------------------------- Cypher

_GOVERNANCE: Final = """
CALL () {
  // every board, with the name the answers show and the councils it is part of
  MATCH (b:Board)
  OPTIONAL MATCH (b)-[:PART_OF]->(c:Council)
  WITH b, collect(c.uid) AS councils
  RETURN collect([b.uid, b.name, councils]) AS boards
}
CALL () {
  // every plan, bare: the analytics count plans and never show them
  MATCH (p:ActionPlan)
  RETURN collect(p.uid) AS plans
}
CALL () {
  // every action, bare, owned or not
  MATCH (a:Action)
  RETURN collect(a.uid) AS actions
}
CALL () {
  // the links of governance: who owns, monitors, includes and reports to what
  MATCH (s)-[r:OWNS|MONITORS|INCLUDES|REPORTS_TO]->(t)
  // only between the three kinds read above, whatever else a bad document linked
  WHERE (s:Board OR s:ActionPlan) AND (t:Board OR t:ActionPlan OR t:Action)
  RETURN collect([s.uid, type(r), t.uid]) AS links
}
RETURN boards, plans, actions, links
"""

_THEME_PROFILES: Final = """
CALL () {
  // every council, with the name the answers show and the code the gazetteer knows it by
  MATCH (c:Council)
  RETURN collect([c.uid, c.name, c.code]) AS councils
}
CALL () {
  // every theme, with its name
  MATCH (t:Theme)
  RETURN collect([t.uid, t.name]) AS themes
}
CALL () {
  // which council each inspection was of
  MATCH (i:Inspection)-[:INSPECTED]->(c:Council)
  RETURN collect([i.uid, c.uid]) AS inspected
}
CALL () {
  // what each inspection recommended or found, keeping only the items that carry a theme
  MATCH (i:Inspection)-[r:RECOMMENDED|FOUND]->(x)
  WHERE EXISTS { (x)-[:ABOUT]->(:Theme) }
  RETURN collect([i.uid, type(r), x.uid]) AS raised
}
CALL () {
  // the themes of those items; an item raised by two inspections is read once
  MATCH (:Inspection)-[:RECOMMENDED|FOUND]->(x)-[:ABOUT]->(t:Theme)
  RETURN collect(DISTINCT [x.uid, t.uid]) AS about
}
RETURN councils, themes, inspected, raised, about
"""

# ---------------------------------------------------------------------------- projections


class _Projection:
    """A projection as `graph.analytics.project` shapes one: nodes with a `labels` tuple and a
    `properties` dict, edges keyed by their type."""

    def __init__(self) -> None:
        self.graph = nx.MultiDiGraph()

    def node(self, uid: str, label: Label, **properties: Any) -> None:
        if uid not in self.graph:
            kept = {k: v for k, v in properties.items() if v is not None}
            self.graph.add_node(uid, labels=(label.value,), properties=kept)

    def link(self, start: str, rel_type: str, end: str) -> None:
        # an edge to a node the projection does not hold would bring that node in bare
        if start in self.graph and end in self.graph:
            self.graph.add_edge(start, end, key=rel_type, type=rel_type)

    def build(self) -> nx.MultiDiGraph:
        return self.graph


@dataclass(frozen=True)
class Governance:
    """The governance projection, and the councils each board is part of."""

    graph: nx.MultiDiGraph
    councils: Mapping[str, tuple[str, ...]]


def governance_projection(row: Mapping[str, Any]) -> Governance:
    """The governance projection from the row `_GOVERNANCE` returns."""
    projection = _Projection()
    councils: dict[str, tuple[str, ...]] = {}
    for uid, name, part_of in row["boards"]:
        projection.node(uid, Label.BOARD, name=name)
        councils[uid] = tuple(sorted(part_of))
    for uid in row["plans"]:
        projection.node(uid, Label.ACTION_PLAN)
    for uid in row["actions"]:
        projection.node(uid, Label.ACTION)
    for start, rel_type, end in row["links"]:
        projection.link(start, rel_type, end)
    return Governance(projection.build(), councils)


def theme_projection(row: Mapping[str, Any]) -> nx.MultiDiGraph:
    """The councils-inspections-items-themes projection from the row `_THEME_PROFILES` returns."""
    projection = _Projection()
    for uid, name, code in row["councils"]:
        projection.node(uid, Label.COUNCIL, name=name, code=code)
    for uid, name in row["themes"]:
        projection.node(uid, Label.THEME, name=name)
    for inspection, council in row["inspected"]:
        projection.node(inspection, Label.INSPECTION)
        projection.link(inspection, RelType.INSPECTED.value, council)
    for inspection, rel_type, item in row["raised"]:
        projection.node(item, Label.RECOMMENDATION if rel_type == RelType.RECOMMENDED else Label.FINDING)
        projection.link(inspection, rel_type, item)
    for item, theme in row["about"]:
        projection.link(item, RelType.ABOUT.value, theme)
    return projection.build()


# ---------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class BoardStanding:
    """A board's actions and its place in the governance network.

    `owned`, `inherited` and `total` are `graph.analytics.BoardActions`'; `monitored_plans`
    counts the plans it monitors and `monitored_actions` every action in them, whoever
    owns it; `betweenness` is its normalised betweenness centrality in the governance
    projection (estimated when `sampled`).
    """

    board: str
    name: str | None
    councils: tuple[str, ...]
    owned: int
    inherited: int
    total: int
    monitored_plans: int
    monitored_actions: int
    betweenness: float
    sampled: bool


def board_standings(governance: Governance) -> list[BoardStanding]:
    """Every board of the projection with its counts and betweenness, most answerable first."""
    graph = governance.graph
    sampled = graph.number_of_nodes() > EXACT_BETWEENNESS_NODES
    centrality = {
        c.board: c.betweenness
        for c in board_centrality(graph, sample=BETWEENNESS_SAMPLE if sampled else None)
    }
    out: list[BoardStanding] = []
    for counts in board_action_counts(graph):
        plans = {end for _, end, key in graph.out_edges(counts.board, keys=True) if key == RelType.MONITORS}
        out.append(
            BoardStanding(
                board=counts.board,
                name=counts.name,
                councils=governance.councils.get(counts.board, ()),
                owned=counts.owned,
                inherited=counts.inherited,
                total=counts.total,
                monitored_plans=len(plans),
                monitored_actions=counts.monitored,
                betweenness=centrality.get(counts.board, 0.0),
                sampled=sampled,
            )
        )
    return out


class BoardOrder(StrEnum):
    """What boards are ranked by."""

    ACTIONS = "actions"
    MONITORED = "monitored"
    BETWEENNESS = "betweenness"


def ranked_boards(standings: Iterable[BoardStanding], order: BoardOrder) -> list[BoardStanding]:
    """The standings by `order`, highest first: the actions a board answers for (owned and
    inherited), the actions in the plans it monitors, or its betweenness; ties by the other
    counts, then by name and uid."""

    def key(s: BoardStanding) -> tuple[float, float, float, float, str, str]:
        if order is BoardOrder.BETWEENNESS:
            return (-s.betweenness, -s.total, -s.owned, -s.monitored_actions, s.name or "", s.board)
        if order is BoardOrder.MONITORED:
            return (-s.monitored_actions, -s.monitored_plans, -s.total, -s.betweenness, s.name or "", s.board)
        return (-s.total, -s.owned, -s.monitored_actions, -s.betweenness, s.name or "", s.board)

    return sorted(standings, key=key)


def neighbour_theme_pairs(
    projection: nx.MultiDiGraph,
    neighbours: Mapping[str, Iterable[str]],
    *,
    min_inspections: int = 1,
    min_shared: int = 1,
) -> list[NeighbourThemes]:
    """The (council, statistical neighbour) pairs sharing at least `min_shared` themes.

    Args:
        projection: the theme projection (`theme_projection`).
        neighbours: council code to its statistical neighbours' codes.
        min_inspections: a theme counts for a council when at least this many of its
            inspections raised it (2: the theme recurs within each council).
        min_shared: the fewest shared themes a pair must have.

    Returns:
        The pairs sharing most themes first, then by council and neighbour name.
    """
    pairs = [
        p
        for p in shared_neighbour_themes(projection, neighbours, min_inspections=min_inspections)
        if len(p.themes) >= min_shared
    ]
    pairs.sort(
        key=lambda p: (-len(p.themes), p.council_name or "", p.council, p.neighbour_name or "", p.neighbour)
    )
    return pairs


# ---------------------------------------------------------------------------- the reader


def _graph_from_rows(
    node_rows: Sequence[Mapping[str, Any]],
    evidence_rows: Sequence[Mapping[str, Any]],
    rel_rows: Sequence[Mapping[str, Any]],
) -> GraphDoc:
    """A GraphDoc from the export queries' rows, built in the order `read_graph` builds it."""
    g = GraphDoc()
    for row in sorted(node_rows, key=lambda r: str(r["uid"])):
        node = _node_from_record(str(row["uid"]), list(row["labels"]), row["properties"])
        if node is not None:
            g.add_node(node)
    for row in sorted(evidence_rows, key=lambda r: (str(r["uid"]), str(r["document"]), r["start"] or 0)):
        found = g.nodes.get(str(row["uid"]))
        if found is not None:
            found.evidence.append(
                Evidence(
                    str(row["document"]),
                    str(row["quote"] or ""),
                    int(row["start"] or 0),
                    int(row["end"] or 0),
                )
            )
    for row in sorted(rel_rows, key=lambda r: (str(r["start"]), str(r["type"]), str(r["end"]))):
        rel_type, start, end = str(row["type"]), str(row["start"]), str(row["end"])
        if is_rel_type(rel_type) and start in g.nodes and end in g.nodes:
            g.add_relationship(_relationship_from_record(start, rel_type, end, row["properties"]))
    return g


async def _rows(tx: neo4j.AsyncTransaction, query: str, **params: Any) -> list[dict[str, Any]]:
    result = await tx.run(query, params)
    return [record.data() async for record in result]


@dataclass(frozen=True)
class GraphReader:
    """Async reads of projections and exports over the process's driver.

    Args:
        driver: the process's async driver, opened and closed by the caller.
        database: the database name.
        timeout: seconds a transaction may run before the server stops it.
    """

    driver: neo4j.AsyncDriver
    database: str
    timeout: float = 10.0

    async def governance(self) -> Governance:
        """The governance projection: boards, plans and actions and the links among them."""

        async def work(tx: neo4j.AsyncTransaction) -> dict[str, Any]:
            return (await _rows(tx, _GOVERNANCE))[0]

        # building the projection takes a while on a large graph: off the event loop
        return await asyncio.to_thread(governance_projection, await self._read(work))

    async def theme_profiles(self) -> nx.MultiDiGraph:
        """The theme projection: councils, inspections, their themed items and the themes."""

        async def work(tx: neo4j.AsyncTransaction) -> dict[str, Any]:
            return (await _rows(tx, _THEME_PROFILES))[0]

        return await asyncio.to_thread(theme_projection, await self._read(work))

    async def graph(self, uids: Sequence[str] | None = None) -> GraphDoc:
        """The graph, whole or the subgraph induced by `uids` with its documents: `read_graph`'s answer."""

        async def work(tx: neo4j.AsyncTransaction) -> GraphDoc:
            if uids is None:
                return _graph_from_rows(
                    await _rows(tx, _ALL_NODES),
                    await _rows(tx, _ALL_EVIDENCE),
                    await _rows(tx, _ALL_RELATIONSHIPS),
                )
            node_rows: list[dict[str, Any]] = []
            evidence_rows: list[dict[str, Any]] = []
            chosen = _by_label(uids)
            for label, found in chosen.items():
                node_rows += await _rows(tx, _nodes_query(label), uids=found)
                evidence_rows += await _rows(tx, _evidence_query(label), uids=found)
            have = {str(row["uid"]) for row in node_rows}
            documents = sorted({str(row["document"]) for row in evidence_rows} - have)
            if documents:
                node_rows += await _rows(tx, _nodes_query(Label.DOCUMENT), uids=documents)
                chosen = _by_label([*(uid for found in chosen.values() for uid in found), *documents])
            # the documents brought in for provenance belong to the subgraph, as in read_graph
            every = sorted({uid for found in chosen.values() for uid in found})
            rel_rows: list[dict[str, Any]] = []
            for label, found in chosen.items():
                rel_rows += await _rows(tx, _relationships_query(label), starts=found, uids=every)
            return _graph_from_rows(node_rows, evidence_rows, rel_rows)

        return await self._read(work)

    async def neighbourhood_uids(
        self, uid: str, depth: int = 1, limit: int = EXPORT_NEIGHBOURHOOD_LIMIT
    ) -> list[str]:
        """The uid of a node and of those within `depth` (1 to 3) relationships; empty if none has it."""
        if depth not in _NEIGHBOURHOOD_UIDS:
            raise ValueError("depth must be 1, 2 or 3")

        async def work(tx: neo4j.AsyncTransaction) -> list[str]:
            rows = await _rows(tx, _NEIGHBOURHOOD_UIDS[depth], uid=uid, limit=limit)
            return [str(u) for u in rows[0]["uids"]] if rows else []

        return await self._read(work)

    async def _read(self, work: Callable[[neo4j.AsyncTransaction], Awaitable[T]]) -> T:
        """Run `work` in one read transaction with the timeout, translating driver failures.

        An explicit transaction, which nothing retries: a request fails at once when the
        database is away, as the repository's do, rather than after the driver's retries.
        """
        try:
            async with (
                self.driver.session(
                    database=self.database, default_access_mode=neo4j.READ_ACCESS, bookmark_manager=None
                ) as session,
                await session.begin_transaction(timeout=self.timeout) as tx,
            ):
                return await work(tx)
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as exc:
            raise DatabaseUnavailableError(
                f"the graph database does not answer ({exc.__class__.__name__})"
            ) from exc
        except neo4j_errors.AuthError as exc:
            raise DatabaseUnavailableError("the graph database refuses the configured credentials") from exc
        except neo4j_errors.ClientError as exc:
            if (exc.code or "").startswith(_TIMEOUT_CODES):
                raise QueryTooExpensiveError(
                    f"reading the graph took longer than the {self.timeout:g} s allowed"
                ) from exc
            raise
