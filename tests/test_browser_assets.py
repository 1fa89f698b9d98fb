"""The Browser assets: the GraSS covers every label, and every query is valid on a real Neo4j.

The GraSS is read the way Neo4j Browser 5 reads it (a selector, then `name: value;` pairs
in braces, quotes dropped), so what passes here is what the Browser applies. Each Cypher
block of the guide and each saved query is planned by the database with EXPLAIN, with
the parameters the guide tells analysts to set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser

import pytest
from neo4j import Driver, ResultSummary

from api.settings import Settings
from graph.browser import (
    ASSETS,
    BROWSER_COMMAND,
    GUIDE,
    SAVED_QUERIES,
    STYLE,
    asset_path,
    guide_blocks,
    saved_queries,
    split_statements,
)
from graph.load import ensure_schema, load_graph
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship
from schema.vocabulary import LABELS, RELATIONSHIPS, Label, RelType

# The values the guide's first slide sets with :param.
PARAMETERS = {"council": "Haringey", "uid": "Council:E09000014", "words": "supervision"}


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """GraSS as the Browser reads it: selector -> {property: value}."""
    rules: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*(?:'[^']*'[^{}]*)*)\}", text):
        declarations: dict[str, str] = {}
        for declaration in body.split(";"):
            parts = declaration.split(":")
            # The Browser keeps a declaration only when it splits into exactly two parts.
            if len(parts) == 2:
                declarations[parts[0].strip()] = parts[1].strip().strip("'\"")
        rules["".join(selector.split())] = declarations
    return rules


def test_grass_has_a_colour_size_and_caption_for_every_label() -> None:
    text = asset_path(STYLE).read_text(encoding="utf-8")
    # The Browser's GraSS reader has no comments: a comment would become part of a selector.
    assert "/*" not in text
    assert "//" not in text
    rules = parse_grass(text)
    colours = {}
    for label in Label:
        rule = rules.get(f"node.{label.value}")
        assert rule is not None, f"no GraSS rule for {label.value}"
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", rule.get("color", "")), label
        assert re.fullmatch(r"\d+px", rule.get("diameter", "")), label
        caption = rule.get("caption", "")
        fields = re.findall(r"\{(\w+)\}", caption)
        assert fields, f"{label.value} has no caption"
        assert set(fields) <= set(LABELS[label].properties), f"{label.value} caption names {fields}"
        colours[label] = rule["color"].upper()
    assert len(set(colours.values())) == len(colours), "two labels share a colour"


def test_grass_selectors_are_of_the_vocabulary() -> None:
    rules = parse_grass(asset_path(STYLE).read_text(encoding="utf-8"))
    assert {"node", "relationship"} <= set(rules)
    for selector in rules:
        kind, _, name = selector.partition(".")
        assert kind in ("node", "relationship"), selector
        if name:
            assert name in (Label._value2member_map_ if kind == "node" else RelType._value2member_map_), (
                selector
            )


def test_person_captions_fall_back_to_the_post() -> None:
    rules = parse_grass(asset_path(STYLE).read_text(encoding="utf-8"))
    for label in (Label.PERSON, Label.OFFICER, Label.COUNCILLOR):
        # The Browser leaves a missing property empty: a post with no name shows its role.
        assert rules[f"node.{label.value}"]["caption"] == "{name} {role}"


# ---------------------------------------------------------------------------- guide


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.article_classes: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "article":
            self.article_classes += (dict(attrs).get("class") or "").split()
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def test_guide_is_a_browser_guide() -> None:
    html = asset_path(GUIDE).read_text(encoding="utf-8")
    structure = _Structure()
    structure.feed(html)
    assert "guide" in structure.article_classes
    assert "carousel" in structure.tags
    assert structure.tags.count("slide") >= 8
    # The Browser titles the guide's frame from <title>.
    assert structure.title.strip()
    # Script is stripped by the Browser; runnable blocks must escape < and > to survive.
    assert "<script" not in html
    for raw in re.findall(r"<pre[^>]*>(.*?)</pre>", html, flags=re.DOTALL):
        assert "<" not in raw, raw[:80]
        assert ">" not in raw, raw[:80]


def test_every_saved_query_is_in_the_guide() -> None:
    in_guide = {_normalise(block) for block in guide_blocks()}
    for query in saved_queries():
        assert _normalise(query.text) in in_guide, query.title


def test_saved_queries_have_headers_and_set_their_parameters() -> None:
    queries = saved_queries()
    commands = [q.text for q in queries if q.is_command]
    cypher = [q for q in queries if not q.is_command]
    assert len(cypher) >= 10
    titles = [q.title for q in cypher]
    assert all(titles)
    assert len(set(titles)) == len(titles)
    assert all(q.description for q in cypher)
    for command in commands:
        assert BROWSER_COMMAND.match(command), command
    set_by_file = {re.match(r":param\s+(\w+)", c).group(1) for c in commands}  # type: ignore[union-attr]
    used = {name for q in cypher for name in re.findall(r"\$(\w+)", q.text)}
    assert used <= set_by_file == set(PARAMETERS)
    for name in used:
        assert any(f":param {name} =>" in block for block in guide_blocks()), name


def test_queries_name_only_labels_and_types_of_the_vocabulary() -> None:
    labels = set(Label._value2member_map_)
    types = set(RelType._value2member_map_)
    for text in _all_cypher():
        for group in re.findall(r"\(\s*\w*\s*:\s*([A-Za-z_|]+)", text):
            assert set(group.split("|")) <= labels, (group, text[:80])
        for group in re.findall(r"\[\s*\w*\s*:\s*([A-Z_|]+)", text):
            assert set(group.split("|")) <= types, (group, text[:80])
        for quoted in re.findall(r"'([A-Z][A-Z_]+)'", text):
            assert quoted in types, (quoted, text[:80])


def test_split_statements_and_headers() -> None:
    script = "// Title\n// what it does\nMATCH (n) RETURN n;\n\n:param x => 1;\nRETURN 'a;b' AS s;\n"
    assert split_statements(script) == [
        "// Title\n// what it does\nMATCH (n) RETURN n",
        ":param x => 1",
        "RETURN 'a;b' AS s",
    ]
    first, command, last = saved_queries(script)
    assert (first.title, first.description, first.text) == ("Title", "what it does", "MATCH (n) RETURN n")
    assert command.is_command
    assert not last.is_command


def test_asset_path_serves_only_the_assets() -> None:
    for name in ASSETS:
        assert asset_path(name).is_file()
    with pytest.raises(ValueError, match="not a Browser asset"):
        asset_path("../export.py")
    assert SAVED_QUERIES in ASSETS


# ---------------------------------------------------------------------------- real Neo4j


def vocabulary_catalogue() -> GraphDoc:
    """One node of every label and one relationship of every type, with every property set.

    Loaded first, it makes the database know every label, type and property key of the
    vocabulary, so that the planner's "does not exist" warnings point at real misspellings.
    """
    g = GraphDoc()
    document = "Document:catalogue-document"
    evidence = [Evidence(document, "quote", 0, 5)]
    for label, spec in LABELS.items():
        labels = (Label.PERSON, label) if label in (Label.OFFICER, Label.COUNCILLOR) else (label,)
        uid = f"{labels[0]}:catalogue-{label.value.lower()}"
        g.add_node(
            Node(uid, labels, dict.fromkeys(spec.properties, "x"), [] if uid == document else list(evidence))
        )
    for rel_type, rel_spec in RELATIONSHIPS.items():
        start = f"{rel_spec.start[0]}:catalogue-{rel_spec.start[0].value.lower()}"
        end = f"{rel_spec.end[0]}:catalogue-{rel_spec.end[0].value.lower()}"
        g.add_relationship(
            Relationship(rel_type, start, end, dict.fromkeys(rel_spec.properties, 1), list(evidence))
        )
    return g


def test_every_query_plans_on_neo4j(clean_db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    ensure_schema(clean_db, database)
    load_graph(clean_db, vocabulary_catalogue(), database)
    texts = _all_cypher()
    assert len(texts) >= 14

    def explain(text: str, parameters: Mapping[str, object]) -> tuple[list[object], ResultSummary]:
        # The project's drivers ask for no notifications; this check needs every one of them.
        with clean_db.session(database=database, notifications_min_severity="INFORMATION") as session:
            result = session.run(f"EXPLAIN {text}", dict(parameters))
            return list(result), result.consume()

    for text in texts:
        parameters = {name: PARAMETERS[name] for name in set(re.findall(r"\$(\w+)", text))}
        records, summary = explain(text, parameters)
        assert records == []
        assert summary.plan is not None, text[:80]
        # Any notification fails the test: a misspelt label, type or property (the
        # catalogue has them all), a deprecation, a performance warning.
        surprises = [
            f"{status.gql_status}: {status.status_description}"
            for status in summary.gql_status_objects
            if status.is_notification
        ]
        assert not surprises, f"{text[:80]}...\n" + "\n".join(surprises)
    # The check is not vacuous: a misspelt property is reported.
    _, summary = explain("MATCH (c:Council) RETURN c.nmae", {})
    assert any(status.gql_status == "01N52" for status in summary.gql_status_objects)


def _all_cypher() -> list[str]:
    blocks = [b for b in guide_blocks() if not BROWSER_COMMAND.match(b)]
    return blocks + [q.text for q in saved_queries() if not q.is_command]


def _normalise(text: str) -> str:
    return " ".join(text.split())
