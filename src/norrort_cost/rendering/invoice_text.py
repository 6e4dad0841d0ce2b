"""An invoice's words (Swedish, as on the invoice): its lines' names, descriptions and
calculation basis, and its notes (preliminary basis, EXEMPEL).

The invoicing core gives the records (a line's :data:`~norrort_cost.invoicing.lines.Subject`
and :data:`~norrort_cost.invoicing.lines.Basis`, an invoice's basis and example reasons);
this module words them for the PDF and the UBL, numbers formatted by money.py. An invoice
to a Swedish municipality is in Swedish whatever the reader's language: these words are not
translated (the settlement's causes are, for the terminal: :func:`cause_sentences`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from norrort_cost.allocation.results import Share
from norrort_cost.dataset.models import AllocationKey
from norrort_cost.invoicing.documents import ExampleReason, Invoice
from norrort_cost.invoicing.lines import (
    Basis,
    Cause,
    Correction,
    CorrectionBasis,
    InstallmentBasis,
    PoolPart,
    PopulationChange,
    Subject,
    YearPart,
)
from norrort_cost.money import format_fraction_sv, format_int, format_percent, format_sek

# a pool's line: the label its name ends with (when the year has several pools), and its
# description
_POOL_WORDS = {
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
_EXAMPLE_REASONS = {
    ExampleReason.ILLUSTRATIVE_BUDGET: "illustrativ budget",
    ExampleReason.EXAMPLE_BANKGIRO: "exempel på bankgironummer",
}


def line_name(subject: Subject) -> str:
    """A line's name, what it charges: ``Andel av Koordination Norrort 2014``."""
    year = f"{subject.cooperation} {subject.year}"
    if isinstance(subject, Correction):
        return f"{'Kreditering' if subject.credit else 'Tillägg'}: andel av {year}"
    if isinstance(subject, YearPart):
        return f"Andel av {year}, delbetalning {subject.number} av {subject.count}"
    if subject.pooled:
        return f"Andel av {year}: {_POOL_WORDS[subject.key][0]}"
    return f"Andel av {year}"


def line_description(subject: Subject) -> str:
    """A line's description: how its pool is split, which installment, what it settles."""
    if isinstance(subject, PoolPart):
        return _POOL_WORDS[subject.key][1]
    if isinstance(subject, YearPart):
        return f"Delbetalning {subject.number} av {subject.count} av årets andel"
    final, preliminary = subject.final_date, subject.preliminary_date
    if final is None or preliminary is None:
        return "Avräkning efter ny beräkning av årets kostnadsfördelning"
    return (
        f"Avräkning på folkmängden {final.isoformat()} av den preliminära fördelningen på "
        f"folkmängden {preliminary.isoformat()}"
    )


def preliminary_note(invoice: Invoice) -> str:
    """The visible note of an invoice on a preliminary basis ("" on the final one)."""
    used, final = invoice.population_date, invoice.final_population_date
    if invoice.basis != "preliminary" or used is None or final is None:
        return ""
    return (
        f"Preliminär fördelning på folkmängden {used.isoformat()}; avräknas när SCB "
        f"publicerat {final.isoformat()}."
    )


def example_note(invoice: Invoice) -> str:
    """The visible EXEMPEL note, with why ("" for a real invoice)."""
    if not invoice.is_example:
        return ""
    reasons = ", ".join(_EXAMPLE_REASONS[reason] for reason in invoice.example_reasons)
    return (
        f"EXEMPEL: fakturan bygger på exempeldata ({reasons}) och är inte en verklig "
        "betalningsbegäran."
    )


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
        *(f"{line_name(line.subject)}: {format_sek(line.amount_ore)} kr" for line in basis.lines),
    )
