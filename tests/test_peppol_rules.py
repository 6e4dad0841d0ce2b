"""Optional: the UBL passes the official EN 16931 and PEPPOL BIS Billing 3.0 rules.

Skipped unless ``NORRORT_PEPPOL_RULES`` names a directory holding the rules compiled to
XSLT (``CEN-EN16931-UBL.xsl``, ``PEPPOL-EN16931-UBL.xsl``) and ``saxonche`` is installed;
nothing of the rules is kept in this repository. The README says how the last check was
run and with which release.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from norrort_cost import allocate, load_dataset
from norrort_cost.invoicing.invoices import Numbering, build_invoices
from norrort_cost.invoicing.register import registered_invoice
from norrort_cost.invoicing.settlement import settle
from norrort_cost.rendering.pdf import invoice_pdf
from norrort_cost.rendering.ubl import invoice_ubl

RULES = os.environ.get("NORRORT_PEPPOL_RULES", "")
SVRL = "{http://purl.oclc.org/dsdl/svrl}failed-assert"
pytestmark = pytest.mark.skipif(not RULES, reason="NORRORT_PEPPOL_RULES is not set")


def documents():
    dataset = load_dataset()
    run = build_invoices(allocate(dataset, 2014), dataset, date(2014, 5, 2))
    quarterly = build_invoices(
        allocate(dataset, 2014), dataset, date(2014, 5, 2), None, Numbering(15, 4)
    )
    population = tuple(
        f.model_copy(update={"inhabitants": f.inhabitants + 1000})
        if (f.kommunkod, f.reference_date) == ("0117", date(2013, 12, 31))
        else f
        for f in dataset.population
    )
    corrected = dataset.model_copy(update={"population": population})
    recorded = [registered_invoice(i, {}) for i in run.invoices]
    figures = {
        s.kommunkod: (s.population_date, s.inhabitants) for s in allocate(dataset, 2014).shares
    }
    settled = settle(
        allocate(corrected, 2014), corrected, recorded, date(2014, 9, 1), 71, figures=figures
    )
    supplementary = [d for d in settled.documents if not d.is_credit_note]
    # a large credit spread over a member's installments: one credit note per invoice
    lower = dataset.model_copy(
        update={"budget_lines": tuple(
            line.model_copy(update={"amount_ore": line.amount_ore // 2}) if line.year == 2014
            else line for line in dataset.budget_lines
        )}
    )  # fmt: skip
    in_quarters = [registered_invoice(i, {}) for i in quarterly.invoices]
    spread = settle(allocate(lower, 2014), lower, in_quarters, date(2014, 12, 1), 200)
    ekero = [d for d in spread.documents if d.buyer.kommunkod == "0125"]
    return [
        *run.invoices[:2],
        *quarterly.invoices[:4],
        *settled.documents[:3],
        *supplementary,
        *ekero,
    ]


def test_invoices_and_credit_notes_have_no_fatal_finding(tmp_path):
    """Every kind of document: no fatal EN 16931 or PEPPOL finding."""
    saxonche = pytest.importorskip("saxonche")
    from xml.etree import ElementTree as ET

    rules = [Path(RULES) / "CEN-EN16931-UBL.xsl", Path(RULES) / "PEPPOL-EN16931-UBL.xsl"]
    fatal = []
    with saxonche.PySaxonProcessor(license=False) as processor:
        compiler = processor.new_xslt30_processor()
        executables = [compiler.compile_stylesheet(stylesheet_file=str(r)) for r in rules]
        for document in documents():
            path = tmp_path / f"{document.number}.xml"
            path.write_bytes(invoice_ubl(document, invoice_pdf(document)))
            for executable in executables:
                node = processor.parse_xml(xml_file_name=str(path))
                report = ET.fromstring(executable.transform_to_string(xdm_node=node))  # noqa: S314
                fatal += [
                    (document.number, f.get("id"))
                    for f in report.iter(SVRL)
                    if f.get("flag") == "fatal"
                ]
    assert fatal == []
