"""Finding the header of an export: the one line that names the columns, never a data row.

A line is a header when every cell is a column name or a period, and at least one of them
says so: a known column word (``Region``, ``Kommun``, ``Män``, ``Folkmängd``, ``År``), a
month or quarter (``2019M12``), or a row of years under an empty stub (``;;2016;2017``).
Bare years must rise from left to right, or fall where a column word names the row. So
``Munkfors;1845;1818`` (men and women of a small municipality) is data: a municipality's
name is not a column word, and 1845, 1818 do not rise. Rows above the header that look
like data make the file ambiguous.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from norrort_cost.dataset.lookup import fold
from norrort_cost.loading.scb.labels import (
    Role,
    is_missing,
    is_plain_year,
    period_of,
    period_with_sex,
    role_of,
    sex_of,
)
from norrort_cost.problems import Problem, problem, said

NUMBER = re.compile(r"[-−]?\d[\d\s\u00a0\u202f.,']*")
EXAMPLE = said(
    "e.g. {first} or {second} or {third}",
    first="Region;2017",
    second="Kommun;Folkmängd",
    third="Kommun;Män;Kvinnor",
)


@dataclass(frozen=True, slots=True)
class GridRow:
    """One line of a table (CSV line or spreadsheet row) with its cells, trimmed."""

    line: int
    cells: tuple[str, ...]

    def filled(self) -> list[str]:
        """The non-empty cells."""
        return [cell for cell in self.cells if cell]


@dataclass(frozen=True, slots=True)
class ColumnChoice:
    """The user's choice of columns where a file is ambiguous (by header name)."""

    region: str | None = None
    value: str | None = None

    def names(self) -> set[str]:
        """The chosen names, folded."""
        return {fold(name) for name in (self.region, self.value) if name}


def is_number(cell: str) -> bool:
    """Whether a cell is written as a number (``94 606``, ``27753``, ``1,5``)."""
    return bool(NUMBER.fullmatch(cell))


def looks_like_data(row: GridRow) -> bool:
    """A label and at least one number or missing mark: a region and its figures."""
    filled = row.filled()
    labels = [c for c in filled if not is_number(c) and not is_missing(c)]
    return bool(labels) and len(labels) < len(filled)


def is_header(row: GridRow, choice: ColumnChoice) -> bool:
    """Whether the row names columns (see the module docstring)."""
    filled = row.filled()
    under_stub = bool(row.cells) and not row.cells[0] and all(period_of(c) for c in filled)
    if len(filled) < 2 and not (filled and under_stub):
        return False
    periods: list[str] = []
    words = unknown = 0
    for cell in filled:
        period = period_of(cell)
        if period is not None:
            periods.append(period)
        elif is_number(cell) or is_missing(cell):
            return False
        elif _names_a_column(cell) or fold(cell) in choice.names():
            words += 1
        else:
            unknown += 1
    plain = [int(p) for p in periods if is_plain_year(p)]
    rising = all(a < b for a, b in itertools.pairwise(plain))
    if words:  # a column word: years in either order (PxWeb may sort them latest first)
        return rising or all(a > b for a, b in itertools.pairwise(plain))
    if not rising:
        return False
    months = any(not is_plain_year(p) for p in periods)
    return months or (bool(periods) and unknown == 0)


def _names_a_column(cell: str) -> bool:
    """A column word, a kön, or a period with its kön (``2019 män``)."""
    return role_of(cell) != Role.UNKNOWN or bool(sex_of(cell) or period_with_sex(cell))


def find_header(
    rows: Sequence[GridRow], file: str, choice: ColumnChoice
) -> tuple[int | None, list[Problem]]:
    """The index of the header row, or None and the problem that says why there is none."""
    data_above: list[GridRow] = []
    for index, row in enumerate(rows):
        if is_header(row, choice) and not _header_follows(rows, index, choice):
            if data_above:
                return None, [_ambiguous(file, row, data_above)]
            return index, []
        if looks_like_data(row):
            data_above.append(row)
    return None, [_no_header(file, data_above[0] if data_above else None)]


def _no_header(file: str, first: GridRow | None) -> Problem:
    """Why there is no header: years out of order, data from the first line, or no table."""
    if first is None:
        code, message = "not-a-table", "no table of figures found: no line names columns"
        hint = said(
            "export the population table (SCB BE0101N1) as CSV, Excel or JSON-stat ({example})",
            example=EXAMPLE,
        )
    elif _names_columns(first):
        code, message = "duplicate-header", "the header's years repeat or are not in rising order"
        hint = "export each year once, in order (2018, 2019, ...)"
    else:
        code, message = "no-header", "no header line: the first line with figures is already data"
        hint = said("add a line naming the columns above the data ({example})", example=EXAMPLE)
    return problem(
        code,
        message,
        file=file,
        line=None if first is None else first.line,
        value=None if first is None else ";".join(first.cells),
        hint=hint,
    )


def _names_columns(row: GridRow) -> bool:
    """A row whose labels are all column words (``Region;2019;2019``), whatever its years."""
    labels = [c for c in row.filled() if period_of(c) is None]
    return bool(labels) and all(role_of(c) != Role.UNKNOWN or sex_of(c) for c in labels)


def _header_follows(rows: Sequence[GridRow], index: int, choice: ColumnChoice) -> bool:
    """Whether the next filled row is a header too (a unit line above it, a two-row heading)."""
    following = next((r for r in rows[index + 1 :] if len(r.filled()) >= 2), None)
    return following is not None and is_header(following, choice)


def _ambiguous(file: str, header: GridRow, data: list[GridRow]) -> Problem:
    lines = ", ".join(str(r.line) for r in data[:5])
    return problem(
        "ambiguous-header",
        said(
            "line {line} looks like a header, but the lines above it ({lines}) already look "
            "like data",
            line=header.line,
            lines=lines,
        ),
        file=file,
        line=header.line,
        value=";".join(header.cells),
        hint=said(
            "keep one header line above the data (remove the lines above it, or add the "
            "missing header at the top: {example})",
            example=EXAMPLE,
        ),
    )
