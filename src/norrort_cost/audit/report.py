"""What a committee report of one budget year holds: the pure core behind ``norrort-cost report``.

:func:`committee_report` gathers, for one year, the allocation (the same figures as
``allocate``), the worked example of the member in focus (the same chain as ``explain``),
the change against the previous budget year (as ``compare``), the members who joined or
left during the year with their dates, and the allocations of a range of years for the
chart over the years. The date the report is made is passed in; nothing here reads a clock
or a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from norrort_cost.allocation.results import Allocation, Share
from norrort_cost.allocation.yearly import allocate
from norrort_cost.audit.changes import Comparison, compare
from norrort_cost.audit.explain import Explanation, explain
from norrort_cost.dataset.models import Dataset
from norrort_cost.problems import DataError, UsageError, said


@dataclass(frozen=True, slots=True)
class MembershipEvent:
    """A member that joined (first day) or left (last day) during the report's year."""

    kommunkod: str
    name: str
    joined: bool
    on: date


@dataclass(frozen=True, slots=True)
class CommitteeReport:
    """Everything a committee report of one budget year shows, exact figures in öre."""

    allocation: Allocation
    focus: Explanation | None
    previous: Comparison | None
    history: tuple[Allocation, ...]
    events: tuple[MembershipEvent, ...]
    dataset_source: str
    made_on: date

    @property
    def year(self) -> int:
        """The budget year the report is about."""
        return self.allocation.year

    @property
    def focus_share(self) -> Share | None:
        """The share of the member in focus, if one was asked for."""
        return self.allocation.share_of(self.focus.kommunkod) if self.focus else None


def average_ore_per_inhabitant(allocation: Allocation) -> Fraction:
    """The cooperation's öre per inhabitant: the budget over the members' inhabitants."""
    inhabitants = sum(share.inhabitants for share in allocation.shares)
    return Fraction(allocation.budget_ore, inhabitants) if inhabitants else Fraction(0)


def committee_report(
    dataset: Dataset,
    year: int,
    *,
    made_on: date,
    municipality: str | None = None,
    years: tuple[int | None, int | None] = (None, None),
) -> CommitteeReport:
    """The report of ``year``, with ``municipality`` (kommunkod or name) in focus if given.

    ``years`` bounds the chart over the years (inclusive; ``None`` for every budget year on
    that side). Years of the default range whose data is incomplete are left out; a year
    asked for explicitly must allocate, or its problems are reported.
    """
    allocation = allocate(dataset, year)
    focus = explain(dataset, year, municipality) if municipality else None
    return CommitteeReport(
        allocation=allocation,
        focus=focus,
        previous=_previous(dataset, year),
        history=_history(dataset, years),
        events=membership_events(dataset, year),
        dataset_source=dataset.source,
        made_on=made_on,
    )


def _previous(dataset: Dataset, year: int) -> Comparison | None:
    """The comparison with the latest earlier budget year, if it has complete data."""
    earlier = [y for y in dataset.budget_years if y < year]
    if not earlier:
        return None
    try:
        return compare(dataset, earlier[-1], year)
    except DataError:
        return None


def _history(dataset: Dataset, years: tuple[int | None, int | None]) -> tuple[Allocation, ...]:
    first, last = years
    if first is not None and last is not None and first > last:
        raise UsageError(
            said("--from {first} is after --to {last}", first=first, last=last),
            "give the earlier year to --from",
            code="invalid-option-value",
        )
    chosen = [
        y
        for y in dataset.budget_years
        if (first is None or y >= first) and (last is None or y <= last)
    ]
    if not chosen:
        available = ", ".join(str(y) for y in dataset.budget_years)
        raise UsageError(
            said("no budget year between {first} and {last}", first=first or "…", last=last or "…"),
            said("years with a budget: {years}", years=available),
            code="unknown-year",
        )
    explicit = first is not None or last is not None
    found: list[Allocation] = []
    for y in chosen:
        try:
            found.append(allocate(dataset, y))
        except DataError:
            if explicit:
                raise
    return tuple(found)


def membership_events(dataset: Dataset, year: int) -> tuple[MembershipEvent, ...]:
    """Members that joined or left during ``year``, in date order (then kommunkod)."""
    events = []
    for membership in dataset.memberships:
        name = dataset.municipality(membership.kommunkod).name
        if membership.start.year == year:
            events.append(
                MembershipEvent(membership.kommunkod, name, joined=True, on=membership.start)
            )
        if membership.end is not None and membership.end.year == year:
            events.append(
                MembershipEvent(membership.kommunkod, name, joined=False, on=membership.end)
            )
    return tuple(sorted(events, key=lambda e: (e.on, e.kommunkod, not e.joined)))
