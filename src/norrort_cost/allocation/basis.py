"""What a budget year is weighed by: its members with their days and population, and
whether that population is the year's final basis or a preliminary one. Pure, no I/O.
"""

from __future__ import annotations

from datetime import date

from norrort_cost.allocation.membership import days_counted, year_bounds
from norrort_cost.allocation.pools import MemberYear
from norrort_cost.allocation.refusals import no_members, not_published
from norrort_cost.dataset.models import Dataset, PopulationFigure
from norrort_cost.problems import DataError, Problem, problem


def members_of(dataset: Dataset, year: int, on: date) -> MemberYear:
    """The year's members with their days and their population at ``on`` (all or an error)."""
    days = days_counted(dataset.memberships, year, dataset.settings.pro_rating)
    inhabitants: dict[str, int] = {}
    sources: dict[str, str] = {}
    missing: list[Problem] = []
    figures: dict[str, PopulationFigure] = {}  # one pass over the figures, not one per member
    for candidate in dataset.population:
        if candidate.reference_date == on:
            figures.setdefault(candidate.kommunkod, candidate)
    if days and not figures:
        newest = newest_population_date(dataset)
        if newest is not None and on > newest:
            raise DataError([not_published(year, on, newest)])
    for kommunkod in sorted(days):
        figure = figures.get(kommunkod)
        if figure is None:
            missing.append(
                problem(
                    "missing-population",
                    "{code} has no population figure at {on}",
                    file="population.csv",
                    column="reference_date",
                    value=on.isoformat(),
                    hint="add the figure (e.g. with population import-scb) "
                    "or weigh by another date",
                    code=kommunkod,
                    on=on,
                )
            )
        else:
            inhabitants[kommunkod], sources[kommunkod] = figure.inhabitants, figure.source
    if missing:
        raise DataError(missing)
    if not days:
        raise DataError([no_members(year)])
    return MemberYear(on, inhabitants, sources, days, year_bounds(year)[2])


def newest_population_date(dataset: Dataset) -> date | None:
    """The newest reference date with any population figure in the dataset (None if none)."""
    return max((figure.reference_date for figure in dataset.population), default=None)


def preliminary_date(dataset: Dataset, year: int) -> date | None:
    """The settings' ``preliminary_population_date``, if the year's own figures are missing."""
    chosen = dataset.settings.preliminary_population_date
    rule = dataset.settings.population_date(year)
    newest = newest_population_date(dataset)
    if chosen is None or newest is None or rule <= newest or chosen >= rule:
        return None
    return chosen


def basis_of(dataset: Dataset, year: int, population_date: date | None) -> tuple[str, date | None]:
    """Whether weighing by ``population_date`` is the year's final basis or a preliminary one.

    Preliminary: the settings' rule names a later date than the newest figures the dataset
    has (SCB has not published it yet) and the year is weighed by an earlier date instead.
    Returns the basis and, if preliminary, the date the final figures will be of.
    """
    rule = dataset.settings.population_date(year)
    newest = newest_population_date(dataset)
    if population_date is None or population_date >= rule or newest is None or rule <= newest:
        return "final", None
    return "preliminary", rule
