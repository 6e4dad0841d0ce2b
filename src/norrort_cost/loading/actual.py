"""Reading ``actual.csv`` (``year,line,amount``): a year's actual costs, line by line.

The actual cost replaces the budgeted amount of each line of the year (keys, base fees and
fixed amounts stay as budgeted); every line of the year needs its actual cost, every
actual cost must name a line of the budget, and a line's cost is given once a year.
"""

from __future__ import annotations

from pathlib import Path

from norrort_cost.dataset.models import ActualCost, Dataset
from norrort_cost.loading.csvfile import read_csv
from norrort_cost.loading.rows import validate_rows
from norrort_cost.problems import DataError, Problem, problem, quoted, said


def with_actual_costs(dataset: Dataset, year: int, path: Path) -> Dataset:
    """``dataset`` with the budget lines of ``year`` at their actual cost from ``path``."""
    table = read_csv(path, path.name, ("year", "line", "amount"))
    rows = validate_rows(table, ActualCost) if table.usable else []
    problems = [*table.problems, *_duplicates(path.name, rows)]
    actual = {cost.line: (line, cost) for line, cost in rows if cost.year == year}
    budgeted = {line.line for line in dataset.lines_for(year)}
    problems += [
        _problem(path.name, line, cost.line, "unknown-budget-line",
                 said("is not a budget line of {year}", year=year),
                 "use the line names of budget.csv")
        for name, (line, cost) in actual.items() if name not in budgeted
    ]  # fmt: skip
    problems += [
        _problem(path.name, None, name, "missing-actual-cost",
                 said("has no actual cost for {year}", year=year),
                 said("add a row {year},{line},AMOUNT to {file}", year=year,
                      line=_csv_field(name), file=path.name))
        for name in sorted(budgeted - set(actual))
    ]  # fmt: skip
    if problems:
        raise DataError(problems)
    lines = tuple(
        line.model_copy(update={"amount_ore": actual[line.line][1].amount_ore})
        if line.year == year
        else line
        for line in dataset.budget_lines
    )
    return dataset.model_copy(update={"budget_lines": lines})


def _duplicates(file: str, rows: list[tuple[int, ActualCost]]) -> list[Problem]:
    """A line's actual cost given twice for one year: refused, never the last one taken."""
    first: dict[tuple[int, str], int] = {}
    problems = []
    for line, cost in rows:
        key = (cost.year, cost.line)
        if key in first:
            problems.append(
                problem(
                    "duplicate-row",
                    "the actual cost of {name} for {year} is given again (first on line {first})",
                    file=file,
                    line=line,
                    column="line",
                    value=cost.line,
                    hint="keep one row per year and line",
                    name=repr(cost.line),
                    year=cost.year,
                    first=first[key],
                )
            )
        else:
            first[key] = line
    return problems


def _problem(  # noqa: PLR0913, PLR0917 - the fields of a located problem
    file: str, line: int | None, value: str, code: str, what: str, hint: str
) -> Problem:
    return problem(
        code,
        said("{value!r} {what}", value=value, what=quoted(what)),  # {value} is a field too
        file=file,
        line=line,
        column="line",
        value=value,
        hint=hint,
    )


def _csv_field(text: str) -> str:
    """``text`` as one CSV field: quoted when it holds a comma or a quote (as budget.csv does)."""
    if any(c in text for c in ',";'):
        return '"' + text.replace('"', '""') + '"'
    return text
