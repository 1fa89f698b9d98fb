"""Exports read back: RDF against a golden Turtle file, GraphML node for node, JSON round-trip.

The graph is an invented council, Wexmoor, with one inspection, its recommendations and
finding, the council's plan and actions, two boards, an officer and a councillor, a
meeting, a theme, and the two documents all of it was read from.

Run with `OFSTED_KG_UPDATE_GOLDEN=1` to rewrite the golden files after a deliberate change;
the diff of tests/golden/ is then the change to review.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pytest
from neo4j import Driver
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF

from api.settings import Settings
from graph.export import (
    from_graphml,
    read_graph,
    subgraph,
    to_graphml,
    to_json,
    to_jsonld,
    to_rdf,
    to_turtle,
)
from graph.load import load_graph
from schema import rdf
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship
from schema.vocabulary import LABELS, PROVENANCE_PROPERTIES, RELATIONSHIPS, Label, RelType

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("OFSTED_KG_UPDATE_GOLDEN") == "1"

REPORT = "Document:a1b2c3d4e5f60718"
MINUTES = "Document:0f1e2d3c4b5a6978"
COUNCIL = "Council:E06999901"
INSPECTION = "Inspection:E06999901/ilacs/2023-03-06"
REC_1 = "Recommendation:E06999901/ilacs/2023-03-06/1/5d41402abc4b"
REC_2 = "Recommendation:E06999901/ilacs/2023-03-06/2/7d793037a076"
FINDING = "Finding:E06999901/ilacs/2023-03-06/9a0364b9e99b"
PLAN = "ActionPlan:E06999901/improvement-plan-2023"
ACTION_1 = "Action:E06999901/improvement-plan-2023/1.1/c4ca4238a0b9"
ACTION_2 = "Action:E06999901/improvement-plan-2023/1.2/c81e728d9d4c"
CIB = "Board:E06999901/childrens-improvement-board"
PANEL = "Board:E06999901/corporate-parenting-panel"
DCS = "Person:E06999901/priya-shah"
CLLR = "Person:E06999901/tom-reid"
THEME = "Theme:supervision"
MEETING = "Meeting:E06999901/childrens-improvement-board/2023-09-14"


def _ev(document: str, quote: str, start: int) -> list[Evidence]:
    return [Evidence(document, quote, start, start + len(quote))]


def wexmoor() -> GraphDoc:
    """The invented council's graph, with evidence on nodes and on relationships."""
    g = GraphDoc()

    def node(uid: str, labels: tuple[str, ...], props: dict[str, object], *evidence: Evidence) -> None:
        g.add_node(Node(uid, labels, dict(props), list(evidence)))

    def rel(
        rel_type: str, start: str, end: str, props: dict[str, object] | None = None, *ev: Evidence
    ) -> None:
        g.add_relationship(Relationship(rel_type, start, end, dict(props or {}), list(ev)))

    node(
        REPORT,
        (Label.DOCUMENT,),
        {
            "source": "reports/wexmoor-ilacs-2023.pdf",
            "sha256": "a1b2c3d4e5f60718" + "0" * 48,
            "title": "Wexmoor: inspection of children’s social care services",
            "kind": "ofsted_report",
            "date": "2023-04-20",
            "chars": 48211,
        },
    )
    node(
        MINUTES,
        (Label.DOCUMENT,),
        {
            "source": "minutes/cib-2023-09-14.docx",
            "kind": "minutes",
            "date": "2023-09-14",
            "title": "CIB minutes",
        },
    )
    (report_council,) = _ev(REPORT, "Wexmoor Borough Council", 0)
    node(
        COUNCIL,
        (Label.COUNCIL,),
        {
            "name": "Wexmoor",
            "code": "E06999901",
            "region": "South West",
            "aliases": ["Wexmoor Borough Council"],
        },
        report_council,
    )
    node(
        INSPECTION,
        (Label.INSPECTION,),
        {
            "framework": "ILACS",
            "start_date": "2023-03-06",
            "end_date": "2023-03-17",
            "published_date": "2023-04-20",
            "year": 2023,
            "judgement": "requires improvement",
            "judgements": ["help and protection: requires improvement", "children in care: good"],
        },
        *_ev(REPORT, "Inspection dates: 6 March to 17 March 2023", 120),
    )
    rec_1_text = "Improve the quality and frequency of supervision for social workers."
    node(REC_1, (Label.RECOMMENDATION,), {"text": rec_1_text, "number": 1}, *_ev(REPORT, rec_1_text, 2040))
    rec_2_text = "Ensure that care leavers’ pathway plans are updated with them."
    node(REC_2, (Label.RECOMMENDATION,), {"text": rec_2_text, "number": 2}, *_ev(REPORT, rec_2_text, 2112))
    finding_text = "Supervision is irregular and does not always challenge drift."
    node(
        FINDING,
        (Label.FINDING,),
        {"text": finding_text, "polarity": "weakness"},
        *_ev(REPORT, finding_text, 3300),
    )
    node(
        THEME, (Label.THEME,), {"name": "supervision", "description": "Management oversight of social work."}
    )
    node(
        PLAN,
        (Label.ACTION_PLAN,),
        {"title": "Improvement plan 2023", "status": "approved", "submitted_date": "2023-07-01"},
        *_ev(MINUTES, "Improvement plan 2023", 400),
    )
    action_1_text = "Introduce monthly reflective supervision for every social worker."
    node(
        ACTION_1,
        (Label.ACTION,),
        {
            "text": action_1_text,
            "status": "on track",
            "due_date": "2023-12-31",
            "reference": "1.1",
            "rag": "green",
        },
        *_ev(MINUTES, action_1_text, 812),
    )
    # A due date given only as a month stays text: it is not an xsd:date.
    action_2_text = "Audit pathway plans with care leavers."
    node(
        ACTION_2,
        (Label.ACTION,),
        {"text": action_2_text, "due_date": "2024-03", "reference": "1.2"},
        *_ev(MINUTES, action_2_text, 990),
    )
    node(
        CIB,
        (Label.BOARD,),
        {"name": "Children's Improvement Board", "kind": "board", "acronym": "CIB"},
        *_ev(MINUTES, "Children's Improvement Board", 10),
    )
    node(
        PANEL,
        (Label.BOARD,),
        {"name": "Corporate Parenting Panel", "kind": "panel"},
        *_ev(MINUTES, "Corporate Parenting Panel", 1500),
    )
    node(
        DCS,
        (Label.PERSON, Label.OFFICER),
        {"name": "Priya Shah", "role": "Director of Children's Services", "kind": "officer"},
        *_ev(MINUTES, "Priya Shah, Director of Children's Services (Chair)", 60),
    )
    node(
        CLLR,
        (Label.PERSON, Label.COUNCILLOR),
        {"name": "Tom Reid", "role": "Cabinet Member for Children", "kind": "councillor"},
        *_ev(MINUTES, "Cllr Tom Reid", 130),
    )
    node(
        MEETING,
        (Label.MEETING,),
        {"date": "2023-09-14", "title": "Children's Improvement Board"},
        *_ev(MINUTES, "Minutes of the meeting held on 14 September 2023", 0),
    )

    rel("INSPECTED", INSPECTION, COUNCIL, None, report_council)
    rel("RECOMMENDED", INSPECTION, REC_1, None, *_ev(REPORT, rec_1_text, 2040))
    rel("RECOMMENDED", INSPECTION, REC_2, None, *_ev(REPORT, rec_2_text, 2112))
    rel("FOUND", INSPECTION, FINDING)
    rel("RESPONDS_TO", PLAN, INSPECTION, None, *_ev(MINUTES, "our response to the ILACS inspection", 420))
    rel("INCLUDES", PLAN, ACTION_1)
    rel("INCLUDES", PLAN, ACTION_2)
    rel("ADDRESSES", ACTION_1, REC_1, None, *_ev(MINUTES, "Recommendation 1", 790))
    rel("ADDRESSES", ACTION_2, REC_2)
    rel("OWNS", CIB, ACTION_1, None, *_ev(MINUTES, "Owner: CIB", 900))
    rel("MONITORS", CIB, PLAN, None, *_ev(MINUTES, "The Board will monitor the plan", 300))
    rel("PART_OF", CIB, COUNCIL)
    rel("PART_OF", PANEL, COUNCIL)
    rel("REPORTS_TO", PANEL, CIB, None, *_ev(MINUTES, "The Panel reports to the Board", 1530))
    rel("SERVES", DCS, COUNCIL)
    rel("SERVES", CLLR, COUNCIL)
    rel("CHAIRS", DCS, CIB, None, *_ev(MINUTES, "Priya Shah, Director of Children's Services (Chair)", 60))
    rel("MEMBER_OF", DCS, CIB)
    rel("MEMBER_OF", CLLR, CIB, None, *_ev(MINUTES, "Cllr Tom Reid", 130))
    rel("LEADS", DCS, ACTION_1, None, *_ev(MINUTES, "Lead: DCS", 880))
    rel("ABOUT", REC_1, THEME, {"score": 0.82, "matched": "supervision"})
    rel("ABOUT", FINDING, THEME, {"score": 0.9, "matched": "supervision"})
    rel("ABOUT", ACTION_1, THEME, {"score": 0.75, "matched": "supervision"})
    rel("SIMILAR_TO", REC_1, FINDING, {"score": 0.71})
    rel("HELD_BY", MEETING, CIB)
    rel("CONSIDERED", MEETING, PLAN, None, *_ev(MINUTES, "The Board considered the improvement plan", 380))
    return g


def _canonical(data: dict[str, list[dict[str, object]]]) -> str:
    """The JSON form with its lists in a fixed order, for comparing two exports."""
    nodes = sorted(data["nodes"], key=lambda n: str(n["id"]))
    rels = sorted(data["relationships"], key=lambda r: str(r["id"]))
    return json.dumps({"nodes": nodes, "relationships": rels}, indent=1, sort_keys=True, ensure_ascii=False)


def _assert_isomorphic(actual: Graph, expected: Graph) -> None:
    if to_isomorphic(actual) == to_isomorphic(expected):
        return
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    pytest.fail(
        "RDF differs from the golden graph.\nOnly in the export:\n"
        + only_actual.serialize(format="nt")
        + "\nOnly in the golden file:\n"
        + only_expected.serialize(format="nt")
    )


def _golden(name: str, text: str) -> str:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- vocabulary


def test_every_label_and_relationship_type_has_an_rdf_term() -> None:
    assert set(rdf.LABEL_CLASSES) == set(Label)
    assert set(rdf.RELATIONSHIP_PREDICATES) == set(RelType)
    for label in Label:
        assert rdf.label_classes(label.value)[0] in rdf.declared_terms()
    with pytest.raises(ValueError, match="not a label"):
        rdf.label_classes("Counsel")
    with pytest.raises(ValueError, match="not a relationship type"):
        rdf.relationship_predicate("OWNED_BY")


def test_every_property_of_the_vocabulary_has_a_declared_term() -> None:
    declared = {prop for spec in LABELS.values() for prop in spec.properties}
    declared |= {prop for spec in RELATIONSHIPS.values() for prop in spec.properties}
    declared |= set(PROVENANCE_PROPERTIES) - {"document"}
    assert declared <= set(rdf.PROPERTY_PREDICATES)
    # Two properties sharing a predicate would merge in RDF.
    assert len(set(rdf.PROPERTY_PREDICATES.values())) == len(rdf.PROPERTY_PREDICATES)
    assert len(set(rdf.RELATIONSHIP_PREDICATES.values())) == len(rdf.RELATIONSHIP_PREDICATES)


def test_a_misspelt_term_is_an_error() -> None:
    with pytest.raises(AttributeError):
        _ = rdf.OKG.Councel
    assert rdf.OKG.Council == URIRef("https://w3id.org/ofsted-kg/vocab#Council")


def test_every_declared_term_is_described() -> None:
    described = set(rdf.vocabulary_graph().subjects())
    assert rdf.declared_terms() <= described


def test_entity_iris_are_stable_and_reversible() -> None:
    assert str(rdf.entity_iri(COUNCIL)) == "https://w3id.org/ofsted-kg/id/Council/E06999901"
    odd = "Meeting:E06999901/cabinet/2024-01-02/item 4#b?c"
    iri = rdf.entity_iri(odd)
    assert " " not in iri
    assert "#" not in iri.removeprefix("https://")
    assert rdf.uid_of_iri(iri) == odd
    with pytest.raises(ValueError, match="not a uid"):
        rdf.entity_iri("no label")


def test_extension_properties_are_exported_under_the_namespace() -> None:
    assert rdf.property_predicate("review_date") == URIRef(rdf.VOCAB_BASE + "reviewDate")
    with pytest.raises(ValueError, match="cannot be a property name"):
        rdf.property_predicate("bad name")


# ---------------------------------------------------------------------------- RDF


def test_turtle_matches_the_golden_file() -> None:
    text = to_turtle(wexmoor())
    golden = _golden("export_wexmoor.ttl", text)
    _assert_isomorphic(Graph().parse(data=text, format="turtle"), Graph().parse(data=golden, format="turtle"))


def test_jsonld_reads_back_to_the_same_graph() -> None:
    text = to_jsonld(wexmoor())
    assert json.loads(text)["@context"]["okg"] == rdf.VOCAB_BASE
    _assert_isomorphic(Graph().parse(data=text, format="json-ld"), to_rdf(wexmoor()))


def test_rdf_uses_the_w3c_vocabularies() -> None:
    g = to_rdf(wexmoor())
    council, cib, dcs = rdf.entity_iri(COUNCIL), rdf.entity_iri(CIB), rdf.entity_iri(DCS)
    assert (council, RDF.type, ORG.FormalOrganization) in g
    assert (council, RDF.type, rdf.OKG.Council) in g
    assert (cib, ORG.unitOf, council) in g
    assert (dcs, ORG.headOf, cib) in g
    assert (dcs, ORG.memberOf, cib) in g
    assert (council, DCTERMS.identifier, Literal(COUNCIL)) in g
    assert (council, FOAF.name, Literal("Wexmoor")) in g
    # The officer's post at the council, as an ORG membership with a shared role.
    memberships = list(g.subjects(ORG.member, dcs))
    assert len(memberships) == 1
    assert (memberships[0], ORG.organization, council) in g
    assert (memberships[0], ORG.role, rdf.role_iri("Director of Children's Services")) in g
    # Dates: full ISO dates typed, a bare month left as text. (XSD is imported here because
    # pytest probes module attributes, and rdflib warns on every probe of a closed namespace.)
    from rdflib.namespace import XSD

    assert (rdf.entity_iri(ACTION_1), rdf.OKG.dueDate, Literal("2023-12-31", datatype=XSD.date)) in g
    assert (rdf.entity_iri(ACTION_2), rdf.OKG.dueDate, Literal("2024-03")) in g
    assert (rdf.entity_iri(REC_1), rdf.OKG.number, Literal(1)) in g


def test_rdf_provenance_is_a_qualified_derivation() -> None:
    g = to_rdf(wexmoor())
    rec, report = rdf.entity_iri(REC_1), rdf.entity_iri(REPORT)
    assert (rec, PROV.wasDerivedFrom, report) in g
    (derivation,) = list(g.objects(rec, PROV.qualifiedDerivation))
    assert (derivation, RDF.type, PROV.Derivation) in g
    assert (derivation, PROV.entity, report) in g
    assert g.value(derivation, rdf.OKG.quote) == Literal(
        "Improve the quality and frequency of supervision for social workers."
    )
    assert g.value(derivation, rdf.OKG.startOffset) == Literal(2040)
    assert (report, RDF.type, PROV.Entity) in g
    # A relationship's evidence and properties hang on its rdf:Statement.
    statements = [
        s
        for s in g.subjects(RDF.type, RDF.Statement)
        if g.value(s, RDF.predicate) == rdf.OKG.owns and g.value(s, RDF.object) == rdf.entity_iri(ACTION_1)
    ]
    assert len(statements) == 1
    assert (statements[0], PROV.wasDerivedFrom, rdf.entity_iri(MINUTES)) in g
    about = next(
        s
        for s in g.subjects(RDF.predicate, rdf.OKG.about)
        if g.value(s, RDF.subject) == rdf.entity_iri(REC_1)
    )
    assert g.value(about, rdf.OKG.score) == Literal(0.82)


# ---------------------------------------------------------------------------- GraphML


def test_graphml_reads_back_node_for_node(tmp_path: Path) -> None:
    g = wexmoor()
    path = tmp_path / "wexmoor.graphml"
    path.write_text(to_graphml(g), encoding="utf-8")
    read = nx.read_graphml(path, force_multigraph=True)
    expected = to_json(g)
    assert set(read.nodes) == {n["id"] for n in expected["nodes"]}
    for node in expected["nodes"]:
        attrs = dict(read.nodes[node["id"]])
        assert attrs.pop("labels") == "".join(f":{label}" for label in node["labels"])
        listed = set(str(attrs.pop("list_properties", "")).split(",")) - {""}
        decoded = {k: json.loads(v) if k in listed else v for k, v in attrs.items()}
        assert decoded == node["properties"], node["id"]
    edges = {key: (start, end, attrs) for start, end, key, attrs in read.edges(keys=True, data=True)}
    assert set(edges) == {r["id"] for r in expected["relationships"]}
    for rel in expected["relationships"]:
        start, end, attrs = edges[rel["id"]]
        assert (start, end) == (rel["start"], rel["end"])
        attrs = dict(attrs)
        assert attrs.pop("label") == rel["type"]
        assert attrs == rel["properties"], rel["id"]


def test_graphml_round_trips_through_graphdoc() -> None:
    g = wexmoor()
    assert _canonical(from_graphml(to_graphml(g)).to_json()) == _canonical(to_json(g))


def test_graphml_keeps_list_and_mixed_type_properties() -> None:
    g = GraphDoc()
    g.add_node(Node("Recommendation:x/1", (Label.RECOMMENDATION,), {"text": "a", "number": 1}))
    g.add_node(
        Node("Recommendation:x/2", (Label.RECOMMENDATION,), {"text": "b", "number": "2a", "section": None})
    )
    g.add_node(Node("Council:X", (Label.COUNCIL,), {"name": "X", "aliases": ["X Council", "Borough of X"]}))
    back = from_graphml(to_graphml(g))
    assert back.nodes["Recommendation:x/1"].properties["number"] == 1
    assert back.nodes["Recommendation:x/2"].properties == {"text": "b", "number": "2a"}
    assert back.nodes["Council:X"].properties["aliases"] == ["X Council", "Borough of X"]


def test_graphml_refuses_a_property_it_would_lose() -> None:
    g = GraphDoc()
    g.add_node(Node("Council:X", (Label.COUNCIL,), {"labels": "oops"}))
    with pytest.raises(ValueError, match="clashes"):
        to_graphml(g)


# ---------------------------------------------------------------------------- JSON


def test_json_round_trips_and_matches_the_golden_file() -> None:
    g = wexmoor()
    data = to_json(g)
    assert _canonical(GraphDoc.from_json(json.loads(json.dumps(data))).to_json()) == _canonical(data)
    golden = _golden("export_wexmoor.json", json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    assert _canonical(json.loads(golden)) == _canonical(data)


def test_subgraph_keeps_the_documents_of_its_nodes() -> None:
    g = wexmoor()
    part = subgraph(g, [CIB, ACTION_1, PLAN, "Board:nowhere"])
    assert set(part.nodes) == {CIB, ACTION_1, PLAN, MINUTES}
    assert {(r.start, r.type, r.end) for r in part.relationships.values()} == {
        (CIB, "OWNS", ACTION_1),
        (CIB, "MONITORS", PLAN),
        (PLAN, "INCLUDES", ACTION_1),
    }
    types = {r["type"] for r in to_json(part)["relationships"]}
    assert "EVIDENCED_BY" in types


# ---------------------------------------------------------------------------- from Neo4j


def test_read_graph_gives_back_what_was_loaded(clean_db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    g = wexmoor()
    load_graph(clean_db, g, database)
    back = read_graph(clean_db, database)
    assert _canonical(to_json(back)) == _canonical(to_json(g))
    _assert_isomorphic(to_rdf(back), Graph().parse(GOLDEN / "export_wexmoor.ttl", format="turtle"))


def test_read_graph_of_some_uids_is_the_induced_subgraph(clean_db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    g = wexmoor()
    load_graph(clean_db, g, database)
    uids = [CIB, ACTION_1, PLAN, DCS, "Board:E06999901/not-there", "Nonsense:x"]
    back = read_graph(clean_db, database, uids)
    assert _canonical(to_json(back)) == _canonical(to_json(subgraph(g, uids)))
    assert back.nodes[DCS].labels == (Label.PERSON, Label.OFFICER)
