"""Audit results for people in a terminal: explain, check, compare and whatif tables.

Swedish number formats (``24 291,03``); exact fractions beside their decimals so that the
figures can be recomputed by hand. Uses rich, like :mod:`norrort_cost.rendering.console`.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from norrort_cost.audit.changes import Comparison, MemberChange, WhatIf
from norrort_cost.audit.explain import Explanation, PoolStep
from norrort_cost.audit.reconcile import CheckResult, Verdict
from norrort_cost.money import (
    format_fraction_sv,
    format_int,
    format_kronor,
    format_sek,
    format_signed_sek,
    kronor,
)
from norrort_cost.rendering.audit_records import check_summary, leftover_reason, reading_text
from norrort_cost.rendering.records import ILLUSTRATIVE_NOTICE


def _exact(value: Fraction, places: int = 6) -> str:
    decimal = format_fraction_sv(value, places)
    return (
        decimal if value.denominator == 1 else f"{value.numerator}/{value.denominator} ≈ {decimal}"
    )


def _notice(out: Console, *, illustrative: bool) -> None:
    if illustrative:
        out.print(Text(ILLUSTRATIVE_NOTICE, style="bold red"))


def _membership(result: Explanation) -> list[tuple[str, str, str]]:
    rows = []
    for period in result.periods:
        until = period.end.isoformat() if period.end else "(no end)"
        rows.append(
            (
                "Membership",
                f"{period.start} – {until}",
                f"counted {period.counted_from} – {period.counted_to}: {period.days} days",
            )
        )
    note = " (pro-rating off: any membership counts as the whole year)"
    counted = "" if result.pro_rating == "days" else note
    rows.append(("Days counted", f"{result.membership_days} of {result.days_in_year}", counted))
    return rows


def _pool_rows(step: PoolStep, unit: str) -> list[tuple[str, str, str]]:
    lines = "; ".join(step.lines)
    return [
        (f"Pool {step.pool}", f"{format_sek(step.pool_amount_ore)} kr", lines),
        ("  weight in pool", _exact(step.weight), f"sum of weights {_exact(step.total_weight)}"),
        (
            "  exact quota",
            f"{_exact(step.quota_ore)} öre",
            (
                f"{format_int(step.pool_amount_ore)} öre × weight ÷ sum of weights"
                f" = {format_fraction_sv(kronor(step.quota_ore), 6)} kr"
            ),
        ),
        ("  floor", f"{format_sek(step.floor_ore)} kr", f"{format_int(step.floor_ore)} öre"),
        (
            "  remainder",
            f"{format_fraction_sv(step.remainder_ore, 6)} öre",
            f"rank {step.rank} of {step.members} (largest first, ties by kommunkod)",
        ),
        (f"  extra {unit}", "yes" if step.extra_unit else "no", leftover_reason(step)),
        ("  part", f"{format_sek(step.amount_ore)} kr", ""),
    ]


def explanation_table(result: Explanation) -> Table:
    """Every step from inputs to amount, one row each: step, value, how it comes about."""
    table = Table(
        title=f"{result.cooperation} {result.year}: how {result.name} ({result.kommunkod}) "
        f"pays {format_sek(result.amount_ore)} kr",
        caption=f"Method: {result.method} v{result.method_version}; {result.tie_break}.",
        caption_justify="left",
    )
    for header in ("Step", "Value", "How"):
        table.add_column(header, overflow="fold")
    unit = "öre" if result.rounding_unit == "ore" else "krona"
    source = f" ({result.population_source})" if result.population_source else ""
    rows = [
        ("Inhabitants", format_int(result.inhabitants), f"at {result.population_date}{source}"),
        ("Reference date", result.population_date.isoformat(), result.population_rule),
        *_membership(result),
        (
            "Weight",
            _exact(result.weight),
            f"{format_int(result.inhabitants)} × {result.membership_days} ÷ {result.days_in_year}",
        ),
        ("Sum of weights", _exact(result.total_weight), f"all {result.members} members"),
        ("Budget", f"{format_sek(result.budget_ore)} kr", f"rounded to whole {unit}"),
    ]
    for step in result.pools:
        rows.extend(_pool_rows(step, unit))
    per_inhabitant = format_fraction_sv(kronor(result.ore_per_inhabitant), 4)
    rows += [
        ("Amount", f"{format_sek(result.amount_ore)} kr", "sum of the parts"),
        (
            "kr per inhabitant",
            per_inhabitant,
            f"{format_sek(result.amount_ore)} ÷ {format_int(result.inhabitants)}",
        ),
        ("Method", f"{result.method} v{result.method_version}", result.tie_break),
    ]
    for row in rows:
        table.add_row(*row)
    return table


def print_explanation(out: Console, result: Explanation) -> None:
    """The explanation table, with the illustrative notice when it applies."""
    _notice(out, illustrative=result.illustrative)
    out.print(explanation_table(result))


def print_check(out: Console, result: CheckResult) -> None:
    """Every reading of the claim against the computed amount, then the verdict."""
    approx = " (approximate)" if result.claim.approximate else ""
    table = Table(
        title=f"Check {result.claim.matched!r}{approx} against {result.name} "
        f"({result.kommunkod}) {result.year}: computed {format_sek(result.computed_ore)} kr",
    )
    for header in ("Reading", "Kind", "Difference (kr)", "Consistent"):
        table.add_column(header, overflow="fold")
    for check in result.readings:
        marker = " ←" if check is result.chosen else ""
        table.add_row(
            reading_text(check.reading) + marker,
            check.reading.kind.value,
            format_kronor(check.difference),
            "yes" if check.consistent else "no",
        )
    out.print(table)
    style = "bold green" if result.verdict == Verdict.CONSISTENT else "bold red"
    out.print(Text(check_summary(result), style=style))


def _change_table(
    title: str, headers: tuple[str, str, str], members: tuple[MemberChange, ...]
) -> Table:
    table = Table(title=title, show_footer=True)
    table.add_column("Kod", "Total", no_wrap=True)
    table.add_column("Municipality", no_wrap=True)
    table.add_column("Status", no_wrap=True)

    def total(value: Callable[[MemberChange], int]) -> str:
        return format_sek(sum(value(m) for m in members))

    money: list[tuple[str, Callable[[MemberChange], int]]] = [
        (headers[0], lambda m: m.before.amount_ore if m.before else 0),
        (headers[1], lambda m: m.after.amount_ore if m.after else 0),
        (headers[2], lambda m: m.amount_change_ore),
    ]
    for header, value in money:
        table.add_column(header, total(value), justify="right", no_wrap=True)
    return table


def _money_cells(m: MemberChange) -> list[str]:
    """The first six cells of a change row: who, status, before, after, difference."""
    return [
        m.kommunkod,
        m.name,
        m.status.value,
        format_sek(m.before.amount_ore if m.before else 0),
        format_sek(m.after.amount_ore if m.after else 0),
        format_signed_sek(m.amount_change_ore),
    ]


def _optional(value: Any, show: Callable[[Any], str]) -> str:  # noqa: ANN401 - any figure
    return "–" if value is None else show(value)


def print_whatif(out: Console, result: WhatIf) -> None:
    """Baseline, new amount and difference per member (difference = new − baseline)."""
    changes = ", ".join(c.describe() for c in result.changes)
    table = _change_table(
        f"{result.baseline.cooperation} {result.baseline.year}, what if: {changes}",
        ("Baseline (kr)", "New (kr)", "Difference (kr)"),
        result.members,
    )
    for m in result.members:
        table.add_row(*_money_cells(m))
    table.caption = "Difference = new − baseline; positive: the member would pay more."
    _notice(out, illustrative=result.baseline.illustrative)
    out.print(table)


def print_comparison(out: Console, result: Comparison) -> None:
    """Per member: inhabitants, share, amount and kr per inhabitant, with changes."""
    y1, y2 = result.before.year, result.after.year
    table = _change_table(
        f"{result.after.cooperation}: {y1} compared with {y2}",
        (f"{y1} (kr)", f"{y2} (kr)", "Δ kr"),
        result.members,
    )
    table.add_column("Δ inhab.", justify="right", no_wrap=True)
    table.add_column("Δ share (pp)", justify="right", no_wrap=True)
    table.add_column("Δ kr/inhab.", justify="right", no_wrap=True)
    for m in result.members:
        table.add_row(
            *_money_cells(m),
            _optional(m.inhabitants_change, lambda v: ("+" if v > 0 else "") + format_int(v)),
            format_fraction_sv(m.share_change * 100, 4, signed=True),
            _optional(
                m.ore_per_inhabitant_change,
                lambda v: format_fraction_sv(kronor(v), 4, signed=True),
            ),
        )
    table.caption = (
        f"Δ = {y2} − {y1}. Budget {format_sek(result.before.budget_ore)} → "
        f"{format_sek(result.after.budget_ore)} kr; population at "
        f"{result.before.population_date} and {result.after.population_date}."
    )
    _notice(out, illustrative=result.before.illustrative or result.after.illustrative)
    out.print(table)
