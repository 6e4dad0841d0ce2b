"""Settling a year: what the register holds against what the data gives now.

Per member the difference between the new amount (a corrected population figure, a
revised budget, the actual cost) and what the register holds for the year (invoices minus
credit notes) becomes a credit note (the member paid too much) or a supplementary invoice
(too little), each referring to the member's last invoice of the year. The managing
municipality's own share changes too; its difference is recorded as internal. The
differences, internal one included, sum exactly to the change in the year's total.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from norrort_cost.allocation.results import Allocation
from norrort_cost.allocation.yearly import check_sum
from norrort_cost.dataset.models import Dataset
from norrort_cost.invoicing.documents import Invoice
from norrort_cost.invoicing.invoices import Terms, buyer_of, make_invoice, run_terms
from norrort_cost.invoicing.lines import CorrectionBasis, InvoiceLine
from norrort_cost.invoicing.register import Registered, year_totals
from norrort_cost.problems import UsageError, said


@dataclass(frozen=True, slots=True)
class Difference:
    """One member's amount for the year: in the register, by the data now, and the change."""

    kommunkod: str
    name: str
    registered_ore: int
    new_ore: int

    @property
    def difference_ore(self) -> int:
        """New minus registered: positive is owed by the member, negative owed to it."""
        return self.new_ore - self.registered_ore


@dataclass(frozen=True, slots=True)
class Settlement:
    """A year's settlement: every member's difference and the documents that settle it."""

    year: int
    seller: str
    differences: tuple[Difference, ...]
    documents: tuple[Invoice, ...]
    registered_total_ore: int
    new_total_ore: int
    # the population dates the register's preliminary amounts rest on ((), if none were)
    preliminary_dates: tuple[date, ...] = ()
    population_date: date | None = None

    @property
    def internal(self) -> Difference | None:
        """The managing municipality's own difference (recorded, never invoiced)."""
        return next((d for d in self.differences if d.kommunkod == self.seller), None)


def settle(
    allocation: Allocation,
    dataset: Dataset,
    recorded: list[Registered],
    issue_date: date,
    first_sequence: int,
) -> Settlement:
    """The settlement of ``allocation``'s year against the register rows ``recorded``."""
    year = allocation.year
    rows = [r for r in recorded if r.year == year]
    if not any(r.kind == "invoice" for r in rows):
        raise UsageError(f"the register holds no invoice for {year}", "issue the invoices first")
    if allocation.preliminary:
        raise UsageError(
            said("{year} cannot be settled on a preliminary basis", year=year),
            said(
                "settle once the population of {final} is in the dataset "
                "(norrort-cost population fetch-scb)",
                final=allocation.final_population_date,
            ),
        )
    terms = run_terms(dataset, allocation, issue_date)
    before = year_totals(rows, year)
    now = {share.kommunkod: share.amount_ore for share in allocation.shares}
    names = {m.kommunkod: m.invoice_name for m in dataset.municipalities}
    differences = tuple(
        Difference(code, names.get(code, code), before.get(code, 0), now.get(code, 0))
        for code in sorted(set(before) | set(now))
    )
    documents: list[Invoice] = []
    for difference in differences:
        if difference.difference_ore and difference.kommunkod != terms.seller.kommunkod:
            sequence = first_sequence + len(documents)
            documents.append(_document(allocation, dataset, rows, difference, (terms, sequence)))
    registered_total = sum(before.values())
    check_sum(allocation.budget_ore - registered_total, (d.difference_ore for d in differences))
    return Settlement(
        year,
        terms.seller.kommunkod,
        differences,
        tuple(documents),
        registered_total,
        allocation.budget_ore,
        preliminary_dates(rows),
        allocation.population_date,
    )


def preliminary_dates(rows: list[Registered]) -> tuple[date, ...]:
    """The population dates of the rows issued on a preliminary basis, oldest first."""
    return tuple(
        sorted({r.population_date for r in rows if r.basis == "preliminary" and r.population_date})
    )


def _document(
    allocation: Allocation,
    dataset: Dataset,
    rows: list[Registered],
    difference: Difference,
    numbering: tuple[Terms, int],
) -> Invoice:
    terms, sequence = numbering
    invoices = [r for r in rows if r.kind == "invoice" and r.kommunkod == difference.kommunkod]
    original = invoices[-1] if invoices else None
    change = difference.difference_ore
    credit = change < 0
    earlier = preliminary_dates(invoices)
    description = (
        f"Avräkning på folkmängden {allocation.population_date.isoformat()} av den "
        f"preliminära fördelningen på folkmängden {earlier[-1].isoformat()}"
        if earlier
        else "Rättelse efter ny beräkning av årets kostnadsfördelning"
    )
    line = InvoiceLine(
        number=1,
        name=f"{'Kreditering' if credit else 'Tillägg'}: andel av "
        f"{allocation.cooperation} {allocation.year}",
        description=description,
        basis=CorrectionBasis(
            allocation.year,
            difference.registered_ore,
            difference.new_ore,
            original.number if original else "",
        ),
        amount_ore=abs(change),
    )
    buyer = buyer_of(dataset, difference.kommunkod, allocation.year)
    invoice = make_invoice(terms, buyer, sequence, allocation.year, (line,))
    return replace(
        invoice,
        kind="credit-note" if credit else "invoice",
        corrects=original.number if original else "",
        corrects_issue_date=original.issue_date if original else None,
    )
