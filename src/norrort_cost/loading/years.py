"""Every budget year allocated once, so that ``validate`` finds what ``allocate`` refuses.

A dataset can be valid file by file and across files, and still have a year that cannot be
split: nobody is a member, the members' inhabitants sum to zero, a line in öre while the
cooperation rounds to whole kronor. The allocation itself is the one judge of that; this
runs it for every year and turns its refusals into problems located at the year's first
line in budget.csv where the core could not name a line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from norrort_cost.allocation.yearly import allocate
from norrort_cost.dataset.models import Dataset
from norrort_cost.problems import DataError, Problem, UsageError, problem, quoted, said


def allocation_problems(
    dataset: Dataset, first_lines: Mapping[int, int], known: Sequence[Problem]
) -> list[Problem]:
    """What allocating each budget year meets, except years already reported as pending.

    ``first_lines`` maps each budget year to its first line in budget.csv; a year with a
    ``population-not-yet-available`` warning in ``known`` is skipped (that warning says it).
    """
    pending = {p.value for p in known if p.code == "population-not-yet-available"}
    problems: list[Problem] = []
    for year in dataset.budget_years:
        if str(year) in pending:
            continue
        try:
            allocate(dataset, year)
        except DataError as exc:
            problems.extend(_located(p, year, first_lines) for p in exc.problems)
        except UsageError as exc:
            problems.append(_usage_problem(exc, year, first_lines.get(year)))
    return problems


def _located(problem: Problem, year: int, first_lines: Mapping[int, int]) -> Problem:
    """The problem with the budget year in its message, and a line if it names budget.csv."""
    if problem.line is None and problem.file == "budget.csv":
        problem = replace(problem, line=first_lines.get(year))
    if str(year) not in problem.message:
        problem = replace(
            problem, message=said("{year}: {message}", year=year, message=quoted(problem.message))
        )
    return problem


def _usage_problem(exc: UsageError, year: int, line: int | None) -> Problem:
    return problem(
        "year-not-allocatable",
        "{year} cannot be allocated: {message}",
        file="budget.csv",
        line=line,
        column="year",
        value=year,
        hint=exc.hint,
        year=year,
        message=quoted(exc.message),
    )
