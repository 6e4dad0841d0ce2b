"""``invoices`` options stay within the calendar: a usage error, never an OverflowError.

The issue date must lie in 1900-01-01 … 2200-12-31 (the years a dataset may hold) and the
payment terms in 0 … 365 days (the settings' own bounds), so the due date always exists.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--issue-date", "9999-12-31"),
        ("--issue-date", "2201-01-01"),
        ("--issue-date", "1899-12-31"),
        ("--due-days", "1000000000"),
        ("--due-days", "366"),
    ],
)
def test_an_issue_date_or_term_out_of_range_is_a_usage_error(
    tmp_path: Path, option: str, value: str
) -> None:
    """Exit 2 with the option named; no traceback and no invoice written."""
    out = tmp_path / "fakturor"
    result = runner.invoke(
        app, ["invoices", "-y", "2014", "-f", "csv", "--out", str(out), option, value]
    )
    assert result.exit_code == 2, result.output
    assert option in result.output
    assert not isinstance(result.exception, OverflowError)
    assert not out.exists()


def test_the_last_issue_date_with_the_longest_terms_is_accepted(tmp_path: Path) -> None:
    """2200-12-31 with 365 days: due 2201-12-31, written."""
    out = tmp_path / "fakturor"
    result = runner.invoke(
        app,
        [
            "invoices", "-y", "2014", "-f", "json", "--out", str(out),
            "--issue-date", "2200-12-31", "--due-days", "365",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2201-12-31" in (out / "fakturor-2014.json").read_text(encoding="utf-8")
