"""Read an Ofsted report on a council's children's services into the graph.

The extractor knows the genre, not particular files. It reads:

- the council the report is about (from the report's title and opening lines, falling
  back to the council named most often, then to a council named in the file's path);
- the inspection: its framework (SIF, ILACS, focused visit, monitoring visit, JTAI, or
  an earlier framework as `other`), the inspection dates in the many ways reports write
  them, the publication date (stated, or at the end of the file name), the overall
  judgement and each sub-judgement as `judgement_<area>`;
- every recommendation, word for word, numbered as in the report: SIF's numbered
  "Recommendations" and the older "What does the local authority need to improve?" with
  its "Priority and immediate action" and "Areas for improvement" sub-lists, the LSCB
  review's own list, ILACS's "What needs to improve" bullets, and the "areas for
  improvement" and "areas for priority action" of visits;
- findings: the sentences of the report's summary (SIF "Summary of findings" and
  strengths lists, executive summaries, ILACS's opening summary), each with a polarity.

Every node and relationship carries the evidence (document, quote, span) it was read from;
the Document node itself is the pipeline's to add. For a parsed report `doc`:

    extractor = OfstedReportExtractor()
    if extractor.accepts(doc) > 0.5:
        graph = extractor.extract(doc)   # Council, Inspection, Recommendation, Finding, Board
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from ingest.councils import Council, CouncilGazetteer
from ingest.dates import MONTH_PATTERN, MONTHS
from ingest.document import ParsedDocument
from ingest.uids import board_uid, finding_uid, inspection_uid, recommendation_uid
from schema.graphdoc import GraphDoc, Node, Relationship
from schema.vocabulary import Label, RelType

# ----------------------------------------------------------------------------- text lines


@dataclass(frozen=True)
class _Line:
    """One line of the document's text: its span and its text without surrounding space."""

    start: int
    end: int
    text: str


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def _squash(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------------------- grades

_GRADE = r"(?:outstanding|good|requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate)"
_GRADE_RE = re.compile(_GRADE, re.IGNORECASE)


def _grade(text: str) -> str | None:
    """The judgement a phrase gives, normalised to the four grades."""
    m = _GRADE_RE.search(text)
    if not m:
        return None
    word = m.group(0).lower()
    if word.startswith("require"):
        return "requires improvement"
    return word


# ----------------------------------------------------------------------------- dates

_MONTHS = MONTHS
_MONTH = MONTH_PATTERN
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DASH = r"\s*(?:–|—|-|─|‒|to|until|and)\s*"
# "20 May to 11 June 2014", "14 January 2014 – 5 February 2014", "8 – 12 July 2013",
# "2 and 3 March 2020", "19 November – 11 December 2013".
_RANGE = re.compile(
    rf"(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?(?:,?\s+(?P<y1>{_YEAR}))?{_DASH}"
    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})",
    re.IGNORECASE,
)
_NUMERIC_RANGE = re.compile(
    r"(?P<d1>\d{1,2})/(?P<m1>\d{1,2})/(?P<y1>\d{2,4})"
    + _DASH
    + r"(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{2,4})"
)
_SINGLE = re.compile(rf"(?P<d>{_DAY})\s+(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})", re.IGNORECASE)
_NUMERIC_SINGLE = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)?\d\d)\b")


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    """The day of "3rd", "14", "21st"."""
    return int(text.rstrip("stndrh"))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _parse_date_range(text: str) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """The first date range (or single date) in `text`: ISO start, ISO end, and its span.

    Missing months and years on the start are taken from the end; a start month after
    the end month falls in the year before ("29 December to 9 January 2015").
    """
    best: tuple[str | None, str | None, tuple[int, int] | None] = (None, None, None)
    candidates: list[tuple[int, str | None, str | None, tuple[int, int]]] = []
    m = _RANGE.search(text)
    if m:
        m2 = _month(m.group("m2"))
        y2 = int(m.group("y2"))
        m1 = _month(m.group("m1")) if m.group("m1") else m2
        y1 = int(m.group("y1")) if m.group("y1") else (y2 - 1 if m1 > m2 else y2)
        start = _iso(y1, m1, _day(m.group("d1")))
        end = _iso(y2, m2, _day(m.group("d2")))
        if start and end and start <= end:
            candidates.append((m.start(), start, end, m.span()))
    n = _NUMERIC_RANGE.search(text)
    if n:
        start = _iso(_full_year(n.group("y1")), int(n.group("m1")), int(n.group("d1")))
        end = _iso(_full_year(n.group("y2")), int(n.group("m2")), int(n.group("d2")))
        if start and end and start <= end:
            candidates.append((n.start(), start, end, n.span()))
    s = _SINGLE.search(text)
    if s:
        one = _iso(int(s.group("y")), _month(s.group("m")), _day(s.group("d")))
        if one:
            candidates.append((s.start() + 1, one, one, s.span()))
    ns = _NUMERIC_SINGLE.search(text)
    if ns:
        one = _iso(_full_year(ns.group("y")), int(ns.group("m")), int(ns.group("d")))
        if one:
            candidates.append((ns.start() + 1, one, one, ns.span()))
    if candidates:
        # The earliest in the text wins; a range beats a single date starting with it.
        _, start, end, span = min(candidates, key=lambda c: c[0])
        best = (start, end, span)
    return best


def _last_date(text: str) -> str | None:
    """The last full date in `text` (the end of a split inspection's second range)."""
    found = None
    for s in _SINGLE.finditer(text):
        found = _iso(int(s.group("y")), _month(s.group("m")), _day(s.group("d"))) or found
    return found


_FILE_DATE = re.compile(
    r"(?P<d>\d{1,2})[_\-\s](?P<m>[a-z]+)[_\-\s](?P<y>(?:19|20)\d\d)$|(?P<iso>(?:19|20)\d\d-\d\d-\d\d)$",
    re.IGNORECASE,
)


def _date_from_filename(source: str) -> str | None:
    """A publication date written at the end of a file name: `..._25_august_2017.pdf`, `...-2017-08-25.pdf`."""
    stem = PurePath(source).stem
    m = _FILE_DATE.search(stem)
    if not m:
        return None
    if m.group("iso"):
        y, mo, d = (int(p) for p in m.group("iso").split("-"))
        return _iso(y, mo, d)
    month = m.group("m").lower()
    if month not in _MONTHS:
        return None
    return _iso(int(m.group("y")), _MONTHS[month], int(m.group("d")))


# ----------------------------------------------------------------------------- the report's kind

_TITLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("JTAI", re.compile(r"joint\s+targeted\s+area\s+inspection", re.I)),
    ("focused visit", re.compile(r"focused\s+visit", re.I)),
    ("monitoring visit", re.compile(r"monitoring\s+visit", re.I)),
    ("SIF", re.compile(r"services\s+for\s+children\s+in\s+need\s+of\s+help\s+and\s+protection", re.I)),
    (
        "SIF",
        re.compile(r"review\s+of\s+the\s+effectiveness\s+of\s+the\s+local\s+safeguarding\s+children", re.I),
    ),
    ("ILACS", re.compile(r"local\s+authority\s+children[’']s\s+services", re.I)),
    ("ILACS", re.compile(r"inspection\s+of\s+children[’']s\s+social\s+care\s+services", re.I)),
    ("ILACS", re.compile(r"inspection\s+of\s+[A-Z][\w ,&’'\-]{2,60}?\s+children[’']s\s+services", re.I)),
    ("other", re.compile(r"inspection\s+of\s+(?:safeguarding\s+and\s+)?looked\s+after\s+children", re.I)),
    (
        "other",
        re.compile(r"inspection\s+of\s+safeguarding\s+(?:and\s+looked\s+after\s+children\s+)?services", re.I),
    ),
)
# The council's name in a title: "Inspection of <name> local authority children's services".
_COUNCIL_SLOT = re.compile(
    r"(?:inspection\s+of|visit\s+to|inspection\s+in|visit\s+of)\s+(?:the\s+)?(?P<name>[A-Z][\w ,&’'.\-\n]{1,80}?)"
    r"\s+(?:local\s+authority|council[’']?s?\s+children|children[’']s\s+(?:social\s+care\s+)?services)",
    re.I,
)
_ILACS_MARKERS = re.compile(
    r"impact\s+of\s+leaders\s+on\s+social\s+work\s+practice|experiences\s+and\s+progress\s+of\s+children",
    re.I,
)
# What a report itself carries on its opening pages, and minutes or news about it do not.
# What only a council's own paper carries on its first page.
_COUNCIL_PAPER = re.compile(
    r"^(?:plan\s+owner|lead\s+member|portfolio(?:\s+holder)?|version(?:\s+control)?|agenda\s+item|report\s+to|"
    r"report\s+of|approved|key\s+decision|wards?\s+affected|date\s+of\s+meeting)\b",
    re.I | re.M,
)
# What only the inspectorate's own report carries.
_INSPECTORATE = re.compile(r"ofsted\s+raises\s+standards|^(?:lead|reporting)\s+inspector\b", re.I | re.M)
_REPORT_MARKERS = (
    re.compile(r"^(?:inspection|visit)\s+dates?\s*:", re.I | re.M),
    re.compile(r"^(?:lead|reporting)\s+inspector|(?:her|his)\s+majesty[’']s\s+inspector\b", re.I | re.M),
    # "Report published:" often shares a line with the inspection dates.
    re.compile(r"(?:^|\s)report\s+published\b|^published\s*:", re.I | re.M),
    re.compile(
        rf"children[’']s\s+services\s+in\s+[\w ,'’&.-]{{2,60}}?\s+(?:are|is)\s+(?:rated\s+)?{_GRADE}",
        re.I,
    ),
    re.compile(
        rf"^judgement\s+grade\b|^overall\s+effectiveness\s*:?\s*{_GRADE}|^the\s+overall\s+judgement\s+is",
        re.I | re.M,
    ),
    re.compile(r"this\s+letter\s+summarises\s+the\s+findings|this\s+inspection\s+took\s+place", re.I),
)


def _framework(head: str) -> str | None:
    for framework, pattern in _TITLE_PATTERNS:
        if pattern.search(head):
            return framework
    if _ILACS_MARKERS.search(head):
        return "ILACS"
    return None


# ----------------------------------------------------------------------------- sub-judgements

_AREAS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (slug, re.compile(pattern, re.I))
    for slug, pattern in (
        (
            "leaders",
            r"the\s+impact\s+of\s+leaders\s+on\s+social\s+work\s+practice\s+with\s+children\s+and\s+families",
        ),
        (
            "children_in_care_and_care_leavers",
            r"the\s+experiences\s+and\s+progress\s+of\s+children\s+in\s+care\s+and\s+care\s+leavers",
        ),
        (
            "help_and_protection",
            r"(?:the\s+experiences\s+and\s+progress\s+of\s+)?children\s+who\s+need\s+help\s+and\s+protection",
        ),
        ("children_in_care", r"the\s+experiences\s+and\s+progress\s+of\s+children\s+in\s+care"),
        ("care_leavers", r"(?:the\s+)?experiences\s+and\s+progress\s+of\s+care\s+leavers"),
        ("children_in_care", r"children\s+looked\s+after\s+and\s+achieving\s+permanence"),
        ("adoption", r"adoption\s+performance"),
        ("leaders", r"leadership,\s+management\s+and\s+governance"),
    )
)
# A grade stated right after an area's name: "... protection Inadequate", "...: good".
_AFTER_AREA = re.compile(rf"\.?\s*(?:[:–-]\s*)?(?:is\s+|are\s+)?(?:Grade\s+\d\s*\(\s*)?({_GRADE})", re.I)
# A place name as reports write it: capitalised words joined by "and", "of", "upon".
_PLACE = (
    r"(?:[A-Z][\w’'&\-]*|and|of|upon|on|the|with|&)(?:,?\s+(?:[A-Z][\w’'&\-]*|and|of|upon|on|the|with|&)){0,8}?"
    r"(?:\s+area)?"
)
_GRADE_CI = rf"(?i:{_GRADE})"
_OVERALL = (
    re.compile(
        rf"overall\s+effectiveness(?:\s+of\s+services[^\n]{{0,80}})?\s*[:\-–]?\s*(?:Grade\s+\d\s*\(\s*)?({_GRADE})",
        re.I,
    ),
    re.compile(
        rf"overall\s+judgement\s+is\s+(?:that\s+[^.\n]{{0,80}}?\s(?:(?:is|are)\s+)?)?({_GRADE})", re.I
    ),
    re.compile(rf"[Cc]hildren[’']s\s+services\s+in\s+{_PLACE}\s+(?:(?:is|are)\s+)?({_GRADE_CI})"),
    re.compile(
        rf"[Ss]ervices\s+for\s+children(?:\s+and\s+(?:young\s+people|families))?\s+in\s+{_PLACE}\s+(?:(?:is|are)\s+)?({_GRADE_CI})"
    ),
    re.compile(rf"this\s+local\s+authority\s+(?:is\s+)?({_GRADE})", re.I),
    # Earlier frameworks: "Overall effectiveness of services for looked after children ... Grade 4 (inadequate)".
    re.compile(rf"overall\s+effectiveness[^.]{{0,120}}?grade\s+\d\s*\(\s*({_GRADE})\s*\)", re.I),
)
_LSCB_GRADE = re.compile(
    rf"(?:safeguarding\s+children[’']?s?\s+board|\b[A-Z]{{0,3}}SCB\b)(?:\s*\([A-Z]+\))?\s+(?:is\s+|are\s+)?({_GRADE})",
    re.I,
)
# Visits and joint inspections report findings in a letter without grading the council.
_UNGRADED = ("focused visit", "monitoring visit", "JTAI")
_TYPE = re.compile(r"\b(short|standard)\s+(?:ILACS\s+)?inspection\b", re.I)


# ----------------------------------------------------------------------------- recommendations

_ITEM = re.compile(r"^(?:(?P<num>\d{1,3})\.(?!\d)\s*(?=\S)|(?P<bullet>[•▪◦●■◼*\-–−o])\s+)")
_REC_HEADING = re.compile(
    r"^(?:(?P<improve>what\s+(?:does|do)\s+(?:the\s+)?(?P<who>.{1,60}?)\s+need\s+to\s+improve)"
    r"|(?P<needs>what\s+needs\s+to\s+improve(?:\s+in\s+[^?]{1,60})?)"
    r"|(?P<recs>(?:(?:key|main|lscb|the\s+lscb[’']s|the\s+board[’']s)\s+)?recommendations?)"
    r"|(?P<areas>areas?\s+for\s+(?:priority\s+action|improvement|development))"
    r"|(?P<priority>priority\s+and\s+immediate\s+action))"
    r"\s*[?:.]?$",
    re.I,
)
# Sub-lists inside a list of recommendations, with the priority they carry.
_SUBLIST = re.compile(
    r"^(?P<name>priority\s+and\s+immediate\s+action|areas?\s+for\s+(?:priority\s+action|improvement|development)"
    r"|immediately|within\s+(?:one|two|three|four|six|nine|twelve|\d+)\s+months?|in\s+the\s+(?:short|medium|longer?)\s+term)"
    r"\s*[:.]?$",
    re.I,
)
_PRIORITY_OF = (
    (re.compile(r"priority\s+and\s+immediate|immediately", re.I), "immediate"),
    (re.compile(r"priority\s+action", re.I), "priority"),
)
# A sentence that introduces the list rather than recommending ("... should take the following action.").
_INTRO = re.compile(r"(?:following\s+actions?|as\s+follows|should|the\s+following)\s*[.:]?$", re.I)
# Verbs (and adverbs before them) that open SIF recommendations: "Ensure that ...",
# "With partners, ensure ...", "Urgently review ..."; or a subject that "should" act.
_IMPERATIVE_VERBS = (
    "accelerate achieve act address agree be impress align allocate analyse apply appoint arrange assess assure audit avoid "
    "broaden build carry cease challenge check clarify collate commission complete comply concentrate conduct "
    "confirm consider consolidate consult continue coordinate create deliver design determine develop devise "
    "document drive embed enable encourage engage ensure equip establish evaluate examine expand expedite explore "
    "extend facilitate finalise focus formalise further gather give help hold identify implement improve include "
    "increase inform integrate introduce invest involve keep lead learn listen maintain make manage maximise "
    "measure minimise monitor notify offer oversee plan prepare prevent prioritise produce progress promote protect "
    "provide publish put raise rationalise re-establish receive recognise reconsider record recruit redesign reduce "
    "refresh reinforce reinvigorate renew report resolve resource respond restructure review revise revitalise "
    "scrutinise secure seek set share sharpen simplify standardise strengthen streamline submit support sustain "
    "tackle take target test evidence launch tighten track train undertake update use utilise visit widen work write"
).split()
_ADVERBS = "urgently swiftly rigorously fully consistently effectively robustly regularly systematically significantly"
_OPENINGS = (
    "with when where in for as prior to working together following through by within alongside once if "
    "to at across during until before after"
)
_VERB = rf"(?:(?:{'|'.join(_ADVERBS.split())})\s+)?(?:{'|'.join(_IMPERATIVE_VERBS)})\b"
_IMPERATIVE = re.compile(
    # An opening clause may come first: "With partners, ensure", "When children go missing, ensure".
    rf"^(?:(?:{'|'.join(_OPENINGS.split())})\b[^,.]{{0,120}},\s*)?{_VERB}"
    # A subject told to act: "The local authority to work with partners to ...".
    rf"|^(?:the\s+)?[\w’' ]{{1,40}}?\s+to\s+{_VERB}"
    # Or told what it should do: "The board should ensure ...".
    r"|^.{0,120}?(?:\b(?:should|must)\b|(?<!the\s)(?<!a\s)\bneeds?\s+to\b)",
    re.I,
)
# Headings of the sections that follow a SIF report's recommendations: they end a list
# even when the paragraphs after them are numbered on.
_LIST_END = re.compile(
    r"^(?:the\s+)?(?:local\s+authority|lscb|board)[’']?s?\s+(?:has\s+the\s+following\s+)?strengths|"
    r"^(?:key\s+)?strengths(?:\s+and\s+weaknesses)?\b|"
    r"^summary\s+for\s+children|^progress\s+since\s+the\s+last|^information\s+about\s+this|"
    r"^inspection\s+(?:judgements?|findings)\b|^what\s+the\s+inspection\s+judgements|^the\s+experiences\s+and\s+progress\s+of",
    re.I,
)
_NOUN_PHRASE_LIST = re.compile(
    r"^what\s+needs\s+to\s+improve|^areas?\s+for\s+(?:priority\s+action|improvement)", re.I
)
_SIF_SERVICES = re.compile(r"services\s+for\s+children\s+in\s+need\s+of\s+help\s+and\s+protection", re.I)
_NONE_STATED = re.compile(
    r"^(?:there\s+(?:are|is|were)\s+no|no\s+(?:areas?|recommendations?)|none|"
    r"the\s+inspection\s+did\s+not\s+(?:find|identify))\b",
    re.I,
)
# The heading that opens a SIF report's review of the LSCB (a heading: short, no full stop).
_SECTION_LSCB = re.compile(
    r"^(?=.{10,150}$)(?!.*\.$)(?:section\s+\d+:\s+)?(?:the\s+)?(?:effectiveness\s+of\s+the\s+)?"
    r"(?:local\s+safeguarding\s+children\s+board|LSCB)\b|^inspection\s+findings\s*[–-]\s*the\s+local\s+safeguarding"
    r"|^inspection\s+judgements?\s+about\s+the\s+lscb",
    re.I,
)


@dataclass
class _Item:
    number: int | None
    start: int
    end: int
    parts: list[str]
    section: str
    priority: str | None

    @property
    def text(self) -> str:
        return _squash(" ".join(self.parts))


@dataclass
class _List:
    heading: str
    items: list[_Item] = field(default_factory=list)
    numbered: bool = False
    # The bullet the list's items start with; another bullet marks an item's sub-list.
    marker: str | None = None


# ----------------------------------------------------------------------------- findings

_NEGATIVE = re.compile(
    r"\b(?:not|never|cannot|insufficient(?:ly)?|inconsistent(?:ly)?|inconsistency|"
    r"too\s+(?:many|much|long|slow|slowly|few|high|low|variable|often|late|early)|lacks?|lacking|poor(?:ly)?|"
    r"weak(?:er|ness|nesses)?|variable|variability|delays?|delayed|drift|fail(?:s|ed|ing|ure|ures)?|limited|"
    r"under-?developed|inadequate(?:ly)?|ineffective(?:ly)?|unclear|gaps?|deficits?|shortfalls?|"
    r"deteriorat\w*|serious|widespread|yet\s+to|only\s+recently|patchy|slow(?:ly)?|challenges?|unable|"
    r"absence|absent|unsafe|harmed|inhibit\w*|restrict\w*|overly|unassessed|churn|instability|unstable|"
    r"requires?\s+improvement|less\s+(?:effective|consistent|well)|remains?\s+(?:high|low|weak|a\s+concern))\b|n[’']t\b",
    re.I,
)
_POSITIVE = re.compile(
    r"\b(?:good|well|strong(?:ly|er)?|effective(?:ly)?|timely|robust(?:ly)?|improv(?:ed|ing|ement|ements)|"
    r"outstanding|benefit(?:s|ed|ing)?|positive(?:ly)?|high-quality|skilled|thorough(?:ly)?|appropriate(?:ly)?|"
    r"success(?:ful|fully)?|stable|stability|committed|commitment|ambitious|creative|clear(?:ly)?|swift(?:ly)?|"
    r"responsive|comprehensive|strengths?|strengthened|excellent|exceptional(?:ly)?|prompt(?:ly)?|safe|"
    r"supported|valued|confident|confidence|resilient|determined|impressive|innovative|embedded|"
    r"well-\w+|highly|sensitive(?:ly)?|caring|knowledgeable|proactive|dedicated)\b",
    re.I,
)
# Phrases whose negative word praises: "without delay", "no children waiting".
_NOT_NEGATIVE = re.compile(
    r"\bwithout\s+(?:undue\s+|any\s+)?(?:delay|drift)\b|\bcannot\s+return\s+home\b", re.I
)
# Concessive openings: the clause after the comma carries the sentence's verdict.
_CONCESSIVE = re.compile(
    r"^(?:although|though|while|whilst|despite|even\s+though|notwithstanding)\b[^,]*,\s*", re.I
)
_CONTRAST = re.compile(r"(?:,|;)\s*(?:but|however|although|though|while|whilst)\b,?\s*|\bhowever,\s*", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])[’'\")]?\s+(?=[A-Z‘“'\"(•])")
_SUMMARY_HEADINGS = (
    (
        "summary",
        re.compile(
            r"^(?:summary\s+of\s+(?:the\s+)?(?:key\s+)?findings|executive\s+summary|key\s+findings|"
            r"headline\s+findings|main\s+findings)\s*:?$",
            re.I,
        ),
    ),
    (
        "strengths",
        re.compile(
            r"^(?:(?:the\s+)?(?:local\s+authority|authority)(?:[’']s)?\s+(?:has\s+the\s+following\s+)?)?"
            r"(?:key\s+)?strengths\s*:?$",
            re.I,
        ),
    ),
)
# What ends an ILACS report's opening summary: its list of improvements or first section.
_SUMMARY_STOP = re.compile(
    rf"^(?:what\s+needs\s+to\s+improve|the\s+(?:experiences\s+and\s+progress|impact\s+of\s+leaders)\b[^\n]{{0,140}}"
    rf"(?::|\bis|\bare)\s*{_GRADE}\s*$|1\.\s)",
    re.I | re.M,
)
# A safeguarding board's own name, with its acronym: "Torbay Safeguarding Children Board (TSCB)".
_BOARD_NAME = re.compile(
    r"\b(?P<name>(?:[A-Z][\w’'&\-]*\s+){1,5}Safeguarding\s+Children\s+Board)(?:\s*\((?P<acronym>[A-Z]{3,6})\))?"
)
_BECAUSE = re.compile(rf"\b(?:is|are)\s+({_GRADE})\s+because\b", re.I)


# ----------------------------------------------------------------------------- the extractor


@dataclass(frozen=True)
class _Council:
    council: Council
    start: int
    end: int


class OfstedReportExtractor:
    """Reads Ofsted reports on councils' children's services (SIF, ILACS, visits, JTAI).

    `accepts` scores how much a document's opening reads like such a report; `extract`
    returns the council, the inspection, its recommendations and findings, with evidence.
    """

    name = "ofsted_report"

    def __init__(self, gazetteer: CouncilGazetteer | None = None) -> None:
        """`gazetteer`: the councils to recognise; the project's own gazetteer by default."""
        self._gazetteer = gazetteer

    def _councils(self) -> CouncilGazetteer:
        """The council gazetteer: the one given, else the project's own (loaded once)."""
        if self._gazetteer is None:
            self._gazetteer = CouncilGazetteer.load()
        return self._gazetteer

    # ------------------------------------------------------------------ accepts

    def accepts(self, doc: ParsedDocument) -> float:
        """How much the document reads like an Ofsted report on children's services, 0 to 1.

        A report names its kind in its title (or its letter's subject) and carries the
        furniture of one: inspection dates, the lead inspector, the judgements. Minutes and
        news that discuss a report name it but lack the furniture, and score low.
        """
        if doc.format in ("csv", "xlsx"):
            # Ofsted publishes its reports as PDFs and web pages, never as spreadsheets.
            return 0.0
        head = doc.text[:4000]
        lines = _split_lines(head)
        title_end, _ = _title_end(lines)
        framework = _framework(head[: max(title_end, 1500)])
        markers = sum(1 for pattern in _REPORT_MARKERS if pattern.search(head))
        if _COUNCIL_PAPER.search(head) and not _INSPECTORATE.search(head):
            # A council's plan or committee paper sets the report's facts out on its cover
            # ("Inspection report published", "Overall effectiveness"), but is the council's own.
            markers = min(markers, 1)
        if framework and markers >= 2:
            return 0.95
        if framework and markers == 1:
            return 0.75
        if framework or markers >= 2:
            return 0.3
        return 0.0

    # ------------------------------------------------------------------ extract

    def extract(self, doc: ParsedDocument) -> GraphDoc:
        """The council, inspection, recommendations and findings of one report."""
        graph = GraphDoc()
        text = doc.text
        lines = _split_lines(text)
        head = text[:2500]
        title_end, _ = _title_end(lines)
        framework = _framework(text[:title_end]) or _framework(head) or "other"
        found = self._council(doc, lines)
        if found is None:
            return graph
        council = found.council
        council_ev = doc.evidence(found.start, found.end)
        graph.add_node(Node(council.uid, (Label.COUNCIL,), dict(council.properties()), [council_ev]))

        start_date, end_date, dates_span = self._dates(text)
        published = self._published(text) or _date_from_filename(doc.source)
        year = int(start_date[:4]) if start_date else (int(published[:4]) if published else None)
        uid = inspection_uid(council.code, framework, start_date, year)
        props: dict[str, object] = {
            "framework": framework,
            "start_date": start_date,
            "end_date": end_date,
            "published_date": published,
            "year": year,
            "title": doc.title or _title_of(lines) or None,
        }
        if framework not in _UNGRADED:
            props.update(self._judgements(text))
        kind = _TYPE.search(text[:20000])
        if kind:
            props["inspection_type"] = kind.group(1).lower()
        insp_ev = doc.evidence(*dates_span) if dates_span else council_ev
        graph.add_node(Node(uid, (Label.INSPECTION,), props, [insp_ev]))
        graph.add_relationship(Relationship(RelType.INSPECTED, uid, council.uid, {}, [insp_ev]))

        lscb_only = framework == "SIF" and not _SIF_SERVICES.search(text[:title_end])
        lists = _recommendation_lists(lines, lscb_only)
        self._add_recommendations(doc, graph, uid, lists)
        # A SIF report reviews the council's LSCB too: the board is named where it was judged.
        if "judgement_lscb" in props or any(item.section == "lscb" for rec in lists for item in rec.items):
            self._add_lscb(doc, graph, council)
        self._add_findings(doc, graph, uid, lines)
        return graph

    # ------------------------------------------------------------------ council

    def _council(self, doc: ParsedDocument, lines: list[_Line]) -> _Council | None:
        gaz = self._councils()
        if doc.metadata.council:
            named = gaz.resolve(doc.metadata.council)
            if named is not None:
                mention = next(
                    (m for m in gaz.find_all(doc.text[:20000]) if m.council.code == named.code), None
                )
                if mention:
                    return _Council(named, mention.start, mention.end)
        # The title names the council: "Inspection of Reading local authority children's
        # services", "Focused visit to Wiltshire Council children's services", or a first
        # line "Somerset County Council". Short names that are also words (Reading, Bury,
        # Hull) are resolved from the title's slot, not found by search.
        title_end, titled = _title_end(lines)
        for window_end in (title_end, min(len(doc.text), 3000)):
            slot = _COUNCIL_SLOT.search(doc.text, 0, window_end)
            named = gaz.resolve(slot.group("name")) if slot else None
            if slot and named is not None:
                return _Council(named, slot.start("name"), slot.end("name"))
        if titled:
            mentions = gaz.find_all(doc.text[:title_end])
            if mentions:
                return _Council(mentions[0].council, mentions[0].start, mentions[0].end)
            for line in lines[:6]:
                named = gaz.resolve(line.text) if len(line.text) < 80 else None
                if named is not None:
                    return _Council(named, line.start, line.end)
        # A letter (focused or monitoring visit, JTAI) opens with Ofsted's own address in
        # Manchester, so the council is the one the text names most often.
        counts: Counter[str] = Counter()
        first_at: dict[str, tuple[int, int]] = {}
        for m in gaz.find_all(doc.text[:60000]):
            counts[m.council.code] += 1
            first_at.setdefault(m.council.code, (m.start, m.end))
        if counts:
            code, _ = counts.most_common(1)[0]
            start, end = first_at[code]
            return _Council(gaz.by_code[code], start, end)
        # Last resort: a council named in the file's path (".../80510_merton/report.pdf").
        for part in reversed(PurePath(doc.source).parts[:-1]):
            name = re.sub(r"^\d+[_\-]", "", part).replace("_", " ").replace("-", " ")
            named = gaz.resolve(name)
            if named is not None:
                span = lines[0] if lines else _Line(0, 0, "")
                return _Council(named, span.start, span.end)
        return None

    # ------------------------------------------------------------------ dates

    def _dates(self, text: str) -> tuple[str | None, str | None, tuple[int, int] | None]:
        head = text[:4000]
        label = re.search(
            r"(?:inspection|visit)\s+dates?\s*:?|dates?\s+of\s+(?:the\s+)?(?:inspection|visit)\s*:?",
            head,
            re.I,
        )
        windows: list[int] = []
        if label:
            windows.append(label.end())
        letter = re.search(
            r"(?:findings\s+of\s+the\s+(?:focused|monitoring)\s+visit|visit(?:ed)?|inspection)[^.]{0,160}?\s+(?:on|between|from)\s+(?=\d)",
            head,
            re.I,
        )
        if letter:
            windows.append(letter.end())
        windows.append(0)
        for start in windows:
            window = text[start : start + 160]
            first, last, span = _parse_date_range(window)
            if first is None or span is None:
                continue
            # A split inspection ("... to 12 July 2019 and 7 August 2019 to 8 August 2019").
            rest = window[span[1] :]
            more = re.match(rf"\s*and\s+(?:{_DAY}[^\n]{{0,40}}?{_YEAR})", rest.replace("\n", " "))
            if more:
                last = _last_date(rest[: more.end()]) or last
                span = (span[0], span[1] + more.end())
            line_start = text.rfind("\n", 0, start + span[0]) + 1
            return first, last, (min(line_start, start + span[0]), start + span[1])
        return None, None, None

    def _published(self, text: str) -> str | None:
        m = re.search(r"(?:report\s+)?published\s*:?\s*(?:on\s+)?", text[:4000], re.I)
        if m:
            s = _SINGLE.match(text, m.end()) or _SINGLE.search(text[m.end() : m.end() + 40])
            if s:
                return _iso(int(s.group("y")), _month(s.group("m")), _day(s.group("d")))
        return None

    # ------------------------------------------------------------------ judgements

    def _judgements(self, text: str) -> dict[str, object]:
        """The overall judgement and each area's, as `judgement` and `judgement_<area>`."""
        out: dict[str, object] = {}
        head = text[:9000]
        for pattern in _OVERALL:
            m = pattern.search(head)
            if m:
                out["judgement"] = _grade(m.group(1))
                break
        for slug, pattern in _AREAS:
            key = f"judgement_{slug}"
            if key in out:
                continue
            for m in pattern.finditer(head):
                after = _AFTER_AREA.match(head, m.end())
                if after:
                    out[key] = _grade(after.group(1))
                    break
        lscb = _LSCB_GRADE.search(text)
        if lscb:
            out["judgement_lscb"] = _grade(lscb.group(1))
        return out

    # ------------------------------------------------------------------ recommendations

    def _add_recommendations(
        self, doc: ParsedDocument, graph: GraphDoc, inspection: str, lists: list[_List]
    ) -> None:
        counter = 0
        seen: set[tuple[int | None, str]] = set()
        for rec_list in lists:
            for item in rec_list.items:
                text = item.text
                if not text:
                    continue
                if item.number is None:
                    counter += 1
                    number = counter
                else:
                    number = item.number
                    counter = max(counter, number)
                if (number, text) in seen:
                    continue
                seen.add((number, text))
                uid = recommendation_uid(inspection, number, text)
                props: dict[str, object] = {"text": text, "number": number, "section": item.section}
                if item.priority:
                    props["priority"] = item.priority
                ev = doc.evidence(item.start, item.end)
                graph.add_node(Node(uid, (Label.RECOMMENDATION,), props, [ev]))
                graph.add_relationship(Relationship(RelType.RECOMMENDED, inspection, uid, {}, [ev]))

    def _add_lscb(self, doc: ParsedDocument, graph: GraphDoc, council: Council) -> None:
        """The council's LSCB as a Board: by its own name where the report gives one."""
        name: str | None = None
        span: tuple[int, int] | None = None
        acronym: str | None = None
        for named in _BOARD_NAME.finditer(doc.text):
            candidate = _squash(named.group("name"))
            # "Review of the effectiveness of the Local Safeguarding Children Board" names no council.
            if any(m.council.code == council.code for m in self._councils().find_all(candidate)):
                name = re.sub(r"^the\s+", "", candidate, flags=re.I)
                span, acronym = named.span("name"), named.group("acronym")
                break
        if name is None or span is None:
            generic = re.search(r"Local\s+Safeguarding\s+Children\s+Board", doc.text, re.I)
            if not generic:
                return
            name, span, acronym = f"{council.name} Local Safeguarding Children Board", generic.span(), "LSCB"
        uid = board_uid(council.code, name)
        ev = doc.evidence(*span)
        props: dict[str, object] = {"name": name, "kind": "board", "acronym": acronym}
        graph.add_node(Node(uid, (Label.BOARD,), props, [ev]))
        graph.add_relationship(Relationship(RelType.PART_OF, uid, council.uid, {}, [ev]))

    # ------------------------------------------------------------------ findings

    def _add_findings(
        self, doc: ParsedDocument, graph: GraphDoc, inspection: str, lines: list[_Line]
    ) -> None:
        for start, end, default in _summary_sections(doc.text, lines):
            for s_start, s_end in _sentences(doc.text, start, end):
                sentence = _squash(doc.text[s_start:s_end])
                if len(sentence) < 40 or not sentence[:1].isupper():
                    continue
                uid = finding_uid(inspection, sentence)
                ev = doc.evidence(s_start, s_end)
                props = {"text": sentence, "polarity": _polarity(sentence, default)}
                graph.add_node(Node(uid, (Label.FINDING,), props, [ev]))
                graph.add_relationship(Relationship(RelType.FOUND, inspection, uid, {}, [ev]))


# ----------------------------------------------------------------------------- helpers


def _title_end(lines: list[_Line]) -> tuple[int, bool]:
    """Where the report's title block ends, and whether a dates line marked it (else a guess)."""
    for line in lines[:15]:
        if re.match(
            r"(?:inspection|visit)\s+dates?|dates?\s+of|report\s+published|lead\s+inspector", line.text, re.I
        ):
            return line.start, True
    return (lines[min(len(lines), 6) - 1].end if lines else 0), False


def _title_of(lines: list[_Line]) -> str | None:
    """A title for a document that has none: its title block, or the line naming the visit."""
    end, titled = _title_end(lines)
    if titled:
        return _squash(" ".join(line.text for line in lines if line.start < end))[:250] or None
    for line in lines[:40]:
        if len(line.text) < 200 and any(pattern.search(line.text) for _, pattern in _TITLE_PATTERNS):
            return line.text
    return lines[0].text[:250] if lines else None


def _is_item(text: str) -> re.Match[str] | None:
    return _ITEM.match(text)


def _looks_heading(text: str) -> bool:
    """A short line that is not a sentence: a heading or a sub-heading."""
    return len(text) <= 110 and not re.search(r"[.;,]$", text) and text[:1].isupper() and not _is_item(text)


def _recommendation_lists(lines: list[_Line], lscb_only: bool = False) -> list[_List]:
    """Every list of recommendations, in order, with the section each item belongs to.

    In a SIF report the local authority's recommendations come first and the LSCB's
    follow in the review's own section: a list is the LSCB's when its heading says so,
    or when an LSCB section heading stands between it and the list before it. A review of
    the LSCB on its own has only the board's recommendations.
    """
    out: list[_List] = []
    i = 0
    last_end = -1
    while i < len(lines):
        m = _REC_HEADING.match(lines[i].text)
        if not m:
            i += 1
            continue
        heading = _squash(lines[i].text)
        who = (m.group("who") or "").lower()
        in_lscb = (
            lscb_only
            or "lscb" in who
            or "safeguarding" in who
            or (last_end >= 0 and any(_SECTION_LSCB.match(line.text) for line in lines[last_end:i]))
        )
        rec_list, next_i = _ListReader(lines, heading, in_lscb).read(i + 1)
        if rec_list.items:
            out.append(rec_list)
            i = last_end = next_i
        else:
            i += 1
    return out


def _section_name(heading: str, in_lscb: bool) -> str:
    if in_lscb:
        return "lscb"
    h = heading.lower().rstrip("?:. ")
    if h.startswith("what does") or h.startswith("what do"):
        return "local authority"
    if "what needs to improve" in h:
        return "what needs to improve"
    if h.endswith("recommendations") or h.endswith("recommendation"):
        return "recommendations"
    return h


def _priority(name: str) -> str | None:
    for pattern, priority in _PRIORITY_OF:
        if pattern.search(name):
            return priority
    return None


class _ListReader:
    """Reads the items of one list of recommendations, from the line after its heading.

    Items start with a number ("12. Ensure ...") or a bullet. A list keeps the kind of
    marker it started with: numbered paragraphs after bullets, or bullets after numbered
    items, belong to the next section, except a numbered item's own sub-list (a different
    bullet, or bullets after an item ending "... to include:"). Sub-headings inside the list
    ("Priority and immediate action", "Care leavers") are passed over when the list goes
    on after them; numbered theme headings with bullets under them ("1. Quality of
    practice") are passed over too. Lines that do not start an item carry the item on.
    """

    def __init__(self, lines: list[_Line], heading: str, in_lscb: bool) -> None:
        self.lines = lines
        self.in_lscb = in_lscb
        self.result = _List(heading)
        self.section = _section_name(heading, in_lscb)
        self.priority = _priority(heading)
        self.current: _Item | None = None
        self.last_number: int | None = None

    def read(self, i: int) -> tuple[_List, int]:
        """The list, and the index of the line where it stopped."""
        preamble = 0
        while i < len(self.lines):
            line = self.lines[i]
            item = _is_item(line.text)
            if item:
                if not self._item(i, line, item):
                    break
            elif _SUBLIST.match(line.text):
                self._sublist(line.text)
            elif self.current is not None:
                if not self._other(i, line):
                    break
            elif (
                preamble < 3
                and (_looks_heading(line.text) or _INTRO.search(line.text) or line.text.endswith(":"))
                and not _REC_HEADING.match(line.text)
                and not _LIST_END.match(line.text)
            ):
                # Before the first item: a sub-heading or an introductory sentence or two.
                preamble += 1
            else:
                break
            i += 1
        self._flush()
        self.result.items = _keep_items(self.result)
        return self.result, i

    def _flush(self) -> None:
        if self.current is not None:
            self.result.items.append(self.current)
            self.current = None

    def _item(self, i: int, line: _Line, item: re.Match[str]) -> bool:
        """Take a line that starts with a marker; False when it ends the list."""
        body = line.text[item.end() :].strip()
        number = int(item.group("num")) if item.group("num") else None
        bullet = item.group("bullet")
        started = self.current is not None or bool(self.result.items)
        if number is not None and self.last_number is not None and number != self.last_number + 1:
            return False
        if number is not None and not self.result.numbered and self._theme_heading(i, body):
            self._flush()
            self.last_number = number
            return True
        if self.current is not None and self._sub_item(bullet):
            self.current.parts.append(f"{line.text[: item.end()].strip()} {body}")
            self.current.end = line.end
            return True
        if started and (number is None) == self.result.numbered:
            return False
        if not started and number is not None and _INTRO.search(body):
            # "15. In order to improve ..., the local authority should take the following action."
            return True
        if not started:
            self.result.numbered = number is not None
            self.result.marker = bullet
        self._flush()
        self.current = _Item(number, line.start, line.end, [body], self.section, self.priority)
        if number is not None:
            self.last_number = number
        return True

    def _theme_heading(self, i: int, body: str) -> bool:
        """A numbered line naming a theme, with the recommendations as bullets under it."""
        if not _looks_heading(body) or _IMPERATIVE.match(body) or i + 1 >= len(self.lines):
            return False
        nxt = _is_item(self.lines[i + 1].text)
        return bool(nxt and nxt.group("bullet"))

    def _sub_item(self, bullet: str | None) -> bool:
        """A bullet that belongs to the current item rather than starting the next one."""
        if bullet is None or self.current is None:
            return False
        marker = self.result.marker
        if marker is not None and bullet != marker:
            return True
        return self.result.numbered and _opens_sublist(self.current)

    def _sublist(self, text: str) -> None:
        """A sub-list heading: "Priority and immediate action", "Areas for improvement", "Within three months:"."""
        self._flush()
        name = _squash(text).lower().rstrip(":. ")
        if name.startswith(("immediately", "within", "in the")):
            self.priority = name
        else:
            self.priority = _priority(name)
            if not self.in_lscb:
                self.section = name

    def _other(self, i: int, line: _Line) -> bool:
        """A line after an item: it carries the item on, is a sub-heading, or ends the list."""
        assert self.current is not None
        text = line.text
        if _LIST_END.match(text) or _REC_HEADING.match(text):
            return False
        if _continues_item(self.current, text) and not (
            _looks_heading(text) and _next_is_heading_or_numbered(self.lines, i)
        ):
            self.current.parts.append(text)
            self.current.end = line.end
            return True
        if _looks_heading(text) and _subheading_inside(self.lines, i, self.last_number, self.result.numbered):
            self._flush()
            return True
        return False


def _opens_sublist(item: _Item) -> bool:
    """An item that ends by introducing a list of its own, or is already carrying one."""
    last = item.parts[-1].rstrip()
    return (len(item.parts) > 1 and item.parts[-1].startswith(("•", "-", "–"))) or not re.search(
        r"[.!?][’'\")]*$", last
    )


def _continues_item(item: _Item, text: str) -> bool:
    """A line that carries on the item before it (a wrap the layout did not join)."""
    if _is_item(text) or _REC_HEADING.match(text) or _SUBLIST.match(text):
        return False
    last = item.parts[-1].rstrip()
    if text[:1].islower() or text[:1] in "(–-":
        return True
    return not re.search(r"[.;:!?][’'\")]*$", last)


def _subheading_inside(lines: list[_Line], i: int, last_number: int | None, numbered: bool) -> bool:
    """A heading within a list: the list carries on after it, numbered on, still recommending."""
    for nxt in lines[i + 1 : i + 3]:
        item = _is_item(nxt.text)
        if item:
            body = nxt.text[item.end() :]
            if numbered:
                if (
                    item.group("num") is None
                    or last_number is None
                    or int(item.group("num")) != last_number + 1
                ):
                    return False
                return bool(_IMPERATIVE.match(body.strip()))
            return item.group("bullet") is not None and bool(_IMPERATIVE.match(body.strip()))
        if not _looks_heading(nxt.text):
            return False
    return False


def _keep_items(rec_list: _List) -> list[_Item]:
    """The list's items, or none when a numbered list reads as findings, not recommendations.

    SIF recommendations are imperatives ("Ensure that ...", "The local authority should
    ..."); numbered paragraphs read after an empty "Recommendations" heading are not.
    """
    # "There are no areas of priority action." stands where a sub-list is empty.
    items = [item for item in rec_list.items if len(item.text) >= 12 and not _NONE_STATED.match(item.text)]
    # ILACS lists areas to improve as noun phrases ("The quality of plans."), never verbs.
    if rec_list.numbered and items and not _NOUN_PHRASE_LIST.match(rec_list.heading):
        imperative = sum(1 for item in items if _IMPERATIVE.match(item.text))
        if imperative * 2 < len(items):
            return []
    return items


def _summary_sections(text: str, lines: list[_Line]) -> list[tuple[int, int, str | None]]:
    """The report's summary sections, each with a default polarity (None: judge each sentence).

    The first "Summary of findings" (or executive summary, key or headline findings) and
    the strengths list of SIF reports; for ILACS, the summary between the judgement table
    and the first section. The contents page's copy of a heading is skipped: a real one has
    prose after it.
    """
    spans: list[tuple[int, int, str | None]] = []
    taken: set[str] = set()
    for i, line in enumerate(lines):
        kind = next(
            (k for k, pattern in _SUMMARY_HEADINGS if k not in taken and pattern.match(line.text)), None
        )
        if kind is None:
            continue
        end = _section_end(lines, i)
        if end - line.end < 60:
            continue
        taken.add(kind)
        default: str | None = "strength" if kind == "strengths" else None
        because = _BECAUSE.search(text, line.end, min(end, line.end + 400))
        if because and default is None:
            grade = _grade(because.group(1))
            default = {"good": "strength", "outstanding": "strength", "inadequate": "weakness"}.get(
                grade or ""
            )
        spans.append((line.end, end, default))
    if "summary" not in taken:
        overall = re.search(rf"^overall\s+effectiveness\s*:?\s*{_GRADE}[^\n]*$", text[:8000], re.I | re.M)
        if overall:
            start = overall.end()
            stop = _SUMMARY_STOP.search(text, start, start + 8000)
            if stop:
                spans.append((start, stop.start(), None))
    return spans


def _section_end(lines: list[_Line], i: int) -> int:
    """Where the section under heading `i` ends: before the next heading that opens a section."""
    end = lines[i].end
    for j in range(i + 1, min(len(lines), i + 60)):
        text = lines[j].text
        if _REC_HEADING.match(text) or any(p.match(text) for _, p in _SUMMARY_HEADINGS):
            break
        if (
            j > i + 1
            and _looks_heading(text)
            and not text.endswith(":")
            and _next_is_heading_or_numbered(lines, j)
        ):
            break
        end = lines[j].end
    return end


def _next_is_heading_or_numbered(lines: list[_Line], j: int) -> bool:
    if j + 1 >= len(lines):
        return True
    nxt = lines[j + 1].text
    m = _is_item(nxt)
    return bool(m and m.group("num")) or _looks_heading(nxt)


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraphs and list items in a span, with lines that a plain-text file wrapped joined back."""
    blocks: list[list[int]] = []
    prev = ""
    for line in re.finditer(r"[^\n]+", text[start:end]):
        chunk = line.group(0).strip()
        if not chunk:
            continue
        wrapped = (
            blocks
            and not _ITEM.match(chunk)
            and not re.search(r"[.!?:;][’'\")]*$", prev)
            and (chunk[:1].islower() or len(prev) > 60)
        )
        if wrapped:
            blocks[-1][1] = start + line.end()
        else:
            blocks.append([start + line.start(), start + line.end()])
        prev = chunk
    return [(a, b) for a, b in blocks]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentences of a summary: headings skipped, list markers left out."""
    out: list[tuple[int, int]] = []
    for b_start, b_end in _blocks(text, start, end):
        chunk = text[b_start:b_end]
        if _looks_heading(chunk.strip()):
            continue
        marker = _ITEM.match(chunk)
        if marker:
            # A list item's marker ("• ", "12. ") is not part of its sentence.
            b_start += marker.end()
            chunk = chunk[marker.end() :]
        pos = 0
        for m in _SENTENCE.finditer(chunk):
            out.append((b_start + pos, b_start + m.start()))
            pos = m.end()
        out.append((b_start + pos, b_start + len(chunk)))
    return [(s, e) for s, e in out if e > s]


def _polarity(sentence: str, default: str | None) -> str:
    """Strength or weakness: the section's default, else the verdict of the sentence's main clause."""
    if default:
        return default
    clause = _CONCESSIVE.sub("", sentence, count=1)
    parts = _CONTRAST.split(clause)
    if len(parts) > 1 and parts[-1].strip():
        clause = parts[-1]
    clause = _NOT_NEGATIVE.sub(" ", clause)
    negative = len(_NEGATIVE.findall(clause))
    positive = len(_POSITIVE.findall(clause))
    return "weakness" if negative and negative >= positive else "strength"
