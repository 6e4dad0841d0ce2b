"""``norrort-cost invoices``: files written, summary, determinism and safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.rendering import invoice_set
from norrort_cost.storage import issuing

runner = CliRunner()
ARGS_2014 = ["invoices", "--year", "2014", "--issue-date", "2014-05-02"]


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def snapshot(directory: Path) -> dict[str, bytes]:
    """The invoice files of a directory (the register beside them is compared on its own)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(directory.iterdir())
        if p.is_file() and p.suffix != ".sqlite"
    }


@pytest.fixture(scope="module")
def out_2014(tmp_path_factory, module_home):
    out = tmp_path_factory.mktemp("inv") / "inv"
    result = invoke(*ARGS_2014, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_2014_writes_14_invoices_in_pdf_and_ubl_plus_summary(out_2014):
    """Everyone but Lidingö gets a PDF and a UBL file; the summary is CSV and JSON."""
    names = {p.name for p in out_2014.iterdir()}
    pdfs = {n for n in names if n.endswith(".pdf")}
    xmls = {n for n in names if n.endswith(".xml")}
    assert len(pdfs) == len(xmls) == 14
    assert "faktura-2014-0125-5.pdf" in pdfs
    assert not any("-0186-" in n for n in names)
    assert {"fakturor-2014.csv", "fakturor-2014.json"} <= names
    assert "register.sqlite" not in names  # the register lives in the user's data directory
    assert len(names) == 30


def test_summary_totals_the_budget_with_lidingos_internal_share(out_2014):
    """Invoiced amounts plus Lidingö's internal share total 857 000,00 kr."""
    summary = json.loads((out_2014 / "fakturor-2014.json").read_text(encoding="utf-8"))
    assert summary["seller"]["kommunkod"] == "0186"
    assert summary["internal"]["kommunkod"] == "0186"
    assert summary["totals"]["budget"] == "857000.00"
    amounts = [row["amount_ore"] for row in summary["invoices"]]
    assert sum(amounts) + summary["internal"]["amount_ore"] == 85700000
    ekero = next(row for row in summary["invoices"] if row["kommunkod"] == "0125")
    assert ekero["amount"] == "24291.03"
    assert ekero["files"] == "faktura-2014-0125-5.pdf faktura-2014-0125-5.xml"
    csv_lines = (out_2014 / "fakturor-2014.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_lines) == 1 + 14 + 1
    assert csv_lines[-1].startswith("internal,,2014,0186,Lidingö")


def test_rerun_gives_identical_bytes(out_2014, tmp_path):
    """The same command with the same issue date, into a fresh register, writes
    byte-identical files."""
    again = tmp_path / "again"
    fresh = ["--register", tmp_path / "fresh.sqlite"]
    assert invoke(*ARGS_2014, "--out", again, *fresh).exit_code == 0
    assert snapshot(again) == snapshot(out_2014)


def test_refuses_to_overwrite_without_force(tmp_path):
    """Existing files are left alone and the command exits 2 naming --force."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "fakturor-2014.csv").write_text("mine\n", encoding="utf-8")
    result = invoke(*ARGS_2014, "--format", "csv,json", "--out", out)
    assert result.exit_code == 2
    assert "--force" in result.output
    assert snapshot(out) == {"fakturor-2014.csv": b"mine\n"}


def test_force_replaces_existing_files(tmp_path):
    """With --force the existing files are replaced."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "fakturor-2014.csv").write_text("mine\n", encoding="utf-8")
    result = invoke(*ARGS_2014, "--format", "csv", "--out", out, "--force")
    assert result.exit_code == 0, result.output
    assert (out / "fakturor-2014.csv").read_text(encoding="utf-8").startswith("kind,")


def test_failure_while_rendering_writes_nothing(tmp_path, monkeypatch):
    """If rendering the third e-invoice fails, no file at all is written."""
    calls = []
    real = invoice_set.invoice_ubl

    def failing(invoice, pdf):
        calls.append(invoice)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return real(invoice, pdf)

    monkeypatch.setattr(invoice_set, "invoice_ubl", failing)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x", encoding="utf-8")
    result = invoke(*ARGS_2014, "--out", out)
    assert isinstance(result.exception, RuntimeError)  # a bug, not bad input: it propagates
    assert len(calls) == 3
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_failure_while_staging_leaves_the_directory_as_it_was(tmp_path, monkeypatch):
    """If staging the files fails, old files stay, nothing new appears, no register is left."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "fakturor-2014.csv").write_text("old csv\n", encoding="utf-8")
    (out / "fakturor-2014.json").write_text("old json\n", encoding="utf-8")
    before = snapshot(out)
    moves = []
    real = issuing._write_synced

    def failing(path, data):
        moves.append(path)
        raise OSError("disk full")

    monkeypatch.setattr(issuing, "_write_synced", failing)
    result = invoke(*ARGS_2014, "--format", "csv,json", "--out", out, "--force")
    assert result.exit_code == 2
    assert "nothing was written" in result.output
    assert len(moves) == 1
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["fakturor-2014.csv", "fakturor-2014.json"]
    assert real is not failing


def test_new_directory_is_removed_when_publishing_fails(tmp_path, monkeypatch):
    """A directory the command created is gone again after a failure."""

    def failing(path, data):
        raise OSError("disk full")

    monkeypatch.setattr(issuing, "_write_synced", failing)
    out = tmp_path / "new"
    result = invoke(*ARGS_2014, "--format", "csv", "--out", out)
    assert result.exit_code == 2
    assert "nothing was written" in result.output
    assert not out.exists()


def test_2018_has_sollentuna_as_seller(tmp_path):
    """In 2018 Sollentuna invoices; Lidingö gets an invoice like the others."""
    out = tmp_path / "out"
    result = invoke(
        "invoices", "--year", "2018", "--issue-date", "2018-05-02", "--format", "json", "--out", out
    )
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "fakturor-2018.json").read_text(encoding="utf-8"))
    assert summary["seller"]["name"] == "Sollentuna kommun"
    assert "0186" in [row["kommunkod"] for row in summary["invoices"]]
    assert summary["totals"]["invoiced_ore"] + summary["totals"]["internal_ore"] == 97200000


def test_reports_what_it_wrote(tmp_path):
    """The command lists every file it wrote and the totals."""
    out = tmp_path / "out"
    result = invoke(*ARGS_2014, "--format", "csv,json", "--out", out)
    assert f"wrote {out / 'fakturor-2014.csv'}" in result.output
    assert "857 000,00 kr" in result.output


def test_unknown_format_is_a_usage_error(tmp_path):
    """--format with an unknown name exits 2, lists the choices and writes nothing."""
    out = tmp_path / "out"
    result = invoke(*ARGS_2014, "--format", "pdf,docx", "--out", out)
    assert result.exit_code == 2
    assert "docx" in result.output
    assert "pdf, ubl, csv, json" in result.output
    assert not out.exists()


def test_year_without_budget_is_a_usage_error(tmp_path):
    """A year with no budget exits 2 and writes nothing."""
    out = tmp_path / "out"
    result = invoke("invoices", "--year", "2030", "--issue-date", "2030-01-01", "--out", out)
    assert result.exit_code == 2
    assert not out.exists()


def test_help_describes_the_command():
    """invoices --help shows an example."""
    result = invoke("invoices", "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_file_names_come_from_year_and_number_only(out_2014):
    """Every file name is made of the year, kommunkod or invoice number only (no names)."""
    import re

    pattern = re.compile(
        r"faktura-\d{4}-\d{4}-\d+\.(pdf|xml)|fakturor-\d{4}\.(csv|json)|register\.sqlite"
    )
    assert all(pattern.fullmatch(p.name) for p in out_2014.iterdir())


def test_staging_folder_does_not_remain(out_2014):
    """No temporary or staging files are left behind."""
    assert not [p for p in out_2014.iterdir() if p.name.startswith(".")]


def test_force_never_replaces_a_directory(tmp_path):
    """A directory where an invoice file would go is refused, even with --force."""
    out = tmp_path / "out"
    (out / "faktura-2014-0191-14.xml" / "sub").mkdir(parents=True)
    result = invoke(*ARGS_2014, "--out", out, "--force")
    assert result.exit_code == 2
    assert "is a directory" in result.output
    assert (out / "faktura-2014-0191-14.xml" / "sub").is_dir()
    assert sorted(p.name for p in out.iterdir()) == ["faktura-2014-0191-14.xml"]
