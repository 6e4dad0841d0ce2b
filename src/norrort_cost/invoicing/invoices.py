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

from dataclasses import dataclass, replace
from datetime import date

from norrort_cost.allocation.results import Allocation, Share
from norrort_cost.allocation.yearly import check_sum
from norrort_cost.dataset.models import Dataset
from norrort_cost.invoicing.documents import Contact, Invoice, InvoiceRun, Party
from norrort_cost.invoicing.lines import (
    InstallmentBasis,
    InvoiceLine,
    LineBasis,
    YearPart,
    share_lines,
)
from norrort_cost.invoicing.payments import ocr_reference
from norrort_cost.invoicing.schedule import due_date, split_year
from norrort_cost.invoicing.terms import Buyer, Terms, buyer_of, run_terms, seller_of, seller_series

VAT_EXEMPTION_CODES = {"O": "VATEX-EU-O"}
# the run's terms (terms.py) are imported from here by settlement and the command line
__all__ = [
    "Contact",
    "Invoice",
    "InvoiceLine",
    "InvoiceRun",
    "LineBasis",
    "Numbering",
    "Party",
    "Terms",
    "build_invoices",
    "buyer_of",
    "make_invoice",
    "run_terms",
    "seller_of",
    "seller_series",
]


@dataclass(frozen=True, slots=True)
class Numbering:
    """Where the run's numbers start in the seller's series, and which members it issues."""

    first_sequence: int | None = None
    installments: int | None = None
    members: frozenset[str] | None = None

    def includes(self, kommunkod: str) -> bool:
        """Whether the run issues the member's invoices (every member by default)."""
        return self.members is None or kommunkod in self.members


def build_invoices(
    allocation: Allocation,
    dataset: Dataset,
    issue_date: date,
    due_days: int | None = None,
    numbering: Numbering = Numbering(),
) -> InvoiceRun:
    """The invoices of ``allocation``: per member (except the seller) with a non-zero share.

    Numbers continue the seller's series from ``numbering.first_sequence`` (the series'
    first number by default), consecutively; each member gets ``installments`` invoices
    (the settings' count by default). ``due_days`` overrides the settings' payment terms;
    a due date on a day banks are closed moves to the next banking day. The invoices plus
    the seller's internal share equal the budget.
    """
    terms = run_terms(dataset, allocation, issue_date, due_days)
    count = numbering.installments or dataset.settings.invoicing.installments
    sequence = numbering.first_sequence or terms.series.first
    internal = 0
    invoices: list[Invoice] = []
    for share in allocation.shares:
        if share.kommunkod == terms.seller.kommunkod:
            internal = share.amount_ore
        elif share.amount_ore and numbering.includes(share.kommunkod):
            buyer = buyer_of(dataset, share.kommunkod, allocation.year)
            made = _member_invoices(allocation, share, buyer, terms, sequence=sequence, count=count)
            invoices.extend(made)
            sequence += len(made)
    run = InvoiceRun(
        allocation.year,
        allocation.cooperation,
        allocation.currency,
        allocation.budget_ore,
        terms.seller,
        internal,
        tuple(invoices),
        count,
    )
    if numbering.members is None:
        check_sum(run.budget_ore, [run.internal_ore, *(i.amount_ore for i in run.invoices)])
    return run


def ocr_for(seller: Party, sequence: int) -> str:
    """The OCR reference of the seller's invoice ``sequence``: kommunkod and number."""
    return ocr_reference(f"{seller.kommunkod}{sequence:06d}")


def _member_invoices(  # noqa: PLR0913 - the share, who pays it, the terms, where it is numbered
    allocation: Allocation,
    share: Share,
    buyer: Buyer,
    terms: Terms,
    *,
    sequence: int,
    count: int,
) -> list[Invoice]:
    """The member's invoices of the year: one, or ``count`` installments, numbered from
    ``sequence`` in the seller's series."""
    lines = share_lines(allocation, share)
    check_sum(share.amount_ore, (line.amount_ore for line in lines))
    year_invoice = make_invoice(terms, buyer, sequence, allocation.year, lines)
    if count == 1:
        return [year_invoice]
    unit = 100 if allocation.rounding_unit == "krona" else 1
    made = []
    parts = split_year(allocation.year, share.amount_ore, count, unit, buyer.membership)
    for part in parts:
        line = InvoiceLine(
            number=1,
            subject=YearPart(allocation.cooperation, allocation.year, part.number, part.count),
            basis=InstallmentBasis(
                share.amount_ore,
                part.count,
                lines,
                share.membership_days if part.count < count else 0,
            ),
            amount_ore=part.amount_ore,
        )
        invoice = make_invoice(terms, buyer, sequence + part.number - 1, allocation.year, (line,))
        made.append(
            replace(
                invoice,
                period_start=part.period_start,
                period_end=part.period_end,
                installment=part.number,
                installments=part.count,
                due_date=due_date(max(terms.issue_date, part.period_start), terms.due_days),
            )
        )
    return made


def make_invoice(
    terms: Terms, buyer: Buyer, sequence: int, year: int, lines: tuple[InvoiceLine, ...]
) -> Invoice:
    """One invoice of ``lines`` to ``buyer``, number ``sequence`` of the seller's series."""
    return Invoice(
        number=terms.series.number(sequence),
        sequence=sequence,
        ocr=ocr_for(terms.seller, sequence),
        year=year,
        cooperation=terms.cooperation,
        issue_date=terms.issue_date,
        due_date=due_date(terms.issue_date, terms.due_days),
        period_start=buyer.period[0],
        period_end=buyer.period[1],
        seller=terms.seller,
        buyer=buyer.party,
        buyer_reference=buyer.reference,
        currency=terms.currency,
        lines=lines,
        amount_ore=sum(line.amount_ore for line in lines),
        vat_category=terms.vat_category,
        vat_exemption_code=VAT_EXEMPTION_CODES.get(terms.vat_category, ""),
        vat_exemption_reason=terms.vat_exemption_reason,
        bankgiro=terms.bankgiro,
        payment_terms_days=terms.due_days,
        example_reasons=terms.example_reasons,
        contact=terms.contact,
        late_payment_text=terms.late_payment_text,
        buyer_reference_given=buyer.reference_given,
        basis=terms.basis[0],
        population_date=terms.basis[1],
        final_population_date=terms.basis[2],
    )
