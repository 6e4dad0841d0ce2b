"""Checks across files: what no single row can tell, reported at the offending line."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from norrort_cost.allocation.membership import year_bounds
from norrort_cost.dataset.models import (
    BudgetLine,
    ManagingPeriod,
    Membership,
    Municipality,
    PopulationFigure,
    Settings,
)
from norrort_cost.population.impossible import impossible_figures
from norrort_cost.problems import Problem, problem, said


@dataclass(frozen=True, slots=True)
class LoadedRecords:
    """The records that validated, each with the line it came from."""

    municipalities: list[tuple[int, Municipality]]
    population: list[tuple[int, PopulationFigure]]
    memberships: list[tuple[int, Membership]]
    budget: list[tuple[int, BudgetLine]]
    # every kommunkod written in municipalities.csv, valid row or not; None if unreadable
    written_codes: frozenset[str] | None = None


def cross_check(settings: Settings, found: LoadedRecords) -> list[Problem]:
    """Every problem between files: unknown codes, duplicates, overlaps, missing figures.

    A kommunkod whose municipalities.csv row has its own problem is not reported again
    wherever it is used, and nothing is unknown when municipalities.csv is unreadable.
    """
    known: set[str] | None = None
    if found.written_codes is not None:
        known = {*(m.kommunkod for _, m in found.municipalities), *found.written_codes}
    return [
        *_duplicates(
            "municipalities.csv",
            [(line, (m.kommunkod,)) for line, m in found.municipalities],
            "kommunkod",
        ),
        *_unknown("population.csv", [(line, p.kommunkod) for line, p in found.population], known),
        *_duplicate_figures(found.population),
        *_unknown("memberships.csv", [(line, m.kommunkod) for line, m in found.memberships], known),
        *_overlaps(found.memberships),
        *_duplicates(
            "budget.csv", [(line, (str(b.year), b.line)) for line, b in found.budget], "line"
        ),
        *_unknown(
            "cooperation.toml", [(None, p.kommunkod) for p in settings.managing_municipality], known
        ),
        *_missing_population(settings, found),
        *impossible_figures(settings, found.population, (m for _, m in found.memberships)),
        *_managing_overlaps(settings),
    ]


def _managing_overlaps(settings: Settings) -> list[Problem]:
    """Managing-municipality periods that overlap: which one invoices would be a guess."""
    periods = sorted(enumerate(settings.managing_municipality), key=lambda item: item[1].start)
    problems = []
    for (i, earlier), (j, later) in _overlapping(periods):
        problems.append(
            problem(
                "overlapping-managing-period",
                "the managing period of {later} from {start} overlaps that of {earlier} "
                "(managing_municipality[{index}])",
                file="cooperation.toml",
                column=f"managing_municipality[{j}].from",
                value=later.start.isoformat(),
                hint="end the earlier period the day before the next one starts",
                later=later.kommunkod,
                start=later.start,
                earlier=earlier.kommunkod,
                index=i,
            )
        )
    return problems


PeriodT = TypeVar("PeriodT", Membership, ManagingPeriod)


def _overlapping(
    periods: list[tuple[int, PeriodT]],
) -> Iterator[tuple[tuple[int, PeriodT], tuple[int, PeriodT]]]:
    """Each period (sorted by start) that begins before an earlier one has ended, with it.

    One pass: the earlier period compared is the one that ends last so far.
    """
    latest: tuple[int, PeriodT] | None = None
    for item in periods:
        if latest is not None and item[1].start <= (latest[1].end or date.max):
            yield latest, item
        if latest is None or (item[1].end or date.max) > (latest[1].end or date.max):
            latest = item


def _unknown(
    file: str, codes: list[tuple[int | None, str]], known: set[str] | None
) -> list[Problem]:
    if known is None:
        return []  # municipalities.csv itself is broken: reported there
    problems = []
    for line, code in codes:
        if code not in known:
            close = difflib.get_close_matches(code, sorted(known), n=1, cutoff=0.7)
            hint = (
                said("did you mean {names}?", names=close[0])
                if close
                else "add it to municipalities.csv"
            )
            problems.append(
                problem(
                    "unknown-kommunkod",
                    "kommunkod {code} is not in municipalities.csv",
                    file=file,
                    line=line,
                    column="kommunkod",
                    value=code,
                    hint=hint,
                    code=code,
                )
            )
    return problems


def _duplicates(file: str, keys: list[tuple[int, tuple[str, ...]]], column: str) -> list[Problem]:
    first: dict[tuple[str, ...], int] = {}
    problems = []
    for line, key in keys:
        if key in first:
            problems.append(
                problem(
                    "duplicate-row",
                    "{row} appears again (first on line {first})",
                    file=file,
                    line=line,
                    column=column,
                    value=key[-1],
                    hint="keep one of the rows",
                    row=" ".join(key),
                    first=first[key],
                )
            )
        else:
            first[key] = line
    return problems


def _duplicate_figures(population: list[tuple[int, PopulationFigure]]) -> list[Problem]:
    first: dict[tuple[str, str], tuple[int, int]] = {}
    problems = []
    for line, figure in population:
        key = (figure.kommunkod, figure.reference_date.isoformat())
        if key not in first:
            first[key] = (line, figure.inhabitants)
            continue
        earlier_line, earlier = first[key]
        conflict = earlier != figure.inhabitants
        problems.append(
            problem(
                "conflicting-duplicate" if conflict else "duplicate-row",
                said(
                    "{code} at {on} appears again (first on line {line} with {earlier} "
                    "inhabitants)",
                    code=key[0],
                    on=key[1],
                    line=earlier_line,
                    earlier=earlier,
                )
                if conflict
                else said(
                    "{code} at {on} appears again (first on line {line})",
                    code=key[0],
                    on=key[1],
                    line=earlier_line,
                ),
                file="population.csv",
                line=line,
                column="reference_date",
                value=key[1],
                hint="keep the figure that SCB publishes and remove the other",
            )
        )
    return problems


def _overlaps(memberships: list[tuple[int, Membership]]) -> list[Problem]:
    """A member's periods that overlap, each reported at the later line (sorted, one pass)."""
    by_member: dict[str, list[tuple[int, Membership]]] = {}
    for line, membership in memberships:
        by_member.setdefault(membership.kommunkod, []).append((line, membership))
    problems = []
    for periods in by_member.values():
        periods.sort(key=lambda item: (item[1].start, item[0]))
        for (line_a, _), (line_b, b) in _overlapping(periods):
            problems.append(
                problem(
                    "overlapping-membership",
                    said(
                        "{code}'s membership overlaps the one on line {line}",
                        code=b.kommunkod,
                        line=line_a,
                    ),
                    file="memberships.csv",
                    line=line_b,
                    column="from",
                    value=b.start.isoformat(),
                    hint="a member's periods must not overlap: end one before the next starts",
                )
            )
    problems.sort(key=lambda p: p.line or 0)
    return problems


def _missing_population(settings: Settings, found: LoadedRecords) -> list[Problem]:
    """Members billed in a budget year without a population figure at its reference date.

    A gap (a date up to the latest figure in population.csv) is an error, one per
    membership naming every date it lacks. A date after the latest figure is a warning,
    one per budget year: SCB has not published those figures yet (next year's budget is
    often entered first); that year cannot be allocated until they are added, the others can.
    """
    if not found.population:
        return []  # the population file itself is broken: reported there
    figures = {(p.kommunkod, p.reference_date) for _, p in found.population}
    latest = max(p.reference_date for _, p in found.population)
    budget_lines = {b.year: line for line, b in reversed(found.budget)}
    problems: list[Problem] = []
    not_yet: dict[int, list[str]] = {}
    for line, membership in found.memberships:
        gaps = []
        for year in sorted(budget_lines):
            on = settings.population_date(year)
            if (
                membership.days_in(*year_bounds(year)[:2])
                and (membership.kommunkod, on) not in figures
            ):
                if on > latest:
                    not_yet.setdefault(year, []).append(membership.kommunkod)
                else:
                    gaps.append(on.isoformat())
        if gaps:
            dates = ", ".join(gaps)
            problems.append(
                problem(
                    "missing-population",
                    "{code} is a member in a budget year but population.csv has no figure "
                    "at {dates}",
                    file="memberships.csv",
                    line=line,
                    column="kommunkod",
                    value=membership.kommunkod,
                    hint=said(
                        "add a row for {code} at each of: {dates}",
                        code=membership.kommunkod,
                        dates=dates,
                    ),
                    code=membership.kommunkod,
                    dates=dates,
                )
            )
    for year, codes in sorted(not_yet.items()):
        on = settings.population_date(year)
        problems.append(
            problem(
                "population-not-yet-available",
                "the {year} budget needs population figures at {on} for {count} "
                "member(s) ({codes}); population.csv ends at {latest}",
                file="budget.csv",
                line=budget_lines[year],
                column="year",
                value=str(year),
                hint=said(
                    "{year} cannot be allocated until they are added (population fetch-scb "
                    "or import-scb), except on a preliminary basis (--population-date "
                    "{latest}, settled later); other years can",
                    year=year,
                    latest=latest,
                ),
                severity="warning",
                year=year,
                on=on,
                count=len(codes),
                codes=", ".join(codes),
                latest=latest,
            )
        )
    return problems
