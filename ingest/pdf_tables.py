"""The ruled tables of a PDF that carry an action plan, read as rows of cells.

Councils publish action plans and trackers as PDFs made from Word or a spreadsheet: a
grid of ruled cells, one action a row, with columns for the lead, the owning board, the
date and the rating. Read as plain text such a grid runs its cells together; read as a
table each cell keeps its column, and the table mapper (`ingest.tables`) reads the rows
as it does a Word table's.

pdfplumber finds the grid from the page's ruling lines and gives each cell's text. It
parses the whole page again, so it is only asked about pages whose text has a line that
reads like a tracker's header row (`might_hold_tracker`), and only the tables whose
header names an action or a recommendation column are taken: the judgement tables of
an Ofsted report and boxed layouts stay text.

    reader = TableReader(data)
    for found in reader.tables(page_index, page_height):
        print(found.top, found.rows[0])
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from ingest.tables import find_header_row, role_of

# The kinds of column a tracker's header row names, each by its telling words.
_HEADER_KINDS = (
    frozenset({"action", "actions", "task", "tasks", "activity", "activities", "milestone", "milestones"}),
    frozenset({"recommendation", "recommendations", "ofsted", "improvement", "issue", "concern"}),
    frozenset({"lead", "leads", "owner", "responsible", "accountable", "officer"}),
    frozenset(
        {"due", "deadline", "timescale", "timescales", "timeframe", "when", "target", "completion", "date"}
    ),
    frozenset({"rag", "brag", "status", "progress", "update", "rating"}),
    frozenset({"board", "governance", "forum", "body"}),
)
_WORD = re.compile(r"[a-z]+")
# Words that run through a sentence and seldom through a row of column headers.
_PROSE = frozenset(
    {
        "the",
        "a",
        "an",
        "to",
        "of",
        "is",
        "are",
        "was",
        "were",
        "that",
        "which",
        "with",
        "in",
        "on",
        "has",
        "have",
        "been",
        "be",
        "this",
        "their",
        "its",
        "it",
        "they",
        "not",
        "more",
        "as",
        "at",
        "from",
        "so",
        "than",
    }
)


def might_hold_tracker(text: str) -> bool:
    """Whether a page's text has a short line, not a sentence, naming three or more kinds of
    tracker column ("Action  Lead officer  Due date  RAG"), as a tracker's header row reads."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.endswith((".", ",", ";")) or ". " in stripped or ", " in stripped:
            continue
        found = _WORD.findall(stripped.lower())
        words = set(found)
        if len(found) > 14 or sum(1 for word in found if word in _PROSE) > 1:
            continue
        if sum(1 for kind in _HEADER_KINDS if kind & words) >= 3:
            return True
    return False


@dataclass(frozen=True)
class FoundTable:
    """A table on a page: its box in PDF coordinates (origin at the bottom left, as PDFium
    gives lines) and its rows of cell texts, merged cells filled."""

    left: float
    bottom: float
    right: float
    top: float
    rows: tuple[tuple[str, ...], ...]


class TableReader:
    """Finds tracker tables in one PDF's pages, opening the document with pdfplumber once,
    when the first page asks."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: Any = None
        self.problem: str | None = None

    def tables(self, index: int, page_height: float) -> list[FoundTable]:
        """The tracker tables of page `index` (from 0); none when pdfplumber cannot read it,
        in which case `problem` says why and the page is read as text."""
        if self.problem is not None:
            return []
        try:
            if self._pdf is None:
                import pdfplumber

                self._pdf = pdfplumber.open(io.BytesIO(self._data))
            page = _without_raised_numbers(self._pdf.pages[index])
            found = []
            for table in page.find_tables():
                rows = filled_rows(table.extract())
                if _is_tracker(rows):
                    x0, top, x1, bottom = table.bbox
                    found.append(FoundTable(x0, page_height - bottom, x1, page_height - top, rows))
            return found
        except Exception as exc:  # pdfminer raises many kinds of error on damaged files
            self.problem = (
                f"its tables could not be read as tables ({type(exc).__name__}: {exc}); they are read as text"
            )
            return []

    def close(self) -> None:
        """Close the pdfplumber document, if one was opened."""
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


def _without_raised_numbers(page: Any) -> Any:
    """The page without the footnote numbers set small beside words, so that a cell reads
    "interviews", not "interviews2"."""
    sizes = sorted(char["size"] for char in page.chars)
    if not sizes:
        return page
    body = sizes[len(sizes) // 2]
    return page.filter(
        lambda obj: (
            not (obj.get("object_type") == "char" and obj["size"] < body * 0.8 and obj["text"].isdigit())
        )
    )


def _one_line(value: str) -> str:
    """A cell's text on one line; a word broken after its hyphen ("Sub-" / "Group") is whole again."""
    return " ".join(re.sub(r"(?<=\w)-\s*\n\s*(?=\w)", "-", value).split())


def filled_rows(raw: list[list[str | None]]) -> tuple[tuple[str, ...], ...]:
    """Rows of cell texts, one line each. A cell that a cell above runs down into (None in
    pdfplumber's rows) takes that cell's text, as Word's merged cells read; a row whose
    only text is in its first cell (a heading across the table) is left as it is."""
    rows: list[tuple[str, ...]] = []
    previous: tuple[str, ...] | None = None
    for raw_row in raw:
        cells = [_one_line(value) if value else "" for value in raw_row]
        spanning = sum(1 for value in raw_row if value is not None) == 1 and raw_row[0] is not None
        if previous is not None and not spanning and len(previous) == len(cells):
            cells = [previous[i] if raw_row[i] is None else cells[i] for i in range(len(cells))]
        row = tuple(cells)
        if any(row):
            rows.append(row)
            previous = row
    return tuple(rows)


def _is_tracker(rows: tuple[tuple[str, ...], ...]) -> bool:
    """A table of two or more columns whose header row names an action or a recommendation."""
    if len(rows) < 2 or max(len(row) for row in rows) < 2:
        return False
    header = find_header_row([list(row) for row in rows])
    if header is None:
        return False
    roles = {role_of(cell) for cell in rows[header] if cell}
    return bool(roles & {"action", "recommendation"})
