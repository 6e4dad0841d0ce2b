"""Shared fixtures: the embedded dataset and editable copies of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from norrort_cost import load_dataset
from norrort_cost.loading import default_data_dir
from norrort_cost.models import Dataset

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The embedded Koordination Norrort dataset, loaded once."""
    return load_dataset()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the embedded dataset's five files."""
    target = tmp_path / "data"
    target.mkdir()
    for name in (
        "cooperation.toml",
        "municipalities.csv",
        "population.csv",
        "memberships.csv",
        "budget.csv",
    ):
        shutil.copy(default_data_dir() / name, target / name)
    return target


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; refresh it with UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
