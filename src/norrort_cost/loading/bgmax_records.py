"""The records of a BgMax file, one line at a time: the checks of each record type (start
01, opening 05, payments 20-29, deposit 15, end 70).

Split from :mod:`norrort_cost.loading.bgmax`, which reads the file as a whole; the reader's
state is :mod:`norrort_cost.loading.bgmax_reader`.
"""

from __future__ import annotations

from datetime import date

from norrort_cost.invoicing.bgmax import Deposit, PaymentKind
from norrort_cost.loading.bgmax_reader import KNOWN, WIDTH, Draft, OpenDeposit, Reader
from norrort_cost.problems import quoted, said


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
    reader.deposit = OpenDeposit(number, str(receiver), line[22:25])


def _payment(reader: Reader, number: int, line: str) -> None:
    if reader.deposit is None:
        reader.problem(number, "1-2", line[:2], "misplaced-record",
                       "a payment outside a deposit (no opening record 05 above it)")  # fmt: skip
        return
    kind: PaymentKind = "payment" if line[:2] == "20" else "deduction"
    reader.deposit.payments.append(
        Draft(
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


def _attached(reader: Reader, number: int, line: str) -> Draft | None:
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
