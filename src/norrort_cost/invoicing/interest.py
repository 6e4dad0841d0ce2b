"""Late-payment interest under räntelagen (1975:635), computed exactly.

Interest runs from the day after the due date up to and including the day it is computed
for, at Riksbanken's reference rate of each calendar half-year plus eight percentage
points (6 § räntelagen), on what remained unpaid each day: a payment or a credit note
lowers the base from its date on. A day's interest is the rate ÷ 365 of the base (the
convention Kronofogden uses); the sum over all days is exact (a fraction of öre) and is
rounded once, half up, to whole öre.

The reference rates are a table in the settings, each with its source; a half-year the
table does not have is never guessed: the result says which periods lack a rate and gives
no amount.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

SURCHARGE_PERCENT = Decimal(8)
DAYS_A_YEAR = 365


@dataclass(frozen=True, slots=True)
class Interest:
    """The interest on one invoice from its due date up to a day, or why there is none."""

    due_date: date
    until: date
    days: int
    interest_ore: int | None
    missing_half_years: tuple[date, ...] = ()
    rates: tuple[tuple[date, Decimal], ...] = ()


def half_year_start(day: date) -> date:
    """The first day of the calendar half-year of ``day`` (1 January or 1 July)."""
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def late_interest(
    amount_ore: int,
    due_date: date,
    until: date,
    reference_rates: Mapping[date, Decimal],
    changes: Iterable[tuple[date, int]] = (),
) -> Interest:
    """Interest on ``amount_ore`` unpaid after ``due_date`` up to ``until`` (inclusive).

    ``reference_rates`` maps each half-year's first day to Riksbanken's rate (percent);
    ``changes`` are (date, öre) taken off the base from that date on (payments, credits).
    """
    days = max((until - due_date).days, 0)
    changes = sorted(changes)
    total = Fraction(0)
    missing: list[date] = []
    used: dict[date, Decimal] = {}
    day = due_date + timedelta(days=1)
    while day <= until:
        start = half_year_start(day)
        end = min(until, _half_year_end(start))
        rate = reference_rates.get(start)
        if rate is None:
            missing.append(start)
        else:
            used[start] = rate
            total += _segment(amount_ore, changes, day, end, rate)
        day = end + timedelta(days=1)
    if missing:
        return Interest(due_date, until, days, None, tuple(missing), tuple(used.items()))
    return Interest(due_date, until, days, _half_up(total), (), tuple(used.items()))


def _segment(
    amount_ore: int, changes: list[tuple[date, int]], first: date, last: date, rate: Decimal
) -> Fraction:
    """The exact interest of the days ``first`` to ``last`` at one reference rate."""
    yearly = Fraction(rate + SURCHARGE_PERCENT) / 100
    total = Fraction(0)
    day = first
    while day <= last:
        base = amount_ore - sum(ore for when, ore in changes if when <= day)
        following = [when for when, _ in changes if day < when <= last]
        until = min(following) - timedelta(days=1) if following else last
        count = (until - day).days + 1
        total += max(base, 0) * yearly * count / DAYS_A_YEAR
        day = until + timedelta(days=1)
    return total


def _half_year_end(start: date) -> date:
    return date(start.year, 6, 30) if start.month == 1 else date(start.year, 12, 31)


def _half_up(value: Fraction) -> int:
    return int((value * 2 + 1) // 2)
