"""Output safety: nothing the tool writes to CSV or XLSX can run as a spreadsheet formula."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from norrort_cost.rendering.files import neutralise, to_csv, to_xlsx

DANGEROUS = [
    '=HYPERLINK("http://evil","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_starts_a_formula_gets_a_quote(text: str) -> None:
    """Text starting with =, +, -, @, tab or CR is prefixed with a single quote (OWASP)."""
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Ekerö", "0125", "24291.03", "-12.00", "+5", "", 12, -12, None])
def test_harmless_values_and_plain_numbers_are_unchanged(value: object) -> None:
    """Ordinary text, numbers and numeric text such as an amount "-12.00" stay as they are."""
    assert neutralise(value) == value


def test_csv_neutralises_text_but_keeps_numeric_columns_numeric() -> None:
    """A municipality named like a formula is quoted; a negative amount stays a number."""
    rows = [{"name": "=1+1", "source": "@SUM(A1)", "amount": "-12.00", "amount_ore": -1200}]
    assert to_csv(rows) == "name,source,amount,amount_ore\n'=1+1,'@SUM(A1),-12.00,-1200\n"


def test_xlsx_has_no_formula_cells_and_keeps_numbers_numeric() -> None:
    """In the workbook, formula-like text is a quoted string; amounts are numbers."""
    rows = [{"name": "=1+1", "amount": "-12.00", "amount_ore": -1200, "line": "-Resor"}]
    workbook = load_workbook(io.BytesIO(to_xlsx(rows, "2014", ["=note"])))
    sheet = workbook.active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    assert sheet["A1"].value == "'=note"
    assert [c.value for c in sheet[3]] == ["'=1+1", Decimal("-12.00"), -1200, "'-Resor"]
    assert sheet["B3"].data_type == "n"


@pytest.mark.parametrize("name", ["andelar.xlsx", "andelar.csv", "andelar.json", "ANDELAR.XLSX"])
def test_a_table_is_never_written_into_a_file_named_for_a_machine_format(tmp_path, name):
    """`-o andelar.xlsx` without `--format xlsx` is refused (exit 2), not a text table in it."""
    from typer.testing import CliRunner

    from norrort_cost.cli import app

    target = tmp_path / name
    result = CliRunner().invoke(app, ["allocate", "--year", "2014", "-o", str(target)])
    assert result.exit_code == 2
    assert "--format" in result.stderr
    assert not target.exists()


def test_a_table_may_be_written_into_a_text_file(tmp_path):
    """The table for people still goes to a file whose name does not promise another format."""
    from typer.testing import CliRunner

    from norrort_cost.cli import app

    target = tmp_path / "andelar.txt"
    result = CliRunner().invoke(app, ["allocate", "--year", "2014", "-o", str(target)])
    assert result.exit_code == 0
    assert "24\N{NO-BREAK SPACE}291,03" in target.read_text(encoding="utf-8")
