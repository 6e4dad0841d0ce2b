"""Payments and receivables as records (JSON, CSV, XLSX) and as tables for people.

Schema ``norrort-cost.payments`` version 1: one row per payment or deduction, amounts in
kronor (``"1000.00"``) and öre, the document it pays or the reason it pays none. The
receivables (``register list --status``) add ``status``, ``paid``, ``credited``,
``remaining`` (kronor, with their ``*_ore``), ``overdue`` (true or false: an overdue invoice
keeps its status, open or partly-paid) and ``days_overdue`` to each invoice's row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from norrort_cost.invoicing.receivables import Match, Receivable
from norrort_cost.money import format_sek, machine_amount

if TYPE_CHECKING:
    from sqlite3 import Row

    from rich.console import Console


def reason_text(reason: str) -> str:
    """A payment's reason, for people, in the chosen language."""
    from norrort_cost.rendering.i18n import _

    texts = {
        "matched": _("matched by OCR"),
        "unknown-ocr": _("unknown OCR reference"),
        "credited-invoice": _("OCR of an invoice that is wholly credited"),
        "credit-note-ocr": _("OCR of a credit note"),
        "several-invoices": _("references several invoices"),
        "other-bankgiro": _("paid to another bankgiro number"),
        "no-reference": _("no reference"),
        "already-imported": _("already imported"),
    }
    return texts.get(reason, reason)


def match_rows(matches: Sequence[Match], skipped: Sequence[Match] = ()) -> list[dict[str, Any]]:
    """The payments of one import: where each went, in file order."""
    return [
        _payment_row(match, "already-imported" if match in skipped else match.reason)
        for match in matches
    ]


def _payment_row(match: Match, reason: str) -> dict[str, Any]:
    payment = match.payment
    return {
        "line": payment.line,
        "kind": payment.kind,
        "payment_date": payment.payment_date.isoformat(),
        "amount": machine_amount(payment.signed_ore),
        "amount_ore": payment.signed_ore,
        "reference": payment.reference,
        "payer": payment.payer_name,
        "document": match.number or "",
        "reason": reason,
        "suggestion": match.suggestion or "",
    }


def stored_payment_rows(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """The register's payments, the unmatched first."""
    return [
        {
            "file": row["file_name"],
            "line": row["line"],
            "kind": row["kind"],
            "payment_date": row["payment_date"],
            "amount": machine_amount(_signed(row)),
            "amount_ore": _signed(row),
            "reference": row["reference"],
            "payer": row["payer_name"],
            "document": row["document_number"] or "",
            "reason": row["reason"],
            "suggestion": row["suggestion"] or "",
        }
        for row in rows
    ]


def _signed(row: Row) -> int:
    return -int(row["amount_ore"]) if row["kind"] == "deduction" else int(row["amount_ore"])


def receivable_fields(receivable: Receivable, on: date) -> dict[str, Any]:
    """What ``register list`` adds to an invoice's row: status, paid, what remains."""
    return {
        "status": receivable.status,
        "overdue": receivable.overdue(on),
        "paid": machine_amount(receivable.paid_ore),
        "paid_ore": receivable.paid_ore,
        "credited": machine_amount(receivable.credited_ore),
        "credited_ore": receivable.credited_ore,
        "remaining": machine_amount(receivable.remaining_ore),
        "remaining_ore": receivable.remaining_ore,
        "days_overdue": receivable.days_overdue(on),
    }


def print_payments(out: Console, rows: Sequence[dict[str, Any]], title: str) -> None:
    """Payments for people: date, amount, reference, payer, document or reason."""
    from norrort_cost.rendering.console import hidden_note
    from norrort_cost.rendering.i18n import _
    from norrort_cost.rendering.layout import Column, fit, print_fitted

    columns = [
        Column(_("Date"), [row["payment_date"] for row in rows]),
        Column(_("Amount (kr)"), [format_sek(row["amount_ore"]) for row in rows], right=True),
        Column(_("Reference"), [row["reference"] for row in rows], rank=2),
        Column(_("Payer"), [row["payer"] for row in rows], squeeze=True, rank=3),
        Column(_("Invoice"), [row["document"] for row in rows]),
        Column(
            _("Note"),
            [
                reason_text(row["reason"])
                + (_(" (suggestion: invoice {number})").format(number=row["suggestion"])
                   if row["suggestion"] else "")
                for row in rows
            ],
            rank=1,
        ),
    ]  # fmt: skip
    print_fitted(out, fit(columns, out.width, title=title), hidden_note())


def print_receivables(out: Console, rows: Sequence[dict[str, Any]]) -> None:
    """The register with each invoice's status, paid and remaining amounts, for people."""
    from norrort_cost.rendering.console import hidden_note
    from norrort_cost.rendering.i18n import _
    from norrort_cost.rendering.layout import Column, fit, print_fitted

    statuses = {
        "open": _("open"),
        "partly-paid": _("partly paid"),
        "paid": _("paid"),
        "overpaid": _("overpaid"),
        "credited": _("credited"),
        "overdue": _("overdue"),
    }
    kinds = {"invoice": _("invoice"), "credit-note": _("credit note"), "internal": _("internal")}
    columns = [
        Column(_("Seller"), [row["seller"] for row in rows], rank=4, short=_("Series")),
        Column(_("No."), [row["number"] for row in rows]),
        Column(_("Kind"), [kinds.get(row["kind"], row["kind"]) for row in rows], rank=3),
        Column(
            _("Municipality"),
            [f"{row['buyer']} ({row['kommunkod']})" for row in rows],
            squeeze=True,
        ),
        Column(_("Amount (kr)"), [format_sek(row["amount_ore"]) for row in rows], right=True),
        Column(_("Due date"), [row["due_date"] for row in rows], rank=2),
        Column(_("Paid (kr)"), [_kr(row, "paid_ore") for row in rows], right=True, rank=1),
        Column(_("Remaining (kr)"), [_kr(row, "remaining_ore") for row in rows], right=True),
        Column(_("Status"), [_status_text(row, statuses) for row in rows]),
        Column(
            _("Days overdue"),
            [str(row["days_overdue"]) if row.get("days_overdue") else "" for row in rows],
            right=True,
            rank=1,
        ),
    ]
    print_fitted(out, fit(columns, out.width, title=_("Invoice register")), hidden_note())


def _status_text(row: dict[str, Any], statuses: dict[str, str]) -> str:
    """The invoice's status in words, with "overdue" beside open or partly paid ones."""
    from norrort_cost.rendering.i18n import _

    word = statuses.get(row.get("status", ""), "")
    return _("{status}, overdue").format(status=word) if row.get("overdue") else word


def _kr(row: dict[str, Any], key: str) -> str:
    return format_sek(row[key]) if key in row else ""
