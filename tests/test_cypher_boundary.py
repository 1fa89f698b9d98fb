"""All Cypher lives in graph/: a MATCH, MERGE or CREATE clause anywhere else fails this test."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CYPHER = re.compile(r"""["'].*\b(MATCH|MERGE|CREATE|DETACH DELETE|UNWIND)\s*[\(\$a-z]""")


def test_no_cypher_outside_graph() -> None:
    offenders = []
    for package in ("schema", "ingest", "api"):
        for path in (ROOT / package).rglob("*.py"):
            if package == "schema" and path.name == "constraints.py":
                # Schema statements are derived from the vocabulary there and applied by graph/.
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if CYPHER.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "Cypher outside graph/:\n" + "\n".join(offenders)
