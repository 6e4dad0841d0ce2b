"""An invoice run as plain records: the summary written beside the invoices (CSV, JSON).

Schema ``norrort-cost.invoices`` version 1. Amounts are kronor as decimal strings with a
dot (``"24291.03"``) plus whole öre (``amount_ore``); dates are ISO 8601. The managing
municipality's own share is a row of kind ``internal`` with no invoice number; the
invoices plus the internal share equal the budget.
"""

from __future__ import annotations

from typing import Any

from norrort_cost.invoicing.documents import Invoice, InvoiceRun
from norrort_cost.money import machine_amount
from norrort_cost.rendering.records import SCHEMA_VERSION

SCHEMA = "norrort-cost.invoices"


def summary_basename(year: int) -> str:
    """The summary's file name without extension."""
    return f"fakturor-{year}"


def invoice_row(invoice: Invoice, files: list[str]) -> dict[str, Any]:
    """One invoice's row."""
    return {
        "kind": invoice.kind,
        "invoice_number": invoice.number,
        "year": invoice.year,
        "kommunkod": invoice.buyer.kommunkod,
        "buyer": invoice.buyer.name,
        "organisationsnummer": invoice.buyer.organisationsnummer,
        "amount": machine_amount(invoice.amount_ore),
        "amount_ore": invoice.amount_ore,
        "ocr": invoice.ocr,
        "issue_date": invoice.issue_date.isoformat(),
        "due_date": invoice.due_date.isoformat(),
        "files": " ".join(files),
        "example": invoice.is_example,
        "installment": invoice.installment,
        "installments": invoice.installments,
        "period_start": invoice.period_start.isoformat(),
        "period_end": invoice.period_end.isoformat(),
        "corrects": invoice.corrects,
    }


def internal_row(run: InvoiceRun) -> dict[str, Any]:
    """The managing municipality's own share: not invoiced, same columns as an invoice."""
    return {
        "kind": "internal",
        "invoice_number": "",
        "year": run.year,
        "kommunkod": run.seller.kommunkod,
        "buyer": run.seller.name,
        "organisationsnummer": run.seller.organisationsnummer,
        "amount": machine_amount(run.internal_ore),
        "amount_ore": run.internal_ore,
        "ocr": "",
        "issue_date": "",
        "due_date": "",
        "files": "",
        "example": any(i.is_example for i in run.invoices),
        "installment": "",
        "installments": "",
        "period_start": "",
        "period_end": "",
        "corrects": "",
    }


def summary_rows(run: InvoiceRun, files: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Every invoice (by number, with its files), then the internal share."""
    rows = [invoice_row(i, files.get(i.number, [])) for i in run.invoices]
    return [*rows, internal_row(run)]


def summary_record(run: InvoiceRun, files: dict[str, list[str]]) -> dict[str, Any]:
    """The whole run as a JSON-ready mapping, with totals that add up to the budget."""
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "cooperation": run.cooperation,
        "year": run.year,
        "currency": run.currency,
        "seller": {
            "kommunkod": run.seller.kommunkod,
            "name": run.seller.name,
            "organisationsnummer": run.seller.organisationsnummer,
        },
        "invoices": [invoice_row(i, files.get(i.number, [])) for i in run.invoices],
        "internal": internal_row(run),
        "totals": {
            "invoiced": machine_amount(run.invoiced_ore),
            "invoiced_ore": run.invoiced_ore,
            "internal": machine_amount(run.internal_ore),
            "internal_ore": run.internal_ore,
            "budget": machine_amount(run.budget_ore),
            "budget_ore": run.budget_ore,
        },
    }
