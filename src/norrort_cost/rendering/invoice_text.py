"""An invoice line's calculation basis in words (Swedish, as on the invoice).

The invoicing core gives the records (:class:`~norrort_cost.invoicing.invoices.LineBasis`);
this module words them for the PDF and the UBL line note, numbers formatted by money.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from norrort_cost.allocation.results import Share
from norrort_cost.dataset.models import AllocationKey
from norrort_cost.invoicing.lines import (
    Basis,
    Cause,
    CorrectionBasis,
    InstallmentBasis,
    PopulationChange,
)
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
    last = f" (senast faktura {_invoice_ref(basis.original, basis.original_date)})"
    part: tuple[str, ...] = ()
    if basis.document_ore and basis.document_ore != abs(basis.difference_ore):
        word = "kreditfaktura" if basis.difference_ore < 0 else "faktura"
        part = (
            (
                f"Denna {word}: {format_sek(basis.document_ore)} kr, det som återstår av "
                f"faktura {_invoice_ref(basis.original, basis.original_date)}"
            ),
        )
    return (
        *cause_lines(basis.causes),
        (
            f"Tidigare fakturerat för {basis.year}: {format_sek(basis.registered_ore)} kr"
            f"{last if basis.original else ''}"
        ),
        f"Enligt ny beräkning: {format_sek(basis.new_ore)} kr",
        f"Skillnad: {format_sek(basis.difference_ore)} kr",
        *part,
    )


def _invoice_ref(number: str, issued: date | None) -> str:
    return f"{number} av {issued.isoformat()}" if issued else number


def cause_lines(causes: Sequence[Cause]) -> tuple[str, ...]:
    """What changed since the year was invoiced, as the documents and the register say it."""
    if not causes:
        return ("Orsak: ny beräkning av årets kostnadsfördelning",)
    return tuple(_cause(cause) for cause in causes)


def cause_sentences(causes: Sequence[Cause]) -> tuple[str, ...]:
    """The causes for the terminal, in the reader's language (the documents are Swedish)."""
    from norrort_cost.rendering.i18n import _

    if not causes:
        return (_("a new calculation of the year's cost split"),)
    said = []
    for cause in causes:
        if isinstance(cause, PopulationChange):
            template = _("Population {on} of {name} changed from {before} to {after}")
            values = {
                "on": cause.on.isoformat(),
                "name": cause.name,
                "before": format_int(cause.before),
                "after": format_int(cause.after),
            }
        else:
            template = (
                _("Outcome {year}: {after} kr against a budget of {before} kr")
                if cause.actual
                else _("Budget {year} changed from {before} kr to {after} kr")
            )
            values = {
                "year": str(cause.year),
                "before": format_sek(cause.before_ore),
                "after": format_sek(cause.after_ore),
            }
        said.append(template.format(**values))
    return tuple(said)  # fmt: skip


def _cause(cause: Cause) -> str:
    if isinstance(cause, PopulationChange):
        return (
            f"Folkmängd {cause.on.isoformat()} för {cause.name} ändrad från "
            f"{format_int(cause.before)} till {format_int(cause.after)}"
        )
    if cause.actual:
        return (
            f"Utfall {cause.year}: {format_sek(cause.after_ore)} kr mot budget "
            f"{format_sek(cause.before_ore)} kr"
        )
    return (
        f"Budget {cause.year} ändrad från {format_sek(cause.before_ore)} kr till "
        f"{format_sek(cause.after_ore)} kr"
    )


def _installment(basis: InstallmentBasis) -> tuple[str, ...]:
    days = (
        f" efter dagarna som medlem ({basis.membership_days} dagar)"
        if basis.membership_days
        else ""
    )
    return (
        (
            f"Årets andel: {format_sek(basis.year_ore)} kr, fördelad på {basis.count} "
            f"delbetalningar{days}, exakt till öret"
        ),
        *(f"{name}: {format_sek(ore)} kr" for name, ore in basis.lines),
    )
