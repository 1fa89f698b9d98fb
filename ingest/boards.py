"""Governance bodies named in council documents: boards, committees, panels, cabinets, partnerships.

`BoardDirectory.build(text)` finds every body one document names and ties its other
names together: "Corporate Parenting Advisory Committee (CPAC)" and a later "CPAC";
"CELS Committee" and "Children, Education, Libraries & Safeguarding Committee" (the
acronym is the name's initials); "Safeguarding Board" and "Local Safeguarding Children
Board"; "the Haringey 54,000 programme" and "the Haringey 54,000 Board". Bare
references ("the Committee", "the Panel") resolve to the meeting's own body, to the
last body of that kind named, or to the one named most.

`find_meeting_heading` reads the body and date of a meeting from the heading lines
councils put on minutes and reports ("Report for: Cabinet 16 December 2014", "Minutes of
the Children's Scrutiny Panel held on 12 March 2019", "Cabinet - Tuesday, 18th December,
2018 6.30 pm").

    >>> d = BoardDirectory.build("The Corporate Parenting Advisory Committee (CPAC) met. CPAC agreed.")
    >>> [(b.name, b.kind, b.acronym, len(b.mentions)) for b in d.boards]
    [('Corporate Parenting Advisory Committee', 'committee', 'CPAC', 2)]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.dates import find_dates

# The head word of a body's name gives its kind (schema BOARD_KINDS).
HEAD_KINDS: dict[str, str] = {
    "board": "board",
    "committee": "committee",
    "sub-committee": "committee",
    "subcommittee": "committee",
    "panel": "panel",
    "partnership": "partnership",
    "cabinet": "cabinet",
    "forum": "board",
    "group": "board",
    "sub-group": "board",
    "subgroup": "board",
    "council": "council",
    "executive": "board",
    "commission": "committee",
}
# Acronyms that mean the same body in every council.
KNOWN_ACRONYMS: dict[str, str] = {
    "LSCB": "Local Safeguarding Children Board",
    "LSCP": "Local Safeguarding Children Partnership",
    "SCP": "Safeguarding Children Partnership",
    "HWB": "Health and Wellbeing Board",
    "HWBB": "Health and Wellbeing Board",
    "OSC": "Overview and Scrutiny Committee",
    "OSMB": "Overview and Scrutiny Management Board",
}
_CONNECTORS = {"and", "&", "of", "for", "to", "on", "the", "in"}
# Words that start a matched phrase without belonging to the body's name.
_LEADING_NOISE = {
    "a", "an", "the", "this", "that", "these", "those", "our", "their", "its", "his", "her", "each", "every",
    "report", "reports", "reported", "reporting", "update", "updates", "minutes", "agenda", "item", "items",
    "introduce", "introduced", "new", "following", "members", "member", "chair", "chairman", "chairs",
    "vice-chair", "cllr", "councillor", "councillors", "to", "by", "from", "at", "in", "on", "of", "for",
    "with", "through", "via", "and", "appendix", "see", "dear", "attend", "attended", "ofsted", "all",
    "refer", "referral", "establish", "established", "set", "whilst", "while", "when", "where", "if", "as",
    "under", "both", "was", "were", "is", "are", "it", "there", "then", "also", "however", "recommendation",
}  # fmt: skip
_TOKEN = r"(?:[A-Z][\w’'\-]*|\d[\d,]*)"
# Names never run across lines: a heading above a paragraph is not part of a body's name.
_SEP = r"(?:[ \t]+|,[ \t]+|[ \t]+(?:and|&|of|for|to|on)[ \t]+)"
_HEAD = r"(?:Board|Committee|Sub-Committee|Subcommittee|Sub-Group|Sub-group|Subgroup|Panel|Partnership|Cabinet|Forum|Group)"
# "Partnership Board", "Forum Committee": a head word may itself be followed by another.
_NAMED = re.compile(
    rf"(?<![\w’'])(?:{_TOKEN}(?:{_SEP}{_TOKEN}){{0,9}}?[ \t]+)?{_HEAD}(?:[ \t]+(?:Board|Committee|Group))?"
    # "Improvement and Scrutiny Committee – People": a committee named for its remit after a dash
    r"(?:[ \t]+[–—][ \t]+(?!(?:Minutes|Agenda|Report|Decision|Notice|Item|Meeting|Draft|Appendix)\b)"
    r"[A-Z][a-z’']+(?:[ \t]+(?:and[ \t]+)?[A-Z][a-z’']+){0,2}(?=[ \t]+[a-z]|[ \t]*[.,;|)]|[ \t]*$))?"
    r"(?:(?=['’]s\b)|(?![\w’'-]))"
    # "Cabinet Member" is a councillor's post, not the cabinet.
    r"(?!\s+(?:Member|Members|Lead|Portfolio)\b)"
)
# Bodies whose head word is also a post's or a regulator's: "Partnership Executive", "SSCP
# Executive", "Overview and Scrutiny Commission"; never "Chief Executive" or "Executive Director".
_NAMED_OTHER = re.compile(
    rf"(?<![\w’'])(?:{_TOKEN}(?:{_SEP}{_TOKEN}){{0,9}}?[ \t]+)(?:Executive|Commission)"
    r"(?![\w’'-])(?!\s+(?:Director|Member|Members|Officer|Officers|Lead|Team|Summary|Board|Committee|Group)\b)"
)
_LOWER_MOD = (
    r"(?:improvement|safeguarding|scrutiny|parenting|advisory|programme|partnership|steering|oversight|"
    r"assurance|transformation|governance|management|strategic|corporate|overview|performance|quality|"
    r"practice|education|health|wellbeing|care|leavers|adoption|fostering|permanence|early|help|youth|justice)"
)
# "Children's improvement board": a capitalised possessive then lower-case words of governance.
_LOWER = re.compile(
    rf"(?<![\w’'])(?:[A-Z][a-z]+['’]s|Corporate|Safeguarding|Improvement|Scrutiny)(?:\s+{_LOWER_MOD}){{1,3}}"
    r"\s+(?:board|committee|panel|partnership)(?![\w’'-])"
)
_FULL_COUNCIL = re.compile(r"(?<![\w’'])Full\s+Council(?![\w’'-])", re.IGNORECASE)
# "reports to the Executive": a council's executive, or the executive body of a partnership named before.
_BARE_EXECUTIVE = re.compile(
    r"(?<=\bthe\s)Executive(?![\w’'-])"
    r"(?!\s+(?:Director|Directors|Member|Members|Officer|Officers|Lead|Team|Summary|Board|Committee|Group|"
    r"Cabinet|Councillor|Mayor|Head|Manager|Assistant|Support)\b)"
)
# The executive of a council with a directly elected mayor: "reports to Mayor and Cabinet".
_MAYOR_AND_CABINET = re.compile(
    r"(?<![\w’'])Mayor\s+(?:and|&)\s+Cabinet(?![\w’'-])(?!\s+(?:Member|Members)\b)"
)
_ACRONYM_AFTER = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z&]{1,9})\)")
_ACRONYM = re.compile(r"(?<![\w’'-])(?P<acr>[A-Z][A-Z&]{1,8})(?:['’]s)?(?![\w’'-])")
_PROGRAMME = r"(?:\s+[a-z]+)?\s+[Pp]rogramme(?![\w’'-])"


def board_kind(name: str) -> str:
    """The kind of a body from its name's head word: board, committee, panel, cabinet, partnership or council."""
    words = re.findall(r"[a-z][a-z\-]*", name.lower())
    for word in reversed(words):
        if word in HEAD_KINDS:
            return HEAD_KINDS[word]
    return "board"


def _title_word(word: str) -> str:
    if word.lower() in _CONNECTORS:
        return word.lower()
    return word[:1].upper() + word[1:] if word[:1].islower() else word


def normalise_board_name(name: str) -> str:
    """The display form of a body's name: one line, straight apostrophes, capitalised words."""
    name = re.sub(r"\s+", " ", name.replace("’", "'")).strip(" ,.;:")
    return " ".join(_title_word(w) for w in name.split(" "))


def board_key(name: str) -> str:
    """A comparison key: lower-case words without connectors and possessives."""
    t = name.lower().replace("’", "'").replace("&", " and ")
    t = re.sub(r"'s\b", "s", t)
    return " ".join(w for w in re.findall(r"[a-z0-9]+", t) if w not in {"the", "of", "for", "and", "to"})


def initials(name: str, *, with_head: bool = True) -> str:
    """The initials of a name's capitalised words ("Corporate Parenting Advisory Committee" -> "CPAC")."""
    words = [w for w in re.split(r"[\s,]+", name.replace("’", "'")) if w and w.lower() not in _CONNECTORS]
    if not with_head and words and words[-1].lower() in HEAD_KINDS:
        words = words[:-1]
    return "".join(w[0].upper() for w in words if w[0].isalpha())


_MONTH_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
# Words of departments, not bodies: "Children's Services and the LSCB" is two things.
_DEPARTMENT_WORDS = {"services", "service", "department", "directorate", "council", "authority", "ofsted"}
# Names that end in a head word without being a body of the council: party groups on the
# council, and partner organisations (the NHS, the police) whose names end in "Group" or "Board".
_NOT_A_BOARD = re.compile(
    r"^(?:(?:Conservative|Labour|Liberal(?: Democrats?)?|Lib Dem|Green|Independents?|Reform(?: UK)?|UKIP|"
    r"Opposition|Majority|Minority|Political)(?: Party)?(?: and \w+)? Group)$"
    r"|\b(?:Clinical Commissioning|Integrated Care|NHS|Foundation Trust|Police|Constabulary|Fire and Rescue)\b",
    re.I,
)


# A line break inside a paragraph of hard-wrapped text: the line before runs long and does not
# end a sentence, and the next line goes on with words, not a list marker.
_WRAP = re.compile(r"(?<=[^\n]{50}[^\n.:;!?])\n(?=[ \t]*(?![-•*o]\s|\d+[.)]|\([a-z0-9]+\))\S)")


_COLUMNS = re.compile(r"\S[ \t]{3,}\S")


def unwrap(text: str, *, indented_only: bool = False) -> str:
    """The text with the line breaks of hard-wrapped paragraphs made spaces, so that a name run
    over two lines ("Its CSE and Missing\nSub-Group") reads as one; offsets are kept. Lines set
    out in columns (words apart by runs of spaces) are left as they are. With `indented_only`,
    only lines that go on indented, as a plain-text paragraph's do, are joined: the lines of a
    table printed to text are not."""

    def join(m: re.Match[str]) -> str:
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        before, after = text[line_start : m.start()], text[m.end() : line_end if line_end >= 0 else len(text)]
        if indented_only and not re.match(r"[ \t]{2,}\S", after):
            return "\n"
        return "\n" if _COLUMNS.search(before) or _COLUMNS.search(after) else " "

    return _WRAP.sub(join, text)


def _strip_leading(text: str, start: int) -> tuple[str, int]:
    """Drop words before the name proper ("Report to the Cabinet" -> "Cabinet", "20 May 2014 X Board" -> "X Board")."""
    # "5.3 The Children, Young People and Families Scrutiny Panel": a paragraph's number first
    numbered = re.match(r"\d{1,3}(?:\.\d{1,3})*\.?[ \t]+(?=[A-Z])", text)
    if numbered:
        text, start = text[numbered.end() :], start + numbered.end()
    # A long phrase before a comma is not part of a listed name ("... in November 2018, Cabinet").
    for comma in reversed(list(re.finditer(r",\s+", text))):
        last_segment = text[: comma.start()].split(",")[-1]
        # "Independent Chair, Children's Improvement Board": a post, then the body it serves
        post = re.search(
            r"\b(?:Chair|Chairman|Chairwoman|Director|Manager|Head|Officer|Member|Leader|Lead|Councillor|Adviser|"
            r"Advisor|Commissioner|Secretary|Coordinator|Co-ordinator)s?$",
            last_segment.strip(),
        )
        if len(last_segment.split()) > 3 or any(ch.isdigit() for ch in last_segment) or post:
            text, start = text[comma.end() :], start + comma.end()
            break
    # "Children's Services and Local Safeguarding Children Board": the department is not the board.
    # "Children's Services Overview and Scrutiny Committee" is one name: only a department word
    # just before the "and" ends a department.
    for conj in reversed(list(re.finditer(r"\s+(?:and|&)\s+", text))):
        words_before = [w.lower().strip("’',") for w in text[: conj.start()].split()]
        # "Children's Services and Education Scrutiny Board" is one scrutiny body's remit.
        remit = re.search(r"\b(?:scrutiny|select|overview)\b", text[conj.end() :], re.I)
        if words_before and words_before[-1] in _DEPARTMENT_WORDS and not remit:
            text, start = text[conj.end() :], start + conj.end()
            break
    while True:
        m = re.match(r"([\w’'\-,]+?)(,?\s+)", text)
        if not m:
            return text, start
        word = m.group(1).rstrip(",")
        rest = text[m.end() :]
        # "the SLSCB's Domestic Abuse Sub-Group": the owner's acronym is not part of the name.
        possessive_acronym = re.fullmatch(r"[A-Z][A-Z&]{1,8}['’]s", word) is not None
        noise = (
            word.lower() in _LEADING_NOISE
            or word.lower() in _MONTH_WORDS
            or word.replace(",", "").isdigit()
            or possessive_acronym
        )
        if noise and rest:
            text, start = rest, start + m.end()
            continue
        return text, start


@dataclass
class Board:
    """One body a document names: canonical name, kind, acronym and every mention's span."""

    name: str
    kind: str
    acronym: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    generic: bool = False

    @property
    def first(self) -> tuple[int, int]:
        """The span of the first mention."""
        return min(self.mentions)


@dataclass(frozen=True)
class BoardMention:
    """A span of text that names a board (directly, by acronym, alias or a bare reference)."""

    start: int
    end: int
    board: Board


@dataclass
class BoardDirectory:
    """The bodies one document names, and where."""

    boards: list[Board] = field(default_factory=list)
    mentions: list[BoardMention] = field(default_factory=list)
    # Bare references ("the Committee"), resolved once the meeting's own body is known.
    bare: list[tuple[int, int, str]] = field(default_factory=list)
    # The word of each bare reference, by its start ("board" of "the Board").
    bare_heads: dict[int, str] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str, skip: list[tuple[int, int]] | None = None) -> BoardDirectory:
        """Find the bodies named in `text`, leaving out the spans in `skip` (tables read elsewhere)."""
        d = cls()
        skip = skip or []
        text = unwrap(text)

        def skipped(start: int) -> bool:
            return any(s <= start < e for s, e in skip)

        named: list[tuple[int, int, str, str | None]] = []
        # the longer names first: "Partnership Executive" before its "Partnership"
        for pattern in (_MAYOR_AND_CABINET, _NAMED_OTHER, _NAMED, _LOWER, _FULL_COUNCIL, _BARE_EXECUTIVE):
            for m in pattern.finditer(text):
                raw, start = _strip_leading(m.group(0), m.start())
                if pattern is _NAMED_OTHER and (
                    re.search(r"\b(?:Chief|Deputy|Interim|Acting)\s+Executive$", raw)
                    or len(raw.split()) < 2
                    # a council's commission scrutinises; the Care Quality Commission regulates
                    or (raw.endswith("Commission") and "Scrutiny" not in raw)
                ):
                    continue
                if skipped(start):
                    continue
                if any(s <= start < e for s, e, _, _ in named):
                    continue
                after = _ACRONYM_AFTER.match(text, m.end())
                named.append((start, m.end(), raw, after.group("acr") if after else None))
        named.sort()
        for start, end, raw, acr in named:
            name = normalise_board_name(raw)
            if _NOT_A_BOARD.search(name):
                continue
            if name == "Executive":
                d.bare.append((start, end, "executive"))
                continue
            if name.lower() in HEAD_KINDS and name != "Cabinet":
                d.bare.append((start, end, HEAD_KINDS[name.lower()]))
                d.bare_heads[start] = name.lower()
                continue
            d._add(name, start, end, acr)
        d._merge_subsets()
        d._link_acronym_names()
        d._find_acronyms(text, skipped)
        d._merge_subsets()
        d._find_programmes(text, skipped)
        d.mentions.sort(key=lambda m: m.start)
        return d

    # ------------------------------------------------------------------ building

    def _find(self, name: str) -> Board | None:
        key = board_key(name)
        for b in self.boards:
            if board_key(b.name) == key or key in {board_key(a) for a in b.aliases}:
                return b
        return None

    def _add(self, name: str, start: int, end: int, acronym: str | None = None) -> Board:
        board = self._find(name)
        if board is None:
            board = Board(name, board_kind(name), acronym)
            self.boards.append(board)
        elif acronym and not board.acronym:
            board.acronym = acronym
        if name != board.name:
            board.aliases.add(name)
        board.mentions.append((start, end))
        self.mentions.append(BoardMention(start, end, board))
        return board

    def _merge_into(self, src: Board, dst: Board) -> None:
        dst.mentions.extend(src.mentions)
        dst.aliases |= src.aliases | {src.name}
        dst.acronym = dst.acronym or src.acronym
        self.mentions = [BoardMention(m.start, m.end, dst) if m.board is src else m for m in self.mentions]
        self.boards.remove(src)

    def _merge_subsets(self) -> None:
        """A shorter name whose words all occur in a longer one of the same kind is the same body."""
        mayoral = [b for b in self.boards if _MAYOR_AND_CABINET.fullmatch(b.name)]
        for short in sorted(self.boards, key=lambda b: len(b.name)):
            words = set(board_key(short.name).split())
            if short.name == "Cabinet" and mayoral:
                # where the executive is "Mayor and Cabinet", "Cabinet" alone is that body
                self._merge_into(short, mayoral[0])
                continue
            if len(words) < 2 or short.kind == "cabinet":
                continue
            longer = [
                b
                for b in self.boards
                if b is not short and b.kind == short.kind and words < set(board_key(b.name).split())
            ]
            if len(longer) == 1:
                self._merge_into(short, longer[0])
            elif longer:
                self._merge_by_nearest(short, longer)

    def _merge_by_nearest(self, short: Board, longer: list[Board]) -> None:
        """ "Executive Group" where both the "RLSCB Executive Group" and the "Health Executive Group"
        are named: each mention is the body of the longer name named last before it."""
        kept: list[tuple[int, int]] = []
        for start, end in sorted(short.mentions):
            before = [(e, b) for b in longer for _, e in b.mentions if e <= start]
            if not before:
                kept.append((start, end))
                continue
            target = max(before, key=lambda pair: pair[0])[1]
            target.mentions.append((start, end))
            self.mentions = [
                BoardMention(m.start, m.end, target) if m.board is short and m.start == start else m
                for m in self.mentions
            ]
        short.mentions = kept
        if not kept:
            self.boards.remove(short)

    def _link_acronym_names(self) -> None:
        """'CELS Committee' is the committee whose other name has the initials C, E, L, S."""
        for b in list(self.boards):
            first = b.name.split(" ")[0]
            if not (first.isupper() and len(first) >= 2) or b not in self.boards:
                continue
            for other in self.boards:
                if other is b:
                    continue
                if (
                    first in (initials(other.name), initials(other.name, with_head=False))
                    or first == other.acronym
                ):
                    other.acronym = other.acronym or first
                    rest = b.name.split(" ", 1)[1] if " " in b.name else ""
                    if len(rest.split()) > 1:
                        # "KSCB Missing and Exploited Sub-Group": a body of the KSCB, named after
                        # its owner's acronym; not the KSCB itself
                        b.aliases.add(b.name)
                        b.name = rest
                        break
                    if rest and rest.lower() != other.name.split()[-1].lower():
                        # "SSCP Executive": the partnership's executive, a body of its own
                        break
                    self._merge_into(b, other)
                    break

    def _find_acronyms(self, text: str, skipped: object) -> None:
        by_acronym: dict[str, Board] = {}
        for b in self.boards:
            for candidate in (b.acronym, initials(b.name)):
                if candidate and len(candidate) >= 3:
                    by_acronym.setdefault(candidate, b)
        taken = [(m.start, m.end) for m in self.mentions]
        for m in _ACRONYM.finditer(text):
            acr = m.group("acr")
            if any(s <= m.start() < e for s, e in taken) or (callable(skipped) and skipped(m.start())):
                continue
            board = by_acronym.get(acr)
            if board is None and acr in KNOWN_ACRONYMS:
                board = self._find(KNOWN_ACRONYMS[acr]) or self._add(
                    KNOWN_ACRONYMS[acr], m.start(), m.end(), acr
                )
                by_acronym[acr] = board
                board.acronym = board.acronym or acr
                continue
            if board is None:
                continue
            board.acronym = board.acronym or acr
            board.mentions.append((m.start(), m.end()))
            self.mentions.append(BoardMention(m.start(), m.end(), board))

    def _find_programmes(self, text: str, skipped: object) -> None:
        """'the Haringey 54,000 programme' names the programme's board when the document has one."""
        for b in list(self.boards):
            words = b.name.split(" ")
            if len(words) < 2 or words[-1].lower() not in ("board", "group"):
                continue
            base = re.escape(" ".join(words[:-1])).replace(r"\ ", r"\s+").replace("'", "['’]")
            for m in re.finditer(rf"(?<![\w’']){base}{_PROGRAMME}", text):
                if callable(skipped) and skipped(m.start()):
                    continue
                b.aliases.add(normalise_board_name(m.group(0)))
                b.mentions.append((m.start(), m.end()))
                self.mentions.append(BoardMention(m.start(), m.end(), b))

    # ------------------------------------------------------------------ lookups

    def resolve_bare(self, body: Board | None) -> None:
        """Give each bare reference ("the Committee") a board: the meeting's own body when of that
        kind, else the last one of that kind named before it, else the one of that kind named
        most, else a body named by the bare word ("Panel")."""
        counts = Counter(m.board.name for m in self.mentions)
        for start, end, kind in self.bare:
            target: Board | None = None
            if kind == "executive":
                target = self._executive(start)
            elif body is not None and body.kind == kind:
                target = body
            if target is None:
                before = [m for m in self.mentions if m.board.kind == kind and m.end <= start]
                # "the Board" is a board named "... Board" before any "... Group" of the same kind
                head = self.bare_heads.get(start, "")
                named_so = [m for m in before if head and m.board.name.lower().endswith(head)]
                # the nearest before it (the bare references resolved so far come last in the list)
                nearest = max(named_so, key=lambda m: m.end, default=None)
                if nearest is None or start - nearest.end >= 1500:
                    nearest = max(before, key=lambda m: m.end, default=None)
                if nearest is not None and start - nearest.end < 1500:
                    target = nearest.board
            if target is None:
                same = [b for b in self.boards if b.kind == kind]
                if same:
                    target = max(same, key=lambda b: (counts[b.name], -b.first[0]))
            if target is None:
                target = Board(kind.capitalize(), kind, generic=True)
                self.boards.append(target)
            target.mentions.append((start, end))
            self.mentions.append(BoardMention(start, end, target))
        self.bare = []
        self.mentions.sort(key=lambda m: m.start)

    def _executive(self, start: int) -> Board:
        """The body "the Executive" names: the last one named before whose name ends so ("SSCP
        Executive"), else the council's executive."""
        before = [m for m in self.mentions if m.end <= start and m.board.name.endswith(" Executive")]
        if before:
            return max(before, key=lambda m: m.end).board
        found = self._find("Executive")
        if found is None:
            found = Board("Executive", "cabinet")
            self.boards.append(found)
        return found

    def in_span(self, start: int, end: int) -> list[BoardMention]:
        """Mentions inside `[start, end)`, in order."""
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def by_name(self, name: str) -> Board | None:
        """The board with this name, alias or acronym."""
        found = self._find(name)
        if found:
            return found
        for b in self.boards:
            if b.acronym and b.acronym == name.strip():
                return b
        return None

    def most_mentioned(self, kinds: tuple[str, ...] | None = None) -> Board | None:
        """The body named most often (of the given kinds)."""
        pool = [b for b in self.boards if kinds is None or b.kind in kinds]
        return max(pool, key=lambda b: (len(b.mentions), -b.first[0])) if pool else None


# ---------------------------------------------------------------------------- meeting headings


@dataclass(frozen=True)
class MeetingHeading:
    """The body and date a heading line gives a meeting, with the line's span."""

    body: str | None
    date: str | None
    start: int
    end: int


_BODY = r"(?P<body>[A-Z][\w’'&,\- ]{1,90}?)"
_HEADINGS = (
    re.compile(
        rf"(?:Draft\s+)?(?:Minutes|Agenda(?:\s+and\s+minutes)?|Notes|Decisions)\s+(?:of|for)\s+(?:the\s+|a\s+)?"
        rf"(?:meeting\s+of\s+(?:the\s+)?)?{_BODY}\s*(?:,|\bheld\b|\bon\b|\bmeeting\b|[-–|]|$)",
        re.IGNORECASE | re.MULTILINE,
    ),
    re.compile(
        rf"Report\s+(?:for|to)\s*:?\s*{_BODY}(?=\s*(?:[-–,]\s*)?(?:\w+day,?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s)"
    ),
    re.compile(
        r"^(?:Meeting|Committee|Body|Decision maker|Meeting of)\s*:\s*(?P<body>[^\n\t]{2,90}?)\s*$",
        re.I | re.M,
    ),
    re.compile(
        rf"^(?:Agenda\s+and\s+minutes\s+[-–|]\s+)?{_BODY}\s+[-–|]\s+(?=(?:\w+day,?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+\w+,?\s+\d{{4}})",
        re.MULTILINE,
    ),
    # A body's name set in capitals on a line of its own, its meeting's date on a line below:
    # "FAMILIES OVERVIEW AND SCRUTINY COMMITTEE" / "MONDAY, 7 MARCH 2011".
    re.compile(
        r"^[ \t]*(?P<body>[A-Z][A-Z’'&,\- ]{2,90}?\b(?:COMMITTEE|BOARD|PANEL|CABINET|FORUM|PARTNERSHIP|COMMISSION|"
        r"GROUP|SUB-GROUP|EXECUTIVE))[ \t]*\n(?:[ \t]*\n){0,2}[ \t]*(?=(?:[A-Z]+DAY,?[ \t]+)?\d{1,2}(?:ST|ND|RD|TH)?[ \t]+[A-Z]+,?[ \t]+\d{4})",
        re.MULTILINE | re.IGNORECASE,
    ),
)
_DATE_FIELD = re.compile(r"^(?:Date(?:\s+of\s+meeting)?|Meeting date)\s*:\s*(?P<rest>[^\n]+)$", re.I | re.M)


# Words a minutes heading puts where a body's name would be ("Minutes of the previous meeting").
_NOT_A_BODY = {"previous", "last", "next", "this", "that", "item", "items", "meeting", "meetings", "special"}


def _clean_body(body: str) -> str | None:
    body = re.sub(r"\s+", " ", body).strip(" ,-–|:")
    # "Agenda item - Cabinet": the body is the last part of a title built from parts.
    body = re.split(r"\s+[-–|]\s+", body)[-1]
    # "REPORT TO THE EXECUTIVE": the body the report goes to
    body = re.sub(r"^(?:report|reports|paper|submission)\s+(?:to|for)\s+", "", body, flags=re.I)
    body = re.sub(r"^(?:the|a)\s+", "", body, flags=re.I)
    # "Children and Families Scrutiny Committee (Item 7)": the item is not part of the name.
    body = re.sub(r"\s*\((?:item|agenda item|minute)[^)]*\)\s*$", "", body, flags=re.I)
    if not body or len(body.split()) > 10 or body.split()[0].lower() in _NOT_A_BODY:
        return None
    if body.isupper() and (len(body.split()) > 1 or len(body) > 6):
        # a heading in capitals: "FAMILIES OVERVIEW AND SCRUTINY COMMITTEE"
        body = " ".join(
            w if w in ("&",) else w.lower() if w.lower() in _CONNECTORS else w.capitalize()
            for w in body.lower().split()
        )
    return normalise_board_name(body)


def find_meeting_heading(text: str, limit: int = 2500) -> MeetingHeading | None:
    """The meeting a document's heading lines name: its body and ISO date (either may be None).

    The first heading line that names a body wins; a line that gives only a date is kept
    as a fallback.
    """
    head = text[:limit]
    fallback: MeetingHeading | None = None
    for pattern in _HEADINGS:
        for m in pattern.finditer(head):
            body = _clean_body(m.group("body"))
            line_end = head.find("\n", m.end())
            line_end = len(head) if line_end < 0 else line_end
            dates = [d for d in find_dates(head[m.start() : line_end]) if d.precise]
            date = dates[0].iso if dates else None
            if date is None:
                field_match = _DATE_FIELD.search(head)
                if field_match:
                    field_dates = [d for d in find_dates(field_match.group("rest")) if d.precise]
                    date = field_dates[0].iso if field_dates else None
            if body:
                # "Minutes of ... the Children, Young People and Families Panel held on ...": the heading
                # pattern stops at the first comma; a body's full name there runs on.
                fuller = [
                    normalise_board_name(_strip_leading(n.group(0), n.start())[0])
                    for n in _NAMED.finditer(head, m.start("body"), line_end)
                ]
                body = next((f for f in fuller if f.startswith(body) and len(f) > len(body)), body)
                return MeetingHeading(body, date, m.start(), line_end)
            if date and fallback is None:
                # "Children's Services Improvement Board" over "Minutes of the meeting held on ...":
                # the body named alone on the line above
                above = head[: head.rfind("\n", 0, m.start()) + 1].rstrip().rsplit("\n", 1)[-1].strip()
                named = _NAMED.fullmatch(above) if len(above.split()) <= 10 else None
                fallback = MeetingHeading(
                    normalise_board_name(above) if named else None, date, m.start(), line_end
                )
    return fallback
