"""Dates as documents write them, read into ISO dates.

"20 May to 11 June 2014", "24 April and 18 May 2017", "Tuesday 16th December 2014",
"21/10/14", "June 2014": `find_dates` finds each with its span, `iso_date` reads one
value (a cell, a metadata field). Shared by every reader of documents.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 24 April and 18 May 2017 / 29 October 2018 to 9 November 2018 / 20-24 May 2019
    (
        "range",
        re.compile(
            rf"\b(?P<d1>{_DAY})(?:\s+(?P<m1>{MONTH_PATTERN}))?,?(?:\s+(?P<y1>{_YEAR}))?\s*(?:and|to|until|till|-|–|—)\s*"
            rf"{_WEEKDAY}(?P<d2>{_DAY})\s+(?P<m2>{MONTH_PATTERN}),?\s+(?P<y2>{_YEAR})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b{_WEEKDAY}(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{MONTH_PATTERN}),?\s+(?P<y>{_YEAR})\b",
            re.IGNORECASE,
        ),
    ),
    ("mdy", re.compile(rf"\b(?P<m>{MONTH_PATTERN})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b", re.IGNORECASE)),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("numeric", re.compile(r"\b(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)?\d\d)\b")),
    ("my", re.compile(rf"\b(?P<m>{MONTH_PATTERN})\s+(?P<y>{_YEAR})\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class DateMention:
    """A date written in text: its span, the ISO day (or month) and, for ranges, the end."""

    start: int
    end: int
    iso: str
    end_iso: str | None = None

    @property
    def year(self) -> int:
        """The year of the (first) date."""
        return int(self.iso[:4])

    @property
    def precise(self) -> bool:
        """True when the day is known, not just the month."""
        return len(self.iso) == 10


def _month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _iso(year: int, month: int, day: int | None) -> str | None:
    try:
        if day is None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _full_year(text: str) -> int:
    year = int(text)
    if year < 100:
        # Two-digit years in council documents are this century's.
        year += 2000
    return year


def find_dates(text: str) -> list[DateMention]:
    """Every date written in `text`, in order, without overlaps (ranges first, then full dates)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            iso: str | None
            end_iso: str | None = None
            if kind == "range":
                y2 = int(m.group("y2"))
                m2 = _month_number(m.group("m2"))
                if m2 is None:
                    continue
                m1 = _month_number(m.group("m1")) if m.group("m1") else m2
                y1 = int(m.group("y1")) if m.group("y1") else y2
                if m1 is None:
                    continue
                if not m.group("y1") and m1 > m2:
                    y1 -= 1
                iso = _iso(y1, m1, _day_number(m.group("d1")))
                end_iso = _iso(y2, m2, _day_number(m.group("d2")))
                if end_iso is None:
                    continue
            elif kind == "my":
                month = _month_number(m.group("m"))
                iso = _iso(int(m.group("y")), month, None) if month else None
            elif kind in ("iso", "numeric"):
                iso = _iso(_full_year(m.group("y")), int(m.group("m")), int(m.group("d")))
            else:
                month = _month_number(m.group("m"))
                iso = _iso(int(m.group("y")), month, _day_number(m.group("d"))) if month else None
            if iso is None:
                continue
            found.append(DateMention(m.start(), m.end(), iso, end_iso))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


def iso_date(value: object) -> str | None:
    """The ISO form of one date given as text or a date object; None when it is not one date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    dates = find_dates(text)
    if len(dates) == 1:
        return dates[0].iso
    return None


# "on 10 and 11 October", "between 20 February and 14 March this year", "in April": dates whose
# year the writer left to the reader, who knows when the document was written.
_YEARLESS = re.compile(
    rf"\b(?P<d1>{_DAY})(?:\s+(?P<m1>{MONTH_PATTERN}))?\s*(?:and|to|until|-|–|—)\s*(?P<d2>{_DAY})\s+"
    rf"(?P<m2>{MONTH_PATTERN})(?!\s*,?\s*(?:{_YEAR}|\d))"
    rf"|\b(?P<d>{_DAY})\s+(?P<m>{MONTH_PATTERN})(?!\s*,?\s*(?:{_YEAR}|\d))"
    rf"|\b(?:in|since|during|from|until|by)\s+(?P<mo>{MONTH_PATTERN})(?!\s*,?\s*(?:{_YEAR}|\d))(?![\w’'-])",
    re.IGNORECASE,
)


def find_yearless_dates(text: str, written: str) -> list[DateMention]:
    """Dates written without a year, read as the latest such date on or before `written` (the
    ISO date of the document): a news story of 9 November speaks of "10 and 11 October" and of
    "April" of the same year, one of 10 January of "December" the year before."""
    try:
        ref = dt.date.fromisoformat(written[:10])
    except ValueError:
        return []
    dated = [(d.start, d.end) for d in find_dates(text)]
    found: list[DateMention] = []
    for m in _YEARLESS.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in dated):
            continue
        if m.group("m2"):
            month2 = _month_number(m.group("m2"))
            month1 = _month_number(m.group("m1")) if m.group("m1") else month2
            days = (_day_number(m.group("d1")), _day_number(m.group("d2")))
        elif m.group("m"):
            month1 = month2 = _month_number(m.group("m"))
            days = (_day_number(m.group("d")), _day_number(m.group("d")))
        else:
            month1 = month2 = _month_number(m.group("mo"))
            days = None
        if month1 is None or month2 is None:
            continue
        year = ref.year if (month2, days[1] if days else 1) <= (ref.month, ref.day) else ref.year - 1
        first_year = year if month1 <= month2 else year - 1
        if days is None:
            iso = _iso(first_year, month1, None)
            end_iso = None
        else:
            iso = _iso(first_year, month1, days[0])
            end = _iso(year, month2, days[1])
            end_iso = end if end != iso else None
        if iso is not None:
            found.append(DateMention(m.start(), m.end(), iso, end_iso))
    return found
