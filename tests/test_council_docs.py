"""The council document extractor: golden graphs of fixture documents, behaviours, and the seeds' score.

Golden files: `tests/fixtures/council/golden/<document>.json` hold the extracted graph of
each fixture document (prose and tables together, as the pipeline reads them). After a
deliberate change of the extractor, regenerate them with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_council_docs.py

and review the diff like code.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ingest.council_docs import CouncilDocumentExtractor, document_context
from ingest.document import Metadata, ParsedDocument
from ingest.parse import iter_document_paths, parse_file
from ingest.pipeline import extract_paths, join_plans
from ingest.resolve import resolve
from ingest.tables import extract_tables
from ingest.textfile import parse_text
from schema.graphdoc import GraphDoc
from schema.validation import validate

FIXTURES = Path(__file__).parent / "fixtures" / "council"
UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
# Later sets, scored 0.694, 0.764 and 0.721 before the extractor was changed for any of them.
UNSEEN4 = Path(__file__).parent / "fixtures" / "unseen4"
UNSEEN5 = Path(__file__).parent / "fixtures" / "unseen5"
UNSEEN6 = Path(__file__).parent / "fixtures" / "unseen6"
# Two sets with PDFs among them, scored 0.665 and 0.709 before the extractor was changed for them.
UNSEEN7 = Path(__file__).parent / "fixtures" / "unseen7"
UNSEEN8 = Path(__file__).parent / "fixtures" / "unseen8"
# And one more, scored 0.707 before the extractor was changed for it.
UNSEEN9 = Path(__file__).parent / "fixtures" / "unseen9"
# Written blind like the others: unseen10 as text and HTML scraped from council sites, unseen11 in
# the layouts of councils' PDFs, Word documents and spreadsheets.
UNSEEN10 = Path(__file__).parent / "fixtures" / "unseen10"
UNSEEN11 = Path(__file__).parent / "fixtures" / "unseen11"
UNSEEN12 = Path(__file__).parent / "fixtures" / "unseen12"
UNSEEN13 = Path(__file__).parent / "fixtures" / "unseen13"
UNSEEN14 = Path(__file__).parent / "fixtures" / "unseen14"
UNSEEN15 = Path(__file__).parent / "fixtures" / "unseen15"
_SETS = (
    UNSEEN,
    UNSEEN4,
    UNSEEN5,
    UNSEEN6,
    UNSEEN7,
    UNSEEN8,
    UNSEEN9,
    UNSEEN10,
    UNSEEN11,
    UNSEEN12,
    UNSEEN13,
    UNSEEN14,
    UNSEEN15,
)
GOLDEN = FIXTURES / "golden"
SAMPLES = Path(__file__).resolve().parents[1] / "ingest" / "samples" / "documents"
FIXTURE_DOCUMENTS = (
    "wigan-scrutiny-minutes.txt",
    "norfolk-cabinet-report.md",
    "bristol-news.html",
    "durham-improvement-report.docx",
    "kent-tracker.csv",
    "cornwall-tracker.xlsx",
)
EXTRACTOR = CouncilDocumentExtractor()


def read_document(doc: ParsedDocument) -> tuple[GraphDoc, list[str]]:
    """The graph of one document as the pipeline builds it: prose by the extractor, tables by the mapper."""
    g = GraphDoc()
    warnings = list(doc.warnings)
    prose = EXTRACTOR.extract(doc)
    table_graph, table_warnings = extract_tables(doc) if doc.tables else (GraphDoc(), [])
    if doc.format in ("csv", "xlsx"):
        # a spreadsheet is its rows first, its cover cells' prose after
        join_plans(prose, table_graph)
        g.merge(table_graph)
        g.merge(prose)
    else:
        g.merge(prose)
        g.merge(table_graph)
    warnings.extend(table_warnings)
    return g, warnings


def _text_doc(text: str, source: str = "doc.txt", metadata: Metadata | None = None) -> ParsedDocument:
    data = text.encode()
    return parse_text(
        data, source=source, sha256=hashlib.sha256(data).hexdigest(), metadata=metadata or Metadata()
    )


def _names(g: GraphDoc, label: str, prop: str = "name") -> list[str]:
    return sorted(str(n.properties.get(prop)) for n in g.with_label(label))


def _rels(g: GraphDoc, rtype: str) -> list[tuple[str, str]]:
    def name(uid: str) -> str:
        p = g.nodes[uid].properties
        return str(p.get("name") or p.get("role") or p.get("text") or p.get("title") or uid)

    return sorted((name(r.start), name(r.end)) for r in g.relationships.values() if r.type == rtype)


# ---------------------------------------------------------------------------- golden graphs


@pytest.mark.parametrize("name", FIXTURE_DOCUMENTS)
def test_golden_graph(name: str) -> None:
    doc = parse_file(FIXTURES / name)
    g, warnings = read_document(doc)
    got: dict[str, Any] = {"warnings": warnings, "graph": g.to_json()}
    # The source path differs between checkouts; the content hash identifies the document.
    for node in got["graph"]["nodes"]:
        if node["properties"].get("source"):
            node["properties"]["source"] = name
    path = GOLDEN / f"{name}.json"
    rendered = json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run with UPDATE_GOLDEN=1"
    assert rendered == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", FIXTURE_DOCUMENTS)
def test_every_fact_carries_an_exact_quote_and_validates(name: str) -> None:
    doc = parse_file(FIXTURES / name)
    g, _ = read_document(doc)
    for node in g.nodes.values():
        for ev in node.evidence:
            if ev.start == ev.end == 0:
                continue
            assert doc.text[ev.start : ev.end] == ev.quote
    for rel in g.relationships.values():
        assert rel.evidence, rel.key
        ev = rel.evidence[0]
        assert doc.text[ev.start : ev.end] == ev.quote
    _checked, rejections = validate(g)
    assert rejections == []


# ---------------------------------------------------------------------------- behaviours


def test_minutes_body_members_chair_and_resolutions() -> None:
    g, _ = read_document(parse_file(FIXTURES / "wigan-scrutiny-minutes.txt"))
    assert _names(g, "Council") == ["Wigan"]
    assert ("Lee Ashton", "Children and Young People Scrutiny Committee") in _rels(g, "CHAIRS")
    assert len(_rels(g, "MEMBER_OF")) == 3
    meeting = next(g.with_label("Meeting"))
    assert meeting.properties["date"] == "2019-11-05"
    inspection = next(g.with_label("Inspection"))
    assert (inspection.properties["framework"], inspection.properties["start_date"]) == (
        "focused visit",
        "2019-07-09",
    )
    assert (
        "Quality Assurance Board",
        "the Quality Assurance Board would audit twenty plans each month",
    ) in _rels(g, "OWNS")
    # "The Assistant Director" is the post named in full before it, not a second person.
    roles = _names(g, "Person", "role")
    assert "Assistant Director" not in roles


def test_acronyms_and_bare_references_are_one_board() -> None:
    doc = _text_doc(
        "Minutes\n\nThe Corporate Parenting Advisory Committee (CPAC) met. CPAC agreed to review the plan. "
        "The Committee noted the Children's Improvement Board's report.\n",
        metadata=Metadata(council="Leeds"),
    )
    g = EXTRACTOR.extract(doc)
    boards = {n.properties["name"]: n for n in g.with_label("Board")}
    assert sorted(boards) == ["Children's Improvement Board", "Corporate Parenting Advisory Committee"]
    cpac = boards["Corporate Parenting Advisory Committee"]
    assert cpac.properties["acronym"] == "CPAC"
    assert len(cpac.evidence) == 3


def test_other_councils_inspections_in_a_news_comparison() -> None:
    g, _ = read_document(parse_file(SAMPLES / "torbay-news-2018-07.txt"))
    assert _names(g, "Council") == ["Lincolnshire", "Sefton", "Torbay"]
    torbay = next(n for n in g.with_label("Inspection") if n.uid.startswith("Inspection:E06000027"))
    assert (torbay.properties["judgement"], torbay.properties["year"]) == ("inadequate", 2018)
    polarities = sorted(str(n.properties["polarity"]) for n in g.with_label("Finding"))
    assert polarities == ["strength", "weakness", "weakness", "weakness"]
    people = {n.properties.get("name"): n for n in g.with_label("Person")}
    assert people["Jane Hartley"].properties["kind"] == "councillor"


def test_a_document_naming_no_council_keeps_its_facts() -> None:
    doc = _text_doc(
        "Minutes of the Corporate Parenting Panel held on 4 March 2021\n\n"
        "The Head of Service said that the action plan would be monitored by the Improvement Board.\n"
    )
    g = EXTRACTOR.extract(doc)
    assert not list(g.with_label("Council"))
    assert _names(g, "Board") == ["Corporate Parenting Panel", "Improvement Board"]
    assert ("Improvement Board", "Action plan") in _rels(g, "MONITORS")
    # Keyed to this document, so that another document's "Improvement Board" is never merged with it.
    assert all(n.uid.split(":", 1)[1].startswith("doc-") for n in g.with_label("Board"))
    assert not _rels(g, "PART_OF")
    _, rejections = validate(g)
    assert rejections == []


def test_document_context_is_shared_by_prose_and_tables() -> None:
    doc = parse_file(SAMPLES / "sefton-action-plan-report.docx")
    context = document_context(doc)
    assert context.council is not None
    assert context.council.name == "Sefton"
    assert context.plan_title == "Improving Outcomes for Children Action Plan"
    prose = EXTRACTOR.extract(doc)
    tables, _ = extract_tables(doc)
    assert context.plan in prose.nodes
    assert context.plan in tables.nodes


def test_an_earlier_inspection_and_a_visit_are_inspections_of_their_own() -> None:
    doc = _text_doc(
        "Medway Council\n\nReport to Cabinet\n\n"
        "Ofsted's inspection of local authority children's services, carried out from 8 to 19 July 2019, "
        "judged services to be inadequate, a fall from the good grade of the previous inspection in 2015.\n\n"
        "The first monitoring visit took place on 12 and 13 December 2019. Inspectors found that the "
        "management of referrals had improved.\n"
    )
    g = EXTRACTOR.extract(doc)
    found = sorted(
        (str(n.properties["framework"]), n.properties["year"], str(n.properties["judgement"]))
        for n in g.with_label("Inspection")
    )
    assert found == [
        ("ILACS", 2019, "inadequate"),
        ("None", 2015, "good"),
        ("monitoring visit", 2019, "None"),
    ]
    # The finding belongs to the visit its paragraph speaks of.
    visit = next(n for n in g.with_label("Inspection") if n.properties["framework"] == "monitoring visit")
    found_by_visit = [r.end for r in g.relationships.values() if r.type == "FOUND" and r.start == visit.uid]
    assert [g.nodes[uid].properties["text"] for uid in found_by_visit] == [
        "the management of referrals had improved"
    ]


def test_decisions_that_note_or_approve_are_not_actions_and_oversight_is_monitoring() -> None:
    doc = _text_doc(
        "Minutes of Cabinet held on 4 March 2021\n\n"
        "The Children's Improvement Board, chaired by the Chief Executive, will oversee delivery of the "
        "action plan.\n\nRESOLVED:\n\n1. That the minutes of the meeting held on 3 February 2021 be approved.\n"
        "2. That the action plan be approved for submission to Ofsted.\n"
        "3. That the Children's Scrutiny Panel receive a progress report on the action plan every six months.\n",
        metadata=Metadata(council="Leeds"),
    )
    g = EXTRACTOR.extract(doc)
    assert _names(g, "Action", "text") == [
        "the Children's Scrutiny Panel receive a progress report on the action plan every six months"
    ]
    assert ("Children's Scrutiny Panel", _names(g, "Action", "text")[0]) in _rels(g, "OWNS")
    assert sorted(b for b, _ in _rels(g, "MONITORS")) == [
        "Children's Improvement Board",
        "Children's Scrutiny Panel",
    ]


def test_quoted_speech_and_outside_appointees_commit_the_council_to_nothing() -> None:
    doc = _text_doc(
        "Council responds to Ofsted report\n\n"
        'Councillor Ann Shaw, cabinet member for children, said: "We accept the findings and we will do '
        'whatever it takes." The Department for Education has appointed Jo Kemp as Commissioner for '
        "Children's Services. She will advise the Secretary of State by July. An adviser has also been "
        "appointed by the Department. Tom Ash, the council's director of children's services, said the "
        "council would recruit 20 social workers, open a new children's home and launch a training "
        "academy.\n",
        metadata=Metadata(council="Slough"),
    )
    g = EXTRACTOR.extract(doc)
    assert _names(g, "Action", "text") == [
        "launch a training academy",
        "open a new children's home",
        "the council would recruit 20 social workers",
    ]
    people = {n.properties["name"]: n.properties for n in g.with_label("Person")}
    assert people["Tom Ash"]["role"] == "Director of Children's Services"
    assert people["Ann Shaw"]["kind"] == "councillor"


def test_accepts_prefers_council_documents() -> None:
    minutes = _text_doc("Minutes of Cabinet\n\nRESOLVED that the report be noted.\n")
    assert EXTRACTOR.accepts(minutes) >= 0.8
    ofsted = _text_doc("Ofsted raises standards\n\nInspection of Leeds local authority children's services\n")
    assert EXTRACTOR.accepts(ofsted) < 0.5


# ---------------------------------------------------------------------------- corpora


def _resolved(paths: list[Path]) -> GraphDoc:
    graphs = [read_document(parse_file(p))[0] for p in paths]
    g, rejections = validate(resolve(graphs))
    assert rejections == []
    return g


def test_sample_corpus_answers_the_two_questions() -> None:
    g = _resolved(list(iter_document_paths([SAMPLES])))
    # Early help and care leavers' pathway plans recur across Sefton's two inspections and across councils.
    themes_by_inspections: dict[str, set[str]] = {}
    for rel in g.relationships.values():
        if rel.type == "ABOUT" and rel.start.startswith("Recommendation:"):
            inspections = {
                r.start for r in g.relationships.values() if r.type == "RECOMMENDED" and r.end == rel.start
            }
            themes_by_inspections.setdefault(rel.end, set()).update(inspections)
    assert max(len(v) for v in themes_by_inspections.values()) >= 3
    # Boards own actions, and others monitor plans.
    assert len(_rels(g, "OWNS")) >= 8
    assert len(_rels(g, "MONITORS")) >= 3


def _load_scorer(shared_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_eval_score", shared_dir / "eval" / "score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up by name while they are built.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.corpus
def test_seeds_score_at_least_the_bar(shared_dir: Path, tmp_path: Path) -> None:
    import yaml

    scorer = _load_scorer(shared_dir)
    seeds = sorted((shared_dir / "corpus" / "seeds").glob("*.txt"))
    assert seeds
    out = tmp_path / "seeds.json"
    out.write_text(json.dumps(_resolved(seeds).to_json()), encoding="utf-8")
    gold = yaml.safe_load((shared_dir / "eval" / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
    report = scorer.score(gold, scorer.load_graph(str(out)))
    assert report["summary"]["overall_f1"] >= 0.75, report["summary"]


@pytest.mark.parametrize(
    "folder",
    _SETS,
    ids=[folder.name for folder in _SETS],
)
def test_unseen_gold_annotates_every_document_of_the_folder(folder: Path) -> None:
    import yaml

    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    listed = sorted(d["path"] for d in gold["documents"])
    assert listed == sorted(p.name for p in (folder / "documents").iterdir())


@pytest.mark.parametrize(
    ("folder", "overall", "per_label"),
    [
        (UNSEEN, 0.95, 0.85),
        (UNSEEN4, 0.88, 0.75),
        (UNSEEN5, 0.85, 0.7),
        (UNSEEN6, 0.8, 0.65),
        (UNSEEN7, 0.86, 0.7),
        (UNSEEN8, 0.85, 0.75),
        (UNSEEN9, 0.84, 0.75),
        (UNSEEN10, 0.84, 0.7),
        (UNSEEN11, 0.82, 0.7),
        (UNSEEN12, 0.8, 0.7),
        (UNSEEN13, 0.84, 0.8),
        (UNSEEN14, 0.8, 0.5),
        (UNSEEN15, 0.8, 0.7),
    ],
    ids=[
        "unseen",
        "unseen4",
        "unseen5",
        "unseen6",
        "unseen7",
        "unseen8",
        "unseen9",
        "unseen10",
        "unseen11",
        "unseen12",
        "unseen13",
        "unseen14",
        "unseen15",
    ],
)
def test_unseen_documents_score_above_the_floor(
    shared_dir: Path, tmp_path: Path, folder: Path, overall: float, per_label: float
) -> None:
    """Minutes, reports, trackers and news of councils and years the seeds do not have, through the
    whole chain but loading, scored against their hand-made gold with the shared scorer."""
    import yaml

    scorer = _load_scorer(shared_dir)
    result = extract_paths([folder / "documents"], workers=1)
    assert not result.failed, [(d.source, d.error) for d in result.failed]
    out = tmp_path / "unseen.json"
    out.write_text(json.dumps(result.graph.to_json()), encoding="utf-8")
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    report = scorer.score(gold, scorer.load_graph(str(out)))
    summary = report["summary"]
    assert summary["overall_f1"] >= overall, summary
    # No kind of node may fall far behind while the others carry the average.
    assert min(v["f1"] for v in report["nodes"].values() if v["gold"]) >= per_label, report["nodes"]


def test_members_given_by_title_and_initials_are_councillors_and_the_dfe_commissioner_is_not() -> None:
    from ingest.people import find_people

    text = (
        "Present\n\nMr R C Lunn (Chairman), Mrs J A Potter (Vice-Chairman), Mr A R Hardwick (Leader) and "
        "Ms L J Fairbrother\n\nOfficers\n\nStephen Marchant (Chief Executive)\n\n"
        "A Review of the Service was received. The Commissioner attended."
    )
    people = find_people(text)
    members = {(p.name, p.kind, p.chairs) for p in people if p.member}
    assert members == {
        ("R C Lunn", "councillor", True),
        ("J A Potter", "councillor", False),
        ("A R Hardwick", "councillor", False),
        ("L J Fairbrother", "councillor", False),
    }
    assert not [p for p in people if p.role == "Commissioner"]
    assert not [p for p in people if p.name and p.name.startswith("Review")]


def test_officers_given_by_an_initial_and_a_surname_keep_their_names_and_teams_are_not_names() -> None:
    from ingest.people import find_people, parse_person_cell

    text = (
        "OFFICERS: D Kirkup, Strategic Director, Children and Learning; "
        "R Graham, Democratic Services Officer. A report by A Director of Children's Services."
    )
    assert [(p.name, p.role) for p in find_people(text)] == [
        ("D Kirkup", "Strategic Director, Children and Learning"),
        ("R Graham", "Democratic Services Officer"),
        (None, "Director of Children's Services"),
    ]
    # posts of a service named by its acronym or two joined words, and a titled name after the post
    assert [
        (p.name, p.role) for p in find_people("The MASH Team Manager and the IRO Service Manager met.")
    ] == [
        (None, "MASH Team Manager"),
        (None, "IRO Service Manager"),
    ]
    assert [
        (p.name, p.role) for p in find_people("Conference and Review Manager (Mr T Ridley) attended.")
    ] == [("T Ridley", "Conference and Review Manager")]
    # a title starts the next name; a members' list runs on over indented lines
    listed = find_people(
        "Councillor Naseem Akhtar Councillor Andrew Lapworth\n\n"
        "   Councillors: Jenny Coombes, Mark Dallimore,\n                Sian Probert\n"
    )
    assert [p.name for p in listed] == [
        "Naseem Akhtar",
        "Andrew Lapworth",
        "Jenny Coombes",
        "Mark Dallimore",
        "Sian Probert",
    ]
    # an attendance table: the initials the minutes use, and the attendance column, are not the post
    table = "Neil Hargreaves (NH) Assistant Director, Children's Social Care Present\n"
    assert [(p.name, p.role) for p in find_people(table)] == [
        ("Neil Hargreaves", "Assistant Director, Children's Social Care")
    ]
    # the team a post leads is not the person holding it
    assert parse_person_cell("Head of Service, Integrated Front Door") == (
        None,
        "Head of Service, Integrated Front Door",
        "officer",
    )
    assert parse_person_cell("Kate Ramsden, Head of Service") == (
        "Kate Ramsden",
        "Head of Service",
        "officer",
    )


def test_a_body_named_in_capitals_above_its_meeting_date_holds_the_meeting() -> None:
    from ingest.boards import find_meeting_heading

    heading = find_meeting_heading(
        "FAMILIES OVERVIEW AND SCRUTINY COMMITTEE\n\nMONDAY, 7 MARCH 2011\n\nCivic Centre"
    )
    assert heading is not None
    assert (heading.body, heading.date) == ("Families Overview and Scrutiny Committee", "2011-03-07")


def test_a_committee_named_for_its_remit_after_a_dash() -> None:
    from ingest.boards import BoardDirectory

    text = (
        "The Improvement and Scrutiny Committee – People will scrutinise progress. "
        "Report to Cabinet – 16 March 2016. The Cabinet – Minutes were agreed."
    )
    assert [b.name for b in BoardDirectory.build(text, []).boards] == [
        "Improvement and Scrutiny Committee – People",
        "Cabinet",
    ]


def test_boards_named_executive_or_commission_and_the_posts_that_are_not_boards() -> None:
    from ingest.boards import BoardDirectory

    text = (
        "The Chief Executive met the Executive Director. Each sub-group reports to the Partnership Executive. "
        "The SSCP Executive will monitor the plan; the Southend Safeguarding Children Partnership (SSCP) agreed. "
        "The KSCB Missing and Exploited Sub-Group met; the Kirklees Safeguarding Children Board (KSCB) heard it. "
        "The Board reports to the Children, Young People and Family Services Overview and Scrutiny Commission. "
        "The Care Quality Commission visited."
    )
    names = {b.name for b in BoardDirectory.build(text, []).boards}
    assert {
        "Partnership Executive",
        "SSCP Executive",
        "Missing and Exploited Sub-Group",
        "Children, Young People and Family Services Overview and Scrutiny Commission",
    } <= names
    assert not {"Chief Executive", "Executive", "Care Quality Commission"} & names


def test_sentences_under_a_heading_of_what_inspectors_found_are_findings() -> None:
    text = (
        "Rutland County Council\n\nReport to Cabinet, 4 December 2014\n\n"
        "1. BACKGROUND\n\n1.1 Ofsted inspected the council's children's services between 16 September and "
        "9 October 2014 under the single inspection framework.\n\n"
        "2. WHAT INSPECTORS FOUND\n\n"
        "2.1 Inspectors found that children at risk of harm are identified quickly. Children in care live in "
        "stable homes and are well supported by their carers. Care leavers are not always helped to find suitable "
        "accommodation. There is good work too, and our staff deserve to hear it.\n\n"
        "3. FINANCE\n\n3.1 The new team will cost £265,000 a year and is funded from reserves.\n"
    )
    g, _ = read_document(_text_doc(text, "rutland-cabinet-report.txt"))
    findings = sorted(
        (str(n.properties["polarity"]), str(n.properties["text"])) for n in g.with_label("Finding")
    )
    assert findings == [
        ("strength", "Children in care live in stable homes and are well supported by their carers"),
        ("strength", "children at risk of harm are identified quickly"),
        ("weakness", "Care leavers are not always helped to find suitable accommodation"),
    ]


def test_plan_items_name_their_lead_in_brackets_and_a_summing_up_line_gives_polarity() -> None:
    text = (
        "Rutland County Council\n\nReport to Cabinet, 4 December 2019\n\n"
        "1.1 Ofsted carried out a focused visit to the council's children's services on 13 and 14 November 2019.\n\n"
        "2.1 Inspectors also identified weaknesses. Workforce instability has meant that some children have "
        "had several changes of social worker.\n\n"
        "3.1 The main actions in the improvement plan are:\n\n"
        "   1.1  Agree a protocol with the acute trusts for emergency departments to notify the Hub\n"
        "        (Health Safeguarding Sub-Group, March 2020).\n"
        "   1.2  Hold a multi-agency audit of 20 children known to the Hub (Quality Assurance Sub-Group).\n\n"
        "4.1 The Children's Improvement Plan is being refreshed to reflect the visit. The Improvement Board will "
        "oversee the plan, and the council's Children's Services Scrutiny Panel will receive a progress report "
        "on it in May 2020.\n"
    )
    g, _ = read_document(_text_doc(text, "rutland-cabinet-report.txt"))
    findings = [(n.properties["polarity"], n.properties["text"]) for n in g.with_label("Finding")]
    assert findings == [
        (
            "weakness",
            "Workforce instability has meant that some children have had several changes of social worker",
        )
    ]
    owns = _rels(g, "OWNS")
    assert (
        "Health Safeguarding Sub-Group",
        "Agree a protocol with the acute trusts for emergency departments to notify the Hub "
        "(Health Safeguarding Sub-Group, March 2020)",
    ) in owns
    assert (
        "Quality Assurance Sub-Group",
        "Hold a multi-agency audit of 20 children known to the Hub (Quality Assurance Sub-Group)",
    ) in owns
    # the panel's commitment stands on its own, not joined to the sentence before
    assert (
        "Children's Services Scrutiny Panel",
        "the council's Children's Services Scrutiny Panel will receive a progress report on it in May 2020",
    ) in owns


def test_groups_listed_after_each_of_which_reports_to_a_board_report_to_it() -> None:
    text = (
        "Rutland Safeguarding Children Partnership\n\nReport to the People Scrutiny Committee, 4 October 2022\n\n"
        "2.1 The RSCP Executive is made up of the three partners and is supported by three sub-groups, "
        "each of which reports to the Executive:\n\n"
        "- the Front Door Sub-Group;\n- the Health Safeguarding Sub-Group;\n- the Learning Sub-Group.\n\n"
        "2.2 The Education Safeguarding Forum advises schools.\n"
    )
    g, _ = read_document(_text_doc(text, "rutland-report.txt"))
    assert _rels(g, "REPORTS_TO") == [
        ("Front Door Sub-Group", "RSCP Executive"),
        ("Health Safeguarding Sub-Group", "RSCP Executive"),
        ("Learning Sub-Group", "RSCP Executive"),
    ]


def test_whom_a_board_reports_to_when_its_subject_is_a_pronoun_a_pair_or_every_sub_group() -> None:
    text = (
        "Rutland County Council\n\nReport to the People Scrutiny Committee, 4 October 2022\n\n"
        "2.1 The Children's Services Excellence Board is chaired by the Chief Executive and oversees the plan. "
        "It reports to Cabinet twice a year.\n\n"
        "2.2 The Corporate Parenting Board and the Safeguarding Board are accountable for the actions given to them "
        "below and report on them to the Children's Services Excellence Board.\n\n"
        "2.3 The RSCP Executive Group meets monthly. Each action is owned by a sub-group; every sub-group "
        "reports to the Executive Group.\n\n"
        "2.4 The Rutland Safeguarding Children Board is led by the three partners. Its Front Door Sub-Group "
        "will oversee the referral work of the partnership and report to the full\n"
        "board every quarter. The Health Safeguarding Sub-Group audits records.\n"
    )
    g, _ = read_document(_text_doc(text, "rutland-report.txt"))
    reports = _rels(g, "REPORTS_TO")
    assert ("Children's Services Excellence Board", "Cabinet") in reports
    assert ("Corporate Parenting Board", "Children's Services Excellence Board") in reports
    assert ("Health Safeguarding Sub-Group", "RSCP Executive Group") in reports
    assert ("Rutland Safeguarding Children Board", "Children's Services Excellence Board") in reports
    assert ("Front Door Sub-Group", "Rutland Safeguarding Children Board") in reports
    # "It reports to Cabinet": Cabinet is what the board reports to, not a subject of its own
    assert not any(start == "Cabinet" for start, _ in reports)


def test_the_executive_and_mayor_and_cabinet_are_bodies() -> None:
    text = (
        "Lewisham Council\n\nImprovement board notes, 4 October 2025\n\n"
        "The Children's Social Care Improvement Board met on 1 October. The Board reports to Mayor and Cabinet "
        "after each meeting.\n\n"
        "The Southend Safeguarding Children Partnership is led by the SSCP Executive. The Quality Sub-Group "
        "will report progress on the plan to the Executive every two months.\n"
    )
    g, _ = read_document(_text_doc(text, "lewisham-notes.txt"))
    assert _rels(g, "REPORTS_TO") == [
        ("Children's Social Care Improvement Board", "Mayor and Cabinet"),
        ("Quality Sub-Group", "SSCP Executive"),
    ]


def test_a_monitoring_visit_after_an_inspection_held_on_dates_given_later_and_the_plan_it_checks() -> None:
    text = (
        "Croydon Council\n\nChildren and Young People Sub-Committee, 12 February 2019\n\n"
        "A4/19 Ofsted Monitoring Visit, January 2019\n\n"
        "The Sub-Committee considered a report on the outcome of Ofsted's fifth monitoring visit to Croydon since "
        "the inspection under the single inspection framework held from 6 March to 30 March 2017, which judged "
        "the Council's children's services to be inadequate. The visit took place on 15 and 16 January 2019 and "
        "looked at children in need. A draft of the Children's Improvement Plan was sent to Ofsted on 4 February "
        "2019.\n\n"
        "Inspectors had found that child protection enquiries are now timely and thorough.\n\n"
        "This is a change from Ofsted's focused visit in March 2018, which found that personal advisers were "
        "not always in contact with care leavers.\n"
    )
    g, _ = read_document(_text_doc(text, "croydon-minutes.txt"))
    inspections = {
        (str(n.properties.get("framework")), n.properties.get("start_date"), n.properties.get("year"))
        for n in g.with_label("Inspection")
    }
    assert inspections == {
        ("monitoring visit", "2019-01-15", 2019),
        ("SIF", "2017-03-06", 2017),
        ("focused visit", None, 2018),
    }
    found = {
        str(g.nodes[r.end].properties["text"]): g.nodes[r.start].properties["framework"]
        for r in g.relationships.values()
        if r.type == "FOUND"
    }
    assert found == {
        "child protection enquiries are now timely and thorough": "monitoring visit",
        "personal advisers were not always in contact with care leavers": "focused visit",
    }
    # the improvement plan answers the inspection that judged the services, not the visit
    (responds,) = [r for r in g.relationships.values() if r.type == "RESPONDS_TO"]
    assert g.nodes[responds.end].properties["framework"] == "SIF"


def test_a_news_story_dating_three_inspections_of_one_year_without_the_year() -> None:
    text = (
        "Children's services improving, say inspectors\n\nPublished: 9 November 2017\n\n"
        "Inspectors returned to Bracknell Forest Council's children's services on 10 and 11 October for their "
        "second monitoring visit since the services were rated inadequate in April.\n\n"
        "That rating followed a full inspection between 20 February and 14 March this year, which found serious "
        "weaknesses.\n\n"
        "The letter from the latest visit says that children are now seen regularly by social workers.\n\n"
        "The first monitoring visit, in July, found that referrals were now screened on the day they arrived.\n"
    )
    g, _ = read_document(_text_doc(text, "bracknell-news.txt"))
    inspections = {
        (n.properties.get("framework"), n.properties.get("start_date"), n.properties.get("judgement"))
        for n in g.with_label("Inspection")
    }
    assert inspections == {
        ("monitoring visit", "2017-10-10", None),
        (None, "2017-02-20", "inadequate"),
        ("monitoring visit", None, None),
    }
    found = {
        str(g.nodes[r.end].properties["text"]): g.nodes[r.start].properties.get("start_date")
        for r in g.relationships.values()
        if r.type == "FOUND"
    }
    assert found.get("children are now seen regularly by social workers") == "2017-10-10"


def test_recommendations_under_a_numbered_heading_after_a_run_in_number_and_above_their_tables() -> None:
    from ingest.parse import parse_bytes

    text = (
        "North East Lincolnshire Council\nChildren's Services Improvement Plan 2022\n1. Introduction\n"
        "Ofsted inspected our children's services under the inspection of local authority children's services "
        "(ILACS) framework from 10 to 21 January 2022 and judged them inadequate.\n"
        "3. What needs to improve?\n"
        "1. The timeliness and quality of the response to contacts and referrals at the front door.\n"
        "2. The stability and capacity of the social work workforce.\n"
        "4. Our priorities\n"
        "1. The right help at the right time for every family that needs it.\n"
    )
    g, _ = read_document(_text_doc(text, "nel-plan.txt"))
    assert _names(g, "Recommendation", "text") == [
        "The stability and capacity of the social work workforce",
        "The timeliness and quality of the response to contacts and referrals at the front door",
    ]
    html = (
        b"<html><body><h1>Waltham Forest Council: Children's Services Improvement Plan</h1>"
        b"<p><span>3.1</span>Ofsted inspected children's services in Waltham Forest under the single inspection "
        b"framework (SIF) from 3 to 26 February 2014 and judged them requires improvement.</p>"
        b"<p><span>3.3</span>The report made two recommendations for the council:</p>"
        b"<ul><li>Ensure that assessments are timely and analyse risk.</li>"
        b"<li>Improve the health assessments of children looked after.</li></ul>"
        b"<p>Recommendation 1: Ensure that assessments are timely and analyse risk.</p>"
        b"<table><tr><th>Ref</th><th>Action</th><th>Lead officer</th><th>Accountable body</th></tr>"
        b"<tr><td>1.1</td><td>Introduce an assessment timeliness tracker</td><td>Head of Service</td>"
        b"<td>Practice Quality Group</td></tr></table></body></html>"
    )
    doc = parse_bytes(html, "waltham-forest-plan.html")
    g, _ = read_document(doc)
    recommendations = _names(g, "Recommendation", "text")
    assert "Improve the health assessments of children looked after" in recommendations
    addressed = {
        (str(g.nodes[r.start].properties["text"]), str(g.nodes[r.end].properties["text"]))
        for r in g.relationships.values()
        if r.type == "ADDRESSES"
    }
    assert any(
        a == "Introduce an assessment timeliness tracker" and "assessments are timely" in t
        for a, t in addressed
    )


def test_a_page_s_council_is_the_site_its_title_names_and_a_newsletter_opening_on_a_visit_is_about_it() -> (
    None
):
    from ingest.parse import parse_bytes

    page = (
        b"<html><head><title>Ofsted inspection 2024: what we will do next | Royal Borough of Windsor and "
        b"Maidenhead</title></head><body><h1>Ofsted inspection 2024</h1><p>Ofsted carried out a short inspection "
        b"of our children's services from 22 to 26 January 2024 and judged them good.</p>"
        b"<p>We buy some accommodation jointly with Bracknell Forest.</p></body></html>"
    )
    g, _ = read_document(parse_bytes(page, "page.html"))
    assert _rels(g, "INSPECTED") == [("Inspection:E06000040/ilacs/2024-01-22", "Windsor and Maidenhead")]

    text = (
        "NORTH SOMERSET COUNCIL\nINSIDE NORTH SOMERSET - the newsletter for staff\nFriday 27 February 2026\n\n"
        "OFSTED'S SECOND MONITORING VISIT: WHAT INSPECTORS SAID\n\n"
        "Thank you to everyone who spoke to inspectors during Ofsted's second monitoring visit to our children's "
        "services on 20 and 21 January 2026.\n\n"
        "Ofsted's inspection of our children's services\nin June 2025 (the ILACS inspection of 2 to 13 June) judged "
        "them inadequate.\n\n"
        "What inspectors said\n\n"
        "Inspectors found that children referred to us are now seen more quickly.\n"
    )
    g, _ = read_document(_text_doc(text, "newsletter.txt"))
    found = {
        str(g.nodes[r.end].properties["text"]): g.nodes[r.start].properties.get("framework")
        for r in g.relationships.values()
        if r.type == "FOUND"
    }
    assert found == {"children referred to us are now seen more quickly": "monitoring visit"}
    frameworks = sorted(str(n.properties.get("framework")) for n in g.with_label("Inspection"))
    assert frameworks == ["ILACS", "monitoring visit"]


def test_plan_items_under_the_areas_for_improvement_they_answer_with_their_fields() -> None:
    text = (
        "East Riding of Yorkshire Council\n\nCorporate Parenting Panel - 21 January 2020\n\n"
        "1. Ofsted carried out a focused visit to the council's services for care leavers on 19 and 20 November "
        "2019.\n\n"
        "APPENDIX 1\n\nCARE LEAVERS ACTION PLAN\n\n"
        "Area for improvement 1: Pathway plans\n\n"
        "  1.1  Review every care leaver's pathway plan within six weeks of a change\n"
        "       of address, education or health.\n"
        "       Lead: Service Manager, Leaving Care   Due: March 2020\n"
        "       Reports to: Care Leavers Sub-Group\n\n"
        "  1.2  Introduce a two-page pathway plan written with the young person.\n"
        "       Lead: Principal Social Worker          Due: April 2020\n"
        "       Reports to: Corporate Parenting Panel\n"
    )
    g, _ = read_document(_text_doc(text, "east-riding-report.txt"))
    assert _names(g, "Recommendation", "text") == []
    assert _rels(g, "OWNS") == [
        ("Care Leavers Sub-Group", "Review every care leaver's pathway plan within six weeks of a change of address, "
         "education or health"),
        ("Corporate Parenting Panel", "Introduce a two-page pathway plan written with the young person"),
    ]  # fmt: skip


def test_the_body_above_minutes_of_the_meeting_and_initials_in_an_action_log() -> None:
    text = (
        "Hillingdon Council\n\nChildren's Services Improvement Board\n\n"
        "Minutes of the meeting held on Thursday 27 June 2019\n\n"
        "Present: Sarah Fennimore-Cole (SFC), Corporate Director, Social Care\n\n"
        "SFC presented the Hillingdon Children's Improvement Plan 2019-2021, which answers the Ofsted "
        "inspection of local authority children's services of 4 to 15 March 2019. The Board oversees the plan.\n\n"
        "Action log\n\n"
        "Ref | Action | Owner | Due\n"
        "CIB/19/07 | Share the revised supervision policy with all team managers | SFC | 11/07/2019\n"
        "CIB/19/08 | Circulate the monitoring visit timetable to Board members | SFC | 04/07/2019\n"
    )
    g, _ = read_document(_text_doc(text, "hillingdon-minutes.txt"))
    assert "SFC" not in _names(g, "Board")
    assert ("Children's Services Improvement Board", "Hillingdon Children's Improvement Plan") in _rels(
        g, "MONITORS"
    )


def test_a_motion_quoting_the_inspection_states_it() -> None:
    text = (
        "NORTHAMPTONSHIRE COUNTY COUNCIL\n\nMEETING OF THE COUNTY COUNCIL - THURSDAY 24 JULY 2014\n\n"
        "CLLR NASREEN SHAH-DEVLIN moved the motion:\n\n"
        "  \"This Council notes that Ofsted's inspection of services for children in need of help and protection, "
        "children looked after and care leavers, carried out under the single inspection framework from 12 May "
        "to 4 June 2014, judged the County Council's children's services to be inadequate.\"\n\n"
        "She said the report made for hard reading. Inspectors had found that too many children had waited too "
        "long for an assessment.\n\n"
        "She reminded members that at the inspection of safeguarding and looked after children services in 2011 "
        "both services had been judged adequate.\n"
    )
    g, _ = read_document(_text_doc(text, "northants-council.txt"))
    found = {
        str(g.nodes[r.end].properties["text"]): g.nodes[r.start].properties.get("year")
        for r in g.relationships.values()
        if r.type == "FOUND"
    }
    assert found == {"too many children had waited too long for an assessment": 2014}


def test_a_body_never_named_but_the_committee_is_left_out() -> None:
    text = (
        "Rutland County Council\n\nMinutes, 4 October 2022\n\n"
        "1. Ofsted carried out a focused visit to the council's children's services on 6 and 7 September 2022.\n\n"
        "RESOLVED that the action plan be submitted to the Committee at its meeting in January 2023.\n\n"
        "2. The Cabinet will receive a progress report on the action plan in March 2023.\n"
    )
    g, _ = read_document(_text_doc(text, "rutland-minutes.txt"))
    assert _names(g, "Board") == ["Cabinet"]
    assert all(r.start in g.nodes and r.end in g.nodes for r in g.relationships.values())


def test_a_joint_inspection_s_written_statement_of_action_is_its_plan() -> None:
    text = (
        "Rutland County Council\n\nReport to the People Scrutiny Committee, 4 October 2022\n\n"
        "1.1 Ofsted, the Care Quality Commission and HMICFRS carried out a joint targeted area inspection "
        "(JTAI) of the multi-agency response to children at risk of exploitation in Rutland from 6 to 10 June 2022.\n\n"
        "1.2 The partnership sent its written statement of action to Ofsted on 30 September 2022. The Executive "
        "Group will monitor the written statement of action every quarter.\n"
    )
    g, _ = read_document(_text_doc(text, "rutland-report.txt"))
    assert _names(g, "ActionPlan", "title") == ["Written statement of action"]
    assert len(_rels(g, "RESPONDS_TO")) == 1


def test_a_numbered_paragraph_can_introduce_the_report_s_recommendations() -> None:
    text = (
        "Rutland County Council\n\nBriefing for the Lead Member, 6 March 2017\n\n"
        "1. Ofsted inspected the council's children's services under the single inspection framework from "
        "9 January to 2 February 2017.\n\n"
        "Recommendations\n\n"
        "2. The report makes two recommendations to the local authority:\n\n"
        "(1) Ensure that return home interviews are offered to all children who go missing.\n\n"
        "(2) Improve the quality and timeliness of pathway plans for care leavers.\n\n"
        "3. A draft plan will go to the Children's Improvement Board on 21 March 2017.\n"
    )
    g, _ = read_document(_text_doc(text, "rutland-briefing.txt"))
    assert sorted((n.properties["number"], n.properties["text"]) for n in g.with_label("Recommendation")) == [
        (1, "Ensure that return home interviews are offered to all children who go missing"),
        (2, "Improve the quality and timeliness of pathway plans for care leavers"),
    ]


def test_a_committee_that_has_asked_to_receive_progress_reports_owns_that_and_monitors_the_plan() -> None:
    text = (
        "Rutland County Council\n\nBriefing for the Lead Member, 6 March 2017\n\n"
        "1. Ofsted inspected the council's children's services under the single inspection framework from "
        "9 January to 2 February 2017.\n\n"
        "2. A draft Improving Outcomes Plan 2017-18 will be submitted to Ofsted by 12 June 2017.\n\n"
        "3. The People Select Committee has asked to receive a progress report on the plan every quarter, "
        "starting in July 2017.\n"
    )
    g, _ = read_document(_text_doc(text, "rutland-briefing.txt"))
    assert ("People Select Committee", "Improving Outcomes Plan") in _rels(g, "MONITORS")
    assert (
        "People Select Committee",
        "The People Select Committee has asked to receive a progress report on the plan every quarter, "
        "starting in July 2017",
    ) in _rels(g, "OWNS")


def test_what_the_report_says_the_council_should_do_are_its_recommendations() -> None:
    from ingest.council_docs import _inline_recommendations

    sent = (
        "The report says the council should, within three months, ensure that all looked after children have "
        "an up-to-date health assessment, and, within six months, improve the quality of care plans."
    )
    assert [sent[a:z].rstrip(".") for a, z in _inline_recommendations(sent)] == [
        "ensure that all looked after children have an up-to-date health assessment",
        "improve the quality of care plans",
    ]
    assert _inline_recommendations("The council should improve its website, and it will.") == []


def test_a_report_s_recommendations_listed_under_sub_headings_and_a_second_lead_in() -> None:
    # As a PDF's text gives it: no blank lines, a sub-heading inside the list, an LSCB list after it.
    text = (
        "SEFTON METROPOLITAN BOROUGH COUNCIL\nReport to: Cabinet\nDate of Meeting: 4 December 2014\n"
        "1. BACKGROUND\n1.1 Ofsted inspected the Council's services for children between 16 September and "
        "9 October 2014 under the single inspection framework (SIF).\n"
        "4. WHAT THE LOCAL AUTHORITY NEEDS TO IMPROVE\n"
        "4.1 The report sets out one priority and two areas for improvement, numbered as in the report:\n"
        "Priority and immediate action\n"
        "1. Ensure that no care leaver is placed in bed and breakfast accommodation.\n"
        "Areas for improvement\n"
        "2. Ensure that assessments are completed within timescales that meet children's needs.\n"
        "3. Reduce caseloads in the Safeguarding Teams.\n"
        "4.2 The review of the LSCB made two recommendations, numbered 118 and 119 in the report:\n"
        "118. Ensure that the LSCB's audits lead to changes in practice. 119. Strengthen the Board's oversight "
        "of children missing from home.\n"
        "5. THE IMPROVEMENT PLAN\n"
        "5.1 The plan answers each recommendation. Its priority actions are:\n"
        "(a) a new team of five social workers from February 2015.\n"
    )
    g, _ = read_document(_text_doc(text, "sefton-report.txt"))
    recommendations = sorted(
        (n.properties["number"], n.properties["text"]) for n in g.with_label("Recommendation")
    )
    assert recommendations == [
        (1, "Ensure that no care leaver is placed in bed and breakfast accommodation"),
        (2, "Ensure that assessments are completed within timescales that meet children's needs"),
        (3, "Reduce caseloads in the Safeguarding Teams"),
        (118, "Ensure that the LSCB's audits lead to changes in practice"),
        (119, "Strengthen the Board's oversight of children missing from home"),
    ]
    # what the inspection asked for is not also an action; the plan's own priorities are
    actions = _names(g, "Action", "text")
    assert not [a for a in actions if a.startswith("Ensure")]
    assert "a new team of five social workers from February 2015" in actions


def test_a_visit_since_an_inspection_in_a_named_month_tells_of_both() -> None:
    text = (
        "Lewisham Council\n\nChildren's Social Care Improvement Board\n\nMinutes of the meeting held on 3 March 2026\n\n"
        "3. Ngozi Ellery reported on the second monitoring visit since the inspection of local authority "
        "children's services (ILACS) in March 2025, which judged Lewisham's services inadequate. Inspectors "
        "visited on 27 and 28 January 2026.\n"
    )
    g, _ = read_document(_text_doc(text, "lewisham-minutes.txt"))
    inspections = sorted(
        (p.get("framework"), p.get("year"), p.get("judgement"))
        for p in (n.properties for n in g.with_label("Inspection"))
    )
    assert ("ILACS", 2025, "inadequate") in inspections
    assert ("monitoring visit", 2026, None) in inspections
    assert not [i for i in inspections if i[0] == "ILACS" and i[1] == 2026]


def test_a_scrutiny_board_for_services_and_education_is_one_body_and_spreadsheets_are_never_reports() -> None:
    from ingest.boards import BoardDirectory
    from ingest.ofsted_report import OfstedReportExtractor

    text = "The Children's Services and Education Scrutiny Board will receive a progress report on the plan."
    assert [b.name for b in BoardDirectory.build(text, []).boards] == [
        "Children's Services and Education Scrutiny Board"
    ]
    cover = _text_doc("Inspection report published 21 March 2019\nOverall effectiveness: Good\n")
    spreadsheet = ParsedDocument(
        source="t.xlsx", sha256=cover.sha256, format="xlsx", text=cover.text, tables=cover.tables
    )
    assert OfstedReportExtractor().accepts(spreadsheet) == 0.0
