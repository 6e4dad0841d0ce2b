"""SCB exports as users save them from PxWeb, the APIs and Excel, each imported or refused.

The fixtures in tests/data/scb/adversarial/ (README there) carry the members' real figures:
every one that imports must leave the embedded dataset's figures unchanged, and every
refusal must name the file, the place and what to do. Several pin down a defect found in
review: PC-Axis with KEYS refused as "damaged", the old API's plain JSON refused, PxWeb's
joined headings ("2019 män") and the relational ``value`` column not read, any numeric
column taken for ages, stacked tables told to "remove the blank line", and three that
overwrote the members' figures without a word: the married only (civilstånd ``gifta``, as
JSON-stat and as CSV) and Medelfolkmängd or Folkökning taken for the population, whether the
content, the title line or the worksheet says so.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost import DataError
from norrort_cost.cli import app
from norrort_cost.dataset.models import Dataset
from norrort_cost.loading.scb import ColumnChoice, parse_scb, read_export, read_scb
from norrort_cost.loading.scb.labels import Sex, is_age, period_with_sex
from norrort_cost.population.importing import plan_import

ADVERSARIAL = Path(__file__).parent / "data" / "scb" / "adversarial"
runner = CliRunner()

# fixture, what the report says about how it was read, (unchanged, skipped)
IMPORTED = [
    (
        "01-pxweb-comma-heading-riket-lan.csv",
        "region from 'region', figures from '2018', '2019'",
        (30, 3),
    ),
    ("03-pxweb-tab-text-file-cp1252.txt", "CSV ('\\t')", (15, 0)),
    ("04-excel-semicolon-nbsp-thousands-cp1252.csv", "'Folkmängd 31 december 2019'", (15, 0)),
    ("05-excel-codes-lost-zero.csv", "region from 'Kommunkod + Kommun'", (30, 0)),
    ("06-relational-value-column.csv", "figures from 'value'", (30, 0)),
    ("07-english-long-padded-year.csv", "figures from 'Population'", (15, 0)),
    ("08-year-before-word-with-change.csv", "figures from '2019 Folkmängd'", (15, 0)),
    ("12-excel-unicode-text-utf16.txt", "figures from '2018', '2019'", (30, 0)),
    ("13-long-quarter-kon-totalt.csv", "one row per region and period", (15, 1)),
    ("17-names-area-density-riket.csv", "'Folkmängd 31 dec 2019'", (15, 2)),
    ("18-jsonstat2-kon-men-women.json", "JSON-stat 2.0", (15, 0)),
    ("19-jsonstat1-old-api.json", "JSON-stat 1.x", (30, 0)),
    ("20-old-api-json-columns-data.json", "PxWebApi v1 JSON", (30, 0)),
    ("21-pcaxis-keys-codes.px", "PC-Axis", (30, 0)),
    ("22-pcaxis-contents-heading-latin1.px", "figures from 'Folkmängd'", (15, 1)),
    ("23-pxweb-heading-year-and-kon.csv", "'2019 män', '2019 kvinnor'", (15, 0)),
    ("24-long-month-2019M12.csv", "'Folkmängden per månad'", (15, 0)),
    ("25-xlsx-numeric-codes-county-footnotes.xlsx", "region from 'Kod + Region'", (30, 1)),
    ("27-pandas-index-float-years.csv", "figures from '2018.0', '2019.0'", (30, 0)),
    ("34-pxweb-years-latest-first.csv", "figures from '2019', '2018'", (30, 0)),
    ("35-pcaxis-utf8-without-codepage.px", "PC-Axis", (15, 0)),
    ("36-pxweb-contents-in-stub-wide-years.csv", "figures from '2018', '2019'", (30, 0)),
    ("40-codes-contents-be0101n1.csv", "figures from 'value'", (15, 0)),
    ("43-pcaxis-datasymbol-three-dots.px", "figures from 'Folkmängd'", (15, 1)),
    (
        "47-region-codes-lost-zeros-riket-lan.csv",
        "region from 'Region', figures from '2019'",
        (15, 2),
    ),
]

# fixture, code, line of the first problem
REFUSED = [
    ("02-pxweb-comma-without-heading.csv", "no-header", 1),
    ("09-stacked-tables.csv", "several-tables", 20),
    ("10-empty.csv", "empty-file", None),
    ("11-header-only.csv", "no-figures", None),
    ("15-riket-lan-only.csv", "no-municipalities", 2),
    ("16-age-no-total.csv", "age-breakdown", 2),
    ("30-jsonstat2-civilstand-gifta-only.json", "unknown-breakdown", None),
    ("31-pxweb-civilstand-gifta-only.csv", "unknown-breakdown", 1),
    ("32-pcaxis-folkokning-only.px", "not-population", None),
    ("33-jsonstat2-medelfolkmangd.json", "not-population", None),
    ("37-pxweb-medelfolkmangd-title.csv", "not-population", 1),
    ("38-xlsx-sheet-folkokning.xlsx", "not-population", None),
    ("39-codes-kon-1-men-only.csv", "unknown-category", 2),
    ("41-xlsx-sheet-per-sex.xlsx", "several-tables", None),
    ("42-xlsx-sheet-men-only.xlsx", "incomplete-sex-breakdown", None),
    ("46-member-star-figure-last.csv", "invalid-number", 16),
]

# a member's figure is blank: refused at its line as missing, wherever the row is
BLANK_MEMBER = [("44-member-blank-figure-mid.csv", 14), ("45-member-blank-figure-last.csv", 16)]


@pytest.mark.parametrize(("name", "read_as", "counts"), IMPORTED, ids=[i[0] for i in IMPORTED])
def test_an_export_imports_leaving_every_overlapping_figure_unchanged(
    dataset: Dataset, name: str, read_as: str, counts: tuple[int, int]
) -> None:
    """Each shape is read with the columns the report names; no figure of ours changes."""
    export = read_scb(ADVERSARIAL / name)
    plan = plan_import(dataset, list(export.figures), source="SCB")
    (reading,) = export.readings
    values = ", ".join(repr(v) for v in reading.value_columns)
    described = f"{reading.file} {reading.layout}: region from {reading.region_column!r}, "
    assert read_as in described + f"figures from {values}", described
    assert (len(plan.added), len(plan.changed)) == (0, 0)
    assert (len(plan.unchanged), len(plan.skipped)) == counts


@pytest.mark.parametrize(("name", "code", "line"), REFUSED, ids=[r[0] for r in REFUSED])
def test_an_export_that_cannot_be_read_is_refused_with_its_place_and_a_hint(
    name: str, code: str, line: int | None
) -> None:
    """A refusal names the file, the line where there is one, and what to do."""
    with pytest.raises(DataError) as refused:
        read_scb(ADVERSARIAL / name)
    problems = refused.value.problems
    assert [(p.code, p.line) for p in problems][:1] == [(code, line)]
    assert all(p.file.startswith(name) and p.hint for p in problems)


def test_stacked_tables_are_refused_as_two_tables_not_mended_by_removing_a_line() -> None:
    """Two tables in one file: the second's header is named; the advice: one table per file."""
    result = runner.invoke(
        app, ["population", "import-scb", str(ADVERSARIAL / "09-stacked-tables.csv"), "--dry-run"]
    )
    assert result.exit_code == 1
    assert "09-stacked-tables.csv:20: error [several-tables]" in result.output
    assert "remove the blank line" not in result.output


def test_a_member_missing_from_a_pcaxis_file_with_keys_is_refused_never_zero(
    dataset: Dataset,
) -> None:
    """KEYS lets a PC-Axis file leave rows out; a member left out has no figure, not 0."""
    text = (ADVERSARIAL / "21-pcaxis-keys-codes.px").read_text(encoding="cp1252")
    without_vaxholm = "\n".join(line for line in text.splitlines() if not line.startswith('"0187"'))
    found, _, problems = read_export(without_vaxholm.encode("cp1252"), "k.px", ColumnChoice())
    assert problems == []
    with pytest.raises(DataError) as refused:
        plan_import(dataset, found, source="SCB")
    assert {(p.code, p.value) for p in refused.value.problems} == {
        ("missing-figure", "0187 Vaxholm"),
    }


def test_a_pcaxis_data_line_with_an_unknown_key_is_refused() -> None:
    """A DATA line whose key is no code of the stub is named, not read as numbers."""
    text = (ADVERSARIAL / "21-pcaxis-keys-codes.px").read_text(encoding="cp1252")
    broken = text.replace('\n"0114",45543', '\n"9999",45543')
    _, _, problems = read_export(broken.encode("cp1252"), "k.px", ColumnChoice())
    assert [(p.code, p.value) for p in problems] == [("not-px", '"9999",45543,46786')]


def test_a_year_less_workbook_imports_with_the_date_given(data_copy: Path) -> None:
    """A workbook whose table sheet names no year imports with --date (its info sheet skipped)."""
    path = ADVERSARIAL / "26-xlsx-info-sheet-first-noyear.xlsx"
    args = ["population", "import-scb", str(path), "--data-dir", str(data_copy), "--dry-run"]
    without = runner.invoke(app, args)
    assert without.exit_code == 2
    assert "names no year or month" in without.output
    with_date = runner.invoke(app, [*args, "--date", "2019-12-31"])
    assert with_date.exit_code == 0, with_date.output
    assert "0 added, 0 changed, 15 unchanged" in with_date.output
    assert "(sheet Tabell)" in with_date.output


def test_a_heading_joining_year_and_kon_is_both() -> None:
    """PxWeb heads a column with both variables, in either order."""
    assert period_with_sex("2019 män") == ("2019", Sex.MEN)
    assert period_with_sex("kvinnor 2019M12") == ("2019M12", Sex.WOMEN)
    assert period_with_sex("2019 båda könen") == ("2019", Sex.TOTAL)
    assert period_with_sex("Folkökning män") is None


def test_a_count_is_not_an_age() -> None:
    """Ages are 0 to 120: a column of counts must not be taken for an age breakdown."""
    assert is_age("100")
    assert not is_age("46786")


@pytest.mark.parametrize(
    "name", ["28-pcaxis-folkmangd-1-november.px", "29-folkmangd-1-november-2019.csv"]
)
def test_the_population_on_1_november_is_dated_1_november_not_31_december(
    dataset: Dataset, name: str
) -> None:
    """SCB's "Folkmängd 1 november" (skatteutjämning) must not overwrite the year-end figures."""
    export = read_scb(ADVERSARIAL / name)
    assert {f.reference_date for f in export.figures} == {date(2019, 11, 1)}
    plan = plan_import(dataset, list(export.figures), source="SCB")
    assert (len(plan.added), len(plan.changed)) == (15, 0)


def test_a_long_table_whose_value_column_names_a_day_takes_that_day_of_each_year() -> None:
    """Kommun;År;Folkmängd 1 november: the rows' year on 1 November; a month alone is no date."""
    dated = codes("Kommun;År;Folkmängd 1 november\nVaxholm;2019;12010\n")
    assert dated == [("Vaxholm", date(2019, 11, 1), 12010)]
    assert codes("Kommun;Folkmängd november 2019\nVaxholm;12010\n") == [("Vaxholm", None, 12010)]
    assert codes("Kommun;Folkmängd 31 dec 2019\nVaxholm;12003\n") == [
        ("Vaxholm", date(2019, 12, 31), 12003)
    ]


def codes(text: str) -> list[tuple[str, date | None, int | None]]:
    found, problems = parse_scb(text, "x.csv")
    assert problems == []
    return [(f.region, f.reference_date, f.inhabitants) for f in found]


@pytest.mark.parametrize(("name", "line"), BLANK_MEMBER, ids=[b[0] for b in BLANK_MEMBER])
def test_a_member_whose_figure_is_blank_is_refused_at_its_line(
    dataset: Dataset, name: str, line: int
) -> None:
    """A blank figure is no figure: not the end of the table, not a dropped row, never 0."""
    export = read_scb(ADVERSARIAL / name)
    with pytest.raises(DataError) as refused:
        plan_import(dataset, list(export.figures), source="SCB")
    assert [(p.code, p.line, p.value) for p in refused.value.problems] == [
        ("missing-figure", line, "0187 Vaxholm")
    ]
