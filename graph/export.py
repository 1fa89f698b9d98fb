"""Exports of the graph, whole or in part: GraphML, the JSON form, RDF (Turtle, JSON-LD).

Every export starts from a `GraphDoc`: the one an ingest run produced, or the one
`read_graph` reads back from Neo4j (whole, or the subgraph induced by some uids), so
the same functions export a fixture, a fresh extraction or the live database.

    >>> from schema.graphdoc import GraphDoc, Node
    >>> g = GraphDoc()
    >>> _ = g.add_node(Node("Council:E09000014", ("Council",), {"name": "Haringey", "code": "E09000014"}))
    >>> "okg:Council" in to_turtle(g)
    True

- GraphML (`to_graphml`, `from_graphml`) follows the conventions of Neo4j's APOC
  GraphML export, so `apoc.import.graphml` and yEd or Gephi read it: node labels in a
  `labels` attribute (`:Person:Officer`), the relationship type in `label`. GraphML
  values are scalars, so list properties are written as JSON text and named in the
  node's or edge's `list_properties` attribute, which is how `from_graphml` restores them.
- JSON (`to_json`) is the form of shared/SCHEMA.md, provenance included.
- RDF (`to_rdf`, `to_turtle`, `to_jsonld`) uses the vocabulary of `schema.rdf`. A
  relationship with properties or evidence is also stated as an `rdf:Statement`, which
  carries them, since a plain triple cannot.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Final

import neo4j
import networkx as nx
from rdflib import BNode, Literal, URIRef
from rdflib import Graph as RDFGraph
from rdflib.namespace import ORG, PROV, RDF, RDFS

from graph.cypher import identifier
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship, label_of_uid
from schema.rdf import (
    JSONLD_CONTEXT,
    OKG,
    PREFIXES,
    entity_iri,
    label_classes,
    literal,
    membership_iri,
    property_predicate,
    relationship_predicate,
    role_iri,
)
from schema.vocabulary import DERIVED_PROPERTIES, PROVENANCE_PROPERTIES, Label, RelType, is_label, is_rel_type

# GraphML attribute names the export itself uses; a property of the same name would be lost.
_LABELS_ATTRIBUTE: Final = "labels"
_TYPE_ATTRIBUTE: Final = "label"
_LIST_ATTRIBUTE: Final = "list_properties"
_RESERVED: Final = frozenset({_LABELS_ATTRIBUTE, _TYPE_ATTRIBUTE, _LIST_ATTRIBUTE})

# Relationship properties the loader keeps for its own bookkeeping, not facts of the graph.
_LOADER_PROPERTIES: Final = frozenset({"sources"})


# ---------------------------------------------------------------------------- subgraphs


def subgraph(g: GraphDoc, uids: Iterable[str]) -> GraphDoc:
    """The subgraph of `g` induced by `uids`, with the documents its nodes were read from.

    Relationships are kept when both ends are chosen; Document nodes that evidence a
    chosen node come along so that the provenance stays in the export.
    """
    chosen = {uid for uid in uids if uid in g.nodes}
    for uid in list(chosen):
        chosen.update(ev.document for ev in g.nodes[uid].evidence if ev.document in g.nodes)
    out = GraphDoc()
    for uid in sorted(chosen):
        out.add_node(g.nodes[uid])
    for rel in g.relationships.values():
        if rel.start in chosen and rel.end in chosen:
            out.add_relationship(rel)
    return out


# ---------------------------------------------------------------------------- JSON


def to_json(g: GraphDoc) -> dict[str, list[dict[str, Any]]]:
    """The JSON form of shared/SCHEMA.md, provenance as Document nodes and EVIDENCED_BY."""
    return g.to_json(provenance=True)


# ---------------------------------------------------------------------------- GraphML


def _graphml_attributes(properties: Mapping[str, Any]) -> dict[str, str | int | float | bool]:
    """Scalar attributes for GraphML: lists become JSON text, named in `list_properties`."""
    attrs: dict[str, str | int | float | bool] = {}
    listed: list[str] = []
    for name, value in sorted(properties.items()):
        if name in _RESERVED:
            raise ValueError(f"property {name!r} clashes with a GraphML attribute of the export")
        if value is None:
            continue
        if isinstance(value, str | int | float | bool):
            attrs[name] = value
        else:
            attrs[name] = json.dumps(value, ensure_ascii=False)
            listed.append(name)
    if listed:
        attrs[_LIST_ATTRIBUTE] = ",".join(listed)
    return attrs


def _properties_from_graphml(attrs: Mapping[str, Any]) -> dict[str, Any]:
    listed = set(filter(None, str(attrs.get(_LIST_ATTRIBUTE, "")).split(",")))
    return {
        name: json.loads(value) if name in listed else value
        for name, value in attrs.items()
        if name not in _RESERVED
    }


def to_networkx(g: GraphDoc) -> nx.MultiDiGraph:
    """The graph as a networkx MultiDiGraph with GraphML-ready attributes.

    Node ids are uids; edge keys are the relationship ids of the JSON form.
    """
    data = to_json(g)
    out = nx.MultiDiGraph()
    for node in data["nodes"]:
        out.add_node(
            node["id"],
            **{_LABELS_ATTRIBUTE: "".join(f":{label}" for label in node["labels"])},
            **_graphml_attributes(node["properties"]),
        )
    for rel in data["relationships"]:
        out.add_edge(
            rel["start"],
            rel["end"],
            key=rel["id"],
            **{_TYPE_ATTRIBUTE: rel["type"]},
            **_graphml_attributes(rel["properties"]),
        )
    return out


def to_graphml(g: GraphDoc) -> str:
    """The graph as GraphML text (APOC's conventions; see the module docstring)."""
    return "\n".join(nx.generate_graphml(to_networkx(g))) + "\n"


def from_graphml(text: str) -> GraphDoc:
    """Read GraphML written by `to_graphml` back into a GraphDoc."""
    read = nx.parse_graphml(text, force_multigraph=True)
    nodes = [
        {
            "id": str(uid),
            "labels": [label for label in str(attrs[_LABELS_ATTRIBUTE]).split(":") if label],
            "properties": _properties_from_graphml(attrs),
        }
        for uid, attrs in read.nodes(data=True)
        # An edge to a node outside the export makes networkx add a bare node for it.
        if _LABELS_ATTRIBUTE in attrs
    ]
    relationships = [
        {
            "id": str(key),
            "type": str(attrs[_TYPE_ATTRIBUTE]),
            "start": str(start),
            "end": str(end),
            "properties": _properties_from_graphml(attrs),
        }
        for start, end, key, attrs in read.edges(keys=True, data=True)
    ]
    return GraphDoc.from_json({"nodes": nodes, "relationships": relationships})


# ---------------------------------------------------------------------------- RDF


def _add_values(out: RDFGraph, subject: URIRef | BNode, name: str, value: Any) -> None:
    """One triple per value; a list property gives one triple per element."""
    if value is None:
        return
    predicate = property_predicate(name)
    values = value if isinstance(value, list | tuple) else [value]
    for item in values:
        if item is None:
            continue
        if not isinstance(item, str | int | float | bool):
            # A nested value has no RDF datatype of its own; its JSON text keeps it whole.
            item = json.dumps(item, ensure_ascii=False, sort_keys=True)
        out.add((subject, predicate, literal(name, item)))


def _add_derivation(out: RDFGraph, subject: URIRef | BNode, ev: Evidence) -> None:
    """`subject prov:wasDerivedFrom doc`, qualified by the quote and its offsets."""
    document = entity_iri(ev.document)
    derivation = BNode()
    out.add((subject, PROV.wasDerivedFrom, document))
    out.add((subject, PROV.qualifiedDerivation, derivation))
    out.add((derivation, RDF.type, PROV.Derivation))
    out.add((derivation, PROV.entity, document))
    out.add((derivation, OKG.quote, Literal(ev.quote)))
    out.add((derivation, OKG.startOffset, Literal(ev.start)))
    out.add((derivation, OKG.endOffset, Literal(ev.end)))


def _add_membership(out: RDFGraph, g: GraphDoc, rel: Relationship) -> None:
    """A person's post at their council as an org:Membership with an org:Role."""
    person = g.nodes.get(rel.start)
    role = person.properties.get("role") if person else None
    if not isinstance(role, str) or not role.strip():
        return
    membership = membership_iri(rel.start, rel.end)
    post = role_iri(role)
    out.add((membership, RDF.type, ORG.Membership))
    out.add((membership, ORG.member, entity_iri(rel.start)))
    out.add((membership, ORG.organization, entity_iri(rel.end)))
    out.add((membership, ORG.role, post))
    out.add((post, RDF.type, ORG.Role))
    out.add((post, RDFS.label, Literal(role.strip())))


def to_rdf(g: GraphDoc) -> RDFGraph:
    """The graph in RDF, in the vocabulary of `schema.rdf`.

    Nodes become resources with stable IRIs typed by their labels' classes; properties
    become literals; relationships become triples, restated as `rdf:Statement`s where
    they carry properties or evidence; each piece of evidence becomes a
    `prov:qualifiedDerivation` with the quote and its offsets.
    """
    out = RDFGraph()
    for prefix, iri in PREFIXES.items():
        out.bind(prefix, iri)
    for node in g.nodes.values():
        subject = entity_iri(node.uid)
        for label in node.labels:
            for cls in label_classes(label):
                out.add((subject, RDF.type, cls))
        _add_values(out, subject, "uid", node.uid)
        for name, value in node.properties.items():
            _add_values(out, subject, name, value)
        for ev in node.evidence:
            _add_derivation(out, subject, ev)
    for rel in g.relationships.values():
        subject, predicate, obj = entity_iri(rel.start), relationship_predicate(rel.type), entity_iri(rel.end)
        out.add((subject, predicate, obj))
        if rel.type == RelType.SERVES:
            _add_membership(out, g, rel)
        properties = {
            k: v for k, v in rel.properties.items() if v is not None and k not in _LOADER_PROPERTIES
        }
        if not properties and not rel.evidence:
            continue
        statement = BNode()
        out.add((statement, RDF.type, RDF.Statement))
        out.add((statement, RDF.subject, subject))
        out.add((statement, RDF.predicate, predicate))
        out.add((statement, RDF.object, obj))
        for name, value in properties.items():
            _add_values(out, statement, name, value)
        for ev in rel.evidence:
            _add_derivation(out, statement, ev)
    return out


def to_turtle(g: GraphDoc) -> str:
    """The RDF of `to_rdf` as Turtle."""
    return to_rdf(g).serialize(format="turtle")


def to_jsonld(g: GraphDoc) -> str:
    """The RDF of `to_rdf` as JSON-LD, compacted with the project's prefixes as @context."""
    return to_rdf(g).serialize(format="json-ld", context=JSONLD_CONTEXT, indent=1)


# ---------------------------------------------------------------------------- Neo4j

# The whole graph: every node the project wrote (they all carry a uid).
_ALL_NODES: Final = """
MATCH (n) WHERE n.uid IS NOT NULL
RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS properties
"""

# Every relationship between such nodes; provenance links are read separately.
_ALL_RELATIONSHIPS: Final = """
MATCH (a)-[r]->(b)
WHERE a.uid IS NOT NULL AND b.uid IS NOT NULL AND type(r) <> 'EVIDENCED_BY'
RETURN a.uid AS start, type(r) AS type, b.uid AS end, properties(r) AS properties
"""

# Every node's evidence: the document and the quoted span.
_ALL_EVIDENCE: Final = """
MATCH (n)-[e:EVIDENCED_BY]->(d:Document)
WHERE n.uid IS NOT NULL
RETURN n.uid AS uid, d.uid AS document, e.quote AS quote, e.start AS start, e.end AS end
"""


def _nodes_query(label: str) -> str:
    return f"""
UNWIND $uids AS uid
// the label lets the lookup use the label's uid constraint
MATCH (n:{identifier(label)} {{uid: uid}})
RETURN n.uid AS uid, labels(n) AS labels, properties(n) AS properties
"""


def _relationships_query(label: str) -> str:
    return f"""
UNWIND $starts AS uid
MATCH (a:{identifier(label)} {{uid: uid}})-[r]->(b)
// induced: both ends chosen; provenance links are read separately
WHERE b.uid IN $uids AND type(r) <> 'EVIDENCED_BY'
RETURN a.uid AS start, type(r) AS type, b.uid AS end, properties(r) AS properties
"""


def _evidence_query(label: str) -> str:
    return f"""
UNWIND $uids AS uid
MATCH (n:{identifier(label)} {{uid: uid}})-[e:EVIDENCED_BY]->(d:Document)
RETURN n.uid AS uid, d.uid AS document, e.quote AS quote, e.start AS start, e.end AS end
"""


def _plain(value: Any) -> Any:
    """A driver value as JSON-ready Python: temporal values as ISO text."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return str(value.iso_format())
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _node_from_record(uid: str, labels: list[str], properties: Mapping[str, Any]) -> Node | None:
    known = [label for label in labels if is_label(label)]
    if not known:
        return None
    primary = label_of_uid(uid)
    # The uid names the primary label; the others follow in the vocabulary's order.
    ordered = [primary] if primary in known else []
    ordered += [label.value for label in Label if label.value in known and label.value not in ordered]
    # derived properties are recomputed by every load, so an export carries the facts only
    props = {k: _plain(v) for k, v in properties.items() if k != "uid" and k not in DERIVED_PROPERTIES}
    return Node(uid, tuple(ordered), props)


def _relationship_from_record(
    start: str, rel_type: str, end: str, properties: Mapping[str, Any]
) -> Relationship:
    props = {k: _plain(v) for k, v in properties.items() if k not in _LOADER_PROPERTIES}
    evidence: list[Evidence] = []
    if props.get("document") is not None and props.get("quote") is not None:
        evidence.append(
            Evidence(
                str(props["document"]),
                str(props["quote"]),
                int(props.get("start") or 0),
                int(props.get("end") or 0),
            )
        )
    for name in PROVENANCE_PROPERTIES:
        props.pop(name, None)
    return Relationship(rel_type, start, end, props, evidence)


def _by_label(uids: Iterable[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for uid in uids:
        label = label_of_uid(uid)
        # A uid whose label is not in the vocabulary names no node the project wrote.
        if is_label(label):
            grouped[label].append(uid)
    return {label: sorted(set(found)) for label, found in grouped.items()}


def read_graph(driver: neo4j.Driver, database: str, uids: list[str] | None = None) -> GraphDoc:
    """Read the graph back from Neo4j: whole, or the subgraph induced by `uids`.

    A subgraph also brings the Document nodes its nodes were read from, so that every
    export of it keeps its provenance. Labels and relationship types outside the
    vocabulary are left out; the loader's `sources` bookkeeping is not a fact of the
    graph and is left out too.

    Args:
        driver: an open driver.
        database: the database name.
        uids: the nodes to read, or None for the whole graph.

    Example:
        >>> g = read_graph(driver, "neo4j", ["Council:E09000014", "Board:E09000014/cpp"])  # doctest: +SKIP
        >>> to_turtle(g)  # doctest: +SKIP
    """
    node_rows: list[dict[str, Any]] = []
    rel_rows: list[dict[str, Any]] = []
    evidence_rows: list[dict[str, Any]] = []

    def run(query: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = driver.execute_query(
            query, parameters_=params, database_=database, routing_=neo4j.RoutingControl.READ
        )
        return [record.data() for record in records]

    if uids is None:
        node_rows = run(_ALL_NODES)
        rel_rows = run(_ALL_RELATIONSHIPS)
        evidence_rows = run(_ALL_EVIDENCE)
    else:
        chosen = _by_label(uids)
        for label, found in chosen.items():
            node_rows += run(_nodes_query(label), uids=found)
            evidence_rows += run(_evidence_query(label), uids=found)
        have = {str(row["uid"]) for row in node_rows}
        documents = sorted({str(row["document"]) for row in evidence_rows} - have)
        if documents:
            node_rows += run(_nodes_query(Label.DOCUMENT), uids=documents)
            chosen = _by_label([*(uid for found in chosen.values() for uid in found), *documents])
        # The documents brought in for provenance belong to the subgraph like the chosen
        # nodes, as they do in `subgraph`.
        every = sorted({uid for found in chosen.values() for uid in found})
        for label, found in chosen.items():
            rel_rows += run(_relationships_query(label), starts=found, uids=every)

    g = GraphDoc()
    for row in sorted(node_rows, key=lambda r: str(r["uid"])):
        node = _node_from_record(str(row["uid"]), list(row["labels"]), row["properties"])
        if node is not None:
            g.add_node(node)
    for row in sorted(evidence_rows, key=lambda r: (str(r["uid"]), str(r["document"]), r["start"] or 0)):
        node = g.nodes.get(str(row["uid"]))
        if node is not None:
            node.evidence.append(
                Evidence(
                    str(row["document"]),
                    str(row["quote"] or ""),
                    int(row["start"] or 0),
                    int(row["end"] or 0),
                )
            )
    for row in sorted(rel_rows, key=lambda r: (str(r["start"]), str(r["type"]), str(r["end"]))):
        rel_type = str(row["type"])
        if is_rel_type(rel_type) and str(row["start"]) in g.nodes and str(row["end"]) in g.nodes:
            g.add_relationship(
                _relationship_from_record(str(row["start"]), rel_type, str(row["end"]), row["properties"])
            )
    return g


# The uids within `depth` relationships of a node, provenance links left out, so that
# an export "around" an entity holds what it is connected to, not every document.
# Path lengths cannot be parameters: one constant query per allowed depth.
_NEIGHBOURHOOD_UIDS = {
    depth: f"""
MATCH (start {{uid: $uid}})
OPTIONAL MATCH (start)-[rels*1..{depth}]-(other)
// provenance is carried by the Document nodes read_graph adds, not walked through
WHERE none(r IN rels WHERE type(r) = 'EVIDENCED_BY')
WITH start, collect(DISTINCT other.uid)[..$limit] AS others
RETURN [start.uid] + [u IN others WHERE u IS NOT NULL] AS uids
"""
    for depth in (1, 2, 3)
}


def neighbourhood_uids(
    driver: neo4j.Driver, database: str, uid: str, depth: int = 1, limit: int = 5000
) -> list[str]:
    """The uid of a node and of the nodes within `depth` (1 to 3) relationships of it; empty if none has it."""
    if not 1 <= depth <= 3:
        raise ValueError("depth must be 1, 2 or 3")
    records, _, _ = driver.execute_query(
        _NEIGHBOURHOOD_UIDS[depth],
        uid=uid,
        limit=limit,
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    return [str(u) for u in records[0]["uids"]] if records else []


EXPORT_FORMATS = {
    "json": ("application/json", ".json"),
    "graphml": ("application/graphml+xml", ".graphml"),
    "turtle": ("text/turtle", ".ttl"),
    "jsonld": ("application/ld+json", ".jsonld"),
}


def render(g: GraphDoc, fmt: str) -> str:
    """The graph in one of EXPORT_FORMATS, as text."""
    if fmt == "json":
        return json.dumps(to_json(g), ensure_ascii=False, indent=1)
    if fmt == "graphml":
        return to_graphml(g)
    if fmt == "turtle":
        return to_turtle(g)
    if fmt == "jsonld":
        return to_jsonld(g)
    raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
