"""``norrort-cost reminders``: one payment reminder per member with overdue invoices.

Each reminder (PDF, Swedish) lists the member's invoices that are open or partly paid
after their due date as of ``--date``, with what remains, the late-payment interest under
räntelagen up to that day and the OCR to pay each with, and is recorded in the register
(number, date, the invoices, the PDF's bytes). A member already reminded on that date is
not reminded again unless ``--again`` is given.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from norrort_cost.cli.common import app, load, reporting
from norrort_cost.cli.options import DataDirOption, MembersOption, date_option, member_codes
from norrort_cost.cli.register_file import RegisterOption, register_path

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from norrort_cost.dataset.models import Dataset
    from norrort_cost.invoicing.receivables import Receivable
    from norrort_cost.invoicing.reminders import Reminder
    from norrort_cost.rendering.reminder_pdf import Parties


@app.command()
def reminders(
    on: Annotated[
        datetime,
        date_option(
            "--date",
            "The reminders' date: invoices due before it and not paid are overdue.",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            file_okay=False,
            help="Directory to write the reminders into (created if missing).",
        ),
    ],
    municipality: MembersOption = None,
    again: Annotated[
        bool,
        typer.Option("--again", help="Remind also members already reminded on this date."),
    ] = False,
    register: RegisterOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Write a payment reminder (PDF) for each member with overdue invoices on a date.

    Late-payment interest follows räntelagen: Riksbanken's reference rate of each
    half-year (from the settings) plus 8 percentage points; a half-year without a rate is
    named on the reminder and no interest is computed.

    Example: norrort-cost reminders --date 2014-09-01 -o paminnelser --data-dir my-data
    """
    with reporting():
        from norrort_cost.invoicing.receivables import receivables
        from norrort_cost.invoicing.reminders import overdue_by_member
        from norrort_cost.rendering.i18n import _
        from norrort_cost.storage import payments as stored
        from norrort_cost.storage.register import open_register

        dataset = load(data_dir)
        path = register_path(register, data_dir, dataset, None)
        day = on.date()
        members = member_codes(dataset, municipality or [])
        with open_register(path, create=False) as opened, opened.transaction():
            stored.ensure_tables(opened.connection)
            documents = stored.documents(opened.documents())
            current = receivables(documents, stored.booked(opened.connection))
            groups = overdue_by_member(current.values(), day, members)
            if not groups:
                typer.echo(_("no invoice is overdue on {date}: no reminder written").format(
                    date=day.isoformat()))  # fmt: skip
                return
            written = []
            members_of = [kommunkod for _seller, kommunkod in groups]
            for (seller, kommunkod), overdue in groups.items():
                earlier = stored.reminded(opened.connection, seller, kommunkod, day)
                if earlier is not None and not again:
                    message = _("{member}: reminder {number} of {date} already sent; --again "
                                "sends another")  # fmt: skip
                    typer.echo(message.format(member=kommunkod, number=earlier,
                                              date=day.isoformat()), err=True)  # fmt: skip
                    continue
                # a member late to two managing municipalities: the seller in the file name
                named = seller if members_of.count(kommunkod) > 1 else ""
                written.append(
                    _remind(opened.connection, dataset, (seller, named), kommunkod, overdue,
                            day, out)
                )  # fmt: skip
        if not written:
            from norrort_cost.problems import UsageError, said

            raise UsageError(
                said("every overdue member was already reminded on {date}: nothing written",
                     date=day.isoformat()),
                said("add --again to send another reminder dated {date}", date=day.isoformat()),
            )  # fmt: skip
        for path_written in written:
            typer.echo(_("wrote {file}").format(file=path_written))


def _remind(
    connection: object,
    dataset: Dataset,
    sellers: tuple[str, str],
    kommunkod: str,
    overdue: Sequence[Receivable],
    day: date,
    out: Path,
) -> Path:
    import sqlite3

    from norrort_cost.invoicing.register import sha256
    from norrort_cost.invoicing.reminders import Reminder, reminder_lines
    from norrort_cost.rendering.files import write_atomic
    from norrort_cost.rendering.reminder_pdf import reminder_pdf
    from norrort_cost.storage import payments as stored

    assert isinstance(connection, sqlite3.Connection)  # noqa: S101 - the register's connection
    seller, named = sellers
    settings = dataset.settings.reminders
    sequence = stored.next_reminder_sequence(connection, seller)
    reminder = Reminder(
        number=f"P{sequence}",
        seller=seller,
        kommunkod=kommunkod,
        on=day,
        lines=reminder_lines(overdue, day, settings.rates()),
        fee_ore=settings.fee_ore,
    )
    data = reminder_pdf(reminder, _parties(dataset, reminder))
    qualifier = f"-{named}" if named else ""
    name = f"paminnelse-{day.isoformat()}-{kommunkod}{qualifier}-{reminder.number}.pdf"
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / name, data)
    stored.record_reminder(
        connection,
        number=reminder.number,
        seller=seller,
        kommunkod=kommunkod,
        on=day,
        documents=[line.receivable.document.number for line in reminder.lines],
        remaining_ore=reminder.remaining_ore,
        interest_ore=reminder.interest_ore,
        fee_ore=reminder.fee_ore,
        file_name=name,
        sha256=sha256(data),
        content=data,
    )
    return out / name


def _parties(dataset: Dataset, reminder: Reminder) -> Parties:
    from norrort_cost.rendering.reminder_pdf import Parties

    by_code = {m.kommunkod: m for m in dataset.municipalities}
    seller, buyer = by_code[reminder.seller], by_code[reminder.kommunkod]
    invoicing = dataset.settings.invoicing
    return Parties(
        cooperation=dataset.settings.name,
        seller_name=seller.official_name or seller.name,
        seller_organisationsnummer=seller.organisationsnummer,
        bankgiro=invoicing.bankgiro,
        buyer_name=buyer.official_name or buyer.name,
        buyer_organisationsnummer=buyer.organisationsnummer,
        is_example=invoicing.bankgiro_is_example,
    )
