"""Budgets in Excel workbooks: budget.xlsx and fixed_amounts.xlsx instead of their CSV files.

Read with the same columns, types and problems as the CSV files; a problem names the sheet
and the cell. A dataset with both budget.csv and budget.xlsx is refused.
"""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from norrort_cost import DataError, allocate, load_dataset
from norrort_cost.cli import app
from norrort_cost.loading import default_data_dir
from tests.copies import awaiting_scb
from tests.test_startup import modules_after

runner = CliRunner()
EXAMPLE = default_data_dir() / "examples" / "overformyndare"


def _typed(column: str, text: str) -> object:
    """A CSV cell as Excel would hold it: numbers as numbers, kommunkod and text as text."""
    if column in {"year", "amount", "base_fee"} and text:
        return int(text)
    return text or None


def csv_to_workbook(source: Path, target: Path, sheet: str = "Blad1", extra: int = 0) -> None:
    """Write the rows of a CSV file into a workbook's sheet (after ``extra`` other sheets)."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    for number in range(extra):
        workbook.create_sheet(f"Anteckningar {number}", 0)
    first.title = sheet
    with source.open(encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    first.append(rows[0])
    for row in rows[1:]:
        first.append([_typed(column, cell) for column, cell in zip(rows[0], row, strict=True)])
    workbook.save(target)
    source.unlink()


def shares(data, year):
    return [(s.kommunkod, s.amount_ore) for s in allocate(data, year).shares]


def test_a_dataset_with_budget_xlsx_allocates_2014_to_the_same_ore(data_copy):
    """Done when: budget.xlsx instead of budget.csv gives every member the same öre."""
    expected = shares(load_dataset(data_copy), 2014)
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    assert shares(load_dataset(data_copy), 2014) == expected
    result = runner.invoke(app, ["allocate", "--year", "2014", "--data-dir", str(data_copy)])
    assert result.exit_code == 0
    assert "857 000,00" in result.output.replace("\u00a0", " ")


def test_allocate_with_a_workbook_still_does_not_import_pandas(data_copy):
    """The workbook is read with openpyxl; allocate never imports pandas."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    code, modules = modules_after("allocate", "--year", "2014", "--data-dir", str(data_copy))
    assert code == 0
    assert "openpyxl" in modules
    assert "pandas" not in modules


def test_the_sheet_named_in_the_settings_is_read(data_copy):
    """``[budget] sheet = "Budget"`` picks that sheet, not the first one."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx", "Budget", extra=1)
    with pytest.raises(DataError):
        load_dataset(data_copy)  # the first sheet is the empty notes sheet
    settings = data_copy / "cooperation.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\n[budget]\nsheet = "Budget"\n', encoding="utf-8"
    )
    assert allocate(load_dataset(data_copy), 2014).budget_ore == 85_700_000


def test_a_missing_sheet_is_named_with_the_sheets_there_are(data_copy):
    """A sheet name that the workbook lacks: missing-sheet, the hint lists the sheets."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx", "Budget 2014")
    settings = data_copy / "cooperation.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\n[budget]\nsheet = "Budget"\n', encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    problem = caught.value.problems[0]
    assert (problem.file, problem.code) == ("budget.xlsx", "missing-sheet")
    assert "Budget 2014" in problem.hint


def test_two_budget_files_are_refused(data_copy):
    """budget.csv and budget.xlsx together: which is the budget? exit 1."""
    shutil.copy(data_copy / "budget.csv", data_copy / "kept.csv")
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    shutil.copy(data_copy / "kept.csv", data_copy / "budget.csv")
    result = runner.invoke(app, ["validate", "--data-dir", str(data_copy)])
    assert result.exit_code == 1
    assert "two-budget-files" in result.output


def test_problems_in_a_workbook_name_the_sheet_and_the_cell(data_copy):
    """A thousands point, a float finer than an öre and a text year: by sheet and cell."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(data_copy / "budget.xlsx")
    sheet = workbook["Blad1"]
    sheet["C6"] = "15.000"
    sheet["C7"] = 1.555
    sheet["A8"] = "tjugofjorton"
    workbook.save(data_copy / "budget.xlsx")
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    found = [
        (p.file, p.line, p.column, p.code) for p in caught.value.problems if not awaiting_scb(p)
    ]
    assert found == [
        ("budget.xlsx", 6, "amount (Blad1!C6)", "ambiguous-amount"),
        ("budget.xlsx", 7, "amount (Blad1!C7)", "invalid-amount"),
        ("budget.xlsx", 8, "year (Blad1!A8)", "invalid-number"),
    ]
    result = runner.invoke(app, ["validate", "--data-dir", str(data_copy)])
    assert result.exit_code == 1
    assert "budget.xlsx:6 [amount (Blad1!C6)]" in result.output


def test_a_workbook_with_a_total_row_and_a_wrong_header_is_reported(data_copy):
    """The same row and header checks as CSV: a total row, a misspelt column, a stray note."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(data_copy / "budget.xlsx")
    sheet = workbook["Blad1"]
    sheet["D1"] = "kye"
    sheet.append(["Summa", None, 6_000_000])
    sheet["H3"] = "kolla med ekonomen"
    workbook.save(data_copy / "budget.xlsx")
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    codes = {(p.line, p.code) for p in caught.value.problems if not awaiting_scb(p)}
    assert {(1, "unknown-header"), (sheet.max_row, "total-row"), (3, "extra-cell")} <= codes
    assert "#8 (Blad1!H3)" in {p.column for p in caught.value.problems}


def test_a_file_that_is_no_workbook_is_refused(data_copy):
    """budget.xlsx that is really text: not-xlsx, exit 1, no traceback."""
    (data_copy / "budget.csv").rename(data_copy / "budget.xlsx")
    result = runner.invoke(app, ["allocate", "--year", "2014", "--data-dir", str(data_copy)])
    assert result.exit_code == 1
    assert "not-xlsx" in result.output


def test_fixed_amounts_xlsx_allocates_like_fixed_amounts_csv(tmp_path):
    """The example's fixed amounts in a workbook: every year the same öre."""
    data = tmp_path / "example"
    shutil.copytree(EXAMPLE, data)
    expected = {year: shares(load_dataset(data), year) for year in (2018, 2019)}
    csv_to_workbook(data / "fixed_amounts.csv", data / "fixed_amounts.xlsx")
    csv_to_workbook(data / "budget.csv", data / "budget.xlsx")
    loaded = load_dataset(data)
    assert {year: shares(loaded, year) for year in (2018, 2019)} == expected


def test_a_kommunkod_that_excel_made_a_number_is_named_as_such(tmp_path):
    """0160 typed into Excel becomes 160: kommunkod-lost-zero at its cell."""
    data = tmp_path / "example"
    shutil.copytree(EXAMPLE, data)
    csv_to_workbook(data / "fixed_amounts.csv", data / "fixed_amounts.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(data / "fixed_amounts.xlsx")
    workbook["Blad1"]["C2"] = 160
    workbook.save(data / "fixed_amounts.xlsx")
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    found = [
        (p.file, p.line, p.column, p.code) for p in caught.value.problems if not awaiting_scb(p)
    ]
    assert found == [("fixed_amounts.xlsx", 2, "kommunkod (Blad1!C2)", "kommunkod-lost-zero")]


@pytest.mark.parametrize(
    "form",
    [int, float, Decimal, np.int64, np.float64, str, lambda k: f"{k:,}".replace(",", " ") + ",00"],
    ids=["int", "float", "Decimal", "numpy.int64", "numpy.float64", "text", "Swedish text"],
)
def test_every_type_of_amount_cell_in_a_workbook_is_kronor(data_copy, form):
    """Numbers typed in Excel, or written by a script in any type: 857 000,00 kr for 2014."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(data_copy / "budget.xlsx")
    sheet = workbook["Blad1"]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, 3).value = form(sheet.cell(row, 3).value)
    workbook.save(data_copy / "budget.xlsx")
    assert allocate(load_dataset(data_copy), 2014).budget_ore == 85_700_000


def test_output_never_replaces_the_budget_workbook(data_copy):
    """-o d/budget.xlsx would overwrite the budget it was computed from: usage error, untouched."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    before = (data_copy / "budget.xlsx").read_bytes()
    target = str(data_copy / "budget.xlsx")
    args = ["allocate", "--year", "2014", "-f", "xlsx", "-o", target, "--data-dir", str(data_copy)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert (data_copy / "budget.xlsx").read_bytes() == before
