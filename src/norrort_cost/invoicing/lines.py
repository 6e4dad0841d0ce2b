"""The lines of an invoice: one per cost pool, with the records behind its calculation basis.

A line says *what* it charges (its :data:`Subject`: a pool's part, an installment, a
correction) and *why* (its :data:`Basis`); both are worded for people by
:mod:`norrort_cost.rendering.invoice_text`. The core holds no sentence of the invoice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from norrort_cost.allocation.results import Allocation, Part, Pool, Share
from norrort_cost.dataset.models import AllocationKey


@dataclass(frozen=True, slots=True)
class PoolPart:
    """What a line of the year's share charges: the member's part of one cost pool.

    ``pooled`` says the year has several pools, so that the line names its key.
    """

    cooperation: str
    year: int
    key: AllocationKey
    pooled: bool = False


@dataclass(frozen=True, slots=True)
class YearPart:
    """What an installment charges: delbetalning ``number`` of ``count`` of the year's share."""

    cooperation: str
    year: int
    number: int
    count: int


@dataclass(frozen=True, slots=True)
class Correction:
    """What a settlement's supplementary invoice charges (or its credit note credits).

    The avräkning of a preliminary basis names both population dates (``final_date``, the
    figures now, and ``preliminary_date``, those invoiced); a new calculation has neither.
    """

    cooperation: str
    year: int
    credit: bool
    final_date: date | None = None
    preliminary_date: date | None = None


Subject = PoolPart | YearPart | Correction


@dataclass(frozen=True, slots=True)
class LineBasis:
    """The records behind one invoice line, worded by ``rendering.invoice_text.basis_text``.

    ``base_fees`` are the year's base-fee lines with their fee per member and year.
    """

    share: Share
    part: Part
    pool: Pool
    base_fees: tuple[tuple[str, int], ...]

    @property
    def pool_fraction(self) -> Fraction:
        """The member's part of the pool's weight, exact."""
        total = self.pool.total_weight
        return self.part.weight / total if total else Fraction(0)


@dataclass(frozen=True, slots=True)
class PopulationChange:
    """A member's population figure differs from the one its year was invoiced with."""

    kommunkod: str
    name: str
    on: date
    before: int
    after: int


@dataclass(frozen=True, slots=True)
class TotalChange:
    """The year's total differs from what was invoiced: a revised budget or the outcome."""

    year: int
    before_ore: int
    after_ore: int
    actual: bool


Cause = PopulationChange | TotalChange


@dataclass(frozen=True, slots=True)
class CorrectionBasis:
    """The figures behind a credit note's or supplementary invoice's line.

    ``original`` is the number (and ``original_date`` the date) of the invoice the
    document corrects ("" if none); ``causes`` say what changed (worded by rendering).
    """

    year: int
    registered_ore: int
    new_ore: int
    original: str
    original_date: date | None = None
    causes: tuple[Cause, ...] = ()
    document_ore: int = 0  # this document's part of the difference (0: all of it)

    @property
    def difference_ore(self) -> int:
        """The new figure less what was invoiced (negative: credited)."""
        return self.new_ore - self.registered_ore


@dataclass(frozen=True, slots=True)
class InstallmentBasis:
    """The figures behind an installment's line: the year's share, split ``count`` ways.

    ``lines`` are the year's invoice lines (one per pool) the share is made of.
    ``membership_days`` (0 for a whole-year member) says the split followed those days.
    """

    year_ore: int
    count: int
    lines: tuple[InvoiceLine, ...]
    membership_days: int = 0  # > 0: split by days of membership (a part-year member)


Basis = LineBasis | CorrectionBasis | InstallmentBasis


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """One cost pool's part of a member's share (or an installment, or a correction): what
    it charges and its basis."""

    number: int
    subject: Subject
    basis: Basis
    amount_ore: int


def share_lines(allocation: Allocation, share: Share) -> tuple[InvoiceLine, ...]:
    """One line per cost pool the member pays a part of, numbered from 1."""
    pools = {pool.name: pool for pool in allocation.pools}
    parts = [part for part in share.parts if part.amount_ore]
    return tuple(
        line(number, allocation, share, part, pools[part.pool])
        for number, part in enumerate(parts, start=1)
    )


def line(number: int, allocation: Allocation, share: Share, part: Part, pool: Pool) -> InvoiceLine:
    """The invoice line of the member's ``part`` of ``pool``."""
    base_fees = tuple(
        (line.line, line.base_fee_ore or 0)
        for line in allocation.lines
        if line.key == AllocationKey.BASE_FEE
    )
    return InvoiceLine(
        number=number,
        subject=PoolPart(
            allocation.cooperation, allocation.year, pool.key, pooled=len(allocation.pools) > 1
        ),
        basis=LineBasis(share, part, pool, base_fees),
        amount_ore=part.amount_ore,
    )
