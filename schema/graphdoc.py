"""The in-memory graph value passed between ingest steps and handed to the loader.

Nodes and relationships are plain rows keyed by deterministic uids, with the evidence
(document, quote, character span) they were read from. `GraphDoc.to_json()` gives the
JSON form of shared/SCHEMA.md, with provenance spelled out as `Document` nodes and
`EVIDENCED_BY` relationships, so the value can be printed, snapshot-tested and scored
without a database.

    >>> g = GraphDoc()
    >>> _ = g.add_node(Node("Council:E09000014", ("Council",), {"name": "Haringey", "code": "E09000014"}))
    >>> g.to_json()["nodes"][0]["properties"]["name"]
    'Haringey'
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from schema.vocabulary import Label, RelType

PropertyValue = str | int | float | bool | list[str] | list[int] | list[float] | None
Properties = dict[str, Any]


@dataclass(frozen=True, order=True)
class Evidence:
    """Where a fact was read: the document's uid, the exact quote and its character offsets."""

    document: str
    quote: str
    start: int
    end: int


@dataclass
class Node:
    """A node: its uid (natural key), labels, properties and evidence."""

    uid: str
    labels: tuple[str, ...]
    properties: Properties = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The primary label (the first)."""
        return self.labels[0]


@dataclass
class Relationship:
    """A relationship between two node uids, with its properties and evidence."""

    type: str
    start: str
    end: str
    properties: Properties = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        """The identity of a relationship: one of each type between two nodes."""
        return (self.start, self.type, self.end)


def _merge_properties(into: Properties, new: Properties) -> None:
    """Fill properties that are missing; never overwrite a value with None."""
    for name, value in new.items():
        if value is None or value == "" or value == []:
            continue
        if into.get(name) in (None, "", []):
            into[name] = value


def _merge_evidence(into: list[Evidence], new: Iterable[Evidence]) -> None:
    seen = set(into)
    for ev in new:
        if ev not in seen:
            into.append(ev)
            seen.add(ev)


@dataclass
class GraphDoc:
    """A graph as rows: nodes by uid and relationships by (start, type, end)."""

    nodes: dict[str, Node] = field(default_factory=dict)
    relationships: dict[tuple[str, str, str], Relationship] = field(default_factory=dict)

    def add_node(self, node: Node) -> Node:
        """Add a node, or merge it into the node with the same uid; returns the stored node."""
        found = self.nodes.get(node.uid)
        if found is None:
            stored = Node(node.uid, tuple(node.labels), dict(node.properties), list(node.evidence))
            self.nodes[node.uid] = stored
            return stored
        for label in node.labels:
            if label not in found.labels:
                found.labels = (*found.labels, label)
        _merge_properties(found.properties, node.properties)
        _merge_evidence(found.evidence, node.evidence)
        return found

    def add_relationship(self, rel: Relationship) -> Relationship:
        """Add a relationship, or merge it into the one with the same ends and type."""
        found = self.relationships.get(rel.key)
        if found is None:
            stored = Relationship(rel.type, rel.start, rel.end, dict(rel.properties), list(rel.evidence))
            self.relationships[rel.key] = stored
            return stored
        _merge_properties(found.properties, rel.properties)
        _merge_evidence(found.evidence, rel.evidence)
        return found

    def merge(self, other: GraphDoc) -> None:
        """Add every node and relationship of `other`."""
        for node in other.nodes.values():
            self.add_node(node)
        for rel in other.relationships.values():
            self.add_relationship(rel)

    def with_label(self, label: str) -> Iterator[Node]:
        """Nodes carrying `label`."""
        return (n for n in self.nodes.values() if label in n.labels)

    def out(self, uid: str, rel_type: str) -> list[str]:
        """End uids of `rel_type` relationships starting at `uid`."""
        return [r.end for r in self.relationships.values() if r.start == uid and r.type == rel_type]

    def incoming(self, uid: str, rel_type: str) -> list[str]:
        """Start uids of `rel_type` relationships ending at `uid`."""
        return [r.start for r in self.relationships.values() if r.end == uid and r.type == rel_type]

    def remove_node(self, uid: str) -> None:
        """Remove a node and every relationship touching it."""
        self.nodes.pop(uid, None)
        for key in [k for k in self.relationships if uid in (k[0], k[2])]:
            del self.relationships[key]

    def counts(self) -> dict[str, int]:
        """Node counts by primary label and relationship counts by type."""
        out: dict[str, int] = {}
        for node in self.nodes.values():
            out[node.label] = out.get(node.label, 0) + 1
        for rel in self.relationships.values():
            out[rel.type] = out.get(rel.type, 0) + 1
        return out

    # ------------------------------------------------------------------ JSON form

    def to_json(self, *, provenance: bool = True) -> dict[str, list[dict[str, Any]]]:
        """The JSON form of shared/SCHEMA.md; provenance as EVIDENCED_BY relationships.

        Relationship ids are deterministic, so the output of the same input is identical.
        """
        nodes = [
            {"id": n.uid, "labels": list(n.labels), "properties": _clean(n.properties)}
            for n in sorted(self.nodes.values(), key=lambda n: n.uid)
        ]
        rels: list[dict[str, Any]] = []
        for rel in sorted(self.relationships.values(), key=lambda r: r.key):
            props = _clean(rel.properties)
            if provenance and rel.evidence:
                first = rel.evidence[0]
                props.update(document=first.document, quote=first.quote, start=first.start, end=first.end)
            rels.append(
                {
                    "id": relationship_id(rel.start, rel.type, rel.end),
                    "type": rel.type,
                    "start": rel.start,
                    "end": rel.end,
                    "properties": props,
                }
            )
        if provenance:
            for node in sorted(self.nodes.values(), key=lambda n: n.uid):
                for ev in node.evidence:
                    if ev.document not in self.nodes:
                        continue
                    rid = relationship_id(node.uid, RelType.EVIDENCED_BY, ev.document, str(ev.start))
                    rels.append(
                        {
                            "id": rid,
                            "type": RelType.EVIDENCED_BY.value,
                            "start": node.uid,
                            "end": ev.document,
                            "properties": {"quote": ev.quote, "start": ev.start, "end": ev.end},
                        }
                    )
        return {"nodes": nodes, "relationships": rels}

    def dumps(self, *, indent: int | None = 1) -> str:
        """The JSON form as text."""
        return json.dumps(self.to_json(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GraphDoc:
        """Read the JSON form back: EVIDENCED_BY relationships become evidence again."""
        g = cls()
        for n in data.get("nodes", []):
            g.add_node(Node(str(n["id"]), tuple(n.get("labels") or ()), dict(n.get("properties") or {})))
        for r in data.get("relationships", []):
            props = dict(r.get("properties") or {})
            start, end, rtype = str(r["start"]), str(r["end"]), str(r["type"])
            if rtype == RelType.EVIDENCED_BY and start in g.nodes:
                g.nodes[start].evidence.append(
                    Evidence(
                        end, str(props.get("quote", "")), int(props.get("start", 0)), int(props.get("end", 0))
                    )
                )
                continue
            evidence: list[Evidence] = []
            if "document" in props and "quote" in props:
                evidence.append(
                    Evidence(
                        str(props.pop("document")),
                        str(props.pop("quote")),
                        int(props.pop("start", 0)),
                        int(props.pop("end", 0)),
                    )
                )
            g.add_relationship(Relationship(rtype, start, end, props, evidence))
        return g


def _clean(props: Properties) -> Properties:
    return {k: v for k, v in sorted(props.items()) if v is not None}


def relationship_id(*parts: str) -> str:
    """A short deterministic id for a relationship."""
    return "r" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case words joined by hyphens: the readable part of a uid."""
    return _SLUG.sub("-", text.lower()).strip("-")


def text_key(text: str, length: int = 12) -> str:
    """A short stable hash of normalised text, for uids of free-text nodes."""
    norm = " ".join(re.findall(r"[a-z0-9]+", text.lower()))
    return hashlib.sha1(norm.encode()).hexdigest()[:length]


def make_uid(label: Label | str, *parts: str | int | None) -> str:
    """`Label:part/part/...`, the deterministic uid of a node; None parts become `-`."""
    rendered = "/".join("-" if p is None or p == "" else str(p) for p in parts)
    return f"{label}:{rendered}"


def label_of_uid(uid: str) -> str:
    """The label a uid starts with."""
    return uid.split(":", 1)[0]
