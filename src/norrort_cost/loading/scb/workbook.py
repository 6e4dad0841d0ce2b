"""SCB's Excel workbooks (.xlsx): title rows, the table, notes below; read with openpyxl.

Each worksheet is a table of cells read like a CSV file (rows are Excel's row numbers, so
every problem points at its row); the one worksheet with a header is the export, and a
workbook with tables on several sheets is refused (which one is the population is not guessed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from norrort_cost.loading.scb.header import ColumnChoice, GridRow, is_header
from norrort_cost.loading.workbooks import last_row, merged_problem
from norrort_cost.problems import Problem, problem

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook


def sheet_rows(
    data: bytes, file: str, choice: ColumnChoice
) -> tuple[list[GridRow], str, list[Problem]]:
    """The rows of the workbook's first worksheet that has a header, and that sheet's name."""
    import zipfile

    from norrort_cost.loading.workbooks import open_workbook

    try:
        workbook, refused = open_workbook(data, file)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        return [], "", [_unopened(file, exc)]
    if workbook is None:
        return [], "", [refused] if refused else []
    try:
        sheets, problems = _sheets(workbook, data, file, choice)
    finally:
        workbook.close()
    if problems:
        return [], "", problems
    tables = [s for s in sheets if s.header]
    if len(tables) > 1:
        return [], "", [_several(file, [s.title for s in tables])]
    chosen = tables[0] if tables else sheets[0] if sheets else _Sheet("", [], None, ())
    below = [r for r in chosen.merged if last_row(r) >= (chosen.header or 1)]
    if below:
        return [], "", [merged_problem(file, chosen.title, tuple(below))]
    return chosen.rows, chosen.title, []


@dataclass(frozen=True, slots=True)
class _Sheet:
    title: str
    rows: list[GridRow]
    header: int | None  # the row number of the table's header, if the sheet has one
    merged: tuple[str, ...]


def _sheets(
    workbook: Workbook, data: bytes, file: str, choice: ColumnChoice
) -> tuple[list[_Sheet], list[Problem]]:
    """Every worksheet read whole (hidden ones too: a table there is still a table)."""
    from norrort_cost.loading.workbooks import whole_rows

    sheets = []
    for sheet in workbook.worksheets:
        values, problems, merged = whole_rows(sheet, file, data)
        if problems:
            return [], problems
        rows = [GridRow(number, _trimmed(tuple(row))) for number, row in enumerate(values, start=1)]
        header = next((r.line for r in rows if is_header(r, choice)), None)
        sheets.append(_Sheet(sheet.title, rows, header, merged))
    return sheets, []


def _unopened(file: str, exc: Exception) -> Problem:
    return problem(
        "unreadable-file",
        "the workbook cannot be opened: {reason}",
        file=file,
        hint="open it in Excel and save it again as .xlsx, or as CSV",
        reason=str(exc),
    )


def _several(file: str, titles: list[str]) -> Problem:
    return problem(
        "several-tables",
        "the workbook has a table on each of the sheets {sheets}; which one holds the "
        "population is not guessed",
        file=file,
        value=", ".join(titles),
        hint="delete the other sheets (or save the population sheet as CSV) and import that",
        sheets=", ".join(titles),
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
