"""The invoice register as records (CSV, JSON, XLSX) and as a table for people.

Schema ``norrort-cost.register`` version 1: one row per document (``invoice``,
``credit-note``) or internal share, amounts in kronor (``"24291.03"``) and öre, ISO dates,
``files`` as ``name:sha256`` pairs separated by spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from norrort_cost.invoicing.register import Registered
from norrort_cost.money import format_sek, machine_amount

if TYPE_CHECKING:
    from rich.console import Console


def register_rows(rows: Sequence[Registered]) -> list[dict[str, Any]]:
    """Every row of the register as a plain mapping, in the order issued."""
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
            "issue_date": row.issue_date.isoformat() if row.issue_date else "",
            "due_date": row.due_date.isoformat() if row.due_date else "",
            "ocr": row.ocr,
            "corrects": row.corrects,
            "files": " ".join(f"{name}:{digest}" for name, digest in row.files),
        }
        for row in rows
    ]


def print_register(out: Console, rows: Sequence[Registered]) -> None:
    """The register for people: one line per document, fitted to the terminal.

    Numbers, dates and amounts are never cut or broken; at narrow widths the least
    important columns are left out and named under the table.
    """
    from norrort_cost.rendering.console import hidden_note
    from norrort_cost.rendering.i18n import _
    from norrort_cost.rendering.layout import Column, fit, print_fitted

    kinds = {"invoice": _("invoice"), "credit-note": _("credit note"), "internal": _("internal")}
    columns = [
        Column(_("No."), [row.number for row in rows]),
        Column(_("Kind"), [kinds[row.kind] for row in rows], rank=2),
        Column(_("Year"), [str(row.year) for row in rows], rank=3),
        Column(
            _("Municipality"),
            [f"{row.buyer} ({row.kommunkod})" for row in rows],
            squeeze=True,
        ),
        Column(_("Part"), [f"{row.installment}/{row.installments}" for row in rows], rank=4),
        Column(_("Period"), [_period(row) for row in rows], rank=5),
        Column(
            _("Amount (kr)"),
            [
                format_sek(-row.amount_ore if row.kind == "credit-note" else row.amount_ore)
                for row in rows
            ],
            right=True,
        ),
        Column(
            _("Due date"),
            [row.due_date.isoformat() if row.due_date else "" for row in rows],
            rank=1,
        ),
        Column(_("Corrects"), [row.corrects for row in rows], rank=6),
    ]
    print_fitted(out, fit(columns, out.width, title=_("Invoice register")), hidden_note())


def _period(row: Registered) -> str:
    if row.period_start and row.period_end:
        return f"{row.period_start.isoformat()} – {row.period_end.isoformat()}"
    return ""
