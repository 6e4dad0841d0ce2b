"""check judges a claim as people write it: at its own precision, in whole öre, and with the
illustrative notice in every output."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from norrort_cost.audit.claims import parse_claim
from norrort_cost.audit.reconcile import ReadingCheck, Verdict, check
from norrort_cost.cli import app
from norrort_cost.rendering.audit_records import check_record

runner = CliRunner()


@pytest.mark.parametrize(
    ("claimed", "precision"),
    [
        ("ca 0,024 mnkr", "1000"),
        ("ca 24 tkr", "1000"),
        ("0,02 mnkr", "10000"),
        ("24,3 tkr", "100"),
        ("24 291,03 kr", "0.01"),
        ("24 300 kr", "1"),
    ],
)
def test_a_claim_is_written_to_a_precision(claimed, precision):
    """Its last written digit, in its unit: 0,024 mnkr and 24 tkr are whole thousands."""
    assert parse_claim(claimed).literal.precision == Decimal(precision)


@pytest.mark.parametrize("claimed", ["ca 0,024 mnkr", "ca 24 tkr", "0,02 mnkr", "24,3 tkr"])
def test_ekero_rounded_as_written_is_consistent(dataset, claimed):
    """24 291,03 kr rounds to each of these at its own precision: consistent, exit 0."""
    result = check(dataset, 2014, "Ekerö", claimed)
    assert result.verdict == Verdict.CONSISTENT
    assert result.literal.rounds_to_claim


def test_the_verdict_names_the_precision_it_assumed(dataset):
    """'ca 0,024 mnkr' (-1,20 %, outside 1 %) is consistent and says: whole thousands."""
    result = check(dataset, 2014, "Ekerö", "ca 0,024 mnkr")
    assert not result.literal.within_tolerance
    assert check_record(result)["summary"] == (
        "consistent: read as written, 0,024 mnkr = 24 000 kr; the computed 24 291,03 kr "
        "rounds to it at the precision it is written to, whole thousands"
    )


def test_a_figure_to_the_krona_is_not_excused_by_rounding(dataset):
    """'24 000 kr' is written to the krona: 291,03 kr off (-1,20 %) is inconsistent."""
    result = check(dataset, 2014, "Ekerö", "24 000 kr")
    assert result.verdict == Verdict.INCONSISTENT
    assert not result.literal.rounds_to_claim


def test_wrong_at_its_precision_is_still_inconsistent(dataset):
    """'ca 25 tkr': 24 291,03 rounds to 24 tkr, not 25; 2,9 % off: inconsistent."""
    assert check(dataset, 2014, "Ekerö", "ca 25 tkr").verdict == Verdict.INCONSISTENT


@given(st.integers(min_value=1, max_value=10**12), st.integers(min_value=0, max_value=3))
def test_rounding_law(computed_ore, places):
    """The computed amount rounded half up to ``places`` decimals of tkr always reads as
    consistent by rounding; one unit more at that precision never does."""
    exact = Decimal(computed_ore) / 100_000  # in tkr
    unit = Decimal(1).scaleb(-places)
    rounded = exact.quantize(unit, rounding=ROUND_HALF_UP)
    for claimed, expected in ((rounded, True), (rounded + unit, False)):
        reading = parse_claim(f"{claimed:f} tkr".replace(".", ",")).literal
        assert reading.precision == 1000 * unit
        assert ReadingCheck(reading, computed_ore, Decimal(0)).rounds_to_claim is expected


def test_differences_are_in_whole_ore():
    """A reading of '0,024 kr' is 24 291,006 kr off; the table shows whole öre: -24 291,01."""
    result = runner.invoke(
        app, ["check", "-y", "2014", "-m", "Ekerö", "-c", "ca 0,024 mnkr", "--lang", "en"]
    )
    assert "-24\u00a0291,01" in result.stdout
    assert "291,006" not in result.stdout


def test_the_illustrative_notice_is_in_every_check_output():
    """Table: the notice above and below; JSON: illustrative true."""
    args = ["check", "-y", "2014", "-m", "Ekerö", "-c", "ca 0,024 mnkr"]
    table = runner.invoke(app, [*args, "--lang", "en"])
    assert table.exit_code == 0
    assert table.stdout.count("ILLUSTRATIVE BUDGET") == 2
    record = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert record["illustrative"] is True
    assert record["readings"][0]["precision"] == "1000"
    assert record["readings"][0]["rounds_to_claim"] is True
