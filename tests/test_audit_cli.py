"""The audit commands on the command line: exit codes, JSON equal to the library, goldens."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from norrort_cost.audit.changes import ChangeKind, MembershipChange, compare, whatif
from norrort_cost.audit.explain import explain
from norrort_cost.audit.reconcile import check
from norrort_cost.cli import app
from norrort_cost.rendering import audit_records
from norrort_cost.rendering.layout import unbroken
from tests.conftest import assert_golden


@pytest.fixture
def run(monkeypatch):
    monkeypatch.setenv("COLUMNS", "132")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("NORRORT_COST_DATA_DIR", raising=False)

    def invoke(*args):
        return CliRunner().invoke(app, list(args))

    return invoke


def test_explain_table_golden(run):
    """The explain table for Ekerö 2014 is exactly the reviewed golden text."""
    result = run("explain", "--year", "2014", "--municipality", "Ekerö")
    assert result.exit_code == 0
    assert_golden("explain_ekero_2014.txt", result.stdout)


def test_explain_json_golden_and_equal_to_the_library(run, dataset):
    """explain --format json is the library result's record, and the reviewed golden file."""
    result = run("explain", "-y", "2014", "-m", "0125", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == audit_records.explanation_record(
        explain(dataset, 2014, "0125")
    )
    assert_golden("explain_ekero_2014.json", result.stdout)


def test_check_the_ekero_decision_exits_3(run, dataset):
    """'ca 24.300 tkr' -> exit 3; the JSON is the library's record, verdict likely-slip."""
    result = run("check", "-y", "2014", "-m", "Ekerö", "--claimed", "ca 24.300 tkr", "-f", "json")
    assert result.exit_code == 3
    record = json.loads(result.stdout)
    assert record == audit_records.check_record(check(dataset, 2014, "Ekerö", "ca 24.300 tkr"))
    assert record["verdict"] == "likely-slip"
    assert record["readings"][0]["kronor"] == "24300000"
    assert record["readings"][record["chosen"]]["kronor"] == "24300"


def test_check_table_names_both_readings(run):
    """The table says: literally 24 300 000 kr, ~1 000 times; as 24,3 tkr = 24 300 kr consistent."""
    result = run("check", "-y", "2014", "-m", "Ekerö", "--claimed", "ca 24.300 tkr")
    assert result.exit_code == 3
    text = " ".join(result.stdout.split())
    assert "read literally, 24 300 000 kr, about 1 000 times the computed 24 291,03 kr" in text
    assert "read as 24,3 tkr = 24 300 kr, consistent" in text


def test_check_consistent_exits_0(run):
    """'24 300 kr' is consistent: exit 0."""
    result = run("check", "-y", "2014", "-m", "Ekerö", "--claimed", "24 300 kr")
    assert result.exit_code == 0
    assert "consistent: read as written" in result.stdout


def test_check_tolerance_option_in_percent(run):
    """--tolerance 2 accepts 24 600 kr (1,27 % above), the default 1 % does not."""
    args = ("check", "-y", "2014", "-m", "0125", "-c", "24 600 kr")
    assert run(*args).exit_code == 3
    assert run(*args, "--tolerance", "2").exit_code == 0
    assert run(*args, "--tolerance", "2 %").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "-y", "2014", "-m", "0125", "-c", "ungefär hälften"), "no amount"),
        (("check", "-y", "2014", "-m", "0125", "-c", "1", "-t", "x"), "not a number"),
        (("explain", "-y", "2014", "-m", "Ekrö"), "did you mean Ekerö?"),
        (("whatif", "-y", "2014", "--join", "0114:2014-01-01"), "already a member"),
        (("whatif", "-y", "2014"), "no change to try"),
    ],
)
def test_usage_errors_exit_2_with_a_message(run, args, message):
    """Unreadable claims, unknown members and impossible changes: exit 2, said on stderr."""
    result = run(*args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_whatif_json_equals_the_library_and_sums_to_ekeros_share(run, dataset):
    """whatif --without 0125 --format json: the library's record; others' differences sum to
    +24 291,03 kr."""
    result = run("whatif", "-y", "2014", "--without", "0125", "-f", "json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    expected = whatif(dataset, 2014, [MembershipChange(ChangeKind.WITHOUT, "0125")])
    assert record == audit_records.whatif_record(expected)
    others = [m["amount_change_ore"] for m in record["members"] if m["kommunkod"] != "0125"]
    assert (len(others), sum(others)) == (14, 2429103)
    assert record["total"]["difference_ore"] == 0


def test_whatif_table_shows_each_member(run):
    """The what-if table lists baseline, new and signed difference, and the sign convention."""
    result = run("whatif", "-y", "2014", "--without", "Ekerö")
    assert result.exit_code == 0
    assert unbroken("-24 291,03") in result.stdout
    assert unbroken("+1 558,48") in result.stdout  # Upplands Väsby
    assert "positive: the member would pay more" in result.stdout


def test_compare_csv_and_json(run, dataset):
    """compare --format csv has one row per member; --format json is the library's record."""
    result = run("compare", "--from", "2013", "--to", "2014", "-f", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 15
    ekero = next(r for r in rows if r["kommunkod"] == "0125")
    assert (ekero["status"], ekero["amount_from"], ekero["amount_to"]) == (
        "joined",
        "0.00",
        "24291.03",
    )
    as_json = run("compare", "--from", "2013", "--to", "2014", "-f", "json")
    assert json.loads(as_json.stdout) == audit_records.comparison_record(
        compare(dataset, 2013, 2014)
    )


def test_compare_table_marks_joined(run):
    """The comparison table marks Ekerö as joined and totals the budget change."""
    result = run("compare", "--from", "2013", "--to", "2014")
    assert result.exit_code == 0
    assert "joined" in result.stdout
    assert unbroken("42 000,00") in result.stdout


def test_every_audit_command_has_help(run):
    """Each command explains itself with an example."""
    for command in ("explain", "check", "compare", "whatif"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Example: norrort-cost " + command in result.stdout
