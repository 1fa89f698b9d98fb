"""Tables: how parsers render them into text, and what their columns say.

Rendering (`TextBuilder`): the parsers of spreadsheets, CSV, Word and HTML write each
table into the document's text one row a line, the header row as "Ref | Action | Lead",
each data row as "Ref: 1.2 | Action: Launch the early help offer | Lead: Head of Early
Help", and record every cell's span, so a quote from a table is exact.

Reading (`extract_tables`): columns are mapped by their headers, tolerantly (synonyms,
case, punctuation, then fuzzy matching), to the roles of two kinds of table:

- action-plan trackers: recommendation, action, lead officer, owning board, due date,
  status, RAG, reference, theme, progress. Each row gives an Action in the plan, the
  Recommendation it ADDRESSES, the Board that OWNS it and the Person who LEADS it;
- inspection outcomes (one row an inspection): council, framework, dates, judgements.
  Each row gives a Council and an Inspection that INSPECTED it.

Blank cells and cells such as "data_unreadable" or "n/a" give no facts.

`extract_tables(doc)` returns the graph and a list of warnings: the columns it did not
understand and the tables or rows it could not read. Returning both from one call keeps
the warnings next to the facts without state on an extractor object; the pipeline adds
them to the document's report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ingest.boards import HEAD_KINDS, board_kind, initials, normalise_board_name
from ingest.councils import Council, CouncilGazetteer
from ingest.dates import iso_date
from ingest.document import Cell, ParsedDocument, Table
from ingest.people import parse_person_cell, role_key
from ingest.uids import (
    action_plan_uid,
    action_uid,
    board_uid,
    finding_uid,
    inspection_uid,
    person_uid,
    recommendation_uid,
)
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship
from schema.vocabulary import Label, RelType

# ---------------------------------------------------------------------------- rendering


def cell_text(value: object) -> str:
    """A cell's value as text: dates in ISO form, whole numbers without ".0", one line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    iso = iso_date(value) if not isinstance(value, (str, int, float)) else None
    text = iso or str(value)
    return re.sub(r"\s+", " ", text).strip()


def _texty(value: str) -> bool:
    """A header-like cell: words, not a number or a date."""
    return bool(re.search(r"[A-Za-z]{2,}", value)) and iso_date(value) is None and len(value) <= 80


def find_header_row(rows: list[list[str]], limit: int = 12) -> int | None:
    """The index of the first row that looks like a header: several short cells of words."""
    for i, row in enumerate(rows[:limit]):
        filled = [v for v in row if v]
        texty = sum(1 for v in filled if _texty(v))
        if len(filled) >= 2 and texty >= max(2, int(0.6 * len(filled))) and i + 1 < len(rows):
            return i
    return None


def _is_record(rows: list[list[str]]) -> bool:
    """Whether a two-column table is one tracker record, a field a row: three or more of its
    first column's cells name a tracker's columns, an action or a recommendation among them."""
    if len(rows) < 3 or len(rows[0]) != 2:
        return False
    keys = [role_of(row[0]) if row[0] and len(row[0]) <= 60 else None for row in rows]
    roles = {k for k in keys if k is not None}
    return (
        len(roles) >= 3 and bool(roles & {"action", "recommendation"}) and keys.count(None) <= len(keys) // 4
    )


@dataclass
class TextBuilder:
    """Builds a document's text line by line, with tables whose cells know their spans."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    tables: list[Table] = field(default_factory=list)

    def write(self, text: str) -> tuple[int, int]:
        """Append text (no newline); returns its span."""
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def line(self, text: str) -> tuple[int, int]:
        """Append a line; returns the span of its text."""
        span = self.write(text)
        self.write("\n")
        return span

    def blank(self) -> None:
        """End the current paragraph with an empty line (never two in a row)."""
        joined_tail = "".join(self.parts[-3:])
        if self.length and not joined_tail.endswith("\n\n"):
            self.write("\n" if joined_tail.endswith("\n") else "\n\n")

    @property
    def text(self) -> str:
        """The text written so far."""
        return "".join(self.parts)

    def table(self, name: str, rows: list[list[str]], header_row: int | None = -1) -> Table | None:
        """Render a table; `header_row=-1` finds the header, None means the table has none."""
        rows = [[re.sub(r"\s+", " ", v).strip() for v in row] for row in rows]
        rows = [row for row in rows if any(row)]
        if not rows:
            return None
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        if _is_record(rows):
            # A plan set out one record a table, each field a row ("What Ofsted said | ...",
            # "What we will do | ...", "Lead officer | ..."): the fields become the header.
            rows = [[r[0] for r in rows], [r[1] for r in rows]]
            width, header_row = len(rows[0]), 0
        h = find_header_row(rows) if header_row == -1 else header_row
        self.blank()
        if h is None:
            header_cells = tuple(Cell("", self.length, self.length) for _ in range(width))
            names = [""] * width
            data = rows
        else:
            for pre in rows[:h]:
                self.line(" | ".join(v for v in pre if v))
            names = rows[h]
            cells: list[Cell] = []
            for i, v in enumerate(names):
                if i and cells:
                    self.write(" | ")
                start, end = self.write(v)
                cells.append(Cell(v, start, end))
            self.write("\n")
            header_cells = tuple(cells)
            data = rows[h + 1 :]
        out_rows: list[tuple[Cell, ...]] = []
        for row in data:
            line_start = self.length
            row_cells: list[Cell] = []
            filled = [i for i, v in enumerate(row) if v]
            first = True
            for i, v in enumerate(row):
                if not v:
                    row_cells.append(Cell("", line_start, line_start))
                    continue
                if not first:
                    self.write(" | ")
                first = False
                if names[i] and len(filled) > 1:
                    self.write(f"{names[i]}: ")
                start, end = self.write(v)
                row_cells.append(Cell(v, start, end))
            self.write("\n")
            out_rows.append(tuple(row_cells))
        self.blank()
        table = Table(name, header_cells, tuple(out_rows))
        self.tables.append(table)
        return table


# ---------------------------------------------------------------------------- column roles

ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "reference": ("ref", "reference", "ref no", "reference number", "no", "number", "action no", "action number",
                  "action ref", "action reference", "item", "item no", "id", "action id"),
    "recommendation_number": ("rec no", "recommendation number", "recommendation no", "rec ref", "recommendation ref",
                              "links to", "linked to", "relates to", "afi", "afi no", "afi ref",
                              "ofsted ref", "rec", "rec number"),
    "recommendation": ("recommendation", "recommendations", "ofsted recommendation", "ofsted recommendations",
                       "area for improvement", "areas for improvement", "what needs to improve",
                       "improvement area", "ofsted finding", "area of concern",
                       "priority action", "areas for priority action", "inspection recommendation", "ofsted said",
                       "what ofsted said", "ofsted says", "what inspectors said", "inspection finding",
                       "area of improvement", "areas of improvement", "area for development", "areas for development",
                       "area to improve", "areas to improve", "what ofsted asked", "ofsted area for improvement",
                       "ofsted areas for improvement"),
    "action": ("action", "actions", "action required", "actions required", "key actions", "planned action", "what",
               "planned actions", "what we will do", "what will we do", "activity", "activities", "task", "tasks",
               "milestone", "milestones", "deliverable", "action to be taken", "actions to be taken",
               "our response", "improvement action", "specific action", "what we are doing", "what are we doing",
               "how we will do it", "our actions", "actions we will take", "action taken", "actions taken",
               "intervention", "interventions", "response", "how we will respond", "how we will respond to it",
               "we did", "what we did", "what we have done", "we will", "what we will do about it"),
    "lead": ("lead", "lead officer", "responsible officer", "officer", "accountable officer", "lead person",
             "named lead", "who", "action owner", "owner", "responsible", "lead manager", "senior lead",
             "responsible lead", "by whom", "lead officers", "responsible person", "accountable lead"),
    "board": ("owning board", "responsible body", "responsible board", "governance", "governance board",
              "accountable board", "oversight", "oversight board", "reporting to", "reports to", "monitored by",
              "monitoring board", "owning body", "accountable body", "board", "forum", "committee",
              "governance route", "assurance board", "reporting line", "reporting route", "reported to",
              "accountable group", "owner group", "owning group", "responsible group", "lead group", "lead body",
              "accountable forum", "delivery group", "lead sub-group", "lead sub group", "governance group",
              "oversight group", "responsible sub-group", "accountable sub-group",
              "progress reported to", "reports into", "accountable to"),
    "due_date": ("due date", "due", "target date", "deadline", "by when", "completion date", "end",
                 "target completion date", "date due", "timescale", "timescales", "when", "target", "due by",
                 "date for completion", "review date", "completion by", "complete by", "to be completed by",
                 "deliver by", "delivery date", "target completion", "timeframe", "time frame", "end date for action",
                 "milestone date", "milestone dates", "date of milestone"),
    "status": ("status", "progress status", "current status", "state", "completion status"),
    "rag": ("rag", "rag rating", "rag status", "red amber green", "rating", "brag", "rag rated", "confidence",
            "confidence h m l", "confidence rating"),
    "theme": ("theme", "workstream", "work stream", "priority", "priority area", "strand", "area", "objective",
              "key priority", "themes", "workstreams", "improvement priority"),
    "evidence": ("evidence", "progress", "progress update", "update", "commentary", "comments", "comment",
                 "evidence of impact", "impact", "measure of success", "success measure", "success criteria",
                 "notes", "progress to date", "evidence of progress", "outcome measure", "measures of success",
                 "latest update", "latest position", "current position", "position", "position statement",
                 "progress narrative", "rag commentary", "where we are", "where are we", "where we are now"),
    "strength": ("strengths", "strength", "what is working well", "what's working well", "what works well",
                 "working well", "what we do well", "what is going well", "what went well", "areas of strength",
                 "key strengths", "positives", "what is good"),
    "weakness": ("weaknesses", "weakness", "what needs to be better", "what is not yet good enough",
                 "not yet good enough", "what is not working well", "areas of weakness", "what could be better",
                 "what needs to be better still", "shortcomings", "even better if"),
    "row_type": ("type", "item type", "row type", "entry type", "record type", "kind", "category", "type of item",
                 "s w", "type s w", "strength or weakness", "strength weakness", "strength or area for improvement",
                 "polarity"),
    "text": ("text", "description", "detail", "details", "wording", "entry",
             "what the letter says", "what the report says", "what ofsted says", "what the inspectors say",
             "what the letter said", "what the report said", "text of item"),
    "council": ("council", "local authority", "la", "authority", "la name", "local authority name", "council name"),
    "urn": ("urn", "ofsted urn"),
    "gss_code": ("la code new", "gss code", "ons code", "ltla23cd", "lad23cd", "area code", "new la code"),
    "la_code": ("la code", "old la code", "dfe la code", "la number"),
    "framework": ("framework", "inspection framework", "inspection type", "type of inspection", "visit type",
                  "inspection"),
    "start_date": ("inspection start date", "start date", "inspection date", "date of inspection",
                   "inspection started", "inspection from"),
    "end_date": ("inspection end date", "end date", "inspection ended", "inspection to"),
    "published_date": ("publication date", "published", "date published", "published date", "report published",
                       "publication"),
    "judgement": ("overall effectiveness", "overall effectiveness grade", "overall judgement", "overall",
                  "judgement", "overall grade", "grade", "outcome", "overall rating", "overall outcome"),
    "judgement:impact of leaders": ("impact of leaders", "impact of leaders grade", "leadership",
                                    "leadership management and governance", "leadership and management"),
    "judgement:help and protection": ("help and protection", "help and protection grade",
                                      "children who need help and protection"),
    "judgement:children in care": ("in care", "in care grade", "children in care", "children looked after",
                                   "children looked after and achieving permanence", "looked after children"),
    "judgement:care leavers": ("care leavers", "care leavers grade", "experiences and progress of care leavers"),
    "judgement:adoption": ("adoption", "adoption performance"),
    "judgement:lscb": ("lscb", "lscb grade", "review of the lscb"),
    "inspector": ("inspector", "inspector name", "lead inspector", "hmi"),
    "link": ("link", "inspection link", "url", "report link", "pdf", "pdf filename", "file", "file name"),
    # Columns understood and deliberately not read: they are not facts of this graph.
    "source": ("source", "from", "origin", "source inspection", "inspection source", "raised by", "where from"),
    "ignored": ("region", "region code", "region name", "stat neighbours", "statistical neighbours",
                "stat neighbour judgement", "stat neighbours la code", "parser version", "population",
                "inspectors inspections count", "local link to all inspections", "rgn22cd", "rgn22nm",
                "domain", "country", "you said", "what you said", "what you told us", "lead agency",
                "lead organisation", "partner agency", "agency", "organisation"),
}  # fmt: skip
_SYNONYM_ROLE: dict[str, str] = {syn: role for role, syns in ROLE_SYNONYMS.items() for syn in syns}
# A log's "Type" and "Text" columns are known by their whole header only: "Action description"
# is an action's column, not a text column.
_EXACT_ONLY = {"row_type", "text"}
# Words too general to read inside a longer header ("What the inspectors asked of us").
_WHOLE_HEADER_ONLY = {"what", "end"}
_PARTIAL_SYNONYMS = [
    syn for syn, role in _SYNONYM_ROLE.items() if role not in _EXACT_ONLY and syn not in _WHOLE_HEADER_ONLY
]
# Single words that tell a column's kind when no synonym matches the whole header.
_HEADER_WORDS: dict[str, str] = {
    **dict.fromkeys(("board", "committee", "forum", "panel", "governance", "oversight", "assurance"), "board"),
    **dict.fromkeys(("officer", "lead", "leads", "owner", "owners", "responsible", "accountable", "who", "manager"),
                    "lead"),
    **dict.fromkeys(("date", "when", "deadline", "timescale", "timescales", "timeline"), "due_date"),
    **dict.fromkeys(("rag", "brag"), "rag"),
    **dict.fromkeys(("action", "actions", "doing", "activity", "activities", "task", "tasks", "deliverable",
                     "deliverables", "intervention", "interventions", "commitment", "commitments"), "action"),
    **dict.fromkeys(("recommendation", "recommendations", "ofsted", "inspectors", "asked"), "recommendation"),
    **dict.fromkeys(("update", "progress", "commentary", "position", "evidence", "comments", "notes", "impact"),
                    "evidence"),
    **dict.fromkeys(("status",), "status"),
    **dict.fromkeys(("theme", "themes", "workstream", "workstreams", "strand", "priority"), "theme"),
}  # fmt: skip
_REPEATABLE = {"ignored", "evidence"}
# Cell values that say nothing.
_NO_FACT = re.compile(
    r"^(?:n/?a|-+|—|–|tbc|tbd|unknown|none|nil|null|nan|#n/?a|not applicable|not known|\?+|"
    r"data[_ ]unreadable|unreadable|[\w ]*pre[_ ]dates[_ ]judgement[\w ]*|no data|not available)$",
    re.IGNORECASE,
)


def normalise_header(header: str) -> str:
    """Lower-case words of a header: "Lead Officer (name)" -> "lead officer name"."""
    t = header.lower().replace("&", " and ").replace("#", " no ")
    t = re.sub(r"[_\-/.:()\[\]?,'’]+", " ", t)
    return " ".join(t.split())


def role_of(header: str) -> str | None:
    """The role a column header names, or None when it is not understood."""
    found = _role_match(header)
    return found[0] if found else None


# How sure a header's role is: the whole header, a synonym it ends or starts with, or a close
# spelling, are sure; one word of it telling the kind of column is a guess.
_SURE, _GUESS = 2, 1


def _role_match(header: str) -> tuple[str, int] | None:
    norm = normalise_header(header)
    if not norm:
        return None
    if norm in _SYNONYM_ROLE:
        return _SYNONYM_ROLE[norm], _SURE
    # A header's head word comes last ("Owner board" is a board, "Progress RAG" a rating), so a
    # synonym it ends with wins over one it starts with ("Lead officer name and title").
    ends = [syn for syn in _PARTIAL_SYNONYMS if len(syn) >= 3 and norm.endswith(" " + syn)]
    if ends:
        return _SYNONYM_ROLE[max(ends, key=len)], _SURE
    starts = [syn for syn in _PARTIAL_SYNONYMS if len(syn) >= 3 and norm.startswith(syn + " ")]
    if starts:
        return _SYNONYM_ROLE[max(starts, key=len)], _SURE
    if len(norm) < 4:
        return None
    best = process.extractOne(norm, _PARTIAL_SYNONYMS, scorer=fuzz.token_sort_ratio, score_cutoff=88)
    if best is not None:
        return _SYNONYM_ROLE[best[0]], _SURE
    # Headers no list foresaw ("Assurance body", "Who is leading"): the last word that says
    # what kind of column it is.
    for word in reversed(norm.split()):
        if word in _HEADER_WORDS:
            return _HEADER_WORDS[word], _GUESS
    return None


def map_columns(
    header: tuple[Cell, ...], table_name: str
) -> tuple[dict[str, int], dict[int, str], list[str]]:
    """Roles to column indexes (first column of a role wins), sub-judgement columns, and warnings."""
    roles: dict[str, int] = {}
    sureness: dict[str, int] = {}
    areas: dict[int, str] = {}
    warnings: list[str] = []
    for i, cell in enumerate(header):
        if not cell.value:
            continue
        found = _role_match(cell.value)
        if found is None:
            warnings.append(f"{table_name}: column {cell.value!r} not understood; its cells are not read")
            continue
        role, sure = found
        if role.startswith("judgement:"):
            areas[i] = role.split(":", 1)[1]
            continue
        if role in _REPEATABLE:
            roles.setdefault(role, i)
            continue
        if role in roles:
            # "Ofsted heading" (a guess, from one word) gives way to "Ofsted recommendation".
            if sure > sureness[role]:
                kept = header[roles[role]].value
                roles[role], sureness[role] = i, sure
            else:
                kept = cell.value
            warnings.append(
                f"{table_name}: columns {header[roles[role]].value!r} and {kept!r} both read as {role}; "
                f"only {header[roles[role]].value!r} is used"
            )
            continue
        roles[role], sureness[role] = i, sure
    return roles, areas, warnings


# ---------------------------------------------------------------------------- values


def _value(row: tuple[Cell, ...], index: int | None) -> Cell | None:
    if index is None or index >= len(row):
        return None
    cell = row[index]
    if not cell.value or _NO_FACT.match(cell.value.strip()):
        return None
    return cell


def normalise_judgement(value: str) -> str | None:
    """An Ofsted grade from a cell: words, "RI", or the numbers 1 to 4."""
    t = value.strip().lower()
    if re.search(r"requires? improvement|^ri$", t):
        return "requires improvement"
    for grade in ("outstanding", "inadequate", "good"):
        if grade in t:
            return grade
    return {"1": "outstanding", "2": "good", "3": "requires improvement", "4": "inadequate"}.get(t)


def normalise_framework(value: str) -> str | None:
    """A framework from a cell ("short" and "standard" are the two ILACS inspections)."""
    t = value.strip().lower()
    # visits come first: "ILACS focused visit (children in care)" is a focused visit
    if re.search(r"focused visit|^fv$", t):
        return "focused visit"
    if re.search(r"monitoring visit|^mv$", t):
        return "monitoring visit"
    if re.search(r"\bjtai\b|joint targeted", t):
        return "JTAI"
    if re.search(
        r"\bilacs\b|^short$|^standard$|short inspection|standard inspection|local authority children", t
    ):
        return "ILACS"
    if re.search(r"\bsif\b|single inspection", t):
        return "SIF"
    return "other" if t else None


def normalise_rag(value: str) -> str | None:
    """Red, amber, green or blue (complete) from a RAG cell."""
    t = value.strip().lower()
    for colour in ("red", "amber", "green", "blue"):
        if t == colour or t.startswith(colour) or t == colour[0]:
            return colour
    if t in ("complete", "completed", "done"):
        return "blue"
    return None


def normalise_status(value: str) -> str:
    """A status in lower case, with the common spellings folded."""
    t = re.sub(r"\s+", " ", value.strip().lower())
    if t in ("completed", "complete", "done", "achieved"):
        return "complete"
    if t in ("on track", "on-track", "ontrack"):
        return "on track"
    if t in ("in progress", "in-progress", "ongoing", "on going", "started", "underway", "under way"):
        return "in progress"
    if t in ("not started", "not yet started", "to start"):
        return "not started"
    return t


# ---------------------------------------------------------------------------- reading


@dataclass
class _Context:
    doc: ParsedDocument
    gazetteer: CouncilGazetteer
    council: Council | None
    council_key: str
    council_evidence: Evidence | None
    inspection: str | None
    plan: str | None
    plan_title: str | None
    inspection_properties: dict[str, object]
    inspection_evidence: Evidence | None


def _context(doc: ParsedDocument, gazetteer: CouncilGazetteer) -> _Context:
    # Imported here: the prose reader is only needed for documents with tables.
    from ingest.council_docs import document_context

    c = document_context(doc, gazetteer)
    return _Context(
        doc,
        gazetteer,
        c.council,
        c.council_key,
        c.council_evidence,
        c.inspection,
        c.plan,
        c.plan_title,
        c.inspection_properties,
        c.inspection_evidence,
    )


def _ev(doc: ParsedDocument, cell: Cell) -> Evidence:
    return doc.evidence(cell.start, cell.end)


def _row_evidence(doc: ParsedDocument, row: tuple[Cell, ...]) -> Evidence | None:
    cells = [c for c in row if c.end > c.start]
    if not cells:
        return None
    return doc.evidence(min(c.start for c in cells), max(c.end for c in cells))


def extract_tables(
    doc: ParsedDocument, gazetteer: CouncilGazetteer | None = None
) -> tuple[GraphDoc, list[str]]:
    """The facts of a document's tables, and warnings about what could not be read.

    Args:
        doc: a parsed document; only its `tables` are read (its prose gives the context:
            the council, the inspection and the plan the rows belong to).
        gazetteer: the council gazetteer (the project's by default).

    Returns:
        The graph of every row that says something, and one warning per column not
        understood, per table that is neither a tracker nor an outcome table, and per
        row naming a council the gazetteer does not know.
    """
    g = GraphDoc()
    warnings: list[str] = []
    if not doc.tables:
        return g, warnings
    gaz = gazetteer or CouncilGazetteer.load()
    ctx: _Context | None = None
    for table in doc.tables:
        roles, areas, column_warnings = map_columns(table.header, table.name)
        roles = _typed_text_roles(table, _history_roles(table, roles))
        warnings.extend(column_warnings)
        if "council" in roles and (
            {"judgement", "framework", "start_date", "published_date"} & set(roles) or areas
        ):
            _outcomes(doc, gaz, table, roles, areas, g, warnings)
        elif "row_type" in roles and "text" in roles:
            ctx = ctx or _context(doc, gaz)
            _typed_rows(ctx, table, roles, g)
        elif {"strength", "weakness"} & set(roles):
            ctx = ctx or _context(doc, gaz)
            _findings(ctx, table, roles, g)
        elif _is_history(roles):
            ctx = ctx or _context(doc, gaz)
            _history(ctx, table, roles, g)
        elif "action" in roles or "recommendation" in roles:
            ctx = ctx or _context(doc, gaz)
            _tracker(ctx, table, roles, g)
        elif any(c.value for c in table.header):
            warnings.append(
                f"{table.name}: no column names an action, a recommendation or an inspection outcome; "
                "its rows give no facts"
            )
    if g.nodes:
        kinds = {n.label for n in g.nodes.values()}
        kind = "action_plan" if Label.ACTION in kinds else "data"
        g.add_node(Node(doc.uid, (Label.DOCUMENT,), {"source": doc.metadata.url or doc.source, "kind": kind}))
    return g, warnings


def _rel(g: GraphDoc, rtype: RelType, start: str, end: str, ev: Evidence | None) -> None:
    if start != end:
        g.add_relationship(Relationship(rtype, start, end, {}, [ev] if ev else []))


def _outcomes(
    doc: ParsedDocument,
    gaz: CouncilGazetteer,
    table: Table,
    roles: dict[str, int],
    areas: dict[int, str],
    g: GraphDoc,
    warnings: list[str],
) -> None:
    by_urn = {c.ofsted_urn: c for c in gaz.councils if c.ofsted_urn}
    unknown: set[str] = set()
    for row in table.rows:
        name = _value(row, roles.get("council"))
        council = gaz.resolve(name.value) if name else None
        urn = _value(row, roles.get("urn"))
        if council is None and urn:
            council = by_urn.get(urn.value.strip())
        code = _value(row, roles.get("gss_code"))
        if council is None and code:
            council = gaz.by_code.get(code.value.strip().upper())
        if council is None:
            if name and name.value not in unknown:
                unknown.add(name.value)
                warnings.append(f"{table.name}: council {name.value!r} not recognised; its row is not read")
            continue
        anchor = name or urn or code
        start = _value(row, roles.get("start_date"))
        end = _value(row, roles.get("end_date"))
        published = _value(row, roles.get("published_date"))
        framework_cell = _value(row, roles.get("framework"))
        judgement_cell = _value(row, roles.get("judgement"))
        start_iso = iso_date(start.value) if start else None
        end_iso = iso_date(end.value) if end else None
        published_iso = iso_date(published.value) if published else None
        judgement = normalise_judgement(judgement_cell.value) if judgement_cell else None
        sub = []
        for i, area in sorted(areas.items()):
            cell = _value(row, i)
            grade = normalise_judgement(cell.value) if cell else None
            if grade:
                sub.append(f"{area}: {grade}")
        if not (start_iso or published_iso or judgement or sub):
            continue
        framework = normalise_framework(framework_cell.value) if framework_cell else None
        when = start_iso or published_iso
        year = int(when[:4]) if when else None
        if framework is None and published_iso and published_iso < "2018-01-01":
            # Reports published before 2018 with no framework named are SIF reports (ILACS began in 2018).
            framework = "SIF"
        uid = inspection_uid(council.code, framework, start_iso, year)
        row_ev = _row_evidence(doc, row)
        props: dict[str, object] = {
            "framework": framework,
            "start_date": start_iso,
            "end_date": end_iso,
            "published_date": published_iso,
            "year": year,
            "judgement": judgement,
            "judgements": sub or None,
        }
        g.add_node(Node(uid, (Label.INSPECTION,), props, [row_ev] if row_ev else []))
        council_ev = _ev(doc, anchor) if anchor else row_ev
        g.add_node(
            Node(
                council.uid, (Label.COUNCIL,), dict(council.properties()), [council_ev] if council_ev else []
            )
        )
        _rel(g, RelType.INSPECTED, uid, council.uid, council_ev)


# What a log's "Type" column calls its rows, for the kinds of fact they hold.
_ROW_KINDS = (
    (
        "strength",
        re.compile(
            r"^(?:key\s+)?(?:strengths?|positives?|what (?:is|was) working well|good practice|s)$", re.I
        ),
    ),
    (
        "weakness",
        re.compile(
            r"^(?:weakness(?:es)?|areas? (?:for|of) development|concerns?|shortfalls?|what needs to be better|"
            r"not yet good enough|w)$",
            re.I,
        ),
    ),
    (
        "recommendation",
        re.compile(
            r"^(?:areas? for (?:priority )?(?:improvement|action)|recommendations?|priority actions?)$", re.I
        ),
    ),
    ("action", re.compile(r"^(?:actions?|tasks?|milestones?|next steps?)$", re.I)),
)


def _row_kind(value: str) -> str | None:
    value = " ".join(value.split()).strip(" .:")
    return next((kind for kind, pattern in _ROW_KINDS if pattern.match(value)), None)


def _context_inspection(ctx: _Context, g: GraphDoc) -> None:
    """The inspection the rows answer, as the prose around the table names it, when rows speak of it."""
    if ctx.inspection and ctx.council is not None and any(ctx.inspection in k for k in g.relationships):
        ev = ctx.inspection_evidence or ctx.council_evidence
        g.add_node(
            Node(ctx.inspection, (Label.INSPECTION,), dict(ctx.inspection_properties), [ev] if ev else [])
        )
        g.add_node(
            Node(ctx.council.uid, (Label.COUNCIL,), dict(ctx.council.properties()), [ev] if ev else [])
        )
        _rel(g, RelType.INSPECTED, ctx.inspection, ctx.council.uid, ev)


def _row_inspection(ctx: _Context, row: tuple[Cell, ...], roles: dict[str, int], g: GraphDoc) -> str | None:
    """The inspection a row's "Source" cell names ("MV1 Apr 2019", "ILACS Dec 2018"), when it is
    not the one the document is about; None to keep the document's."""
    cell = _value(row, roles.get("source"))
    if cell is None or ctx.council is None:
        return None
    framework = normalise_framework(cell.value)
    if framework in (None, "other") and re.search(r"\bMV\d?\b", cell.value):
        framework = "monitoring visit"
    year = re.search(r"\b(?:19|20)\d{2}\b", cell.value)
    if framework in (None, "other") or year is None:
        return None
    props = ctx.inspection_properties
    if props.get("year") == int(year.group(0)) and (
        props.get("framework") == framework or props.get("start_date")
    ):
        # the inspection of that year the document is about
        return None
    uid = inspection_uid(ctx.council.code, framework, None, int(year.group(0)))
    ev = _ev(ctx.doc, cell)
    g.add_node(Node(uid, (Label.INSPECTION,), {"framework": framework, "year": int(year.group(0))}, [ev]))
    g.add_node(Node(ctx.council.uid, (Label.COUNCIL,), dict(ctx.council.properties()), [ev]))
    _rel(g, RelType.INSPECTED, uid, ctx.council.uid, ev)
    return uid


def _typed_rows(ctx: _Context, table: Table, roles: dict[str, int], g: GraphDoc) -> None:
    """A log whose "Type" column says what each row is ("Strength", "Area for improvement",
    "Action") and whose "Text" column says it: findings, recommendations and the plan's actions,
    each action answering the recommendation its reference starts with ("A1.2" answers "A1")."""
    text_col = roles["text"]
    findings = [
        (row, kind)
        for row in table.rows
        if (cell := _value(row, roles["row_type"]))
        and (kind := _row_kind(cell.value)) in ("strength", "weakness")
    ]
    if findings and ctx.inspection:
        for row, kind in findings:
            cell = _value(row, text_col)
            if cell is None:
                continue
            inspection = _row_inspection(ctx, row, roles, g) or ctx.inspection
            uid = finding_uid(inspection, cell.value)
            ev = _ev(ctx.doc, cell)
            g.add_node(Node(uid, (Label.FINDING,), {"text": cell.value, "polarity": kind}, [ev]))
            _rel(g, RelType.FOUND, inspection, uid, ev)
        _context_inspection(ctx, g)
    # The rest reads as a tracker: a column of recommendations beside a column of actions.
    width = len(table.header)
    rec_col, action_col = width, width + 1
    recs: dict[str, Cell] = {}
    rows: list[tuple[Cell, ...]] = []
    ref_col = roles.get("reference")
    for row in table.rows:
        kind_cell = _value(row, roles["row_type"])
        kind = _row_kind(kind_cell.value) if kind_cell else None
        text = _value(row, text_col)
        if kind not in ("recommendation", "action") or text is None:
            continue
        ref_cell = _value(row, ref_col) if ref_col is not None else None
        ref = ref_cell.value.strip() if ref_cell else ""
        empty = Cell("", text.start, text.start)
        if kind == "recommendation":
            recs[ref] = text
            rows.append((*row, text, empty))
            continue
        answered = next((c for r, c in recs.items() if r and ref.startswith(r + ".")), None)
        rows.append((*row, answered or empty, text))
    if not rows:
        return
    header = (*table.header, Cell("recommendation", 0, 0), Cell("action", 0, 0))
    tracker_roles = {k: v for k, v in roles.items() if k not in ("text", "row_type")}
    tracker_roles.update({"recommendation": rec_col, "action": action_col})
    _tracker(ctx, Table(table.name, header, tuple(rows)), tracker_roles, g, carry_down=False)


def _findings(ctx: _Context, table: Table, roles: dict[str, int], g: GraphDoc) -> None:
    """What inspectors found, set out in columns of strengths and weaknesses ("Strengths | Areas
    for development", "What is working well | What needs to be better"), as the findings of the
    inspection the document is about."""
    if ctx.inspection is None:
        return
    weakness = roles.get("weakness", roles.get("recommendation") if "strength" in roles else None)
    columns = [(roles.get("strength"), "strength"), (weakness, "weakness")]
    for row in table.rows:
        for column, polarity in columns:
            cell = _value(row, column)
            if cell is None or len(cell.value.split()) < 4:
                continue
            uid = finding_uid(ctx.inspection, cell.value)
            cell_ev = _ev(ctx.doc, cell)
            g.add_node(Node(uid, (Label.FINDING,), {"text": cell.value, "polarity": polarity}, [cell_ev]))
            _rel(g, RelType.FOUND, ctx.inspection, uid, cell_ev)
    if any(r.type == RelType.FOUND for r in g.relationships.values()):
        ev = ctx.inspection_evidence or ctx.council_evidence
        g.add_node(
            Node(ctx.inspection, (Label.INSPECTION,), dict(ctx.inspection_properties), [ev] if ev else [])
        )
        if ctx.council is not None:
            g.add_node(
                Node(ctx.council.uid, (Label.COUNCIL,), dict(ctx.council.properties()), [ev] if ev else [])
            )
            _rel(g, RelType.INSPECTED, ctx.inspection, ctx.council.uid, ev)


_INSPECTION_TYPE = re.compile(r"\b(?:inspection|visit|ILACS|SIF|JTAI|review)\b", re.I)
_DATE_HEADER = re.compile(r"^(?:dates?|when|month|year|dates?\s+of\s+(?:the\s+)?(?:visit|inspection))$", re.I)


def _typed_text_roles(table: Table, roles: dict[str, int]) -> dict[str, int]:
    """ "Source | What Ofsted said | S / W": where a column says whether each row is a strength or a
    weakness, the column read elsewhere as what the inspection asked for says what it found."""
    if "row_type" not in roles or "text" in roles or "recommendation" not in roles or "action" in roles:
        return roles
    kinds = [_row_kind(c.value) for row in table.rows if (c := _value(row, roles["row_type"])) and c.value]
    if not kinds or sum(k in ("strength", "weakness") for k in kinds) * 2 <= len(kinds):
        return roles
    out = {k: v for k, v in roles.items() if k != "recommendation"}
    out["text"] = roles["recommendation"]
    return out


def _history_roles(table: Table, roles: dict[str, int]) -> dict[str, int]:
    """A council's list of its inspections headed "Date | Type | Outcome": the "Type" column, read
    elsewhere as the kind of each row of a log, names the inspections, and "Date" dates them."""
    dated_roles = {"start_date", "published_date", "due_date"} & set(roles)
    if "framework" in roles and not dated_roles:
        # "Dates | Inspection | Outcome": the inspections, dated by a column no list names
        when = next(
            (i for i, c in enumerate(table.header) if c.value and _DATE_HEADER.match(c.value.strip())), None
        )
        return {**roles, "start_date": when} if when is not None else roles
    if "row_type" not in roles or "text" in roles or "framework" in roles:
        return roles
    types = [_value(row, roles["row_type"]) for row in table.rows]
    values = [c.value for c in types if c is not None and c.value]
    if not values or sum(bool(_INSPECTION_TYPE.search(v)) for v in values) * 2 <= len(values):
        return roles
    dated = next(
        (i for i, c in enumerate(table.header) if c.value and _DATE_HEADER.match(c.value.strip())), None
    )
    if dated is None and not {"start_date", "published_date"} & set(roles):
        return roles
    out = {k: v for k, v in roles.items() if k != "row_type"}
    out["framework"] = roles["row_type"]
    if dated is not None:
        out.setdefault("start_date", dated)
    return out


def _is_history(roles: dict[str, int]) -> bool:
    """A council's own list of its inspections ("When | Inspection | What Ofsted said"): a
    framework and a date column, and no action or council column."""
    dated = {"start_date", "published_date", "due_date"} & set(roles)
    return "framework" in roles and bool(dated) and not {"action", "council", "lead", "board"} & set(roles)


_GRADE = re.compile(
    r"\b(?:outstanding|good|adequate|inadequate|requires? improvement(?: to be good)?)\b", re.I
)


def _history(ctx: _Context, table: Table, roles: dict[str, int], g: GraphDoc) -> None:
    """The inspections of a council's list of its own, each INSPECTED the document's council.

    A date given as a month or a year dates the inspection's year only; a cell giving grades
    for several areas ("Safeguarding adequate; services for looked after children good") gives
    no overall judgement.
    """
    council = ctx.council
    if council is None:
        return
    date_column = next(roles[r] for r in ("start_date", "published_date", "due_date") if r in roles)
    grade_column = roles.get("judgement", roles.get("recommendation"))
    for row in table.rows:
        framework_cell = _value(row, roles["framework"])
        when = _value(row, date_column)
        year_match = re.search(r"\b(?:19|20)\d{2}\b", when.value) if when else None
        if framework_cell is None or when is None or year_match is None:
            continue
        framework = normalise_framework(framework_cell.value)
        grade_cell = _value(row, grade_column) if grade_column is not None else None
        grades = (
            {normalise_judgement(m.group(0)) for m in _GRADE.finditer(grade_cell.value)}
            if grade_cell
            else set()
        )
        full_date = iso_date(when.value)
        start = full_date if full_date and len(full_date) == 10 else None
        year = int(year_match.group(0))
        framework_value = None if framework == "other" else framework
        uid = inspection_uid(council.code, framework_value, start, year)
        ev = _row_evidence(ctx.doc, row)
        props: dict[str, object] = {
            "framework": framework_value,
            "start_date": start,
            "year": year,
            "judgement": grades.pop() if len(grades) == 1 else None,
        }
        g.add_node(Node(uid, (Label.INSPECTION,), props, [ev] if ev else []))
        council_ev = ctx.council_evidence or ev
        g.add_node(
            Node(
                council.uid, (Label.COUNCIL,), dict(council.properties()), [council_ev] if council_ev else []
            )
        )
        _rel(g, RelType.INSPECTED, uid, council.uid, ev)


def _split_names(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s*(?:/|;|\n|\+)\s*", value) if p.strip()]


def _names_a_body(value: str) -> bool:
    """Whether a name ends in a body's head word ("Corporate Parenting Panel"), not an acronym ("NHS")."""
    words = re.findall(r"[A-Za-z\-]+", value.lower())
    return bool(words) and words[-1] in HEAD_KINDS


def _looks_like_board(value: str) -> bool:
    words = re.findall(r"[A-Za-z\-]+", value.lower())
    return bool(words) and (
        words[-1] in HEAD_KINDS or (value.strip().isupper() and 2 <= len(value.strip()) <= 8)
    )


# Bullets inside a cell: a cell listing several actions ("• Launch ... • Cap ...").
_CELL_BULLET = re.compile(r"(?:^|\s)[•▪●◦‣]\s+")


def _one_action_a_row(rows: tuple[tuple[Cell, ...], ...], column: int | None) -> list[tuple[Cell, ...]]:
    """The rows with each action cell that lists several bulleted actions split into one row
    per action, the other cells repeated, each action's span its own."""
    if column is None:
        return list(rows)
    out: list[tuple[Cell, ...]] = []
    for row in rows:
        cell = row[column] if column < len(row) else None
        marks = list(_CELL_BULLET.finditer(cell.value)) if cell is not None else []
        if cell is None or len(marks) < 2:
            out.append(row)
            continue
        for mark, following in zip(marks, [*marks[1:], None], strict=True):
            a, z = mark.end(), following.start() if following else len(cell.value)
            text = cell.value[a:z].strip()
            if text:
                part = Cell(text, cell.start + a, cell.start + a + len(text))
                out.append((*row[:column], part, *row[column + 1 :]))
    return out


# "Recommendation 1: The timeliness of ...", "Area for improvement 3 – ...": a line naming what the
# inspection asked for, set above a table of the actions that answer it.
_CAPTION = re.compile(
    r"^\s*(?P<label>[A-Za-z][A-Za-z ]{2,40}?)\s*(?P<number>\d{1,2})?\s*[:–—-]\s+(?P<text>\S.{10,})$"
)


def _caption_recommendation(doc: ParsedDocument, table: Table) -> tuple[Cell | None, str | None]:
    """The recommendation a line just above the table names, with its number, if it names one."""
    first = next((c for c in table.header if c.end > c.start), None)
    if first is None:
        return None, None
    before = doc.text[max(0, first.start - 600) : first.start].rstrip()
    line_start = before.rfind("\n") + 1
    line = before[line_start:]
    m = _CAPTION.match(line)
    if m is None or role_of(m.group("label")) != "recommendation":
        return None, None
    offset = first.start - 600 if first.start > 600 else 0
    start = offset + line_start + m.start("text")
    text = m.group("text").strip()
    return Cell(text, start, start + len(text)), m.group("number")


def _tracker(
    ctx: _Context, table: Table, roles: dict[str, int], g: GraphDoc, *, carry_down: bool = True
) -> None:
    doc = ctx.doc
    plan_uid = ctx.plan
    plan_title = ctx.plan_title
    if plan_uid is None:
        plan_title = doc.metadata.title or doc.title or f"Action plan ({table.name})"
        plan_uid = action_plan_uid(ctx.council_key, plan_title)
    plan_cells: list[Evidence] = []
    last_rec, last_rec_number = _caption_recommendation(doc, table)
    people_initials = _initials_of_people(doc.text)
    for row in _one_action_a_row(table.rows, roles.get("action")):
        filled = [c for c in row if c.value]
        if len(filled) == 1 and len(table.header) >= 3:
            # A row across the whole table heads the rows under it: "Area for improvement: ..."
            # is the recommendation they answer; any other ("Quality of practice") a theme.
            labelled = re.match(r"\s*([^:]{3,60}):\s+(?=\S)", filled[0].value)
            if labelled and role_of(labelled.group(1)) == "recommendation":
                cell = filled[0]
                last_rec = Cell(cell.value[labelled.end() :], cell.start + labelled.end(), cell.end)
                last_rec_number = None
            continue
        rec = _value(row, roles.get("recommendation"))
        rec_number = _value(row, roles.get("recommendation_number"))
        if rec is not None:
            last_rec, last_rec_number = rec, (rec_number.value if rec_number else None)
        elif carry_down and _value(row, roles.get("action")) is not None:
            # Trackers merge a recommendation's cells over its actions: it carries down.
            rec = last_rec
            rec_number = None
        action = _value(row, roles.get("action"))
        if action is None and rec is None:
            continue
        rec_uid: str | None = None
        if rec is not None and len(rec.value.split()) < 3:
            # A word or two ("Stable") is a label, not something an inspection asked for.
            rec = None
        if rec is not None:
            number_text = rec_number.value if rec_number else last_rec_number if rec is last_rec else None
            lead_number = re.match(r"\s*(?:R|Rec\.?\s*)?(\d{1,2})[.):]?\s+", rec.value)
            number: int | None = None
            ref_cell = _value(row, roles.get("reference"))
            if number_text and re.fullmatch(r"\s*(?:R|Rec\.?\s*)?\d{1,2}\s*", number_text):
                number = int(re.sub(r"\D", "", number_text))
            elif lead_number:
                number = int(lead_number.group(1))
            elif ref_cell and re.fullmatch(r"\s*\d{1,2}\.\d{1,2}\s*", ref_cell.value):
                # Trackers number actions "2.1", "2.2" under the report's recommendation 2.
                number = int(ref_cell.value.split(".")[0])
            text = rec.value[lead_number.end() :] if lead_number else rec.value
            rec_inspection = _row_inspection(ctx, row, roles, g) or ctx.inspection
            rec_uid = recommendation_uid(rec_inspection or plan_uid, number, text)
            rec_ev = _ev(doc, rec)
            g.add_node(Node(rec_uid, (Label.RECOMMENDATION,), {"text": text, "number": number}, [rec_ev]))
            if rec_inspection:
                _rel(g, RelType.RECOMMENDED, rec_inspection, rec_uid, rec_ev)
        if action is None:
            continue
        ref = _value(row, roles.get("reference"))
        due = _value(row, roles.get("due_date"))
        status = _value(row, roles.get("status"))
        rag = _value(row, roles.get("rag"))
        uid = action_uid(plan_uid, ref.value if ref else None, action.value)
        action_ev = _ev(doc, action)
        props: dict[str, object] = {
            "text": action.value,
            "reference": ref.value if ref else None,
            "due_date": iso_date(due.value) if due else None,
            "status": normalise_status(status.value) if status else None,
            "rag": normalise_rag(rag.value) if rag else None,
        }
        if props["status"] is None and props["rag"] == "blue":
            props["status"] = "complete"
        g.add_node(Node(uid, (Label.ACTION,), props, [action_ev]))
        plan_cells.append(action_ev)
        _rel(g, RelType.INCLUDES, plan_uid, uid, action_ev)
        if rec_uid:
            _rel(g, RelType.ADDRESSES, uid, rec_uid, _ev(doc, rec) if rec else action_ev)
        for role in ("board", "lead"):
            owner_cell = _value(row, roles.get(role))
            if owner_cell is None:
                continue
            for part in _split_names(owner_cell.value):
                if part.strip() in people_initials or part.strip() in _POST_ACRONYMS:
                    # "Owner: MV" where the notes named "Maria Vance (MV)", "Owner: DCS": a person, not a body
                    continue
                post_and_board = _POST_AND_BOARD.fullmatch(part.strip())
                if (
                    post_and_board
                    and _names_a_body(post_and_board.group("board"))
                    and not _looks_like_board(post_and_board.group("post"))
                ):
                    # "Head of Children in Care (Corporate Parenting Panel)": the post leads, the body owns
                    board_name = post_and_board.group("board")
                    start = owner_cell.start + owner_cell.value.find(board_name)
                    board_cell = (
                        Cell(board_name, start, start + len(board_name))
                        if start >= owner_cell.start
                        else owner_cell
                    )
                    _owning_board(ctx, g, board_name, board_cell, uid)
                    _leading_person(ctx, g, post_and_board.group("post"), owner_cell, uid)
                    continue
                if role == "board" or _looks_like_board(part):
                    _owning_board(ctx, g, part, owner_cell, uid)
                else:
                    _leading_person(ctx, g, part, owner_cell, uid)
    _context_inspection(ctx, g)
    if plan_cells:
        title = plan_title or "Action plan"
        g.add_node(Node(plan_uid, (Label.ACTION_PLAN,), {"title": title}, plan_cells[:1]))
        if ctx.inspection:
            _rel(g, RelType.RESPONDS_TO, plan_uid, ctx.inspection, plan_cells[0])
        if ctx.council is not None and ctx.council_evidence is not None:
            g.add_node(
                Node(
                    ctx.council.uid, (Label.COUNCIL,), dict(ctx.council.properties()), [ctx.council_evidence]
                )
            )


# Posts written as acronyms in an owner column: people, not bodies.
_POST_ACRONYMS = {
    "DCS",
    "AD",
    "ADs",
    "CEO",
    "CE",
    "HOS",
    "HoS",
    "PSW",
    "IRO",
    "LADO",
    "DSL",
    "SW",
    "TM",
    "SM",
    "DPH",
    "DASS",
}
# "Post (Board)": an owner cell giving the officer and the body they answer to.
_POST_AND_BOARD = re.compile(r"(?P<post>[^()]{3,}?)\s*\((?P<board>[^()]{3,})\)")
# "Sarah Fennimore-Cole (SFC)": a person's initials, given once to stand for them after.
_PERSON_INITIALS = re.compile(
    r"\b[A-Z][a-z’']+(?:-[A-Z][a-z’']+)?(?:\s+[A-Z][a-z’']+(?:-[A-Z][a-z’']+)?){1,3}\s*\(([A-Z]{2,4})\)"
)


def _initials_of_people(text: str) -> set[str]:
    """The initials a document gives people ("Sarah Fennimore-Cole (SFC)"), which its action log
    then uses for them, unless a body's name has the same letters."""
    found = set()
    for m in _PERSON_INITIALS.finditer(text):
        words = m.group(0)[: m.start(1) - m.start() - 1].split()
        if words and words[-1].lower() not in HEAD_KINDS:
            found.add(m.group(1))
    return found


def _owning_board(ctx: _Context, g: GraphDoc, name: str, cell: Cell, action: str) -> None:
    # "Knowsley Safeguarding Children Board (KSCB)": the name, with its acronym kept apart.
    given = re.fullmatch(r"(.+?)\s*\(([A-Z]{2,8})\)\s*", name)
    if given and given.group(2) not in (initials(given.group(1)), initials(given.group(1), with_head=False)):
        # "Complex Safeguarding Sub-Group (BSCB)": the brackets name the body it belongs to
        name, given = given.group(1), None
    display = normalise_board_name(given.group(1) if given else name)
    is_acronym = display.isupper() and " " not in display
    uid = board_uid(ctx.council_key, display)
    ev = _ev(ctx.doc, cell)
    props: dict[str, object] = {
        "name": display,
        "kind": board_kind(display),
        "acronym": given.group(2) if given else display if is_acronym else None,
    }
    g.add_node(Node(uid, (Label.BOARD,), props, [ev]))
    _rel(g, RelType.OWNS, uid, action, ev)
    if ctx.council is not None:
        _rel(g, RelType.PART_OF, uid, ctx.council.uid, ev)


def _leading_person(ctx: _Context, g: GraphDoc, value: str, cell: Cell, action: str) -> None:
    parsed = parse_person_cell(value)
    if parsed is None:
        return
    name, role, kind = parsed
    uid = person_uid(ctx.council_key, name, role_key(role) if role and not name else role)
    labels = (Label.PERSON, Label.COUNCILLOR if kind == "councillor" else Label.OFFICER)
    ev = _ev(ctx.doc, cell)
    g.add_node(Node(uid, labels, {"name": name, "role": role, "kind": kind}, [ev]))
    _rel(g, RelType.LEADS, uid, action, ev)
    if ctx.council is not None:
        _rel(g, RelType.SERVES, uid, ctx.council.uid, ev)
