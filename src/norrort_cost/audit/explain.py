"""Explaining a member's share step by step: the pure core behind ``norrort-cost explain``.

:func:`explain` returns every number from the inputs to the amount, so that someone with a
calculator can reproduce it: inhabitants at the reference date, days of membership, the
weight ``inhabitants × days ÷ days in year``, the sum of all weights, and for every cost
pool the exact quota ``split × weight ÷ sum of weights``, its floor, the remainder's rank
among the members sharing the split and whether that rank earned one of the leftover units.

A split is usually the whole pool among all members. A base-fee pool with a fee in whole
rounding units is two splits (:mod:`norrort_cost.allocation.pools`): the full-year members
each pay exactly the fee, and the part-year members split the rest by days;
:class:`BaseFeeStep` gives the figures of both and how the pool itself comes about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from norrort_cost.allocation.membership import CountedPeriod, counted_periods
from norrort_cost.allocation.pools import base_fees_ore, full_year_fee_ore
from norrort_cost.allocation.results import Allocation, Part, Pool, Share
from norrort_cost.allocation.yearly import UNIT_ORE, allocate
from norrort_cost.dataset.arguments import require_dataset, require_text, require_year
from norrort_cost.dataset.lookup import find_municipality
from norrort_cost.dataset.models import AllocationKey, Dataset
from norrort_cost.problems import UsageError, said


@dataclass(frozen=True, slots=True)
class PopulationRule:
    """What chose the reference date of the population: the dataset's
    ``population_reference`` setting (``previous-year-end``, ``budget-year-end`` or a fixed
    ISO date), or, ``given``, a date given explicitly (then the setting was not used)."""

    setting: str
    given: bool = False


@dataclass(frozen=True, slots=True)
class BaseFeeLine:
    """One ``base_fee`` line: its fee per member and year, and what it feeds the pool:
    ``fee × member-days ÷ days in year``, rounded down to a whole rounding unit."""

    line: str
    fee_ore: int
    amount_ore: int


@dataclass(frozen=True, slots=True)
class BaseFeeStep:
    """How a base-fee pool comes about and who splits what.

    ``fee_ore`` is what a full-year member pays (the sum of the fees), or None when a fee
    is not a whole number of rounding units: then the whole pool is split by days.
    ``full_year_ore`` is the fee times the full-year members; ``rest_ore`` (the pool minus
    that) is what the part-year members split by days of membership.
    """

    lines: tuple[BaseFeeLine, ...]
    member_days: int
    days_in_year: int
    fee_ore: int | None
    full_year: tuple[str, ...]
    part_year: tuple[str, ...]
    full_year_ore: int
    rest_ore: int


@dataclass(frozen=True, slots=True)
class PoolStep:
    """How one cost pool's amount became this member's part of it.

    ``split_ore`` is the amount split among the ``members`` who share it with this member,
    whose weights sum to ``total_weight``: the whole pool, except in a base-fee pool with
    a fee in whole units (``rule`` ``full-year-fee``: the full-year members' fees, a quota
    of exactly the fee each; ``part-year-rest``: the rest, among the part-year members).
    """

    pool: str
    lines: tuple[str, ...]
    pool_amount_ore: int
    unit_ore: int
    weight: Fraction
    total_weight: Fraction
    quota_ore: Fraction
    floor_ore: int
    rank: int
    members: int
    leftover_units: int
    extra_unit: bool
    tied_with: tuple[str, ...]
    amount_ore: int
    contributions: tuple[tuple[str, int], ...] = ()
    split_ore: int = 0
    rule: str = "largest-remainder"
    base_fee: BaseFeeStep | None = None

    @property
    def remainder_ore(self) -> Fraction:
        """What the floor cut off the exact quota, in öre."""
        return self.quota_ore - self.floor_ore


@dataclass(frozen=True, slots=True)
class Explanation:
    """Every step from the inputs to one member's amount in one year."""

    cooperation: str
    year: int
    illustrative: bool
    kommunkod: str
    name: str
    inhabitants: int
    population_date: date
    population_source: str
    population_rule: PopulationRule
    pro_rating: str
    periods: tuple[CountedPeriod, ...]
    membership_days: int
    days_in_year: int
    weight: Fraction
    total_weight: Fraction
    members: int
    budget_ore: int
    rounding_unit: str
    pools: tuple[PoolStep, ...]
    amount_ore: int
    method: str
    method_version: str
    tie_break: str
    # the date the final figures will be of, when weighed on a preliminary basis
    final_population_date: date | None = None

    @property
    def ore_per_inhabitant(self) -> Fraction:
        """Öre per inhabitant, exact (0 for a member without inhabitants)."""
        return Fraction(self.amount_ore, self.inhabitants) if self.inhabitants else Fraction(0)


def member_share(dataset: Dataset, allocation: Allocation, municipality: str) -> Share:
    """The share of the member named by kommunkod or name; a usage error if not a member."""
    found = find_municipality(dataset.municipalities, municipality)
    try:
        return allocation.share_of(found.kommunkod)
    except KeyError:
        members = ", ".join(f"{s.kommunkod} {s.name}" for s in allocation.shares)
        raise UsageError(
            said(
                "{name} ({code}) was not a member in {year}",
                name=found.name,
                code=found.kommunkod,
                year=allocation.year,
            ),
            said("members in {year}: {members}", year=allocation.year, members=members),
            code="not-a-member",
        ) from None


def explain(
    dataset: Dataset,
    year: int,
    municipality: str,
    *,
    population_date: date | None = None,
    rounding_unit: str | None = None,
) -> Explanation:
    """Explain the share of ``municipality`` (kommunkod or name) in ``year``, step by step."""
    require_dataset("explain", dataset)
    year = require_year("explain", year)
    require_text("explain", municipality, "municipality", "a kommunkod or a name")
    allocation = allocate(
        dataset, year, population_date=population_date, rounding_unit=rounding_unit
    )
    share = member_share(dataset, allocation, municipality)
    pools = {pool.name: pool for pool in allocation.pools}
    rule = PopulationRule(dataset.settings.population_reference, given=bool(population_date))
    return Explanation(
        cooperation=allocation.cooperation,
        year=year,
        illustrative=allocation.illustrative,
        final_population_date=allocation.final_population_date,
        kommunkod=share.kommunkod,
        name=share.name,
        inhabitants=share.inhabitants,
        population_date=share.population_date,
        population_source=share.population_source,
        population_rule=rule,
        pro_rating=dataset.settings.pro_rating,
        periods=counted_periods(
            dataset.memberships, share.kommunkod, year, dataset.settings.pro_rating
        ),
        membership_days=share.membership_days,
        days_in_year=share.days_in_year,
        weight=share.weight,
        total_weight=allocation.total_weight,
        members=len(allocation.shares),
        budget_ore=allocation.budget_ore,
        rounding_unit=allocation.rounding_unit,
        pools=tuple(_pool_step(allocation, pools[part.pool], part) for part in share.parts),
        amount_ore=share.amount_ore,
        method=allocation.method,
        method_version=allocation.method_version,
        tie_break=allocation.tie_break,
    )


def _base_fee_step(allocation: Allocation, unit_ore: int) -> BaseFeeStep:
    days = {s.kommunkod: s.membership_days for s in allocation.shares}
    fee = full_year_fee_ore(allocation.lines, unit_ore)
    lines = tuple(
        BaseFeeLine(
            line=line.line,
            fee_ore=line.base_fee_ore or 0,
            amount_ore=base_fees_ore(
                line.base_fee_ore or 0, days, allocation.days_in_year, unit_ore
            ),
        )
        for line in allocation.lines
        if line.key == AllocationKey.BASE_FEE
    )
    full = tuple(k for k, d in days.items() if d == allocation.days_in_year and fee is not None)
    full_year_ore = (fee or 0) * len(full)
    return BaseFeeStep(
        lines=lines,
        member_days=sum(days.values()),
        days_in_year=allocation.days_in_year,
        fee_ore=fee,
        full_year=full,
        part_year=tuple(k for k in days if k not in full),
        full_year_ore=full_year_ore,
        rest_ore=sum(line.amount_ore for line in lines) - full_year_ore,
    )


def _pool_step(allocation: Allocation, pool: Pool, part: Part) -> PoolStep:
    unit_ore = UNIT_ORE[allocation.rounding_unit]
    group = {s.kommunkod: p for s in allocation.shares for p in s.parts if p.pool == pool.name}
    split_ore, rule, base_fee = pool.amount_ore, "largest-remainder", None
    if pool.key == AllocationKey.BASE_FEE:
        base_fee = _base_fee_step(allocation, unit_ore)
        if base_fee.fee_ore is not None:
            full = any(group[k] is part for k in base_fee.full_year)
            codes = base_fee.full_year if full else base_fee.part_year
            group = {k: group[k] for k in codes}
            split_ore = base_fee.full_year_ore if full else base_fee.rest_ore
            rule = "full-year-fee" if full else "part-year-rest"
    remainder = part.quota_ore - part.floor_ore
    tied = tuple(
        k for k, p in group.items() if p is not part and p.quota_ore - p.floor_ore == remainder
    )
    return PoolStep(
        pool=pool.name,
        lines=pool.lines,
        pool_amount_ore=pool.amount_ore,
        unit_ore=unit_ore,
        weight=part.weight,
        total_weight=sum((p.weight for p in group.values()), Fraction(0)),
        quota_ore=part.quota_ore,
        floor_ore=part.floor_ore,
        rank=1 + sum(p.rank < part.rank for p in group.values()),
        members=len(group),
        leftover_units=sum(p.extra_unit for p in group.values()),
        extra_unit=part.extra_unit,
        tied_with=tied if remainder else (),
        amount_ore=part.amount_ore,
        contributions=pool.contributions,
        split_ore=split_ore,
        rule=rule,
        base_fee=base_fee,
    )
