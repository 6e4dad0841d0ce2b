"""The documents of the year's money cycle: invoices, credit notes and a year's run of them.

Pure records, made by :mod:`norrort_cost.invoicing.invoices` and
:mod:`norrort_cost.invoicing.settlement`, rendered by :mod:`norrort_cost.rendering`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from norrort_cost.invoicing.lines import InvoiceLine

if TYPE_CHECKING:
    import pandas as pd

Kind = Literal["invoice", "credit-note"]
PRELIMINARY_NOTE = (
    "Preliminär fördelning på folkmängden {used}; avräknas när SCB publicerat {final}."
)
EXAMPLE_NOTE = (
    "EXEMPEL: fakturan bygger på exempeldata ({reasons}) och är inte en verklig betalningsbegäran."
)


@dataclass(frozen=True, slots=True)
class Party:
    """Seller or buyer: a member municipality, identified by its organisationsnummer.

    ``name`` is the official name when the dataset has one (``Lidingö stad``); the postal
    address and the PEPPOL id are "" where the dataset has none.
    """

    kommunkod: str
    name: str
    organisationsnummer: str
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    peppol_id: str = ""

    @property
    def address_lines(self) -> tuple[str, ...]:
        """The postal address as printed (street, then postal code and city), if known."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return tuple(line for line in (self.street_address, town) if line)

    @property
    def orgnr_digits(self) -> str:
        """The organisationsnummer as ten digits (the PEPPOL 0007 identifier)."""
        return self.organisationsnummer.replace("-", "")


@dataclass(frozen=True, slots=True)
class Contact:
    """The seller's reference and contact person printed on every invoice ("" if unset)."""

    our_reference: str = ""
    name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Invoice:
    """One invoice (or credit note) from the managing municipality to one member.

    ``sequence`` is its place in the seller's number series (``number`` = prefix +
    sequence); ``installment`` of ``installments`` says which part of the year it is;
    ``corrects`` names the invoice a credit note or supplementary invoice corrects.
    """

    number: str
    sequence: int
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
    contact: Contact = Contact()
    late_payment_text: str = ""
    buyer_reference_given: bool = True
    kind: Kind = "invoice"
    installment: int = 1
    installments: int = 1
    corrects: str = ""
    corrects_issue_date: date | None = None
    basis: str = "final"
    population_date: date | None = None
    final_population_date: date | None = None

    @property
    def preliminary_note(self) -> str:
        """The visible text of an invoice on a preliminary basis ("" on the final one)."""
        used, final = self.population_date, self.final_population_date
        if self.basis != "preliminary" or used is None or final is None:
            return ""
        return PRELIMINARY_NOTE.format(used=used.isoformat(), final=final.isoformat())

    @property
    def is_credit_note(self) -> bool:
        """Whether this is a credit note (PEPPOL type 381) rather than an invoice."""
        return self.kind == "credit-note"

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
    installments: int = 1

    @property
    def invoiced_ore(self) -> int:
        """The sum of all invoices."""
        return sum(invoice.amount_ore for invoice in self.invoices)

    def to_frame(self) -> pd.DataFrame:
        """The invoice summary as a DataFrame (:mod:`norrort_cost.allocation.frames`)."""
        from norrort_cost.allocation.frames import invoice_frame

        return invoice_frame(self)
