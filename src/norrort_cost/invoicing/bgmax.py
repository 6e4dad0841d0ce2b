"""Bankgirot's BgMax payment file, as records: deposits and the payments in them.

BgMax is the fixed-width file (80 characters a record, Latin-1) in which Bankgirot reports
the payments a bankgiro number received. A file is a start record (01), then one section
per deposit: an opening (05, the receiving bankgiro number and currency), its payments
(20) and deductions (21), each followed by its extra references (22, 23), information
(25), the sender's name (26), address (27, 28) and organisation number (29), and the
deposit record (15: payment date, amount and number of payments); an end record (70)
counts them all. These are the records; :mod:`norrort_cost.loading.bgmax` reads a file
into them and checks every count and sum.

Amounts are öre. A deduction (21) is money the payer takes back: its amount counts
negative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

PaymentKind = Literal["payment", "deduction"]


@dataclass(frozen=True, slots=True)
class Payment:
    """One payment (record 20) or deduction (21) of a deposit, with what follows it."""

    line: int
    kind: PaymentKind
    receiver_bankgiro: str
    payment_date: date
    sender_bankgiro: str
    reference: str
    # Bankgirot's reference code (position 56): 0-1 none, 2 OCR, 3 several, 4 one, 5 wrong
    reference_code: str
    amount_ore: int
    channel: str
    bgc_serial: str
    extra_references: tuple[str, ...] = ()
    information: tuple[str, ...] = ()
    payer_name: str = ""
    payer_organisationsnummer: str = ""
    occurrence: int = 1

    @property
    def signed_ore(self) -> int:
        """What the payment adds to the receiver: a deduction takes money back."""
        return -self.amount_ore if self.kind == "deduction" else self.amount_ore

    @property
    def key(self) -> str:
        """What identifies this payment in any file that reports it again (the second of two
        alike in one file is told apart by its ``occurrence``)."""
        again = f"#{self.occurrence}" if self.occurrence > 1 else ""
        return (
            "|".join(
                (
                    self.receiver_bankgiro,
                    self.payment_date.isoformat(),
                    self.kind,
                    self.bgc_serial,
                    self.sender_bankgiro,
                    self.reference,
                    str(self.amount_ore),
                )
            )
            + again
        )


@dataclass(frozen=True, slots=True)
class Deposit:
    """One deposit (records 05 to 15): the payments one bankgiro number received one day."""

    receiver_bankgiro: str
    currency: str
    payment_date: date
    serial: str
    amount_ore: int
    payments: tuple[Payment, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class BgMaxFile:
    """A whole BgMax file: when Bankgirot wrote it, whether it is a test, its deposits."""

    name: str
    sha256: str
    written: str
    test: bool
    deposits: tuple[Deposit, ...]

    @property
    def payments(self) -> tuple[Payment, ...]:
        """Every payment and deduction of the file, in file order."""
        return tuple(payment for deposit in self.deposits for payment in deposit.payments)
