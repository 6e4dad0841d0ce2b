"""compare and whatif tell the whole story: days of membership, part-year members with
their dates, scenarios titled by name."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from norrort_cost.audit.changes import ChangeKind, MembershipChange, Status, compare, whatif
from norrort_cost.cli import app

runner = CliRunner()


def _table(*args: str) -> str:
    result = runner.invoke(app, [*args, "--lang", "en"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _row(text: str, kommunkod: str) -> str:
    return next(line for line in text.splitlines() if f" {kommunkod} " in line)


def test_a_member_joining_mid_year_carries_its_dates(dataset):
    """Ekerö joined on 15 April 2014: the comparison knows the days it paid for."""
    ekero = next(m for m in compare(dataset, 2013, 2014).members if m.kommunkod == "0125")
    assert ekero.status == Status.JOINED
    assert ekero.after_days == (date(2014, 4, 15), date(2014, 12, 31))
    assert ekero.before_days is None


def test_compare_shows_days_and_the_joining_date():
    """compare 2013→2014: Ekerö joined, 261/365 days, and a note with its dates."""
    text = _table("compare", "--from", "2013", "--to", "2014")
    ekero = _row(text, "0125")
    assert "joined" in ekero
    assert "261/365" in ekero
    assert "365/365" in _row(text, "0114")
    assert "Ekerö: member 2014-04-15 – 2014-12-31, 261 of 365 days (2014)." in text


def test_whatif_leaving_mid_year_shows_both_periods():
    """Ekerö leaving after 30 June: part year, 261 days before and 77 after, both dated."""
    text = _table("whatif", "-y", "2014", "--leave", "Ekerö:2014-06-30")
    ekero = _row(text, "0125")
    assert "part year" in ekero
    assert "261/365" in ekero
    assert "77/365" in ekero
    assert "Ekerö: member 2014-04-15 – 2014-06-30, 77 of 365 days (after)." in text
    assert "what if: Ekerö leaving after 2014-06-30" in text


def test_without_is_left_out_and_titled_by_name(dataset):
    """--without Ekerö: 'without Ekerö' in the title, Ekerö 'left out' (not 'left')."""
    text = _table("whatif", "-y", "2014", "--without", "Ekerö")
    assert "what if: without Ekerö" in text
    assert "0125" not in text.splitlines()[1]
    assert "left out" in _row(text, "0125")
    result = whatif(dataset, 2014, [MembershipChange(ChangeKind.WITHOUT, "0125")])
    assert next(m for m in result.members if m.kommunkod == "0125").status == Status.LEFT_OUT


def test_json_says_left_out_too():
    """The machine record's status for a member left out by --without is 'left-out'."""
    result = runner.invoke(app, ["whatif", "-y", "2014", "--without", "0125", "--format", "json"])
    ekero = next(m for m in json.loads(result.stdout)["members"] if m["kommunkod"] == "0125")
    assert ekero["status"] == "left-out"
    assert ekero["days_baseline"] == 261
