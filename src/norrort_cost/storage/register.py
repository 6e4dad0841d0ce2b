"""The invoice register in SQLite (the standard library's ``sqlite3``): opening and queries.

The schema version is SQLite's ``user_version``; :mod:`norrort_cost.storage.schema` holds
the migrations from each version to the next (applied when the register is opened) and the
columns (:data:`MIGRATIONS` and :data:`SCHEMA_VERSION` are re-exported here).

Tables (version 1): ``documents`` (every invoice, credit note and internal share, with its
number, year, member, period, amount in öre, dates, OCR, what it corrects and the run that
issued it; numbers unique per seller), ``files`` (the bytes and SHA-256 of every file
written for a document, so that ``--municipality`` can re-send an identical copy) and
``runs``. Version 2 adds the run's directory and whether it was allowed an issue date
earlier than its series' latest, each document's ``cause`` (the words of what changed),
and ``figures`` (the population figures each run used). Version 3 adds ``basis`` and
``population_date`` to ``documents``: the population an amount rests on (``preliminary``
when weighed by older figures before SCB published the year's own; ``settle`` brings it to
the final figures). Rows are read by column name, so a column added by a later version is
no obstacle.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from norrort_cost.invoicing.register import Registered
from norrort_cost.problems import UsageError, said
from norrort_cost.storage.schema import (
    COLUMNS,
    DATES,
    MIGRATIONS,
    NAMES,
    SCHEMA_VERSION,
    migrate,
)

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Register",
    "RunRecord",
    "StoredFile",
    "database_error",
    "open_register",
]


class Register:
    """An open register; every change happens inside :meth:`transaction`."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    def documents(self, year: int | None = None) -> list[Registered]:
        """Every row (of ``year``), in the order issued, with its files (one query)."""
        sql = (
            f"SELECT d.id, {', '.join('d.' + name for name in NAMES)}, "  # noqa: S608 - constant
            "f.name AS file_name, f.sha256 AS file_sha256 "
            "FROM documents d LEFT JOIN files f ON f.document_id = d.id"
            + (" WHERE d.year = ?" if year is not None else "")
            + " ORDER BY d.id, f.name"
        )
        found: dict[int, tuple[sqlite3.Row, list[tuple[str, str]]]] = {}
        for row in self.connection.execute(sql, () if year is None else (year,)):
            _, files = found.setdefault(row["id"], (row, []))
            if row["file_name"] is not None:
                files.append((row["file_name"], row["file_sha256"]))
        return [_record(row, files) for row, files in found.values()]

    def highest_sequence(self, seller: str) -> int | None:
        """The highest number of ``seller``'s series in the register, if any."""
        found = self.connection.execute(
            "SELECT MAX(sequence) AS highest FROM documents "
            "WHERE seller = ? AND kind != 'internal'",
            (seller,),
        ).fetchone()
        return None if found["highest"] is None else int(found["highest"])

    def latest_issue_date(self, seller: str) -> date | None:
        """The latest issue date of ``seller``'s series, if it has a document."""
        found = self.connection.execute(
            "SELECT MAX(issue_date) AS latest FROM documents "
            "WHERE seller = ? AND kind != 'internal'",
            (seller,),
        ).fetchone()
        return None if found["latest"] is None else date.fromisoformat(found["latest"])

    def stored_files(self, number: str, seller: str) -> list[StoredFile]:
        """The files written for document ``number`` of ``seller``, with their recorded hash."""
        rows = self.connection.execute(
            "SELECT f.name, f.sha256, f.content FROM files f "
            "JOIN documents d ON d.id = f.document_id "
            "WHERE d.number = ? AND d.seller = ? AND d.kind != 'internal' ORDER BY f.name",
            (number, seller),
        ).fetchall()
        return [StoredFile(row["name"], row["sha256"], bytes(row["content"])) for row in rows]

    def has_run(self, run_id: str) -> bool:
        """Whether the run ``run_id`` was committed."""
        found = self.connection.execute("SELECT 1 FROM runs WHERE run_id = ?", (run_id,))
        return found.fetchone() is not None

    def run_directories(self) -> dict[str, str]:
        """The directory each run wrote its files into, by run id ("" if not recorded)."""
        rows = self.connection.execute("SELECT run_id, directory FROM runs ORDER BY rowid")
        return {row["run_id"]: row["directory"] for row in rows}

    def document_runs(self) -> dict[int, str]:
        """The run that issued each document, by the document's row id."""
        rows = self.connection.execute("SELECT id, run_id FROM documents")
        return {row["id"]: row["run_id"] for row in rows}

    def figures(self, year: int) -> dict[str, tuple[date, int]]:
        """The population figures the year was last invoiced or settled with, by kommunkod."""
        rows = self.connection.execute(
            "SELECT kommunkod, population_date, inhabitants FROM figures "
            "WHERE year = ? ORDER BY rowid",
            (year,),
        )
        return {
            row["kommunkod"]: (date.fromisoformat(row["population_date"]), row["inhabitants"])
            for row in rows
        }

    def record_figures(
        self, run_id: str, year: int, figures: Mapping[str, tuple[date, int]]
    ) -> None:
        """Record the population figures run ``run_id`` used for ``year``."""
        self.connection.executemany(
            "INSERT INTO figures (run_id, year, kommunkod, population_date, inhabitants) "
            "VALUES (?, ?, ?, ?, ?)",
            [(run_id, year, code, on.isoformat(), n) for code, (on, n) in figures.items()],
        )

    def record(
        self,
        run: RunRecord,
        rows: Sequence[Registered],
        files: Mapping[str, Mapping[str, bytes]],
    ) -> None:
        """Record ``rows`` as ``run``, with each number's ``files``."""
        self.connection.execute(
            "INSERT INTO runs (run_id, command, year, directory, earlier_date_allowed) "
            "VALUES (?, ?, ?, ?, ?)",
            (run.run_id, run.command, run.year, run.directory, int(run.earlier_date_allowed)),
        )
        for row in rows:
            values = [
                value.isoformat() if isinstance(value, date) else value
                for value in (getattr(row, name) for name in NAMES)
            ]
            cursor = self.connection.execute(
                f"INSERT INTO documents ({COLUMNS}, run_id) "  # noqa: S608 - constant columns
                f"VALUES ({', '.join('?' * (len(values) + 1))})",
                (*values, run.run_id),
            )
            digests = dict(row.files)
            for name, data in sorted(files.get(row.number, {}).items()):
                self.connection.execute(
                    "INSERT INTO files (document_id, name, sha256, content) VALUES (?, ?, ?, ?)",
                    (cursor.lastrowid, name, digests[name], data),
                )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction, taken at once (``BEGIN IMMEDIATE``): commit or roll back.

        Another process writing the same register makes this refuse (after two seconds).
        """
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise database_error(self.path, exc) from None
        try:
            yield
        except BaseException:
            self.connection.rollback()
            raise
        self.connection.commit()


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file kept in the register: its name, the SHA-256 recorded at issue, its bytes."""

    name: str
    sha256: str
    content: bytes


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One run as the register records it."""

    run_id: str
    command: str
    year: int
    directory: str = ""
    earlier_date_allowed: bool = False


def _record(row: sqlite3.Row, files: list[tuple[str, str]]) -> Registered:
    """A register row read by column name (columns other programs added are ignored)."""
    fields: dict[str, Any] = {}
    for name in NAMES:
        value = row[name]
        fields[name] = date.fromisoformat(value) if name in DATES and value else value
    for name in DATES:
        fields[name] = fields[name] or None
    return Registered(**fields, files=tuple(files), row_id=int(row["id"]))


def database_error(path: Path, exc: sqlite3.Error | OSError) -> UsageError:
    """The error a failing register gives: locked, full disk, or not a register at all."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return UsageError(
            said("the invoice register {path} is in use by another run", path=str(path)),
            "wait for the other run to finish, then try again; nothing was written",
            code="register-locked",
        )
    if "full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return UsageError(
            said("the disk holding the invoice register {path} is full", path=str(path)),
            "free some space, then run it again; nothing was written",
            code="disk-full",
        )
    return UsageError(
        said("{path} is not a usable invoice register: {reason}", path=str(path), reason=str(exc)),
        "point --register at the register file (register.sqlite)",
        code="register-unusable",
    )


@contextmanager
def open_register(path: Path, *, create: bool = True) -> Iterator[Register]:
    """The register at ``path``, migrated to :data:`SCHEMA_VERSION` (created if allowed)."""
    created = not path.exists()
    if created and not create:
        raise UsageError(
            said("there is no invoice register at {path}", path=str(path)),
            "issue invoices first, or point --register at the register file",
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=2, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise database_error(path, exc) from None
    connection.row_factory = sqlite3.Row
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        migrate(connection, path)
        opened = Register(connection, path)
        yield opened
    except sqlite3.DatabaseError as exc:
        raise database_error(path, exc) from None
    finally:
        empty = created and _unused(connection)
        connection.close()
        if empty:  # a register this run made and never used leaves no file behind
            path.unlink(missing_ok=True)


def _unused(connection: sqlite3.Connection) -> bool:
    try:
        return connection.execute("SELECT 1 FROM runs LIMIT 1").fetchone() is None
    except sqlite3.Error:
        return False
