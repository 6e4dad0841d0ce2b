"""Approximate claims as people write them: "ca 24 000 kr" is read at the precision of its last
non-zero digit, as "24 tkr" is; "drygt" and "knappt" also say on which side the amount is."""

from __future__ import annotations

from decimal import Decimal

import pytest
from typer.testing import CliRunner

from norrort_cost.audit.claims import Side, parse_claim
from norrort_cost.audit.reconcile import Verdict, check
from norrort_cost.cli import app
from norrort_cost.rendering.layout import NO_BREAK_SPACE

runner = CliRunner()


@pytest.mark.parametrize(
    ("claimed", "precision"),
    [
        ("ca 24 000 kr", "1000"),
        ("drygt 24 000 kronor", "1000"),
        ("cirka 24 tkr", "1000"),
        ("ungefär 24 300 kr", "100"),
        ("runt 20 000 kr", "10000"),
        ("about 24,000 SEK", "0.001"),  # Swedish literal reading: 24,000 is 24 to the öre-tenth
        ("ca 24 291,03 kr", "0.01"),
        ("24 000 kr", "1"),  # not approximate: read as written, to the krona
    ],
)
def test_an_approximate_round_number_is_read_at_its_last_non_zero_digit(claimed, precision):
    """24 000 after "ca" is whole thousands, as "24 tkr" is; without "ca" it is exact."""
    assert parse_claim(claimed).literal.precision == Decimal(precision)


@pytest.mark.parametrize(
    ("claimed", "side"),
    [
        ("drygt 24 000 kr", Side.OVER),
        ("just over 24,000 SEK", Side.OVER),
        ("knappt 24 000 kr", Side.UNDER),
        ("närmare 25 000 kr", Side.UNDER),
        ("omkring 24 000 kr", Side.ABOUT),
        ("roughly 24 tkr", Side.ABOUT),
        ("24 000 kr", Side.EXACT),
    ],
)
def test_drygt_and_knappt_say_on_which_side(claimed, side):
    """ "drygt" puts the amount a bit over the figure, "knappt" a bit under."""
    assert parse_claim(claimed).side == side


@pytest.mark.parametrize(
    "claimed",
    ["ca 24 000 kr", "drygt 24 000 kronor", "cirka 24 tkr", "ungefär 24 000 kr", "about 24 000 kr"],
)
def test_ekero_2014_written_roughly_is_consistent(dataset, claimed):
    """Ekerö's 24 291,03 kr in 2014 is "ca 24 000 kr" and "drygt 24 000 kronor"."""
    assert check(dataset, 2014, "Ekerö", claimed).verdict == Verdict.CONSISTENT


@pytest.mark.parametrize("claimed", ["knappt 24 000 kr", "drygt 24 300 kr", "drygt 23 000 kr"])
def test_the_wrong_side_or_too_far_is_inconsistent(dataset, claimed):
    """24 291,03 kr is not "a bit under 24 000", not "a bit over 24 300", and more than a
    thousand over 23 000."""
    assert check(dataset, 2014, "Ekerö", claimed).verdict == Verdict.INCONSISTENT


def test_knappt_is_fine_under_the_figure(dataset):
    """24 291,03 kr is "knappt 24 300 kr" (a bit under, within whole hundreds)."""
    assert check(dataset, 2014, "Ekerö", "knappt 24 300 kr").verdict == Verdict.CONSISTENT


def test_the_thousandfold_slip_is_still_found(dataset):
    """ "ca 24.300 tkr" is still a likely slip, read as 24,3 tkr."""
    result = check(dataset, 2014, "Ekerö", "ca 24.300 tkr")
    assert result.verdict == Verdict.LIKELY_SLIP
    assert result.chosen.reading.kronor == Decimal(24300)


@pytest.mark.parametrize(
    ("claimed", "code", "words"),
    [
        ("ca 24 000 kr", 0, "ungefärligt jämnt tal har, hela tusental"),
        ("drygt 24 000 kronor", 0, "över det med mindre än den antagna noggrannheten"),
        ("cirka 24 tkr", 0, "hela tusental"),
        ("knappt 24 000 kr", 3, "men det beräknade beloppet är över det"),
    ],
)
def test_the_verdict_names_the_precision_and_side_in_swedish(claimed, code, words):
    """The verdict says the precision it assumed and, when wrong, on which side it is."""
    result = runner.invoke(
        app, ["--lang", "sv", "check", "-y", "2014", "-m", "Ekerö", "-c", claimed]
    )
    assert result.exit_code == code, result.output
    assert words in " ".join(result.output.split())


def test_amounts_in_the_verdict_never_break_across_lines():
    """At 80 columns "24 291,03 kr" stays on one line: its spaces are no-break spaces."""
    result = runner.invoke(
        app,
        ["--lang", "sv", "check", "-y", "2014", "-m", "Ekerö", "-c", "drygt 24 000 kronor"],
        env={"COLUMNS": "80"},
    )
    assert f"24{NO_BREAK_SPACE}291,03{NO_BREAK_SPACE}kr" in result.output
    assert not any(line.strip() in {"kr", "kronor"} for line in result.output.splitlines())
