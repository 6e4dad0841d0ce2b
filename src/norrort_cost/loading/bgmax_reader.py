"""The state of reading a BgMax file: the payment and the deposit being read, what was
found so far, and the hints of its problems. The checks of each record type are in
:mod:`norrort_cost.loading.bgmax_records`; the file as a whole in
:mod:`norrort_cost.loading.bgmax`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from norrort_cost.invoicing.bgmax import Deposit, Payment, PaymentKind
from norrort_cost.problems import Problem, problem

WIDTH = 80
PAYMENT_RECORDS = {"20": "payment", "21": "deduction"}
KNOWN = {"01", "05", "15", "20", "21", "22", "23", "25", "26", "27", "28", "29", "70"}


@dataclass
class Draft:
    """A payment being read: its record 20 or 21, then what the records after it add."""

    line: int
    kind: PaymentKind
    sender_bankgiro: str
    reference: str
    amount_ore: int
    reference_code: str
    channel: str
    bgc_serial: str
    extra_references: list[str] = field(default_factory=list)
    information: list[str] = field(default_factory=list)
    payer_name: str = ""
    payer_organisationsnummer: str = ""

    def payment(self, receiver: str, paid: date) -> Payment:
        """The finished payment of a deposit to ``receiver`` dated ``paid``."""
        return Payment(
            line=self.line, kind=self.kind, receiver_bankgiro=receiver, payment_date=paid,
            sender_bankgiro=self.sender_bankgiro, reference=self.reference,
            reference_code=self.reference_code, amount_ore=self.amount_ore, channel=self.channel,
            bgc_serial=self.bgc_serial, extra_references=tuple(self.extra_references),
            information=tuple(self.information), payer_name=self.payer_name,
            payer_organisationsnummer=self.payer_organisationsnummer,
        )  # fmt: skip


@dataclass
class OpenDeposit:
    """A deposit being read: its opening record and the payments so far."""

    line: int
    receiver: str
    currency: str
    payments: list[Draft] = field(default_factory=list)


@dataclass
class Reader:
    """The state of one file's reading: where we are and what was found."""

    name: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    start: tuple[str, bool] | None = None
    deposit: OpenDeposit | None = None
    deposits: list[Deposit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KNOWN, 0))
    ended: bool = False
    seen: Counter[str] = field(default_factory=Counter)

    def numbered(self, payment: Payment) -> Payment:
        """``payment`` with its occurrence among the file's payments alike in every field."""
        self.seen[payment.key] += 1
        occurrence = self.seen[payment.key]
        return replace(payment, occurrence=occurrence) if occurrence > 1 else payment

    def problem(self, line: int, columns: str, value: str, code: str, message: str) -> None:
        """Record a problem at ``line`` (1-based) and the record's ``columns``."""
        self.problems.append(
            problem(
                code,
                message,
                file=self.name,
                line=line,
                column=columns,
                value=value.strip(),
                hint=HINTS[code],
            )
        )


HINTS = {
    "not-bgmax": "give the BgMax file from the bank (it starts with 01BGMAX)",
    "malformed-record": "get the file again from the bank; do not edit it",
    "unknown-record": "get the file again from the bank; do not edit it",
    "misplaced-record": "get the file again from the bank; do not edit it",
    "totals-mismatch": "the file is incomplete or changed: get it again from the bank",
    "test-file": "import the production file (start record marked P)",
    "tab-character": "the file was saved by an editor that turns spaces into tabs",
}


def expanded(reader: Reader, number: int, raw: str) -> str:
    """The line with tabs read as spaces to the next multiple of 8 (with a warning)."""
    if "\t" not in raw:
        return raw
    reader.warnings.append(
        problem(
            "tab-character",
            "tab characters read as spaces up to the next multiple of 8 columns",
            file=reader.name,
            line=number,
            value="\\t",
            hint=HINTS["tab-character"],
            severity="warning",
        )
    )
    return raw.expandtabs(8)
