"""What a committee report of one budget year holds: the pure core behind ``norrort-cost report``.

:func:`committee_report` gathers, for one year, the allocation (the same figures as
``allocate``), the worked example of the member in focus (the same chain as ``explain``),
the change against the previous budget year (as ``compare``), the members who joined or
left during the year with their dates, the members that paid for part of a year (in the
report's year and in every charted year), the allocations of a range of years for the
chart over the years, and, when the year is invoiced in installments, the schedule the
``invoices`` command would issue. The date the report is made is passed in; nothing here
reads a clock or a file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from norrort_cost.allocation.membership import counted_periods, paid_period
from norrort_cost.allocation.results import Allocation, Share
from norrort_cost.allocation.yearly import allocate
from norrort_cost.audit.changes import Comparison, compare
from norrort_cost.audit.explain import Explanation, explain
from norrort_cost.dataset.models import Dataset
from norrort_cost.invoicing.schedule import INSTALLMENT_COUNTS, installment_periods, split_year
from norrort_cost.problems import DataError, UsageError, said


@dataclass(frozen=True, slots=True)
class MembershipEvent:
    """A member that joined (first day) or left (last day) during the report's year."""

    kommunkod: str
    name: str
    joined: bool
    on: date


@dataclass(frozen=True, slots=True)
class PartYear:
    """A member that paid for only part of a year: the days it was counted, first to last."""

    kommunkod: str
    name: str
    year: int
    first: date
    last: date
    days: int
    days_in_year: int


@dataclass(frozen=True, slots=True)
class InstallmentRow:
    """One installment (delbetalning) of the year: its part of the year and its amounts.

    ``invoiced_ore`` is what the managing municipality invoices the other members for the
    installment (its own share is not invoiced); ``focus_ore`` is the focus member's part.
    """

    number: int
    count: int
    period_start: date
    period_end: date
    invoiced_ore: int
    focus_ore: int | None


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
    part_years: tuple[PartYear, ...] = ()
    installments: tuple[InstallmentRow, ...] = ()
    managing: str | None = None

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


def committee_report(  # noqa: PLR0913 - one keyword per option of the report command
    dataset: Dataset,
    year: int,
    *,
    made_on: date,
    municipality: str | None = None,
    years: tuple[int | None, int | None] = (None, None),
    installments: int | None = None,
    population_date: date | None = None,
) -> CommitteeReport:
    """The report of ``year``, with ``municipality`` (kommunkod or name) in focus if given.

    ``years`` bounds the chart over the years (inclusive; ``None`` for every budget year on
    that side). Years of the default range whose data is incomplete are left out; a year
    asked for explicitly must allocate, or its problems are reported. ``installments``
    (1, 2, 4 or 12) adds the year's schedule of installments. ``population_date`` weighs
    ``year`` (not the earlier years of the chart) by the population at that date instead of
    the settings' rule.
    """
    on = population_date
    allocation = allocate(dataset, year, population_date=on)
    focus = explain(dataset, year, municipality, population_date=on) if municipality else None
    history = _history(dataset, years, (year, on))
    managing = dataset.settings.managing_kommunkod(year)
    shown = {a.year: a for a in (*history, allocation)}
    return CommitteeReport(
        allocation=allocation,
        focus=focus,
        previous=_previous(dataset, year, on),
        history=history,
        events=membership_events(dataset, year),
        dataset_source=dataset.source,
        made_on=made_on,
        part_years=tuple(
            p for a in sorted(shown.values(), key=lambda a: a.year) for p in part_years(dataset, a)
        ),
        installments=installment_schedule(
            allocation,
            installments,
            managing,
            focus.kommunkod if focus else None,
            _membership_periods(dataset, year),
        )
        if installments is not None
        else (),
        managing=managing,
    )


def part_years(dataset: Dataset, allocation: Allocation) -> tuple[PartYear, ...]:
    """The members of ``allocation`` counted for fewer days than the year has."""
    found = []
    for share in allocation.shares:
        if share.membership_days < share.days_in_year:
            first, last = paid_period(
                dataset.memberships, share.kommunkod, allocation.year, dataset.settings.pro_rating
            )
            found.append(
                PartYear(
                    share.kommunkod,
                    share.name,
                    allocation.year,
                    first,
                    last,
                    share.membership_days,
                    share.days_in_year,
                )
            )
    return tuple(found)


def installment_schedule(
    allocation: Allocation,
    count: int,
    managing: str | None,
    focus: str | None = None,
    memberships: Mapping[str, Sequence[tuple[date, date]]] | None = None,
) -> tuple[InstallmentRow, ...]:
    """The year in ``count`` installments, as ``invoices --installments`` splits every share.

    Each member's amount is split by the invoices' own rule (:func:`split_year`, inside its
    ``memberships`` periods of the year), so the rows add up, member by member, to what the
    invoices will say; a member's part falls in the calendar period its installment begins
    in, and the focus member has no part (None) in a period before it joined or after it left.
    """
    if count not in INSTALLMENT_COUNTS:
        counts = ", ".join(str(c) for c in INSTALLMENT_COUNTS)
        raise UsageError(
            said("--installments {count} is not a schedule", count=count),
            said("choose {counts} installments", counts=counts),
        )
    unit = 100 if allocation.rounding_unit == "krona" else 1
    periods = installment_periods(allocation.year, count)
    starts = [start for start, _ in periods]
    invoiced = [0] * count
    mine: list[int | None] = [None] * count
    for share in allocation.shares:
        membership = (memberships or {}).get(share.kommunkod, ())
        for part in split_year(allocation.year, share.amount_ore, count, unit, membership):
            index = max(k for k, start in enumerate(starts) if start <= part.period_start)
            if share.kommunkod != managing and share.amount_ore:
                invoiced[index] += part.amount_ore
            if share.kommunkod == focus:
                mine[index] = part.amount_ore
    return tuple(
        InstallmentRow(k + 1, count, start, end, invoiced[k], mine[k] if focus else None)
        for k, (start, end) in enumerate(periods)
    )


def _membership_periods(dataset: Dataset, year: int) -> dict[str, list[tuple[date, date]]]:
    """Each member's counted periods of ``year``, as the invoices split installments."""
    pro_rating = dataset.settings.pro_rating
    return {
        m.kommunkod: [
            (p.counted_from, p.counted_to)
            for p in counted_periods(dataset.memberships, m.kommunkod, year, pro_rating)
        ]
        for m in dataset.municipalities
    }


def _previous(dataset: Dataset, year: int, on: date | None) -> Comparison | None:
    """The comparison with the latest earlier budget year, if it has complete data."""
    earlier = [y for y in dataset.budget_years if y < year]
    if not earlier:
        return None
    try:
        return compare(dataset, earlier[-1], year, population_date=on)
    except DataError:
        return None


def _history(
    dataset: Dataset, years: tuple[int | None, int | None], weighed: tuple[int, date | None]
) -> tuple[Allocation, ...]:
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
            on = weighed[1] if y == weighed[0] else None
            found.append(allocate(dataset, y, population_date=on))
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
