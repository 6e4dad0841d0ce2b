"""``norrort-cost register list|show|verify|export``, and where the invoice register is.

The register is ``--register FILE`` if given, else the settings' ``[invoicing] register``
(relative to the dataset directory), else ``register.sqlite`` in the dataset directory;
for the embedded dataset (read-only) it is ``register.sqlite`` in the user's data
directory (``platformdirs``: ``$XDG_DATA_HOME/norrort-cost`` or
``~/.local/share/norrort-cost`` on Linux). It never depends on ``--output``: every run
continues the same series, wherever its files go.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from norrort_cost.cli.common import app, load, reporting
from norrort_cost.cli.localized import LocalizedTyper
from norrort_cost.cli.options import (
    DataDirOption,
    FormatOption,
    OutputOption,
    date_option,
    format_option,
)
from norrort_cost.cli.output import emit, emit_table
from norrort_cost.rendering.formats import Format

if TYPE_CHECKING:
    from rich.console import Console

    from norrort_cost.dataset.models import Dataset
    from norrort_cost.invoicing.documents import Invoice
    from norrort_cost.invoicing.receivables import Receivable
    from norrort_cost.invoicing.register import Registered
    from norrort_cost.storage.register import Register
    from norrort_cost.storage.verify import Verification

REGISTER_FILE = "register.sqlite"
RegisterOption = Annotated[
    Path | None,
    typer.Option(
        "--register",
        metavar="FILE",
        dir_okay=False,
        help="The invoice register (default: register.sqlite in the dataset directory, or in "
        "the user's data directory for the embedded dataset).",
    ),
]

AllowEarlierOption = Annotated[
    bool,
    typer.Option(
        "--allow-earlier-date",
        help="Allow an issue date earlier than the latest in the seller's series "
        "(recorded in the register).",
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
    option: Path | None, data_dir: Path | None, dataset: Dataset, out: Path | None = None
) -> Path:
    """Where the register is (see the module's docstring); ``out`` never decides it."""
    del out
    if option is not None:
        return option
    if data_dir is not None:
        setting = dataset.settings.invoicing.register_file
        return data_dir / (setting or REGISTER_FILE)
    return user_register()


def user_register() -> Path:
    """The register of the embedded dataset: in the user's data directory."""
    import platformdirs

    return platformdirs.user_data_path("norrort-cost", appauthor=False) / REGISTER_FILE


def warn_about(invoices: Sequence[Invoice]) -> None:
    """Warn on stderr about missing buyer references and characters the PDF cannot print."""
    from norrort_cost.rendering.i18n import _
    from norrort_cost.rendering.pdf import unprintable

    missing = sorted({i.buyer.kommunkod for i in invoices if not i.buyer_reference_given})
    if missing:
        fallback = next(i.buyer_reference for i in invoices if not i.buyer_reference_given)
        typer.echo(
            _(
                "warning: no buyer reference (Er referens, BT-10) for {codes}: their "
                "invoices carry {fallback}; add buyer_reference to municipalities.csv or "
                "[invoicing.buyer_references] in cooperation.toml"
            ).format(codes=", ".join(missing), fallback=repr(fallback)),
            err=True,
        )
    odd = sorted(set().union(*(unprintable(i) for i in invoices)))
    if odd:
        shown = ", ".join(f"U+{ord(c):04X}" for c in odd)
        typer.echo(
            _("warning: the PDF font lacks {characters}; printed as '?'").format(characters=shown),
            err=True,
        )


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
        date_option(
            "--date",
            "The day statuses are taken on, for overdue and days overdue (default: today).",
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
        from norrort_cost.cli.common import today

        day = on.date() if on else today()
        _export(
            year, None, fmt, output, register, data_dir, status=status, on=day, dated=on is not None
        )


@register_app.command("show")
def show(
    number: Annotated[
        str,
        typer.Argument(metavar="NUMBER", help="The number of the document in its seller's series."),
    ],
    seller: Annotated[
        str | None,
        typer.Option(
            "--seller",
            metavar="CODE",
            help="The seller's kommunkod, when the register holds several series.",
        ),
    ] = None,
    fmt: Annotated[
        Format, format_option(Format.TABLE, Format.JSON, help_text="table or json.")
    ] = Format.TABLE,
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Show one document of the register: amounts, what remains, dates, OCR, what it
    corrects and why, its files.

    Example: norrort-cost register show 7
    """
    with reporting(fmt):
        from norrort_cost.cli.common import today

        _export(None, (number, seller), fmt, None, register, data_dir, on=today())


@register_app.command("verify")
def verify_command(
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Check every issued document's files against the register (present, SHA-256).

    Completes first what an interrupted run committed. Exits 1 naming each file that is
    missing or changed.

    Example: norrort-cost register verify
    """
    with reporting():
        from norrort_cost.cli.issued import notes
        from norrort_cost.storage.register import open_register
        from norrort_cost.storage.verify import verify

        path = register if register is not None else register_path(None, data_dir, load(data_dir))
        with open_register(path, create=False) as opened:
            result = verify(opened)
        notes(list(result.recovered))
        _say_verification(result, path)


def _say_verification(result: Verification, path: Path) -> None:
    from norrort_cost.rendering.i18n import _

    troubles = {
        "missing": _("missing: {file} (document {number} of {seller})"),
        "changed": _("changed: {file} (document {number} of {seller}) differs from its SHA-256"),
        "stored": _("changed in the register: the copy of {file} (document {number} of {seller})"),
    }
    for finding in result.findings:
        line = troubles[finding.trouble].format(
            file=finding.path, number=finding.number, seller=finding.seller
        )
        typer.echo(line, err=True)
    summary = _("{checked} file(s) checked against {register}: {bad} not as issued").format(
        checked=result.checked, register=path, bad=len(result.findings)
    )
    typer.echo(summary)
    if result.unknown:
        typer.echo(
            _("{count} file(s) of older runs not checked: the register does not say where "
              "they were written").format(count=result.unknown)
        )  # fmt: skip
    if result.findings:
        raise typer.Exit(1)


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
    number: tuple[str, str | None] | None,
    fmt: Format,
    output: Path | None,
    register: Path | None,
    data_dir: Path | None,
    *,
    status: str | None = None,
    on: date | None = None,
    dated: bool = False,
) -> None:
    from norrort_cost.rendering.files import to_csv, to_json, to_xlsx
    from norrort_cost.rendering.register_records import (
        REGISTER_SCHEMA_VERSION,
        print_register,
        register_rows,
    )
    from norrort_cost.storage.register import open_register

    path = register if register is not None else register_path(None, data_dir, load(data_dir))
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
