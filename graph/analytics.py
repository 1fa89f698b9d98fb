"""Graph analytics with networkx: who owns the actions, who sits between, what neighbours share.

The analytics work on a projection of the graph (`project`), built from a `GraphDoc`:
one from an ingest run, or the whole database read back by `graph.export.read_graph`.

    >>> from graph.export import read_graph  # doctest: +SKIP
    >>> projection = project(read_graph(driver, "neo4j"))  # doctest: +SKIP
    >>> board_action_counts(projection)[0].name  # doctest: +SKIP
    "Children's Improvement Board"

- `action_owners` and `board_action_counts`: which board owns each action, directly
  (`OWNS`) or, where no board is named, inherited from the board that `MONITORS` the
  plan that `INCLUDES` it (the rule of shared/SCHEMA.md); and per board, how many.
- `board_centrality`: betweenness centrality of boards over the undirected graph
  without provenance, i.e. which boards sit on the most shortest paths between the
  graph's other entities.
- `shared_neighbour_themes`: for each council, the themes its inspections' findings and
  recommendations share with each of its statistical neighbours', with counts.

Results are frozen dataclasses, sorted so the most telling come first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import networkx as nx

from schema.graphdoc import GraphDoc
from schema.vocabulary import Label, RelType

# ---------------------------------------------------------------------------- projection


def project(g: GraphDoc, *, documents: bool = False) -> nx.MultiDiGraph:
    """The graph as a networkx MultiDiGraph for analytics.

    Nodes are uids with attributes `labels` (a tuple) and `properties` (a dict); edges
    are keyed by relationship type and carry `type` and `properties`. Provenance
    (Document nodes, and with them every link to a document) is left out unless
    `documents` is true, when each node's evidence becomes an EVIDENCED_BY edge.
    """
    out = nx.MultiDiGraph()
    for node in g.nodes.values():
        if not documents and Label.DOCUMENT in node.labels:
            continue
        out.add_node(node.uid, labels=tuple(node.labels), properties=dict(node.properties))
    for rel in g.relationships.values():
        if rel.start in out and rel.end in out:
            out.add_edge(rel.start, rel.end, key=rel.type, type=rel.type, properties=dict(rel.properties))
    if documents:
        for node in g.nodes.values():
            for document in sorted({ev.document for ev in node.evidence if ev.document in out}):
                out.add_edge(
                    node.uid, document, key=RelType.EVIDENCED_BY.value, type=RelType.EVIDENCED_BY.value
                )
    return out


def _projection(graph: GraphDoc | nx.MultiDiGraph) -> nx.MultiDiGraph:
    return project(graph) if isinstance(graph, GraphDoc) else graph


def _has_label(graph: nx.MultiDiGraph, uid: str, label: Label) -> bool:
    return label.value in graph.nodes[uid].get("labels", ())


def _with_label(graph: nx.MultiDiGraph, label: Label) -> list[str]:
    return sorted(uid for uid in graph.nodes if _has_label(graph, uid, label))


def _property(graph: nx.MultiDiGraph, uid: str, name: str) -> Any:
    return graph.nodes[uid].get("properties", {}).get(name)


def _name(graph: nx.MultiDiGraph, uid: str) -> str | None:
    value = _property(graph, uid, "name")
    return str(value) if value is not None else None


def _targets(graph: nx.MultiDiGraph, uid: str, rel_type: RelType) -> list[str]:
    return sorted({end for _, end, key in graph.out_edges(uid, keys=True) if key == rel_type.value})


def _sources(graph: nx.MultiDiGraph, uid: str, rel_type: RelType) -> list[str]:
    return sorted({start for start, _, key in graph.in_edges(uid, keys=True) if key == rel_type.value})


# ---------------------------------------------------------------------------- ownership


@dataclass(frozen=True)
class ActionOwner:
    """Which boards own an action, and whether that is inherited from monitoring its plan."""

    action: str
    boards: tuple[str, ...]
    inherited: bool


@dataclass(frozen=True)
class BoardActions:
    """How many actions a board is answerable for.

    `owned` counts actions the board `OWNS`; `inherited` counts actions no board owns
    in plans the board `MONITORS`; `total` is their sum (the two never overlap);
    `monitored` counts every action in the plans it monitors, whoever owns them.
    """

    board: str
    name: str | None
    owned: int
    inherited: int
    total: int
    monitored: int


def action_owners(graph: GraphDoc | nx.MultiDiGraph) -> list[ActionOwner]:
    """The owner of every action, by the rule of shared/SCHEMA.md.

    A board named as owner (`OWNS`) owns the action; where none is named, the boards
    that `MONITORS` a plan that `INCLUDES` the action own it, reported as inherited;
    an action with neither has no boards.
    """
    projection = _projection(graph)
    out: list[ActionOwner] = []
    for action in _with_label(projection, Label.ACTION):
        direct = _sources(projection, action, RelType.OWNS)
        if direct:
            out.append(ActionOwner(action, tuple(direct), inherited=False))
            continue
        monitors = {
            board
            for plan in _sources(projection, action, RelType.INCLUDES)
            for board in _sources(projection, plan, RelType.MONITORS)
        }
        out.append(ActionOwner(action, tuple(sorted(monitors)), inherited=bool(monitors)))
    return out


def board_action_counts(graph: GraphDoc | nx.MultiDiGraph) -> list[BoardActions]:
    """Every board with the actions it owns, inherits and monitors; most answerable first."""
    projection = _projection(graph)
    owned: dict[str, set[str]] = defaultdict(set)
    inherited: dict[str, set[str]] = defaultdict(set)
    for owner in action_owners(projection):
        for board in owner.boards:
            (inherited if owner.inherited else owned)[board].add(owner.action)
    out: list[BoardActions] = []
    for board in _with_label(projection, Label.BOARD):
        monitored = {
            action
            for plan in _targets(projection, board, RelType.MONITORS)
            for action in _targets(projection, plan, RelType.INCLUDES)
        }
        n_owned, n_inherited = len(owned[board]), len(inherited[board])
        out.append(
            BoardActions(
                board, _name(projection, board), n_owned, n_inherited, n_owned + n_inherited, len(monitored)
            )
        )
    out.sort(key=lambda b: (-b.total, -b.owned, -b.monitored, b.name or "", b.board))
    return out


# ---------------------------------------------------------------------------- centrality


@dataclass(frozen=True)
class BoardCentrality:
    """A board's normalised betweenness centrality: the share of shortest paths through it."""

    board: str
    name: str | None
    betweenness: float


def undirected_projection(graph: GraphDoc | nx.MultiDiGraph) -> nx.Graph:
    """The graph without direction, parallel edges, Document nodes or EVIDENCED_BY links."""
    projection = _projection(graph)
    out = nx.Graph()
    out.add_nodes_from(uid for uid in projection.nodes if not _has_label(projection, uid, Label.DOCUMENT))
    out.add_edges_from(
        (start, end)
        for start, end, key in projection.edges(keys=True)
        if key != RelType.EVIDENCED_BY.value and start in out and end in out and start != end
    )
    return out


def board_centrality(
    graph: GraphDoc | nx.MultiDiGraph, *, sample: int | None = None
) -> list[BoardCentrality]:
    """Boards by betweenness centrality over `undirected_projection`, highest first.

    Args:
        graph: the graph or its projection.
        sample: estimate from this many source nodes (fixed seed) instead of all of
            them, for graphs too large for the exact computation.
    """
    undirected = undirected_projection(graph)
    projection = _projection(graph)
    k = sample if sample is not None and sample < undirected.number_of_nodes() else None
    scores: dict[str, float] = nx.betweenness_centrality(
        undirected, k=k, normalized=True, seed=7 if k else None
    )
    out = [
        BoardCentrality(board, _name(projection, board), float(scores.get(board, 0.0)))
        for board in _with_label(projection, Label.BOARD)
    ]
    out.sort(key=lambda b: (-b.betweenness, b.name or "", b.board))
    return out


# ---------------------------------------------------------------------------- neighbours


class CouncilRecord(Protocol):
    """What the analytics need of a council of the gazetteer."""

    @property
    def code(self) -> str: ...

    @property
    def statistical_neighbours(self) -> tuple[str, ...]: ...


class CouncilDirectory(Protocol):
    """What the analytics need of the gazetteer (`ingest.councils.CouncilGazetteer`)."""

    @property
    def councils(self) -> Sequence[CouncilRecord]: ...


def statistical_neighbours(directory: CouncilDirectory) -> dict[str, tuple[str, ...]]:
    """Council code to its statistical neighbours' codes, e.g. from `CouncilGazetteer.load()`."""
    return {council.code: tuple(council.statistical_neighbours) for council in directory.councils}


@dataclass(frozen=True)
class SharedTheme:
    """A theme both councils' inspections raised: items tagged with it and inspections raising it."""

    theme: str
    name: str | None
    council_items: int
    council_inspections: int
    neighbour_items: int
    neighbour_inspections: int


@dataclass(frozen=True)
class NeighbourThemes:
    """The themes a council shares with one of its statistical neighbours."""

    council: str
    council_name: str | None
    neighbour: str
    neighbour_name: str | None
    themes: tuple[SharedTheme, ...]


@dataclass
class _Tally:
    items: set[str]
    inspections: set[str]


def council_themes(graph: GraphDoc | nx.MultiDiGraph) -> dict[str, dict[str, tuple[int, int]]]:
    """Council uid to theme uid to (findings and recommendations, inspections) raising it.

    Themes are reached as `(Inspection)-[:RECOMMENDED|FOUND]->(x)-[:ABOUT]->(Theme)`,
    through the inspections that `INSPECTED` the council.
    """
    projection = _projection(graph)
    tallies: dict[str, dict[str, _Tally]] = defaultdict(dict)
    for inspection in _with_label(projection, Label.INSPECTION):
        items = _targets(projection, inspection, RelType.RECOMMENDED) + _targets(
            projection, inspection, RelType.FOUND
        )
        for council in _targets(projection, inspection, RelType.INSPECTED):
            for item in items:
                for theme in _targets(projection, item, RelType.ABOUT):
                    tally = tallies[council].setdefault(theme, _Tally(set(), set()))
                    tally.items.add(item)
                    tally.inspections.add(inspection)
    return {
        council: {theme: (len(t.items), len(t.inspections)) for theme, t in sorted(themes.items())}
        for council, themes in sorted(tallies.items())
    }


def _council_code(graph: nx.MultiDiGraph, uid: str) -> str:
    code = _property(graph, uid, "code")
    return str(code) if code else uid.partition(":")[2]


def shared_neighbour_themes(
    graph: GraphDoc | nx.MultiDiGraph,
    neighbours: Mapping[str, Iterable[str]],
    *,
    min_inspections: int = 1,
) -> list[NeighbourThemes]:
    """For each council, the themes it shares with each statistical neighbour in the graph.

    Args:
        graph: the graph or its projection.
        neighbours: council code to its statistical neighbours' codes
            (`statistical_neighbours(CouncilGazetteer.load())`).
        min_inspections: a theme counts for a council only when at least this many of
            its inspections raised it; 2 keeps themes that recur within each council.

    Returns:
        One entry per (council, neighbour) pair sharing at least one theme: councils by
        name, then the neighbours sharing most themes first; each entry's themes with
        the most tagged items first.
    """
    projection = _projection(graph)
    profiles = {
        council: {theme: counts for theme, counts in themes.items() if counts[1] >= min_inspections}
        for council, themes in council_themes(projection).items()
    }
    by_code = {_council_code(projection, uid): uid for uid in _with_label(projection, Label.COUNCIL)}
    out: list[NeighbourThemes] = []
    for council in sorted(by_code.values()):
        mine = profiles.get(council, {})
        pairs: list[NeighbourThemes] = []
        for code in dict.fromkeys(neighbours.get(_council_code(projection, council), ())):
            neighbour = by_code.get(code)
            if neighbour is None or neighbour == council:
                continue
            theirs = profiles.get(neighbour, {})
            shared = [
                SharedTheme(theme, _name(projection, theme), *mine[theme], *theirs[theme])
                for theme in sorted(mine.keys() & theirs.keys())
            ]
            if not shared:
                continue
            shared.sort(key=lambda s: (-(s.council_items + s.neighbour_items), s.name or "", s.theme))
            pairs.append(
                NeighbourThemes(
                    council,
                    _name(projection, council),
                    neighbour,
                    _name(projection, neighbour),
                    tuple(shared),
                )
            )
        pairs.sort(key=lambda p: (-len(p.themes), p.neighbour_name or "", p.neighbour))
        out.extend(pairs)
    out.sort(key=lambda p: (p.council_name or "", p.council))
    return out
