"""Plain text and Markdown documents, and the text helpers the other parsers share.

Reading text is mostly a matter of bytes: `decode_text` tells UTF-8 (with or without a
byte-order mark), UTF-16 and the Windows code pages apart, repairs UTF-8 that was decoded
as cp1252 once too often, normalises newlines, and refuses binary content. What it had to
guess or repair comes back as warnings, which end up in `ParsedDocument.warnings`.

`clean_markup` strips the inline markup that copied council pages carry (`<b>`, `**`,
Markdown headings and links) *before* the text is returned, so every offset an extractor
quotes refers to the text as returned.

Dates are read by `ingest.dates`.

    >>> doc = parse_text(b"**Haringey Council**\\r\\n\\r\\nReport for: Cabinet 16 December 2014",
    ...                  source="r.txt", sha256="0" * 64, metadata=Metadata())
    >>> doc.text
    'Haringey Council\\n\\nReport for: Cabinet 16 December 2014'
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ingest.document import Metadata, ParsedDocument, Table
from schema.errors import CorruptDocumentError, EmptyDocumentError

# ---------------------------------------------------------------------------- decoding

# Signatures of binary formats that sometimes arrive with a .txt name.
_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP container (a Word document or workbook?)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0", "an old Office (OLE) file"),
    (b"\x1f\x8b", "a gzip archive"),
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32)) | {127}
# More than this share of replacement characters and the text is not worth reading.
_HOPELESS_SHARE = 0.2
# Runs of characters that are UTF-8 bytes shown through cp1252 ("â€™" for "’", "Ã©" for "é").
_MOJIBAKE = re.compile(
    "(?:[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3})+"
)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte is NUL, as in UTF-16 text of Latin script."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.6 * half and even_nuls < 0.1 * half:
        return "utf-16-le"
    if even_nuls > 0.6 * half and odd_nuls < 0.1 * half:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> str | None:
    """Why the bytes are not text, or None when they may be."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    sample = data[:8192]
    if b"\x00" in sample:
        return "it holds NUL bytes"
    controls = sum(1 for b in sample if b in _CONTROL)
    if controls > 0.05 * len(sample):
        return f"{controls} of its first {len(sample)} bytes are control characters"
    return None


def _repair_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8 that was decoded as cp1252 (or Latin-1); returns the text and the repairs made."""
    repairs = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal repairs
        chunk = m.group(0)
        for codec in ("cp1252", "latin-1"):
            try:
                fixed = chunk.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            repairs += 1
            return fixed
        return chunk

    return _MOJIBAKE.sub(fix, text), repairs


def decode_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Text of `data` with newlines normalised, and warnings about what had to be guessed.

    Raises EmptyDocumentError when there is no text, CorruptDocumentError when the bytes
    look binary or cannot be decoded in any sensible way.
    """
    warnings: list[str] = []
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xfe\xff"):
        raise EmptyDocumentError(source, "the document is empty")
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif (utf16 := _utf16_without_bom(data)) is not None:
        text = data.decode(utf16, errors="replace")
        warnings.append(f"no byte-order mark: read as {utf16.upper()}")
    else:
        why = _looks_binary(data)
        if why:
            raise CorruptDocumentError(source, f"looks binary, not text: {why}")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_not_utf8(data, source, warnings)
    bad = text.count("\ufffd")
    if bad:
        if bad > _HOPELESS_SHARE * max(len(text), 1):
            raise CorruptDocumentError(
                source, f"cannot be decoded as text: {bad} of {len(text)} characters unreadable"
            )
        warnings.append(f"{bad} mis-encoded byte sequence(s) replaced by \ufffd")
    text, repairs = _repair_mojibake(text)
    if repairs:
        warnings.append(f"{repairs} run(s) of doubly encoded UTF-8 repaired (such as 'â€™' for '’')")
    return normalise_newlines(text), warnings


def _decode_not_utf8(data: bytes, source: str, warnings: list[str]) -> str:
    """Bytes that are not valid UTF-8: mostly-UTF-8 with a few bad bytes, or a legacy code page."""
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    # Valid multi-byte sequences alongside a few bad bytes: UTF-8 damaged in places.
    if multibyte and bad <= max(3, multibyte // 4):
        return lenient
    # English council documents that are not UTF-8 are nearly always Windows-1252; charset
    # detection on short English texts often names a neighbouring code page, so cp1252 is tried first.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        warnings.append("not UTF-8: read as cp1252")
        return text
    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "latin-1"
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError as exc:
        raise CorruptDocumentError(source, f"cannot be decoded as text (guessed {encoding})") from exc
    warnings.append(f"not UTF-8: read as {encoding}")
    return text


def normalise_newlines(text: str) -> str:
    """CRLF and CR to LF; no-break and zero-width spaces to plain ones (same length or removed)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    return re.sub("[\u200b\u200c\u200d\ufeff]", "", text)


# ---------------------------------------------------------------------------- markup noise

_INLINE_TAG = re.compile(
    r"</?(?:b|i|u|em|strong|span|font|small|big|mark|sup|sub|a|p|div)(?:\s[^<>]*)?>", re.IGNORECASE
)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_STRONG = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STAR_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_ENTITIES = {
    "&amp;": "&",
    "&nbsp;": " ",
    "&lt;": "<",
    "&gt;": ">",
    "&quot;": '"',
    "&#39;": "'",
    "&rsquo;": "’",
}


def clean_markup(text: str) -> str:
    """Text without the inline markup noise of copied pages: tags, emphasis, heading marks, link syntax.

    Line structure is kept; lines are right-trimmed and runs of blank lines shortened.
    """
    text = _BREAK_TAG.sub("\n", text)
    text = _INLINE_TAG.sub("", text)
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    text = _AUTOLINK.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub(r"\1", text)
    text = _RULE.sub("", text)
    text = _STAR_BULLET.sub(r"\1- ", text)
    text = _STRONG.sub("", text)
    text = _EMPHASIS.sub(r"\1", text)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{4,}", "\n\n\n", text)
    return text.strip("\n")


_TITLE_FIELD = re.compile(
    r"^[ \t]*(?:Title|Report title|Subject)[ \t]*:[ \t]*(\S[^\n]{2,160}?)[ \t]*$", re.I | re.M
)


def first_title_line(text: str, limit: int = 160) -> str | None:
    """A "Title:" field near the top, else the first non-empty line when it is short enough."""
    field = _TITLE_FIELD.search(text[:3000])
    if field:
        return field.group(1).strip()
    for line in text.split("\n"):
        line = line.strip(" \t-•")
        if line:
            return line if len(line) <= limit else None
    return None


# ---------------------------------------------------------------------------- the parser


_PIPE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_PIPE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")


# A header and at least two rows make a bare-pipe table.
_BARE_ROWS = 3


def _pipe_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _bare_cells(line: str) -> list[str] | None:
    """The cells of a line of a table written with bare pipes ("Ref | Action | Lead"), or None."""
    if line.count(" | ") < 2 or _PIPE_ROW.match(line):
        return None
    return [cell.strip() for cell in line.split(" | ")]


_RULE_LINE = re.compile(r"^[-+=|: \t]{3,}$")


def _wrapped_rows(block: list[str], width: int) -> list[list[str]] | None:
    """The rows of a bare-pipe table whose rows run over several lines ("1.1 | Notify the health
    team of every child coming" / "into care within one day | Head of Service | ..."): each row
    has `width` cells, and a new row starts on a new line. None when the lines do not divide so."""
    parts = re.split(r"[ \t]*\|[ \t]*", "\n".join(line.strip() for line in block))
    rows: list[list[str]] = []
    row: list[str] = []
    for i, part in enumerate(parts):
        if len(row) < width - 1:
            row.append(part)
            continue
        if i == len(parts) - 1:
            row.append(part)
            rows.append(row)
            row = []
            break
        cut = part.rfind("\n")
        if cut < 0:
            return None
        row.append(part[:cut])
        rows.append(row)
        row = [part[cut + 1 :]]
    if row or len(rows) < 2:
        return None
    cells = [[re.sub(r"\s+", " ", c).strip() for c in r] for r in rows]
    if any(not r[0] for r in cells):
        return None
    return cells


def _wrapped_table(lines: list[str], i: int, width: int) -> tuple[list[list[str]], int] | None:
    """The rows under the bare-pipe header on line `i` when they run over several lines each (and
    the line after the table), up to the next blank line; None for any other table or text."""
    if width < 3:
        return None
    j = i + 1
    if j < len(lines) and _RULE_LINE.match(lines[j].strip() or "x"):
        j += 1
    end = j
    while end < len(lines) and lines[end].strip():
        end += 1
    block = lines[j:end]
    if len(block) < 3 or all(
        (cells := _bare_cells(line)) is not None and len(cells) == width for line in block
    ):
        return None
    rows = _wrapped_rows(block, width)
    return (rows, end) if rows else None


def pipe_tables(text: str) -> tuple[str, tuple[Table, ...]]:
    """Pipe tables rendered as the other parsers render tables, with their cells' spans: Markdown's
    ("| Action | Owner |" over "|---|---|"), and the bare pipes of plain-text action logs ("Ref |
    Action | Lead | Due" over three or more lines of as many cells). Text without either comes
    back unchanged."""
    lines = text.split("\n")
    markdown = any(_PIPE_RULE.match(line) and "|" in line for line in lines)
    bare = [_bare_cells(line) for line in lines]
    wrapped: dict[int, tuple[list[list[str]], int]] = {}
    for index, cells in enumerate(bare):
        found = _wrapped_table(lines, index, len(cells)) if cells is not None else None
        if found is not None:
            wrapped[index] = found
    if (
        not markdown
        and not wrapped
        and not any(
            b is not None and all(x is not None and len(x) == len(b) for x in bare[i + 1 : i + _BARE_ROWS])
            for i, b in enumerate(bare)
        )
    ):
        return text, ()
    # Imported here: the table renderer lives with the table reader, which imports this module.
    from ingest.tables import TextBuilder

    builder = TextBuilder()
    i = 0
    while i < len(lines):
        if (
            _PIPE_ROW.match(lines[i])
            and i + 1 < len(lines)
            and _PIPE_RULE.match(lines[i + 1])
            and "|" in lines[i + 1]
        ):
            rows = [_pipe_cells(lines[i])]
            i += 2
            while i < len(lines) and _PIPE_ROW.match(lines[i]):
                rows.append(_pipe_cells(lines[i]))
                i += 1
            builder.table(f"table {len(builder.tables) + 1}", rows, 0)
            continue
        head = bare[i]
        if (
            head is not None
            and all(x is not None and len(x) == len(head) for x in bare[i + 1 : i + _BARE_ROWS])
            and i + _BARE_ROWS <= len(lines)
        ):
            rows = [head]
            i += 1
            while i < len(lines) and (cells := bare[i]) is not None and len(cells) == len(head):
                rows.append(cells)
                i += 1
            builder.table(f"table {len(builder.tables) + 1}", rows, 0)
            continue
        if i in wrapped and head is not None:
            table_rows, i = wrapped[i]
            builder.table(f"table {len(builder.tables) + 1}", [head, *table_rows], 0)
            continue
        builder.line(lines[i])
        i += 1
    return builder.text.rstrip("\n"), tuple(builder.tables)


def _parse(data: bytes, *, source: str, sha256: str, metadata: Metadata, fmt: str) -> ParsedDocument:
    raw, warnings = decode_text(data, source)
    text, tables = pipe_tables(clean_markup(raw))
    if not text.strip():
        raise EmptyDocumentError(source, "the document has no text once its markup is removed")
    return ParsedDocument(
        source=source,
        sha256=sha256,
        format=fmt,
        text=text,
        title=metadata.title or first_title_line(text),
        tables=tables,
        metadata=metadata,
        warnings=tuple(warnings),
    )


def parse_text(data: bytes, *, source: str, sha256: str, metadata: Metadata) -> ParsedDocument:
    """Parse a plain-text or Markdown document.

    The format is "markdown" when `source` ends in .md or .markdown, else "text"; both
    are cleaned of inline markup the same way, since copied council pages mix the two.

    Args:
        data: the file's bytes, in any common encoding.
        source: the path or URL, for messages and provenance.
        sha256: the hex digest of `data`.
        metadata: what the document does not say about itself.
    """
    fmt = "markdown" if source.lower().endswith((".md", ".markdown")) else "text"
    return _parse(data, source=source, sha256=sha256, metadata=metadata, fmt=fmt)


def parse_markdown(data: bytes, *, source: str, sha256: str, metadata: Metadata) -> ParsedDocument:
    """Parse a Markdown document whatever its name (see `parse_text`)."""
    return _parse(data, source=source, sha256=sha256, metadata=metadata, fmt="markdown")
