"""Impossible figures: a member has inhabitants, so a population of 0 or less is an error.

A figure of 0 (or less) is refused wherever it enters, by the loader (``population.csv``,
so ``validate`` and every command), and by ``import-scb``, for a municipality that is a
member at the figure's date or that the figure weighs in a budget year (the reference date
of a year in which it is a member). A municipality that is not a member may have any figure.
A large jump from the previous year stays a warning (:mod:`.plausibility`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from norrort_cost.allocation.membership import year_bounds
from norrort_cost.dataset.models import Membership, PopulationFigure, Settings
from norrort_cost.problems import Problem, problem


def counts_then(
    memberships: Iterable[Membership], settings: Settings, kommunkod: str, on: date
) -> bool:
    """Whether ``kommunkod``'s population at ``on`` is a member's: it is a member that day,
    or ``on`` is the reference date of a budget year in which it is a member."""
    for membership in memberships:
        if membership.kommunkod != kommunkod:
            continue
        if membership.days_in(on, on):
            return True
        last = (membership.end or date(on.year + 2, 12, 31)).year
        for year in range(membership.start.year, last + 1):
            if settings.population_date(year) == on and membership.days_in(*year_bounds(year)[:2]):
                return True
    return False


def impossible(  # noqa: PLR0913 - the figure and its place, as problem() takes them
    kommunkod: str,
    on: date,
    inhabitants: int,
    *,
    file: str,
    line: int | None,
    column: str | None,
) -> Problem:
    """The problem for a member's population at ``on`` of ``inhabitants`` (0 or less)."""
    return problem(
        "impossible-population",
        "{code} is a member but its population at {on} is {inhabitants}",
        file=file,
        line=line,
        column=column,
        value=inhabitants,
        hint="a member has inhabitants: check the figure against SCB (a missing figure is never 0)",
        code=kommunkod,
        on=on,
        inhabitants=inhabitants,
    )


def impossible_figures(
    settings: Settings,
    population: Iterable[tuple[int, PopulationFigure]],
    memberships: Iterable[Membership],
) -> list[Problem]:
    """Every figure of ``population.csv`` (with its line) that is 0 or less for a member."""
    members = list(memberships)
    return [
        impossible(
            p.kommunkod,
            p.reference_date,
            p.inhabitants,
            file="population.csv",
            line=line,
            column="inhabitants",
        )
        for line, p in population
        if p.inhabitants <= 0 and counts_then(members, settings, p.kommunkod, p.reference_date)
    ]
