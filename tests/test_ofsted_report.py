"""The Ofsted report extractor: golden graphs of invented reports, and the dev gold's real ones.

Fixture reports (tests/fixtures/reports/, see its README) are written for these tests
about invented councils, which a test gazetteer adds to the project's own. Their
extracted graphs are compared with golden JSON; after an intended change, rewrite the
goldens with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_ofsted_report.py` and review
the diff. The corpus tests read ../shared and are skipped where it is absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from ingest.councils import Council, CouncilGazetteer
from ingest.document import Metadata, ParsedDocument
from ingest.ofsted_report import OfstedReportExtractor
from ingest.pdf import parse_pdf
from schema.graphdoc import GraphDoc, Node, Relationship
from schema.vocabulary import Label, RelType

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "reports"
GOLDEN = FIXTURES / "golden"
SHARED = ROOT.parent / "shared"
DEV_GOLD = SHARED / "eval" / "gold" / "ofsted-dev.yaml"

INVENTED = (
    ("E99000001", "Barchester", ("Barchester City Council",)),
    ("E99000002", "Wessex Vale", ("Wessex Vale Council",)),
    ("E99000003", "Port Tarrow", ("Port Tarrow Borough Council",)),
    ("E99000004", "Hillbury", ()),
    ("E99000005", "Kingsmarsh", ("Kingsmarsh Borough Council",)),
    ("E99000006", "Lowfield", ()),
)
REPORTS = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".pdf"))


@pytest.fixture(scope="module")
def extractor() -> OfstedReportExtractor:
    invented = [
        Council(code, name, "Test region", f"9{code[-4:]}", f"9{code[-2:]}", "Unitary", aliases, (), False)
        for code, name, aliases in INVENTED
    ]
    return OfstedReportExtractor(CouncilGazetteer([*CouncilGazetteer.load().councils, *invented]))


def load(name: str) -> ParsedDocument:
    """A fixture as the parse step hands it over: PDF through the PDF reader, text as it is."""
    path = FIXTURES / name
    data = path.read_bytes()
    source = f"tests/fixtures/reports/{name}"
    digest = hashlib.sha256(data).hexdigest()
    if name.endswith(".pdf"):
        return parse_pdf(data, source=source, sha256=digest, metadata=Metadata())
    return ParsedDocument(source=source, sha256=digest, format="text", text=data.decode("utf-8"))


def nodes(graph: GraphDoc, label: str) -> list[dict[str, Any]]:
    return [node.properties for node in graph.with_label(label)]


def inspection(graph: GraphDoc) -> dict[str, Any]:
    (props,) = nodes(graph, Label.INSPECTION)
    return props


def recommendations(graph: GraphDoc) -> list[dict[str, Any]]:
    return sorted(nodes(graph, Label.RECOMMENDATION), key=lambda p: p["number"])


# ----------------------------------------------------------------------------- golden graphs


@pytest.mark.parametrize("name", REPORTS)
def test_extracted_graph_matches_golden(name: str, extractor: OfstedReportExtractor) -> None:
    graph = extractor.extract(load(name))
    got = graph.to_json()
    golden = GOLDEN / f"{Path(name).stem}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden graph for {name}: run with UPDATE_GOLDEN=1 and review it"
    assert got == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", REPORTS)
def test_every_node_and_relationship_carries_exact_evidence(
    name: str, extractor: OfstedReportExtractor
) -> None:
    doc = load(name)
    graph = extractor.extract(doc)
    assert graph.nodes
    items: list[Node | Relationship] = [*graph.nodes.values(), *graph.relationships.values()]
    for item in items:
        assert item.evidence, f"{item} has no evidence"
        for ev in item.evidence:
            assert ev.document == doc.uid
            assert doc.text[ev.start : ev.end] == ev.quote
            assert ev.quote
            assert ev.quote.strip() == ev.quote
    # The pipeline adds the Document node; the extractor only points at it.
    assert not list(graph.with_label(Label.DOCUMENT))


@pytest.mark.parametrize("name", REPORTS)
def test_fixture_reports_are_accepted(name: str, extractor: OfstedReportExtractor) -> None:
    assert extractor.accepts(load(name)) >= 0.9


# ----------------------------------------------------------------------------- what is read


def test_sif_report_in_text_with_wrapped_lines(extractor: OfstedReportExtractor) -> None:
    graph = extractor.extract(load("barchester-sif-2014.txt"))
    (council,) = nodes(graph, Label.COUNCIL)
    assert council["name"] == "Barchester"
    props = inspection(graph)
    assert props["framework"] == "SIF"
    assert (props["start_date"], props["end_date"], props["year"]) == ("2014-11-18", "2014-12-10", 2014)
    assert props["published_date"] == "2015-01-30"
    assert props["judgement"] == "inadequate"
    assert props["judgement_children_in_care"] == "requires improvement"
    assert props["judgement_lscb"] == "inadequate"
    recs = recommendations(graph)
    assert [r["number"] for r in recs] == [4, 5, 6, 7, 8, 9, 112, 113, 114]
    # Lines the file wrapped are joined; the sub-list headings are not part of any item.
    assert recs[0]["text"] == (
        "Ensure that senior leaders and elected members receive accurate information about the quality "
        "of frontline practice, and use it to challenge and drive improvement."
    )
    assert [r["section"] for r in recs[:4]] == ["priority and immediate action"] * 3 + [
        "areas for improvement"
    ]
    assert {r["section"] for r in recs[6:]} == {"lscb"}
    assert recs[6]["priority"] == "immediate"
    boards = nodes(graph, Label.BOARD)
    assert [b["name"] for b in boards] == ["Barchester Local Safeguarding Children Board"]


def test_sif_findings_take_the_summary_verdict(extractor: OfstedReportExtractor) -> None:
    graph = extractor.extract(load("barchester-sif-2014.txt"))
    findings = {f["text"]: f["polarity"] for f in nodes(graph, Label.FINDING)}
    assert (
        findings[
            "Caseloads in the assessment teams are too high for social workers to see children as often as "
            "their plans require."
        ]
        == "weakness"
    )
    assert findings[
        "Foster carers are well trained and feel supported by their supervising social workers."
    ] == ("strength")
    # What needs to improve is recommendations, not findings.
    assert not any(text.startswith("Ensure") for text in findings)


def test_ilacs_report_with_separate_judgements(extractor: OfstedReportExtractor) -> None:
    graph = extractor.extract(load("lowfield-ilacs-2023.pdf"))
    props = inspection(graph)
    assert props["framework"] == "ILACS"
    assert props["judgement"] == "requires improvement"
    assert props["judgement_help_and_protection"] == "good"
    assert props["judgement_children_in_care"] == "requires improvement"
    assert props["judgement_care_leavers"] == "inadequate"
    assert "judgement_children_in_care_and_care_leavers" not in props
    recs = recommendations(graph)
    assert [r["number"] for r in recs] == [1, 2, 3]
    assert recs[1]["text"] == (
        "Management oversight of plans for children in care, so that plans are reviewed when children’s "
        "needs change and delays in securing permanence are avoided for every child."
    )


def test_early_ilacs_report_names_the_council_first(extractor: OfstedReportExtractor) -> None:
    graph = extractor.extract(load("wessex-vale-ilacs-2019.txt"))
    props = inspection(graph)
    assert props["framework"] == "ILACS"
    assert (props["start_date"], props["end_date"]) == ("2019-02-25", "2019-03-08")
    assert props["judgement"] == "good"
    assert props["judgement_children_in_care_and_care_leavers"] == "good"
    assert props["judgement_help_and_protection"] == "requires improvement"
    assert len(recommendations(graph)) == 3


def test_focused_visit_letter(extractor: OfstedReportExtractor) -> None:
    graph = extractor.extract(load("port-tarrow-focused-visit-2021.txt"))
    # Ofsted's own address is in Manchester; the letter is about Port Tarrow.
    assert [c["name"] for c in nodes(graph, Label.COUNCIL)] == ["Port Tarrow"]
    props = inspection(graph)
    assert props["framework"] == "focused visit"
    assert (props["start_date"], props["end_date"]) == ("2021-10-19", "2021-10-20")
    assert "judgement" not in props
    recs = recommendations(graph)
    assert [(r["number"], r["section"], r.get("priority")) for r in recs] == [
        (1, "what needs to improve", None),
        (2, "what needs to improve", None),
        (3, "areas for priority action", "priority"),
    ]


def test_joint_targeted_area_inspection(extractor: OfstedReportExtractor) -> None:
    graph = extractor.extract(load("hillbury-jtai-2022.txt"))
    props = inspection(graph)
    assert props["framework"] == "JTAI"
    assert (props["start_date"], props["end_date"]) == ("2022-03-07", "2022-03-11")
    assert [c["name"] for c in nodes(graph, Label.COUNCIL)] == ["Hillbury"]
    assert len(recommendations(graph)) == 2


def test_late_sif_pdf_with_lscb_recommendations(extractor: OfstedReportExtractor) -> None:
    graph = extractor.extract(load("kingsmarsh-sif-2017.pdf"))
    props = inspection(graph)
    assert (props["framework"], props["judgement"], props["published_date"]) == (
        "SIF",
        "requires improvement",
        "2017-05-12",
    )
    recs = recommendations(graph)
    # The contents page repeats "Recommendations" twice; only the real lists are read.
    assert [r["number"] for r in recs] == [1, 2, 3, 4, 5, 6, 7, 41, 42]
    assert recs[5]["text"].endswith("across the borough and to shape the local response to exploitation.")
    assert [r["section"] for r in recs[-2:]] == ["lscb", "lscb"]
    (board,) = nodes(graph, Label.BOARD)
    assert (board["name"], board["acronym"]) == ("Kingsmarsh Safeguarding Children Board", "KSCB")
    rel_types = {rel.type for rel in graph.relationships.values()}
    assert {RelType.INSPECTED, RelType.RECOMMENDED, RelType.FOUND, RelType.PART_OF} <= rel_types


def test_dates_in_the_forms_reports_use(extractor: OfstedReportExtractor) -> None:
    cases = {
        "Inspection dates: 20 May to 11 June 2014": ("2014-05-20", "2014-06-11"),
        "Inspection date: 14 January 2014 – 5 February 2014": ("2014-01-14", "2014-02-05"),
        "Inspection date: 8 – 12 July 2013": ("2013-07-08", "2013-07-12"),
        "Inspection dates: 29 December 2014 to 9 January 2015": ("2014-12-29", "2015-01-09"),
        "Inspection dates: 29 December to 9 January 2015": ("2014-12-29", "2015-01-09"),
        "Inspection date: 19/11/2013 – 11/12/2013": ("2013-11-19", "2013-12-11"),
        "Inspection dates: 5 to 9 December 2022 and 14 to 15 February 2023": ("2022-12-05", "2023-02-15"),
        "Inspection date: 3rd–14th March 2016": ("2016-03-03", "2016-03-14"),
    }
    for line, (start, end) in cases.items():
        text = (
            f"Inspection of Lowfield local authority children’s services\n{line}\nLead inspector: A Person\n"
        )
        doc = ParsedDocument(source="report.txt", sha256="0" * 64, format="text", text=text)
        props = inspection(extractor.extract(doc))
        assert (props["start_date"], props["end_date"]) == (start, end), line
        assert props["year"] == int(start[:4])


def test_publication_date_from_the_file_name_when_not_stated(extractor: OfstedReportExtractor) -> None:
    text = "Inspection of Lowfield local authority children’s services\nInspection dates: 3 to 14 July 2023\n"
    for source, published in (
        ("reports/lowfield/children_s_services_inspection-25_august_2023.pdf", "2023-08-25"),
        ("lowfield-report-2023-09-01.pdf", "2023-09-01"),
        ("lowfield-report.pdf", None),
    ):
        doc = ParsedDocument(source=source, sha256="0" * 64, format="text", text=text)
        assert inspection(extractor.extract(doc)).get("published_date") == published


def test_minutes_about_a_report_are_not_taken_for_one(extractor: OfstedReportExtractor) -> None:
    text = (
        "Agenda item 7\nOfsted inspection of Lowfield's children's services\n"
        "The Director presented the Ofsted report. Members noted that overall effectiveness was judged to "
        "require improvement and asked for the action plan to come back in March.\n"
    )
    doc = ParsedDocument(source="minutes.txt", sha256="0" * 64, format="text", text=text)
    assert extractor.accepts(doc) < 0.5


def test_no_council_no_graph(extractor: OfstedReportExtractor) -> None:
    text = "Inspection of Nowhere local authority children’s services\nInspection dates: 3 to 14 July 2023\n"
    doc = ParsedDocument(source="report.txt", sha256="0" * 64, format="text", text=text)
    assert not extractor.extract(doc).nodes


# ----------------------------------------------------------------------------- the shared corpus


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def _dev_gold() -> dict[str, Any]:
    if not DEV_GOLD.exists():
        pytest.skip(f"{DEV_GOLD} is absent: the shared corpus and its gold are not beside the checkout")
    gold: dict[str, Any] = yaml.safe_load(DEV_GOLD.read_text(encoding="utf-8"))
    return gold


def _dev_documents() -> list[str]:
    if not DEV_GOLD.exists():
        return []
    gold = yaml.safe_load(DEV_GOLD.read_text(encoding="utf-8"))
    return [doc["path"] for doc in gold["documents"]]


@pytest.mark.corpus
@pytest.mark.parametrize("path", _dev_documents() or ["(no shared corpus)"])
def test_dev_gold_report(path: str) -> None:
    gold = _dev_gold()
    doc_entry = next(d for d in gold["documents"] if d["path"] == path)
    want = next(i for i in gold["inspections"] if i["key"] == doc_entry["inspection"])
    council_gold = next(c for c in gold["councils"] if c["key"] == want["council"])
    file = SHARED / "corpus" / path
    data = file.read_bytes()
    doc = parse_pdf(data, source=str(file), sha256=hashlib.sha256(data).hexdigest(), metadata=Metadata())
    extractor = OfstedReportExtractor()
    assert extractor.accepts(doc) >= 0.9
    graph = extractor.extract(doc)
    (council,) = nodes(graph, Label.COUNCIL)
    assert council["name"] == council_gold["name"]
    props = inspection(graph)
    assert props["framework"] == want["framework"]
    assert props["year"] == want["year"]
    assert props["start_date"] == str(want["start_date"])
    assert props["end_date"] == str(want["end_date"])
    assert props["published_date"] == str(want["published_date"])
    assert props["judgement"] == want["judgement"]
    if want.get("lscb_judgement"):
        assert props["judgement_lscb"] == want["lscb_judgement"]
    got = recommendations(graph)
    expected = [r for r in gold["recommendations"] if r["inspection"] == want["key"]]
    assert len(got) == len(expected)
    assert sorted(_words(r["text"]) for r in got) == sorted(_words(r["text"]) for r in expected)
    numbered = {r["number"]: _words(r["text"]) for r in expected if "number" in r}
    for rec in got:
        if rec["number"] in numbered:
            assert _words(rec["text"]) == numbered[rec["number"]]
