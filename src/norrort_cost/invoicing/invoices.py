"""Invoices from an allocation: the pure core, no I/O, no clock.

The managing municipality of the year (the *seller*) invoices every other member with a
non-zero share; its own share is *internal* and appears only in the summary. Each
invoice has one line per cost pool, with the figures that explain the amount.

Swedish payment terms used as they are: *bankgiro* is a 7-8 digit payment account with a
Luhn check digit; an *OCR* reference is the payer's reference read by the bank, here the
year and kommunkod, then a length digit ("längdsiffra": the total length modulo 10),
then a Luhn check digit. Check digits come from python-stdnum, never from our own code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import TYPE_CHECKING

from norrort_cost.allocation.membership import paid_period
from norrort_cost.allocation.results import Allocation, Part, Pool, Share
from norrort_cost.allocation.yearly import check_sum
from norrort_cost.dataset.models import AllocationKey, Dataset, Municipality
from norrort_cost.invoicing.payments import invoice_number, ocr_reference, validate_bankgiro
from norrort_cost.problems import UsageError, said

VAT_EXEMPTION_CODES = {"O": "VATEX-EU-O"}
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
EXAMPLE_NOTE = (
    "EXEMPEL: fakturan bygger på exempeldata ({reasons}) och är inte en verklig betalningsbegäran."
)

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class Party:
    """Seller or buyer: a member municipality, identified by its organisationsnummer."""

    kommunkod: str
    name: str
    organisationsnummer: str

    @property
    def orgnr_digits(self) -> str:
        """The organisationsnummer as ten digits (the PEPPOL 0007 identifier)."""
        return self.organisationsnummer.replace("-", "")


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
class InvoiceLine:
    """One cost pool's part of a member's share, with the figures of its basis."""

    number: int
    name: str
    description: str
    basis: LineBasis
    amount_ore: int


@dataclass(frozen=True, slots=True)
class Invoice:
    """One invoice from the managing municipality to one member, for one year."""

    number: str
    ocr: str
    year: int
    cooperation: str
    issue_date: date
    due_date: date
    period_start: date
    period_end: date
    seller: Party
    buyer: Party
    buyer_reference: str
    currency: str
    lines: tuple[InvoiceLine, ...]
    amount_ore: int
    vat_category: str
    vat_exemption_code: str
    vat_exemption_reason: str
    bankgiro: str
    payment_terms_days: int
    example_reasons: tuple[str, ...]

    @property
    def is_example(self) -> bool:
        """Whether the invoice is made from example data and must say EXEMPEL."""
        return bool(self.example_reasons)

    @property
    def example_note(self) -> str:
        """The visible EXEMPEL text ("" for a real invoice)."""
        if not self.example_reasons:
            return ""
        return EXAMPLE_NOTE.format(reasons=", ".join(self.example_reasons))


@dataclass(frozen=True, slots=True)
class InvoiceRun:
    """Every invoice of a year plus the seller's own (internal) share."""

    year: int
    cooperation: str
    currency: str
    budget_ore: int
    seller: Party
    internal_ore: int
    invoices: tuple[Invoice, ...]

    @property
    def invoiced_ore(self) -> int:
        """The sum of all invoices."""
        return sum(invoice.amount_ore for invoice in self.invoices)

    def to_frame(self) -> pd.DataFrame:
        """The invoice summary as a DataFrame (:mod:`norrort_cost.allocation.frames`)."""
        from norrort_cost.allocation.frames import invoice_frame

        return invoice_frame(self)


def _party(municipality: Municipality) -> Party:
    return Party(municipality.kommunkod, municipality.name, municipality.organisationsnummer)


def seller_of(dataset: Dataset, year: int) -> Party:
    """The managing municipality of ``year``, which invoices the others."""
    kommunkod = dataset.settings.managing_kommunkod(year)
    if kommunkod is None:
        raise UsageError(
            said("no managing municipality is set for {year}", year=year),
            "add a [[managing_municipality]] period covering the year to cooperation.toml",
        )
    return _party(dataset.municipality(kommunkod))


@dataclass(frozen=True, slots=True)
class _Buyer:
    """Who one invoice is for: the member, its reference, the days of the year it pays for."""

    party: Party
    reference: str
    period: tuple[date, date]


@dataclass(frozen=True, slots=True)
class _Terms:
    """What every invoice of one run shares."""

    seller: Party
    issue_date: date
    due_days: int
    bankgiro: str
    vat_category: str
    vat_exemption_reason: str
    example_reasons: tuple[str, ...]


def build_invoices(
    allocation: Allocation, dataset: Dataset, issue_date: date, due_days: int | None = None
) -> InvoiceRun:
    """One invoice per member (except the seller) with a non-zero share of ``allocation``.

    ``due_days`` overrides the settings' payment terms; the due date is the issue date
    plus that many days. The invoices plus the seller's internal share equal the budget.
    """
    settings = dataset.settings.invoicing
    days = settings.payment_terms_days if due_days is None else due_days
    if days < 0:
        raise UsageError(
            said("{days} is not a number of days", days=days), "give --due-days 0 or more"
        )
    terms = _Terms(
        seller=seller_of(dataset, allocation.year),
        issue_date=issue_date,
        due_days=days,
        bankgiro=validate_bankgiro(settings.bankgiro),
        vat_category=settings.vat_category,
        vat_exemption_reason=settings.vat_exemption_reason,
        example_reasons=_example_reasons(
            allocation, bankgiro_is_example=settings.bankgiro_is_example
        ),
    )
    internal = 0
    invoices: list[Invoice] = []
    for share in allocation.shares:
        if share.kommunkod == terms.seller.kommunkod:
            internal = share.amount_ore
        elif share.amount_ore:
            buyer = _Buyer(
                _party(dataset.municipality(share.kommunkod)),
                _buyer_reference(dataset, share.kommunkod),
                paid_period(
                    dataset.memberships,
                    share.kommunkod,
                    allocation.year,
                    dataset.settings.pro_rating,
                ),
            )
            invoices.append(_invoice(allocation, share, buyer, terms))
    run = InvoiceRun(
        allocation.year,
        allocation.cooperation,
        allocation.currency,
        allocation.budget_ore,
        terms.seller,
        internal,
        tuple(invoices),
    )
    check_sum(run.budget_ore, [run.internal_ore, *(i.amount_ore for i in run.invoices)])
    return run


def _example_reasons(allocation: Allocation, *, bankgiro_is_example: bool) -> tuple[str, ...]:
    reasons = []
    if allocation.illustrative:
        reasons.append("illustrativ budget")
    if bankgiro_is_example:
        reasons.append("exempel på bankgironummer")
    return tuple(reasons)


def _buyer_reference(dataset: Dataset, kommunkod: str) -> str:
    invoicing = dataset.settings.invoicing
    return (
        invoicing.buyer_references.get(kommunkod)
        or invoicing.default_buyer_reference
        or dataset.settings.name
    )


def _invoice(allocation: Allocation, share: Share, buyer: _Buyer, terms: _Terms) -> Invoice:
    pools = {pool.name: pool for pool in allocation.pools}
    parts = [part for part in share.parts if part.amount_ore]
    lines = tuple(
        _line(number, allocation, share, part, pools[part.pool])
        for number, part in enumerate(parts, start=1)
    )
    check_sum(share.amount_ore, (line.amount_ore for line in lines))
    return Invoice(
        number=invoice_number(allocation.year, share.kommunkod),
        ocr=ocr_reference(f"{allocation.year}{share.kommunkod}"),
        year=allocation.year,
        cooperation=allocation.cooperation,
        issue_date=terms.issue_date,
        due_date=terms.issue_date + timedelta(days=terms.due_days),
        period_start=buyer.period[0],
        period_end=buyer.period[1],
        seller=terms.seller,
        buyer=buyer.party,
        buyer_reference=buyer.reference,
        currency=allocation.currency,
        lines=lines,
        amount_ore=share.amount_ore,
        vat_category=terms.vat_category,
        vat_exemption_code=VAT_EXEMPTION_CODES.get(terms.vat_category, ""),
        vat_exemption_reason=terms.vat_exemption_reason,
        bankgiro=terms.bankgiro,
        payment_terms_days=terms.due_days,
        example_reasons=terms.example_reasons,
    )


def _line(number: int, allocation: Allocation, share: Share, part: Part, pool: Pool) -> InvoiceLine:
    label, description = POOL_TEXTS[pool.key]
    name = f"Andel av {allocation.cooperation} {allocation.year}"
    if len(allocation.pools) > 1:
        name = f"{name}: {label}"
    return InvoiceLine(
        number=number,
        name=name,
        description=description,
        basis=LineBasis(
            share,
            part,
            pool,
            tuple(
                (line.line, line.base_fee_ore or 0)
                for line in allocation.lines
                if line.key == AllocationKey.BASE_FEE
            ),
        ),
        amount_ore=part.amount_ore,
    )
