"""SCB's population exports in every shape they come in: each one imports or is refused.

The real files in tests/data/scb/ (origins in SOURCES.md there) and the synthetic ones in
tests/data/scb/synthetic/ are read into a copy of the embedded dataset, whose figures they
must leave unchanged wherever they overlap. A refusal names the file and says what to do.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost import DataError, load_dataset
from norrort_cost.cli import app
from norrort_cost.loading.scb import ColumnChoice, parse_scb, read_export, read_scb
from norrort_cost.population.importing import plan_import
from norrort_cost.problems import UsageError

SCB = Path(__file__).parent / "data" / "scb"
SYNTHETIC = SCB / "synthetic"
runner = CliRunner()


def import_scb(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["population", "import-scb", *map(str, args)])
    return result.exit_code, result.output


def codes(
    text: str, name: str = "x.csv", **choice: str
) -> list[tuple[str, date | None, int | None]]:
    figures, problems = parse_scb(text, name, ColumnChoice(**choice))
    assert problems == [], problems
    return [(f.region, f.reference_date, f.inhabitants) for f in figures]


def refusal(text: str, **choice: str) -> list[tuple[int | None, str]]:
    _, problems = parse_scb(text, "x.csv", ColumnChoice(**choice))
    assert problems, "expected a refusal"
    for problem in problems:
        assert problem.file == "x.csv"
        assert problem.hint, problem
    return [(p.line, p.code) for p in problems]


# file, extra options, what the report says about how it was read, the import's counts
IMPORTED = [
    (
        SCB / "scb-folkmangd-2017-pxweb.csv",
        [],
        "region from 'region', figures from '2017'",
        "0 added, 0 changed, 15 unchanged; 275 regions skipped",
    ),
    (
        SCB / "scb-folkmangd-kommuner-1950-2019-names-wide.xlsx",
        [],
        "region from 'Kommun', figures from '1950', '...', '2019'",
        "900 added, 0 changed, 150 unchanged; 275 regions skipped",
    ),
    (
        SCB / "scb-kommun-man-kvinnor-names-noyear.csv",
        ["--date", "2015-12-31"],
        "figures from 'Män', 'Kvinnor', date: 2015-12-31 (--date)",
        "0 added, 0 changed, 15 unchanged; 275 regions skipped",
    ),
    (
        SYNTHETIC / "classic-pxweb-cp1252-2019.csv",
        [],
        "date: 2019-12-31 (the end of 2019)",
        "0 added, 0 changed, 15 unchanged; 1 region skipped",
    ),
    (
        SYNTHETIC / "pxweb-bom-semicolon-titles-2018-2019.csv",
        [],
        "2018-12-31 to 2019-12-31",
        "0 added, 0 changed, 30 unchanged",
    ),
    (
        SYNTHETIC / "long-kommun-ar-befolkning.csv",
        [],
        "one row per region and period): region from 'Kommun', figures from 'Befolkning'",
        "0 added, 0 changed, 30 unchanged; 1 region skipped",
    ),
    (
        SYNTHETIC / "descriptors-land-lan-thousands.csv",
        [],
        "region from 'region'",
        "0 added, 0 changed, 15 unchanged",
    ),
    (
        SYNTHETIC / "code-name-several-values-noyear-latin1.csv",
        ["--date", "2019-12-31"],
        "region from 'Kommun + Kommunnamn', figures from 'Folkmängd'",
        "0 added, 0 changed, 15 unchanged; 1 region skipped",
    ),
    (
        SYNTHETIC / "long-region-kon-ar.csv",
        [],
        "figures from 'Folkmängd'",
        "0 added, 0 changed, 15 unchanged",
    ),
    (
        SYNTHETIC / "months-2019M11-2019M12.csv",
        [],
        "2019-11-30 to 2019-12-31",
        "15 added, 0 changed, 15 unchanged",
    ),
    (
        SYNTHETIC / "quarters-2019K3-2019K4.csv",
        [],
        "2019-09-30 to 2019-12-31",
        "15 added, 0 changed, 15 unchanged",
    ),
    (
        SYNTHETIC / "region-antal-noyear.csv",
        ["--date", "2020-12-31"],
        "figures from 'Antal'",
        "0 added, 0 changed, 15 unchanged",
    ),
    (
        SYNTHETIC / "be0101n1-2018-2019.px",
        [],
        "(PC-Axis): region from 'region'",
        "0 added, 0 changed, 30 unchanged",
    ),
    (
        SYNTHETIC / "tab638-2020-jsonstat2.json",
        [],
        "(JSON-stat 2.0): region from 'region', figures from 'Folkmängd', date: 2020-12-31",
        "0 added, 0 changed, 15 unchanged",
    ),
]


@pytest.mark.parametrize(
    ("export", "options", "read_as", "counts"), IMPORTED, ids=[e[0].name for e in IMPORTED]
)
def test_every_shape_imports_with_overlapping_figures_unchanged(
    data_copy: Path, export: Path, options: list[str], read_as: str, counts: str
) -> None:
    """Each export imports (exit 0), says how it was read, and changes no known figure."""
    code, out = import_scb(export, "--data-dir", data_copy, *options)
    flat = " ".join(out.split())
    assert code == 0, out
    assert read_as in flat
    assert counts in flat
    before = {(f.kommunkod, f.reference_date): f.inhabitants for f in load_dataset().population}
    after = {
        (f.kommunkod, f.reference_date): f.inhabitants for f in load_dataset(data_copy).population
    }
    assert {key: after[key] for key in before} == before


REFUSED = [
    ("scb-jsonstat2-TAB6471-manad-lan-alder-kon.json", ["age-breakdown", "no-municipalities"]),
    ("scb-pxweb-manad-lan-kon-2007M01-2019M12.csv", ["no-municipalities"]),
]


@pytest.mark.parametrize(("name", "codes_"), REFUSED)
def test_real_exports_without_members_are_refused_with_exit_1(
    data_copy: Path, name: str, codes_: list[str]
) -> None:
    """Counties only, by age without a total: exit 1 with the reasons, nothing written."""
    before = (data_copy / "population.csv").read_bytes()
    code, out = import_scb(SCB / name, "--data-dir", data_copy)
    assert code == 1
    for problem_code in codes_:
        assert f"[{problem_code}]" in out
    assert "hint: export the table" in out
    assert (data_copy / "population.csv").read_bytes() == before


def test_year_less_export_without_date_says_so(data_copy: Path) -> None:
    """Kommun;Män;Kvinnor names no year: exit 2 asking for --date (not 'no header')."""
    code, out = import_scb(SCB / "scb-kommun-man-kvinnor-names-noyear.csv", "--data-dir", data_copy)
    assert code == 2
    assert "names no year or month" in out
    assert "--date" in out


def test_men_and_women_are_summed_and_the_report_says_so(data_copy: Path) -> None:
    """Without a total, men + women: Upplands Väsby 21 329 + 21 332 = 42 661 (2015)."""
    figures = read_scb(SCB / "scb-kommun-man-kvinnor-names-noyear.csv").figures
    assert (figures[0].region, figures[0].inhabitants) == ("Upplands Väsby", 42661)
    _, out = import_scb(
        SCB / "scb-kommun-man-kvinnor-names-noyear.csv",
        "--data-dir",
        data_copy,
        "--date",
        "2015-12-31",
        "--dry-run",
    )
    assert "no total in the file: men + women summed" in out


def test_a_data_row_that_looks_like_years_never_becomes_the_header() -> None:
    """'Munkfors;1845;1818;;' is data under Kommun;Män;Kvinnor: 1845 + 1818, no 1818-12-31."""
    figures = read_scb(SCB / "scb-kommun-man-kvinnor-names-noyear.csv").figures
    munkfors = [f for f in figures if f.region == "Munkfors"]
    assert [(f.line, f.inhabitants, f.reference_date) for f in munkfors] == [(190, 3663, None)]
    assert len(figures) == 290


def test_without_a_header_the_munkfors_row_is_refused_as_ambiguous() -> None:
    """No header line at all: refused, pointing at the first data line; never years 1845/1818."""
    assert refusal(" Ekerö;13568;13416;;\n Munkfors;1845;1818;;\n") == [(1, "no-header")]
    assert refusal(" Munkfors;1845;1818;;\n Ekerö;13568;13416;;\n") == [(1, "no-header")]


def test_a_header_below_data_rows_is_ambiguous() -> None:
    """Rows that look like data above the header: refused with the lines looked at."""
    text = "Ekerö;13568;13416\nKommun;Män;Kvinnor\nEkerö;13568;13416\n"
    _, problems = parse_scb(text, "x.csv")
    assert [(p.line, p.code) for p in problems] == [(2, "ambiguous-header")]
    assert "the lines above it (1)" in problems[0].message


def test_a_file_with_none_of_the_members_exits_1(data_copy: Path, tmp_path: Path) -> None:
    """Only other municipalities: exit 1 'none of the dataset's municipalities', not '0 added'."""
    export = tmp_path / "others.csv"
    export.write_text('"region","2019"\n"0126 Huddinge",113234\n"0127 Botkyrka",95000\n')
    code, out = import_scb(export, "--data-dir", data_copy)
    assert code == 1
    assert "[no-member-in-export]" in out
    assert "0 added" not in out


def test_not_a_table_is_named_for_what_it_is(data_copy: Path, tmp_path: Path) -> None:
    """A PDF, an old .xls, a web page, an empty file: each refused with what it is."""
    cases = {
        "a.pdf": (b"%PDF-1.4 ...", "a PDF document"),
        "b.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1", "old Excel workbook (.xls)"),
        "c.csv": (b"<!DOCTYPE html><html><body>Error</body></html>", "a web page"),
        "d.csv": (b"", "the file is empty"),
        "e.csv": (b"Just a sentence about population.\n", "no table of figures found"),
    }
    for name, (content, said) in cases.items():
        (tmp_path / name).write_bytes(content)
        code, out = import_scb(tmp_path / name, "--data-dir", data_copy)
        assert code == 1, name
        assert said in " ".join(out.split()), out


def test_region_as_code_and_name_padded_or_bare() -> None:
    """'0114 Upplands Väsby', ' Munkfors ', and a code column beside a name column."""
    assert codes("region;2019\n0114 Upplands Väsby;46786\n Munkfors ;3600\n")[1][0] == "Munkfors"
    found = codes("Kommun;Kommunnamn;Folkmängd 2019\n114;Upplands Väsby;46786\n")
    assert found == [("0114 Upplands Väsby", date(2019, 12, 31), 46786)]


def test_thousands_separators_and_encodings() -> None:
    """'94 606' with a space or no-break space; ISO-8859-1, Windows-1252 and UTF-8 alike."""
    text = "Region;2019\nÖsteråker;45\u00a0574\nEkerö;28 690\n"
    for encoding in ("utf-8", "utf-8-sig", "cp1252", "iso-8859-1"):
        figures, _, problems = read_export(text.encode(encoding), "x.csv", ColumnChoice())
        assert problems == []
        assert [(f.region, f.inhabitants) for f in figures] == [
            ("Österåker", 45574),
            ("Ekerö", 28690),
        ]


def test_several_value_columns_are_chosen_by_name_or_by_option() -> None:
    """Folkmängd is the population, change columns are ignored; two candidates need the option."""
    text = "Region;Folkmängd;Folkökning;Döda\n0125 Ekerö;28690;382;200\n"
    assert codes(text) == [("0125 Ekerö", None, 28690)]
    two = "Region;Antal;Befolkning\n0125 Ekerö;28690;28000\n"
    assert refusal(two) == [(1, "ambiguous-value-column")]
    assert codes(two, value="Befolkning") == [("0125 Ekerö", None, 28000)]
    assert refusal(two, value="Invånare") == [(1, "unknown-column")]


def test_two_region_columns_need_region_column() -> None:
    """Two name columns: refused, then decided by --region-column."""
    text = "Kommun;Region;2019\nEkerö;Stockholm;28690\n"
    assert refusal(text) == [(1, "ambiguous-region-column")]
    assert codes(text, region="Kommun") == [("Ekerö", date(2019, 12, 31), 28690)]


def test_sex_breakdown_takes_the_total_or_sums_men_and_women() -> None:
    """A 'totalt' row wins; without it men + women; one sex alone is refused."""
    text = "Region;Kön;2019\n0125 Ekerö;män;14000\n0125 Ekerö;kvinnor;14690\n"
    assert codes(text) == [("0125 Ekerö", date(2019, 12, 31), 28690)]
    total = text + "0125 Ekerö;båda könen;28691\n"
    assert codes(total) == [("0125 Ekerö", date(2019, 12, 31), 28691)]
    assert refusal("Region;Kön;2019\n0125 Ekerö;män;14000\n") == [(2, "incomplete-sex-breakdown")]


def test_pxweb_stub_rows_continue_the_region_above() -> None:
    """PxWeb writes the region once and leaves it empty on the next kön row."""
    text = ";;2019M12\n0125 Ekerö;män;14000\n;kvinnor;14690\n"
    assert codes(text) == [("0125 Ekerö", date(2019, 12, 31), 28690)]


def test_age_breakdown_takes_the_total_or_is_refused() -> None:
    """'totalt ålder' is taken; ages without a total are refused with the reason."""
    text = "Region;Ålder;2019\n0125 Ekerö;0-9 år;4000\n0125 Ekerö;10+ år;24690\n"
    assert refusal(text) == [(2, "age-breakdown")]
    total = text + "0125 Ekerö;totalt ålder;28690\n"
    assert codes(total) == [("0125 Ekerö", date(2019, 12, 31), 28690)]


def test_months_and_quarters_end_on_their_last_day() -> None:
    """2019M12 -> 2019-12-31, 2019M11 -> 2019-11-30, 2020M02 -> 2020-02-29, 2019K4 -> 12-31."""
    found = codes("Region;2019M11;2019M12;2020M02;2019K1;2019K4\nEkerö;1;2;3;4;5\n")
    assert [d for _, d, _ in found] == [
        date(2019, 11, 30),
        date(2019, 12, 31),
        date(2020, 2, 29),
        date(2019, 3, 31),
        date(2019, 12, 31),
    ]


def test_missing_marks_are_none_never_zero() -> None:
    """'..' and '-' give no figure (the merge refuses them for a member)."""
    found = codes("Region;2019;2020\nEkerö;..;-\n")
    assert [n for _, _, n in found] == [None, None]


def test_years_option_keeps_only_those_years() -> None:
    """--year 2019 imports the 2019 column of a many-year workbook only."""
    export = read_scb(SCB / "scb-folkmangd-kommuner-1950-2019-names-wide.xlsx")
    plan = plan_import(load_dataset(), list(export.figures), source="SCB", years=[2019])
    assert (len(plan.added), len(plan.unchanged)) == (0, 15)
    with pytest.raises(UsageError, match="no figures for 2030"):
        plan_import(load_dataset(), list(export.figures), source="SCB", years=[2030])


def test_jsonstat_and_px_figures_are_right() -> None:
    """The JSON-stat TAB638 answer and the PC-Axis file give the members' real figures."""
    json_figures = read_scb(SYNTHETIC / "tab638-2020-jsonstat2.json").figures
    assert (json_figures[4].region, json_figures[4].inhabitants) == ("0125 Ekerö", 28879)
    px = read_scb(SYNTHETIC / "be0101n1-2018-2019.px").figures
    assert [
        (f.region, f.reference_date.year if f.reference_date else 0, f.inhabitants) for f in px[:2]
    ] == [("0114 Upplands Väsby", 2018, 45543), ("0114 Upplands Väsby", 2019, 46786)]


def test_excel_problems_point_at_the_sheet_and_row(tmp_path: Path) -> None:
    """A decimal in a workbook cell: the problem names the sheet and the Excel row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tabell"
    sheet.append(["Folkmängd efter region och år"])
    sheet.append([])
    sheet.append(["Region", 2019])
    sheet.append(["0125 Ekerö", 28690.5])
    book.save(tmp_path / "x.xlsx")
    with pytest.raises(DataError) as caught:
        read_scb(tmp_path / "x.xlsx")
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.code) == ("x.xlsx (sheet Tabell)", 4, "not-integer")


def test_headers_that_name_the_measure_and_the_period() -> None:
    """'Folkmängd 2017', 'Antal 2019', 'Folkmängd 31 december 2019' and a date '2019-11-01'."""
    assert codes('"region","Folkmängd 2017"\n"0125 Ekerö",27753\n')[0][1] == date(2017, 12, 31)
    assert codes("Kod;Namn;Antal 2019\n125;Ekerö;28690\n") == [
        ("0125 Ekerö", date(2019, 12, 31), 28690)
    ]
    assert codes("Kommun;Folkmängd 31 december 2019\nEkerö;28690\n")[0][1] == date(2019, 12, 31)
    assert codes("Region;2019-11-01\nEkerö;28600\n") == [("Ekerö", date(2019, 11, 1), 28600)]


def test_wide_table_with_a_kon_stub_sums_men_and_women_per_year() -> None:
    """'region','kön','2018','2019' with män and kvinnor rows: one sum per year."""
    text = (
        '"region","kön","2018","2019"\n"0125 Ekerö","män",14000,14100\n'
        '"0125 Ekerö","kvinnor",14308,14590\n'
    )
    assert codes(text) == [
        ("0125 Ekerö", date(2018, 12, 31), 28308),
        ("0125 Ekerö", date(2019, 12, 31), 28690),
    ]


def test_jsonstat_1_bundle_and_missing_status() -> None:
    """PxWebApi v1's JSON-stat 1 ({"dataset": ...}) reads; a null value is SCB's '..'."""
    dataset = {
        "dataset": {
            "dimension": {
                "Region": {
                    "label": "region",
                    "category": {
                        "index": {"0125": 0, "0187": 1},
                        "label": {"0125": "Ekerö", "0187": "Vaxholm"},
                    },
                },
                "Tid": {"label": "år", "category": {"index": {"2019": 0}}},
                "id": ["Region", "Tid"],
                "size": [2, 1],
                "role": {"time": ["Tid"]},
            },
            "value": [28690, None],
            "status": {"1": ".."},
        }
    }
    import json

    figures, reading, problems = read_export(
        json.dumps(dataset).encode(), "v1.json", ColumnChoice()
    )
    assert problems == []
    assert [(f.region, f.inhabitants, f.raw) for f in figures] == [
        ("0125 Ekerö", 28690, "28690"),
        ("0187 Vaxholm", None, ".."),
    ]
    assert reading is not None
    assert reading.layout == "JSON-stat 1.x"  # the report says which version it read


def test_value_column_option_picks_one_year_of_a_wide_table() -> None:
    """--value-column 2019 reads that column only."""
    text = "Region;2018;2019\nEkerö;28308;28690\n"
    assert codes(text, value="2019") == [("Ekerö", date(2019, 12, 31), 28690)]


def test_a_thousands_comma_that_splits_a_figure_is_refused() -> None:
    """'46,786' unquoted in a comma file makes an extra cell: refused, never read as 46."""
    text = '"region","2019"\n"0114 Upplands Väsby",46,786\n"0125 Ekerö",28690\n'
    assert refusal(text) == [(2, "extra-cell")]


def test_the_same_region_and_period_twice_with_two_figures_is_refused() -> None:
    """Two rows, or two columns, for one region and year with different figures."""
    assert refusal("Kommun,År,Befolkning\nEkerö,2019,28690\nEkerö,2019,28691\n") == [
        (3, "conflicting-duplicate")
    ]
    assert refusal("Region;2019;2019\nEkerö;1;2\n") == [(1, "duplicate-header")]


def test_a_unit_line_or_a_two_row_heading_above_the_header() -> None:
    """'Enhet:;antal' above the header, or PxWeb's contents row above the years: skipped."""
    assert codes('Enhet:;antal\n\n"region";"2019"\n"0125 Ekerö";28690\n') == [
        ("0125 Ekerö", date(2019, 12, 31), 28690)
    ]
    assert [
        n for _, _, n in codes(";;Folkmängd;Folkmängd\n;;2018;2019\n0125 Ekerö;;28308;28690\n")
    ] == [
        28308,
        28690,
    ]


def test_a_kommunkod_that_lost_its_zero_is_still_the_member() -> None:
    """A code column from Excel ('114') is 0114 when merged."""
    figures, _ = parse_scb("Kommunkod;Folkmängd 2019\n114;46786\n", "x.csv")
    plan = plan_import(load_dataset(), figures, source="SCB")
    assert [f.kommunkod for f in plan.unchanged] == ["0114"]


def test_other_spreadsheets_and_damaged_pc_axis_are_named(tmp_path: Path) -> None:
    """An .ods is named as such; a .px whose DATA is cut short is refused, not half read."""
    (tmp_path / "x.ods").write_bytes(
        b"PK\x03\x04mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
    )
    with pytest.raises(DataError) as caught:
        read_scb(tmp_path / "x.ods")
    assert "OpenDocument spreadsheet" in caught.value.problems[0].message
    px = (SYNTHETIC / "be0101n1-2018-2019.px").read_bytes()
    (tmp_path / "cut.px").write_bytes(px[: px.index(b"DATA=")] + b"DATA=\r\n1 2 3;\r\n")
    with pytest.raises(DataError) as caught:
        read_scb(tmp_path / "cut.px")
    assert [p.code for p in caught.value.problems] == ["not-px"]


def test_a_contents_column_keeps_the_population_rows() -> None:
    """'tabellinnehåll' rows of Folkökning are skipped; a date column gives exact dates."""
    text = (
        '"region","tabellinnehåll","2019"\n"0114 Upplands Väsby","Folkmängd",46786\n'
        '"0114 Upplands Väsby","Folkökning",1244\n'
    )
    assert codes(text) == [("0114 Upplands Väsby", date(2019, 12, 31), 46786)]
    dated = "Kommun;Datum;Folkmängd\nEkerö;2019-11-01;28600\n"
    assert codes(dated) == [("Ekerö", date(2019, 11, 1), 28600)]


CUBE_PX = """CHARSET="ANSI";
CONTENTS="Folkmängd";
STUB="region","ålder","kön";
HEADING="år";
VALUES("region")="0125 Ekerö","0187 Vaxholm";
VALUES("ålder")="0 år","totalt ålder","1 år";
VALUES("kön")="män","kvinnor","totalt";
VALUES("år")="2018","2019";
TIMEVAL("år")=TLIST(A1),"2018","2019";
CODES("region")="0125","0187";
CODES("ålder")="0","tot","1";
CODES("kön")="1","2","1+2";
DATA=
1 2
3 4
4 6
14301 14380
14389 14310
28690 28690
x y
z w
q r
2 2
2 2
4 4
6001 6011
5999 6001
12000 12012
? ?
! !
# #;
"""


def test_a_cube_by_age_and_kon_takes_the_total_of_both_wherever_it_stands() -> None:
    """Of a PC-Axis cube by region × ålder × kön × år, only 'totalt ålder' of 'totalt' is
    imported (the total may be any category of its dimension); the cells of single ages
    are never read, so not even text there is an error."""
    found, reading, problems = read_export(CUBE_PX.encode("cp1252"), "cube.px", ColumnChoice())
    assert problems == []
    assert [(f.region, f.reference_date, f.inhabitants) for f in found] == [
        ("0125 Ekerö", date(2018, 12, 31), 28690),
        ("0125 Ekerö", date(2019, 12, 31), 28690),
        ("0187 Vaxholm", date(2018, 12, 31), 12000),
        ("0187 Vaxholm", date(2019, 12, 31), 12012),
    ]
    assert reading is not None
    assert "age: the total over all ages" in reading.notes


def _dimension(label: str, categories: dict[str, str]) -> dict[str, object]:
    index = {code: at for at, code in enumerate(categories)}
    return {"label": label, "category": {"index": index, "label": categories}}


def test_a_jsonstat_cube_by_age_sums_men_and_women_when_kon_has_no_total() -> None:
    """JSON-stat by region × ålder × kön (män, kvinnor) × år: the age total of men plus that
    of women; a missing value (null) with its status mark stays missing, never 0."""
    data = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Region", "Alder", "Kon", "Tid"],
        "size": [2, 2, 2, 1],
        "role": {"time": ["Tid"]},
        "dimension": {
            "Region": _dimension("region", {"0125": "Ekerö", "0187": "Vaxholm"}),
            "Alder": _dimension("ålder", {"0": "0 år", "tot": "totalt ålder"}),
            "Kon": _dimension("kön", {"1": "män", "2": "kvinnor"}),
            "Tid": _dimension("år", {"2019": "2019"}),
        },
        "value": [1, 2, 14380, 14310, 3, 4, None, 6011],
        "status": {"6": ".."},
    }
    found, _, problems = read_export(json.dumps(data).encode(), "cube.json", ColumnChoice())
    assert problems == []
    assert [(f.region, f.inhabitants, f.raw) for f in found] == [
        ("0125 Ekerö", 28690, "14380"),
        ("0187 Vaxholm", None, ".."),
    ]


def _figures(path: Path) -> list[tuple[str, date | None, int | None]]:
    return [(f.region, f.reference_date, f.inhabitants) for f in read_scb(path).figures]


def _px_with(tmp_path: Path, name: str, before_data: bytes, *, prefix: bytes = b"") -> Path:
    """The synthetic PC-Axis file with statements inserted before DATA (and a prefix)."""
    px = (SYNTHETIC / "be0101n1-2018-2019.px").read_bytes()
    at = px.index(b"DATA=")
    (tmp_path / name).write_bytes(prefix + px[:at] + before_data + px[at:])
    return tmp_path / name


def test_pc_axis_notes_on_a_value_are_read_past(tmp_path: Path) -> None:
    """PxWeb writes notes and precisions about one value of a variable
    (``VALUENOTEX("region","0186 Lidingö")=...``, ``PRECISION(...)``, ``CELLNOTE(...)``):
    the file is read past them, with the same figures as without."""
    plain = _figures(SYNTHETIC / "be0101n1-2018-2019.px")
    notes = (
        b'PRECISION("region","0114 Upplands V\xe4sby")=0;\r\n'
        b'VALUENOTEX("region","0186 Liding\xf6")="Note; with a semicolon";\r\n'
        b'CELLNOTE("*","*","2019")="a cell note";\r\n'
        b'NOTE[en]("region")="a note in English";\r\n'
    )
    assert _figures(_px_with(tmp_path, "noted.px", notes)) == plain


def test_a_utf8_pc_axis_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """PxWeb saves UTF-8 PC-Axis with a byte-order mark before CODEPAGE="utf-8": the mark
    is no part of the text and the figures are those of the file without it."""
    px = (SYNTHETIC / "be0101n1-2018-2019.px").read_bytes()
    text = px.decode("cp1252").replace('CODEPAGE="iso-8859-1"', 'CODEPAGE="utf-8"')
    if 'CODEPAGE="utf-8"' not in text:
        text = 'CODEPAGE="utf-8";\r\n' + text
    (tmp_path / "bom.px").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert _figures(tmp_path / "bom.px") == _figures(SYNTHETIC / "be0101n1-2018-2019.px")


def test_a_pc_axis_statement_that_cannot_be_read_is_named_by_its_line(tmp_path: Path) -> None:
    """A line that is no ``KEYWORD=value;`` statement stops the reading: the problem names
    that line rather than saying DATA is missing."""
    px = (SYNTHETIC / "be0101n1-2018-2019.px").read_bytes()
    lines = px.split(b"\n")
    (tmp_path / "odd.px").write_bytes(b"\n".join([*lines[:3], b"this is no statement", *lines[3:]]))
    with pytest.raises(DataError) as caught:
        read_scb(tmp_path / "odd.px")
    [found] = caught.value.problems
    assert (found.code, found.line) == ("not-px", 4)
    assert "not a PC-Axis statement" in str(found.message)
