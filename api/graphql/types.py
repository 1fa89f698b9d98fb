"""The GraphQL types: one per kind of the vocabulary, and the analysts' answers.

Each type is a thin strawberry type built from a repository record by one converter
(`council_from_record`, ...). Scalar properties are copied; relationships are fields
whose resolvers go through the request's DataLoaders, in both directions (an
inspection's council and a council's inspections). Every entity implements `Node`,
whose `id` is the node's uid, and those read from documents implement `Evidenced`,
whose `evidence` gives the document and the exact quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from typing import Annotated, Any, NewType, TypeVar

import strawberry

from api.graphql.cost import cost
from api.graphql.fields import field
from api.graphql.loaders import Info, load_then
from api.graphql.pagination import Connection, connection, window
from graph import repository as repo
from graph.repository import EvidenceRecord, Linked, NodeRecord, Relation
from schema.vocabulary import Label, RelType

# ---------------------------------------------------------------------------- scalars and enums

IsoDate = NewType("IsoDate", str)

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_iso_date(value: object) -> IsoDate:
    """An ISO 8601 date, possibly partial (`2014`, `2014-05`, `2014-05-20`); ValueError otherwise."""
    text = str(value).strip()
    if not _ISO_DATE.match(text):
        raise ValueError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    padded = text + "-01" * (2 - text.count("-"))
    try:
        date.fromisoformat(padded)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date") from exc
    return IsoDate(text)


ISO_DATE_SCALAR = strawberry.scalar(
    name="IsoDate",
    description="An ISO 8601 date, as precise as the source: `2014`, `2014-05` or `2014-05-20`.",
    serialize=str,
    parse_value=parse_iso_date,
)


@strawberry.enum(description="An Ofsted grade.")
class Judgement(Enum):
    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires improvement"
    INADEQUATE = "inadequate"


@strawberry.enum(description="The framework an inspection or visit was carried out under.")
class Framework(Enum):
    SIF = "SIF"
    ILACS = "ILACS"
    JTAI = "JTAI"
    FOCUSED_VISIT = "focused visit"
    MONITORING_VISIT = "monitoring visit"
    OTHER = "other"


@strawberry.enum(description="Whether a finding is a strength or a weakness.")
class Polarity(Enum):
    STRENGTH = "strength"
    WEAKNESS = "weakness"


@strawberry.enum(description="What kind of governance body a board is.")
class BoardKind(Enum):
    BOARD = "board"
    COMMITTEE = "committee"
    PANEL = "panel"
    CABINET = "cabinet"
    PARTNERSHIP = "partnership"
    COUNCIL = "council"


@strawberry.enum(description="Whether a person is a paid officer or an elected councillor.")
class PersonKind(Enum):
    OFFICER = "officer"
    COUNCILLOR = "councillor"


@strawberry.enum(description="What kind of source a document is.")
class DocumentKind(Enum):
    MINUTES = "minutes"
    REPORT = "report"
    OFSTED_REPORT = "ofsted_report"
    NEWS = "news"
    ACTION_PLAN = "action_plan"
    DATA = "data"
    OTHER = "other"


@strawberry.enum(description="The kinds of entity in the graph.")
class NodeKind(Enum):
    COUNCIL = "Council"
    INSPECTION = "Inspection"
    FINDING = "Finding"
    RECOMMENDATION = "Recommendation"
    ACTION_PLAN = "ActionPlan"
    ACTION = "Action"
    BOARD = "Board"
    PERSON = "Person"
    THEME = "Theme"
    MEETING = "Meeting"
    DOCUMENT = "Document"


@strawberry.enum(description="The relationship types of the graph, as the vocabulary declares them.")
class RelationshipType(Enum):
    INSPECTED = RelType.INSPECTED.value
    FOUND = RelType.FOUND.value
    RECOMMENDED = RelType.RECOMMENDED.value
    RESPONDS_TO = RelType.RESPONDS_TO.value
    INCLUDES = RelType.INCLUDES.value
    ADDRESSES = RelType.ADDRESSES.value
    OWNS = RelType.OWNS.value
    MONITORS = RelType.MONITORS.value
    PART_OF = RelType.PART_OF.value
    REPORTS_TO = RelType.REPORTS_TO.value
    SERVES = RelType.SERVES.value
    MEMBER_OF = RelType.MEMBER_OF.value
    CHAIRS = RelType.CHAIRS.value
    LEADS = RelType.LEADS.value
    ABOUT = RelType.ABOUT.value
    SIMILAR_TO = RelType.SIMILAR_TO.value
    HELD_BY = RelType.HELD_BY.value
    CONSIDERED = RelType.CONSIDERED.value
    EVIDENCED_BY = RelType.EVIDENCED_BY.value


E = TypeVar("E", bound=Enum)


def _enum(cls: type[E], value: object) -> E | None:
    """The member of `cls` with this value, or None when the value is missing or unknown."""
    try:
        return cls(value) if value is not None else None
    except ValueError:
        return None


def _str(props: Mapping[str, Any], key: str) -> str | None:
    value = props.get(key)
    return None if value is None else str(value)


def _int(props: Mapping[str, Any], key: str) -> int | None:
    value = props.get(key)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def _float(props: Mapping[str, Any], key: str) -> float | None:
    value = props.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _date(props: Mapping[str, Any], key: str) -> IsoDate | None:
    value = props.get(key)
    if value is None:
        return None
    text = str(value)
    return IsoDate(text) if _ISO_DATE.match(text) else None


def _strings(props: Mapping[str, Any], key: str) -> list[str]:
    value = props.get(key)
    if isinstance(value, list):
        return [str(v) for v in value]
    return [] if value is None else [str(value)]


# ---------------------------------------------------------------------------- interfaces and evidence


@strawberry.interface(description="An entity of the graph, found again by `node(id:)`.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="The node's uid: its label, then its natural key (`Council:E09000014`). Stable across loads."
    )


@strawberry.type(description="The exact words of a document that a fact was read from.")
class Evidence:
    quote: str = strawberry.field(description="The quoted text, as in the document.")
    start: int | None = strawberry.field(
        description="Where the quote starts in the document's text (characters)."
    )
    end: int | None = strawberry.field(
        description="Where the quote ends in the document's text (characters)."
    )
    document_id: strawberry.ID = strawberry.field(description="The id of the document quoted.")

    @field(description="The document quoted.", cost=cost(1))
    def document(self, info: Info) -> Document:
        # read when asked, for all the quotes of the request at once
        return load_then(info.context.loaders.nodes, str(self.document_id), _quoted_document)


def _quoted_document(record: NodeRecord | None) -> Document:
    if record is None:
        # every quote's document is loaded before it (graph/load.py), and leaves with it
        raise LookupError("a quote names a document that is not in the graph")
    return document_from_record(record)


def evidence_from_record(record: EvidenceRecord) -> Evidence:
    """The Evidence of a quote: a node's EVIDENCED_BY link, or a relationship's own properties."""
    return Evidence(
        quote=record.quote, start=record.start, end=record.end, document_id=strawberry.ID(record.document)
    )


@strawberry.interface(description="An entity read from documents: it says which documents and quotes.")
class Evidenced(Node):
    @field(description="The documents and exact quotes this was read from.", cost=cost(1, fan_out=1))
    def evidence(self, info: Info) -> list[Evidence]:
        return load_then(
            info.context.loaders.evidence,
            str(self.id),
            lambda records: [evidence_from_record(r) for r in records],
        )


R = TypeVar("R")


# Fields over relationships: the value at once when the request already holds it, else
# batched through the request's loader (`load_then`).


def _linked(info: Info, relation: Relation, uid: str, convert: Callable[[NodeRecord], R]) -> list[R]:
    return load_then(
        info.context.loaders.related(relation), uid, lambda linked: [convert(link.node) for link in linked]
    )


def _one(info: Info, relation: Relation, uid: str, convert: Callable[[NodeRecord], R]) -> R | None:
    return load_then(
        info.context.loaders.related(relation),
        uid,
        lambda linked: convert(linked[0].node) if linked else None,
    )


async def _paged(
    info: Info,
    relation: Relation,
    uid: str,
    first: int | None,
    after: str | None,
    convert: Callable[[NodeRecord], R],
) -> Connection[R]:
    limits = info.context.limits
    w = window(first, after, default=limits.default_page_size, maximum=limits.max_page_size)
    records = await info.context.loaders.related_page(relation).load((uid, w.offset, w.limit + 1))

    async def count() -> int:
        return await info.context.loaders.related_count(relation).load(uid)

    return connection([convert(r) for r in records], w, count)


# Plain lists repeat their selections about as often as such lists are long: an
# inspection has about ten recommendations, a council about five inspections, a
# recommendation one or two themes.
_FEW = cost(1, fan_out=2)
_LIST = cost(1, fan_out=5)
_MANY = cost(1, fan_out=10)
_ONE = cost(1)
_PAGE = cost(2, page=True)

# ---------------------------------------------------------------------------- entities


@strawberry.type(description="An English local authority with children's services duties.")
class Council(Evidenced):
    name: str | None = strawberry.field(description="The short name analysts use: `Haringey`.")
    code: str | None = strawberry.field(description="The ONS (GSS) code: `E09000014`.")
    official_name: str | None
    region: str | None
    ofsted_urn: str | None
    la_code: str | None = strawberry.field(description="The old three-digit local authority code.")

    @field(description="Its inspections and visits, oldest first.", cost=_LIST)
    def inspections(self, info: Info) -> list[Inspection]:
        return _linked(info, repo.COUNCIL_INSPECTIONS, self.id, inspection_from_record)

    @field(description="Its boards, committees and panels.", cost=_LIST)
    def boards(self, info: Info) -> list[Board]:
        return _linked(info, repo.COUNCIL_BOARDS, self.id, board_from_record)

    @field(description="Its officers and councillors.", cost=_MANY)
    def people(self, info: Info) -> list[Person]:
        return _linked(info, repo.COUNCIL_PEOPLE, self.id, person_from_record)


def council_from_record(record: NodeRecord) -> Council:
    """A Council from its node."""
    p = record.props
    return Council(
        id=strawberry.ID(record.uid),
        name=_str(p, "name"),
        code=_str(p, "code"),
        official_name=_str(p, "official_name"),
        region=_str(p, "region"),
        ofsted_urn=_str(p, "ofsted_urn"),
        la_code=_str(p, "la_code"),
    )


@strawberry.type(description="A judgement an inspection gave one area of a council's services.")
class SubJudgement:
    area: str = strawberry.field(
        description="The area, as a slug: `help_and_protection`, `care_leavers`, `lscb`, ..."
    )
    judgement: Judgement | None


@strawberry.type(description="One Ofsted inspection or visit of a council's children's services.")
class Inspection(Evidenced):
    framework: Framework | None
    start_date: IsoDate | None
    end_date: IsoDate | None
    published_date: IsoDate | None
    year: int | None
    judgement: Judgement | None = strawberry.field(description="The overall effectiveness, where graded.")
    sub_judgements: list[SubJudgement] = strawberry.field(description="The judgements of each area graded.")
    inspection_type: str | None = strawberry.field(description="`standard` or `short` for ILACS inspections.")
    title: str | None

    @field(description="The council inspected.", cost=_ONE)
    def council(self, info: Info) -> Council | None:
        return _one(info, repo.INSPECTION_COUNCIL, self.id, council_from_record)

    @field(description="What it found: strengths and weaknesses.", cost=_MANY)
    def findings(self, info: Info) -> list[Finding]:
        return _linked(info, repo.INSPECTION_FINDINGS, self.id, finding_from_record)

    @field(description="What it asked the council to improve, in the report's order.", cost=_MANY)
    def recommendations(self, info: Info) -> list[Recommendation]:
        return _linked(info, repo.INSPECTION_RECOMMENDATIONS, self.id, recommendation_from_record)

    @field(description="The council's plans answering it.", cost=_FEW)
    def action_plans(self, info: Info) -> list[ActionPlan]:
        return _linked(info, repo.INSPECTION_PLANS, self.id, action_plan_from_record)

    @field(description="Meetings that considered it.", cost=_MANY)
    def meetings(self, info: Info) -> list[Meeting]:
        return _linked(info, repo.INSPECTION_MEETINGS, self.id, meeting_from_record)


def inspection_from_record(record: NodeRecord) -> Inspection:
    """An Inspection from its node; sub-judgements from its `judgement_<area>` properties."""
    p = record.props
    subs = [
        SubJudgement(area=key[len("judgement_") :], judgement=_enum(Judgement, value))
        for key, value in sorted(p.items())
        if key.startswith("judgement_")
    ]
    return Inspection(
        id=strawberry.ID(record.uid),
        framework=_enum(Framework, p.get("framework")),
        start_date=_date(p, "start_date"),
        end_date=_date(p, "end_date"),
        published_date=_date(p, "published_date"),
        year=_int(p, "year"),
        judgement=_enum(Judgement, p.get("judgement")),
        sub_judgements=subs,
        inspection_type=_str(p, "inspection_type"),
        title=_str(p, "title"),
    )


@strawberry.type(description="A recommendation or finding worded closely to another, with how close.")
class SimilarText:
    score: float | None = strawberry.field(description="How close the wording is, from 0 to 1.")
    node: InspectionItem


def _similar(info: Info, relation: Relation, uid: str) -> list[SimilarText]:
    def texts(linked: list[Linked]) -> list[SimilarText]:
        return [
            SimilarText(
                score=_float(link.relationship.props, "score"), node=inspection_item_from_record(link.node)
            )
            for link in linked
        ]

    return load_then(info.context.loaders.related(relation), uid, texts)


@strawberry.type(description="Something an inspection found: a strength or a weakness.")
class Finding(Evidenced):
    text: str | None
    polarity: Polarity | None
    area: str | None

    @field(description="The inspection that found it.", cost=_ONE)
    def inspection(self, info: Info) -> Inspection | None:
        return _one(info, repo.FINDING_INSPECTION, self.id, inspection_from_record)

    @field(description="The themes it is about.", cost=_FEW)
    def themes(self, info: Info) -> list[Theme]:
        return _linked(info, repo.FINDING_THEMES, self.id, theme_from_record)

    @field(description="Actions that address it.", cost=_LIST)
    def addressed_by(self, info: Info) -> list[Action]:
        return _linked(info, repo.FINDING_ACTIONS, self.id, action_from_record)

    @field(description="Findings and recommendations of other inspections worded closely.", cost=_FEW)
    def similar(self, info: Info) -> list[SimilarText]:
        return _similar(info, repo.FINDING_SIMILAR, self.id)


def finding_from_record(record: NodeRecord) -> Finding:
    """A Finding from its node."""
    p = record.props
    return Finding(
        id=strawberry.ID(record.uid),
        text=_str(p, "text"),
        polarity=_enum(Polarity, p.get("polarity")),
        area=_str(p, "area"),
    )


@strawberry.type(description="Something an inspection asked the council to improve.")
class Recommendation(Evidenced):
    text: str | None
    number: int | None = strawberry.field(description="Its place in the report's list, where numbered.")
    section: str | None = strawberry.field(description="The list it is in: the council's own, or the LSCB's.")
    priority: str | None

    @field(description="The inspection that made it.", cost=_ONE)
    def inspection(self, info: Info) -> Inspection | None:
        return _one(info, repo.RECOMMENDATION_INSPECTION, self.id, inspection_from_record)

    @field(description="The themes it is about.", cost=_FEW)
    def themes(self, info: Info) -> list[Theme]:
        return _linked(info, repo.RECOMMENDATION_THEMES, self.id, theme_from_record)

    @field(description="Actions that address it.", cost=_LIST)
    def addressed_by(self, info: Info) -> list[Action]:
        return _linked(info, repo.RECOMMENDATION_ACTIONS, self.id, action_from_record)

    @field(description="Recommendations and findings of other inspections worded closely.", cost=_FEW)
    def similar(self, info: Info) -> list[SimilarText]:
        return _similar(info, repo.RECOMMENDATION_SIMILAR, self.id)


def recommendation_from_record(record: NodeRecord) -> Recommendation:
    """A Recommendation from its node."""
    p = record.props
    return Recommendation(
        id=strawberry.ID(record.uid),
        text=_str(p, "text"),
        number=_int(p, "number"),
        section=_str(p, "section"),
        priority=_str(p, "priority"),
    )


InspectionItem = Annotated[
    Recommendation | Finding,
    strawberry.union("InspectionItem", description="A recommendation or a finding of an inspection."),
]


def inspection_item_from_record(record: NodeRecord) -> Recommendation | Finding:
    """A Recommendation or a Finding, by the node's label."""
    if record.label == Label.FINDING:
        return finding_from_record(record)
    return recommendation_from_record(record)


@strawberry.type(description="A council's plan answering an inspection.")
class ActionPlan(Evidenced):
    title: str | None
    status: str | None
    submitted_date: IsoDate | None

    @field(description="The inspections it answers.", cost=_FEW)
    def responds_to(self, info: Info) -> list[Inspection]:
        return _linked(info, repo.PLAN_INSPECTIONS, self.id, inspection_from_record)

    @field(description="Its actions.", cost=_MANY)
    def actions(self, info: Info) -> list[Action]:
        return _linked(info, repo.PLAN_ACTIONS, self.id, action_from_record)

    @field(description="The boards overseeing it.", cost=_FEW)
    def monitored_by(self, info: Info) -> list[Board]:
        return _linked(info, repo.PLAN_BOARDS, self.id, board_from_record)

    @field(description="Meetings that considered it.", cost=_MANY)
    def meetings(self, info: Info) -> list[Meeting]:
        return _linked(info, repo.PLAN_MEETINGS, self.id, meeting_from_record)


def action_plan_from_record(record: NodeRecord) -> ActionPlan:
    """An ActionPlan from its node."""
    p = record.props
    return ActionPlan(
        id=strawberry.ID(record.uid),
        title=_str(p, "title"),
        status=_str(p, "status"),
        submitted_date=_date(p, "submitted_date"),
    )


@strawberry.type(description="One thing a council does or commits to doing.")
class Action(Evidenced):
    text: str | None
    status: str | None
    due_date: IsoDate | None
    rag: str | None = strawberry.field(
        description="Its red, amber or green rating, where a tracker gives one."
    )
    reference: str | None = strawberry.field(description="Its reference in the plan.")

    @field(description="The plans that include it.", cost=_FEW)
    def plans(self, info: Info) -> list[ActionPlan]:
        return _linked(info, repo.ACTION_PLANS, self.id, action_plan_from_record)

    @field(description="The recommendations and findings it answers.", cost=_FEW)
    def addresses(self, info: Info) -> list[InspectionItem]:
        return _linked(info, repo.ACTION_ADDRESSES, self.id, inspection_item_from_record)

    @field(description="The boards a document names as owning it.", cost=_FEW)
    def owned_by(self, info: Info) -> list[Board]:
        return _linked(info, repo.ACTION_OWNERS, self.id, board_from_record)

    @field(description="Its lead officers.", cost=_FEW)
    def leads(self, info: Info) -> list[Person]:
        return _linked(info, repo.ACTION_LEADS, self.id, person_from_record)

    @field(description="The themes it is about.", cost=_FEW)
    def themes(self, info: Info) -> list[Theme]:
        return _linked(info, repo.ACTION_THEMES, self.id, theme_from_record)


def action_from_record(record: NodeRecord) -> Action:
    """An Action from its node."""
    p = record.props
    return Action(
        id=strawberry.ID(record.uid),
        text=_str(p, "text"),
        status=_str(p, "status"),
        due_date=_date(p, "due_date"),
        rag=_str(p, "rag"),
        reference=_str(p, "reference"),
    )


@strawberry.type(description="A governance body: improvement board, committee, panel, cabinet, partnership.")
class Board(Evidenced):
    name: str | None
    kind: BoardKind | None
    acronym: str | None
    aliases: list[str]

    @field(description="The council it belongs to.", cost=_ONE)
    def council(self, info: Info) -> Council | None:
        return _one(info, repo.BOARD_COUNCIL, self.id, council_from_record)

    @field(description="The boards it reports to.", cost=_FEW)
    def reports_to(self, info: Info) -> list[Board]:
        return _linked(info, repo.BOARD_REPORTS_TO, self.id, board_from_record)

    @field(description="The boards reporting to it.", cost=_FEW)
    def reported_to_by(self, info: Info) -> list[Board]:
        return _linked(info, repo.BOARD_REPORTED_BY, self.id, board_from_record)

    @field(description="Its members.", cost=_MANY)
    def members(self, info: Info) -> list[Person]:
        return _linked(info, repo.BOARD_MEMBERS, self.id, person_from_record)

    @field(description="Who chairs it.", cost=_FEW)
    def chairs(self, info: Info) -> list[Person]:
        return _linked(info, repo.BOARD_CHAIRS, self.id, person_from_record)

    @field(description="The action plans it oversees.", cost=_LIST)
    def monitors(self, info: Info) -> list[ActionPlan]:
        return _linked(info, repo.BOARD_PLANS, self.id, action_plan_from_record)

    @field(description="The actions a document names it as owning.", cost=_MANY)
    def owns(self, info: Info) -> list[Action]:
        return _linked(info, repo.BOARD_ACTIONS, self.id, action_from_record)

    @field(description="Its meetings, oldest first.", cost=_MANY)
    def meetings(self, info: Info) -> list[Meeting]:
        return _linked(info, repo.BOARD_MEETINGS, self.id, meeting_from_record)


def board_from_record(record: NodeRecord) -> Board:
    """A Board from its node."""
    p = record.props
    return Board(
        id=strawberry.ID(record.uid),
        name=_str(p, "name"),
        kind=_enum(BoardKind, p.get("kind")),
        acronym=_str(p, "acronym"),
        aliases=_strings(p, "aliases"),
    )


@strawberry.type(description="A council officer or an elected councillor.")
class Person(Evidenced):
    name: str | None = strawberry.field(description="Null where the documents give only the post.")
    role: str | None
    kind: PersonKind | None
    title: str | None

    @field(description="The councils served.", cost=_FEW)
    def councils(self, info: Info) -> list[Council]:
        return _linked(info, repo.PERSON_COUNCILS, self.id, council_from_record)

    @field(description="The boards sat on.", cost=_FEW)
    def member_of(self, info: Info) -> list[Board]:
        return _linked(info, repo.PERSON_BOARDS, self.id, board_from_record)

    @field(description="The boards chaired.", cost=_FEW)
    def chairs(self, info: Info) -> list[Board]:
        return _linked(info, repo.PERSON_CHAIRS, self.id, board_from_record)

    @field(description="The actions led.", cost=_FEW)
    def leads(self, info: Info) -> list[Action]:
        return _linked(info, repo.PERSON_ACTIONS, self.id, action_from_record)


def person_from_record(record: NodeRecord) -> Person:
    """A Person from its node; the kind from `kind`, else from the Officer or Councillor label."""
    p = record.props
    kind = _enum(PersonKind, p.get("kind"))
    if kind is None and Label.COUNCILLOR in record.labels:
        kind = PersonKind.COUNCILLOR
    elif kind is None and Label.OFFICER in record.labels:
        kind = PersonKind.OFFICER
    return Person(
        id=strawberry.ID(record.uid),
        name=_str(p, "name"),
        role=_str(p, "role"),
        kind=kind,
        title=_str(p, "title"),
    )


@strawberry.type(description="A recurring topic of inspections, from the project's taxonomy.")
class Theme(Node):
    name: str | None
    description: str | None

    @field(description="Recommendations about it.", cost=_PAGE)
    async def recommendations(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Recommendation]:
        return await _paged(
            info, repo.THEME_RECOMMENDATIONS, self.id, first, after, recommendation_from_record
        )

    @field(description="Findings about it.", cost=_PAGE)
    async def findings(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Finding]:
        return await _paged(info, repo.THEME_FINDINGS, self.id, first, after, finding_from_record)

    @field(description="Actions about it.", cost=_PAGE)
    async def actions(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Action]:
        return await _paged(info, repo.THEME_ACTIONS, self.id, first, after, action_from_record)


def theme_from_record(record: NodeRecord) -> Theme:
    """A Theme from its node."""
    p = record.props
    return Theme(id=strawberry.ID(record.uid), name=_str(p, "name"), description=_str(p, "description"))


@strawberry.type(description="A meeting at which documents were considered.")
class Meeting(Evidenced):
    date: IsoDate | None
    title: str | None

    @field(description="The board that held it.", cost=_ONE)
    def held_by(self, info: Info) -> Board | None:
        return _one(info, repo.MEETING_BOARD, self.id, board_from_record)

    @field(description="The inspections and action plans it considered.", cost=_FEW)
    def considered(self, info: Info) -> list[Node]:
        return _linked(info, repo.MEETING_CONSIDERED, self.id, node_from_record)


def meeting_from_record(record: NodeRecord) -> Meeting:
    """A Meeting from its node."""
    p = record.props
    return Meeting(id=strawberry.ID(record.uid), date=_date(p, "date"), title=_str(p, "title"))


@strawberry.type(description="A source file: everything in the graph was read from one.")
class Document(Node):
    source: str | None = strawberry.field(description="Its path or URL.")
    sha256: str | None
    title: str | None
    kind: DocumentKind | None
    date: IsoDate | None
    url: str | None

    @field(description="The entities read from it.", cost=_PAGE)
    async def evidences(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Node]:
        return await _paged(info, repo.DOCUMENT_EVIDENCES, self.id, first, after, node_from_record)


def document_from_record(record: NodeRecord) -> Document:
    """A Document from its node."""
    p = record.props
    return Document(
        id=strawberry.ID(record.uid),
        source=_str(p, "source"),
        sha256=_str(p, "sha256"),
        title=_str(p, "title"),
        kind=_enum(DocumentKind, p.get("kind")),
        date=_date(p, "date"),
        url=_str(p, "url"),
    )


_CONVERTERS: dict[str, Callable[[NodeRecord], Node]] = {
    Label.COUNCIL: council_from_record,
    Label.INSPECTION: inspection_from_record,
    Label.FINDING: finding_from_record,
    Label.RECOMMENDATION: recommendation_from_record,
    Label.ACTION_PLAN: action_plan_from_record,
    Label.ACTION: action_from_record,
    Label.BOARD: board_from_record,
    Label.PERSON: person_from_record,
    Label.THEME: theme_from_record,
    Label.MEETING: meeting_from_record,
    Label.DOCUMENT: document_from_record,
}

ENTITY_TYPES: tuple[type, ...] = (
    Council, Inspection, Finding, Recommendation, ActionPlan, Action, Board, Person, Theme, Meeting, Document,
)  # fmt: skip


def node_from_record(record: NodeRecord) -> Node:
    """The GraphQL type of any node, by its primary label."""
    return _CONVERTERS[record.label](record)


def is_entity(record: NodeRecord) -> bool:
    """True when the node is of a kind the API has a type for."""
    return record.label in _CONVERTERS


# ---------------------------------------------------------------------------- relationships and subgraphs


@strawberry.type(description="A relationship between two entities, with the quote that asserts it.")
class Relationship:
    type: RelationshipType
    start_id: strawberry.ID
    end_id: strawberry.ID
    score: float | None = strawberry.field(description="How strong, for ABOUT and SIMILAR_TO.")
    evidence: Evidence | None = strawberry.field(
        description="The document and quote that assert it, if read."
    )
    sources: list[strawberry.ID] = strawberry.field(description="Every document that asserts it.")


def relationship_from_record(record: repo.RelationshipRecord) -> Relationship:
    """A Relationship from its record; provenance from its `document` and `quote` properties."""
    p = record.props
    return Relationship(
        type=RelationshipType(record.type),
        start_id=strawberry.ID(record.start),
        end_id=strawberry.ID(record.end),
        score=_float(p, "score"),
        evidence=evidence_from_record(record.evidence) if record.evidence else None,
        sources=[strawberry.ID(s) for s in _strings(p, "sources")],
    )


@strawberry.type(description="Entities and the relationships among them.")
class Subgraph:
    nodes: list[Node]
    relationships: list[Relationship]
    truncated: bool = strawberry.field(description="True when the limit cut the neighbourhood short.")


@strawberry.type(description="The shortest chain of relationships between two entities.")
class Path:
    length: int = strawberry.field(description="How many relationships the chain has.")
    nodes: list[Node] = strawberry.field(description="The entities along it, from the first to the last.")
    relationships: list[Relationship] = strawberry.field(description="The relationships along it, in order.")


def subgraph_from_record(record: repo.Subgraph) -> Subgraph:
    """A Subgraph from its record, without nodes of kinds the API does not know."""
    return Subgraph(
        nodes=[node_from_record(n) for n in record.nodes if is_entity(n)],
        relationships=[relationship_from_record(r) for r in record.relationships],
        truncated=record.truncated,
    )


def path_from_record(record: repo.Subgraph) -> Path:
    """A Path from its record."""
    return Path(
        length=len(record.relationships),
        nodes=[node_from_record(n) for n in record.nodes if is_entity(n)],
        relationships=[relationship_from_record(r) for r in record.relationships],
    )


# ---------------------------------------------------------------------------- search


@strawberry.type(description="An entity matching a search, and how well.")
class SearchHit:
    score: float = strawberry.field(description="Lucene's relevance score: higher is better.")
    kind: NodeKind
    text: str | None = strawberry.field(description="The name, title or text that matched.")
    node: Node


def search_hit_from_record(record: repo.Hit) -> SearchHit:
    """A SearchHit from a full-text hit."""
    p = record.node.props
    text = next((str(p[k]) for k in ("name", "title", "text", "role", "source") if p.get(k)), None)
    return SearchHit(
        score=record.score, kind=NodeKind(record.node.label), text=text, node=node_from_record(record.node)
    )


# ---------------------------------------------------------------------------- recurrence


@strawberry.enum(description="What makes recommendations one recurring group.")
class RecurrenceBasis(Enum):
    THEME = "theme"
    SIMILAR_WORDING = "similar_wording"


@strawberry.type(description="A recommendation, finding or action of a recurring group, with its quote.")
class RecurringItem:
    kind: NodeKind
    text: str | None
    quote: str | None = strawberry.field(description="The exact words of the document it was read from.")
    evidence: Evidence | None
    node: Node


def recurring_item_from_record(record: repo.RecurrenceItem) -> RecurringItem:
    """A RecurringItem from its record."""
    evidence = evidence_from_record(record.evidence) if record.evidence else None
    return RecurringItem(
        kind=NodeKind(record.node.label),
        text=_str(record.node.props, "text"),
        quote=evidence.quote if evidence else None,
        evidence=evidence,
        node=node_from_record(record.node),
    )


@strawberry.type(description="One inspection in which a group recurred, and the group's items it holds.")
class RecurringInspection:
    inspection: Inspection
    council: Council
    items: list[RecurringItem]


def recurring_inspection_from_record(record: repo.RecurrenceInspection) -> RecurringInspection:
    """A RecurringInspection from its record."""
    return RecurringInspection(
        inspection=inspection_from_record(record.inspection),
        council=council_from_record(record.council),
        items=[recurring_item_from_record(i) for i in record.items],
    )


@strawberry.type(description="A theme or a cluster of close wording that came back in several inspections.")
class RecurringGroup:
    id: str = strawberry.field(description="A key for the group, stable while the graph does not change.")
    basis: RecurrenceBasis
    inspection_count: int
    council_count: int
    recommendation_count: int
    finding_count: int
    action_count: int
    first_date: IsoDate | None = strawberry.field(description="The first inspection's date.")
    last_date: IsoDate | None = strawberry.field(description="The last inspection's date.")
    theme: Theme | None = strawberry.field(description="The theme, for groups by theme.")
    label: str = strawberry.field(
        description="The theme's name, or the first text of a cluster of close wording."
    )
    council: Council | None = strawberry.field(
        description="The council, when recurrence within each council was asked for."
    )
    _record: strawberry.Private[repo.RecurrenceGroup]
    _filters: strawberry.Private[repo.Filters]

    @field(
        description="Each inspection in which it recurred, oldest first, with the texts and their quotes.",
        cost=cost(2, fan_out=5),
    )
    async def inspections(self, info: Info) -> list[RecurringInspection]:
        records = await info.context.loaders.recurrence(self._filters).load(self._record)
        return [recurring_inspection_from_record(r) for r in records]


def recurring_group_from_record(record: repo.RecurrenceGroup, filters: repo.Filters) -> RecurringGroup:
    """A RecurringGroup from its record; `filters` narrow the inspections it lists."""
    return RecurringGroup(
        id=record.key,
        basis=RecurrenceBasis(record.basis),
        inspection_count=record.inspections,
        council_count=record.councils,
        recommendation_count=record.recommendations,
        finding_count=record.findings,
        action_count=record.actions,
        first_date=IsoDate(record.first_date) if record.first_date else None,
        last_date=IsoDate(record.last_date) if record.last_date else None,
        theme=theme_from_record(record.theme) if record.theme else None,
        label=record.label,
        council=council_from_record(record.council) if record.council else None,
        _record=record,
        _filters=filters,
    )


# ---------------------------------------------------------------------------- ownership


@strawberry.enum(description="How a board answers for an action.")
class Ownership(Enum):
    OWNED = "owned"
    INHERITED = "inherited"
    UNOWNED = "unowned"


@strawberry.type(description="A board answerable for an action, how, and the evidence.")
class ActionOwner:
    board: Board
    basis: Ownership = strawberry.field(
        description="OWNED when a document names the board as owner; INHERITED when it monitors the action's plan."
    )
    plan: ActionPlan | None = strawberry.field(description="For an inherited owner, the plan it monitors.")
    evidence: list[Evidence] = strawberry.field(
        description="The quotes: the naming of the owner, or the plan's monitoring and its inclusion of the action."
    )


def action_owner_from_record(record: repo.OwnerRecord) -> ActionOwner:
    """An ActionOwner from its record."""
    return ActionOwner(
        board=board_from_record(record.board),
        basis=Ownership(record.basis),
        plan=action_plan_from_record(record.plan) if record.plan else None,
        evidence=[evidence_from_record(e) for e in record.evidence],
    )


@strawberry.type(description="An action and the boards answerable for it.")
class ActionOwnership:
    action: Action
    ownership: Ownership = strawberry.field(
        description="OWNED (a document names the board), INHERITED (from the board monitoring its plan) or UNOWNED."
    )
    owners: list[ActionOwner]


def action_ownership_from_record(record: repo.OwnershipRecord) -> ActionOwnership:
    """An ActionOwnership from its record."""
    return ActionOwnership(
        action=action_from_record(record.action),
        ownership=Ownership(record.ownership),
        owners=[action_owner_from_record(o) for o in record.owners],
    )


@strawberry.type(description="How many actions are owned, inherited and unowned.")
class OwnershipSummary:
    total: int
    owned: int
    inherited: int
    unowned: int


@strawberry.type(description="A page of actions with their owners, and counts over all of them.")
class ActionOwnershipConnection(Connection[ActionOwnership]):
    _summary: strawberry.Private[Callable[[], Any]]

    @field(description="How many of the listed actions are owned, inherited and unowned.", cost=_ONE)
    async def summary(self) -> OwnershipSummary:
        counts: repo.OwnershipCounts = await self._summary()
        return OwnershipSummary(
            total=counts.total, owned=counts.owned, inherited=counts.inherited, unowned=counts.unowned
        )


# ---------------------------------------------------------------------------- timeline


@strawberry.enum(description="What a timeline event is.")
class TimelineKind(Enum):
    INSPECTION = "inspection"
    ACTION_PLAN = "action_plan"
    MEETING = "meeting"
    ACTION = "action"


@strawberry.type(description="One thing in a council's history.")
class TimelineEvent:
    kind: TimelineKind
    date: IsoDate | None = strawberry.field(description="Its own date; null when the documents give none.")
    sort_date: IsoDate | None = strawberry.field(
        description="The date it is placed at: its own, else that of the plan or inspection it belongs to."
    )
    summary: str = strawberry.field(description="A line saying what it is.")
    node: Node


def _summary(kind: str, record: NodeRecord) -> str:
    p = record.props
    if kind == "inspection":
        framework = p.get("framework") or "inspection"
        judgement = p.get("judgement")
        return f"{framework} inspection" + (f": {judgement}" if judgement else "")
    if kind == "action_plan":
        return str(p.get("title") or "action plan")
    if kind == "meeting":
        return str(p.get("title") or "meeting")
    return str(p.get("text") or "action")


def timeline_event_from_record(record: repo.TimelineEvent) -> TimelineEvent:
    """A TimelineEvent from its record."""
    return TimelineEvent(
        kind=TimelineKind(record.kind),
        date=IsoDate(record.date) if record.date and _ISO_DATE.match(record.date) else None,
        sort_date=IsoDate(record.sort_date)
        if record.sort_date and _ISO_DATE.match(record.sort_date)
        else None,
        summary=_summary(record.kind, record.node),
        node=node_from_record(record.node),
    )


@strawberry.type(description="A council's inspections, plans, meetings and actions in date order.")
class Timeline:
    council: Council
    events: list[TimelineEvent]
