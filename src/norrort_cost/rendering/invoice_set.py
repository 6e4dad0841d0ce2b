"""An invoice run rendered in memory: every file name and its bytes, before any is written.

File names are made from the year, the kommunkod and the invoice number only
(``faktura-2014-0125.pdf``, ``faktura-2014-0125.xml``, ``fakturor-2014.csv``), never from
names typed by people.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from norrort_cost.invoicing.invoices import Invoice, InvoiceRun
from norrort_cost.rendering.files import to_csv, to_json
from norrort_cost.rendering.formats import Format
from norrort_cost.rendering.invoice_records import summary_basename, summary_record, summary_rows
from norrort_cost.rendering.ubl import invoice_ubl, pdf_filename, ubl_filename


def render_invoice_run(
    run: InvoiceRun,
    formats: Collection[Format],
    render_pdfs: Callable[[Sequence[Invoice]], list[bytes]] | None = None,
) -> dict[str, bytes]:
    """The files of ``run`` in the chosen ``formats`` (of ``INVOICE_FORMATS``): name -> bytes.

    ``render_pdfs`` makes the PDFs (e.g. :meth:`PdfWorkers.render`); one by one by default.
    """
    if render_pdfs is None:
        from norrort_cost.rendering.pdf import invoice_pdf

        def render_pdfs(invoices: Sequence[Invoice]) -> list[bytes]:
            return [invoice_pdf(invoice) for invoice in invoices]

    files: dict[str, bytes] = {}
    listed: dict[str, list[str]] = {invoice.number: [] for invoice in run.invoices}
    pdfs = render_pdfs(run.invoices) if {Format.PDF, Format.UBL} & set(formats) else []
    for invoice, pdf in zip(run.invoices, pdfs, strict=False):
        if Format.PDF in formats:
            files[pdf_filename(invoice)] = pdf
            listed[invoice.number].append(pdf_filename(invoice))
        if Format.UBL in formats:
            files[ubl_filename(invoice)] = invoice_ubl(invoice, pdf)
            listed[invoice.number].append(ubl_filename(invoice))
    base = summary_basename(run.year)
    if Format.CSV in formats:
        files[f"{base}.csv"] = to_csv(summary_rows(run, listed)).encode()
    if Format.JSON in formats:
        files[f"{base}.json"] = to_json(summary_record(run, listed)).encode()
    return files
