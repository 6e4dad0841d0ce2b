"""``norrort-cost payments import|list``: Bankgirot's payment files into the register.

``payments import FILE...`` reads BgMax files (every record, count and sum checked; a bad
file is refused with its lines and nothing is recorded), matches each payment to an
invoice by its OCR reference and records it, one transaction per file. A file imported
before (same SHA-256), or a payment already recorded from another file, is recognised and
not counted twice. ``payments list`` shows every recorded payment, the unmatched first.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from norrort_cost.cli.common import app, load, reporting
from norrort_cost.cli.localized import LocalizedTyper
from norrort_cost.cli.options import DataDirOption, OutputOption, date_option, format_option
from norrort_cost.cli.output import emit, emit_table
from norrort_cost.cli.register_file import RegisterOption, register_path
from norrort_cost.rendering.formats import Format

if TYPE_CHECKING:
    from norrort_cost.dataset.models import Dataset
    from norrort_cost.invoicing.bgmax import BgMaxFile
    from norrort_cost.problems import Problem
    from norrort_cost.storage.register import Register

payments_app = LocalizedTyper(
    name="payments",
    help="Payments from Bankgirot: read BgMax files, match them to invoices by OCR.\n\n"
    "Example: norrort-cost payments import BgMax-2014-06-15.txt --data-dir my-data",
    no_args_is_help=True,
)
app.add_typer(payments_app)

FilesArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILE",
        exists=True,
        dir_okay=False,
        help="BgMax files from the bank (Bankgiro Inbetalningar).",
    ),
]
TableOrJson = Annotated[
    Format, format_option(Format.TABLE, Format.JSON, help_text="table for people, json.")
]


@payments_app.command("import")
def import_payments(
    files: FilesArgument,
    fmt: TableOrJson = Format.TABLE,
    on: Annotated[
        datetime | None,
        date_option(
            "--date",
            "The day of the import, as recorded (default: today).",
        ),
    ] = None,
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Import BgMax payment files: match each payment to an invoice by its OCR reference.

    A payment that matches no invoice is recorded as unmatched with the reason, and an open
    invoice of the same amount is suggested, never booked. Importing a file again changes
    nothing.

    Example: norrort-cost payments import BgMax-2014-06-15.txt --data-dir my-data
    """
    with reporting(fmt):
        from norrort_cost.cli.common import today
        from norrort_cost.loading.bgmax import read_bgmax
        from norrort_cost.problems import DataError
        from norrort_cost.storage.register import open_register

        dataset = load(data_dir)
        path = register_path(register, data_dir, dataset, None)
        read: list[tuple[BgMaxFile, list[Problem]]] = []
        problems: list[Problem] = []
        for file in files:
            try:
                read.append(read_bgmax(file))
            except DataError as error:
                problems += error.problems
        if problems:
            raise DataError(problems)
        day = on.date() if on else today()
        with open_register(path, create=False) as opened:
            reports = [_import(opened, dataset, file, day) for file, _warnings in read]
        for _file, warnings in read:
            for warning in warnings:
                typer.echo(_warning(warning), err=True)
        _show(reports, fmt)


def _warning(problem: Any) -> str:  # noqa: ANN401 - a located Problem
    from norrort_cost.rendering.i18n import _

    return _("warning: {where}: {message}").format(
        where=problem.location(), message=_(str(problem.message))
    )


def _import(opened: Register, dataset: Dataset, file: BgMaxFile, day: Any) -> dict[str, Any]:  # noqa: ANN401 - a date
    from norrort_cost.invoicing.receivables import match_payments, receivables
    from norrort_cost.rendering.payment_records import match_rows
    from norrort_cost.storage import payments as stored

    with opened.transaction():
        stored.ensure_tables(opened.connection)
        earlier = stored.imported_file(opened.connection, file.sha256)
        if earlier is not None:
            return {"file": file.name, "sha256": file.sha256,
                    "already_imported_on": earlier["imported_on"], "payments": []}  # fmt: skip
        documents = stored.documents(opened.documents())
        current = receivables(documents, stored.booked(opened.connection))
        keys = stored.known_keys(opened.connection)
        fresh = [p for p in file.payments if p.key not in keys]
        matches = match_payments(
            file.payments,
            documents,
            current,
            bankgiros=_bankgiros(dataset),
            payers=_payers(dataset),
        )
        recorded = [m for m in matches if m.payment in fresh]
        skipped = [m for m in matches if m.payment not in fresh]
        stored.record_file(opened.connection, file, recorded, day)
    return {"file": file.name, "sha256": file.sha256, "already_imported_on": None,
            "payments": match_rows(matches, skipped)}  # fmt: skip


def _bankgiros(dataset: Dataset) -> frozenset[str]:
    return frozenset({re.sub(r"\D", "", dataset.settings.invoicing.bankgiro).lstrip("0")})


def _payers(dataset: Dataset) -> dict[str, str]:
    return {m.kommunkod: re.sub(r"\D", "", m.organisationsnummer) for m in dataset.municipalities}


def _show(reports: list[dict[str, Any]], fmt: Format) -> None:
    from norrort_cost.rendering.files import to_json
    from norrort_cost.rendering.i18n import _
    from norrort_cost.rendering.payment_records import print_payments

    if fmt == Format.JSON:
        emit(to_json({"schema": "norrort-cost.payments-import", "schema_version": 1,
                      "files": reports}), None)  # fmt: skip
        return
    for report in reports:
        if report["already_imported_on"]:
            typer.echo(_("{file}: already imported on {date}; nothing recorded").format(
                file=report["file"], date=report["already_imported_on"]))  # fmt: skip
            continue
        rows = report["payments"]
        matched = sum(1 for row in rows if row["reason"] == "matched")
        again = sum(1 for row in rows if row["reason"] == "already-imported")
        title = _("{file}: {count} payments, {matched} matched, {unmatched} unmatched, "
                  "{again} already imported").format(
            file=report["file"], count=len(rows), matched=matched,
            unmatched=len(rows) - matched - again, again=again)  # fmt: skip
        emit_table(partial(print_payments, rows=rows, title=title), None)


@payments_app.command("list")
def list_payments(
    fmt: Annotated[
        Format,
        format_option(Format.TABLE, Format.CSV, Format.JSON, help_text="table, csv or json."),
    ] = Format.TABLE,
    output: OutputOption = None,
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """List the recorded payments, the unmatched first, with the invoice each one pays.

    Example: norrort-cost payments list --data-dir my-data
    """
    with reporting(fmt):
        from norrort_cost.rendering.files import to_csv, to_json
        from norrort_cost.rendering.i18n import _
        from norrort_cost.rendering.payment_records import print_payments, stored_payment_rows
        from norrort_cost.storage import payments as stored
        from norrort_cost.storage.register import open_register

        dataset = load(data_dir)
        path = register_path(register, data_dir, dataset, None)
        with open_register(path, create=False) as opened, opened.transaction():
            stored.ensure_tables(opened.connection)
            rows = stored_payment_rows(stored.payment_rows(opened.connection))
        if fmt == Format.JSON:
            emit(to_json({"schema": "norrort-cost.payments", "schema_version": 1,
                          "payments": rows}), output)  # fmt: skip
        elif fmt == Format.CSV:
            emit(to_csv(rows), output)
        else:
            emit_table(partial(print_payments, rows=rows, title=_("Payments")), output)
