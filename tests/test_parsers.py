"""Parsers of what councils write: text and Markdown, HTML, DOCX, XLSX and CSV.

Every parser is held to the same promises: offsets into the returned text are exact,
tables keep their cells' spans, bad input is refused with a `DocumentError` that names
the document, and what had to be guessed is reported as a warning.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import docx
import openpyxl
import pytest

from ingest.dates import find_dates, iso_date
from ingest.document import Metadata, ParsedDocument
from ingest.html import parse_html
from ingest.office import parse_csv, parse_docx, parse_xlsx
from ingest.textfile import decode_text, parse_markdown, parse_text
from schema.errors import CorruptDocumentError, DocumentError, EmptyDocumentError

FIXTURES = Path(__file__).parent / "fixtures" / "council"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _parse(parser: object, data: bytes, source: str, metadata: Metadata | None = None) -> ParsedDocument:
    assert callable(parser)
    doc = parser(data, source=source, sha256=_sha(data), metadata=metadata or Metadata())
    assert isinstance(doc, ParsedDocument)
    return doc


def _assert_cells_exact(doc: ParsedDocument) -> None:
    for table in doc.tables:
        for cell in (*table.header, *(c for row in table.rows for c in row)):
            assert doc.text[cell.start : cell.end] == cell.value


# ---------------------------------------------------------------------------- text


def test_utf8_with_bom_and_crlf_is_read_clean() -> None:
    doc = _parse(parse_text, b"\xef\xbb\xbfCabinet\r\nMinutes\rEnd", "a.txt")
    assert doc.text == "Cabinet\nMinutes\nEnd"
    assert doc.warnings == ()
    assert doc.format == "text"


def test_utf16_with_and_without_bom() -> None:
    text = "Corporate Parenting Panel – minutes"
    assert _parse(parse_text, text.encode("utf-16"), "b.txt").text == text
    doc = _parse(parse_text, text.encode("utf-16-le"), "c.txt")
    assert doc.text == text
    assert any("UTF-16" in w for w in doc.warnings)


def test_cp1252_text_is_decoded_with_a_warning() -> None:
    data = "The Council’s “Getting to Good” plan costs £5,000 – approved".encode("cp1252")
    doc = _parse(parse_text, data, "d.txt")
    assert doc.text == "The Council’s “Getting to Good” plan costs £5,000 – approved"
    assert any("cp1252" in w for w in doc.warnings)


def test_doubly_encoded_utf8_is_repaired_with_a_warning() -> None:
    mangled = "The Council’s plan".encode().decode("cp1252").encode("utf-8")
    text, warnings = decode_text(mangled, "e.txt")
    assert text == "The Council’s plan"
    assert warnings
    assert "repaired" in warnings[0]


def test_a_few_bad_bytes_in_utf8_are_replaced_and_reported() -> None:
    data = "Children’s Services – ".encode() + b"\xff" + b" report"
    doc = _parse(parse_text, data, "f.txt")
    assert "\ufffd" in doc.text
    assert any("mis-encoded" in w for w in doc.warnings)


@pytest.mark.parametrize("data", [b"", b"   \r\n\t ", b"\xef\xbb\xbf\n"])
def test_empty_text_is_refused(data: bytes) -> None:
    with pytest.raises(EmptyDocumentError) as err:
        _parse(parse_text, data, "empty.txt")
    assert "empty.txt" in str(err.value)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n%\xe2\xe3", b"PK\x03\x04\x14\x00\x00", bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n...."],
)
def test_binary_content_is_refused(data: bytes) -> None:
    with pytest.raises(CorruptDocumentError) as err:
        _parse(parse_text, data, "binary.txt")
    assert "looks binary" in str(err.value)
    assert "binary.txt" in str(err.value)


def test_markup_noise_is_stripped_before_offsets_are_given() -> None:
    data = b"**Sefton Council**\n\n<b>Report for:</b>\t<b>Cabinet 20 June 2019</b>\n\n### **3. Recommendations**\n"
    doc = _parse(parse_text, data, "g.txt")
    assert doc.text == "Sefton Council\n\nReport for:\tCabinet 20 June 2019\n\n3. Recommendations"
    start = doc.text.index("Cabinet")
    assert doc.evidence(start, start + 7).quote == "Cabinet"


def test_markdown_links_headings_and_bullets() -> None:
    data = b"# Title\n\n* one [item](http://x.org)\n+ two\n\nSee <https://example.org/a>.\n"
    doc = _parse(parse_markdown, data, "h.md")
    assert doc.format == "markdown"
    assert doc.text == "Title\n\n- one item\n- two\n\nSee https://example.org/a."
    assert doc.title == "Title"


def test_title_field_wins_over_the_first_line() -> None:
    doc = _parse(parse_text, b"Wigan Council\n\nTitle: Ofsted action plan update\n", "i.txt")
    assert doc.title == "Ofsted action plan update"


def test_metadata_title_wins() -> None:
    doc = _parse(parse_text, b"Text\n", "j.txt", Metadata(title="Given"))
    assert doc.title == "Given"


# ---------------------------------------------------------------------------- dates


def test_dates_as_councils_write_them() -> None:
    text = (
        "between 24 April and 18 May 2017; Tuesday, 18th December, 2018; 21/10/14; November 2018; "
        "29 October 2018 to 9 November 2018; 2019-03-04"
    )
    found = [(d.iso, d.end_iso) for d in find_dates(text)]
    assert found == [
        ("2017-04-24", "2017-05-18"),
        ("2018-12-18", None),
        ("2014-10-21", None),
        ("2018-11", None),
        ("2018-10-29", "2018-11-09"),
        ("2019-03-04", None),
    ]


def test_a_range_across_the_new_year() -> None:
    assert [(d.iso, d.end_iso) for d in find_dates("from 30 December to 10 January 2020")] == [
        ("2019-12-30", "2020-01-10")
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("31/03/2020", "2020-03-31"),
        ("Sept 2020", "2020-09"),
        ("Ongoing", None),
        ("", None),
        ("31/02/2020", None),
    ],
)
def test_iso_date(value: str, expected: str | None) -> None:
    assert iso_date(value) == expected


# ---------------------------------------------------------------------------- HTML


def test_html_main_content_tables_and_meeting() -> None:
    data = (FIXTURES / "bristol-news.html").read_bytes()
    doc = _parse(parse_html, data, "bristol-news.html")
    assert doc.format == "html"
    assert "tracking" not in doc.text
    assert "Copyright" not in doc.text
    assert "Sport" not in doc.text
    assert "Most read" not in doc.text
    assert doc.text.startswith("Bristol children's services 'making progress', inspectors say")
    assert doc.metadata.date == "2019-11-08"
    assert len(doc.tables) == 1
    _assert_cells_exact(doc)


def test_html_minutes_page_gives_body_and_date() -> None:
    page = (
        b"<html><head><title>Agenda item - Cabinet - Thursday, 20th June, 2019 10.00 am - Sefton Council</title>"
        b"</head><body><nav>Menu</nav><div id='modgov'><h2>Minutes:</h2><p>The Cabinet noted the&nbsp;report."
        b"<br>Next line</p><ul><li>One</li><li>Two</li></ul></div></body></html>"
    )
    doc = _parse(parse_html, page, "cabinet.html")
    assert doc.metadata.body == "Cabinet"
    assert doc.metadata.date == "2019-06-20"
    assert "Menu" not in doc.text
    assert "The Cabinet noted the report.\nNext line" in doc.text
    assert "- One\n- Two" in doc.text


def test_html_minutes_items_laid_out_in_a_table_are_read_as_text() -> None:
    page = (
        b"<html><head><title>Minutes - Cabinet - Monday, 8th July, 2019 6.00 pm - Calderdale Council</title></head>"
        b"<body><h1>Minutes</h1><div class='mgContent'><table>"
        b"<tr><td><p>21.</p></td><td><p>Minutes of the previous meeting</p>"
        b"<p>RESOLVED that the minutes of the meeting held on 10 June 2019 be approved.</p></td></tr>"
        b"<tr><td><p>22.</p></td><td><p>Ofsted inspection</p><p>The Director introduced the report.</p>"
        b"<ul><li>first point</li><li>second point</li></ul><p>RESOLVED that the report be noted.</p></td></tr>"
        b"</table></div></body></html>"
    )
    doc = _parse(parse_html, page, "minutes.html")
    # The title says more than the heading "Minutes": the body, the date and the council.
    assert doc.text.startswith("Minutes - Cabinet - Monday, 8th July, 2019 6.00 pm - Calderdale Council")
    assert "21. Minutes of the previous meeting\n" in doc.text
    assert "22. Ofsted inspection\n" in doc.text
    assert "- first point\n- second point" in doc.text
    assert doc.tables == ()
    # "Minutes of the previous meeting" names no body: the title's "Cabinet" does.
    assert (doc.metadata.body, doc.metadata.date) == ("Cabinet", "2019-07-08")


def test_html_metadata_given_is_kept() -> None:
    page = b"<html><head><title>Cabinet - Thursday, 20th June, 2019</title></head><body><p>Text</p></body></html>"
    doc = _parse(parse_html, page, "x.html", Metadata(body="Full Council", date="2019-06-21"))
    assert (doc.metadata.body, doc.metadata.date) == ("Full Council", "2019-06-21")


def test_html_without_visible_text_is_empty() -> None:
    with pytest.raises(EmptyDocumentError):
        _parse(parse_html, b"<html><body><script>x()</script></body></html>", "blank.html")


def test_markdown_pipe_tables_become_tables_with_exact_cells() -> None:
    data = b"Action log\n\n| No. | Action | Owner |\n|---|---|---|\n| 1 | Circulate the report | Jane Mooney |\n\nEnd\n"
    doc = _parse(parse_markdown, data, "notes.md")
    assert len(doc.tables) == 1
    assert [c.value for c in doc.tables[0].header] == ["No.", "Action", "Owner"]
    assert [c.value for c in doc.tables[0].rows[0]] == ["1", "Circulate the report", "Jane Mooney"]
    _assert_cells_exact(doc)
    assert doc.text.startswith("Action log\n")
    assert doc.text.endswith("End")
    # Text without a table is returned as it was.
    assert _parse(parse_markdown, b"| not | a table |\nEnd", "x.md").text == "| not | a table |\nEnd"


def test_plain_text_action_logs_with_bare_pipes_become_tables() -> None:
    data = (
        b"ACTION LOG\n\nRef | Action | Lead | Due\n"
        b"20/01 | Circulate the final report | Head of Strategy | 13/03/2020\n"
        b"20/02 | Produce a highlight report template | Head of Strategy | 14/04/2020\n\nEnd\n"
    )
    doc = _parse(parse_text, data, "minutes.txt")
    assert len(doc.tables) == 1
    assert [c.value for c in doc.tables[0].header] == ["Ref", "Action", "Lead", "Due"]
    assert [c.value for c in doc.tables[0].rows[1]][:2] == ["20/02", "Produce a highlight report template"]
    _assert_cells_exact(doc)
    # a sentence with pipes, or two lines alike, is not a table
    one = b"Pick one | or the other | or neither\nEnd"
    assert _parse(parse_text, one, "x.txt").tables == ()


# ---------------------------------------------------------------------------- DOCX


def test_docx_paragraphs_headings_lists_and_tables_in_order() -> None:
    data = (FIXTURES / "durham-improvement-report.docx").read_bytes()
    doc = _parse(parse_docx, data, "durham.docx")
    text = doc.text
    assert text.index("Background") < text.index("Ofsted's inspection") < text.index("1. Health partners")
    assert "2. New audit tool" in text
    assert doc.title == "Children's Services Improvement Plan: six-month update"
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert [c.value for c in table.header] == ["Ref", "Action", "Lead officer", "Owning board", "Target date"]
    assert table.rows[1][2].value == "Karen Lowe, Strategic Manager"
    assert text.index("Owning board: Children's Improvement Board") < text.index("monitors the plan")
    _assert_cells_exact(doc)


def test_truncated_docx_is_corrupt_and_named() -> None:
    data = (FIXTURES / "durham-improvement-report.docx").read_bytes()
    with pytest.raises(CorruptDocumentError) as err:
        _parse(parse_docx, data[: len(data) // 2], "cut.docx")
    assert "cut.docx" in str(err.value)
    assert "Word document" in str(err.value)


def test_docx_that_is_a_zip_of_something_else_is_corrupt() -> None:
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "not a document")
    with pytest.raises(DocumentError):
        _parse(parse_docx, buffer.getvalue(), "odd.docx")


def test_docx_with_no_text_is_empty() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(EmptyDocumentError):
        _parse(parse_docx, buffer.getvalue(), "blank.docx")


# ---------------------------------------------------------------------------- XLSX


def test_xlsx_title_rows_header_detection_and_spans() -> None:
    data = (FIXTURES / "cornwall-tracker.xlsx").read_bytes()
    doc = _parse(parse_xlsx, data, "cornwall.xlsx")
    assert [t.name for t in doc.tables] == ["Tracker", "Notes"]
    tracker = doc.tables[0]
    assert tracker.header[1].value == "Area for improvement"
    assert doc.text.splitlines()[:3] == [
        "Sheet: Tracker",
        "",
        "Cornwall Council",
    ]
    assert "Deadline: 2019-10-31" in doc.text
    assert doc.title == "Cornwall Council"
    _assert_cells_exact(doc)


def test_truncated_xlsx_is_corrupt_and_named() -> None:
    data = (FIXTURES / "cornwall-tracker.xlsx").read_bytes()
    with pytest.raises(CorruptDocumentError) as err:
        _parse(parse_xlsx, data[:-200], "cut.xlsx")
    assert "cut.xlsx" in str(err.value)
    assert "Excel workbook" in str(err.value)


def test_empty_workbook_is_empty() -> None:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    with pytest.raises(EmptyDocumentError):
        _parse(parse_xlsx, buffer.getvalue(), "blank.xlsx")


# ---------------------------------------------------------------------------- CSV


def test_csv_semicolons_cp1252_and_blank_rows() -> None:
    data = (FIXTURES / "kent-tracker.csv").read_bytes()
    doc = _parse(parse_csv, data, "kent-tracker.csv")
    assert any("cp1252" in w for w in doc.warnings)
    table = doc.tables[0]
    assert [c.value for c in table.header][:3] == ["Workstream", "What we will do", "Accountable officer"]
    assert len(table.rows) == 2
    assert table.rows[0][1].value == "Reduce re-referrals to under 20% – weekly review"
    assert "£50" in table.rows[1][1].value
    _assert_cells_exact(doc)


def test_csv_with_bom_and_commas() -> None:
    data = "\ufeffcouncil,publication date,overall effectiveness\nWigan,03/05/19,good\n".encode()
    doc = _parse(parse_csv, data, "o.csv")
    assert doc.tables[0].header[0].value == "council"
    assert (
        doc.text.splitlines()[1]
        == "council: Wigan | publication date: 03/05/19 | overall effectiveness: good"
    )
    _assert_cells_exact(doc)


def test_csv_that_is_binary_is_refused() -> None:
    with pytest.raises(CorruptDocumentError):
        _parse(parse_csv, b"\x00\x01\x02" * 100, "bin.csv")


def test_dates_written_without_a_year_are_read_in_the_year_the_document_was_written() -> None:
    from ingest.dates import find_yearless_dates

    def read(text: str, written: str) -> list[tuple[str, str | None]]:
        return [(d.iso, d.end_iso) for d in find_yearless_dates(text, written)]

    assert read("Inspectors returned on 10 and 11\nOctober for a visit.", "2017-11-09") == [
        ("2017-10-10", "2017-10-11")
    ]
    assert read("a full inspection between 20 February and 14 March this year", "2017-11-09") == [
        ("2017-02-20", "2017-03-14")
    ]
    # a month later in the year than the document is last year's
    assert read("the visit in December found", "2018-01-10") == [("2017-12", None)]
    # dates that give their year are find_dates's
    assert read("on 3 May 2017 and on 4 June", "2017-11-09") == [("2017-06-04", None)]
    assert read("nothing dated here", "not a date") == []


def test_a_plain_text_table_whose_rows_run_over_several_lines() -> None:
    from ingest.textfile import pipe_tables

    text = (
        "The plan:\n\n"
        "Ref | Action | Lead | Reporting to | Due | Status\n"
        "1.1 | Notify the health team of every child coming\n"
        "into care within one working day | Head of Service, Children in Care and\n"
        "Care Leavers | Health Partnership Group | 30/11/2025 | Complete\n"
        "1.2 | Introduce a weekly tracker of health assessments | Performance Manager |\n"
        "Health Partnership Group | 01/12/2025 | Complete\n"
        "\nThe end.\n"
    )
    rendered, tables = pipe_tables(text)
    (table,) = tables
    assert [c.value for c in table.header] == ["Ref", "Action", "Lead", "Reporting to", "Due", "Status"]
    assert [[c.value for c in row] for row in table.rows] == [
        [
            "1.1",
            "Notify the health team of every child coming into care within one working day",
            "Head of Service, Children in Care and Care Leavers",
            "Health Partnership Group",
            "30/11/2025",
            "Complete",
        ],
        ["1.2", "Introduce a weekly tracker of health assessments", "Performance Manager",
         "Health Partnership Group", "01/12/2025", "Complete"],
    ]  # fmt: skip
    assert "The end." in rendered
    # prose with a stray pipe or two is left alone
    prose = "A | B | C\nthis is not\na table at all\n"
    assert pipe_tables(prose) == (prose, ())
