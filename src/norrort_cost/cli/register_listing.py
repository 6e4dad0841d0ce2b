"""What ``register list``, ``show`` and ``export`` write: the documents chosen (a year, a
number, a status on a day), what remains of each invoice, in the format asked for."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from norrort_cost.cli.common import load
from norrort_cost.cli.options import member_codes
from norrort_cost.cli.output import emit, emit_table
from norrort_cost.cli.register_file import register_path
from norrort_cost.rendering.formats import Format

if TYPE_CHECKING:
    from rich.console import Console

    from norrort_cost.invoicing.receivables import Receivable
    from norrort_cost.invoicing.register import Registered
    from norrort_cost.storage.register import Register


def write_listing(
    year: int | None,
    number: tuple[str, str | None] | None,
    fmt: Format,
    output: Path | None,
    register: Path | None,
    data_dir: Path | None,
    *,
    status: str | None = None,
    on: date | None = None,
    dated: bool = False,
    members: Sequence[str] = (),
) -> None:
    """The register's documents (of ``year``, the one ``number``, of ``members``, or of
    ``status`` on the day ``on``) with what remains of each, in ``fmt``, to ``output`` or
    stdout."""
    from norrort_cost.rendering.files import to_csv, to_json, to_xlsx
    from norrort_cost.rendering.register_records import (
        REGISTER_SCHEMA_VERSION,
        print_register,
        register_rows,
    )
    from norrort_cost.storage.register import open_register

    path, wanted = _register_and_members(register, data_dir, members)
    with open_register(path, create=False) as opened:
        found = opened.documents(year)
        left = _remaining(opened.documents() if year is not None else found)
        owed = _receivables(opened) if on is not None else {}
    left.update({key: receivable.remaining_ore for key, receivable in owed.items()})
    if status is not None and on is not None:
        found = [
            row
            for row in found
            if (row.seller, row.number) in owed
            and _status(owed[(row.seller, row.number)], on, status)
        ]
    if wanted is not None:
        found = [row for row in found if row.kommunkod in wanted]
    if number is not None:
        found = _one(found, number, path)
    rows = register_rows(found, left)
    if on is not None:
        from norrort_cost.rendering.payment_records import receivable_fields

        for row, document in zip(rows, found, strict=True):
            if document.kind == "invoice" and (document.seller, document.number) in owed:
                row.update(receivable_fields(owed[(document.seller, document.number)], on))
    if fmt == Format.JSON:
        record = {
            "schema": "norrort-cost.register",
            "schema_version": REGISTER_SCHEMA_VERSION,
            "documents": rows,
        }
        emit(to_json(record), output)
    elif fmt == Format.CSV:
        emit(to_csv(rows), output)
    elif fmt == Format.XLSX:
        emit(to_xlsx(rows, "register", [f"Fakturaregister {path.name}"]), output)
    elif number is not None:
        emit_table(lambda console: _print_document(console, found[0], left), output)
    elif status is not None or dated:
        from norrort_cost.rendering.payment_records import print_receivables

        emit_table(lambda console: print_receivables(console, rows), output)
    else:
        emit_table(lambda console: print_register(console, found, left), output)


def _register_and_members(
    register: Path | None, data_dir: Path | None, members: Sequence[str]
) -> tuple[Path, frozenset[str] | None]:
    """The register's path and the kommunkoder of ``members`` (None: every member).

    The dataset names both: the register's place (unless --register does) and the members;
    it is not read when --register is given and no member is asked for.
    """
    if register is not None and not members:
        return register, None
    dataset = load(data_dir)
    path = register if register is not None else register_path(None, data_dir, dataset)
    return path, member_codes(dataset, members)


def _remaining(rows: Sequence[Registered]) -> dict[tuple[str, str], int]:
    """What remains of each invoice (invoiced less credited), by (seller, number)."""
    from norrort_cost.invoicing.settlement import remaining

    left: dict[tuple[str, str], int] = {}
    for seller in {row.seller for row in rows}:
        mine = [row for row in rows if row.seller == seller]
        left.update({(seller, n): ore for n, ore in remaining(mine).items()})
    return left


def _one(found: list[Registered], wanted: tuple[str, str | None], path: Path) -> list[Registered]:
    """The document of that number in the seller's series (the only series if not given)."""
    from norrort_cost.problems import UsageError, said

    number, seller = wanted
    mine = [r for r in found if r.kind != "internal" and r.number == number]
    if seller is not None:
        mine = [r for r in mine if r.seller == seller]
    if not mine:
        raise UsageError(
            said("no document {number} in {path}", number=repr(number), path=str(path)),
            "see `norrort-cost register list`",
        )
    if len(mine) > 1:
        sellers = ", ".join(sorted(r.seller for r in mine))
        raise UsageError(
            said("document {number} is in several series: {sellers}", number=number,
                 sellers=sellers),
            "add --seller CODE",
        )  # fmt: skip
    return mine


def _print_document(console: Console, row: Registered, left: dict[tuple[str, str], int]) -> None:
    from norrort_cost.rendering.register_records import print_document

    print_document(console, row, left, " ".join(name for name, _digest in row.files))


def _receivables(opened: Register) -> dict[tuple[str, str], Receivable]:
    """Each invoice's receivable: credit notes and booked payments counted."""
    from norrort_cost.invoicing.receivables import receivables
    from norrort_cost.storage import payments as stored

    with opened.transaction():
        stored.ensure_tables(opened.connection)
    documents = stored.documents(opened.documents())
    return receivables(documents, stored.booked(opened.connection))


def _status(receivable: Receivable, on: date, status: str) -> bool:
    """Whether ``receivable`` is of ``status`` on ``on`` (overdue: open or partly paid late)."""
    return receivable.overdue(on) if status == "overdue" else receivable.status == status
