"""A member has inhabitants: a population of 0 or less is an error, never a bill of 0 kr.

Refused by the loader (so by ``validate`` and ``allocate``) and by ``import-scb``, for a
municipality that is a member at the figure's date or whose figure weighs it in a budget
year. A jump of more than 10 % from the previous year is still only a warning, now shown
in the import's report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost import DataError, load_dataset
from norrort_cost.cli import app
from tests.copies import awaiting_scb

runner = CliRunner()


def set_figure(data: Path, kommunkod: str, on: str, inhabitants: int) -> int:
    """Write ``inhabitants`` into population.csv's row for kommunkod at ``on``; its line."""
    path = data / "population.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, text in enumerate(lines, start=1):
        cells = text.split(",")
        if cells[:2] == [kommunkod, on]:
            cells[2] = str(inhabitants)
            lines[number - 1] = ",".join(cells)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return number
    raise AssertionError(f"no row {kommunkod} {on}")


@pytest.mark.parametrize("inhabitants", [0, -5])
def test_a_member_with_no_inhabitants_is_refused_by_the_loader(data_copy, inhabitants):
    """Österåker (0117), a member, with 0 (or -5) inhabitants at 2013-12-31: refused at
    its line of population.csv (-5 as a negative count, the figure then missing)."""
    line = set_figure(data_copy, "0117", "2013-12-31", inhabitants)
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    found = [(p.file, p.line, p.code) for p in caught.value.problems]
    code = "impossible-population" if inhabitants == 0 else "negative-number"
    assert found[0] == ("population.csv", line, code)
    assert ("population.csv", line, code) in found


def test_validate_and_allocate_exit_1_on_a_member_of_0_inhabitants(data_copy):
    """validate says invalid (an error, not a warning) and allocate bills nobody 0 kr."""
    set_figure(data_copy, "0117", "2013-12-31", 0)
    validate = runner.invoke(app, ["validate", "--data-dir", str(data_copy)])
    assert validate.exit_code == 1
    assert "impossible-population" in validate.output
    allocate = runner.invoke(app, ["allocate", "-y", "2014", "--data-dir", str(data_copy)])
    assert allocate.exit_code == 1
    assert "impossible-population" in allocate.output


def test_the_reference_date_of_a_year_counts_before_the_member_joins(data_copy):
    """Ekerö (0125) joins 2014-04-15; its figure at 2013-12-31 weighs it in 2014, so 0
    there is refused although it was not yet a member that day."""
    set_figure(data_copy, "0125", "2013-12-31", 0)
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    assert [p.code for p in caught.value.problems if not awaiting_scb(p)] == [
        "impossible-population"
    ]


def test_a_municipality_not_yet_a_member_may_have_any_figure(data_copy):
    """Ekerö at 2012-12-31 is neither a member nor weighed in any budget year: 0 is no error
    of this dataset's (its figure is never used)."""
    set_figure(data_copy, "0125", "2012-12-31", 0)
    load_dataset(data_copy)


def export(tmp_path: Path, figures: dict[str, int], year: str = "2019") -> Path:
    path = tmp_path / "export.csv"
    rows = [f'"{region}",{figure}' for region, figure in figures.items()]
    path.write_text(f"region,{year}\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_import_scb_refuses_a_member_with_0_inhabitants(data_copy, tmp_path):
    """An export with 0 for Österåker: exit 1 at its line, population.csv unchanged (once
    it said "15 added" and the member was billed 0 kr)."""
    before = (data_copy / "population.csv").read_bytes()
    path = export(tmp_path, {"0114 Upplands Väsby": 47820, "0117 Österåker": 0})
    result = runner.invoke(
        app, ["population", "import-scb", str(path), "--data-dir", str(data_copy)]
    )
    assert result.exit_code == 1
    assert "export.csv:3" in result.output
    assert "impossible-population" in result.output
    assert (data_copy / "population.csv").read_bytes() == before


def test_import_scb_shows_a_jump_as_a_warning_and_imports(data_copy, tmp_path):
    """Upplands Väsby from its 2020 figure to 60 000 in 2021: imported, exit 0, and the
    report warns of the jump."""
    path = export(tmp_path, {"0114 Upplands Väsby": 60000}, "2021")
    result = runner.invoke(
        app,
        ["population", "import-scb", str(path), "--data-dir", str(data_copy), "--dry-run"],
    )
    assert result.exit_code == 0, result.output
    assert "population-jump" in result.output
    assert "0114" in result.output
