"""`norrort-cost population import-scb`: SCB exports as they come, merged into population.csv."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost import DataError, load_dataset
from norrort_cost.cli import app
from norrort_cost.loading import default_data_dir
from norrort_cost.loading.scb import parse_scb, read_scb
from norrort_cost.population.importing import plan_import
from norrort_cost.rendering.layout import unbroken
from tests.copies import copy_default_dataset

# SCB table BE0101N1 as downloaded: Windows-1252, CRLF, quoted, 290 municipalities
REAL_EXPORT = Path(__file__).parent / "data" / "scb" / "scb-folkmangd-2017-pxweb.csv"
runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the embedded dataset."""
    return copy_default_dataset(tmp_path / "data")


@pytest.fixture
def without_2017(data: Path) -> Path:
    """The dataset copy without its 31 December 2017 figures (what the import supplies)."""
    population = data / "population.csv"
    lines = population.read_text(encoding="utf-8").splitlines(keepends=True)
    population.write_text("".join(x for x in lines if ",2017-12-31," not in x), encoding="utf-8")
    return data


def import_scb(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["population", "import-scb", *map(str, args)])
    return result.exit_code, result.output


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_real_export_adds_2017_for_the_members_then_reports_them_unchanged(
    without_2017: Path,
) -> None:
    """The real export (cp1252, CRLF, quoted) adds 15 figures, skips 275 regions; then 15 same."""
    code, out = import_scb(REAL_EXPORT, "--data-dir", without_2017, "--source", "SCB BE0101N1")
    assert code == 0, out
    assert "15 added, 0 changed, 0 unchanged; 275 regions skipped" in out
    expected = (default_data_dir() / "population.csv").read_bytes()
    assert (without_2017 / "population.csv").read_bytes() == expected
    code, out = import_scb(REAL_EXPORT, "--data-dir", without_2017)
    assert code == 0
    assert "0 added, 0 changed, 15 unchanged; 275 regions skipped" in out


def test_real_export_against_the_default_dataset_changes_nothing(data: Path) -> None:
    """The default data already holds SCB's 2017 figures: all 15 are unchanged, no write."""
    before = (data / "population.csv").stat().st_mtime_ns
    code, out = import_scb(REAL_EXPORT, "--data-dir", data)
    assert code == 0
    assert "0 added, 0 changed, 15 unchanged" in out
    assert (data / "population.csv").stat().st_mtime_ns == before


def test_dry_run_reports_but_writes_nothing(without_2017: Path, tmp_path: Path) -> None:
    """--dry-run shows the additions and leaves population.csv as it was."""
    export = write(tmp_path / "x.csv", '"region","2017"\r\n"0125 Ekerö",27753\r\n', "cp1252")
    before = (without_2017 / "population.csv").read_bytes()
    code, out = import_scb(export, "--data-dir", without_2017, "--dry-run")
    assert code == 0
    assert "1 added" in out
    assert "dry run: nothing written" in out
    assert (without_2017 / "population.csv").read_bytes() == before


def test_bom_semicolons_and_footnotes(tmp_path: Path) -> None:
    """UTF-8 with BOM, ';', a title line above and footnotes below the data are all fine."""
    text = (
        "\ufeffFolkmängd efter region och år\n\n"
        '"region";"2017"\n"0114 Upplands Väsby";44605\n"0125 Ekerö";27753\n\n'
        '"Fotnot: Folkmängd 31 december; regionindelning 1 januari 2018"\n"Källa: SCB"\n'
    )
    figures, problems = parse_scb(text, "x.csv")
    assert problems == []
    assert [(f.line, f.region, f.reference_date, f.inhabitants) for f in figures] == [
        (4, "0114 Upplands Väsby", date(2017, 12, 31), 44605),
        (5, "0125 Ekerö", date(2017, 12, 31), 27753),
    ]


def test_wide_table_changes_are_reported_old_to_new(data: Path, tmp_path: Path) -> None:
    """One column per year; a figure that differs is 'changed' with old -> new."""
    export = write(
        tmp_path / "wide.csv",
        '"region","2016","2017"\n"0125 Ekerö",27406,27760\n"0126 Huddinge",108000,110003\n',
    )
    code, out = import_scb(export, "--data-dir", data)
    assert code == 0, out
    assert unbroken("27 753 -> 27 760") in out
    assert "0 added, 1 changed, 1 unchanged; 1 region skipped" in out
    figure = load_dataset(data).inhabitants("0125", date(2017, 12, 31))
    assert figure is not None
    assert figure.inhabitants == 27760


def test_names_alone_match_exactly_or_fail_with_a_suggestion(tmp_path: Path) -> None:
    """A bare name matches its municipality; a typo gets a did-you-mean; others are skipped."""
    dataset = load_dataset()
    text = "region;2017\nUpplands-Bro;27614\nupplands väsby;44605\nSollentuma;71848\nHuddinge;1\n"
    figures, _ = parse_scb(text, "names.csv")
    with pytest.raises(DataError) as caught:
        plan_import(dataset, figures, source="SCB")
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column, problem.code) == (
        "names.csv",
        4,
        "2017",
        "unknown-region",
    )
    assert problem.hint.startswith("did you mean Sollentuna (0163)?")
    plan = plan_import(dataset, [f for f in figures if f.line != 4], source="SCB")
    assert [f.kommunkod for f in plan.unchanged] == ["0114", "0139"]
    assert plan.skipped == ("Huddinge",)


def test_official_names_with_kommun_or_stad_match_their_member() -> None:
    """'Lidingö stad', 'Ekerö kommun', 'Sundbybergs stad', '0186 Lidingö stad' are members."""
    text = (
        "region,2017\nLidingö stad,47185\nEkerö kommun,27753\nSundbybergs stad,49424\n"
        "0186 Lidingö stad,47185\n"
    )
    figures, _ = parse_scb(text, "official.csv")
    plan = plan_import(load_dataset(), figures[:3], source="SCB")
    assert sorted(f.kommunkod for f in plan.unchanged) == ["0125", "0183", "0186"]
    assert plan.skipped == ()
    assert [
        f.kommunkod for f in plan_import(load_dataset(), figures[3:], source="SCB").unchanged
    ] == ["0186"]


def test_a_code_with_another_members_name_is_refused() -> None:
    """'0114 Upplands-Bro' (the 2015 swap) is a problem, never silently keyed either way."""
    figures, _ = parse_scb('"region","2017"\n"0114 Upplands-Bro",27614\n', "swap.csv")
    with pytest.raises(DataError) as caught:
        plan_import(load_dataset(), figures, source="SCB")
    assert [p.code for p in caught.value.problems] == ["region-mismatch"]


def test_conflicting_duplicates_across_files_are_refused(data: Path, tmp_path: Path) -> None:
    """Two exports giving one member two counts for one date: exit 1, nothing written."""
    first = write(tmp_path / "a.csv", '"region","2017"\n"0125 Ekerö",27753\n')
    second = write(tmp_path / "b.csv", '"region","2017"\n"0125 Ekerö",27999\n')
    before = (data / "population.csv").read_bytes()
    code, out = import_scb(first, second, "--data-dir", data)
    assert code == 1
    assert "conflicting-duplicate" in out
    assert (data / "population.csv").read_bytes() == before


def test_date_option_sets_the_reference_date(data: Path, tmp_path: Path) -> None:
    """--date replaces 31 December of the header's year (e.g. SCB's 1 November figures)."""
    export = write(tmp_path / "nov.csv", '"region","2017"\n"0125 Ekerö",27700\n')
    code, out = import_scb(export, "--data-dir", data, "--date", "2017-11-01")
    assert code == 0, out
    assert '0125,2017-11-01,27700,"SCB, nov.csv"' in (data / "population.csv").read_text()


def test_swedish_excel_export_reads_correctly(tmp_path: Path) -> None:
    """Windows-1252, ';', no-break-space thousands, a trailing ';': the figures are right."""
    text = "Region;2017;\r\n0117 Österåker;44\u00a0130;\r\n0186 Lidingö;47 185;\r\n"
    [export] = [write(tmp_path / "excel.csv", text, "cp1252")]
    figures = read_scb(export).figures
    assert [(f.region, f.inhabitants) for f in figures] == [
        ("0117 Österåker", 44130),
        ("0186 Lidingö", 47185),
    ]


def test_bad_figures_are_all_reported_with_their_place(tmp_path: Path) -> None:
    """A decimal, a word for a figure and a gap hiding data: each one located."""
    text = (
        '"region","2017"\n"0114 Upplands Väsby",4x\n"0115 Vallentuna",33175.5\n'
        '\n"0117 Österåker",44130\n'
    )
    export = write(tmp_path / "bad.csv", text)
    with pytest.raises(DataError) as caught:
        read_scb(export)
    assert [(p.line, p.column, p.code) for p in caught.value.problems] == [
        (2, "2017", "invalid-number"),
        (3, "2017", "not-integer"),
        (5, None, "data-after-end"),
    ]


def test_scb_missing_mark_for_a_member_is_an_error_never_zero(data: Path, tmp_path: Path) -> None:
    """SCB's '..' or '-' for a member: exit 1 naming it; for another region: skipped."""
    text = '"region","2017"\n"0114 Upplands Väsby",..\n"0115 Vallentuna",-\n"0126 Huddinge",..\n'
    export = write(tmp_path / "missing.csv", text)
    before = (data / "population.csv").read_bytes()
    code, out = import_scb(export, "--data-dir", data)
    assert code == 1
    assert out.count("missing-figure") == 2
    assert "no figure ('..') for Upplands Väsby at 2017-12-31" in out
    assert "Huddinge" not in out
    assert (data / "population.csv").read_bytes() == before


def test_the_embedded_dataset_is_not_written(tmp_path: Path) -> None:
    """Without --data-dir (and not a dry run) the import refuses with exit 2."""
    export = write(tmp_path / "x.csv", '"region","2017"\n"0125 Ekerö",27753\n')
    code, out = import_scb(export)
    assert code == 2
    assert "read-only" in out


def test_regions_outside_the_dataset_are_skipped_once_each_in_file_order() -> None:
    """An export of many other regions, each on several rows (years), names each skipped
    region once, in the order the file first gives it; the members are still imported."""
    lines = ["region;2016;2017"]
    lines += [f"{9000 + i} Distrikt {i};{i};{i + 1}" for i in range(300)]
    lines += ["9001 Distrikt 1;1;2", "Huddinge;1;1", "0125 Ekerö;27000;27753"]
    figures, _ = parse_scb("\n".join(lines) + "\n", "districts.csv")
    plan = plan_import(load_dataset(), figures, source="SCB", years=[2017])
    assert plan.skipped == (*(f"{9000 + i} Distrikt {i}" for i in range(300)), "Huddinge")
    assert [f.kommunkod for f in plan.unchanged] == ["0125"]
