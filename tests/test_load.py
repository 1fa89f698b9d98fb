"""Loading into the real Neo4j: idempotent, resumable, and a changed document replaces itself."""

from __future__ import annotations

import socket
from pathlib import Path

import neo4j
import pytest

from api.settings import Settings
from graph import local_server
from graph.driver import open_driver
from graph.load import ensure_schema, existing_inspections, existing_texts, load_graph, wording_clusters
from schema.constraints import constraint_name
from schema.errors import DatabaseUnavailableError
from schema.graphdoc import Evidence, GraphDoc, Node, Relationship
from schema.vocabulary import Label

pytestmark = pytest.mark.neo4j
DB = "neo4j"


def _graph(sha: str, recommendation: str) -> GraphDoc:
    doc = f"Document:{sha}"
    g = GraphDoc()

    def ev(quote: str) -> list[Evidence]:
        return [Evidence(doc, quote, 0, len(quote))]

    g.add_node(
        Node(doc, (Label.DOCUMENT,), {"source": "reports/torbay.pdf", "sha256": sha, "kind": "ofsted_report"})
    )
    g.add_node(
        Node("Council:E06000027", (Label.COUNCIL,), {"name": "Torbay", "code": "E06000027"}, ev("Torbay"))
    )
    insp = "Inspection:E06000027/sif/2015-10-12"
    g.add_node(
        Node(
            insp, (Label.INSPECTION,), {"framework": "SIF", "start_date": "2015-10-12", "year": 2015}, ev("x")
        )
    )
    rec = f"Recommendation:E06000027/sif/2015-10-12/1/{sha}"
    g.add_node(Node(rec, (Label.RECOMMENDATION,), {"text": recommendation, "number": 1}, ev(recommendation)))
    g.add_node(
        Node(
            "Person:E06000027/ann-lee",
            (Label.PERSON, Label.OFFICER),
            {"name": "Ann Lee", "kind": "officer"},
            ev("Ann"),
        )
    )
    g.add_relationship(Relationship("INSPECTED", insp, "Council:E06000027", {}, ev("Torbay")))
    g.add_relationship(Relationship("RECOMMENDED", insp, rec, {}, ev(recommendation)))
    g.add_relationship(Relationship("SERVES", "Person:E06000027/ann-lee", "Council:E06000027", {}, ev("Ann")))
    return g


def _counts(driver: neo4j.Driver) -> tuple[int, int]:
    records, _, _ = driver.execute_query(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r", database_=DB
    )
    return records[0]["n"], records[0]["r"]


def test_constraints_are_applied_idempotently(clean_db: neo4j.Driver) -> None:
    ensure_schema(clean_db, DB)
    ensure_schema(clean_db, DB)
    records, _, _ = clean_db.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", database_=DB
    )
    names = set(records[0]["names"])
    assert {constraint_name(label) for label in Label} <= names
    with pytest.raises(neo4j.exceptions.ConstraintError):
        clean_db.execute_query(
            "CREATE (:Council {uid: 'Council:X'}), (:Council {uid: 'Council:X'})", database_=DB
        )


def test_loading_twice_changes_nothing(clean_db: neo4j.Driver) -> None:
    ensure_schema(clean_db, DB)
    g = _graph("aaa", "Ensure that care leavers have pathway plans.")
    stats = load_graph(clean_db, g, DB)
    first = _counts(clean_db)
    assert stats.nodes == 5
    assert first[0] == 5
    load_graph(clean_db, g, DB, batch_size=1)
    assert _counts(clean_db) == first
    records, _, _ = clean_db.execute_query(
        "MATCH (p:Person:Officer {uid: 'Person:E06000027/ann-lee'})-[e:EVIDENCED_BY]->(d:Document) "
        "RETURN e.quote AS quote, d.sha256 AS sha",
        database_=DB,
    )
    assert [(r["quote"], r["sha"]) for r in records] == [("Ann", "aaa")]


def test_a_changed_document_replaces_what_it_said(clean_db: neo4j.Driver) -> None:
    ensure_schema(clean_db, DB)
    load_graph(clean_db, _graph("aaa", "Ensure that care leavers have pathway plans."), DB)
    stats = load_graph(clean_db, _graph("bbb", "Improve the quality of return home interviews."), DB)
    assert stats.retracted_documents == ["Document:aaa"]
    records, _, _ = clean_db.execute_query(
        "MATCH (r:Recommendation) RETURN collect(r.text) AS texts", database_=DB
    )
    assert records[0]["texts"] == ["Improve the quality of return home interviews."]
    records, _, _ = clean_db.execute_query(
        "MATCH (d:Document) RETURN collect(d.sha256) AS shas", database_=DB
    )
    assert records[0]["shas"] == ["bbb"]
    records, _, _ = clean_db.execute_query(
        "MATCH ()-[r:INSPECTED]->() RETURN r.sources AS sources", database_=DB
    )
    assert [r["sources"] for r in records] == [["Document:bbb"]]


def test_a_load_cut_short_resumes_without_duplicates(clean_db: neo4j.Driver) -> None:
    ensure_schema(clean_db, DB)
    g = _graph("aaa", "Ensure that care leavers have pathway plans.")
    written = 0

    def die_after_two_batches(n: int) -> None:
        nonlocal written
        written += 1
        if written == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_graph(clean_db, g, DB, batch_size=1, progress=die_after_two_batches)
    assert _counts(clean_db)[0] < 5
    load_graph(clean_db, g, DB)
    # three relationships and four evidence links (every node but the document)
    assert _counts(clean_db) == (5, 3 + 4)


def _similar_texts(sha: str, texts: dict[str, str], links: list[tuple[str, str]]) -> GraphDoc:
    """A document holding recommendations `texts` (by key) of one inspection, linked by SIMILAR_TO."""
    doc = f"Document:{sha}"
    g = GraphDoc()
    # "two-v2" is a new version of "two": same source, same inspection
    name = sha.split("-")[0]
    g.add_node(
        Node(doc, (Label.DOCUMENT,), {"source": f"reports/{name}.pdf", "sha256": sha, "kind": "report"})
    )
    insp = f"Inspection:E06000027/sif/{name}"
    g.add_node(
        Node(insp, (Label.INSPECTION,), {"framework": "SIF", "year": 2015}, [Evidence(doc, "x", 0, 1)])
    )
    for key, text in texts.items():
        uid = f"Recommendation:{key}"
        g.add_node(Node(uid, (Label.RECOMMENDATION,), {"text": text}, [Evidence(doc, text, 0, len(text))]))
        g.add_relationship(Relationship("RECOMMENDED", insp, uid, {}, [Evidence(doc, text, 0, len(text))]))
    for a, b in links:
        g.add_relationship(
            Relationship("SIMILAR_TO", f"Recommendation:{a}", f"Recommendation:{b}", {"score": 0.9}, [])
        )
    return g


def _clusters(driver: neo4j.Driver) -> dict[str, str | None]:
    records, _, _ = driver.execute_query(
        "MATCH (r:Recommendation) RETURN r.uid AS uid, r.wording_cluster AS cluster", database_=DB
    )
    return {r["uid"].split(":")[1]: r["cluster"].split(":")[1] if r["cluster"] else None for r in records}


def test_wording_clusters_are_connected_components_named_by_their_first_uid() -> None:
    assert wording_clusters([("b", "c"), ("c", "a"), ("x", "y")]) == {
        "a": "a",
        "b": "a",
        "c": "a",
        "x": "x",
        "y": "x",
    }
    assert wording_clusters([]) == {}


def test_every_load_brings_wording_clusters_in_line_with_the_links(clean_db: neo4j.Driver) -> None:
    ensure_schema(clean_db, DB)
    load_graph(clean_db, _similar_texts("one", {"a": "Plan early help", "b": "Plan early help well"}, []), DB)
    two = {"c": "Plan early help better", "d": "Audit case files", "e": "Audit the case files"}
    stats = load_graph(clean_db, _similar_texts("two", two, [("a", "c"), ("c", "b"), ("d", "e")]), DB)
    assert stats.clustered == 5
    assert _clusters(clean_db) == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "d"}
    # nothing changed: nothing written
    assert (
        load_graph(clean_db, _similar_texts("two", two, [("a", "c"), ("c", "b"), ("d", "e")]), DB).clustered
        == 0
    )
    # the document linking the first two texts changes: its old links go, the clusters follow
    stats = load_graph(clean_db, _similar_texts("two-v2", two, [("d", "e")]), DB)
    assert stats.retracted_documents == ["Document:two"]
    assert _clusters(clean_db) == {"a": None, "b": None, "c": None, "d": "d", "e": "d"}


def test_existing_inspections_and_texts_are_read_back(clean_db: neo4j.Driver) -> None:
    ensure_schema(clean_db, DB)
    load_graph(clean_db, _graph("aaa", "Ensure that care leavers have pathway plans."), DB)
    (inspection,) = existing_inspections(clean_db, DB, ["E06000027"])
    assert inspection["start_date"] == "2015-10-12"
    assert inspection["framework"] == "SIF"
    (text,) = existing_texts(clean_db, DB)
    assert text["inspection"] == "Inspection:E06000027/sif/2015-10-12"


def test_a_database_that_goes_away_mid_load_is_reported_and_the_next_load_completes(
    tmp_path: Path, neo4j_settings: Settings
) -> None:
    if not neo4j_settings.uses_local_server:
        pytest.skip(
            "stops and restarts a local server of its own; NEO4J_URI names a server this test must not stop"
        )
    settings = neo4j_settings.model_copy(update={"home_dir": tmp_path / "home", "bolt_port": _free_port(),
                                                 "http_port": _free_port()})  # fmt: skip
    config = local_server.config_from_settings(settings)
    local_server.start(config)
    try:
        g = _graph("aaa", "Ensure that care leavers have pathway plans.")
        with open_driver(settings.bolt_uri, None, DB) as own:
            ensure_schema(own, DB)
            batches = 0

            def stop_the_server(n: int) -> None:
                nonlocal batches
                batches += 1
                if batches == 2:
                    local_server.stop(config)

            with pytest.raises(DatabaseUnavailableError, match="run the same ingest again"):
                load_graph(own, g, DB, batch_size=1, progress=stop_the_server)
        local_server.start(config)
        with open_driver(settings.bolt_uri, None, DB) as own:
            load_graph(own, g, DB)
            assert _counts(own) == (5, 3 + 4)
    finally:
        local_server.stop(config)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
