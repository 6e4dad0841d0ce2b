"""Settling a year: credit notes and supplementary invoices against the register."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost import allocate, load_dataset
from norrort_cost.cli import app
from norrort_cost.loading.actual import with_actual_costs
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


def test_settling_without_a_register_is_a_usage_error(data_copy, tmp_path):
    """Without a register there is nothing to settle: exit 2, and no register is made."""
    args = ["--year", 2014, "--data-dir", data_copy, "--output", tmp_path / "o", "--dry-run"]
    result = invoke("settle", *args)
    assert result.exit_code == 2
    assert "there is no invoice register" in result.stderr
    assert not (data_copy / "register.sqlite").exists()


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


def write_actual(data: Path, path: Path, change_kr: int, *, twice: bool = False) -> Path:
    """actual.csv for 2014: every line as budgeted, the first changed by ``change_kr``."""
    lines = load_dataset(data).lines_for(2014)
    rows = [f'2014,"{line.line}",{line.amount_ore // 100}' for line in lines]
    rows[0] = f'2014,"{lines[0].line}",{lines[0].amount_ore // 100 + change_kr}'
    if twice:
        rows.append(rows[0])
    path.write_text("year,line,amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def quarterly(data_copy: Path, tmp_path: Path) -> Path:
    """A copy of the dataset whose 2014 is invoiced in four installments."""
    args = ["--year", 2014, "--issue-date", "2014-05-02", "--data-dir", data_copy]
    result = invoke("invoices", *args, "--installments", 4, "--output", tmp_path / "q")
    assert result.exit_code == 0, result.output
    return data_copy


def test_a_large_credit_is_spread_so_no_credit_note_exceeds_its_invoice(quarterly, tmp_path):
    """Österåker corrected up (a supplementary invoice), then an outcome 400 000 kr below
    budget: every credit note credits at most what remains of the invoice it references,
    latest first, and each member's documents add up to its recomputed difference."""
    change_population(quarterly, "0117", 41_495)
    args = ["--year", 2014, "--issue-date", "2014-09-01", "--data-dir", quarterly]
    assert invoke("settle", *args, "--output", tmp_path / "one").exit_code == 0
    before = {s.kommunkod: s.amount_ore for s in allocate(load_dataset(quarterly), 2014).shares}
    actual = write_actual(quarterly, tmp_path / "actual.csv", -400_000)
    dataset = with_actual_costs(load_dataset(quarterly), 2014, actual)
    after = {s.kommunkod: s.amount_ore for s in allocate(dataset, 2014).shares}
    later = ["--year", 2014, "--issue-date", "2014-12-01", "--data-dir", quarterly]
    result = invoke("settle", *later, "--actual", actual, "--output", tmp_path / "two")
    assert result.exit_code == 0, result.output
    with open_register(quarterly / "register.sqlite", create=False) as opened:
        rows = opened.documents(2014)
    credited: dict[str, int] = {}
    for row in rows:
        if row.kind == "credit-note":
            credited[row.corrects] = credited.get(row.corrects, 0) + row.amount_ore
    invoices = {r.number: r for r in rows if r.kind == "invoice"}
    assert all(credited[n] <= invoices[n].amount_ore for n in credited)
    new = [r for r in rows if r.issue_date is not None and str(r.issue_date) == "2014-12-01"]
    assert len({r.kommunkod for r in new}) == 14
    assert len(new) > 14  # the larger credits are spread over several invoices
    for code in {r.kommunkod for r in new}:
        mine = sum(-r.amount_ore for r in new if r.kommunkod == code)
        assert mine == after[code] - before[code]
    ekero = [r for r in new if r.kommunkod == "0125"]
    numbers = [int(invoices[r.corrects].number) for r in ekero]
    assert numbers == sorted(numbers, reverse=True)  # latest invoice first
    listed = invoke("register", "list", "--data-dir", quarterly, "--format", "json")
    remaining = {
        row["number"]: row["remaining"]
        for row in json.loads(listed.stdout)["documents"]
        if row["kind"] == "invoice"
    }
    for number, invoice in invoices.items():
        left = invoice.amount_ore - credited.get(number, 0)
        assert remaining[number] == f"{left // 100}.{left % 100:02d}"


def test_documents_and_the_register_say_what_changed(invoiced, tmp_path):
    """A population correction: the output, the register and the document name the figure
    that changed and both values; the supplementary invoice is titled as one."""
    change_population(invoiced, "0117", 41_495)
    out = tmp_path / "settled"
    args = ["--year", 2014, "--issue-date", "2014-09-01", "--data-dir", invoiced, "--output", out]
    result = invoke("settle", *args)
    assert result.exit_code == 0, result.output
    cause = "Folkmängd 2013-12-31 för Österåker ändrad från 40 495 till 41 495"
    said = "cause: Population 2013-12-31 of Österåker changed from 40 495 to 41 495"
    assert said in result.stdout
    assert all(r.cause == cause for r in documents(invoiced, "credit-note"))
    (xml,) = out.glob("faktura-2014-0117-*.xml")
    root = ET.fromstring(xml.read_bytes())  # noqa: S314 - our own output
    assert "Tilläggsfaktura i PDF-format" in xml.read_text(encoding="utf-8")
    assert cause in xml.read_text(encoding="utf-8")
    reference = "cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate"
    assert root.findtext(reference, namespaces=NS) == "2014-05-02"


def test_an_outcome_is_said_against_the_budget(invoiced, tmp_path):
    """Settling against actual costs says "Utfall 2014: … kr mot budget 857 000,00 kr"
    (in English: "Outcome 2014: … kr against a budget of …")."""
    actual = write_actual(invoiced, tmp_path / "actual.csv", 3_450)
    args = ["--year", 2014, "--data-dir", invoiced, "--actual", actual, "--dry-run"]
    result = invoke("settle", *args)
    assert result.exit_code == 0, result.output
    assert "Outcome 2014: 860 450,00 kr against a budget of 857 000,00 kr" in result.stdout
    swedish = invoke("--lang", "sv", "settle", *args)
    assert "orsak: Utfall 2014: 860 450,00 kr mot budget 857 000,00 kr" in swedish.stdout


def test_a_line_given_twice_in_actual_csv_is_refused_and_changes_nothing(invoiced, tmp_path):
    """The same line twice in actual.csv: exit 1, duplicate-row located on the second row's
    line, no document, the register as it was."""
    actual = write_actual(invoiced, tmp_path / "actual.csv", -7_000, twice=True)
    lines = len(actual.read_text(encoding="utf-8").splitlines())
    before = documents(invoiced, "invoice")
    args = ["--year", 2014, "--data-dir", invoiced, "--actual", actual]
    result = invoke("settle", *args, "--output", tmp_path / "o")
    assert result.exit_code == 1
    assert "duplicate-row" in result.output
    assert f"actual.csv:{lines}" in result.output or f"line {lines}" in result.output
    assert documents(invoiced, "invoice") == before
    assert documents(invoiced, "credit-note") == []
    assert not (tmp_path / "o").exists()


def test_settling_a_year_the_register_never_invoiced_is_refused_by_its_own_guard(
    invoiced, tmp_path
):
    """The register holds 2014 only: settling 2015 is refused as never invoiced (not for a
    missing register or directory), exit 2, nothing issued."""
    before = documents(invoiced, "invoice")
    args = ["--year", 2015, "--data-dir", invoiced, "--output", tmp_path / "o"]
    result = invoke("settle", *args)
    assert result.exit_code == 2
    assert "the register holds no invoice for 2015" in result.stderr
    with open_register(invoiced / "register.sqlite", create=False) as opened:
        assert opened.documents(2015) == []
    assert documents(invoiced, "invoice") == before
    assert not (tmp_path / "o").exists()


def test_a_settlement_dated_before_the_series_latest_is_refused(invoiced, tmp_path):
    """Settling with an issue date before the invoices' 2014-05-02: exit 2, nothing issued."""
    change_population(invoiced, "0117", 41_495)
    args = ["--year", 2014, "--issue-date", "2014-04-01", "--data-dir", invoiced]
    result = invoke("settle", *args, "--output", tmp_path / "o")
    assert result.exit_code == 2
    assert "earlier than 2014-05-02" in result.stderr
    assert documents(invoiced, "credit-note") == []


def test_a_document_is_titled_by_what_it_is():
    """FAKTURA for an invoice, KREDITFAKTURA for a credit note, TILLÄGGSFAKTURA for an
    invoice that corrects another; the PDF's "Avser faktura" gives number and date."""
    from dataclasses import replace
    from datetime import date

    from norrort_cost.invoicing.invoices import build_invoices
    from norrort_cost.rendering.pdf_sections import _references, title

    dataset = load_dataset()
    invoice = build_invoices(allocate(dataset, 2014), dataset, date(2014, 5, 2)).invoices[0]
    extra = replace(invoice, corrects="5", corrects_issue_date=date(2014, 5, 2))
    credit = replace(extra, kind="credit-note")
    assert [title(d).upper() for d in (invoice, credit, extra)] == [
        "FAKTURA",
        "KREDITFAKTURA",
        "TILLÄGGSFAKTURA",
    ]
    assert ("Avser faktura", "5 av 2014-05-02") in _references(extra)


def test_a_register_whose_credit_notes_credit_another_members_invoice_is_refused(invoiced):
    """A register changed by hand so that a credit note of Vallentuna takes back all of
    Österåker's invoice: Österåker's lower share cannot be credited within what its invoice
    has left, and the settlement is refused (a usage error naming the member), not issued
    short or ended by a traceback."""
    from dataclasses import replace
    from datetime import date

    from norrort_cost.invoicing.settlement import settle
    from norrort_cost.problems import UsageError

    rows = documents(invoiced, "invoice")
    osteraker = next(r for r in rows if r.kommunkod == "0117")
    vallentuna = next(r for r in rows if r.kommunkod == "0115")
    changed = replace(
        vallentuna,
        kind="credit-note",
        number="999",
        sequence=999,
        corrects=osteraker.number,
        amount_ore=osteraker.amount_ore,
    )
    change_population(invoiced, "0117", 39_495)  # lower: a credit
    dataset = load_dataset(invoiced)
    with pytest.raises(UsageError, match="0117 would be credited"):
        settle(allocate(dataset, 2014), dataset, [*rows, changed], date(2014, 9, 1), 1000)


def test_the_latest_invoice_is_the_latest_issued_whatever_order_the_register_gives():
    """A member's invoices are taken latest first by issue date, then by number, however
    the register returned them (a supplementary invoice refers to the latest)."""
    from dataclasses import replace
    from datetime import date

    from norrort_cost.invoicing.register import internal_share
    from norrort_cost.invoicing.settlement import latest_first

    row = replace(internal_share(2014, "0115", "Vallentuna", 100), kind="invoice")
    first = replace(row, number="7", sequence=7, issue_date=date(2014, 5, 2), row_id=3)
    second = replace(row, number="8", sequence=8, issue_date=date(2014, 5, 2), row_id=1)
    later = replace(row, number="9", sequence=9, issue_date=date(2014, 9, 1), row_id=2)
    for given in ([first, second, later], [later, second, first], [second, later, first]):
        assert [r.number for r in latest_first(given)] == ["9", "8", "7"]
