"""The invoice register: numbers from the seller's series, refusal, installments, export."""

from __future__ import annotations

import json
import sqlite3
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost import allocate
from norrort_cost.cli import app
from norrort_cost.storage.register import SCHEMA_VERSION, open_register

runner = CliRunner()
ISSUE = ["--issue-date", "2014-05-02"]
ADD_RUN = "INSERT INTO runs (run_id, command, year) VALUES ('x', 'test', ?)"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def tree(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture(scope="module")
def register_file(module_home):
    """The register of the embedded dataset, in the module's private data directory."""
    return module_home / "norrort-cost" / "register.sqlite"


@pytest.fixture(scope="module")
def quarterly(tmp_path_factory, module_home):
    """2014 with 4 installments into an empty register (the embedded dataset)."""
    out = tmp_path_factory.mktemp("q") / "out"
    result = invoke("invoices", "--year", 2014, "--installments", 4, *ISSUE, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_four_installments_make_55_invoices_with_consecutive_numbers(quarterly, dataset):
    """13 whole-year members × 4 installments plus Ekerö's 3 (a member from 2014-04-15),
    numbered 1 … 55; each member's installments sum to its share."""
    summary = json.loads((quarterly / "fakturor-2014.json").read_text(encoding="utf-8"))
    rows = summary["invoices"]
    assert [row["invoice_number"] for row in rows] == [str(n) for n in range(1, 56)]
    shares = {s.kommunkod: s.amount_ore for s in allocate(dataset, 2014).shares}
    for code in {row["kommunkod"] for row in rows} - {"0125"}:
        mine = [row for row in rows if row["kommunkod"] == code]
        assert [row["installment"] for row in mine] == [1, 2, 3, 4]
        assert sum(row["amount_ore"] for row in mine) == shares[code]
        assert max(r["amount_ore"] for r in mine) - min(r["amount_ore"] for r in mine) <= 1
    assert len({row["ocr"] for row in rows}) == 55
    ekero = [row for row in rows if row["kommunkod"] == "0125"]
    assert [(r["period_start"], r["period_end"]) for r in ekero][2] == ("2014-10-01", "2014-12-31")
    assert ekero[2]["due_date"] == "2014-10-31"  # 30 days after the quarter begins


def test_installments_lie_inside_membership_and_split_by_its_days(quarterly, dataset):
    """Ekerö (a member from 2014-04-15) pays 2014 in three installments: 15 April–30 June
    (77 of the quarter's 91 days), Q3 and Q4 (whole), weighed 77/91 : 1 : 1 and summing
    exactly to its share."""
    summary = json.loads((quarterly / "fakturor-2014.json").read_text(encoding="utf-8"))
    ekero = [row for row in summary["invoices"] if row["kommunkod"] == "0125"]
    assert [(r["period_start"], r["period_end"]) for r in ekero] == [
        ("2014-04-15", "2014-06-30"),
        ("2014-07-01", "2014-09-30"),
        ("2014-10-01", "2014-12-31"),
    ]
    assert [(r["installment"], r["installments"]) for r in ekero] == [(1, 3), (2, 3), (3, 3)]
    share = next(s.amount_ore for s in allocate(dataset, 2014).shares if s.kommunkod == "0125")
    assert sum(r["amount_ore"] for r in ekero) == share
    weights = [Fraction(77, 91), Fraction(1), Fraction(1)]
    exact = [share * w / sum(weights) for w in weights]
    assert all(abs(r["amount_ore"] - e) < 1 for r, e in zip(ekero, exact, strict=True))


def test_the_register_holds_every_invoice_and_the_internal_share(quarterly, register_file, dataset):
    """55 invoices plus Lidingö's internal share, summing to the budget, with file hashes."""
    with open_register(register_file, create=False) as opened:
        rows = opened.documents(2014)
    assert [r.kind for r in rows].count("invoice") == 55
    (internal,) = [r for r in rows if r.kind == "internal"]
    assert internal.kommunkod == "0186"
    assert sum(r.amount_ore for r in rows) == allocate(dataset, 2014).budget_ore
    first = rows[0]
    assert [name for name, _ in first.files] == [
        "faktura-2014-0114-1.pdf",
        "faktura-2014-0114-1.xml",
    ]


def test_a_second_run_is_refused_and_changes_nothing(quarterly):
    """Invoicing 2014 again names the existing invoice, exits 2 and touches no file."""
    before = tree(quarterly)
    result = invoke("invoices", "--year", 2014, *ISSUE, "--out", quarterly)
    assert result.exit_code == 2
    assert "already invoiced" in result.output
    assert "has invoice 1 of 2014-05-02" in result.output
    assert tree(quarterly) == before


def test_member_re_sends_identical_copies(quarterly, register_file, tmp_path):
    """--municipality for an invoiced member writes its registered files again, byte for byte."""
    with open_register(register_file, create=False) as opened:
        before = len(opened.documents())
    copy = tmp_path / "copy"
    args = ["--year", 2014, "--municipality", "Ekerö", "--out", copy]
    result = invoke("invoices", *args, "--register", register_file)
    assert result.exit_code == 0, result.output
    assert "re-sent identical copies" in result.output
    sent = tree(copy)
    assert len(sent) == 6  # Ekerö's three installments, PDF and UBL each
    assert all(sent[name] == (quarterly / name).read_bytes() for name in sent)
    with open_register(register_file, create=False) as opened:
        assert len(opened.documents()) == before


def test_member_issues_one_members_invoice_then_the_year_refuses_it(tmp_path):
    """--municipality on an empty register issues number 1 to that member only."""
    out = tmp_path / "out"
    result = invoke("invoices", "--year", 2014, "-m", "0125", *ISSUE, "--out", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".pdf") == [
        "faktura-2014-0125-1.pdf"
    ]
    again = invoke("invoices", "--year", 2014, *ISSUE, "--out", out)
    assert again.exit_code == 2
    assert "Ekerö kommun (0125) has invoice 1" in again.output


def test_register_list_show_and_export(quarterly, register_file, tmp_path):
    """The register lists as a table, shows one number, exports CSV, JSON and XLSX."""
    register = register_file
    listed = invoke("register", "list", "--register", register, "--year", 2014)
    assert listed.exit_code == 0, listed.output
    assert "Invoice register" in listed.output
    swedish = invoke("register", "list", "--register", register, "--lang", "sv")
    assert "Fakturaregister" in swedish.output
    shown = invoke("register", "show", "19", "--register", register, "--format", "json")
    (document,) = json.loads(shown.output)["documents"]
    assert (document["kommunkod"], document["installment"]) == ("0125", 3)
    csv_file = tmp_path / "r.csv"
    assert invoke("register", "export", "-o", csv_file, "--register", register).exit_code == 0
    assert len(csv_file.read_text(encoding="utf-8").splitlines()) == 1 + 55 + 1
    xlsx = tmp_path / "r.xlsx"
    result = invoke("register", "export", "-o", xlsx, "-f", "xlsx", "--register", register)
    assert result.exit_code == 0
    assert xlsx.read_bytes().startswith(b"PK")


def test_show_an_unknown_number_is_a_usage_error(quarterly, register_file):
    """A number the register does not hold exits 2."""
    result = invoke("register", "show", "999", "--register", register_file)
    assert result.exit_code == 2
    assert "no document '999'" in result.output


def test_register_has_a_schema_version_and_refuses_a_newer_one(tmp_path):
    """A new register is at the current schema version; a newer one is not touched."""
    path = tmp_path / "r.sqlite"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    result = invoke("register", "list", "--register", path)
    assert result.exit_code == 2
    assert "use a newer norrort-cost" in result.output
    fresh = tmp_path / "fresh.sqlite"
    with open_register(fresh) as opened:
        opened.connection.execute(ADD_RUN, (2014,))
    connection = sqlite3.connect(fresh)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()


def test_register_beside_a_dataset_and_a_series_from_the_settings(data_copy, tmp_path):
    """With --data-dir the register is register.sqlite there; the series' prefix is used."""
    settings = data_copy / "cooperation.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text + '\n[invoicing.seller_series."0186"]\nprefix = "LS"\nfirst = 1001\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["--year", 2014, *ISSUE, "--format", "json", "--data-dir", data_copy, "--out", out]
    result = invoke("invoices", *args)
    assert result.exit_code == 0, result.output
    assert (data_copy / "register.sqlite").is_file()
    summary = json.loads((out / "fakturor-2014.json").read_text(encoding="utf-8"))
    assert summary["invoices"][0]["invoice_number"] == "LS1001"
    assert summary["invoices"][-1]["invoice_number"] == "LS1014"


def test_a_series_prefix_that_cannot_name_a_file_is_a_located_problem(data_copy, tmp_path):
    """A prefix with a slash is refused with the project's code, not pydantic's, and a hint."""
    settings = data_copy / "cooperation.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text + '\n[invoicing.seller_series."0186"]\nprefix = "LS/"\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    args = ["--year", 2014, *ISSUE, "--format", "json", "--data-dir", data_copy, "--out", out]
    result = invoke("invoices", *args)
    assert result.exit_code == 1
    assert "invalid-series-prefix" in result.output
    assert "string_pattern_mismatch" not in result.output
    assert "letters a-z, digits and dashes" in result.output
    assert not out.exists()


def test_installments_other_than_1_2_4_12_are_refused(tmp_path):
    """--installments 3 is a usage error and writes nothing."""
    out = tmp_path / "out"
    result = invoke("invoices", "--year", 2014, "--installments", 3, *ISSUE, "--out", out)
    assert result.exit_code == 2
    assert not out.exists()


def test_a_missing_buyer_reference_is_warned_about(tmp_path):
    """No buyer reference in the data: a warning names the members (no silent fallback)."""
    out = tmp_path / "out"
    result = invoke("invoices", "--year", 2014, *ISSUE, "-f", "json", "--out", out)
    assert "warning: no buyer reference" in result.output
    assert "0125" in result.output


def test_a_register_in_use_by_another_run_is_refused(tmp_path):
    """Two runs into different directories but one register: the second refuses."""
    register = tmp_path / "r.sqlite"
    with open_register(register) as opened:
        opened.connection.execute(ADD_RUN, (2013,))
    holder = sqlite3.connect(register, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        out = tmp_path / "out"
        result = invoke("invoices", "--year", 2014, *ISSUE, "--register", register, "--out", out)
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 2
    assert "is in use by another run" in result.output
    assert not out.exists()


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_register_list_never_cuts_an_amount_or_a_date(quarterly, register_file, columns):
    """At any width every amount and due date of the register shows whole, on one line."""
    register = register_file
    listed = runner.invoke(
        app, ["register", "list", "--register", str(register)], env={"COLUMNS": str(columns)}
    )
    assert listed.exit_code == 0, listed.output
    rows = json.loads(
        invoke("register", "list", "--register", register, "--format", "json").stdout
    )["documents"]
    for row in rows:
        whole = row["amount"].replace(".", ",")
        kronor, ore = whole.split(",")
        grouped = f"{int(kronor):,}".replace(",", "\N{NO-BREAK SPACE}") + "," + ore
        assert grouped in listed.stdout
    assert all(len(line) <= columns for line in listed.stdout.splitlines())
