"""The explanation of one member's amount as rows for people: step, value, how it comes
about, from inputs to amount (exact fractions beside their decimals, Swedish number
formats). Printed by :func:`norrort_cost.rendering.audit_console.print_explanation`.
"""

from __future__ import annotations

from fractions import Fraction

from norrort_cost.audit.explain import BaseFeeStep, Explanation, PoolStep
from norrort_cost.money import format_fraction_sv, format_int, format_sek, kronor
from norrort_cost.rendering.console import pool_label
from norrort_cost.rendering.i18n import _
from norrort_cost.rendering.vocabulary import method_name, population_rule_meaning, tie_break_name


def _exact(value: Fraction, places: int = 6) -> str:
    decimal = format_fraction_sv(value, places)
    return (
        decimal if value.denominator == 1 else f"{value.numerator}/{value.denominator} ≈ {decimal}"
    )


def _membership(result: Explanation) -> list[tuple[str, str, str]]:
    rows = []
    for period in result.periods:
        until = period.end.isoformat() if period.end else _("(no end)")
        rows.append(
            (
                _("Membership"),
                f"{period.start} – {until}",
                _("counted {start} – {end}: {days} days").format(
                    start=period.counted_from, end=period.counted_to, days=period.days
                ),
            )
        )
    note = _("pro-rating off: any membership counts as the whole year")
    counted = "" if result.pro_rating == "days" else note
    of = _("{days} of {days_in_year}").format(
        days=result.membership_days, days_in_year=result.days_in_year
    )
    rows.append((_("Days counted"), of, counted))
    return rows


def _reason(step: PoolStep) -> str:
    """Why the member got a leftover unit or not (the words of ``leftover_reason``)."""
    unit = _("öre") if step.unit_ore == 1 else _("krona")
    if step.rule == "full-year-fee":
        return _("a full-year member pays exactly the base fee: nothing to round")
    if step.leftover_units == 0:
        return _("the floors already sum to the pool: no {unit} left over").format(unit=unit)
    share_out = _(
        "{left} {unit} left over after the floors go one each to the {left} largest "
        "remainders; this remainder ranks {rank} of {members}"
    ).format(left=step.leftover_units, unit=unit, rank=step.rank, members=step.members)
    one = _("so it gets one öre") if step.unit_ore == 1 else _("so it gets one krona")
    verdict = one if step.extra_unit else _("so it gets none")
    ties = ""
    if step.tied_with:
        ties = _(
            " (its remainder equals that of {others}: equal remainders are ordered by "
            "kommunkod ascending)"
        ).format(others=", ".join(step.tied_with))
    return f"{share_out}, {verdict}{ties}"


def _pool_rows(step: PoolStep, unit: str) -> list[tuple[str, str, str]]:
    lines = "; ".join(step.lines)
    rows = [
        (
            _("Pool: {pool}").format(pool=pool_label(step.pool)),
            f"{format_sek(step.pool_amount_ore)} kr",
            lines,
        )
    ]
    if step.base_fee is not None:
        rows += base_fee_rows(step.base_fee, step.pool_amount_ore, unit)
    if step.rule == "full-year-fee":
        how = _("a full-year member's quota is the fee itself: {fee} öre, nothing to round")
        return [
            *rows,
            (
                "  " + _("exact quota"),
                f"{_exact(step.quota_ore)} öre",
                how.format(fee=format_int(step.amount_ore)),
            ),
            ("  " + _("part"), f"{format_sek(step.amount_ore)} kr", ""),
        ]
    return rows + _split_rows(step, unit)


def _split_rows(step: PoolStep, unit: str) -> list[tuple[str, str, str]]:
    """The largest-remainder split the member takes part in: weight, quota, floor, rank."""
    quota = _("{pool} öre × weight ÷ sum of weights = {quota} kr").format(
        pool=format_int(step.split_ore), quota=format_fraction_sv(kronor(step.quota_ore), 6)
    )
    rank = _("rank {rank} of {members} (largest first, ties by kommunkod)").format(
        rank=step.rank, members=step.members
    )
    total = _("sum of weights {total}").format(total=_exact(step.total_weight))
    if step.rule == "part-year-rest":
        total = _("sum of the part-year members' weights {total}").format(
            total=_exact(step.total_weight)
        )
    return [
        ("  " + _("weight in pool"), _exact(step.weight), total),
        ("  " + _("exact quota"), f"{_exact(step.quota_ore)} öre", quota),
        (
            "  " + _("floor"),
            f"{format_sek(step.floor_ore)} kr",
            f"{format_int(step.floor_ore)} öre",
        ),
        ("  " + _("remainder"), f"{format_fraction_sv(step.remainder_ore, 6)} öre", rank),
        (
            "  " + _("extra {unit}").format(unit=unit),
            _("yes") if step.extra_unit else _("no"),
            _reason(step),
        ),
        ("  " + _("part"), f"{format_sek(step.amount_ore)} kr", ""),
    ]


def base_fee_rows(fee: BaseFeeStep, pool_ore: int, unit: str) -> list[tuple[str, str, str]]:
    """How a base-fee pool comes about and how it is split: fee, pool, full-year, rest."""
    rows = []
    for line in fee.lines:
        exact = Fraction(line.fee_ore * fee.member_days, fee.days_in_year)
        how = _(
            "{line}: {fee} kr × {days} member-days ÷ {days_in_year} = {exact} kr, "
            "rounded down to whole {unit}: {amount} kr"
        ).format(
            line=line.line,
            fee=format_sek(line.fee_ore),
            days=format_int(fee.member_days),
            days_in_year=fee.days_in_year,
            exact=format_fraction_sv(kronor(exact), 6),
            unit=unit,
            amount=format_sek(line.amount_ore),
        )
        rows.append(("  " + _("base fee"), f"{format_sek(line.fee_ore)} kr", how))
    if fee.fee_ore is None:
        how = _("a fee is not whole {unit}: the whole pool is split by days of membership")
        return [*rows, ("  " + _("split"), _("by days"), how.format(unit=unit))]
    full = _("{members} × {fee} kr: each full-year member pays exactly the fee ({codes})")
    rest = _("{pool} kr − {full} kr, split by days among the part-year members ({codes})")
    return [
        *rows,
        (
            "  " + _("full-year members"),
            f"{format_sek(fee.full_year_ore)} kr",
            full.format(
                members=len(fee.full_year),
                fee=format_sek(fee.fee_ore),
                codes=", ".join(fee.full_year) or "–",
            ),
        ),
        (
            "  " + _("rest"),
            f"{format_sek(fee.rest_ore)} kr",
            rest.format(
                pool=format_sek(pool_ore),
                full=format_sek(fee.full_year_ore),
                codes=", ".join(fee.part_year) or "–",
            ),
        ),
    ]


def explanation_rows(result: Explanation) -> list[tuple[str, str, str]]:
    """Every step from inputs to ``result``'s amount: (step, value, how it comes about)."""
    unit = _("öre") if result.rounding_unit == "ore" else _("krona")
    source = f" ({result.population_source})" if result.population_source else ""
    rows = [
        (
            _("Inhabitants"),
            format_int(result.inhabitants),
            _("at {date}").format(date=result.population_date) + source,
        ),
        (
            _("Reference date"),
            result.population_date.isoformat(),
            population_rule_meaning(result.population_rule, _),
        ),
        *_membership(result),
        (
            _("Weight"),
            _exact(result.weight),
            f"{format_int(result.inhabitants)} × {result.membership_days} ÷ {result.days_in_year}",
        ),
        (
            _("Sum of weights"),
            _exact(result.total_weight),
            _("all {members} members").format(members=result.members),
        ),
        (
            _("Budget"),
            f"{format_sek(result.budget_ore)} kr",
            _("rounded to whole {unit}").format(unit=unit),
        ),
    ]
    for step in result.pools:
        rows.extend(_pool_rows(step, unit))
    per_inhabitant = format_fraction_sv(kronor(result.ore_per_inhabitant), 4)
    rows += [
        (_("Amount"), f"{format_sek(result.amount_ore)} kr", _("sum of the parts")),
        (
            _("kr/inhabitant"),
            per_inhabitant,
            f"{format_sek(result.amount_ore)} ÷ {format_int(result.inhabitants)}",
        ),
        (
            _("Method"),
            method_name(result.method, result.method_version),
            tie_break_name(result.tie_break),
        ),
    ]
    return rows
