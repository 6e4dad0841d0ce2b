"""Shared fixtures: the embedded dataset and editable copies of it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from norrort_cost import load_dataset
from norrort_cost.dataset.models import Dataset
from norrort_cost.problem_codes import CODES
from norrort_cost.problems import DataError, Problem
from norrort_cost.rendering.i18n import use
from tests.copies import copy_default_dataset

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(autouse=True)
def _every_reported_code_is_declared(monkeypatch: pytest.MonkeyPatch) -> None:
    """In every test, a DataError carries only codes of problem_codes.CODES (checked at run
    time, so that codes made on the fly, e.g. from a field parser's error, are covered)."""
    made = DataError.__init__

    def checked(self: DataError, problems: list[Problem]) -> None:
        undeclared = {p.code for p in problems} - set(CODES)
        assert not undeclared, f"codes not in problem_codes.CODES: {sorted(undeclared)}"
        made(self, problems)

    monkeypatch.setattr(DataError, "__init__", checked)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch):
    """Tests read English unless they ask for Swedish: the locale of the machine running
    them must not change the output (the language follows LC_ALL, LC_MESSAGES and LANG)."""
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    use("en")
    yield
    use("en")


@pytest.fixture(scope="module")
def module_home(tmp_path_factory: pytest.TempPathFactory):
    """A private data directory shared by one module's tests (its register lives there)."""
    home = tmp_path_factory.mktemp("data-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(home))
        yield home


@pytest.fixture(autouse=True)
def private_home(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path):
    """Every test has its own user data directory (XDG_DATA_HOME), so the embedded dataset's
    invoice register is never the real user's; the tests that use a module-scoped fixture
    issuing invoices (through ``module_home``) share that fixture's."""
    if "module_home" in request.fixturenames:
        home = request.getfixturevalue("module_home")
    else:
        home = tmp_path / "data-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


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
