"""The resolve step: one node per real thing across documents, never merging distinct items."""

from __future__ import annotations

from ingest.resolve import KnownInspection, KnownText, resolve
from ingest.uids import board_uid, council_uid, inspection_uid, recommendation_uid
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship
from schema.vocabulary import Label, RelType

CODE = "E06000027"  # any council; the resolve step does not care which


def _ev(doc: str, quote: str = "q") -> list[Evidence]:
    return [Evidence(doc, quote, 0, len(quote))]


def _doc_with_inspection(
    doc: str, start: str | None, year: int, framework: str | None, **props: object
) -> GraphDoc:
    g = GraphDoc()
    council = council_uid(CODE)
    g.add_node(Node(council, (Label.COUNCIL,), {"name": "Torbay", "code": CODE}, _ev(doc)))
    uid = inspection_uid(CODE, framework, start, year)
    g.add_node(
        Node(
            uid,
            (Label.INSPECTION,),
            {"start_date": start, "year": year, "framework": framework, **props},
            _ev(doc),
        )
    )
    g.add_relationship(Relationship(RelType.INSPECTED, uid, council, {}, _ev(doc)))
    return g


def test_year_only_mention_joins_the_dated_inspection() -> None:
    report = _doc_with_inspection("Document:a", "2015-10-12", 2015, "SIF", judgement="inadequate")
    minutes = _doc_with_inspection("Document:b", None, 2015, None)
    g = resolve([report, minutes])
    inspections = list(g.with_label(Label.INSPECTION))
    assert len(inspections) == 1
    assert inspections[0].properties["judgement"] == "inadequate"
    assert {ev.document for ev in inspections[0].evidence} == {"Document:a", "Document:b"}


def test_year_only_mention_joins_an_inspection_already_in_the_database() -> None:
    minutes = _doc_with_inspection("Document:b", None, 2015, None, judgement="inadequate")
    known = KnownInspection(inspection_uid(CODE, "SIF", "2015-10-12", 2015), CODE, "SIF", "2015-10-12", 2015)
    g = resolve([minutes], known_inspections=[known])
    (inspection,) = g.with_label(Label.INSPECTION)
    assert inspection.uid == known.uid
    assert "start_date" not in inspection.properties


def test_two_inspections_in_one_year_stay_apart_for_a_mention() -> None:
    a = _doc_with_inspection("Document:a", "2019-01-10", 2019, "focused visit")
    b = _doc_with_inspection("Document:b", "2019-06-03", 2019, "ILACS")
    mention = _doc_with_inspection("Document:c", None, 2019, None)
    g = resolve([a, b, mention])
    assert len(list(g.with_label(Label.INSPECTION))) == 3


def test_numbered_recommendations_of_one_report_are_never_merged() -> None:
    g = _doc_with_inspection("Document:a", "2015-10-12", 2015, "SIF")
    inspection = next(g.with_label(Label.INSPECTION)).uid
    text = "Ensure that return home interviews are offered to every child who goes missing."
    for number in (3, 7):
        uid = recommendation_uid(inspection, number, text)
        g.add_node(
            Node(uid, (Label.RECOMMENDATION,), {"text": text, "number": number}, _ev("Document:a", text))
        )
        g.add_relationship(Relationship(RelType.RECOMMENDED, inspection, uid, {}, _ev("Document:a", text)))
    out = resolve([g])
    assert len(list(out.with_label(Label.RECOMMENDATION))) == 2
    # Same inspection: no SIMILAR_TO between them either.
    assert not [r for r in out.relationships.values() if r.type == RelType.SIMILAR_TO]
    themes = {
        out.nodes[r.end].properties["name"] for r in out.relationships.values() if r.type == RelType.ABOUT
    }
    assert themes == {"missing children and return interviews"}


def test_close_wording_across_inspections_is_linked_not_merged() -> None:
    text_a = "Ensure that all care leavers have a pathway plan that is specific and up to date."
    text_b = "Ensure all care leavers have pathway plans that are specific and up to date."
    graphs = []
    for doc, start, text in (("Document:a", "2015-10-12", text_a), ("Document:b", "2019-06-03", text_b)):
        g = _doc_with_inspection(doc, start, int(start[:4]), "SIF" if start < "2018" else "ILACS")
        inspection = next(g.with_label(Label.INSPECTION)).uid
        uid = recommendation_uid(inspection, 1, text)
        g.add_node(Node(uid, (Label.RECOMMENDATION,), {"text": text, "number": 1}, _ev(doc, text)))
        g.add_relationship(Relationship(RelType.RECOMMENDED, inspection, uid, {}, _ev(doc, text)))
        graphs.append(g)
    out = resolve(graphs)
    assert len(list(out.with_label(Label.RECOMMENDATION))) == 2
    (similar,) = [r for r in out.relationships.values() if r.type == RelType.SIMILAR_TO]
    assert 0.82 <= similar.properties["score"] <= 1.0


def test_similar_to_reaches_texts_already_in_the_database() -> None:
    text = "Ensure that all care leavers have a pathway plan that is specific and up to date."
    g = _doc_with_inspection("Document:a", "2019-06-03", 2019, "ILACS")
    inspection = next(g.with_label(Label.INSPECTION)).uid
    uid = recommendation_uid(inspection, 1, text)
    g.add_node(Node(uid, (Label.RECOMMENDATION,), {"text": text}, _ev("Document:a", text)))
    g.add_relationship(Relationship(RelType.RECOMMENDED, inspection, uid, {}, _ev("Document:a", text)))
    known = KnownText("Recommendation:old", "Recommendation", text.replace("all ", ""), "Inspection:old")
    out = resolve([g], known_texts=[known])
    assert ("Recommendation:old", RelType.SIMILAR_TO, uid) in out.relationships or (
        uid,
        RelType.SIMILAR_TO,
        "Recommendation:old",
    ) in out.relationships


def test_board_named_by_acronym_is_the_same_board() -> None:
    g = GraphDoc()
    council = council_uid(CODE)
    g.add_node(Node(council, (Label.COUNCIL,), {"name": "Torbay", "code": CODE}, _ev("Document:a")))
    full = board_uid(CODE, "Corporate Parenting Advisory Committee")
    short = board_uid(CODE, "CPAC")
    g.add_node(
        Node(
            full,
            (Label.BOARD,),
            {"name": "Corporate Parenting Advisory Committee", "acronym": "CPAC"},
            _ev("Document:a"),
        )
    )
    g.add_node(Node(short, (Label.BOARD,), {"name": "CPAC"}, _ev("Document:b")))
    for b in (full, short):
        g.add_relationship(Relationship(RelType.PART_OF, b, council, {}, _ev("Document:a")))
    out = resolve([g])
    boards = list(out.with_label(Label.BOARD))
    assert [b.uid for b in boards] == [full]
    assert len(boards[0].evidence) == 2


def test_an_undated_mention_is_the_councils_latest_inspection_before_the_document() -> None:
    older = _doc_with_inspection("Document:a", "2015-10-12", 2015, "SIF")
    newer = _doc_with_inspection("Document:b", "2019-06-03", 2019, "ILACS")
    minutes = _doc_with_inspection("Document:c", None, 0, None)
    minutes.add_node(
        Node("Document:c", (Label.DOCUMENT,), {"source": "c.txt", "sha256": "c", "date": "2016-02-01"})
    )
    g = resolve([older, newer, minutes])
    inspections = sorted(n.uid for n in g.with_label(Label.INSPECTION))
    assert inspections == [
        inspection_uid(CODE, "ILACS", "2019-06-03", 2019),
        inspection_uid(CODE, "SIF", "2015-10-12", 2015),
    ]
    sif = g.nodes[inspection_uid(CODE, "SIF", "2015-10-12", 2015)]
    assert "Document:c" in {ev.document for ev in sif.evidence}


def _plan(g: GraphDoc, doc: str, title: str, inspection: str) -> str:
    uid = f"ActionPlan:{CODE}/{title.lower().replace(' ', '-')}"
    g.add_node(Node(uid, (Label.ACTION_PLAN,), {"title": title}, _ev(doc, title)))
    g.add_relationship(Relationship(RelType.RESPONDS_TO, uid, inspection, {}, _ev(doc, title)))
    return uid


def test_generic_plans_answering_one_inspection_join_but_another_bodys_plan_stays() -> None:
    report = _doc_with_inspection("Document:a", "2017-04-24", 2017, "SIF")
    inspection = next(report.with_label(Label.INSPECTION)).uid
    _plan(report, "Document:a", "Improvement Action Plan", inspection)
    _plan(report, "Document:a", "LSCB Improvement Action Plan", inspection)
    minutes = GraphDoc()
    _plan(minutes, "Document:b", "draft action plan", inspection)
    g = resolve([report, minutes])
    titles = sorted(str(n.properties["title"]) for n in g.with_label(Label.ACTION_PLAN))
    assert titles == ["Improvement Action Plan", "LSCB Improvement Action Plan"]


def test_a_recommendation_restated_by_a_plan_is_the_reports_recommendation() -> None:
    g = _doc_with_inspection("Document:a", "2015-10-12", 2015, "SIF")
    inspection = next(g.with_label(Label.INSPECTION)).uid
    text = "Ensure that all care leavers have a pathway plan that is specific and up to date."
    numbered = recommendation_uid(inspection, 4, text)
    g.add_node(Node(numbered, (Label.RECOMMENDATION,), {"text": text, "number": 4}, _ev("Document:a", text)))
    g.add_relationship(Relationship(RelType.RECOMMENDED, inspection, numbered, {}, _ev("Document:a", text)))
    restated = recommendation_uid(inspection, None, text + " ")
    plan = GraphDoc()
    plan.add_node(Node(restated + "x", (Label.RECOMMENDATION,), {"text": text}, _ev("Document:b", text)))
    plan.add_relationship(
        Relationship(RelType.RECOMMENDED, inspection, restated + "x", {}, _ev("Document:b", text))
    )
    out = resolve([g, plan])
    (rec,) = out.with_label(Label.RECOMMENDATION)
    assert rec.uid == numbered
    assert {ev.document for ev in rec.evidence} == {"Document:a", "Document:b"}


def test_one_document_giving_a_recommendation_numbered_and_unnumbered_gives_it_once() -> None:
    # A report's numbered list, and its plan's table repeating the words without the number.
    g = _doc_with_inspection("Document:a", "2018-11-05", 2018, "ILACS")
    inspection = next(g.with_label(Label.INSPECTION)).uid
    text = "The stability of the social work workforce."
    other = "The timeliness of return home interviews."
    for uid, props in (
        (recommendation_uid(inspection, 1, text), {"text": text, "number": 1}),
        (recommendation_uid(inspection, None, text), {"text": text}),
        (recommendation_uid(inspection, 2, other), {"text": other, "number": 2}),
    ):
        g.add_node(Node(uid, (Label.RECOMMENDATION,), props, _ev("Document:a", str(props["text"]))))
        g.add_relationship(
            Relationship(RelType.RECOMMENDED, inspection, uid, {}, _ev("Document:a", str(props["text"])))
        )
    out = resolve([g])
    assert sorted(
        (r.properties["number"], r.properties["text"]) for r in out.with_label(Label.RECOMMENDATION)
    ) == [
        (1, text),
        (2, other),
    ]


def test_a_post_named_without_a_name_is_the_person_the_same_document_names_with_it() -> None:
    def person(uid: str, name: str | None, role: str, doc: str) -> Node:
        return Node(
            uid,
            (Label.PERSON, Label.OFFICER),
            {"name": name, "role": role},
            [Evidence(doc, role, 0, len(role))],
        )

    g = GraphDoc()
    g.add_node(
        person("Person:E06000002/helen-quarmby", "Helen Quarmby", "Director of Children's Care", "Document:a")
    )
    g.add_node(
        person(
            "Person:E06000002/post/director-children-care", None, "Director of Children’s Care", "Document:a"
        )
    )
    g.add_node(Node("Action:x", (Label.ACTION,), {"text": "Complete a needs analysis"}, []))
    g.add_relationship(
        Relationship("LEADS", "Person:E06000002/post/director-children-care", "Action:x", {}, [])
    )
    # the same post in another document may be someone else's
    g.add_node(person("Person:E06000002/post/chief-executive", None, "Chief Executive", "Document:b"))
    g.add_node(person("Person:E06000002/kevin-stainsby", "Kevin Stainsby", "Chief Executive", "Document:a"))
    out = resolve([g])
    people = {n.uid for n in out.with_label(Label.PERSON)}
    assert "Person:E06000002/post/director-children-care" not in people
    assert [(r.start, r.end) for r in out.relationships.values() if r.type == "LEADS"] == [
        ("Person:E06000002/helen-quarmby", "Action:x")
    ]
    assert out.nodes["Person:E06000002/helen-quarmby"].properties["name"] == "Helen Quarmby"
    assert "Person:E06000002/post/chief-executive" in people
