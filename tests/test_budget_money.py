"""Money that cannot be misread (issue 14, and issue 15 items 1 and 16 for budget amounts).

A budget amount is kronor wherever a person gives a number, whatever its type; öre only
under a name ending in ``_ore``. Ambiguous thousands points, floats finer than an öre and
absurdly large numbers are refused with the value shown and a located problem.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from norrort_cost import DataError, allocate, load_dataset
from norrort_cost.cli import app
from norrort_cost.dataset.models import BudgetLine, FixedAmount, Membership
from norrort_cost.loading import default_data_dir
from norrort_cost.money import AmountError, kronor_to_ore, ore_to_decimal
from tests.copies import awaiting_scb

runner = CliRunner()
EXAMPLE = default_data_dir() / "examples" / "overformyndare"
# the 2014 budget lines of the embedded dataset, in kronor: 857 000 kr in all
LINES_2014 = [
    ("Personal (strateg inkl. personalomkostnader)", 756000),
    ("Lokal, IT och administration", 41000),
    ("Nätverksträffar och seminarier", 45000),
    ("Resor och övrigt", 15000),
]
# every way a person (or a pandas script) gives 756 000 kr
KRONOR_FORMS: dict[str, Callable[[int], object]] = {
    "int": int,
    "float": float,
    "Decimal": Decimal,
    "Decimal with öre": lambda k: Decimal(f"{k}.00"),
    "numpy.int64": np.int64,
    "numpy.float64": np.float64,
    "text": str,
    "Swedish text": lambda k: f"{k:,}".replace(",", "\u00a0") + ",00",
    "text with a dot": lambda k: f"{k}.00",
}


def budget_frame(form: str) -> pd.DataFrame:
    """The 2014 budget as a pipeline builds it, every amount given in ``form``."""
    make = KRONOR_FORMS[form]
    rows = [
        {"year": 2014, "line": line, "amount": make(kronor), "illustrative": "yes"}
        for line, kronor in LINES_2014
    ]
    return pd.DataFrame(rows).astype({"amount": object})


@pytest.mark.parametrize("form", sorted(KRONOR_FORMS))
def test_every_type_of_amount_in_a_frame_allocates_857_000_kr(form):
    """int, float, Decimal, numpy and text amounts are all kronor: the budget is 857 000,00 kr."""
    result = allocate(load_dataset(budget=budget_frame(form)), 2014)
    assert result.budget_ore == 85_700_000
    assert result.share_of("0125").amount_ore == 2_429_103


def test_a_frame_mixing_every_type_allocates_857_000_kr():
    """One frame with an int, a float, a Decimal, a numpy integer and a Swedish text."""
    amounts = [756000, 41000.0, Decimal("45000"), np.int64(15000)]
    frame = pd.DataFrame(
        {
            "year": [2014] * 4,
            "line": [line for line, _ in LINES_2014],
            "amount": pd.Series(amounts, dtype=object),
        }
    )
    assert allocate(load_dataset(budget=frame), 2014).budget_ore == 85_700_000
    records = frame.assign(amount=["756 000,00", *amounts[1:]]).to_dict("records")
    assert allocate(load_dataset(budget=records), 2014).budget_ore == 85_700_000


def test_float_amounts_with_ore_are_kronor_and_ore():
    """755 999,50 and 41 000,50 as floats (what read_excel gives): exact, 857 000,00 kr in all."""
    frame = budget_frame("float")
    frame["amount"] = [755999.5, 41000.5, 45000.0, 15000.0]
    assert allocate(load_dataset(budget=frame), 2014).budget_ore == 85_700_000


@pytest.mark.parametrize("form", sorted(KRONOR_FORMS))
def test_each_type_means_kronor_in_records_built_in_code(form):
    """BudgetLine, FixedAmount and base_fee by their column names: always kronor."""
    value = KRONOR_FORMS[form](756000)
    line = BudgetLine.model_validate(
        {"year": 2014, "line": "x", "amount": value, "key": "base_fee", "base_fee": value}
    )
    fixed = FixedAmount.model_validate(
        {"year": 2014, "line": "x", "kommunkod": "0125", "amount": value}
    )
    assert line.amount_ore == line.base_fee_ore == fixed.amount_ore == 75_600_000


def test_only_a_field_named_ore_takes_ore():
    """``amount_ore`` is öre (an int, a numpy integer); giving both names is refused."""
    assert BudgetLine(year=2014, line="x", amount_ore=75_600_000).amount_ore == 75_600_000
    assert BudgetLine(year=2014, line="x", amount_ore=np.int64(7)).amount_ore == 7
    with pytest.raises(ValidationError, match="whole number of öre"):
        BudgetLine(year=2014, line="x", amount_ore=1.5)
    with pytest.raises(ValidationError, match="whole number of öre"):
        BudgetLine(year=2014, line="x", amount_ore="٤١٤٤٩")
    with pytest.raises(ValidationError, match="amount-given-twice"):
        BudgetLine.model_validate({"year": 2014, "line": "x", "amount": 1, "amount_ore": 100})


def test_an_update_through_model_copy_is_validated():
    """model_copy(update=...) cannot make a record that validation refuses."""
    line = BudgetLine(year=2014, line="x", amount_ore=100)
    assert line.model_copy(update={"amount_ore": 250}).amount_ore == 250
    assert line.model_copy(update={"amount": 900000}).amount_ore == 90_000_000
    assert line.model_copy(update={"amount": "1 500,50"}).amount_ore == 150_050
    with pytest.raises(ValidationError, match="negative"):
        line.model_copy(update={"amount_ore": -5})
    membership = Membership.model_validate({"kommunkod": "0125", "from": "2014-04-15"})
    with pytest.raises(ValidationError, match="before it starts"):
        membership.model_copy(update={"end": pd.Timestamp("2014-01-01").date()})


REFUSED = [
    (0.1 + 0.2, "invalid-amount", "0.30000000000000004"),
    (1.555, "invalid-amount", "1.555"),
    ("15.000", "ambiguous-amount", "15.000"),
    ("1.500", "ambiguous-amount", "1.500"),
    ("15,000", "ambiguous-amount", "15,000"),
    ("15000,005", "invalid-amount", "15000,005"),
    ("1.500 000", "invalid-amount", "1.500 000"),
    ("1500.000", "invalid-amount", "1500.000"),
    ("1e999999", "amount-too-large", "1e999999"),
    ("1e5000", "amount-too-large", "1e5000"),
    (10**26, "amount-too-large", str(10**26)),
    (Decimal("1E+26"), "amount-too-large", "1E+26"),
    (float("inf"), "invalid-amount", "inf"),
    (True, "invalid-amount", "True"),
    (Fraction(1, 3), "invalid-amount", "1/3"),
    ("٤١٤٤٩", "invalid-amount", "٤١٤٤٩"),
    ("١٥.٠٠٠", "invalid-amount", "١٥.٠٠٠"),
    ("1_000", "invalid-amount", "1_000"),
]


@pytest.mark.parametrize(("value", "code", "shown"), REFUSED)
def test_a_misreadable_amount_is_refused_with_its_value(value, code, shown):
    """Sub-öre floats, ambiguous points, huge and odd values: refused, the value in the message."""
    with pytest.raises(AmountError) as caught:
        kronor_to_ore(value)
    assert (caught.value.code, shown in caught.value.message) == (code, True)
    assert caught.value.hint


@pytest.mark.parametrize(("value", "code", "shown"), REFUSED[:10])
def test_a_misreadable_amount_in_a_frame_is_located_at_its_row(value, code, shown):
    """The problem names the frame, the row's position and the column."""
    frame = budget_frame("int")
    frame.loc[2, "amount"] = value
    with pytest.raises(DataError) as caught:
        load_dataset(budget=frame)
    found = [
        (p.file, p.line, p.column, p.code) for p in caught.value.problems if not awaiting_scb(p)
    ]
    assert found == [("budget (DataFrame)", 2, "amount", code)]


def test_the_ambiguous_amount_names_both_readings():
    """``15.000`` could be 15 000 kr or 15,00 kr: the message says both, the hint how to write."""
    with pytest.raises(AmountError) as caught:
        kronor_to_ore("15.000")
    assert "15 000 kr" in caught.value.message
    assert "15,00 kr" in caught.value.message
    assert caught.value.hint == "write 15000 or 15 000 for thousands, 15,00 for kronor"


def test_unambiguous_groupings_are_read():
    """A point and a comma together, spaces between thousands, leave no doubt."""
    assert kronor_to_ore("15.000,00") == 1_500_000
    assert kronor_to_ore("1,500.50") == 150_050
    assert kronor_to_ore("1 500 000") == 150_000_000
    assert kronor_to_ore("15.5") == 1_550


def _with_budget_line(data: Path, row: int, column: str, value: str) -> None:
    path = data / "budget.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[row - 1].split(",")
    cells[header.index(column)] = f'"{value}"'
    lines[row - 1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _problems(result) -> list[str]:
    return [line for line in result.output.splitlines() if "budget.csv" in line]


def test_a_swedish_thousands_point_in_budget_csv_stops_validate_and_allocate(data_copy):
    """Issue 15 item 1: ``15.000`` in budget.csv: exit 1 from both, located, with a hint."""
    _with_budget_line(data_copy, 9, "amount", "15.000")
    for command in (["validate"], ["allocate", "--year", "2014"]):
        result = runner.invoke(app, [*command, "--data-dir", str(data_copy)])
        assert result.exit_code == 1, command
        assert "budget.csv:9" in result.output
        assert "15 000 kr" in result.output
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    assert [
        (p.file, p.line, p.column, p.code) for p in caught.value.problems if not awaiting_scb(p)
    ] == [("budget.csv", 9, "amount", "ambiguous-amount")]


def test_a_thousands_point_in_a_base_fee_or_a_fixed_amount_is_refused(tmp_path):
    """Same rule for base_fee in budget.csv and amount in fixed_amounts.csv."""
    data = tmp_path / "example"
    shutil.copytree(EXAMPLE, data)
    _with_budget_line(data, 2, "base_fee", "120.000")
    fixed = data / "fixed_amounts.csv"
    fixed.write_text(
        fixed.read_text(encoding="utf-8").replace(",80000,yes", ',"80.000",yes', 1),
        encoding="utf-8",
    )
    for command in (["validate"], ["allocate", "--year", "2018"]):
        result = runner.invoke(app, [*command, "--data-dir", str(data)])
        assert result.exit_code == 1
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    found = [
        (p.file, p.line, p.column, p.code) for p in caught.value.problems if not awaiting_scb(p)
    ]
    assert ("budget.csv", 2, "base_fee", "ambiguous-amount") in found
    assert ("fixed_amounts.csv", 2, "amount", "ambiguous-amount") in found


@pytest.mark.parametrize("huge", ["1e999999", "1e5000", "1" + "0" * 26])
def test_a_huge_budget_amount_is_refused_fast_and_located(data_copy, huge):
    """Issue 15 item 16: no hang, no digit-limit traceback, exit 1 naming the cell."""
    _with_budget_line(data_copy, 9, "amount", huge)
    started = time.perf_counter()
    result = runner.invoke(app, ["allocate", "--year", "2014", "--data-dir", str(data_copy)])
    assert time.perf_counter() - started < 5
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "budget.csv:9 [amount]" in result.output


@given(st.integers(min_value=0, max_value=10**14 - 1))
def test_every_amount_in_ore_reads_back_the_same_in_every_type(ore):
    """Law: kronor written as Decimal, text, Swedish text or float read back as the same öre."""
    kronor = ore_to_decimal(ore)
    swedish = f"{kronor:,}".replace(",", " ").replace(".", ",")
    forms = [kronor, str(kronor), swedish, float(str(kronor))]
    if ore % 100 == 0:
        forms += [ore // 100, np.int64(ore // 100)]
    assert {kronor_to_ore(form) for form in forms} == {ore}


def test_example_dataset_from_frames_allocates_like_its_files():
    """base_fee and fixed amounts given as frames with float and Decimal amounts: same öre."""
    budget = pd.read_csv(EXAMPLE / "budget.csv", dtype={"base_fee": "float64"})
    fixed = pd.read_csv(EXAMPLE / "fixed_amounts.csv", dtype={"kommunkod": str})
    fixed["amount"] = [Decimal(a) for a in fixed["amount"]]
    from_frames = load_dataset(EXAMPLE, budget=budget, fixed_amounts=fixed)
    from_files = load_dataset(EXAMPLE)
    for year in from_files.budget_years:
        expected = [(s.kommunkod, s.amount_ore) for s in allocate(from_files, year).shares]
        assert [(s.kommunkod, s.amount_ore) for s in allocate(from_frames, year).shares] == (
            expected
        )
