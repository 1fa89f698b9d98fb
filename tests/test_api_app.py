"""The FastAPI app: health, CORS, and `ofsted-kg serve` running a real uvicorn."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator

import httpx
import neo4j
import pytest
import pytest_asyncio
import typer
from test_api_support import api_client, load_invented_graph
from typer.testing import CliRunner

from api.cli_serve import serve
from api.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.neo4j


@pytest_asyncio.fixture(scope="module")
async def client(neo4j_settings: Settings, driver: neo4j.Driver) -> AsyncIterator[httpx.AsyncClient]:
    load_invented_graph(driver, neo4j_settings.neo4j_database)
    async with api_client(neo4j_settings, cors_origins=["https://analysts.example"]) as c:
        yield c


async def test_health_reports_neo4j_up(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"]["state"] == "up"
    assert body["neo4j"]["version"].startswith("5.")


async def test_cors_allows_the_configured_origins_only(client: httpx.AsyncClient) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = await client.options("/graphql", headers={"Origin": "https://analysts.example", **preflight})
    assert allowed.headers.get("access-control-allow-origin") == "https://analysts.example"
    refused = await client.options("/graphql", headers={"Origin": "https://elsewhere.example", **preflight})
    assert "access-control-allow-origin" not in refused.headers


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_runs_the_api_over_http(neo4j_settings: Settings, driver: neo4j.Driver) -> None:
    load_invented_graph(driver, neo4j_settings.neo4j_database)
    port = _free_port()
    env = {
        **os.environ,
        "NEO4J_URI": neo4j_settings.bolt_uri,
        "NEO4J_DATABASE": neo4j_settings.neo4j_database,
    }
    auth = neo4j_settings.auth()
    if auth:
        env.update(NEO4J_USERNAME=auth[0], NEO4J_PASSWORD=auth[1])
    code = f"from api.cli_serve import serve; serve(host='127.0.0.1', port={port})"
    server = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"{base}/health", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.3)
        assert health.json()["neo4j"]["state"] == "up"
        answer = httpx.post(f"{base}/graphql", json={"query": "{ councils { totalCount } }"}, timeout=30)
        assert answer.json()["data"] == {"councils": {"totalCount": 2}}
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    output = server.stdout.read().decode() if server.stdout else ""
    assert f"GraphQL API at http://127.0.0.1:{port}/graphql" in output


def test_serve_is_a_typer_command_with_host_and_port() -> None:
    app = typer.Typer()
    app.command()(serve)
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "--host" in result.output
    assert "--port" in result.output
