"""Opening drivers: against the session's Neo4j, a closed port, and a server that requires a password."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from api.settings import Settings
from graph import local_server
from graph.driver import (
    async_driver_from_settings,
    driver_from_settings,
    open_async_driver,
    open_driver,
)
from graph.local_server import LocalServerConfig
from schema.errors import ConfigurationError, DatabaseUnavailableError

AUTH_BOLT, AUTH_HTTP = 27688, 27475
PASSWORD = "correct-horse-battery"

COUNT_PROBES = "MATCH (p:DriverProbe) RETURN count(p) AS probes"
WRITE_PROBE = "CREATE (:DriverProbe)"


def closed_uri() -> str:
    """A Bolt URI on a port nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    return f"bolt://127.0.0.1:{port}"


@pytest.fixture
def no_configured_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings built in the test see no NEO4J_* variables from the developer's environment."""
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)


def test_open_driver_reaches_the_session_server(neo4j_settings: Settings, clean_db: Driver) -> None:
    clean_db.execute_query(WRITE_PROBE, database_=neo4j_settings.neo4j_database)

    with open_driver(neo4j_settings.bolt_uri, neo4j_settings.auth(), neo4j_settings.neo4j_database) as driver:
        records, _, _ = driver.execute_query(COUNT_PROBES, database_=neo4j_settings.neo4j_database)

    assert records[0]["probes"] == 1


def test_routing_uri_works_against_one_server(neo4j_settings: Settings, driver: Driver) -> None:
    if not neo4j_settings.uses_local_server:
        pytest.skip("the routing URI is built from the local server's address")
    routing = f"neo4j://{neo4j_settings.bolt_host}:{neo4j_settings.bolt_port}"

    with open_driver(routing, neo4j_settings.auth(), neo4j_settings.neo4j_database) as routed:
        records, _, _ = routed.execute_query("RETURN 1 AS one", database_=neo4j_settings.neo4j_database)

    assert records[0]["one"] == 1


async def test_open_async_driver_reaches_the_session_server(neo4j_settings: Settings) -> None:
    driver = await open_async_driver(
        neo4j_settings.bolt_uri, neo4j_settings.auth(), neo4j_settings.neo4j_database
    )
    try:
        records, _, _ = await driver.execute_query("RETURN 2 AS two", database_=neo4j_settings.neo4j_database)
    finally:
        await driver.close()

    assert records[0]["two"] == 2


def test_driver_from_settings_uses_the_running_server(neo4j_settings: Settings) -> None:
    with driver_from_settings(neo4j_settings, start_local=False) as driver:
        records, _, _ = driver.execute_query("RETURN 3 AS three", database_=neo4j_settings.neo4j_database)

    assert records[0]["three"] == 3


async def test_async_driver_from_settings_uses_the_running_server(neo4j_settings: Settings) -> None:
    driver = await async_driver_from_settings(neo4j_settings, start_local=False)
    try:
        records, _, _ = await driver.execute_query(
            "RETURN 4 AS four", database_=neo4j_settings.neo4j_database
        )
    finally:
        await driver.close()

    assert records[0]["four"] == 4


def test_missing_database_is_named(neo4j_settings: Settings) -> None:
    with pytest.raises(DatabaseUnavailableError, match="has no database named 'nosuchdatabase'"):
        open_driver(neo4j_settings.bolt_uri, neo4j_settings.auth(), "nosuchdatabase")


def test_unreachable_server_names_the_uri_and_what_to_do() -> None:
    uri = closed_uri()

    with pytest.raises(DatabaseUnavailableError) as raised:
        open_driver(uri, None, connection_timeout=3)

    assert str(raised.value) == (
        f"Neo4j at {uri} is unreachable; start the local server with `ofsted-kg neo4j start`, or check NEO4J_URI."
    )


async def test_unreachable_server_fails_the_async_driver_too() -> None:
    uri = closed_uri()

    with pytest.raises(DatabaseUnavailableError, match=f"Neo4j at {uri} is unreachable"):
        await open_async_driver(uri, None, connection_timeout=3)


def test_unusable_uri_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="set NEO4J_URI to a URI such as"):
        open_driver("http://127.0.0.1:7474", None)


@pytest.mark.usefixtures("no_configured_server")
def test_configured_unreachable_server_starts_nothing_local(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uri = closed_uri()
    monkeypatch.setenv("NEO4J_URI", uri)
    settings = Settings(home_dir=tmp_path / "home", bolt_port=AUTH_BOLT, http_port=AUTH_HTTP)

    with pytest.raises(DatabaseUnavailableError, match=f"Neo4j at {uri} is unreachable"):
        driver_from_settings(settings, start_local=True)

    assert not (tmp_path / "home").exists()


@pytest.mark.usefixtures("no_configured_server")
def test_local_server_not_running_is_reported_when_not_starting(tmp_path: Path) -> None:
    settings = Settings(home_dir=tmp_path / "home", bolt_port=AUTH_BOLT + 100, http_port=AUTH_HTTP + 100)

    with pytest.raises(
        DatabaseUnavailableError, match=r"The local Neo4j is not running .*`ofsted-kg neo4j start`"
    ):
        driver_from_settings(settings, start_local=False)


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServerConfig]:
    """A local server with authentication on and PASSWORD as the initial password of neo4j."""
    settings = Settings()
    config = LocalServerConfig(
        home_dir=tmp_path_factory.mktemp("auth-home"),
        jars_dir=settings.jars_dir,
        java=settings.java,
        maven=settings.maven,
        bolt_port=AUTH_BOLT,
        http_port=AUTH_HTTP,
        heap="512m",
        pagecache="64m",
        auth=True,
        password=PASSWORD,
    )
    local_server.start(config)
    try:
        yield config
    finally:
        local_server.stop(config)


# Neo4j locks a user out for a few seconds after three refused logins in a row, so the test
# with the right password comes first and the refusals stay at three.


def test_auth_server_accepts_its_initial_password(auth_server: LocalServerConfig) -> None:
    with open_driver(auth_server.bolt_uri, ("neo4j", PASSWORD)) as driver:
        records, _, _ = driver.execute_query("RETURN 5 AS five")

    assert records[0]["five"] == 5


def test_wrong_password_is_refused(auth_server: LocalServerConfig) -> None:
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_driver(auth_server.bolt_uri, ("neo4j", "not-the-password"))

    assert str(raised.value) == (
        f"Neo4j at {auth_server.bolt_uri} refused the credentials; check NEO4J_USERNAME and NEO4J_PASSWORD."
    )


@pytest.mark.usefixtures("no_configured_server")
def test_configured_server_refusing_credentials_is_reported(
    auth_server: LocalServerConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", auth_server.bolt_uri)
    monkeypatch.setenv("NEO4J_USERNAME", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", "another-wrong-one")

    with pytest.raises(DatabaseUnavailableError, match="refused the credentials; check NEO4J_USERNAME"):
        driver_from_settings(Settings(), start_local=True)


@pytest.mark.usefixtures("no_configured_server")
def test_local_password_changed_after_first_start_is_refused(auth_server: LocalServerConfig) -> None:
    # The setting only sets the initial password: a different one later does not replace it.
    settings = Settings(
        home_dir=auth_server.home_dir,
        bolt_port=AUTH_BOLT,
        http_port=AUTH_HTTP,
        heap="512m",
        pagecache="64m",
        local_auth=True,
        local_password="a-different-password",
    )

    with pytest.raises(
        DatabaseUnavailableError, match="refused the credentials; check OFSTED_KG_LOCAL_PASSWORD"
    ):
        driver_from_settings(settings, start_local=True)
