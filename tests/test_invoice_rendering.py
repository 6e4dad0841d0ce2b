"""Invoices rendered: the PEPPOL BIS 3 UBL read back, and the PDF's text."""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from norrort_cost import allocate, load_dataset
from norrort_cost.invoicing.invoices import build_invoices
from norrort_cost.rendering.pdf import invoice_pdf
from norrort_cost.rendering.ubl import (
    CUSTOMIZATION_ID,
    PROFILE_ID,
    TOP_LEVEL_ORDER,
    invoice_ubl,
)
from tests.references import is_valid_ocr

NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}


@pytest.fixture(scope="module")
def ekero():
    dataset = load_dataset()
    run = build_invoices(allocate(dataset, 2014), dataset, date(2014, 5, 2))
    return next(i for i in run.invoices if i.buyer.kommunkod == "0125")


@pytest.fixture(scope="module")
def pdf(ekero):
    return invoice_pdf(ekero)


@pytest.fixture(scope="module")
def ubl(ekero, pdf):
    return ET.fromstring(invoice_ubl(ekero, pdf))  # noqa: S314 - our own output, not untrusted


def text(root, path):
    element = root.find(path, NS)
    assert element is not None, path
    return element.text


def local(tag):
    return tag.rsplit("}", 1)[-1]


def test_top_level_elements_follow_the_ubl_schema_order(ubl):
    """Top-level children appear in UBL 2.1 Invoice schema order, none missing."""
    tags = [local(child.tag) for child in ubl]
    positions = [TOP_LEVEL_ORDER.index(tag) for tag in tags]
    assert positions == sorted(positions)
    credit_note_only = {"CreditNoteTypeCode", "BillingReference", "CreditNoteLine"}
    assert set(TOP_LEVEL_ORDER) - credit_note_only <= set(tags)


def test_peppol_identifiers_and_dates(ubl):
    """Customization and profile IDs, number, dates, type code 380 and currency SEK."""
    assert text(ubl, "cbc:CustomizationID") == CUSTOMIZATION_ID
    assert text(ubl, "cbc:ProfileID") == PROFILE_ID
    assert text(ubl, "cbc:ID") == "5"
    assert text(ubl, "cbc:IssueDate") == "2014-05-02"
    assert text(ubl, "cbc:DueDate") == "2014-06-02"  # 2014-06-01 is a Sunday
    assert text(ubl, "cbc:InvoiceTypeCode") == "380"
    assert text(ubl, "cbc:DocumentCurrencyCode") == "SEK"
    assert text(ubl, "cbc:BuyerReference")


def test_parties_use_orgnr_with_scheme_0007_and_no_vat_id(ubl):
    """Seller Lidingö and buyer Ekerö: endpoint and legal ID are the 10-digit orgnr, 0007."""
    for role, orgnr in (
        ("AccountingSupplierParty", "2120000191"),
        ("AccountingCustomerParty", "2120000050"),
    ):
        party = ubl.find(f"cac:{role}/cac:Party", NS)
        for path in ("cbc:EndpointID", "cac:PartyLegalEntity/cbc:CompanyID"):
            element = party.find(path, NS)
            assert element.text == orgnr
            assert element.get("schemeID") == "0007"
        assert party.find("cac:PartyTaxScheme", NS) is None
        assert text(party, "cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "SE"
    assert (
        text(ubl, "cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name") == "Ekerö kommun"
    )


def test_totals_add_up(ubl):
    """Line amounts, tax total 0 with category O, and monetary totals all agree."""
    lines = [Decimal(e.text) for e in ubl.findall("cac:InvoiceLine/cbc:LineExtensionAmount", NS)]
    assert sum(lines) == Decimal("24291.03")
    total = ubl.find("cac:LegalMonetaryTotal", NS)
    for tag in ("LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount", "PayableAmount"):
        assert Decimal(text(total, f"cbc:{tag}")) == Decimal("24291.03")
    assert Decimal(text(ubl, "cac:TaxTotal/cbc:TaxAmount")) == 0
    subtotal = ubl.find("cac:TaxTotal/cac:TaxSubtotal", NS)
    assert Decimal(text(subtotal, "cbc:TaxableAmount")) == Decimal("24291.03")
    assert text(subtotal, "cac:TaxCategory/cbc:ID") == "O"
    assert text(subtotal, "cac:TaxCategory/cbc:TaxExemptionReasonCode") == "VATEX-EU-O"
    assert text(subtotal, "cac:TaxCategory/cbc:TaxExemptionReason").startswith("Ej föremål")
    assert all(e.get("currencyID") == "SEK" for e in ubl.iter() if "Amount" in local(e.tag))


def test_payment_means_bankgiro_and_ocr(ubl):
    """Payment means 30, the bankgiro with branch SE:BANKGIRO, the OCR as payment ID."""
    means = ubl.find("cac:PaymentMeans", NS)
    assert text(means, "cbc:PaymentMeansCode") == "30"
    assert is_valid_ocr(text(means, "cbc:PaymentID"))
    assert text(means, "cac:PayeeFinancialAccount/cbc:ID") == "50501055"
    branch = "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID"
    assert text(means, branch) == "SE:BANKGIRO"


def test_pdf_is_embedded(ubl, pdf):
    """The PDF is attached, base64, with mime type application/pdf and its file name."""
    binary = ubl.find(
        "cac:AdditionalDocumentReference/cac:Attachment/cbc:EmbeddedDocumentBinaryObject", NS
    )
    assert binary.get("mimeCode") == "application/pdf"
    assert binary.get("filename") == "faktura-2014-0125-5.pdf"
    assert base64.b64decode(binary.text) == pdf


def test_ubl_says_exempel(ubl):
    """An invoice from example data says EXEMPEL in its (single) note."""
    assert len(ubl.findall("cbc:Note", NS)) == 1
    assert "EXEMPEL" in text(ubl, "cbc:Note")


def test_line_has_item_name_quantity_price_and_basis(ubl):
    """The line: quantity 1 (C62), price = amount, item name, category O, and the basis."""
    (line,) = ubl.findall("cac:InvoiceLine", NS)
    assert line.find("cbc:InvoicedQuantity", NS).get("unitCode") == "C62"
    assert Decimal(text(line, "cac:Price/cbc:PriceAmount")) == Decimal("24291.03")
    assert text(line, "cac:Item/cbc:Name")
    assert text(line, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID") == "O"
    assert "26 355" in text(line, "cbc:Note")


def test_pdf_text_has_names_amounts_and_references(pdf):
    """The PDF shows seller, buyer, amount in Swedish format, OCR, bankgiro and EXEMPEL."""
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    content = reader.pages[0].extract_text()
    for expected in (
        "FAKTURA",
        "Lidingö",
        "Ekerö",
        "212000-0050",
        "24 291,03",
        "018600000527",
        "5050-1055",
        "2014-06-02",
        "Sida 1 (1)",
        "dröjsmålsränta",
        "EXEMPEL",
        "Ej föremål för moms",
    ):
        assert expected in content


def test_pdf_is_a4_with_an_embedded_font(pdf):
    """A4 page (595 x 842 pt) and the font embedded (a FontFile2 stream)."""
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert b"/FontFile2" in pdf


def test_pdf_bytes_are_deterministic(ekero, pdf):
    """The same invoice renders to the same bytes; the dates come from the issue date."""
    assert invoice_pdf(ekero) == pdf
    assert b"D:20140502" in pdf


def test_rendering_leaves_no_font_folder_behind(ekero, tmp_path, monkeypatch):
    """The cut font lives in a temporary folder only while a PDF is made (issue 15.10)."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    invoice_pdf(ekero)
    invoice_pdf(ekero)
    assert list(tmp_path.iterdir()) == []


def test_real_data_has_no_exempel_marking():
    """With a real budget and a real bankgiro, neither the PDF nor the UBL says EXEMPEL."""
    dataset = load_dataset()
    lines = tuple(line.model_copy(update={"illustrative": False}) for line in dataset.budget_lines)
    invoicing = dataset.settings.invoicing.model_copy(update={"bankgiro_is_example": False})
    settings = dataset.settings.model_copy(update={"invoicing": invoicing})
    real = dataset.model_copy(update={"budget_lines": lines, "settings": settings})
    invoice = build_invoices(allocate(real, 2014), real, date(2014, 5, 2)).invoices[0]
    pdf = invoice_pdf(invoice)
    assert not invoice.is_example
    assert "EXEMPEL" not in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert b"EXEMPEL" not in invoice_ubl(invoice, pdf)
