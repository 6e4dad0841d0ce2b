"""The lines of an invoice: one per cost pool, with its calculation basis in Swedish words."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from norrort_cost.allocation.results import Allocation, Part, Pool, Share
from norrort_cost.dataset.models import AllocationKey
from norrort_cost.money import format_fraction_sv, format_int, format_percent, format_sek

# invoice line label and description per allocation key
POOL_TEXTS = {
    AllocationKey.PER_CAPITA: (
        "efter invånarantal",
        "Kostnadsfördelning efter invånarantal och dagar som medlem",
    ),
    AllocationKey.EQUAL: ("lika delar", "Lika delar per medlem, efter dagar som medlem"),
    AllocationKey.BASE_FEE: (
        "grundavgift",
        "Grundavgift per medlem och år, efter dagar som medlem",
    ),
    AllocationKey.FIXED: ("fast belopp", "Fast belopp per medlem"),
}


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """One cost pool's part of a member's share, with its calculation basis in words."""

    number: int
    name: str
    description: str
    basis: tuple[str, ...]
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
    label, description = POOL_TEXTS[pool.key]
    name = f"Andel av {allocation.cooperation} {allocation.year}"
    if len(allocation.pools) > 1:
        name = f"{name}: {label}"
    return InvoiceLine(
        number=number,
        name=name,
        description=description,
        basis=tuple(_basis(allocation, share, part, pool)),
        amount_ore=part.amount_ore,
    )


def _basis(allocation: Allocation, share: Share, part: Part, pool: Pool) -> list[str]:
    """The calculation basis of one line, in Swedish, as a reader can check it by hand."""
    days = f"Dagar som medlem: {share.membership_days} av {share.days_in_year}"
    fraction = part.weight / pool.total_weight if pool.total_weight else Fraction(0)
    of_pool = (
        f"Andel: {format_percent(fraction, 4)} "
        f"av {format_sek(pool.amount_ore)} kr ({', '.join(pool.lines)})"
    )
    if pool.key == AllocationKey.PER_CAPITA:
        return [*_per_capita_basis(share), of_pool]
    if pool.key == AllocationKey.BASE_FEE:
        fees = [
            f"{format_sek(line.base_fee_ore or 0)} kr ({line.line})"
            for line in allocation.lines
            if line.key == AllocationKey.BASE_FEE
        ]
        return [f"Grundavgift per år: {', '.join(fees)}", days]
    if pool.key == AllocationKey.FIXED:
        return [f"Fast belopp enligt överenskommelse ({', '.join(pool.lines)})"]
    return [days, of_pool]


def _per_capita_basis(share: Share) -> list[str]:
    return [
        f"Invånare {share.population_date.isoformat()}: {format_int(share.inhabitants)}",
        f"Dagar som medlem: {share.membership_days} av {share.days_in_year}",
        (
            f"Vikt: {format_int(share.inhabitants)} × {share.membership_days}/"
            f"{share.days_in_year} = {format_fraction_sv(share.weight, 2)}"
        ),
    ]
