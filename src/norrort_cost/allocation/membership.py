"""A member's days in a budget year: the one place membership periods are counted.

Dates are inclusive and leap years counted. With pro-rating ``days`` a member pays for the
days of the year it is a member; with ``none`` any membership in the year counts as the
whole year. Both rules are one computation, :func:`counted_periods`: the member's periods
that touch the year, each with the span of the year it is counted for. Under ``none`` the
spans are stretched to cover the year (the first from 1 January, each up to the day before
the next one starts, the last to 31 December), so the days of the periods always add up to
the days the allocation counts, and the span paid for is the first period's start to the
last period's end. Allocation, explain, invoices and loading's cross-checks all read
membership through this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from norrort_cost.dataset.models import Membership


@dataclass(frozen=True, slots=True)
class CountedPeriod:
    """A membership period and the span of the budget year counted for it (inclusive)."""

    start: date
    end: date | None
    counted_from: date
    counted_to: date

    @property
    def days(self) -> int:
        """Days counted for this period in the budget year."""
        return (self.counted_to - self.counted_from).days + 1


def year_bounds(year: int) -> tuple[date, date, int]:
    """First day, last day and number of days of a calendar year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return first, last, (last - first).days + 1


def counted_periods(
    memberships: Iterable[Membership], kommunkod: str, year: int, pro_rating: str = "days"
) -> tuple[CountedPeriod, ...]:
    """The member's periods that touch ``year``, in date order, with the span counted."""
    first, last, _ = year_bounds(year)
    periods = [
        CountedPeriod(
            start=m.start,
            end=m.end,
            counted_from=max(m.start, first),
            counted_to=last if m.end is None else min(m.end, last),
        )
        for m in sorted(memberships, key=lambda m: m.start)
        if m.kommunkod == kommunkod and m.days_in(first, last)
    ]
    if pro_rating == "none" and periods:
        starts = [first, *(p.counted_from for p in periods[1:])]
        ends = [*(day - timedelta(days=1) for day in starts[1:]), last]
        periods = [
            replace(p, counted_from=start, counted_to=end)
            for p, start, end in zip(periods, starts, ends, strict=True)
        ]
    return tuple(periods)


def days_counted(
    memberships: Iterable[Membership], year: int, pro_rating: str = "days"
) -> dict[str, int]:
    """Days counted in ``year`` per member with at least one day of membership in it."""
    by_member: dict[str, list[Membership]] = {}  # each member's own rows: no search of all
    for membership in memberships:
        by_member.setdefault(membership.kommunkod, []).append(membership)
    days = {}
    for kommunkod, own in by_member.items():
        periods = counted_periods(own, kommunkod, year, pro_rating)
        if periods:
            days[kommunkod] = sum(p.days for p in periods)
    return days


def paid_period(
    memberships: Iterable[Membership], kommunkod: str, year: int, pro_rating: str = "days"
) -> tuple[date, date]:
    """The first and last day of ``year`` the member pays for (the year if not a member)."""
    periods = counted_periods(memberships, kommunkod, year, pro_rating)
    if not periods:
        first, last, _ = year_bounds(year)
        return first, last
    return periods[0].counted_from, periods[-1].counted_to
