"""`population import-scb` and SCB's noise from 2025: a sum of parts is not a published total.

From reference year 2025 SCB adds small random noise to every published cell, so men +
women need not equal the published total. A file with only parts for 2025 or later is
refused unless --sum-parts; before 2025 the sum is exact and taken silently. (Why refuse
rather than warn: a figure that silently differs from SCB's published one would move
every member's share, and nothing downstream could tell.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app

runner = CliRunner()

# Upplands Väsby 2025: the published total is 50 495 (TAB5557); these parts are made up and
# sum to 50 496, as parts may under SCB's noise.
PARTS_2025 = (
    "Region;Kön;År;Folkmängd\n"
    "0114 Upplands Väsby;män;2025;25250\n0114 Upplands Väsby;kvinnor;2025;25246\n"
)
TOTAL_2025 = (
    "Region;Kön;År;Folkmängd\n0114 Upplands Väsby;totalt;2025;50495\n"
    "0114 Upplands Väsby;män;2025;25250\n0114 Upplands Väsby;kvinnor;2025;25246\n"
)
PARTS_2024 = (
    "Region;Kön;År;Folkmängd\n"
    "0114 Upplands Väsby;män;2024;25200\n0114 Upplands Väsby;kvinnor;2024;25123\n"
)


@pytest.fixture
def without_vasby_2024_2025(data_copy: Path) -> Path:
    """The dataset copy without Upplands Väsby's figures of 2024 and 2025 (if it has them)."""
    population = data_copy / "population.csv"
    lines = population.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(("0114,2024-", "0114,2025-"))]
    population.write_text("".join(kept), encoding="utf-8")
    return data_copy


def import_scb(text: str, tmp_path: Path, data: Path, *args: str) -> tuple[int, str]:
    export = tmp_path / "export.csv"
    export.write_text(text, encoding="utf-8")
    argv = ["population", "import-scb", str(export), "--data-dir", str(data), *args]
    result = runner.invoke(app, argv)
    assert "Traceback" not in result.output
    if "json" in args:
        return result.exit_code, result.stdout
    return result.exit_code, " ".join(result.output.split())


def test_parts_only_from_2025_are_refused(tmp_path: Path, without_vasby_2024_2025: Path) -> None:
    """Men and women for 2025, no total: exit 1 [no-published-total], naming fetch-scb and
    --sum-parts; population.csv untouched."""
    before = (without_vasby_2024_2025 / "population.csv").read_bytes()
    code, out = import_scb(PARTS_2025, tmp_path, without_vasby_2024_2025)
    assert code == 1
    assert "[no-published-total]" in out
    assert "not SCB's published total" in out
    assert "population fetch-scb" in out
    assert "--sum-parts" in out
    assert (without_vasby_2024_2025 / "population.csv").read_bytes() == before


def test_sum_parts_takes_the_sum_and_says_so(tmp_path: Path, without_vasby_2024_2025: Path) -> None:
    """--sum-parts: 50 496 (men + women) imported, with the warning that it is not SCB's total."""
    code, out = import_scb(PARTS_2025, tmp_path, without_vasby_2024_2025, "--sum-parts")
    assert code == 0, out
    assert "1 figure(s) from 2025 or later are men + women summed: not SCB's published total" in out
    assert "0114,2025-12-31,50496," in (without_vasby_2024_2025 / "population.csv").read_text(
        encoding="utf-8"
    )


def test_a_total_in_the_file_is_taken_not_the_sum(
    tmp_path: Path, without_vasby_2024_2025: Path
) -> None:
    """A 2025 file with totalt, män and kvinnor: the published total 50 495, no warning."""
    code, out = import_scb(TOTAL_2025, tmp_path, without_vasby_2024_2025)
    assert code == 0, out
    assert "men + women summed" not in out
    assert "0114,2025-12-31,50495," in (without_vasby_2024_2025 / "population.csv").read_text(
        encoding="utf-8"
    )


def test_before_2025_the_sum_is_exact_and_silent(
    tmp_path: Path, without_vasby_2024_2025: Path
) -> None:
    """Men and women for 2024 (no noise): summed to 50 323 without refusal or warning."""
    code, out = import_scb(PARTS_2024, tmp_path, without_vasby_2024_2025)
    assert code == 0, out
    assert "not SCB's published total" not in out
    assert "0114,2024-12-31,50323," in (without_vasby_2024_2025 / "population.csv").read_text(
        encoding="utf-8"
    )


def test_a_date_option_in_2025_counts(tmp_path: Path, without_vasby_2024_2025: Path) -> None:
    """Parts dated 2025-12-31 by --date (the file says 2024): refused as from 2025."""
    code, out = import_scb(PARTS_2024, tmp_path, without_vasby_2024_2025, "--date", "2025-12-31")
    assert code == 1
    assert "[no-published-total]" in out


def test_import_in_json_lists_added_changed_unchanged_skipped(
    tmp_path: Path, without_vasby_2024_2025: Path
) -> None:
    """--format json: the figure added with its source, the counts of the rest, written."""
    code, out = import_scb(TOTAL_2025, tmp_path, without_vasby_2024_2025, "--format", "json")
    assert code == 0, out
    record = json.loads(out)
    assert record["added"] == [
        {
            "kommunkod": "0114",
            "reference_date": "2025-12-31",
            "inhabitants": 50495,
            "source": "SCB, export.csv",
        }
    ]
    assert (record["changed"], record["unchanged"], record["skipped"]) == ([], [], [])
    assert record["written"] is True
