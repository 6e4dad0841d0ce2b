"""What each column of an export holds, and which ones give the region and the figures.

Columns are named by the header (``Region``, ``Kommunnamn``, ``2017``, ``Män``,
``Folkmängd``, ``Folkökning``) or, where the header cell is empty (PxWeb's stub), by their
cells (kön categories, ages, region names). The region is one column, or a code column and
a name column side by side; the figures are the period columns (``2017``, ``2019M12``),
the kön columns (``Män``, ``Kvinnor``, ``Totalt``) or the one population column
(``Folkmängd``, ``Antal``). Anything else ambiguous asks for ``--region-column`` or
``--value-column``; nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from norrort_cost.dataset.lookup import fold
from norrort_cost.loading.scb.header import ColumnChoice, GridRow, is_number
from norrort_cost.loading.scb.labels import (
    Role,
    Sex,
    day_of,
    is_age,
    is_breakdown_category,
    is_missing,
    is_plain_year,
    is_total,
    period_of,
    period_with_sex,
    role_of,
    sex_of,
)
from norrort_cost.problems import Problem, problem, said

_CODE = re.compile(r"\d{3,4}")
_SHORT_CODE = re.compile(r"\d{1,4}")
# what tools that flatten a table call its one number column (pyjstat, PxWeb's relational
# CSV, R's pxweb): the population only where a tabellinnehåll column says so, row by row
_GENERIC_VALUE = frozenset({"value", "values", "varde", "observations", "obs value", "obsvalue"})

ColumnCells = Callable[[int], list[str]]
"""The filled cells of a column of the data (by its index), each once, first seen first."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its position, name and role; a period or kön if its figures have one."""

    index: int
    name: str
    role: Role
    period: str | None = None
    sex: Sex | None = None
    day: tuple[int, int] | None = None  # (month, day) its name gives: Folkmängd 1 november

    @property
    def label(self) -> str:
        """The name for messages (``#2`` for a column without one)."""
        return self.name or f"#{self.index + 1}"


@dataclass(slots=True)
class Layout:
    """The columns an export's figures are read from."""

    region: list[Column]  # one column, or code column + name column
    values: list[Column]
    period: Column | None = None  # a long table's period column
    sex: Column | None = None
    age: Column | None = None
    contents: Column | None = None  # rows of other contents than the population are skipped
    ignored: list[Column] = field(default_factory=list)


def classify(header: GridRow, cells: ColumnCells) -> list[Column]:
    """Every column of the header with its role (stub columns by their cells)."""
    columns = []
    for index, name in enumerate(header.cells):
        period, sex = period_of(name), sex_of(name)
        both = period_with_sex(name) if period is None and sex is None else None
        if both is not None:
            columns.append(Column(index, name, Role.POPULATION, period=both[0], sex=both[1]))
        elif period is not None:
            columns.append(Column(index, name, Role.POPULATION, period=period))
        elif sex is not None:
            columns.append(Column(index, name, Role.POPULATION, sex=sex))
        else:
            role = role_of(name)
            if role in (Role.UNKNOWN, Role.REGION):
                role = _by_cells(role, cells(index))
            columns.append(Column(index, name, role, day=day_of(name)))
    return columns


def _by_cells(named: Role, cells: list[str]) -> Role:
    """The role of a column without a telling name, from what its cells hold (each once).

    The tests run in order and each stops at its first answer: a column of a million
    region names is told from its first names, not judged a million times over.
    """
    values = [c for c in cells if c and not is_missing(c)]
    if not values:
        return named
    # a column named Region may hold codes that lost their zeros: 0 (riket), 1 (län), 114
    codes = _SHORT_CODE if named == Role.REGION else _CODE
    tests: tuple[tuple[Role, Callable[[], bool]], ...] = (
        (Role.BREAKDOWN, lambda: any(map(is_breakdown_category, values))),
        (Role.SEX, lambda: all(map(sex_of, values))),
        (
            Role.AGE,
            lambda: named == Role.UNKNOWN and all(map(is_age, values)) and not _bare(values),
        ),
        (Role.CONTENTS, lambda: all(role_of(c) in (Role.POPULATION, Role.CHANGE) for c in values)),
        (Role.PERIOD, lambda: all(map(period_of, values)) and not _plain_years(values)),
        (
            Role.UNKNOWN,
            lambda: all(map(is_number, values)) and not all(map(codes.fullmatch, values)),
        ),
    )
    return next((role for role, holds in tests if holds()), Role.REGION)


def _bare(values: list[str]) -> bool:
    """Whether every value is a bare number: 0, 1, 2 without "år" number rows, not ages."""
    return all(c.isdigit() for c in values)


def _plain_years(values: list[str]) -> bool:
    """Whether every value (each a period) is a bare year: a count could be one too."""
    return all(is_plain_year(period_of(c) or "") for c in values)


def layout(
    columns: list[Column], cells: ColumnCells, file: str, line: int, choice: ColumnChoice
) -> tuple[Layout | None, list[Problem]]:
    """The region and value columns, or the problems saying why they cannot be told."""
    region, problems = _region(columns, cells, file, line, choice)
    values, ignored, value_problems = _values(columns, cells, file, line, choice)
    problems.extend(value_problems)
    problems.extend(_breakdowns(columns, cells, file, line))
    if problems:
        return None, problems
    used = {c.index for c in region + values}
    of = {c.role: c for c in columns if c.index not in used}
    return Layout(
        region=region,
        values=values,
        period=of.get(Role.PERIOD),
        sex=of.get(Role.SEX),
        age=of.get(Role.AGE),
        contents=of.get(Role.CONTENTS),
        ignored=ignored,
    ), []


def _breakdowns(columns: list[Column], cells: ColumnCells, file: str, line: int) -> list[Problem]:
    """A problem for each civilstånd-like column that holds anything but its total."""
    problems = []
    for column in columns:
        if column.role != Role.BREAKDOWN:
            continue
        values = cells(column.index)
        if not all(is_total(v) for v in values):
            problems.append(
                problem(
                    "unknown-breakdown",
                    said(
                        "the figures are broken down by {column} ({values}): a part of the "
                        "population, not all of it",
                        column=column.label,
                        values=", ".join(values[:4]),
                    ),
                    file=file,
                    line=line,
                    column=column.label,
                    value=", ".join(values[:4]),
                    hint=said(
                        "export the table again without {column} (or with its total)",
                        column=column.label,
                    ),
                )
            )
    return problems


def _region(
    columns: list[Column], cells: ColumnCells, file: str, line: int, choice: ColumnChoice
) -> tuple[list[Column], list[Problem]]:
    if choice.region:
        chosen = _named(columns, choice.region)
        if chosen is None:
            return [], [_no_such(file, line, columns, choice.region, "--region-column")]
        return [chosen], []
    found = [c for c in columns if c.role == Role.REGION]
    codes = [c for c in found if _all_codes(c, cells)]
    names = [c for c in found if c not in codes]
    if len(codes) == 1 and len(names) == 1:
        return [codes[0], names[0]], []
    if len(found) == 1:
        return found, []
    named = [c for c in found if role_of(c.name) == Role.REGION]
    if len(named) == 1:
        return named, []
    what = "no column names the region" if not found else "more than one column may be the region"
    return [], [
        problem(
            "no-region-column" if not found else "ambiguous-region-column",
            what,
            file=file,
            line=line,
            value=";".join(c.label for c in found) or None,
            hint=said(
                "name it with --region-column NAME (columns: {columns})",
                columns=", ".join(c.label for c in columns),
            ),
        )
    ]


def _values(
    columns: list[Column], cells: ColumnCells, file: str, line: int, choice: ColumnChoice
) -> tuple[list[Column], list[Column], list[Problem]]:
    numeric = [c for c in columns if c.role in (Role.POPULATION, Role.CHANGE, Role.UNKNOWN)]
    if choice.value:
        chosen = _named(columns, choice.value)
        if chosen is None:
            return [], [], [_no_such(file, line, columns, choice.value, "--value-column")]
        return [chosen], [c for c in numeric if c != chosen and _has_numbers(c, cells)], []
    periods = [c for c in numeric if c.period is not None]
    sexes = [c for c in numeric if c.sex is not None]
    plain = [c for c in numeric if c.role == Role.POPULATION and c.period is None and c.sex is None]
    for values in (periods, sexes, plain if len(plain) == 1 else [], _generic(columns, numeric)):
        if values:
            ignored = [c for c in numeric if c not in values and _has_numbers(c, cells)]
            return values, ignored, []
    what = (
        "more than one column may be the population" if plain else "no column holds the population"
    )
    return (
        [],
        [],
        [
            problem(
                "ambiguous-value-column" if plain else "no-value-column",
                what,
                file=file,
                line=line,
                value=";".join(c.label for c in plain) or None,
                hint=said(
                    "name it with --value-column NAME (columns: {columns}); SCB calls it "
                    "Folkmängd or the year",
                    columns=", ".join(c.label for c in columns),
                ),
            )
        ],
    )


def _generic(columns: list[Column], numeric: list[Column]) -> list[Column]:
    """The one generic value column of a long table with a tabellinnehåll column."""
    if not any(c.role == Role.CONTENTS for c in columns):
        return []
    generic = [c for c in numeric if fold(c.name) in _GENERIC_VALUE]
    return generic if len(generic) == 1 else []


def _named(columns: list[Column], name: str) -> Column | None:
    return next((c for c in columns if fold(c.name) == fold(name)), None)


def _no_such(file: str, line: int, columns: list[Column], name: str, option: str) -> Problem:
    return problem(
        "unknown-column",
        "{option} {name!r}: the header has no such column",
        file=file,
        line=line,
        value=name,
        hint=said("the columns are: {columns}", columns=", ".join(c.label for c in columns)),
        option=option,
        name=name,
    )


def _all_codes(column: Column, cells: ColumnCells) -> bool:
    values = cells(column.index)
    return bool(values) and all(_SHORT_CODE.fullmatch(v) for v in values)


def _has_numbers(column: Column, cells: ColumnCells) -> bool:
    return any(is_number(value) for value in cells(column.index))


def cell(row: GridRow, index: int) -> str:
    """The row's cell at ``index`` ('' past its end)."""
    return row.cells[index] if index < len(row.cells) else ""
