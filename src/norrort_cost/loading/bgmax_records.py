"""The records of a BgMax file, one line at a time: the reader's state and the checks of
each record type (start 01, opening 05, payments 20-29, deposit 15, end 70).

Split from :mod:`norrort_cost.loading.bgmax`, which reads the file as a whole.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from norrort_cost.invoicing.bgmax import Deposit, Payment, PaymentKind
from norrort_cost.problems import Problem, problem, quoted, said

WIDTH = 80
PAYMENT_RECORDS = {"20": "payment", "21": "deduction"}
KNOWN = {"01", "05", "15", "20", "21", "22", "23", "25", "26", "27", "28", "29", "70"}


@dataclass
class _Draft:
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
class _Open:
    """A deposit being read: its opening record and the payments so far."""

    line: int
    receiver: str
    currency: str
    payments: list[_Draft] = field(default_factory=list)


@dataclass
class Reader:
    """The state of one file's reading: where we are and what was found."""

    name: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    start: tuple[str, bool] | None = None
    deposit: _Open | None = None
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


def record(reader: Reader, number: int, line: str) -> None:
    """Check one record and add it to what is read."""
    if len(line) > WIDTH:
        reader.problem(number, f"{WIDTH + 1}-", line[WIDTH:], "malformed-record",
                       said("a record is {width} characters, this one {length}",
                            width=WIDTH, length=len(line)))  # fmt: skip
        return
    line = line.ljust(WIDTH)
    kind = line[:2]
    if kind not in KNOWN:
        reader.problem(number, "1-2", kind, "unknown-record",
                       said("{kind} is not a BgMax record type", kind=kind))  # fmt: skip
        return
    if reader.ended:
        reader.problem(number, "1-2", kind, "misplaced-record",
                       "a record after the end record (70)")  # fmt: skip
        return
    reader.counts[kind] += 1
    _HANDLERS[kind](reader, number, line)


def _digits(reader: Reader, number: int, line: str, span: tuple[int, int], what: str) -> int:
    """The whole number in positions ``span`` (1-based, inclusive), or a problem and 0."""
    first, last = span
    value = line[first - 1 : last]
    if not value.isascii() or not value.isdigit():
        reader.problem(number, f"{first}-{last}", value, "malformed-record",
                       said("{what} must be digits", what=quoted(what)))  # fmt: skip
        return 0
    return int(value)


def _date(reader: Reader, number: int, line: str, span: tuple[int, int]) -> date:
    value = line[span[0] - 1 : span[1]]
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        reader.problem(number, f"{span[0]}-{span[1]}", value, "malformed-record",
                       "the payment date is not a date (YYYYMMDD)")  # fmt: skip
        return date.min


def _start(reader: Reader, number: int, line: str) -> None:
    if number != 1 or line[2:22].rstrip() != "BGMAX":
        reader.problem(number, "1-22", line[:22], "misplaced-record" if number != 1 else
                       "not-bgmax", "a start record (01BGMAX) only opens the file")  # fmt: skip
        return
    _digits(reader, number, line, (23, 24), "the layout version")
    written = line[24:44]
    marker = line[44]
    if marker not in {"P", "T"}:
        reader.problem(number, "45", marker, "malformed-record",
                       "the test marker must be P (production) or T (test)")  # fmt: skip
    if marker == "T":
        reader.problem(number, "45", marker, "test-file",
                       "this is a test file from Bankgirot: its payments are not real")  # fmt: skip
    reader.start = (written.strip(), marker == "T")


def _opening(reader: Reader, number: int, line: str) -> None:
    if reader.deposit is not None:
        reader.problem(number, "1-2", "05", "misplaced-record",
                       "a deposit opens before the previous one is closed (15)")  # fmt: skip
    receiver = _digits(reader, number, line, (3, 12), "the receiving bankgiro number")
    reader.deposit = _Open(number, str(receiver), line[22:25])


def _payment(reader: Reader, number: int, line: str) -> None:
    if reader.deposit is None:
        reader.problem(number, "1-2", line[:2], "misplaced-record",
                       "a payment outside a deposit (no opening record 05 above it)")  # fmt: skip
        return
    kind: PaymentKind = "payment" if line[:2] == "20" else "deduction"
    reader.deposit.payments.append(
        _Draft(
            line=number,
            kind=kind,
            sender_bankgiro=str(_digits(reader, number, line, (3, 12), "the sender's bankgiro")),
            reference=line[12:37].strip(),
            amount_ore=_digits(reader, number, line, (38, 55), "the amount"),
            reference_code=line[55],
            channel=line[56],
            bgc_serial=line[57:69].strip(),
        )
    )


def _attached(reader: Reader, number: int, line: str) -> _Draft | None:
    if reader.deposit is None or not reader.deposit.payments:
        reader.problem(number, "1-2", line[:2], "misplaced-record",
                       "this record belongs after a payment (20 or 21)")  # fmt: skip
        return None
    return reader.deposit.payments[-1]


def _extra_reference(reader: Reader, number: int, line: str) -> None:
    payment = _attached(reader, number, line)
    _digits(reader, number, line, (38, 55), "the amount")
    if payment is not None:
        payment.extra_references.append(line[12:37].strip())


def _information(reader: Reader, number: int, line: str) -> None:
    payment = _attached(reader, number, line)
    if payment is not None:
        payment.information.append(line[2:52].strip())


def _name(reader: Reader, number: int, line: str) -> None:
    payment = _attached(reader, number, line)
    if payment is not None:
        payment.payer_name = " ".join(part for part in (line[2:37].strip(), line[37:72].strip())
                                      if part)  # fmt: skip


def _address(reader: Reader, number: int, line: str) -> None:
    _attached(reader, number, line)


def _organisation(reader: Reader, number: int, line: str) -> None:
    payment = _attached(reader, number, line)
    if payment is not None:
        payment.payer_organisationsnummer = line[2:14].strip()


def _deposit(reader: Reader, number: int, line: str) -> None:
    opened = reader.deposit
    if opened is None:
        reader.problem(number, "1-2", "15", "misplaced-record",
                       "a deposit record (15) without an opening record (05)")  # fmt: skip
        return
    reader.deposit = None
    paid = _date(reader, number, line, (38, 45))
    amount = _digits(reader, number, line, (51, 68), "the deposit amount")
    count = _digits(reader, number, line, (72, 79), "the number of payments")
    payments = tuple(
        reader.numbered(draft.payment(opened.receiver, paid)) for draft in opened.payments
    )
    if count != len(payments):
        reader.problem(number, "72-79", line[71:79], "totals-mismatch",
                       said("the deposit says {count} payments, the file holds {found}",
                            count=count, found=len(payments)))  # fmt: skip
    total = sum(payment.signed_ore for payment in payments)
    if amount != total:
        reader.problem(number, "51-68", line[50:68], "totals-mismatch",
                       said("the deposit says {amount} öre, its payments sum to {total} öre",
                            amount=amount, total=total))  # fmt: skip
    reader.deposits.append(
        Deposit(opened.receiver, opened.currency, paid, line[45:50], amount, payments)
    )


def _end(reader: Reader, number: int, line: str) -> None:
    reader.ended = True
    if reader.deposit is not None:
        reader.problem(reader.deposit.line, "1-2", "05", "totals-mismatch",
                       "a deposit without its deposit record (15)")  # fmt: skip
    expected = {
        (3, 10): ("payments (20)", reader.counts["20"]),
        (11, 18): ("deductions (21)", reader.counts["21"]),
        (19, 26): ("extra references (22, 23)", reader.counts["22"] + reader.counts["23"]),
        (27, 34): ("deposits (15)", reader.counts["15"]),
    }
    for span, (what, found) in expected.items():
        stated = _digits(reader, number, line, span, "a count of the end record")
        if stated != found:
            reader.problem(number, f"{span[0]}-{span[1]}", line[span[0] - 1 : span[1]],
                           "totals-mismatch",
                           said("the end record says {stated} {what}, the file holds {found}",
                                stated=stated, what=quoted(what), found=found))  # fmt: skip


_HANDLERS = {
    "01": _start,
    "05": _opening,
    "20": _payment,
    "21": _payment,
    "22": _extra_reference,
    "23": _extra_reference,
    "25": _information,
    "26": _name,
    "27": _address,
    "28": _address,
    "29": _organisation,
    "15": _deposit,
    "70": _end,
}
