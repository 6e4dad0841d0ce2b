"""The library as a pipeline sees it: typed, locale-proof workbooks, the guide's recipes run.

The recipes of ``docs/library.md`` (its ``python`` blocks) are run here as written, once on
workbooks written in Swedish and once in English: the frames they read must be equal.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import norrort_cost
from norrort_cost import read_workbook
from norrort_cost.cli import app
from norrort_cost.problems import DataError

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "library.md"
runner = CliRunner()

WORKBOOKS = {
    "andelar.xlsx": ("allocate", "--years", "2013-2014", "--format", "xlsx"),
    "poster.xlsx": ("allocate", "--year", "2014", "--by-pool", "--format", "xlsx"),
    "jamforelse.xlsx": ("compare", "--from", "2013", "--to", "2014", "--format", "xlsx"),
    "utan-ekero.xlsx": ("whatif", "--year", "2014", "--without", "0125", "--format", "xlsx"),
}


def _write_workbooks(directory: Path, language: str) -> None:
    directory.mkdir()
    for name, command in WORKBOOKS.items():
        args = [*command, "-o", str(directory / name), "--lang", language]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same four workbooks written in Swedish and in English."""
    root = tmp_path_factory.mktemp("books")
    for language in ("sv", "en"):
        _write_workbooks(root / language, language)
    return {language: root / language for language in ("sv", "en")}


def test_the_package_says_it_is_typed() -> None:
    """The package ships the ``py.typed`` marker, so users' type checkers read its hints."""
    assert (Path(norrort_cost.__file__).parent / "py.typed").is_file()


@pytest.mark.parametrize("name", sorted(WORKBOOKS))
def test_a_workbook_reads_the_same_in_swedish_and_english(books, name):
    """Headers follow the language; the frames read by ``read_workbook`` do not."""
    swedish, english = read_workbook(books["sv"] / name), read_workbook(books["en"] / name)
    assert list(swedish) == list(english)
    for key, frame in swedish.items():
        pd.testing.assert_frame_equal(frame, english[key])


def test_the_shares_sheet_has_the_columns_and_types_of_to_frame(books, dataset):
    """A year's sheet reads back with ``to_frame()``'s names and its exact kronor."""
    sheet = read_workbook(books["sv"] / "andelar.xlsx")["2014"]
    frame = norrort_cost.allocate(dataset, 2014).to_frame()
    assert list(sheet.columns) == list(frame.columns[1:11].drop("amount_ore"))
    assert list(sheet["kommunkod"]) == list(frame["kommunkod"])
    assert list(sheet["amount"]) == list(frame["amount"])
    assert sheet["inhabitants"].dtype == "int64"
    assert sheet.attrs["kind"] == "year"


def test_the_overview_and_the_statuses_are_words_of_no_language(books):
    """The overview is ``overview`` and statuses are codes, whatever the sheet title says."""
    years = read_workbook(books["sv"] / "andelar.xlsx")
    assert list(years) == ["overview", "2013", "2014"]
    assert list(years["overview"].columns) == ["kommunkod", "name", "amount_2013", "amount_2014"]
    whatif = read_workbook(books["sv"] / "utan-ekero.xlsx")["2014"]
    assert dict(zip(whatif["kommunkod"], whatif["status"], strict=True))["0125"] == "left out"
    assert set(whatif["status"]) == {"member", "left out"}


def test_a_workbook_not_written_by_the_tool_is_a_data_error(tmp_path):
    """A workbook without the tool's names, or no workbook at all, is a located problem."""
    pd.DataFrame({"a": [1]}).to_excel(tmp_path / "other.xlsx", index=False)
    (tmp_path / "text.xlsx").write_text("not a workbook", encoding="utf-8")
    for name, code in (("other.xlsx", "missing-sheet"), ("text.xlsx", "not-xlsx")):
        with pytest.raises(DataError) as caught:
            read_workbook(tmp_path / name)
        assert [(p.file, p.code) for p in caught.value.problems] == [(name, code)]


def _recipes() -> list[str]:
    return re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def test_the_guide_has_recipes() -> None:
    """docs/library.md holds the pipeline recipes this file runs (so the run is not empty)."""
    assert len(_recipes()) >= 3


def _run_recipes(directory: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.chdir(directory)
    namespace: dict[str, object] = {"__name__": "recipe"}
    for recipe in _recipes():
        exec(compile(recipe, str(GUIDE), "exec"), namespace)  # noqa: S102 - our own docs
    return namespace


def test_the_guides_recipes_read_equal_frames_in_both_languages(books, monkeypatch):
    """Every recipe of the guide runs on Swedish and on English workbooks, to equal frames."""
    swedish = _run_recipes(books["sv"], monkeypatch)
    english = _run_recipes(books["en"], monkeypatch)
    frames = [name for name, value in swedish.items() if isinstance(value, pd.DataFrame)]
    assert frames
    for name in frames:
        pd.testing.assert_frame_equal(swedish[name], english[name])  # type: ignore[arg-type]


USER_SCRIPT = """
from decimal import Decimal

import pandas as pd

from norrort_cost import Allocation, DataError, allocate, load_dataset, read_workbook


def total_of(year: int) -> Decimal:
    allocation: Allocation = allocate(load_dataset(), year)
    frame: pd.DataFrame = allocation.to_frame()
    ore: int = sum(share.amount_ore for share in allocation.shares)
    assert ore == allocation.budget_ore
    return Decimal(ore) / 100 + Decimal(len(frame)) * 0


def read(path: str) -> dict[str, pd.DataFrame]:
    try:
        return read_workbook(path)
    except DataError as error:
        print(error.problems[0].code)
        raise
"""


def test_a_users_strictly_typed_script_type_checks(tmp_path):
    """``mypy --strict`` on a script using the library finds its types (no import-untyped)."""
    script = tmp_path / "pipeline.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_reprs_are_short_enough_for_a_notebook_cell(dataset):
    """A dataset's repr says what it is in under 200 characters; results too."""
    allocation = norrort_cost.allocate(dataset, 2014)
    comparison = norrort_cost.compare(dataset, 2013, 2014)
    assert len(repr(dataset)) < 200
    assert repr(dataset).startswith("Dataset('Koordination Norrort', municipalities=15,")
    assert repr(allocation) == (
        "Allocation('Koordination Norrort', year=2014, budget_ore=85700000, members=15, "
        "illustrative)"
    )
    assert len(repr(comparison)) < 200


def test_notebooks_get_html_tables(dataset):
    """A notebook shows a dataset's tables and an allocation's shares as HTML tables."""
    allocation = norrort_cost.allocate(dataset, 2014)
    assert dataset._repr_html_().count("<tr>") == 5
    html = allocation._repr_html_()
    assert html.count("<tr>") == 15  # one row per member (the header row is styled)
    assert "Ekerö" in html


@pytest.mark.parametrize("member", ["0125", "125", "Ekerö", "ekerö kommun", " Ekerö "])
def test_a_member_is_found_by_name_or_code_as_on_the_command_line(dataset, member):
    """share_of takes a kommunkod (a lost zero forgiven) or a name, like --municipality."""
    assert norrort_cost.allocate(dataset, 2014).share_of(member).kommunkod == "0125"


def test_a_name_without_its_accents_is_no_member(dataset):
    """Names match with their own letters (Håbo is not Habo): no guessing in a pipeline."""
    with pytest.raises(KeyError):
        norrort_cost.allocate(dataset, 2014).share_of("Ekero")


def test_a_whatif_change_names_its_member_by_name_or_code(dataset):
    """MembershipChange("Ekerö") is Ekerö, as on the command line; an unknown name is a
    usage error, not a scenario that silently changes nothing."""
    from norrort_cost import ChangeKind, MembershipChange, UsageError, whatif

    by_name = whatif(dataset, 2014, [MembershipChange(ChangeKind.WITHOUT, "Ekerö")])
    by_code = whatif(dataset, 2014, [MembershipChange(ChangeKind.WITHOUT, "0125")])
    assert [m.amount_change_ore for m in by_name.members] == [
        m.amount_change_ore for m in by_code.members
    ]
    assert by_name.changes[0].kommunkod == "0125"
    with pytest.raises(UsageError) as caught:
        whatif(dataset, 2014, [MembershipChange(ChangeKind.WITHOUT, "Atlantis")])
    assert caught.value.code == "unknown-municipality"
