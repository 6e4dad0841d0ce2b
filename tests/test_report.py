"""The committee report: what it holds (core), what it says (texts), and its HTML and PDF files."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import sys
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from norrort_cost import load_dataset
from norrort_cost.audit.report import committee_report, membership_events
from norrort_cost.cli import app
from norrort_cost.money import format_int, format_percent, format_sek
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
    for section in (view.summary, *view.sections):
        lines += [f"## {section.title}", *(f"{key}: {value}" for key, value in section.facts)]
        lines += section.paragraphs
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
        "Summa",
        "",
        "540 493,15",
        "4 059 506,85",
        "290 000,00",
        "140 000,00",
        "5 030 000,00",
    )


def test_the_example_dataset_shows_its_pools_in_the_chart():
    """The share chart stacks one colour per cost post; the member in focus is named in red
    and the other members' segments are drawn lighter."""
    from norrort_cost.rendering.report import charts
    from norrort_cost.rendering.report.drawing import Rect, Text, lighter
    from norrort_cost.rendering.report.strings import texts

    report = committee_report(load_dataset(EXAMPLE), 2018, made_on=DAY, municipality="Vaxholm")
    chart = charts.share_chart(report, texts("sv"))
    fills = {shape.fill for shape in chart.shapes if isinstance(shape, Rect)}
    for colour in POOL_COLOURS.values():
        assert colour in fills
        assert lighter(colour, 0.5) in fills
    names = [s for s in chart.shapes if isinstance(s, Text) and s.text.startswith("Vaxholm")]
    assert [(s.colour, s.bold) for s in names] == [(FOCUS, True)]


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
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
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


# --- what a committee reads first, and what it needs to trust the figures ------------------


def test_the_summary_comes_first_with_the_key_figures_of_the_year(ekero):
    """Total, change from 2013 in kr and %, per invånare, largest and smallest share, and the
    focus member (Ekerö joined in 2014: no change to state, only that it was no member)."""
    summary = report_view(ekero, "sv", "x").summary
    assert summary.title == "Sammanfattning"
    assert summary.facts == (
        ("Årets kostnad 2014", "857 000,00 kr"),
        ("Förändring från 2013", "+42 000,00 kr (+5,15 %)"),
        ("Per invånare", "1,27 kr i genomsnitt (672 393 invånare, 15 medlemmar)"),
        ("Största andel", "Solna 93 758,03 kr (10,94 %)"),
        ("Minsta andel", "Vaxholm 14 420,74 kr (1,68 %)"),
        ("Ekerö", "24 291,03 kr (2,83 %) för 261 av 365 dagar; ej medlem 2013"),
    )


def test_the_summary_gives_a_full_year_members_change_in_kr_percent_and_points(dataset):
    """Solna 2014 against 2013: +2 328,70 kr, in % of its 2013 amount, and its share's change
    in percentage points; in English with the same figures."""
    report = committee_report(dataset, 2014, made_on=DAY, municipality="Solna")
    before = report.previous.before.share_of("0184").amount_ore
    percent = format_percent(Fraction(232_870, before), 2, signed=True)
    facts = dict(report_view(report, "en", "x").summary.facts)
    assert facts["Solna"] == (
        f"93 758,03 kr (10,94 %); change from 2013 +2 328,70 kr ({percent}), "
        "share -0,28 percentage points"
    )
    assert facts["Change from 2013"] == "+42 000,00 kr (+5,15 %)"


def test_the_worked_example_is_in_kronor_and_the_exact_fractions_in_an_appendix(ekero):
    """The steps speak kronor (no öre with four decimals); the appendix keeps the exact
    quota as a fraction of öre, which reproduces the whole part of allocate's figure."""
    view = report_view(ekero, "sv", "x")
    method = next(s for s in view.sections if s.subtitle == "Räkneexempel: Ekerö")
    pool = method.steps[4]
    assert pool.startswith("Per invånare: 857 000,00 kr × ca 18 845,63 ÷ ca 664 883,63 ger ")
    assert "24 291,02 kr i hela ören och en rest på 0,52 öre" in pool
    assert not re.search(r"\d,\d{4}", " ".join(method.steps))
    appendix = view.sections[-1]
    assert appendix.title == "Bilaga: räkneexemplet med exakta bråk"
    quota = ekero.focus.pools[0].quota_ore
    exact = f"{format_int(quota.numerator)}/{format_int(quota.denominator)}"
    assert f"= {exact} (2 429 102,521906) öre; heltalsdelen 2 429 102 öre" in appendix.steps[2]


def test_the_installment_schedule_is_the_one_the_invoices_would_have(dataset):
    """--installments 4: per quarter, Ekerö's part and what the managing municipality
    invoices the others, exactly the sums of build_invoices' installment invoices (each
    counted in the quarter its period begins in; Ekerö's within its membership)."""
    from norrort_cost.allocation.yearly import allocate
    from norrort_cost.invoicing.invoices import Numbering, build_invoices

    report = committee_report(dataset, 2014, made_on=DAY, municipality="Ekerö", installments=4)
    run = build_invoices(allocate(dataset, 2014), dataset, DAY, numbering=Numbering(None, 4))
    quarters = [row.period_start for row in report.installments]

    def quarter(invoice):
        return max(k for k, start in enumerate(quarters) if start <= invoice.period_start)

    invoiced = [sum(i.amount_ore for i in run.invoices if quarter(i) == k) for k in range(4)]
    ekero = [i.amount_ore for i in run.invoices if i.buyer.name.startswith("Ekerö")]
    assert [r.invoiced_ore for r in report.installments] == invoiced
    # Ekerö joined on 2014-04-15: no part in the first quarter, its three parts after
    assert [r.focus_ore for r in report.installments] == [None, *ekero]
    assert sum(ekero) == 2_429_103
    assert [(r.period_start, r.period_end) for r in report.installments][1] == (
        date(2014, 4, 1),
        date(2014, 6, 30),
    )
    table = next(s for s in report_view(report, "sv", "x").sections if s.title.startswith("Delb"))
    assert table.tables[0].total == ("Summa", "", "24 291,03", format_sek(sum(invoiced)))


def test_an_installment_count_the_invoices_do_not_know_is_a_usage_error(tmp_path):
    """--installments 3 is no schedule: exit 2, nothing written."""
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "-y", "2014", "--installments", "3", "-o", str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_a_part_year_member_is_marked_and_explained_on_an_axis_from_zero(ekero):
    """Ekerö's bars are lighter with a dashed border, its name carries *, the note says why
    its kr per invånare is low, and both scales start at 0 at the bars' left edge."""
    from norrort_cost.rendering.report import charts
    from norrort_cost.rendering.report.drawing import Rect, Text, lighter
    from norrort_cost.rendering.report.strings import texts

    chart = charts.share_chart(ekero, texts("sv"))
    assert chart.notes == ("* Ekerö medlem från 2014-04-15: 261 av 365 dagar",)
    assert [s.text for s in chart.shapes if isinstance(s, Text) and "Ekerö" in s.text] == [
        "Ekerö *"
    ]
    dashed = [s for s in chart.shapes if isinstance(s, Rect) and s.outline]
    assert [(s.fill, s.outline) for s in dashed][:2] == [(lighter(FOCUS), FOCUS)] * 2
    ticks = [s.text for s in chart.shapes if isinstance(s, Text) and s.anchor == "middle"]
    assert "0" in ticks
    assert "0,00" in ticks
    bars = [s for s in chart.shapes if isinstance(s, Rect) and s.h > 3]  # not the legend
    assert len({round(s.x, 6) for s in bars}) == 2  # every bar starts at one of the two zeros
    years = charts.years_chart(ekero, texts("en"))
    assert years.notes == (
        "– Ekerö not a member in 2013",
        "* 2014: Ekerö a member from 2014-04-15: 261 of 365 days",
    )


def test_every_page_of_the_pdf_carries_the_notice(files):
    """An illustrative budget is said on every page, not only the first."""
    reader = PdfReader(io.BytesIO(files["pdf"]))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert page.extract_text().startswith("ILLUSTRATIV BUDGET")


def test_the_pdf_draws_its_charts_itself(files):
    """The charts are drawn with fpdf2's own calls: no embedded image or form XObject."""
    reader = PdfReader(io.BytesIO(files["pdf"]))
    for page in reader.pages:
        assert "/XObject" not in page["/Resources"]


def test_the_html_report_imports_no_pdf_or_plotting_library(tmp_path):
    """Made in a fresh interpreter by the command line, the HTML report leaves fpdf,
    matplotlib, fontTools, numpy and pandas unimported, and embeds no font."""
    page = tmp_path / "r.html"
    probe = (
        "import contextlib, io, sys\n"
        "from norrort_cost.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['report', '--year', '2014', '-m', 'Ekerö', '--date', '2024-05-02',"
        f" '-o', {str(page)!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('fpdf', 'matplotlib', 'fontTools', 'numpy', 'pandas')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html
    assert "@font-face" not in html
    assert "base64" not in html


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_preliminary_year_says_so_in_the_headline(dataset, lang):
    """2027 weighed by the 2025 figures (the setting preliminary_population_date): the
    report's headline says it is preliminary and settled once 2026-12-31 is published."""
    settings = dataset.settings.model_copy(
        update={"preliminary_population_date": date(2025, 12, 31)}
    )
    preliminary = dataset.model_copy(update={"settings": settings})
    view = report_view(committee_report(preliminary, 2027, made_on=DAY), lang, "x")
    word = {"sv": "PRELIMINÄR", "en": "PRELIMINARY"}[lang]
    assert f"{word}: " in view.headline
    assert "2025-12-31" in view.headline
    assert "2026-12-31" in view.headline
    final = report_view(committee_report(dataset, 2026, made_on=DAY), lang, "x")
    assert word not in final.headline


def test_chart_labels_round_whole_kronor_as_every_figure_for_people():
    """A bar of 48 198,50 kr is labelled 48 199 (half away from zero, money's display rule),
    not 48 198 as rounding half to even would have it; kr per invånare keep two decimals."""
    from norrort_cost.rendering.report.chart_pieces import kr2, whole_kr

    assert whole_kr(4819850) == "48 199"
    assert whole_kr(1649250) == "16 493"
    assert whole_kr(4819849) == "48 198"
    assert whole_kr(20_000 * 100.0) == "20 000"
    assert kr2(127.0) == "1,27"


def test_the_swedish_and_english_texts_have_the_same_keys_and_fields():
    """Every text of the report exists in both languages with the same {fields}, so that a
    report in either language fills every text it uses."""
    from string import Formatter

    from norrort_cost.rendering.report.strings import LANGUAGES, texts

    def fields(lang: str) -> dict[str, set[str]]:
        table = texts(lang)
        return {key: {f for _, f, _, _ in Formatter().parse(table[key]) if f} for key in table}

    swedish, english = (fields(lang) for lang in LANGUAGES)
    assert swedish == english
    assert len(swedish) > 100


@pytest.mark.parametrize(("years", "slot"), [(5, 14.0), (14, 5.07), (30, 2.4), (57, 1.2)])
def test_year_labels_under_the_columns_never_touch(years: int, slot: float) -> None:
    """However many years a chart shows, the year labels under its columns fit: first
    smaller (never below 5 pt), then every second, third, ... year, so that neighbouring
    labels shown never overlap; a few years keep the usual size and every label."""
    from norrort_cost.rendering.report.chart_pieces import SMALL
    from norrort_cost.rendering.report.chart_years import SMALLEST, _shown, _year_labels
    from norrort_cost.rendering.report.drawing import text_width

    labels = [f"{2013 + i}{'*' if i == 1 else ''}" for i in range(years)]
    size, step = _year_labels(labels, slot)
    assert SMALLEST <= size <= SMALL
    widest = max(text_width(label, size) for label in labels)
    assert widest <= slot * step  # the distance between two labels shown
    shown = _shown([label.endswith("*") for label in labels], step)
    assert 1 in shown  # the part year keeps its label
    assert all(b - a >= step for a, b in itertools.pairwise(shown))
    if years == 5:
        assert (size, step) == (SMALL, 1)
