"""Spreadsheets that print and speak the reader's language: page setup on every sheet,
headers that fit, and the excel-sv CSV in Swedish under a Swedish locale (the machine
dialect unchanged)."""

from __future__ import annotations

import openpyxl
import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app

runner = CliRunner()


def _run(*args: str, lang: str = "en") -> bytes:
    result = runner.invoke(app, ["--lang", lang, *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("x") / "andelar.xlsx"
    runner.invoke(
        app, ["--lang", "sv", "allocate", "--years", "2014-2016", "-f", "xlsx", "-o", str(path)]
    )
    return openpyxl.load_workbook(path)


def test_every_sheet_prints_one_page_wide_with_its_header_and_page_numbers(book):
    """Each sheet: A4, fitted to one page wide, header row repeated, "Sida &P av &N"."""
    for sheet in book:
        setup = sheet.page_setup
        assert str(setup.paperSize) == sheet.PAPERSIZE_A4, sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.oddFooter.center.text == "Sida &P av &N", sheet.title
        if sheet.title != "Noter":
            assert sheet.print_title_rows == "$1:$1", sheet.title


def test_a_wide_allocation_prints_landscape_the_narrow_overview_portrait(book):
    """The year's sheet (nine columns) is landscape; the overview fits a portrait page."""
    assert book["2014"].page_setup.orientation == "landscape"
    assert book["Översikt"].page_setup.orientation == "portrait"


def test_every_header_fits_beside_its_filter_button(book):
    """A column is wider than its bold header plus the filter's drop-down (Kommunkod too)."""
    for sheet in (book["2014"], book["Översikt"]):
        for cell in sheet[1]:
            width = sheet.column_dimensions[cell.column_letter].width
            assert width >= len(cell.value) + 4, (sheet.title, cell.value, width)


def test_excel_sv_csv_is_swedish_under_a_swedish_locale():
    """Headers and words for people: invånare, andel, ja, medlem; numbers as before."""
    text = _run("allocate", "-y", "2014", "-f", "csv", "--csv-dialect", "excel-sv", lang="sv")
    header, first = text.decode("utf-8-sig").splitlines()[:2]
    assert header.split(";")[:6] == [
        "samarbete",
        "år",
        "kommunkod",
        "namn",
        "invånare",
        "referensdatum",
    ]
    assert "andel" in header.split(";")
    assert "inhabitants" not in header
    assert ";ja;slutligt;;största restmetoden (Hamilton);" in first
    assert "53425,58" in first
    compare = _run(
        "compare",
        "--from",
        "2014",
        "--to",
        "2015",
        "-f",
        "csv",
        "--csv-dialect",
        "excel-sv",
        lang="sv",
    ).decode("utf-8-sig")
    assert ";medlem;" in compare.splitlines()[1]
    assert "belopp (kr, tidigare år)" in compare.splitlines()[0]


def test_the_machine_dialect_and_english_excel_sv_keep_the_field_names():
    """The default CSV is the same in both languages; English excel-sv has the field names."""
    machine_sv = _run("allocate", "-y", "2014", "-f", "csv", lang="sv")
    machine_en = _run("allocate", "-y", "2014", "-f", "csv", lang="en")
    assert machine_sv == machine_en
    assert machine_sv.decode().splitlines()[0].startswith("cooperation,year,kommunkod,name,")
    english = _run("allocate", "-y", "2014", "-f", "csv", "--csv-dialect", "excel-sv")
    assert (
        english.decode("utf-8-sig")
        .splitlines()[0]
        .startswith("cooperation;year;kommunkod;name;inhabitants;")
    )
    assert ";true;final;;largest-remainder (Hamilton);" in english.decode("utf-8-sig")
