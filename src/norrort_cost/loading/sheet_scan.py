"""What a workbook sheet's raw XML holds that openpyxl's read-only values do not show:
formulas (and the first one never computed) and merged cells, each refused at its cell.

Used by :mod:`norrort_cost.loading.workbooks` (which re-exports :func:`merged_problem`,
:func:`first_row` and :func:`last_row`); the limits live there.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from norrort_cost.problems import Problem, problem

# openpyxl's read-only sheet (its stubs type it as the full Worksheet, without _get_source)
ReadOnlyWorksheet = Any

_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class SheetScan:
    """What a sheet's XML holds that openpyxl's read-only values do not show."""

    has_formulas: bool
    merged: tuple[str, ...]


def scan_sheet(worksheet: ReadOnlyWorksheet) -> SheetScan:
    """Whether the sheet has formulas, and its merged ranges, from its raw XML in one pass."""
    has_formulas = False
    merged: list[str] = []
    tail = b""
    for chunk in _chunks(worksheet._get_source()):
        text = tail + chunk
        has_formulas = has_formulas or _FORMULA.search(text) is not None
        merged += [m.group(1).decode() for m in _MERGE.finditer(text) if m.end() > len(tail)]
        tail = text[-200:]
    return SheetScan(has_formulas, tuple(dict.fromkeys(merged)))


def _chunks(source: IO[bytes]) -> Iterator[bytes]:
    with source:
        while chunk := source.read(_CHUNK):
            yield chunk


def uncached_formula(
    worksheet: ReadOnlyWorksheet, values: list[list[object]], file: str, source: Path | bytes
) -> Problem | None:
    """The first formula whose cached value is missing, read again with formulas shown."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    data = io.BytesIO(source) if isinstance(source, bytes) else source
    formulas = load_workbook(data, read_only=True, data_only=False)
    try:
        sheet = formulas[worksheet.title]
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            for index, cell in enumerate(row):
                known = values[number - 1] if number <= len(values) else []
                cached = known[index] if index < len(known) else None
                if isinstance(cell, str) and cell.startswith("=") and cached is None:
                    where = f"{worksheet.title}!{get_column_letter(index + 1)}{number}"
                    return _formula_problem(file, number, where, cell)
    finally:
        formulas.close()
    return None


def _formula_problem(file: str, line: int, where: str, formula: str) -> Problem:
    return problem(
        "formula-without-value",
        "the cell {where} holds the formula {formula} but no computed value",
        file=file,
        line=line,
        column=where,
        value=formula,
        hint="open the workbook in Excel or LibreOffice and save it (that stores the values)",
        where=where,
        formula=formula,
    )


def merged_problem(file: str, sheet: str, ranges: tuple[str, ...]) -> Problem:
    """The problem for merged cells in a table: only a merged range's first cell has a value."""
    first = ranges[0]
    return problem(
        "merged-cells",
        "the cells {cells} are merged: only the first of them has a value",
        file=file,
        line=first_row(first),
        column=f"{sheet}!{first}",
        value=", ".join(ranges),
        hint="unmerge the cells and write the value in each of them",
        cells=first,
    )


def first_row(cell_range: str) -> int:
    """The first row of a range such as ``B3:C4``."""
    return int(re.sub(r"[A-Z]", "", cell_range.split(":", maxsplit=1)[0]))


def last_row(cell_range: str) -> int:
    """The last row of a range such as ``B3:C4``."""
    return int(re.sub(r"[A-Z]", "", cell_range.rsplit(":", maxsplit=1)[-1]))
