"""Extraction quality on the shared corpus, scored by the shared scorer through the whole pipeline.

These read ../shared (skipped, saying so, in a clone without it; CI always has it).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ingest.pipeline import ExtractResult, extract_paths
from schema.vocabulary import Label, RelType

pytestmark = pytest.mark.corpus


def _scorer(shared_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", shared_dir / "eval" / "score.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up while they are built.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _score(shared_dir: Path, gold: str, result: ExtractResult, tmp_path: Path) -> dict[str, Any]:
    import yaml

    out = tmp_path / "graph.json"
    out.write_text(json.dumps(result.graph.to_json()), encoding="utf-8")
    scorer = _scorer(shared_dir)
    gold_data = yaml.safe_load((shared_dir / "eval" / "gold" / gold).read_text(encoding="utf-8"))
    report: dict[str, Any] = scorer.score(gold_data, scorer.load_graph(str(out)))
    return report


def test_seeds_overall_f1(shared_dir: Path, tmp_path: Path) -> None:
    result = extract_paths([shared_dir / "corpus" / "seeds"], workers=1)
    report = _score(shared_dir, "seeds.yaml", result, tmp_path)
    assert report["summary"]["overall_f1"] >= 0.75, report["summary"]


def test_ofsted_dev_reports(shared_dir: Path, tmp_path: Path) -> None:
    listing = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), str(shared_dir / "eval" / "gold" / "ofsted-dev.yaml"),
         "--list-documents", "--root", str(shared_dir / "corpus")],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    result = extract_paths([Path(p) for p in listing], workers=2)
    report = _score(shared_dir, "ofsted-dev.yaml", result, tmp_path)
    assert report["nodes"]["Recommendation"]["f1"] >= 0.9, report["nodes"]
    for attr in ("judgement", "start_date", "end_date"):
        got = report["attributes"][f"Inspection.{attr}"]
        assert got["correct"] >= 0.9 * got["of"], (attr, got)
    assert report["nodes"]["Council"]["f1"] >= 0.9


@pytest.fixture(scope="module")
def all_reports(shared_dir: Path) -> ExtractResult:
    return extract_paths([shared_dir / "corpus" / "ofsted-reports"], workers=2)


def _share(result: ExtractResult, missing: Callable[[str], bool]) -> float:
    readable = [d for d in result.documents if not d.error]
    return sum(1 for d in readable if missing(d.source)) / len(readable)


def test_every_readable_report_is_read_as_an_ofsted_report(all_reports: ExtractResult) -> None:
    readable = [d for d in all_reports.documents if not d.error]
    assert len(readable) >= 0.99 * len(all_reports.documents)
    assert {d.extractor for d in readable} == {"ofsted_report"}
    for failed in all_reports.failed:
        assert failed.error
        assert "PDF" in failed.error


def test_reports_name_their_council_inspection_and_recommendations(all_reports: ExtractResult) -> None:
    g = all_reports.graph
    by_document: dict[str, set[str]] = {}
    for node in g.nodes.values():
        for ev in node.evidence:
            by_document.setdefault(ev.document, set()).add(node.label)
    sources = {
        str(n.properties.get("source")): n.uid
        for n in g.with_label(Label.DOCUMENT)
        if n.properties.get("source")
    }

    def lacks(label: str) -> Callable[[str], bool]:
        return lambda source: label not in by_document.get(sources.get(source, ""), set())

    assert _share(all_reports, lacks(Label.COUNCIL)) <= 0.01
    assert _share(all_reports, lacks(Label.INSPECTION)) <= 0.01
    assert _share(all_reports, lacks(Label.RECOMMENDATION)) <= 0.03
    inspections = list(g.with_label(Label.INSPECTION))
    dated = [i for i in inspections if i.properties.get("start_date")]
    judged = [i for i in inspections if i.properties.get("judgement")]
    assert len(dated) >= 0.97 * len(inspections)
    assert len(judged) >= 0.9 * len(inspections)
    # Recurrence is there to be found: themes and close wording across inspections.
    assert sum(1 for r in g.relationships.values() if r.type == RelType.SIMILAR_TO) > 100
    assert len(list(g.with_label(Label.THEME))) >= 25
