"""Why a budget year cannot be allocated, as problems: nobody to pay, nothing to weigh by.

Pure core, no I/O. The allocation raises these; ``validate`` finds them for every budget
year by allocating each one (see :mod:`norrort_cost.loading.years`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from norrort_cost.allocation.pools import PoolPlan
from norrort_cost.problems import DataError, Problem, UsageError, problem, said


def no_members(year: int) -> Problem:
    """The problem of a budget year in which no municipality is a member."""
    return problem(
        "no-members",
        "no municipality is a member in {year}, but it has a budget",
        file="memberships.csv",
        column="kommunkod",
        hint="check the membership periods (from, to): someone must pay the budget",
        year=year,
    )


def not_published(year: int, on: date, newest: date) -> Problem:
    """The problem of a budget year weighed by figures newer than any in the dataset.

    The figures of ``on`` are not published yet (or not brought in): the year can be
    allocated on the ``newest`` figures as a preliminary basis, or once they are added.
    """
    return problem(
        "population-not-published",
        "{year} is weighed by the population of {on}, which the dataset does not have "
        "(SCB publishes it in the spring after); the newest figures are of {newest}",
        file="population.csv",
        column="reference_date",
        value=on.isoformat(),
        hint=said(
            "allocate on the newest figures as a preliminary basis with --population-date "
            "{newest} or preliminary_population_date = {newest} in cooperation.toml (settle "
            "the year when the final figures are in), or bring in the "
            "figures of {on} once SCB has published them: norrort-cost population fetch-scb "
            "--year {on_year}",
            newest=newest,
            on=on,
            on_year=on.year,
        ),
        year=year,
        on=on,
        newest=newest,
    )


def weightless(plan: PoolPlan) -> Problem:
    """The problem of a pool with an amount but every member's weight zero."""
    lines = ", ".join(dict.fromkeys(name for name, _ in plan.contributions))
    return problem(
        "zero-weight",
        "the {key} pool ({lines}) has {ore} öre to split but the members' inhabitants at "
        "the reference date sum to 0",
        file="population.csv",
        column="inhabitants",
        value="0",
        hint="check the population figures at the reference date",
        key=plan.key.value,
        lines=lines,
        ore=plan.amount_ore,
    )


def check_whole_units(plans: Iterable[PoolPlan], *, from_settings: bool) -> None:
    """Refuse pools that are not a whole number of their rounding unit.

    With the unit from ``cooperation.toml`` that is bad data (a :class:`DataError` naming
    budget.csv); with the unit given as an option it is a usage error.
    """
    for plan in plans:
        if not plan.amount_ore % plan.unit_ore:
            continue
        lines = ", ".join(dict.fromkeys(name for name, _ in plan.contributions))
        message = said(
            "the {key} pool ({lines}) sums to {ore} öre, not a whole number of kronor",
            key=plan.key.value,
            lines=lines,
            ore=plan.amount_ore,
        )
        if not from_settings:
            raise UsageError(message, "use rounding unit 'ore', or budget amounts in whole kronor")
        raise DataError(
            [
                problem(
                    "not-whole-kronor",
                    '{message} (cooperation.toml has rounding_unit = "krona")',
                    file="budget.csv",
                    column="amount",
                    hint='write the amounts in whole kronor, or set rounding_unit = "ore"',
                    message=message,
                )
            ]
        )
