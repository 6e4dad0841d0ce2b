"""When invoices fall due and how a member's year is split into installments.

A due date that falls on a day Swedish banks are closed moves to the next banking day.
Closed are Saturdays, Sundays, the public holidays (``allmänna helgdagar``) and the three
de facto holidays midsommarafton, julafton and nyårsafton, as the maintained calendar of
the ``holidays`` package (categories ``public`` and ``de_facto`` for SE) gives them.

Installments: a member's amount for the year is split into 1, 2, 4 or 12 parts;
installment periods are the halves, quarters or months of the year, each cut to the
member's days of membership. A period in which the member is not a member gets no
installment (Ekerö, a member from 2014-04-15, pays 2014 in quarters as 15 April–30 June,
Q3 and Q4). Each period weighs the part of its days the member was a member (77/91 for
Ekerö's second quarter, 1 for a whole quarter), and the amount is split by these weights
with the same largest-remainder rule as the allocation (ties to the earlier installment),
so the parts sum exactly to the share; a whole-year member pays equal parts.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
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


def split_year(
    year: int,
    amount_ore: int,
    count: int,
    unit: int = 1,
    membership: Sequence[tuple[date, date]] = (),
) -> list[Installment]:
    """``amount_ore`` in installments of the year, exact to ``unit`` (1 öre, 100 kr).

    With ``membership`` (the member's counted periods of the year) each of the ``count``
    calendar periods is cut to the days of membership in it, periods without any are
    left out, and each weighs the part of its days the member was a member (a whole
    period 1, so a whole-year member pays equal parts); without it the periods weigh the
    same. Largest remainders, ties to the earlier installment: the parts sum to the amount.
    """
    periods = installment_periods(year, count)
    if membership:
        days = [_overlap_days(period, membership) for period in periods]
        lengths = [(end - start).days + 1 for start, end in periods]
        common = math.lcm(*lengths)  # a period's weight: the part of its days as a member
        cut = [_cut(period, membership) for period, n in zip(periods, days, strict=True) if n]
        weights = [n * common // length for n, length in zip(days, lengths, strict=True) if n]
    else:
        cut, weights = periods, [1] * count
    units, rest = divmod(amount_ore, unit)
    if rest:  # an amount not in whole units (cannot come from the allocation): öre then
        units, unit = amount_ore, 1
    codes = [f"{k:02d}" for k in range(1, len(cut) + 1)]
    split = apportion(units, weights, codes)
    amounts = [(f + int(e)) * unit for f, e in zip(split.floors, split.extra, strict=True)]
    check_sum(amount_ore, amounts)
    return [
        Installment(k, len(cut), start, end, amount)
        for k, ((start, end), amount) in enumerate(zip(cut, amounts, strict=True), start=1)
    ]


def _overlap_days(period: tuple[date, date], membership: Sequence[tuple[date, date]]) -> int:
    """The days of ``period`` inside any of the ``membership`` spans."""
    days = 0
    for start, end in membership:
        first, last = max(start, period[0]), min(end, period[1])
        days += max(0, (last - first).days + 1)
    return days


def _cut(period: tuple[date, date], membership: Sequence[tuple[date, date]]) -> tuple[date, date]:
    """``period`` from the first to the last day of membership in it."""
    inside = [
        (max(start, period[0]), min(end, period[1]))
        for start, end in membership
        if max(start, period[0]) <= min(end, period[1])
    ]
    return min(first for first, _ in inside), max(last for _, last in inside)
