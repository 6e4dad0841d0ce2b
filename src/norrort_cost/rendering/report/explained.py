"""The method in plain words and the worked example of one member, in the report's language.

The worked example is the chain of :func:`norrort_cost.audit.explain.explain` (the same
numbers as ``norrort-cost explain``): inhabitants, days, weight, sum of weights, and per
cost pool the quota, its whole part, the remainder's rank and the leftover units. It is
written in kronor, as a committee reads money; the exact fractions behind each step are in
the appendix (:func:`appendix_section`), so every figure can still be checked by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from norrort_cost.allocation.results import Allocation
from norrort_cost.audit.explain import Explanation, PoolStep
from norrort_cost.money import format_fraction_sv, format_int, format_sek, kronor
from norrort_cost.rendering.report.parts import Section

PLACES = 6  # decimals shown beside an exact fraction in the appendix
METHODS = {"largest-remainder (Hamilton)": "method_hamilton"}


def _exact(value: Fraction) -> str:
    """An exact rational for people: ``6 878 655/365 (18 845,630137)``, whole numbers as is."""
    if value.denominator == 1:
        return format_int(value.numerator)
    fraction = f"{format_int(value.numerator)}/{format_int(value.denominator)}"
    return f"{fraction} ({format_fraction_sv(value, PLACES)})"


def _about(value: Fraction, t: Mapping[str, str]) -> str:
    """A weight for people: whole numbers as they are, others ``ca 18 845,63``."""
    if value.denominator == 1:
        return format_int(value.numerator)
    return t["about"].format(value=format_fraction_sv(value, 2))


def method_name(method: str, t: Mapping[str, str]) -> str:
    """The allocation method's name in the report's language (unknown names as they are)."""
    key = METHODS.get(method)
    return t[key] if key else method


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
        t["method_sum"].format(
            method=method_name(allocation.method, t), version=allocation.method_version
        ),
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
            weight=_about(e.weight, t),
        ),
        t["step_total"].format(members=e.members, total=_about(e.total_weight, t)),
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
    unit = "ore" if step.unit_ore == 1 else "krona"
    text = t["step_pool"].format(
        pool=pool_title(step.pool, t),
        pool_amount=format_sek(step.pool_amount_ore),
        weight=_about(step.weight, t),
        total=_about(step.total_weight, t),
        floor=format_sek(step.floor_ore),
        whole=t[f"whole_{unit}"],
        remainder=format_fraction_sv(step.remainder_ore, 2),
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


def appendix_section(explanation: Explanation, t: Mapping[str, str]) -> Section:
    """The worked example's exact fractions, in öre, for whoever checks it by hand."""
    e = explanation
    steps = [
        t["exact_weight"].format(
            inhabitants=format_int(e.inhabitants),
            days=e.membership_days,
            days_in_year=e.days_in_year,
            weight=_exact(e.weight),
        ),
        t["exact_total"].format(members=e.members, total=_exact(e.total_weight)),
    ]
    for step in e.pools:
        steps.append(
            t["exact_pool"].format(
                pool=pool_title(step.pool, t),
                pool_amount=format_int(step.pool_amount_ore),
                quota=_exact(step.quota_ore),
                floor=format_int(step.floor_ore),
                remainder=_exact(step.remainder_ore),
            )
        )
    steps.append(
        t["exact_per_inhabitant"].format(
            amount=format_sek(e.amount_ore),
            inhabitants=format_int(e.inhabitants),
            value=_exact(kronor(e.ore_per_inhabitant)),
        )
    )
    return Section(
        t["section_appendix"],
        paragraphs=(t["appendix_intro"].format(name=e.name, places=PLACES),),
        steps=tuple(steps),
    )
