"""Reading CSV files as they come from SCB and from Swedish Excel.

UTF-8 with or without a byte-order mark, Windows-1252 as a fallback; ``,``, ``;`` or tab
as delimiter (whichever the header line uses); CRLF or LF. Cells stay text: numbers and
codes are interpreted by the models, so ``0114`` keeps its leading zero.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from norrort_cost.loading.csvheader import check_header as _check_header
from norrort_cost.loading.encoding import decode_checked
from norrort_cost.loading.suspicious import DELIMITERS, mixed_delimiter, odd_row
from norrort_cost.loading.text import normalise
from norrort_cost.problems import Problem, problem, quoted, said

__all__ = ["CsvRow", "CsvTable", "_check_header", "decode", "read_bytes", "read_csv"]


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One data row: its physical line number and its cells by header name."""

    line: int
    cells: dict[str, object]  # text from CSV; typed values from a workbook or a frame


@dataclass(slots=True)
class CsvTable:
    """A CSV file read as text, with the problems met while reading it."""

    name: str
    header: list[str] = field(default_factory=list)
    rows: list[CsvRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    usable: bool = True
    delimiter: str = ","
    optional: tuple[str, ...] = ()  # columns a row may leave out at its end
    sheet: str = ""  # the sheet's name when the table comes from a workbook


def decode(data: bytes) -> str:
    """Text in NFC from bytes: UTF-8 (BOM stripped) or, failing that, Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return normalise(data[3:].decode("utf-8", errors="replace"))
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        return normalise(data.decode("cp1252", errors="replace"))


def sniff_delimiter(header_line: str) -> str:
    """The delimiter the header line uses most, outside quotes (``,`` by default)."""
    outside, quoted = [], False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(char)
    text = "".join(outside)
    counts = {d: text.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_bytes(path: Path, name: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or a problem saying why it cannot be read."""
    if not path.exists():
        return None, [
            problem(
                "missing-file",
                "{name} does not exist",
                file=name,
                hint=said("create {path}", path=str(path)),
                name=name,
            )
        ]
    try:
        return path.read_bytes(), []
    except OSError as exc:
        return None, [
            problem(
                "unreadable-file",
                "{name} cannot be read: {reason}",
                file=name,
                hint="check the file",
                name=name,
                reason=exc.strerror,
            )
        ]


def read_csv(
    path: Path, name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> CsvTable:
    """Read a CSV file, checking its header against the expected column names."""
    table = CsvTable(name, optional=optional)
    data, table.problems = read_bytes(path, name)
    if data is not None and (not_text := _not_text(data, name)):
        table.problems.append(not_text)
        data = None
    text = ""
    if data is not None:
        text, mixed = decode_checked(data, name)
        table.problems.extend([mixed] if mixed else [])
    if data is not None and not table.problems and not text.strip():
        table.problems.append(
            problem(
                "empty-file",
                "{name} is empty",
                file=name,
                hint="it needs a header line and rows",
                name=name,
            )
        )
    if table.problems:
        table.usable = False
        return table
    first_line = text.lstrip("\ufeff").splitlines()[0]
    table.delimiter = sniff_delimiter(first_line)
    rows = _numbered(text, table)
    if not rows:
        return table
    table.header = [cell.strip().lstrip("\ufeff").lower() for cell in rows[0][1]]
    _check_header(table, required, optional)
    _collect_rows(table, rows[1:])
    return table


def _not_text(data: bytes, name: str) -> Problem | None:
    """A problem if the bytes are a workbook or UTF-16 text rather than a CSV file."""
    if data.startswith(b"PK\x03\x04"):
        what, hint = "an Excel workbook (XLSX)", "in Excel: Save as > CSV UTF-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        what, hint = "UTF-16 text (Excel's 'Unicode text')", "save it as CSV UTF-8 instead"
    else:
        return None
    return problem(
        "not-csv",
        "{name} is {what}, not CSV",
        file=name,
        hint=hint,
        name=name,
        what=quoted(what),
    )


def _numbered(text: str, table: CsvTable) -> list[tuple[int, list[str]]]:
    """Rows with the physical line each starts on (quoted cells may span lines).

    A file the csv module cannot read (a cell over its 128 KiB limit, usually a quote that
    is never closed) gets a problem at the line where that row starts, and is unusable.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter)
    out = []
    start = 1
    try:
        for cells in reader:
            out.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        table.problems.append(
            problem(
                "unreadable-row",
                "the row starting here cannot be read as CSV ({reason})",
                file=table.name,
                line=start,
                hint='a quote (") opened on this line is probably not closed: close or remove it',
                reason=str(exc),
            )
        )
        table.usable = False
    return out


def _collect_rows(table: CsvTable, rows: list[tuple[int, list[str]]]) -> None:
    while rows and not any(cell.strip() for cell in rows[-1][1]):
        rows.pop()  # blank lines at the end are harmless
    width = len(table.header)
    for line, written in rows:
        cells = written
        odd = odd_row(table, line, cells)
        if odd is not None:
            table.problems.append(odd)
            continue
        if not any(cell.strip() for cell in cells):
            table.problems.append(
                problem(
                    "blank-row",
                    "an empty line between rows",
                    file=table.name,
                    line=line,
                    hint="remove it, or move notes below the data elsewhere",
                )
            )
            continue
        if len(cells) > width:
            extra = ",".join(cells[width:])
            table.problems.append(
                problem(
                    "extra-cell",
                    "{cells} cells where the header has {width}",
                    file=table.name,
                    line=line,
                    column=f"#{width + 1}",
                    value=extra,
                    hint="quote values that contain the delimiter, or remove the extra cells",
                    cells=len(cells),
                    width=width,
                )
            )
            continue
        if len(cells) < width and set(table.header[len(cells) :]) <= set(table.optional):
            cells = [*cells, *[""] * (width - len(cells))]  # optional columns left out
        if len(cells) < width and (mixed := mixed_delimiter(table, line, cells)):
            table.problems.append(mixed)
            continue
        if len(cells) < width:
            table.problems.append(
                problem(
                    "missing-cell",
                    "{cells} cells where the header has {width}",
                    file=table.name,
                    line=line,
                    column=table.header[len(cells)],
                    hint="fill in every column",
                    cells=len(cells),
                    width=width,
                )
            )
            continue
        table.rows.append(CsvRow(line, dict(zip(table.header, cells, strict=True))))
