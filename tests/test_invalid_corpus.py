"""The bad-input corpus: real-life mistakes, each reported exactly, none with a traceback.

Each directory in tests/data/invalid/ holds only the files that differ from the embedded
dataset, and ``case.json``: the mistake in words, files to ``remove``, and the expected
``problems`` as [file, line, column, code].
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost import DataError, load_dataset
from norrort_cost.cli import app
from norrort_cost.problem_codes import CODES
from tests.copies import awaiting_scb, copy_default_dataset

CORPUS = Path(__file__).parent / "data" / "invalid"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
runner = CliRunner()


def build(case: str, target: Path) -> tuple[Path, dict[str, object]]:
    """The default dataset with the case's files laid over it, and the case's spec."""
    spec = json.loads((CORPUS / case / "case.json").read_text(encoding="utf-8"))
    data = copy_default_dataset(target)
    for path in (CORPUS / case).iterdir():
        if path.name != "case.json":
            shutil.copy(path, data / path.name)
    for name in spec.get("remove", []):
        (data / name).unlink()
    return data, spec


def test_the_corpus_has_at_least_30_different_mistakes() -> None:
    """At least 30 cases, each with a description and at least one expected problem."""
    assert len(CASES) >= 30
    for case in CASES:
        spec = json.loads((CORPUS / case / "case.json").read_text(encoding="utf-8"))
        assert spec["mistake"]
        assert spec["problems"], case


@pytest.mark.parametrize("case", CASES)
def test_each_mistake_is_reported_exactly(case: str, tmp_path: Path) -> None:
    """The loader reports exactly the expected (file, line, column, code) list."""
    data, spec = build(case, tmp_path / "data")
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    found = [
        [p.file, p.line, p.column, p.code] for p in caught.value.problems if not awaiting_scb(p)
    ]
    assert found == spec["problems"]
    assert {p.code for p in caught.value.problems} <= set(CODES)


@pytest.mark.parametrize("case", CASES)
def test_validate_exits_1_and_allocate_writes_nothing(case: str, tmp_path: Path) -> None:
    """validate lists the problems with exit 1; allocate exits 1 without any output file."""
    data, spec = build(case, tmp_path / "data")
    checked = runner.invoke(app, ["validate", "--data-dir", str(data), "--format", "json"])
    assert checked.exit_code == 1
    assert checked.exception is None or isinstance(checked.exception, SystemExit)
    codes = [
        p["code"]
        for p in json.loads(checked.output)["problems"]
        if p["code"] != "population-not-yet-available"
    ]
    assert codes == [code for _, _, _, code in spec["problems"]]  # type: ignore[attr-defined]
    output = tmp_path / "out.csv"
    args = ["allocate", "-y", "2014", "--data-dir", str(data), "-f", "csv", "-o", str(output)]
    allocated = runner.invoke(app, args)
    assert allocated.exit_code == 1
    assert isinstance(allocated.exception, SystemExit)
    assert "Traceback" not in allocated.output
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
