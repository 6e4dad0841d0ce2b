"""``norrort-cost register list|show|export``, and where the invoice register is.

The register is ``--register FILE`` if given, else the settings' ``[invoicing] register``
(relative to the dataset directory), else ``register.sqlite`` in the dataset directory.
The embedded dataset is read-only: commands that write (``invoices``, ``settle``) then keep
the register in their ``--out`` directory, and ``register`` needs ``--register``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from norrort_cost.cli.common import (
    DataDirOption,
    FormatOption,
    OutputOption,
    app,
    emit,
    emit_table,
    format_option,
    load,
    reporting,
)
from norrort_cost.cli.localized import LocalizedTyper
from norrort_cost.rendering.formats import Format

if TYPE_CHECKING:
    from norrort_cost.dataset.models import Dataset
    from norrort_cost.invoicing.documents import Invoice
    from norrort_cost.invoicing.receivables import Receivable
    from norrort_cost.storage.register import Register

REGISTER_FILE = "register.sqlite"
RegisterOption = Annotated[
    Path | None,
    typer.Option(
        "--register",
        metavar="FILE",
        dir_okay=False,
        help="The invoice register (default: register.sqlite in the dataset directory).",
    ),
]

register_app = LocalizedTyper(
    name="register",
    help="The invoice register: every issued invoice and credit note.\n\n"
    "Example: norrort-cost register list --register fakturor/register.sqlite --year 2014",
    no_args_is_help=True,
)
app.add_typer(register_app)


def register_path(
    option: Path | None, data_dir: Path | None, dataset: Dataset, out: Path | None
) -> Path:
    """Where the register is (see the module's docstring)."""
    from norrort_cost.problems import UsageError

    if option is not None:
        return option
    if data_dir is not None:
        setting = dataset.settings.invoicing.register_file
        return data_dir / (setting or REGISTER_FILE)
    if out is not None:
        return out / REGISTER_FILE
    raise UsageError(
        "the embedded dataset keeps no invoice register",
        "give --register FILE (the register.sqlite beside your invoices) or --data-dir",
    )


def member_codes(dataset: Dataset, written: Sequence[str]) -> frozenset[str] | None:
    """The kommunkoder of ``--member`` options (None when none was given)."""
    if not written:
        return None
    from norrort_cost.dataset.lookup import find_municipality

    return frozenset(find_municipality(dataset.municipalities, text).kommunkod for text in written)


def warn_about(invoices: Sequence[Invoice]) -> None:
    """Warn on stderr about missing buyer references and characters the PDF cannot print."""
    from norrort_cost.rendering.pdf import unprintable

    missing = sorted({i.buyer.kommunkod for i in invoices if not i.buyer_reference_given})
    if missing:
        fallback = next(i.buyer_reference for i in invoices if not i.buyer_reference_given)
        typer.echo(
            f"warning: no buyer reference (Er referens, BT-10) for {', '.join(missing)}: "
            f"their invoices carry {fallback!r}; add buyer_reference to municipalities.csv "
            "or [invoicing.buyer_references] in cooperation.toml",
            err=True,
        )
    odd = sorted(set().union(*(unprintable(i) for i in invoices)))
    if odd:
        shown = ", ".join(f"U+{ord(c):04X}" for c in odd)
        typer.echo(f"warning: the PDF font lacks {shown}; printed as '?'", err=True)


class Status(StrEnum):
    """What ``register list --status`` shows: an invoice's status, or overdue ones."""

    OPEN = "open"
    PARTLY_PAID = "partly-paid"
    PAID = "paid"
    OVERPAID = "overpaid"
    CREDITED = "credited"
    OVERDUE = "overdue"


@register_app.command("list")
def list_documents(
    year: Annotated[
        int | None, typer.Option("--year", "-y", metavar="YEAR", help="Only this year.")
    ] = None,
    status: Annotated[
        Status | None,
        typer.Option(
            "--status",
            help="Only invoices of this status (overdue: open or partly paid after the due date).",
        ),
    ] = None,
    on: Annotated[
        datetime | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            formats=["%Y-%m-%d"],
            help="The day statuses are taken on, for overdue and days overdue (default: today).",
        ),
    ] = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """List the invoices, credit notes and internal shares in the register, with what each
    invoice was paid, what remains and its status.

    Example: norrort-cost register list --data-dir my-data --status overdue --date 2014-09-01
    """
    with reporting(fmt):
        from norrort_cost.cli.invoices import today

        day = on.date() if on else today()
        _export(year, None, fmt, output, register, data_dir, status=status, on=day)


@register_app.command("show")
def show(
    number: Annotated[
        str, typer.Argument(metavar="NUMBER", help="The invoice or credit note number.")
    ],
    fmt: Annotated[
        Format, format_option(Format.TABLE, Format.JSON, help_text="table or json.")
    ] = Format.TABLE,
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Show one document of the register: amounts, dates, what it corrects, its files.

    Example: norrort-cost register show 7 --register fakturor/register.sqlite
    """
    with reporting(fmt):
        _export(None, number, fmt, None, register, data_dir)


@register_app.command("export")
def export(
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", dir_okay=False, help="File to write.")
    ],
    fmt: Annotated[
        Format,
        format_option(Format.CSV, Format.JSON, Format.XLSX, help_text="csv, json or xlsx."),
    ] = Format.CSV,
    year: Annotated[
        int | None, typer.Option("--year", "-y", metavar="YEAR", help="Only this year.")
    ] = None,
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write the register (or one year of it) to a file, atomically.

    Example: norrort-cost register export -o register.xlsx -f xlsx --register r.sqlite
    """
    with reporting(fmt):
        _export(year, None, fmt, output, register, data_dir)


def _export(
    year: int | None,
    number: str | None,
    fmt: Format,
    output: Path | None,
    register: Path | None,
    data_dir: Path | None,
    *,
    status: str | None = None,
    on: date | None = None,
) -> None:
    from norrort_cost.problems import UsageError
    from norrort_cost.rendering.files import to_csv, to_json, to_xlsx
    from norrort_cost.rendering.register_records import print_register, register_rows
    from norrort_cost.storage.register import open_register

    path = register if register is not None else register_path(None, data_dir, load(data_dir), None)
    with open_register(path, create=False) as opened:
        found = opened.documents(year)
        owed = _receivables(opened) if on is not None else {}
    if status is not None and on is not None:
        found = [
            row
            for row in found
            if (row.seller, row.number) in owed
            and _status(owed[(row.seller, row.number)], on, status)
        ]
    if number is not None:
        found = [row for row in found if row.number == number]
        if not found:
            raise UsageError(
                f"no document {number!r} in {path}", "see `norrort-cost register list`"
            )
    rows = register_rows(found)
    if on is not None:
        from norrort_cost.rendering.payment_records import receivable_fields

        for row, record in zip(rows, found, strict=True):
            if record.kind == "invoice" and (record.seller, record.number) in owed:
                row.update(receivable_fields(owed[(record.seller, record.number)], on))
    if fmt == Format.JSON:
        emit(
            to_json({"schema": "norrort-cost.register", "schema_version": 1, "documents": rows}),
            output,
        )
    elif fmt == Format.CSV:
        emit(to_csv(rows), output)
    elif fmt == Format.XLSX:
        emit(to_xlsx(rows, "register", [f"Fakturaregister {path.name}"]), output)
    elif on is not None:
        from norrort_cost.rendering.payment_records import print_receivables

        emit_table(lambda console: print_receivables(console, rows), output)
    else:
        emit_table(lambda console: print_register(console, found), output)


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
