"""Benchmark: a full ingest of the shared corpus's Ofsted reports into the local Neo4j.

    .venv/bin/python benchmarks/bench_ingest.py [--reports ../shared/corpus/ofsted-reports] [--workers 2]

Prints the extraction rate (documents per second, PDF text extraction included), the
resolve and validate time, the load rate (nodes and relationships per second) and the
total, against the target of under two minutes for all 332 reports on this machine.
Uses the server `NEO4J_URI` names, or starts the local one; the database is emptied first.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from api.settings import PROJECT_ROOT, get_settings
from graph.driver import driver_from_settings
from graph.load import ensure_schema, load_graph
from ingest.pipeline import extract_results, run_documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reports", type=Path, default=PROJECT_ROOT.parent / "shared" / "corpus" / "ofsted-reports"
    )
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    settings = get_settings()
    driver = driver_from_settings(settings, start_local=True)
    db = settings.neo4j_database
    with driver:
        with driver.session(database=db) as session:
            # CALL ... IN TRANSACTIONS needs an implicit (auto-commit) transaction.
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
        ensure_schema(driver, db)
        started = time.perf_counter()
        results = run_documents([args.reports], workers=args.workers)
        extracted = time.perf_counter()
        result = extract_results(results)
        resolved = time.perf_counter()
        stats = load_graph(driver, result.graph, db)
        loaded = time.perf_counter()
    docs = len(results)
    failed = len(result.failed)
    print(f"documents            {docs} ({failed} failed)")
    print(
        f"parse + extract      {extracted - started:7.1f} s   {docs / (extracted - started):6.1f} docs/s "
        f"({args.workers} workers)"
    )
    print(f"resolve + validate   {resolved - extracted:7.1f} s")
    print(
        f"load                 {loaded - resolved:7.1f} s   {stats.nodes} nodes, {stats.relationships} relationships, "
        f"{stats.evidence} evidence links: {stats.rate:,.0f} per second"
    )
    print(f"total                {loaded - started:7.1f} s   (target: under 120 s)")


if __name__ == "__main__":
    main()
