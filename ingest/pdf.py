"""Read a PDF into a `ParsedDocument` whose text reads as the document's sentences.

PDFium (through pypdfium2) gives the text of each page line by line. Published reports
carry furniture that breaks sentences apart, so the lines are cleaned before they are
joined into the document's text:

- running headers and footers (lines repeated at the top or bottom of most pages) and
  page numbers are dropped;
- footnotes (small print at the foot of a page, announced by a superscript number in
  the body) are moved after the last page, and their markers taken out of the words;
- bullets drawn with private-use glyphs, or other bullet characters, become "• ";
- words hyphenated across lines are rejoined: the hyphen goes only where the document
  writes the word whole elsewhere and never with a hyphen ("assess-" + "ments"), and
  stays otherwise, as in the many compounds of the genre ("multi-agency");
- lines that wrap are joined into paragraphs, also across a page break, so that a list
  item or sentence continued on the next page reads whole. Whether a line wraps is read
  from the page's geometry: it does when the next line's first word would not have fitted
  on it, and the next line continues in the same font without extra space before it;
- ligatures, non-breaking and odd spaces and stray control characters are normalised.

Headings, list items and paragraphs each start a new line of the text. `pages` holds the
offset in the text where each page's first kept character is; footnotes follow the last
page under a "Notes" line.

    doc = parse_pdf(path.read_bytes(), source=str(path), sha256=digest, metadata=Metadata())
    second_page = doc.text[doc.pages[1] : doc.pages[2]]
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.document import Metadata, ParsedDocument, Table
from ingest.pdf_tables import FoundTable, TableReader, might_hold_tracker
from ingest.tables import TextBuilder
from schema.errors import CorruptDocumentError, EmptyDocumentError

BULLET = "•"

# Characters PDF producers use to draw bullets. Glyphs of symbol fonts (Wingdings,
# Symbol) come out as private-use code points, any of which may be a bullet: `_bulletise`
# takes the whole private-use range.
_BULLET_CHARS = frozenset("•◼◾▪■●◦▫□○◆◇➢➤►▶✓✔⚫·")
_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
        "\u00ad": "",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u2010": "-",
        "\u2011": "-",
    }
)
# A line ending in a colon: what may introduce a list.
_INTRODUCES = re.compile(r":[ \t]*\r?\n")
# The largest shape, in points, taken for a drawn list bullet.
_BULLET_MAX = 7.0
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r" {2,}")
# PDFium marks a hyphen at the end of a line with U+FFFE and drops the line break.
_PDFIUM_HYPHEN = "\ufffe"
_PAGE_NUMBER = re.compile(r"(?i)^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$")
# What starts a list item: a bullet (dashes and "o" serve for sub-lists), a number, a letter.
_MARKER = re.compile(r"^(?:•|[-–−◦o]\s|\d{1,3}\.(?:\d{1,2}\.?)?\s|\(?[a-z]\)\s|\(?[ivx]{1,4}\)\s)")
_SUPERSCRIPT = re.compile(r"(?<=[A-Za-z)’'\".,;:?!])(\d{1,2})(?=[\s.,;:)]|$)")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_HEAD_WORD = re.compile(r"\S+")
_GLUED_NUMBER = re.compile(r"^(\d{1,3}\.)(?=[A-Z‘“(])")
_FOOTNOTE_MARK = re.compile(r"\x00\d+\x00")


@dataclass
class _Line:
    """One line of a page as PDFium reads it, with where it sits and how it is set."""

    text: str
    left: float = 0.0
    right: float = 0.0
    baseline: float = 0.0
    # PDFium runs a line ending in a hyphen into the next, so a text line may span two.
    last_baseline: float = 0.0
    size: float = 0.0
    bold: bool = False
    # Width of the line's first word, to decide whether it would have fitted on the line before.
    first_word: float = 0.0
    geometry: bool = False
    trailing_space: bool = False
    drop: bool = False
    footnote: bool = False
    # A tracker table that stands where this line is, in place of the lines it covered.
    table: FoundTable | None = None


@dataclass
class _Page:
    lines: list[_Line] = field(default_factory=list)


def parse_pdf(data: bytes, *, source: str, sha256: str, metadata: Metadata) -> ParsedDocument:
    """Parse PDF bytes into a `ParsedDocument` with cleaned text and page offsets.

    Args:
        data: the file's bytes.
        source: the path or URL, used in error messages and kept on the document.
        sha256: the hex digest of `data` (the document's identity).
        metadata: what is known of the document from outside it; its `title` wins.

    Raises:
        EmptyDocumentError: the file is empty, or its pages carry no text (a scan).
        CorruptDocumentError: the bytes are not a PDF, are truncated or damaged, or the
            PDF is encrypted with a password.
    """
    _check_bytes(data, source)
    pages, pdf_title, warnings = _read_pages(data, source)
    # A scan may still carry a stray page number or two; words are what count.
    if not any(ch.isalpha() for page in pages for line in page.lines for ch in line.text):
        raise EmptyDocumentError(
            source,
            f"has {len(pages)} page(s) but no extractable text; it looks scanned and would need OCR",
        )
    _mark_furniture(pages)
    footnotes = _mark_footnotes(pages)
    text, offsets, tables = _assemble(pages, footnotes)
    title = metadata.title or _title_from_lines(pages) or pdf_title or None
    return ParsedDocument(
        source=source,
        sha256=sha256,
        format="pdf",
        text=text,
        title=title,
        tables=tuple(tables),
        pages=tuple(offsets),
        metadata=metadata,
        warnings=tuple(warnings),
    )


# ---------------------------------------------------------------------------- reading


def _check_bytes(data: bytes, source: str) -> None:
    if not data or not data.strip():
        raise EmptyDocumentError(source, "is empty (no bytes of content)")
    if b"%PDF-" not in data[:1024]:
        raise CorruptDocumentError(
            source, f"is not a PDF: it has no %PDF header and looks like {_sniff(data)}"
        )
    # A complete PDF ends with %%EOF; PDFium would repair a cut-off file and quietly
    # return whatever pages survive, so the missing trailer is reported instead.
    if b"%%EOF" not in data[-2048:]:
        raise CorruptDocumentError(source, "is truncated: the PDF has no %%EOF trailer at its end")


_SIGNATURES = (
    ((b"<!doctype html", b"<html"), "an HTML page"),
    ((b"\x89png", b"\xff\xd8\xff", b"gif8"), "an image"),
    ((b"pk\x03\x04",), "a ZIP archive (perhaps a Word or Excel file)"),
    ((b"{\\rtf",), "an RTF document"),
    ((b"\xd0\xcf\x11\xe0",), "an old Office document"),
)


def _sniff(data: bytes) -> str:
    """What bytes that are not a PDF look like, for the error message."""
    start = data.lstrip()[:16].lower()
    for prefixes, what in _SIGNATURES:
        if start.startswith(prefixes):
            return what
    try:
        data[:2048].decode("utf-8")
    except UnicodeDecodeError:
        return "binary data"
    return "plain text"


def _read_pages(data: bytes, source: str) -> tuple[list[_Page], str, list[str]]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        if err.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise CorruptDocumentError(source, "is encrypted: it needs a password to open") from err
        if err.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise CorruptDocumentError(
                source, "is encrypted with a security handler PDFium cannot open"
            ) from err
        if err.err_code == pdfium_c.FPDF_ERR_FORMAT:
            raise CorruptDocumentError(source, "is corrupt: its PDF structure cannot be read") from err
        raise CorruptDocumentError(source, f"cannot be read as a PDF ({err})") from err
    reader = TableReader(data)
    try:
        title = str(pdf.get_metadata_dict().get("Title") or "").strip()
        pages: list[_Page] = []
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as err:
                raise CorruptDocumentError(source, f"page {index + 1} is damaged ({err})") from err
            try:
                textpage = page.get_textpage()
                try:
                    lines = _page_lines(textpage, page)
                finally:
                    textpage.close()
                if might_hold_tracker("\n".join(line.text for line in lines)):
                    lines = _place_tables(lines, reader.tables(index, page.get_height()))
                pages.append(_Page(lines))
            finally:
                page.close()
    finally:
        pdf.close()
        reader.close()
    if not pages:
        raise EmptyDocumentError(source, "has no pages")
    return pages, title, [reader.problem] if reader.problem else []


def _place_tables(lines: list[_Line], tables: list[FoundTable]) -> list[_Line]:
    """The page's lines with each table's lines replaced by one line standing for the table."""
    for table in tables:
        inside = [
            i
            for i, line in enumerate(lines)
            if line.geometry
            and line.table is None
            and table.bottom - 1 <= line.baseline <= table.top + 1
            and line.left >= table.left - 1
            and line.right <= table.right + 1
        ]
        if not inside:
            continue
        at = inside[0]
        covered = set(inside)
        lines = [line for i, line in enumerate(lines) if i not in covered or i == at]
        lines[at] = _Line(text="\x00table\x00", table=table)
    return lines


def _drawn_bullets(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """The boxes of the small round or square shapes a page draws, which are list bullets.

    Browsers printing a web page, and some layout programs, draw a list's bullets as
    shapes rather than set them as characters, so the text alone loses them. Only pages
    whose text introduces something with a colon are looked at: walking every shape of
    every page would cost a report's reading a third more.
    """
    handle = page.raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    bullets = []
    for index in range(pdfium_c.FPDFPage_CountObjects(handle)):
        obj = pdfium_c.FPDFPage_GetObject(handle, index)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        width, height = right.value - left.value, top.value - bottom.value
        if 1.5 <= width <= _BULLET_MAX and 1.5 <= height <= _BULLET_MAX and 0.6 <= width / height <= 1.6:
            bullets.append((left.value, bottom.value, right.value, top.value))
    return bullets


def _after_drawn_bullet(line: _Line, bullets: list[tuple[float, float, float, float]]) -> bool:
    """Whether a drawn bullet sits just left of the line's first character, level with it."""
    reach = max(line.size, 6.0) * 2.5
    for _left, bottom, right, top in bullets:
        middle = (bottom + top) / 2
        if (
            right <= line.left
            and line.left - right <= reach
            and line.baseline - line.size * 0.2 <= middle <= line.baseline + line.size
        ):
            return True
    return False


def _page_lines(textpage: pdfium.PdfTextPage, page: pdfium.PdfPage | None = None) -> list[_Line]:
    """The page's lines, each with its extent, baseline and font, read from PDFium; a line
    after a drawn bullet (see `_drawn_bullets`) starts with the bullet character."""
    raw_text = textpage.get_text_range()
    bullets = _drawn_bullets(page) if page is not None and _INTRODUCES.search(raw_text) else []
    count = textpage.count_chars()
    # Offsets into the text are char indices only when no character took two UTF-16
    # units; otherwise the geometry is skipped and the text alone is used.
    aligned = len(raw_text) == count
    handle = textpage.raw
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    matrix = pdfium_c.FS_MATRIX()
    font_name = ctypes.create_string_buffer(128)

    def box(i: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetCharBox(handle, i, left, right, bottom, top)
        return left.value, bottom.value, right.value, top.value

    lines: list[_Line] = []
    pos = 0
    for raw_line in raw_text.split("\n"):
        length = len(raw_line) + 1
        text = raw_line.rstrip("\r")
        line = _Line(text=text, trailing_space=text.endswith((" ", "\u00a0")))
        stripped = text.strip()
        if stripped and aligned:
            first = pos + (len(text) - len(text.lstrip()))
            last = pos + len(text.rstrip()) - 1
            b_first = box(first)
            b_last = box(last)
            word = _HEAD_WORD.match(text, first - pos)
            word_end = pos + word.end() - 1 if word else first
            b_word = box(word_end) if word_end != first else b_first
            line.left = b_first[0]
            line.right = b_last[2]
            line.baseline = b_first[1]
            line.last_baseline = b_last[1]
            line.first_word = max(0.0, b_word[2] - b_first[0])
            line.size = _font_size(handle, first, matrix)
            line.bold = _is_bold(handle, first, font_name)
            line.geometry = line.right > line.left
            line.text = _strip_superscripts(text, pos, box)
            if (
                bullets
                and line.geometry
                and not _is_marker(line.text.lstrip())
                and _after_drawn_bullet(line, bullets)
            ):
                line.text = f"{BULLET} {line.text.lstrip()}"
        lines.append(line)
        pos += length
    lines = [line for line in lines if line.text.strip()]
    _attach_raised_markers(lines)
    return [line for line in lines if line.text]


def _is_bold(handle: object, index: int, name: ctypes.Array[ctypes.c_char]) -> bool:
    """Whether a character is set bold: by the font's weight, or its name when no weight is given."""
    if pdfium_c.FPDFText_GetFontWeight(handle, index) >= 600:
        return True
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(handle, index, name, len(name), ctypes.byref(flags))
    return b"bold" in name.value.lower()


def _font_size(handle: object, index: int, matrix: pdfium_c.FS_MATRIX) -> float:
    """The size a character is drawn at: its font size scaled by its text matrix.

    Some producers set every font at size 1 and scale it with the matrix, so the font size
    alone would make all text look alike.
    """
    size = float(pdfium_c.FPDFText_GetFontSize(handle, index))
    if pdfium_c.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix)):
        scale = math.hypot(matrix.c, matrix.d)
        if scale > 0:
            size *= scale
    return size


def _attach_raised_markers(lines: list[_Line]) -> None:
    """A footnote number set on its own, small and raised after a line, marks that line."""
    for prev, line in itertools.pairwise(lines):
        if not (prev.geometry and line.geometry) or not re.fullmatch(r"\d{1,2}", line.text.strip()):
            continue
        if (
            line.size < prev.size * 0.85
            and line.baseline > prev.last_baseline + 1
            and line.left >= prev.right - 2
        ):
            prev.text = prev.text.rstrip() + "\x00" + line.text.strip() + "\x00"
            line.text = ""


def _strip_superscripts(text: str, pos: int, box: Callable[[int], tuple[float, float, float, float]]) -> str:
    """Mark footnote markers (digits set above the line) so they leave the words later."""
    if not _SUPERSCRIPT.search(text):
        return text
    out: list[str] = []
    last = 0
    for m in _SUPERSCRIPT.finditer(text):
        digit = box(pos + m.start(1))
        before = box(pos + m.start(1) - 1)
        raised = digit[1] - before[1] > 1.5 and (digit[3] - digit[1]) < (before[3] - before[1]) * 0.95
        if raised or (digit[1] > before[1] + 2.5):
            out.append(text[last : m.start(1)])
            out.append("\x00" + m.group(1) + "\x00")
            last = m.end(1)
    out.append(text[last:])
    return "".join(out)


# ---------------------------------------------------------------------------- cleaning


def _shape(text: str) -> str:
    """A line's text with digits and spacing folded, to compare headers across pages."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _mark_furniture(pages: list[_Page]) -> None:
    """Drop page numbers and the running headers and footers repeated across pages."""
    edge = 3
    seen: Counter[str] = Counter()
    for page in pages:
        shapes = {_shape(line.text) for line in page.lines[:edge] + page.lines[-edge:]}
        seen.update(shapes)
    threshold = max(2, int(len(pages) * 0.4)) if len(pages) >= 2 else 2
    # Bare numbers repeat as page numbers do; they are judged by position below instead.
    repeated = {shape for shape, n in seen.items() if n >= threshold and shape.strip("# ")}
    body = _body_size(pages)
    for page in pages:
        for line in page.lines[:edge] + page.lines[-edge:]:
            # Running headers are set small; a title that repeats one in large type stays.
            if (
                line.table is None
                and _shape(line.text) in repeated
                and not (line.geometry and body and line.size > body + 0.5)
            ):
                line.drop = True
        kept = [line for line in page.lines if not line.drop]
        # A bare number is a page number only first or last on the page; further in, it
        # may be a footnote's number set on a line of its own.
        for line in kept[:1] + kept[-1:]:
            if _PAGE_NUMBER.match(line.text.strip()):
                line.drop = True


def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            if line.geometry and not line.drop:
                sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _mark_footnotes(pages: list[_Page]) -> list[str]:
    """Mark the small print at the foot of pages that superscript markers point to.

    Returns the footnotes' texts, in page order, to be placed after the last page.
    """
    body = _body_size(pages)
    notes: list[str] = []
    if not body:
        return notes
    for page in pages:
        markers = {m for line in page.lines for m in re.findall(r"\x00(\d+)\x00", line.text)}
        if not markers:
            continue
        kept = [line for line in page.lines if not line.drop]
        start = len(kept)
        # Walk up from the foot while the print is smaller than the body text.
        while start > 0 and kept[start - 1].geometry and kept[start - 1].size < body - 0.9:
            start -= 1
        block = kept[start:]
        # The notes start at the first small line that opens with a marker's number.
        while block:
            opening = re.match(r"(\d{1,2})(?:\s|$)", block[0].text.strip())
            if opening and opening.group(1) in markers:
                break
            block = block[1:]
        if not block:
            continue
        current: list[str] = []
        for line in block:
            line.footnote = True
            stripped = line.text.strip()
            m = re.match(r"(\d{1,2})(?:\s+(.*))?$", stripped)
            if m and m.group(1) in markers:
                if current:
                    notes.append(" ".join(current))
                current = [f"[{m.group(1)}]"] + ([m.group(2)] if m.group(2) else [])
            else:
                current.append(stripped)
        if current:
            notes.append(" ".join(current))
    return notes


def _is_marker(text: str) -> bool:
    return bool(_MARKER.match(text))


def _bulletise(text: str) -> str:
    """Replace a leading bullet glyph (private-use or other) with the plain marker."""
    stripped = text.lstrip()
    if not stripped:
        return stripped
    first = stripped[0]
    if first in _BULLET_CHARS or "\ue000" <= first <= "\uf8ff":
        rest = stripped[1:].lstrip(" \t\u00a0")
        # A private-use glyph standing for a dash is still a list marker.
        return f"{BULLET} {rest}" if rest else BULLET
    return stripped


def _clean_line(text: str) -> str:
    text = text.translate(_TRANSLATE)
    text = _CONTROL.sub("", text)
    text = _bulletise(text)
    # A paragraph number set flush against its text ("15.Assessments") gets its space back.
    text = _GLUED_NUMBER.sub(r"\1 ", text)
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class _Layout:
    """The text column's left and right edges, the usual distance between baselines and the body size."""

    left: float
    right: float
    pitch: float
    body: float = 0.0

    def paragraph_gap(self, size: float) -> float:
        """The distance between baselines beyond which lines set at `size` belong to different blocks."""
        scale = size / self.body if self.body and size > self.body else 1.0
        return self.pitch * scale * 1.45


def _continues(prev: _Line, nxt: _Line, layout: _Layout, same_page: bool) -> bool:
    """Whether `nxt` carries on the paragraph of `prev` (its line wrapped)."""
    if _is_marker(nxt.text):
        return False
    if prev.text.strip() == BULLET:
        return True
    if not (prev.geometry and nxt.geometry):
        return prev.trailing_space and not _ends_sentence(prev.text)
    if abs(prev.size - nxt.size) > 0.6 or prev.bold != nxt.bold:
        return False
    if same_page and layout.pitch and prev.last_baseline - nxt.baseline > layout.paragraph_gap(prev.size):
        return False
    if same_page and nxt.baseline > prev.last_baseline + 1:
        # The next line sits higher: a table cell or a second column.
        return False
    # How far the line would have reached with the next line's first word on it. Glyph
    # boxes are tighter than the advances the layout engine measured, so a line counts as
    # full a little short of the column's edge.
    reach = prev.right + prev.size * 0.28 + nxt.first_word
    if reach > layout.right - prev.size:
        return True
    # Word processors leave a space at a soft wrap and rarely at a paragraph's end, which
    # settles lines that stop well into the column.
    width = max(layout.right - layout.left, 1.0)
    return prev.trailing_space and not _ends_sentence(prev.text) and reach > layout.right - 0.3 * width


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.:?!][’'\")\]]*\s*$", text))


def _runs_over_page(prev: _Line, nxt: _Line, following: _Line | None, layout: _Layout) -> bool:
    """Whether text carries on over a page break.

    A capital must follow a word or comma: a full last line before a page break may be a
    contents entry with its page number, or a row of a table. And the first line of the
    new page must not stand apart from what follows it, as a heading does.
    """
    if nxt.text[:1].islower():
        return True
    if following is not None and nxt.geometry and following.geometry:
        if following.bold != nxt.bold or abs(following.size - nxt.size) > 0.6:
            return False
        if (
            layout.pitch
            and nxt.last_baseline - following.baseline > layout.paragraph_gap(nxt.size)
            and len(nxt.text) < 60
        ):
            return False
    return bool(re.search(r"[a-z,;(–-]$", prev.text))


def _layout(pages: list[_Page]) -> _Layout:
    """Measure the text column and the line pitch over the whole document."""
    body = [line for page in pages for line in page.lines if line.geometry and not line.drop]
    if not body:
        return _Layout(0.0, 0.0, 0.0)
    rights = sorted(line.right for line in body)
    lefts = sorted(line.left for line in body)
    right = rights[int(len(rights) * 0.97)] if len(rights) > 30 else rights[-1]
    left = lefts[int(len(lefts) * 0.05)] if len(lefts) > 30 else lefts[0]
    gaps: list[float] = []
    for page in pages:
        kept = [line for line in page.lines if line.geometry and not line.drop and not line.footnote]
        for a, b in itertools.pairwise(kept):
            d = a.last_baseline - b.baseline
            if 0 < d < a.size * 3:
                gaps.append(round(d, 1))
    # The lower quartile: the distance between lines of one paragraph, which paragraph
    # and heading spacing (the larger gaps) cannot pull up.
    pitch = statistics.quantiles(gaps, n=4)[0] if len(gaps) > 3 else (min(gaps) if gaps else 0.0)
    return _Layout(left, right, pitch, _body_size(pages))


def _assemble(pages: list[_Page], footnotes: list[str]) -> tuple[str, list[int], list[Table]]:
    layout = _layout(pages)
    kept_pages = [[line for line in page.lines if not line.drop and not line.footnote] for page in pages]
    vocabulary = _vocabulary(kept_pages)
    out = TextBuilder()
    offsets: list[int] = []
    prev: _Line | None = None
    prev_page = -1
    # A table's rows waiting to be written: a table that runs over a page break goes on
    # with the next page's first table of as many columns.
    pending: list[tuple[str, ...]] = []

    def flush() -> None:
        if pending:
            out.table(f"table {len(out.tables) + 1}", [list(row) for row in pending])
            pending.clear()

    for index, lines in enumerate(kept_pages):
        page_start: int | None = None
        for position, line in enumerate(lines):
            if line.table is not None:
                rows = list(line.table.rows)
                if pending and prev is None and len(rows[0]) == len(pending[0]):
                    # the header repeated at the top of the page is not a row
                    pending.extend(rows[1:] if rows[0] == pending[0] else rows)
                else:
                    flush()
                    pending.extend(rows)
                if page_start is None:
                    page_start = out.length
                prev = None
                continue
            line.text = _clean_line(_join_hyphens(_FOOTNOTE_MARK.sub("", line.text), vocabulary))
            if not line.text:
                continue
            if pending:
                flush()
            following = lines[position + 1] if position + 1 < len(lines) else None
            if prev is None:
                sep = "" if not out.length or out.text.endswith("\n") else "\n"
            elif prev.text.endswith("-") and _joins_hyphen(prev.text, line.text, vocabulary):
                if _drop_hyphen(prev.text, line.text, vocabulary):
                    out.parts[-1] = out.parts[-1][:-1]
                    out.length -= 1
                sep = ""
            elif _continues(prev, line, layout, prev_page == index) and (
                prev_page == index or _runs_over_page(prev, line, following, layout)
            ):
                sep = " "
            else:
                sep = "\n"
            out.write(sep)
            if page_start is None:
                page_start = out.length
            out.write(line.text)
            prev, prev_page = line, index
        offsets.append(page_start if page_start is not None else out.length)
    flush()
    if footnotes:
        notes = "\n".join(_clean_line(note) for note in footnotes)
        out.write("\n\nNotes\n" + notes)
    return out.text, offsets, out.tables


def _vocabulary(pages: list[list[_Line]]) -> Counter[str]:
    """Lower-cased words of the document, hyphenated compounds kept whole."""
    counts: Counter[str] = Counter()
    for lines in pages:
        for line in lines:
            counts.update(w.lower() for w in _WORD.findall(line.text))
    return counts


def _hyphen_choice(left: str, right: str, vocabulary: Counter[str]) -> str:
    """'-' to keep the hyphen between two word parts, '' to write them as one word."""
    joined = (left + right).lower()
    hyphenated = f"{left}-{right}".lower()
    if vocabulary.get(joined, 0) > 0 and vocabulary.get(hyphenated, 0) == 0:
        return ""
    return "-"


def _join_hyphens(text: str, vocabulary: Counter[str]) -> str:
    if _PDFIUM_HYPHEN not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        return m.group(1) + _hyphen_choice(m.group(1), m.group(2), vocabulary) + m.group(2)

    text = re.sub(r"([A-Za-z]+)\ufffe\s*([A-Za-z]+)", repl, text)
    return re.sub(r"\ufffe\s*", "-", text)


def _joins_hyphen(prev: str, nxt: str, vocabulary: Counter[str]) -> bool:
    """A line ending in a hyphen runs into the next line's first word (not '16- and 17-')."""
    if not re.search(r"[A-Za-z0-9]-$", prev):
        return False
    first = nxt.split(" ", 1)[0]
    return bool(re.match(r"[a-z0-9]", first)) and first.lower() not in {"and", "or", "to", "nor"}


def _drop_hyphen(prev: str, nxt: str, vocabulary: Counter[str]) -> bool:
    left = re.search(r"([A-Za-z]+)-$", prev)
    right = re.match(r"([A-Za-z]+)", nxt)
    if not left or not right:
        return False
    return _hyphen_choice(left.group(1), right.group(1), vocabulary) == ""


# ---------------------------------------------------------------------------- title


def _title_from_lines(pages: list[_Page]) -> str | None:
    """The first page's heading: the leading lines set larger than the body text.

    Published reports' metadata titles are mostly working titles ("Draft report"), so
    the heading on the page is preferred. The heading stops at the first line that gives
    a date or a field ("Inspection dates: ...").
    """
    body = _body_size(pages)
    lines = [line for line in pages[0].lines if not line.drop and not line.footnote]
    heading: list[str] = []
    for line in lines[:8]:
        text = _clean_line(_FOOTNOTE_MARK.sub("", line.text))
        large = line.geometry and body > 0 and line.size > body + 1.5
        if not large or ":" in text or re.search(r"\b(?:19|20)\d\d\b", text):
            if heading:
                break
            continue
        heading.append(text)
    if not heading and lines:
        heading = [_clean_line(_FOOTNOTE_MARK.sub("", lines[0].text))]
    title = " ".join(" ".join(heading).split())
    return title[:250] or None
