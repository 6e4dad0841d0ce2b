"""What each invoice has been paid, and which payment pays which invoice.

Payments come from Bankgirot's BgMax files (:mod:`norrort_cost.invoicing.bgmax`); each is
matched to one document by its OCR reference (the reference of record 20, or one of its
extra references), never by a guess. A payment that cannot be matched keeps the reason:
the OCR is unknown, belongs to a credit note or to an invoice that is wholly credited, or
names several invoices; the money went to another bankgiro number; there is no reference.
For such a payment an open invoice of the same amount (and of the payer, when the file
gives its organisation number) is offered as a *suggestion*, never booked.

An invoice's status follows from exact öre: what it asks (``amount_ore``), what credit
notes took off (``credited_ore``) and what was paid (``paid_ore``); ``remaining_ore`` is
the difference. *credited*: the credit notes took it all and nothing was paid; *open*:
nothing paid; *partly-paid*, *paid* (exactly), *overpaid*. An open or partly paid invoice
is *overdue* after its due date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from norrort_cost.invoicing.bgmax import Payment

Status = Literal["open", "partly-paid", "paid", "overpaid", "credited"]
Reason = Literal[
    "matched",
    "unknown-ocr",
    "credited-invoice",
    "credit-note-ocr",
    "several-invoices",
    "other-bankgiro",
    "no-reference",
]


@dataclass(frozen=True, slots=True)
class Document:
    """An issued invoice or credit note, as the register holds it."""

    number: str
    kind: Literal["invoice", "credit-note"]
    seller: str
    kommunkod: str
    buyer: str
    year: int
    issue_date: date | None
    due_date: date | None
    amount_ore: int
    ocr: str
    corrects: str = ""


DocumentKey = tuple[str, str]  # (seller, number): each managing municipality has its series


@dataclass(frozen=True, slots=True)
class Booked:
    """A payment booked against a document: its date and signed amount in öre."""

    number: str
    payment_date: date
    amount_ore: int
    seller: str = ""


@dataclass(frozen=True, slots=True)
class Receivable:
    """An invoice with what was credited and paid: its status and what remains."""

    document: Document
    credited_ore: int
    paid_ore: int
    credits: tuple[tuple[date | None, int], ...] = ()
    payments: tuple[tuple[date, int], ...] = ()

    @property
    def remaining_ore(self) -> int:
        """What the buyer still owes (negative: paid too much)."""
        return self.document.amount_ore - self.credited_ore - self.paid_ore

    @property
    def status(self) -> Status:
        """open, partly-paid, paid, overpaid or credited (see the module)."""
        due = self.document.amount_ore - self.credited_ore
        if due <= 0 and self.paid_ore == 0:
            return "credited"
        remaining = due - self.paid_ore
        if remaining < 0:
            return "overpaid"
        if remaining == 0:
            return "paid"
        return "open" if self.paid_ore == 0 else "partly-paid"

    def overdue(self, on: date) -> bool:
        """Whether it is open or partly paid after its due date, as of ``on``."""
        due = self.document.due_date
        return self.status in {"open", "partly-paid"} and due is not None and due < on

    def days_overdue(self, on: date) -> int:
        """Days past the due date as of ``on`` (0 when not overdue)."""
        due = self.document.due_date
        return (on - due).days if self.overdue(on) and due is not None else 0


@dataclass(frozen=True, slots=True)
class Match:
    """Where one payment goes: a document, or why none, with a suggestion to look at."""

    payment: Payment
    number: str | None
    reason: Reason
    suggestion: str | None = None
    seller: str = ""


def receivables(
    documents: Iterable[Document], booked: Iterable[Booked]
) -> dict[DocumentKey, Receivable]:
    """Every invoice by (seller, number), with its credit notes and booked payments counted
    (a credit note corrects an invoice of its own seller)."""
    documents = list(documents)
    credited: dict[DocumentKey, list[tuple[date | None, int]]] = {}
    for note in documents:
        if note.kind == "credit-note" and note.corrects:
            credited.setdefault((note.seller, note.corrects), []).append(
                (note.issue_date, note.amount_ore)
            )
    paid: dict[DocumentKey, list[tuple[date, int]]] = {}
    for entry in booked:
        paid.setdefault((entry.seller, entry.number), []).append(
            (entry.payment_date, entry.amount_ore)
        )
    return {
        (doc.seller, doc.number): Receivable(
            document=doc,
            credited_ore=sum(ore for _, ore in credited.get((doc.seller, doc.number), [])),
            paid_ore=sum(ore for _, ore in paid.get((doc.seller, doc.number), [])),
            credits=tuple(credited.get((doc.seller, doc.number), [])),
            payments=tuple(paid.get((doc.seller, doc.number), [])),
        )
        for doc in documents
        if doc.kind == "invoice"
    }


def references_of(payment: Payment) -> list[str]:
    """The OCR references a payment may carry: its reference and its extra references."""
    found = [payment.reference, *payment.extra_references]
    digits = [re.sub(r"\s", "", text) for text in found]
    return [text for text in dict.fromkeys(digits) if text.isascii() and text.isdigit()]


def _ocr_key(ocr: str) -> str:
    """An OCR number as a number: zeros a bank padded it with on the left do not count
    (the check digit is the same with or without them)."""
    return ocr.lstrip("0") or "0"


def match_payments(
    payments: Sequence[Payment],
    documents: Sequence[Document],
    open_invoices: Mapping[DocumentKey, Receivable],
    *,
    bankgiros: frozenset[str],
    payers: Mapping[str, str],
) -> list[Match]:
    """Each payment matched by OCR (see the module), in the order given.

    ``bankgiros`` are the sellers' bankgiro numbers (digits), ``payers`` maps a kommunkod
    to its organisationsnummer (digits) for suggestions, ``open_invoices`` are the
    receivables before these payments.
    """
    by_ocr = {_ocr_key(doc.ocr): doc for doc in documents if doc.ocr}
    return [_match(p, by_ocr, open_invoices, bankgiros, payers) for p in payments]


def _match(  # noqa: PLR0911 - one return for each reason a payment can have
    payment: Payment,
    by_ocr: Mapping[str, Document],
    invoices: Mapping[DocumentKey, Receivable],
    bankgiros: frozenset[str],
    payers: Mapping[str, str],
) -> Match:
    if payment.receiver_bankgiro.lstrip("0") not in bankgiros:
        return Match(payment, None, "other-bankgiro")
    references = references_of(payment)
    keys = [_ocr_key(ref) for ref in references]
    found = {by_ocr[key].number: by_ocr[key] for key in keys if key in by_ocr}
    suggestion = _suggestion(payment, invoices, payers)
    if not references:
        return Match(payment, None, "no-reference", suggestion)
    if not found:
        return Match(payment, None, "unknown-ocr", suggestion)
    if len(found) > 1:
        return Match(payment, None, "several-invoices", ", ".join(sorted(found)))
    [document] = found.values()
    if document.kind == "credit-note":
        return Match(payment, None, "credit-note-ocr", document.corrects or None)
    receivable = invoices.get((document.seller, document.number))
    if receivable is not None and receivable.status == "credited":
        return Match(payment, None, "credited-invoice", suggestion)
    return Match(payment, document.number, "matched", seller=document.seller)


def _suggestion(
    payment: Payment, invoices: Mapping[DocumentKey, Receivable], payers: Mapping[str, str]
) -> str | None:
    """An open invoice of the payment's amount (of its payer, when the file names one)."""
    payer = payment.payer_organisationsnummer[-10:]
    candidates = [
        number
        for (_seller, number), receivable in invoices.items()
        if receivable.status in {"open", "partly-paid"}
        and receivable.remaining_ore == payment.signed_ore
        and (not payer or payers.get(receivable.document.kommunkod) == payer)
    ]
    return candidates[0] if len(candidates) == 1 else None
