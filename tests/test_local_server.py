"""The local Neo4j: fetching, starting, reusing, stopping, restarting, and every way to fail.

These tests start real servers of their own, on ports apart from the session's and from
Neo4j's defaults, each in a temporary home folder, and stop every one they start.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from neo4j import GraphDatabase
from typer.testing import CliRunner

from api.cli_neo4j import EXIT_NOT_RUNNING, neo4j_app
from api.settings import Settings, get_settings
from graph import local_server
from graph.local_server import LocalServerConfig, ServerStatus
from schema.errors import (
    JarFetchError,
    JavaNotFoundError,
    LocalServerError,
    PortInUseError,
    StartTimeoutError,
)

LIFECYCLE_BOLT, LIFECYCLE_HTTP = 27687, 27474
TIMEOUT_BOLT, TIMEOUT_HTTP = 27689, 27476
FAILING_BOLT, FAILING_HTTP = 27690, 27477

WRITE_PAIR = "CREATE (:LocalServerProbe)-[:LINKS]->(:LocalServerProbe)"
WRITE_MARKER = "CREATE (:LocalServerMarker {id: $id})"
READ_MARKER = "MATCH (m:LocalServerMarker {id: $id}) RETURN count(m) AS found"
DELETE_EVERYTHING = "MATCH (n) DETACH DELETE n"


def make_config(home: Path, bolt_port: int, http_port: int, **overrides: object) -> LocalServerConfig:
    """A small server in `home`, using the jars and Java the settings name."""
    settings = Settings()
    base = LocalServerConfig(
        home_dir=home,
        jars_dir=settings.jars_dir,
        java=settings.java,
        maven=settings.maven,
        bolt_port=bolt_port,
        http_port=http_port,
        heap="512m",
        pagecache="64m",
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def launchers_of(home: Path) -> list[int]:
    """Pids of launcher JVMs running with this home folder."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\x00", b" ").decode()
            except OSError:
                continue
            if "Launcher.java" in command and f"--home={home}" in command:
                found.append(int(entry.name))
    return found


def run_query(config: LocalServerConfig, query: str, **parameters: object) -> list[dict[str, object]]:
    with GraphDatabase.driver(config.bolt_uri, auth=config.credentials) as driver:
        records, _, _ = driver.execute_query(query, parameters, database_=config.database)
    return [record.data() for record in records]


@pytest.fixture(scope="module")
def lifecycle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalServerConfig, ServerStatus]]:
    """A server started once for this module's lifecycle tests; each test leaves it running."""
    config = make_config(tmp_path_factory.mktemp("lifecycle-home"), LIFECYCLE_BOLT, LIFECYCLE_HTTP)
    first = local_server.start(config)
    try:
        yield config, first
    finally:
        local_server.stop(config)
        assert launchers_of(config.home_dir) == []


def test_start_serves_bolt_the_browser_and_the_query_api(
    lifecycle: tuple[LocalServerConfig, ServerStatus],
) -> None:
    config, first = lifecycle
    assert first.running
    assert not first.already_running
    assert first.start_seconds is not None
    assert first.start_seconds > 0
    assert first.bolt_uri == f"bolt://127.0.0.1:{LIFECYCLE_BOLT}"
    assert first.browser_url == f"http://127.0.0.1:{LIFECYCLE_HTTP}/browser/"
    assert local_server.bolt_answers("127.0.0.1", LIFECYCLE_BOLT)

    browser = httpx.get(first.browser_url, timeout=10)
    assert browser.status_code == 200
    assert "<title>Neo4j Browser</title>" in browser.text

    answer = httpx.post(
        f"http://127.0.0.1:{LIFECYCLE_HTTP}/db/neo4j/query/v2",
        json={"statement": "RETURN 1 AS one"},
        timeout=10,
    )
    assert answer.status_code in (200, 202)
    assert answer.json()["data"]["values"] == [[1]]

    # The server must not phone home.
    debug_log = (config.home_dir / "logs" / "debug.log").read_text(encoding="utf-8")
    assert "dbms.usage_report.enabled=false" in debug_log
    assert "client.allow_telemetry=false" in debug_log


def test_second_start_finds_the_running_server(lifecycle: tuple[LocalServerConfig, ServerStatus]) -> None:
    config, _ = lifecycle
    before = local_server.status(config)

    again = local_server.start(config)

    assert again.already_running
    assert again.pid == before.pid
    assert launchers_of(config.home_dir) == [before.pid]


def test_status_reports_addresses_store_and_counts(lifecycle: tuple[LocalServerConfig, ServerStatus]) -> None:
    config, _ = lifecycle
    run_query(config, DELETE_EVERYTHING)
    run_query(config, WRITE_PAIR)

    report = local_server.status(config)

    assert report.running
    assert report.pid == int(config.pid_file.read_text(encoding="utf-8"))
    assert report.bolt_uri == config.bolt_uri
    assert report.browser_url == config.browser_url
    assert report.store_bytes > 0
    assert (report.nodes, report.relationships) == (2, 1)


def test_stop_then_start_keeps_the_data(lifecycle: tuple[LocalServerConfig, ServerStatus]) -> None:
    config, _ = lifecycle
    marker = str(uuid.uuid4())
    run_query(config, WRITE_MARKER, id=marker)
    old_pid = local_server.status(config).pid

    stopped = local_server.stop(config)

    assert not stopped.running
    assert any("Stopped the local Neo4j" in note for note in stopped.notes)
    assert not config.pid_file.exists()
    assert not local_server.bolt_answers("127.0.0.1", LIFECYCLE_BOLT)
    assert launchers_of(config.home_dir) == []
    # The shutdown hook ran to its end: the store was closed, not abandoned.
    assert "STOPPED" in config.log_file.read_text(encoding="utf-8")
    assert not local_server.status(config).running

    restarted = local_server.start(config)

    assert restarted.running
    assert not restarted.already_running
    assert restarted.pid != old_pid
    assert run_query(config, READ_MARKER, id=marker) == [{"found": 1}]


def test_start_after_a_crash_cleans_the_stale_pid_file_and_recovers(
    lifecycle: tuple[LocalServerConfig, ServerStatus],
) -> None:
    config, _ = lifecycle
    marker = str(uuid.uuid4())
    run_query(config, WRITE_MARKER, id=marker)
    crashed_pid = local_server.status(config).pid
    assert crashed_pid is not None

    os.kill(crashed_pid, signal.SIGKILL)
    assert local_server._wait_for_exit(crashed_pid, 30)
    assert config.pid_file.exists()
    assert any("stale pid file" in note for note in local_server.status(config).notes)

    restarted = local_server.start(config)

    assert any("stale pid file" in note and str(crashed_pid) in note for note in restarted.notes)
    assert restarted.pid != crashed_pid
    assert run_query(config, READ_MARKER, id=marker) == [{"found": 1}]


def test_stop_cleans_a_stale_pid_file(tmp_path: Path) -> None:
    config = make_config(tmp_path, LIFECYCLE_BOLT, LIFECYCLE_HTTP)
    pid = dead_pid()
    config.pid_file.write_text(f"{pid}\n", encoding="utf-8")

    stopped = local_server.stop(config)

    assert not stopped.running
    assert any("stale pid file" in note and str(pid) in note for note in stopped.notes)
    assert not config.pid_file.exists()


def test_stop_when_nothing_runs_says_so(tmp_path: Path) -> None:
    stopped = local_server.stop(make_config(tmp_path, LIFECYCLE_BOLT, LIFECYCLE_HTTP))

    assert not stopped.running
    assert stopped.notes == ("No local Neo4j was running.",)


def test_missing_java_is_reported(tmp_path: Path) -> None:
    config = make_config(tmp_path, TIMEOUT_BOLT, TIMEOUT_HTTP, java=str(tmp_path / "no-such-java"))

    with pytest.raises(JavaNotFoundError, match=r"Java was not found at .*OFSTED_KG_JAVA"):
        local_server.start(config)
    assert not config.pid_file.exists()


def test_old_java_is_reported(tmp_path: Path) -> None:
    # A stand-in that answers `-version` as Java 11 does.
    old_java = tmp_path / "java"
    old_java.write_text("#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n", encoding="utf-8")
    old_java.chmod(old_java.stat().st_mode | stat.S_IXUSR)

    with pytest.raises(JavaNotFoundError, match=r"is Java 11 but Neo4j 5\.26 needs Java 17 or later"):
        local_server.java_version(str(old_java))


def test_missing_maven_is_reported(tmp_path: Path) -> None:
    config = make_config(
        tmp_path / "home",
        TIMEOUT_BOLT,
        TIMEOUT_HTTP,
        jars_dir=tmp_path / "empty-lib",
        maven=str(tmp_path / "no-such-mvn"),
    )

    with pytest.raises(JarFetchError, match=r"Maven was not found at .*OFSTED_KG_MAVEN"):
        local_server.start(config)


def test_maven_failure_carries_its_output(tmp_path: Path) -> None:
    # Offline with an empty local repository, Maven cannot even load its dependency plugin:
    # a fast, network-free stand-in for any failed download.
    config = make_config(
        tmp_path / "home",
        TIMEOUT_BOLT,
        TIMEOUT_HTTP,
        jars_dir=tmp_path / "empty-lib",
        maven_args=("-o", f"-Dmaven.repo.local={tmp_path / 'empty-repository'}"),
    )

    with pytest.raises(JarFetchError) as raised:
        local_server.fetch_jars(config)

    message = str(raised.value)
    assert message.startswith("Maven could not fetch the Neo4j jars into")
    assert "Maven's last output:" in message
    assert "offline" in message.lower()


def test_fetch_jars_does_nothing_when_the_jars_are_there(tmp_path: Path) -> None:
    for name in (
        "neo4j-5.26.30.jar",
        "neo4j-bolt-5.26.30.jar",
        "neo4j-server-5.26.30.jar",
        "neo4j-browser-5.24.0.jar",
    ):
        (tmp_path / name).touch()
    # Neither Java nor Maven may be needed when nothing is missing.
    config = make_config(
        tmp_path / "home",
        TIMEOUT_BOLT,
        TIMEOUT_HTTP,
        jars_dir=tmp_path,
        java="/no/such/java",
        maven="/no/such/mvn",
    )

    assert local_server.jars_present(config)
    assert local_server.fetch_jars(config) is False


def test_port_taken_by_another_program_is_named(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = int(squatter.getsockname()[1])
        config = make_config(tmp_path, port, free_port())

        with pytest.raises(PortInUseError) as raised:
            local_server.start(config)

    message = str(raised.value)
    assert f"Port {port} (Bolt)" in message
    assert f"(pid {os.getpid()})" in message
    assert "OFSTED_KG_BOLT_PORT" in message
    assert not config.pid_file.exists()


def test_start_timeout_stops_the_half_started_server(tmp_path: Path) -> None:
    config = make_config(tmp_path, TIMEOUT_BOLT, TIMEOUT_HTTP, start_timeout=0.5)

    with pytest.raises(StartTimeoutError, match=r"did not answer .* within 0\.5 s.*OFSTED_KG_START_TIMEOUT"):
        local_server.start(config)

    assert not config.pid_file.exists()
    assert launchers_of(config.home_dir) == []


def test_server_dying_during_start_reports_the_log_tail(tmp_path: Path) -> None:
    config = make_config(tmp_path, FAILING_BOLT, FAILING_HTTP, pagecache="plenty")

    with pytest.raises(LocalServerError) as raised:
        local_server.start(config)

    message = str(raised.value)
    assert message.startswith("The local Neo4j stopped while starting")
    assert f"The end of {config.log_file}:" in message
    assert "FAILED" in message
    assert "plenty" in message
    assert not config.pid_file.exists()
    assert launchers_of(config.home_dir) == []


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fresh settings for each command-line call, as a new process would read them."""
    monkeypatch.delenv("NEO4J_URI", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def point_cli_at(monkeypatch: pytest.MonkeyPatch, config: LocalServerConfig) -> None:
    monkeypatch.setenv("OFSTED_KG_HOME_DIR", str(config.home_dir))
    monkeypatch.setenv("OFSTED_KG_BOLT_PORT", str(config.bolt_port))
    monkeypatch.setenv("OFSTED_KG_HTTP_PORT", str(config.http_port))
    monkeypatch.setenv("OFSTED_KG_HEAP", config.heap)
    monkeypatch.setenv("OFSTED_KG_PAGECACHE", config.pagecache)
    get_settings.cache_clear()


@pytest.mark.usefixtures("cli_env")
def test_cli_start_and_status_report_the_running_server(
    lifecycle: tuple[LocalServerConfig, ServerStatus], monkeypatch: pytest.MonkeyPatch
) -> None:
    config, _ = lifecycle
    point_cli_at(monkeypatch, config)
    runner = CliRunner()

    started = runner.invoke(neo4j_app, ["start"])
    reported = runner.invoke(neo4j_app, ["status"])

    assert started.exit_code == 0, started.output
    assert "already running" in started.stdout
    assert f"Bolt:    {config.bolt_uri}" in started.stdout
    assert f"Browser: {config.browser_url}" in started.stdout
    assert reported.exit_code == 0, reported.output
    assert "is running" in reported.stdout
    assert "nodes" in reported.stdout


@pytest.mark.usefixtures("cli_env")
def test_cli_status_of_a_stopped_server_exits_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    point_cli_at(monkeypatch, make_config(tmp_path, TIMEOUT_BOLT, TIMEOUT_HTTP))

    reported = CliRunner().invoke(neo4j_app, ["status"])

    assert reported.exit_code == EXIT_NOT_RUNNING
    assert "not running" in reported.stdout


@pytest.mark.usefixtures("cli_env")
def test_cli_with_a_configured_server_starts_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    point_cli_at(monkeypatch, make_config(tmp_path / "home", TIMEOUT_BOLT, TIMEOUT_HTTP))
    closed = f"bolt://127.0.0.1:{free_port()}"
    monkeypatch.setenv("NEO4J_URI", closed)
    get_settings.cache_clear()

    started = CliRunner().invoke(neo4j_app, ["start"])

    assert started.exit_code == 1
    assert started.stderr.strip().splitlines() == [
        f"Neo4j at {closed} is unreachable; start the local server with `ofsted-kg neo4j start`, "
        "or check NEO4J_URI."
    ]
    assert "Traceback" not in started.output
    assert not (tmp_path / "home").exists()


@pytest.mark.usefixtures("cli_env")
def test_cli_failure_is_one_line_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    point_cli_at(monkeypatch, make_config(tmp_path, TIMEOUT_BOLT, TIMEOUT_HTTP))
    monkeypatch.setenv("OFSTED_KG_JAVA", str(tmp_path / "no-such-java"))
    get_settings.cache_clear()

    started = CliRunner().invoke(neo4j_app, ["start"])

    assert started.exit_code == 1
    assert len(started.stderr.strip().splitlines()) == 1
    assert "OFSTED_KG_JAVA" in started.stderr
    assert "Traceback" not in started.output
