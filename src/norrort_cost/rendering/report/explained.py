"""The method in plain words and the worked example of one member, in the report's language.

The worked example is the chain of :func:`norrort_cost.audit.explain.explain` (the same
numbers as ``norrort-cost explain``): inhabitants, days, weight, sum of weights, and per
cost pool the exact quota, its whole part, the remainder's rank and the leftover units.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from norrort_cost.allocation.results import Allocation
from norrort_cost.audit.explain import Explanation, PoolStep
from norrort_cost.money import format_fraction_sv, format_int, format_sek

PLACES = 4  # decimals shown of an exact weight or quota


def _exact(value: Fraction) -> str:
    """An exact rational for people: whole numbers as they are, others to four decimals."""
    if value.denominator == 1:
        return format_int(value.numerator)
    return format_fraction_sv(value, PLACES)


def pool_title(pool: str, t: Mapping[str, str]) -> str:
    """A pool's name for people, without the column's unit: ``Grundavgift``."""
    return t[f"pool_{pool}"].removesuffix(" (kr)")


def method_paragraphs(allocation: Allocation, t: Mapping[str, str]) -> tuple[str, ...]:
    """How every share of the year is computed, in plain words."""
    unit = allocation.rounding_unit
    pools = ", ".join(
        f"{pool_title(p.name, t)} {format_sek(p.amount_ore)} kr" for p in allocation.pools
    )
    return (
        t["method_weight"].format(
            date=allocation.population_date.isoformat(), days=allocation.days_in_year
        ),
        t["method_pools"].format(pools=pools),
        t["method_split"].format(unit=t[f"unit_{unit}"], unit_one=t[f"unit_{unit}_one"]),
        t["method_sum"].format(method=allocation.method, version=allocation.method_version),
    )


def worked_example(explanation: Explanation, t: Mapping[str, str]) -> tuple[str, ...]:
    """Every step from the member's inputs to its amount, reproducible with a calculator."""
    e = explanation
    periods = "; ".join(
        t["period_from"].format(start=p.counted_from.isoformat())
        if p.counted_to.month == 12 and p.counted_to.day == 31
        else t["period_between"].format(
            start=p.counted_from.isoformat(), end=p.counted_to.isoformat()
        )
        for p in e.periods
    )
    steps = [
        t["step_inhabitants"].format(
            date=e.population_date.isoformat(),
            inhabitants=format_int(e.inhabitants),
            source=e.population_source or t["source_unknown"],
        ),
        t["step_days"].format(
            year=e.year, days=e.membership_days, days_in_year=e.days_in_year, period=periods
        ),
        t["step_weight"].format(
            inhabitants=format_int(e.inhabitants),
            days=e.membership_days,
            days_in_year=e.days_in_year,
            weight=_exact(e.weight),
        ),
        t["step_total"].format(members=e.members, total=_exact(e.total_weight)),
    ]
    for step in e.pools:
        steps.append(_pool_step(step, e.name, t))
    steps.append(
        t["step_amount"].format(
            amount=format_sek(e.amount_ore),
            per_inhabitant=format_fraction_sv(e.ore_per_inhabitant / 100, 2),
        )
    )
    return tuple(steps)


def _pool_step(step: PoolStep, name: str, t: Mapping[str, str]) -> str:
    text = t["step_pool"].format(
        pool=pool_title(step.pool, t),
        pool_amount=format_int(step.pool_amount_ore),
        weight=_exact(step.weight),
        total=_exact(step.total_weight),
        quota=_exact(step.quota_ore),
        floor=format_int(step.floor_ore),
        remainder=_exact(step.remainder_ore),
        rank=step.rank,
        members=step.members,
    )
    if step.leftover_units:
        unit = t["unit_ore"] if step.unit_ore == 1 else t["unit_krona"]
        verdict = t["verdict_yes" if step.extra_unit else "verdict_no"].format(name=name)
        text += " " + t["step_extra"].format(left=step.leftover_units, unit=unit, verdict=verdict)
    else:
        text += " " + t["step_no_extra"]
    return text + " " + t["step_part"].format(amount=format_sek(step.amount_ore))
