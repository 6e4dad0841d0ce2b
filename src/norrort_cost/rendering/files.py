"""Machine formats (JSON, CSV, XLSX) and writing files atomically.

Spreadsheet safety (OWASP "CSV injection"): a text cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return could run as a formula when the file is opened
in Excel or LibreOffice. Every text cell the tool writes to CSV or XLSX goes through
:func:`neutralise`, which prefixes such values with a single quote. Numbers are never
touched: in XLSX they are numeric cells, and in CSV a text that is a plain decimal
number (``-12.00``, the machine-readable amounts) is data that no spreadsheet runs, so it
stays exactly as it is for the programs that read it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

# machine columns holding decimal numbers as text; XLSX stores them as numbers
DECIMAL_COLUMNS = frozenset(
    {"amount", "share", "sek_per_inhabitant", "paid", "credited", "remaining"}
)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def neutralise(value: Any) -> Any:  # noqa: ANN401 - any cell value
    """A cell value that no spreadsheet will run as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading ``'`` unless it
    is a plain decimal number (``-12.00``); every other value is returned unchanged.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def to_json(record: Any) -> str:  # noqa: ANN401 - any JSON-ready value
    """Stable JSON: keys in schema order, UTF-8 text, two-space indent, final newline."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


EXCEL_SV = "excel-sv"
_MACHINE_DECIMAL = re.compile(r"-?\d+\.\d+")


def to_csv(rows: Sequence[dict[str, Any]], dialect: str = "machine") -> str:
    """CSV with a header, comma-delimited, dot decimals, LF line ends; formulas neutralised.

    The ``excel-sv`` dialect is what Swedish Excel opens with a double click: ``;`` between
    cells, a decimal comma, CRLF line ends (and, when written, a UTF-8 byte-order mark: see
    :func:`csv_bytes`), and in Swedish its headers and words are Swedish (``invånare``,
    ``ja``/``nej``: :mod:`norrort_cost.rendering.excel_sv`); in English the same header
    and cells as the machine dialect.
    """
    if dialect == EXCEL_SV:
        from norrort_cost.rendering.excel_sv import for_people

        people = for_people(list(rows))
        return _csv_text(people, lambda value: _swedish(neutralise(value)), ";", "\r\n")
    return _csv_text(rows, neutralise)


def dataset_csv(rows: Sequence[dict[str, Any]]) -> str:
    """A dataset's own CSV file (``population.csv``): every value exactly as it is.

    Neutralisation belongs to output meant for spreadsheets. The dataset's files are read
    back by the loader, where ``'=SCB`` would be another value than ``=SCB``.
    """
    return _csv_text(rows, lambda value: value)


def _csv_text(
    rows: Sequence[dict[str, Any]],
    cell: Callable[[Any], Any],
    delimiter: str = ",",
    line_end: str = "\n",
) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(
            buffer, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator=line_end
        )
        writer.writeheader()
        writer.writerows({k: _text(v, cell) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def _text(value: Any, cell: Callable[[Any], Any]) -> Any:  # noqa: ANN401 - any cell value
    return "true" if value is True else "false" if value is False else cell(value)


def csv_bytes(text: str, dialect: str = "machine") -> bytes:
    """The CSV's bytes: UTF-8, with a byte-order mark for Swedish Excel."""
    return ("\ufeff" if dialect == EXCEL_SV else "").encode() + text.encode()


def _swedish(value: Any) -> Any:  # noqa: ANN401 - any cell value
    """A decimal number with a comma: ``24291.03`` -> ``24291,03`` (no grouping, so Excel
    reads it as a number); any other value as it is."""
    if isinstance(value, str) and _MACHINE_DECIMAL.fullmatch(value):
        return value.replace(".", ",")
    return value


def to_xlsx(rows: Sequence[dict[str, Any]], sheet: str, notes: Sequence[str]) -> bytes:
    """An XLSX workbook: one sheet of rows (numbers as numbers) and the notes above them."""
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None  # noqa: S101 - a new workbook always has one sheet
    worksheet.title = sheet
    for note in notes:
        worksheet.append([neutralise(note)])
    if rows:
        worksheet.append([neutralise(key) for key in rows[0]])
        for row in rows:
            worksheet.append([_cell(k, v) for k, v in row.items()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fixed_zip_dates(buffer.getvalue())


def _cell(key: str, value: Any) -> Any:  # noqa: ANN401 - spreadsheet cell
    numeric = key in DECIMAL_COLUMNS or key.startswith("amount_")
    if numeric and isinstance(value, str):
        return Decimal(value) if value else None  # a document without that amount: empty
    return neutralise(value)


def fixed_zip_dates(data: bytes) -> bytes:
    """Rewrite the workbook's zip with fixed timestamps and properties, for identical bytes."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2000-01-01T00:00:00Z", content
                )
            fixed = zipfile.ZipInfo(item.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing.

    The file gets the permissions a plain write would give it: those of the file it
    replaces, or the usual ones under the process's umask (never the temporary file's 0600).
    A symbolic link is followed, like a plain write: its target gets the new content and
    the link stays a link (the temporary file is made beside the target).
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    if path.is_file():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
