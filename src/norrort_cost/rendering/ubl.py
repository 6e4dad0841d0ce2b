"""Invoices as UBL 2.1 XML following PEPPOL BIS Billing 3.0 (EN 16931).

Elements are written in the order of the UBL 2.1 Invoice schema (``TOP_LEVEL_ORDER``).
Parties are identified by the ten-digit organisationsnummer with ICD scheme 0007 (the
Swedish scheme); municipalities here have no VAT identifiers. VAT category ``O`` ("not
subject to VAT") carries its exemption reason. The bankgiro is the payee account with
branch ``SE:BANKGIRO``; the OCR reference is the payment ID. The PDF rendering is
embedded as an attachment.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from norrort_cost.invoicing.invoices import Invoice, InvoiceLine
from norrort_cost.money import machine_amount
from norrort_cost.rendering.invoice_text import basis_text

INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
SWEDISH_ORGNR_SCHEME = "0007"
INVOICE_TYPE_COMMERCIAL = "380"
CREDIT_TRANSFER = "30"
UNIT_ONE = "C62"

# The top-level elements we write, in UBL 2.1 Invoice schema order.
TOP_LEVEL_ORDER = (
    "CustomizationID",
    "ProfileID",
    "ID",
    "IssueDate",
    "DueDate",
    "InvoiceTypeCode",
    "Note",
    "DocumentCurrencyCode",
    "BuyerReference",
    "InvoicePeriod",
    "AdditionalDocumentReference",
    "AccountingSupplierParty",
    "AccountingCustomerParty",
    "PaymentMeans",
    "PaymentTerms",
    "TaxTotal",
    "LegalMonetaryTotal",
    "InvoiceLine",
)

ET.register_namespace("", INVOICE_NS)
ET.register_namespace("cac", CAC)
ET.register_namespace("cbc", CBC)


def pdf_filename(invoice: Invoice) -> str:
    """The name of the invoice's PDF file (year, kommunkod and number only)."""
    return f"faktura-{invoice.number}.pdf"


def ubl_filename(invoice: Invoice) -> str:
    """The name of the invoice's UBL file."""
    return f"faktura-{invoice.number}.xml"


def _cbc(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{CBC}}}{tag}", attributes)
    element.text = text
    return element


def _cac(parent: ET.Element, tag: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{CAC}}}{tag}")


def _amount(parent: ET.Element, tag: str, ore: int, currency: str) -> None:
    _cbc(parent, tag, machine_amount(ore), currencyID=currency)


def invoice_ubl(invoice: Invoice, pdf: bytes) -> bytes:
    """The invoice as a PEPPOL BIS Billing 3.0 UBL document (UTF-8 bytes), with ``pdf``."""
    root = ET.Element(f"{{{INVOICE_NS}}}Invoice")
    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    _cbc(root, "ProfileID", PROFILE_ID)
    _cbc(root, "ID", invoice.number)
    _cbc(root, "IssueDate", invoice.issue_date.isoformat())
    _cbc(root, "DueDate", invoice.due_date.isoformat())
    _cbc(root, "InvoiceTypeCode", INVOICE_TYPE_COMMERCIAL)
    _cbc(root, "Note", _note(invoice))
    _cbc(root, "DocumentCurrencyCode", invoice.currency)
    _cbc(root, "BuyerReference", invoice.buyer_reference)
    period = _cac(root, "InvoicePeriod")
    _cbc(period, "StartDate", invoice.period_start.isoformat())
    _cbc(period, "EndDate", invoice.period_end.isoformat())
    _attachment(root, invoice, pdf)
    _party(_cac(root, "AccountingSupplierParty"), invoice.seller.name, invoice.seller.orgnr_digits)
    _party(_cac(root, "AccountingCustomerParty"), invoice.buyer.name, invoice.buyer.orgnr_digits)
    _payment(root, invoice)
    _tax_total(root, invoice)
    _monetary_total(root, invoice)
    for line in invoice.lines:
        _line(root, invoice, line)
    ET.indent(root, space="  ")
    document: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return document + b"\n"


def _note(invoice: Invoice) -> str:
    note = f"{invoice.cooperation} {invoice.year}: kostnadsfördelning mellan medlemskommunerna."
    return f"{invoice.example_note} {note}" if invoice.is_example else note


def _attachment(root: ET.Element, invoice: Invoice, pdf: bytes) -> None:
    reference = _cac(root, "AdditionalDocumentReference")
    _cbc(reference, "ID", invoice.number)
    _cbc(reference, "DocumentDescription", "Faktura i PDF-format")
    attachment = _cac(reference, "Attachment")
    _cbc(
        attachment,
        "EmbeddedDocumentBinaryObject",
        base64.b64encode(pdf).decode("ascii"),
        mimeCode="application/pdf",
        filename=pdf_filename(invoice),
    )


def _party(role: ET.Element, name: str, orgnr: str) -> None:
    party = _cac(role, "Party")
    _cbc(party, "EndpointID", orgnr, schemeID=SWEDISH_ORGNR_SCHEME)
    _cbc(_cac(party, "PartyName"), "Name", name)
    address = _cac(party, "PostalAddress")
    _cbc(_cac(address, "Country"), "IdentificationCode", "SE")
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", name)
    _cbc(legal, "CompanyID", orgnr, schemeID=SWEDISH_ORGNR_SCHEME)


def _payment(root: ET.Element, invoice: Invoice) -> None:
    means = _cac(root, "PaymentMeans")
    _cbc(means, "PaymentMeansCode", CREDIT_TRANSFER, name="Credit transfer")
    _cbc(means, "PaymentID", invoice.ocr)
    account = _cac(means, "PayeeFinancialAccount")
    _cbc(account, "ID", invoice.bankgiro.replace("-", ""))
    _cbc(account, "Name", invoice.seller.name)
    _cbc(_cac(account, "FinancialInstitutionBranch"), "ID", "SE:BANKGIRO")
    terms = _cac(root, "PaymentTerms")
    _cbc(terms, "Note", f"{invoice.payment_terms_days} dagar netto")


def _tax_category(parent: ET.Element, invoice: Invoice, *, with_reason: bool) -> None:
    _cbc(parent, "ID", invoice.vat_category)
    if with_reason and invoice.vat_exemption_code:
        _cbc(parent, "TaxExemptionReasonCode", invoice.vat_exemption_code)
    if with_reason and invoice.vat_exemption_reason:
        _cbc(parent, "TaxExemptionReason", invoice.vat_exemption_reason)
    _cbc(_cac(parent, "TaxScheme"), "ID", "VAT")


def _tax_total(root: ET.Element, invoice: Invoice) -> None:
    total = _cac(root, "TaxTotal")
    _amount(total, "TaxAmount", 0, invoice.currency)
    subtotal = _cac(total, "TaxSubtotal")
    _amount(subtotal, "TaxableAmount", invoice.amount_ore, invoice.currency)
    _amount(subtotal, "TaxAmount", 0, invoice.currency)
    _tax_category(_cac(subtotal, "TaxCategory"), invoice, with_reason=True)


def _monetary_total(root: ET.Element, invoice: Invoice) -> None:
    total = _cac(root, "LegalMonetaryTotal")
    for tag in (
        "LineExtensionAmount",
        "TaxExclusiveAmount",
        "TaxInclusiveAmount",
        "PayableAmount",
    ):
        _amount(total, tag, invoice.amount_ore, invoice.currency)


def _line(root: ET.Element, invoice: Invoice, line: InvoiceLine) -> None:
    ore = line.amount_ore
    element = _cac(root, "InvoiceLine")
    _cbc(element, "ID", str(line.number))
    _cbc(element, "Note", "; ".join(basis_text(line.basis)))
    _cbc(element, "InvoicedQuantity", "1", unitCode=UNIT_ONE)
    _amount(element, "LineExtensionAmount", ore, invoice.currency)
    item = _cac(element, "Item")
    _cbc(item, "Description", line.description)
    _cbc(item, "Name", line.name)
    _tax_category(_cac(item, "ClassifiedTaxCategory"), invoice, with_reason=False)
    price = _cac(element, "Price")
    _amount(price, "PriceAmount", ore, invoice.currency)
