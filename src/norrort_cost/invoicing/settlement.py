"""Settling a year: what the register holds against what the data gives now.

Per member the difference between the new amount (a corrected population figure, a
revised budget, the actual cost) and what the register holds for the year (invoices minus
credit notes) becomes a supplementary invoice (the member paid too little), referring to
its latest invoice of the year, or credit notes (too much). A credit note never credits
more than what remains of the invoice it references (invoiced less credited): a larger
credit is spread over the member's invoices of the year, latest first, one credit note
each. The managing municipality's own share changes too; its difference is recorded as
internal. The differences, internal one included, sum exactly to the change in the
year's total. Every document carries the causes found (:class:`PopulationChange`,
:class:`TotalChange`), worded by rendering.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from norrort_cost.allocation.results import Allocation
from norrort_cost.dataset.models import Dataset
from norrort_cost.invoicing.documents import Invoice
from norrort_cost.invoicing.invoices import Terms, buyer_of, make_invoice, run_terms
from norrort_cost.invoicing.lines import (
    Cause,
    Correction,
    CorrectionBasis,
    InvoiceLine,
    PopulationChange,
    TotalChange,
)
from norrort_cost.invoicing.register import Registered, year_totals
from norrort_cost.problems import UsageError, said

Figures = Mapping[str, tuple[date, int]]


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
    causes: tuple[Cause, ...] = ()
    # the population dates the register's preliminary amounts rest on ((), if none were)
    preliminary_dates: tuple[date, ...] = ()
    population_date: date | None = None

    @property
    def internal(self) -> Difference | None:
        """The managing municipality's own difference (recorded, never invoiced)."""
        return next((d for d in self.differences if d.kommunkod == self.seller), None)


def remaining(rows: Sequence[Registered]) -> dict[str, int]:
    """What remains of each invoice: its amount less the credit notes referencing it."""
    left = {r.number: r.amount_ore for r in rows if r.kind == "invoice"}
    for row in rows:
        if row.kind == "credit-note" and row.corrects in left:
            left[row.corrects] -= row.amount_ore
    return left


def causes_of(
    allocation: Allocation,
    registered_total: int,
    before: Figures,
    *,
    actual: bool,
    whole: bool = True,
) -> tuple[Cause, ...]:
    """What changed since the year was invoiced: population figures, the year's total."""
    found: list[Cause] = [
        PopulationChange(s.kommunkod, s.name, s.population_date, before[s.kommunkod][1],
                         s.inhabitants)
        for s in allocation.shares
        if s.kommunkod in before and before[s.kommunkod] != (s.population_date, s.inhabitants)
    ]  # fmt: skip
    if not whole:  # the register lacks the seller's share: its total is no budget
        return tuple(found)
    if actual or registered_total != allocation.budget_ore:
        found.append(TotalChange(allocation.year, registered_total, allocation.budget_ore, actual))
    return tuple(found)


def settle(  # noqa: PLR0913 - the year, its data, the register and the run's terms
    allocation: Allocation,
    dataset: Dataset,
    recorded: list[Registered],
    issue_date: date,
    first_sequence: int,
    *,
    figures: Figures | None = None,
    actual: bool = False,
) -> Settlement:
    """The settlement of ``allocation``'s year against the register rows ``recorded``.

    ``figures`` are the population figures the year was last invoiced or settled with
    (date, inhabitants by kommunkod); ``actual`` says the total is the year's outcome.
    """
    year = allocation.year
    rows = [r for r in recorded if r.year == year]
    if not any(r.kind == "invoice" for r in rows):
        raise UsageError(
            said("the register holds no invoice for {year}", year=year),
            said("issue the invoices first: norrort-cost invoices --year {year}", year=year),
        )
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
    registered_total = sum(before.values())
    whole = any(r.kind == "internal" for r in rows)
    causes = causes_of(allocation, registered_total, figures or {}, actual=actual, whole=whole)
    documents: list[Invoice] = []
    left = remaining(rows)
    for difference in differences:
        if difference.difference_ore and difference.kommunkod != terms.seller.kommunkod:
            context = _Context(allocation, dataset, terms, causes, preliminary_dates(rows))
            made = _documents(context, rows, left, difference, first_sequence + len(documents))
            documents.extend(made)
    return Settlement(
        year,
        terms.seller.kommunkod,
        differences,
        tuple(documents),
        registered_total,
        allocation.budget_ore,
        causes,
        preliminary_dates(rows),
        allocation.population_date,
    )


def preliminary_dates(rows: Sequence[Registered]) -> tuple[date, ...]:
    """The population dates of the rows issued on a preliminary basis, oldest first."""
    return tuple(
        sorted({r.population_date for r in rows if r.basis == "preliminary" and r.population_date})
    )


def latest_first(invoices: Iterable[Registered]) -> list[Registered]:
    """``invoices`` latest first: by issue date, then by number in the series (never in
    the order the register happens to return them)."""
    return sorted(
        invoices,
        key=lambda r: (r.issue_date or date.min, r.sequence or 0, r.row_id),
        reverse=True,
    )


@dataclass(frozen=True, slots=True)
class _Context:
    allocation: Allocation
    dataset: Dataset
    terms: Terms
    causes: tuple[Cause, ...]
    earlier: tuple[date, ...] = ()


def _documents(
    context: _Context,
    rows: Sequence[Registered],
    left: Mapping[str, int],
    difference: Difference,
    sequence: int,
) -> list[Invoice]:
    """One supplementary invoice, or credit notes each within what its invoice has left."""
    invoices = latest_first(
        r for r in rows if r.kind == "invoice" and r.kommunkod == difference.kommunkod
    )
    change = difference.difference_ore
    if change > 0:
        original = invoices[0] if invoices else None
        return [_document(context, difference, original, change, sequence)]
    documents: list[Invoice] = []
    owed = -change
    for invoice in invoices:
        amount = min(owed, left.get(invoice.number, 0))
        if amount > 0:
            documents.append(
                _document(context, difference, invoice, -amount, sequence + len(documents))
            )
            owed -= amount
    if owed:  # the credit notes of the register credit others' invoices: it was changed
        raise UsageError(
            said(
                "the register's credit notes do not match its invoices: {code} would be "
                "credited {ore} öre more than its invoices of {year} have left",
                code=difference.kommunkod,
                ore=owed,
                year=context.allocation.year,
            ),
            "the register was changed outside norrort-cost: restore it from a backup",
        )
    return documents


def _document(
    context: _Context,
    difference: Difference,
    original: Registered | None,
    change: int,
    sequence: int,
) -> Invoice:
    allocation, credit = context.allocation, change < 0
    settles = context.earlier[-1] if context.earlier else None
    line = InvoiceLine(
        number=1,
        subject=Correction(
            allocation.cooperation,
            allocation.year,
            credit=credit,
            final_date=allocation.population_date if settles else None,
            preliminary_date=settles,
        ),
        basis=CorrectionBasis(
            allocation.year,
            difference.registered_ore,
            difference.new_ore,
            original.number if original else "",
            original.issue_date if original else None,
            context.causes,
            abs(change),
        ),
        amount_ore=abs(change),
    )
    buyer = buyer_of(context.dataset, difference.kommunkod, allocation.year)
    invoice = make_invoice(context.terms, buyer, sequence, allocation.year, (line,))
    return replace(
        invoice,
        kind="credit-note" if credit else "invoice",
        corrects=original.number if original else "",
        corrects_issue_date=original.issue_date if original else None,
    )
