"""Machine formats (JSON, CSV, XLSX) and writing files atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SPREADSHEET_NUMBERS = ("inhabitants", "membership_days", "days_in_year", "amount_ore")


def to_json(record: Any) -> str:  # noqa: ANN401 - any JSON-ready value
    """Stable JSON: keys in schema order, UTF-8 text, two-space indent, final newline."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """CSV with a header, comma-delimited, dot decimals, LF line ends."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(_plain(row) for row in rows)
    return buffer.getvalue()


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: ("true" if v is True else "false" if v is False else v) for k, v in row.items()}


def to_xlsx(rows: Sequence[dict[str, Any]], sheet: str, notes: Sequence[str]) -> bytes:
    """An XLSX workbook: one sheet of rows (numbers as numbers) and the notes above them."""
    from decimal import Decimal

    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None  # noqa: S101 - a new workbook always has one sheet
    worksheet.title = sheet
    for note in notes:
        worksheet.append([note])
    if rows:
        worksheet.append(list(rows[0]))
        for row in rows:
            worksheet.append([_cell(k, v, Decimal) for k, v in row.items()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_zip_dates(buffer.getvalue())


def _cell(key: str, value: Any, decimal: type) -> Any:  # noqa: ANN401 - spreadsheet cell
    numeric = key in {"amount", "share", "sek_per_inhabitant"} or key.startswith("amount_")
    if numeric and isinstance(value, str):
        return decimal(value)
    return value


def _fixed_zip_dates(data: bytes) -> bytes:
    """Rewrite the workbook's zip with fixed timestamps and properties, for identical bytes."""
    import re
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
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
