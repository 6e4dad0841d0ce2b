"""Invoices and credit notes as UBL 2.1 XML following PEPPOL BIS Billing 3.0 (EN 16931).

Elements are written in the order of the UBL 2.1 Invoice and CreditNote schemas
(``TOP_LEVEL_ORDER``). A credit note (type 381) and a supplementary invoice name the
invoice they correct in ``BillingReference``; a credit note has no due date and no
payment means (the amount is settled against the member's next invoice or paid back).
Parties are identified by the ten-digit organisationsnummer with ICD scheme 0007 (the
Swedish scheme); municipalities here have no VAT identifiers. VAT category ``O`` ("not
subject to VAT") carries its exemption reason. The bankgiro is the payee account with
branch ``SE:BANKGIRO``; the OCR reference is the payment ID. The PDF rendering is
embedded as an attachment.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from norrort_cost.invoicing.documents import Invoice, Party
from norrort_cost.invoicing.lines import CorrectionBasis, InvoiceLine
from norrort_cost.money import machine_amount
from norrort_cost.rendering.invoice_text import (
    basis_text,
    cause_lines,
    example_note,
    line_description,
    line_name,
    preliminary_note,
)

INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
SWEDISH_ORGNR_SCHEME = "0007"
INVOICE_TYPE_COMMERCIAL = "380"
CREDIT_NOTE_TYPE = "381"
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
    "CreditNoteTypeCode",
    "Note",
    "DocumentCurrencyCode",
    "BuyerReference",
    "InvoicePeriod",
    "BillingReference",
    "AdditionalDocumentReference",
    "AccountingSupplierParty",
    "AccountingCustomerParty",
    "PaymentMeans",
    "PaymentTerms",
    "TaxTotal",
    "LegalMonetaryTotal",
    "InvoiceLine",
    "CreditNoteLine",
)

ET.register_namespace("cac", CAC)
ET.register_namespace("cbc", CBC)


def _stem(invoice: Invoice) -> str:
    word = "kreditfaktura" if invoice.is_credit_note else "faktura"
    return f"{word}-{invoice.year}-{invoice.buyer.kommunkod}-{invoice.number}"


def pdf_filename(invoice: Invoice) -> str:
    """The name of the document's PDF file (kind, year, kommunkod and number only)."""
    return f"{_stem(invoice)}.pdf"


def ubl_filename(invoice: Invoice) -> str:
    """The name of the document's UBL file."""
    return f"{_stem(invoice)}.xml"


def _cbc(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{CBC}}}{tag}", attributes)
    element.text = text
    return element


def _cac(parent: ET.Element, tag: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{CAC}}}{tag}")


def _amount(parent: ET.Element, tag: str, ore: int, currency: str) -> None:
    _cbc(parent, tag, machine_amount(ore), currencyID=currency)


def invoice_ubl(invoice: Invoice, pdf: bytes) -> bytes:
    """The document as PEPPOL BIS Billing 3.0 UBL (UTF-8 bytes), with ``pdf`` attached."""
    credit = invoice.is_credit_note
    root = ET.Element(f"{{{CREDIT_NOTE_NS if credit else INVOICE_NS}}}{_root_tag(invoice)}")
    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    _cbc(root, "ProfileID", PROFILE_ID)
    _cbc(root, "ID", invoice.number)
    _cbc(root, "IssueDate", invoice.issue_date.isoformat())
    if not credit:
        _cbc(root, "DueDate", invoice.due_date.isoformat())
    code = CREDIT_NOTE_TYPE if credit else INVOICE_TYPE_COMMERCIAL
    _cbc(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode", code)
    _cbc(root, "Note", _note(invoice))
    _cbc(root, "DocumentCurrencyCode", invoice.currency)
    _cbc(root, "BuyerReference", invoice.buyer_reference)
    period = _cac(root, "InvoicePeriod")
    _cbc(period, "StartDate", invoice.period_start.isoformat())
    _cbc(period, "EndDate", invoice.period_end.isoformat())
    if invoice.corrects:
        reference = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
        _cbc(reference, "ID", invoice.corrects)
        if invoice.corrects_issue_date is not None:
            _cbc(reference, "IssueDate", invoice.corrects_issue_date.isoformat())
    _attachment(root, invoice, pdf)
    _party(_cac(root, "AccountingSupplierParty"), invoice.seller, invoice)
    _party(_cac(root, "AccountingCustomerParty"), invoice.buyer, None)
    if not credit:
        _payment(root, invoice)
    _tax_total(root, invoice)
    _monetary_total(root, invoice)
    for line in invoice.lines:
        _line(root, invoice, line)
    ET.indent(root, space="  ")
    ET.register_namespace("", CREDIT_NOTE_NS if credit else INVOICE_NS)  # the root's, unprefixed
    document: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return document + b"\n"


def _root_tag(invoice: Invoice) -> str:
    return "CreditNote" if invoice.is_credit_note else "Invoice"


def _note(invoice: Invoice) -> str:
    note = f"{invoice.cooperation} {invoice.year}: kostnadsfördelning mellan medlemskommunerna."
    if invoice.is_preliminary:
        note = f"{note} {preliminary_note(invoice)}"
    bases = [line.basis for line in invoice.lines if isinstance(line.basis, CorrectionBasis)]
    if bases:
        note = f"{note} Avräkning: {'; '.join(cause_lines(bases[0].causes))}."
    return f"{example_note(invoice)} {note}" if invoice.is_example else note


def _attachment(root: ET.Element, invoice: Invoice, pdf: bytes) -> None:
    reference = _cac(root, "AdditionalDocumentReference")
    _cbc(reference, "ID", invoice.number)
    word = "Faktura"
    if invoice.is_credit_note:
        word = "Kreditfaktura"
    elif invoice.corrects:
        word = "Tilläggsfaktura"
    _cbc(reference, "DocumentDescription", f"{word} i PDF-format")
    attachment = _cac(reference, "Attachment")
    _cbc(
        attachment,
        "EmbeddedDocumentBinaryObject",
        base64.b64encode(pdf).decode("ascii"),
        mimeCode="application/pdf",
        filename=pdf_filename(invoice),
    )


def _endpoint(party: Party) -> tuple[str, str]:
    """The PEPPOL endpoint (scheme, id): the dataset's PEPPOL id, else the orgnr (0007)."""
    scheme, _, identifier = party.peppol_id.partition(":")
    if scheme and identifier:
        return scheme, identifier
    return SWEDISH_ORGNR_SCHEME, party.orgnr_digits


def _party(role: ET.Element, who: Party, invoice: Invoice | None) -> None:
    party = _cac(role, "Party")
    scheme, endpoint = _endpoint(who)
    _cbc(party, "EndpointID", endpoint, schemeID=scheme)
    _cbc(_cac(party, "PartyName"), "Name", who.name)
    address = _cac(party, "PostalAddress")
    if who.street_address:
        _cbc(address, "StreetName", who.street_address)
    if who.city:
        _cbc(address, "CityName", who.city)
    if who.postal_code:
        _cbc(address, "PostalZone", who.postal_code)
    _cbc(_cac(address, "Country"), "IdentificationCode", "SE")
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", who.name)
    _cbc(legal, "CompanyID", who.orgnr_digits, schemeID=SWEDISH_ORGNR_SCHEME)
    contact = invoice.contact if invoice is not None else None
    if contact is not None and (
        contact.name or contact.our_reference or contact.phone or contact.email
    ):
        element = _cac(party, "Contact")
        if contact.our_reference or contact.name:
            _cbc(element, "Name", contact.our_reference or contact.name)
        if contact.phone:
            _cbc(element, "Telephone", contact.phone)
        if contact.email:
            _cbc(element, "ElectronicMail", contact.email)


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
    credit = invoice.is_credit_note
    element = _cac(root, "CreditNoteLine" if credit else "InvoiceLine")
    _cbc(element, "ID", str(line.number))
    _cbc(element, "Note", "; ".join(basis_text(line.basis)))
    _cbc(element, "CreditedQuantity" if credit else "InvoicedQuantity", "1", unitCode=UNIT_ONE)
    _amount(element, "LineExtensionAmount", ore, invoice.currency)
    item = _cac(element, "Item")
    _cbc(item, "Description", line_description(line.subject))
    _cbc(item, "Name", line_name(line.subject))
    _tax_category(_cac(item, "ClassifiedTaxCategory"), invoice, with_reason=False)
    price = _cac(element, "Price")
    _amount(price, "PriceAmount", ore, invoice.currency)
