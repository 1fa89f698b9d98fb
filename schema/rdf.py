"""The graph's RDF vocabulary, and how the property graph maps onto it.

The project's own terms live in one namespace, `OKG`:

    https://w3id.org/ofsted-kg/vocab#

and every entity gets a stable IRI under

    https://w3id.org/ofsted-kg/id/<Label>/<rest of the uid, percent-encoded>

so `Council:E09000014` is `https://w3id.org/ofsted-kg/id/Council/E09000014`. The uid is
the node's natural key, so the same council, inspection or recommendation has the same
IRI in every export and across rebuilds. The w3id.org base is chosen because it can be
pointed (by a redirect registered with w3id.org) at wherever the project is served,
without changing any IRI already published.

Where a W3C vocabulary already says what a label or relationship means, it is reused:

- ORG: councils are `org:FormalOrganization`, boards `org:OrganizationalUnit` and
  `PART_OF` is `org:unitOf`; `MEMBER_OF` is `org:memberOf` and `CHAIRS` is `org:headOf`.
  A person's post at their council is an `org:Membership` with an `org:Role`.
- PROV-O: documents are `prov:Entity`, plans `prov:Plan`; each node read from a
  document is `prov:wasDerivedFrom` it, with a `prov:Derivation` carrying the quote and
  its character offsets.
- DCTERMS: titles, dates, sources, identifiers; FOAF for names; SKOS for themes (a
  taxonomy) and alternative names.

Each project class is also typed with the W3C classes it specialises, so a consumer
without a reasoner can still ask for every `org:FormalOrganization`. `vocabulary_graph()`
describes the namespace itself (labels, comments, alignments) and could be served at
the namespace IRI.

Pure: no I/O, no driver.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import quote, unquote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from schema.vocabulary import LABELS, RELATIONSHIPS, Label, RelType

VOCAB_BASE: Final = "https://w3id.org/ofsted-kg/vocab#"
ID_BASE: Final = "https://w3id.org/ofsted-kg/id/"
ONTOLOGY_IRI: Final = URIRef("https://w3id.org/ofsted-kg/vocab")


class OKG(DefinedNamespace):
    """The project's own classes and properties; a term not listed here is an error."""

    _NS = Namespace(VOCAB_BASE)
    _fail = True

    # Classes, one per label of the vocabulary.
    Council: URIRef
    Inspection: URIRef
    Finding: URIRef
    Recommendation: URIRef
    ActionPlan: URIRef
    Action: URIRef
    Board: URIRef
    Person: URIRef
    Officer: URIRef
    Councillor: URIRef
    Theme: URIRef
    Meeting: URIRef
    Document: URIRef

    # Relationships of the property graph that no W3C vocabulary names as well.
    inspected: URIRef
    found: URIRef
    recommended: URIRef
    respondsTo: URIRef
    includes: URIRef
    addresses: URIRef
    owns: URIRef
    monitors: URIRef
    reportsTo: URIRef
    serves: URIRef
    leads: URIRef
    about: URIRef
    similarTo: URIRef
    heldBy: URIRef
    considered: URIRef

    # Node and relationship properties.
    code: URIRef
    officialName: URIRef
    region: URIRef
    ofstedUrn: URIRef
    laCode: URIRef
    framework: URIRef
    startDate: URIRef
    endDate: URIRef
    year: URIRef
    judgement: URIRef
    judgements: URIRef
    inspectionType: URIRef
    path: URIRef
    text: URIRef
    polarity: URIRef
    area: URIRef
    number: URIRef
    section: URIRef
    priority: URIRef
    status: URIRef
    dueDate: URIRef
    rag: URIRef
    reference: URIRef
    kind: URIRef
    acronym: URIRef
    role: URIRef
    sha256: URIRef
    url: URIRef
    chars: URIRef
    extractor: URIRef
    score: URIRef
    matched: URIRef

    # Provenance: the quoted span a node or relationship was read from.
    quote: URIRef
    startOffset: URIRef
    endOffset: URIRef


# Prefixes bound in every export, and the JSON-LD context built from them.
PREFIXES: Final[dict[str, str]] = {
    "okg": VOCAB_BASE,
    "org": str(ORG),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

JSONLD_CONTEXT: Final[dict[str, str]] = dict(PREFIXES)

# rdf:type of each label: the project's class first, then the W3C classes it specialises.
LABEL_CLASSES: Final[dict[Label, tuple[URIRef, ...]]] = {
    Label.COUNCIL: (OKG.Council, ORG.FormalOrganization),
    Label.INSPECTION: (OKG.Inspection, PROV.Activity),
    Label.FINDING: (OKG.Finding,),
    Label.RECOMMENDATION: (OKG.Recommendation,),
    Label.ACTION_PLAN: (OKG.ActionPlan, PROV.Plan),
    Label.ACTION: (OKG.Action,),
    Label.BOARD: (OKG.Board, ORG.OrganizationalUnit),
    Label.PERSON: (OKG.Person, FOAF.Person),
    Label.OFFICER: (OKG.Officer,),
    Label.COUNCILLOR: (OKG.Councillor,),
    Label.THEME: (OKG.Theme, SKOS.Concept),
    Label.MEETING: (OKG.Meeting, PROV.Activity),
    Label.DOCUMENT: (OKG.Document, PROV.Entity, FOAF.Document),
}

# The predicate of each relationship type, pointing the same way as the relationship.
RELATIONSHIP_PREDICATES: Final[dict[RelType, URIRef]] = {
    RelType.INSPECTED: OKG.inspected,
    RelType.FOUND: OKG.found,
    RelType.RECOMMENDED: OKG.recommended,
    RelType.RESPONDS_TO: OKG.respondsTo,
    RelType.INCLUDES: OKG.includes,
    RelType.ADDRESSES: OKG.addresses,
    RelType.OWNS: OKG.owns,
    RelType.MONITORS: OKG.monitors,
    RelType.PART_OF: ORG.unitOf,
    RelType.REPORTS_TO: OKG.reportsTo,
    RelType.SERVES: OKG.serves,
    RelType.MEMBER_OF: ORG.memberOf,
    RelType.CHAIRS: ORG.headOf,
    RelType.LEADS: OKG.leads,
    RelType.ABOUT: OKG.about,
    RelType.SIMILAR_TO: OKG.similarTo,
    RelType.HELD_BY: OKG.heldBy,
    RelType.CONSIDERED: OKG.considered,
    RelType.EVIDENCED_BY: PROV.wasDerivedFrom,
}

# The predicate of each property, of nodes and relationships alike.
PROPERTY_PREDICATES: Final[dict[str, URIRef]] = {
    "uid": DCTERMS.identifier,
    "name": FOAF.name,
    "code": OKG.code,
    "official_name": OKG.officialName,
    "region": OKG.region,
    "ofsted_urn": OKG.ofstedUrn,
    "la_code": OKG.laCode,
    "aliases": SKOS.altLabel,
    "framework": OKG.framework,
    "start_date": OKG.startDate,
    "end_date": OKG.endDate,
    "published_date": DCTERMS.issued,
    "year": OKG.year,
    "judgement": OKG.judgement,
    "judgements": OKG.judgements,
    "inspection_type": OKG.inspectionType,
    "title": DCTERMS.title,
    "text": OKG.text,
    "polarity": OKG.polarity,
    "area": OKG.area,
    "number": OKG.number,
    "section": OKG.section,
    "priority": OKG.priority,
    "status": OKG.status,
    "submitted_date": DCTERMS.dateSubmitted,
    "due_date": OKG.dueDate,
    "rag": OKG.rag,
    "reference": OKG.reference,
    "kind": OKG.kind,
    "acronym": OKG.acronym,
    "role": OKG.role,
    "description": DCTERMS.description,
    "date": DCTERMS.date,
    "source": DCTERMS.source,
    "sha256": OKG.sha256,
    "path": OKG.path,
    "format": DCTERMS.format,
    "url": OKG.url,
    "chars": OKG.chars,
    "extractor": OKG.extractor,
    "score": OKG.score,
    "matched": OKG.matched,
    "quote": OKG.quote,
    "start": OKG.startOffset,
    "end": OKG.endOffset,
}

# Properties holding calendar dates; a full ISO date among them is typed xsd:date.
DATE_PROPERTIES: Final = frozenset(
    {"start_date", "end_date", "published_date", "submitted_date", "due_date", "date"}
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# How each project term is described in vocabulary_graph(): a label and a comment.
_CLASS_COMMENTS: Final[dict[Label, str]] = {spec.label: spec.description for spec in LABELS.values()}
_RELATIONSHIP_COMMENTS: Final[dict[RelType, str]] = {
    spec.type: spec.description for spec in RELATIONSHIPS.values()
}
_PROPERTY_COMMENTS: Final[dict[str, str]] = {
    "code": "The council's ONS/GSS code.",
    "official_name": "The council's full legal name.",
    "region": "The English region the council is in.",
    "ofsted_urn": "Ofsted's unique reference number for the council's children's services.",
    "la_code": "The Department for Education's three-digit local authority number.",
    "framework": "The inspection framework: SIF, ILACS, JTAI, focused visit, monitoring visit.",
    "start_date": "The first day of the inspection.",
    "end_date": "The last day of the inspection.",
    "year": "The year of the inspection.",
    "judgement": "The overall judgement: outstanding, good, requires improvement, inadequate.",
    "judgements": "The judgements of the inspection's sub-areas, as written.",
    "inspection_type": "The kind of inspection within its framework: standard or short.",
    "text": "The words of a finding, recommendation or action.",
    "polarity": "Whether a finding is a strength or a weakness.",
    "area": "The area of practice a finding is about.",
    "number": "A recommendation's place in the report's list.",
    "section": "The section of the report a recommendation comes from.",
    "priority": "The priority the report gives a recommendation.",
    "status": "The status of a plan or action, as the council reports it.",
    "due_date": "When an action is due.",
    "rag": "An action's red/amber/green rating.",
    "reference": "An action's reference in its plan.",
    "kind": "The kind of board, person or document.",
    "acronym": "A board's acronym.",
    "role": "A person's post or portfolio, as written.",
    "sha256": "The SHA-256 of the document's bytes.",
    "path": "The file the document was read from, where its source is a URL.",
    "url": "Where the document was published.",
    "chars": "The length of the document's text in characters.",
    "extractor": "The program that read the document's text.",
    "score": "How strongly a tag or a similarity holds, from 0 to 1.",
    "matched": "The words a theme was recognised by.",
    "quote": "The exact text a fact was read from.",
    "start": "The character offset where the quote starts in the document's text.",
    "end": "The character offset where the quote ends in the document's text.",
}

# org:Role individuals are minted under this path, from the post's words.
ROLE_PATH: Final = "Role"
MEMBERSHIP_PATH: Final = "Membership"


def entity_iri(uid: str) -> URIRef:
    """The stable IRI of the node with this uid.

    >>> str(entity_iri("Council:E09000014"))
    'https://w3id.org/ofsted-kg/id/Council/E09000014'
    >>> str(entity_iri("Board:E09000014/corporate-parenting-panel"))
    'https://w3id.org/ofsted-kg/id/Board/E09000014/corporate-parenting-panel'
    """
    label, sep, rest = uid.partition(":")
    if not sep or not label:
        raise ValueError(f"{uid!r} is not a uid (`Label:key`)")
    # Slashes of the uid stay readable path segments; everything else unsafe is escaped.
    return URIRef(f"{ID_BASE}{quote(label, safe='')}/{quote(rest, safe='/')}")


def uid_of_iri(iri: str) -> str:
    """The uid an entity IRI was minted from (the inverse of `entity_iri`)."""
    if not iri.startswith(ID_BASE):
        raise ValueError(f"{iri!r} is not an entity IRI of the project")
    label, _, rest = iri[len(ID_BASE) :].partition("/")
    return f"{unquote(label)}:{unquote(rest)}"


def role_iri(role: str) -> URIRef:
    """The org:Role of a post, shared by every council that has a post of that name."""
    # Apostrophes join their word ("children's" -> "childrens") rather than split it.
    plain = role.lower().replace("'", "").replace("\u2019", "")
    words = "-".join(re.findall(r"[a-z0-9]+", plain)) or "unknown"
    return URIRef(f"{ID_BASE}{ROLE_PATH}/{words}")


def membership_iri(person_uid: str, council_uid: str) -> URIRef:
    """The org:Membership of a person at a council."""
    person = person_uid.partition(":")[2]
    council = council_uid.partition(":")[2]
    return URIRef(f"{ID_BASE}{MEMBERSHIP_PATH}/{quote(person, safe='/')}/{quote(council, safe='/')}")


def label_classes(label: str) -> tuple[URIRef, ...]:
    """The rdf:types of a node carrying `label`; an unknown label is an error."""
    if label not in Label._value2member_map_:
        raise ValueError(f"{label!r} is not a label of the vocabulary")
    return LABEL_CLASSES[Label(label)]


def relationship_predicate(rel_type: str) -> URIRef:
    """The predicate of a relationship type; an unknown type is an error."""
    if rel_type not in RelType._value2member_map_:
        raise ValueError(f"{rel_type!r} is not a relationship type of the vocabulary")
    return RELATIONSHIP_PREDICATES[RelType(rel_type)]


def _camel(name: str) -> str:
    head, *tail = name.split("_")
    return head + "".join(part.capitalize() for part in tail)


def property_predicate(name: str) -> URIRef:
    """The predicate of a node or relationship property.

    Properties the vocabulary declares have a term of their own (a misspelt one fails
    when the module is imported). An extension property that an extractor added without
    declaring it is still exported, under the camel-cased name in the project's
    namespace, rather than dropped.
    """
    found = PROPERTY_PREDICATES.get(name)
    if found is not None:
        return found
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
        raise ValueError(f"{name!r} cannot be a property name")
    return URIRef(VOCAB_BASE + _camel(name))


def literal(name: str, value: str | int | float | bool) -> Literal:
    """The RDF literal of one property value: full ISO dates as xsd:date, numbers typed."""
    if isinstance(value, str) and name in DATE_PROPERTIES and _ISO_DATE.fullmatch(value):
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def declared_terms() -> frozenset[URIRef]:
    """Every term of the project's namespace."""
    return frozenset(OKG[name] for name in OKG.__annotations__ if not name.startswith("_"))


def vocabulary_graph() -> Graph:
    """The namespace described in RDF: every class and property, and its W3C alignments."""
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    g.add((ONTOLOGY_IRI, RDF.type, OWL.Ontology))
    g.add((ONTOLOGY_IRI, RDFS.label, Literal("ofsted-kg vocabulary", lang="en")))
    g.add(
        (
            ONTOLOGY_IRI,
            RDFS.comment,
            Literal(
                "Ofsted inspections of English councils' children's services, and the councils' responses.",
                lang="en",
            ),
        )
    )
    for label, classes in LABEL_CLASSES.items():
        own, *aligned = classes
        g.add((own, RDF.type, OWL.Class))
        g.add((own, RDFS.isDefinedBy, ONTOLOGY_IRI))
        g.add((own, RDFS.label, Literal(label.value, lang="en")))
        g.add((own, RDFS.comment, Literal(_CLASS_COMMENTS[label], lang="en")))
        for parent in aligned:
            g.add((own, RDFS.subClassOf, parent))
    # Officers and councillors are people; Label keeps them as separate labels.
    g.add((OKG.Officer, RDFS.subClassOf, OKG.Person))
    g.add((OKG.Councillor, RDFS.subClassOf, OKG.Person))
    for rel_type, predicate in RELATIONSHIP_PREDICATES.items():
        if not str(predicate).startswith(VOCAB_BASE):
            continue
        spec = RELATIONSHIPS[rel_type]
        g.add((predicate, RDF.type, OWL.ObjectProperty))
        g.add((predicate, RDFS.isDefinedBy, ONTOLOGY_IRI))
        g.add((predicate, RDFS.label, Literal(rel_type.value, lang="en")))
        g.add((predicate, RDFS.comment, Literal(_RELATIONSHIP_COMMENTS[rel_type], lang="en")))
        # A union of classes needs OWL lists; single-class ends are stated plainly.
        if len(spec.start) == 1:
            g.add((predicate, RDFS.domain, LABEL_CLASSES[spec.start[0]][0]))
        if len(spec.end) == 1:
            g.add((predicate, RDFS.range, LABEL_CLASSES[spec.end[0]][0]))
    g.add((OKG.reportsTo, RDFS.subPropertyOf, ORG.reportsTo))
    g.add((OKG.serves, RDFS.subPropertyOf, ORG.memberOf))
    g.add((OKG.about, RDFS.subPropertyOf, DCTERMS.subject))
    for name, predicate in PROPERTY_PREDICATES.items():
        if not str(predicate).startswith(VOCAB_BASE):
            continue
        g.add((predicate, RDF.type, OWL.DatatypeProperty))
        g.add((predicate, RDFS.isDefinedBy, ONTOLOGY_IRI))
        g.add((predicate, RDFS.label, Literal(name, lang="en")))
        g.add((predicate, RDFS.comment, Literal(_PROPERTY_COMMENTS[name], lang="en")))
    g.add((OKG.code, RDFS.subPropertyOf, DCTERMS.identifier))
    return g
