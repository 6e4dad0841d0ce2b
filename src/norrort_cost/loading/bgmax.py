"""Reading Bankgirot's BgMax payment files, checking every record, count and sum.

A file is refused whole, with every problem located by line and position, when a record
is malformed (a field that is not digits where the layout wants digits, a line longer than
80 characters, an impossible date), of an unknown type, in a place the layout does not
allow (a payment outside a deposit, a second start record), or when the counts and sums of
a deposit record (15) or the end record (70) disagree with the payments above them. A test
file (start record marked ``T``) is refused too: its payments are not real.

BgMax is Latin-1; a file that is valid UTF-8 is read as UTF-8 (a bank portal's download
re-saved by an editor; a byte-order mark before it is dropped), never a mixture. Lines end
in CRLF, LF or CR only (a Latin-1 byte such as 0x85 inside a name ends no line). A tab
character is read as spaces to the next multiple of eight columns, as the editor that wrote
it meant, and reported as a warning (the example file Bankgirot published carries one). The
layout is Bankgirot's "Bankgiro Inbetalningar, teknisk manual" (records 01, 05, 15, 20-29, 70).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from norrort_cost.invoicing.bgmax import BgMaxFile
from norrort_cost.loading.bgmax_reader import (
    HINTS,
    KNOWN,
    PAYMENT_RECORDS,
    WIDTH,
    Reader,
    expanded,
)
from norrort_cost.loading.bgmax_records import record
from norrort_cost.problems import DataError, Problem, problem

MAX_BYTES = 64 * 1024 * 1024

__all__ = ["KNOWN", "MAX_BYTES", "PAYMENT_RECORDS", "WIDTH", "parse_bgmax", "read_bgmax"]


def read_bgmax(path: Path) -> tuple[BgMaxFile, list[Problem]]:
    """The file at ``path`` and its warnings; a :class:`DataError` with every problem."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError([_file_problem(name, "unreadable-file", str(exc.strerror))]) from None
    if len(data) > MAX_BYTES:
        raise DataError([_file_problem(name, "malformed-record", "the file is too large")])
    return parse_bgmax(data, name)


def parse_bgmax(data: bytes, name: str) -> tuple[BgMaxFile, list[Problem]]:
    """``data`` (a BgMax file's bytes) read into records, with its warnings."""
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    reader = Reader(name)
    lines = re.split(r"\r\n|\r|\n", text)
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines or not lines[0].startswith("01"):
        first = lines[0][:20] if lines else ""
        raise DataError([_file_problem(name, "not-bgmax", first, line=1)])
    for number, raw in enumerate(lines, start=1):
        record(reader, number, expanded(reader, number, raw))
    if not reader.ended:
        reader.problem(len(lines), "1-2", lines[-1][:2], "misplaced-record",
                       "the file has no end record (70): it is cut short")  # fmt: skip
    if reader.problems:
        raise DataError(reader.problems)
    written, test = reader.start or ("", False)
    digest = hashlib.sha256(data).hexdigest()
    return BgMaxFile(name, digest, written, test, tuple(reader.deposits)), reader.warnings


def _file_problem(name: str, code: str, value: str, line: int | None = None) -> Problem:
    messages = {
        "not-bgmax": "is not a BgMax file: it does not start with a start record (01BGMAX)",
        "unreadable-file": "cannot be read",
        "malformed-record": "is larger than a BgMax file can be (64 MiB)",
    }
    return problem(
        code,
        messages[code],
        file=name,
        line=line,
        value=value,
        hint=HINTS.get(code, "check the file's permissions"),
    )
