"""Validation of an extracted graph against the vocabulary.

Nothing enters the graph without evidence, and nothing that breaks the vocabulary
enters it at all: each rejected node or relationship is reported with its reason
(never silently dropped), and relationships that lose an end with it go too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema.graphdoc import GraphDoc
from schema.vocabulary import LABELS, RELATIONSHIPS, Label, RelType

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATE_PROPERTIES = ("start_date", "end_date", "published_date", "submitted_date", "due_date", "date")
# Relationships derived from other facts rather than read from one passage.
_DERIVED = (RelType.SIMILAR_TO, RelType.EVIDENCED_BY)


@dataclass(frozen=True)
class Rejection:
    """One item validation kept out of the graph, and why."""

    item: str
    reason: str


def _node_problem(g: GraphDoc, uid: str) -> str | None:
    node = g.nodes[uid]
    known = [label for label in node.labels if label in Label._value2member_map_]
    if len(known) != len(node.labels):
        return f"has labels outside the vocabulary: {sorted(set(node.labels) - set(known))}"
    spec = LABELS[Label(node.labels[0])]
    if not spec.reference and node.labels[0] != Label.DOCUMENT and not node.evidence:
        return "has no evidence (no document and quote)"
    for prop, allowed in spec.enums.items():
        value = node.properties.get(prop)
        if value is not None and value not in allowed:
            return f"has {prop}={value!r}, not one of {list(allowed)}"
    for prop in _DATE_PROPERTIES:
        value = node.properties.get(prop)
        if value is not None and not _ISO_DATE.match(str(value)):
            return f"has {prop}={value!r}, not an ISO date"
    text_props = [p for p in ("name", "text", "title", "role", "date", "source") if node.properties.get(p)]
    if not text_props and node.labels[0] not in (Label.INSPECTION, Label.MEETING, Label.ACTION_PLAN):
        return "has neither a name nor a text"
    return None


def validate(g: GraphDoc) -> tuple[GraphDoc, list[Rejection]]:
    """The graph with every invalid item removed, and the reasons they were removed."""
    rejections: list[Rejection] = []
    for uid in list(g.nodes):
        problem = _node_problem(g, uid)
        if problem:
            rejections.append(Rejection(uid, problem))
            g.remove_node(uid)
    for key, rel in list(g.relationships.items()):
        rel_problem: str | None = None
        if rel.type not in RelType._value2member_map_:
            rel_problem = "is not a relationship type of the vocabulary"
        elif rel.start not in g.nodes or rel.end not in g.nodes:
            rel_problem = "has an end that is not in the graph"
        else:
            spec = RELATIONSHIPS[RelType(rel.type)]
            start_labels, end_labels = g.nodes[rel.start].labels, g.nodes[rel.end].labels
            if not any(label in spec.start for label in start_labels):
                rel_problem = f"cannot start at a {start_labels[0]}"
            elif not any(label in spec.end for label in end_labels):
                rel_problem = f"cannot end at a {end_labels[0]}"
            elif rel.type not in _DERIVED and not rel.evidence:
                rel_problem = "has no evidence (no document and quote)"
        if rel_problem:
            rejections.append(Rejection(f"{rel.start} -[{rel.type}]-> {rel.end}", rel_problem))
            del g.relationships[key]
    return g, rejections
