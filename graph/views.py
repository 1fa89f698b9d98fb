"""Subgraphs for the relationship views: a neighbourhood, a path, a recurrence cluster.

Each view is read in one read-only transaction and comes back as a `GraphView`: a
`GraphDoc` of the entities and relationships to draw, and the documents they were read
from. Documents are provenance, not part of the picture: they are never drawn (no
`Document` node, no `EVIDENCED_BY` relationship), but every node keeps its quotes as
`Node.evidence` and every relationship its own (`document`, `quote`, `start`, `end`),
and `GraphView.documents` holds each quoted document's title, source and date, so that
hovering over anything can show where it was read.

`cytoscape_elements()` turns a view into the elements JSON that Cytoscape.js draws, and
`GraphView.browser_cypher` is the same view as one self-contained query for the Neo4j
Browser.

Values are always parameters. The labels and relationship types that Cypher cannot take
as parameters come from the vocabulary's allow-list (`graph.cypher.identifier`).

    views = GraphViews(driver, "neo4j", timeout=5.0)
    view = await views.neighbourhood("Council:E09000014", depth=2, limit=80)
    elements = cytoscape_elements(view)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from graph.cypher import identifier, labels_clause
from schema.errors import BadFilterError, DatabaseUnavailableError, NotFoundError, QueryTooExpensiveError
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship, label_of_uid, relationship_id
from schema.vocabulary import PROVENANCE_PROPERTIES, Label, RelType, is_label

# ---------------------------------------------------------------------------- limits

MAX_DEPTH = 3
# One hop and a few dozen nodes stay legible; a click on any node draws more.
DEFAULT_DEPTH = 1
MAX_NODES = 300
DEFAULT_NODES = 60
MAX_HOPS = 10
DEFAULT_HOPS = 6
DEFAULT_CLUSTER_ITEMS = 24
# A tooltip shows one quote; a few more are kept for the list view and the JSON.
QUOTES_PER_NODE = 3
# How far a SIMILAR_TO cluster is followed from the recommendation it is drawn around.
SIMILAR_HOPS = 6

# Everything but provenance: documents would link everything read from the same file.
DRAWN_TYPES: tuple[RelType, ...] = tuple(t for t in RelType if t is not RelType.EVIDENCED_BY)
_DRAWN_TYPE_NAMES = [str(t) for t in DRAWN_TYPES]
_ASSESSED = (Label.RECOMMENDATION, Label.FINDING)


class ViewKind(StrEnum):
    """The kinds of relationship view."""

    NEIGHBOURHOOD = "neighbourhood"
    PATH = "path"
    CLUSTER = "cluster"


# ---------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A quoted document, as a tooltip names it."""

    uid: str
    title: str | None
    source: str | None
    url: str | None
    kind: str | None
    date: str | None


@dataclass(frozen=True)
class GraphView:
    """A subgraph to draw, with the provenance of everything in it.

    Attributes:
        kind: which view this is.
        title: a one-line description for people ("Neighbourhood of Haringey").
        graph: the nodes and relationships drawn, Documents left out; each node's
            quotes are its `evidence`, each relationship's its own `evidence`.
        documents: the documents those quotes come from, by uid.
        focus: the uids the view is about (the entity, both ends of a path, the theme).
        browser_cypher: the same view as one query to paste into the Neo4j Browser.
        truncated: the view was cut at its node limit.
        found: False when a path view found no path (its two ends are still drawn).
        stats: counts worth showing beside the picture (a cluster's inspections, say).
    """

    kind: ViewKind
    title: str
    graph: GraphDoc
    documents: Mapping[str, DocumentRef]
    focus: tuple[str, ...]
    browser_cypher: str
    truncated: bool = False
    found: bool = True
    stats: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ThemeCount:
    """How many inspections raised a theme in one year, or at one council."""

    theme: str
    theme_uid: str
    column: str
    inspections: int


@dataclass(frozen=True, slots=True)
class CouncilRef:
    """A council the graph knows something about."""

    uid: str
    name: str
    code: str | None


# ---------------------------------------------------------------------------- captions

_CAPTION_LENGTH = 48


def _shorten(text: str, length: int = _CAPTION_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def display_label(labels: Sequence[str], uid: str) -> str:
    """The label a node is coloured by: `Officer` or `Councillor` for people, else its uid's label."""
    for specific in (Label.COUNCILLOR, Label.OFFICER):
        if specific in labels:
            return str(specific)
    return label_of_uid(uid)


def describe(labels: Sequence[str], props: Mapping[str, Any], uid: str) -> str:
    """A full one-line description of a node, for tooltips and lists."""
    label = label_of_uid(uid)
    if label == Label.INSPECTION:
        when = props.get("start_date") or props.get("published_date") or props.get("year")
        text = str(props.get("framework") or "Inspection") + (f" {when}" if when else "")
        judgement = props.get("judgement")
        return f"{text}: {judgement}" if judgement else text
    if label == Label.MEETING:
        parts = [str(props[k]) for k in ("title", "date") if props.get(k)]
        return ", ".join(parts) or uid
    if label == Label.PERSON:
        name, role = props.get("name"), props.get("role")
        if name and role:
            return f"{name}, {role}"
        return str(name or role or uid)
    for key in ("name", "title", "text"):
        value = props.get(key)
        if value:
            return " ".join(str(value).split())
    return uid


def caption(labels: Sequence[str], props: Mapping[str, Any], uid: str) -> str:
    """A short caption to draw under a node."""
    label = label_of_uid(uid)
    if label == Label.PERSON:
        return _shorten(str(props.get("name") or props.get("role") or uid))
    return _shorten(describe(labels, props, uid))


# ---------------------------------------------------------------------------- Cypher

_ANCHOR = """
// the entity by its uid: a seek on the uid constraint of its label
MATCH (n{label} {{uid: $uid}})
RETURN elementId(n) AS id, n.uid AS uid, labels(n) AS labels, properties(n) AS props
"""

_EXPAND = """
UNWIND $frontier AS id
MATCH (n) WHERE elementId(n) = id
// the frontier's drawn relationships, to nodes not drawn yet; documents are provenance
MATCH (n)-[r]-(m)
WHERE type(r) IN $types AND NOT m:Document AND NOT elementId(m) IN $seen
WITH DISTINCT m
// group the new nodes by kind, each group in uid order ...
WITH m ORDER BY m.uid
WITH split(m.uid, ':')[0] AS kind, collect(m) AS members
// ... and take them in turns, so a cut keeps some of every kind (not 80 findings, no council)
UNWIND range(0, size(members) - 1) AS turn
WITH members[turn] AS m, turn, kind
ORDER BY turn, kind
LIMIT $limit
RETURN elementId(m) AS id
"""

_AMONG = """
UNWIND $ids AS id
MATCH (a) WHERE elementId(a) = id
// every drawn relationship between two kept nodes, found once from its start node
MATCH (a)-[r]->(b)
WHERE type(r) IN $types AND elementId(b) IN $ids
RETURN a.uid AS start, type(r) AS type, b.uid AS end, properties(r) AS props
"""

_NODES = """
UNWIND $ids AS id
MATCH (n) WHERE elementId(n) = id
CALL (n) {
  // the quotes the node was read from, in reading order; a few are enough
  MATCH (n)-[e:EVIDENCED_BY]->(d:Document)
  WITH e, d ORDER BY d.date, d.uid, e.start
  LIMIT $quotes
  RETURN collect({document: d.uid, quote: e.quote, start: e.start, end: e.end}) AS evidence
}
RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS props, evidence
"""

_DOCUMENTS = """
// the quoted documents, for tooltips: a seek on the Document uid constraint
MATCH (d:Document) WHERE d.uid IN $uids
RETURN d.uid AS uid, properties(d) AS props
"""


def _path_query(start_label: str, end_label: str, max_hops: int) -> str:
    types = "|".join(identifier(t) for t in DRAWN_TYPES)
    return f"""
MATCH (a{labels_clause((start_label,))} {{uid: $start}})
MATCH (b{labels_clause((end_label,))} {{uid: $end}})
// the shortest chain of drawn relationships, in either direction, within the hop limit
OPTIONAL MATCH p = shortestPath((a)-[:{types}*..{int(max_hops)}]-(b))
RETURN p IS NOT NULL AS found,
       [m IN coalesce(nodes(p), []) | elementId(m)] AS ids,
       [r IN coalesce(relationships(p), []) |
          {{start: startNode(r).uid, type: type(r), end: endNode(r).uid, props: properties(r)}}] AS rels
"""


_THEME_BY_NAME = """
// a theme by uid or by name in any case; the taxonomy is small, so a scan is cheap
MATCH (t:Theme)
WHERE t.uid = $key OR toLower(t.name) = toLower($key)
RETURN t.uid AS uid
ORDER BY t.uid
LIMIT 1
"""

_THEME_CLUSTER = """
MATCH (t:Theme {uid: $theme})
// the recommendations and findings about the theme, the inspection behind each, its council
MATCH (t)<-[:ABOUT]-(x)<-[:RECOMMENDED|FOUND]-(i:Inspection)-[:INSPECTED]->(c:Council)
WHERE x:Recommendation OR x:Finding
// each inspection's items, recommendations first: what recurs is what Ofsted asked for again
WITH x, i, c
ORDER BY CASE WHEN x:Recommendation THEN 0 ELSE 1 END, x.uid
WITH i, c, collect(x) AS items
// the inspections of each year in date order ...
WITH i, c, items, coalesce(i.start_date, i.published_date, toString(i.year)) AS date
ORDER BY date, i.uid
WITH left(date, 4) AS year, collect({inspection: i, council: c, items: items}) AS inspections
UNWIND range(0, size(inspections) - 1) AS place
WITH year, place, inspections[place] AS entry
// ... then one item of each inspection in turn, taking the years in turn, so that a cut
// still spans the years and as many inspections as it can
UNWIND range(0, size(entry.items) - 1) AS turn
WITH entry.items[turn] AS x, entry.inspection AS i, entry.council AS c, turn, place, year
ORDER BY turn, place, year, x.uid
LIMIT $limit
RETURN elementId(x) AS item, elementId(i) AS inspection, elementId(c) AS council
"""

_THEME_TOTALS = """
// how far the theme recurs: inspections, councils and items behind it, drawn or not
MATCH (:Theme {uid: $theme})<-[:ABOUT]-(x)<-[:RECOMMENDED|FOUND]-(i:Inspection)-[:INSPECTED]->(c:Council)
WHERE x:Recommendation OR x:Finding
RETURN count(DISTINCT i) AS inspections, count(DISTINCT c) AS councils, count(DISTINCT x) AS items
"""


def _similar_cluster_query(label: str) -> str:
    return f"""
MATCH (s{labels_clause((label,))} {{uid: $uid}})
// the wording cluster: everything reachable over SIMILAR_TO, either way, the item itself included
MATCH (s)-[:SIMILAR_TO*0..{SIMILAR_HOPS}]-(x)
WITH DISTINCT x
ORDER BY x.uid
LIMIT $limit
// each member's inspection and that inspection's council, where the graph has them
OPTIONAL MATCH (x)<-[:RECOMMENDED|FOUND]-(i:Inspection)
OPTIONAL MATCH (i)-[:INSPECTED]->(c:Council)
RETURN elementId(x) AS item, elementId(i) AS inspection, elementId(c) AS council
"""


_THEME_COUNT_COLUMNS: dict[str, str] = {
    "year": "toString(coalesce(i.year, toInteger(left(i.start_date, 4)), toInteger(left(i.published_date, 4))))",
    "council": "c.name",
}


def _theme_counts_query(by: str) -> str:
    return f"""
// every theme's recommendations and findings, with the inspection and council behind each
MATCH (t:Theme)<-[:ABOUT]-(x)<-[:RECOMMENDED|FOUND]-(i:Inspection)-[:INSPECTED]->(c:Council)
WHERE x:Recommendation OR x:Finding
WITH t, i, {_THEME_COUNT_COLUMNS[by]} AS column
WHERE column IS NOT NULL
// an inspection counts once per theme, however many of its items are about it
RETURN t.name AS theme, t.uid AS uid, column, count(DISTINCT i) AS inspections
"""


_COUNCILS = """
// councils the graph knows something about: inspected, or with a board of their own
MATCH (c:Council)
WHERE EXISTS { (c)<-[:INSPECTED]-(:Inspection) } OR EXISTS { (c)<-[:PART_OF]-(:Board) }
RETURN c.uid AS uid, c.name AS name, c.code AS code
ORDER BY toLower(c.name)
"""


# ---------------------------------------------------------------------------- Browser queries


def cypher_string(value: str) -> str:
    """`value` as a Cypher string literal, for queries a person pastes into the Browser.

    The views' own queries always pass values as parameters; only the Browser link
    needs one self-contained text, which the person reads and runs themselves.
    """
    escaped = (
        value.replace("\\", "\\\\")
        .replace("'", "\\'")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f"'{escaped}'"


def _browser_anchor(var: str, uid: str) -> str:
    return f"({var}{labels_clause((label_of_uid(uid),))} {{uid: {cypher_string(uid)}}})"


def browser_neighbourhood_cypher(uid: str, depth: int, limit: int) -> str:
    """The Browser query that draws a neighbourhood."""
    return (
        f"// what lies within {depth} hop(s) of {uid}, documents left out\n"
        f"MATCH p = {_browser_anchor('n', uid)}-[:!EVIDENCED_BY]-{{1,{int(depth)}}}(m)\n"
        f"RETURN p LIMIT {int(limit)}"
    )


def browser_path_cypher(start: str, end: str, max_hops: int) -> str:
    """The Browser query that draws the shortest path between two entities."""
    return (
        f"// the shortest chain of relationships between two entities, documents left out\n"
        f"MATCH {_browser_anchor('a', start)}, {_browser_anchor('b', end)}\n"
        f"MATCH p = SHORTEST 1 (a)-[:!EVIDENCED_BY]-{{1,{int(max_hops)}}}(b)\n"
        "RETURN p"
    )


def browser_theme_cypher(theme_uid: str, limit: int) -> str:
    """The Browser query that draws a theme's recurrence."""
    return (
        "// the theme, the recommendations and findings about it, their inspections and councils\n"
        f"MATCH p = {_browser_anchor('t', theme_uid)}<-[:ABOUT]-(x)"
        "<-[:RECOMMENDED|FOUND]-(:Inspection)-[:INSPECTED]->(:Council)\n"
        "WHERE x:Recommendation OR x:Finding\n"
        f"RETURN p LIMIT {int(limit)}"
    )


def browser_similar_cypher(uid: str, limit: int) -> str:
    """The Browser query that draws a SIMILAR_TO cluster."""
    return (
        "// the wording cluster around the item, with each member's inspection and council\n"
        f"MATCH p = {_browser_anchor('s', uid)}-[:SIMILAR_TO*0..{SIMILAR_HOPS}]-(x)\n"
        "OPTIONAL MATCH q = (x)<-[:RECOMMENDED|FOUND]-(:Inspection)-[:INSPECTED]->(:Council)\n"
        f"RETURN p, q LIMIT {int(limit)}"
    )


# ---------------------------------------------------------------------------- reading

_TIMEOUT_CODES = ("Neo.ClientError.Transaction.TransactionTimedOut",)

T = TypeVar("T")


def _plain(value: Any) -> Any:
    """A property value as JSON can carry it: temporal and spatial values become text."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _int_or_zero(value: Any) -> int:
    return int(value) if isinstance(value, int | float) else 0


def _evidence_of(props: Mapping[str, Any]) -> list[Evidence]:
    document, quote = props.get("document"), props.get("quote")
    if not document or quote is None:
        return []
    return [
        Evidence(str(document), str(quote), _int_or_zero(props.get("start")), _int_or_zero(props.get("end")))
    ]


def _check_entity_uid(uid: str) -> str:
    """The label of a uid the views can draw; the error says why when they cannot."""
    label = label_of_uid(uid)
    if not uid or ":" not in uid or not is_label(label):
        raise NotFoundError(f"no entity has the id {uid!r}: ids look like 'Council:E09000014'")
    if label == Label.DOCUMENT:
        raise BadFilterError(
            f"{uid!r} is a document: documents are drawn as the quotes of what was read from them, "
            "not as nodes"
        )
    return label


def _check_range(name: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise BadFilterError(f"{name} must be between {low} and {high}, not {value}")


@dataclass(frozen=True)
class GraphViews:
    """Reads the relationship views and the home page's figures over the process's async driver.

    Args:
        driver: the process's async driver, opened and closed by the caller.
        database: the database name.
        timeout: seconds a transaction may run before the server stops it.
    """

    driver: neo4j.AsyncDriver
    database: str
    timeout: float = 10.0

    # ------------------------------------------------------------------ the views

    async def neighbourhood(
        self, uid: str, depth: int = DEFAULT_DEPTH, limit: int = DEFAULT_NODES
    ) -> GraphView:
        """The entities within `depth` hops of `uid` (at most `limit` besides it), breadth first,
        and every drawn relationship among them.

        Raises:
            NotFoundError: no entity has the uid.
            BadFilterError: depth or limit out of range, or the uid is a document's.
        """
        label = _check_entity_uid(uid)
        _check_range("depth", depth, 1, MAX_DEPTH)
        _check_range("limit", limit, 1, MAX_NODES)

        async def work(tx: neo4j.AsyncManagedTransaction) -> GraphView:
            anchor = await _anchor(tx, label, uid)
            ids: list[str] = [anchor["id"]]
            frontier = list(ids)
            truncated = False
            for _ in range(depth):
                if not frontier:
                    break
                room = limit + 1 - len(ids)
                # one more than there is room for tells whether the limit cut anything (with no
                # room left the query still runs, for that one)
                result = await tx.run(
                    _EXPAND, frontier=frontier, seen=ids, types=_DRAWN_TYPE_NAMES, limit=room + 1
                )
                found = [str(r["id"]) async for r in result]
                if len(found) > room:
                    truncated = True
                    found = found[:room]
                ids.extend(found)
                frontier = found
            graph, documents = await _subgraph(tx, ids, None)
            title = f"Neighbourhood of {describe(anchor['labels'], anchor['props'], uid)}"
            return GraphView(
                ViewKind.NEIGHBOURHOOD,
                title,
                graph,
                documents,
                (uid,),
                browser_neighbourhood_cypher(uid, depth, limit),
                truncated=truncated,
            )

        return await self._read(work)

    async def path(self, start: str, end: str, max_hops: int = DEFAULT_HOPS) -> GraphView:
        """The shortest chain of drawn relationships between two entities.

        When there is none within `max_hops` the view holds the two entities alone and
        `found` is False.

        Raises:
            NotFoundError: either uid names no entity (the message says which).
            BadFilterError: max_hops out of range, or a uid is a document's.
        """
        start_label = _check_entity_uid(start)
        end_label = _check_entity_uid(end)
        _check_range("maxHops", max_hops, 1, MAX_HOPS)

        async def work(tx: neo4j.AsyncManagedTransaction) -> GraphView:
            a = await _anchor(tx, start_label, start)
            b = await _anchor(tx, end_label, end)
            title = (
                f"Path from {describe(a['labels'], a['props'], start)} "
                f"to {describe(b['labels'], b['props'], end)}"
            )
            browser = browser_path_cypher(start, end, max_hops)
            if start == end:
                graph, documents = await _subgraph(tx, [a["id"]], [])
                return GraphView(ViewKind.PATH, title, graph, documents, (start,), browser)
            result = await tx.run(_path_query(start_label, end_label, max_hops), start=start, end=end)
            row = await result.single()
            if row is None or not row["found"]:
                graph, documents = await _subgraph(tx, [a["id"], b["id"]], [])
                return GraphView(ViewKind.PATH, title, graph, documents, (start, end), browser, found=False)
            graph, documents = await _subgraph(tx, list(row["ids"]), list(row["rels"]))
            return GraphView(
                ViewKind.PATH,
                title,
                graph,
                documents,
                (start, end),
                browser,
                stats={"hops": len(row["rels"])},
            )

        return await self._read(work)

    async def cluster(self, key: str, limit: int = DEFAULT_CLUSTER_ITEMS) -> GraphView:
        """A recurrence cluster: a theme, or the SIMILAR_TO cluster around a recommendation or
        finding, with the inspections and councils whose items make it recur.

        Args:
            key: a Theme uid or name (any case), or a Recommendation or Finding uid.
            limit: at most this many recommendations and findings are drawn.

        Raises:
            NotFoundError: no theme has the name, or no entity the uid.
            BadFilterError: the uid is of another kind, or limit out of range.
        """
        _check_range("limit", limit, 1, MAX_NODES)
        key = key.strip()
        if not key:
            raise BadFilterError(
                "a cluster needs a theme (its name or uid) or a recommendation or finding uid"
            )
        label = label_of_uid(key) if ":" in key else None
        if label is not None and is_label(label) and label != Label.THEME:
            if label not in _ASSESSED:
                raise BadFilterError(
                    f"a cluster is drawn around a theme or a recommendation or finding; {key!r} is a {label}"
                )
            return await self._similar_cluster(label, key, limit)
        return await self._theme_cluster(key, limit)

    async def _theme_cluster(self, key: str, limit: int) -> GraphView:
        async def work(tx: neo4j.AsyncManagedTransaction) -> GraphView:
            found = await (await tx.run(_THEME_BY_NAME, key=key)).single()
            if found is None:
                raise NotFoundError(f"no theme is named {key!r}")
            theme_uid = str(found["uid"])
            theme = await _anchor(tx, str(Label.THEME), theme_uid)
            rows = [r async for r in await tx.run(_THEME_CLUSTER, theme=theme_uid, limit=limit)]
            totals = await (await tx.run(_THEME_TOTALS, theme=theme_uid)).single()
            stats = {k: int(totals[k]) for k in ("inspections", "councils", "items")} if totals else {}
            ids = _distinct(
                [theme["id"]] + [str(r[k]) for r in rows for k in ("item", "inspection", "council")]
            )
            graph, documents = await _subgraph(tx, ids, None)
            name = str(theme["props"].get("name") or theme_uid)
            return GraphView(
                ViewKind.CLUSTER,
                f"Recurrence of the theme {name}",
                graph,
                documents,
                (theme_uid,),
                browser_theme_cypher(theme_uid, limit),
                truncated=stats.get("items", 0) > len(rows),
                stats=stats,
            )

        return await self._read(work)

    async def _similar_cluster(self, label: str, uid: str, limit: int) -> GraphView:
        async def work(tx: neo4j.AsyncManagedTransaction) -> GraphView:
            anchor = await _anchor(tx, label, uid)
            # one more than the limit tells whether the limit cut the cluster
            rows = [r async for r in await tx.run(_similar_cluster_query(label), uid=uid, limit=limit + 1)]
            truncated = len(rows) > limit
            rows = rows[:limit]
            ids = _distinct(
                [anchor["id"]]
                + [str(r[k]) for r in rows for k in ("item", "inspection", "council") if r[k] is not None]
            )
            graph, documents = await _subgraph(tx, ids, None)
            inspections = {str(r["inspection"]) for r in rows if r["inspection"] is not None}
            councils = {str(r["council"]) for r in rows if r["council"] is not None}
            text = _shorten(describe(anchor["labels"], anchor["props"], uid), 80)
            return GraphView(
                ViewKind.CLUSTER,
                f"Recommendations and findings worded like “{text}”",
                graph,
                documents,
                (uid,),
                browser_similar_cypher(uid, limit),
                truncated=truncated,
                stats={"inspections": len(inspections), "councils": len(councils), "items": len(rows)},
            )

        return await self._read(work)

    # ------------------------------------------------------------------ the home page's figures

    async def theme_counts(self, by: str) -> list[ThemeCount]:
        """Inspections that raised each theme, by year or by council (`by` is "year" or "council")."""
        if by not in _THEME_COUNT_COLUMNS:
            raise BadFilterError(f"themes are counted by {' or '.join(_THEME_COUNT_COLUMNS)}, not {by!r}")

        async def work(tx: neo4j.AsyncManagedTransaction) -> list[ThemeCount]:
            result = await tx.run(_theme_counts_query(by))
            return [
                ThemeCount(str(r["theme"]), str(r["uid"]), str(r["column"]), int(r["inspections"]))
                async for r in result
            ]

        return await self._read(work)

    async def councils(self) -> list[CouncilRef]:
        """The councils with inspections or boards in the graph, by name."""

        async def work(tx: neo4j.AsyncManagedTransaction) -> list[CouncilRef]:
            result = await tx.run(_COUNCILS)
            return [
                CouncilRef(str(r["uid"]), str(r["name"] or r["uid"]), r["code"] and str(r["code"]))
                async for r in result
            ]

        return await self._read(work)

    # ------------------------------------------------------------------ the transaction

    async def _read(self, work: Callable[[neo4j.AsyncManagedTransaction], Awaitable[T]]) -> T:
        """Run `work` in one read transaction with the timeout, translating driver failures."""
        try:
            async with self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS, bookmark_manager=None
            ) as session:
                return await session.execute_read(neo4j.unit_of_work(timeout=self.timeout)(work))
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
            raise DatabaseUnavailableError(
                f"the graph database does not answer ({exc.__class__.__name__})"
            ) from exc
        except neo4j_errors.AuthError as exc:
            raise DatabaseUnavailableError("the graph database refuses the configured credentials") from exc
        except neo4j_errors.ClientError as exc:
            if (exc.code or "").startswith(_TIMEOUT_CODES):
                raise QueryTooExpensiveError(
                    f"the view took longer than the {self.timeout:g} s allowed; ask for fewer hops or nodes"
                ) from exc
            raise


def _distinct(ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ids))


async def _anchor(tx: neo4j.AsyncManagedTransaction, label: str, uid: str) -> dict[str, Any]:
    row = await (await tx.run(_ANCHOR.format(label=labels_clause((label,))), uid=uid)).single()
    if row is None:
        raise NotFoundError(f"no entity has the id {uid!r}")
    return {"id": str(row["id"]), "labels": list(row["labels"]), "props": dict(row["props"])}


async def _subgraph(
    tx: neo4j.AsyncManagedTransaction, ids: Sequence[str], rels: Sequence[Mapping[str, Any]] | None
) -> tuple[GraphDoc, dict[str, DocumentRef]]:
    """The nodes with these element ids, with their quotes; the relationships given, or
    (when None) every drawn relationship among the nodes; and the documents quoted."""
    graph = GraphDoc()
    result = await tx.run(_NODES, ids=list(ids), quotes=QUOTES_PER_NODE)
    async for r in result:
        props = {k: _plain(v) for k, v in dict(r["props"]).items() if k != "uid"}
        evidence = [
            Evidence(
                str(e["document"]), str(e["quote"] or ""), _int_or_zero(e["start"]), _int_or_zero(e["end"])
            )
            for e in r["evidence"]
        ]
        graph.add_node(Node(str(r["uid"]), tuple(r["labels"]), props, evidence))
    if rels is None:
        result = await tx.run(_AMONG, ids=list(ids), types=_DRAWN_TYPE_NAMES)
        rels = [r.data() async for r in result]
    for rel in rels:
        props = dict(rel["props"])
        evidence = _evidence_of(props)
        kept = {k: _plain(v) for k, v in props.items() if k not in PROVENANCE_PROPERTIES}
        graph.add_relationship(
            Relationship(str(rel["type"]), str(rel["start"]), str(rel["end"]), kept, evidence)
        )
    quoted = sorted(
        {ev.document for node in graph.nodes.values() for ev in node.evidence}
        | {ev.document for rel in graph.relationships.values() for ev in rel.evidence}
    )
    documents: dict[str, DocumentRef] = {}
    if quoted:
        result = await tx.run(_DOCUMENTS, uids=quoted)
        async for d in result:
            # properties() rather than d.url and the like: not every store has every key
            props = d["props"]
            uid = str(d["uid"])
            documents[uid] = DocumentRef(
                uid,
                title=_text_or_none(props.get("title")),
                source=_text_or_none(props.get("source")),
                url=_text_or_none(props.get("url")),
                kind=_text_or_none(props.get("kind")),
                date=_text_or_none(props.get("date")),
            )
    return graph, documents


# ---------------------------------------------------------------------------- Cytoscape.js


def _document_fields(evidence: Sequence[Evidence], documents: Mapping[str, DocumentRef]) -> dict[str, Any]:
    """The first quote and its document, flat (for tooltips), and every quote kept (for lists)."""
    quotes = []
    for ev in evidence:
        doc = documents.get(ev.document)
        quotes.append(
            {
                "quote": ev.quote,
                "document": ev.document,
                "documentTitle": doc.title if doc else None,
                "documentSource": doc.source if doc else None,
                "documentUrl": _link_of(doc),
                "documentDate": doc.date if doc else None,
                "start": ev.start,
                "end": ev.end,
            }
        )
    first: dict[str, Any] = quotes[0] if quotes else {}
    return {
        "quote": first.get("quote"),
        "document": first.get("document"),
        "documentTitle": first.get("documentTitle"),
        "documentSource": first.get("documentSource"),
        "documentUrl": first.get("documentUrl"),
        "documentDate": first.get("documentDate"),
        "evidence": quotes,
    }


def _link_of(doc: DocumentRef | None) -> str | None:
    """A web address a person can open, where the document has one."""
    if doc is None:
        return None
    for candidate in (doc.url, doc.source):
        if candidate and candidate.startswith(("https://", "http://")):
            return candidate
    return None


def cytoscape_elements(view: GraphView) -> dict[str, list[dict[str, Any]]]:
    """A view as Cytoscape.js elements: `{"nodes": [{"data": {...}}], "edges": [...]}`.

    Node data: `id` (the uid), `label` (the label it is coloured by), `labels`, `caption`,
    `title` (the full description), `properties`, `focus`, and its provenance: `quote`,
    `document` (the Document uid), `documentTitle`, `documentSource`, `documentUrl`,
    `documentDate`, and `evidence` (every quote kept). Edge data: `id`, `source`,
    `target`, `label` and `type` (the relationship type), `properties` and the same
    provenance fields.
    """
    focus = set(view.focus)
    nodes = []
    for node in sorted(view.graph.nodes.values(), key=lambda n: n.uid):
        data: dict[str, Any] = {
            "id": node.uid,
            "label": display_label(node.labels, node.uid),
            "labels": list(node.labels),
            "caption": caption(node.labels, node.properties, node.uid),
            "title": describe(node.labels, node.properties, node.uid),
            "properties": dict(sorted(node.properties.items())),
            "focus": node.uid in focus,
        }
        data.update(_document_fields(node.evidence, view.documents))
        nodes.append({"data": data, "classes": "focus" if node.uid in focus else ""})
    edges = []
    for rel in sorted(view.graph.relationships.values(), key=lambda r: r.key):
        data = {
            "id": relationship_id(rel.start, rel.type, rel.end),
            "source": rel.start,
            "target": rel.end,
            "label": rel.type,
            "type": rel.type,
            "properties": dict(sorted(rel.properties.items())),
        }
        data.update(_document_fields(rel.evidence, view.documents))
        edges.append({"data": data})
    return {"nodes": nodes, "edges": edges}
