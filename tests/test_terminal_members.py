"""Tables at 60, 80 and 120 columns: kommunkoder and amounts whole, names cut last, and
several years of one member in one table with "ej medlem" for a year outside."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from norrort_cost.allocation.yearly import allocate
from norrort_cost.cli import app
from norrort_cost.money import format_sek
from norrort_cost.rendering.layout import unbroken

runner = CliRunner()
WIDTHS = (60, 80, 120)


def _table(args: list[str], width: int, lang: str = "sv") -> str:
    result = runner.invoke(app, ["--lang", lang, *args], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("args", "year"),
    [
        (["allocate", "-y", "2014"], 2014),
        (["compare", "--from", "2013", "--to", "2014"], 2014),
        (["whatif", "-y", "2014", "--leave", "0114:2014-07-01"], None),
    ],
    ids=["allocate", "compare", "whatif"],
)
def test_every_kommunkod_and_amount_is_whole(dataset, args, year, width):
    """Each member's kommunkod, and (for the year shown) its amount, is on the screen whole."""
    shown = _table(args, width)
    allocation = allocate(dataset, 2014)
    for share in allocation.shares:
        assert f"│ {share.kommunkod} " in shown, (share.kommunkod, width)
        if year is not None:
            assert unbroken(format_sek(share.amount_ore)) in shown, (share.name, width)


@pytest.mark.parametrize("width", [80, 120])
def test_names_are_cut_last(width):
    """At 80 columns "Upplands Väsby" is whole: a less important column goes first."""
    shown = _table(["allocate", "-y", "2014"], width)
    assert "Upplands Väsby" in shown
    assert "…" not in shown


def test_several_years_of_one_member_are_one_table_with_one_notice():
    """--years 2014-2019 -m Ekerö: one title, the notice once above and once below, a row
    per year."""
    shown = _table(["allocate", "--years", "2014-2019", "-m", "Ekerö"], 80)
    assert shown.count("kostnadsfördelning") == 1
    assert shown.count("ILLUSTRATIV BUDGET") == 2
    rows = [line for line in shown.splitlines() if "│ 0125 " in line]
    assert [row.split("│")[1].strip() for row in rows] == [str(y) for y in range(2014, 2020)]
    assert unbroken("24 291,03") in rows[0]


@pytest.mark.parametrize(("lang", "words"), [("sv", "ej medlem"), ("en", "not a member")])
def test_a_year_without_membership_says_so_instead_of_failing(lang, words):
    """--years 2013-2019 -m Ekerö: 2013 (before Ekerö joined) is a row saying so, exit 0."""
    shown = _table(["allocate", "--years", "2013-2019", "-m", "Ekerö"], 80, lang)
    row = next(line for line in shown.splitlines() if line.startswith("│ 2013 "))
    assert words in row
    assert "0125" in row


def test_one_year_without_membership_is_still_a_usage_error():
    """A single year in which the member was not one stays exit 2, naming the members."""
    result = runner.invoke(app, ["allocate", "--year", "2013", "-m", "Ekerö"])
    assert result.exit_code == 2
