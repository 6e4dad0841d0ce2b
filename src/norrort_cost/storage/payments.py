"""Payments and reminders in the invoice register (SQLite): their tables and queries.

Three tables beside the documents: ``payment_files`` (each imported BgMax file by its
SHA-256, so a file imported again is recognised), ``payments`` (each payment or deduction
by a key that identifies it in any file, with the document it pays or why none) and
``reminders`` (each reminder sent: number, member, date, the documents it lists and the
PDF's bytes). Rows are read by column name. One import of one file is one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date

from norrort_cost.invoicing.bgmax import BgMaxFile
from norrort_cost.invoicing.receivables import Booked, Document, Match
from norrort_cost.invoicing.register import Registered

SCHEMA = """
CREATE TABLE IF NOT EXISTS payment_files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    written TEXT NOT NULL,
    imported_on TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS payments (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES payment_files (id),
    line INTEGER NOT NULL,
    payment_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'deduction')),
    payment_date TEXT NOT NULL,
    receiver_bankgiro TEXT NOT NULL,
    sender_bankgiro TEXT NOT NULL,
    reference TEXT NOT NULL,
    reference_code TEXT NOT NULL,
    amount_ore INTEGER NOT NULL,
    payer_name TEXT NOT NULL,
    payer_organisationsnummer TEXT NOT NULL,
    document_number TEXT,
    document_seller TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    suggestion TEXT
);
CREATE TABLE IF NOT EXISTS reminders (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    seller TEXT NOT NULL,
    kommunkod TEXT NOT NULL,
    reminder_date TEXT NOT NULL,
    documents TEXT NOT NULL,
    remaining_ore INTEGER NOT NULL,
    interest_ore INTEGER,
    fee_ore INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    UNIQUE (seller, number)
);
"""


def ensure_tables(connection: sqlite3.Connection) -> None:
    """Create the payment and reminder tables where the register does not have them."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            connection.execute(statement)


def _rows(
    connection: sqlite3.Connection, sql: str, values: Sequence[object] = ()
) -> list[sqlite3.Row]:
    cursor = connection.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, tuple(values)).fetchall()


def documents(rows: Sequence[Registered]) -> list[Document]:
    """The register's invoices and credit notes as receivable documents."""
    return [
        Document(
            number=row.number,
            kind=row.kind,
            seller=row.seller,
            kommunkod=row.kommunkod,
            buyer=row.buyer,
            year=row.year,
            issue_date=row.issue_date,
            due_date=row.due_date,
            amount_ore=row.amount_ore,
            ocr=row.ocr,
            corrects=row.corrects,
        )
        for row in rows
        if row.kind in {"invoice", "credit-note"}
    ]


def imported_file(connection: sqlite3.Connection, sha256: str) -> sqlite3.Row | None:
    """The earlier import of the file with this SHA-256, if any."""
    found = _rows(connection, "SELECT * FROM payment_files WHERE sha256 = ?", (sha256,))
    return found[0] if found else None


def known_keys(connection: sqlite3.Connection) -> set[str]:
    """The keys of every payment already recorded."""
    return {row["payment_key"] for row in _rows(connection, "SELECT payment_key FROM payments")}


def record_file(
    connection: sqlite3.Connection, file: BgMaxFile, matches: Sequence[Match], imported_on: date
) -> None:
    """Record ``file`` and its ``matches`` (the caller holds the transaction)."""
    cursor = connection.execute(
        "INSERT INTO payment_files (sha256, name, written, imported_on) VALUES (?, ?, ?, ?)",
        (file.sha256, file.name, file.written, imported_on.isoformat()),
    )
    for match in matches:
        payment = match.payment
        connection.execute(
            "INSERT INTO payments (file_id, line, payment_key, kind, payment_date, "
            "receiver_bankgiro, sender_bankgiro, reference, reference_code, amount_ore, "
            "payer_name, payer_organisationsnummer, document_number, document_seller, reason, "
            "suggestion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cursor.lastrowid, payment.line, payment.key, payment.kind,
                payment.payment_date.isoformat(), payment.receiver_bankgiro,
                payment.sender_bankgiro, payment.reference, payment.reference_code,
                payment.amount_ore, payment.payer_name, payment.payer_organisationsnummer,
                match.number, match.seller, match.reason, match.suggestion,
            ),
        )  # fmt: skip


def booked(connection: sqlite3.Connection) -> list[Booked]:
    """Every payment booked against a document (deductions negative), oldest first."""
    rows = _rows(
        connection,
        "SELECT document_number, document_seller, payment_date, kind, amount_ore FROM payments "
        "WHERE document_number IS NOT NULL ORDER BY payment_date, id",
    )
    return [
        Booked(
            number=row["document_number"],
            payment_date=date.fromisoformat(row["payment_date"]),
            amount_ore=-row["amount_ore"] if row["kind"] == "deduction" else row["amount_ore"],
            seller=row["document_seller"],
        )
        for row in rows
    ]


def payment_rows(connection: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every recorded payment, the unmatched first, then by date and file line."""
    return _rows(
        connection,
        "SELECT p.*, f.name AS file_name FROM payments p JOIN payment_files f "
        "ON f.id = p.file_id ORDER BY p.document_number IS NOT NULL, p.payment_date, p.id",
    )


def reminded(connection: sqlite3.Connection, seller: str, kommunkod: str, on: date) -> str | None:
    """The number of ``seller``'s reminder to ``kommunkod`` dated ``on``, if one was sent."""
    found = _rows(
        connection,
        "SELECT number FROM reminders WHERE seller = ? AND kommunkod = ? AND reminder_date = ? "
        "ORDER BY id",
        (seller, kommunkod, on.isoformat()),
    )
    return found[0]["number"] if found else None


def next_reminder_sequence(connection: sqlite3.Connection, seller: str) -> int:
    """The next number of ``seller``'s reminder series (1, 2, ...)."""
    found = _rows(connection, "SELECT COUNT(*) AS n FROM reminders WHERE seller = ?", (seller,))
    return int(found[0]["n"]) + 1


def record_reminder(  # noqa: PLR0913 - the columns of a reminder
    connection: sqlite3.Connection,
    *,
    number: str,
    seller: str,
    kommunkod: str,
    on: date,
    documents: Sequence[str],
    remaining_ore: int,
    interest_ore: int | None,
    fee_ore: int,
    file_name: str,
    sha256: str,
    content: bytes,
) -> None:
    """Record one reminder sent (the caller holds the transaction)."""
    connection.execute(
        "INSERT INTO reminders (number, seller, kommunkod, reminder_date, documents, "
        "remaining_ore, interest_ore, fee_ore, file_name, sha256, content) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (number, seller, kommunkod, on.isoformat(), json.dumps(list(documents)),
         remaining_ore, interest_ore, fee_ore, file_name, sha256, content),
    )  # fmt: skip
