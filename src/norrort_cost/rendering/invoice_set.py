"""A run of invoices or credit notes rendered in memory: every file name and its bytes.

File names are made from the year, the kommunkod and the document number only
(``faktura-2014-0125-7.pdf``, ``kreditfaktura-2014-0125-21.xml``, ``fakturor-2014.csv``),
never from names typed by people (a series prefix is letters, digits and dashes only).
PDFs are rendered in this process: a worker pool measured no faster on the machines the
tool runs on (see the README's performance section) and left processes behind when killed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from norrort_cost.invoicing.documents import Invoice, InvoiceRun
from norrort_cost.rendering.files import to_csv, to_json
from norrort_cost.rendering.formats import Format
from norrort_cost.rendering.invoice_records import summary_record, summary_rows
from norrort_cost.rendering.ubl import invoice_ubl, pdf_filename, ubl_filename


@dataclass(frozen=True, slots=True)
class RenderedRun:
    """The files of a run: each document's own files by number, and every file by name."""

    documents: dict[str, dict[str, bytes]]
    files: dict[str, bytes]


def render_documents(
    invoices: tuple[Invoice, ...], formats: Collection[Format]
) -> dict[str, dict[str, bytes]]:
    """Each invoice's PDF and UBL files (as chosen in ``formats``), by invoice number."""
    from norrort_cost.rendering.pdf import invoice_pdf

    documents: dict[str, dict[str, bytes]] = {}
    for invoice in invoices:
        own: dict[str, bytes] = {}
        if {Format.PDF, Format.UBL} & set(formats):
            pdf = invoice_pdf(invoice)
            if Format.PDF in formats:
                own[pdf_filename(invoice)] = pdf
            if Format.UBL in formats:
                own[ubl_filename(invoice)] = invoice_ubl(invoice, pdf)
        documents[invoice.number] = own
    return documents


def render_invoice_run(run: InvoiceRun, formats: Collection[Format], basename: str) -> RenderedRun:
    """The files of ``run`` in ``formats`` (of ``INVOICE_FORMATS``); the summary ``basename``."""
    documents = render_documents(run.invoices, formats)
    listed = {number: list(files) for number, files in documents.items()}
    files = {name: data for own in documents.values() for name, data in own.items()}
    if Format.CSV in formats:
        files[f"{basename}.csv"] = to_csv(summary_rows(run, listed)).encode()
    if Format.JSON in formats:
        files[f"{basename}.json"] = to_json(summary_record(run, listed)).encode()
    return RenderedRun(documents, files)
