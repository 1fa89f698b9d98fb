"""Neo4j constraints and indexes derived from the vocabulary.

Community Edition has uniqueness constraints only, so each label gets one on `uid`,
the natural key every node carries. Range indexes serve the filters analysts use, and
one full-text index covers names and texts for search. Every statement is idempotent
(`IF NOT EXISTS`), so they are applied whenever the graph is opened.
"""

from __future__ import annotations

from schema.vocabulary import (
    FULLTEXT_INDEX,
    FULLTEXT_LABELS,
    FULLTEXT_PROPERTIES,
    LABELS,
    WORDING_CLUSTER,
    Label,
)

# Properties that analysts filter or sort on, by label.
RANGE_INDEXES: dict[Label, tuple[str, ...]] = {
    Label.COUNCIL: ("name", "code", "region"),
    Label.INSPECTION: ("start_date", "year", "framework", "judgement"),
    Label.BOARD: ("name",),
    Label.PERSON: ("name",),
    Label.THEME: ("name",),
    Label.MEETING: ("date",),
    Label.DOCUMENT: ("source", "sha256"),
    Label.ACTION: ("status", "due_date"),
    # the texts in a cluster of close wording, grouped by it
    Label.RECOMMENDATION: (WORDING_CLUSTER,),
    Label.FINDING: (WORDING_CLUSTER,),
}


def constraint_name(label: str) -> str:
    """The name of the uniqueness constraint on a label's uid."""
    return f"{label.lower()}_uid"


def uniqueness_constraints() -> list[str]:
    """One `uid` uniqueness constraint per label."""
    return [
        f"CREATE CONSTRAINT {constraint_name(spec.label)} IF NOT EXISTS "
        f"FOR (n:{spec.label}) REQUIRE n.uid IS UNIQUE"
        for spec in LABELS.values()
    ]


def range_indexes() -> list[str]:
    """Range indexes on the properties analysts filter by."""
    return [
        f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, props in RANGE_INDEXES.items()
        for prop in props
    ]


def fulltext_index() -> str:
    """One full-text index over the names and texts of every searchable label."""
    labels = "|".join(FULLTEXT_LABELS)
    props = ", ".join(f"n.{p}" for p in FULLTEXT_PROPERTIES)
    return f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{labels}) ON EACH [{props}]"


def schema_statements() -> list[str]:
    """Every statement, constraints first (they also create the indexes MERGE needs)."""
    return [*uniqueness_constraints(), *range_indexes(), fulltext_index()]
