"""Multidimensional exports (JSON-stat 2.0, PC-Axis) as observations.

Both formats hold a cube: an ordered list of dimensions (region, kön, ålder, tabellinnehåll,
tid), each with its category codes and labels, and the values in row-major order (the last
dimension varies fastest). A dimension is recognised by its id or label; tabellinnehåll
with more than one content is chosen by ``--value-column`` or by a population word; any
other dimension must hold one category or a total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from typing import cast

from norrort_cost.dataset.lookup import fold
from norrort_cost.loading.scb.labels import (
    Role,
    Sex,
    day_of,
    is_age_total,
    is_plain_year,
    is_total,
    on_day,
    period_of,
    role_of,
    sex_of,
)
from norrort_cost.loading.scb.observations import Observation
from norrort_cost.population.importing import Reading
from norrort_cost.problems import Problem, problem, said

_CONTENTS = frozenset({"contentscode", "tabellinnehall", "contents", "innehall"})
_TIME = frozenset({"tid", "time", "ar", "manad", "kvartal", "year", "month"})


@dataclass(frozen=True, slots=True)
class Dimension:
    """One dimension of a cube: its id, label, and its categories' codes and labels."""

    id: str
    label: str
    codes: tuple[str, ...]
    labels: tuple[str, ...]
    time: bool = False

    def role(self) -> Role | str:
        """What the dimension is: region, period, sex, age, contents or another variable."""
        names = {fold(self.id), fold(self.label)}
        if self.time or names & _TIME:
            return Role.PERIOD
        if names & _CONTENTS:
            return "contents"
        for name in names:
            role = role_of(name)
            if role in (Role.REGION, Role.SEX, Role.AGE, Role.DESCRIPTOR):
                return Role.REGION if role == Role.DESCRIPTOR else role
        return "other"


def cube_observations(
    dimensions: list[Dimension],
    values: Sequence[str],
    file: str,
    value_choice: str | None,
    described: tuple[str, str],
) -> tuple[list[Observation], Reading | None, list[Problem]]:
    """One observation per value of the cube's chosen contents.

    ``described`` is the format's name and what its values are (``Folkmängd``) for the report.
    """
    kind, contents = described
    roles = [d.role() for d in dimensions]
    problems = _check(dimensions, roles, file)
    chosen, wrong = _contents(dimensions, roles, file, value_choice)
    problems.extend(wrong)
    content = [d for d, r in zip(dimensions, roles, strict=True) if r == "contents"]
    measure = content[0].labels[chosen] if content and not wrong else contents
    if role_of(measure) == Role.CHANGE:
        message = said("the table holds {measure}, not the population", measure=measure)
        hint = "export the population: tabellinnehåll Folkmängd (SCB BE0101N1)"
        problems.append(_problem(file, "not-population", message, hint))
    if problems:
        return [], None, problems
    found = _observations(dimensions, roles, values, chosen)
    region = next(d for d, r in zip(dimensions, roles, strict=True) if r == Role.REGION)
    found = _on_named_day(found, measure)
    return (
        found,
        Reading(
            file=file,
            layout=kind,
            region_column=region.label or region.id,
            value_columns=(measure,),
            periods=tuple(sorted({o.period for o in found if o.period})),
        ),
        [],
    )


def _on_named_day(found: list[Observation], contents: str) -> list[Observation]:
    """Figures of a content dated to a day (``Folkmängd 1 november``) get that day, not 31 Dec."""
    day = day_of(contents)
    if day is None:
        return found
    return [
        o._replace(period=on_day(o.period, day) if o.period and is_plain_year(o.period) else None)
        for o in found
    ]


@dataclass(frozen=True, slots=True)
class _Categories:
    """One dimension's categories, each read once: what it says and whether it is kept."""

    role: Role | str
    kept: list[int]
    region: list[str | None]
    period: list[str | None]
    sex: list[Sex | None]
    age: list[str | None]
    column: list[str]


def _observations(
    dimensions: list[Dimension], roles: list[Role | str], values: Sequence[str], contents: int
) -> list[Observation]:
    """The observations of the kept cells, in the cube's order, each label read once.

    Only the chosen contents and, where the age dimension has a total over all ages, that
    total are kept (what :func:`~.observations.resolve` keeps of the other ages is nothing);
    the values of the cells left out are never looked at.
    """
    decoded = [_categories(d, r, contents) for d, r in zip(dimensions, roles, strict=True)]
    strides = [1] * len(dimensions)
    for at in range(len(dimensions) - 2, -1, -1):
        strides[at] = strides[at + 1] * len(dimensions[at + 1].codes)
    # each kept category once: (its offset in the values, what it says for its role, its
    # column words); a cell is then one choice per dimension, its index the offsets' sum
    choices = [
        [(at * stride, _said(d, at), d.column[at]) for at in d.kept]
        for d, stride in zip(decoded, strides, strict=True)
    ]
    where = {d.role: place for place, d in enumerate(decoded)}
    region_at = where[Role.REGION]
    period_at, sex_at, age_at = (where.get(role) for role in (Role.PERIOD, Role.SEX, Role.AGE))
    named = list(range(len(decoded)))[-2:]  # the column names the last two dimensions
    found = []
    for cell in product(*choices):
        found.append(
            Observation(
                line=None,
                column=", ".join(cell[at][2] for at in named),
                region=cell[region_at][1] or "",
                period=None if period_at is None else cell[period_at][1],
                value=values[sum(choice[0] for choice in cell)],
                sex=None if sex_at is None else cast("Sex | None", cell[sex_at][1]),
                age=None if age_at is None else cell[age_at][1],
            )
        )
    return found


def _said(categories: _Categories, at: int) -> str | Sex | None:
    """What category ``at`` says for its dimension's role (region, period, kön or age)."""
    if categories.role == Role.REGION:
        return categories.region[at]
    if categories.role == Role.PERIOD:
        return categories.period[at]
    if categories.role == Role.SEX:
        return categories.sex[at]
    if categories.role == Role.AGE:
        return categories.age[at]
    return None


def _categories(dimension: Dimension, role: Role | str, contents: int) -> _Categories:
    """What each category of a dimension says, judged once for all the cells it is in."""
    pairs = [(code, dimension.labels[at]) for at, code in enumerate(dimension.codes)]
    labels = [label for _, label in pairs]
    nothing: list[None] = [None] * len(pairs)
    kept = list(range(len(pairs)))
    if role == "contents":
        kept = [contents]
    elif role == Role.AGE:
        kept = [at for at, label in enumerate(labels) if is_age_total(label)] or kept
    name = dimension.label or dimension.id
    region: list[str | None] = list(nothing)
    period: list[str | None] = list(nothing)
    sex: list[Sex | None] = list(nothing)
    if role == Role.REGION:
        region = [lab if lab.startswith(code) else f"{code} {lab}".strip() for code, lab in pairs]
    elif role == Role.PERIOD:
        period = [period_of(code) or period_of(label) for code, label in pairs]
    elif role == Role.SEX:
        sex = [sex_of(label) or sex_of(code) for code, label in pairs]
    return _Categories(
        role=role,
        kept=kept,
        region=region,
        period=period,
        sex=sex,
        age=list(labels) if role == Role.AGE else list(nothing),
        column=[f"{name}={label}" for label in labels],
    )


def _check(dimensions: list[Dimension], roles: list[Role | str], file: str) -> list[Problem]:
    problems = []
    if Role.REGION not in roles:
        problems.append(_problem(file, "no-region-column", "no dimension is the region", ""))
    for dimension, role in zip(dimensions, roles, strict=True):
        if role == Role.PERIOD:
            bad = [c for c in dimension.codes if period_of(c) is None]
            if bad:
                problems.append(
                    _problem(
                        file,
                        "unknown-period",
                        said("{text!r} is not a year, month or quarter", text=bad[0]),
                        "",
                    )
                )
        elif role == Role.SEX:
            bad = [lab for lab in dimension.labels if sex_of(lab) is None]
            if bad:
                not_sex = said("{text!r} is not a kön", text=bad[0])
                problems.append(_problem(file, "unknown-category", not_sex, ""))
        elif role == "other" and not (len(dimension.codes) == 1 and is_total(dimension.labels[0])):
            problems.append(
                _problem(
                    file,
                    "unknown-breakdown",
                    said(
                        "the figures are broken down by {column} ({values}, ...)",
                        column=dimension.label or dimension.id,
                        values=", ".join(dimension.labels[:3]),
                    ),
                    said(
                        "export the table again without {column}",
                        column=dimension.label or dimension.id,
                    ),
                )
            )
    return problems


def _contents(
    dimensions: list[Dimension], roles: list[Role | str], file: str, choice: str | None
) -> tuple[int, list[Problem]]:
    content = [d for d, r in zip(dimensions, roles, strict=True) if r == "contents"]
    if not content or (len(content[0].codes) == 1 and choice is None):
        return 0, []
    labels = content[0].labels
    for index, (code, label) in enumerate(zip(content[0].codes, labels, strict=True)):
        if choice is not None and fold(choice) in (fold(code), fold(label)):
            return index, []
    if choice is not None:
        message = said(
            "--value-column {choice!r}: the table's contents are {labels}",
            choice=choice,
            labels=", ".join(labels),
        )
        return 0, [_problem(file, "unknown-column", message, "use one of them, or leave it out")]
    if choice is None:
        population = [i for i, lab in enumerate(labels) if role_of(lab) == Role.POPULATION]
        if len(population) == 1:
            return population[0], []
    return 0, [
        _problem(
            file,
            "ambiguous-value-column",
            said("the table has several contents: {labels}", labels=", ".join(labels)),
            "choose one with --value-column NAME (Folkmängd)",
        )
    ]


def _problem(file: str, code: str, message: str, hint: str) -> Problem:
    return problem(
        code,
        message,
        file=file,
        hint=hint or "export the population table BE0101N1 (TAB638) by region and year",
    )
