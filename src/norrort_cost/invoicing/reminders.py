"""Payment reminders: which members have overdue invoices on a day, and what they owe.

One reminder per member and seller lists every invoice of that member that is open or
partly paid after its due date (:meth:`Receivable.overdue`), with what remains and the
late-payment interest up to the reminder's date (:mod:`norrort_cost.invoicing.interest`),
plus the reminder fee of the settings (none by default).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from norrort_cost.invoicing.interest import Interest, late_interest
from norrort_cost.invoicing.receivables import Receivable


@dataclass(frozen=True, slots=True)
class ReminderLine:
    """One overdue invoice on a reminder: what remains, days overdue, interest."""

    receivable: Receivable
    days_overdue: int
    interest: Interest


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder to one member from one seller, dated ``on``."""

    number: str
    seller: str
    kommunkod: str
    on: date
    lines: tuple[ReminderLine, ...]
    fee_ore: int

    @property
    def remaining_ore(self) -> int:
        """What remains of the listed invoices."""
        return sum(line.receivable.remaining_ore for line in self.lines)

    @property
    def interest_ore(self) -> int | None:
        """The interest of all lines, or None when a period lacks a reference rate."""
        amounts = [line.interest.interest_ore for line in self.lines]
        return None if None in amounts else sum(a for a in amounts if a is not None)

    @property
    def missing_half_years(self) -> tuple[date, ...]:
        """The half-years whose reference rate the settings lack."""
        found = {start for line in self.lines for start in line.interest.missing_half_years}
        return tuple(sorted(found))

    @property
    def total_ore(self) -> int:
        """What to pay: what remains, the interest (where known) and the fee."""
        return self.remaining_ore + (self.interest_ore or 0) + self.fee_ore


def overdue_by_member(
    receivables: Iterable[Receivable], on: date, members: frozenset[str] | None = None
) -> dict[tuple[str, str], list[Receivable]]:
    """The overdue invoices as of ``on``, by (seller, member), oldest due date first."""
    found: dict[tuple[str, str], list[Receivable]] = {}
    for receivable in receivables:
        document = receivable.document
        if receivable.overdue(on) and (members is None or document.kommunkod in members):
            found.setdefault((document.seller, document.kommunkod), []).append(receivable)
    return {
        key: sorted(items, key=lambda r: (r.document.due_date or on, r.document.number))
        for key, items in sorted(found.items())
    }


def reminder_lines(
    overdue: Iterable[Receivable], on: date, rates: Mapping[date, Decimal]
) -> tuple[ReminderLine, ...]:
    """Each overdue invoice with its interest up to ``on``."""
    lines = []
    for receivable in overdue:
        due = receivable.document.due_date
        assert due is not None  # noqa: S101 - only invoices with a due date are overdue
        changes = [(when or due, ore) for when, ore in receivable.credits]
        changes += list(receivable.payments)
        interest = late_interest(receivable.document.amount_ore, due, on, rates, changes)
        lines.append(ReminderLine(receivable, receivable.days_overdue(on), interest))
    return tuple(lines)
