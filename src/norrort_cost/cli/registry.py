"""``norrort-cost register list|show|verify|export``: the invoice register read.

Where the register is: :mod:`norrort_cost.cli.register_file`; what ``list``, ``show`` and
``export`` write: :mod:`norrort_cost.cli.register_listing`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from norrort_cost.cli.common import app, load, reporting
from norrort_cost.cli.localized import LocalizedTyper
from norrort_cost.cli.options import (
    DataDirOption,
    FormatOption,
    MembersOption,
    OutputOption,
    date_option,
    format_option,
)
from norrort_cost.cli.register_file import RegisterOption, register_path
from norrort_cost.cli.register_listing import write_listing
from norrort_cost.rendering.formats import Format

if TYPE_CHECKING:
    from norrort_cost.storage.verify import Verification

register_app = LocalizedTyper(
    name="register",
    help="The invoice register: every issued invoice and credit note.\n\n"
    "Example: norrort-cost register list --register fakturor/register.sqlite --year 2014",
    no_args_is_help=True,
)
app.add_typer(register_app)


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
    municipality: MembersOption = None,
    fmt: FormatOption = Format.TABLE,
    output: OutputOption = None,
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """List the invoices, credit notes and internal shares in the register, with what each
    invoice was paid, what remains and its status.

    Example: norrort-cost register list --data-dir my-data --status overdue --date 2014-09-01

    Example: norrort-cost register list --year 2014 -m Ekerö
    """
    with reporting(fmt):
        from norrort_cost.cli.common import today

        day = on.date() if on else today()
        write_listing(
            year,
            None,
            fmt,
            output,
            register,
            data_dir,
            status=status,
            on=day,
            dated=on is not None,
            members=municipality or [],
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

        write_listing(None, (number, seller), fmt, None, register, data_dir, on=today())


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
        write_listing(year, None, fmt, output, register, data_dir)
