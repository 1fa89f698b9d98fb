"""Neo4j Browser assets for analysts: a guide, saved queries and a GraSS stylesheet.

- `guide.html`: a Browser guide (`:play <url>`), one slide per analyst question, each
  with runnable Cypher.
- `queries.cypher`: the same questions as saved queries, one per question after a
  comment header; dropped on the Browser it becomes a favourite or fills the editor.
- `style.grass`: a colour, size and caption for every label.

The files are package data, so the API can serve them from wherever the project is
installed (`asset_path`). `saved_queries` and `guide_blocks` read the queries back, for
the tests that check each against a real database and for anything that lists them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Final

BROWSER_DIR: Final = Path(__file__).resolve().parent
GUIDE: Final = "guide.html"
SAVED_QUERIES: Final = "queries.cypher"
STYLE: Final = "style.grass"
ASSETS: Final = (GUIDE, SAVED_QUERIES, STYLE)

# Browser commands allowed among the statements of a script (`:param` sets a parameter).
BROWSER_COMMAND = re.compile(r"^:(param|params|style|play|guide|use)\b")


def asset_path(name: str) -> Path:
    """The path of one of `ASSETS`; any other name is an error (it will come from a URL)."""
    if name not in ASSETS:
        raise ValueError(f"{name!r} is not a Browser asset of the project")
    return BROWSER_DIR / name


@dataclass(frozen=True)
class SavedQuery:
    """One statement of the saved queries: its title, the rest of its header, and the text."""

    title: str
    description: str
    text: str

    @property
    def is_command(self) -> bool:
        """True for a Browser command (`:param ...`) rather than Cypher."""
        return self.text.startswith(":")


def split_statements(script: str) -> list[str]:
    """A script's statements, split at each `;` that ends a line."""
    return [part.strip() for part in re.split(r";[ \t]*$", script, flags=re.MULTILINE) if part.strip()]


def saved_queries(text: str | None = None) -> list[SavedQuery]:
    """The statements of `queries.cypher` (or of `text`), with their comment headers."""
    script = text if text is not None else asset_path(SAVED_QUERIES).read_text(encoding="utf-8")
    out: list[SavedQuery] = []
    for statement in split_statements(script):
        lines = statement.splitlines()
        header: list[str] = []
        while lines and lines[0].lstrip().startswith("//"):
            header.append(lines.pop(0).lstrip()[2:].strip())
        body = "\n".join(lines).strip()
        if not body:
            continue
        out.append(SavedQuery(header[0] if header else "", " ".join(header[1:]), body))
    return out


class _RunnableBlocks(HTMLParser):
    """Collects the text of every runnable `<pre>` (the Browser's `pre.runnable`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._depth = 0
        self._current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "pre":
            return
        classes = (dict(attrs).get("class") or "").split()
        if "runnable" in classes:
            self._depth = 1
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._depth:
            self._depth = 0
            self.blocks.append("".join(self._current).strip())

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._current.append(data)


def guide_blocks(html: str | None = None) -> list[str]:
    """The runnable blocks of `guide.html` (or of `html`), as the Browser puts them in its editor."""
    parser = _RunnableBlocks()
    parser.feed(html if html is not None else asset_path(GUIDE).read_text(encoding="utf-8"))
    parser.close()
    return parser.blocks
