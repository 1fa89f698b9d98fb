"""Benchmark and audit: parse and extract every Ofsted report of the shared corpus.

    .venv/bin/python benchmarks/bench_extract_reports.py [PATH ...] [--workers 2] [--json OUT] [--details]

PATHs are PDF files or folders (searched recursively); by default every PDF under
`../shared/corpus/ofsted-reports`. Prints documents per second and the total time
(PDF text extraction included), then the share of reports for which the council, the
inspection's dates, framework or overall judgement, or any recommendation was not found,
each with the reasons. `--json OUT` writes the merged graph of all the reports, with a
Document node per file, in the JSON form `eval/score.py` reads; `--details` prints one
line per report.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.document import Metadata, ParsedDocument
from ingest.ofsted_report import OfstedReportExtractor
from ingest.pdf import parse_pdf
from schema.errors import DocumentError
from schema.graphdoc import GraphDoc, Node
from schema.vocabulary import Label

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REPORTS = PROJECT_ROOT.parent / "shared" / "corpus" / "ofsted-reports"
# Frameworks whose reports grade the council's services overall.
GRADED = ("SIF", "ILACS")


@dataclass
class Outcome:
    """What one report gave: its graph as JSON, or why it could not be read, and what is missing."""

    source: str
    seconds: float
    cpu: float = 0.0
    graph: dict[str, Any] | None = None
    error: str | None = None
    framework: str | None = None
    missing: dict[str, str] = field(default_factory=dict)
    recommendations: int = 0
    summary: str = ""
    earlier: str | None = None


def document_node(doc: ParsedDocument) -> Node:
    """The Document node the pipeline adds for a source file (the extractor does not)."""
    props = {
        "source": doc.source,
        "sha256": doc.sha256,
        "title": doc.title,
        "kind": "ofsted_report",
        "chars": len(doc.text),
        "extractor": OfstedReportExtractor.name,
    }
    return Node(doc.uid, (Label.DOCUMENT,), props)


def read_one(path: str) -> Outcome:
    """Parse and extract one report, and note what it lacks and why."""
    started, cpu_started = time.perf_counter(), time.process_time()
    data = Path(path).read_bytes()
    try:
        doc = parse_pdf(data, source=path, sha256=hashlib.sha256(data).hexdigest(), metadata=Metadata())
    except DocumentError as err:
        return Outcome(
            path,
            time.perf_counter() - started,
            time.process_time() - cpu_started,
            error=f"{type(err).__name__}: {err.problem}",
        )
    extractor = OfstedReportExtractor()
    graph = extractor.extract(doc)
    graph.add_node(document_node(doc))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    outcome = Outcome(path, seconds, cpu, graph=graph.to_json())
    audit(outcome, graph, doc, extractor.accepts(doc))
    return outcome


# A heading of a list of improvements, and what follows it, to say why no list was read.
_IMPROVE_HEADING = re.compile(
    r"^(?:what\s+needs\s+to\s+improve|what\s+does\s+.{1,40}\s+need\s+to\s+improve|recommendations|"
    r"areas?\s+for\s+(?:improvement|priority\s+action))\W*\n(?P<next>[^\n]*)",
    re.I | re.M,
)


def audit(outcome: Outcome, graph: GraphDoc, doc: ParsedDocument, accepted: float) -> None:
    """Fill in what the extraction missed, with a reason read from the document."""
    councils = list(graph.with_label(Label.COUNCIL))
    inspections = list(graph.with_label(Label.INSPECTION))
    recs = list(graph.with_label(Label.RECOMMENDATION))
    outcome.recommendations = len(recs)
    if accepted < 0.5:
        outcome.missing["accepted"] = "the extractor does not take it for an Ofsted report"
    if not councils:
        outcome.missing["council"] = "no council of the gazetteer named in the title or text"
    if not inspections:
        outcome.missing["inspection"] = "no inspection is read without its council"
        return
    props = inspections[0].properties
    framework = str(props.get("framework"))
    outcome.framework = framework
    if framework == "other":
        outcome.earlier = (doc.title or "untitled")[:70]
    if not props.get("start_date"):
        outcome.missing["dates"] = "no inspection dates in the opening pages"
    if not props.get("judgement") and framework in GRADED:
        if props.get("judgement_lscb") and not props.get("judgement_help_and_protection"):
            outcome.missing["judgement"] = (
                "a review of the LSCB alone: it judges the board, not the council's services"
            )
        else:
            outcome.missing["judgement"] = "no overall effectiveness grade found"
    if not recs:
        outcome.missing["recommendations"] = _why_no_recommendations(doc.text, props.get("judgement"))
    outcome.summary = (
        f"{framework:<8} {props.get('start_date') or '-':<10} {props.get('end_date') or '-':<10} "
        f"{props.get('judgement') or '-'!s:<21} recs={len(recs):<3} "
        f"findings={sum(1 for _ in graph.with_label(Label.FINDING))}"
    )


def _why_no_recommendations(text: str, judgement: object) -> str:
    heading = _IMPROVE_HEADING.search(text)
    if heading is None:
        reason = "the report has no recommendations or 'What needs to improve' section"
        if judgement == "outstanding":
            reason += " (outstanding, with nothing listed to improve)"
        return reason
    following = heading.group("next").strip()
    if following and not re.match(r"[•\-–]|\d{1,3}\.", following):
        return f"the '{heading.group(0).splitlines()[0].strip()}' section is prose, not a list"
    return "a list after the heading was not read"


def collect(paths: list[str]) -> list[str]:
    files: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(str(f) for f in sorted(path.rglob("*.pdf")))
        else:
            files.append(str(path))
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths", nargs="*", help="PDF files or folders (default: the shared corpus's reports)"
    )
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--json", type=Path, help="write the merged graph here")
    parser.add_argument("--details", action="store_true", help="one line per report")
    args = parser.parse_args()
    paths = args.paths or [str(DEFAULT_REPORTS)]
    files = collect(paths)
    if not files:
        print(f"no PDF files under {', '.join(paths)}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    if args.workers > 1:
        with ProcessPoolExecutor(args.workers) as pool:
            outcomes = list(pool.map(read_one, files, chunksize=4))
    else:
        outcomes = [read_one(f) for f in files]
    elapsed = time.perf_counter() - started

    if args.json:
        merged = GraphDoc()
        for outcome in outcomes:
            if outcome.graph is not None:
                merged.merge(GraphDoc.from_json(outcome.graph))
        args.json.write_text(json.dumps(merged.to_json(), ensure_ascii=False), encoding="utf-8")

    if args.details:
        for outcome in outcomes:
            name = "/".join(Path(outcome.source).parts[-2:])
            line = outcome.error or outcome.summary
            print(f"{name:<80} {line}")
        print()

    total = len(outcomes)
    read = [o for o in outcomes if o.error is None]
    # CPU time is what this work costs whatever else the machine runs; wall time is not.
    cpu = sum(o.cpu for o in outcomes)
    print(f"documents        {total} ({total - len(read)} could not be read)")
    print(f"total time       {elapsed:.1f} s with {args.workers} worker(s), parse and extract")
    print(f"rate             {total / elapsed:.1f} documents/s")
    print(f"cpu time         {cpu:.1f} s, {cpu / total * 1000:.0f} ms per document (parse and extract)")
    print(
        f"                 on {args.workers} cores that is {cpu / args.workers:.1f} s of wall time unshared"
    )
    print(f"recommendations  {sum(o.recommendations for o in read)}")
    print(f"frameworks       {dict(Counter(o.framework for o in read).most_common())}")
    earlier = Counter(o.earlier for o in read if o.earlier)
    for title, n in earlier.most_common():
        print(f"      {n:4d}  read as framework 'other' (an earlier framework): {title}")
    print()
    print("not found, as a share of all documents, with the reasons")
    errors = Counter(o.error for o in outcomes if o.error)
    print(f"  unreadable       {sum(errors.values()) / total:6.1%}")
    for reason, n in errors.most_common():
        print(f"      {n:4d}  {reason}")
    for key in ("accepted", "council", "dates", "judgement", "recommendations"):
        reasons = Counter(o.missing[key] for o in read if key in o.missing)
        print(f"  {key:<16} {sum(reasons.values()) / total:6.1%}")
        for reason, count in reasons.most_common():
            print(f"      {count:4d}  {reason}")
    lacking = sum(
        1
        for o in outcomes
        if o.error or {"council", "dates", "judgement", "recommendations"} & o.missing.keys()
    )
    print(
        f"  any of them      {lacking / total:6.1%}  ({lacking} of {total}: unreadable, or council, "
        "dates, judgement or recommendations not found)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
