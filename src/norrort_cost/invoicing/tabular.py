"""An invoice run's summary as a pandas DataFrame (types: :mod:`norrort_cost.allocation.tabular`).

``kind, invoice_number, kommunkod, buyer, amount_ore, amount, ocr, issue_date,
due_date``: one row per invoice, then the managing member's internal share (no invoice
number, OCR or dates: empty text and ``NaT``); ``amount_ore`` sums to the budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from norrort_cost.allocation.tabular import typed_frame
from norrort_cost.money import ore_to_decimal

if TYPE_CHECKING:
    import pandas as pd


# What the summary needs of an invoice run (``invoicing.documents.InvoiceRun`` has it),
# named by shape so that this module does not import the results it serves.
class Party(Protocol):
    """A buyer or the seller: who."""

    @property
    def kommunkod(self) -> str: ...
    @property
    def name(self) -> str: ...


class InvoiceLine(Protocol):
    """One invoice: number, buyer, amount, OCR and dates."""

    @property
    def number(self) -> str: ...
    @property
    def buyer(self) -> Party: ...
    @property
    def amount_ore(self) -> int: ...
    @property
    def ocr(self) -> str: ...
    @property
    def issue_date(self) -> date: ...
    @property
    def due_date(self) -> date: ...


class Run(Protocol):
    """The invoices of a year and the managing member's internal share."""

    @property
    def invoices(self) -> Sequence[InvoiceLine]: ...
    @property
    def seller(self) -> Party: ...
    @property
    def internal_ore(self) -> int: ...


def invoice_frame(run: Run) -> pd.DataFrame:
    """The invoice summary: one row per invoice, then the managing member's internal share."""
    rows: list[dict[str, Any]] = [
        {
            "kind": "invoice",
            "invoice_number": invoice.number,
            "kommunkod": invoice.buyer.kommunkod,
            "buyer": invoice.buyer.name,
            "amount_ore": invoice.amount_ore,
            "amount": ore_to_decimal(invoice.amount_ore),
            "ocr": invoice.ocr,
            "issue_date": invoice.issue_date,
            "due_date": invoice.due_date,
        }
        for invoice in run.invoices
    ]
    rows.append(
        {
            "kind": "internal",
            "invoice_number": "",
            "kommunkod": run.seller.kommunkod,
            "buyer": run.seller.name,
            "amount_ore": run.internal_ore,
            "amount": ore_to_decimal(run.internal_ore),
            "ocr": "",
            "issue_date": None,
            "due_date": None,
        }
    )
    return typed_frame(rows, tuple(rows[0]))
