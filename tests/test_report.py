"""The committee report: what it holds (core), what it says (texts), and its HTML and PDF files."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from norrort_cost import load_dataset
from norrort_cost.audit.report import committee_report, membership_events
from norrort_cost.cli import app
from norrort_cost.money import format_sek
from norrort_cost.problems import UsageError
from norrort_cost.rendering.report.content import report_view
from norrort_cost.rendering.report.palette import FOCUS, OTHERS, POOL_COLOURS
from tests.conftest import assert_golden

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "examples" / "overformyndare"
DAY = date(2024, 5, 2)
runner = CliRunner()


@pytest.fixture(scope="module")
def ekero(dataset):
    """The 2014 report with Ekerö (member from 2014-04-15) in focus."""
    return committee_report(dataset, 2014, made_on=DAY, municipality="Ekerö")


def view_text(view) -> str:
    """The report's words and tables as plain text, one line each (for the golden file)."""
    lines = [view.title, view.headline, view.notice or "", ""]
    for section in view.sections:
        lines += [f"## {section.title}", *section.paragraphs]
        if section.subtitle:
            lines += [f"### {section.subtitle}"]
        lines += [f"{n}. {step}" for n, step in enumerate(section.steps, start=1)]
        for table in section.tables:
            rows = [table.header, *table.rows, *([table.total] if table.total else [])]
            lines += [" | ".join(row) for row in rows]
        lines.append("")
    return "\n".join([*lines, view.footer, ""])


# --- what the report holds ------------------------------------------------------------------


def test_report_holds_the_year_the_previous_year_and_every_budget_year(ekero):
    """2014 compares with 2013 and charts every budget year with published figures by default:
    2013-2026 (2027 awaits SCB's figures of 31 December 2026)."""
    assert ekero.allocation.budget_ore == 85_700_000
    assert ekero.focus is not None
    assert ekero.focus.amount_ore == 2_429_103
    assert ekero.previous is not None
    assert (ekero.previous.before.year, ekero.previous.budget_change_ore) == (2013, 4_200_000)
    assert [a.year for a in ekero.history] == list(range(2013, 2027))


def test_joiners_and_leavers_are_listed_with_their_dates(dataset):
    """Ekerö joined on 2014-04-15; a member leaving on its last day is listed as leaving."""
    assert [(e.kommunkod, e.joined, e.on) for e in membership_events(dataset, 2014)] == [
        ("0125", True, date(2014, 4, 15))
    ]
    left = dataset.model_copy(
        update={
            "memberships": tuple(
                m.model_copy(update={"end": date(2016, 6, 30)}) if m.kommunkod == "0187" else m
                for m in dataset.memberships
            )
        }
    )
    assert [(e.name, e.joined, e.on) for e in membership_events(left, 2016)] == [
        ("Vaxholm", False, date(2016, 6, 30))
    ]


def test_the_first_budget_year_has_nothing_to_compare_with(dataset):
    """2013 is the first year with a budget: no previous year, no change column."""
    report = committee_report(dataset, 2013, made_on=DAY)
    assert report.previous is None
    table = report_view(report, "sv", "x").sections[0].tables[0]
    assert not any("Förändring" in heading for heading in table.header)


def test_the_years_of_the_chart_can_be_bounded(dataset):
    """--from/--to choose the years of the chart; an empty or reversed range is a usage error."""
    report = committee_report(dataset, 2014, made_on=DAY, years=(2015, 2016))
    assert [a.year for a in report.history] == [2015, 2016]
    with pytest.raises(UsageError, match="after"):
        committee_report(dataset, 2014, made_on=DAY, years=(2016, 2015))
    with pytest.raises(UsageError, match="no budget year"):
        committee_report(dataset, 2014, made_on=DAY, years=(2030, None))


def test_default_years_leave_out_a_year_without_population_but_an_asked_year_fails(dataset):
    """Without figures at 2018-12-31, 2019 drops out of the default chart; --to 2019 is an error."""
    from norrort_cost.problems import DataError

    cut = dataset.model_copy(
        update={
            "population": tuple(
                f for f in dataset.population if f.reference_date != date(2018, 12, 31)
            )
        }
    )
    report = committee_report(cut, 2014, made_on=DAY)
    assert [a.year for a in report.history] == [*range(2013, 2019), *range(2020, 2027)]
    with pytest.raises(DataError):
        committee_report(cut, 2014, made_on=DAY, years=(2017, 2019))


# --- what the report says -------------------------------------------------------------------


def test_headline_of_the_member_in_focus_in_swedish_and_english(ekero):
    """The headline gives the amount, the part of the budget, kr per inhabitant and the days."""
    assert report_view(ekero, "sv", "x").headline == (
        "Ekerö betalar 24 291,03 kr för 2014: 2,83 % av budgeten, 0,92 kr per invånare, "
        "261 av 365 dagar."
    )
    assert report_view(ekero, "en", "x").headline == (
        "Ekerö pays 24 291,03 kr for 2014: 2,83 % of the budget, 0,92 kr per inhabitant, "
        "261 of 365 days."
    )


def test_without_a_member_in_focus_the_headline_is_the_cooperations(dataset):
    """The cooperation's budget, its members and the average kr per inhabitant."""
    view = report_view(committee_report(dataset, 2014, made_on=DAY), "sv", "x")
    assert view.headline == (
        "Koordination Norrort fördelar 857 000,00 kr för 2014 på 15 medlemmar: "
        "1,27 kr per invånare i genomsnitt."
    )


def test_the_notice_is_there_exactly_when_the_budget_is_illustrative(dataset, ekero):
    """The embedded budget is illustrative, so the report says so; a real budget has no notice."""
    from norrort_cost.rendering.report.html import report_html

    assert report_view(ekero, "sv", "x").notice == (
        "ILLUSTRATIV BUDGET: beloppen är exempel, inte samverkans verkliga budget. "
        "Använd dem inte som beslutsunderlag."
    )
    real = dataset.model_copy(
        update={
            "budget_lines": tuple(
                line.model_copy(update={"illustrative": False}) for line in dataset.budget_lines
            )
        }
    )
    view = report_view(committee_report(real, 2014, made_on=DAY), "sv", "x")
    assert view.notice is None
    assert 'class="notice"' not in report_html(view, ())


def test_the_table_has_the_figures_of_allocate_to_the_ore(ekero):
    """Every member's amount in the table is allocate's amount; the total is the budget."""
    table = report_view(ekero, "sv", "x").sections[0].tables[0]
    amount = table.header.index("Belopp (kr)")
    expected = {s.kommunkod: format_sek(s.amount_ore) for s in ekero.allocation.shares}
    assert {row[0]: row[amount] for row in table.rows} == expected
    assert table.total is not None
    assert table.total[amount] == "857 000,00"
    assert table.rows[table.highlight or 0][1] == "Ekerö"


def test_the_report_of_ekero_2014_reads_as_before(ekero):
    """The whole text of the Swedish report (golden file; refresh with UPDATE_GOLDEN=1)."""
    assert_golden("report_ekero_2014_sv.txt", view_text(report_view(ekero, "sv", "0.0.0")))


def test_the_example_dataset_shows_its_pools_in_a_table():
    """Grundavgift, per invånare, lika delar and fasta belopp: one column each, to the öre."""
    report = committee_report(load_dataset(EXAMPLE), 2018, made_on=DAY, municipality="Vaxholm")
    pools = report_view(report, "sv", "x").sections[0].tables[1]
    assert pools.header == (
        "Kommunkod",
        "Kommun",
        "Grundavgift (kr)",
        "Per invånare (kr)",
        "Lika delar (kr)",
        "Fasta belopp (kr)",
        "Belopp (kr)",
    )
    assert pools.total == (
        "Totalt",
        "",
        "540 493,15",
        "4 059 506,85",
        "290 000,00",
        "140 000,00",
        "5 030 000,00",
    )


def test_the_example_dataset_shows_its_pools_in_the_chart():
    """The share chart stacks one colour per pool, and the member in focus is drawn in red."""
    from norrort_cost.rendering.report import charts
    from norrort_cost.rendering.report.strings import texts

    report = committee_report(load_dataset(EXAMPLE), 2018, made_on=DAY, municipality="Vaxholm")
    svg = charts.share_chart(report, texts("sv"))
    for colour in POOL_COLOURS.values():
        assert f"fill: {colour}" in svg
    assert f"fill: {FOCUS}" in svg  # the focus member's name


# --- the files ------------------------------------------------------------------------------


def pixels_like(colours: list[tuple[int, tuple[int, int, int]]], hex_colour: str) -> int:
    """How many pixels (from ``Image.getcolors``) are close to ``#rrggbb``."""
    want = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return sum(n for n, c in colours if all(abs(a - b) < 12 for a, b in zip(c, want, strict=True)))


def make(folder: Path, name: str, day: str = "2024-05-02") -> bytes:
    """Run ``report`` for Ekerö 2014 into folder/name and return the file's bytes."""
    out = folder / name
    result = runner.invoke(
        app, ["report", "--year", "2014", "-m", "Ekerö", "--date", day, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The Ekerö 2014 report made once as HTML and once as PDF, in a folder of their own."""
    folder = tmp_path_factory.mktemp("report")
    return {suffix: make(folder, f"r.{suffix}") for suffix in ("html", "pdf")}


def test_html_report_is_self_contained_and_shows_everything(files):
    """The page has the amount, both charts as inline SVG, the method chain and the notice,
    and nothing that loads from elsewhere or runs a script."""
    page = files["html"].decode("utf-8")
    assert "Ekerö betalar 24 291,03 kr för 2014" in page
    assert page.count('<figure class="chart"') == 2
    assert page.count("<svg ") == 2
    assert "Räkneexempel: Ekerö" in page
    assert "2 429 102 öre" in page
    assert "ILLUSTRATIV BUDGET" in page
    assert "<script" not in page
    assert "<link" not in page
    assert not re.search(r"""(src|href)=["'](?!#)|url\((?!#|data:)""", page)


@pytest.mark.parametrize("suffix", ["html", "pdf"])
def test_same_input_and_date_give_the_same_bytes(files, tmp_path, suffix):
    """Twice the same command: identical files; another --date changes them."""
    assert make(tmp_path, f"again.{suffix}") == files[suffix]
    assert make(tmp_path, f"later.{suffix}", "2024-05-03") != files[suffix]


def test_pdf_report_has_the_figures_to_the_ore_and_embeds_its_font(files):
    """The PDF's text has the headline, the table's figures and the chain; fonts are embedded."""
    reader = PdfReader(io.BytesIO(files["pdf"]))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Ekerö betalar 24 291,03 kr för 2014" in text
    for figure in ("24 291,03", "857 000,00", "93 758,03", "+42 000,00", "2 429 102 öre"):
        assert figure in text
    assert "ILLUSTRATIV BUDGET" in text
    assert "Räkneexempel: Ekerö" in text
    assert reader.metadata is not None
    assert reader.metadata["/CreationDate"].startswith("D:20240502")
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts
    assert all("/FontFile2" in f["/DescendantFonts"][0]["/FontDescriptor"] for f in fonts)


def test_pdf_report_renders_with_its_charts(files, tmp_path):
    """poppler draws the first page: not blank, and the share chart's bars are there."""
    from PIL import Image

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: the PDF page is not drawn")
    (tmp_path / "r.pdf").write_bytes(files["pdf"])
    subprocess.run(
        ["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", "r.pdf", "page"],
        cwd=tmp_path,
        check=True,
        timeout=60,
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24) or []
    white = sum(n for n, c in colours if c == (255, 255, 255))
    assert white < image.width * image.height * 0.95
    assert pixels_like(colours, OTHERS) > 5000  # the other members' bars, in the chart only


def test_report_format_comes_from_the_file_name(tmp_path):
    """A name that is neither .html nor .pdf is a usage error (exit 2); nothing is written."""
    out = tmp_path / "r.txt"
    result = runner.invoke(app, ["report", "--year", "2014", "-o", str(out)])
    assert result.exit_code == 2
    assert "cannot tell the report's format" in result.output
    assert not out.exists()
    result = runner.invoke(app, ["report", "--year", "2014", "-o", str(out), "--format", "html"])
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")


def test_english_report_of_chosen_years(tmp_path):
    """--lang en writes the page in English; --from/--to bound the chart over the years."""
    out = tmp_path / "r.html"
    argv = ["report", "-y", "2014", "--from", "2013", "--to", "2015", "--lang", "en", "-o"]
    result = runner.invoke(app, [*argv, str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Koordination Norrort splits 857 000,00 kr for 2014 among 15 members" in page
    assert "Chart: amount and kr per inhabitant per year 2013–2015" in page


def test_a_member_not_in_the_year_is_a_usage_error(tmp_path):
    """Ekerö was not a member in 2013: exit 2 with the list of members."""
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--year", "2013", "-m", "Ekerö", "-o", str(out)])
    assert result.exit_code == 2
    assert "was not a member in 2013" in result.output
    assert not out.exists()
