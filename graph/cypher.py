"""Cypher used by more than one module of graph/, and the allow-list for identifiers.

Values are always parameters. Labels and relationship types cannot be parameters in
MATCH/MERGE patterns, so the few that must be interpolated pass `identifier()`, which
accepts only names of the vocabulary.
"""

from __future__ import annotations

from schema.vocabulary import is_label, is_rel_type


def identifier(name: str) -> str:
    """A label or relationship type of the vocabulary, quoted for interpolation; anything else raises."""
    if not (is_label(name) or is_rel_type(name)):
        raise ValueError(f"{name!r} is not a label or relationship type of the vocabulary")
    return f"`{name}`"


def labels_clause(labels: tuple[str, ...]) -> str:
    """`:A:B` for the vocabulary labels given."""
    return "".join(f":{identifier(label)}" for label in labels)


# Counts by label and by type, for status and summaries.
COUNT_NODES = "MATCH (n) RETURN count(n) AS nodes"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS relationships"
COUNT_BY_LABEL = """
// every node counted once under each of its labels
MATCH (n) UNWIND labels(n) AS label
RETURN label, count(*) AS count ORDER BY label
"""
