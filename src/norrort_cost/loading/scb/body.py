"""Where a table's data ends, and what may follow it: notes, or figures that must not.

The data runs from the line below the header to the first blank line or note. A region
whose figures are blank (``"0187 Vaxholm",``) is a data row, not the end: it has a
kommunkod, or data follows it at once; its figure is missing, never 0. Figures below the
end of the data (a gap that would hide them) are an error, and so is a second table below
the first (tables stacked in one file: none is guessed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from norrort_cost.loading.scb.columns import Layout, cell
from norrort_cost.loading.scb.grid import Grid
from norrort_cost.loading.scb.header import (
    ColumnChoice,
    GridRow,
    is_header,
    is_number,
    looks_like_data,
)
from norrort_cost.loading.scb.labels import is_missing
from norrort_cost.problems import Problem, problem, said

_CODED = re.compile(r"\d{3,4}(\s+\S.*)?")  # 0187, 187, 0187 Vaxholm


def body_end(grid: Grid, start: int) -> int:
    """The index of the first row at or after ``start`` that is not data (len: none).

    A row ends the data when it is blank, or a lone note, or has no figure after its first
    cell, unless it is a region whose figures are blank (:func:`_blank_figures`). Each
    distinct text is judged once; the rows are compared with numpy.
    """
    import numpy as np

    if start >= len(grid):
        return len(grid)
    width = len(grid.columns)
    codes = [grid.codes(c)[start:] for c in range(width)]
    filled = np.zeros(len(grid) - start, np.int64)
    figures = np.zeros(len(grid) - start, np.bool_)  # a figure after the first cell
    for index, column in enumerate(codes):
        filled += column != 0
        pending = np.flatnonzero(~figures) if index else None  # rows without a figure yet
        if pending is not None and len(pending):
            figures[pending] = grid.judged(column[pending], figure_like)
    ends = ~figures
    alone = np.flatnonzero(filled == 1)
    if len(alone):
        numbers = np.zeros(len(alone), np.bool_)
        for column in codes:
            numbers |= grid.judged(column[alone], is_number)
        ends[alone[~numbers]] = True  # a lone note
    candidates = np.flatnonzero(ends | (filled == 0))
    if len(candidates) == 0:
        return len(grid)
    first = codes[0] if codes else np.zeros(len(filled), np.uint32)
    follows = np.append(figures[1:], False)  # the next row has a figure
    for at in candidates.tolist():
        label = grid.texts[first[at]]
        if not filled[at] or not (label and (_CODED.fullmatch(label) or follows[at])):
            return start + at
    return len(grid)


def figure_like(text: str) -> bool:
    """A number, SCB's mark for none, or a short text with digits (a figure gone wrong)."""
    short_with_digits = len(text) <= 15 and any(c.isdigit() for c in text)
    return bool(text) and (is_number(text) or is_missing(text) or short_with_digits)


def data_below(
    after: Sequence[GridRow], found: Layout, file: str, end: int | None
) -> list[Problem]:
    """A problem when figures, or a second table, follow the end of the data (line ``end``)."""
    for index, row in enumerate(after):
        if is_header(row, ColumnChoice()) and any(looks_like_data(r) for r in after[index:]):
            return [_second_table(file, row, end)]
        values = [cell(row, c.index) for c in found.values]
        numbers = [v for v in values if is_number(v)]
        if _region(row, found) and numbers and all(not v or figure_like(v) for v in values):
            return [
                problem(
                    "data-after-end",
                    "the data ends at line {end} but more figures follow",
                    file=file,
                    line=row.line,
                    value=";".join(row.cells),
                    hint="remove the blank line or note in the middle of the data",
                    end=end,
                )
            ]
    return []


def _region(row: GridRow, found: Layout) -> str:
    parts = [cell(row, c.index) for c in found.region]
    return region_text(parts)


def region_text(parts: list[str]) -> str:
    """The region a row names: its one region cell, or kommunkod and name joined."""
    if len(parts) == 2 and parts[0] and parts[1]:
        code = parts[0].zfill(2 if len(parts[0]) <= 2 else 4)  # 1 -> 01 (län), 114 -> 0114
        return f"{code} {parts[1]}"
    return " ".join(p for p in parts if p)


def _second_table(file: str, header: GridRow, end: int | None) -> Problem:
    return problem(
        "several-tables",
        said(
            "a second table starts at line {line} (the first ends at line {end}); which one "
            "holds the population is not guessed",
            line=header.line,
            end=end,
        ),
        file=file,
        line=header.line,
        value=";".join(header.cells),
        hint="save the population table alone (one table per file) and import that",
    )
