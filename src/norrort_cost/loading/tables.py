"""Tables that are not CSV files: an Excel workbook's sheet, a pandas DataFrame, records.

Each becomes the same :class:`~norrort_cost.loading.csvfile.CsvTable` a CSV file does, so
the same header checks, the same models and the same problems apply. Cells keep their
type (a workbook's numbers stay numbers, a frame's ``Decimal`` stays a ``Decimal``); the
models read every amount as kronor whatever its type.

Where a problem is: in a workbook, ``line`` is the sheet's row number (the header is row
1) and the column names the cell too (``amount (Budget!C5)``); in a frame or a list of
records, ``line`` is the row's position counting from 0 (``frame.iloc[line]``) and a
problem of the header (a missing or unknown column) has no line: the header is no row.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from norrort_cost.loading.csvfile import CsvRow, CsvTable, _check_header
from norrort_cost.loading.suspicious import odd_row
from norrort_cost.loading.text import normalise
from norrort_cost.problems import Problem, problem, said

TableInput = Any
"""A pandas DataFrame, or an iterable of mappings (records) from column name to value."""


def is_blank(value: object) -> bool:
    """An empty cell: None, blank text, NaN, or pandas' NA and NaT."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in {"NAType", "NaTType"}


def _plain(value: object) -> object:
    """A cell as the models take it: text in NFC, a timestamp at midnight a date, blank None."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        return normalise(value)  # NFC, as every file is when it is read
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return value


def table_from_records(
    label: str, data: TableInput, required: tuple[str, ...], optional: tuple[str, ...]
) -> CsvTable:
    """A frame's or records' rows as a table named ``label``, located by 0-based position."""
    table = CsvTable(label)
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        header = [str(column) for column in data.columns]
        records: Iterable[Mapping[Any, object]] = data.to_dict("records")
    else:
        records = list(data)
        header = list(dict.fromkeys(str(key) for record in records for key in record))
    table.header = [normalise(column).strip().lower() for column in header]
    _check_header(table, required, optional)
    # a frame's header is not one of its rows: its problems name the column, no line
    table.problems[:] = [replace(p, line=None) for p in table.problems]
    rows = [
        (position, [_plain(record.get(key)) for key in _keys(record, header)])
        for position, record in enumerate(records)
    ]
    collect_typed_rows(table, rows)
    return table


def _keys(record: Mapping[Any, object], header: list[str]) -> list[Any]:
    """The record's own keys in header order (a frame's columns need not be text)."""
    by_text = {str(key): key for key in record}
    return [by_text.get(column) for column in header]


def collect_typed_rows(table: CsvTable, rows: list[tuple[int, list[object]]]) -> None:
    """Rows into the table, with the checks of CSV rows that make sense for typed cells.

    Blank rows at the end are dropped (a workbook's formatted but empty rows); a blank row
    between data, a repeated header and a total row are reported as in CSV.
    """
    while rows and all(cell is None for cell in rows[-1][1]):
        rows.pop()
    for line, cells in rows:
        texts = [_text(cell) for cell in cells]
        odd = odd_row(table, line, texts)
        if odd is not None:
            table.problems.append(odd)
            continue
        if all(cell is None for cell in cells):
            table.problems.append(
                problem(
                    "blank-row",
                    "an empty row between rows",
                    file=table.name,
                    line=line,
                    hint="remove it, or move notes below the data elsewhere",
                )
            )
            continue
        table.rows.append(CsvRow(line, dict(zip(table.header, cells, strict=False))))


def _text(cell: object) -> str:
    """A cell's text for the row checks (line breaks inside a workbook cell are harmless)."""
    if cell is None:
        return ""
    return str(cell).replace("\r", " ").replace("\n", " ")


def read_xlsx(
    path: Path, name: str, required: tuple[str, ...], optional: tuple[str, ...], sheet: str = ""
) -> CsvTable:
    """The first visible sheet of a workbook (or ``sheet``), its first row the header.

    Read whole (see :mod:`norrort_cost.loading.workbooks`): never to a stale stored
    dimension; merged cells and formulas without a computed value are refused.
    """
    import zipfile

    from openpyxl.utils.exceptions import InvalidFileException

    from norrort_cost.loading.workbooks import merged_problem, open_workbook, whole_rows

    table = CsvTable(name)
    try:
        workbook, refused = open_workbook(path, name)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        refused = _unreadable(name, exc)
        workbook = None
    if workbook is None:
        table.problems.extend([refused] if refused else [])
        table.usable = False
        return table
    try:
        if sheet and sheet not in workbook.sheetnames:
            table.problems.append(_missing_sheet(name, sheet, workbook.sheetnames))
            table.usable = False
            return table
        visible = [s for s in workbook.worksheets if s.sheet_state == "visible"]
        worksheet = workbook[sheet] if sheet else (visible or workbook.worksheets)[0]
        table.sheet = worksheet.title
        values, problems, merged = whole_rows(worksheet, name, path)
    finally:
        workbook.close()
    if merged:
        problems = [merged_problem(name, table.sheet, merged), *problems]
    if problems:
        table.problems.extend(problems)
        table.usable = False
        return table
    _fill(table, values, required, optional)
    return table


def _fill(
    table: CsvTable,
    values: list[list[object]],
    required: tuple[str, ...],
    optional: tuple[str, ...],
) -> None:
    if not values or all(is_blank(cell) for cell in values[0]):
        table.problems.append(
            problem(
                "empty-file",
                "{name} has no header in its first row",
                file=table.name,
                line=1 if values else None,
                hint="put the column names in row 1 and the data below",
                name=table.name,
            )
        )
        table.usable = False
        return
    header = [normalise(_text(cell)).strip().lower() for cell in values[0]]
    while header and not header[-1]:
        header.pop()  # formatted but empty columns to the right
    table.header = header
    _check_header(table, required, optional)
    rows = []
    for number, row in enumerate(values[1:], start=2):
        if beyond := _beyond_header(table, number, row):
            table.problems.append(beyond)
        else:
            rows.append((number, [_plain(cell) for cell in row[: len(header)]]))
    collect_typed_rows(table, rows)


def _beyond_header(table: CsvTable, number: int, row: list[object]) -> Problem | None:
    """A filled cell right of the header's last column (a note, or a shifted figure)."""
    width = len(table.header)
    filled = [
        index for index, cell in enumerate(row[width:], start=width + 1) if not is_blank(cell)
    ]
    if not filled:
        return None
    return problem(
        "extra-cell",
        said(
            "a value in column {column}, right of the header's {width} columns",
            column=filled[0],
            width=width,
        ),
        file=table.name,
        line=number,
        column=f"#{filled[0]}",
        value=_text(row[filled[0] - 1]),
        hint="give the column a header, or move notes to another sheet",
    )


def _unreadable(name: str, exc: Exception) -> Problem:
    return problem(
        "not-xlsx",
        "{name} cannot be read as an Excel workbook ({reason})",
        file=name,
        hint="open it in Excel and save it again as an Excel workbook (.xlsx)",
        name=name,
        reason=type(exc).__name__,
    )


def _missing_sheet(name: str, sheet: str, sheets: list[str]) -> Problem:
    return problem(
        "missing-sheet",
        "{name} has no sheet named {sheet!r}",
        file=name,
        value=sheet,
        hint=said(
            "sheets: {sheets}; correct sheet = in cooperation.toml", sheets=", ".join(sheets)
        ),
        name=name,
        sheet=sheet,
    )


def cell_reference(table: CsvTable, problem: Problem) -> Problem:
    """A workbook problem with its cell in the column: ``amount`` -> ``amount (Budget!C5)``."""
    from dataclasses import replace

    if not table.sheet or problem.line is None or problem.column is None:
        return problem  # a CSV problem: no need to load openpyxl
    from openpyxl.utils import get_column_letter

    column = problem.column
    if column in table.header:
        index = table.header.index(column) + 1
    elif column.startswith("#") and column[1:].isdigit():
        index = int(column[1:])
    else:
        return problem
    cell = f"{table.sheet}!{get_column_letter(index)}{problem.line}"
    return replace(problem, column=f"{column} ({cell})")
