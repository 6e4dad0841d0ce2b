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
    from rich.table import Table


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


def register_table(rows: Sequence[Registered]) -> Table:
    """The register for people: one line per document, amounts in Swedish format."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Fakturaregister")
    for title in (
        "Nr",
        "Typ",
        "År",
        "Kommun",
        "Del",
        "Period",
        "Belopp (kr)",
        "Förfaller",
        "Avser",
    ):
        table.add_column(title, justify="right" if title == "Belopp (kr)" else "left")
    kinds = {"invoice": "faktura", "credit-note": "kreditfaktura", "internal": "intern"}
    for row in rows:
        period = (
            f"{row.period_start.isoformat()} – {row.period_end.isoformat()}"
            if row.period_start and row.period_end
            else ""
        )
        table.add_row(
            escape(row.number),
            kinds[row.kind],
            str(row.year),
            escape(f"{row.buyer} ({row.kommunkod})"),
            f"{row.installment}/{row.installments}",
            period,
            format_sek(-row.amount_ore if row.kind == "credit-note" else row.amount_ore),
            row.due_date.isoformat() if row.due_date else "",
            escape(row.corrects),
        )
    return table
