"""`allocate` with mixed allocation keys: --by-pool columns, per-pool JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.loading import default_data_dir
from norrort_cost.rendering.layout import unbroken

EXAMPLE = str(default_data_dir() / "examples" / "overformyndare")
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["allocate", *args], env={"COLUMNS": "200", "NO_COLOR": "1"})


def test_by_pool_table_has_a_column_per_pool_with_pool_totals():
    """--by-pool adds Base fee, Per capita, Equal and Fixed columns; totals in the footer."""
    result = run("--year", "2018", "--data-dir", EXAMPLE, "--by-pool")
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if "Kommunkod" in line)
    for title in ("Base fee (kr)", "Per capita (kr)", "Equal (kr)", "Fixed (kr)", "Amount (kr)"):
        assert title in header
    total = next(line for line in result.output.splitlines() if line.startswith("│ Total"))
    for amount in ("540 493,15", "4 059 506,85", "290 000,00", "140 000,00", "5 030 000,00"):
        assert unbroken(amount) in total
    assert unbroken("Base fee (grundavgift): 120 000,00 kr per member and year") in result.output
    assert "ILLUSTRATIVE BUDGET" in result.output


def test_table_without_by_pool_has_no_pool_columns():
    """Without --by-pool the table keeps its usual columns."""
    result = run("--year", "2014")
    assert result.exit_code == 0
    assert "Per capita (kr)" not in result.output
    assert unbroken("24 291,03") in result.output


def test_json_has_pools_and_every_share_has_its_parts():
    """JSON: a pools list (amounts summing to the budget) and parts per share."""
    result = run("--year", "2018", "--data-dir", EXAMPLE, "--format", "json", "--by-pool")
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert [p["name"] for p in record["pools"]] == ["base_fee", "per_capita", "equal", "fixed"]
    assert sum(p["amount_ore"] for p in record["pools"]) == record["budget_ore"]
    vaxholm = next(s for s in record["shares"] if s["kommunkod"] == "0187")
    assert {p["pool"]: p["amount"] for p in vaxholm["parts"]} == {
        "base_fee": "60493.15",
        "per_capita": "129776.55",
        "equal": "32457.42",
        "fixed": "0.00",
    }
    assert sum(p["amount_ore"] for p in vaxholm["parts"]) == vaxholm["amount_ore"]


def test_csv_ends_with_one_amount_column_per_pool():
    """CSV: amount_<pool> columns after the usual ones, summing to each row's amount."""
    result = run("--year", "2018", "--data-dir", EXAMPLE, "--format", "csv", "--by-pool")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0])[-4:] == [
        "amount_base_fee",
        "amount_per_capita",
        "amount_equal",
        "amount_fixed",
    ]
    for row in rows:
        parts = sum(int(row[c].replace(".", "")) for c in list(row)[-4:])
        assert parts == int(row["amount_ore"])


def test_key_problems_exit_1_and_are_listed_in_json(tmp_path):
    """A broken fixed_amounts.csv: exit code 1, each problem in the JSON problem list."""
    import shutil

    target = tmp_path / "d"
    shutil.copytree(EXAMPLE, target)
    text = (target / "fixed_amounts.csv").read_text(encoding="utf-8")
    (target / "fixed_amounts.csv").write_text(text.replace(",0160,80000", ",0160,9000000"))
    result = run("--year", "2018", "--data-dir", str(target), "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stderr)["problems"]
    assert [(p["file"], p["line"], p["code"]) for p in problems] == [
        ("budget.csv", 5, "fixed-exceeds-line"),
        ("budget.csv", 9, "fixed-exceeds-line"),
    ]


def test_table_share_is_the_share_of_the_budget_with_mixed_keys():
    """With a base fee and equal parts, Täby's Share is what it pays of the budget: 35,7130 %."""
    result = run("--year", "2018", "--data-dir", EXAMPLE)
    assert result.exit_code == 0
    taby = next(line for line in result.output.splitlines() if "Täby" in line)
    assert unbroken("35,7130 %") in taby
    assert unbroken("1 796 366,40") in taby
