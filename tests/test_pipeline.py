"""The chain as a whole: bad documents are reported by name and lose nothing else."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ingest.parse import sniff_format
from ingest.pipeline import extract_paths
from schema.vocabulary import Label

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "ingest" / "samples" / "documents"


def _bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    pdf = next(ROOT.joinpath("tests", "fixtures", "reports").glob("*.pdf")).read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (folder / "latin1.txt").write_bytes(
        "Cabinet of Torbay Council noted the Ofsted report and the Director’s action plan. Café".encode(
            "cp1252"
        )
    )
    (folder / "no-council.md").write_text(
        "The committee noted the inspection report and agreed the action plan.\n"
    )
    huge = folder / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(100 * 1024 * 1024)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04" + os.urandom(300))
    return folder


def test_bad_documents_are_named_and_the_rest_is_kept(tmp_path: Path) -> None:
    good = extract_paths([SAMPLES], workers=1)
    result = extract_paths([_bad_folder(tmp_path)], workers=2)
    errors = {Path(d.source).name: d.error for d in result.documents if d.error}
    assert set(errors) == {"empty.pdf", "binary.txt", "truncated.pdf", "huge.txt", "broken.docx"}
    assert "empty" in str(errors["empty.pdf"])
    assert "binary" in str(errors["binary.txt"])
    assert "MB" in str(errors["huge.txt"])
    # Everything the good documents said is still there.
    assert set(good.graph.nodes) <= set(result.graph.nodes)
    warnings = {Path(d.source).name: d.warnings for d in result.documents}
    assert any("names no council" in w for w in warnings["no-council.md"])
    latin = next(d for d in result.documents if d.source.endswith("latin1.txt"))
    assert latin.error is None
    assert latin.graph is not None
    assert any(n.properties.get("name") == "Torbay" for n in latin.graph.with_label(Label.COUNCIL))


def test_the_same_input_gives_the_same_graph(tmp_path: Path) -> None:
    one = extract_paths([SAMPLES], workers=2).graph.to_json()
    two = extract_paths([SAMPLES], workers=1).graph.to_json()
    assert one == two


def test_format_is_told_by_content_before_name() -> None:
    assert sniff_format(b"%PDF-1.7 ...", "report.txt") == "pdf"
    assert sniff_format(b"<!DOCTYPE html><html><body>x</body></html>", "minutes") == "html"
    assert sniff_format(b"a,b\n1,2\n", "tracker.csv") == "csv"
    assert sniff_format(b"plain words", "notes") == "text"


def test_a_spreadsheet_s_cover_cells_say_who_monitors_the_plan_its_rows_set_out(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Cover"
    ws.append(["Rutland County Council"])
    ws.append(["Focused Visit Improvement Plan 2021-22"])
    ws.append(["Ofsted focused visit: 13 and 14 July 2021 (letter published 20 August 2021)."])
    ws.append(["Governance: this plan is monitored monthly by the Children's Quality Assurance Board."])
    actions = wb.create_sheet("Actions")
    actions.append(["Ref", "Action", "Lead officer", "Board", "Due"])
    actions.append(
        ["1.1", "Call back every school contact that lacks information", "Head of Service", "", "Oct 2021"]
    )
    path = tmp_path / "rutland-tracker.xlsx"
    wb.save(path)
    result = extract_paths([path], workers=1)
    g = result.graph
    (plan,) = g.with_label(Label.ACTION_PLAN)
    monitors = [r for r in g.relationships.values() if r.type == "MONITORS"]
    assert [(g.nodes[r.start].properties["name"], r.end) for r in monitors] == [
        ("Children's Quality Assurance Board", plan.uid)
    ]
    assert [r.start for r in g.relationships.values() if r.type == "INCLUDES"] == [plan.uid]
