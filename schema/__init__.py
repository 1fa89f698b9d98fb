"""The graph's vocabulary, declared once, and everything derived from it.

Pure: no driver, no I/O. Every other package imports it.

- `vocabulary`: labels, their key and properties; relationship types and their ends.
- `graphdoc`: the in-memory graph value handed between ingest steps and to the loader,
  and its JSON form (the one in shared/SCHEMA.md).
- `constraints`: Neo4j uniqueness constraints and indexes derived from the vocabulary.
- `validation`: checks an extracted graph against the vocabulary, with reasons.
- `errors`: the project's root exception and its hierarchy.
"""

from __future__ import annotations

from schema.graphdoc import GraphDoc, Node, Relationship
from schema.vocabulary import LABELS, RELATIONSHIPS, Label, RelType

__all__ = ["LABELS", "RELATIONSHIPS", "GraphDoc", "Label", "Node", "RelType", "Relationship"]
