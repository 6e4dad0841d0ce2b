"""``-o FILE`` into a directory that does not exist is refused, as a shell redirection is.

``allocate -o missing/out.csv`` once created ``missing/`` without a word, so a typo in a
path left files where nobody looks. Commands that write one file refuse it (exit 2,
naming the directory) and create nothing; commands that write a folder of files
(``invoices``, ``settle``, ``dataset init``) still create their folder.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    "command",
    [
        ["allocate", "-y", "2014", "-f", "csv"],
        ["allocate", "-y", "2014"],
        ["compare", "--from", "2013", "--to", "2014", "-f", "json"],
        ["explain", "--year", "2014", "--municipality", "Ekerö", "-f", "json"],
        ["report", "--year", "2014", "--municipality", "Ekerö", "--date", "2024-05-02"],
    ],
)
def test_an_output_file_in_a_missing_directory_is_refused(tmp_path, command):
    """-o missing/out.x: exit 2, the directory named, nothing created."""
    target = tmp_path / "missing" / "out.txt"
    if "report" in command:
        target = target.with_suffix(".html")
    elif "-f" in command:
        target = target.with_suffix("." + command[command.index("-f") + 1])
    result = runner.invoke(app, [*command, "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "is not an existing directory" in result.output
    assert not (tmp_path / "missing").exists()


def test_an_output_file_in_an_existing_directory_is_written(tmp_path):
    """The same command into a directory that exists writes the file (exit 0)."""
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["allocate", "-y", "2014", "-f", "csv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("kommunkod") or target.stat().st_size


def test_invoices_still_create_their_folder(tmp_path, data_copy):
    """invoices --output new-folder writes a folder of files: it is created."""
    folder = tmp_path / "new" / "fakturor"
    result = runner.invoke(
        app,
        ["invoices", "--year", "2014", "--issue-date", "2014-05-02", "--output", str(folder),
         "--data-dir", str(data_copy)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert any(folder.glob("*.pdf"))
