"""Every read the GraphQL API makes, as async Cypher shaped for DataLoaders.

`GraphRepository` wraps one async driver. Its batch methods take a list of keys and
return one result per key, in key order, so a DataLoader's batch function is a single
call. Every query runs in a read transaction (the server refuses writes in one) with
the configured timeout, and takes its values as parameters; the few labels and
relationship types that Cypher cannot take as parameters come from the vocabulary's
allow-list (`graph.cypher.identifier`), and sort keys and filter clauses from the fixed
tables of this module, never from the caller's text.

Driver failures are translated here into the project's errors: an unreachable server
into `DatabaseUnavailableError`, a transaction that runs past its timeout into
`QueryTooExpensiveError`, a full-text query Lucene cannot parse into `BadFilterError`.

    >>> repo = GraphRepository(driver, "neo4j", timeout=5.0)          # doctest: +SKIP
    >>> [n.props["name"] for n in await repo.nodes(["Council:E09000014"])]  # doctest: +SKIP
    ['Haringey']
"""

from __future__ import annotations

import asyncio
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from typing import Any, Literal

import neo4j
from neo4j import exceptions as neo4j_errors

from graph.cypher import identifier, labels_clause
from schema.errors import BadFilterError, DatabaseUnavailableError, NotFoundError, QueryTooExpensiveError
from schema.graphdoc import label_of_uid
from schema.vocabulary import FULLTEXT_INDEX, FULLTEXT_LABELS, WORDING_CLUSTER, Label, RelType, is_label

# ---------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class NodeRecord:
    """A node as read: its uid, labels and properties."""

    uid: str
    labels: tuple[str, ...]
    props: Mapping[str, Any]

    @property
    def label(self) -> str:
        """The primary label, the one its uid starts with."""
        return label_of_uid(self.uid)


@dataclass(frozen=True, slots=True)
class RelationshipRecord:
    """A relationship as read: its type, the uids of its ends, its properties, and the quote
    of the document that asserts it (its `document` and `quote` properties)."""

    type: str
    start: str
    end: str
    props: Mapping[str, Any]
    evidence: EvidenceRecord | None = None


@dataclass(frozen=True, slots=True)
class Linked:
    """A neighbour of a node and the relationship that links them."""

    node: NodeRecord
    relationship: RelationshipRecord


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    """A quote of a document that a node or relationship was read from. The document is
    named by uid: the few who ask for more of it have it read, in one batch, when they ask."""

    document: str
    quote: str
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class Hit:
    """A full-text search result."""

    node: NodeRecord
    score: float


@dataclass(frozen=True, slots=True)
class ListPage:
    """A page of a list, the list's size when it was asked for, and the neighbours the query
    read on the way (relation, parent uid, neighbours), for the DataLoaders to remember."""

    records: list[NodeRecord]
    total: int | None
    neighbours: list[tuple[Relation, str, list[Linked]]]


@dataclass(frozen=True, slots=True)
class ServerState:
    """What the health check learnt of the database."""

    up: bool
    address: str
    database: str
    version: str | None = None
    edition: str | None = None
    error: str | None = None


# ---------------------------------------------------------------------------- relations


Direction = Literal["out", "in", "both"]


@dataclass(frozen=True)
class Relation:
    """A relationship followed from one kind of node: a field of a GraphQL type.

    `order` is a Cypher expression over the neighbour `m` and the relationship `r`,
    taken from this module's constants only.
    """

    name: str
    parent: Label
    type: RelType | tuple[RelType, ...]
    direction: Direction
    targets: tuple[Label, ...]
    order: str

    @property
    def types(self) -> tuple[RelType, ...]:
        """The relationship types followed."""
        return self.type if isinstance(self.type, tuple) else (self.type,)


# Orders of neighbours, as Cypher over `m` (the neighbour) and `r` (the relationship).
_BY_DATE = (
    "coalesce(m.start_date, m.date, m.published_date, m.submitted_date, m.due_date, toString(m.year)), m.uid"
)
_BY_NAME = "toLower(coalesce(m.name, m.title, m.role, m.text, '')), m.uid"
_BY_NUMBER = "m.number, m.text, m.uid"
_BY_SCORE = "r.score DESC, m.uid"
_BY_TEXT = "coalesce(m.reference, ''), m.text, m.uid"

_ASSESSED = (Label.RECOMMENDATION, Label.FINDING)


def _rel(
    name: str,
    parent: Label,
    type_: RelType | tuple[RelType, ...],
    direction: Direction,
    targets: Iterable[Label],
    order: str = _BY_NAME,
) -> Relation:
    return Relation(name, parent, type_, direction, tuple(targets), order)


# One letter per label keeps the tables below readable.
C, I, F, R, P, A, B, H, T, M, D = (  # noqa: E741
    Label.COUNCIL, Label.INSPECTION, Label.FINDING, Label.RECOMMENDATION, Label.ACTION_PLAN, Label.ACTION,
    Label.BOARD, Label.PERSON, Label.THEME, Label.MEETING, Label.DOCUMENT,
)  # fmt: skip

COUNCIL_INSPECTIONS = _rel("council.inspections", C, RelType.INSPECTED, "in", [I], _BY_DATE)
COUNCIL_BOARDS = _rel("council.boards", C, RelType.PART_OF, "in", [B])
COUNCIL_PEOPLE = _rel("council.people", C, RelType.SERVES, "in", [H])
INSPECTION_COUNCIL = _rel("inspection.council", I, RelType.INSPECTED, "out", [C])
INSPECTION_FINDINGS = _rel("inspection.findings", I, RelType.FOUND, "out", [F], _BY_TEXT)
INSPECTION_RECOMMENDATIONS = _rel(
    "inspection.recommendations", I, RelType.RECOMMENDED, "out", [R], _BY_NUMBER
)
INSPECTION_PLANS = _rel("inspection.actionPlans", I, RelType.RESPONDS_TO, "in", [P], _BY_DATE)
INSPECTION_MEETINGS = _rel("inspection.meetings", I, RelType.CONSIDERED, "in", [M], _BY_DATE)
FINDING_INSPECTION = _rel("finding.inspection", F, RelType.FOUND, "in", [I])
FINDING_THEMES = _rel("finding.themes", F, RelType.ABOUT, "out", [T])
FINDING_ACTIONS = _rel("finding.addressedBy", F, RelType.ADDRESSES, "in", [A], _BY_TEXT)
FINDING_SIMILAR = _rel("finding.similar", F, RelType.SIMILAR_TO, "both", _ASSESSED, _BY_SCORE)
RECOMMENDATION_INSPECTION = _rel("recommendation.inspection", R, RelType.RECOMMENDED, "in", [I])
RECOMMENDATION_THEMES = _rel("recommendation.themes", R, RelType.ABOUT, "out", [T])
RECOMMENDATION_ACTIONS = _rel("recommendation.addressedBy", R, RelType.ADDRESSES, "in", [A], _BY_TEXT)
RECOMMENDATION_SIMILAR = _rel("recommendation.similar", R, RelType.SIMILAR_TO, "both", _ASSESSED, _BY_SCORE)
PLAN_INSPECTIONS = _rel("actionPlan.respondsTo", P, RelType.RESPONDS_TO, "out", [I], _BY_DATE)
PLAN_ACTIONS = _rel("actionPlan.actions", P, RelType.INCLUDES, "out", [A], _BY_TEXT)
PLAN_BOARDS = _rel("actionPlan.monitoredBy", P, RelType.MONITORS, "in", [B])
PLAN_MEETINGS = _rel("actionPlan.meetings", P, RelType.CONSIDERED, "in", [M], _BY_DATE)
ACTION_PLANS = _rel("action.plans", A, RelType.INCLUDES, "in", [P])
ACTION_ADDRESSES = _rel("action.addresses", A, RelType.ADDRESSES, "out", _ASSESSED, _BY_NUMBER)
ACTION_OWNERS = _rel("action.ownedBy", A, RelType.OWNS, "in", [B])
ACTION_LEADS = _rel("action.leads", A, RelType.LEADS, "in", [H])
ACTION_THEMES = _rel("action.themes", A, RelType.ABOUT, "out", [T])
BOARD_COUNCIL = _rel("board.council", B, RelType.PART_OF, "out", [C])
BOARD_REPORTS_TO = _rel("board.reportsTo", B, RelType.REPORTS_TO, "out", [B])
BOARD_REPORTED_BY = _rel("board.reportedToBy", B, RelType.REPORTS_TO, "in", [B])
BOARD_MEMBERS = _rel("board.members", B, RelType.MEMBER_OF, "in", [H])
BOARD_CHAIRS = _rel("board.chairs", B, RelType.CHAIRS, "in", [H])
BOARD_PLANS = _rel("board.monitors", B, RelType.MONITORS, "out", [P])
BOARD_ACTIONS = _rel("board.owns", B, RelType.OWNS, "out", [A], _BY_TEXT)
BOARD_MEETINGS = _rel("board.meetings", B, RelType.HELD_BY, "in", [M], _BY_DATE)
PERSON_COUNCILS = _rel("person.councils", H, RelType.SERVES, "out", [C])
PERSON_BOARDS = _rel("person.memberOf", H, RelType.MEMBER_OF, "out", [B])
PERSON_CHAIRS = _rel("person.chairs", H, RelType.CHAIRS, "out", [B])
PERSON_ACTIONS = _rel("person.leads", H, RelType.LEADS, "out", [A], _BY_TEXT)
MEETING_BOARD = _rel("meeting.heldBy", M, RelType.HELD_BY, "out", [B])
MEETING_CONSIDERED = _rel("meeting.considered", M, RelType.CONSIDERED, "out", [I, P], _BY_DATE)

# Relations whose lists can run to thousands: read a page at a time.
THEME_RECOMMENDATIONS = _rel("theme.recommendations", T, RelType.ABOUT, "in", [R], _BY_TEXT)
THEME_FINDINGS = _rel("theme.findings", T, RelType.ABOUT, "in", [F], _BY_TEXT)
THEME_ACTIONS = _rel("theme.actions", T, RelType.ABOUT, "in", [A], _BY_TEXT)
DOCUMENT_EVIDENCES = _rel("document.evidences", D, RelType.EVIDENCED_BY, "in", [], "m.uid")


def _pattern(relation: Relation, parent: str) -> str:
    """`(p:Parent {uid: <parent>})-[r:TYPE]->(m)` for a relation, in its direction."""
    types = "|".join(identifier(t) for t in relation.types)
    left, right = {"out": ("-", "->"), "in": ("<-", "-"), "both": ("-", "-")}[relation.direction]
    return f"(p{labels_clause((relation.parent,))} {{uid: {parent}}}){left}[r:{types}]{right}(m)"


def _targets_clause(relation: Relation) -> str:
    if not relation.targets:
        return ""
    return "WHERE " + " OR ".join(f"m{labels_clause((t,))}" for t in relation.targets)


_NODE_MAP = "{uid: m.uid, labels: labels(m), props: properties(m)}"
_REL_MAP = "{type: type(r), start: startNode(r).uid, end: endNode(r).uid, props: properties(r)}"


@cache
def _related_query(relation: Relation) -> str:
    return f"""
UNWIND $uids AS uid
// each parent found by its uid (an index seek), then its neighbours over the relation
MATCH {_pattern(relation, "uid")}
{_targets_clause(relation)}
// order the neighbours before collecting: collect keeps the order it is given
WITH uid, m, r ORDER BY {relation.order}
RETURN uid, collect({{node: {_NODE_MAP}, rel: {_REL_MAP}}}) AS items
"""


@cache
def _page_of_related_query(relation: Relation) -> str:
    return f"""
UNWIND $uids AS uid
CALL (uid) {{
  // one page of each parent's neighbours, in the relation's order
  MATCH {_pattern(relation, "uid")}
  {_targets_clause(relation)}
  WITH m, r ORDER BY {relation.order}
  SKIP $offset LIMIT $limit
  RETURN collect({_NODE_MAP}) AS items
}}
RETURN uid, items
"""


@cache
def _count_related_query(relation: Relation) -> str:
    return f"""
UNWIND $uids AS uid
CALL (uid) {{
  // how many neighbours each parent has over the relation
  MATCH {_pattern(relation, "uid")}
  {_targets_clause(relation)}
  RETURN count(m) AS total
}}
RETURN uid, total
"""


@cache
def _nodes_query(labels: tuple[str, ...]) -> str:
    # One branch per label, each a seek on that label's uid constraint ($u0 for the
    # first label's uids, $u1 for the second's, ...); one row of lists for the driver.
    branches = "\n  UNION ALL\n".join(
        f"  MATCH (m{labels_clause((label,))}) WHERE m.uid IN $u{i} RETURN m"
        for i, label in enumerate(labels)
    )
    return f"""
// the nodes of each label by uid
CALL () {{
{branches}
}}
RETURN collect({_NODE_MAP}) AS nodes
"""


@cache
def _evidence_query(labels: tuple[str, ...]) -> str:
    # One branch per label, as for nodes: each node found by its label's uid constraint.
    branches = "\n  UNION ALL\n".join(
        f"  UNWIND $u{i} AS uid MATCH (n{labels_clause((label,))} {{uid: uid}})-[e:EVIDENCED_BY]->(d:Document) "
        "RETURN uid, e, d"
        for i, label in enumerate(labels)
    )
    return f"""
// each node by uid, with its evidence links and their documents
CALL () {{
{branches}
}}
// quotes in reading order: by document, then by position in it
WITH uid, e, d ORDER BY d.date, d.uid, e.start
WITH uid, collect({{quote: e.quote, start: e.start, end: e.end,
                   document: d.uid}}) AS items
RETURN collect({{uid: uid, items: items}}) AS found
"""


# ---------------------------------------------------------------------------- lists and filters


class SortField(StrEnum):
    """What a list is sorted by."""

    DATE = "date"
    NAME = "name"
    RECURRENCE = "recurrence"
    RELEVANCE = "relevance"


class SearchMode(StrEnum):
    """How the words of a text search are combined."""

    ANY_WORDS = "any_words"
    ALL_WORDS = "all_words"
    PHRASE = "phrase"
    LUCENE = "lucene"


@dataclass(frozen=True)
class Filters:
    """What a list is restricted to; None means no restriction.

    `council` is a name (any case) or an ONS code; `theme` and `board` a name or a uid;
    dates are ISO, possibly partial (`2014`, `2014-05`).
    """

    council: str | None = None
    region: str | None = None
    framework: str | None = None
    judgement: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    theme: str | None = None
    board: str | None = None
    text: str | None = None
    search_mode: SearchMode = SearchMode.ANY_WORDS
    polarity: str | None = None
    kind: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Order:
    """A sort: the field, and whether it descends."""

    field: SortField
    descending: bool = False


# How each kind reaches the council it belongs to (variable `c`).
_TO_COUNCIL: dict[Label, tuple[str, ...]] = {
    I: ("(n)-[:INSPECTED]->(c:Council)",),
    R: ("(n)<-[:RECOMMENDED]-(:Inspection)-[:INSPECTED]->(c:Council)",),
    F: ("(n)<-[:FOUND]-(:Inspection)-[:INSPECTED]->(c:Council)",),
    P: (
        "(n)-[:RESPONDS_TO]->(:Inspection)-[:INSPECTED]->(c:Council)",
        "(n)<-[:MONITORS]-(:Board)-[:PART_OF]->(c:Council)",
    ),
    A: (
        "(n)<-[:INCLUDES]-(:ActionPlan)-[:RESPONDS_TO]->(:Inspection)-[:INSPECTED]->(c:Council)",
        "(n)<-[:INCLUDES]-(:ActionPlan)<-[:MONITORS]-(:Board)-[:PART_OF]->(c:Council)",
        "(n)<-[:OWNS]-(:Board)-[:PART_OF]->(c:Council)",
    ),
    B: ("(n)-[:PART_OF]->(c:Council)",),
    H: ("(n)-[:SERVES]->(c:Council)",),
    M: ("(n)-[:HELD_BY]->(:Board)-[:PART_OF]->(c:Council)",),
    T: ("(n)<-[:ABOUT]-()<-[:RECOMMENDED|FOUND]-(:Inspection)-[:INSPECTED]->(c:Council)",),
    D: ("(n)<-[:EVIDENCED_BY]-(c:Council)",),
}
# How each kind reaches the inspection it answers (variable `i`); None: it is one.
_TO_INSPECTION: dict[Label, tuple[str, ...] | None] = {
    I: None,
    C: ("(n)<-[:INSPECTED]-(i:Inspection)",),
    R: ("(n)<-[:RECOMMENDED]-(i:Inspection)",),
    F: ("(n)<-[:FOUND]-(i:Inspection)",),
    P: ("(n)-[:RESPONDS_TO]->(i:Inspection)",),
    A: (
        "(n)<-[:INCLUDES]-(:ActionPlan)-[:RESPONDS_TO]->(i:Inspection)",
        "(n)-[:ADDRESSES]->()<-[:RECOMMENDED|FOUND]-(i:Inspection)",
    ),
    T: ("(n)<-[:ABOUT]-()<-[:RECOMMENDED|FOUND]-(i:Inspection)",),
}
# How each kind reaches a theme (variable `t`).
_TO_THEME: dict[Label, tuple[str, ...]] = {
    C: ("(n)<-[:INSPECTED]-(:Inspection)-[:RECOMMENDED|FOUND]->()-[:ABOUT]->(t:Theme)",),
    I: ("(n)-[:RECOMMENDED|FOUND]->()-[:ABOUT]->(t:Theme)",),
    R: ("(n)-[:ABOUT]->(t:Theme)",),
    F: ("(n)-[:ABOUT]->(t:Theme)",),
    A: ("(n)-[:ABOUT]->(t:Theme)",),
    P: ("(n)-[:INCLUDES]->()-[:ABOUT]->(t:Theme)",),
}
# How each kind reaches a board (variable `b`).
_TO_BOARD: dict[Label, tuple[str, ...]] = {
    A: ("(n)<-[:OWNS]-(b:Board)", "(n)<-[:INCLUDES]-(:ActionPlan)<-[:MONITORS]-(b:Board)"),
    P: ("(n)<-[:MONITORS]-(b:Board)",),
    M: ("(n)-[:HELD_BY]->(b:Board)",),
    H: ("(n)-[:MEMBER_OF|CHAIRS]->(b:Board)",),
    B: ("(n)-[:REPORTS_TO]->(b:Board)",),
}
# Kinds dated by their own `date` property rather than by an inspection's.
_OWN_DATE: dict[Label, str] = {M: "n.date", D: "n.date"}
# The property a `kind` filter restricts.
_KIND_PROPERTY: dict[Label, str] = {B: "kind", H: "kind", D: "kind", I: "inspection_type"}

_INSPECTION_DATE = "coalesce({v}.start_date, {v}.published_date, toString({v}.year))"

_SORT_KEYS: dict[SortField, dict[Label, str]] = {
    SortField.DATE: {
        I: _INSPECTION_DATE.format(v="n"),
        R: "head([(n)<-[:RECOMMENDED]-(i:Inspection) | " + _INSPECTION_DATE.format(v="i") + "])",
        F: "head([(n)<-[:FOUND]-(i:Inspection) | " + _INSPECTION_DATE.format(v="i") + "])",
        P: "coalesce(n.submitted_date, head([(n)-[:RESPONDS_TO]->(i:Inspection) | "
        + _INSPECTION_DATE.format(v="i")
        + "]))",
        A: "n.due_date",
        M: "n.date",
        D: "n.date",
    },
    SortField.NAME: {
        C: "toLower(n.name)",
        I: "head([(n)-[:INSPECTED]->(c:Council) | toLower(c.name)])",
        R: "toLower(n.text)",
        F: "toLower(n.text)",
        P: "toLower(n.title)",
        A: "toLower(n.text)",
        B: "toLower(n.name)",
        H: "toLower(coalesce(n.name, n.role))",
        T: "toLower(n.name)",
        M: "toLower(coalesce(n.title, n.date))",
        D: "toLower(coalesce(n.title, n.source))",
    },
    SortField.RECURRENCE: {
        # a theme recurs in as many inspections as made findings or recommendations about it
        T: "size(COLLECT { MATCH (n)<-[:ABOUT]-()<-[:RECOMMENDED|FOUND]-(i:Inspection) RETURN DISTINCT i })",
        # a recommendation or finding recurs in the inspections whose wording is close to it
        R: "size(COLLECT { MATCH (n)-[:SIMILAR_TO]-()<-[:RECOMMENDED|FOUND]-(i:Inspection) RETURN DISTINCT i })",
        F: "size(COLLECT { MATCH (n)-[:SIMILAR_TO]-()<-[:RECOMMENDED|FOUND]-(i:Inspection) RETURN DISTINCT i })",
    },
}
# A second key that keeps a natural order among equal first keys.
_THEN_BY: dict[Label, str] = {R: "n.number, ", I: "", A: "n.reference, "}

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_query(text: str, mode: SearchMode) -> str:
    """The Lucene query for an analyst's search text.

    Plain modes escape every character Lucene gives a meaning to, so any text is safe;
    `LUCENE` passes the text through for analysts who want its syntax.

        >>> lucene_query("early help (EH)", SearchMode.ALL_WORDS)
        '+early +help +\\\\(eh\\\\)'
    """
    if mode is SearchMode.LUCENE:
        query = text.strip()
        if not query:
            raise BadFilterError("the search text is empty")
        return query
    # Lower case, so that AND, OR and NOT are words rather than operators.
    words = [_LUCENE_SPECIAL.sub(r"\\\1", w) for w in text.lower().split()]
    if not words:
        raise BadFilterError("the search text is empty")
    if mode is SearchMode.PHRASE:
        return '"' + " ".join(words) + '"'
    if mode is SearchMode.ALL_WORDS:
        return " ".join("+" + w for w in words)
    return " ".join(words)


def _exists_any(paths: Sequence[str], condition: str) -> str:
    """True when one of the paths reaches a node that meets the condition."""
    where = f" WHERE {condition}" if condition else ""
    return "(" + " OR ".join(f"EXISTS {{ MATCH {p}{where} }}" for p in paths) + ")"


def _within(expr: str, low: str | None, high: str | None) -> str:
    """`expr` (an ISO date, maybe partial) within [$date_from, $date_to], compared at the
    precision both sides have: a report known only by its year 2014 is within 2014-05."""
    parts = []
    if low is not None:
        parts.append(f"left({expr}, size($date_from)) >= left($date_from, size({expr}))")
    if high is not None:
        parts.append(f"left({expr}, size($date_to)) <= left($date_to, size({expr}))")
    return f"({expr} IS NOT NULL AND " + " AND ".join(parts) + ")"


# Conditions on a variable `{v}`: a council by ONS code or name, a region, a theme or a
# board by uid or name.
_COUNCIL_MATCH = "({v}.code = $council OR toLower({v}.name) = $council_lower OR toLower({v}.official_name) = $council_lower)"
_REGION_MATCH = "toLower({v}.region) = $region_lower"
_THEME_MATCH = "({v}.uid = $theme OR toLower({v}.name) = $theme_lower)"
_BOARD_MATCH = "({v}.uid = $board OR toLower({v}.name) = $board_lower OR toLower({v}.acronym) = $board_lower)"


def _unsupported(kind: Label, name: str) -> BadFilterError:
    return BadFilterError(f"{kind} lists cannot be filtered by {name}")


def _council_conditions(f: Filters, v: str, params: dict[str, Any]) -> str:
    """The council and region filters as conditions on the council variable `v`."""
    conds = []
    if f.council is not None:
        conds.append(_COUNCIL_MATCH.format(v=v))
        params.update(council=f.council, council_lower=f.council.lower())
    if f.region is not None:
        conds.append(_REGION_MATCH.format(v=v))
        params["region_lower"] = f.region.lower()
    return " AND ".join(conds)


def _inspection_conditions(f: Filters, v: str, params: dict[str, Any]) -> str:
    """The framework, judgement and date filters as conditions on the inspection variable `v`."""
    conds = []
    if f.framework is not None:
        conds.append(f"{v}.framework = $framework")
        params["framework"] = f.framework
    if f.judgement is not None:
        conds.append(f"{v}.judgement = $judgement")
        params["judgement"] = f.judgement
    if f.date_from is not None or f.date_to is not None:
        conds.append(_within(_INSPECTION_DATE.format(v=v), f.date_from, f.date_to))
        params.update(date_from=f.date_from, date_to=f.date_to)
    return " AND ".join(conds)


# Kinds a list can reach from the councils and inspections it is filtered by: the list
# query then starts from them, and filters the council (`c`) and the inspection (`i`, or
# `n` for inspections) directly rather than testing every node of the kind.
_ANCHORS: dict[Label, str] = {
    I: "(c:Council)<-[ic:INSPECTED]-(n:Inspection)",
    R: "(c:Council)<-[ic:INSPECTED]-(i:Inspection)-[ir:RECOMMENDED]->(n:Recommendation)",
    F: "(c:Council)<-[ic:INSPECTED]-(i:Inspection)-[ir:FOUND]->(n:Finding)",
}
# What the anchor bound besides the node, returned with it: its inspection and council,
# and the relationships to them, so that asking for them again costs no query.
_ANCHOR_CONTEXT: dict[Label, str] = {
    I: "{council: {uid: c.uid, labels: labels(c), props: properties(c)}, "
    "inspected: {type: type(ic), start: n.uid, end: c.uid, props: properties(ic)}}",
    R: "{inspection: {uid: i.uid, labels: labels(i), props: properties(i)}, "
    "made: {type: type(ir), start: i.uid, end: n.uid, props: properties(ir)}, "
    "council: {uid: c.uid, labels: labels(c), props: properties(c)}, "
    "inspected: {type: type(ic), start: i.uid, end: c.uid, props: properties(ic)}}",
}
_ANCHOR_CONTEXT[F] = _ANCHOR_CONTEXT[R]
# the variables the context is built from, carried past the ordering
_ANCHOR_VARS: dict[Label, tuple[str, ...]] = {
    I: ("c", "ic"),
    R: ("i", "ir", "c", "ic"),
    F: ("i", "ir", "c", "ic"),
}


def _anchored(kind: Label, f: Filters) -> bool:
    """True when the list is best read from its councils and inspections."""
    scoped = (f.council, f.region, f.framework, f.judgement, f.date_from, f.date_to)
    return kind in _ANCHORS and f.text is None and any(v is not None for v in scoped)


def _conditions(kind: Label, f: Filters) -> tuple[list[str], dict[str, Any]]:
    """WHERE conditions on `n` for the filters, and their parameters."""
    conds: list[str] = []
    params: dict[str, Any] = {}
    if _anchored(kind, f):
        # the anchor binds the council and the inspection: filter them in place
        inspection = "n" if kind is I else "i"
        conds.extend(
            c
            for c in (_council_conditions(f, "c", params), _inspection_conditions(f, inspection, params))
            if c
        )
        f = replace(
            f, council=None, region=None, framework=None, judgement=None, date_from=None, date_to=None
        )
    if f.council is not None or f.region is not None:
        # the council itself, or an EXISTS over the paths to it
        v = "n" if kind is C else "c"
        council_conds = _council_conditions(f, v, params)
        if kind is C:
            conds.append(council_conds)
        elif kind in _TO_COUNCIL:
            conds.append(_exists_any(_TO_COUNCIL[kind], council_conds))
        else:
            raise _unsupported(kind, "council or region")

    if f.date_from is not None or f.date_to is not None:
        params.update(date_from=f.date_from, date_to=f.date_to)
        if kind in _OWN_DATE:
            conds.append(_within(_OWN_DATE[kind], f.date_from, f.date_to))
    if (
        f.framework is not None
        or f.judgement is not None
        or ((f.date_from is not None or f.date_to is not None) and kind not in _OWN_DATE)
    ):
        if kind not in _TO_INSPECTION:
            raise _unsupported(kind, "framework, judgement or date")
        paths = _TO_INSPECTION[kind]
        # the inspection itself, or an EXISTS over the paths to it
        v = "n" if paths is None else "i"
        inspection_conds = _inspection_conditions(f, v, params)
        conds.append(inspection_conds if paths is None else _exists_any(paths, inspection_conds))

    if f.theme is not None:
        params.update(theme=f.theme, theme_lower=f.theme.lower())
        if kind is T:
            conds.append(_THEME_MATCH.format(v="n"))
        elif kind in _TO_THEME:
            conds.append(_exists_any(_TO_THEME[kind], _THEME_MATCH.format(v="t")))
        else:
            raise _unsupported(kind, "theme")
    if f.board is not None:
        if kind not in _TO_BOARD:
            raise _unsupported(kind, "board")
        params.update(board=f.board, board_lower=f.board.lower())
        conds.append(_exists_any(_TO_BOARD[kind], _BOARD_MATCH.format(v="b")))
    if f.polarity is not None:
        if kind is not F:
            raise _unsupported(kind, "polarity")
        conds.append("n.polarity = $polarity")
        params["polarity"] = f.polarity
    if f.kind is not None:
        if kind not in _KIND_PROPERTY:
            raise _unsupported(kind, "kind")
        conds.append(f"n.{_KIND_PROPERTY[kind]} = $kind")
        params["kind"] = f.kind
    if f.status is not None:
        if kind not in (A, P):
            raise _unsupported(kind, "status")
        conds.append("toLower(n.status) = $status_lower")
        params["status_lower"] = f.status.lower()
    return conds, params


def _source(kind: Label, f: Filters, params: dict[str, Any], conds: list[str]) -> str:
    """The first clause of a list query: the nodes of the kind reached from their councils and
    inspections, or the full-text hits among them, or every node of the kind."""
    if _anchored(kind, f):
        return f"MATCH {_ANCHORS[kind]}"
    if f.text is None:
        return f"MATCH (n{labels_clause((kind,))})"
    if kind not in FULLTEXT_LABELS:
        raise _unsupported(kind, "text")
    params.update(index=FULLTEXT_INDEX, lucene=lucene_query(f.text, f.search_mode))
    conds.insert(0, f"n{labels_clause((kind,))}")
    return "CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node AS n, score"


def _where(conds: Sequence[str]) -> str:
    return ("WHERE " + "\n  AND ".join(conds)) if conds else ""


def default_order(kind: Label, f: Filters) -> Order:
    """The order of a list when none is asked for: relevance for a search, else the most
    recent first for dated kinds, else by name."""
    if f.text is not None:
        return Order(SortField.RELEVANCE, descending=True)
    if kind in _SORT_KEYS[SortField.DATE]:
        return Order(SortField.DATE, descending=True)
    return Order(SortField.NAME)


def _sort_key(kind: Label, order: Order, f: Filters) -> str:
    if order.field is SortField.RELEVANCE:
        if f.text is None:
            raise BadFilterError("sorting by relevance needs a search text")
        return "score"
    if order.field is SortField.DATE and kind in (R, F) and _anchored(kind, f):
        # the anchor has bound the inspection already
        return _INSPECTION_DATE.format(v="i")
    key = _SORT_KEYS[order.field].get(kind)
    if key is None:
        raise BadFilterError(f"{kind} lists cannot be sorted by {order.field.value}")
    return key


def _list_query(kind: Label, f: Filters, order: Order, with_total: bool) -> tuple[str, dict[str, Any]]:
    conds, params = _conditions(kind, f)
    source = _source(kind, f, params, conds)
    key = _sort_key(kind, order, f)
    direction = "DESC" if order.descending else "ASC"
    anchored = _anchored(kind, f)
    # the anchor's variables travel with each node; the context is built for the page only
    carried = _ANCHOR_VARS[kind] if anchored else ()
    context = _ANCHOR_CONTEXT[kind] if anchored else "null"
    entry = f"{{uid: n.uid, labels: labels(n), props: properties(n), context: {context}}}"
    page = (
        f"""// all of them in order, for the total; then the page
WITH collect({{{", ".join(f"{v}: {v}" for v in ("n", *carried))}}}) AS rows
WITH size(rows) AS total, rows[$offset..$offset + $limit] AS rows
CALL (rows) {{
  UNWIND rows AS row
  WITH {", ".join(f"row.{v} AS {v}" for v in ("n", *carried))}
  RETURN collect({entry}) AS page
}}
RETURN total, page"""
        if with_total
        else f"""SKIP $offset LIMIT $limit
WITH collect({entry}) AS page
RETURN null AS total, page"""
    )
    query = f"""
// the candidates: reached from their councils and inspections, or full-text hits, or all
{source}
// the filters: on the anchor in place, or an EXISTS over the path to what is filtered by
{_where(conds)}
WITH n, {key} AS sort_key{"".join(", " + v for v in carried)}
// undated or unnamed nodes last whatever the direction; the uid makes the order total
ORDER BY sort_key IS NULL, sort_key {direction}, {_THEN_BY.get(kind, "")}n.uid
{page}
"""
    return query, params


def _count_query(kind: Label, f: Filters) -> tuple[str, dict[str, Any]]:
    conds, params = _conditions(kind, f)
    source = _source(kind, f, params, conds)
    query = f"""
// the same candidates and filters as the list, counted
{source}
{_where(conds)}
RETURN count(n) AS total
"""
    return query, params


# Which of the names a filter gives exist at all: asked only when a list comes back empty,
# so that a misspelt council reads as a bad filter rather than as no data.
_KNOWN_NAMES = """
RETURN
  // a council by ONS code, short name or official name
  CASE WHEN $council IS NULL THEN true ELSE EXISTS {
    MATCH (c:Council) WHERE c.code = $council OR toLower(c.name) = $council_lower
       OR toLower(c.official_name) = $council_lower } END AS council,
  // a region that some council is in
  CASE WHEN $region_lower IS NULL THEN true ELSE EXISTS {
    MATCH (c:Council) WHERE toLower(c.region) = $region_lower } END AS region,
  // a theme by uid or name
  CASE WHEN $theme IS NULL THEN true ELSE EXISTS {
    MATCH (t:Theme) WHERE t.uid = $theme OR toLower(t.name) = $theme_lower } END AS theme,
  // a board by uid, name or acronym
  CASE WHEN $board IS NULL THEN true ELSE EXISTS {
    MATCH (b:Board) WHERE b.uid = $board OR toLower(b.name) = $board_lower
       OR toLower(b.acronym) = $board_lower } END AS board
"""

# ---------------------------------------------------------------------------- analysts' questions


# What an inspection holds about a theme, as a subquery over `i` (and `t` when it is
# bound outside): its own recommendations and findings, the actions of plans answering
# it, and the actions addressing what it found.
def _inspection_items(theme: str, returned: str) -> str:
    return f"""
  MATCH (i)-[:RECOMMENDED|FOUND]->(x)-[:ABOUT]->({theme}) RETURN {returned}
  UNION
  MATCH (i)<-[:RESPONDS_TO]-(:ActionPlan)-[:INCLUDES]->(x:Action)-[:ABOUT]->({theme}) RETURN {returned}
  UNION
  MATCH (i)-[:RECOMMENDED|FOUND]->()<-[:ADDRESSES]-(x:Action)-[:ABOUT]->({theme}) RETURN {returned}
"""


def _recurrence_filters(f: Filters) -> tuple[str, str, dict[str, Any]]:
    """Conditions on `i` (inspection) and `c` (council), and on `t` (theme), for recurrence."""
    params: dict[str, Any] = {}
    conds = [c for c in (_council_conditions(f, "c", params), _inspection_conditions(f, "i", params)) if c]
    theme = ""
    if f.theme is not None:
        theme = _THEME_MATCH.format(v="t")
        params.update(theme=f.theme, theme_lower=f.theme.lower())
    return " AND ".join(conds), theme, params


def _theme_groups_query(f: Filters) -> tuple[str, dict[str, Any]]:
    where, theme, params = _recurrence_filters(f)
    query = f"""
// the inspections that pass the filters, with their council
MATCH (c:Council)<-[:INSPECTED]-(i:Inspection)
{"WHERE " + where if where else ""}
// each inspection's date, once per inspection rather than once per theme
WITH c, i, {_INSPECTION_DATE.format(v="i")} AS date
// what each holds about each theme
CALL (i) {{{_inspection_items("t:Theme", "x, t")}}}
{"WITH * WHERE " + theme if theme else ""}
// per theme and inspection, how many items of each kind
WITH t, i, c, date,
     sum(CASE WHEN x:Recommendation THEN 1 ELSE 0 END) AS r,
     sum(CASE WHEN x:Finding THEN 1 ELSE 0 END) AS f,
     sum(CASE WHEN x:Action THEN 1 ELSE 0 END) AS a
// one group per theme, or per theme and council when recurrence within a council is asked;
// a row per theme and inspection, so counting rows counts inspections
WITH t, CASE WHEN $per_council THEN c END AS council, c, date, r, f, a
WITH t, council, count(*) AS inspections, count(DISTINCT c) AS councils,
     sum(r) AS recommendations, sum(f) AS findings, sum(a) AS actions,
     min(date) AS first_date, max(date) AS last_date
// recurring: the theme came back in enough inspections
WHERE inspections >= $min_inspections
RETURN collect({{theme: {{uid: t.uid, labels: labels(t), props: properties(t)}},
       council: CASE WHEN council IS NOT NULL
                THEN {{uid: council.uid, labels: labels(council), props: properties(council)}} END,
       inspections: inspections, councils: councils, recommendations: recommendations, findings: findings,
       actions: actions, first_date: first_date, last_date: last_date}}) AS groups
"""
    return query, params


def _theme_group_items_query(f: Filters) -> tuple[str, dict[str, Any]]:
    where, _, params = _recurrence_filters(f)
    query = f"""
UNWIND $groups AS g
MATCH (t:Theme {{uid: g.theme}})
// the group's inspections: of its council when it has one, within the groups' filters
MATCH (c:Council)<-[:INSPECTED]-(i:Inspection)
WHERE (g.council IS NULL OR c.uid = g.council){" AND " + where if where else ""}
// what each holds about the group's theme
CALL (i, t) {{{_inspection_items("t", "x")}}}
RETURN g.key AS key, {{uid: i.uid, labels: labels(i), props: properties(i)}} AS inspection,
       {{uid: c.uid, labels: labels(c), props: properties(c)}} AS council,
       {{uid: x.uid, labels: labels(x), props: properties(x)}} AS item,
       // the item's first quote, with its document
       head(COLLECT {{
         MATCH (x)-[e:EVIDENCED_BY]->(d:Document)
         RETURN {{quote: e.quote, start: e.start, end: e.end,
                 document: d.uid}} AS ev
         ORDER BY e.start
       }}) AS evidence
"""
    return query, params


def _theme_groups_with_items_query(f: Filters) -> tuple[str, dict[str, Any]]:
    where, theme, params = _recurrence_filters(f)
    query = f"""
// the inspections that pass the filters (a few: the caller has named a council), with their council
MATCH (c:Council)<-[:INSPECTED]-(i:Inspection)
{"WHERE " + where if where else ""}
// what each holds about each theme
CALL (i) {{{_inspection_items("t:Theme", "x, t")}}}
{"WITH * WHERE " + theme if theme else ""}
WITH t, i, c, collect(x) AS items
// one group per theme, or per theme and council; recurring when in enough inspections
WITH t, CASE WHEN $per_council THEN c END AS council, collect({{i: i, c: c, items: items}}) AS found
WHERE size(found) >= $min_inspections
RETURN collect({{
       theme: {{uid: t.uid, labels: labels(t), props: properties(t)}},
       council: CASE WHEN council IS NOT NULL
                THEN {{uid: council.uid, labels: labels(council), props: properties(council)}} END,
       inspections: [f IN found | {{
         inspection: {{uid: f.i.uid, labels: labels(f.i), props: properties(f.i)}},
         council: {{uid: f.c.uid, labels: labels(f.c), props: properties(f.c)}},
         items: [x IN f.items | {{
           item: {{uid: x.uid, labels: labels(x), props: properties(x)}},
           // the item's first quote: the one that starts earliest
           evidence: reduce(first = null, ev IN [(x)-[e:EVIDENCED_BY]->(d:Document) |
                       {{quote: e.quote, start: e.start, end: e.end,
                        document: d.uid}}] |
                     CASE WHEN first IS NULL OR ev.start < first.start THEN ev ELSE first END)
         }}]
       }}]}}) AS groups
"""
    return query, params


def _inspection_date(props: Mapping[str, Any]) -> str | None:
    """An inspection's date as the queries compute it: start, else publication, else year."""
    value = props.get("start_date") or props.get("published_date") or props.get("year")
    return None if value is None else str(value)


def _theme_groups_with_items(
    rows: Sequence[Mapping[str, Any]],
) -> tuple[list[RecurrenceGroup], dict[str, list[RecurrenceInspection]]]:
    """Theme groups with their inspections and items, counted from what they hold."""
    groups: list[RecurrenceGroup] = []
    details: dict[str, list[RecurrenceInspection]] = {}
    for r in rows:
        theme = _node(r["theme"])
        council = _node(r["council"]) if r["council"] else None
        flat = [
            {
                "inspection": f["inspection"],
                "council": f["council"],
                "item": it["item"],
                "evidence": it["evidence"],
            }
            for f in r["inspections"]
            for it in f["items"]
        ]
        # an item counts once per inspection it belongs to, as in the Cypher of the groups
        labels = [it["item"]["labels"] for f in r["inspections"] for it in f["items"]]
        dates = sorted(d for d in (_inspection_date(f["inspection"]["props"]) for f in r["inspections"]) if d)
        group = RecurrenceGroup(
            key=f"theme:{theme.uid}" + (f"@{council.uid}" if council else ""),
            basis="theme",
            label=str(theme.props.get("name") or theme.uid),
            theme=theme,
            council=council,
            inspections=len(r["inspections"]),
            councils=len({f["council"]["uid"] for f in r["inspections"]}),
            recommendations=sum(1 for ls in labels if Label.RECOMMENDATION in ls),
            findings=sum(1 for ls in labels if Label.FINDING in ls),
            actions=sum(1 for ls in labels if Label.ACTION in ls),
            first_date=dates[0] if dates else None,
            last_date=dates[-1] if dates else None,
        )
        groups.append(group)
        details[group.key] = _group_inspections(flat)
    return groups, details


# The SIMILAR_TO links, and every recommendation and finding they touch grouped by its
# inspection, with what the recurrence filters test: the clusters are the connected
# components of the links. One row of lists, which the driver reads far faster than a
# row per member.
def _wording_groups_query(f: Filters) -> tuple[str, dict[str, Any]]:
    where, _, params = _recurrence_filters(f)
    query = f"""
// the texts in a cluster of close wording (set at load, over the whole graph), by index
CALL () {{
  MATCH (x:Recommendation) WHERE x.{WORDING_CLUSTER} IS NOT NULL RETURN x, 1 AS r, 0 AS f
  UNION ALL
  MATCH (x:Finding) WHERE x.{WORDING_CLUSTER} IS NOT NULL RETURN x, 0 AS r, 1 AS f
}}
// those of the inspections that pass the filters, with their council
MATCH (x)<-[:RECOMMENDED|FOUND]-(i:Inspection)-[:INSPECTED]->(c:Council)
{"WHERE " + where if where else ""}
WITH x.{WORDING_CLUSTER} AS cluster, i, c, {_INSPECTION_DATE.format(v="i")} AS date,
     sum(r) AS r, sum(f) AS f, collect(x.uid) AS uids,
     // the first text (by uid) names the group: lists compare element by element
     min([x.uid, x.text]) AS first
// one group per cluster, or per cluster and council; a row per inspection, so rows count inspections
WITH cluster, CASE WHEN $per_council THEN c END AS council, c, date, r, f, uids, first
WITH cluster, council, count(*) AS inspections, count(DISTINCT c) AS councils,
     sum(r) AS recommendations, sum(f) AS findings, min(date) AS first_date, max(date) AS last_date,
     collect(uids) AS members, min(first)[1] AS label
WHERE inspections >= $min_inspections
// one row: a row per group would cost the driver more than the groups themselves
RETURN collect({{cluster: cluster, inspections: inspections,
       council: CASE WHEN council IS NOT NULL
                THEN {{uid: council.uid, labels: labels(council), props: properties(council)}} END, councils: councils,
       recommendations: recommendations, findings: findings, first_date: first_date, last_date: last_date,
       label: label, members: reduce(acc = [], m IN members | acc + m)}}) AS groups
"""
    return query, params


def _wording_group(row: Mapping[str, Any]) -> RecurrenceGroup:
    """A cluster of close wording from its row, named by its first text."""
    members = tuple(sorted(row["members"]))
    council = _node(row["council"]) if row["council"] else None
    return RecurrenceGroup(
        key=f"similar:{row['cluster']}" + (f"@{council.uid}" if council else ""),
        basis="similar_wording",
        label=str(row["label"] or members[0]),
        theme=None,
        council=council,
        inspections=row["inspections"],
        councils=row["councils"],
        recommendations=row["recommendations"],
        findings=row["findings"],
        actions=0,
        first_date=row["first_date"],
        last_date=row["last_date"],
        members=members,
    )


_SIMILAR_ITEMS = """
CALL () {
  // the members, found by uid in their own label's index
  UNWIND $recommendations AS uid MATCH (x:Recommendation {uid: uid}) RETURN x
  UNION ALL
  UNWIND $findings AS uid MATCH (x:Finding {uid: uid}) RETURN x
}
MATCH (x)<-[:RECOMMENDED|FOUND]-(i:Inspection)-[:INSPECTED]->(c:Council)
RETURN x.uid AS uid, {uid: i.uid, labels: labels(i), props: properties(i)} AS inspection,
       {uid: c.uid, labels: labels(c), props: properties(c)} AS council,
       {uid: x.uid, labels: labels(x), props: properties(x)} AS item,
       head(COLLECT {
         MATCH (x)-[e:EVIDENCED_BY]->(d:Document)
         RETURN {quote: e.quote, start: e.start, end: e.end,
                 document: d.uid} AS ev
         ORDER BY e.start
       }) AS evidence
"""


# Compared and hashed by identity (eq=False): its theme's property map does not hash.
@dataclass(frozen=True, eq=False)
class RecurrenceGroup:
    """A theme or a cluster of close wording that came back in several inspections."""

    key: str
    basis: Literal["theme", "similar_wording"]
    label: str
    theme: NodeRecord | None
    council: NodeRecord | None
    inspections: int
    councils: int
    recommendations: int
    findings: int
    actions: int
    first_date: str | None
    last_date: str | None
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecurrenceItem:
    """One recommendation, finding or action of a recurrence group, with its first quote."""

    node: NodeRecord
    evidence: EvidenceRecord | None


@dataclass(frozen=True)
class RecurrenceInspection:
    """One inspection of a recurrence group, its council and the group's items it holds."""

    inspection: NodeRecord
    council: NodeRecord
    items: tuple[RecurrenceItem, ...]


# Actions with the boards that own them: named by a document (OWNS), else inherited from the
# board that monitors the plan including them (MONITORS), else none.
def _ownership_query(f: Filters, ownership: str | None) -> tuple[str, dict[str, Any]]:
    conds, params = _conditions(A, f)
    source = _source(A, f, params, conds)
    params["ownership"] = ownership
    query = f"""
{source}
{_where(conds)}
// the boards a document names as owning the action
WITH n, COLLECT {{
  MATCH (n)<-[o:OWNS]-(b:Board)
  RETURN {{board: {{uid: b.uid, labels: labels(b), props: properties(b)}}, rel: properties(o)}}
}} AS owners
// the boards monitoring a plan that includes it, with the plan and both links' evidence
WITH n, owners, COLLECT {{
  MATCH (n)<-[inc:INCLUDES]-(p:ActionPlan)<-[mon:MONITORS]-(b:Board)
  RETURN {{board: {{uid: b.uid, labels: labels(b), props: properties(b)}},
          plan: {{uid: p.uid, labels: labels(p), props: properties(p)}},
          rel: properties(mon), includes: properties(inc)}}
}} AS monitors
// named owners win; else the monitoring boards; else none
WITH n, owners, monitors,
     CASE WHEN size(owners) > 0 THEN 'owned' WHEN size(monitors) > 0 THEN 'inherited' ELSE 'unowned' END
       AS ownership
WHERE $ownership IS NULL OR ownership = $ownership
// owned first and unowned last, then by plan and reference
ORDER BY CASE ownership WHEN 'owned' THEN 0 WHEN 'inherited' THEN 1 ELSE 2 END,
         head([(n)<-[:INCLUDES]-(p:ActionPlan) | p.title]), n.reference, n.text, n.uid
// every action in order, for the counts; then the page
WITH collect({{action: {{uid: n.uid, labels: labels(n), props: properties(n)}}, ownership: ownership,
              owners: owners, monitors: monitors}}) AS rows
RETURN size(rows) AS total,
       size([r IN rows WHERE r.ownership = 'owned']) AS owned,
       size([r IN rows WHERE r.ownership = 'inherited']) AS inherited,
       size([r IN rows WHERE r.ownership = 'unowned']) AS unowned,
       rows[$offset..$offset + $limit] AS page
"""
    return query, params


@dataclass(frozen=True)
class OwnerRecord:
    """A board answerable for an action, and how: named (OWNS) or inherited (MONITORS of a plan),
    with the quotes: the naming of the owner, or the plan's monitoring and its inclusion of the action."""

    board: NodeRecord
    basis: Literal["owned", "inherited"]
    evidence: tuple[EvidenceRecord, ...]
    plan: NodeRecord | None = None


@dataclass(frozen=True)
class OwnershipRecord:
    """An action and the boards answerable for it."""

    action: NodeRecord
    ownership: Literal["owned", "inherited", "unowned"]
    owners: tuple[OwnerRecord, ...]


@dataclass(frozen=True)
class OwnershipCounts:
    """How many actions are owned, inherited and unowned."""

    total: int
    owned: int
    inherited: int
    unowned: int


@dataclass(frozen=True)
class OwnershipPage:
    """A page of actions with their owners, and the counts over all of them."""

    records: list[OwnershipRecord]
    counts: OwnershipCounts


_RESOLVE_COUNCIL = f"""
// a council by ONS code, short name or official name
MATCH (c:Council)
WHERE {_COUNCIL_MATCH.format(v="c")}
RETURN {{uid: c.uid, labels: labels(c), props: properties(c)}} AS council
LIMIT 1
"""

_TIMELINE = f"""
// the council, by uid, ONS code, short name or official name
MATCH (c:Council)
WHERE c.uid = $council OR {_COUNCIL_MATCH.format(v="c")}
WITH c ORDER BY c.uid LIMIT 1
RETURN {{uid: c.uid, labels: labels(c), props: properties(c)}} AS council, COLLECT {{
CALL (c) {{
  // its inspections, dated by their first day
  MATCH (c)<-[:INSPECTED]-(i:Inspection)
  RETURN i AS n, 'inspection' AS kind, coalesce(i.start_date, i.published_date, toString(i.year)) AS date,
         coalesce(i.start_date, i.published_date, toString(i.year)) AS sort_date
  UNION
  // the plans answering them or monitored by its boards, dated when submitted
  MATCH (c)<-[:INSPECTED]-(i:Inspection)<-[:RESPONDS_TO]-(p:ActionPlan)
  RETURN p AS n, 'action_plan' AS kind, p.submitted_date AS date,
         coalesce(p.submitted_date, i.end_date, i.start_date, i.published_date, toString(i.year)) AS sort_date
  UNION
  MATCH (c)<-[:PART_OF]-(:Board)-[:MONITORS]->(p:ActionPlan)
  RETURN p AS n, 'action_plan' AS kind, p.submitted_date AS date,
         coalesce(p.submitted_date, head([(p)-[:RESPONDS_TO]->(i:Inspection) |
                  coalesce(i.end_date, i.start_date, i.published_date, toString(i.year))])) AS sort_date
  UNION
  // the meetings of its boards
  MATCH (c)<-[:PART_OF]-(:Board)<-[:HELD_BY]-(m:Meeting)
  RETURN m AS n, 'meeting' AS kind, m.date AS date, m.date AS sort_date
  UNION
  // the meetings that considered its inspections, or plans answering them
  MATCH (c)<-[:INSPECTED]-(:Inspection)<-[:CONSIDERED]-(m:Meeting)
  RETURN m AS n, 'meeting' AS kind, m.date AS date, m.date AS sort_date
  UNION
  MATCH (c)<-[:INSPECTED]-(:Inspection)<-[:RESPONDS_TO]-(:ActionPlan)<-[:CONSIDERED]-(m:Meeting)
  RETURN m AS n, 'meeting' AS kind, m.date AS date, m.date AS sort_date
  UNION
  // the actions of its plans, dated when due, else placed with their plan
  MATCH (c)<-[:INSPECTED]-(i:Inspection)<-[:RESPONDS_TO]-(p:ActionPlan)-[:INCLUDES]->(a:Action)
  RETURN a AS n, 'action' AS kind, a.due_date AS date,
         coalesce(a.due_date, p.submitted_date, i.end_date, i.start_date, i.published_date, toString(i.year))
           AS sort_date
  UNION
  // the actions of plans its boards monitor, and those its boards own
  MATCH (c)<-[:PART_OF]-(:Board)-[:MONITORS]->(p:ActionPlan)-[:INCLUDES]->(a:Action)
  RETURN a AS n, 'action' AS kind, a.due_date AS date, coalesce(a.due_date, p.submitted_date) AS sort_date
  UNION
  MATCH (c)<-[:PART_OF]-(:Board)-[:OWNS]->(a:Action)
  RETURN a AS n, 'action' AS kind, a.due_date AS date, a.due_date AS sort_date
}}
  WITH n, kind, date, sort_date
  WHERE ($date_from IS NULL OR sort_date >= $date_from) AND ($date_to IS NULL OR sort_date <= $date_to)
    AND ($kinds IS NULL OR kind IN $kinds)
  // one event per entity: the same action reached twice keeps its earliest place
  WITH n, kind, min(date) AS date, min(sort_date) AS sort_date
  // undated entities last; inspections before the plans and meetings of the same day
  ORDER BY sort_date IS NULL, sort_date,
           CASE kind WHEN 'inspection' THEN 0 WHEN 'meeting' THEN 1 WHEN 'action_plan' THEN 2 ELSE 3 END, n.uid
  RETURN {{kind: kind, date: date, sort_date: sort_date,
          node: {{uid: n.uid, labels: labels(n), props: properties(n)}}}}
}} AS events
"""


@dataclass(frozen=True)
class TimelineEvent:
    """One dated thing in a council's history."""

    kind: str
    date: str | None
    sort_date: str | None
    node: NodeRecord


# Relationship types a path or a neighbourhood follows by default: all but provenance,
# whose documents would link everything read from the same file.
STRUCTURAL_TYPES: tuple[RelType, ...] = tuple(t for t in RelType if t is not RelType.EVIDENCED_BY)

# One breadth-first level of a neighbourhood: the new nodes next to the frontier, at most
# as many as the limit leaves room for, in a stable order when the limit cuts the level.
_LEVEL = """
CALL (seen, frontier) {
  // the nodes one allowed relationship away from the frontier, not seen yet
  UNWIND frontier AS f
  MATCH (f)-[r]-(m)
  WHERE type(r) IN $types AND NOT m IN seen
  // one row per new node, in a stable order; more than the limit is never needed
  WITH m, min(type(r)) AS via
  ORDER BY via, m.uid
  LIMIT $limit + 1
  RETURN collect(m) AS found
}
// keep as many as there is room for, and say when some were cut
WITH seen, $limit + 1 - size(seen) AS room, found, truncated
WITH seen + found[..room] AS seen, found[..room] AS frontier, truncated OR size(found) > room AS truncated
"""


@cache
def _neighbourhood_query(label: str, depth: int) -> str:
    return f"""
// the entity at the centre, then the levels of its neighbourhood
MATCH (c{labels_clause((label,))} {{uid: $uid}})
WITH [c] AS seen, [c] AS frontier, false AS truncated
{_LEVEL * depth}
// the relationships among the nodes kept, for a complete picture of the subgraph
RETURN [n IN seen | {{uid: n.uid, labels: labels(n), props: properties(n)}}] AS nodes, truncated, COLLECT {{
  UNWIND seen AS a
  MATCH (a)-[r]->(b)
  WHERE type(r) IN $types AND b IN seen
  RETURN {_REL_MAP}
}} AS rels
"""


@dataclass(frozen=True)
class Subgraph:
    """Nodes and the relationships among them."""

    nodes: tuple[NodeRecord, ...]
    relationships: tuple[RelationshipRecord, ...]
    truncated: bool = False


def _path_query(from_label: str, to_label: str, max_hops: int, types: Sequence[RelType]) -> str:
    rel_types = "|".join(identifier(t) for t in types)
    return f"""
MATCH (a{labels_clause((from_label,))} {{uid: $from}})
MATCH (b{labels_clause((to_label,))} {{uid: $to}})
// the shortest chain of allowed relationships, in either direction, up to the hop limit
OPTIONAL MATCH p = shortestPath((a)-[:{rel_types}*..{int(max_hops)}]-(b))
RETURN p IS NOT NULL AS found,
       [m IN nodes(p) | {{uid: m.uid, labels: labels(m), props: properties(m)}}] AS nodes,
       [r IN relationships(p) | {_REL_MAP}] AS rels
"""


_PING = "RETURN 1 AS ok"
_COMPONENTS = "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition"


def _search_query(f: Filters, kinds: Sequence[Label], count: bool) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"index": FULLTEXT_INDEX, "lucene": lucene_query(f.text or "", f.search_mode)}
    kind_filter = " OR ".join(f"n{labels_clause((k,))}" for k in kinds)
    tail = (
        "RETURN count(n) AS total"
        if count
        else "WITH n, score ORDER BY score DESC, n.uid SKIP $offset LIMIT $limit\n"
        "RETURN collect({node: {uid: n.uid, labels: labels(n), props: properties(n)}, score: score}) AS hits"
    )
    query = f"""
// the full-text index over names, titles and texts, best matches first
CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node AS n, score
{"WHERE " + kind_filter if kind_filter else ""}
{tail}
"""
    return query, params


# ---------------------------------------------------------------------------- the repository


def _node(data: Mapping[str, Any]) -> NodeRecord:
    return NodeRecord(str(data["uid"]), tuple(data["labels"]), dict(data["props"]))


def _relationship(data: Mapping[str, Any]) -> RelationshipRecord:
    props = dict(data["props"])
    return RelationshipRecord(
        str(data["type"]), str(data["start"]), str(data["end"]), props, _rel_evidence(props)
    )


def _evidences(*rels: Mapping[str, Any]) -> tuple[EvidenceRecord, ...]:
    """The evidence of several relationships, given as their properties."""
    return tuple(e for e in map(_rel_evidence, rels) if e is not None)


def _rel_evidence(props: Mapping[str, Any]) -> EvidenceRecord | None:
    """The evidence a relationship carries in its properties, if any."""
    document = props.get("document")
    if not document:
        return None
    return EvidenceRecord(str(document), str(props.get("quote") or ""), props.get("start"), props.get("end"))


def _evidence(data: Mapping[str, Any]) -> EvidenceRecord:
    return EvidenceRecord(str(data["document"]), str(data["quote"] or ""), data.get("start"), data.get("end"))


def _by_label(uids: Sequence[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for uid in dict.fromkeys(uids):
        label = label_of_uid(uid)
        if is_label(label):
            groups[label].append(uid)
    return groups


_TIMEOUT_CODES = ("Neo.ClientError.Transaction.TransactionTimedOut",)


@dataclass
class GraphRepository:
    """Async reads of the graph for the API: one instance per process, over one driver.

    Args:
        driver: the process's async driver, opened and closed by the caller.
        database: the database name.
        timeout: seconds a transaction may run before the server stops it.
    """

    driver: neo4j.AsyncDriver
    database: str
    timeout: float
    _queries: int = field(default=0, init=False)

    @property
    def queries_run(self) -> int:
        """How many queries this repository has sent (for tests that count round trips)."""
        return self._queries

    def _session(self) -> neo4j.AsyncSession:
        # A read session: the server refuses any write in it.
        return self.driver.session(
            database=self.database, default_access_mode=neo4j.READ_ACCESS, bookmark_manager=None
        )

    async def _read(self, query: str, **params: Any) -> list[neo4j.Record]:
        """Run one read-only query with the timeout, translating driver failures.

        An auto-commit query, so nothing retries it: a request fails fast when the
        database is away, and the analyst (or their client) decides whether to ask again.
        """
        self._queries += 1
        try:
            async with self._session() as session:
                result = await session.run(neo4j.Query(query, timeout=self.timeout), params)
                return [record async for record in result]
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            translated = self._translate(exc, params)
            if translated is exc:
                raise
            raise translated from exc

    def _translate(self, exc: Exception, params: Mapping[str, Any]) -> Exception:
        """The project's error for a driver failure; the failure itself when it is a fault of ours."""
        if isinstance(exc, neo4j_errors.AuthError):
            return DatabaseUnavailableError("the graph database refuses the configured credentials")
        if isinstance(exc, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired | OSError):
            return DatabaseUnavailableError(f"the graph database does not answer ({exc.__class__.__name__})")
        if isinstance(exc, neo4j_errors.ClientError):
            code = exc.code or ""
            if code.startswith(_TIMEOUT_CODES):
                return QueryTooExpensiveError(
                    f"the query ran longer than the {self.timeout:g} s allowed; ask for less (smaller pages, "
                    "fewer hops, a smaller neighbourhood, a narrower filter)"
                )
            if (
                code == "Neo.ClientError.Procedure.ProcedureCallFailed"
                and "parse" in (exc.message or "").lower()
            ):
                return BadFilterError(
                    f"the search text is not a valid Lucene query: {params.get('lucene')!r}"
                )
        return exc

    # ------------------------------------------------------------------ health

    async def ping(self) -> ServerState:
        """Whether the database answers, and which server it is."""
        address = ""
        try:
            info = await self.driver.get_server_info()
            address = str(info.address)
            await self._read(_PING)
            rows = await self._read(_COMPONENTS)
        except DatabaseUnavailableError as exc:
            return ServerState(False, address, self.database, error=str(exc))
        except (neo4j_errors.DriverError, neo4j_errors.Neo4jError, OSError) as exc:
            return ServerState(False, address, self.database, error=f"{exc.__class__.__name__}: {exc}")
        row = rows[0] if rows else None
        return ServerState(
            True, address, self.database, version=row["version"] if row else None,
            edition=row["edition"] if row else None,
        )  # fmt: skip

    # ------------------------------------------------------------------ batch reads for DataLoaders

    async def nodes(self, uids: Sequence[str]) -> list[NodeRecord | None]:
        """The nodes with these uids, in key order; None where no node has the uid."""
        groups = _by_label(uids)
        if not groups:
            return [None for _ in uids]
        rows = await self._read(
            _nodes_query(tuple(groups)), **{f"u{i}": ids for i, ids in enumerate(groups.values())}
        )
        found = {node.uid: node for node in (_node(n) for n in rows[0]["nodes"])}
        return [found.get(uid) for uid in uids]

    async def evidence(self, uids: Sequence[str]) -> list[list[EvidenceRecord]]:
        """The quotes each node was read from, in key order."""
        groups = _by_label(uids)
        if not groups:
            return [[] for _ in uids]
        rows = await self._read(
            _evidence_query(tuple(groups)), **{f"u{i}": ids for i, ids in enumerate(groups.values())}
        )
        found = {f["uid"]: [_evidence(e) for e in f["items"]] for f in rows[0]["found"]}
        return [found.get(uid, []) for uid in uids]

    async def related(self, relation: Relation, uids: Sequence[str]) -> list[list[Linked]]:
        """Each node's neighbours over one relation, in the relation's order, in key order."""
        rows = await self._read(_related_query(relation), uids=list(dict.fromkeys(uids)))
        found = {
            r["uid"]: [Linked(_node(item["node"]), _relationship(item["rel"])) for item in r["items"]]
            for r in rows
        }
        return [found.get(uid, []) for uid in uids]

    async def related_page(
        self, relation: Relation, keys: Sequence[tuple[str, int, int]]
    ) -> list[list[NodeRecord]]:
        """One page (offset, limit) of each node's neighbours, for keys `(uid, offset, limit)`."""
        by_page: dict[tuple[int, int], list[str]] = defaultdict(list)
        for uid, offset, limit in keys:
            by_page[(offset, limit)].append(uid)
        pages = list(by_page.items())
        results = await asyncio.gather(
            *(
                self._read(_page_of_related_query(relation), uids=list(dict.fromkeys(ids)), offset=o, limit=n)
                for (o, n), ids in pages
            )
        )
        found: dict[tuple[str, int, int], list[NodeRecord]] = {}
        for ((offset, limit), _), rows in zip(pages, results, strict=True):
            for r in rows:
                found[(r["uid"], offset, limit)] = [_node(item) for item in r["items"]]
        return [found.get(key, []) for key in keys]

    async def count_related(self, relation: Relation, uids: Sequence[str]) -> list[int]:
        """How many neighbours each node has over one relation, in key order."""
        rows = await self._read(_count_related_query(relation), uids=list(dict.fromkeys(uids)))
        found = {r["uid"]: int(r["total"]) for r in rows}
        return [found.get(uid, 0) for uid in uids]

    # ------------------------------------------------------------------ lists

    async def find(
        self,
        kind: Label,
        filters: Filters,
        order: Order,
        offset: int,
        limit: int,
        *,
        with_total: bool = False,
    ) -> ListPage:
        """One page of the nodes of a kind that pass the filters, in the given order, and how
        many pass them all when `with_total` (in the same query)."""
        query, params = _list_query(kind, filters, order, with_total)
        rows = await self._read(query, offset=offset, limit=limit, **params)
        row = rows[0]
        neighbours: list[tuple[Relation, str, list[Linked]]] = []
        for m in row["page"]:
            context = m["context"]
            if not context:
                continue
            if "inspection" in context:
                relation = RECOMMENDATION_INSPECTION if kind is R else FINDING_INSPECTION
                inspection = _node(context["inspection"])
                neighbours.append((relation, m["uid"], [Linked(inspection, _relationship(context["made"]))]))
                neighbours.append(
                    (
                        INSPECTION_COUNCIL,
                        inspection.uid,
                        [Linked(_node(context["council"]), _relationship(context["inspected"]))],
                    )
                )
            else:
                neighbours.append(
                    (
                        INSPECTION_COUNCIL,
                        m["uid"],
                        [Linked(_node(context["council"]), _relationship(context["inspected"]))],
                    )
                )
        return ListPage([_node(m) for m in row["page"]], row["total"], neighbours)

    async def count(self, kind: Label, filters: Filters) -> int:
        """How many nodes of a kind pass the filters."""
        query, params = _count_query(kind, filters)
        rows = await self._read(query, **params)
        return int(rows[0]["total"]) if rows else 0

    async def check_filter_names(self, filters: Filters) -> None:
        """Raise `BadFilterError` naming the council, region, theme or board no node has."""
        names = {
            "council": filters.council,
            "council_lower": filters.council.lower() if filters.council else None,
            "region_lower": filters.region.lower() if filters.region else None,
            "theme": filters.theme,
            "theme_lower": filters.theme.lower() if filters.theme else None,
            "board": filters.board,
            "board_lower": filters.board.lower() if filters.board else None,
        }
        if not any(names.values()):
            return
        rows = await self._read(_KNOWN_NAMES, **names)
        row = rows[0]
        given = {
            "council": filters.council,
            "region": filters.region,
            "theme": filters.theme,
            "board": filters.board,
        }
        unknown = [
            f"{name} {given[name]!r}" for name in ("council", "region", "theme", "board") if not row[name]
        ]
        if unknown:
            raise BadFilterError("no " + " and no ".join(unknown) + " in the graph")

    # ------------------------------------------------------------------ recurrence

    async def recurrence_groups(
        self,
        filters: Filters,
        *,
        min_inspections: int,
        per_council: bool,
        by_theme: bool,
        by_wording: bool,
        with_details: bool = False,
    ) -> tuple[list[RecurrenceGroup], dict[str, list[RecurrenceInspection]]]:
        """Themes and clusters of close wording that came back in `min_inspections` inspections or
        more, most recurrent first (by inspections, then councils, then name).

        With `with_details` and a council named, the theme groups are counted from their
        items in one query, and each group's inspections come back with them (by group key);
        otherwise the details are left to `recurrence_details`.
        """
        details: dict[str, list[RecurrenceInspection]] = {}
        theme_rows: list[Mapping[str, Any]] = []
        wording_rows: list[neo4j.Record] = []
        from_items = with_details and filters.council is not None
        reads = []
        if by_theme:
            if from_items:
                query, params = _theme_groups_with_items_query(filters)
                reads.append(
                    self._read(query, per_council=per_council, min_inspections=min_inspections, **params)
                )
            else:
                query, params = _theme_groups_query(filters)
                reads.append(
                    self._read(query, per_council=per_council, min_inspections=min_inspections, **params)
                )
        if by_wording and filters.theme is None:
            query, params = _wording_groups_query(filters)
            reads.append(
                self._read(query, per_council=per_council, min_inspections=min_inspections, **params)
            )
        results = await asyncio.gather(*reads)
        if by_theme:
            theme_rows = results[0][0]["groups"]
        if by_wording and filters.theme is None:
            wording_rows = results[-1]
        if from_items:
            groups, details = _theme_groups_with_items(theme_rows)
        else:
            groups = [
                RecurrenceGroup(
                    key=f"theme:{r['theme']['uid']}" + (f"@{r['council']['uid']}" if r["council"] else ""),
                    basis="theme",
                    label=str(r["theme"]["props"].get("name") or r["theme"]["uid"]),
                    theme=_node(r["theme"]),
                    council=_node(r["council"]) if r["council"] else None,
                    inspections=r["inspections"],
                    councils=r["councils"],
                    recommendations=r["recommendations"],
                    findings=r["findings"],
                    actions=r["actions"],
                    first_date=r["first_date"],
                    last_date=r["last_date"],
                )
                for r in theme_rows
            ]
        if wording_rows:
            groups.extend(_wording_group(r) for r in wording_rows[0]["groups"])
        groups.sort(key=lambda g: (-g.inspections, -g.councils, g.basis != "theme", g.key))
        return groups, details

    async def recurrence_details(
        self, groups: Sequence[RecurrenceGroup], filters: Filters
    ) -> list[list[RecurrenceInspection]]:
        """Each group's inspections (oldest first) with its items and their quotes, in key order."""
        theme_groups = [g for g in groups if g.basis == "theme" and g.theme is not None]
        wording_groups = [g for g in groups if g.basis == "similar_wording"]
        reads = []
        if theme_groups:
            query, params = _theme_group_items_query(filters)
            payload = [
                {
                    "key": g.key,
                    "theme": g.theme.uid if g.theme else None,
                    "council": g.council.uid if g.council else None,
                }
                for g in theme_groups
            ]
            reads.append(self._read(query, groups=payload, **params))
        members = sorted({u for g in wording_groups for u in g.members})
        if members:
            reads.append(
                self._read(
                    _SIMILAR_ITEMS,
                    recommendations=[u for u in members if label_of_uid(u) == Label.RECOMMENDATION],
                    findings=[u for u in members if label_of_uid(u) == Label.FINDING],
                )
            )
        results = await asyncio.gather(*reads)
        rows_by_key: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        if theme_groups:
            for r in results[0]:
                rows_by_key[r["key"]].append(r)
        if members:
            by_uid = {r["uid"]: r for r in results[-1]}
            for g in wording_groups:
                rows_by_key[g.key].extend(by_uid[u] for u in g.members if u in by_uid)
        return [_group_inspections(rows_by_key.get(g.key, [])) for g in groups]

    # ------------------------------------------------------------------ ownership

    async def action_ownership(
        self, filters: Filters, ownership: str | None, offset: int, limit: int
    ) -> OwnershipPage:
        """One page of actions with the boards answerable for them (owned first, unowned
        last), and how many are owned, inherited and unowned: one query."""
        query, params = _ownership_query(filters, ownership)
        row = (await self._read(query, offset=offset, limit=limit, **params))[0]
        records = []
        for r in row["page"]:
            owners: list[OwnerRecord]
            if r["ownership"] == "owned":
                owners = [OwnerRecord(_node(o["board"]), "owned", _evidences(o["rel"])) for o in r["owners"]]
            else:
                owners = [
                    OwnerRecord(
                        _node(m["board"]),
                        "inherited",
                        _evidences(m["rel"], m["includes"]),
                        _node(m["plan"]),
                    )
                    for m in r["monitors"]
                ]
            owners.sort(key=lambda o: (str(o.board.props.get("name") or ""), o.board.uid))
            records.append(OwnershipRecord(_node(r["action"]), r["ownership"], tuple(owners)))
        counts = OwnershipCounts(row["total"], row["owned"], row["inherited"], row["unowned"])
        return OwnershipPage(records, counts)

    # ------------------------------------------------------------------ timeline, path, neighbourhood, search

    async def resolve_council(self, council: str) -> NodeRecord:
        """The council with this ONS code or name; `NotFoundError` when there is none."""
        rows = await self._read(_RESOLVE_COUNCIL, council=council, council_lower=council.lower())
        if not rows:
            raise NotFoundError(f"no council has the name or ONS code {council!r}")
        return _node(rows[0]["council"])

    async def council_timeline(
        self, council: str, date_from: str | None, date_to: str | None, kinds: Sequence[str] | None
    ) -> tuple[NodeRecord, list[TimelineEvent]]:
        """A council (by uid, ONS code or name) and its inspections, plans, meetings and actions
        in date order, undated last: one query. `NotFoundError` when no council has the name."""
        rows = await self._read(
            _TIMELINE, council=council, council_lower=council.lower(), date_from=date_from, date_to=date_to,
            kinds=list(kinds) if kinds is not None else None,
        )  # fmt: skip
        if not rows:
            raise NotFoundError(f"no council has the name or ONS code {council!r}")
        events = [
            TimelineEvent(e["kind"], e["date"], e["sort_date"], _node(e["node"])) for e in rows[0]["events"]
        ]
        return _node(rows[0]["council"]), events

    async def timeline(
        self, council_uid: str, date_from: str | None, date_to: str | None, kinds: Sequence[str] | None
    ) -> list[TimelineEvent]:
        """The timeline of the council with this uid (see `council_timeline`)."""
        return (await self.council_timeline(council_uid, date_from, date_to, kinds))[1]

    async def shortest_path(
        self, start: str, end: str, max_hops: int, types: Sequence[RelType] = STRUCTURAL_TYPES
    ) -> Subgraph | None:
        """The shortest chain of relationships between two nodes, or None when there is none
        within `max_hops`; `NotFoundError` when either uid names no node."""
        for uid in (start, end):
            if not is_label(label_of_uid(uid)):
                raise NotFoundError(f"no node has the id {uid!r}")
        if start == end:
            (node,) = await self.nodes([start])
            if node is None:
                raise NotFoundError(f"no node has the id {start!r}")
            return Subgraph((node,), ())
        query = _path_query(label_of_uid(start), label_of_uid(end), max_hops, types)
        rows = await self._read(query, **{"from": start, "to": end})
        if not rows:
            missing = [
                u for u, n in zip((start, end), await self.nodes([start, end]), strict=True) if n is None
            ]
            raise NotFoundError("no node has the id " + " nor ".join(repr(m) for m in missing))
        row = rows[0]
        if not row["found"]:
            return None
        return Subgraph(tuple(_node(n) for n in row["nodes"]), tuple(_relationship(r) for r in row["rels"]))

    async def neighbourhood(
        self, uid: str, depth: int, limit: int, types: Sequence[RelType] = STRUCTURAL_TYPES
    ) -> Subgraph:
        """The nodes within `depth` hops of a node (at most `limit` besides it), breadth first,
        and every relationship among them; `NotFoundError` when the uid names no node."""
        label = label_of_uid(uid)
        if not is_label(label):
            raise NotFoundError(f"no node has the id {uid!r}")
        rows = await self._read(
            _neighbourhood_query(label, depth), uid=uid, limit=limit, types=[str(t) for t in types]
        )
        if not rows:
            raise NotFoundError(f"no node has the id {uid!r}")
        row = rows[0]
        return Subgraph(
            tuple(_node(n) for n in row["nodes"]),
            tuple(_relationship(r) for r in row["rels"]),
            row["truncated"],
        )

    async def search(self, filters: Filters, kinds: Sequence[Label], offset: int, limit: int) -> list[Hit]:
        """One page of full-text hits among the kinds (all searchable kinds when empty), best first."""
        query, params = _search_query(filters, kinds, count=False)
        rows = await self._read(query, offset=offset, limit=limit, **params)
        return [Hit(_node(h["node"]), float(h["score"])) for h in rows[0]["hits"]]

    async def search_count(self, filters: Filters, kinds: Sequence[Label]) -> int:
        """How many full-text hits there are among the kinds."""
        query, params = _search_query(filters, kinds, count=True)
        rows = await self._read(query, **params)
        return int(rows[0]["total"]) if rows else 0


def _group_inspections(rows: Sequence[Mapping[str, Any]]) -> list[RecurrenceInspection]:
    """Detail rows (inspection, council, item, evidence) gathered per inspection, oldest first."""
    inspections: dict[str, tuple[NodeRecord, NodeRecord, dict[str, RecurrenceItem]]] = {}
    for r in rows:
        inspection = _node(r["inspection"])
        entry = inspections.setdefault(inspection.uid, (inspection, _node(r["council"]), {}))
        item = _node(r["item"])
        evidence = _evidence(r["evidence"]) if r["evidence"] else None
        entry[2].setdefault(item.uid, RecurrenceItem(item, evidence))

    def when(entry: tuple[NodeRecord, NodeRecord, dict[str, RecurrenceItem]]) -> tuple[str, str]:
        props = entry[0].props
        date = props.get("start_date") or props.get("published_date") or str(props.get("year") or "")
        return (str(date), entry[0].uid)

    item_order = {Label.RECOMMENDATION: 0, Label.FINDING: 1, Label.ACTION: 2}
    return [
        RecurrenceInspection(
            inspection,
            council,
            tuple(
                sorted(
                    items.values(),
                    key=lambda it: (
                        item_order.get(Label(it.node.label), 3),
                        str(it.node.props.get("number") or ""),
                        it.node.uid,
                    ),
                )
            ),
        )
        for inspection, council, items in sorted(inspections.values(), key=when)
    ]
