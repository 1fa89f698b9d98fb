"""Column mapping and the facts of action-plan trackers and inspection-outcome tables."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import openpyxl
import pytest

from ingest.document import Metadata, ParsedDocument
from ingest.office import parse_csv, parse_xlsx
from ingest.tables import extract_tables, map_columns, normalise_judgement, role_of
from schema.graphdoc import GraphDoc
from schema.validation import validate

FIXTURES = Path(__file__).parent / "fixtures" / "council"


def _csv(text: str, source: str = "t.csv", metadata: Metadata | None = None) -> ParsedDocument:
    data = text.encode()
    return parse_csv(
        data, source=source, sha256=hashlib.sha256(data).hexdigest(), metadata=metadata or Metadata()
    )


def _xlsx(
    rows: list[list[object]], source: str = "t.xlsx", metadata: Metadata | None = None
) -> ParsedDocument:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    return parse_xlsx(
        data, source=source, sha256=hashlib.sha256(data).hexdigest(), metadata=metadata or Metadata()
    )


def _props(g: GraphDoc, label: str) -> list[dict[str, object]]:
    return sorted((n.properties for n in g.with_label(label)), key=lambda p: str(sorted(p.items())))


def _rels(g: GraphDoc, rtype: str) -> list[tuple[str, str]]:
    def name(uid: str) -> str:
        p = g.nodes[uid].properties
        return str(p.get("name") or p.get("role") or p.get("text") or p.get("title") or uid)

    return sorted((name(r.start), name(r.end)) for r in g.relationships.values() if r.type == rtype)


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Ref", "reference"),
        ("Action No.", "reference"),
        ("OFSTED RECOMMENDATION", "recommendation"),
        ("Area for improvement", "recommendation"),
        ("What we will do", "action"),
        ("Key actions", "action"),
        ("Lead Officer (name and post)", "lead"),
        ("Responsible officer", "lead"),
        ("Owning board", "board"),
        ("Governance route", "board"),
        ("Target date", "due_date"),
        ("By when?", "due_date"),
        ("Deadine", "due_date"),
        ("RAG rating", "rag"),
        ("BRAG", "rag"),
        ("Status", "status"),
        ("Work-stream", "theme"),
        ("Progress update", "evidence"),
        ("local_authority", "council"),
        ("inspection_start_date", "start_date"),
        ("overall_effectiveness_grade", "judgement"),
        ("help_and_protection_grade", "judgement:help and protection"),
        ("Publication date", "published_date"),
        ("Xyzzy code", None),
        ("", None),
        # The head word of a header comes last.
        ("Owner board", "board"),
        ("Progress RAG", "rag"),
        ("Action lead", "lead"),
        # Headers no list foresaw, read by the words that say what kind of column they are.
        ("What we are doing", "action"),
        ("Completion by", "due_date"),
        ("Accountable forum", "board"),
        ("Responsible manager", "lead"),
        ("Ofsted said", "recommendation"),
        ("Latest position", "evidence"),
        ("Colour of folder", None),
        # A group that owns the work is a body, an agency is not a person.
        ("Accountable group", "board"),
        ("Reported to", "board"),
        ("Lead agency", "ignored"),
        ("What is working well", "strength"),
        ("What", "action"),
        ("What the inspectors asked of us", "recommendation"),
        ("Links to", "recommendation_number"),
        ("End", "due_date"),
        ("What needs to be better", "weakness"),
    ],
)
def test_role_of_headers(header: str, role: str | None) -> None:
    assert role_of(header) == role


def test_unknown_columns_are_reported_not_fatal() -> None:
    doc = _xlsx(
        [
            ["Action", "Lead officer", "Colour of folder", "Owning board"],
            ["Publish the early help strategy", "Head of Early Help", "blue", "Children's Improvement Board"],
        ],
        metadata=Metadata(council="Rotherham"),
    )
    g, warnings = extract_tables(doc)
    assert warnings == ["Sheet: column 'Colour of folder' not understood; its cells are not read"]
    assert [p["text"] for p in _props(g, "Action")] == ["Publish the early help strategy"]
    assert _rels(g, "OWNS") == [("Children's Improvement Board", "Publish the early help strategy")]


def test_a_table_of_nothing_known_gives_no_facts_and_says_so() -> None:
    g, warnings = extract_tables(_csv("Colour,Meaning\nG,On track\n"))
    assert not g.nodes
    assert warnings[-1].endswith("its rows give no facts")


def test_duplicate_roles_are_reported() -> None:
    _, _, warnings = map_columns(tuple(_csv("Action,Actions,Lead\na,b,c\n").tables[0].header), "t")
    assert warnings == ["t: columns 'Action' and 'Actions' both read as action; only 'Action' is used"]


def test_a_header_that_names_its_role_wins_over_one_guessed_from_a_word() -> None:
    header = (
        "No.,Ofsted heading,Ofsted recommendation (December 2013),Our commitment,Where we are (March 2022)"
    )
    roles, _, warnings = map_columns(tuple(_csv(header + "\n1,a,b,c,d\n").tables[0].header), "t")
    assert roles["recommendation"] == 2
    assert roles["action"] == 3
    assert roles["evidence"] == 4
    assert warnings == [
        "t: columns 'Ofsted recommendation (December 2013)' and 'Ofsted heading' both read as recommendation; "
        "only 'Ofsted recommendation (December 2013)' is used"
    ]


def test_tracker_rows_give_actions_owners_leads_and_recommendations() -> None:
    data = (FIXTURES / "cornwall-tracker.xlsx").read_bytes()
    parsed = parse_xlsx(
        data, source="cornwall-tracker.xlsx", sha256=hashlib.sha256(data).hexdigest(), metadata=Metadata()
    )
    g, warnings = extract_tables(parsed)
    assert "Tracker: column 'Xyzzy code' not understood; its cells are not read" in warnings
    actions = {p["text"]: p for p in _props(g, "Action")}
    assert actions["Launch a supervision policy with monthly case audits"]["due_date"] == "2019-10-31"
    assert actions["Launch a supervision policy with monthly case audits"]["rag"] == "green"
    # "data_unreadable" gives no date.
    assert actions["Every child in long-term care to have a life story book"]["due_date"] is None
    # The recommendation carries down over the row whose cell is merged (blank).
    assert ("Train all team managers in reflective supervision", "Management oversight of casework") in _rels(
        g, "ADDRESSES"
    )
    assert ("Cllr Sally Hawken", "Every child in long-term care to have a life story book") not in _rels(
        g, "LEADS"
    )
    leads = _rels(g, "LEADS")
    assert ("Sally Hawken", "Every child in long-term care to have a life story book") in leads
    sally = next(n for n in g.with_label("Person") if n.properties.get("name") == "Sally Hawken")
    assert sally.properties["kind"] == "councillor"
    assert "Councillor" in sally.labels
    assert ("Improvement Board", "Launch a supervision policy with monthly case audits") in _rels(g, "OWNS")
    # The title rows name the council and the inspection the plan answers.
    assert [p["name"] for p in _props(g, "Council")] == ["Cornwall"]
    inspections = _props(g, "Inspection")
    assert [(p["framework"], p["year"]) for p in inspections] == [("ILACS", 2019)]
    assert len(_rels(g, "RESPONDS_TO")) == 1
    _, rejections = validate(g)
    assert rejections == []


def test_every_fact_quotes_its_cell() -> None:
    data = (FIXTURES / "kent-tracker.csv").read_bytes()
    doc = parse_csv(
        data, source="kent-tracker.csv", sha256=hashlib.sha256(data).hexdigest(), metadata=Metadata()
    )
    g, _ = extract_tables(doc)
    for node in g.nodes.values():
        if node.label == "Document":
            continue
        assert node.evidence, node.uid
        for ev in node.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote
    for rel in g.relationships.values():
        assert rel.evidence
        assert doc.text[rel.evidence[0].start : rel.evidence[0].end] == rel.evidence[0].quote


def test_outcome_rows_give_inspections_and_unreadable_cells_give_nothing() -> None:
    doc = _csv(
        "urn,local_authority,publication_date,inspection_framework,inspection_start_date,inspection_end_date,"
        "overall_effectiveness_grade,care_leavers_grade\n"
        "80487,barnet,06/07/21,standard,07/06/2021,18/06/2021,good,inspection_pre_dates_judgement\n"
        "80487,barnet,11/07/17,,,,data_unreadable,data_unreadable\n"
        "99999,atlantis,01/01/20,short,,,good,good\n"
        ",,,,,,,\n"
    )
    g, warnings = extract_tables(doc)
    inspections = {n.uid: n.properties for n in g.with_label("Inspection")}
    assert inspections["Inspection:E09000003/ilacs/2021-06-07"] == {
        "framework": "ILACS",
        "start_date": "2021-06-07",
        "end_date": "2021-06-18",
        "published_date": "2021-07-06",
        "year": 2021,
        "judgement": "good",
        "judgements": None,
    }
    # Published before 2018 with no framework named: a SIF report, known only by its publication.
    assert inspections["Inspection:E09000003/sif/2017"]["judgement"] is None
    assert len(inspections) == 2
    assert warnings == ["t.csv: council 'atlantis' not recognised; its row is not read"]
    assert len(_rels(g, "INSPECTED")) == 2


@pytest.mark.parametrize(
    ("value", "grade"),
    [("Requires improvement to be good", "requires improvement"), ("RI", "requires improvement"), ("4", "inadequate"),
     ("Good", "good"), ("n/a", None)],
)  # fmt: skip
def test_normalise_judgement(value: str, grade: str | None) -> None:
    assert normalise_judgement(value) == grade


@pytest.mark.corpus
def test_the_shared_outcome_tables(shared_dir: Path) -> None:
    from ingest.parse import parse_file

    history = parse_file(shared_dir / "corpus" / "ofsted-data" / "inspection_history.csv")
    g, warnings = extract_tables(history)
    assert sum(1 for _ in g.with_label("Council")) >= 150
    assert sum(1 for _ in g.with_label("Inspection")) >= 450
    assert all("not understood" not in w for w in warnings)
    latest = parse_file(shared_dir / "corpus" / "ofsted-data" / "latest_outcomes.xlsx")
    g2, _ = extract_tables(latest)
    judged = [n for n in g2.with_label("Inspection") if n.properties.get("judgement")]
    assert len(judged) >= 140
    _, rejections = validate(g2)
    assert rejections == []


def test_a_plan_set_out_one_record_a_table_is_read_as_rows() -> None:
    # Word plans often give each priority a two-column table, a field a row, and list the
    # actions as bullets in one cell.
    from ingest.tables import TextBuilder

    builder = TextBuilder()
    builder.line("Westshire Council: post-inspection action plan")
    builder.table(
        "table 1",
        [
            ["What Ofsted said", "The stability of the social work workforce."],
            ["What we will do", "• Launch a recruitment campaign • Cap caseloads at 20 children"],
            ["Lead officer", "Head of Workforce Development"],
            ["Reported to", "Westshire Children's Improvement Board (WCIB) / Missing Sub-Group (WSCP)"],
            ["By when", "March 2020"],
        ],
    )
    # a cover table of the same shape that names no action is left as it is
    builder.table(
        "table 2", [["Report title", "Ofsted"], ["Meeting", "Cabinet"], ["Lead officer", "Jo Bloggs"]]
    )
    text = builder.text
    doc = ParsedDocument(
        source="plan.docx",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        format="docx",
        text=text,
        tables=tuple(builder.tables),
    )
    assert [c.value for c in doc.tables[0].header] == [
        "What Ofsted said",
        "What we will do",
        "Lead officer",
        "Reported to",
        "By when",
    ]
    assert [c.value for c in doc.tables[1].header] == ["Report title", "Ofsted"]
    g, _ = extract_tables(doc)
    owns = _rels(g, "OWNS")
    # brackets give a board's acronym, or the body it belongs to
    assert owns == [
        ("Missing Sub-Group", "Cap caseloads at 20 children"),
        ("Missing Sub-Group", "Launch a recruitment campaign"),
        ("Westshire Children's Improvement Board", "Cap caseloads at 20 children"),
        ("Westshire Children's Improvement Board", "Launch a recruitment campaign"),
    ]
    acronyms = {b.properties["name"]: b.properties["acronym"] for b in g.with_label("Board")}
    assert acronyms == {"Westshire Children's Improvement Board": "WCIB", "Missing Sub-Group": None}
    for node in g.with_label("Action"):
        (ev,) = node.evidence
        assert doc.text[ev.start : ev.end] == ev.quote == node.properties["text"]
    assert len(_rels(g, "ADDRESSES")) == 2


def test_a_council_s_list_of_its_inspections_gives_its_inspections() -> None:
    doc = _csv(
        "Southwark Council: our inspections since 2012\n"
        "When,Inspection,What Ofsted said\n"
        "February 2012,Inspection of safeguarding and looked after children services,"
        '"Safeguarding adequate; services for looked after children good"\n'
        "June 2016,Single inspection framework (SIF),Requires improvement\n"
        "November 2021,Focused visit (children in care),No grade: a letter\n"
    )
    g, _ = extract_tables(doc)
    inspections = sorted(
        (p["year"], p["framework"], p["judgement"], p["start_date"]) for p in _props(g, "Inspection")
    )
    # a month dates the year only; grades of two areas give no overall judgement
    assert inspections == [
        (2012, None, None, None),
        (2016, "SIF", "requires improvement", None),
        (2021, "focused visit", None, None),
    ]
    assert {end for _, end in _rels(g, "INSPECTED")} == {"Southwark"}
    assert not list(g.with_label("Recommendation"))


def test_columns_of_strengths_and_weaknesses_give_the_inspection_s_findings() -> None:
    doc = _csv(
        "Rutland County Council: what the focused visit letter of August 2021 said\n"
        "Ofsted focused visit: 13 and 14 July 2021\n"
        "Theme,What is working well,What needs to be better\n"
        "Front door,Decisions in the front door are timely and thresholds are understood,"
        "Some contacts from schools lack the information needed to decide\n"
        "Workforce,Social workers have manageable caseloads,\n"
    )
    g, _ = extract_tables(doc)
    findings = sorted((p["polarity"], p["text"]) for p in _props(g, "Finding"))
    assert findings == [
        ("strength", "Decisions in the front door are timely and thresholds are understood"),
        ("strength", "Social workers have manageable caseloads"),
        ("weakness", "Some contacts from schools lack the information needed to decide"),
    ]
    (inspection,) = _props(g, "Inspection")
    assert inspection["framework"] == "focused visit"
    assert len(_rels(g, "FOUND")) == 3
    assert not list(g.with_label("Recommendation"))


def test_a_log_whose_type_column_says_what_each_row_is() -> None:
    doc = _csv(
        "Type,Ref,Text,Owner,Forum,Due\n"
        "Plan,P0,Rutland Focused Visit Improvement Plan,,,\n"
        'Visit,V1,"Ofsted focused visit, 9 and 10 November 2021",,,\n'
        "Strength,S1,Social workers know their children well and visit them regularly,,,\n"
        "Weakness,W1,Child in need plans lack clear outcomes and are not reviewed often enough,,,\n"
        "Area for improvement,A1,The quality of child in need plans.,,,\n"
        "Action,A1.1,Introduce a child in need review panel,Head of Service,Children's Improvement Board,28/02/2022\n"
        "Action,A0.1,Send the updated plan to the adviser,Head of Service,,07/01/2022\n"
    )
    g, _ = extract_tables(doc)
    assert sorted((p["polarity"], p["text"]) for p in _props(g, "Finding")) == [
        ("strength", "Social workers know their children well and visit them regularly"),
        ("weakness", "Child in need plans lack clear outcomes and are not reviewed often enough"),
    ]
    assert [p["text"] for p in _props(g, "Recommendation")] == ["The quality of child in need plans."]
    assert _rels(g, "ADDRESSES") == [
        ("Introduce a child in need review panel", "The quality of child in need plans.")
    ]
    assert _rels(g, "OWNS") == [("Children's Improvement Board", "Introduce a child in need review panel")]
    assert sorted(p["text"] for p in _props(g, "Action")) == [
        "Introduce a child in need review panel",
        "Send the updated plan to the adviser",
    ]
    # "Action description" is an action's column, not a log's text
    assert role_of("Action description") == "action"


def test_a_row_across_a_plan_table_heads_the_actions_under_it() -> None:
    from ingest.tables import TextBuilder

    builder = TextBuilder()
    builder.line("Rutland County Council: Ofsted short inspection action plan")
    builder.table(
        "table 1",
        [
            ["What we will do", "Accountable lead", "Governance route", "Target date"],
            ["Area for improvement: the quality of written plans for children in need"],
            ["Introduce a single plan template", "Principal Social Worker", "Quality Board", "October 2019"],
            ["Quality of practice"],
            ["Audit every open case", "Head of Quality Assurance", "Quality Board", "November 2019"],
        ],
    )
    text = builder.text
    doc = ParsedDocument(
        source="plan.docx",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        format="docx",
        text=text,
        tables=tuple(builder.tables),
    )
    g, _ = extract_tables(doc)
    assert sorted(p["text"] for p in _props(g, "Action")) == [
        "Audit every open case",
        "Introduce a single plan template",
    ]
    recommendation = "the quality of written plans for children in need"
    assert [p["text"] for p in _props(g, "Recommendation")] == [recommendation]
    (rec,) = g.with_label("Recommendation")
    assert doc.text[rec.evidence[0].start : rec.evidence[0].end] == recommendation


def test_a_council_s_list_of_its_inspections_under_headers_no_list_names() -> None:
    meta = Metadata(council="Thurrock", date="2026-02-12")
    for header in ("Date,Type,Outcome", "Dates,Inspection,Outcome"):
        doc = _csv(
            f"{header}\n"
            "November 2025,ILACS short inspection,Requires improvement to be good\n"
            "September 2022,ILACS focused visit (children in care),No grade\n"
            "February 2016,Single inspection framework (SIF),Requires improvement\n",
            metadata=meta,
        )
        g, _ = extract_tables(doc)
        found = sorted(
            (p.get("framework"), p.get("year"), p.get("judgement")) for p in _props(g, "Inspection")
        )
        assert found == [
            ("ILACS", 2025, "requires improvement"),
            ("SIF", 2016, "requires improvement"),
            ("focused visit", 2022, None),
        ], header


def test_a_column_saying_s_or_w_makes_what_ofsted_said_findings() -> None:
    doc = _xlsx(
        [
            [
                "Torbay Council: Ofsted inspection of local authority children's services, 3 to 14 December 2018"
            ],
            [],
            ["Source", "What Ofsted said", "S / W"],
            ["ILACS Dec 2018", "Children in care are visited regularly by social workers", "S"],
            ["ILACS Dec 2018", "Too many children wait too long for a strategy meeting", "W"],
        ]
    )
    g, _ = extract_tables(doc)
    assert not _props(g, "Recommendation")
    assert sorted((p["polarity"], p["text"]) for p in _props(g, "Finding")) == [
        ("strength", "Children in care are visited regularly by social workers"),
        ("weakness", "Too many children wait too long for a strategy meeting"),
    ]


def test_an_owner_given_as_post_and_body_and_posts_by_their_acronym() -> None:
    doc = _xlsx(
        [
            ["Staffordshire County Council: Ofsted inspection of children's services, 9 to 13 March 2019"],
            [],
            ["Ref", "Action", "Owner", "Due"],
            [
                "1.1",
                "Review every placement far from home",
                "Head of Children in Care (Corporate Parenting Panel)",
                "2022-03-31",
            ],
            ["1.2", "Audit care plans each quarter", "DCS", "2022-06-30"],
            ["1.3", "Offer a health check to every care leaver", "Designated Nurse (NHS)", "2022-06-30"],
        ]
    )
    g, _ = extract_tables(doc)
    assert [p["name"] for p in _props(g, "Board")] == ["Corporate Parenting Panel"]
    assert _rels(g, "OWNS") == [("Corporate Parenting Panel", "Review every placement far from home")]


def test_a_source_column_ties_each_row_to_the_inspection_it_names() -> None:
    doc = _xlsx(
        [
            [
                "Torbay Council: Ofsted inspection of local authority children's services, 3 to 14 December 2018"
            ],
            [],
            ["Source", "What Ofsted said", "S / W"],
            ["ILACS Dec 2018", "Children in care are visited regularly by social workers", "S"],
            ["MV1 Apr 2019", "Strategy meetings are now held promptly", "S"],
        ]
    )
    g, _ = extract_tables(doc)
    found = {
        str(g.nodes[r.end].properties["text"]): g.nodes[r.start].properties.get("framework")
        for r in g.relationships.values()
        if r.type == "FOUND"
    }
    assert found["Strategy meetings are now held promptly"] == "monitoring visit"
    assert found["Children in care are visited regularly by social workers"] == "ILACS"
