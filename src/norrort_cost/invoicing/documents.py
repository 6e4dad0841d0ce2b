"""The documents of the year's money cycle: invoices, credit notes and a year's run of them.

Pure records, made by :mod:`norrort_cost.invoicing.invoices` and
:mod:`norrort_cost.invoicing.settlement`, rendered by :mod:`norrort_cost.rendering`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Literal

from norrort_cost.invoicing.lines import InvoiceLine

if TYPE_CHECKING:
    import pandas as pd

Kind = Literal["invoice", "credit-note"]


class ExampleReason(Enum):
    """Why an invoice is an example, not a real request for payment (it says EXEMPEL)."""

    ILLUSTRATIVE_BUDGET = "illustrative_budget"  # the year's budget is illustrative
    EXAMPLE_BANKGIRO = "example_bankgiro"  # the settings' bankgiro is an example number


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
    example_reasons: tuple[ExampleReason, ...]
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
    def is_preliminary(self) -> bool:
        """Whether the amount rests on preliminary figures (``population_date``), to be
        settled once SCB publishes those of ``final_population_date``."""
        return (
            self.basis == "preliminary"
            and self.population_date is not None
            and self.final_population_date is not None
        )

    @property
    def is_credit_note(self) -> bool:
        """Whether this is a credit note (PEPPOL type 381) rather than an invoice."""
        return self.kind == "credit-note"

    @property
    def is_example(self) -> bool:
        """Whether the invoice is made from example data and must say EXEMPEL."""
        return bool(self.example_reasons)


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
        """The invoice summary as a DataFrame (:mod:`norrort_cost.invoicing.tabular`)."""
        from norrort_cost.invoicing.tabular import invoice_frame

        return invoice_frame(self)
