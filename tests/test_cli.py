"""The command line as a user runs it: extract without a database, ingest and export with one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
import rdflib
from typer.testing import CliRunner

from api import settings as settings_module
from api.cli import app
from api.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "ingest" / "samples" / "documents"
runner = CliRunner()


@pytest.fixture
def cli_env(
    neo4j_settings: Settings, clean_db: neo4j.Driver, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Point the CLI's settings at the test database, as NEO4J_URI would."""
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.bolt_uri)
    settings_module.get_settings.cache_clear()
    yield
    settings_module.get_settings.cache_clear()


def test_extract_prints_the_graph_as_json_and_reports_bad_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(SAMPLES), str(empty), "--json"])
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)
    labels = {label for node in graph["nodes"] for label in node["labels"]}
    assert {"Council", "Inspection", "Recommendation", "Board", "Action", "Document"} <= labels
    assert f"failed {empty}: the file is empty" in " ".join(result.stderr.split())


def test_extract_reads_standard_input() -> None:
    text = "Cabinet of Torbay Council considered the Ofsted inspection of children's services."
    result = runner.invoke(app, ["extract", "-", "--json", "--quiet"], input=text)
    assert result.exit_code == 0, result.output
    sources = [
        n["properties"]["source"] for n in json.loads(result.stdout)["nodes"] if "Document" in n["labels"]
    ]
    assert sources == ["<stdin>"]


def test_a_missing_path_is_reported_not_fatal(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nowhere.pdf"), "--json"])
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr


def test_ingest_twice_then_export(cli_env: None, clean_db: neo4j.Driver, tmp_path: Path) -> None:
    first = runner.invoke(app, ["ingest", str(SAMPLES)])
    assert first.exit_code == 0, first.output
    counts = clean_db.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    again = runner.invoke(app, ["ingest", str(SAMPLES)])
    assert again.exit_code == 0, again.output
    assert clean_db.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] == counts

    council = clean_db.execute_query("MATCH (c:Council) RETURN c.uid AS uid LIMIT 1").records[0]["uid"]
    out = tmp_path / "around.ttl"
    exported = runner.invoke(app, ["export", "--format", "turtle", "--around", council, "--output", str(out)])
    assert exported.exit_code == 0, exported.output
    rdf = rdflib.Graph().parse(out, format="turtle")
    assert len(rdf) > 10

    missing = runner.invoke(app, ["export", "--around", "Council:nowhere"])
    assert missing.exit_code == 1
    assert "no node has the uid" in missing.stderr
