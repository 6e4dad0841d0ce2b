"""BgMax files made to Bankgirot's layout for the tests (80 characters a record).

``bgmax_file`` writes a start record, one deposit per entry (opening 05, a payment 20 or a
deduction 21 with the payer's name 26 and organisation number 29 for each, deposit 15 with
the count and the signed sum) and the end record 70, so that every count and sum agrees
unless a test spoils one on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Paid:
    """One payment to put in a file: the OCR reference and the amount in öre."""

    reference: str
    amount_ore: int
    payer: str = "Kommun"
    organisationsnummer: str = ""
    sender_bankgiro: str = "0"
    deduction: bool = False
    serial: str = ""


def _record(text: str) -> str:
    assert len(text) <= 80, text
    return text.ljust(80)


def bgmax_file(
    deposits: list[tuple[str, date, list[Paid]]], *, test: bool = False, written: str = ""
) -> str:
    """The text of a BgMax file with these deposits (receiving bankgiro, date, payments)."""
    stamp = written or "20140615120000000000"
    lines = [_record(f"01BGMAX               01{stamp}{'T' if test else 'P'}")]
    counts = {"20": 0, "21": 0, "15": 0}
    for index, (receiver, day, payments) in enumerate(deposits, start=1):
        lines.append(_record(f"05{receiver.zfill(10)}          SEK"))
        total = 0
        for number, paid in enumerate(payments, start=1):
            kind = "21" if paid.deduction else "20"
            counts[kind] += 1
            total += -paid.amount_ore if paid.deduction else paid.amount_ore
            serial = paid.serial or f"{index:06d}{number:06d}"
            lines.append(_record(
                f"{kind}{paid.sender_bankgiro.zfill(10)}{paid.reference.rjust(25)}"
                f"{paid.amount_ore:018d}21{serial}0" + ("0" if paid.deduction else "")
            ))  # fmt: skip
            lines.append(_record(f"26{paid.payer}"))
            if paid.organisationsnummer:
                lines.append(_record(f"29{paid.organisationsnummer.replace('-', '').zfill(12)}"))
        counts["15"] += 1
        lines.append(_record(
            f"15{'0' * 35}{day:%Y%m%d}{index:05d}{total:018d}SEK{len(payments):08d}"
        ))  # fmt: skip
    lines.append(_record(f"70{counts['20']:08d}{counts['21']:08d}{0:08d}{counts['15']:08d}"))
    return "\r\n".join(lines) + "\r\n"
