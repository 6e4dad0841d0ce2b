"""The invoice register in SQLite (the standard library's ``sqlite3``): schema and queries.

The schema version is SQLite's ``user_version``; :data:`MIGRATIONS` lists the scripts that
bring a register from each version to the next, applied in order in one transaction when
the register is opened (version 0 is an empty file). A register newer than this program
is refused, never changed.

Version 2 adds ``basis`` and ``population_date`` to ``documents``: the population an amount
rests on (``preliminary`` when weighed by older figures before SCB published the year's own;
``settle`` brings it to the final figures).

Tables (version 1): ``documents`` (every invoice, credit note and internal share, with its
number, year, member, period, amount in öre, dates, OCR, what it corrects and the run that
issued it; numbers unique per seller), ``files`` (the bytes and SHA-256 of every file
written for a document, so that ``--member`` can re-send an identical copy) and ``runs``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from norrort_cost.invoicing.register import Registered
from norrort_cost.problems import UsageError

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
    # version 2: the population an amount rests on ('final', or 'preliminary' until settled)
    """
    ALTER TABLE documents ADD COLUMN basis TEXT NOT NULL DEFAULT 'final'
        CHECK (basis IN ('final', 'preliminary'));
    ALTER TABLE documents ADD COLUMN population_date TEXT;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_COLUMNS = (
    "kind, number, sequence, seller, year, kommunkod, buyer, installment, installments, "
    "period_start, period_end, amount_ore, issue_date, due_date, ocr, corrects, "
    "basis, population_date"
)


class Register:
    """An open register; every change happens inside :meth:`transaction`."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    def documents(self, year: int | None = None) -> list[Registered]:
        """Every row (of ``year``), in the order issued."""
        sql = f"SELECT id, {_COLUMNS} FROM documents"  # noqa: S608 - constant column list
        rows = self.connection.execute(
            sql + (" WHERE year = ? ORDER BY id" if year is not None else " ORDER BY id"),
            () if year is None else (year,),
        ).fetchall()
        return [self._record(row) for row in rows]

    def _record(self, row: sqlite3.Row) -> Registered:
        files = self.connection.execute(
            "SELECT name, sha256 FROM files WHERE document_id = ? ORDER BY name", (row[0],)
        ).fetchall()
        values = list(row[1:])
        for index in (9, 10, 12, 13, 17):  # the dates
            values[index] = date.fromisoformat(values[index]) if values[index] else None
        names = [column.strip() for column in _COLUMNS.split(",")]
        fields: dict[str, Any] = dict(zip(names, values, strict=True))
        return Registered(**fields, files=tuple((name, digest) for name, digest in files))

    def highest_sequence(self, seller: str) -> int | None:
        """The highest number of ``seller``'s series in the register, if any."""
        found = self.connection.execute(
            "SELECT MAX(sequence) FROM documents WHERE seller = ? AND kind != 'internal'",
            (seller,),
        ).fetchone()
        return None if found[0] is None else int(found[0])

    def files_of(self, number: str, seller: str) -> dict[str, bytes]:
        """The files written for document ``number`` of ``seller``, name -> bytes."""
        rows = self.connection.execute(
            "SELECT f.name, f.content FROM files f JOIN documents d ON d.id = f.document_id "
            "WHERE d.number = ? AND d.seller = ? ORDER BY f.name",
            (number, seller),
        ).fetchall()
        return {name: bytes(content) for name, content in rows}

    def has_run(self, run_id: str) -> bool:
        """Whether the run ``run_id`` was committed."""
        found = self.connection.execute("SELECT 1 FROM runs WHERE run_id = ?", (run_id,))
        return found.fetchone() is not None

    def record(
        self,
        run: tuple[str, str, int],
        rows: Sequence[Registered],
        files: Mapping[str, Mapping[str, bytes]],
    ) -> None:
        """Record ``rows`` as run (id, command, year), with each number's ``files``."""
        self.connection.execute("INSERT INTO runs VALUES (?, ?, ?)", run)
        for row in rows:
            values = [
                value.isoformat() if isinstance(value, date) else value
                for value in (
                    row.kind, row.number, row.sequence, row.seller, row.year, row.kommunkod,
                    row.buyer, row.installment, row.installments, row.period_start,
                    row.period_end, row.amount_ore, row.issue_date, row.due_date, row.ocr,
                    row.corrects, row.basis, row.population_date,
                )
            ]  # fmt: skip
            cursor = self.connection.execute(
                f"INSERT INTO documents ({_COLUMNS}, run_id) "  # noqa: S608 - constant columns
                f"VALUES ({', '.join('?' * (len(values) + 1))})",
                (*values, run[0]),
            )
            for name, data in sorted(files.get(row.number, {}).items()):
                digest = dict(row.files)[name]
                self.connection.execute(
                    "INSERT INTO files VALUES (?, ?, ?, ?)", (cursor.lastrowid, name, digest, data)
                )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction, taken at once (``BEGIN IMMEDIATE``): commit or roll back.

        Another process writing the same register makes this refuse (after two seconds).
        """
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise UsageError(
                f"the invoice register {self.path} is in use by another run ({exc})",
                "wait for the other run to finish, then try again",
            ) from None
        try:
            yield
        except BaseException:
            self.connection.rollback()
            raise
        self.connection.commit()


@contextmanager
def open_register(path: Path, *, create: bool = True) -> Iterator[Register]:
    """The register at ``path``, migrated to :data:`SCHEMA_VERSION` (created if allowed)."""
    created = not path.exists()
    if created and not create:
        raise UsageError(f"there is no invoice register at {path}", "issue invoices first")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=2, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise UsageError(
            f"cannot open the invoice register {path}: {exc}", "check the path"
        ) from None
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        _migrate(connection, path)
        opened = Register(connection, path)
        yield opened
    except sqlite3.DatabaseError as exc:
        raise UsageError(
            f"{path} is not a usable invoice register: {exc}",
            "point --register at the register file (register.sqlite)",
        ) from None
    finally:
        empty = created and not connection.execute("SELECT 1 FROM runs LIMIT 1").fetchone()
        connection.close()
        if empty:  # a register this run made and never used leaves no file behind
            path.unlink(missing_ok=True)


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise UsageError(
            f"the invoice register {path} has schema version {version}; this program knows "
            f"up to {SCHEMA_VERSION}",
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


def dumps_files(files: Sequence[tuple[str, str]]) -> str:
    """The files of a row as JSON text (for the register's machine output)."""
    return json.dumps([{"name": name, "sha256": digest} for name, digest in files])
