"""Workbooks read whole and safely: the size guard, the sheet's true extent, no silent blanks.

Every workbook reader (``budget.xlsx``, ``fixed_amounts.xlsx``, an SCB export) goes through
here. Before openpyxl expands anything, the zip's own table of uncompressed sizes is checked
against :data:`LIMITS` (a 1 MB file that unpacks to a 1 GB sheet is refused at once). A
sheet's stored ``<dimension>`` is never trusted: streaming writers and scripts that append
rows leave it stale, and openpyxl's read-only mode would stop at it. A formula whose value
was never computed (no cached value: the file was written by a script, not saved by Excel)
and merged cells in the table are refused with their cell, since either would otherwise be
read as an empty cell. The limits, and the environment variables that change them
(:data:`LIMIT_VARIABLES`, applied by the command line), are documented in
``docs/input-limits.md``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from norrort_cost.loading.sheet_scan import (
    ReadOnlyWorksheet,
    first_row,
    last_row,
    merged_problem,
    scan_sheet,
    uncached_formula,
)
from norrort_cost.problems import DataError, Problem, problem

# the sheet helpers that readers (tables, SCB workbooks) import from here
__all__ = [
    "LIMITS",
    "LIMIT_VARIABLES",
    "InputLimits",
    "cube_problem",
    "current_limits",
    "file_problem",
    "first_row",
    "last_row",
    "limits_from",
    "merged_problem",
    "open_workbook",
    "whole_rows",
]

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class InputLimits:
    """How large an input may be before it is expanded (the defaults are documented)."""

    file_bytes: int = 256 * MIB  # an SCB export (CSV, PC-Axis, JSON-stat), read whole
    workbook_part_bytes: int = 32 * MIB  # one part (a sheet's XML) of an .xlsx, unpacked
    workbook_bytes: int = 64 * MIB  # all parts of an .xlsx, unpacked
    cells: int = 10_000_000  # cells of a workbook sheet or a PC-Axis / JSON-stat cube
    json_depth: int = 32  # nesting of arrays and objects in a JSON file
    number_digits: int = 40  # digits of one number in a JSON or PC-Axis file


LIMITS = InputLimits()


def current_limits() -> InputLimits:
    """The limits in force (:data:`LIMITS`, looked up at each use so a test can lower them)."""
    return LIMITS


# the environment variables that change a limit: the limit's field and the variable's unit
LIMIT_VARIABLES: dict[str, tuple[str, int]] = {
    "NORRORT_COST_MAX_FILE_MB": ("file_bytes", MIB),
    "NORRORT_COST_MAX_WORKBOOK_PART_MB": ("workbook_part_bytes", MIB),
    "NORRORT_COST_MAX_WORKBOOK_MB": ("workbook_bytes", MIB),
    "NORRORT_COST_MAX_CELLS": ("cells", 1),
    "NORRORT_COST_MAX_JSON_DEPTH": ("json_depth", 1),
    "NORRORT_COST_MAX_NUMBER_DIGITS": ("number_digits", 1),
}


def limits_from(environment: Mapping[str, str], base: InputLimits) -> InputLimits:
    """``base`` with the limits that ``environment`` sets (:data:`LIMIT_VARIABLES`).

    Each value is a whole number above 0 (MiB for the ``_MB`` ones); a variable that is
    set to anything else is a problem located at its name, every one found in one pass.
    Without any of them set, ``base`` is returned as it is.
    """
    changes: dict[str, int] = {}
    problems: list[Problem] = []
    for name, (field, unit) in LIMIT_VARIABLES.items():
        text = environment.get(name)
        if text is None:
            continue
        value = text.strip()
        if value.isascii() and value.isdigit() and len(value) <= 12 and int(value) > 0:
            changes[field] = int(value) * unit
            continue
        problems.append(
            problem(
                "invalid-number",
                "the limit {name} is not a whole number above 0",
                file=name,
                value=text,
                hint="write digits only, e.g. 512; unset the variable for the default",
                name=name,
            )
        )
    if problems:
        raise DataError(problems)
    return replace(base, **changes) if changes else base


def too_large(file: str, what: str, size: int, limit: int) -> Problem:
    """The problem for an input larger than its limit (before anything is expanded)."""
    return problem(
        "file-too-large",
        "{what} is {size} bytes, more than the limit of {limit} bytes",
        file=file,
        value=str(size),
        hint="export only the rows you need (the members' municipalities and years)",
        what=what,
        size=size,
        limit=limit,
    )


def archive_problem(
    source: IO[bytes], file: str, limits: InputLimits | None = None
) -> Problem | None:
    """A problem if the workbook's parts unpack to more than the limits, else None.

    The sizes come from the zip's central directory; Python's zip reader never unpacks more
    than a part's stated size, so a part cannot grow past what is checked here.
    """
    try:
        with zipfile.ZipFile(source) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a zip: the workbook reader says so in its own words
    finally:
        source.seek(0)
    limits = limits or current_limits()
    total = sum(part.file_size for part in parts)
    largest = max(parts, key=lambda part: part.file_size, default=None)
    if largest is not None and largest.file_size > limits.workbook_part_bytes:
        return too_large(
            file, f"{largest.filename} unpacked", largest.file_size, limits.workbook_part_bytes
        )
    if total > limits.workbook_bytes:
        return too_large(file, "the workbook unpacked", total, limits.workbook_bytes)
    return None


def open_workbook(source: Path | bytes, file: str) -> tuple[Workbook | None, Problem | None]:
    """The workbook opened read-only with cached values, after the size guard.

    ``None`` and the problem when it is too large; ``None`` and no problem when openpyxl
    cannot open it (the caller words that in its own terms, from the exception it catches
    on opening it itself).
    """
    from openpyxl import load_workbook

    stream: IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
    with stream:
        refused = archive_problem(stream, file)
    if refused is not None:
        return None, refused
    data = io.BytesIO(source) if isinstance(source, bytes) else source
    return load_workbook(data, read_only=True, data_only=True), None


def whole_rows(
    worksheet: ReadOnlyWorksheet, file: str, source: Path | bytes, limits: InputLimits | None = None
) -> tuple[list[list[object]], list[Problem], tuple[str, ...]]:
    """Every row of the sheet as values, whatever its stored dimension says.

    A formula without a cached value is refused at its cell (openpyxl would give an empty
    cell); a sheet with more than ``limits.cells`` cells is refused as it is read. The
    sheet's merged ranges come along, for the caller to judge against its table.
    """
    limits = limits or current_limits()
    worksheet.reset_dimensions()
    scan = scan_sheet(worksheet)
    values: list[list[object]] = []
    cells = 0
    for row in worksheet.iter_rows(values_only=True):
        cells += len(row)
        if cells > limits.cells:
            return [], [_too_many_cells(file, worksheet.title, limits.cells)], scan.merged
        values.append(list(row))
    if scan.has_formulas:
        uncached = uncached_formula(worksheet, values, file, source)
        if uncached is not None:
            return [], [uncached], scan.merged
    return values, [], scan.merged


def _too_many_cells(file: str, sheet: str, limit: int) -> Problem:
    return problem(
        "too-many-cells",
        "the sheet {sheet} has more than {limit} cells",
        file=file,
        column=sheet,
        hint="export only the rows you need (the members' municipalities and years)",
        sheet=sheet,
        limit=limit,
    )


def cube_problem(file: str, size: int) -> Problem | None:
    """A problem if a cube's dimensions make more cells than the limit (checked before the
    values are expanded), else None."""
    limit = current_limits().cells
    if size <= limit:
        return None
    return problem(
        "too-many-cells",
        "the table's dimensions make {size} cells, more than the limit of {limit}",
        file=file,
        value=str(size),
        hint="export only the rows you need (the members' municipalities and years)",
        size=size,
        limit=limit,
    )


def file_problem(file: str, size: int) -> Problem | None:
    """A problem if a file read whole (CSV, PC-Axis, JSON) is larger than the limit."""
    limit = current_limits().file_bytes
    return too_large(file, "the file", size, limit) if size > limit else None
