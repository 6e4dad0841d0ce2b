"""Size and cell limits are checked before a file is expanded, each refusal located.

A JSON-stat or PC-Axis file whose dimensions make more cells than the limit is refused
from its dimensions alone (a sparse JSON-stat of 10^10 cells once meant a loop of 10^12
steps); a file larger than the limit is refused from its size, before it is read.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.loading import workbooks

runner = CliRunner()
SYNTHETIC = Path(__file__).parent / "data" / "scb" / "synthetic"


def import_scb(path: Path, data: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["population", "import-scb", str(path), "--data-dir", str(data)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_a_sparse_jsonstat_cube_of_ten_billion_cells_is_refused_at_once(data_copy, tmp_path):
    """Two dimensions of 100 000 categories each and one value: refused in a second from
    the dimensions' sizes (too-many-cells), never expanded."""
    regions = {f"R{i}": i for i in range(100_000)}
    document = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Region", "Tid"],
        "size": [100_000, 100_000],
        "dimension": {
            "Region": {"category": {"index": regions}},
            "Tid": {"category": {"index": [str(y) for y in range(100_000)]}},
        },
        "value": {"0": 1},
    }
    path = tmp_path / "cube.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    started = time.perf_counter()
    code, out = import_scb(path, data_copy)
    assert time.perf_counter() - started < 5
    assert code == 1
    assert "too-many-cells" in out
    assert "10000000000" in out


def test_a_pcaxis_file_whose_dimensions_exceed_the_cell_limit_is_refused(
    data_copy, tmp_path, monkeypatch
):
    """The shipped PC-Axis sample (15 regions x 2 years = 30 cells) with the limit at 29:
    refused from VALUES before DATA is read; at 30 it imports."""
    path = SYNTHETIC / "be0101n1-2018-2019.px"
    monkeypatch.setattr(workbooks, "LIMITS", workbooks.InputLimits(cells=29))
    code, out = import_scb(path, data_copy)
    assert code == 1
    assert "too-many-cells" in out
    monkeypatch.setattr(workbooks, "LIMITS", workbooks.InputLimits(cells=30))
    code, out = import_scb(path, data_copy)
    assert code == 0, out


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(
    data_copy, tmp_path, monkeypatch
):
    """A CSV export of 200 bytes with the file limit at 100: file-too-large, naming both
    sizes; the default limit is 256 MiB."""
    assert workbooks.InputLimits().file_bytes == 256 * 1024 * 1024
    path = tmp_path / "export.csv"
    path.write_text("region,2019\n" + "0114 Upplands Väsby,47820\n" * 8, encoding="utf-8")
    monkeypatch.setattr(workbooks, "LIMITS", workbooks.InputLimits(file_bytes=100))
    code, out = import_scb(path, data_copy)
    assert code == 1
    assert "file-too-large" in out
    assert str(path.stat().st_size) in out


def test_a_limit_lowered_in_the_environment_refuses_a_file_the_default_accepts(data_copy):
    """NORRORT_COST_MAX_CELLS=29 refuses the shipped PC-Axis sample of 30 cells, which the
    default limit imports; the limit is back to its default after the command."""
    path = SYNTHETIC / "be0101n1-2018-2019.px"
    args = ["population", "import-scb", str(path), "--data-dir", str(data_copy)]
    lowered = runner.invoke(app, args, env={"NORRORT_COST_MAX_CELLS": "29"})
    assert lowered.exit_code == 1
    assert "too-many-cells" in lowered.output
    assert workbooks.InputLimits() == workbooks.LIMITS
    code, out = import_scb(path, data_copy)
    assert code == 0, out


def test_a_file_limit_in_mib_from_the_environment(data_copy, tmp_path):
    """NORRORT_COST_MAX_FILE_MB=1 refuses an export of just over 1 MiB, naming the limit in
    bytes (1048576); without the variable the same file is read past the size check."""
    path = tmp_path / "export.csv"
    path.write_text("region,2019\n" + "0114 Upplands Väsby,47820\n" * 45_000, encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024
    args = ["population", "import-scb", str(path), "--data-dir", str(data_copy)]
    lowered = runner.invoke(app, args, env={"NORRORT_COST_MAX_FILE_MB": "1"})
    assert lowered.exit_code == 1
    assert "file-too-large" in lowered.output
    assert "1048576" in lowered.output
    _code, out = import_scb(path, data_copy)
    assert "file-too-large" not in out


def test_a_bad_limit_in_the_environment_is_a_problem_at_its_name():
    """NORRORT_COST_MAX_CELLS=lots and NORRORT_COST_MAX_FILE_MB=0 are both refused, each
    located at its variable's name with its value, exit 1, before anything is read."""
    env = {"NORRORT_COST_MAX_CELLS": "lots", "NORRORT_COST_MAX_FILE_MB": "0"}
    result = runner.invoke(app, ["validate", "--format", "json"], env=env)
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    found = {(p["file"], p["value"], p["code"]) for p in problems}
    assert found == {
        ("NORRORT_COST_MAX_FILE_MB", "0", "invalid-number"),
        ("NORRORT_COST_MAX_CELLS", "lots", "invalid-number"),
    }


def test_every_limit_has_its_environment_variable():
    """Each field of InputLimits can be set from the environment, MiB for the sizes."""
    fields = {field for field, _ in workbooks.LIMIT_VARIABLES.values()}
    assert fields == set(workbooks.InputLimits.__slots__)
    env = dict.fromkeys(workbooks.LIMIT_VARIABLES, "7")
    limits = workbooks.limits_from(env, workbooks.InputLimits())
    assert limits.file_bytes == 7 * 1024 * 1024
    assert limits.cells == 7
