"""Help that teaches: an example everywhere, no type placeholders, choices listed, and a
golden file per command so that a new typer or rich release cannot change it unnoticed."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from tests.conftest import assert_golden

runner = CliRunner()
COMMANDS = [
    [],
    ["allocate"],
    ["check"],
    ["compare"],
    ["explain"],
    ["invoices"],
    ["validate"],
    ["whatif"],
    ["population"],
    ["population", "import-scb"],
    ["report"],
    ["settle"],
    ["register"],
    ["register", "list"],
    ["register", "show"],
    ["register", "export"],
    ["dataset"],
    ["dataset", "init"],
    ["population", "fetch-scb"],
    ["payments"],
    ["payments", "import"],
    ["payments", "list"],
    ["reminders"],
]
PLACEHOLDERS = re.compile(r"<(bool|str|int|float|list\[[^\]]*\]|Path|dir|file|%Y[^>]*)>")


def _help(command: list[str], lang: str = "en") -> str:
    result = runner.invoke(app, [*command, "--help", "--lang", lang], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _name(command: list[str]) -> str:
    return "-".join(command) or "top"


@pytest.mark.parametrize("command", COMMANDS, ids=_name)
def test_help_matches_its_golden_file(command):
    """Each help text is exactly the reviewed golden text (refresh with UPDATE_GOLDEN=1)."""
    assert_golden(f"help/{_name(command)}.txt", _help(command))


@pytest.mark.parametrize("command", COMMANDS, ids=_name)
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_help_has_an_example_and_no_type_placeholders(command, lang):
    """An example in every help; no <bool>, <str>, <int>, <list[str]> or date patterns."""
    text = _help(command, lang)
    assert ("Example: norrort-cost" if lang == "en" else "Exempel: norrort-cost") in text
    assert not PLACEHOLDERS.findall(text)


def test_choices_are_listed():
    """--format lists its choices, in allocate and in invoices."""
    assert "table|csv|json|xlsx" in _help(["allocate"])
    assert "pdf,ubl,csv,json" in _help(["invoices"])


def test_every_command_writing_a_file_says_output_o():
    """--output/-o everywhere (invoices keeps --out as a hidden old name)."""
    commands = (["allocate"], ["check"], ["compare"], ["explain"], ["whatif"], ["invoices"])
    for command in (*commands, ["report"]):
        text = _help(command)
        assert re.search(r"--output\s+-o", text), command
    assert "--out " not in _help(["invoices"])


def test_invoices_still_take_the_old_out(tmp_path):
    """--out DIR still works for invoices, as before."""
    result = runner.invoke(
        app,
        [
            "invoices",
            "-y",
            "2014",
            "--out",
            str(tmp_path / "f"),
            "--issue-date",
            "2014-05-02",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "f").is_dir()


def test_swedish_top_level_help_golden():
    """The top-level help in Swedish is the reviewed golden text."""
    assert_golden("help/top-sv.txt", _help([], "sv"))


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "-y", "2014", "--year", "2015", "-m", "Ekerö"],
        ["whatif", "--year=2014", "-y2015", "--without", "Ekerö"],
        ["check", "-y", "2014", "-m", "Ekerö", "-m", "Solna", "-c", "1 kr"],
        ["compare", "--from", "2013", "--to", "2014", "-f", "json", "--format", "csv"],
    ],
)
def test_an_option_given_twice_is_refused(args):
    """A one-value option given twice is a usage error (exit 2), not the last one winning."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "give it once" in result.output


def test_allocate_takes_several_years():
    """allocate's --year is repeatable: both years are allocated."""
    result = runner.invoke(app, ["allocate", "-y", "2014", "-y", "2015", "-f", "json"])
    assert result.exit_code == 0
    assert '"years": [\n    2014,\n    2015\n  ]' in result.stdout


def test_a_help_paragraph_with_a_line_starting_with_an_option_is_reflowed():
    """A docstring line that happens to begin with an option (--output) is prose, not a list:
    the paragraph is joined for the terminal to wrap, while "- " items keep their lines."""
    from norrort_cost.cli.localized import reflowed

    assert reflowed("One two\n--output is three.") == "One two --output is three."
    assert reflowed("Items:\n- one\n- two") == "Items:\n- one\n- two"
