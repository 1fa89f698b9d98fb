"""The council gazetteer: every English council with children's services duties.

`data/councils.json` lists each council's short name (the form analysts use), ONS/GSS
code, region and the other names it goes by. `CouncilGazetteer.find_all` finds council
names in text, with their spans, whatever form they take: "London Borough of
Haringey", "Haringey Council" and "Haringey" all resolve to the council E09000014.

    >>> gaz = CouncilGazetteer.load()
    >>> gaz.resolve("London Borough of Haringey").code
    'E09000014'
    >>> [m.council.name for m in gaz.find_all("Barnet Council and Barking & Dagenham")]
    ['Barnet', 'Barking and Dagenham']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from schema.graphdoc import make_uid
from schema.vocabulary import Label

# Forms in which a council's short name is embedded; {n} is the name.
_PREFIXES = (
    "London Borough of",
    "Royal Borough of",
    "Metropolitan Borough of",
    "Borough of",
    "City of",
    "County of",
)
_SUFFIXES = (
    "Metropolitan Borough Council",
    "Metropolitan District Council",
    "County Borough Council",
    "Borough Council",
    "County Council",
    "City Council",
    "District Council",
    "Council",
)
# Short names that are also common English words: only matched with a council word
# around them ("Reading Borough Council") or at the start of a title line.
_AMBIGUOUS = {
    "Reading",
    "Bury",
    "Hull",
    "Stoke",
    "Kingston",
    "Richmond",
    "Blackburn",
    "Newcastle",
    "Stockton",
    "Poole",
}


@dataclass(frozen=True)
class Council:
    """One council of the gazetteer."""

    code: str
    name: str
    region: str
    ofsted_urn: str
    la_code: str
    type: str
    aliases: tuple[str, ...]
    statistical_neighbours: tuple[str, ...]
    former: bool

    @property
    def uid(self) -> str:
        """The Council node's uid."""
        return make_uid(Label.COUNCIL, self.code)

    def properties(self) -> dict[str, str | list[str] | None]:
        """Properties of the Council node."""
        return {
            "name": self.name,
            "code": self.code,
            "region": self.region or None,
            "ofsted_urn": self.ofsted_urn or None,
            "la_code": self.la_code or None,
        }


@dataclass(frozen=True)
class CouncilMention:
    """A council named in text: which council, where, and whether a council word came with it."""

    council: Council
    start: int
    end: int
    text: str
    qualified: bool


def _pattern_for(name: str) -> str:
    """A regex for a name that tolerates line breaks, '&' for 'and' and '.' after 'St'."""
    words = re.split(r"\s+", name.strip())
    parts = []
    for w in words:
        if w.lower() == "and" or w == "&":
            parts.append(r"(?:and|&)")
        elif w.rstrip(".") == "St":
            parts.append(r"St\.?")
        else:
            parts.append(re.escape(w).replace(r"\-", r"[-\s]"))
    return r"\s+".join(parts)


class CouncilGazetteer:
    """Finds and resolves council names."""

    def __init__(self, councils: list[Council]) -> None:
        self.councils = councils
        self.by_code = {c.code: c for c in councils}
        self._by_name: dict[str, Council] = {}
        names: list[tuple[str, Council]] = []
        for c in councils:
            for n in (c.name, *c.aliases):
                key = _norm(n)
                # A current council wins a name over a former one.
                if key not in self._by_name or self._by_name[key].former:
                    self._by_name[key] = c
                names.append((n, c))
        names.sort(key=lambda nc: -len(nc[0]))
        self._names = names
        alternatives = "|".join(f"(?:{_pattern_for(n)})" for n, _ in names)
        prefix = "|".join(_pattern_for(p) for p in _PREFIXES)
        suffix = "|".join(_pattern_for(s) for s in _SUFFIXES)
        self._regex = re.compile(
            rf"(?<![\w-])(?P<prefix>(?:The\s+)?(?:{prefix})\s+)?(?P<name>{alternatives})"
            rf"(?P<suffix>\s+(?:{suffix})(?!\w))?(?![\w-])"
        )
        # Headings and letterheads in capitals ("MIDDLESBROUGH COUNCIL"): the same names, read
        # in any case but kept only where written in capitals as a council's name.
        self._capitals = re.compile(self._regex.pattern, re.IGNORECASE)

    @classmethod
    def load(cls) -> CouncilGazetteer:
        """The gazetteer shipped with the project (cached)."""
        return _default_gazetteer()

    def resolve(self, text: str) -> Council | None:
        """The council a name refers to, in any of its forms; None when it names none."""
        key = _norm(text)
        if key in self._by_name:
            return self._by_name[key]
        stripped = _strip_council_words(key)
        if stripped in self._by_name:
            return self._by_name[stripped]
        if key.upper() in self.by_code:
            return self.by_code[key.upper()]
        m = self._regex.search(text)
        return self._by_name.get(_norm(m.group("name"))) if m else None

    def find_all(self, text: str) -> list[CouncilMention]:
        """Every council named in `text`, in order, with spans."""
        out: list[CouncilMention] = []
        matches = list(self._regex.finditer(text))
        taken = {m.start() for m in matches}
        matches += [
            m
            for m in self._capitals.finditer(text)
            if m.start() not in taken
            and m.group("name").isupper()
            # a word in capitals may be any word ("FURTHER READING"): only "X COUNCIL" and the like
            and (m.group("prefix") or m.group("suffix"))
        ]
        matches.sort(key=lambda m: m.start())
        for m in matches:
            name = m.group("name")
            council = self._by_name.get(_norm(name))
            if council is None:
                continue
            qualified = bool(m.group("prefix") or m.group("suffix"))
            if name in _AMBIGUOUS and not qualified:
                continue
            out.append(CouncilMention(council, m.start(), m.end(), m.group(0), qualified))
        return out

    def neighbours(self, council: Council) -> list[Council]:
        """The council's statistical neighbours that the gazetteer knows."""
        return [self.by_code[c] for c in council.statistical_neighbours if c in self.by_code]


def _norm(text: str) -> str:
    t = text.replace("&", " and ").replace("St.", "St").replace("\u2019", "'")
    return " ".join(re.findall(r"[a-z0-9']+", t.lower().replace("-", " ")))


_STRIP = re.compile(
    r"^(?:the\s+)?(?:london borough of|royal borough of|metropolitan borough of|borough of|city of|county of)\s+|"
    r"\s+(?:metropolitan borough council|metropolitan district council|borough council|county council|"
    r"city council|district council|council)$"
)


def _strip_council_words(key: str) -> str:
    prev = None
    while prev != key:
        prev, key = key, _STRIP.sub("", key).strip()
    return key


@cache
def _default_gazetteer() -> CouncilGazetteer:
    raw = json.loads(resources.files("ingest").joinpath("data/councils.json").read_text(encoding="utf-8"))
    councils = [
        Council(
            code=c["code"],
            name=c["name"],
            region=c.get("region", ""),
            ofsted_urn=c.get("ofsted_urn", ""),
            la_code=c.get("la_code", ""),
            type=c.get("type", ""),
            aliases=tuple(c.get("aliases", [])),
            statistical_neighbours=tuple(c.get("statistical_neighbours", [])),
            former=bool(c.get("former")),
        )
        for c in raw["councils"]
    ]
    return CouncilGazetteer(councils)
