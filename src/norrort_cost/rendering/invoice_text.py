"""An invoice line's calculation basis in words (Swedish, as on the invoice).

The invoicing core gives the records (:class:`~norrort_cost.invoicing.invoices.LineBasis`);
this module words them for the PDF and the UBL line note, numbers formatted by money.py.
"""

from __future__ import annotations

from norrort_cost.allocation.results import Share
from norrort_cost.dataset.models import AllocationKey
from norrort_cost.invoicing.lines import Basis, CorrectionBasis, InstallmentBasis
from norrort_cost.money import format_fraction_sv, format_int, format_percent, format_sek


def basis_text(basis: Basis) -> tuple[str, ...]:
    """The basis of one line, one sentence each, as a reader can check it by hand."""
    if isinstance(basis, CorrectionBasis):
        return _correction(basis)
    if isinstance(basis, InstallmentBasis):
        return _installment(basis)
    share, pool = basis.share, basis.pool
    days = f"Dagar som medlem: {share.membership_days} av {share.days_in_year}"
    of_pool = (
        f"Andel: {format_percent(basis.pool_fraction, 4)} "
        f"av {format_sek(pool.amount_ore)} kr ({', '.join(pool.lines)})"
    )
    if pool.key == AllocationKey.PER_CAPITA:
        return (*_per_capita(share), of_pool)
    if pool.key == AllocationKey.BASE_FEE:
        fees = [f"{format_sek(fee)} kr ({line})" for line, fee in basis.base_fees]
        return (f"Grundavgift per år: {', '.join(fees)}", days)
    if pool.key == AllocationKey.FIXED:
        return (f"Fast belopp enligt överenskommelse ({', '.join(pool.lines)})",)
    return (days, of_pool)


def _per_capita(share: Share) -> tuple[str, ...]:
    return (
        f"Invånare {share.population_date.isoformat()}: {format_int(share.inhabitants)}",
        f"Dagar som medlem: {share.membership_days} av {share.days_in_year}",
        (
            f"Vikt: {format_int(share.inhabitants)} × {share.membership_days}/"
            f"{share.days_in_year} = {format_fraction_sv(share.weight, 2)}"
        ),
    )


def _correction(basis: CorrectionBasis) -> tuple[str, ...]:
    last = f" (senast faktura {basis.original})" if basis.original else ""
    return (
        f"Tidigare fakturerat för {basis.year}: {format_sek(basis.registered_ore)} kr{last}",
        f"Enligt ny beräkning: {format_sek(basis.new_ore)} kr",
        f"Skillnad: {format_sek(basis.difference_ore)} kr",
    )


def _installment(basis: InstallmentBasis) -> tuple[str, ...]:
    return (
        (
            f"Årets andel: {format_sek(basis.year_ore)} kr, fördelad på {basis.count} "
            "delbetalningar exakt till öret"
        ),
        *(f"{name}: {format_sek(ore)} kr" for name, ore in basis.lines),
    )
