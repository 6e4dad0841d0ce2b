"""The invoice register's schema: the migrations from each version to the next, the
columns of ``documents``, and bringing an opened register up to date.

The schema version is SQLite's ``user_version``; :data:`MIGRATIONS` lists the scripts that
bring a register from each version to the next, applied in order in one transaction when
the register is opened (version 0 is an empty file). A register newer than this program
is refused, never changed. What each version holds is said in
:mod:`norrort_cost.storage.register`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from norrort_cost.problems import UsageError, said

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        run_id TEXT PRIMARY KEY,
        command TEXT NOT NULL,
        year INTEGER NOT NULL
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note', 'internal')),
        number TEXT NOT NULL,
        sequence INTEGER,
        seller TEXT NOT NULL,
        year INTEGER NOT NULL,
        kommunkod TEXT NOT NULL,
        buyer TEXT NOT NULL,
        installment INTEGER NOT NULL,
        installments INTEGER NOT NULL,
        period_start TEXT,
        period_end TEXT,
        amount_ore INTEGER NOT NULL,
        issue_date TEXT,
        due_date TEXT,
        ocr TEXT NOT NULL,
        corrects TEXT NOT NULL,
        run_id TEXT NOT NULL REFERENCES runs (run_id)
    );
    CREATE UNIQUE INDEX documents_number ON documents (seller, number) WHERE kind != 'internal';
    CREATE UNIQUE INDEX documents_sequence ON documents (seller, sequence)
        WHERE kind != 'internal';
    CREATE TABLE files (
        document_id INTEGER NOT NULL REFERENCES documents (id),
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        content BLOB NOT NULL,
        PRIMARY KEY (document_id, name)
    );
    """,
    # version 2: where each run wrote its files, whether it was allowed an issue date
    # earlier than its series' latest, what a settlement document corrects (its cause),
    # and the population figures each run used (what a later settlement compares with)
    """
    ALTER TABLE runs ADD COLUMN directory TEXT NOT NULL DEFAULT '';
    ALTER TABLE runs ADD COLUMN earlier_date_allowed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE documents ADD COLUMN cause TEXT NOT NULL DEFAULT '';
    CREATE TABLE figures (
        run_id TEXT NOT NULL REFERENCES runs (run_id),
        year INTEGER NOT NULL,
        kommunkod TEXT NOT NULL,
        population_date TEXT NOT NULL,
        inhabitants INTEGER NOT NULL,
        PRIMARY KEY (run_id, kommunkod)
    );
    """,
    # version 3: the population an amount rests on ('final', or 'preliminary' until settled)
    """
    ALTER TABLE documents ADD COLUMN basis TEXT NOT NULL DEFAULT 'final'
        CHECK (basis IN ('final', 'preliminary'));
    ALTER TABLE documents ADD COLUMN population_date TEXT;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
# the columns of documents that a Registered row fills, in its order
COLUMNS = (
    "kind, number, sequence, seller, year, kommunkod, buyer, installment, installments, "
    "period_start, period_end, amount_ore, issue_date, due_date, ocr, corrects, cause, "
    "basis, population_date"
)
NAMES = tuple(column.strip() for column in COLUMNS.split(","))
DATES = frozenset({"period_start", "period_end", "issue_date", "due_date", "population_date"})


def migrate(connection: sqlite3.Connection, path: Path) -> None:
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise UsageError(
            said(
                "the invoice register {path} has schema version {version}; this program "
                "knows up to {known}",
                path=str(path),
                version=version,
                known=SCHEMA_VERSION,
            ),
            "use a newer norrort-cost",
        )
    if version == SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        for script in MIGRATIONS[version:]:
            for statement in script.split(";"):
                if statement.strip():
                    connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        connection.rollback()
        raise
    connection.commit()
