"""Exact allocation of a budget among members: the pure core, no I/O.

The method (version 2):

1. A member's weight is its inhabitants at the reference date times its days of
   membership in the year, divided by the days of the year (inclusive dates, leap years
   counted). Members that are members all year weigh their inhabitants.
2. Budget lines feed cost pools by their allocation keys (see :mod:`norrort_cost.allocation.pools`:
   per capita, equal parts, base fee, fixed amounts). A pool's amount, in rounding units
   (öre, or whole kronor), is split by the largest-remainder (Hamilton) method in
   proportion to the pool's weights: every member gets the floor of its exact quota
   ``amount * weight / total``; the units left over go one each to the largest
   remainders; equal remainders are ordered by kommunkod ascending. The result does not
   depend on the order of the input. Fixed amounts are paid exactly as given. A base-fee
   pool whose fee is a whole number of rounding units is split in two: each full-year
   member pays exactly the fee, and the part-year members split the rest of the pool by
   days of membership, by the same largest-remainder rule.
3. A member's amount is the sum over pools. Each pool's parts sum to the pool and the
   parts always sum to the budget exactly; this is checked here, in code, on every
   allocation.

Version 2 differs from version 1 in the base-fee pool only: version 1 split the whole
pool by days in one largest-remainder split, so that a full-year member could pay the fee
minus one unit when someone joined or left during the year. Datasets without a base fee,
or in which every member is a member all year, give the same amounts under both versions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction

from norrort_cost.allocation.engine import apportion
from norrort_cost.allocation.keys import year_problems
from norrort_cost.allocation.membership import days_counted, year_bounds
from norrort_cost.allocation.pools import MemberYear, PoolPlan, plan_pools
from norrort_cost.allocation.refusals import (
    check_whole_units,
    no_members,
    not_published,
    weightless,
)
from norrort_cost.allocation.results import Allocation, Part, Pool, Share
from norrort_cost.dataset.models import BudgetLine, Dataset, Municipality, PopulationFigure
from norrort_cost.money import ORE_PER_KRONA
from norrort_cost.problems import DataError, Problem, UsageError, errors_only, said

METHOD = "largest-remainder (Hamilton)"
METHOD_VERSION = "2"
TIE_BREAK = "equal remainders: kommunkod ascending"
UNIT_ORE = {"ore": 1, "krona": ORE_PER_KRONA}


def largest_remainder(
    total: int,
    weights: Mapping[str, int],
    *,
    unit_ore: int = 1,
    pool: str = "",
    denominator: int = 1,
) -> dict[str, Part]:
    """Split ``total`` whole units in proportion to integer ``weights`` keyed by kommunkod.

    Each member's :class:`Part`, in öre (``unit_ore`` öre per unit), largest remainder
    first; its weight is ``weights[k] / denominator``. The arithmetic is
    :func:`norrort_cost.allocation.engine.apportion`, the same engine that splits many pools
    at once (:func:`norrort_cost.allocation.engine.allocate_many`).
    """
    codes = list(weights)
    split = apportion(total, [weights[k] for k in codes], codes)
    parts = {
        k: Part(
            pool=pool,
            weight=Fraction(weights[k], denominator),
            quota_ore=Fraction(total * weights[k] * unit_ore, split.weight_sum)
            if split.weight_sum
            else Fraction(0),
            floor_ore=floor * unit_ore,
            amount_ore=(floor + extra) * unit_ore,
            rank=rank,
            extra_unit=extra,
        )
        for k, floor, rank, extra in zip(codes, split.floors, split.ranks, split.extra, strict=True)
    }
    check_sum(total * unit_ore, (p.amount_ore for p in parts.values()))
    return dict(sorted(parts.items(), key=lambda item: item[1].rank))


def check_sum(total: int, parts: Iterable[int]) -> None:
    """Raise if the parts do not add up to the total: the invariant of every allocation."""
    parts_sum = sum(parts)
    if parts_sum != total:
        msg = f"allocation parts sum to {parts_sum}, not {total}"
        raise ArithmeticError(msg)


def _members(dataset: Dataset, year: int, on: date) -> MemberYear:
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
                Problem(
                    file="population.csv",
                    line=None,
                    column="reference_date",
                    value=on.isoformat(),
                    code="missing-population",
                    message=said("{code} has no population figure at {on}", code=kommunkod, on=on),
                    hint="add the figure (e.g. with population import-scb) "
                    "or weigh by another date",
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


def _preliminary_date(dataset: Dataset, year: int) -> date | None:
    """The settings' ``preliminary_population_date``, if the year's own figures are missing."""
    chosen = dataset.settings.preliminary_population_date
    rule = dataset.settings.population_date(year)
    newest = newest_population_date(dataset)
    if chosen is None or newest is None or rule <= newest or chosen >= rule:
        return None
    return chosen


def _basis(dataset: Dataset, year: int, population_date: date | None) -> tuple[str, date | None]:
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


def _budget_lines(dataset: Dataset, year: int) -> tuple[BudgetLine, ...]:
    lines = dataset.lines_for(year)
    if not lines:
        years = ", ".join(str(y) for y in dataset.budget_years) or "none"
        raise UsageError(
            said("there is no budget for {year}", year=year),
            said("years with a budget: {years}", years=years),
        )
    return lines


def allocate(
    dataset: Dataset,
    year: int,
    *,
    population_date: date | None = None,
    rounding_unit: str | None = None,
) -> Allocation:
    """Split the budget of ``year`` among the members of ``dataset``, exactly.

    ``population_date`` overrides the settings' reference date; ``rounding_unit``
    ("ore" or "krona") overrides the settings' rounding unit. A year whose reference date
    is after the newest figures in the dataset is refused (``population-not-published``);
    weighed instead by an earlier ``population_date``, the allocation is marked
    ``basis="preliminary"`` with the date it will be settled on; so is a year whose own
    figures are missing when the settings name a ``preliminary_population_date``.
    """
    lines = _budget_lines(dataset, year)
    settings = dataset.settings
    population_date = population_date or _preliminary_date(dataset, year)
    unit = rounding_unit or settings.rounding_unit
    members = _members(dataset, year, population_date or settings.population_date(year))
    fixed = dataset.fixed_amounts_for(year)
    found = year_problems(
        [(None, line) for line in lines],
        [(None, row) for row in fixed],
        members.days,
        members.days_in_year,
    )
    if errors_only(found):
        raise DataError(found)
    plans = plan_pools(lines, fixed, members, UNIT_ORE[unit])
    check_whole_units(plans, from_settings=rounding_unit is None)
    pools, parts = _split_pools(plans)
    total_weight = Fraction(sum(map(members.inhabitant_days, members.days)), members.days_in_year)
    municipalities = {m.kommunkod: m for m in dataset.municipalities}
    shares = tuple(
        _share(municipalities[k], members, total_weight, parts[k]) for k in sorted(members.days)
    )
    budget_ore = sum(line.amount_ore for line in lines)
    check_sum(budget_ore, (s.amount_ore for s in shares))
    basis, final_date = _basis(dataset, year, population_date)
    return Allocation(
        cooperation=settings.name,
        year=year,
        currency=settings.currency,
        budget_ore=budget_ore,
        illustrative=any(line.illustrative for line in lines),
        population_date=members.population_date,
        days_in_year=members.days_in_year,
        rounding_unit=unit,
        method=METHOD,
        method_version=METHOD_VERSION,
        tie_break=TIE_BREAK,
        total_weight=total_weight,
        lines=lines,
        pools=pools,
        shares=shares,
        basis=basis,
        final_population_date=final_date,
    )


def _share(
    municipality: Municipality, members: MemberYear, total_weight: Fraction, parts: tuple[Part, ...]
) -> Share:
    kommunkod = municipality.kommunkod
    weight = Fraction(members.inhabitant_days(kommunkod), members.days_in_year)
    return Share(
        kommunkod=kommunkod,
        name=municipality.name,
        inhabitants=members.inhabitants[kommunkod],
        population_date=members.population_date,
        population_source=members.sources[kommunkod],
        membership_days=members.days[kommunkod],
        days_in_year=members.days_in_year,
        weight=weight,
        population_share=weight / total_weight if total_weight else Fraction(0),
        amount_ore=sum(p.amount_ore for p in parts),
        parts=parts,
    )


def _split_pools(
    plans: Iterable[PoolPlan],
) -> tuple[tuple[Pool, ...], dict[str, tuple[Part, ...]]]:
    """Split each pool exactly; returns the pools and every member's parts, pool by pool."""
    pools: list[Pool] = []
    parts: dict[str, list[Part]] = {}
    for plan in plans:
        pool, split = _split_pool(plan)
        pools.append(pool)
        for k, part in split.items():
            parts.setdefault(k, []).append(part)
    return tuple(pools), {k: tuple(v) for k, v in parts.items()}


def _split_pool(plan: PoolPlan) -> tuple[Pool, dict[str, Part]]:
    amount, unit_ore = plan.amount_ore, plan.unit_ore
    if amount and not any(plan.weights.values()):
        raise DataError([weightless(plan)])
    pool = Pool(
        name=plan.key.value,
        key=plan.key,
        lines=tuple(dict.fromkeys(name for name, _ in plan.contributions)),
        amount_ore=amount,
        total_weight=Fraction(sum(plan.weights.values()), plan.denominator),
        title=plan.title,
        description=plan.description,
        contributions=plan.contributions,
    )
    parts = _base_fee_split(plan, pool.name) or largest_remainder(
        amount // unit_ore,
        plan.weights,
        unit_ore=unit_ore,
        pool=pool.name,
        denominator=plan.denominator,
    )
    check_sum(amount, (p.amount_ore for p in parts.values()))
    return pool, parts


def _base_fee_split(plan: PoolPlan, pool: str) -> dict[str, Part] | None:
    """A base-fee pool: full-year members get exactly the fee, part-year ones split the rest.

    None for any other pool, or a fee that is not a whole number of rounding units.
    """
    if plan.full_year_ore is None:
        return None
    unit_ore, denominator = plan.unit_ore, plan.denominator
    fee = plan.full_year_ore // unit_ore
    full = sorted(k for k, days in plan.weights.items() if days == denominator)
    part = {k: days for k, days in plan.weights.items() if k not in full}
    rest = plan.amount_ore // unit_ore - fee * len(full)
    split = (
        largest_remainder(rest, part, unit_ore=unit_ore, pool=pool, denominator=denominator)
        if part
        else {}
    )
    for rank, kommunkod in enumerate(full, start=len(part) + 1):
        split[kommunkod] = Part(
            pool=pool,
            weight=Fraction(plan.weights[kommunkod], denominator),
            quota_ore=Fraction(fee * unit_ore),
            floor_ore=fee * unit_ore,
            amount_ore=fee * unit_ore,
            rank=rank,
            extra_unit=False,
        )
    return split
