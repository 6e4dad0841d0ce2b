"""The data rows of a table, read column by column: regions, checks, observations.

A row whose region cell is empty continues the region above (PxWeb's stub, one row per
kön). Of an age breakdown only its total is the population (what
:func:`.observations.resolve` keeps), so the rows of single ages are checked (period, kön)
but make no observations: a table by age costs what its total rows cost. Every label is
judged once (:meth:`.grid.Grid.judged`); only the rows kept, and those with a problem, are
visited one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from itertools import chain, repeat
from typing import TYPE_CHECKING, TypeVar

from norrort_cost.loading.scb.body import region_text
from norrort_cost.loading.scb.columns import Column, Layout
from norrort_cost.loading.scb.grid import Grid
from norrort_cost.loading.scb.labels import (
    Role,
    is_age_total,
    is_plain_year,
    on_day,
    period_of,
    role_of,
    sex_of,
)
from norrort_cost.loading.scb.observations import Observation
from norrort_cost.problems import Problem, problem

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

T = TypeVar("T")


def read_rows(
    grid: Grid, rows: range, width: int, found: Layout, file: str
) -> tuple[list[Observation], list[Problem]]:
    """The observations of the data ``rows`` and their problems (the header has ``width``)."""
    import numpy as np

    region, names = _regions(grid, rows, found)
    extra = grid.widths[rows.start : rows.stop] > width
    problems = [_extra_cells(grid, rows.start + at, width, file) for at in _where(extra)]
    population = ~extra & (region >= 0)
    if found.contents is not None:
        contents = grid.codes(found.contents.index)[rows.start : rows.stop]
        population &= grid.judged(contents, lambda text: role_of(text) == Role.POPULATION)
    problems.extend(_label_problems(grid, rows, population, found, file))
    keep = population
    if found.age is not None:
        ages = grid.codes(found.age.index)[rows.start : rows.stop]
        totals = population & grid.judged(ages, is_age_total)
        keep = totals if bool(totals.any()) else population
    kept = np.flatnonzero(keep)
    return _observations(grid, rows.start + kept, region[kept], names, found), problems


def _regions(grid: Grid, rows: range, found: Layout) -> tuple[NDArray[np.int64], list[str]]:
    """Each row's region (an index into the names; the one above where the row has none,
    -1 before the first) and the names."""
    import numpy as np

    parts = [grid.codes(c.index)[rows.start : rows.stop].astype(np.int64) for c in found.region]
    if len(parts) == 1:  # the region cell itself: its code
        return _continued(parts[0], parts[0] != 0), grid.texts
    size = len(grid.texts)
    key = np.zeros(len(rows), np.int64)
    for codes in parts:
        key = key * size + codes
    distinct, ids = np.unique(key, return_inverse=True)
    names = [
        region_text([grid.texts[(int(k) // size**p) % size] for p in range(len(parts) - 1, -1, -1)])
        for k in distinct.tolist()
    ]
    named = np.array([bool(name) for name in names], np.bool_)[ids]
    return _continued(ids.astype(np.int64), named), names


def _continued(ids: NDArray[np.int64], named: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Each row's id, or the last named row's above it where it names none (-1 before)."""
    import numpy as np

    at = np.where(named, np.arange(len(ids)), -1)
    np.maximum.accumulate(at, out=at)
    return np.where(at >= 0, ids[np.maximum(at, 0)], -1)


def _label_problems(
    grid: Grid, rows: range, population: NDArray[np.bool_], found: Layout, file: str
) -> list[Problem]:
    """A problem for each row of the population whose period or kön is none."""
    import numpy as np

    checks = [
        (column, grid.codes(column.index)[rows.start : rows.stop], judge)
        for column, judge in ((found.period, _no_period), (found.sex, _no_sex))
        if column is not None
    ]
    bad = [population & grid.judged(codes, judge) for _, codes, judge in checks]
    problems = []
    for at in _where(np.logical_or.reduce(bad) if bad else population & False):
        line = int(grid.lines[rows.start + at])
        for (column, codes, _), wrong in zip(checks, bad, strict=True):
            if wrong[at]:
                text = grid.texts[codes[at]]
                problems.append(_bad_label(column, text, line, file))
    return problems


def _no_period(text: str) -> bool:
    return period_of(text) is None


def _no_sex(text: str) -> bool:
    return bool(text) and sex_of(text) is None


def _bad_label(column: Column, text: str, line: int, file: str) -> Problem:
    if column.role == Role.SEX:
        return problem(
            "unknown-category",
            "{text!r} is not a kön (totalt, män, kvinnor)",
            file=file,
            line=line,
            column=column.label,
            value=text,
            hint="export kön as text (män, kvinnor, totalt), or the table without kön",
            text=text,
        )
    return problem(
        "unknown-period",
        "{text!r} is not a year, month or quarter",
        file=file,
        line=line,
        column=column.label,
        value=text,
        hint="write the period as SCB does: 2019, 2019M12 or 2019K4",
        text=text,
    )


def _observations(
    grid: Grid,
    kept: NDArray[np.int64],
    region: NDArray[np.int64],
    names: list[str],
    found: Layout,
) -> list[Observation]:
    """One observation per kept row and value column, row by row.

    Made a value column at a time from lists (``map``, ``zip``: no Python step per cell
    but the tuple itself), then put in row order.
    """
    texts = grid.texts
    lines = grid.lines[kept].tolist()
    regions = [names[i] for i in region.tolist()]
    periods = _labels(grid, kept, found.period, period_of)
    sexes = _labels(grid, kept, found.sex, sex_of)
    ages = _labels(grid, kept, found.age, lambda text: text)
    make = partial(tuple.__new__, Observation)  # a named tuple from its seven fields
    by_column = []
    for column in found.values:
        values = map(texts.__getitem__, grid.codes(column.index)[kept].tolist())
        if column.period:
            dated: Iterable[str | None] = repeat(column.period)
        else:
            dated = periods if column.day is None else [_on_day(p, column.day) for p in periods]
        fields = zip(
            lines,
            repeat(column.label),
            regions,
            dated,
            values,
            repeat(column.sex) if column.sex else sexes,
            ages,
            strict=False,  # repeat() is endless; the lists are as long as the rows
        )
        by_column.append(list(map(make, fields)))
    if len(by_column) == 1:
        return by_column[0]
    return list(chain.from_iterable(zip(*by_column, strict=True)))


def _labels(
    grid: Grid, kept: NDArray[np.int64], column: Column | None, read: Callable[[str], T]
) -> list[T | None]:
    """What ``read`` makes of each kept row's cell in ``column`` (None without the column)."""
    if column is None:
        return [None] * len(kept)
    codes = grid.codes(column.index)[kept].tolist()
    table: dict[int, T | None] = {code: read(grid.texts[code]) for code in set(codes)}
    return list(map(table.__getitem__, codes))


def _on_day(period: str | None, day: tuple[int, int] | None) -> str | None:
    """A row's year on the day the value column names (``Folkmängd 1 november``).

    None (no date: the user gives it with --date) where that day is no date or the row's
    period is a month or quarter, which the day contradicts.
    """
    if day is None or period is None:
        return period
    return on_day(period, day) if is_plain_year(period) else None


def _extra_cells(grid: Grid, index: int, width: int, file: str) -> Problem:
    row = grid.row(index)
    return problem(
        "extra-cell",
        "{count} cells where the header has {width}",
        file=file,
        line=row.line,
        column=f"#{width + 1}",
        value=";".join(row.cells[width:]),
        hint="a figure with a thousands separator such as 94,606 splits into two cells: "
        "write 94606 or quote it",
        count=len(row.cells),
        width=width,
    )


def _where(mask: NDArray[np.bool_]) -> list[int]:
    import numpy as np

    return [int(at) for at in np.flatnonzero(mask)]
