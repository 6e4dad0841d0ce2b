"""When invoices fall due and how a member's year is split into installments.

A due date that falls on a day Swedish banks are closed moves to the next banking day.
Closed are Saturdays, Sundays, the public holidays (``allmänna helgdagar``) and the three
de facto holidays midsommarafton, julafton and nyårsafton, as the maintained calendar of
the ``holidays`` package (categories ``public`` and ``de_facto`` for SE) gives them.

Installments: a member's amount for the year is split into 1, 2, 4 or 12 equal parts by
the same largest-remainder rule as the allocation (earlier installments take the extra
öre); installment *k* covers the *k*-th half, quarter or month of the year.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

from norrort_cost.allocation.engine import apportion
from norrort_cost.allocation.yearly import check_sum

INSTALLMENT_COUNTS = (1, 2, 4, 12)


@functools.cache
def _closed_days(year: int) -> frozenset[date]:
    import holidays

    calendar = holidays.country_holidays("SE", years=year, categories=("public", "de_facto"))
    return frozenset(calendar)


def is_banking_day(day: date) -> bool:
    """Whether Swedish banks are open on ``day`` (a weekday that is no holiday)."""
    return day.weekday() < 5 and day not in _closed_days(day.year)


def next_banking_day(day: date) -> date:
    """``day`` itself if banks are open then, else the next day they are."""
    while not is_banking_day(day):
        day += timedelta(days=1)
    return day


def due_date(start: date, days: int) -> date:
    """``days`` after ``start``, moved to the next banking day if needed."""
    return next_banking_day(start + timedelta(days=days))


@dataclass(frozen=True, slots=True)
class Installment:
    """One part of a member's year: its number, the part of the year and its amount."""

    number: int
    count: int
    period_start: date
    period_end: date
    amount_ore: int


def installment_periods(year: int, count: int) -> list[tuple[date, date]]:
    """The ``count`` consecutive calendar parts (halves, quarters, months) of ``year``."""
    if count not in INSTALLMENT_COUNTS:
        raise ValueError(f"installments must be one of {INSTALLMENT_COUNTS}, not {count}")
    months = 12 // count
    periods = []
    for index in range(count):
        first_month = index * months + 1
        start = date(year, first_month, 1)
        following = (
            date(year + 1, 1, 1) if index == count - 1 else date(year, first_month + months, 1)
        )
        periods.append((start, following - timedelta(days=1)))
    return periods


def split_year(year: int, amount_ore: int, count: int, unit: int = 1) -> list[Installment]:
    """``amount_ore`` in ``count`` installments of the year, exact to ``unit`` (1 öre, 100 kr).

    Equal weights, ties broken by installment order: the first installments take the
    units left over, so the parts differ by at most one unit and sum to the amount.
    """
    periods = installment_periods(year, count)
    units, rest = divmod(amount_ore, unit)
    if rest:  # an amount not in whole units (cannot come from the allocation): öre then
        units, unit = amount_ore, 1
    codes = [f"{k:02d}" for k in range(1, count + 1)]
    split = apportion(units, [1] * count, codes)
    amounts = [(f + int(e)) * unit for f, e in zip(split.floors, split.extra, strict=True)]
    check_sum(amount_ore, amounts)
    return [
        Installment(k, count, start, end, amount)
        for k, ((start, end), amount) in enumerate(zip(periods, amounts, strict=True), start=1)
    ]
