"""Warnings a finance officer wants before invoicing: valid data that looks surprising.

Pure checks on a loaded :class:`~norrort_cost.models.Dataset`; they return
``severity="warning"`` problems and never stop ``allocate``. Hard errors (such as a member
with no population figure at a billed year's reference date, ``missing-population``) are
the loader's job and are not repeated here.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from itertools import pairwise

from norrort_cost.allocation.membership import year_bounds
from norrort_cost.dataset.models import Dataset, PopulationFigure
from norrort_cost.money import format_int, format_percent, format_sek
from norrort_cost.problems import Problem, problem

POPULATION_JUMP = Fraction(10, 100)  # more than 10 % in a year
BUDGET_JUMP = Fraction(25, 100)  # more than 25 % from one year's budget to the next


def warnings(dataset: Dataset) -> list[Problem]:
    """Every warning for the dataset, in file order."""
    return [
        *_population_jumps(dataset),
        *_budget_jumps(dataset),
        *_reference_after_year(dataset),
    ]


def _change(old: int, new: int) -> Fraction:
    return Fraction(abs(new - old), old) if old else Fraction(0)


def _percent(value: Fraction) -> str:
    return format_percent(value, 1)


def _population_jumps(dataset: Dataset) -> list[Problem]:
    members = {m.kommunkod for m in dataset.memberships}
    series: dict[str, list[PopulationFigure]] = defaultdict(list)
    for figure in dataset.population:
        if figure.kommunkod in members:
            series[figure.kommunkod].append(figure)
    problems = []
    for kommunkod in sorted(series):
        figures = sorted(series[kommunkod], key=lambda f: f.reference_date)
        for old, new in pairwise(figures):
            if not _one_year_apart(old, new):
                continue
            change = _change(old.inhabitants, new.inhabitants)
            if change > POPULATION_JUMP:
                problems.append(
                    problem(
                        "population-jump",
                        "{code} goes from {old} ({old_date}) to {new} ({new_date}): "
                        "{change} in a year",
                        file="population.csv",
                        column="inhabitants",
                        value=f"{kommunkod} {new.reference_date}",
                        hint="check the figure against SCB; a border change or a typo?",
                        severity="warning",
                        code=kommunkod,
                        old=format_int(old.inhabitants),
                        old_date=old.reference_date,
                        new=format_int(new.inhabitants),
                        new_date=new.reference_date,
                        change=_percent(change),
                    )
                )
    return problems


def _one_year_apart(old: PopulationFigure, new: PopulationFigure) -> bool:
    a, b = old.reference_date, new.reference_date
    return b.year == a.year + 1 and (b.month, b.day) == (a.month, a.day)


def _budget_jumps(dataset: Dataset) -> list[Problem]:
    totals = {
        year: sum(b.amount_ore for b in dataset.lines_for(year)) for year in dataset.budget_years
    }
    problems = []
    for previous, year in pairwise(sorted(totals)):
        change = _change(totals[previous], totals[year])
        if year == previous + 1 and change > BUDGET_JUMP:
            problems.append(
                problem(
                    "budget-jump",
                    "the {year} budget ({amount} kr) differs by {change} from {previous} "
                    "({previous_amount} kr)",
                    file="budget.csv",
                    column="amount",
                    value=str(year),
                    hint="check for a missing or doubled line, or a figure in tkr",
                    severity="warning",
                    year=year,
                    amount=format_sek(totals[year]),
                    change=_percent(change),
                    previous=previous,
                    previous_amount=format_sek(totals[previous]),
                )
            )
    return problems


def _reference_after_year(dataset: Dataset) -> list[Problem]:
    problems = []
    for year in dataset.budget_years:
        on = dataset.settings.population_date(year)
        if on > year_bounds(year)[1]:
            problems.append(
                problem(
                    "reference-after-year",
                    "the {year} budget is weighed by the population of {on}, after the year ends",
                    file="cooperation.toml",
                    column="population_reference",
                    value=on.isoformat(),
                    hint="use a reference date before or at the end of the budget year",
                    severity="warning",
                    year=year,
                    on=on,
                )
            )
    return problems
