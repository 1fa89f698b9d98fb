"""The resolve step: many documents' graphs into one graph with one node per real thing.

Extraction already keys councils by ONS code, people by name within a council and
recommendations by inspection and number, so most duplicates fall together when the
per-document graphs are merged. What is left is resolved here:

- an inspection a document names only by year ("the 2014 inspection") joins the dated
  inspection of the same council that year, from this run or already in the database;
- boards of one council named once in full and once by acronym are one board;
- recommendations, findings and actions are tagged with the themes of the taxonomy;
- recommendations and findings of different inspections with close wording are linked
  by SIMILAR_TO with a score. They are never merged: each stays the inspection's own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ingest.people import role_key
from ingest.similarity import similar_pairs
from ingest.themes import ThemeTagger
from schema.graphdoc import GraphDoc, Node, Relationship, text_key
from schema.vocabulary import Label, RelType


@dataclass(frozen=True)
class KnownInspection:
    """An inspection already in the database, as a target for inspections named by year."""

    uid: str
    council_code: str
    framework: str | None
    start_date: str | None
    year: int | None


@dataclass(frozen=True)
class KnownText:
    """A recommendation or finding already in the database, for SIMILAR_TO links."""

    uid: str
    label: str
    text: str
    inspection: str


def rename_node(g: GraphDoc, old: str, new: str) -> None:
    """Move a node's properties, evidence and relationships onto another uid."""
    if old == new or old not in g.nodes:
        return
    node = g.nodes.pop(old)
    g.add_node(Node(new, node.labels, node.properties, node.evidence))
    for key in [k for k in g.relationships if old in (k[0], k[2])]:
        rel = g.relationships.pop(key)
        start = new if rel.start == old else rel.start
        end = new if rel.end == old else rel.end
        if start == end:
            continue
        g.add_relationship(Relationship(rel.type, start, end, rel.properties, rel.evidence))


def _council_code(g: GraphDoc, inspection: str) -> str | None:
    for council in g.out(inspection, RelType.INSPECTED):
        code = g.nodes[council].properties.get("code") if council in g.nodes else council.split(":", 1)[1]
        return str(code) if code else None
    return None


def _year(props: dict[str, Any]) -> int | None:
    if props.get("year"):
        return int(props["year"])
    for key in ("start_date", "end_date", "published_date"):
        value = props.get(key)
        if value and re.match(r"\d{4}", str(value)):
            return int(str(value)[:4])
    return None


def _frameworks_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a == "unknown" or b == "unknown" or a.lower() == b.lower()


def resolve_inspections(g: GraphDoc, known: Iterable[KnownInspection] = ()) -> None:
    """Join inspections named only by year to the dated inspection of that council and year."""
    by_council: dict[str, list[tuple[str, str | None, str | None, int | None]]] = defaultdict(list)
    for node in list(g.with_label(Label.INSPECTION)):
        code = _council_code(g, node.uid)
        if code:
            props = node.properties
            by_council[code].append((node.uid, props.get("framework"), props.get("start_date"), _year(props)))
    known_by_council: dict[str, list[KnownInspection]] = defaultdict(list)
    for k in known:
        known_by_council[k.council_code].append(k)

    for code, inspections in by_council.items():
        dated = [i for i in inspections if i[2]]
        dated_uids = {i[0] for i in dated}
        for uid, framework, start, year in inspections:
            if start or year is None:
                continue
            targets = {d[0] for d in dated if d[3] == year and _frameworks_agree(d[1], framework)}
            targets |= {
                k.uid
                for k in known_by_council.get(code, [])
                if k.start_date
                and k.year == year
                and _frameworks_agree(k.framework, framework)
                and k.uid not in dated_uids
            }
            if len(targets) == 1:
                target = targets.pop()
                if target not in g.nodes:
                    # The target lives in the database only: keep what this document adds
                    # without overwriting what the dated report said.
                    node = g.nodes[uid]
                    node.properties = {
                        k: v
                        for k, v in node.properties.items()
                        if k not in ("framework", "start_date", "year")
                    }
                rename_node(g, uid, target)
        # Undated mentions of one year whose frameworks agree are one inspection.
        undated: dict[int, list[str]] = defaultdict(list)
        for uid, _framework, start, year in inspections:
            if not start and year is not None and uid in g.nodes:
                undated[year].append(uid)
        for uids in undated.values():
            if len(uids) < 2:
                continue
            named = [u for u in uids if g.nodes[u].properties.get("framework") not in (None, "unknown")]
            frameworks = {str(g.nodes[u].properties.get("framework")).lower() for u in named}
            if len(frameworks) <= 1:
                target = named[0] if named else uids[0]
                for u in uids:
                    rename_node(g, u, target)


def _when(props: dict[str, Any]) -> str:
    """A sortable date of an inspection: its start date, or its year."""
    return str(props.get("start_date") or props.get("year") or "")


def resolve_undated_inspections(g: GraphDoc, known: Iterable[KnownInspection] = ()) -> None:
    """An inspection named with neither date nor year ("the recent inspection") is the council's latest.

    Latest means the latest inspection of that council, of a framework that agrees, that
    started no later than the document that names it, when the document has a date.
    """
    known_by_council: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
    for k in known:
        known_by_council[k.council_code].append((k.uid, k.framework, str(k.start_date or k.year or "")))
    for node in list(g.with_label(Label.INSPECTION)):
        props = node.properties
        if props.get("start_date") or _year(props) is not None:
            continue
        code = _council_code(g, node.uid)
        if not code:
            continue
        doc_dates = [
            str(g.nodes[ev.document].properties.get("date") or "")
            for ev in node.evidence
            if ev.document in g.nodes
        ]
        limit = max((d for d in doc_dates if d), default="")
        candidates: list[tuple[str, str]] = []
        for other in g.with_label(Label.INSPECTION):
            if other.uid == node.uid or _council_code(g, other.uid) != code:
                continue
            when = _when(other.properties)
            if when and _frameworks_agree(other.properties.get("framework"), props.get("framework")):
                candidates.append((when, other.uid))
        for uid, framework, when in known_by_council.get(code, []):
            if uid not in g.nodes and when and _frameworks_agree(framework, props.get("framework")):
                candidates.append((when, uid))
        if limit:
            candidates = [c for c in candidates if c[0][:10] <= limit[:10]]
        if candidates:
            target = max(candidates)[1]
            if target not in g.nodes:
                node.properties = {k: v for k, v in props.items() if k not in ("framework",)}
            rename_node(g, node.uid, target)


def merge_restated_recommendations(g: GraphDoc, threshold: float = 95.0) -> None:
    """One inspection's recommendation restated by another document (a plan, minutes) is the same node.

    Two recommendations of one report are never merged: only items whose evidence comes
    from different documents, with (almost) the same words and no conflicting numbers.
    """
    by_inspection: dict[str, list[str]] = defaultdict(list)
    for rel in g.relationships.values():
        if rel.type == RelType.RECOMMENDED:
            by_inspection[rel.start].append(rel.end)
    for uids in by_inspection.values():
        nodes = [g.nodes[u] for u in uids if u in g.nodes]
        if len(nodes) < 2:
            continue
        texts = [str(n.properties.get("text") or "") for n in nodes]
        for i, j, _score in similar_pairs(texts, threshold=threshold):
            a, b = nodes[i], nodes[j]
            if a.uid not in g.nodes or b.uid not in g.nodes:
                continue
            na, nb = a.properties.get("number"), b.properties.get("number")
            same_words = text_key(texts[i]) == text_key(texts[j])
            # In one document, only the same words given once numbered and once not (a list in
            # the report and the plan's table under it) are the same recommendation.
            if {ev.document for ev in a.evidence} & {ev.document for ev in b.evidence} and not (
                same_words and (na is None) != (nb is None)
            ):
                continue
            if na is not None and nb is not None and na != nb:
                continue
            keep, drop = (a, b) if na is not None or nb is None else (b, a)
            rename_node(g, drop.uid, keep.uid)


_GENERIC_PLAN_WORDS = frozenset(
    "the a an of for to and our draft final post ofsted inspection action actions plan plans improvement improving "
    "local authority authority's council council's children's childrens children services service social care "
    "submission submitted response responding updated revised".split()
)


def _generic_plan_title(title: str) -> bool:
    words = re.findall(r"[a-z']+", title.lower().replace("\u2019", "'"))
    return not [w for w in words if w not in _GENERIC_PLAN_WORDS and not w.isdigit()]


def merge_plans_per_inspection(g: GraphDoc) -> None:
    """Plans that documents say answer the same inspection are the council's one plan for it.

    Minutes call it "the action plan", a report "the Getting to Good Plan": the plan with
    the most actions keeps its uid and title, the others join it.
    """
    by_inspection: dict[str, list[str]] = defaultdict(list)
    for rel in g.relationships.values():
        # Only plans whose titles name nothing but "an (improvement) action plan": a plan of
        # another body ("LSCB Improvement Action Plan") answering the same inspection stays apart.
        if (
            rel.type == RelType.RESPONDS_TO
            and rel.start in g.nodes
            and _generic_plan_title(str(g.nodes[rel.start].properties.get("title") or ""))
        ):
            by_inspection[rel.end].append(rel.start)
    for plans in by_inspection.values():
        plans = sorted(set(plans))
        if len(plans) < 2:
            continue
        keep = max(
            plans,
            key=lambda p: (
                len(g.out(p, RelType.INCLUDES)),
                len(str(g.nodes[p].properties.get("title") or "")),
            ),
        )
        for plan in plans:
            if plan != keep and plan in g.nodes and len(g.out(plan, RelType.RESPONDS_TO)) == 1:
                rename_node(g, plan, keep)


def _board_key(name: str) -> str:
    t = name.lower().replace("&", " and ")
    t = re.sub(r"\b(the|of|for)\b", " ", t)
    return " ".join(re.findall(r"[a-z0-9]+", t))


def resolve_boards(g: GraphDoc) -> None:
    """Boards of one council with the same name, or named once by their acronym, are one board."""
    by_council: dict[str | None, list[Node]] = defaultdict(list)
    for board in g.with_label(Label.BOARD):
        councils = g.out(board.uid, RelType.PART_OF)
        by_council[councils[0] if councils else None].append(board)
    for boards in by_council.values():
        canonical: dict[str, str] = {}
        # Full names first, so an acronym-only board joins the board it abbreviates.
        for board in sorted(boards, key=lambda b: -len(str(b.properties.get("name", "")))):
            name = str(board.properties.get("name") or "")
            acronym = str(board.properties.get("acronym") or "")
            keys = [
                k for k in (_board_key(name), acronym.lower(), name.lower() if name.isupper() else "") if k
            ]
            target = next((canonical[k] for k in keys if k in canonical), None)
            if target and target != board.uid and board.uid in g.nodes:
                rename_node(g, board.uid, target)
            else:
                target = board.uid
            for k in keys:
                canonical.setdefault(k, target)


def _documents(node: Node) -> set[str]:
    return {ev.document for ev in node.evidence}


def merge_posts_into_people(g: GraphDoc) -> None:
    """A post named without a name ("Lead: Director of Children's Care") is the person a document
    names with that post ("Helen Quarmby, Director of Children's Care"), when the same document
    names exactly one such person of the same council. Across documents a post changes hands, so
    only a shared document joins them."""
    named: dict[tuple[str, str], list[Node]] = defaultdict(list)
    posts: list[Node] = []
    for node in g.with_label(Label.PERSON):
        council, _, rest = node.uid.partition(":")[2].partition("/")
        role = node.properties.get("role")
        if not role:
            continue
        if rest.startswith("post/") and not node.properties.get("name"):
            posts.append(node)
        elif node.properties.get("name"):
            named[(council, role_key(str(role)))].append(node)
    for post in posts:
        council = post.uid.partition(":")[2].partition("/")[0]
        shared = _documents(post)
        holders = [
            p
            for p in named.get((council, role_key(str(post.properties["role"]))), [])
            if _documents(p) & shared
        ]
        if len(holders) == 1:
            # the named person's properties stand: merging only fills what is missing
            rename_node(g, post.uid, holders[0].uid)


def tag_themes(g: GraphDoc, tagger: ThemeTagger) -> None:
    """ABOUT relationships from recommendations, findings and actions to the themes their words match."""
    for label in (Label.RECOMMENDATION, Label.FINDING, Label.ACTION):
        for node in list(g.with_label(label)):
            text = str(node.properties.get("text") or "")
            for match in tagger.tag(text):
                theme = match.theme
                g.add_node(
                    Node(theme.uid, (Label.THEME,), {"name": theme.name, "description": theme.description})
                )
                g.add_relationship(
                    Relationship(
                        RelType.ABOUT,
                        node.uid,
                        theme.uid,
                        {"matched": match.matched, "score": 1.0},
                        # The evidence of a theme is the node's own quote, which holds the words matched.
                        list(node.evidence[:1]),
                    )
                )


def _inspection_of(g: GraphDoc, uid: str) -> str | None:
    for rel_type in (RelType.RECOMMENDED, RelType.FOUND):
        starts = g.incoming(uid, rel_type)
        if starts:
            return starts[0]
    return None


def link_similar(g: GraphDoc, known: Iterable[KnownText] = (), threshold: float = 82.0) -> int:
    """SIMILAR_TO between recommendations and findings of different inspections whose wording is close.

    Returns the number of links made.
    """
    incoming: dict[str, list[str]] = defaultdict(list)
    for rel in g.relationships.values():
        if rel.type in (RelType.RECOMMENDED, RelType.FOUND):
            incoming[rel.end].append(rel.start)
    items: list[tuple[str, str, str, str]] = []
    for label in (Label.RECOMMENDATION, Label.FINDING):
        for node in g.with_label(label):
            inspections = incoming.get(node.uid)
            text = str(node.properties.get("text") or "")
            if inspections and len(text) >= 25:
                items.append((node.uid, label, text, inspections[0]))
    in_graph = {uid for uid, *_ in items}
    items += [(k.uid, k.label, k.text, k.inspection) for k in known if k.uid not in in_graph]
    links = 0
    # Recommendations are compared with recommendations and findings with findings.
    for label in (Label.RECOMMENDATION, Label.FINDING):
        same = [item for item in items if item[1] == label]
        for i, j, score in similar_pairs([text for _, _, text, _ in same], threshold=threshold):
            a, b = same[i], same[j]
            if a[3] == b[3] or (a[0] not in g.nodes and b[0] not in g.nodes):
                continue
            start, end = sorted((a[0], b[0]))
            g.add_relationship(Relationship(RelType.SIMILAR_TO, start, end, {"score": round(score / 100, 3)}))
            links += 1
    return links


def resolve(
    graphs: Iterable[GraphDoc],
    *,
    known_inspections: Iterable[KnownInspection] = (),
    known_texts: Iterable[KnownText] = (),
    tagger: ThemeTagger | None = None,
) -> GraphDoc:
    """Merge per-document graphs and resolve what they share.

    Args:
        graphs: one graph per document, as extracted.
        known_inspections: inspections already in the database, so a year-only mention joins them.
        known_texts: recommendations and findings already in the database, for SIMILAR_TO.
        tagger: the theme taxonomy (the project's by default).
    """
    g = GraphDoc()
    for doc_graph in graphs:
        g.merge(doc_graph)
    known_inspections = list(known_inspections)
    resolve_inspections(g, known_inspections)
    resolve_undated_inspections(g, known_inspections)
    merge_restated_recommendations(g)
    merge_plans_per_inspection(g)
    resolve_boards(g)
    merge_posts_into_people(g)
    tag_themes(g, tagger or ThemeTagger.load())
    link_similar(g, known_texts)
    return g
