"""Fixtures shared by the whole test suite.

Database tests run against a real Neo4j, never a mock:

- with `NEO4J_URI` set, the server it names (with `NEO4J_USERNAME`, `NEO4J_PASSWORD`,
  `NEO4J_DATABASE`);
- otherwise the project's own local server, started once per test session by its launcher
  in a temporary home folder on test ports (Bolt 17687, HTTP 17474; override them with
  `OFSTED_KG_TEST_BOLT_PORT` and `OFSTED_KG_TEST_HTTP_PORT`), and stopped at the end.

Fixtures:

- `neo4j_settings` (session): a `Settings` pointing at that server.
- `driver` (session): a synchronous driver to it.
- `clean_db` (function): the driver, after deleting every node and relationship.
- `shared_dir`: the shared material folder `../shared` beside the project, or a skip.

Tests that use the database fixtures are marked `neo4j`, so `pytest -m "not neo4j"` runs
the tests that need nothing running.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from api.settings import PROJECT_ROOT, Settings
from graph import local_server
from graph.driver import open_driver
from schema.errors import PortInUseError

DEFAULT_TEST_BOLT_PORT = 17687
DEFAULT_TEST_HTTP_PORT = 17474

# Removes test data between tests; relationships go with their nodes.
DELETE_EVERYTHING = "MATCH (n) DETACH DELETE n"

_DATABASE_FIXTURES = frozenset({"neo4j_settings", "driver", "clean_db"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs the database, whichever fixture brings it in."""
    for item in items:
        if _DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings for the Neo4j the tests use: `NEO4J_URI`'s, or a local one started for the session."""
    if os.environ.get("NEO4J_URI"):
        yield Settings()
        return

    home = tmp_path_factory.mktemp("neo4j-home")
    explicit = "OFSTED_KG_TEST_BOLT_PORT" in os.environ or "OFSTED_KG_TEST_HTTP_PORT" in os.environ
    bolt_port = int(os.environ.get("OFSTED_KG_TEST_BOLT_PORT", DEFAULT_TEST_BOLT_PORT))
    http_port = int(os.environ.get("OFSTED_KG_TEST_HTTP_PORT", DEFAULT_TEST_HTTP_PORT))
    settings = _local_test_settings(home, bolt_port, http_port)
    try:
        started = local_server.start(local_server.config_from_settings(settings))
    except PortInUseError:
        if explicit:
            raise
        # Another test session (a second checkout, say) holds the default ports: run this
        # session's server on free ones rather than fail.
        settings = _local_test_settings(home, _free_port(), _free_port())
        started = local_server.start(local_server.config_from_settings(settings))
    try:
        yield settings
    finally:
        if not started.already_running:
            local_server.stop(local_server.config_from_settings(settings))


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[Driver]:
    """One synchronous driver for the session, as the project opens one per process."""
    opened = open_driver(neo4j_settings.bolt_uri, neo4j_settings.auth(), neo4j_settings.neo4j_database)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def clean_db(driver: Driver, neo4j_settings: Settings) -> Driver:
    """The session's driver, after every node and relationship has been deleted."""
    driver.execute_query(DELETE_EVERYTHING, database_=neo4j_settings.neo4j_database)
    return driver


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared material beside the project (`../shared`); skips when this clone has none."""
    path = PROJECT_ROOT.parent / "shared"
    if not path.is_dir():
        pytest.skip(f"needs the shared material folder {path}, which only the project's own workspace has")
    return path


def _local_test_settings(home: Path, bolt_port: int, http_port: int) -> Settings:
    # A small heap and page cache: test graphs are tiny and the machine may be shared.
    return Settings(
        home_dir=home,
        bolt_port=bolt_port,
        http_port=http_port,
        heap="512m",
        pagecache="64m",
        local_auth=False,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
