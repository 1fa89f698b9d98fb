"""What councils write about Ofsted inspections: minutes, reports, news and action plans.

`CouncilDocumentExtractor` reads the prose of any parsed document (text, Markdown, HTML,
DOCX; the rows of spreadsheets and tables are read by `ingest.tables.extract_tables`,
which the pipeline calls for every document with tables so that columns it cannot map
are reported as warnings). It finds, with the quote each came from:

- councils named, and the document's own council (metadata, letterhead, most mentions);
- the inspections referred to: council, year, framework (named, or told by the year:
  "the new framework" in 2014 is SIF, ILACS from 2018), dates and judgement; an earlier
  inspection or a dated visit beside the main one is an inspection of its own;
- findings a document reports of an inspection ("inspectors praised ...", "it found ...
  may not always receive timely assessment"), each a strength or a weakness;
- recommendations quoted under Ofsted's headings, listed after a line that introduces them
  ("The letter asked the partnership to improve:"), or as "Ofsted recommended that ...";
  a council report's own recommendations to its cabinet are not Ofsted's;
- action plans (title, status, submitted date) answering the inspection, the boards that
  monitor them and the actions they include;
- actions: items of plan lists, resolutions that commit to something, and sentences
  that commit ("will ...", "is being finalised", "has been commissioned"), with the
  board named as owning or receiving them and the officer leading them;
- boards, committees, panels and cabinets (see `ingest.boards`), the meeting the
  document records, and people (see `ingest.people`).

The rules are patterns of the genre, not of any one document; the same rules read
minutes of any council in any year.

    >>> from ingest.textfile import parse_text
    >>> from ingest.document import Metadata
    >>> doc = parse_text(b"Minutes of Cabinet, 3 March 2020\\n\\nCllr Jo Bloggs, Cabinet Member for Children, "
    ...     b"said the action plan would be monitored by the Corporate Parenting Board.",
    ...     source="m.txt", sha256="1" * 64, metadata=Metadata(council="Leeds"))
    >>> g = CouncilDocumentExtractor().extract(doc)
    >>> sorted(n.properties["name"] for n in g.with_label("Board"))
    ['Cabinet', 'Corporate Parenting Board']
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ingest.boards import (
    HEAD_KINDS,
    Board,
    BoardDirectory,
    BoardMention,
    find_meeting_heading,
    normalise_board_name,
)
from ingest.councils import Council, CouncilGazetteer, CouncilMention
from ingest.dates import DateMention, find_dates, find_yearless_dates
from ingest.document import ParsedDocument
from ingest.people import PersonMention, find_people, is_councillor_role, role_key
from ingest.tables import map_columns
from ingest.uids import (
    action_plan_uid,
    action_uid,
    board_uid,
    finding_uid,
    inspection_uid,
    meeting_uid,
    person_uid,
    recommendation_uid,
)
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship
from schema.vocabulary import Label, RelType

EXTRACTOR_NAME = "council_document"

# ---------------------------------------------------------------------------- layout

_ITEM = re.compile(
    r"^[ \t]*(?P<marker>[•●▪■◦‣∙·\uf0b7\uf0a7o*\-–—]|\(?\d{1,3}[.)](?!\d)|\(?[a-z][.)]|\(?[ivx]{1,4}\)"
    # an action's reference in a plan: "MA1.1  Essex Police to send ..."
    r"|[A-Z]{1,4}\d{1,2}(?:\.\d{1,2})+"
    # an area for improvement's label: "AFI 1 The understanding ...", "R2: Improve ..."
    r"|(?:AFI|AfI|Rec\.?|R)[ \t]?\d{1,2}[.:)]?)[ \t]+(?=\S)"
)
# "3.3 The report made ...", and "3.3The report" where a web page set the number in an element of its own
_NUMBERED_PARA = re.compile(r"^[ \t]*\d{1,2}(?:\.\d{1,2})+(?:[ \t]+|(?=[A-Z][a-z]))")
# Sections of council reports that are standard boilerplate, not about the inspection.
_BOILER_HEADING = re.compile(
    r"\b(?:financial|legal|equalit(?:y|ies)|procurement|policy implications?|implications|reasons? for decision|"
    r"use of appendices|access to information|background papers|supporting documents|comments of the|"
    r"head of procurement|risk management|environmental|data protection|consultation)\b",
    re.IGNORECASE,
)
# A place name that begins another organisation's or a building's name ("Kent Police", "Kent and
# Medway Clinical Commissioning Group", "Cumbria House", "Bristol Evening Courier") is not the council.
_ORGANISATION_AFTER = re.compile(
    r"(?:\s+(?:and|&)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})?\s+(?:Police|Constabulary|Fire|Clinical\s+Commissioning|"
    r"Integrated\s+Care|NHS|Hospitals?|Healthcare|Health\s+(?:Care\s+)?(?:NHS\s+)?(?:Foundation\s+)?Trust|"
    r"Partnership\s+(?:NHS\s+)?Trust|University|College|Diocese|House|Hall|Road|Street|Avenue|Court|Centre|"
    r"Chronicle|Gazette|Echo|Herald|Evening|Courier|Argus|Mercury|Telegraph|Observer)\b"
    # a town in an address, before its postcode: "West Bridgford, Nottingham NG2 7QP"
    r"|\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"
)
# Lines after which a web page is only comments, links and advertising. ("Advertisement" and
# "Read more" slots sit inside articles too: they end nothing.)
_WEB_TAIL = re.compile(
    r"^\s*(?:\d+\s+comments?|comments|latest news(?: stories)?|most read(?: news)?|related (?:articles|stories|news)|"
    r"share this(?: article)?|sign up now|more stories|digital edition|top stories)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_ABBREVIATIONS = {"cllr", "mr", "mrs", "ms", "dr", "st", "no", "nos", "para", "paras", "prof", "approx", "e.g", "i.e",
                  "etc", "vs", "cf", "ref", "fig", "vol", "co", "ltd", "inc", "jan", "feb", "aug", "sept", "oct",
                  "nov", "dec"}  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?[ \t]+(?=[\"“‘'(]?[A-Z0-9£])|(?<=[.!?][\"”’'])[ \t]+(?=\S)")


@dataclass(frozen=True)
class Block:
    """A line or paragraph of the document: its span, its content's start, and what it is."""

    start: int
    content: int
    end: int
    kind: str  # heading, item, para
    section: str
    boiler: bool
    speech: bool


@dataclass(frozen=True)
class Sentence:
    """A sentence with its span and the block it belongs to."""

    start: int
    end: int
    block: int


# A line this long that stops short of a full stop was wrapped: the next line goes on with it.
_WRAPPED_LINE = 60


def _indented_numbered_item(first: str, blocks: list[Block], text: str) -> re.Match[str] | None:
    """An indented "1.1  Agree a protocol ..." under a line ending in a colon (or after another
    such item) is a list item, where the same number flush left would be a paragraph's."""
    numbered = re.match(r"[ \t]{2,}\d{1,2}(?:\.\d{1,2})+[ \t]+(?=\S)", first)
    if numbered is None or not blocks:
        return None
    last = blocks[-1]
    if last.kind == "item" or text[last.start : last.end].rstrip().endswith(":"):
        return numbered
    return None


def _marker_style(marker: str) -> str:
    """The style of a list item's marker: "(1)", "1.", "a)", a bullet ... ; the numbers themselves aside."""
    return re.sub(r"\d+", "9", re.sub(r"(?<![A-Za-z])[a-z](?![A-Za-z])", "a", marker.strip()))


def _numbered_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the items of a block that runs numbered items together ("1. X. 2. Y."):
    each next number after a sentence's end starts an item. One span when there are none."""
    first = re.match(r"[ \t]*\(?(\d{1,3})[.)][ \t]", text[start:end])
    if first is None:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    number, at = int(first.group(1)), start
    while True:
        following = re.compile(rf"(?<=[.;!?])[ \t]+(?={number + 1}[.)][ \t]+[A-Z])").search(text, at, end)
        if following is None:
            break
        spans.append((at, following.start()))
        number, at = number + 1, following.end()
    spans.append((at, end))
    return spans


_CAPITALS_HEADING = re.compile(r"\s*\d{1,2}[.)]\s+[A-Z][A-Z’'&(),/-]*(?:\s+[A-Z’'&(),/-]+)+\s*")


def _blocks(text: str, end_of_scope: int, skip: list[tuple[int, int]]) -> list[Block]:
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text[:end_of_scope].split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    blocks: list[Block] = []
    section = ""
    boiler = False
    pending: list[tuple[int, int]] = []

    def flush() -> None:
        if not pending:
            return
        start, end = pending[0][0], pending[-1][1]
        pending.clear()
        # "118. Ensure that ... 119. Strengthen ...": items a PDF ran into one line part again.
        for a, z in _numbered_run(text, start, end):
            emit(a, z)

    def emit(start: int, end: int) -> None:
        nonlocal section, boiler
        first = text[start:end]
        stripped = first.strip()
        item = _ITEM.match(first) or _indented_numbered_item(first, blocks, text)
        content = start + (item.end() if item else len(first) - len(first.lstrip()))
        numbered = _NUMBERED_PARA.match(first)
        body = stripped[numbered.end() - (len(first) - len(first.lstrip())) :] if numbered else stripped
        is_heading = (
            not item
            and len(stripped) <= 160
            and not re.search(r"[.;,]$", stripped)
            and "\t" not in stripped.strip()
            and (stripped[:1].isupper() or stripped[:1].isdigit())
            and len(body.split()) <= 20
        )
        # "2. What needs to improve" standing alone above a paragraph is a numbered heading, not a list item.
        numbered_heading = (
            item is not None
            and re.match(r"\s*\d{1,2}[.)]\s", first) is not None
            and len(stripped.split()) <= 12
            and not re.search(r"[.;:,]$", stripped)
            and (
                (
                    text[end : end + 2] in ("\n\n", "\n", "")
                    and not re.match(r"\n[ \t]*\S", text[end : end + 3])
                )
                # "4. WHAT THE LOCAL AUTHORITY NEEDS TO IMPROVE" in capitals is a heading even
                # where no blank line follows it (a PDF's text has none).
                or _CAPITALS_HEADING.fullmatch(stripped) is not None
            )
        )
        if numbered_heading:
            item, is_heading = None, True
            content = start + len(first) - len(first.lstrip())
        kind = "item" if item else "heading" if is_heading else "para"
        if kind == "heading":
            section = body.rstrip(":")
            boiler = bool(_BOILER_HEADING.search(section))
        speech = _is_speech(text[content:end])
        blocks.append(Block(start, content, end, kind, section, boiler and kind != "heading", speech))

    for start, end in lines:
        line = text[start:end]
        if any(s <= start < e for s, e in skip):
            flush()
            continue
        if not line.strip():
            flush()
            continue
        if pending:
            prev = text[pending[-1][0] : pending[-1][1]].rstrip()
            # A paragraph broken by a page break goes on in lower case: keep it one block. So does
            # a paragraph wrapped at a fixed width, whatever its next line starts with ("rated good
            # by / Ofsted following ...").
            continues = not re.search(r"[.:;!?\"”’)]$", prev) and (
                re.match(r"\s*[a-z]", line) or len(prev) >= _WRAPPED_LINE
            )
            if _ITEM.match(line) or not continues:
                flush()
        elif blocks and not re.search(r"[.:;!?\"”’)]$", text[blocks[-1].start : blocks[-1].end].rstrip()):
            # The same, across blank lines.
            last = blocks[-1]
            if re.match(r"\s*[a-z]", line) and last.kind == "para":
                blocks.pop()
                pending.append((last.start, last.end))
        pending.append((start, end))
    flush()
    return blocks


def _sentences(text: str, blocks: list[Block]) -> list[Sentence]:
    out: list[Sentence] = []
    for i, b in enumerate(blocks):
        chunk = text[b.content : b.end]
        start = 0
        for m in _SENTENCE_END.finditer(chunk):
            before = chunk[start : m.start()].rstrip("\"”’'")
            last_word = re.findall(r"([A-Za-z.]+)\.$", before)
            if last_word and last_word[0].lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if m.start() - start > 1:
                out.append(Sentence(b.content + start, b.content + m.start(), i))
            start = m.end()
        if len(chunk) - start > 1:
            out.append(Sentence(b.content + start, b.end, i))
    return out


# ---------------------------------------------------------------------------- vocabulary of the genre

_INSPECTION_CUE = re.compile(
    r"\b(?:inspect(?:ion|ions|ed|ors?|ing)|Ofsted|Oftsed|SIF|ILACS|JTAI|focused visit|monitoring visit)\b"
    # "The visit, on 5 and 6 June 2018, looked at ...": the visit named before
    r"|\bthe\s+visit\b",
    re.I,
)


def _wrapped(pattern: str) -> str:
    """A phrase pattern whose spaces match any run of white space: hard-wrapped text breaks lines
    inside a framework's long name."""
    return pattern.replace(" ", r"\s+")


_FRAMEWORKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_wrapped(r"\bsingle inspection framework\b|\bSIF\b"), re.I), "SIF"),
    (
        re.compile(
            _wrapped(
                r"inspections? of services for children in need of help and protection,? children looked after and care leavers"
            ),
            re.I,
        ),
        "SIF",
    ),
    (
        re.compile(
            _wrapped(r"\bILACS\b|inspections? of local authority children['’]?s (?:services|social care)"),
            re.I,
        ),
        "ILACS",
    ),
    (re.compile(_wrapped(r"\bJTAI\b|joint targeted area inspection"), re.I), "JTAI"),
    (re.compile(_wrapped(r"\bfocused visit"), re.I), "focused visit"),
    (re.compile(_wrapped(r"\bmonitoring visit"), re.I), "monitoring visit"),
)
_FRAMEWORK_RULES = re.compile(
    r"\bframework\s+for\s+(?:the\s+)?inspections?\s+of\s+local\s+authority\s+children['’]?s\s+(?:services|social\s+care)",
    re.I,
)
# A sentence going on about the inspection the one before named: "That rating followed ...".
_THAT_INSPECTION = re.compile(r"\W*(?:that|this)\s+(?:rating|judgement|judgment|grade|inspection)\b", re.I)
# "The letter from the latest visit says ...": the visit a document is about, named again.
_LATEST_VISIT = re.compile(r"\b(?:the|this|its|their)\s+(?:latest|most\s+recent|recent)\s+visit\b", re.I)
_FRAMEWORKS_GRADED = re.compile("|".join(p.pattern for p, fw in _FRAMEWORKS if fw in ("SIF", "ILACS")), re.I)
_NEW_FRAMEWORK = re.compile(r"\bnew (?:inspection )?framework\b", re.I)
_VISITS = {"focused visit", "monitoring visit"}
# Inspections that are events of their own beside the one a document is about.
_SEPARATE = _VISITS | {"JTAI"}
# Frameworks whose inspections give no overall grade.
_UNGRADED = {"focused visit", "monitoring visit", "JTAI"}
# A year alone ("at their last full inspection in 2019").
_IN_YEAR = re.compile(r"\b(?:in|of|since)\s+((?:19|20)\d\d)\b(?![/-])")
# An inspection before the one a document is about.
_EARLIER = re.compile(
    r"\b(?:last|previous|prior|earlier|former|preceding)\s+(?:full\s+|standard\s+|short\s+|graded\s+|ofsted\s+)?"
    r"(?:SIF\s+|ILACS\s+)?(?:inspection|judgement|judgment|rating)s?\b"
    # "since the service was judged inadequate in 2018".
    r"|\b(?:since|after|when)\s+(?:[\w’']+\s+){0,4}?(?:was|were|had\s+been)\s+(?:last\s+|first\s+)?"
    r"(?:judged|rated|found|graded)\b"
    # "since Ofsted judged them inadequate in 2016".
    r"|\bsince\s+(?:ofsted|inspectors)\s+(?:last\s+|first\s+)?(?:judged|rated|found|graded)\b"
    # "Wigan's children's services were last inspected in 2014".
    r"|\b(?:last|previously)\s+(?:fully\s+|formally\s+|graded\s+)?inspected\b"
    # "the third monitoring visit since a full inspection in 2016", "since the ILACS standard inspection in 2019".
    r"|\b(?:since|after)\s+(?:a|an|the|its|their)\s+(?:(?:full|standard|short|graded|ILACS|SIF|ofsted)\s+)+"
    r"inspection\b"
    # "the second monitoring visit since the inspection of local authority children's services (ILACS) in March 2025"
    r"|\b(?:since|after)\s+(?:a|an|the|its|their)\s+inspection\b[^.;]{0,80}?\bin\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d{2}\b"
    # "since the inspection under the single inspection framework held from 6 March to 30 March 2017"
    r"|\b(?:since|after)\s+(?:a|an|the|its|their)\s+inspection\b[^.;]{0,80}?\b(?:held|carried\s+out|which\s+took\s+place)\b"
    r"[^.;]{0,40}?\b(?:19|20)\d{2}\b",
    re.I,
)
# A visit still to come is not one that found anything.
_FUTURE_VISIT = re.compile(
    r"\b(?:next|forthcoming|planned|expected|further|will|is due|are due)\b[^.]{0,40}\bvisit", re.I
)
# Dates of other events in a sentence about an inspection.
_NOT_INSPECTION_DATE = re.compile(
    r"\b(?:submitted|notified|confirmed|reported|ratified|approved|scheduled|established|published|set up|"
    r"sent|circulated|presented|considered|endorsed|agreed|signed|"
    r"as at|as of|dated|updated|created|formed)\b[^.]{0,25}$"
)
_GRADE = re.compile(
    r"(?P<ri>requir(?:es|ed|e|ing) improvement(?: to be good)?)|(?P<inadequate>\binadequate\b)|"
    r"(?P<good>\bgood\b)|(?P<outstanding>\boutstanding\b)",
    re.I,
)
_JUDGING = re.compile(
    r"\b(?:judged|judgement|judgment|rated|rating|graded|grade|found to be|assessed as|overall effectiveness|"
    r"was|were|is|are)\b[^.]{0,30}$",
    re.I,
)
_JUDGED_TO_BE = re.compile(
    r"\b(?:judged|rated|graded|assessed|deemed|found)\b[^.;]{0,160}?\b(?:to\s+be|as)\s+$", re.I
)
# "the council aims to be judged good": a hope, not a judgement.
_HOPED = re.compile(
    r"\b(?:will|would|could|should|aims?|aiming|hopes?|hoping|ensure|get|getting|achieve|achieving|become|"
    r"becoming|expects?|expected|want|wants)\b[^.]{0,25}$",
    re.I,
)
_ASPIRATION = re.compile(
    r"\b(?:can|could|would|will|should|to|getting|get|achieve|achieving|become|becoming|aim|aims|journey|towards|"
    r"until|remain|sustain|move)\b[^.]{0,25}$",
    re.I,
)
_FINDING_CUE = re.compile(
    r"\b(?:inspectors?|ofsted|the (?:inspection|inspection report|report|inspectors|letter|visit)|it)\s+(?:\w+,?\s+){0,3}?"
    r"(?:found|find|noted|notes|note|said|says|say|praised|praise|highlighted|highlights|highlight|identified|"
    r"identifies|identify|recognised|recognises|recognized|recognise|recognize|considered|consider|considers|"
    r"reported|described|commented|picked up|judged|warns|warned|"
    r"observed|observes|concluded|felt|judged|criticised|welcomed|were (?:also )?(?:positive|critical|concerned|"
    r"impressed|pleased))\b"
    r"|\b(?:were|was|are|is)\s+(?:also\s+)?(?:described|praised|criticised|highlighted|identified)\s+(?:as|by)\b"
    r"|\baccording to (?:the )?(?:inspectors|ofsted|the report)\b"
    # "Ofsted's focused visit in March 2023, which looked at care leavers and found that ..."
    r"|\b(?:visit|inspection)\b[^.;]{0,60}?,?\s+which\s+(?:[\w’'-]+,?\s+){0,6}?(?:found|identified|noted|highlighted)"
    r"(?=\s+that\b)"
    # "Their letter, published this week, says that ...".
    r"|\b(?:the|their|its|ofsted['’]s)\s+(?:inspection\s+|joint\s+)?(?:letter|report|findings)\b"
    # "The letter from the latest visit, published on Wednesday, says that ..."
    r"(?:\s+(?:from|of|after|on)\s+(?:the|this|its|their)\s+(?:[\w-]+\s+){0,3}?(?:visit|inspection))?"
    r"(?:,[^,.]{0,50},)?"
    r"\s+(?:also\s+)?(?:says|said|notes|noted|found|finds|states|stated|highlights|highlighted|identifies|"
    r"identified|describes|described|concludes|concluded)\b",
    re.I,
)
# The words that report what inspectors found, before the finding itself: "... inspectors had found that".
_REPORTED_THAT = re.compile(
    r"\b(?:found|find|finds|noted|notes|note|said|says|say|highlighted|highlights|identified|identifies|"
    r"recognised|recognises|recognized|reported|observed|observes|concluded|considered|considers|commented|"
    r"praised|felt|stated|states)\s+(?:that\s+|the fact that\s+)",
    re.I,
)
_POSITIVE = re.compile(
    r"\b(?:strong|strengths?|good|outstanding|effective(?:ly)?|improv(?:ed|ement|ements|ing)|praised?|positive(?:ly)?|"
    r"swift|timely|robust|tenacious|dedicated|meaningful|sustained|committed|excellent|impressive|high[- ]quality|"
    r"pleasing|well(?:[- ](?:led|managed|established|supported))?|thorough|appropriate|secure|stable|skilled|"
    r"aspirations?|confident|progress|benefit|successful(?:ly)?|innovative|creative|proactive|respected|valued|"
    r"commitment|quickly|promptly)\b",
    re.I,
)
_NEGATIVE = re.compile(
    r"\b(?:weak(?:ness|nesses)?|poor(?:ly)?|inadequate|fail(?:ing|ure|ures|ed|s)?|not always|not (?:yet )?"
    r"(?:consistently|routinely|always|sufficiently|robust|effective|timely|good|up to date)|out of date|"
    r"do(?:es)? not|did not|don['’]t|"
    r"lack(?:s|ing|ed)?|under-?developed|inconsisten(?:t|cy|cies)|variable|delay(?:s|ed)?|insufficient(?:ly)?|"
    r"limited|concerns?|concerned|more work|too \w+|gaps?|shortfalls?|drift|"
    r"differences in (?:the )?quality|required|requires|need(?:s|ed)? to improve|missed|unclear|"
    r"deficien(?:t|cy|cies)|ineffective|not (?:know|knowing|aware|understand)|worse|backlog|vulnerab\w*|"
    r"(?:is|are|was|were|has|have|had)\s+not)\b",
    re.I,
)
_NEGATOR = re.compile(r"\b(?:no|nothing|without|free of|not|never|nor)\b", re.I)
_NEUTRAL = re.compile(
    r"strengths and (?:weaknesses|areas (?:of|for) (?:improvement|development))|areas of strength and areas of improvement|"
    r"strengths and weaknesses",
    re.I,
)
_RECOMMENDATION_HEADING = re.compile(
    r"what (?:\w+ ){0,3}(?:needs? to|must|should) improve|areas? for (?:improvement|priority action)|"
    r"what does the local authority need to improve|"
    r"(?:ofsted|inspection)(?:['’]s)? recommendations|recommendations? (?:from|of|made by) (?:the )?"
    r"(?:ofsted|inspection|inspectors)",
    re.I,
)
# A sentence that only sums up what inspectors found, before the paragraph says it: "Inspectors
# found much that is working well.", "Inspectors were equally clear about what is not yet good enough."
_SUMMARY_FINDING = re.compile(
    r"\s*(?:\d{1,2}(?:\.\d{1,2})*\s+)?(?:the\s+)?(?:inspectors?|ofsted|the report|the letter)\s+(?:\w+\s+){0,3}?"
    r"(?:found|identified|were|was|highlighted|noted|recognised|recognized|praised|saw)\s+(?:much|many|a number of|several|some|a lot|"
    r"(?:\w+\s+){0,2}clear about|(?:\w+\s+){0,2}(?:strengths|weaknesses|areas))\b[^.:;]{0,80}[.:]?\s*$",
    re.I,
)
# A line introducing a list of what inspectors found, without saying who found it.
_FINDINGS_LEAD = re.compile(
    r"\b(?:strengths|weaknesses|areas of (?:good|strong) practice|shortcomings)\b", re.I
)
# "..., each of which reports to the Executive", "every sub-group reports to this Executive Group".
_GROUP_NOUNS = r"sub-?groups?|groups?|sub-?committees?|panels?|task\s+and\s+finish\s+groups?"
_EACH_REPORTS = re.compile(
    r"\b(?:each|every|all)\s+(?:of\s+(?:which|them|these|those|the\s+(?:[\w-]+\s+){0,2}?(?P<noun>"
    + _GROUP_NOUNS
    + r"))|(?:[\w-]+\s+){0,2}?(?P<own>"
    + _GROUP_NOUNS
    + r"))\b[^.;]{0,40}?\breports?\s+(?:(?:quarterly|regularly|directly|in\s+turn)\s+)?(?:in)?to\s+"
    r"(?:the\s+|this\s+|its\s+)?",
    re.I,
)
_GROUP_NAME = re.compile(r"(?:sub-?group|group|sub-?committee)$", re.I)
# A sub-heading inside a list of what an inspection asked for ("Priority and immediate action").
_SUB_HEADING_OF_LIST = re.compile(
    r"^(?!.*\b(?:plan|our|we|led)\b)(?:\S+\s+){0,5}?\S*\b(?:priorit\w*|immediate(?:ly)?|areas?\s+(?:for|of|to)|"
    r"recommendations?|within\s+\w+\s+(?:months?|weeks?))\b",
    re.I,
)
# A section that tells what inspectors found.
_FINDINGS_SECTION = re.compile(
    r"\bwhat\s+(?:the\s+)?(?:inspectors?|ofsted|the\s+inspection|the\s+report|the\s+letter)\s+(?:found|said)\b|"
    r"\b(?:inspection|key|main|the)\s+findings\b|^findings\b|\bstrengths\s+and\s+(?:weaknesses|areas)\b",
    re.I,
)
# Under an Ofsted heading, a line introducing the list ("The report makes seven recommendations:").
_LIST_LEAD_IN_SECTION = re.compile(r"\brecommend|\bimprove|\bareas?\b", re.I)
# A line that introduces a list of what an inspection asked for, other than a heading of its own.
_RECOMMENDATION_LEAD = re.compile(
    r"\bareas?\s+(?:for|of)\s+(?:improvement|development|priority action)|\bneed(?:s|ed)?\s+to\s+improve"
    r"|\b(?:must|should)\s+improve\b"
    r"|\b(?:ask(?:s|ed)?|tells?|told|requir(?:es|ed)|direct(?:s|ed)|urg(?:es|ed))\s+(?:[\w’'-]+\s+){1,4}?to\s+"
    r"(?:improve|address|strengthen|take action|act on|tackle)\b"
    r"|\bpriority actions?\b(?!\s+plan)"
    r"|\b(?:ofsted|inspectors|the inspection|the letter)\b[^.:]{0,60}\brecommend(?:ed|s|ations?)\b"
    # "The report made eight recommendations for the council:"
    r"|\b(?:the|ofsted['’]s|their)\s+(?:inspection\s+)?report\s+(?:also\s+)?(?:made|makes|sets?\s+out|contain(?:s|ed)|"
    r"list(?:s|ed)|include[sd]?|gives|gave)\b[^.:]{0,40}\brecommendations?\b"
    # "The report makes six recommendations to the local authority:"
    r"|\b(?:makes?|made)\s+(?:\w+\s+)?recommendations?\s+(?:to|for)\s+the\s+(?:local\s+authority|council|partnership)\b",
    re.I,
)
_PLAN_MENTION_CONTEXT = re.compile(r"\b(?:action|improvement) plan\b|\bthe plan\b|\bthis plan\b", re.I)
_MODAL = re.compile(r"\b(?:will|would|could|should|shall)\b", re.I)
_CLAUSE_SPLIT = re.compile(
    r"\s+[-–—]\s+|;\s+|,\s+(?:and|but|while|whilst|although|though)\s+|,\s+it\s+(?:says|said|found|notes|noted),?\s+"
    r"|,\s+(?=that\s)"
    # "... recognise the commitment of staff and found the service ... to be effective".
    r"|\s+and\s+(?=(?:found|noted|praised|highlighted|identified|recognised|judged|described)\s)"
    r"|\s+and\s+(?=that\s)|,\s+(?=as (?:are|is|were|was|do|does)\b)"
)
_CLAUSE_DROP = re.compile(r"^(?:which means|meaning that|because|so that)\b", re.I)
_CLAUSE_JOIN = re.compile(r"^(?:for example|for instance|e\.g\.|such as)\b", re.I)
_ATTRIBUTION = re.compile(
    r"^(?:however|indeed|also|but|and|while|whilst|although)?,?\s*"
    # "In a letter published today, inspectors said ...": where they said it, first
    r"(?:in\s+(?:a|an|the|its|their)\s+[^,.;]{0,50},\s*)?"
    r"(?:(?:the\s+)?(?:independent\s+)?"
    r"(?:inspectors?|ofsted|report|inspection|letter)\s+(?:also\s+|did\s+|had\s+)?(?:have\s+|has\s+)?"
    r"(?:said|found|find|noted|notes|consider(?:ed|s)?|felt|reported|observed|highlighted|recognised|picked up on|"
    r"warn(?:s|ed)?)"
    r"\s+(?:that\s+|the fact that\s+|there (?:are|is|were|was)\s+)?)",
    re.I,
)

# ---------------------------------------------------------------------------- actions

_REPORTING = re.compile(
    r"\b(?:said|says|stated|explained|added|reported|confirmed|advised|informed(?: \w+){0,2}|highlighted|emphasised|"
    r"emphasized|told(?: \w+){0,2}|noted|assured(?: \w+){0,2}|indicated|responded)\s+(?:that\s+)?",
    re.I,
)
_ACTION_MODAL = re.compile(
    # "The Committee has asked to receive ...": a body's request to itself
    r"\b(?P<modal>will|would|shall|(?:has|have)\s+asked\s+to)\s+"
    r"(?:also\s+|now\s+|then\s+|further\s+)?(?P<verb>[\w-]+)(?:\s+(?P<verb2>[\w-]+))?",
    re.I,
)
_THERE_BE = re.compile(
    r"\bthere\s+(?:will|would|shall)\s+be\s+(?:\w+\s+){0,3}?(?:report|reports|update|updates|review|reviews|plan|"
    r"item|meeting|briefing|event|strategy|audit|evaluation|programme|training|session|sessions|consultation)\b",
    re.I,
)
_PROGRESSIVE = re.compile(
    r"\b(?:is|are|was|were)\s+(?:currently\s+|now\s+|also\s+|already\s+|actively\s+)?(?:being\s+(?:finalised|finalized|"
    r"developed|reviewed|implemented|rolled out|introduced|recruited|commissioned|prepared|produced|updated|revised|"
    r"refreshed|established|piloted|undertaken|redesigned|restructured)|developing|reviewing|implementing|introducing|"
    r"recruiting|establishing|finalising|finalizing|preparing|producing|commissioning|piloting|refreshing|updating|"
    r"revising|rolling out|working on|setting up|creating|designing|building|delivering)\b",
    re.I,
)
_PERFECT_PASSIVE = re.compile(
    r"\b(?:has|have|had)\s+(?:now\s+|recently\s+|also\s+|already\s+)?been\s+(?:commissioned|reissued|re-issued|"
    r"appointed|introduced|launched|implemented|recruited|created|set up|put in place|procured|rolled out|piloted|"
    r"allocated|re-?commissioned)\b",
    re.I,
)
_DUE = re.compile(
    r"\bdue\s+(?:for\s+completion|to\s+be\s+(?:completed|finalised|launched|implemented|published)|by)\b",
    re.I,
)
_NOT_ACTION_VERBS = {
    "not", "need", "needs", "like", "want", "enable", "help", "mean", "allow", "seem", "appear", "know", "feel",
    "hope", "expect", "continue", "strive", "aim", "seek", "try", "depend", "require", "result", "remain",
    "probably", "likely", "always", "never", "also", "be", "have-been", "benefit", "welcome",
}  # fmt: skip
_BE_NOT_ACTION = re.compile(
    r"^(?:able|a|an|the|helpful|important|crucial|necessary|good|vital|useful|possible|likely|"
    r"beneficial|in|at|on|more|less|very|key|essential|\w+ing)$",
    re.I,
)
_NON_SUBJECT = re.compile(
    r"^(?:this|these|those|that|it|they|which|who|such|ofsted|inspectors?|the inspectors?|there (?:could|may|might))\b",
    re.I,
)
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which|that|it|they|this|these|those)\s*$", re.I)
_RESOLUTION_MARK = re.compile(r"^\s*(?:it was\s+)?(?:RESOLVED|AGREED|DECISIONS?|RESOLUTIONS?)\b", re.I)
_RESOLUTION_LEAD = re.compile(
    r"^(?:(?:it was\s+)?(?:resolved|agreed)\s*(?:that)?\s*:?\s*)?(?:that\s+)?"
    r"(?:the\s+(?:committee|panel|cabinet|board|council|sub-committee|meeting|members?)\s+)?"
    # "asked the Strategic Director to report ..." commits someone to act: the asking stays in the action.
    r"(?P<verb>(?:agrees?|agreed|resolves?|resolved|recommends?|recommended)\b)?\s*(?P<that>that\s+)?(?:to\s+)?",
    re.I,
)
_NOT_RESOLVED_ACTION = re.compile(
    # "receive the report" takes note of it; "receive the annual report in the autumn" is a commitment.
    r"^(?:note|notes|noted|noting|(?:receive|receives|received)(?![^.;]{0,60}\b(?:further|annual|quarterly|"
    r"monthly|six-monthly|regular|progress|updates?|next|each|every|future|autumn|spring|summer|winter|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\b)"
    r"|approve|approves|approved|endorse|endorses|endorsed|"
    r"comment|comments|consider|considers|delegate|delegates|thank|thanks|accept|accepts|agree\s+the|agrees\s+the|"
    r"welcome|welcomes|adopt|adopts|the report)\b",
    re.I,
)
# "That the minutes be agreed", "the plan be approved for submission": a decision on a paper, not an action.
_APPROVES_ONLY = re.compile(
    # the business of the meeting itself: "that the next meeting be held on ...", "that the press and public
    # be not excluded", "that the Cabinet's thanks be conveyed to all staff"
    r"\bnext\s+meeting\s+be\s+held\b|\bpress\s+and\s+public\b|\bthanks\s+be\s+(?:conveyed|recorded|passed)\b"
    # "that the Board oversee delivery of the plan": oversight, which is monitoring
    r"|^(?:[,;\s]*that\s+)?(?:the\s+)?[A-Z][\w’',&\s-]{3,80}?\s+(?:oversee|monitor|scrutinise)\s+(?:the\s+)?(?:delivery|implementation|progress)\b"
    r"|^(?:that\s+)?the\s+minutes\b|\bbe\s+(?:noted|approved|agreed|endorsed|accepted|adopted|signed|confirmed|"
    r"ratified|welcomed)\b(?!.*\b(?:will|shall|be\s+(?:reported|presented|provided|brought|submitted|"
    r"reviewed|monitored)|receive|report)\b)",
    re.I,
)
_ACTION_LIST_CUE = re.compile(
    r"\b(?:improvements?|actions?|achieved|achievements?|completed|delivered|progress(?:ed)?|priorities|next steps|"
    r"we will|commitments?|planned|milestones?|key activities|workstreams?|deliverables?)\b"
    # "Over the next quarter the Council will:", "the plan would include:".
    r"|\b(?:will|would|shall|is to|are to|includes?|included|including)\s*:\s*$",
    re.I,
)
# "Area for improvement 1: Pathway plans" over items "1.1 ...", "1.2 ...": a plan grouping its
# actions under the areas the inspection named, by a short label.
_AREA_LABEL = re.compile(
    r"^\s*(?:areas?|priority|priorities)\s+(?:for\s+(?:improvement|development|priority\s+action)\s+)?"
    r"\d{1,2}\s*[:–—-]\s*(?P<label>(?:\S+\s*){1,6})$",
    re.I,
)
# The field lines under a plan item: "Lead: ...   Due: March 2020", "Reports to: ...".
_ITEM_FIELD = re.compile(
    r"\n[ \t]*(?:lead(?:\s+officer)?|due|owner|reports?\s+to|accountable(?:\s+\w+)?|by\s+when|by|board|deadline|"
    r"timescales?|status|rag|target(?:\s+date)?|success\s+measures?|measures?\s+of\s+success|evidence)\s*:",
    re.I,
)
# A block of field lines only: "       Lead: Head of Housing     Due: May 2020".
_FIELD_BLOCK = re.compile(
    r"\s*(?:lead(?:\s+officer)?|due|owner|reports?\s+to|accountable(?:\s+\w+)?|by\s+when|by|board|deadline|"
    r"timescales?|status|rag|target(?:\s+date)?|success\s+measures?|measures?\s+of\s+success|evidence)\s*:",
    re.I,
)
# The fields naming the board a plan item answers to.
_OWNER_FIELD = re.compile(
    r"\b(?:reports?\s+to|reporting\s+to|accountable\s+(?:board|body|group)|owner\s+board|governance|board)\s*:",
    re.I,
)
_QA_LEAD = re.compile(r"\b(?:questions?|the following was noted|in response to|asked)\b", re.I)
_OWNER_RECIPIENT = re.compile(
    r"\b(?:report|reports|reported|reporting|update|updates|updated|provide|provided|present|presented|bring|brought|"
    r"submit|submitted|taken|return|returns|go|goes|considered|monitored|overseen|led|owned|delivered|chaired)\b"
    r"[^.;]{0,90}?\b(?:to|before|by|through)\s+(?:the\s+|each\s+|a\s+)?"
    # "... to the next meeting of the Committee".
    r"(?:(?:next|following|first|each|every|its|a)\s+)?(?:(?:meeting|meetings)\s+of\s+(?:the\s+)?|(?:[\w’'-]+\s+){0,2})$",
    re.I,
)
# "The Corporate Parenting Board has taken ownership of ...": the board named as owning.
_OWNERSHIP = re.compile(
    r"^\s*(?:\([A-Z&]{2,9}\)\s*)?(?:has|have|had|will)?\s*(?:taken|take|takes|taking)\s+ownership\b"
    r"|^\s*(?:\([A-Z&]{2,9}\)\s*)?(?:owns|is responsible for|are responsible for|will be responsible for|leads|will lead|"
    r"is leading)\b",
    re.I,
)
# What a body resolves to do itself: "to receive a further progress report".
_SELF_RECEIVING = re.compile(
    r"^(?:to\s+)?(?:receive|receives|consider|review|monitor|scrutinise|scrutinize|have|hold|keep)\b", re.I
)
_MONITOR_CUE = re.compile(
    r"\b(?:monitor(?:ed|s|ing)?|overseen|oversee(?:s|ing)?|oversight|scrutin(?:y|ise|ised|ize|ized)|review(?:ed|s)?|"
    r"considered|report(?:s|ed|ing)?|update(?:s|d)?|progress|standing item|brought|presented|provided|receive(?:d|s)?|"
    r"comes? back|came back|return(?:s|ed)?)\b",
    re.I,
)
_MONITOR_BEFORE = re.compile(
    r"\b(?:to|by|through|before|at)\s+(?:the\s+|each\s+)?(?:[\w’'-]+\s+){0,2}$|\b(?:and|&)\s+(?:the\s+)?$",
    re.I,
)
# Between a board and a relative clause that makes it monitor: ", chaired by ..., which will meet
# every month to monitor the council's improvement plan".
_MONITORING_RELATIVE = re.compile(
    r"^\s*(?:\([A-Z&]{2,9}\)\s*)?(?:,[^.;]{0,90}?)?,?\s+(?:which|who|that)\s+(?:will\s+|would\s+|is\s+to\s+|shall\s+)?"
    r"(?:[\w’'-]+\s+){0,5}?(?:monitor|monitors|oversee|oversees|scrutinise|scrutinises|review|reviews|track|tracks)\b",
    re.I,
)
# Between a board and the board it reports to through a relative clause: "..., which reported quarterly to".
_REPORTS_TO_RELATIVE = re.compile(
    r"^\s*(?:\([A-Z&]{2,9}\)\s*)?(?:[^.;]{0,120}?)?(?:,?\s+(?:which|who)|;\s+it|,?\s+and\s+it)\s+"
    r"(?:also\s+|in turn\s+|then\s+|will\s+|would\s+)?"
    r"(?:reports?|reported|reporting|is accountable|was accountable|are accountable)\b[^.;]{0,50}?\bto\s+(?:the\s+)?$",
    re.I,
)
# Between two bodies named together as a sentence's subject: "The Corporate Parenting Board and the SSCB".
_JOINED_SUBJECT = re.compile(
    r"\s*(?:\([A-Z&]{2,9}\)\s*)?(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)(?:the\s+|its\s+)?"
)
# A body's parent, unnamed: "report to the full board every quarter".
_FULL_BOARD = re.compile(r"(?<=\bthe\s)(?:full|main|whole|parent)\s+(?:board|partnership)\b", re.I)
# Words before a body that make it other than the sentence's subject: "It reports to Cabinet".
_NOT_A_SUBJECT = re.compile(
    r"\b(?:to|by|from|with|for|of|on|at|into|reports?|reported|told|asked|agreed|approved|noted)\s+(?:the\s+)?$",
    re.I,
)
# A sentence whose subject stands for a body named in the sentence before: "It reports to Cabinet",
# "The board meets every month and reports to ...".
_BOARD_ANAPHOR = re.compile(
    r"\s*(?:It|(?:The|This)\s+(?P<noun>board|group|sub-group|committee|panel|partnership|forum))\b", re.I
)
# Between a board named as subject and the board it reports to: "... Board reports progress to the ...".
_REPORTS_TO = re.compile(
    r"^\s*(?:\([A-Z&]{2,9}\)\s*)?(?:,[^.;]{0,120}?,\s*)?(?:[^.;,]{0,60}?\band\s+)?"
    r"(?:also\s+|will\s+|would\s+|then\s+|in turn\s+)?"
    r"(?:reports?|reported|reporting|is accountable|are accountable|accountable"
    # "sends a summary of its work to Cabinet each quarter"
    r"|(?:sends?|sent|submits?|submitted|presents?|presented|provides?|provided)\b[^.;]{0,40}?"
    r"\b(?:summary|summaries|reports?|updates?|progress|minutes))\b[^.;]{0,50}?\bto\s+(?:the\s+)?"
    # "reports to the council's Executive Cabinet"
    r"(?:(?:council|authority|borough|county)['’]s\s+)?$",
    re.I,
)

# ---------------------------------------------------------------------------- plans

_WRITTEN_STATEMENT = re.compile(r"\bwritten statements? of (?:proposed )?action\b|\bWSOA\b", re.I)
_PLAN_WORD = re.compile(r"(?<![\w’'-])[Pp]lan(?![\w’'-])")
_GENERIC_PLAN_WORDS = {
    "action", "improvement", "plan", "ofsted", "oftsed", "draft", "detailed", "operational", "focussed", "focused",
    "more", "post", "the", "a", "an", "this", "our", "local", "authority's", "council's", "final", "revised",
    "overarching", "inspection", "response", "outline", "full", "new", "updated", "its", "their", "attached",
    "to", "of", "for", "and", "&", "s", "children's", "services", "service", "authority", "council", "detail",
}  # fmt: skip
_PLAN_MARKERS = {
    "action",
    "improvement",
    "ofsted",
    "oftsed",
    "recovery",
    "good",
    "inspection",
    "response",
    "outstanding",
    "development",
    "transformation",
    "improving",
}
_PLAN_MODIFIER = re.compile(
    r"^(?:[A-Z][\w’'-]*|\d[\d,]*|action|improvement|draft|detailed|operational|focussed|focused|more|post|post-ofsted|"
    r"ofsted|oftsed|final|revised|overarching|to|of|for|and|&|outline|full|new|updated|inspection|response)$"
)

_DATELINE_TIME = re.compile(r"^\s*\d{1,2}[:.]\d{2}\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*$", re.M)
_MINUTES_CUE = re.compile(
    r"^\s*(?:Minutes\b|RESOLVED|AGREED|Present\s*:|Apologies(?: for absence)?\b|It was RESOLVED)", re.M
)
_REPORT_CUE = re.compile(
    r"^\s*(?:Report (?:for|to|of|title)\b|Purpose of (?:the )?report|Recommendations?\b|Background(?: information)?\b|"
    r"Report authorised by|Executive summary)",
    re.M | re.I,
)


# ---------------------------------------------------------------------------- context shared with tables


@dataclass(frozen=True)
class DocumentContext:
    """What a document says about itself, shared by the prose and the table readers.

    `council_key` is the council's code, or a key private to the document when it names
    no council, so that its boards and people never merge with another document's.
    """

    council: Council | None
    council_key: str
    date: str | None
    kind: str
    inspection: str | None
    plan: str | None
    plan_title: str | None
    council_evidence: Evidence | None
    inspection_properties: dict[str, object] = field(default_factory=dict)
    inspection_evidence: Evidence | None = None


def _words(text: str) -> set[str]:
    t = text.lower().replace("’", "'")
    t = re.sub(r"'s\b", "", t)
    return {
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in re.findall(r"[a-z0-9]+", t)
    }


_STOP = {"a", "an", "the", "of", "for", "to", "and", "in", "on", "with", "by", "is", "are", "was", "were", "be", "been", "being", "that", "this", "these", "those", "their", "its", "it", "as", "at", "from", "which", "who", "all", "some", "there", "had", "has", "have", "would", "will", "into", "than", "then", "so", "such"}  # fmt: skip


def _content(text: str) -> set[str]:
    return {w for w in _words(text) if w not in _STOP}


@dataclass
class _Inspection:
    council: Council
    year: int | None
    framework: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    published_date: str | None = None
    judgement: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def uid(self) -> str:
        return inspection_uid(self.council.code, self.framework, self.start_date, self.year)

    def properties(self) -> dict[str, object]:
        return {
            "framework": self.framework,
            "year": self.year,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "published_date": self.published_date,
            "judgement": self.judgement,
        }


@dataclass
class _Plan:
    title: str
    key: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    status: str | None = None
    submitted_date: str | None = None
    board: Board | None = None
    uid: str = ""


@dataclass
class _Action:
    text: str
    start: int
    end: int
    sentence: tuple[int, int]
    in_plan: bool
    plan_hint: _Plan | None = None
    leader: PersonMention | None = None
    extra_evidence: list[Evidence] = field(default_factory=list)
    # The body that resolved it, for a resolution ("The Committee agreed: to receive ...").
    resolver: Board | None = None
    # The board a plan item's own field names ("Reports to: Care Leavers Sub-Group").
    owner: Board | None = None


def _framework_for_year(year: int | None) -> str | None:
    """The framework in force in a year, for inspections a document does not name the framework of."""
    if year is None:
        return None
    if 2014 <= year <= 2017:
        return "SIF"
    if year >= 2018:
        return "ILACS"
    return None


def _grade_of(m: re.Match[str]) -> str:
    if m.group("ri"):
        return "requires improvement"
    if m.group("inadequate"):
        return "inadequate"
    if m.group("good"):
        return "good"
    return "outstanding"


class _Reader:
    """The reading of one document; `run` returns its graph."""

    def __init__(self, doc: ParsedDocument, gazetteer: CouncilGazetteer) -> None:
        self.doc = doc
        self.text = doc.text
        self.gaz = gazetteer
        self.g = GraphDoc()
        self.skip = _table_spans(doc)
        tail = _WEB_TAIL.search(self.text, len(self.text) // 4)
        self.scope = tail.start() if tail else len(self.text)
        self.blocks = _blocks(self.text, self.scope, self.skip)
        # where the blocks read as an inspection's recommendations start
        self.recommendation_blocks: set[int] = set()
        self.sentences = _sentences(self.text, self.blocks)
        self.sentence_starts = {s.start for s in self.sentences}
        self.quotes = _quoted_spans(self.text, self.blocks)
        self.council_mentions = [
            m
            for m in gazetteer.find_all(self.text[: self.scope])
            if not self._skipped(m.start) and not _ORGANISATION_AFTER.match(self.text, m.end)
        ]
        self.council, self.council_evidence = self._home_council()
        self.key = self.council.code if self.council else f"doc-{doc.sha256[:12]}"
        self.heading = find_meeting_heading(self.text)
        self.kind = self._kind()
        self.date = self._date()
        self.boards = BoardDirectory.build(self.text[: self.scope], self.skip)
        self.body = self._body()
        self.boards.resolve_bare(self.body)
        self.inspections: list[_Inspection] = []
        self.primary: _Inspection | None = None
        # The inspection each sentence about one speaks of, by the sentence's start.
        self.sentence_inspection: dict[int, _Inspection] = {}
        self._read_inspections()
        self.plans: list[_Plan] = []
        self.main_plan: _Plan | None = None
        self._read_plans()

    # ------------------------------------------------------------------ helpers

    def _skipped(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.skip)

    def ev(self, start: int, end: int) -> Evidence:
        return self.doc.evidence(start, end)

    def sentence_at(self, pos: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None

    def sentence_text(self, s: Sentence) -> str:
        return self.text[s.start : s.end]

    def usable(self, s: Sentence) -> bool:
        """Sentences whose facts are the document's own: not boilerplate sections nor quoted speech."""
        b = self.blocks[s.block]
        return not b.boiler and not b.speech

    # ------------------------------------------------------------------ the document itself

    def _home_council(self) -> tuple[Council | None, Evidence | None]:
        meta = self.doc.metadata.council
        if meta:
            council = self.gaz.resolve(meta)
            if council is not None:
                mention = next((m for m in self.council_mentions if m.council.code == council.code), None)
                if mention:
                    return council, self.ev(mention.start, mention.end)
                return council, Evidence(self.doc.uid, f"(metadata) council: {meta}", 0, 0)
        # A web page's title ends with its site's name: "What we will do next | Royal Borough of X".
        title = self.doc.metadata.title or self.doc.title or ""
        in_title = [m for m in self.gaz.find_all(title) if m.qualified or title.rstrip().endswith(m.text)]
        if in_title:
            council = in_title[-1].council
            anywhere = [
                m for m in self.gaz.find_all(self.text[: self.scope]) if m.council.code == council.code
            ]
            if anywhere:
                return council, self.ev(anywhere[0].start, anywhere[0].end)
            return council, Evidence(self.doc.uid, f"(title) {title}", 0, 0)
        if not self.council_mentions:
            return None, None
        # A letterhead: a line near the top that is only a council's name.
        head_end = self._nth_line_end(12)
        for m in self.council_mentions:
            if m.start > head_end:
                break
            line_start = self.text.rfind("\n", 0, m.start) + 1
            line_end = self.text.find("\n", m.end)
            line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
            if m.qualified and line.strip(" \t*#-") == m.text:
                return m.council, self.ev(m.start, m.end)
        score: dict[str, float] = {}
        first: dict[str, CouncilMention] = {}
        for m in self.council_mentions:
            # Every mention counts; a formal name ("London Borough of X") a little more.
            score[m.council.code] = score.get(m.council.code, 0.0) + 1.0 + (0.5 if m.qualified else 0.0)
            first.setdefault(m.council.code, m)
        earliest = min(self.council_mentions, key=lambda m: m.start)
        score[earliest.council.code] += 1.0
        best = max(score, key=lambda code: (score[code], -first[code].start))
        m = first[best]
        return m.council, self.ev(m.start, m.end)

    def _nth_line_end(self, n: int) -> int:
        pos = 0
        for _ in range(n):
            nxt = self.text.find("\n", pos)
            if nxt < 0:
                return len(self.text)
            pos = nxt + 1
            while pos < len(self.text) and self.text[pos] == "\n":
                pos += 1
        return pos

    def _kind(self) -> str:
        meta = (self.doc.metadata.kind or "").strip().lower()
        if meta:
            return meta
        head = self.text[: self.scope]
        if _MINUTES_CUE.search(head):
            return "minutes"
        if _DATELINE_TIME.search(head[:600]) or self.scope < len(self.text):
            return "news"
        if _REPORT_CUE.search(head):
            return "report"
        if re.search(r"\baction plan\b", (self.doc.title or ""), re.I):
            return "action_plan"
        return "other"

    def _date(self) -> str | None:
        if self.doc.metadata.date:
            return self.doc.metadata.date
        if self.heading and self.heading.date:
            return self.heading.date
        top = self.text[: self._nth_line_end(10)]
        dates = [d for d in find_dates(top) if d.precise]
        return dates[0].iso if dates else None

    def _body(self) -> Board | None:
        name = self.doc.metadata.body or (self.heading.body if self.heading else None)
        if name:
            board = self.boards.by_name(name)
            if board is None:
                board = Board(normalise_board_name(name), _kind_of_body(name))
                self.boards.boards.append(board)
            if self.heading:
                board.mentions.append((self.heading.start, self.heading.end))
            return board
        if self.kind != "minutes":
            return None
        # Minutes that do not name their body call it "the Committee" or "Cabinet".
        bare = Counter(kind for _, _, kind in self.boards.bare)
        cabinets = [b for b in self.boards.boards if b.kind == "cabinet"]
        cabinet_mentions = sum(len(b.mentions) for b in cabinets)
        if bare and bare.most_common(1)[0][1] >= cabinet_mentions:
            kind = bare.most_common(1)[0][0]
            return self.boards.most_mentioned((kind,))
        return cabinets[0] if cabinets else None

    # ------------------------------------------------------------------ inspections

    def _read_inspections(self) -> None:
        """The inspections the document speaks of: its main one, and others of its council apart.

        A document about one inspection often names others of the same council: an earlier
        one ("rated outstanding at its last full inspection in 2019") or a visit with dates of
        its own ("the first monitoring visit took place on 12 and 13 December 2019") beside
        the inspection that judged the council. Each becomes an inspection of its own, and a
        finding belongs to the inspection its paragraph was last speaking of.
        """
        doc_year = int(self.date[:4]) if self.date else None
        home: list[Sentence] = []
        for s in self.sentences:
            sent = self.sentence_text(s)
            judging = re.search(r"\b(?:overall judgement|judged|overall effectiveness)\b", sent, re.I)
            if not (_INSPECTION_CUE.search(sent) or judging):
                continue
            if self.blocks[s.block].speech and not (
                # a motion quoting the facts ("This Council notes that Ofsted's inspection ..., carried out
                # under the single inspection framework from 12 May to 4 June 2014, ...") states them
                any(p.search(sent) for p, _ in _FRAMEWORKS)
                and any(d.end_iso for d in self._inspection_dates(sent))
            ):
                continue
            councils = {
                m.council.code: m.council for m in self.council_mentions if s.start <= m.start < s.end
            }
            others = [c for code, c in councils.items() if not self.council or code != self.council.code]
            if others and (not self.council or self.council.code not in councils):
                self._other_inspections(s, others, doc_year)
                continue
            home.append(s)
        if self.council is None:
            return
        groups = self._group_inspection_sentences(home)
        primary = self._fold(groups.pop("main", []), doc_year, main=True)
        if primary is None:
            return
        self.primary = primary
        self.inspections.insert(0, primary)
        for key, members in groups.items():
            insp = self._fold(members, doc_year, main=False)
            if insp is None:
                continue
            if (
                key == "earlier"
                and insp.year is not None
                and insp.year == primary.year
                and (insp.start_date is None or insp.start_date == primary.start_date)
            ):
                # "the last inspection" of the same year is the main one.
                for s in members:
                    self.sentence_inspection[s.start] = primary
                continue
            self.inspections.append(insp)
            for s in members:
                self.sentence_inspection[s.start] = insp
        for s in home:
            self.sentence_inspection.setdefault(s.start, primary)

    def _group_inspection_sentences(self, home: list[Sentence]) -> dict[str, list[Sentence]]:
        """Sentences about the council's inspections by the inspection they speak of: "main",
        "earlier" (an inspection before this one) or a visit ("visit:<framework>:<date>")."""
        groups: dict[str, list[Sentence]] = {"main": []}
        facts: list[tuple[Sentence, str | None, bool, bool]] = []
        for s in (part for whole in home for part in self._split_at_earlier(whole)):
            sent = self.sentence_text(s)
            # "under Ofsted's framework for the inspection of local authority children's services":
            # the rules, not an inspection
            named = _FRAMEWORK_RULES.sub("framework", sent)
            fws = {fw for pattern, fw in _FRAMEWORKS if pattern.search(named)}
            all_dates = self._inspection_dates(sent)
            dated = [d for d in all_dates if d.precise or d.end_iso]
            # a visit, or a joint inspection of the partnership: an event of its own beside the
            # inspection a document is about
            visit = next(iter(sorted(fws)), None) if fws and fws <= _SEPARATE else None
            future = bool(_FUTURE_VISIT.search(sent))
            # "Ofsted's focused visit in March 2023": a visit is named by its month
            visit_dated = dated or [d for d in all_dates if len(d.iso) == 7]
            key: str | None = None
            if _EARLIER.search(sent) and (self._dates(sent) or _IN_YEAR.search(sent)):
                key = "earlier"
            elif visit and visit_dated and not future:
                key = f"visit:{visit}:{visit_dated[0].iso}"
            elif facts and facts[-1][1] and _THAT_INSPECTION.match(sent):
                # "That rating followed a full inspection ...": the inspection the sentence before named
                key = facts[-1][1]
            graded = any(self._is_judgement(sent, m) for m in _GRADE.finditer(sent))
            # "The visit took place on 15 and 16 January 2019": the visit named before, not a framework
            the_visit = not fws and bool(
                re.match(r"\W*the\s+visit\b", sent, re.I) or _LATEST_VISIT.search(sent)
            )
            facts.append(
                (
                    s,
                    key,
                    bool(fws - _SEPARATE) or bool(dated) or graded,
                    (bool(visit) or the_visit) and not future,
                )
            )
        # A joint inspection is an event of its own only beside an inspection of the council's
        # services named as such, and named after it; in a partnership's papers it is the
        # inspection they are about.
        first_named = next(
            (
                fw
                for s, _, _, _ in facts
                for pattern, fw in _FRAMEWORKS
                if pattern.search(self.sentence_text(s))
            ),
            None,
        )
        if first_named == "JTAI" or not any(
            _FRAMEWORKS_GRADED.search(self.sentence_text(s)) for s, k, _, _ in facts if k is None
        ):
            facts = [
                (s, None if k and k.startswith("visit:JTAI:") else k, main, names_visit)
                for s, k, main, names_visit in facts
            ]
        visit_keys = [k for _, k, _, _ in facts if k and k.startswith("visit:")]
        main_evidence = any(
            main for _, k, main, names_visit in facts if k is None and not (names_visit and visit_keys)
        )
        previous: tuple[Sentence, str] | None = None
        # The document is about the visit it names first: that visit is the main inspection.
        main_visit = visit_keys[0] if visit_keys and not main_evidence else None
        # A document that opens on a visit ("Ofsted's second monitoring visit: what inspectors said")
        # is about it, and the inspection it tells of besides is another.
        opening = next(
            (
                names_visit
                for s, _, _, names_visit in facts
                if any(p.search(self.sentence_text(s)) for p, _ in _FRAMEWORKS)
            ),
            False,
        )
        other_main = False
        if visit_keys and main_evidence and opening:
            main_visit, other_main = visit_keys[0], True
        for s, key, main, names_visit in facts:
            if other_main and key is None and main and not names_visit:
                key = "other"
            elif key and key == main_visit:
                key = None
            elif key is None and names_visit and visit_keys and main_evidence:
                # "the findings of the first monitoring visit": the dated visit named again.
                key = visit_keys[-1]
            elif key is None and not main and previous and previous[0].block == s.block:
                # "Inspectors found that ..." after a sentence about one inspection: the same one.
                key = previous[1]
            if key is not None and key == main_visit:
                key = None
            chosen = key or "main"
            groups.setdefault(chosen, []).append(s)
            previous = (s, chosen)
        # "a two-day focused visit in February" then "inspectors visited on 8 and 9 February 2022":
        # the visit named by its month is the one the dated sentences tell of, when they name no other
        main_texts = [self.sentence_text(s) for s in groups["main"]]
        if not any(_FRAMEWORKS_GRADED.search(t) for t in main_texts):
            main_months = {d.iso[:7] for t in main_texts for d in self._inspection_dates(t) if d.precise}
            for key in [k for k in groups if k.startswith("visit:") and len(k.rsplit(":", 1)[1]) == 7]:
                if key.rsplit(":", 1)[1] in main_months:
                    groups["main"] = sorted([*groups["main"], *groups.pop(key)], key=lambda s: s.start)
        return groups

    def _split_at_earlier(self, s: Sentence) -> list[Sentence]:
        """A sentence about this inspection that ends on an earlier one ("..., a decline from the good
        grade of the previous inspection in 2019"), as two parts; other sentences whole."""
        sent = self.sentence_text(s)
        m = _EARLIER.search(sent)
        if m is None:
            return [s]
        if re.match(r"(?:since|after|when)\b", m.group(0), re.I):
            cut = m.start()
        else:
            comma = max(sent.rfind(", ", 0, m.start()), sent.rfind("; ", 0, m.start()))
            cut = comma + 2 if comma >= 0 else 0
        if cut <= 0 or len(sent[:cut].split()) < 4:
            return [s]
        return [Sentence(s.start, s.start + cut, s.block), Sentence(s.start + cut, s.end, s.block)]

    def _dates(self, sent: str) -> list[DateMention]:
        """The dates of a sentence, those written without a year ("on 10 and 11 October", "in
        April") read in the year the document was written."""
        found = find_dates(sent)
        if self.date:
            found = sorted([*found, *find_yearless_dates(sent, self.date)], key=lambda d: d.start)
        return found

    def _inspection_dates(self, sent: str) -> list[DateMention]:
        """Dates of a sentence that may be an inspection's: not those of publication, submission or a document."""
        out: list[DateMention] = []
        for d in self._dates(sent):
            before = sent[max(0, d.start - 60) : d.start].lower()
            if _NOT_INSPECTION_DATE.search(before):
                continue
            # "Circulate the monitoring visit letter to all Board members ... 17 June 2022": the date of
            # something done with the letter, which comes after the visit
            if re.search(r"\bletter\b(?![^.]*\b(?:visit|inspection)\b)[^.]{0,50}$", before):
                continue
            out.append(d)
        return out

    def _fold(self, members: list[Sentence], doc_year: int | None, *, main: bool) -> _Inspection | None:
        """One inspection from the sentences about it: year, framework, dates and judgement."""
        if self.council is None:
            return None
        insp = _Inspection(self.council, None)
        years: Counter[int] = Counter()
        frameworks: Counter[str] = Counter()
        new_framework = False
        grades: list[tuple[int, str]] = []
        evidence: list[Evidence] = []
        for i, s in enumerate(members):
            sent = self.sentence_text(s)
            for fw_pattern, fw in _FRAMEWORKS:
                if fw_pattern.search(sent):
                    # the sentence that first tells of the inspection names it best
                    frameworks[fw] += 2 if i == 0 else 1
            if _NEW_FRAMEWORK.search(sent):
                new_framework = True
            if self.blocks[s.block].boiler:
                continue
            evidence.append(self.ev(s.start, s.end))
            self._dates_of(sent, insp, years, doc_year)
            for m in _GRADE.finditer(sent):
                if self._is_judgement(sent, m):
                    grades.append((s.start + m.start(), _grade_of(m)))
        if not evidence:
            return None
        if years:
            insp.year = max(years, key=lambda y: (years[y], -y))
        elif (
            main
            and doc_year
            and (self.kind == "news" or re.search(r"\brecent(?:ly)?\b", self.text[: self.scope], re.I))
        ):
            insp.year = doc_year
        if insp.start_date:
            insp.year = int(insp.start_date[:4])
        if frameworks:
            insp.framework = frameworks.most_common(1)[0][0]
        elif new_framework and insp.year in (2013, 2014, 2015):
            insp.framework = "SIF"
        elif main:
            insp.framework = _framework_for_year(insp.year)
        if grades and insp.framework not in _UNGRADED:
            # Visits and joint inspections grade nothing: a grade said beside them is an earlier
            # inspection's ("the third monitoring visit since services were rated inadequate").
            insp.judgement = grades[0][1]
        insp.evidence = evidence[:3]
        return insp

    def answered(self) -> _Inspection | None:
        """The inspection the council's plan answers: the document's own, except that a monitoring
        visit checks the plan made after the graded inspection it follows ("the third monitoring
        visit since the inspection ... in October 2021")."""
        p = self.primary
        if p is None or p.framework != "monitoring visit":
            return p
        graded = [
            i
            for i in self.inspections
            if i is not p
            and i.council.code == p.council.code
            and (i.framework in ("ILACS", "SIF") or i.judgement)
            and i.year is not None
            and (p.year is None or i.year <= p.year)
        ]
        return max(graded, key=lambda i: (i.year or 0, i.start_date or "")) if graded else p

    def inspection_for(self, s: Sentence) -> _Inspection | None:
        """The inspection a sentence speaks of: the last one its paragraph named, else the main one."""
        b = self.blocks[s.block]
        # Only whole sentences count: the earlier inspection a sentence ends on does not carry over.
        named = [
            (start, insp)
            for start, insp in self.sentence_inspection.items()
            if b.start <= start <= s.start and start in self.sentence_starts
        ]
        return max(named, key=lambda pair: pair[0])[1] if named else self.primary

    def _dates_of(
        self, sent: str, insp: _Inspection | None, years: Counter[int], doc_year: int | None
    ) -> None:
        if insp is None:
            return
        for d in self._dates(sent):
            before = sent[max(0, d.start - 60) : d.start].lower()
            after = sent[d.end : d.end + 150].lower()
            if _NOT_INSPECTION_DATE.search(before):
                if "published" in before[-30:] and d.precise:
                    insp.published_date = insp.published_date or d.iso
                continue
            if d.end_iso:
                insp.start_date = insp.start_date or d.iso
                insp.end_date = insp.end_date or d.end_iso
            elif d.precise and re.search(r"\b(?:concluded|ended|finished|completed)\b[^.]{0,20}$", before):
                insp.end_date = insp.end_date or d.iso
            elif d.precise and (
                re.search(
                    r"\b(?:subject to|began|started|commenced|took place|unannounced|carried out|inspected)\b",
                    after,
                )
                or re.search(r"\b(?:began|started|commenced|from)\s+(?:on\s+)?$", before)
            ):
                insp.start_date = insp.start_date or d.iso
            years[d.year] += 2 if d.end_iso or d.precise else 1
        if not any(True for _ in self._dates(sent)):
            for y in _IN_YEAR.finditer(sent):
                years[int(y.group(1))] += 1
        if re.search(r"\bthis year\b", sent, re.I) and doc_year:
            years[doc_year] += 1
        if re.search(r"\blast year\b", sent, re.I) and doc_year:
            years[doc_year - 1] += 1

    def _is_judgement(self, sent: str, m: re.Match[str]) -> bool:
        before = sent[max(0, m.start() - 60) : m.start()]
        grade = _grade_of(m)
        # "is not good enough" faults something; it grades nothing.
        if re.match(r"\s+enough\b", sent[m.end() :]) or re.search(r"\bnot\s+(?:yet\s+)?$", before, re.I):
            return False
        # "the good grade of the previous inspection".
        if re.match(r"\s+(?:grade|rating|judgement|judgment)\b", sent[m.end() :], re.I):
            return True
        # "judged its services for children in need ... to be inadequate": the verb may be far before.
        judged = _JUDGED_TO_BE.search(sent[max(0, m.start() - 200) : m.start()])
        if judged and not _HOPED.search(sent[max(0, m.start() - 200) : m.start()][: judged.start()][-40:]):
            return True
        if grade in ("good", "outstanding"):
            if _ASPIRATION.search(before[-30:]):
                return False
            return bool(_JUDGING.search(before[-40:])) and not re.match(
                r"\s*(?:practice|quality|work|progress)", sent[m.end() :]
            )
        if grade == "inadequate":
            return bool(
                re.search(
                    r"\b(?:judg\w*|rated|graded|found|was|were|is|are|overall|as|of)\b[^.]{0,30}$", before
                )
            )
        return not _ASPIRATION.search(before[-12:]) or "judg" in before.lower()

    def _other_inspections(self, s: Sentence, councils: list[Council], doc_year: int | None) -> None:
        sent = self.sentence_text(s)
        if not re.search(
            r"\b(?:inspected|inspection|told|judged|rated|found|visited|focused visit|monitoring visit)\b",
            sent,
            re.I,
        ):
            return
        years = [d.year for d in find_dates(sent)]
        year = years[0] if years else None
        if (
            year is None
            and doc_year
            and re.search(r"\b(?:this year|recent(?:ly)?|earlier this)\b", sent, re.I)
        ):
            year = doc_year
        if year is None:
            return
        framework: str | None = None
        for fw_pattern, fw in _FRAMEWORKS:
            if fw_pattern.search(sent):
                framework = fw
        if framework is None:
            framework = (
                "SIF"
                if _NEW_FRAMEWORK.search(sent) and year in (2013, 2014, 2015)
                else _framework_for_year(year)
            )
        grade = next((_grade_of(m) for m in _GRADE.finditer(sent) if self._is_judgement(sent, m)), None)
        for c in councils:
            insp = _Inspection(c, year, framework, judgement=grade, evidence=[self.ev(s.start, s.end)])
            self.inspections.append(insp)

    # ------------------------------------------------------------------ plans

    def _read_plans(self) -> None:
        council_words = {w.lower() for c in ([self.council] if self.council else []) for w in c.name.split()}
        generic: list[tuple[int, int, str]] = []
        named: dict[str, list[tuple[int, int, str]]] = {}
        for m in _PLAN_WORD.finditer(self.text, 0, self.scope):
            if self._skipped(m.start()):
                continue
            s = self.sentence_at(m.start())
            if s is None or not self.usable(s):
                continue
            words: list[tuple[int, str]] = []
            pos = m.start()
            window_start = max(s.start, m.start() - 80)
            window = self.text[window_start : m.start()]
            gap_end = len(window)
            for wm in reversed(list(re.finditer(r"[\w’'-]+", window))):
                word = wm.group(0)
                # Words of a name are separated by spaces only: a colon, full stop or "and" ends it.
                if window[wm.end() : gap_end].strip() or len(words) >= 7:
                    break
                if not _PLAN_MODIFIER.match(word) or word.lower() in (
                    "the",
                    "a",
                    "an",
                    "this",
                    "and",
                    "title",
                ):
                    break
                if re.fullmatch(r"[\d.,]+", word) or word.lower() in ("and",):
                    break
                words.insert(0, (window_start + wm.start(), word))
                gap_end = wm.start()
            while words and words[0][1].lower() in ("to", "of", "for", "and", "&"):
                words.pop(0)
            start = words[0][0] if words else pos
            phrase = self.text[start : m.end()]
            lowered = [w.lower().replace("’", "'") for _, w in words]
            core = [w for w in lowered if w not in _GENERIC_PLAN_WORDS and w not in council_words]
            has_marker = bool(set(lowered) & _PLAN_MARKERS)
            if not words:
                before = self.text[max(s.start, m.start() - 12) : m.start()].lower()
                if re.search(r"\b(?:the|this|that)\s+$", before):
                    generic.append((m.start(), m.end(), ""))
                continue
            if not has_marker:
                continue
            # Lower-case topical words ("private fostering action plan") make it a plan of its own subject.
            lower_core = [w for _, w in words if w[:1].islower() and w.lower() not in _GENERIC_PLAN_WORDS]
            if lower_core:
                continue
            if core:
                named.setdefault(" ".join(core), []).append((start, m.end(), phrase))
            else:
                generic.append((start, m.end(), phrase))
        # A joint inspection's plan is its "written statement of action": the plan's name where the
        # document gives it no other, else another name for the plan it does name.
        statements = [
            (m.start(), m.end(), m.group(0))
            for m in _WRITTEN_STATEMENT.finditer(self.text, 0, self.scope)
            if not self._skipped(m.start())
        ]
        if statements and not named:
            named["written statement of action"] = statements
        else:
            generic.extend((a, b, "") for a, b, _ in statements)
        if not generic and not named:
            return
        main_key = max(named, key=lambda k: len(named[k])) if named else None
        for key, mentions in named.items():
            title = max((p for _, _, p in mentions), key=lambda p: (len(p.split()), p[:1].isupper()))
            plan = _Plan(_clean_title(title), key, [(a, b) for a, b, _ in mentions])
            plan.board = self.boards.by_name(key.upper()) or self.boards.by_name(key)
            if plan.board is not None and key != main_key:
                self.plans.append(plan)
                continue
            if plan.board is not None and key == main_key and len(named) == 1 and generic:
                # The only named plan is a board's: the council's own plan is the generic one.
                self.plans.append(plan)
                main_key = None
                continue
            self.plans.append(plan)
        main: _Plan | None = next((p for p in self.plans if p.key == main_key), None) if main_key else None
        if main is None:
            caps = Counter(p for _, _, p in generic if p[:1].isupper())
            lower = [p for _, _, p in generic if p]
            title = caps.most_common(1)[0][0] if caps else (lower[0] if lower else "Action plan")
            answered = self.answered()
            year = answered.year if answered else None
            main = _Plan(_clean_title(title), f"{_clean_title(title)} {year or ''}".strip())
            self.plans.insert(0, main)
        main.mentions.extend((a, b) for a, b, _ in generic)
        main.mentions.sort()
        self.main_plan = main
        for plan in self.plans:
            plan.uid = action_plan_uid(
                self.key, plan.key if plan is main and plan.key != plan.title else plan.title
            )
            self._plan_status(plan)

    def _plan_status(self, plan: _Plan) -> None:
        statuses: set[str] = set()
        for start, end in plan.mentions:
            s = self.sentence_at(start)
            if s is None:
                continue
            sent = self.sentence_text(s)
            local = self.text[max(s.start, start - 25) : end].lower()
            if "draft" in local:
                statuses.add("draft")
            if re.search(r"\b(?:ratified|approved|signed off|accepted)\b", sent, re.I) and not re.search(
                r"\bto approve\b|\bagree the draft\b|\bapprove the draft\b", sent, re.I
            ):
                statuses.add("approved")
            sub = re.search(r"\bsubmitted\s+(?:to\s+ofsted\s+)?on\s+", sent, re.I)
            if sub:
                dates = [d for d in find_dates(sent[sub.end() : sub.end() + 30]) if d.precise]
                if dates:
                    plan.submitted_date = plan.submitted_date or dates[0].iso
                    statuses.add("submitted")
        for status in ("approved", "submitted", "draft"):
            if status in statuses:
                plan.status = status
                break

    # ------------------------------------------------------------------ the graph

    def context(self) -> DocumentContext:
        main = self.main_plan
        return DocumentContext(
            council=self.council,
            council_key=self.key,
            date=self.date,
            kind=self.kind,
            inspection=self.primary.uid() if self.primary and self.primary.council else None,
            plan=main.uid if main else None,
            plan_title=main.title if main else None,
            council_evidence=self.council_evidence,
            inspection_properties=self.primary.properties() if self.primary else {},
            inspection_evidence=self.primary.evidence[0] if self.primary and self.primary.evidence else None,
        )

    def run(self) -> GraphDoc:
        self._emit_document()
        self._emit_councils()
        self._emit_boards()
        people = self._emit_people()
        self._emit_inspections()
        self._emit_findings()
        self._emit_recommendations()
        self._emit_plans()
        self._emit_actions(people)
        self._emit_meeting()
        self._drop_unnamed_bodies()
        return self.g

    def _drop_unnamed_bodies(self) -> None:
        """A body known only as "the Committee" or "the Panel", which the document never names, is
        no body an analyst can find: it is left out, with what was said of it. "Cabinet" and
        "the Executive" are names councils give their bodies, and stay."""
        unnamed = {
            self.board_uid(b)
            for b in self.boards.boards
            if b.generic and b.kind not in ("cabinet", "executive", "council")
        }
        if not unnamed:
            return
        for uid in unnamed:
            self.g.nodes.pop(uid, None)
        for key in [k for k, r in self.g.relationships.items() if r.start in unnamed or r.end in unnamed]:
            del self.g.relationships[key]

    def node(
        self, uid: str, labels: tuple[str, ...], props: dict[str, object], evidence: list[Evidence]
    ) -> None:
        self.g.add_node(Node(uid, labels, dict(props), [e for e in evidence if e.quote]))

    def rel(
        self,
        rtype: RelType,
        start: str,
        end: str,
        evidence: Evidence | None,
        props: dict[str, object] | None = None,
    ) -> None:
        if start == end:
            return
        self.g.add_relationship(
            Relationship(rtype, start, end, dict(props or {}), [evidence] if evidence else [])
        )

    def _emit_document(self) -> None:
        props: dict[str, object] = {
            "source": self.doc.metadata.url or self.doc.source,
            "sha256": self.doc.sha256,
            "title": self.doc.metadata.title or self.doc.title,
            "kind": self.kind
            if self.kind in ("minutes", "report", "news", "action_plan", "other")
            else "other",
            "date": self.date,
            "chars": len(self.text),
            "extractor": EXTRACTOR_NAME,
        }
        self.node(self.doc.uid, (Label.DOCUMENT,), props, [])

    def _emit_councils(self) -> None:
        seen: dict[str, list[Evidence]] = {}
        councils: dict[str, Council] = {}
        for m in self.council_mentions:
            seen.setdefault(m.council.code, []).append(self.ev(m.start, m.end))
            councils[m.council.code] = m.council
        if self.council and self.council_evidence:
            seen.setdefault(self.council.code, []).insert(0, self.council_evidence)
            councils[self.council.code] = self.council
        for code, evs in seen.items():
            c = councils[code]
            self.node(c.uid, (Label.COUNCIL,), dict(c.properties()), evs[:3])

    def board_uid(self, board: Board) -> str:
        return board_uid(self.key, board.name)

    def _emit_boards(self) -> None:
        for b in self.boards.boards:
            if not b.mentions:
                continue
            start, end = b.first
            ev = self.ev(start, end)
            props: dict[str, object] = {"name": b.name, "kind": b.kind, "acronym": b.acronym}
            if b.aliases:
                props["aliases"] = sorted(b.aliases)
            self.node(
                self.board_uid(b), (Label.BOARD,), props, [self.ev(s, e) for s, e in sorted(b.mentions)[:3]]
            )
            if self.council:
                self.rel(RelType.PART_OF, self.board_uid(b), self.council.uid, ev)
        # "The X Board reports progress to the Y Board".
        for s in self.sentences:
            mentions = self.boards.in_span(s.start, s.end)
            if len(mentions) < 2:
                continue
            # "..., chaired by ..., which reported quarterly to Cabinet": a relative clause of the board before.
            for reporter, hearer in itertools.pairwise(mentions):
                if reporter.board is not hearer.board and _REPORTS_TO_RELATIVE.match(
                    self.text[reporter.end : hearer.start]
                ):
                    self.rel(
                        RelType.REPORTS_TO,
                        self.board_uid(reporter.board),
                        self.board_uid(hearer.board),
                        self.ev(s.start, s.end),
                    )
        previous: Sentence | None = None
        for s in self.sentences:
            mentions = self.boards.in_span(s.start, s.end)
            subjects, subject_end = self._board_subjects(s, mentions, previous)
            previous_start = previous.start if previous is not None else None
            previous = s
            if not subjects:
                continue
            hearers = [(m.start, m.board) for m in mentions if m.start >= subject_end]
            parent = _FULL_BOARD.search(self.text, subject_end, s.end)
            if parent is not None:
                # "Its CSE and Missing Sub-Group will ... report to the full board": the board it belongs to
                above = [
                    m.board
                    for m in (
                        self.boards.in_span(previous_start, s.start) if previous_start is not None else []
                    )
                    if m.board not in subjects and m.board.name.endswith(("Board", "Partnership"))
                ]
                if above:
                    hearers = sorted([*hearers, (parent.start(), above[-1])], key=lambda h: h[0])
            for at, heard_by in hearers:
                if _REPORTS_TO.search(self.text[subject_end:at]):
                    for reporter_board in subjects:
                        if reporter_board is not heard_by:
                            self.rel(
                                RelType.REPORTS_TO,
                                self.board_uid(reporter_board),
                                self.board_uid(heard_by),
                                self.ev(s.start, s.end),
                            )
                    break

        self._emit_groups_reporting()

    def _board_subjects(
        self, s: Sentence, mentions: list[BoardMention], previous: Sentence | None
    ) -> tuple[list[Board], int]:
        """The boards a sentence is about, as its subject, and where the subject ends: the
        bodies named in its first words ("The Corporate Parenting Board and the SSCB ..."), or
        the body a pronoun or a bare noun stands for ("It reports to Cabinet", "The board meets
        every month and reports to ...")."""
        zone = self.text[s.start : mentions[0].start] if mentions else ""
        if mentions and len(zone.split()) <= 4 and not _NOT_A_SUBJECT.search(zone):
            subjects = [mentions[0]]
            for m in mentions[1:]:
                if not _JOINED_SUBJECT.fullmatch(self.text[subjects[-1].end : m.start]):
                    break
                subjects.append(m)
            return [m.board for m in subjects], subjects[-1].end
        anaphor = _BOARD_ANAPHOR.match(self.text, s.start)
        if anaphor is None or previous is None or s.start - previous.end > 200:
            return [], s.start
        before = self.boards.in_span(previous.start, previous.end)
        noun = (anaphor.group("noun") or "").lower()
        if not noun:
            # "It": the subject of the sentence before
            if before and len(self.text[previous.start : before[0].start].split()) <= 4:
                return [before[0].board], anaphor.end()
            return [], s.start
        kind = HEAD_KINDS.get(noun.replace("-", ""), HEAD_KINDS.get(noun))
        same = [m for m in before if m.board.kind == kind or m.board.name.lower().endswith(noun)]
        if same:
            return [same[-1].board], anaphor.end()
        return [], s.start

    def _emit_groups_reporting(self) -> None:
        """ "The Executive is supported by four sub-groups, each of which reports to the Executive:"
        then the groups, listed: each group named in the list reports to that board."""
        for s in self.sentences:
            sent = self.sentence_text(s)
            each = _EACH_REPORTS.search(sent)
            if each is None:
                continue
            hearers = self.boards.in_span(s.start + each.end(), s.end)
            hearer: Board | None = hearers[0].board if hearers else None
            named = re.match(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}", sent[each.end() :])
            if hearer is None and named:
                # "... reports to the Executive": the board the sentence named whose name ends so
                ending = named.group(0).lower()
                hearer = next(
                    (
                        m.board
                        for m in self.boards.in_span(s.start, s.end)
                        if m.board.name.lower().endswith(ending)
                    ),
                    None,
                )
            if hearer is None:
                continue
            noun = each.group("noun") or each.group("own")
            if noun:
                # "every sub-group reports to this Executive Group": each body so named, wherever
                # the document names it (in a list, a table's column, a later paragraph)
                head = re.sub(r"s$", "", re.sub(r"[\s-]+", "", noun.lower()))
                groups = [
                    b
                    for b in self._all_boards()
                    if b.mentions and re.sub(r"[\s-]+", "", b.name.lower()).endswith(head)
                ]
            else:
                # "..., each of which reports to the Executive:" then the groups, listed
                until = min(len(self.text), s.end + 900)
                following = next((b for b in self.blocks if b.start >= s.end and b.kind == "heading"), None)
                if following is not None:
                    until = min(until, following.start)
                groups = [
                    m.board for m in self.boards.in_span(s.start, until) if _GROUP_NAME.search(m.board.name)
                ]
            for group in groups:
                if group is not hearer:
                    self.rel(
                        RelType.REPORTS_TO,
                        self.board_uid(group),
                        self.board_uid(hearer),
                        self.ev(s.start, s.end),
                    )

    def _all_boards(self) -> list[Board]:
        """The bodies named anywhere in the document, its tables included (which the tables'
        reader reads): a body named only in a table is emitted here when prose speaks of it."""
        if not self.skip:
            return self.boards.boards
        everywhere = BoardDirectory.build(self.text[: self.scope])
        found: list[Board] = []
        for b in everywhere.boards:
            known = self.boards.by_name(b.name)
            if known is not None:
                found.append(known)
                continue
            start, end = b.first
            self.node(
                self.board_uid(b),
                (Label.BOARD,),
                {"name": b.name, "kind": b.kind, "acronym": b.acronym},
                [self.ev(start, end)],
            )
            if self.council:
                self.rel(RelType.PART_OF, self.board_uid(b), self.council.uid, self.ev(start, end))
            found.append(b)
        return found

    def _emit_people(self) -> list[tuple[PersonMention, str]]:
        found = [p for p in find_people(self.text[: self.scope]) if not self._skipped(p.start)]
        # Posts in a report template's headings ("Comments of the Chief Finance Officer") are the template's.
        template = [
            (b.start, b.end)
            for b in self.blocks
            if b.kind == "heading" and re.search(r"\bcomments?\b", self.text[b.start : b.end], re.I)
        ]
        found = [p for p in found if p.name or not any(a <= p.start < z for a, z in template)]
        people: list[tuple[PersonMention, str]] = []
        # "Councillor Ormerod" is the "Joanne Ormerod" of the attendance list: a surname alone
        # takes the fullest name the document gives with that surname.
        full_names: dict[str, str] = {}
        for p in found:
            if p.name:
                surname = p.name.split()[-1].lower()
                if len(p.name.split()) > len(full_names.get(surname, "").split()):
                    full_names[surname] = p.name
        named: dict[str, str] = {}
        by_role: dict[str, str] = {}
        for p in found:
            if p.name and p.role:
                full = full_names.get(p.name.split()[-1].lower(), p.name)
                named[p.name.split()[-1].lower()] = person_uid(self.key, full, p.role)
                if p.role != "Councillor":
                    by_role.setdefault(role_key(p.role), person_uid(self.key, full, p.role))
        full_roles = {role_key(p.role): p.role for p in found if p.role and p.role != "Councillor"}
        role_starts: dict[str, list[int]] = {}
        for p in found:
            if p.role and p.role != "Councillor":
                role_starts.setdefault(role_key(p.role), []).append(p.start)
        for p in found:
            role = p.role
            if p.name is None and role:
                key = role_key(role)
                # Bare "Cabinet Member": the fuller post the document names.
                fuller = [r for k, r in full_roles.items() if k.startswith(key + " ")]
                if len(fuller) > 1:
                    # "The Director explained" after two directors were named: the one named last before.
                    earlier = [
                        (max(a for a in role_starts[role_key(r)] if a < p.start), r)
                        for r in fuller
                        if any(a < p.start for a in role_starts[role_key(r)])
                    ]
                    fuller = [max(earlier)[1]] if earlier else fuller
                bare = role.lower() in (
                    "cabinet member",
                    "lead member",
                    "executive member",
                    "portfolio holder",
                    "director",
                    "assistant director",
                    "head",
                    "manager",
                )
                if bare and len(fuller) != 1:
                    continue
                # "the Assistant Director" after "Assistant Director, Children's Social Care": the same post.
                if len(fuller) == 1:
                    role = fuller[0]
                    key = role_key(role)
                uid = by_role.get(key) or person_uid(self.key, None, key)
            elif p.name:
                surname = p.name.split()[-1].lower()
                p = replace(p, name=full_names.get(surname, p.name))
                if p.role is None or p.role == "Councillor":
                    uid = named.get(surname) or (
                        person_uid(self.key, p.name, p.role) if p.kind == "councillor" else ""
                    )
                else:
                    uid = person_uid(self.key, p.name, p.role)
                if not uid:
                    continue
            else:
                continue
            kind = (
                p.kind
                if p.kind in ("officer", "councillor")
                else ("councillor" if is_councillor_role(role) else "officer")
            )
            labels = (Label.PERSON, Label.COUNCILLOR if kind == "councillor" else Label.OFFICER)
            ev = self.ev(p.start, p.end)
            props: dict[str, object] = {"name": p.name, "role": role, "kind": kind}
            existing = self.g.nodes.get(uid)
            if existing and existing.properties.get("role") == "Councillor" and role and role != "Councillor":
                existing.properties["role"] = role
            self.node(uid, labels, props, [ev])
            if self.council:
                self.rel(RelType.SERVES, uid, self.council.uid, ev)
            if p.member and self.body:
                self.rel(RelType.MEMBER_OF, uid, self.board_uid(self.body), ev)
            if p.chairs and self.body:
                self.rel(RelType.CHAIRS, uid, self.board_uid(self.body), ev)
            if role and role.lower().startswith(("chair", "vice")):
                target = next((m.board for m in self.boards.in_span(p.start, p.end + 80)), None)
                if target is not None and not role.lower().startswith("vice"):
                    self.rel(RelType.CHAIRS, uid, self.board_uid(target), ev)
            if role and role.lower().startswith("cabinet member"):
                cabinet = next((b for b in self.boards.boards if b.kind == "cabinet"), None)
                if cabinet is not None:
                    self.rel(RelType.MEMBER_OF, uid, self.board_uid(cabinet), ev)
            people.append((p, uid))
        return people

    def _emit_inspections(self) -> None:
        for insp in self.inspections:
            props = insp.properties()
            uid = insp.uid()
            self.node(uid, (Label.INSPECTION,), props, insp.evidence)
            self.rel(RelType.INSPECTED, uid, insp.council.uid, insp.evidence[0] if insp.evidence else None)
            self.node(insp.council.uid, (Label.COUNCIL,), dict(insp.council.properties()), insp.evidence[:1])

    # ------------------------------------------------------------------ findings

    def _emit_findings(self) -> None:
        if self.primary is None:
            return
        cued_block = -1
        summary_block = -1
        summary_polarity: str | None = None
        for s in self.sentences:
            if not self.usable(s) or self.blocks[s.block].kind == "heading":
                continue
            sent = self.sentence_text(s)
            cue = _FINDING_CUE.search(sent)
            # "This page explains what the inspectors found, ...": a subject named, not a finding.
            cued = bool(cue) and not re.search(
                r"\bwhat\s+(?:the\s+)?$", sent[: cue.start()] if cue else "", re.I
            )
            # "They also found ..." goes on from a sentence about the inspectors.
            # ... or from the paragraph before, when it told of the inspection ("Two inspectors spent ...").
            near = cued_block == s.block or any(
                self.blocks[max(0, s.block - 1)].start <= start < s.start
                for start in self.sentence_inspection
            )
            follows = near and re.match(
                r"\s*(?:however|but|also),?\s*they\s+(?:\w+\s+){0,2}?(?:found|find|noted|said|praised|highlighted|"
                r"identified|reported|observed|judged|recognised|concluded)\b"
                r"|\s*they\s+(?:\w+\s+){0,2}?(?:found|find|noted|said|praised|highlighted|identified|reported|"
                r"observed|judged|recognised|concluded)\b",
                sent,
                re.I,
            )
            # "Inspectors found that ... However, partners do not share ...": the contrast goes on
            # telling what they found, when it faults or praises something.
            contrast = (
                not cued
                and cued_block == s.block
                and re.match(r"\s*(?:however|but)\b,?", sent, re.I)
                and _polarity(sent, None) is not None
            )
            # "Inspectors found much that is working well. Adoption is a strength: ...": after a
            # line that sums up what inspectors found, the paragraph goes on with it, sentence by
            # sentence, while each praises or faults something and no one else is speaking.
            summed_up = (
                not cued
                and summary_block == s.block
                and (_polarity(sent, None) is not None or summary_polarity is not None)
                and not _REPORTING.search(sent)
                and not re.match(r"\s*(?:the\s+)?(?:council|we|our|it)\b", sent, re.I)
            )
            # Under a heading such as "What inspectors found", each sentence that praises or faults
            # something is a finding, as after a summing-up line.
            in_findings_section = (
                not cued
                and bool(_FINDINGS_SECTION.search(self.blocks[s.block].section))
                # "There is good work too." sums up; a finding says what is good or not
                and len(sent.split()) >= 7
                # the council speaking of itself ("our staff deserve to hear it") is not the inspectors
                and not re.search(r"\b(?:we|our|us)\b", sent, re.I)
                and _polarity(sent, None) is not None
                and not _REPORTING.search(sent)
                and not _MODAL.search(sent)
                and not re.match(r"\s*(?:\d+(?:\.\d+)*\s+)?(?:the\s+)?(?:council|we|our|it)\b", sent, re.I)
            )
            contrast = contrast or summed_up or in_findings_section
            if cued:
                cued_block = s.block
            if _SUMMARY_FINDING.match(sent) and not any(
                o.block == s.block and o.start < s.start for o in self.sentences
            ):
                # the line that sums up is not itself a finding; what it says of them ("identified
                # weaknesses") stands for the sentences that say no more
                summary_block = cued_block = s.block
                summary_polarity = _lead_polarity(sent)
                continue
            if (
                not (cued or follows or contrast)
                or _PLAN_MENTION_CONTEXT.search(sent)
                or _inline_recommendations(sent)
                # "The report identifies five areas that need to improve:" introduces a list
                or sent.rstrip().endswith(":")
            ):
                continue
            councils = {m.council.code for m in self.council_mentions if s.start <= m.start < s.end}
            if self.council and councils and self.council.code not in councils:
                continue
            inspection = self.inspection_for(s) or self.primary
            insp_uid = inspection.uid()
            previous: str | None = None
            for c_start, c_end in _clauses(sent):
                clause = sent[c_start:c_end]
                if any(self._is_judgement(clause, g) for g in _GRADE.finditer(clause)):
                    # "X were judged to be requires improvement": a judgement, kept on the inspection.
                    previous = None
                    continue
                offset, introduced = _finding_start(clause)
                polarity = _polarity(clause, previous)
                if polarity is None and summed_up and summary_block == s.block:
                    polarity = summary_polarity
                if polarity is None and introduced and not _MODAL.search(clause):
                    # What inspectors are reported to have found, in words neither praising nor
                    # faulting ("children in care attend school regularly"): reported as a strength,
                    # since shortcomings are told in words of lack, delay or failure.
                    polarity = "strength"
                previous = polarity
                if polarity is None:
                    continue
                text_start = c_start + offset
                text = _tidy(sent[text_start:c_end])
                if len(_content(text)) < 3:
                    continue
                uid = finding_uid(insp_uid, text)
                ev = self.ev(s.start + text_start, s.start + c_end)
                self.node(uid, (Label.FINDING,), {"text": text, "polarity": polarity}, [ev])
                self.rel(RelType.FOUND, insp_uid, uid, ev)

        self._emit_listed_findings()

    def _emit_listed_findings(self) -> None:
        """Findings listed after a line that introduces them: "Strengths identified in the report
        include:", "Inspectors also found that practice is not yet consistently good:"."""
        assert self.primary is not None
        lead: Block | None = None
        lead_index = -1
        for index, b in enumerate(self.blocks):
            if b.kind != "item":
                lead, lead_index = b, index
                continue
            if lead is None or b.boiler or b.speech:
                continue
            lead_text = _NUMBERED_PARA.sub("", self.text[lead.content : lead.end]).strip()
            if not _introduces_findings(lead_text):
                continue
            first = next((s for s in self.sentences if s.block == lead_index), None)
            inspection = (self.inspection_for(first) if first else None) or self.primary
            text = _tidy(self.text[b.content : b.end])
            if len(_content(text)) < 3 or _MODAL.search(text):
                continue
            polarity = _polarity(text, None) or _lead_polarity(lead_text)
            if polarity is None:
                continue
            insp_uid = inspection.uid()
            uid = finding_uid(insp_uid, text)
            ev = self.ev(b.content, b.end)
            self.node(uid, (Label.FINDING,), {"text": text, "polarity": polarity}, [ev])
            self.rel(RelType.FOUND, insp_uid, uid, ev)

    # ------------------------------------------------------------------ recommendations

    def _emit_recommendations(self) -> None:
        if self.primary is None:
            return
        insp_uid = self.primary.uid()
        number = 0
        # "section": every block under an Ofsted heading ("What needs to improve"); "list": only
        # the items right after a line that introduces them ("The letter asked the partnership to
        # improve:"), since the prose after the list is the document's own again.
        mode: str | None = None
        list_marker: str | None = None
        # the number of a numbered heading that opened the section ("3. What needs to improve?")
        section_number: int | None = None
        for index, b in enumerate(self.blocks):
            block_text = self.text[b.content : b.end].strip()
            # "7. The report makes six recommendations to the local authority:": a numbered paragraph
            # that introduces the list is a lead-in, not one of the items
            numbered_lead = (
                b.kind == "item"
                and block_text.endswith(":")
                and bool(
                    _RECOMMENDATION_LEAD.search(block_text) or _RECOMMENDATION_HEADING.search(block_text)
                )
            )
            item_number = (
                re.match(r"\s*(\d{1,2})[.)]?\s*$", self.text[b.start : b.content])
                if b.kind == "item"
                else None
            )
            # "3. What needs to improve?" then "1. ...", "2. ...", and "4. Our priorities": headings
            # numbered like the items of a list
            numbered_heading = (
                item_number is not None
                and len(block_text.split()) <= 8
                and not block_text.endswith((".", ";", ","))
                and (
                    bool(_RECOMMENDATION_HEADING.search(block_text))
                    or (
                        mode == "section"
                        and section_number is not None
                        and int(item_number.group(1)) == section_number + 1
                    )
                )
            )
            if numbered_heading and item_number is not None:
                if _RECOMMENDATION_HEADING.search(block_text):
                    mode, list_marker = "section", None
                    section_number = int(item_number.group(1))
                    first = next((s for s in self.sentences if s.block == index), None)
                    found = self.inspection_for(first) if first else None
                    insp_uid = (found or self.primary).uid()
                else:
                    mode, section_number = None, None
                continue
            if b.kind != "item" or numbered_lead:
                # a paragraph ending in a colon introduces its list with its last sentence
                lead = _NUMBERED_PARA.sub(
                    "",
                    re.split(r"(?<=[.!?])\s+(?=[A-Z])", block_text)[-1]
                    if block_text.endswith(":")
                    else block_text,
                )
                cue = _RECOMMENDATION_HEADING.search(lead) or (
                    _RECOMMENDATION_LEAD.search(lead)
                    # "The plan answers each recommendation. Its priority actions are:" lists the plan's
                    # own actions, not what the inspection asked.
                    and not (
                        _PLAN_MENTION_CONTEXT.search(block_text)
                        and not re.search(
                            r"\b(?:ofsted|inspect\w*|the report|the letter)\b", block_text, re.I
                        )
                    )
                )
                grouping = b.kind == "heading" and index + 1 < len(self.blocks) and self._plan_area(index + 1)
                if (
                    cue
                    and not grouping
                    and not b.boiler
                    and (b.kind == "heading" or block_text.endswith(":"))
                ):
                    mode = "list" if block_text.endswith(":") else "section"
                    first = next((s for s in self.sentences if s.block == index), None)
                    found = self.inspection_for(first) if first else None
                    insp_uid = (found or self.primary).uid()
                    continue
                if (
                    mode in ("section", "list")
                    and block_text.endswith(":")
                    and _LIST_LEAD_IN_SECTION.search(block_text)
                    and not _PLAN_MENTION_CONTEXT.search(block_text)
                ):
                    # "5.1 The report makes seven recommendations to the Council:" under "Ofsted's
                    # Recommendations", or "The review of the LSCB made two recommendations:" after
                    # the list of the report's: the list it introduces is the inspection's too.
                    mode = "list"
                    continue
                if (
                    mode is not None
                    and b.kind == "heading"
                    and not re.match(r"\s*\d", block_text)
                    and _SUB_HEADING_OF_LIST.search(block_text)
                ):
                    # "Priority and immediate action", "Immediately:", "Areas for improvement": the
                    # list's own sub-headings, under which it goes on.
                    mode = "list" if mode == "list" else "section"
                    continue
                if b.kind == "heading" or mode == "list":
                    mode = None
                list_marker = None
            if mode is None or b.boiler:
                continue
            marker = _marker_style(self.text[b.start : b.content]) if b.kind == "item" else None
            if mode == "list" and marker is not None:
                # "(1) ... (2) ..." then "3. A draft plan will go ...": the list has ended where the
                # numbering changes its style
                if list_marker is not None and marker != list_marker:
                    mode = None
                    continue
                list_marker = list_marker or marker
            text = _tidy(self.text[b.content : b.end])
            if len(_content(text)) < 4:
                continue
            number += 1
            explicit = re.match(r"\s*\(?(\d{1,3})[.)]", self.text[b.start : b.content])
            n = int(explicit.group(1)) if explicit else number
            uid = recommendation_uid(insp_uid, n, text)
            ev = self.ev(b.content, b.end)
            self.recommendation_blocks.add(b.content)
            self.node(uid, (Label.RECOMMENDATION,), {"text": text, "number": n}, [ev])
            self.rel(RelType.RECOMMENDED, insp_uid, uid, ev)
        for s in self.sentences:
            if not self.usable(s):
                continue
            sent = self.sentence_text(s)
            insp_uid = (self.inspection_for(s) or self.primary).uid()
            inline = _inline_recommendations(sent)
            for n, (a, z) in enumerate(inline, start=1):
                # "It identified two areas that need to improve: X, and Y."
                text = _tidy(sent[a:z])
                uid = recommendation_uid(insp_uid, n, text)
                ev = self.ev(s.start + a, s.start + z)
                self.node(uid, (Label.RECOMMENDATION,), {"text": text, "number": n}, [ev])
                self.rel(RelType.RECOMMENDED, insp_uid, uid, ev)
            if inline:
                continue
            m = re.search(
                r"\b(?:ofsted|inspectors|the (?:inspection )?report)\s+(?:has\s+|have\s+)?(?:recommended|recommends)\s+that\s+",
                sent,
                re.I,
            )
            if not m:
                continue
            text = _tidy(sent[m.end() :])
            if len(_content(text)) < 4:
                continue
            uid = recommendation_uid(insp_uid, None, text)
            ev = self.ev(s.start + m.end(), s.end)
            self.node(uid, (Label.RECOMMENDATION,), {"text": text}, [ev])
            self.rel(RelType.RECOMMENDED, insp_uid, uid, ev)

    # ------------------------------------------------------------------ plans

    def _emit_plans(self) -> None:
        for plan in self.plans:
            if not plan.mentions:
                continue
            start, end = plan.mentions[0]
            ev = self.ev(start, end)
            props: dict[str, object] = {
                "title": plan.title,
                "status": plan.status,
                "submitted_date": plan.submitted_date,
            }
            self.node(plan.uid, (Label.ACTION_PLAN,), props, [self.ev(s, e) for s, e in plan.mentions[:3]])
            answered = self.answered()
            if answered is not None:
                s = self.sentence_at(start)
                self.rel(RelType.RESPONDS_TO, plan.uid, answered.uid(), self.ev(s.start, s.end) if s else ev)
        if self.main_plan is None:
            return
        for s in self.sentences:
            if not self.usable(s):
                continue
            sent = self.sentence_text(s)
            plan = self._plan_in(s) or self.main_plan
            mentions_plan = bool(re.search(r"\bplans?\b", sent, re.I))
            # Without the plan named, only progress of the improvement work counts ("updates on
            # care leavers' accommodation" follow a topic, not the plan).
            if not mentions_plan and not re.search(
                r"\bprogress\b|\bstanding item\b|\bimprovement\b|\bhighlight reports?\b", sent, re.I
            ):
                continue
            if not _MONITOR_CUE.search(sent):
                continue
            mentions = self.boards.in_span(s.start, s.end)
            qualified: list[Board] = []
            for i, m in enumerate(mentions):
                before = self.text[s.start : m.start]
                after = self.text[m.end : min(s.end, m.end + 60)]
                chained = (
                    i > 0
                    and mentions[i - 1].board in qualified
                    and re.search(r"^\s*(?:and|&|,)\s*(?:the\s+)?$", self.text[mentions[i - 1].end : m.start])
                )
                after = self.text[m.end : min(s.end, m.end + 160)]
                later = mentions[i + 1].start if i + 1 < len(mentions) else s.end
                # "the SLSCB's Domestic Abuse Sub-Group": the owner of the body that monitors, not it.
                possessive = re.search(r"['’]s$", self.text[m.start : m.end]) or re.match(
                    r"['’]s\b", self.text[m.end : m.end + 3]
                )
                if possessive:
                    # "the KSCB's own plan", "the SLSCB's Domestic Abuse Sub-Group": it owns what
                    # follows; it is not what monitors
                    continue
                # the subject of the sentence, or of a clause after "; " or ", and "
                clause = re.split(r";\s+|,\s+(?:and|while|whilst)\s+|\s+and\s+(?=(?:the\s+)?[A-Z])", before)[
                    -1
                ]
                subject = len(clause.split()) <= 3 and re.match(
                    r"\s*(?:\([A-Z&]{2,9}\)\s*)?(?:,[^,.;]{0,120},\s*)?(?:meeting\s+)?(?:also\s+|then\s+|in turn\s+)?"
                    # "met every fortnight and monitored each action in the plan"
                    r"(?:[^.;,]{0,40}?\band\s+)?"
                    r"(?:(?:has|have)\s+asked\s+to\s+receive|will|would|shall|to|monitor(?:s|ed)?|oversee(?:s)?|oversaw|review(?:s|ed)?|"
                    r"scrutinis(?:es|ed)|receive(?:s|d)?|examines?|examined|tracks?|tracked|is sent|are sent|"
                    r"was sent|were sent)\b",
                    after,
                )
                # "a Board, chaired by the Chief Executive, which will meet every month to monitor ...".
                relative = _MONITORING_RELATIVE.match(self.text[m.end : later])
                # "The Board ...; it will report to Cabinet ... on progress against the plan": the board
                # that reports the plan's progress follows the plan.
                reporting = (
                    i == 0
                    and len(before.split()) <= 3
                    and re.search(
                        r"\breport(?:s|ing)?\b[^.]{0,120}\bprogress\b", self.text[m.end : s.end], re.I
                    )
                )
                # "X reports progress to Y": Y hears of X's work, it does not monitor the plan.
                if i > 0 and any(
                    (
                        len(self.text[s.start : mentions[j].start].split()) <= 2
                        and _REPORTS_TO.search(self.text[mentions[j].end : m.start])
                    )
                    or _REPORTS_TO_RELATIVE.match(self.text[mentions[j].end : m.start])
                    for j in range(i)
                ):
                    continue
                if (
                    chained
                    or subject
                    or relative
                    or reporting
                    or (_MONITOR_BEFORE.search(before[-40:]) and _MONITOR_CUE.search(before))
                ) and m.board not in qualified:
                    qualified.append(m.board)
            # "The Corporate Parenting Committee and the Scrutiny Commission also receive updates":
            # boards joined as one subject monitor together.
            for i in range(len(mentions) - 2, -1, -1):
                m, following = mentions[i], mentions[i + 1]
                if (
                    following.board in qualified
                    and m.board not in qualified
                    and len(self.text[s.start : m.start].split()) <= 3
                    and re.fullmatch(r"\s*(?:,|and|&)\s*(?:the\s+)?", self.text[m.end : following.start])
                    and not re.match(r"['’]s\b", self.text[m.end : m.end + 3])
                ):
                    qualified.insert(0, m.board)
            for board in qualified:
                self.rel(RelType.MONITORS, self.board_uid(board), plan.uid, self.ev(s.start, s.end))

    def _plan_in(self, s: Sentence) -> _Plan | None:
        for plan in self.plans:
            if plan is self.main_plan:
                continue
            if any(s.start <= a < s.end for a, _ in plan.mentions):
                return plan
        return None

    # ------------------------------------------------------------------ actions

    def _emit_actions(self, people: list[tuple[PersonMention, str]]) -> None:
        actions = self._find_actions(people)
        kept: list[_Action] = []
        for a in actions:
            words = _content(a.text)
            dup = next(
                (
                    k
                    for k in kept
                    if words
                    and _content(k.text)
                    and len(words & _content(k.text)) / min(len(words), len(_content(k.text))) >= 0.8
                ),
                None,
            )
            if dup is not None:
                if len(a.text) < len(dup.text):
                    dup.extra_evidence.append(self.ev(dup.start, dup.end))
                    dup.text, dup.start, dup.end = a.text, a.start, a.end
                    dup.in_plan = dup.in_plan or a.in_plan
                else:
                    dup.extra_evidence.append(self.ev(a.start, a.end))
                continue
            kept.append(a)
        for a in kept:
            plan = a.plan_hint or (self.main_plan if a.in_plan else None)
            uid = action_uid(plan.uid if plan else None, None, a.text)
            ev = self.ev(a.start, a.end)
            self.node(uid, (Label.ACTION,), {"text": a.text}, [ev, *a.extra_evidence])
            if plan is not None:
                self.rel(RelType.INCLUDES, plan.uid, uid, ev)
            owner = self._owner(a)
            if owner is not None:
                self.rel(RelType.OWNS, self.board_uid(owner), uid, self.ev(a.sentence[0], a.sentence[1]))
                if (
                    owner is a.resolver
                    and plan is not None
                    and (
                        _SELF_RECEIVING.match(a.text)
                        # "That the Committee receive the plan ... and a six-monthly progress report on it"
                        or re.search(r"\breceives?\b[^.;]{0,160}\bprogress\b", a.text, re.I)
                    )
                    and _PLAN_MENTION_CONTEXT.search(a.text)
                ):
                    # "to receive a further progress report on the improvement plan": it follows the plan.
                    self.rel(RelType.MONITORS, self.board_uid(owner), plan.uid, self.ev(a.start, a.end))
            if a.leader is not None:
                leader_uid = next((u for p, u in people if p is a.leader), None)
                if leader_uid:
                    self.rel(RelType.LEADS, leader_uid, uid, self.ev(a.sentence[0], a.sentence[1]))

    def _owner(self, a: _Action) -> Board | None:
        if a.owner is not None:
            return a.owner
        mentions = self.boards.in_span(a.start, a.end) or self.boards.in_span(a.sentence[0], a.sentence[1])
        for m in mentions:
            # "Agree a protocol with the acute trusts ... (Health Safeguarding Sub-Group, March 2025)": a plan
            # item gives its lead in brackets after it.
            closing = re.match(r"\s*(?:,[^()]{0,40})?\)\s*[.;]?", self.text[m.end : m.end + 45])
            if (
                re.search(r"\(\s*(?:the\s+)?$", self.text[max(a.start, m.start - 8) : m.start])
                and closing
                and m.end + closing.end() >= min(a.end, a.sentence[1]) - 1
            ):
                return m.board
        for m in mentions:
            # Named as owning it: that board, whoever hears of it.
            subject_zone = self.text[a.sentence[0] : m.start]
            if len(subject_zone.split()) <= 3 and _OWNERSHIP.match(self.text[m.end : m.end + 60]):
                return m.board
        for m in mentions:
            before = self.text[max(a.sentence[0], m.start - 160) : m.start]
            if _OWNER_RECIPIENT.search(before):
                return m.board
            lead = self.text[a.start : m.start]
            after = self.text[m.end : m.end + 40]
            # "– That the Committee receive ...": words, not the dash before them
            if len([w for w in lead.split() if re.search(r"\w", w)]) <= 2 and re.match(
                # "That the Panel receive a progress report ...": the board resolved to act itself.
                r"\s*(?:\([A-Z]{2,8}\)\s*)?(?:meeting\s+)?(?:will|would|shall|to|is to|are to|(?:has|have) asked to|receives?|considers?|"
                r"reviews?|monitors?|scrutinises?|holds?)\b",
                after,
            ):
                return m.board
        # "That the Committee receive a further report ...": the resolving body named before the words.
        lead_in = self.boards.in_span(a.sentence[0], a.start)
        if (
            lead_in
            and re.match(
                r"\s*(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s*)?(?:that\s+)?(?:the\s*)?$",
                self.text[a.sentence[0] : lead_in[0].start],
                re.I,
            )
            and not self.text[lead_in[0].end : a.start].strip()
        ):
            return lead_in[0].board
        # "The Panel asked that an update ... be brought to its meeting": the board that asked.
        if re.search(r"\bto\s+(?:its|their)\s+(?:next\s+|following\s+)?meetings?\b", a.text, re.I):
            asking = [m for m in lead_in if len(self.text[a.sentence[0] : m.start].split()) <= 3]
            if asking:
                return asking[0].board
        # "The Committee agreed: ... c) to receive a further progress report": the body that resolved.
        if a.resolver is not None and not mentions and _SELF_RECEIVING.match(a.text):
            return a.resolver
        # "The chairman of the Lincolnshire Safeguarding Children Board said the board would review
        # ...": the body the words stand for, named just before
        anaphor = re.match(
            r"\s*(?:the|this|its)\s+(board|committee|sub-committee|panel|group|sub-group|partnership|forum)\b",
            a.text,
            re.I,
        )
        if anaphor and _MODAL.search(a.text[anaphor.end() : anaphor.end() + 30]):
            noun = anaphor.group(1).lower()
            named = [
                m.board
                for m in self.boards.in_span(max(0, a.sentence[0] - 400), a.start)
                if m.board.name.lower().replace("-", " ").endswith(noun.replace("-", " "))
            ]
            if named:
                return named[-1]
        return None

    def _find_actions(self, people: list[tuple[PersonMention, str]]) -> list[_Action]:
        out: list[_Action] = []
        resolution = False
        resolver: Board | None = None
        lead_in: Block | None = None
        grouped_actions = False
        for i, b in enumerate(self.blocks):
            block_text = self.text[b.content : b.end]
            if _RESOLUTION_MARK.match(self.text[b.start : b.end]):
                resolution = True
                named = self.boards.in_span(b.start, b.end)
                resolver = named[0].board if named else self.body
                rest = _RESOLUTION_LEAD.match(block_text)
                if b.kind == "para" and rest and len(block_text) - rest.end() > 30:
                    self._resolution_action(b.content, b.end, out, resolver)
                continue
            if resolution:
                if b.kind == "item" or re.match(
                    r"\s*(?:\(?(?:\d{1,2}|[a-z])[.)]\s*)?(?:that|to)\b", block_text, re.I
                ):
                    self._resolution_action(b.content, b.end, out, resolver)
                    continue
                resolution = False
            if b.boiler or b.speech:
                lead_in = b if b.kind != "item" else lead_in
                continue
            if b.kind == "item" and b.content in self.recommendation_blocks:
                # what the inspection asked for is not what the council does
                continue
            if self._plan_area(i):
                action = self._plan_area_action(i)
                if action is not None:
                    out.append(action)
                continue
            if b.kind == "item":
                cue_source = b.section + " " + (self.text[lead_in.content : lead_in.end] if lead_in else "")
                lead_text = self.text[lead_in.content : lead_in.end] if lead_in else ""
                if (
                    (_ACTION_LIST_CUE.search(cue_source) or grouped_actions or self._plan_area(i))
                    and not _introduces_findings(lead_text)
                    and not _RECOMMENDATION_HEADING.search(b.section)
                    and not _QA_LEAD.search(lead_text)
                    and (lead_text.rstrip().endswith(":") or lead_in is None or lead_in.kind == "heading")
                ):
                    text = _tidy(block_text)
                    if len(_content(text)) >= 2:
                        out.append(_Action(text, b.content, b.end, (b.content, b.end), True))
                    continue
            else:
                # "The key actions are:" then "Area 1 - led by the Front Door Sub-Group" over its
                # items: the short headings that group the list keep it a list of actions.
                text = block_text.strip()
                if text.endswith(":") and _ACTION_LIST_CUE.search(text) and not _introduces_findings(text):
                    grouped_actions = True
                elif not (grouped_actions and b.kind == "heading" and len(text.split()) <= 12):
                    grouped_actions = False
                lead_in = b
            if b.kind == "heading":
                continue
            for s in (s for s in self.sentences if s.block == i):
                self._sentence_actions(s, people, out)
        return out

    def _plan_area(self, index: int) -> bool:
        """Whether block `index` is an item numbered "1.1" under a plan's heading "Area for
        improvement 1: Pathway plans"."""
        b = self.blocks[index]
        if not re.match(r"\s*\d{1,2}\.\d{1,2}\b", self.text[b.start : b.end]):
            return False
        for j in range(index - 1, max(-1, index - 40), -1):
            above = self.blocks[j]
            if above.kind != "heading" or _FIELD_BLOCK.match(self.text[above.start : above.end]):
                continue
            label = _AREA_LABEL.match(self.text[above.start : above.end].strip())
            return label is not None and not label.group("label").rstrip().endswith(".")
        return False

    def _field_blocks(self, index: int) -> tuple[int, int] | None:
        """The span of the field lines ("Lead: ...", "Reports to: ...") set under block `index`."""
        span: tuple[int, int] | None = None
        for b in self.blocks[index + 1 : index + 6]:
            if not _FIELD_BLOCK.match(self.text[b.start : b.end]):
                break
            span = (span[0] if span else b.start, b.end)
        return span

    def _plan_area_action(self, index: int) -> _Action | None:
        """A plan item under an area's heading: its words up to its fields ("Lead: ...", "Due: ...",
        "Reports to: ..."), owned by the board its field names."""
        b = self.blocks[index]
        # "1.2   Action:  Report conference timeliness ...": the number, and the field's own label
        numbered = re.match(r"\s*\d{1,2}\.\d{1,2}\.?\s+(?:action\s*:\s*)?", self.text[b.start : b.end], re.I)
        start = b.start + (numbered.end() if numbered else 0)
        field_line = _ITEM_FIELD.search(self.text, start, b.end)
        end = field_line.start() if field_line else b.end
        text = _tidy(self.text[start:end])
        if len(_content(text)) < 2:
            return None
        owner: Board | None = None
        fields = self._field_blocks(index)
        fields_end = fields[1] if fields else b.end
        for m in _OWNER_FIELD.finditer(self.text, end, fields_end):
            line_end = self.text.find("\n", m.end(), fields_end)
            named = self.boards.in_span(m.end(), line_end if line_end >= 0 else fields_end)
            if named:
                owner = named[0].board
                break
        end = start + len(self.text[start:end].rstrip())
        return _Action(text, start, end, (start, end), True, owner=owner)

    def _resolution_action(
        self, start: int, end: int, out: list[_Action], resolver: Board | None = None
    ) -> None:
        text = self.text[start:end]
        lead = _RESOLUTION_LEAD.match(text)
        offset = lead.end() if lead else 0
        body = text[offset:]
        if _NOT_RESOLVED_ACTION.match(body) or len(_content(body)) < 4 or _APPROVES_ONLY.search(body):
            return
        # "agree the draft plan", "2. agreed the action plan set out in Appendix B": approving a thing,
        # not committing to do one.
        if lead and lead.group("verb") and not lead.group("that"):
            return
        if re.match(
            r"\s*(?:agreed|agrees?|approved?|approves|endorsed?|endorses|adopted|adopts?)\s+(?!that\b|to\b|:)",
            text,
            re.I,
        ):
            return
        clean = _tidy(body)
        mentions_plan = bool(_PLAN_MENTION_CONTEXT.search(body)) or any(
            start <= a < end for p in self.plans for a, _ in p.mentions
        )
        out.append(_Action(clean, start + offset, end, (start, end), mentions_plan, resolver=resolver))

    def _sentence_actions(
        self, s: Sentence, people: list[tuple[PersonMention, str]], out: list[_Action]
    ) -> None:
        sent = self.sentence_text(s)
        # A quoted wording ("... to the following wording: 'That ...'") is read as the wording.
        quoted = re.search(r":\s*[‘'“\"]", sent)
        base = s.start
        if quoted:
            base = s.start + quoted.end()
            sent = self.text[base : s.end]
            lead = _RESOLUTION_LEAD.match(sent)
            if lead:
                base += lead.end()
                sent = self.text[base : s.end]
        leader: PersonMention | None = None
        rep = _REPORTING.search(sent)
        if rep and len(sent[: rep.start()].split()) <= 14:
            speaker = sent[: rep.start()]
            who = [p for p, _ in people if base <= p.start < base + rep.start()]
            if (
                who
                or re.search(
                    r"\b(?:he|she|director|officer|executive|member|chair\w*|councillor|cllr|manager|head|council|"
                    r"authority|cabinet|committee|board|panel|partnership|trust|service|department)\b",
                    speaker,
                    re.I,
                )
                # "It was noted that ...": the minutes' own report of what was said.
                or re.fullmatch(r"\s*(?:it|this)\s+(?:was|is|had\s+been|has\s+been)\s*", speaker, re.I)
            ):
                leader = who[0] if who else None
                base += rep.end()
                sent = self.text[base : s.end]
        requested = _REQUESTED.search(sent)
        if requested and not self._quoted(base + requested.start("body")):
            # "The Panel asked that an update ... be brought to its meeting in March 2022".
            text = _tidy(requested.group("body"))
            if len(_content(text)) >= 3:
                out.append(
                    _Action(
                        text,
                        base + requested.start("body"),
                        base + requested.end("body"),
                        (s.start, s.end),
                        self.main_plan is not None,
                        self._plan_in(s) if self.main_plan is not None else None,
                    )
                )
            return
        board_subject = any(
            len(self.text[s.start : m.start].split()) <= 3 for m in self.boards.in_span(s.start, s.end)
        )
        pieces: list[tuple[int, int]] = []
        for whole_start, whole_end in _action_clauses(sent):
            clause = sent[whole_start:whole_end]
            # "A Children's Improvement Board has been established ...; it will report to Cabinet": the
            # board is the "it".
            board_it = board_subject and re.match(r"\s*it\s+(?:will|would|shall)\s", clause, re.I)
            # "The council said it would train 200 staff": after reported speech, "it" or "they" is the speaker.
            speaker_it = base != s.start and re.match(
                r"\s*(?:it|they|we)\s+(?:will|would|shall)\s", clause, re.I
            )
            if _is_commitment(clause) or (
                (board_it or speaker_it)
                and _is_commitment(re.sub(r"^\s*(?:it|they|we)\b", "the council", clause, flags=re.I))
            ):
                pieces.extend(_coordinated(sent, whole_start, whole_end))
        for c_start, c_end in pieces:
            clause = sent[c_start:c_end]
            if self._quoted(base + c_start):
                continue
            pronoun = re.match(r"\s*(?:he|she|i)\b", clause, re.I)
            if pronoun and leader is None and c_start == 0 and base == s.start:
                # "He will advise the Secretary of State ...": someone the text introduced before,
                # often from outside the council; only reported speech ties "he" to a speaker.
                continue
            text = _tidy(clause)
            if len(_content(text)) < 3:
                continue
            plan_hint = None
            if self.main_plan is not None:
                plan_hint = self._plan_in(s)
            out.append(
                _Action(
                    text,
                    base + c_start,
                    base + c_end,
                    (s.start, s.end),
                    self.main_plan is not None,
                    plan_hint,
                    leader if pronoun else None,
                )
            )
        self._merge_continuations(out, s)

    def _quoted(self, pos: int) -> bool:
        """Whether a position is inside quoted speech of a paragraph ("..., said: 'We will ...'")."""
        return any(a <= pos < b for a, b in self.quotes)

    def _merge_continuations(self, out: list[_Action], s: Sentence) -> None:
        """'The Early Help strategy ... is being finalised' then 'the strategy was due for completion': one action."""
        if len(out) < 2:
            return
        last, prev = out[-1], out[-2]
        if last.sentence != (s.start, s.end) or self.sentence_at(prev.start) is None:
            return
        prev_sentence = self.sentence_at(prev.start)
        if prev_sentence is None or prev_sentence.block != s.block or prev.sentence == last.sentence:
            return
        m = re.match(r"\s*the\s+([\w’'-]+(?:\s+[\w’'-]+)?)\s", last.text, re.I)
        if not m:
            return
        if any(
            len(self.text[last.start : b.start].split()) <= 3
            for b in self.boards.in_span(last.start, last.end)
        ):
            # "the council's Scrutiny Panel will receive ...": a board of its own, not the thing before
            return
        heads = {w.lower() for w in m.group(1).split()} - _STOP
        if heads & {w.lower() for w in prev.text.split()[:8]}:
            prev.text = f"{prev.text} … {last.text}"
            prev.extra_evidence.append(self.ev(last.start, last.end))
            out.pop()

    # ------------------------------------------------------------------ the meeting

    def _emit_meeting(self) -> None:
        if self.body is None or self.kind not in ("minutes", "report"):
            return
        body_uid = self.board_uid(self.body)
        if body_uid not in self.g.nodes:
            return
        if self.heading:
            ev = self.ev(self.heading.start, self.heading.end)
        else:
            start, end = self.body.first
            ev = self.ev(start, end)
        date = self.doc.metadata.date or (self.heading.date if self.heading else None)
        title = self.doc.metadata.title or (
            _tidy(self.text[self.heading.start : self.heading.end]) if self.heading else self.doc.title
        )
        uid = meeting_uid(body_uid, date, None if date else title)
        self.node(uid, (Label.MEETING,), {"date": date, "title": title}, [ev])
        self.rel(RelType.HELD_BY, uid, body_uid, ev)
        if self.primary is not None:
            self.rel(
                RelType.CONSIDERED,
                uid,
                self.primary.uid(),
                self.primary.evidence[0] if self.primary.evidence else ev,
            )
        if self.main_plan is not None and self.main_plan.mentions:
            start, end = self.main_plan.mentions[0]
            self.rel(RelType.CONSIDERED, uid, self.main_plan.uid, self.ev(start, end))


# ---------------------------------------------------------------------------- clause helpers


def _quoted_spans(text: str, blocks: list[Block]) -> list[tuple[int, int]]:
    """Spans of quoted speech inside paragraphs: double quotes (curly or straight) around six words or more."""
    spans: list[tuple[int, int]] = []
    for b in blocks:
        chunk = text[b.content : b.end]
        for m in re.finditer(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)", chunk):
            if len(m.group(0).split()) >= 6:
                spans.append((b.content + m.start(), b.content + m.end()))
    return spans


def _is_speech(paragraph: str) -> bool:
    """A paragraph of quoted speech: it opens with a quotation that is long or runs on unclosed."""
    opening = re.match(r"\s*[\"“‘]", paragraph)
    if not opening:
        return False
    close = re.search(r"[\"”’](?!\w)", paragraph[opening.end() :])
    if close is None:
        return True
    return len(paragraph[opening.end() : opening.end() + close.start()].split()) >= 8


def _kind_of_body(name: str) -> str:
    from ingest.boards import board_kind

    return board_kind(name)


def _clean_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title.replace("’", "'")).strip()
    title = re.sub(r"^(?:the|a|an|this|our)\s+", "", title, flags=re.I)
    title = re.sub(r"^draft\s+", "", title, flags=re.I)
    return title[:1].upper() + title[1:]


def _tidy(text: str) -> str:
    """A quote as a property: one line, no list markers or wrapping quotes, no final full stop."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:[•●▪■◦‣∙·\-–—*]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\d{1,2}(?:\.\d{1,2})+)\s+", "", text)
    previous = None
    while previous != text:
        previous = text
        text = text.strip(" \"“”‘’'").rstrip(" .;,:")
    text = re.sub(r"[\"“”‘’]", lambda m: "'" if m.group(0) in "‘’" else "", text)
    return text.rstrip(" .;,:")


def _clauses(sent: str) -> list[tuple[int, int]]:
    """Clauses of a finding sentence, as spans: split at dashes, semicolons and contrasts."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_SPLIT.finditer(sent):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(sent)))
    out: list[tuple[int, int]] = []
    for start, end in spans:
        piece = sent[start:end].strip()
        if not piece:
            continue
        if out and _CLAUSE_JOIN.match(piece):
            out[-1] = (out[-1][0], end)
            continue
        if _CLAUSE_DROP.match(piece) and out:
            continue
        # A lead-in ("It found X was failing in several areas - including noting that") is not itself a finding.
        if re.search(r"\bincluding(?: noting)?(?: that)?$", piece, re.I):
            continue
        lead = re.match(r"\s*including(?: noting)?(?: that)?\s+", sent[start:end], re.I)
        if lead and out:
            # What came before "- including" summarised the items that follow.
            out.pop()
            start += lead.end()
        out.append((start, end))
    return out


def _inline_recommendations(sent: str) -> list[tuple[int, int]]:
    """Spans of the items of a list of what an inspection asked for, written within one sentence
    after a colon ("It identified two areas that need to improve: X, and Y"); none otherwise."""
    colon = sent.find(":")
    should = _SHOULD_LEAD.search(sent)
    if should and (colon < 0 or colon > should.start()):
        # "The report says the council should, within three months, ensure that X, and, within six
        # months, improve Y.": what it should do, item by item, without the timescales
        colon = should.end() - 1
    elif colon < 0 or not _RECOMMENDATION_LEAD.search(sent[:colon]) or len(sent) - colon < 15:
        return []
    spans: list[tuple[int, int]] = []
    pos = colon + 1
    for cut in re.finditer(r";\s*(?:and\s+)?|,\s+and,?\s+|,\s+(?=(?:the|a|an)\s)", sent[colon + 1 :]):
        spans.append((pos, colon + 1 + cut.start()))
        pos = colon + 1 + cut.end()
    spans.append((pos, len(sent)))
    items = [(a + len(sent[a:z]) - len(sent[a:z].lstrip()), z) for a, z in spans]
    items = [(a + _within(sent[a:z]), z) for a, z in items]
    return [(a, z) for a, z in items if len(_content(sent[a:z])) >= 3]


# "The report says the council should, ...", "Ofsted recommended that the partnership must ..."
_SHOULD_LEAD = re.compile(
    r"\b(?:the (?:inspection )?report|the letter|ofsted|inspectors)\s+(?:says|said|recommends|recommended|"
    r"concluded|states|stated)\s+(?:that\s+)?(?:the\s+)?(?:council|local authority|partnership|authority)\s+"
    r"(?:should|must|needs? to)\b,?\s",
    re.I,
)


def _within(item: str) -> int:
    """Where an item begins after a timescale set before it ("within three months, ensure ...")."""
    m = re.match(
        r"\s*(?:and\s*,?\s*)?(?:within|by)\s+(?:\w+\s+){0,2}(?:months?|weeks?|days?)\s*,\s*", item, re.I
    )
    return m.end() if m else 0


def _finding_start(clause: str) -> tuple[int, bool]:
    """Where the finding begins in a clause, after its attribution ("the report noted", "inspectors
    had found that", a leading "that"), and whether a reported "that"-clause introduces it."""
    offset = 0
    strip = _ATTRIBUTION.match(clause)
    if strip and strip.end() < len(clause) - 10:
        offset = strip.end()
    reported = _REPORTED_THAT.search(clause, offset)
    if reported and len(clause[: reported.start()].split()) <= 15 and reported.end() < len(clause) - 10:
        offset = reported.end()
    introduced = reported is not None and offset == reported.end()
    lead = re.match(r"\s*that\s+", clause[offset:], re.I)
    if lead:
        offset += lead.end()
        introduced = True
    if (
        strip
        and (
            re.search(r"\bthat\s*$", clause[: strip.end()], re.I)
            # "inspectors said social workers now visit ...": what follows the verb is what they said
            or (
                offset == strip.end()
                and re.search(r"\b(?:said|says|warns|warned)\s*$", clause[:offset], re.I)
            )
        )
    ):
        introduced = True
    return offset, introduced


def _introduces_findings(lead: str) -> bool:
    """Whether a line introduces a list of what inspectors found ("Strengths identified in the
    report include:"), rather than of recommendations, plans or actions."""
    return (
        lead.endswith(":")
        and bool(
            _FINDING_CUE.search(lead)
            or _FINDINGS_LEAD.search(lead)
            # "They also found that:", after a list of what inspectors recognised
            or re.match(
                r"\s*(?:however,?\s*)?they\s+(?:also\s+)?(?:found|noted|identified|said|highlighted)\b",
                lead,
                re.I,
            )
        )
        and not _RECOMMENDATION_HEADING.search(lead)
        and not _RECOMMENDATION_LEAD.search(lead)
        and not _PLAN_MENTION_CONTEXT.search(lead)
        and not re.search(r"\b(?:will|would|shall|actions?|next steps)\b", lead, re.I)
    )


def _lead_polarity(lead: str) -> str | None:
    """What a line introducing a list of findings says of them: strengths or weaknesses."""
    if re.search(
        r"\b(?:weakness\w*|shortcomings?|concerns?|not yet|failings?|poor|inconsistent|needs? to improve)\b",
        lead,
        re.I,
    ):
        return "weakness"
    if re.search(
        r"\b(?:strengths?|praised?|good practice|positives?|well|impressed|improvements?)\b", lead, re.I
    ):
        return "strength"
    return None


def _polarity(clause: str, previous: str | None) -> str | None:
    """'strength' or 'weakness' by the words of the clause; None when it is neither or a judgement only."""
    if _MODAL.search(clause):
        return None
    text = _NEUTRAL.sub(" ", clause)
    text = re.sub(r"requir(?:es|ed|e|ing) improvement(?: to be good)?", " ", text, flags=re.I)
    if re.match(r"\s*as (?:are|is|were|was|do|does)\b", text, re.I):
        return previous
    pos = neg = 0
    for m in _POSITIVE.finditer(text):
        window = text[max(0, m.start() - 30) : m.start()]
        if re.search(r"\bnot(?: always| yet| consistently)?\s+(?:\w+\s+){0,1}$", window, re.I):
            neg += 1
        else:
            pos += 1
    for m in _NEGATIVE.finditer(text):
        window = text[max(0, m.start() - 40) : m.start()]
        if m.group(0).lower().startswith(("not", "do", "did", "don")):
            neg += 1
        elif _NEGATOR.search(window) and re.search(
            r"\b(?:no|nothing|without|free of)\b(?:\s+\w+){0,4}\s*$", window, re.I
        ):
            pos += 1
        else:
            neg += 1
    if re.search(r"\bno (?:widespread|serious|significant)\b|\bnothing to\b", text, re.I):
        pos += 1
    if pos == neg == 0:
        return None
    return "strength" if pos > neg else "weakness"


# Verbs that begin the items of a list of commitments: "the Council will create ..., introduce ...
# and commission ...".
_LIST_VERBS = (
    "create|introduce|commission|recruit|appoint|launch|review|develop|establish|set up|publish|produce|deliver|"
    "provide|train|audit|implement|extend|open|reduce|increase|improve|strengthen|agree|hold|complete|ensure|"
    "undertake|roll out|bring|offer|expand|invest|refresh|revise|update|consult|run|pilot|embed|start|begin|"
    "share|write|redesign|restructure|move|allocate|fund|recommission|replace|simplify|double|halve|appoint"
)
_LIST_SPLIT = re.compile(rf",\s+(?:and\s+)?(?=(?:{_LIST_VERBS})\b)|\s+and\s+(?=(?:{_LIST_VERBS})\b)")
# "asked that X be brought to ...": a request the minutes record as agreed.
_REQUESTED = re.compile(
    r"\b(?:asked|requested|agreed|recommended|resolved|instructed)\s+that\s+"
    r"(?P<body>[^.;]+?\bbe\s+(?:brought|provided|presented|submitted|reported|circulated|shared|sent|given|produced|"
    r"prepared|arranged|made|added|included|scheduled|considered)\b[^.;]*)",
    re.I,
)


def _coordinated(sent: str, start: int, end: int) -> list[tuple[int, int]]:
    """A clause that commits to several things in a row ("will create X, introduce Y and commission Z"),
    as one span for each; other clauses whole."""
    clause = sent[start:end]
    modal = _ACTION_MODAL.search(clause)
    if modal is None or not re.match(rf"(?:{_LIST_VERBS})\b", modal.group("verb"), re.I):
        return [(start, end)]
    tail = modal.start("verb")
    cuts = list(_LIST_SPLIT.finditer(clause, tail))
    if not cuts:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    pos = 0
    for cut in cuts:
        spans.append((start + pos, start + cut.start()))
        pos = cut.end()
    spans.append((start + pos, end))
    return [(a, b) for a, b in spans if sent[a:b].strip()]


def _action_clauses(sent: str) -> list[tuple[int, int]]:
    """Clauses of a sentence that may each commit to something."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(
        r"\s+and\s+that\s+|;\s+|,\s+and\s+(?=(?:the|a|an|he|she|we|each|all)\b)|\s+and\s+(?=there\s+(?:will|would)\b)"
        # "..., and progress would be reported to ...": a second subject with its own commitment.
        r"|,\s+and\s+(?=(?:[\w’'-]+\s+){1,3}(?:will|would|shall)\b)",
        sent,
    ):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(sent)))
    return [(a, b) for a, b in spans if sent[a:b].strip()]


# A clause whose subject is a plan describes the plan ("the plan will enable ..."), it commits to nothing;
# a plan's template or guidance is another matter, and so are the plans of casework ("care plans
# would be reviewed"), and a plan named before "and" belongs to another clause.
_PLAN_SUBJECT = re.compile(
    r"(?:(?P<mod>[\w’'-]+)\s+)?\bplans?\b(?!\s+(?:template|guidance|audit|format|tool|training)s?\b)"
    r"(?:\s+(?!and\b)[\w’'-]+){0,4}\s*$",
    re.I,
)
_CASEWORK_PLANS = {
    "care", "pathway", "protection", "need", "safety", "support", "placement", "education", "health",
    "transition", "story", "permanence", "contingency", "individual",
    "personal", "family", "child's", "children's", "their", "his", "her", "exit", "discharge", "risk",
}  # fmt: skip
# Verbs of governance: a board that "will oversee the plan" monitors it (MONITORS); it commits to no action.
_GOVERNING_VERBS = {"oversee", "monitor", "scrutinise", "scrutinize", "govern", "meet", "chair", "continue"}
_GOVERNED = {"overseen", "monitored", "scrutinised", "scrutinized", "governed", "chaired"}
# Done by someone outside the council: the Department for Education, its appointees, Ofsted.
_EXTERNAL_AGENT = re.compile(
    r"\bby\s+the\s+(?:Department|DfE|Secretary of State|Government|Minister|Ofsted)\b"
    r"|^\s*(?:the\s+)?(?:Department for Education|DfE|Secretary of State|Ofsted|Government)\b",
    re.I,
)


def _plan_is_subject(before: str) -> bool:
    """Whether the words before a verb end in a plan as its subject ("the action plan will ...")."""
    m = _PLAN_SUBJECT.search(before)
    if m is None:
        return False
    return (m.group("mod") or "").lower().replace("’", "'") not in _CASEWORK_PLANS


def _is_commitment(clause: str) -> bool:
    """A clause that commits the council to something, rather than describing or hoping."""
    lowered = clause.strip().lower()
    if _NON_SUBJECT.match(lowered) or _EXTERNAL_AGENT.search(clause):
        return False
    if _THERE_BE.search(clause):
        return True
    for m in _ACTION_MODAL.finditer(clause):
        before = clause[: m.start()]
        if (
            _RELATIVE_BEFORE.search(before)
            or _plan_is_subject(before)
            or re.search(r"\bnot\b", m.group(0), re.I)
        ):
            continue
        if _NON_SUBJECT.match(before.strip().lower()):
            continue
        verb = m.group("verb").lower()
        verb2 = (m.group("verb2") or "").lower()
        if verb in _NOT_ACTION_VERBS - {"be"} or verb in _GOVERNING_VERBS:
            continue
        if verb == "make" and verb2 == "progress":
            continue
        if verb == "be" and verb2 in _GOVERNED:
            continue
        if verb == "be" and (
            not verb2
            or _BE_NOT_ACTION.match(verb2)
            or not re.match(r"\w+(?:ed|en|done|made|held|set|put|sent|built|drawn|brought)$", verb2)
        ):
            continue
        return True
    for pattern in (_PROGRESSIVE, _PERFECT_PASSIVE, _DUE):
        m2 = pattern.search(clause)
        if not m2:
            continue
        before = clause[: m2.start()]
        # "the way that the service is implementing ...": a description inside another clause.
        if re.search(r"\b(?:who|which|that)\s*$|\bthat\b", before, re.I) or _plan_is_subject(before):
            continue
        return True
    return False


# Columns that make a table one the table mapper reads for facts.
_FACT_COLUMNS = {
    "action",
    "recommendation",
    "strength",
    "weakness",
    "council",
    "judgement",
    "framework",
    "start_date",
    "published_date",
}


def _table_spans(doc: ParsedDocument) -> list[tuple[int, int]]:
    """Spans of the document's tables of facts (header to last cell): read by the table mapper, not here.

    A table whose columns name no action, recommendation or inspection outcome (a list of
    attendees set out in two columns) is read here as lines of text.
    """
    spans: list[tuple[int, int]] = []
    for t in doc.tables:
        roles, areas, _ = map_columns(t.header, t.name)
        if not areas and not (set(roles) & _FACT_COLUMNS):
            continue
        cells = [c for c in t.header if c.end > c.start] + [
            c for row in t.rows for c in row if c.end > c.start
        ]
        if cells:
            start = min(c.start for c in cells)
            end = max(c.end for c in cells)
            line_start = doc.text.rfind("\n", 0, start) + 1
            spans.append((line_start, end))
    return spans


# ---------------------------------------------------------------------------- entry points


def document_context(doc: ParsedDocument, gazetteer: CouncilGazetteer | None = None) -> DocumentContext:
    """The council, date, kind, inspection and main action plan a document is about.

    Used by the table reader so that a plan's rows join the plan its prose names.
    """
    return _Reader(doc, gazetteer or CouncilGazetteer.load()).context()


class CouncilDocumentExtractor:
    """Reads minutes, council reports, news articles and action plans (prose) into a graph.

    Tables are left to `ingest.tables.extract_tables`, which returns the facts of every
    table with the warnings about columns it could not map; the pipeline calls it for any
    document that has tables, so the two readers together cover the whole document.
    """

    name = EXTRACTOR_NAME

    def __init__(self, gazetteer: CouncilGazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> CouncilGazetteer:
        """The council gazetteer (loaded on first use)."""
        if self._gazetteer is None:
            self._gazetteer = CouncilGazetteer.load()
        return self._gazetteer

    def accepts(self, doc: ParsedDocument) -> float:
        """How well the document fits: council documents score high, Ofsted's own reports low."""
        if doc.format in ("csv", "xlsx"):
            return 0.1
        head = doc.text[:3000]
        if re.search(
            r"Ofsted raises standards|Inspection of (?:\w+\s+){1,4}local authority children['’]s services",
            head,
            re.I,
        ) and not _MINUTES_CUE.search(head):
            return 0.2
        if doc.metadata.kind in ("minutes", "report", "news", "action_plan"):
            return 0.9
        if (
            _MINUTES_CUE.search(head)
            or _REPORT_CUE.search(head)
            or re.search(r"\b(?:Cabinet|Committee|Council)\b", head)
        ):
            return 0.8
        return 0.5

    def extract(self, doc: ParsedDocument) -> GraphDoc:
        """The document's facts as a graph; every node and relationship carries its quote."""
        return _Reader(doc, self.gazetteer).run()
