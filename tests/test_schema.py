"""The vocabulary in code matches shared/SCHEMA.md, and everything derived from it is sound."""

from __future__ import annotations

import re

import pytest

from schema.constraints import fulltext_index, schema_statements, uniqueness_constraints
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship, label_of_uid, make_uid, text_key
from schema.validation import validate
from schema.vocabulary import LABELS, RELATIONSHIPS, Label, RelType, is_label, is_rel_type

# The core vocabulary of shared/SCHEMA.md: extended freely, never renamed.
CORE_LABELS = {
    "Council", "Inspection", "Finding", "Recommendation", "ActionPlan", "Action", "Board", "Person",
    "Officer", "Councillor", "Theme", "Meeting", "Document",
}  # fmt: skip
CORE_TYPES = {
    "INSPECTED", "FOUND", "RECOMMENDED", "RESPONDS_TO", "INCLUDES", "ADDRESSES", "OWNS", "MONITORS", "PART_OF",
    "REPORTS_TO", "SERVES", "MEMBER_OF", "CHAIRS", "LEADS", "ABOUT", "SIMILAR_TO", "HELD_BY", "CONSIDERED",
    "EVIDENCED_BY",
}  # fmt: skip


def test_core_vocabulary_is_declared() -> None:
    assert {label.value for label in Label} >= CORE_LABELS
    assert {t.value for t in RelType} >= CORE_TYPES
    assert set(LABELS) == set(Label)
    assert set(RELATIONSHIPS) == set(RelType)


def test_allow_list() -> None:
    assert is_label("Council")
    assert not is_label("Council) DETACH DELETE (n")
    assert is_rel_type("OWNS")
    assert not is_rel_type("owns")


def test_one_uniqueness_constraint_per_label_and_idempotent_statements() -> None:
    constraints = uniqueness_constraints()
    assert len(constraints) == len(Label)
    for statement in schema_statements():
        assert "IF NOT EXISTS" in statement
    assert all("REQUIRE n.uid IS UNIQUE" in c for c in constraints)
    assert re.search(r"FOR \(n:Council\|.*Recommendation.*\) ON EACH \[.*n\.text.*\]", fulltext_index())


def test_uids_are_deterministic_and_carry_their_label() -> None:
    uid = make_uid(Label.INSPECTION, "E09000014", "sif", "2014-05-20")
    assert uid == "Inspection:E09000014/sif/2014-05-20"
    assert label_of_uid(uid) == "Inspection"
    assert text_key("Ensure that  plans are SMART.") == text_key("ensure that plans are smart")


def _sample() -> GraphDoc:
    g = GraphDoc()
    ev = Evidence("Document:abc", "Haringey Council", 0, 16)
    g.add_node(Node("Document:abc", ("Document",), {"source": "a.txt", "sha256": "abc", "kind": "minutes"}))
    g.add_node(Node("Council:E09000014", ("Council",), {"name": "Haringey", "code": "E09000014"}, [ev]))
    g.add_node(Node("Board:E09000014/cabinet", ("Board",), {"name": "Cabinet", "kind": "cabinet"}, [ev]))
    g.add_relationship(Relationship("PART_OF", "Board:E09000014/cabinet", "Council:E09000014", {}, [ev]))
    return g


def test_json_round_trip_keeps_provenance() -> None:
    g = _sample()
    data = g.to_json()
    types = [r["type"] for r in data["relationships"]]
    assert types.count("EVIDENCED_BY") == 2
    back = GraphDoc.from_json(data)
    assert back.to_json() == data
    assert back.nodes["Council:E09000014"].evidence[0].quote == "Haringey Council"


def test_merge_fills_missing_properties_and_keeps_evidence_once() -> None:
    g = _sample()
    ev = Evidence("Document:abc", "Haringey Council", 0, 16)
    g.add_node(Node("Council:E09000014", ("Council",), {"name": "Other", "region": "London"}, [ev]))
    council = g.nodes["Council:E09000014"]
    assert council.properties["name"] == "Haringey"
    assert council.properties["region"] == "London"
    assert len(council.evidence) == 1


@pytest.mark.parametrize(
    ("node", "reason"),
    [
        (Node("Council:X", ("Council",), {"name": "X"}), "no evidence"),
        (Node("Bogus:X", ("Bogus",), {"name": "X"}, [Evidence("d", "q", 0, 1)]), "outside the vocabulary"),
        (
            Node("Inspection:X", ("Inspection",), {"judgement": "grand"}, [Evidence("d", "q", 0, 1)]),
            "not one of",
        ),
        (
            Node("Inspection:Y", ("Inspection",), {"start_date": "May 2014"}, [Evidence("d", "q", 0, 1)]),
            "not an ISO date",
        ),
    ],
)
def test_validation_rejects_with_a_reason(node: Node, reason: str) -> None:
    g = _sample()
    g.add_node(node)
    out, rejections = validate(g)
    assert node.uid not in out.nodes
    assert any(r.item == node.uid and reason in r.reason for r in rejections)


def test_validation_rejects_relationships_between_wrong_labels() -> None:
    g = _sample()
    ev = Evidence("Document:abc", "q", 0, 1)
    g.add_relationship(Relationship("OWNS", "Council:E09000014", "Board:E09000014/cabinet", {}, [ev]))
    g.add_relationship(Relationship("PART_OF", "Board:E09000014/cabinet", "Council:nowhere", {}, [ev]))
    out, rejections = validate(g)
    reasons = sorted(r.reason for r in rejections)
    assert reasons == ["cannot start at a Council", "has an end that is not in the graph"]
    assert len(out.relationships) == 1
