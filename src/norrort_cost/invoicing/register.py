"""The invoice register's rules, without the database: what is recorded, what is refused.

The register (kept in SQLite by :mod:`norrort_cost.storage.register`) holds every issued
invoice and credit note, and the managing municipality's internal share of each year (kind
``internal``, no number). This module decides, on plain records, what a new run may do:
the next number of the seller's series (gapless: the highest recorded number plus one, or
the series' first number), and which members of a year are already invoiced.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from norrort_cost.invoicing.documents import Invoice
from norrort_cost.problems import UsageError, said

RecordKind = Literal["invoice", "credit-note", "internal"]


@dataclass(frozen=True, slots=True)
class Registered:
    """One row of the register: an issued document, or a year's internal share."""

    kind: RecordKind
    number: str
    sequence: int | None
    seller: str
    year: int
    kommunkod: str
    buyer: str
    installment: int
    installments: int
    period_start: date | None
    period_end: date | None
    amount_ore: int
    issue_date: date | None
    due_date: date | None
    ocr: str
    corrects: str
    files: tuple[tuple[str, str], ...] = ()
    cause: str = ""
    row_id: int = 0
    basis: str = "final"
    population_date: date | None = None

    @property
    def signed_ore(self) -> int:
        """What the row adds to the member's year: credit notes subtract."""
        return -self.amount_ore if self.kind == "credit-note" else self.amount_ore


def sha256(data: bytes) -> str:
    """The hex SHA-256 of a written file, as the register records it."""
    return hashlib.sha256(data).hexdigest()


def registered_invoice(invoice: Invoice, files: Mapping[str, bytes]) -> Registered:
    """The register row of ``invoice``, with the names and hashes of its ``files``."""
    return Registered(
        kind=invoice.kind,
        number=invoice.number,
        sequence=invoice.sequence,
        seller=invoice.seller.kommunkod,
        year=invoice.year,
        kommunkod=invoice.buyer.kommunkod,
        buyer=invoice.buyer.name,
        installment=invoice.installment,
        installments=invoice.installments,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        amount_ore=invoice.amount_ore,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        ocr=invoice.ocr,
        corrects=invoice.corrects,
        files=tuple((name, sha256(data)) for name, data in sorted(files.items())),
        basis=invoice.basis,
        population_date=invoice.population_date,
    )


def internal_share(year: int, seller: str, name: str, amount_ore: int) -> Registered:
    """The register row of the seller's own share of ``year`` (or a change of it)."""
    return Registered(
        kind="internal",
        number="",
        sequence=None,
        seller=seller,
        year=year,
        kommunkod=seller,
        buyer=name,
        installment=1,
        installments=1,
        period_start=None,
        period_end=None,
        amount_ore=amount_ore,
        issue_date=None,
        due_date=None,
        ocr="",
        corrects="",
    )


def next_sequence(highest: int | None, first: int) -> int:
    """The next number of a series: one after the highest recorded, or the first."""
    return first if highest is None else max(highest + 1, first)


def refuse_reissue(
    recorded: Sequence[Registered],
    year: int,
    members: Iterable[str],
    everyone: Sequence[str] = (),
) -> None:
    """Refuse to invoice ``year`` again for any of ``members`` that has an invoice already.

    ``everyone`` are the year's paying members: when some of them are not invoiced yet,
    the hint names them and how to issue them.
    """
    wanted = set(members)
    invoiced = {r.kommunkod for r in recorded if r.kind == "invoice" and r.year == year}
    found = [
        r for r in recorded if r.kind == "invoice" and r.year == year and r.kommunkod in wanted
    ]
    if not found:
        return
    first = min(found, key=lambda r: r.sequence or 0)
    members_found = sorted({r.kommunkod for r in found})
    rest = [code for code in everyone if code not in invoiced]
    if rest:
        options = " ".join(f"-m {code}" for code in rest)
        hint = said(
            "nothing was written; {count} member(s) are not invoiced yet: "
            "`norrort-cost invoices --year {year} {options}` issues them",
            count=len(rest),
            year=year,
            options=options,
        )
    else:
        hint = said(
            "nothing was written; `norrort-cost register list --year {year}` shows them; "
            "`--municipality CODE` re-sends a copy; `settle` corrects a year",
            year=year,
        )
    raise UsageError(
        said(
            "{year} is already invoiced for {count} member(s): {buyer} ({code}) has "
            "invoice {number} of {issued}",
            year=year,
            count=len(members_found),
            buyer=first.buyer,
            code=first.kommunkod,
            number=first.number,
            issued=str(first.issue_date),
        ),
        hint,
    )


def year_totals(recorded: Iterable[Registered], year: int) -> dict[str, int]:
    """What each member owes for ``year`` by the register (invoices minus credit notes)."""
    totals: dict[str, int] = {}
    for row in recorded:
        if row.year == year:
            totals[row.kommunkod] = totals.get(row.kommunkod, 0) + row.signed_ore
    return totals
