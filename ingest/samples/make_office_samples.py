"""Write the sample corpus's Word report and Excel tracker (their content is invented).

    .venv/bin/python ingest/samples/make_office_samples.py [OUTPUT_FOLDER]

The files are written to `ingest/samples/documents/` unless another folder is given.
Their content is fixed, and the ZIP timestamps and document properties are pinned, so
running the script again writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2019, 9, 1, 9, 0, 0)

# (reference, Ofsted recommendation, action, lead officer, owning board, target date, RAG, status, progress)
TRACKER_ROWS: list[tuple[str, str, str, str, str, dt.date | str, str, str, str]] = [
    (
        "1.1",
        "The understanding and use of the early help offer by partner agencies.",
        "Publish a refreshed early help strategy agreed with the Safeguarding Children Partnership.",
        "Head of Early Help",
        "Sefton Safeguarding Children Partnership",
        dt.date(2019, 9, 30),
        "Green",
        "Complete",
        "Strategy launched at the partnership conference.",
    ),
    (
        "1.2",
        "",
        "Train staff in schools and health services to complete early help assessments.",
        "Head of Early Help",
        "Children's Improvement Board",
        dt.date(2020, 1, 31),
        "Amber",
        "In progress",
        "Two of five training cohorts complete.",
    ),
    (
        "2.1",
        "The quality and timeliness of pathway plans for care leavers, including how young people contribute to them.",
        "Introduce a new pathway plan template co-designed with care leavers.",
        "Service Manager, Leaving Care",
        "Corporate Parenting Board",
        dt.date(2019, 12, 31),
        "Green",
        "On track",
        "Template piloted with two personal adviser teams.",
    ),
    (
        "2.2",
        "",
        "Recruit four additional personal advisers for care leavers.",
        "Jo Ellison, Head of Service, Children in Care",
        "Corporate Parenting Board",
        "March 2020",
        "Red",
        "Delayed",
        "Recruitment round closed with two appointments.",
    ),
    (
        "3.1",
        "Management oversight and the quality of supervision of social workers.",
        "Audit supervision records monthly and report themes to the Quality Assurance Group.",
        "Principal Social Worker",
        "Children's Improvement Board",
        dt.date(2019, 11, 30),
        "Amber",
        "In progress",
        "data_unreadable",
    ),
    (
        "4.1",
        "The consistency of return home interviews for children who go missing.",
        "Commission a single provider for return home interviews across the borough.",
        "Head of Safeguarding",
        "Sefton Safeguarding Children Partnership",
        dt.date(2020, 4, 1),
        "Green",
        "Not started",
        "",
    ),
]


def _pin_zip(data: bytes) -> bytes:
    """The same ZIP with every entry's timestamp pinned, so that the output is reproducible."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            pinned = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # Libraries stamp the time of saving here; the fixed time keeps the bytes stable.
                stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            target.writestr(pinned, content)
    return out.getvalue()


def write_report(path: Path) -> None:
    """A council report to the Children's Improvement Board on the action plan."""
    d = docx.Document()
    d.core_properties.title = "Improving Outcomes for Children Action Plan: progress report"
    d.core_properties.author = "Sefton Council"
    d.core_properties.created = FIXED
    d.core_properties.modified = FIXED
    d.core_properties.last_modified_by = "Sefton Council"
    d.core_properties.revision = 1
    d.add_paragraph("Sefton Council")
    d.add_heading("Improving Outcomes for Children Action Plan: progress report", level=1)
    d.add_paragraph("Report to: Children's Improvement Board, 12 September 2019")
    d.add_paragraph("Report of: Executive Director of Children's Services")
    d.add_heading("1. Purpose of the report", level=2)
    d.add_paragraph(
        "This report updates the Board on progress against the Improving Outcomes for Children Action Plan, "
        "which answers the recommendations of the Ofsted inspection of Sefton's children's services carried out "
        "between 4 March and 15 March 2019. The plan was submitted to Ofsted on 28 June 2019."
    )
    d.add_heading("2. Governance", level=2)
    d.add_paragraph(
        "The Children's Improvement Board monitors the plan and reports to Cabinet twice a year. The Corporate "
        "Parenting Board owns the actions for care leavers, and the Sefton Safeguarding Children Partnership "
        "owns the actions on early help and on children who go missing."
    )
    d.add_heading("3. Progress", level=2)
    d.add_paragraph(
        "Inspectors found that management oversight was not consistently recorded. The Principal Social Worker "
        "will lead a monthly audit of supervision records and report themes to the Quality Assurance Group."
    )
    d.add_paragraph("The following actions have been completed since the last report:")
    d.add_paragraph("Refreshed early help strategy published and launched with partners", style="List Bullet")
    d.add_paragraph("Pathway plan template piloted with two personal adviser teams", style="List Bullet")
    d.add_heading("4. Actions and owners", level=2)
    table = d.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Ref", "Action", "Owning board", "Due date"), strict=True):
        cell.text = text
    for row in (
        ("2.2", "Recruit four additional personal advisers for care leavers", "Corporate Parenting Board", "31/03/2020"),
        ("4.1", "Commission a single provider for return home interviews", "Sefton Safeguarding Children Partnership",
         "01/04/2020"),
    ):  # fmt: skip
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    d.add_heading("5. Recommendation", level=2)
    d.add_paragraph("That the Board notes the progress made and the actions that are behind schedule.")
    buffer = io.BytesIO()
    d.save(buffer)
    path.write_bytes(_pin_zip(buffer.getvalue()))


def write_tracker(path: Path) -> None:
    """The action-plan tracker: a title row, then one row an action."""
    wb = openpyxl.Workbook()
    wb.properties.creator = "Sefton Council"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    ws = wb.active
    assert ws is not None
    ws.title = "Action plan"
    ws.append(["Sefton Council: Improving Outcomes for Children Action Plan (Ofsted inspection, March 2019)"])
    ws.append([])
    ws.append(
        [
            "Ref",
            "Ofsted recommendation",
            "Action",
            "Lead officer",
            "Owning board",
            "Target date",
            "RAG",
            "Status",
            "Progress update",
        ]
    )
    for row in TRACKER_ROWS:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(_pin_zip(buffer.getvalue()))


def main() -> None:
    """Write both files."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "documents"
    out.mkdir(parents=True, exist_ok=True)
    write_report(out / "sefton-action-plan-report.docx")
    write_tracker(out / "sefton-action-plan-tracker.xlsx")


if __name__ == "__main__":
    main()
