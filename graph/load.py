"""Batched, idempotent writes of an extracted graph into Neo4j.

Every write is `UNWIND $rows AS row MERGE ...` on the deterministic uid that the
extraction gave each node, so loading the same graph twice changes nothing, and a load
killed half way resumes on the next run without duplicates. A document whose content
changed (same source, new sha256) first has what it said before retracted.

Relationships keep the list of documents that assert them in `sources`, and each node's
provenance is its EVIDENCED_BY relationships, so retracting a document removes exactly
the facts no other document supports.

Every load ends by refreshing what is derived from the whole graph: each recommendation
and finding linked by SIMILAR_TO to others carries `wording_cluster`, the uid that names
its cluster of close wording (the connected component of SIMILAR_TO links), so that
queries group by it as they group by theme.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import neo4j
import networkx as nx

from graph.cypher import identifier, labels_clause
from schema.constraints import schema_statements
from schema.errors import DatabaseUnavailableError
from schema.graphdoc import GraphDoc, Node, Relationship, label_of_uid
from schema.vocabulary import LABELS, WORDING_CLUSTER, Label, RelType

BATCH_SIZE = 2000

# Documents that share a source with one being loaded but whose content differs.
_STALE_DOCUMENTS = """
UNWIND $rows AS row
MATCH (d:Document {source: row.source})
WHERE d.sha256 <> row.sha256
RETURN d.uid AS uid
"""

# Retract a document: first the relationships only it asserted, then its evidence
# links, then the nodes no document supports any more (reference data stays), then it.
_RETRACT_RELATIONSHIPS = """
MATCH ()-[r]->() WHERE $uid IN r.sources
WITH r, [s IN r.sources WHERE s <> $uid] AS rest
// a relationship other documents also assert keeps them as its sources
FOREACH (_ IN CASE WHEN size(rest) > 0 THEN [1] ELSE [] END | SET r.sources = rest)
FOREACH (_ IN CASE WHEN size(rest) = 0 THEN [1] ELSE [] END | DELETE r)
"""
_RETRACT_NODES = """
MATCH (d:Document {uid: $uid})<-[e:EVIDENCED_BY]-(n)
DELETE e
WITH DISTINCT n
// a node still evidenced by another document survives
WHERE NOT (n)-[:EVIDENCED_BY]->(:Document) AND NOT n:Theme AND NOT n:Document
DETACH DELETE n
"""
_DELETE_DOCUMENT = "MATCH (d:Document {uid: $uid}) DETACH DELETE d"

# The wording clusters: every SIMILAR_TO link, and the texts that name a cluster now.
_SIMILAR_LINKS = f"MATCH (a)-[:{RelType.SIMILAR_TO}]->(b) RETURN a.uid AS a, b.uid AS b"
_CLUSTERED = f"""
MATCH (x) WHERE (x:{Label.RECOMMENDATION} OR x:{Label.FINDING}) AND x.{WORDING_CLUSTER} IS NOT NULL
RETURN x.uid AS uid, x.{WORDING_CLUSTER} AS cluster
"""


def _set_clusters_query(label: str) -> str:
    return f"""
UNWIND $rows AS row
MATCH (x{labels_clause((label,))} {{uid: row.uid}})
SET x.{WORDING_CLUSTER} = row.cluster
"""


def _merge_nodes_query(labels: tuple[str, ...]) -> str:
    primary, extra = labels[0], labels[1:]
    set_extra = f"SET n{labels_clause(extra)}" if extra else ""
    return f"""
UNWIND $rows AS row
// the uid is the natural key: the same thing read twice is one node
MERGE (n{labels_clause((primary,))} {{uid: row.uid}})
SET n += row.props
{set_extra}
"""


def _merge_evidence_query(label: str) -> str:
    return f"""
UNWIND $rows AS row
MATCH (n{labels_clause((label,))} {{uid: row.uid}})
MATCH (d:Document {{uid: row.document}})
// one evidence link per quoted span of a document
MERGE (n)-[e:EVIDENCED_BY {{start: row.start}}]->(d)
SET e.end = row.end, e.quote = row.quote
"""


def _merge_relationships_query(rel_type: str, start_label: str, end_label: str) -> str:
    return f"""
UNWIND $rows AS row
MATCH (a{labels_clause((start_label,))} {{uid: row.start}})
MATCH (b{labels_clause((end_label,))} {{uid: row.end}})
MERGE (a)-[r:{identifier(rel_type)}]->(b)
SET r += row.props
// remember every document that asserts the relationship
SET r.sources = coalesce(r.sources, []) + [s IN row.sources WHERE NOT s IN coalesce(r.sources, [])]
"""


@dataclass
class LoadStats:
    """What a load wrote, and how fast."""

    nodes: int = 0
    relationships: int = 0
    evidence: int = 0
    retracted_documents: list[str] = field(default_factory=list)
    # texts whose wording cluster was set, changed or cleared
    clustered: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Nodes plus relationships (evidence links included) written per second."""
        total = self.nodes + self.relationships + self.evidence
        return total / self.seconds if self.seconds else 0.0


def ensure_schema(driver: neo4j.Driver, database: str) -> None:
    """Apply the vocabulary's constraints and indexes; idempotent."""
    with driver.session(database=database) as session:
        for statement in schema_statements():
            session.run(statement).consume()
        # Writes right after creating indexes should use them.
        session.run("CALL db.awaitIndexes(300)").consume()


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _node_row(node: Node) -> dict[str, Any]:
    return {"uid": node.uid, "props": {k: v for k, v in node.properties.items() if v is not None}}


def _rel_row(rel: Relationship) -> dict[str, Any]:
    props = {k: v for k, v in rel.properties.items() if v is not None}
    if rel.evidence:
        first = rel.evidence[0]
        props.update(document=first.document, quote=first.quote, start=first.start, end=first.end)
    return {
        "start": rel.start,
        "end": rel.end,
        "props": props,
        "sources": sorted({ev.document for ev in rel.evidence}),
    }


def _primary_label(uid: str, g: GraphDoc) -> str:
    node = g.nodes.get(uid)
    return node.labels[0] if node else label_of_uid(uid)


def load_graph(
    driver: neo4j.Driver,
    g: GraphDoc,
    database: str,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> LoadStats:
    """Write `g` into the database: documents, nodes, evidence, then relationships.

    Args:
        driver: an open driver.
        g: the resolved, validated graph.
        database: the database name.
        batch_size: rows per UNWIND transaction.
        progress: called with the number of rows written after each batch.

    Raises:
        DatabaseUnavailableError: the database went away or refused a write; what was
            written stays, and loading the same graph again completes it without duplicates.
    """
    written = 0

    def counted(n: int) -> None:
        nonlocal written
        written += n
        if progress:
            progress(n)

    try:
        return _load(driver, g, database, batch_size=batch_size, progress=counted)
    except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, OSError) as exc:
        raise DatabaseUnavailableError(
            f"the database stopped answering during the load, after {written} rows: {exc}. "
            "What was written is kept; run the same ingest again to finish it (nothing is duplicated)."
        ) from exc


def _load(
    driver: neo4j.Driver,
    g: GraphDoc,
    database: str,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> LoadStats:
    started = time.perf_counter()
    stats = LoadStats()
    documents = [n for n in g.nodes.values() if Label.DOCUMENT in n.labels]
    with driver.session(database=database) as session:
        stale = session.run(
            _STALE_DOCUMENTS,
            rows=[
                {"source": d.properties.get("source"), "sha256": d.properties.get("sha256")}
                for d in documents
            ],
        ).value("uid")
        for uid in stale:
            retract_document(session, uid)
            stats.retracted_documents.append(uid)

        def write(query: str, rows: list[dict[str, Any]]) -> None:
            for batch in _batches(rows, batch_size):
                session.execute_write(_run_rows, query, batch)
                if progress:
                    progress(len(batch))

        # Documents first: evidence links need them.
        by_labels: dict[tuple[str, ...], list[Node]] = defaultdict(list)
        for node in g.nodes.values():
            by_labels[tuple(node.labels)].append(node)
        for labels in sorted(by_labels, key=lambda ls: ls[0] != Label.DOCUMENT):
            rows = [_node_row(n) for n in by_labels[labels]]
            write(_merge_nodes_query(labels), rows)
            stats.nodes += len(rows)

        evidence: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for node in g.nodes.values():
            for ev in node.evidence:
                evidence[node.labels[0]].append(
                    {
                        "uid": node.uid,
                        "document": ev.document,
                        "quote": ev.quote,
                        "start": ev.start,
                        "end": ev.end,
                    }
                )
        for label, rows in evidence.items():
            write(_merge_evidence_query(label), rows)
            stats.evidence += len(rows)

        by_shape: dict[tuple[str, str, str], list[Relationship]] = defaultdict(list)
        for rel in g.relationships.values():
            by_shape[(rel.type, _primary_label(rel.start, g), _primary_label(rel.end, g))].append(rel)
        for (rel_type, start_label, end_label), rels in by_shape.items():
            rows = [_rel_row(r) for r in rels]
            write(_merge_relationships_query(rel_type, start_label, end_label), rows)
            stats.relationships += len(rows)
        stats.clustered = refresh_wording_clusters(session)
    stats.seconds = time.perf_counter() - started
    return stats


def wording_clusters(links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each linked text's cluster: the smallest uid of its connected component of links."""
    g: nx.Graph[str] = nx.Graph()
    g.add_edges_from(links)
    return {uid: min(component) for component in nx.connected_components(g) for uid in component}


def refresh_wording_clusters(session: neo4j.Session) -> int:
    """Bring every text's `wording_cluster` in line with the SIMILAR_TO links in the database.

    Only the texts whose cluster changed are written, so a load that adds no link writes
    nothing here. Returns how many texts were written (set, changed or cleared).
    """
    links = [(r["a"], r["b"]) for r in session.run(_SIMILAR_LINKS)]
    wanted = wording_clusters(links)
    current = {r["uid"]: r["cluster"] for r in session.run(_CLUSTERED)}
    changed: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for uid in wanted.keys() | current.keys():
        cluster = wanted.get(uid)
        if cluster != current.get(uid):
            # setting null removes the property: the text has left every cluster
            changed[label_of_uid(uid)].append({"uid": uid, "cluster": cluster})
    for label, rows in changed.items():
        for batch in _batches(rows, BATCH_SIZE):
            session.execute_write(_run_rows, _set_clusters_query(label), batch)
    return sum(len(rows) for rows in changed.values())


def retract_document(session: neo4j.Session, uid: str) -> None:
    """Remove a document and every fact that only it supported."""
    for query in (_RETRACT_RELATIONSHIPS, _RETRACT_NODES, _DELETE_DOCUMENT):
        session.execute_write(_run_uid, query, uid)


def _run_rows(tx: neo4j.ManagedTransaction, query: str, rows: list[dict[str, Any]]) -> None:
    tx.run(query, rows=rows).consume()


def _run_uid(tx: neo4j.ManagedTransaction, query: str, uid: str) -> None:
    tx.run(query, uid=uid).consume()


# Existing inspections of the given councils, so a document that names an inspection
# only by year joins the node an earlier ingest created from the dated report.
_EXISTING_INSPECTIONS = """
UNWIND $codes AS code
MATCH (i:Inspection)-[:INSPECTED]->(:Council {code: code})
RETURN i.uid AS uid, code, i.framework AS framework, i.start_date AS start_date, i.year AS year,
       i.judgement AS judgement
"""


def existing_inspections(driver: neo4j.Driver, database: str, codes: Iterable[str]) -> list[dict[str, Any]]:
    """Inspections already in the database for these council codes."""
    records, _, _ = driver.execute_query(_EXISTING_INSPECTIONS, codes=sorted(set(codes)), database_=database)
    return [r.data() for r in records]


def label_spec_is_reference(label: str) -> bool:
    """True for reference labels (themes) that no document owns."""
    spec = LABELS.get(Label(label)) if label in Label._value2member_map_ else None
    return bool(spec and spec.reference)


# Recommendations and findings already in the database, with the inspection each
# belongs to, so new ones can be linked to them by SIMILAR_TO.
_EXISTING_TEXTS = """
MATCH (i:Inspection)-[:RECOMMENDED|FOUND]->(n)
WHERE n:Recommendation OR n:Finding
RETURN n.uid AS uid, labels(n)[0] AS label, n.text AS text, i.uid AS inspection
"""


def existing_texts(driver: neo4j.Driver, database: str) -> list[dict[str, Any]]:
    """Recommendations and findings already in the database, with their inspection's uid."""
    records, _, _ = driver.execute_query(_EXISTING_TEXTS, database_=database)
    return [r.data() for r in records if r["text"]]
