"""What a file is, from its first bytes, and its text in the encoding it was written in.

SCB's exports come as CSV in UTF-8 (with or without a byte-order mark), Windows-1252 or
ISO-8859-1 (Windows-1252 reads both: they differ only in control characters), sometimes
UTF-16 ("Unicode text"); as Excel workbooks (.xlsx), JSON-stat 2.0 and PC-Axis (.px).
Anything else is named for what it is, so the refusal says what to do.
"""

from __future__ import annotations

from enum import StrEnum

from norrort_cost.loading.scb.csvgrid import first_lines, read_grid
from norrort_cost.loading.scb.grid import Grid

DELIMITERS = (";", ",", "\t")


class Kind(StrEnum):
    """The formats an export may come in."""

    TEXT = "CSV"
    XLSX = "Excel workbook"
    JSON = "JSON"
    PX = "PC-Axis"


# first bytes of files that are not a population export, and what to do instead
_NOT_AN_EXPORT = (
    (
        b"\xd0\xcf\x11\xe0",
        "an old Excel workbook (.xls)",
        "save it as .xlsx or CSV and import that",
    ),
    (b"%PDF", "a PDF document", "download the table as CSV, Excel or JSON-stat instead"),
    (b"PK\x03\x04", "a ZIP archive", "unpack it and import the CSV or Excel file inside"),
    (b"\x89PNG", "a PNG image", "download the table itself as CSV"),
)
_ODS = (
    b"PK\x03\x04",
    "an OpenDocument spreadsheet (.ods)",
    "save it as .xlsx or CSV and import that",
)


def sniff(data: bytes) -> tuple[Kind | None, str]:
    """The kind of export, or None and a description of what the file is instead."""
    if data.startswith(b"PK\x03\x04") and b"xl/" in data[:4096]:
        return Kind.XLSX, ""
    if data.startswith(b"PK\x03\x04") and b"opendocument.spreadsheet" in data[:4096]:
        return None, _ODS[1]
    for magic, what, _ in _NOT_AN_EXPORT:
        if data.startswith(magic):
            return None, what
    return _text_kind(decode(data[:4096]).lstrip("\ufeff \r\n\t").lower())


def _text_kind(head: str) -> tuple[Kind | None, str]:
    """The kind of a text file from its first characters."""
    if head.startswith("<"):
        return None, "a web page or XML document, not a table"
    if head.startswith(("{", "[")):
        return Kind.JSON, ""
    if head.startswith(("charset=", "axis-version=", "codepage=", "language=", "creation-date=")):
        return Kind.PX, ""
    return Kind.TEXT, ""


def advice(what: str) -> str:
    """What to do with a file that is ``what``."""
    return next(
        (hint for _, kind, hint in (*_NOT_AN_EXPORT, _ODS) if kind == what),
        "download the population table (SCB BE0101N1) as CSV, Excel or JSON-stat",
    )


def decode(data: bytes) -> str:
    """Text from bytes: UTF-16 or UTF-8 by their byte-order marks, UTF-8, or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def text_grid(text: str) -> tuple[Grid, str]:
    """The cells of a CSV text (trimmed, trailing empty cells dropped) and its delimiter."""
    delimiter = _delimiter(text)
    return read_grid(text, delimiter), delimiter


def _delimiter(text: str) -> str:
    """The delimiter on the most lines (outside quotes); ``,`` when none is used."""
    lines = [_unquoted(line) for line in first_lines(text, 400)]
    used = {d: sum(1 for line in lines if d in line) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (used[d], sum(line.count(d) for line in lines)))
    return best if used[best] else ","


def _unquoted(line: str) -> str:
    out, quoted = [], False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            out.append(char)
    return "".join(out)
