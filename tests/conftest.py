"""Shared fixtures: the embedded dataset and editable copies of it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from norrort_cost import load_dataset
from norrort_cost.dataset.models import Dataset
from tests.copies import copy_default_dataset

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """The embedded Koordination Norrort dataset, loaded once."""
    return load_dataset()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the embedded dataset's five files."""
    return copy_default_dataset(tmp_path / "data")


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; refresh it with UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
