"""SCB's Excel workbooks (.xlsx): title rows, the table, notes below; read with openpyxl.

Each worksheet is a table of cells read like a CSV file (rows are Excel's row numbers, so
every problem points at its row); the one worksheet with a header is the export, and a
workbook with tables on several sheets is refused (which one is the population is not guessed).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from norrort_cost.loading.scb.header import ColumnChoice, GridRow, is_header
from norrort_cost.problems import Problem, said


def sheet_rows(
    data: bytes, file: str, choice: ColumnChoice
) -> tuple[list[GridRow], str, list[Problem]]:
    """The rows of the workbook's first worksheet that has a header, and that sheet's name."""
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        return (
            [],
            "",
            [
                Problem(
                    file=file,
                    line=None,
                    column=None,
                    value=None,
                    code="unreadable-file",
                    message=said("the workbook cannot be opened: {reason}", reason=str(exc)),
                    hint="open it in Excel and save it again as .xlsx, or as CSV",
                )
            ],
        )
    sheets = []
    for sheet in workbook.worksheets:
        rows = [
            GridRow(number, _trimmed(values))
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
        sheets.append((sheet.title, rows))
    workbook.close()
    tables = [(title, rows) for title, rows in sheets if any(is_header(r, choice) for r in rows)]
    if len(tables) > 1:
        return [], "", [_several(file, [title for title, _ in tables])]
    title, rows = tables[0] if tables else sheets[0] if sheets else ("", [])
    return rows, title, []


def _several(file: str, titles: list[str]) -> Problem:
    return Problem(
        file=file,
        line=None,
        column=None,
        value=", ".join(titles),
        code="several-tables",
        message=said(
            "the workbook has a table on each of the sheets {sheets}; which one holds the "
            "population is not guessed",
            sheets=", ".join(titles),
        ),
        hint="delete the other sheets (or save the population sheet as CSV) and import that",
    )


def _trimmed(values: tuple[object, ...]) -> tuple[str, ...]:
    cells = [_text(value) for value in values]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _text(value: object) -> str:
    """A cell as the text a CSV export would hold (whole floats without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()
