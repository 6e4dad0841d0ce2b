"""Settling a year: credit notes and supplementary invoices against the register."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost import allocate, load_dataset
from norrort_cost.cli import app
from norrort_cost.storage.register import open_register

runner = CliRunner()
NS = {
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def invoiced(data_copy: Path, tmp_path: Path) -> Path:
    """A copy of the dataset whose 2014 is invoiced (register beside the dataset)."""
    out = tmp_path / "out"
    args = ["--year", 2014, "--issue-date", "2014-05-02", "--data-dir", data_copy, "--output", out]
    result = invoke("invoices", *args)
    assert result.exit_code == 0, result.output
    return data_copy


def change_population(data: Path, kommunkod: str, inhabitants: int) -> None:
    path = data / "population.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    prefix = f"{kommunkod},2013-12-31,"
    lines = [
        f"{prefix}{inhabitants},corrected" if line.startswith(prefix) else line for line in lines
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def documents(data: Path, kind: str) -> list:
    with open_register(data / "register.sqlite", create=False) as opened:
        return [r for r in opened.documents(2014) if r.kind == kind]


def test_a_population_correction_settles_to_zero(invoiced, tmp_path):
    """Österåker's figure corrected: per member the difference of the two allocations, sum 0."""
    before = {s.kommunkod: s.amount_ore for s in allocate(load_dataset(invoiced), 2014).shares}
    change_population(invoiced, "0117", 41_495)
    after = {s.kommunkod: s.amount_ore for s in allocate(load_dataset(invoiced), 2014).shares}
    out = tmp_path / "settled"
    args = ["--year", 2014, "--issue-date", "2014-09-01", "--data-dir", invoiced, "--output", out]
    result = invoke("settle", *args)
    assert result.exit_code == 0, result.output
    assert "total change 0,00 kr" in result.output
    credited = {r.kommunkod: -r.amount_ore for r in documents(invoiced, "credit-note")}
    extra = {r.kommunkod: r.amount_ore for r in documents(invoiced, "invoice") if r.corrects}
    (internal,) = [r for r in documents(invoiced, "internal") if r.amount_ore != before["0186"]]
    changes = {**credited, **extra, "0186": internal.amount_ore}
    assert changes == {k: after[k] - before[k] for k in before if after[k] != before[k]}
    assert sum(changes.values()) == 0
    assert extra == {"0117": after["0117"] - before["0117"]}
    assert len(credited) == 13


def test_credit_notes_are_peppol_credit_notes_referring_to_the_invoice(invoiced, tmp_path):
    """A credit note is UBL CreditNote type 381 with BillingReference to the original."""
    change_population(invoiced, "0117", 41_495)
    out = tmp_path / "settled"
    args = ["--year", 2014, "--issue-date", "2014-09-01", "--data-dir", invoiced, "--output", out]
    assert invoke("settle", *args).exit_code == 0
    (xml,) = out.glob("kreditfaktura-2014-0125-*.xml")
    root = ET.fromstring(xml.read_bytes())  # noqa: S314 - our own output
    assert root.tag == f"{{{NS['cn']}}}CreditNote"
    assert root.findtext("cbc:CreditNoteTypeCode", namespaces=NS) == "381"
    reference = "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"
    assert root.findtext(reference, namespaces=NS) == "5"
    assert root.find("cac:CreditNoteLine/cbc:CreditedQuantity", NS) is not None
    assert root.find("cbc:DueDate", NS) is None
    assert (out / xml.name.replace(".xml", ".pdf")).is_file()


def test_actual_costs_settle_to_actual_minus_budget(invoiced, tmp_path):
    """With actual.csv the differences sum to actual − budget (here 7 000,00 kr less)."""
    dataset = load_dataset(invoiced)
    lines = dataset.lines_for(2014)
    actual = tmp_path / "actual.csv"
    rows = [f'2014,"{line.line}",{line.amount_ore // 100}' for line in lines]
    rows[0] = f'2014,"{lines[0].line}",{lines[0].amount_ore // 100 - 7000}'
    actual.write_text("year,line,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    args = ["--year", 2014, "--data-dir", invoiced, "--output", tmp_path / "o", "--actual", actual]
    result = invoke("settle", *args, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "total change -7 000,00 kr" in result.output
    assert not (tmp_path / "o").exists()
    assert documents(invoiced, "credit-note") == []


def test_an_actual_cost_for_an_unknown_line_is_a_located_problem(invoiced, tmp_path):
    """actual.csv naming no budget line, or missing one, exits 1 with located problems."""
    actual = tmp_path / "actual.csv"
    actual.write_text("year,line,amount\n2014,Kaffe,100\n", encoding="utf-8")
    args = ["--year", 2014, "--data-dir", invoiced, "--output", tmp_path / "o", "--actual", actual]
    result = invoke("settle", *args, "--dry-run")
    assert result.exit_code == 1
    assert "unknown-budget-line" in result.output
    assert "missing-actual-cost" in result.output


def test_settling_a_year_never_invoiced_is_a_usage_error(data_copy, tmp_path):
    """Without invoices in the register there is nothing to settle."""
    args = ["--year", 2014, "--data-dir", data_copy, "--output", tmp_path / "o", "--dry-run"]
    assert invoke("settle", *args).exit_code == 2


def test_a_settled_year_settles_to_nothing_more(invoiced, tmp_path):
    """Settling twice: the second time every difference is 0 and no document is issued."""
    change_population(invoiced, "0117", 41_495)
    args = ["--year", 2014, "--issue-date", "2014-09-01", "--data-dir", invoiced]
    assert invoke("settle", *args, "--output", tmp_path / "one").exit_code == 0
    again = invoke("settle", *args, "--output", tmp_path / "two")
    assert again.exit_code == 0, again.output
    assert "0 documents" in again.output
    assert not list((tmp_path / "two").glob("*.xml"))


def test_a_dry_run_needs_no_output_directory(invoiced):
    """`settle --dry-run` shows the differences without --output; nothing is issued."""
    change_population(invoiced, "0117", 41_495)
    result = invoke("settle", "--year", 2014, "--data-dir", invoiced, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "0117" in result.stdout
    assert documents(invoiced, "credit-note") == []


def test_settling_for_real_without_an_output_directory_is_a_usage_error(invoiced):
    """Without --dry-run the documents need a directory: exit 2, the register unchanged."""
    change_population(invoiced, "0117", 41_495)
    result = invoke("settle", "--year", 2014, "--data-dir", invoiced)
    assert result.exit_code == 2
    assert "--output" in result.stderr
    assert documents(invoiced, "credit-note") == []


def test_the_hint_for_a_missing_actual_cost_is_a_row_that_can_be_pasted(invoiced, tmp_path):
    """A line name with a comma is quoted in the hint, so the suggested row reads as 3 cells."""
    actual = tmp_path / "actual.csv"
    actual.write_text("year,line,amount\n2014,Resor och övrigt,100\n", encoding="utf-8")
    args = ["--year", 2014, "--data-dir", invoiced, "--actual", actual, "--dry-run"]
    result = invoke("settle", *args)
    assert result.exit_code == 1
    assert 'add a row 2014,"Lokal, IT och administration",AMOUNT' in result.output
