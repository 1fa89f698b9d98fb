"""People named in council documents: officers by their posts, councillors by title or portfolio.

Officers are found by their posts ("Director of Children's Services", "Strategic Director,
Children and Young People", "Head of Projects and Executive Support", "Chief Executive");
councillors by "Cllr"/"Councillor" before a name, or by a councillor's post ("Cabinet
Member for Children", "Lead Member for ...", "Chair of the ... Committee"). A name next to
a post ("Jon Abbey Interim Director, Children's Services", "Beverley Hendricks, Assistant
Director for ...", "Cllr Ann Waters - cabinet member for children") makes one person.

`role_key` folds the ways one post is written ("Director for Children's Services",
"Director of Children's Services", "Interim Director, Children's Services") into one key,
so a post named without a holder is one node per council, and a post held by a named
person is that person.

    >>> [(p.name, p.role, p.kind) for p in find_people("Cllr Ann Waters - cabinet member for children - said")]
    [('Ann Waters', 'Cabinet Member for Children', 'councillor')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.boards import unwrap

# Lower-case words that may continue a post's portfolio ("Director for Children's services").
_VOCAB = (
    r"(?:children['’]?s?|young|people|services?|social|care|education|families|family|safeguarding|early|help|"
    r"protection|learning|skills|health|wellbeing|adults?|corporate|parenting|schools|commissioning|quality|"
    r"assurance|performance|resources|governance|improvement|practice|partnerships?|youth|inclusion|support|"
    r"housing|communities|culture|transformation|strategy|send|operations|leavers|placements)"
)
_CAP = r"(?:[A-Z][\w’'\-]*)"
_TAIL_WORD = rf"(?:{_CAP}|{_VOCAB}(?![\w’'-]))"
# "Children in Care" is a service's name; other words after "in" (a place) are not part of a post.
_TAIL = (
    rf"{_TAIL_WORD}(?:(?:[ \t]+|[ \t]+(?:and|&|of|for)[ \t]+|,[ \t]+|['’]s[ \t]+|[ \t]+in[ \t]+(?=[Cc]are\b))"
    rf"{_TAIL_WORD}){{0,7}}"
)
_OFFICER_PREFIX = (
    r"(?:(?:Interim|Acting|Deputy|Executive|Corporate|Strategic|Operational|Assistant|Divisional|Group|Managing|"
    r"Service|Senior|Principal|Programme|Joint)[ \t]+)*"
)
# Posts named by what the holder does ("Democratic Services Officer", "Virtual School Headteacher",
# "Improvement Programme Manager"): one to four capitalised words of council work before the head
# word. A place after a comma ("Manager, Gun Wharf") is not part of the post; a service is.
_POST_WORDS = (
    r"(?:Democratic|Scrutiny|Participation|Programme|Project|Improvement|Policy|Virtual|School|Team|Business|"
    r"Finance|Financial|Legal|Communications|Press|Media|Data|Performance|Quality|Assurance|Designated|"
    r"Independent|Reviewing|Principal|Senior|Social|Family|Families|Support|Youth|Personal|Leaving|Care|"
    r"Fostering|Adoption|Commissioning|Safeguarding|Child|Children['’]s|Protection|Engagement|Education|"
    r"Health|Service|Services|Strategic|Transformation|Workforce|Development|Partnerships?|Practice|Early|"
    r"Help|Governance|Committee|Research|Intelligence|Complaints|Customer|Operations|Operational|Locality|"
    r"Area|Group|Lead|Deputy|Assistant|Interim|Acting|Corporate|Head|Placements?|Sufficiency|Contracts?|"
    r"Learning|Training|Skills|Inclusion|SEND|Disabilities|Court|Permanence|Housing|Resources|Unit|Review|"
    r"Conference|Missing|Exploitation|Hub|Front|Door|Duty|Assessment|Intervention|Looked|After|Adolescent|"
    r"Adolescents|Integrated|Emergency|Quality|Audit|Systems|"
    # a service known by its acronym: "MASH Team Manager", "IRO Service Manager"
    r"[A-Z]{2,6})"
)
_POST_HEAD = (
    r"(?:Officer|Manager|Adviser|Advisor|Headteacher|Head Teacher|Co-ordinator|Coordinator|Nurse|Practitioner|"
    r"Lead(?![ \t]+(?:Member|Officer|Cabinet)\b))"
)
_GENERIC_POST = re.compile(
    rf"(?<![\w’'])(?P<role>{_POST_WORDS}(?:(?:[ \t]+and)?[ \t]+{_POST_WORDS}){{0,3}}[ \t]+{_POST_HEAD}"
    rf"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{_TAIL}|,[ \t]+(?=(?i:{_VOCAB})(?![\w’'-])){_TAIL})?)(?![\w’'-])"
)
_OFFICER = re.compile(
    rf"(?<![\w’'])(?P<role>{_OFFICER_PREFIX}(?:"
    rf"(?:Director|Manager|Chief Officer|Commissioner)"
    rf"(?:(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?|,[ \t]+(?={_VOCAB}|[A-Z])|[ \t]+(?=[A-Z])){_TAIL})?"
    rf"|Head[ \t]+of[ \t]+(?:the[ \t]+)?{_TAIL}"
    r"|Chief Executive|Chief Finance Officer|Section 151 Officer|Monitoring Officer|Lead Officer"
    r"|Principal Social Worker|Borough Solicitor))(?![\w’'-])"
)
_COUNCILLOR = re.compile(
    rf"(?<![\w’'])(?P<role>(?:(?i:deputy[ \t]+)?(?i:cabinet[ \t]+member|lead[ \t]+member|executive[ \t]+member|"
    rf"portfolio[ \t]+holder))(?:[ \t]+(?i:for)[ \t]+{_TAIL})?"
    r"|Leader of the Council|Deputy Leader(?: of the Council)?|(?:Independent[ \t]+|Vice[- ])?Chair(?:man|person|woman)?"
    # "Chair of the Stockport Local Safeguarding Children Board": the post names the body.
    rf"(?:[ \t]+of[ \t]+the[ \t]+{_CAP}(?:(?:[ \t]+|[ \t]+(?:and|&|of|for)[ \t]+|['’]s[ \t]+){_CAP}){{0,7}})?"
    r"|(?:Deputy\s+)?Mayor)(?![\w’'-])"
)
# A title starts the next person's name, never continues this one's ("Councillor A B Councillor C D").
_NAME_WORD = r"(?:(?!(?:Councillors?|Cllrs?|Mrs?|Ms|Miss|Dr)(?![\w’'-]))(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*)"
# A name never runs across lines: the word after a line break starts something else.
_FULL_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:[A-Z]\.[ \t]*)?{_NAME_WORD}){{0,2}}"
_TITLE = r"(?:Cllrs?\.?|Councillors?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Professor|Sir|Dame)"
# Initials and a surname, as some councils write their members: "Mr R C Lunn", "Cllr A M Pennock".
_INITIALED = rf"(?:[A-Z]\.?[ \t]+){{1,3}}{_NAME_WORD}(?![ \t]+{_NAME_WORD})"
_TITLED_NAME = rf"(?:{_INITIALED}|{_FULL_NAME})"
_TITLED = re.compile(
    rf"(?<![\w’'])(?P<title>Cllrs?\.?|Councillors?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Professor|Sir|Dame|"
    # an elected mayor is named by the office: "Mayor Kwame Osei-Bonsu"
    r"(?:Deputy[ \t]+|Elected[ \t]+)?Mayor)[ \t]+"
    rf"(?P<names>{_TITLED_NAME}(?:(?:,[ \t]*|[ \t]+and[ \t]+)(?:{_TITLE}[ \t]+)?{_TITLED_NAME})*)"
)
_COUNCILLOR_TITLES = ("cllr", "cllrs", "councillor", "councillors")
# Capitalised words that are never part of a person's name.
_NOT_NAME = {
    "the", "a", "an", "report", "lead", "officer", "authorised", "director", "head", "chief", "executive",
    "cabinet", "member", "members", "council", "councillor", "cllr", "children", "children's", "services",
    "service", "board", "committee", "panel", "ofsted", "interim", "acting", "deputy", "assistant",
    "strategic", "operational", "corporate", "title", "ward", "wards", "item", "agenda", "minutes",
    "resolved", "agreed", "present", "apologies", "chair", "chairman", "mayor", "leader", "local", "borough",
    "london", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "in", "of",
    "and", "for", "to", "by", "on", "at", "with", "contact", "email", "tel", "telephone", "appendix", "page",
    "social", "care", "early", "help", "education", "families", "young", "people", "safeguarding", "all",
    "portfolio", "holder", "manager", "this", "that", "these", "following", "also", "however", "it", "there",
    "vice", "chairwoman", "chairperson",
    # the words of teams and services ("Head of Service, Integrated Front Door")
    "integrated", "front", "door", "looked", "after", "team", "unit", "hub", "adolescent", "adolescents",
    "assessment", "intervention", "quality", "assurance", "workforce", "development", "disabilities", "health",
    "justice", "fostering", "adoption", "leavers", "placements", "residential", "performance", "practice",
    "improvement", "partnership", "commissioning", "exploitation", "missing", "protection", "child", "family",
    "support", "inclusion", "police", "nhs", "county", "city", "metropolitan", "district",
}  # fmt: skip
# Trailing words that end a post's portfolio in headings ("Head of Procurement Comments").
_TRAILING_NOISE = {
    "comments",
    "comment",
    "report",
    "introduction",
    "update",
    "summary",
    "implications",
    "and",
    "of",
    "for",
    # an attendance table's last column: "Head of Quality Assurance Present"
    "present",
    "apologies",
    "attended",
    "absent",
}
_ROLE_STOP = {"of", "for", "the", "and", "interim", "acting", "s"}
_PRESENT = re.compile(
    r"^[ \t]*(?P<label>(?:Councillors?|Members?|Cllrs)\s+present|Present|Attendees|In attendance|"
    r"(?:Councillors|Cllrs)(?=\s*:))\s*:?\s*"
    # the list, and its lines run on under it, indented ("Councillors: A, B,\n             C")
    r"(?P<list>[^\n|]+(?:\n[ \t]{6,}[^\n|]+)*)",
    re.IGNORECASE | re.MULTILINE,
)


_APPOSITION = re.compile(
    rf"(?<![\w’'])(?P<n>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}}),[ \t]+(?:the[ \t]+)?"
    r"(?:(?:council|authority|county|borough|city)['’]s[ \t]+|its[ \t]+)?"
    r"(?P<role>(?i:(?:interim|acting|deputy|assistant|executive|corporate|strategic|operational)[ \t]+)*"
    r"(?i:director|head|chief executive|service manager)"
    r"(?:[ \t]+(?i:of|for)[ \t]+[^,.;:()\n\"“”]{3,90}?)?)"
    r"(?=[ \t]*[,.;)]|[ \t]+(?:said|says|told|added|explained)\b)"
)


@dataclass(frozen=True)
class PersonMention:
    """A person named in text: name (None for a post alone), role, kind and flags for chairs and members."""

    start: int
    end: int
    name: str | None
    role: str | None
    kind: str
    title: str | None = None
    chairs: bool = False
    member: bool = False


def _titlecase_role(role: str) -> str:
    words = role.split(" ")
    out = []
    for i, w in enumerate(words):
        if i and w.lower() in ("of", "for", "and", "the", "in"):
            out.append(w.lower())
        elif w[:1].islower():
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return " ".join(out)


def normalise_role(role: str) -> str:
    """The display form of a post: one line, straight apostrophes, capitalised words."""
    role = re.sub(r"\s+", " ", role.replace("’", "'")).strip(" ,.;:-")
    words = role.split(" ")
    while words and words[-1].lower().strip(",") in _TRAILING_NOISE:
        words.pop()
    return _titlecase_role(" ".join(words).rstrip(","))


def role_key(role: str) -> str:
    """A key that is the same for the ways one post is written."""
    t = role.lower().replace("’", "'").replace("&", " and ")
    t = re.sub(r"'s?\b", "", t)
    return " ".join(w for w in re.findall(r"[a-z0-9]+", t) if w not in _ROLE_STOP)


def is_councillor_role(role: str | None) -> bool:
    """True for an elected member's post (cabinet member, lead member, chair, leader, mayor)."""
    return bool(role and _COUNCILLOR.fullmatch(role.strip()))


def _valid_name(name: str) -> bool:
    # "Vice-Chairman" is a post: every part of a hyphenated word is checked.
    words = [part for w in name.replace("’", "'").split() for part in w.split("-")]
    # "Bradford Council's portfolio holder": a possessive names an organisation, not a person.
    if not words or words[-1].endswith("'s"):
        return False
    # Initials before a surname ("J A Potter") are letters, not words: only the rest is checked.
    while len(words) > 1 and re.fullmatch(r"[A-Z]\.?", words[0]):
        words = words[1:]
    return all(w.lower().strip(".") not in _NOT_NAME for w in words)


def _trim_role(text: str, start: int) -> tuple[str, int]:
    """Drop the trailing noise words from a matched post; returns the post and its end."""
    role = text.rstrip(" ,")
    words = role.split(" ")
    while len(words) > 1 and words[-1].lower().strip(",") in _TRAILING_NOISE:
        words.pop()
    role = " ".join(words).rstrip(",")
    return role, start + len(role)


def _cut_name_from_tail(role: str) -> tuple[str, str | None]:
    """'Head of Service, Jane Smith' -> ('Head of Service', 'Jane Smith'); the same without the comma
    after a service's name ("Director of Children's Services Paul Denning")."""
    vocab = re.compile(rf"^{_VOCAB}$", re.IGNORECASE)
    parts = role.split(", ")
    for i in range(1, len(parts)):
        # "Cabinet Member for Children and Families, Councillor Jo Bloggs".
        seg = re.sub(r"^(?:Cllr\.?|Councillor|Mr|Mrs|Ms|Dr)\s+", "", parts[i])
        words = seg.split()
        if 2 <= len(words) <= 3 and _valid_name(seg) and not any(vocab.match(w) for w in words):
            return ", ".join(parts[:i]), seg
    words = role.split(" ")
    for size in (3, 2):
        if len(words) < size + 3:
            continue
        name, before = words[-size:], words[-size - 1]
        if (
            all(re.fullmatch(_NAME_WORD, w) for w in name)
            and _valid_name(" ".join(name))
            and not any(vocab.match(w) for w in name)
            and vocab.match(before.rstrip(","))
        ):
            return " ".join(words[:-size]).rstrip(","), " ".join(name)
    return role, None


_ABSTRACT_POST = re.compile(
    r"\b(?:role|roles|post|posts|vacancy|vacancies)\s+of\s+(?:the\s+|an?\s+)?$"
    r"|\b(?:recruit|recruited|recruiting|appoint|appointed|appointing|appointment of)\s+(?:an?\s+|the\s+)?(?:new\s+|permanent\s+)?$",
    re.I,
)


def _role_mentions(text: str) -> list[tuple[int, int, str, str, str | None]]:
    """(start, end, role, kind, name cut from the tail) for each post named, without overlaps.

    Where two readings of a post overlap, the one that starts first wins, then the longer.
    """
    candidates: list[tuple[int, int, str, str, str | None]] = []
    for pattern, kind in ((_COUNCILLOR, "councillor"), (_GENERIC_POST, "officer"), (_OFFICER, "officer")):
        for m in pattern.finditer(text):
            raw, end = _trim_role(m.group("role"), m.start())
            raw, cut_name = _cut_name_from_tail(raw)
            if cut_name is None:
                end = m.start() + len(raw)
            # A field label ("Lead Officer:") names a post to fill, not a person.
            if text[end : end + 2].lstrip().startswith(":"):
                continue
            # "the role of Independent Reviewing Officer", "appoint a new Head of Service": a post, nobody in it.
            if _ABSTRACT_POST.search(text[max(0, m.start() - 40) : m.start()]):
                continue
            # "Chair" alone is a person only with a name or a board after it.
            if (
                kind == "councillor"
                and re.match(r"(?:independent\s+)?(?:chair|vice)", raw, re.I)
                and " of " not in raw
                and not re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[end : end + 12])
            ):
                continue
            # An independent chair is appointed, not elected.
            role_kind = "officer" if raw.lower().startswith("independent") else kind
            # Bare "Cabinet Member"/"Lead Member": a back-reference, resolved by the caller.
            candidates.append((m.start(), end, normalise_role(raw), role_kind, cut_name))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[tuple[int, int, str, str, str | None]] = []
    for c in candidates:
        if any(s < c[1] and c[0] < e for s, e, *_ in out):
            continue
        out.append(c)
    return out


def find_people(text: str) -> list[PersonMention]:
    """People named in `text`: each post, each titled name, names joined to the posts beside them."""
    # "the Chief Executive, Marianne\n        Ebbsworth": hard-wrapped lines read as one (offsets kept)
    text = unwrap(text, indented_only=True)
    roles = _role_mentions(text)
    mentions: list[PersonMention] = []
    used_names: list[tuple[int, int]] = []

    def add(p: PersonMention) -> None:
        mentions.append(p)

    for start, end, role, kind, cut_name in roles:
        name: str | None = cut_name
        p_start, p_end = start, end
        if name:
            p_end = text.find(name, end) + len(name) if text.find(name, end) >= 0 else end
        # A name just before the post: "Jon Abbey Interim Director", "Beverley Hendricks, Assistant Director".
        # A surname alone counts after a councillor's title ("Councillor Ormerod, Cabinet Member for ...").
        before = re.search(
            # "D Kirkup, Strategic Director": an initial and a surname, as attendance lists give officers.
            rf"(?P<t>(?:Cllr\.?|Councillor)[ \t]+)?(?P<n>(?<![\w’'])(?:[A-Z]\.?[ \t]+){{1,2}}{_NAME_WORD}|{_FULL_NAME})"
            # "Neil Hargreaves (NH) Assistant Director": the initials minutes refer to them by
            r"(?:[ \t]+\([A-Z]{2,4}\))?"
            r"(?:[ \t]*,[ \t]*|[ \t]+[-–][ \t]+|[ \t]+\([ \t]*|[ \t]+as[ \t]+(?:the[ \t]+)?|[ \t]+"
            # a row of an attendance table: "Name: Ngozi Ellery | Role: Director of Children's Social Care"
            r"|(?:[ \t]+\((?:Chair|Vice[- ]Chair)\))?[ \t]*\|[ \t]*(?:Role|Post|Position|Job title|Title|Designation)[ \t]*:[ \t]*)"
            # "Sue Duffy, Bradford Council's portfolio holder for ...": the employer between name and post.
            r"(?:(?:the[ \t]+)?(?:[A-Z][\w-]*[ \t]+){0,3}[\w-]+['’]s[ \t]+)?$",
            text[max(0, start - 60) : start],
        )
        if (
            name is None
            and before
            and _valid_name(before.group("n"))
            and (len(before.group("n").split()) >= 2 or before.group("t"))
        ):
            name = before.group("n")
            p_start = start - (len(text[max(0, start - 60) : start]) - before.start("n"))
        # A name just after it: "Director of Children's Services, Jane Smith," or "(Jane Smith)".
        after = re.match(
            rf"(?:[ \t]*,[ \t]*|[ \t]+[-–][ \t]+|[ \t]*\([ \t]*)(?:(?P<t>(?:Cllr\.?|Councillor)[ \t]+)|(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+)?"
            # "Conference and Review Manager (Mr T Ridley)": initials and a surname after a title
            rf"(?P<n>(?<=[ (])(?:[A-Z]\.?[ \t]+){{1,2}}{_NAME_WORD}|{_FULL_NAME})"
            r"(?=[ \t]*[,.)]|[ \t]+(?:said|says|stated|explained|added)\b)",
            text[end : end + 60],
        )
        titled_after = False
        if name is None and after and _valid_name(after.group("n")) and len(after.group("n").split()) >= 2:
            name = after.group("n")
            p_end = end + after.end("n")
            titled_after = bool(after.group("t"))
        titled = None
        if name:
            titled = re.search(r"(Cllrs?\.?|Councillors?)\s+$", text[max(0, p_start - 14) : p_start])
            if titled or titled_after:
                kind = "councillor"
            used_names.append((p_start, p_end))
        add(PersonMention(p_start, p_end, name, role, kind, "Cllr" if titled or titled_after else None))

    # News writes posts in lower case after the name: "Tom Ashworth, the council's director of ...".
    for m in _APPOSITION.finditer(text):
        s, e = m.start("n"), m.end("role")
        if any(p.start < e and s < p.end for p in mentions) or not _valid_name(m.group("n")):
            continue
        role = normalise_role(re.sub(r"\s+", " ", m.group("role")))
        used_names.append((s, m.end("n")))
        add(PersonMention(s, e, m.group("n"), role, "officer"))

    for m in _TITLED.finditer(text):
        title = m.group("title").rstrip(".")
        mayor = title.lower().endswith("mayor")
        councillor = title.lower() in _COUNCILLOR_TITLES or mayor
        for nm in re.finditer(rf"(?:{_TITLE}\s+)?(?P<n>{_TITLED_NAME})", m.group("names")):
            name = nm.group("n")
            if not _valid_name(name):
                continue
            s, e = m.start("names") + nm.start("n"), m.start("names") + nm.end("n")
            if any(us <= s < ue for us, ue in used_names):
                continue
            trailing = text[e : e + 14]
            chairs = bool(re.match(r"\s*\((?:Chair|Chairman|Chairperson|Chairwoman)\)", trailing))
            add(
                PersonMention(
                    m.start() if nm.start() == 0 else s,
                    e,
                    name,
                    title if mayor else "Councillor" if councillor else None,
                    "councillor" if councillor else "unknown",
                    title,
                    chairs=chairs,
                )
            )

    for m in _PRESENT.finditer(text):
        label = m.group("label").lower()
        list_councillors = "councillor" in label or "cllr" in label or "member" in label
        list_councillors = list_councillors or bool(
            re.match(r"\s*(?:Councillors?|Cllrs?)\b", m.group("list"))
        )
        offset = m.start("list")
        for nm in re.finditer(
            rf"(?:(?P<t>Cllrs?\.?|Councillors?)\s+|(?P<h>Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?)\s+)?(?P<n>{_TITLED_NAME})"
            r"(?P<c>\s*\((?:Chair|Chairman|Chairwoman|Vice[- ]Chair(?:man)?|Leader|Deputy Leader)\))?",
            m.group("list"),
        ):
            name = nm.group("n")
            if not _valid_name(name):
                continue
            s, e = offset + nm.start("n"), offset + nm.end("n")
            # "Present: Mr R C Lunn (Chairman), Mrs J A Potter, ...": names given with no post
            # beside them are the members the meeting is of.
            bare_member = bool(nm.group("h")) and re.match(r"\s*(?:,|\band\b|$)", m.group("list")[nm.end() :])
            councillor = list_councillors or bool(nm.group("t")) or bool(bare_member)
            if not councillor:
                continue
            existing = [i for i, p in enumerate(mentions) if p.start <= s < p.end]
            chairs = bool(nm.group("c")) and nm.group("c").strip(" ()").lower() in (
                "chair",
                "chairman",
                "chairwoman",
            )
            for i in existing:
                p = mentions[i]
                mentions[i] = replace(
                    p,
                    member=True,
                    chairs=p.chairs or chairs,
                    kind="councillor" if p.kind == "unknown" else p.kind,
                    role=p.role or ("Councillor" if p.kind == "unknown" else None),
                )
            if not existing:
                add(PersonMention(s, e, name, "Councillor", "councillor", "Cllr", chairs=chairs, member=True))

    mentions.sort(key=lambda p: (p.start, p.end))
    mentions = [
        replace(
            p,
            name=" ".join(p.name.split()) if p.name else p.name,
            role=" ".join(p.role.split()) if p.role else p.role,
        )
        for p in mentions
    ]
    # A post named alone that the Department for Education fills (its commissioner, its
    # improvement adviser) is not the council's: the council neither employs nor elects them.
    return [p for p in mentions if p.name or not _APPOINTED_POST.fullmatch(p.role or "")]


_APPOINTED_POST = re.compile(
    r"(?:(?:DfE|Government|Children['’]s(?:\s+Services)?|Education)\s+)?Commissioner|(?:DfE\s+)?Improvement\s+Advis[eo]r",
    re.I,
)


def parse_person_cell(value: str) -> tuple[str | None, str | None, str] | None:
    """A lead named in a table cell: (name, role, kind); None when the cell names nobody.

    "Jane Smith, Head of Early Help" gives both; "Head of Early Help" only the post;
    "Cllr Jane Smith" a councillor; "Jane Smith" a name of unknown kind.
    """
    value = re.sub(r"\s+", " ", value).strip(" ,;")
    if not value:
        return None
    found = [p for p in find_people(value) if p.name or p.role]
    if found:
        p = found[0]
        kind = (
            p.kind
            if p.kind in ("officer", "councillor")
            else ("councillor" if is_councillor_role(p.role) else "officer")
        )
        return p.name, p.role, kind
    if re.fullmatch(_FULL_NAME, value) and _valid_name(value) and len(value.split()) >= 2:
        return value, None, "officer"
    return None
