"""Helpers for tests that need a writable copy of the embedded dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

from norrort_cost.loading import default_data_dir
from norrort_cost.problems import Problem

DATASET_FILES = (
    "cooperation.toml",
    "municipalities.csv",
    "population.csv",
    "memberships.csv",
    "budget.csv",
)


def copy_default_dataset(target: Path) -> Path:
    """Copy the embedded dataset's five files into ``target`` (created) and return it."""
    target.mkdir(parents=True, exist_ok=True)
    for name in DATASET_FILES:
        shutil.copy(default_data_dir() / name, target / name)
    return target


def awaiting_scb(problem: Problem) -> bool:
    """The embedded dataset's own warning that its 2027 budget awaits SCB's figures of
    31 December 2026 (published February 2027): present in every copy, not a test's mistake."""
    return problem.code == "population-not-yet-available" and problem.value == "2027"
