"""Workbooks and CSV files that Swedish Excel opens well, and that read back exactly."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.loading.csvfile import read_csv
from norrort_cost.money import parse_decimal

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def years_book(tmp_path_factory: pytest.TempPathFactory):
    """The workbook of allocate --years 2014-2019."""
    path = tmp_path_factory.mktemp("xlsx") / "andelar.xlsx"
    invoke("allocate", "--years", "2014-2019", "--format", "xlsx", "-o", str(path))
    return load_workbook(path)


def test_a_sheet_per_year_an_overview_and_notes(years_book):
    """--years 2014-2019 gives Overview, 2014 … 2019 and Notes."""
    assert years_book.sheetnames == [
        "Overview",
        *(str(y) for y in range(2014, 2020)),
        "Notes",
    ]


def test_the_header_is_bold_frozen_and_filtered(years_book):
    """Row 1 is the header: bold, frozen below it, with a filter over the table."""
    sheet = years_book["2014"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I16"
    assert all(cell.font.b for cell in sheet[1])
    assert [cell.value for cell in sheet[1]][:2] == ["Kommunkod", "Municipality"]


def test_amounts_are_numbers_with_a_format_and_kommunkod_is_text(years_book):
    """Ekerö's 24 291,03 is a number shown '#,##0.00'; 0125 stays text; dates are dates."""
    sheet = years_book["2014"]
    header = [cell.value for cell in sheet[1]]
    ekero = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "0125")
    amount = ekero[header.index("Amount (kr)")]
    assert amount.value == pytest.approx(24291.03)
    assert amount.number_format == "#,##0.00"
    assert isinstance(amount.value, float | int)
    assert ekero[0].value == "0125"
    assert ekero[0].data_type == "s"
    assert ekero[header.index("Reference date")].value.date() == date(2013, 12, 31)
    share = ekero[header.index("Share")]
    assert share.number_format == "0.0000%"
    assert share.value == pytest.approx(0.0283442, abs=1e-6)
    assert sheet.column_dimensions["B"].width >= len("Upplands Väsby")


def test_every_year_totals_the_budget(years_book):
    """Each year's totals row is the budget in the JSON record, to the öre."""
    for year in range(2014, 2020):
        record = json.loads(invoke("allocate", "--year", str(year), "--format", "json"))
        sheet = years_book[str(year)]
        header = [cell.value for cell in sheet[1]]
        totals = [cell.value for cell in sheet[sheet.max_row]]
        assert totals[0] == "Total"
        assert all(cell.font.b for cell in sheet[sheet.max_row])
        budget = Decimal(record["budget"])
        assert Decimal(str(totals[header.index("Amount (kr)")])) == budget


def test_the_overview_has_members_by_years(years_book):
    """Overview: a row per member, a column per year, totals equal to each budget."""
    sheet = years_book["Overview"]
    assert [c.value for c in sheet[1]][2:] == [f"{y} (kr)" for y in range(2014, 2020)]
    ekero = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "0125")
    assert ekero[2].value == pytest.approx(24291.03)
    totals = [c.value for c in sheet[sheet.max_row]]
    assert totals[2] == 857000


def test_notes_say_illustrative_method_and_how_to_read_back(years_book):
    """The notes sheet holds the illustrative notice, the method and the pandas call."""
    notes = [c.value for c in years_book["Notes"]["A"]]
    assert notes[0].startswith("ILLUSTRATIVE BUDGET")
    assert any("largest remainder (Hamilton), version 2" in n for n in notes)
    assert any('dtype={"Kommunkod": str}' in n for n in notes)


def test_repeated_year_gives_one_workbook_with_both(tmp_path: Path):
    """--year 2014 --year 2015 no longer keeps only 2015: both sheets and an overview."""
    path = tmp_path / "two.xlsx"
    invoke("allocate", "--year", "2015", "--year", "2014", "-f", "xlsx", "-o", str(path))
    assert load_workbook(path).sheetnames == ["Overview", "2014", "2015", "Notes"]


def test_the_workbook_is_the_same_bytes_every_time(tmp_path: Path):
    """Same input, byte-identical workbook."""
    one, two = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    invoke("allocate", "--year", "2014", "-f", "xlsx", "-o", str(one))
    invoke("allocate", "--year", "2014", "-f", "xlsx", "-o", str(two))
    assert one.read_bytes() == two.read_bytes()


def test_several_years_as_json_list_every_allocation():
    """--years as JSON: one record per year, each as for a single year."""
    record = json.loads(invoke("allocate", "--years", "2014-2015", "--format", "json"))
    assert record["schema"] == "norrort-cost.allocation-years"
    assert [a["year"] for a in record["allocations"]] == [2014, 2015]


@pytest.mark.parametrize(
    "command",
    [["compare", "--from", "2013", "--to", "2014"], ["whatif", "-y", "2014", "--without", "Ekerö"]],
)
def test_compare_and_whatif_write_workbooks(tmp_path: Path, command: list[str]):
    """compare and whatif as XLSX: numbers, Ekerö's status with its story, totals."""
    path = tmp_path / "out.xlsx"
    invoke(*command, "--format", "xlsx", "-o", str(path))
    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    ekero = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "0125")
    status = ekero[header.index("Status")].value
    assert status in {"joined 2014-04-15 – 2014-12-31", "left out"}
    totals = [c.value for c in sheet[sheet.max_row]]
    assert totals[header.index("Difference (kr)")] in {42000, 0}


def test_excel_sv_csv_is_semicolon_comma_bom_crlf(tmp_path: Path):
    """excel-sv: UTF-8 BOM, ';', CRLF and a decimal comma; the machine dialect's header."""
    path = tmp_path / "andelar.csv"
    invoke("allocate", "--year", "2014", "-f", "csv", "--csv-dialect", "excel-sv", "-o", str(path))
    machine = invoke("allocate", "--year", "2014", "-f", "csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    swedish = data[3:].decode("utf-8")
    lines = swedish.split("\r\n")
    assert lines[0] == machine.split("\n")[0].replace(",", ";")
    assert len(lines) == 17  # header, 15 members and the empty end after the last CRLF
    assert ";24291,03;" in swedish
    assert "Upplands Väsby" in swedish


@pytest.mark.parametrize("dialect", ["machine", "excel-sv"])
@pytest.mark.parametrize(
    "command",
    [
        ["allocate", "--year", "2014"],
        ["compare", "--from", "2013", "--to", "2014"],
        ["whatif", "-y", "2014", "--without", "Ekerö"],
    ],
)
def test_the_loader_reads_back_what_the_tool_writes(tmp_path: Path, dialect, command):
    """Written in either dialect, the loader's CSV reader gives the same cells and numbers."""
    machine_path, path = tmp_path / "machine.csv", tmp_path / "out.csv"
    invoke(*command, "-f", "csv", "-o", str(machine_path))
    invoke(*command, "-f", "csv", "--csv-dialect", dialect, "-o", str(path))
    columns = tuple(machine_path.read_text(encoding="utf-8").splitlines()[0].split(","))
    expected = read_csv(machine_path, "machine.csv", columns)
    table = read_csv(path, "out.csv", columns)
    assert not table.problems
    assert table.header == expected.header
    for got, want in zip(table.rows, expected.rows, strict=True):
        for column, cell in want.cells.items():
            if cell and cell.replace(".", "", 1).lstrip("-").isdigit() and "." in cell:
                assert parse_decimal(got.cells[column]) == Decimal(cell)
            else:
                assert got.cells[column] == cell


def test_pandas_keeps_the_kommunkod_as_text(tmp_path: Path):
    """The documented read-back call keeps 0114 (pandas is optional: skipped without it)."""
    pd = pytest.importorskip("pandas")
    path = tmp_path / "andelar.xlsx"
    invoke("allocate", "--year", "2014", "-f", "xlsx", "-o", str(path))
    frame = pd.read_excel(path, sheet_name="2014", dtype={"Kommunkod": str})
    assert frame["Kommunkod"].iloc[0] == "0114"
