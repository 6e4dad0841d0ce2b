"""Round trips: every CSV and XLSX the tool writes reads back with pandas into the same values.

With the one-liners of the README: kommunkod (and OCR) as text, so ``0114`` keeps its
zero; every amount exact (``*_ore`` columns are int64, ``amount`` becomes ``Decimal``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from norrort_cost import ChangeKind, MembershipChange, allocate, compare, whatif
from norrort_cost.cli import app
from norrort_cost.loading import default_data_dir
from norrort_cost.money import ore_to_decimal

runner = CliRunner()
SCB_EXPORT = Path(__file__).parent / "data" / "scb" / "scb-folkmangd-2017-pxweb.csv"


def read_csv(path: Path) -> pd.DataFrame:
    """The README's one-liner for the tool's CSV files."""
    return pd.read_csv(path, dtype={"kommunkod": str, "ocr": str}, converters={"amount": Decimal})


def read_excel_sv(path: Path) -> pd.DataFrame:
    """The README's one-liner for ``--csv-dialect excel-sv`` (``;``, decimal comma, BOM)."""
    return pd.read_csv(
        path,
        sep=";",
        decimal=",",
        dtype={"kommunkod": str},
        converters={"amount": lambda s: Decimal(s.replace(",", "."))},
    )


def read_xlsx(path: Path, sheet: str) -> pd.DataFrame:
    """The README's one-liner for the XLSX workbooks (one header row per sheet)."""
    return pd.read_excel(
        path,
        sheet_name=sheet,
        dtype={"Kommunkod": str},
        converters={"Amount (kr)": lambda x: Decimal(str(x))},
    )


def run(*argv: str) -> None:
    result = runner.invoke(app, list(argv))
    assert result.exit_code == 0, result.output


def expected_shares(dataset, year: int) -> list[tuple[str, int, Decimal]]:
    shares = allocate(dataset, year).shares
    return [(s.kommunkod, s.amount_ore, ore_to_decimal(s.amount_ore)) for s in shares]


def rows_of(frame: pd.DataFrame) -> list[tuple[str, int, Decimal]]:
    return list(zip(frame["kommunkod"], frame["amount_ore"], frame["amount"], strict=True))


@pytest.mark.parametrize("by_pool", [False, True])
def test_allocate_csv_reads_back_the_same_codes_and_amounts(dataset, tmp_path, by_pool):
    """allocate --format csv: 0114 stays 0114, öre are int64, kronor Decimal, shares float."""
    path = tmp_path / "shares.csv"
    run("allocate", "--year", "2014", "-f", "csv", "-o", str(path), *["--by-pool"] * by_pool)
    frame = read_csv(path)
    assert rows_of(frame) == expected_shares(dataset, 2014)
    assert frame["amount_ore"].dtype == "int64"
    assert frame["share"].dtype == "float64"
    assert frame["inhabitants"].tolist() == [s.inhabitants for s in allocate(dataset, 2014).shares]


def test_allocate_excel_sv_csv_reads_back_the_same_codes_and_amounts(dataset, tmp_path):
    """The Swedish Excel dialect (``;``, decimal comma, BOM, CRLF) reads back the same."""
    path = tmp_path / "andelar.csv"
    run("allocate", "--year", "2014", "-f", "csv", "--csv-dialect", "excel-sv", "-o", str(path))
    frame = read_excel_sv(path)
    assert rows_of(frame) == expected_shares(dataset, 2014)
    assert frame["share"].dtype == "float64"


def test_allocate_xlsx_reads_back_the_same_codes_and_amounts(dataset, tmp_path):
    """allocate --format xlsx: Kommunkod text, kronor exact; the totals row is the budget."""
    path = tmp_path / "andelar.xlsx"
    run("allocate", "--year", "2014", "-f", "xlsx", "-o", str(path))
    frame = read_xlsx(path, "2014")
    members, total = frame[frame["Kommunkod"] != "Total"], frame[frame["Kommunkod"] == "Total"]
    expected = expected_shares(dataset, 2014)
    assert list(members["Kommunkod"]) == [code for code, _, _ in expected]
    assert list(members["Amount (kr)"]) == [kronor for _, _, kronor in expected]
    assert list(total["Amount (kr)"]) == [Decimal("857000.00")]


def test_several_years_in_one_workbook_read_back_per_year(dataset, tmp_path):
    """allocate --years 2014-2016: each year's sheet reads back that year's shares."""
    path = tmp_path / "andelar.xlsx"
    run("allocate", "--years", "2014-2016", "-f", "xlsx", "-o", str(path))
    for year in (2014, 2015, 2016):
        frame = read_xlsx(path, str(year))
        members = frame[frame["Kommunkod"] != "Total"]
        expected = expected_shares(dataset, year)
        assert list(members["Kommunkod"]) == [code for code, _, _ in expected]
        assert list(members["Amount (kr)"]) == [kronor for _, _, kronor in expected]


def test_compare_and_whatif_csv_read_back_exactly(dataset, tmp_path):
    """The audit CSVs: the codes, and every öre column as the library computed it."""
    run("compare", "--from", "2013", "--to", "2014", "-f", "csv", "-o", str(tmp_path / "c.csv"))
    run("whatif", "--year", "2014", "--without", "0125", "-f", "csv", "-o", str(tmp_path / "w.csv"))
    compared = read_csv(tmp_path / "c.csv")
    library = compare(dataset, 2013, 2014).to_frame()
    assert compared["kommunkod"].tolist() == library["kommunkod"].tolist()
    assert compared["amount_change_ore"].tolist() == library["amount_change_ore"].tolist()
    assert compared["amount_ore_to"].tolist() == library["amount_ore_after"].tolist()
    scenario = whatif(dataset, 2014, [MembershipChange(ChangeKind.WITHOUT, "0125")]).to_frame()
    tried = read_csv(tmp_path / "w.csv")
    assert tried["kommunkod"].tolist() == scenario["kommunkod"].tolist()
    assert tried["amount_change_ore"].tolist() == scenario["amount_change_ore"].tolist()


def test_invoice_summary_csv_reads_back_with_its_codes_and_ocr(dataset, tmp_path):
    """fakturor-2014.csv: kommunkod and OCR as text, amounts exact, summing to the budget."""
    out = tmp_path / "fakturor"
    run("invoices", "--year", "2014", "--out", str(out), "--issue-date", "2014-05-02")
    frame = read_csv(out / "fakturor-2014.csv")
    assert frame["kommunkod"].iloc[0] == "0114"
    assert all(isinstance(code, str) and code.isdigit() for code in frame["ocr"].dropna())
    assert sum(frame["amount"]) == Decimal("857000.00")
    assert frame["amount_ore"].sum() == 85_700_000


def test_population_csv_written_by_import_scb_reads_back(data_copy):
    """population import-scb rewrites population.csv: codes as text, the figures it added."""
    population = data_copy / "population.csv"
    lines = population.read_text(encoding="utf-8").splitlines(keepends=True)
    population.write_text("".join(x for x in lines if ",2017-12-31," not in x), encoding="utf-8")
    run("population", "import-scb", str(SCB_EXPORT), "--data-dir", str(data_copy))
    frame = read_csv(population)
    written = pd.read_csv(default_data_dir() / "population.csv", dtype=str)
    assert frame["kommunkod"].tolist() == written["kommunkod"].tolist()
    assert frame["kommunkod"].iloc[0] == "0114"
    assert frame["inhabitants"].tolist() == [int(n) for n in written["inhabitants"]]
