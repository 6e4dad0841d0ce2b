"""One output format enum: each command offers its own formats of it, and only those."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.rendering.formats import Format

runner = CliRunner()
COMMANDS = {
    "allocate": ["-y", "2014"],
    "explain": ["-y", "2014", "-m", "0125"],
    "check": ["-y", "2014", "-m", "0125", "--claimed", "100"],
    "compare": ["--from", "2013", "--to", "2014"],
    "whatif": ["-y", "2014", "--without", "0125"],
    "validate": [],
    "report": ["-y", "2014", "-o", "underlag.html"],  # refused before anything is written
}
OFFERED = {
    "allocate": "table|csv|json|xlsx",
    "explain": "table|json",
    "check": "table|json",
    "compare": "table|csv|json|xlsx",
    "whatif": "table|csv|json|xlsx",
    "validate": "table|json",
    "report": "html|pdf",
}


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_lists_its_formats(command: str) -> None:
    """--help shows the formats the command offers, as before the enums were merged."""
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert f"<{OFFERED[command]}>" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_a_format_the_command_does_not_offer_is_a_usage_error(command: str) -> None:
    """A format of the enum that this command does not write is refused with exit 2."""
    offered = OFFERED[command].split("|")
    refused = next(f for f in Format if f.value not in offered)
    result = runner.invoke(app, [command, *COMMANDS[command], "-f", refused.value])
    assert result.exit_code == 2
    assert f"'{refused.value}' is not one of" in result.output


@pytest.mark.parametrize("command", ["explain", "compare", "validate"])
def test_json_is_json_for_every_command(command: str) -> None:
    """-f json is accepted and gives a JSON document."""
    result = runner.invoke(app, [command, *COMMANDS[command], "-f", "json"])
    assert result.exit_code == 0
    assert result.output.lstrip().startswith("{")
