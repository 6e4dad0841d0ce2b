"""Where --output writes: never over the dataset being read; through a symbolic link.

A result written over one of its own input files would destroy the data it came from, so
``-o`` naming a dataset file (directly, by another spelling, a symbolic or a hard link) is a
usage error and nothing is written. A symbolic link given as ``-o`` is followed, as a plain
shell redirection does: the target gets the content, the link stays a link.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.rendering.files import write_atomic
from tests.copies import DATASET_FILES

runner = CliRunner()
COMMANDS = {
    "allocate": ["allocate", "-y", "2014", "-f", "csv"],
    "explain": ["explain", "-y", "2014", "-m", "0125", "-f", "json"],
    "check": ["check", "-y", "2014", "-m", "0125", "-c", "24 291 kr", "-f", "json"],
    "compare": ["compare", "--from", "2013", "--to", "2014", "-f", "csv"],
    "whatif": ["whatif", "-y", "2014", "--without", "0125", "-f", "csv"],
}


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.mark.parametrize("name", DATASET_FILES)
def test_output_over_a_dataset_file_is_refused(data_copy: Path, name: str) -> None:
    """``allocate -o DATA/budget.csv`` (any of the five files): exit 2, the data untouched."""
    before = _snapshot(data_copy)
    result = runner.invoke(
        app, [*COMMANDS["allocate"], "--data-dir", str(data_copy), "-o", str(data_copy / name)]
    )
    assert result.exit_code == 2, result.output
    assert f"is the dataset's {name}" in " ".join(result.stderr.split())
    assert _snapshot(data_copy) == before


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_every_command_with_output_refuses_the_dataset_files(
    data_copy: Path, command: list[str]
) -> None:
    """explain, check, compare and whatif refuse -o DATA/population.csv like allocate."""
    before = _snapshot(data_copy)
    target = data_copy / "population.csv"
    result = runner.invoke(app, [*command, "--data-dir", str(data_copy), "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert _snapshot(data_copy) == before


def test_other_spellings_and_links_of_a_dataset_file_are_refused(
    data_copy: Path, tmp_path: Path
) -> None:
    """DATA/../DATA/budget.csv, a symbolic link and a hard link to it are the same file."""
    symbolic = tmp_path / "link.csv"
    symbolic.symlink_to(data_copy / "budget.csv")
    hard = tmp_path / "hard.csv"
    os.link(data_copy / "memberships.csv", hard)
    before = _snapshot(data_copy)
    for target in (data_copy / ".." / data_copy.name / "budget.csv", symbolic, hard):
        result = runner.invoke(
            app, [*COMMANDS["allocate"], "--data-dir", str(data_copy), "-o", str(target)]
        )
        assert result.exit_code == 2, (target, result.output)
    assert _snapshot(data_copy) == before


def test_a_fixed_amounts_file_is_not_created_inside_the_dataset(data_copy: Path) -> None:
    """-o DATA/fixed_amounts.csv would add an input file the next run reads: refused."""
    target = data_copy / "fixed_amounts.csv"
    result = runner.invoke(
        app, [*COMMANDS["allocate"], "--data-dir", str(data_copy), "-o", str(target)]
    )
    assert result.exit_code == 2, result.output
    assert not target.exists()


def test_other_files_in_the_dataset_directory_may_be_written(data_copy: Path) -> None:
    """A new result file beside the data (not one of its inputs) is fine."""
    target = data_copy / "fordelning-2014.csv"
    result = runner.invoke(
        app, [*COMMANDS["allocate"], "--data-dir", str(data_copy), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("cooperation,year,kommunkod")


def test_output_to_a_symbolic_link_writes_its_target(tmp_path: Path) -> None:
    """-o LINK: the linked file gets the CSV (and keeps its mode); LINK stays a link."""
    real = tmp_path / "shared" / "fordelning.csv"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "senaste.csv"
    link.symlink_to(real)
    result = runner.invoke(app, [*COMMANDS["allocate"], "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8").startswith("cooperation,year,kommunkod")
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["fordelning.csv"]


def test_a_dangling_symbolic_link_gets_its_target_created(tmp_path: Path) -> None:
    """A link to a file that does not exist yet: the file is created, the link kept."""
    real = tmp_path / "ny.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, b"{}\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"{}\n"
