"""pandas as the pipeline interface: results as DataFrames, datasets and pools from them.

pandas is imported only where a frame is asked for: ``allocate`` never imports it.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from norrort_cost import (
    ChangeKind,
    DataError,
    MembershipChange,
    allocate,
    compare,
    load_dataset,
    whatif,
)
from norrort_cost.allocation.frames import allocate_frame
from norrort_cost.invoicing.invoices import build_invoices
from norrort_cost.loading import default_data_dir
from norrort_cost.money import ore_to_decimal
from tests.copies import awaiting_scb
from tests.test_startup import modules_after

EXAMPLE = default_data_dir() / "examples" / "overformyndare"


def test_the_2014_frame_has_15_members_text_codes_and_the_budget_in_ore(dataset):
    """Done when: 15 rows, kommunkod ``0125`` as text, öre summing to 85 700 000."""
    frame = allocate(dataset, 2014).to_frame()
    assert len(frame) == 15
    ekero = frame.set_index("kommunkod").loc["0125"]
    assert isinstance(frame["kommunkod"].iloc[0], str)
    assert frame["amount_ore"].sum() == 85_700_000
    assert (ekero["amount_ore"], ekero["amount"]) == (2_429_103, Decimal("24291.03"))
    assert ekero["population_date"] == pd.Timestamp("2013-12-31")
    assert (ekero["membership_days"], ekero["days_in_year"], ekero["inhabitants"]) == (
        261,
        365,
        26_355,
    )


def test_the_frame_has_the_documented_types(dataset):
    """int64 counts and öre, datetime64 dates, float shares, Decimal kronor (object)."""
    frame = allocate(dataset, 2014).to_frame()
    types = {column: str(dtype) for column, dtype in frame.dtypes.items()}
    assert types["amount_ore"] == types["inhabitants"] == types["year"] == "int64"
    assert types["population_date"] == "datetime64[ns]"
    assert types["share"] == "float64"
    assert types["amount"] == types["sek_per_inhabitant"] == "object"
    assert all(isinstance(v, Decimal) for v in frame["amount"])
    assert sum(frame["amount"]) == Decimal("857000.00")
    assert list(frame["amount"]) == [ore_to_decimal(o) for o in frame["amount_ore"]]


def test_several_years_concatenate_into_one_frame(dataset):
    """A pipeline allocates every budget year with published figures (2013-2026; 2027 awaits
    SCB's 31 December 2026) and stacks them; each year sums to its budget."""
    years = [y for y in dataset.budget_years if y <= 2026]
    frame = pd.concat([allocate(dataset, y).to_frame() for y in years])
    totals = frame.groupby("year")["amount_ore"].sum()
    assert dict(totals) == {y: allocate(dataset, y).budget_ore for y in years}


def test_by_pool_rows_sum_to_each_members_amount():
    """One row per member and pool; a member's rows sum to its amount."""
    example = load_dataset(EXAMPLE)
    result = allocate(example, 2018)
    parts = result.to_frame(by_pool=True)
    assert set(parts["pool"]) == {pool.name for pool in result.pools}
    by_member = parts.groupby("kommunkod")["amount_ore"].sum()
    assert dict(by_member) == {s.kommunkod: s.amount_ore for s in result.shares}
    assert parts["amount_ore"].dtype == "int64"


def test_compare_frame_marks_joined_members_and_sums_the_change(dataset):
    """Ekerö joined in 2014: no 2013 side (<NA>); the changes sum to the budget change."""
    result = compare(dataset, 2013, 2014)
    frame = result.to_frame().set_index("kommunkod")
    assert frame.loc["0125", "status"] == "joined"
    assert pd.isna(frame.loc["0125", "amount_ore_before"])
    assert frame.loc["0125", "amount_ore_after"] == 2_429_103
    assert frame["amount_change_ore"].sum() == result.budget_change_ore
    assert str(frame["amount_ore_after"].dtype) == "Int64"


def test_whatif_frame_differences_sum_to_zero(dataset):
    """Without Ekerö the others pay its share: the differences sum to 0 öre."""
    result = whatif(dataset, 2014, [MembershipChange(ChangeKind.WITHOUT, "0125")])
    frame = result.to_frame()
    assert frame["amount_change_ore"].sum() == 0
    assert frame.set_index("kommunkod").loc["0125", "amount_change_ore"] == -2_429_103


def test_invoice_summary_frame_adds_up_to_the_budget(dataset):
    """14 invoices and Lidingö's internal share: öre summing to the budget; dates as dates."""
    run = build_invoices(allocate(dataset, 2014), dataset, date(2014, 5, 2))
    frame = run.to_frame()
    assert list(frame["kind"]).count("invoice") == 14
    assert frame["amount_ore"].sum() == 85_700_000
    assert frame["issue_date"].iloc[0] == pd.Timestamp("2014-05-02")
    assert pd.isna(frame["issue_date"].iloc[-1])


def test_allocate_imports_no_pandas_in_any_format(tmp_path):
    """allocate as a table, CSV or XLSX never imports pandas (it would slow every run)."""
    for fmt in ("table", "csv", "xlsx"):
        output = str(tmp_path / f"shares.{fmt}")
        code, modules = modules_after("allocate", "--year", "2014", "-f", fmt, "-o", output)
        assert code == 0
        assert "pandas" not in modules, fmt


def test_importing_the_library_and_allocating_does_not_import_pandas():
    """The library path too: load_dataset and allocate leave pandas unloaded."""
    probe = (
        "import sys; from norrort_cost import load_dataset, allocate; "
        "allocate(load_dataset(), 2014); print('pandas' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def _frames_of(directory):
    return {
        name: pd.read_csv(directory / f"{name}.csv", dtype=str)
        for name in ("municipalities", "population", "memberships", "budget")
    }


def test_a_dataset_made_only_of_frames_allocates_like_the_files(tmp_path):
    """Every table as a DataFrame and the settings as a mapping: the same shares, to the öre."""
    import tomllib

    settings = tomllib.loads((default_data_dir() / "cooperation.toml").read_text("utf-8"))
    frames = _frames_of(default_data_dir())
    frames["population"]["inhabitants"] = frames["population"]["inhabitants"].astype("int64")
    frames["memberships"]["from"] = pd.to_datetime(frames["memberships"]["from"])
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    from_frames = load_dataset(empty, settings=settings, **frames)
    files = load_dataset()
    for year in files.budget_years[:-1]:  # 2027 awaits SCB's figures of 31 December 2026
        assert allocate(from_frames, year).shares == allocate(files, year).shares


def test_problems_in_records_are_located_by_row_position():
    """Records with a lost zero and a bad date: the table and the row's position from 0."""
    records = [
        {"kommunkod": "0125", "from": "2014-04-15"},
        {"kommunkod": 125, "from": "2014-04-15"},
        {"kommunkod": "0114", "from": "2014-02-30"},
    ]
    with pytest.raises(DataError) as caught:
        load_dataset(memberships=records)
    found = [
        (p.file, p.line, p.column, p.code) for p in caught.value.problems if not awaiting_scb(p)
    ]
    assert found == [
        ("memberships (records)", 1, "kommunkod", "kommunkod-lost-zero"),
        ("memberships (records)", 2, "from", "impossible-date"),
    ]


def test_a_frame_with_a_misspelt_column_is_reported_like_a_file():
    """A header typo in a frame: unknown-header and missing-header, as for a CSV file."""
    frame = pd.DataFrame({"year": [2014], "line": ["x"], "amonut": [1000]})
    with pytest.raises(DataError) as caught:
        load_dataset(budget=frame)
    codes = {(p.column, p.code) for p in caught.value.problems if not awaiting_scb(p)}
    assert {("amonut", "unknown-header"), ("amount", "missing-header")} <= codes


def test_an_unknown_table_name_is_a_type_error():
    """A typo in a keyword (``budgets=``) is a programming error, not bad data."""
    with pytest.raises(TypeError, match="budgets"):
        load_dataset(budgets=[])


def test_allocate_frame_takes_and_gives_a_wide_frame():
    """Pools × members in, the same shape out, each row summing to its pool's total."""
    weights = pd.DataFrame(
        [[1, 1, 1], [0, 2, 5]], index=["it", "kansli"], columns=["0117", "0115", "0114"]
    )
    units = allocate_frame(pd.Series({"kansli": 7, "it": 10}), weights)
    assert units.to_dict("index") == {
        "it": {"0117": 3, "0115": 3, "0114": 4},
        "kansli": {"0117": 0, "0115": 2, "0114": 5},
    }


def test_allocate_frame_takes_and_gives_a_long_frame():
    """Long rows (pool, kommunkod, weight) in any order get their units, in the same order."""
    long = pd.DataFrame(
        {
            "pool": ["it", "kansli", "it", "it", "kansli"],
            "kommunkod": ["0114", "0114", "0117", "0115", "0115"],
            "weight": np.array([1, 5, 1, 1, 2], dtype=np.int64),
        }
    )
    out = allocate_frame({"it": 10, "kansli": 7}, long)
    assert list(out["units"]) == [4, 5, 3, 3, 2]
    assert out.groupby("pool")["units"].sum().to_dict() == {"it": 10, "kansli": 7}


def test_budget_years_is_a_tuple_and_the_old_call_still_works(dataset):
    """``for year in dataset.budget_years``; the old ``budget_years()`` warns and still works."""
    assert dataset.budget_years == tuple(range(2013, 2028))
    with pytest.warns(DeprecationWarning, match="tuple now"):
        assert dataset.budget_years() == list(range(2013, 2028))


def test_the_readme_pipeline_runs_and_writes_every_year(tmp_path, monkeypatch):
    """The README's pipeline: a budget workbook in, one workbook with every year out."""
    monkeypatch.chdir(tmp_path)
    pd.read_csv(default_data_dir() / "budget.csv").to_excel("budget.xlsx", index=False)

    budget = pd.read_excel("budget.xlsx")
    dataset = load_dataset(budget=budget)
    years = [y for y in dataset.budget_years if y <= 2026]  # 2027: docs/yearly-rhythm.md
    shares = pd.concat(allocate(dataset, y).to_frame() for y in years)
    shares.to_excel("shares.xlsx", index=False)

    back = pd.read_excel("shares.xlsx", dtype={"kommunkod": str})
    assert back.groupby("year")["amount_ore"].sum().to_dict() == {
        y: allocate(dataset, y).budget_ore for y in years
    }
    assert back.loc[back["year"] == 2014, "kommunkod"].iloc[0] == "0114"


def test_pandas_is_a_declared_dependency_with_a_lower_bound():
    """``pip install .`` brings pandas: the package metadata requires it, with a lower bound."""
    from importlib.metadata import requires

    declared = [r for r in requires("norrort-cost") or [] if r.startswith("pandas")]
    assert any(">=" in r and "extra" not in r for r in declared), declared


def test_text_in_a_frame_is_normalised_like_a_file():
    """A name typed on a Mac (NFD: o + combining diaeresis) is read as NFC, like every file."""
    import unicodedata

    frame = pd.read_csv(default_data_dir() / "municipalities.csv", dtype=str)
    frame["name"] = [unicodedata.normalize("NFD", name) for name in frame["name"]]
    loaded = load_dataset(municipalities=frame)
    assert loaded.municipality("0117").name == "Österåker"
    assert unicodedata.is_normalized("NFC", loaded.municipality("0117").name)
