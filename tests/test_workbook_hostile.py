"""Hostile workbooks: every workbook reader reads the whole sheet or refuses it, located.

``budget.xlsx``, ``fixed_amounts.xlsx`` and an SCB export in ``.xlsx`` are each given a
stale stored dimension (rows appended by a script or a streaming writer), hidden sheets,
merged cells in the table, formulas that were never computed, and a zip bomb. Never a
figure dropped or read as empty with exit 0, never a traceback.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from norrort_cost import DataError, allocate, load_dataset
from norrort_cost.cli import app
from norrort_cost.loading import workbooks
from norrort_cost.loading.scb import ColumnChoice, read_export
from tests.test_budget_workbook import csv_to_workbook

runner = CliRunner()
SHEET = "xl/worksheets/sheet1.xml"


def rewrite(path: Path, part: str, change) -> None:
    """Rewrite one part of the zip at ``path`` through ``change`` (bytes -> bytes)."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info, change(data) if info.filename == part else data)


def stale_dimension(path: Path, part: str = SHEET, ref: bytes = b"A1:E8") -> None:
    """Leave the sheet's stored ``<dimension>`` at ``ref`` whatever rows it holds."""
    rewrite(
        path,
        part,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref + b'"', xml),
    )


def shares(data, year):
    return [(s.kommunkod, s.amount_ore) for s in allocate(data, year).shares]


def problems(data) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    return [(p.file, p.line, p.column, p.code) for p in caught.value.problems]


# --- budget.xlsx and fixed_amounts.xlsx ------------------------------------------------


def test_a_budget_workbook_with_a_stale_dimension_is_read_to_its_last_row(data_copy):
    """budget.xlsx whose dimension says A1:E8 but holds 29 rows: 2014 costs the whole
    budget, as with budget.csv, not the eight rows the dimension names."""
    expected = shares(load_dataset(data_copy), 2014)
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    stale_dimension(data_copy / "budget.xlsx")
    assert b'ref="A1:E8"' in zipfile.ZipFile(data_copy / "budget.xlsx").read(SHEET)
    assert shares(load_dataset(data_copy), 2014) == expected
    assert sum(ore for _, ore in expected) == 85_700_000


def test_fixed_amounts_with_a_stale_dimension_are_read_whole(tmp_path):
    """fixed_amounts.xlsx with a dimension of one row still gives every fixed amount."""
    import shutil

    from tests.test_budget_workbook import EXAMPLE

    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    expected = shares(load_dataset(data), 2018)
    csv_to_workbook(data / "fixed_amounts.csv", data / "fixed_amounts.xlsx")
    stale_dimension(data / "fixed_amounts.xlsx", ref=b"A1:C2")
    assert shares(load_dataset(data), 2018) == expected


def test_a_hidden_first_sheet_is_passed_over_for_the_first_visible_one(data_copy):
    """A hidden sheet before the budget (an old version, doubled here) is not the budget:
    the first sheet a person sees is read."""
    expected = shares(load_dataset(data_copy), 2014)
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx", "Budget", extra=1)
    workbook = load_workbook(data_copy / "budget.xlsx")
    old = workbook["Anteckningar 0"]
    for row in workbook["Budget"].iter_rows(values_only=True):
        old.append([c * 2 if isinstance(c, int) and c > 10_000 else c for c in row])
    old.sheet_state = "hidden"
    workbook.save(data_copy / "budget.xlsx")
    assert shares(load_dataset(data_copy), 2014) == expected


def test_merged_header_cells_are_refused_at_their_cell(data_copy):
    """A header whose cells B1:C1 are merged is refused, naming the range: only the first
    cell of a merged range holds a value, the others would be read as empty."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    workbook = load_workbook(data_copy / "budget.xlsx")
    workbook.active.merge_cells("B1:C1")
    workbook.save(data_copy / "budget.xlsx")
    assert problems(data_copy) == [("budget.xlsx", 1, "Blad1!B1:C1", "merged-cells")]


def test_merged_cells_in_the_rows_are_refused(data_copy):
    """Line names merged down over two rows (A5:A6) are refused at row 5."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    workbook = load_workbook(data_copy / "budget.xlsx")
    workbook.active.merge_cells("B5:B6")
    workbook.save(data_copy / "budget.xlsx")
    assert problems(data_copy) == [("budget.xlsx", 5, "Blad1!B5:B6", "merged-cells")]


def test_a_formula_without_a_computed_value_is_refused_at_its_cell(data_copy):
    """A budget amount written as a formula by a script (never opened in Excel, so no value
    is stored) is refused at its cell, never read as an empty amount."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    workbook = load_workbook(data_copy / "budget.xlsx")
    workbook.active["C5"] = "=200000+5000"
    workbook.save(data_copy / "budget.xlsx")
    assert problems(data_copy) == [("budget.xlsx", 5, "Blad1!C5", "formula-without-value")]
    result = runner.invoke(app, ["validate", "--data-dir", str(data_copy)])
    assert result.exit_code == 1
    assert "=200000+5000" in result.output


def test_a_formula_with_its_computed_value_is_read_as_that_value(data_copy):
    """A formula saved by Excel (its value stored beside it) is read as the value."""
    expected = shares(load_dataset(data_copy), 2014)
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    workbook = load_workbook(data_copy / "budget.xlsx")
    amount = workbook.active["C5"].value
    workbook.active["C5"] = f"={amount}-1+1"
    workbook.save(data_copy / "budget.xlsx")
    rewrite(
        data_copy / "budget.xlsx",
        SHEET,
        lambda xml: xml.replace(
            f"<f>{amount}-1+1</f><v></v>".encode(), f"<f>{amount}-1+1</f><v>{amount}</v>".encode()
        ),
    )
    assert shares(load_dataset(data_copy), 2014) == expected


def bomb(path: Path, megabytes: int) -> None:
    """A small .xlsx whose sheet unpacks to ``megabytes`` MB (XML whitespace)."""
    workbook = Workbook()
    workbook.active.append(["year", "line", "amount", "key"])
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name, data in parts:
            if name != SHEET:
                target.writestr(name, data)
                continue
            head, tail = data.split(b"<sheetData>")
            with target.open(name, "w", force_zip64=True) as stream:
                stream.write(head)
                block = b" " * (1 << 20)
                for _ in range(megabytes):
                    stream.write(block)
                stream.write(b"<sheetData>" + tail)


def test_a_zip_bomb_budget_is_refused_at_once_from_the_zip_sizes(data_copy):
    """budget.xlsx of a few hundred KB that unpacks to 100 MB: refused in under two
    seconds, exit 1, naming the part and the limit; never unpacked."""
    (data_copy / "budget.csv").unlink()
    bomb(data_copy / "budget.xlsx", 100)
    assert (data_copy / "budget.xlsx").stat().st_size < 2_000_000
    started = time.perf_counter()
    result = runner.invoke(app, ["allocate", "-y", "2014", "--data-dir", str(data_copy)])
    assert time.perf_counter() - started < 2
    assert result.exit_code == 1
    assert "file-too-large" in result.output or "sheet1.xml" in result.output
    assert "Traceback" not in result.output


def test_the_limits_are_settings_looked_up_when_used(data_copy, monkeypatch):
    """Lowering the part limit refuses a small ordinary budget workbook: the limit is read
    where the workbook is checked, not fixed when the module was loaded."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    monkeypatch.setattr(workbooks, "LIMITS", workbooks.InputLimits(workbook_part_bytes=100))
    assert {code for *_, code in problems(data_copy)} == {"file-too-large"}


def test_a_sheet_with_more_cells_than_the_limit_is_refused(data_copy, monkeypatch):
    """More cells than the cell limit: refused as the sheet is read, naming the sheet."""
    csv_to_workbook(data_copy / "budget.csv", data_copy / "budget.xlsx")
    monkeypatch.setattr(workbooks, "LIMITS", workbooks.InputLimits(cells=50))
    assert problems(data_copy) == [("budget.xlsx", None, "Blad1", "too-many-cells")]


# --- SCB exports in .xlsx --------------------------------------------------------------

ROWS = [
    ("0114 Upplands Väsby", 47820),
    ("0115 Vallentuna", 33947),
    ("0117 Österåker", 45574),
]


def scb_workbook(extra_rows: int = 0) -> Workbook:
    """An SCB-like export: a title row, the header, one row per region."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Folkmängd"
    sheet.append(["Folkmängd efter region och år"])
    sheet.append(["region", "2019"])
    for region, figure in ROWS:
        sheet.append([region, figure])
    return workbook


def saved(workbook: Workbook) -> bytes:
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def zip_edited(data: bytes, part: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == part else content)
    return stream.getvalue()


def scb(data: bytes):
    found, _, problems = read_export(data, "export.xlsx", ColumnChoice())
    return (
        sorted((f.region, f.inhabitants) for f in found),
        [(p.line, p.column, p.code) for p in problems],
    )


def test_an_scb_workbook_with_a_stale_dimension_gives_every_region():
    """An SCB workbook whose dimension stops at its first data row still gives all three
    regions (import-scb once said "1 added" and lost the rest)."""
    data = zip_edited(
        saved(scb_workbook()),
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B3"', xml),
    )
    figures, problems = scb(data)
    assert problems == []
    assert sorted(figure for _, figure in figures) == sorted(f for _, f in ROWS)


def test_an_scb_table_on_a_hidden_sheet_beside_a_visible_one_is_two_tables():
    """A second table on a hidden sheet is still a table: refused as several tables,
    never one of them chosen unseen."""
    workbook = scb_workbook()
    hidden = workbook.create_sheet("Gammal")
    for row in workbook["Folkmängd"].iter_rows(values_only=True):
        hidden.append(list(row))
    hidden.sheet_state = "hidden"
    _, problems = scb(saved(workbook))
    assert [code for *_, code in problems] == ["several-tables"]


def test_merged_title_cells_above_an_scb_table_are_harmless():
    """A title merged across the columns above the header does not stop the import."""
    workbook = scb_workbook()
    workbook.active.merge_cells("A1:B1")
    figures, problems = scb(saved(workbook))
    assert (len(figures), problems) == (3, [])


def test_merged_cells_in_an_scb_table_are_refused_at_their_cell():
    """A region merged down over two rows in the table is refused, located."""
    workbook = scb_workbook()
    workbook.active.merge_cells("A3:A4")
    _, problems = scb(saved(workbook))
    assert problems == [(3, "Folkmängd!A3:A4", "merged-cells")]


def test_an_scb_figure_that_is_an_uncomputed_formula_is_refused():
    """A population written as a formula with no stored value is refused at its cell."""
    workbook = scb_workbook()
    workbook.active["B4"] = "=33000+947"
    _, problems = scb(saved(workbook))
    assert problems == [(4, "Folkmängd!B4", "formula-without-value")]


def test_an_scb_zip_bomb_is_refused_by_import_scb(data_copy, tmp_path):
    """import-scb on an .xlsx that unpacks to 100 MB: exit 1 at once, no traceback."""
    path = tmp_path / "export.xlsx"
    bomb(path, 100)
    started = time.perf_counter()
    result = runner.invoke(
        app, ["population", "import-scb", str(path), "--data-dir", str(data_copy)]
    )
    assert time.perf_counter() - started < 2
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "sheet1.xml" in result.output


@pytest.fixture
def fixed_workbook(tmp_path):
    """The överförmyndare example with fixed_amounts.xlsx instead of its CSV file."""
    import shutil

    from tests.test_budget_workbook import EXAMPLE

    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    expected = shares(load_dataset(data), 2018)
    csv_to_workbook(data / "fixed_amounts.csv", data / "fixed_amounts.xlsx")
    return data, expected


def test_fixed_amounts_formula_without_a_value_is_refused(fixed_workbook):
    """A fixed amount written as a formula never computed: refused at its cell."""
    data, _ = fixed_workbook
    workbook = load_workbook(data / "fixed_amounts.xlsx")
    workbook.active["C2"] = "=1000*2"
    workbook.save(data / "fixed_amounts.xlsx")
    assert problems(data) == [("fixed_amounts.xlsx", 2, "Blad1!C2", "formula-without-value")]


def test_fixed_amounts_merged_cells_are_refused(fixed_workbook):
    """Merged cells in fixed_amounts.xlsx (A2:A3) are refused at the range."""
    data, _ = fixed_workbook
    workbook = load_workbook(data / "fixed_amounts.xlsx")
    workbook.active.merge_cells("A2:A3")
    workbook.save(data / "fixed_amounts.xlsx")
    assert problems(data) == [("fixed_amounts.xlsx", 2, "Blad1!A2:A3", "merged-cells")]


def test_fixed_amounts_behind_a_hidden_sheet_are_read_from_the_visible_one(fixed_workbook):
    """A hidden first sheet of fixed_amounts.xlsx (other figures) is passed over."""
    data, expected = fixed_workbook
    workbook = load_workbook(data / "fixed_amounts.xlsx")
    hidden = workbook.create_sheet("Gammal", 0)
    hidden.append(["year", "line", "amount"])
    hidden.sheet_state = "hidden"
    workbook.save(data / "fixed_amounts.xlsx")
    assert shares(load_dataset(data), 2018) == expected
