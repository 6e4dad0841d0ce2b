"""The invoice register as records (CSV, JSON, XLSX) and as tables for people.

Schema ``norrort-cost.register`` version 2: one row per document (``invoice``,
``credit-note``) or internal share, amounts in kronor (``"24291.03"``) and öre, ISO dates,
``files`` as ``name:sha256`` pairs separated by spaces; version 2 adds ``remaining`` (what
is left of an invoice: invoiced less credited; empty for other rows) and ``cause`` (what a
settlement document corrects).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from norrort_cost.invoicing.register import Registered
from norrort_cost.money import format_sek, machine_amount

if TYPE_CHECKING:
    from rich.console import Console

REGISTER_SCHEMA_VERSION = 2


def register_rows(
    rows: Sequence[Registered], remaining: Mapping[tuple[str, str], int]
) -> list[dict[str, Any]]:
    """Every row of the register as a plain mapping, in the order issued.

    ``remaining`` is what is left of each invoice, by (seller, number).
    """
    return [
        {
            "kind": row.kind,
            "number": row.number,
            "seller": row.seller,
            "year": row.year,
            "kommunkod": row.kommunkod,
            "buyer": row.buyer,
            "installment": row.installment,
            "installments": row.installments,
            "period_start": row.period_start.isoformat() if row.period_start else "",
            "period_end": row.period_end.isoformat() if row.period_end else "",
            "amount": machine_amount(row.amount_ore),
            "amount_ore": row.amount_ore,
            "remaining": _machine_remaining(row, remaining),
            "issue_date": row.issue_date.isoformat() if row.issue_date else "",
            "due_date": row.due_date.isoformat() if row.due_date else "",
            "ocr": row.ocr,
            "corrects": row.corrects,
            "cause": row.cause,
            "files": " ".join(f"{name}:{digest}" for name, digest in row.files),
        }
        for row in rows
    ]


def _machine_remaining(row: Registered, remaining: Mapping[tuple[str, str], int]) -> str:
    left = remaining.get((row.seller, row.number))
    return "" if row.kind != "invoice" or left is None else machine_amount(left)


def _remaining(row: Registered, remaining: Mapping[tuple[str, str], int]) -> str:
    left = remaining.get((row.seller, row.number))
    return "" if row.kind != "invoice" or left is None else format_sek(left)


def signed(row: Registered) -> int:
    """The row's amount as it counts for the member: credit notes negative."""
    return -row.amount_ore if row.kind == "credit-note" else row.amount_ore


def print_register(
    out: Console, rows: Sequence[Registered], remaining: Mapping[tuple[str, str], int]
) -> None:
    """The register for people: one line per document, fitted to the terminal.

    Numbers, kommunkoder, dates and amounts are never cut or broken; the municipality's
    name is shortened first, and at narrow widths the least important columns are left
    out and named under the table.
    """
    from norrort_cost.rendering.console import hidden_note
    from norrort_cost.rendering.i18n import _
    from norrort_cost.rendering.layout import Column, fit, print_fitted

    kinds = {"invoice": _("invoice"), "credit-note": _("credit note"), "internal": _("internal")}
    columns = [
        Column(_("Seller"), [row.seller for row in rows], rank=4, short=_("Series")),
        Column(_("No."), [row.number for row in rows]),
        Column(_("Kind"), [kinds[row.kind] for row in rows], rank=3),
        Column(_("Year"), [str(row.year) for row in rows], rank=5),
        Column(_("Code"), [row.kommunkod for row in rows]),
        Column(_("Municipality"), [row.buyer for row in rows], squeeze=True, rank=2),
        Column(_("Part"), [f"{row.installment}/{row.installments}" for row in rows], rank=6),
        Column(_("Period"), [_period(row) for row in rows], rank=8),
        Column(_("Amount (kr)"), [format_sek(signed(row)) for row in rows], right=True),
        Column(
            _("Remaining (kr)"),
            [_remaining(row, remaining) for row in rows],
            right=True,
            rank=1,
            short=_("Left (kr)"),
        ),
        Column(
            _("Due date"),
            [row.due_date.isoformat() if row.due_date else "" for row in rows],
            rank=7,
        ),
        Column(_("Corrects"), [row.corrects for row in rows], rank=9),
    ]
    sellers = sorted({row.seller for row in rows})
    title = _("Invoice register")
    if sellers:
        title = _("Invoice register, series of {sellers}").format(sellers=", ".join(sellers))
    print_fitted(out, fit(columns, out.width, title=title), hidden_note())


def print_document(
    out: Console, row: Registered, remaining: Mapping[tuple[str, str], int], present: str
) -> None:
    """One document with everything the register holds about it, one field a line."""
    from norrort_cost.rendering.i18n import _
    from norrort_cost.rendering.layout import print_text

    kinds = {"invoice": _("invoice"), "credit-note": _("credit note"), "internal": _("internal")}
    fields = [
        (_("Number"), row.number),
        (_("Kind"), kinds[row.kind]),
        (_("Seller (series)"), row.seller),
        (_("Year"), str(row.year)),
        (_("Municipality"), f"{row.buyer} ({row.kommunkod})"),
        (_("Part"), f"{row.installment}/{row.installments}"),
        (_("Period"), _period(row)),
        (_("Amount (kr)"), format_sek(signed(row))),
        (_("Remaining (kr)"), _remaining(row, remaining)),
        (_("Issue date"), row.issue_date.isoformat() if row.issue_date else ""),
        (_("Due date"), row.due_date.isoformat() if row.due_date else ""),
        (_("OCR"), row.ocr),
        (_("Corrects"), row.corrects),
        (_("Cause"), row.cause),
        (_("Files"), present),
    ]
    width = max(len(label) for label, _value in fields)
    for label, value in fields:
        if value:
            print_text(out, f"{label.ljust(width)}  {value}", "", out.width)


def _period(row: Registered) -> str:
    if row.period_start and row.period_end:
        return f"{row.period_start.isoformat()} – {row.period_end.isoformat()}"
    return ""
