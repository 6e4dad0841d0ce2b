"""An invoice line's calculation basis in words (Swedish, as on the invoice).

The invoicing core gives the figures (:class:`~norrort_cost.invoicing.invoices.LineBasis`);
this module words them for the PDF and the UBL line note, numbers formatted by money.py.
"""

from __future__ import annotations

from norrort_cost.dataset.models import AllocationKey
from norrort_cost.invoicing.invoices import LineBasis
from norrort_cost.money import format_fraction_sv, format_int, format_percent, format_sek


def basis_text(basis: LineBasis) -> tuple[str, ...]:
    """The basis of one line, one sentence each, as a reader can check it by hand."""
    days = f"Dagar som medlem: {basis.membership_days} av {basis.days_in_year}"
    of_pool = (
        f"Andel: {format_percent(basis.pool_fraction, 4)} "
        f"av {format_sek(basis.pool_amount_ore)} kr ({', '.join(basis.pool_lines)})"
    )
    if basis.key == AllocationKey.PER_CAPITA:
        return (*_per_capita(basis), of_pool)
    if basis.key == AllocationKey.BASE_FEE:
        fees = [f"{format_sek(fee)} kr ({line})" for line, fee in basis.base_fees]
        return (f"Grundavgift per år: {', '.join(fees)}", days)
    if basis.key == AllocationKey.FIXED:
        return (f"Fast belopp enligt överenskommelse ({', '.join(basis.pool_lines)})",)
    return (days, of_pool)


def _per_capita(basis: LineBasis) -> tuple[str, ...]:
    return (
        f"Invånare {basis.population_date.isoformat()}: {format_int(basis.inhabitants)}",
        f"Dagar som medlem: {basis.membership_days} av {basis.days_in_year}",
        (
            f"Vikt: {format_int(basis.inhabitants)} × {basis.membership_days}/"
            f"{basis.days_in_year} = {format_fraction_sv(basis.weight, 2)}"
        ),
    )
