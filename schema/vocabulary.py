"""The core vocabulary of shared/SCHEMA.md, declared once.

Every node carries `uid`, a deterministic natural key built from its key properties
(`Council:E09000014`, `Recommendation:<inspection uid>#3`), so loading the same
document twice merges onto the same node. The uid starts with the label, which lets
the API resolve any id without knowing its type first.

Extensions beyond shared/SCHEMA.md are marked "extension" in their descriptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Label(StrEnum):
    """Node labels. `Officer` and `Councillor` are carried together with `Person`."""

    COUNCIL = "Council"
    INSPECTION = "Inspection"
    FINDING = "Finding"
    RECOMMENDATION = "Recommendation"
    ACTION_PLAN = "ActionPlan"
    ACTION = "Action"
    BOARD = "Board"
    PERSON = "Person"
    OFFICER = "Officer"
    COUNCILLOR = "Councillor"
    THEME = "Theme"
    MEETING = "Meeting"
    DOCUMENT = "Document"


class RelType(StrEnum):
    """Relationship types."""

    INSPECTED = "INSPECTED"
    FOUND = "FOUND"
    RECOMMENDED = "RECOMMENDED"
    RESPONDS_TO = "RESPONDS_TO"
    INCLUDES = "INCLUDES"
    ADDRESSES = "ADDRESSES"
    OWNS = "OWNS"
    MONITORS = "MONITORS"
    PART_OF = "PART_OF"
    REPORTS_TO = "REPORTS_TO"
    SERVES = "SERVES"
    MEMBER_OF = "MEMBER_OF"
    CHAIRS = "CHAIRS"
    LEADS = "LEADS"
    ABOUT = "ABOUT"
    SIMILAR_TO = "SIMILAR_TO"
    HELD_BY = "HELD_BY"
    CONSIDERED = "CONSIDERED"
    EVIDENCED_BY = "EVIDENCED_BY"


@dataclass(frozen=True)
class LabelSpec:
    """One node label: what it is, which properties make its natural key, which it may carry."""

    label: Label
    description: str
    key: tuple[str, ...]
    properties: tuple[str, ...]
    text_properties: tuple[str, ...] = ()
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Reference data (themes) is not read from one document and outlives any document.
    reference: bool = False


@dataclass(frozen=True)
class RelSpec:
    """One relationship type and the labels allowed at each end."""

    type: RelType
    description: str
    start: tuple[Label, ...]
    end: tuple[Label, ...]
    properties: tuple[str, ...] = ()


SUB_JUDGEMENT_PREFIX = "judgement_"
# Derived at load from the whole graph, not read from a document: the uid naming a text's
# cluster of close wording (its connected component of SIMILAR_TO links).
WORDING_CLUSTER = "wording_cluster"
DERIVED_PROPERTIES = (WORDING_CLUSTER,)
JUDGEMENTS = ("outstanding", "good", "requires improvement", "inadequate")
FRAMEWORKS = ("SIF", "ILACS", "JTAI", "focused visit", "monitoring visit", "other")
BOARD_KINDS = ("board", "committee", "panel", "cabinet", "partnership", "council")
DOCUMENT_KINDS = ("minutes", "report", "ofsted_report", "news", "action_plan", "data", "other")
PERSON_KINDS = ("officer", "councillor")
POLARITIES = ("strength", "weakness")

_PROVENANCE = ("document", "quote", "start", "end")

LABELS: dict[Label, LabelSpec] = {
    spec.label: spec
    for spec in (
        LabelSpec(
            Label.COUNCIL,
            "An English local authority with children's services duties.",
            key=("code",),
            properties=("name", "code", "official_name", "region", "ofsted_urn", "la_code", "aliases"),
            text_properties=("name", "official_name"),
        ),
        LabelSpec(
            Label.INSPECTION,
            "One Ofsted inspection or visit of a council's children's services.",
            key=("council", "framework", "start_date"),
            properties=(
                "framework",
                "start_date",
                "end_date",
                "published_date",
                "year",
                "judgement",
                # Sub-judgements come besides, one property per area, each named
                # SUB_JUDGEMENT_PREFIX + the area: judgement_help_and_protection, ...
                "inspection_type",
                "title",
            ),
            text_properties=("title",),
            enums={"framework": FRAMEWORKS, "judgement": JUDGEMENTS},
        ),
        LabelSpec(
            Label.FINDING,
            "Something an inspection found: a strength or a weakness.",
            key=("inspection", "text"),
            properties=("text", "polarity", "area"),
            text_properties=("text",),
            enums={"polarity": POLARITIES},
        ),
        LabelSpec(
            Label.RECOMMENDATION,
            "Something an inspection asked the council to improve.",
            key=("inspection", "number", "text"),
            properties=("text", "number", "section", "priority"),
            text_properties=("text",),
        ),
        LabelSpec(
            Label.ACTION_PLAN,
            "A council's plan answering an inspection.",
            key=("council", "title"),
            properties=("title", "status", "submitted_date"),
            text_properties=("title",),
        ),
        LabelSpec(
            Label.ACTION,
            "One thing a council does or commits to doing.",
            key=("plan", "text"),
            properties=("text", "status", "due_date", "rag", "reference"),
            text_properties=("text",),
        ),
        LabelSpec(
            Label.BOARD,
            "A governance body: improvement board, committee, panel, cabinet, partnership.",
            key=("council", "name"),
            properties=("name", "kind", "acronym", "aliases"),
            text_properties=("name", "acronym"),
            enums={"kind": BOARD_KINDS},
        ),
        LabelSpec(
            Label.PERSON,
            "A council officer or an elected councillor.",
            key=("council", "name", "role"),
            properties=("name", "role", "kind", "title"),
            text_properties=("name", "role"),
            enums={"kind": PERSON_KINDS},
        ),
        LabelSpec(
            Label.OFFICER,
            "A council employee (carried with Person).",
            key=("council", "name", "role"),
            properties=("name", "role", "kind"),
        ),
        LabelSpec(
            Label.COUNCILLOR,
            "An elected member (carried with Person).",
            key=("council", "name", "role"),
            properties=("name", "role", "kind"),
        ),
        LabelSpec(
            Label.THEME,
            "A recurring topic of inspections, from the project's taxonomy.",
            key=("name",),
            properties=("name", "description"),
            text_properties=("name",),
            reference=True,
        ),
        LabelSpec(
            Label.MEETING,
            "A meeting at which documents were considered.",
            key=("board", "date"),
            properties=("date", "title"),
            text_properties=("title",),
        ),
        LabelSpec(
            Label.DOCUMENT,
            "A source file.",
            key=("source",),
            properties=("source", "path", "sha256", "title", "kind", "date", "format", "chars", "extractor"),
            text_properties=("title",),
            enums={"kind": DOCUMENT_KINDS},
        ),
    )
}

_ASSESSED = (Label.RECOMMENDATION, Label.FINDING)
_ANY = tuple(label for label in Label if label is not Label.DOCUMENT)

RELATIONSHIPS: dict[RelType, RelSpec] = {
    spec.type: spec
    for spec in (
        RelSpec(
            RelType.INSPECTED, "The inspection was of this council.", (Label.INSPECTION,), (Label.COUNCIL,)
        ),
        RelSpec(RelType.FOUND, "The inspection found this.", (Label.INSPECTION,), (Label.FINDING,)),
        RelSpec(
            RelType.RECOMMENDED,
            "The inspection recommended this.",
            (Label.INSPECTION,),
            (Label.RECOMMENDATION,),
        ),
        RelSpec(
            RelType.RESPONDS_TO,
            "The plan answers this inspection.",
            (Label.ACTION_PLAN,),
            (Label.INSPECTION,),
        ),
        RelSpec(RelType.INCLUDES, "The plan includes this action.", (Label.ACTION_PLAN,), (Label.ACTION,)),
        RelSpec(
            RelType.ADDRESSES,
            "The action answers this recommendation or finding.",
            (Label.ACTION,),
            _ASSESSED,
        ),
        RelSpec(RelType.OWNS, "The board is named as owning this action.", (Label.BOARD,), (Label.ACTION,)),
        RelSpec(RelType.MONITORS, "The board oversees the plan.", (Label.BOARD,), (Label.ACTION_PLAN,)),
        RelSpec(RelType.PART_OF, "The board belongs to the council.", (Label.BOARD,), (Label.COUNCIL,)),
        RelSpec(RelType.REPORTS_TO, "The board reports to another board.", (Label.BOARD,), (Label.BOARD,)),
        RelSpec(
            RelType.SERVES,
            "Works for, or is an elected member of, the council.",
            (Label.PERSON,),
            (Label.COUNCIL,),
        ),
        RelSpec(RelType.MEMBER_OF, "Sits on the board.", (Label.PERSON,), (Label.BOARD,)),
        RelSpec(RelType.CHAIRS, "Chairs the board.", (Label.PERSON,), (Label.BOARD,)),
        RelSpec(RelType.LEADS, "Lead officer for the action.", (Label.PERSON,), (Label.ACTION,)),
        RelSpec(
            RelType.ABOUT,
            "Tagged with a theme of the taxonomy.",
            (Label.FINDING, Label.RECOMMENDATION, Label.ACTION),
            (Label.THEME,),
            ("score", "matched"),
        ),
        RelSpec(
            RelType.SIMILAR_TO,
            "Near-identical wording across inspections.",
            _ASSESSED,
            _ASSESSED,
            ("score",),
        ),
        RelSpec(RelType.HELD_BY, "The meeting was held by the board.", (Label.MEETING,), (Label.BOARD,)),
        RelSpec(
            RelType.CONSIDERED,
            "The meeting considered this inspection or plan.",
            (Label.MEETING,),
            (Label.INSPECTION, Label.ACTION_PLAN),
        ),
        RelSpec(
            RelType.EVIDENCED_BY,
            "Provenance: the node was read from this document at this quote.",
            _ANY,
            (Label.DOCUMENT,),
            ("quote", "start", "end"),
        ),
    )
}

PROVENANCE_PROPERTIES = _PROVENANCE

# Labels whose nodes are found in full-text search, and the properties searched.
FULLTEXT_INDEX = "entity_text"
FULLTEXT_LABELS: tuple[Label, ...] = tuple(
    spec.label
    for spec in LABELS.values()
    if spec.text_properties and spec.label not in (Label.OFFICER, Label.COUNCILLOR)
)
FULLTEXT_PROPERTIES: tuple[str, ...] = tuple(
    sorted({prop for label in FULLTEXT_LABELS for prop in LABELS[label].text_properties})
)


def is_label(name: str) -> bool:
    """True when `name` is a label of the vocabulary (the allow-list for interpolation)."""
    return name in Label._value2member_map_


def is_rel_type(name: str) -> bool:
    """True when `name` is a relationship type of the vocabulary."""
    return name in RelType._value2member_map_
