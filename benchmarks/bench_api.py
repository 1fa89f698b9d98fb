"""How fast the GraphQL API answers the analysts' questions, against hand-written Cypher.

With the seeds and all the Ofsted reports of ../shared/corpus ingested, each question is
sent as GraphQL over HTTP to a real uvicorn serving the API, and the equivalent
hand-written Cypher (one query returning the same facts) is sent through the driver,
alternately, from one client process. The script prints p50 and p95 latencies and the
ratio GraphQL / Cypher per question, against the targets (ratio <= 1.5, p95 <= 50 ms).
Alongside, a second server whose repository remembers each query's rows gives the floor:
what the API itself costs per question, HTTP included, with a database taking no time.

It runs the measurement twice, in child processes: with the driver's Rust extension
(`neo4j-rust-ext`) and with it blocked (the driver then falls back to its pure-Python
packstream), the server included, and prints what the extension changes.

    .venv/bin/python benchmarks/bench_api.py                 # ingest if the graph is empty
    .venv/bin/python benchmarks/bench_api.py --ingest        # (re)ingest seeds and reports first
    .venv/bin/python benchmarks/bench_api.py --runs 100 --rounds 5

The Neo4j is the one the settings name (`NEO4J_URI`, or the project's local server,
started if needed). The Cypher here is deliberately written apart from graph/: it is the
yardstick the API's own queries are measured against.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

P95_TARGET_MS = 50.0

# A large result, one row per finding: what the Rust extension speeds up is the decoding of
# what the server sends, so this shows its effect apart from everything else.
DECODE = "MATCH (f:Finding) RETURN f.uid AS uid, f.text AS text, properties(f) AS props"
RATIO_TARGET = 1.5


@dataclass(frozen=True)
class Question:
    """One analyst question, as GraphQL and as the hand-written Cypher giving the same facts."""

    name: str
    graphql: str
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)


HARINGEY = "E09000014"

QUESTIONS = (
    Question(
        "recurring at Haringey, with quotes",
        """{ recurringRecommendations(filter: {council: "Haringey", basis: [THEME]}) { nodes {
             label inspectionCount
             inspections { inspection { id year judgement } council { name } items { kind text quote } } } } }""",
        """
        MATCH (c:Council {code: $code})<-[:INSPECTED]-(i:Inspection)
        CALL (i) {
          MATCH (i)-[:RECOMMENDED|FOUND]->(x)-[:ABOUT]->(t:Theme) RETURN x, t
          UNION
          MATCH (i)<-[:RESPONDS_TO]-(:ActionPlan)-[:INCLUDES]->(x:Action)-[:ABOUT]->(t:Theme) RETURN x, t
          UNION
          MATCH (i)-[:RECOMMENDED|FOUND]->()<-[:ADDRESSES]-(x:Action)-[:ABOUT]->(t:Theme) RETURN x, t
        }
        WITH t, i, c, collect({kind: labels(x)[0], text: x.text,
             quote: head(COLLECT { MATCH (x)-[e:EVIDENCED_BY]->() RETURN e.quote ORDER BY e.start })}) AS items
        WITH t, count(i) AS inspections,
             collect({inspection: i.uid, year: i.year, judgement: i.judgement, council: c.name, items: items}) AS list
        WHERE inspections >= 2
        RETURN t.name AS label, inspections, list ORDER BY inspections DESC, label
        """,
        {"code": HARINGEY},
    ),
    Question(
        "recurring across councils, top 10",
        """{ recurringRecommendations(filter: {basis: [THEME]}, first: 10) { totalCount nodes {
             label inspectionCount councilCount recommendationCount findingCount actionCount } } }""",
        """
        MATCH (c:Council)<-[:INSPECTED]-(i:Inspection)
        CALL (i) {
          MATCH (i)-[:RECOMMENDED|FOUND]->(x)-[:ABOUT]->(t:Theme) RETURN x, t
          UNION
          MATCH (i)<-[:RESPONDS_TO]-(:ActionPlan)-[:INCLUDES]->(x:Action)-[:ABOUT]->(t:Theme) RETURN x, t
          UNION
          MATCH (i)-[:RECOMMENDED|FOUND]->()<-[:ADDRESSES]-(x:Action)-[:ABOUT]->(t:Theme) RETURN x, t
        }
        WITH t, i, c, sum(CASE WHEN x:Recommendation THEN 1 ELSE 0 END) AS r,
             sum(CASE WHEN x:Finding THEN 1 ELSE 0 END) AS f, sum(CASE WHEN x:Action THEN 1 ELSE 0 END) AS a
        WITH t, count(i) AS inspections, count(DISTINCT c) AS councils, sum(r) AS recommendations,
             sum(f) AS findings, sum(a) AS actions
        WHERE inspections >= 2
        RETURN t.name AS label, inspections, councils, recommendations, findings, actions
        ORDER BY inspections DESC, councils DESC, label
        """,
    ),
    Question(
        "recurring wording across councils, top 10",
        """{ recurringRecommendations(filter: {basis: [SIMILAR_WORDING]}, first: 10) { totalCount nodes {
             label inspectionCount councilCount } } }""",
        # the clusters (connected components of SIMILAR_TO) are set on the texts at load
        """
        MATCH (c:Council)<-[:INSPECTED]-(i:Inspection)-[:RECOMMENDED|FOUND]->(x)
        WHERE x.wording_cluster IS NOT NULL
        WITH x.wording_cluster AS cluster, i, c
        WITH cluster, count(DISTINCT i) AS inspections, count(DISTINCT c) AS councils
        WHERE inspections >= 2
        WITH cluster, inspections, councils ORDER BY inspections DESC, councils DESC, cluster
        WITH collect({cluster: cluster, inspections: inspections, councils: councils}) AS groups
        UNWIND groups[..10] AS g
        // the cluster is named by its first text
        OPTIONAL MATCH (r:Recommendation {uid: g.cluster})
        OPTIONAL MATCH (f:Finding {uid: g.cluster})
        RETURN size(groups) AS total, g.inspections AS inspections, g.councils AS councils,
               coalesce(r.text, f.text) AS label
        """,
    ),
    Question(
        "action ownership at Haringey",
        """{ actionOwnership(filter: {council: "Haringey"}, first: 50) { totalCount nodes {
             ownership action { text } owners { basis board { name } plan { title } evidence { quote } } } } }""",
        """
        MATCH (c:Council {code: $code})
        CALL (c) {
          MATCH (c)<-[:INSPECTED]-(:Inspection)<-[:RESPONDS_TO]-(:ActionPlan)-[:INCLUDES]->(a:Action) RETURN a
          UNION
          MATCH (c)<-[:PART_OF]-(:Board)-[:MONITORS]->(:ActionPlan)-[:INCLUDES]->(a:Action) RETURN a
          UNION
          MATCH (c)<-[:PART_OF]-(:Board)-[:OWNS]->(a:Action) RETURN a
        }
        WITH a,
             COLLECT { MATCH (b:Board)-[o:OWNS]->(a) RETURN {board: b.name, quote: o.quote} } AS owned,
             COLLECT { MATCH (b:Board)-[m:MONITORS]->(p:ActionPlan)-[inc:INCLUDES]->(a)
                       RETURN {board: b.name, plan: p.title, quotes: [m.quote, inc.quote]} } AS inherited
        WITH a, CASE WHEN size(owned) > 0 THEN 'owned' WHEN size(inherited) > 0 THEN 'inherited'
                     ELSE 'unowned' END AS ownership,
             CASE WHEN size(owned) > 0 THEN owned ELSE inherited END AS owners
        RETURN a.text AS action, ownership, owners
        ORDER BY CASE ownership WHEN 'owned' THEN 0 WHEN 'inherited' THEN 1 ELSE 2 END, a.text
        LIMIT 50
        """,
        {"code": HARINGEY},
    ),
    Question(
        "timeline of Haringey",
        """{ timeline(council: "Haringey") { events { kind date summary node { id } } } }""",
        """
        MATCH (c:Council {code: $code})
        CALL (c) {
          MATCH (c)<-[:INSPECTED]-(i:Inspection)
          RETURN i AS n, 'inspection' AS kind, coalesce(i.start_date, i.published_date, toString(i.year)) AS date
          UNION
          MATCH (c)<-[:INSPECTED]-(:Inspection)<-[:RESPONDS_TO]-(p:ActionPlan) RETURN p AS n, 'plan' AS kind,
                p.submitted_date AS date
          UNION
          MATCH (c)<-[:PART_OF]-(:Board)-[:MONITORS]->(p:ActionPlan) RETURN p AS n, 'plan' AS kind,
                p.submitted_date AS date
          UNION
          MATCH (c)<-[:PART_OF]-(:Board)<-[:HELD_BY]-(m:Meeting) RETURN m AS n, 'meeting' AS kind, m.date AS date
          UNION
          MATCH (c)<-[:INSPECTED]-(:Inspection)<-[:RESPONDS_TO]-(:ActionPlan)-[:INCLUDES]->(a:Action)
          RETURN a AS n, 'action' AS kind, a.due_date AS date
          UNION
          MATCH (c)<-[:PART_OF]-(:Board)-[:MONITORS]->(:ActionPlan)-[:INCLUDES]->(a:Action)
          RETURN a AS n, 'action' AS kind, a.due_date AS date
        }
        WITH DISTINCT n, kind, date
        RETURN kind, date, n.uid AS id, coalesce(n.title, n.text, n.framework) AS summary
        ORDER BY date IS NULL, date, id
        """,
        {"code": HARINGEY},
    ),
    Question(
        "path from an inspection to a board",
        """{ path(from: "Council:E09000014", to: "Board:E09000014/getting-to-good-board") {
             length nodes { id } relationships { type evidence { quote } } } }""",
        """
        MATCH (a:Council {uid: $from}), (b:Board {uid: $to})
        MATCH p = shortestPath((a)-[:INSPECTED|FOUND|RECOMMENDED|RESPONDS_TO|INCLUDES|ADDRESSES|OWNS|MONITORS|
                                    PART_OF|REPORTS_TO|SERVES|MEMBER_OF|CHAIRS|LEADS|ABOUT|SIMILAR_TO|HELD_BY|
                                    CONSIDERED*..4]-(b))
        RETURN [n IN nodes(p) | n.uid] AS nodes, [r IN relationships(p) | {type: type(r), quote: r.quote}] AS rels
        """,
        {"from": f"Council:{HARINGEY}", "to": f"Board:{HARINGEY}/getting-to-good-board"},
    ),
    Question(
        "neighbourhood of Haringey, depth 2",
        """{ neighbourhood(id: "Council:E09000014", depth: 2, limit: 50) {
             truncated nodes { id } relationships { type startId endId } } }""",
        """
        MATCH (c:Council {uid: $uid})
        // two breadth-first levels, at most 50 nodes besides the council
        CALL (c) {
          MATCH (c)-[r]-(m) WHERE type(r) <> 'EVIDENCED_BY'
          WITH DISTINCT m ORDER BY m.uid LIMIT 51 RETURN collect(m) AS first
        }
        WITH c, first[..50] AS first
        CALL (c, first) {
          UNWIND first AS f MATCH (f)-[r]-(m) WHERE type(r) <> 'EVIDENCED_BY' AND m <> c AND NOT m IN first
          WITH DISTINCT m ORDER BY m.uid LIMIT 51 RETURN collect(m) AS second
        }
        WITH [c] + first + second[..50 - size(first)] AS kept
        RETURN [n IN kept | n.uid] AS nodes, COLLECT {
          UNWIND kept AS a MATCH (a)-[r]->(b) WHERE b IN kept AND type(r) <> 'EVIDENCED_BY'
          RETURN {type: type(r), start: a.uid, end: b.uid, quote: r.quote}
        } AS rels
        """,
        {"uid": f"Council:{HARINGEY}"},
    ),
    Question(
        "search 'early help'",
        """{ search(text: "early help", first: 20) { nodes { score kind text node { id } } } }""",
        """
        CALL db.index.fulltext.queryNodes('entity_text', 'early help') YIELD node, score
        RETURN node.uid AS id, labels(node)[0] AS kind, coalesce(node.name, node.title, node.text) AS text, score
        ORDER BY score DESC, id LIMIT 20
        """,
    ),
    Question(
        "care leavers recommendations in London since 2018",
        """{ recommendations(filter: {theme: "care leavers", region: "London", from: "2018"}, first: 20) {
             totalCount nodes { text inspection { startDate council { name } } } } }""",
        """
        MATCH (c:Council)<-[:INSPECTED]-(i:Inspection)-[:RECOMMENDED]->(r:Recommendation)-[:ABOUT]->(:Theme {name: $theme})
        WHERE c.region = 'London' AND coalesce(i.start_date, i.published_date, toString(i.year)) >= '2018'
        WITH r, i, c ORDER BY coalesce(i.start_date, i.published_date) DESC, r.number, r.uid
        WITH collect({text: r.text, start: i.start_date, council: c.name}) AS rows
        RETURN size(rows) AS total, rows[..20] AS page
        """,
        {"theme": "care leavers"},
    ),
)


# The smallest GraphQL request, which reads nothing from the database, beside the smallest
# Cypher: what HTTP and GraphQL cost before any question is answered.
SMALLEST = Question("smallest request", "{ __typename }", "RETURN 1 AS one")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# Run first in a process whose driver must not use the Rust extension: importing a module
# recorded as None in sys.modules fails, so the driver takes its pure-Python path.
_BLOCK_RUST = "import sys; sys.modules['neo4j._rust'] = None\n"


# For the floor: the server's repository remembers each query's rows once read, so that
# after the warm-up GraphQL costs what the API itself costs, the database taking no time.
_MEMOISE = """
from graph.repository import GraphRepository
_read, _rows = GraphRepository._read, {}
async def _memoised(self, query, **params):
    key = (query, repr(sorted(params.items())))
    if key not in _rows:
        _rows[key] = await _read(self, query, **params)
    return _rows[key]
GraphRepository._read = _memoised
"""


def _server(port: int, rust: bool, memoised: bool = False) -> subprocess.Popen[bytes]:
    code = (
        ("" if rust else _BLOCK_RUST)
        + (_MEMOISE if memoised else "")
        + (
            "import uvicorn\n"
            "from api.app import create_app\n"
            f"uvicorn.run(create_app(), host='127.0.0.1', port={port}, log_level='warning', access_log=False)\n"
        )
    )
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)


def _connect(port: int) -> http.client.HTTPConnection:
    """A kept-alive connection to the API on `port`, once it answers."""
    deadline = time.monotonic() + 60
    while True:
        try:
            client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            client.request("GET", "/health")
            health = client.getresponse()
            health.read()
            if health.status == 200:
                return client
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("the API did not come up within 60 s")
        time.sleep(0.3)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(runs: int, rust: bool) -> dict[str, Any]:
    """Time every question both ways; the child process's job."""
    if not rust:
        sys.modules["neo4j._rust"] = None  # type: ignore[assignment]
    import neo4j

    from api.settings import get_settings

    settings = get_settings()
    # notifications off, as the API's driver has them
    driver = neo4j.GraphDatabase.driver(
        settings.bolt_uri, auth=settings.auth(), notifications_min_severity="OFF"
    )
    using_rust = "neo4j._rust" in sys.modules and sys.modules["neo4j._rust"] is not None
    port, floor_port = _free_port(), _free_port()
    servers = [_server(port, rust), _server(floor_port, rust, memoised=True)]
    results: dict[str, Any] = {"rust": using_rust, "questions": {}}
    try:
        # One kept-alive connection from the standard library's client, as the driver keeps
        # its connection: httpx alone adds about 0.3 ms a request, which is the client's
        # time, not the API's.
        client, floor_client = _connect(port), _connect(floor_port)
        headers = {"Content-Type": "application/json", "Accept": "application/json"}

        def ask_graphql(q: Question, connection: http.client.HTTPConnection | None = None) -> Any:
            connection = connection or client
            connection.request("POST", "/graphql", body=json.dumps({"query": q.graphql}), headers=headers)
            response = connection.getresponse()
            body = json.loads(response.read())
            if response.status != 200 or body.get("errors"):
                raise SystemExit(f"{q.name}: HTTP {response.status}: {body.get('errors')}")
            return body["data"]

        def ask_cypher(q: Question) -> Any:
            records, _, _ = driver.execute_query(
                q.cypher, q.params, database_=settings.neo4j_database, routing_=neo4j.RoutingControl.READ
            )
            return [r.data() for r in records]

        for q in (*QUESTIONS, SMALLEST):
            for _ in range(5):
                ask_graphql(q)
                ask_graphql(q, floor_client)
                ask_cypher(q)
            graphql_ms: list[float] = []
            floor_ms: list[float] = []
            cypher_ms: list[float] = []
            for _ in range(runs):
                started = time.perf_counter()
                ask_graphql(q)
                graphql_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                ask_cypher(q)
                cypher_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                ask_graphql(q, floor_client)
                floor_ms.append((time.perf_counter() - started) * 1000)
            timings = {"graphql": graphql_ms, "cypher": cypher_ms, "floor": floor_ms}
            if q is SMALLEST:
                results["smallest"] = timings
            else:
                results["questions"][q.name] = timings
        decode_ms = []
        for i in range(23):
            started = time.perf_counter()
            records, _, _ = driver.execute_query(DECODE, database_=settings.neo4j_database, routing_="r")
            if i >= 3:
                decode_ms.append((time.perf_counter() - started) * 1000)
        results["decode"] = {"rows": len(records), "ms": decode_ms}
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        driver.close()
    return results


def ingest(fresh: bool) -> None:
    """Ingest the seeds and every Ofsted report into the configured database."""
    from api.settings import PROJECT_ROOT, get_settings
    from graph.driver import driver_from_settings
    from graph.load import ensure_schema, load_graph
    from ingest.pipeline import extract_paths

    corpus = PROJECT_ROOT.parent / "shared" / "corpus"
    settings = get_settings()
    with driver_from_settings(settings, start_local=True) as driver:
        if fresh:
            driver.execute_query("MATCH (n) DETACH DELETE n", database_=settings.neo4j_database)
        ensure_schema(driver, settings.neo4j_database)
        started = time.perf_counter()
        result = extract_paths([corpus / "seeds", corpus / "ofsted-reports"])
        stats = load_graph(driver, result.graph, settings.neo4j_database)
        print(
            f"ingested {len(result.documents)} documents ({len(result.failed)} failed): {stats.nodes} nodes, "
            f"{stats.relationships} relationships in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )


def _inspections_loaded() -> int:
    from api.settings import get_settings
    from graph.driver import driver_from_settings

    settings = get_settings()
    with driver_from_settings(settings, start_local=True) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (i:Inspection) RETURN count(i) AS n", database_=settings.neo4j_database
        )
        return int(records[0]["n"])


def _child(runs: int, rust: bool) -> dict[str, Any]:
    args = [sys.executable, __file__, "--child", "--runs", str(runs)] + ([] if rust else ["--no-rust"])
    output = subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True, env=os.environ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def _pooled(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The timings of several rounds together, as p50 and p95 per question and way."""
    pooled: dict[str, Any] = {
        "rust": all(r["rust"] for r in results),
        "questions": {},
        "decode": {
            "rows": results[0]["decode"]["rows"],
            "p50": statistics.median(t for r in results for t in r["decode"]["ms"]),
        },
    }

    def figures(timings: list[dict[str, list[float]]]) -> dict[str, list[float]]:
        pooled_ways = {}
        for way in ("graphql", "cypher", "floor"):
            times = [t for r in timings for t in r[way]]
            pooled_ways[way] = [statistics.median(times), _percentile(times, 0.95)]
        return pooled_ways

    for name in results[0]["questions"]:
        pooled["questions"][name] = figures([r["questions"][name] for r in results])
    pooled["smallest"] = figures([r["smallest"] for r in results])
    return pooled


def report(with_rust: dict[str, Any], without_rust: dict[str, Any] | None) -> bool:
    """Print the table; True when every question meets both targets (with the extension)."""
    print(
        f"\nGraphQL over HTTP vs hand-written Cypher (ms; targets: p95 <= {P95_TARGET_MS:g}, ratio <= {RATIO_TARGET})"
    )
    print(f"driver's Rust extension in use: {with_rust['rust']}\n")
    header = (
        f"{'question':<48} {'GQL p50':>8} {'GQL p95':>8} {'Cy p50':>8} {'Cy p95':>8} {'ratio':>6}  ok"
        f"  {'floor':>6} {'f.ratio':>7} {'least':>6}"
    )
    print(header)
    print("-" * len(header))
    all_ok = True
    smallest = with_rust["smallest"]["graphql"][0]
    for name, m in with_rust["questions"].items():
        (g50, g95), (c50, c95), (f50, _) = m["graphql"], m["cypher"], m["floor"]
        ratio = g50 / c50 if c50 else float("inf")
        ok = g95 <= P95_TARGET_MS and ratio <= RATIO_TARGET
        all_ok &= ok
        print(
            f"{name:<48} {g50:8.1f} {g95:8.1f} {c50:8.1f} {c95:8.1f} {ratio:6.2f}  {'yes' if ok else 'NO ':3}"
            f" {f50:6.1f} {f50 / c50 if c50 else float('inf'):7.2f} {1 + smallest / c50 if c50 else float('inf'):6.2f}"
        )
    print(
        "\nfloor: GraphQL over HTTP from a server whose database answers take no time (each query's rows "
        "remembered after the warm-up): what the API itself adds, HTTP included. GraphQL takes about the "
        "floor plus the database's time, so where the API's queries take what the hand-written ones take, "
        f"ratio = 1 + f.ratio (floor / Cypher): above {RATIO_TARGET - 1:g}, no database work can bring a question "
        f"within the ratio target of {RATIO_TARGET}."
    )
    (s50, s95), (r50, _) = with_rust["smallest"]["graphql"], with_rust["smallest"]["cypher"]
    print(
        f"\nleast: the smallest GraphQL request ({SMALLEST.graphql}, nothing read from the database) takes "
        f"{s50:.1f} ms (p95 {s95:.1f}) over HTTP, against {r50:.1f} ms for {SMALLEST.cypher!r} through the "
        "driver. A question's GraphQL takes at least that plus its database time, so no API served this way "
        "(strawberry on FastAPI under uvicorn), however it executes its GraphQL, shows a ratio below "
        "least = 1 + smallest / Cypher."
    )
    if without_rust is not None:
        print(
            f"\nWithout the Rust extension (in use: {without_rust['rust']}): p50 ms, and the change it makes"
        )
        print(f"{'question':<48} {'GQL p50':>8} {'change':>8} {'Cy p50':>8} {'change':>8}")
        for name, m in without_rust["questions"].items():
            g_rust, c_rust = (
                with_rust["questions"][name]["graphql"][0],
                with_rust["questions"][name]["cypher"][0],
            )
            g, c = m["graphql"][0], m["cypher"][0]
            print(f"{name:<48} {g:8.1f} {(g_rust - g) / g:+8.0%} {c:8.1f} {(c_rust - c) / c:+8.0%}")
        rows, fast, slow = (
            with_rust["decode"]["rows"],
            with_rust["decode"]["p50"],
            without_rust["decode"]["p50"],
        )
        print(
            f"\nreading {rows} rows through the driver: {fast:.1f} ms with the extension, {slow:.1f} ms without "
            f"({(fast - slow) / slow:+.0%})"
        )
    return all_ok


def main() -> None:
    """Ingest if needed, measure with and without the Rust extension, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--runs", type=int, default=50, help="timed runs per question, way and round (default 50)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds, each with and without the Rust extension in turn, so that the load of a shared machine "
        "weighs on both alike (default 3)",
    )
    parser.add_argument("--ingest", action="store_true", help="ingest the seeds and the reports first")
    parser.add_argument("--fresh", action="store_true", help="with --ingest: empty the database first")
    parser.add_argument("--no-rust-comparison", action="store_true", help="measure with the extension only")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-rust", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.runs, rust=not args.no_rust)))
        return
    if args.ingest or _inspections_loaded() < 300:
        ingest(args.fresh)
    rust_rounds: list[dict[str, Any]] = []
    plain_rounds: list[dict[str, Any]] = []
    for _ in range(args.rounds):
        rust_rounds.append(_child(args.runs, rust=True))
        if not args.no_rust_comparison:
            plain_rounds.append(_child(args.runs, rust=False))
    ok = report(_pooled(rust_rounds), _pooled(plain_rounds) if plain_rounds else None)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
