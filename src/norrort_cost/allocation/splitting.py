"""Splitting a pool exactly: largest remainder (Hamilton), the base fee, and the check that
the parts sum to the whole. Pure, no I/O; the method is described in
:mod:`norrort_cost.allocation.yearly`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction

from norrort_cost.allocation.engine import apportion
from norrort_cost.allocation.pools import PoolPlan
from norrort_cost.allocation.refusals import weightless
from norrort_cost.allocation.results import Part, Pool
from norrort_cost.problems import DataError


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


def split_pools(
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
        fees_ore=plan.fees_ore,
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
