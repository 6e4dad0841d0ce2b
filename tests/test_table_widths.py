"""Every command's table at 60, 80, 120 and 200 columns: no amount, total or kommunkod is
ever cut or broken across lines, and no line is wider than the terminal."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.money import format_sek
from norrort_cost.rendering.layout import unbroken

EXAMPLE = "data/examples/overformyndare"
WIDTHS = (60, 80, 120, 200)
runner = CliRunner()

# command, and how to find the figures it must show whole in its JSON record
COMMANDS = {
    "allocate": ["allocate", "--year", "2014"],
    "allocate-one": ["allocate", "--year", "2014", "-m", "Ekerö"],
    "allocate-by-pool": ["allocate", "--year", "2018", "--by-pool", "--data-dir", EXAMPLE],
    "compare": ["compare", "--from", "2013", "--to", "2014"],
    "whatif-without": ["whatif", "--year", "2014", "--without", "Ekerö"],
    "whatif-leave": ["whatif", "--year", "2014", "--leave", "Ekerö:2014-06-30"],
    "check": ["check", "--year", "2014", "-m", "Ekerö", "--claimed", "ca 0,024 mnkr"],
    "explain": ["explain", "--year", "2014", "-m", "Ekerö"],
}


def _invoke(args: list[str], width: int) -> str:
    result = runner.invoke(app, [*args, "--lang", "en"], env={"COLUMNS": str(width)})
    assert result.exit_code in (0, 3), result.output
    return result.stdout


def _record(args: list[str]) -> dict:
    result = runner.invoke(app, [*args, "--format", "json"])
    return json.loads(result.stdout)


def _must_show(name: str, record: dict) -> set[str]:
    """The amounts (in öre) and kommunkoder the table must show whole."""
    figures: set[str] = set()
    if name.startswith("allocate"):
        figures |= {format_sek(s["amount_ore"]) for s in record["shares"]}
        figures |= {s["kommunkod"] for s in record["shares"]}
        figures.add(format_sek(record["total"]["amount_ore"]))
    elif name in {"compare", "whatif-without", "whatif-leave"}:
        before, after = ("from", "to") if name == "compare" else ("baseline", "new")
        for member in record["members"]:
            figures.add(member["kommunkod"])
            figures.add(format_sek(member[f"amount_ore_{before}"]))
            figures.add(format_sek(member[f"amount_ore_{after}"]))
    elif name == "check":
        figures.add(format_sek(record["computed_ore"]))
        figures.add(record["kommunkod"])
    else:
        figures.add(format_sek(record["amount_ore"]))
        figures.add(format_sek(record["budget_ore"]))
        figures.add(record["kommunkod"])
    return figures


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_number_is_cut_or_broken(name: str, width: int) -> None:
    """Every amount, total and kommunkod appears whole (no-break spaces inside), none is cut
    with an ellipsis, and every line fits the terminal."""
    args = COMMANDS[name]
    text = _invoke(args, width)
    for figure in _must_show(name, _record(args)):
        assert unbroken(figure) in text, f"{figure} not shown whole at {width} columns"
    assert not re.search(r"[\d\u00a0,]…", text), "a number is cut with an ellipsis"
    assert not re.search(r"\d \d{3}(?!\d)", text), "a number is grouped with a breaking space"
    widest = max(len(line) for line in text.splitlines())  # every character is one cell
    assert widest <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_narrow_tables_say_which_columns_they_leave_out(width: int) -> None:
    """A column dropped for lack of room is named under the table; none is dropped at 200."""
    text = _invoke(COMMANDS["compare"], width)
    assert ("Not shown at this width" in text) == (width < 200)
