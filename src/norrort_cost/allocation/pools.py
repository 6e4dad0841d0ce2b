"""Cost pools: how a year's budget lines, by their allocation keys, become pools to split.

Pure core, no I/O. Pools are formed by *basis* (what a member's part is proportional to),
not line by line, so that each basis is rounded once:

``per_capita``
    ``per_capita`` lines, the rest of ``base_fee`` lines after the base fees, and what
    ``fixed`` lines leave when their fallback is per capita. Weight: inhabitants × days of
    membership ÷ days in the year.
``equal``
    ``equal`` lines and what ``fixed`` lines leave when their fallback is ``equal``.
    Weight: days of membership ÷ days in the year (a full-year member weighs 1).
``base_fee``
    The grundavgift (base fee) of ``base_fee`` lines: the fee per member and year,
    pro-rated by days of membership like everything else (a member for half the year pays
    half the fee). The pool is the fee times the members' member-years, rounded down to a
    whole rounding unit. A full-year member pays exactly the fee whenever the fee is a
    whole number of rounding units; what is left of the pool is split among the part-year
    members by days of membership (largest remainder). A single split of the whole pool by
    days could not keep that promise: the pool is rounded down, so a full-year member's
    exact quota falls just short of the fee and it may lose the leftover unit to a
    part-year member (119 999,99 of a 120 000,00 fee). With a fee in öre and rounding to
    whole kronor, the whole pool is split by days.
``fixed``
    The amounts given in ``fixed_amounts.csv``. Each member pays exactly its amount, to the
    öre, whatever the rounding unit.

Pools come in the order in which the budget lines first feed them. The key rules that
make a year's lines fit to plan are in :mod:`norrort_cost.allocation.keys`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from norrort_cost.dataset.models import AllocationKey, BudgetLine, FixedAmount


@dataclass(frozen=True, slots=True)
class MemberYear:
    """The members of one budget year: who, how many inhabitants, how many days.

    ``inhabitants`` and ``sources`` are at ``population_date``; ``days`` are the days of
    membership counted in the year, which has ``days_in_year`` days.
    """

    population_date: date
    inhabitants: Mapping[str, int]
    sources: Mapping[str, str]
    days: Mapping[str, int]
    days_in_year: int

    def inhabitant_days(self, kommunkod: str) -> int:
        """The member's per-capita weight in whole inhabitant-days."""
        return self.inhabitants[kommunkod] * self.days[kommunkod]


@dataclass(frozen=True, slots=True)
class PoolPlan:
    """A pool ready to split: what feeds it and every member's integer weight.

    A member's weight is ``weights[k] / denominator``; ``unit_ore`` is the unit the pool
    is rounded to (the fixed pool is always exact to the öre); ``fees_ore`` the base fees
    per member and year of a base-fee pool's lines, each once, smallest first.
    """

    key: AllocationKey
    contributions: tuple[tuple[str, int], ...]
    weights: Mapping[str, int]
    denominator: int
    unit_ore: int
    fees_ore: tuple[int, ...] = ()
    # base_fee pools: what a full-year member pays (the sum of the fees), when that is a
    # whole number of rounding units; None otherwise
    full_year_ore: int | None = None

    @property
    def amount_ore(self) -> int:
        """The pool's amount: the sum of what the lines feed into it."""
        return sum(amount for _, amount in self.contributions)


def base_fees_ore(fee_ore: int, days: Mapping[str, int], days_in_year: int, unit_ore: int) -> int:
    """The base-fee part of a line: fee × member-years, rounded down to a whole unit."""
    units = fee_ore * sum(days.values()) // (days_in_year * unit_ore)
    return units * unit_ore


def plan_pools(
    lines: Sequence[BudgetLine], fixed: Iterable[FixedAmount], members: MemberYear, unit_ore: int
) -> tuple[PoolPlan, ...]:
    """The pools of a year's lines (which passed :func:`~norrort_cost.keyrules.year_problems`)."""
    days, days_in_year = members.days, members.days_in_year
    given = _given_by_line(fixed)
    fed: dict[AllocationKey, list[tuple[str, int]]] = {}
    for line in lines:
        for key, amount in _contributions(line, given, days, days_in_year, unit_ore):
            fed.setdefault(key, []).append((line.line, amount))
    plans = []
    for key, contributions in fed.items():
        weights, denominator = _weights(key, lines, given, members)
        plans.append(
            PoolPlan(
                key=key,
                contributions=tuple(contributions),
                weights=weights,
                denominator=denominator,
                unit_ore=1 if key == AllocationKey.FIXED else unit_ore,
                fees_ore=_fees(key, lines),
                full_year_ore=_full_year_fee(key, lines, unit_ore),
            )
        )
    return tuple(plans)


def _full_year_fee(key: AllocationKey, lines: Sequence[BudgetLine], unit_ore: int) -> int | None:
    """A full-year member's base fee, if this is the base-fee pool and each fee is whole units."""
    return full_year_fee_ore(lines, unit_ore) if key == AllocationKey.BASE_FEE else None


def full_year_fee_ore(lines: Sequence[BudgetLine], unit_ore: int) -> int | None:
    """What a full-year member pays of base fees: the sum of the year's fees, or None when a
    fee is not a whole number of rounding units (then the whole pool is split by days)."""
    fees = [line.base_fee_ore or 0 for line in lines if line.key == AllocationKey.BASE_FEE]
    return None if any(fee % unit_ore for fee in fees) else sum(fees)


def _given_by_line(fixed: Iterable[FixedAmount]) -> dict[str, dict[str, int]]:
    given: dict[str, dict[str, int]] = {}
    for row in fixed:
        members = given.setdefault(row.line, {})
        members[row.kommunkod] = members.get(row.kommunkod, 0) + row.amount_ore
    return given


def _contributions(
    line: BudgetLine,
    given: Mapping[str, Mapping[str, int]],
    days: Mapping[str, int],
    days_in_year: int,
    unit_ore: int,
) -> list[tuple[AllocationKey, int]]:
    """What one line feeds into which pool: its key's pool first, then any rest."""
    if line.key == AllocationKey.BASE_FEE:
        fees = base_fees_ore(line.base_fee_ore or 0, days, days_in_year, unit_ore)
        rest_key = AllocationKey.PER_CAPITA
    elif line.key == AllocationKey.FIXED:
        fees = sum(given.get(line.line, {}).values())
        rest_key = line.fallback_key
    else:
        return [(line.key, line.amount_ore)]
    rest = line.amount_ore - fees
    return [(line.key, fees), (rest_key, rest)] if rest else [(line.key, fees)]


def _weights(
    key: AllocationKey,
    lines: Sequence[BudgetLine],
    given: Mapping[str, Mapping[str, int]],
    members: MemberYear,
) -> tuple[dict[str, int], int]:
    days, days_in_year = members.days, members.days_in_year
    if key == AllocationKey.PER_CAPITA:
        return {k: members.inhabitant_days(k) for k in days}, days_in_year
    if key == AllocationKey.FIXED:
        fixed_lines = {line.line for line in lines if line.key == AllocationKey.FIXED}
        amounts = dict.fromkeys(days, 0)
        for name, per_member in given.items():
            if name in fixed_lines:
                for k, amount in per_member.items():
                    if k in amounts:  # rows for non-members are reported, never paid
                        amounts[k] += amount
        return amounts, 1
    return dict(days), days_in_year


def _fees(key: AllocationKey, lines: Sequence[BudgetLine]) -> tuple[int, ...]:
    """A base-fee pool's fees per member and year, each once, smallest first (() otherwise)."""
    if key != AllocationKey.BASE_FEE:
        return ()
    return tuple(sorted({line.base_fee_ore or 0 for line in lines if line.key == key}))
