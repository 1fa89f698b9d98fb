"""Council web pages: modern.gov minutes and agenda items, news pages, report pages.

The visible text of the page's main content is kept with its block structure (one line
a paragraph, heading or list item), tables are rendered as rows and kept as `Table`s,
and the page title comes first. Site chrome (navigation, headers, footers, scripts,
forms) is dropped. A meeting's body and date, when the page's title or heading names
them ("Cabinet - Tuesday, 18th December, 2018 6.30 pm", "Minutes of the Children and
Young People's Scrutiny Panel, 12 March 2019"), fill the metadata the caller left empty.
"""

from __future__ import annotations

import re
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ingest.boards import find_meeting_heading
from ingest.dates import find_dates
from ingest.document import Metadata, ParsedDocument
from ingest.tables import TextBuilder
from ingest.textfile import decode_text, normalise_newlines
from schema.errors import EmptyDocumentError

_DROP = (
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "header", "footer", "aside", "form",
    "button", "select", "input", "textarea", "head", "object", "embed", "canvas", "map",
)  # fmt: skip
# Where councils' content management systems put the page's own content.
_MAIN = (
    "main", "[role=main]", "#modgov", ".mgContent", "#mgContent", "article", "#content", "#main-content",
    "#maincontent", ".main-content", ".content", "body",
)  # fmt: skip
_BLOCK = {
    "p", "div", "section", "article", "blockquote", "pre", "dd", "dt", "dl", "ul", "ol", "address", "figure",
    "figcaption", "main", "center", "fieldset", "hr", "body", "caption", "details", "summary",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CLASS_NOISE = re.compile(
    r"\b(?:breadcrumb|cookie|skip-?link|share|social|sidebar|menu|navigation|footer|header)\b", re.I
)
# Elements that make a table cell a piece of page layout when a cell holds several of them.
_CELL_BLOCKS = "p, div, ul, ol, h1, h2, h3, h4, h5, h6, blockquote"
# An item number alone in a cell ("23.", "4a", "(ii)"), as minutes pages lay out their items.
_ITEM_NUMBER = re.compile(r"^\(?(?:\d{1,3}[a-z]?|[ivx]{1,5}|[a-z])[.)]?$", re.I)
# A paragraph's number in an element of its own: "3.3", "12.", "(4)".
_PARAGRAPH_NUMBER = re.compile(r"\(?\d{1,3}(?:\.\d{1,3})*[.)]?")
# Separators between the parts of a page title ("Minutes - Cabinet - 8th July 2019 - X Council").
_TITLE_PARTS = re.compile(r"\s+[-–—|:]\s+")


class _Walker:
    """Writes a DOM subtree's visible text into a TextBuilder, block by block."""

    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder
        self.current: list[str] = []
        self.tables = 0
        # An item number read from a layout table's first cell, written before the next line.
        self.prefix = ""

    def flush(self) -> None:
        text = re.sub(r"[ \t]+", " ", "".join(self.current)).strip()
        self.current = []
        if text:
            self.builder.line(f"{self.prefix} {text}" if self.prefix else text)
            self.prefix = ""

    def walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag or ""
            if tag == "-text":
                self.current.append(re.sub(r"\s+", " ", normalise_newlines(child.text_content or "")))
                continue
            if tag.startswith("-") or tag in _DROP:
                continue
            if _CLASS_NOISE.search(str(child.attributes.get("class") or "")) and tag not in ("body", "main"):
                continue
            if tag == "br":
                self.flush()
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag in _HEADINGS:
                self.flush()
                self.builder.blank()
                self.walk(child)
                self.flush()
                self.builder.blank()
            elif tag == "li":
                self.flush()
                self.current.append("- ")
                self.walk(child)
                self.flush()
            elif tag in _BLOCK:
                self.flush()
                self.walk(child)
                self.flush()
                if tag in ("p", "ul", "ol"):
                    self.builder.blank()
            else:
                opens_line = not "".join(self.current).strip()
                self.walk(child)
                if opens_line and _PARAGRAPH_NUMBER.fullmatch("".join(self.current).strip()):
                    # "<span class=num>3.3</span>The report ...": the number set apart by the page's
                    # styling, not by a space
                    self.current.append(" ")

    def table(self, node: LexborNode) -> None:
        if _is_layout_table(node):
            self.layout_table(node)
            return
        rows: list[list[str]] = []
        has_th = False
        for tr in node.css("tr"):
            cells = tr.css("th, td")
            has_th = has_th or (not rows and any(c.tag == "th" for c in cells))
            rows.append(
                [re.sub(r"\s+", " ", normalise_newlines(c.text(separator=" ") or "")).strip() for c in cells]
            )
        if not any(any(r) for r in rows):
            return
        self.tables += 1
        # Layout tables (one column) are prose, not data.
        if max(len(r) for r in rows) == 1:
            for r in rows:
                if r and r[0]:
                    self.builder.line(r[0])
            return
        self.builder.table(f"table {self.tables}", rows, 0 if has_th else -1)

    def layout_table(self, node: LexborNode) -> None:
        """A table used to lay out prose (modern.gov minutes: item number, then the minute): read as text."""
        for tr in node.css("tr"):
            for cell in tr.css("th, td"):
                text = re.sub(r"\s+", " ", cell.text(separator=" ") or "").strip()
                if not text:
                    continue
                if _ITEM_NUMBER.match(text):
                    self.flush()
                    self.prefix = text
                    continue
                self.flush()
                self.walk(cell)
                self.flush()
                self.builder.blank()


def _is_layout_table(node: LexborNode) -> bool:
    """True for a table whose cells hold paragraphs of prose rather than values.

    Word exports wrap every cell's value in a paragraph, so one paragraph a cell is still
    data; a narrow table with a cell of several paragraphs or lists is page layout.
    """
    rows = node.css("tr")
    if not rows:
        return False
    width = max(len(tr.css("th, td")) for tr in rows)
    if width > 3:
        return False
    for tr in rows:
        for cell in tr.css("th, td"):
            blocks = [b for b in cell.css(_CELL_BLOCKS) if (b.text() or "").strip()]
            if len(blocks) >= 3 or len(cell.text() or "") > 600:
                return True
    return False


def _title_adds(title: str, heading: str) -> bool:
    """Whether a page title says more than the page's heading and the site's name."""
    if not heading or not title.startswith(heading):
        return True
    rest = [part for part in _TITLE_PARTS.split(title[len(heading) :]) if part.strip()]
    return len(rest) >= 2


def _meta_date(tree: LexborHTMLParser) -> str | None:
    for selector in (
        'meta[name="DC.date"]', 'meta[name="dcterms.date"]', 'meta[property="article:published_time"]',
        'meta[name="date"]', "time[datetime]",
    ):  # fmt: skip
        node = tree.css_first(selector)
        if node is None:
            continue
        value = node.attributes.get("content") or node.attributes.get("datetime") or ""
        m = re.match(r"\d{4}-\d{2}-\d{2}", value or "")
        if m:
            return m.group(0)
    return None


def parse_html(data: bytes, *, source: str, sha256: str, metadata: Metadata) -> ParsedDocument:
    """Parse a web page into its main content's text, tables and title.

    Args:
        data: the page's bytes (any encoding the page or its bytes declare).
        source: the path or URL, for messages and provenance.
        sha256: the hex digest of `data`.
        metadata: what the page does not say about itself; a meeting's body and date
            found in the page fill the fields left empty.
    """
    html, warnings = decode_text(data, source)
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    page_title = (
        re.sub(r"\s+", " ", normalise_newlines(title_node.text()) if title_node else "").strip() or None
    )
    published = _meta_date(tree)
    for selector in _DROP:
        for node in tree.css(selector):
            node.decompose()
    main = next((n for n in (tree.css_first(s) for s in _MAIN) if n is not None), None)
    builder = TextBuilder()
    first_heading = tree.css_first("h1")
    heading_text = re.sub(r"\s+", " ", first_heading.text()).strip() if first_heading is not None else ""
    # A title that only repeats the page's heading with the site's name is left out.
    if page_title and _title_adds(page_title, heading_text):
        builder.line(page_title)
        builder.blank()
    if main is not None:
        _Walker(builder).walk(main)
    text = builder.text.rstrip("\n")
    if not text.strip():
        raise EmptyDocumentError(source, "the page has no visible text")
    h1 = tree.css_first("h1")
    title = metadata.title or page_title or (h1.text().strip() if h1 else None)
    heading = find_meeting_heading(text)
    date = metadata.date or (heading.date if heading else None) or published
    if date is None and page_title:
        found = [d for d in find_dates(page_title) if d.precise]
        date = found[0].iso if found else None
    filled = replace(
        metadata, body=metadata.body or (heading.body if heading else None), date=date, title=title
    )
    return ParsedDocument(
        source=source,
        sha256=sha256,
        format="html",
        text=text,
        title=title,
        tables=tuple(builder.tables),
        metadata=filled,
        warnings=tuple(warnings),
    )
