"""The UBL of an invoice, an installment and a credit note, pinned as golden files.

The embedded PDF is left out of the comparison (its bytes depend on the font library's
version); everything else in the XML is compared exactly. Refresh deliberately with
``UPDATE_GOLDEN=1 pytest tests/test_ubl_golden.py``.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from norrort_cost import allocate, load_dataset
from norrort_cost.invoicing.invoices import Numbering, build_invoices
from norrort_cost.invoicing.register import registered_invoice
from norrort_cost.invoicing.settlement import settle
from norrort_cost.rendering.ubl import invoice_ubl
from tests.conftest import assert_golden

PDF = b"%PDF-1.3 stand-in\n"


def without_attachment(xml: bytes) -> str:
    text = xml.decode("utf-8")
    return re.sub(r"(<cbc:EmbeddedDocumentBinaryObject[^>]*>)[^<]*(<)", r"\1…\2", text)


@pytest.fixture(scope="module")
def run_2014():
    dataset = load_dataset()
    return dataset, build_invoices(allocate(dataset, 2014), dataset, date(2014, 5, 2))


def test_ekero_2014_invoice_ubl(run_2014):
    """Ekerö's 2014 invoice, number 5, due Monday 2014-06-02."""
    _, run = run_2014
    ekero = next(i for i in run.invoices if i.buyer.kommunkod == "0125")
    assert_golden("ubl-invoice-ekero-2014.xml", without_attachment(invoice_ubl(ekero, PDF)))


def test_ekero_2014_fourth_installment_ubl():
    """The last installment of a quarterly year (Ekerö's third, Q4: it joined on
    2014-04-15): its own number, OCR, period and due date."""
    dataset = load_dataset()
    run = build_invoices(
        allocate(dataset, 2014), dataset, date(2014, 5, 2), None, Numbering(installments=4)
    )
    fourth = [i for i in run.invoices if i.buyer.kommunkod == "0125"][-1]
    assert_golden("ubl-installment-ekero-2014-4.xml", without_attachment(invoice_ubl(fourth, PDF)))


def test_credit_note_ubl_after_a_population_correction(run_2014):
    """Ekerö's credit note after Österåker's figure is corrected: type 381, refers to 5
    (number and date), says the cause with both figures."""
    dataset, run = run_2014
    recorded = [registered_invoice(i, {}) for i in run.invoices]
    population = tuple(replace_figure(f) for f in dataset.population)
    corrected = dataset.model_copy(update={"population": population})
    before = {
        s.kommunkod: (s.population_date, s.inhabitants) for s in allocate(dataset, 2014).shares
    }
    new = allocate(corrected, 2014)
    result = settle(new, corrected, recorded, date(2014, 9, 1), 15, figures=before)
    credit = next(d for d in result.documents if d.buyer.kommunkod == "0125")
    assert credit.is_credit_note
    assert_golden("ubl-credit-note-ekero-2014.xml", without_attachment(invoice_ubl(credit, PDF)))


def replace_figure(figure):
    if figure.kommunkod == "0117" and figure.reference_date == date(2013, 12, 31):
        return figure.model_copy(update={"inhabitants": figure.inhabitants + 1000})
    return figure
