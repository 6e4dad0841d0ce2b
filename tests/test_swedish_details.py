"""Problems keep their details in Swedish: the SCB reader's messages and a missing actual
cost are said with their values, not replaced by their code's title."""

from __future__ import annotations

from typer.testing import CliRunner

from norrort_cost.cli import app
from tests.copies import copy_default_dataset

runner = CliRunner()


def _swedish(args: list[str]) -> str:
    result = runner.invoke(app, ["--lang", "sv", *args], env={"COLUMNS": "200"})
    return " ".join((result.stdout + result.stderr).split())


def test_an_export_broken_down_by_age_names_the_ages_in_swedish(tmp_path):
    """The SCB reader's detail (which ages) is said in Swedish, not only "Uppdelad på ålder"."""
    export = tmp_path / "export.csv"
    export.write_text("Kommun;Ålder;Folkmängd\n0114 Upplands Väsby;0-4;500\n", "utf-8")
    data = copy_default_dataset(tmp_path / "data")
    shown = _swedish(["population", "import-scb", str(export), "--data-dir", str(data)])
    assert "siffrorna är uppdelade på ålder (0-4) och det finns ingen totalsumma" in shown


def test_an_undated_export_is_refused_in_swedish(tmp_path):
    """An export with no year or month: the usage error and its hint are Swedish."""
    export = tmp_path / "export.csv"
    export.write_text("Kommun;Folkmängd\n0114 Upplands Väsby;46786\n", "utf-8")
    data = copy_default_dataset(tmp_path / "data")
    shown = _swedish(["population", "import-scb", str(export), "--data-dir", str(data)])
    assert "anger inget år eller månad: referensdatumet är okänt" in shown
    assert "ange det datum siffrorna gäller" in shown


def test_a_missing_actual_cost_keeps_its_year_and_file_in_swedish(tmp_path):
    """settle --actual with a line missing: the year, the line and the file given are said."""
    actual = tmp_path / "utfall.csv"
    actual.write_text("year,line,amount\n", "utf-8")
    shown = _swedish(["settle", "--year", "2014", "--actual", str(actual), "--dry-run"])
    assert "'Resor och övrigt' saknar utfall för 2014" in shown
    assert "lägg till raden 2014,Resor och övrigt,BELOPP i utfall.csv" in shown
