"""From the cells of any export shape to one figure per region and period.

Every reader (CSV, Excel, JSON-stat, PC-Axis) turns its file into :class:`Observation`
records: one number with the region, period, kön and age it is for. :func:`resolve` then
applies the same rules to all of them: the total over all ages, or a refusal; the total of
both sexes, or men + women summed (and said so); the period's last day as the reference
date; SCB's ``..`` kept as "no figure" (an error only for a member, decided by the merge).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from pydantic_core import PydanticCustomError

from norrort_cost.dataset.fields import MAX_WHOLE_DIGITS, parse_whole_number
from norrort_cost.loading.scb.labels import Sex, is_age_total, is_missing, period_end
from norrort_cost.population.importing import RegionFigure
from norrort_cost.problems import Problem, problem, said

_NOT_A_MUNICIPALITY = re.compile(r"(\d{2}|00|\d{2}\s.*|.*\sl[aä]n|riket|sverige|hela riket)", re.I)


class Observation(NamedTuple):
    """One number of an export and what it counts (a named tuple: a million are made fast)."""

    line: int | None
    column: str
    region: str
    period: str | None
    value: str
    sex: Sex | None = None
    age: str | None = None


def resolve(
    found: list[Observation], file: str
) -> tuple[list[RegionFigure], list[str], list[Problem]]:
    """The figures the observations give, notes on how, and the problems met."""
    notes: list[str] = []
    kept, problems = _total_age(found, file, notes)
    problems.extend(_only_counties(found, file))
    if problems:
        return [], notes, problems
    first: dict[tuple[str, str | None], Observation] = {}  # each region and period's first
    more: dict[tuple[str, str | None], list[Observation]] = {}  # ... and all, where several
    for observation in kept:
        key = (observation.region, observation.period)
        if key in first:
            more.setdefault(key, [first[key]]).append(observation)
        else:
            first[key] = observation
    figures: list[RegionFigure] = []
    summed = False
    for key, observation in first.items():
        figure, was_summed = _one_figure(more.get(key) or [observation], file, problems)
        summed = summed or was_summed
        if figure is not None:
            figures.append(figure)
    if summed:
        notes.append("no total in the file: men + women summed")
    return figures, notes, problems


def _total_age(
    found: list[Observation], file: str, notes: list[str]
) -> tuple[list[Observation], list[Problem]]:
    ages = [o.age for o in found if o.age is not None]
    if not ages:
        return found, []
    groups = list(dict.fromkeys(ages))  # each age category judged once, not once per cell
    totals = {age for age in groups if is_age_total(age)}
    if totals:
        notes.append("age: the total over all ages")
        return [o for o in found if o.age is None or o.age in totals], []
    shown = ", ".join(groups[:4]) + (", ..." if len(groups) > 4 else "")
    return [], [
        problem(
            "age-breakdown",
            "the figures are broken down by age ({ages}) and there is no total",
            file=file,
            line=found[0].line,
            value=shown,
            hint="export the table again with age 'totalt ålder' (or without the age variable)",
            ages=shown,
        )
    ]


def _one_figure(
    group: list[Observation], file: str, problems: list[Problem]
) -> tuple[RegionFigure | None, bool]:
    """One region's figure for one period: the total, or men + women."""
    if len(group) == 1 and group[0].sex in (None, Sex.TOTAL):  # one total (most often)
        return _figure(group[0], file, _count(group[0], file, problems)), False
    totals = [o for o in group if o.sex in (None, Sex.TOTAL)]
    men = [o for o in group if o.sex == Sex.MEN]
    women = [o for o in group if o.sex == Sex.WOMEN]
    first = group[0]
    for same in (totals, men, women):
        if len({o.value for o in same}) > 1:
            problems.append(_twice(same, file))
            return None, False
    if totals:
        return _figure(totals[0], file, _count(totals[0], file, problems)), False
    if not men or not women:
        problems.append(
            problem(
                "incomplete-sex-breakdown",
                "{region} has figures for {sex} only",
                file=file,
                line=first.line,
                column=first.column,
                value=first.region,
                hint="export both sexes, or the total (totalt)",
                region=first.region,
                sex=said("men") if men else said("women"),
            )
        )
        return None, False
    return _summed(men[0], women[0], file, problems), True


def _summed(
    men: Observation, women: Observation, file: str, problems: list[Problem]
) -> RegionFigure:
    """The figure of men + women (none if either has none)."""
    counts = [_count(men, file, problems), _count(women, file, problems)]
    both = None if None in counts else sum(c for c in counts if c is not None)
    return _figure(men, file, both, f"{men.column} + {women.column}", parts=True)


def _twice(same: list[Observation], file: str) -> Problem:
    first, second = same[0], next(o for o in same if o.value != same[0].value)
    where = said("line {line}", line=first.line) if first.line is not None else first.column
    return problem(
        "conflicting-duplicate",
        "{region} has {first} ({where}) and {second} here for {period}",
        file=file,
        line=second.line,
        column=second.column,
        value=second.value,
        hint="keep one figure per region and period: remove the wrong row or column",
        region=first.region,
        first=first.value,
        where=where,
        second=second.value,
        period=first.period or said("the same period"),
    )


def _count(observation: Observation, file: str, problems: list[Problem]) -> int | None:
    count = _parsed(observation.value)
    if isinstance(count, PydanticCustomError):
        exc = count
        problems.append(
            problem(
                exc.type,
                exc.message(),
                file=file,
                line=observation.line,
                column=observation.column,
                value=observation.value,
                hint=str((exc.context or {}).get("hint", "")),
            )
        )
        return None
    return count


@lru_cache(maxsize=1 << 16)
def _parsed(value: str) -> int | PydanticCustomError | None:
    """A figure's count (None for SCB's mark for none), or why it is none: each text once."""
    if value.isascii() and value.isdigit() and len(value) <= MAX_WHOLE_DIGITS:
        return int(value)  # plain digits, as SCB writes nearly every figure
    if is_missing(value):
        return None
    try:
        return parse_whole_number(value)
    except PydanticCustomError as exc:
        return exc


def _figure(
    observation: Observation,
    file: str,
    count: int | None,
    column: str | None = None,
    *,
    parts: bool = False,
) -> RegionFigure:
    period = observation.period
    return RegionFigure(
        file=file,
        line=observation.line,
        column=column or observation.column,
        region=observation.region,
        reference_date=_period_end(period) if period else None,
        inhabitants=count,
        raw=observation.value,
        parts=parts,
    )


_period_end = lru_cache(maxsize=4096)(period_end)


def _only_counties(found: list[Observation], file: str) -> list[Problem]:
    """A problem when every region is a county or the country: no municipality at all."""
    seen: dict[str, None] = {}  # the regions judged, in file order
    for observation in found:
        if observation.region not in seen:
            if not _NOT_A_MUNICIPALITY.fullmatch(observation.region.strip()):
                return []  # a municipality: no need to look further
            seen[observation.region] = None
    regions = list(seen)
    if not regions:
        return []
    shown = ", ".join(regions[:3]) + (", ..." if len(regions) > 3 else "")
    return [
        problem(
            "no-municipalities",
            "the file holds counties or the whole country only ({regions})",
            file=file,
            line=found[0].line,
            value=shown,
            hint="export the table by municipality (kommun), with the dataset's members",
            regions=shown,
        )
    ]
