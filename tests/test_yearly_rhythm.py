"""The yearly rhythm: this year on published figures, next year preliminary, then settled.

The embedded dataset reaches 31 December 2025 (SCB TAB5557) and budgets up to 2027. 2027 is
weighed by 31 December 2026, which SCB publishes in February 2027: it is refused unless
allocated on the newest figures as a preliminary basis, and settled when the figures are in.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost import allocate, load_dataset
from norrort_cost.cli import app
from norrort_cost.dataset.models import Dataset
from norrort_cost.problems import DataError
from norrort_cost.storage.register import open_register
from tests.conftest import assert_golden

runner = CliRunner()
WIDE = {"COLUMNS": "132", "NO_COLOR": "1"}
PRELIMINARY = ["--population-date", "2025-12-31"]
UBL = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
# the illustrative budget of the reference file, 2021-2026, in kronor
BUDGETS = {2021: 1060000, 2022: 1090000, 2023: 1130000, 2024: 1170000, 2025: 1200000, 2026: 1235000}
# the sum of the fifteen members on 31 December of the year before, from the reference file
INHABITANTS = {2021: 756816, 2022: 768458, 2023: 781067, 2024: 787784, 2025: 795364, 2026: 801058}


def invoke(*args: object) -> object:
    return runner.invoke(app, [str(a) for a in args], env=WIDE)


@pytest.mark.parametrize("year", sorted(BUDGETS))
def test_budget_years_2021_to_2026_split_to_the_ore(dataset: Dataset, year: int) -> None:
    """Each year 2021-2026 allocates out of the box on the year before's published figures:
    fifteen members, their inhabitants as in the reference, shares summing to the budget."""
    result = allocate(dataset, year)
    assert result.basis == "final"
    assert result.population_date == date(year - 1, 12, 31)
    assert len(result.shares) == 15
    assert sum(s.inhabitants for s in result.shares) == INHABITANTS[year]
    assert result.budget_ore == BUDGETS[year] * 100
    assert sum(s.amount_ore for s in result.shares) == BUDGETS[year] * 100
    assert result.illustrative


def test_the_2025_figures_are_scbs_tab5557_totals(dataset: Dataset) -> None:
    """The figures of 31 December 2025 name TAB5557 and its publication; 2024 names TAB638."""
    share = allocate(dataset, 2026).share_of("0163")
    assert share.inhabitants == 78033
    assert "TAB5557" in share.population_source
    assert "2026-02-24" in share.population_source
    assert "TAB638" in allocate(dataset, 2025).share_of("0163").population_source


def test_allocate_2026_table_matches_golden() -> None:
    """`allocate --year 2026` for people: on 31 December 2025, illustrative, not preliminary."""
    result = invoke("allocate", "--year", 2026)
    assert result.exit_code == 0, result.output
    assert "ILLUSTRATIVE BUDGET" in result.stdout
    assert "PRELIMINARY" not in result.stdout
    assert_golden("allocate-2026.txt", result.stdout)


def test_allocate_2026_json_matches_golden() -> None:
    """The machine record of 2026 says basis final, on 31 December 2025."""
    result = invoke("allocate", "--year", 2026, "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["basis"], record["population_date"]) == ("final", "2025-12-31")
    assert record["final_population_date"] is None
    assert_golden("allocate-2026.json", result.stdout)


def test_2027_is_refused_naming_the_missing_date_and_the_ways_on(tmp_path: Path) -> None:
    """2027 needs 31 December 2026, not in the dataset: exit 1, one located problem of its own
    code naming that date, the newest figures (2025-12-31) and both ways on; no file written."""
    target = tmp_path / "andelar-2027.json"
    result = invoke("allocate", "--year", 2027, "--format", "json", "--output", target)
    assert result.exit_code == 1
    assert not target.exists()
    problem = json.loads(result.stderr)["problems"]
    assert [(p["file"], p["column"], p["code"], p["value"]) for p in problem] == [
        ("population.csv", "reference_date", "population-not-published", "2026-12-31")
    ]
    message, hint = problem[0]["message"], problem[0]["hint"]
    assert "2026-12-31" in message
    assert "2025-12-31" in message
    assert "--population-date 2025-12-31" in hint
    assert "population fetch-scb --year 2026" in hint


def test_2027_is_refused_in_swedish_too() -> None:
    """The refusal is in the catalog: Swedish readers get it in Swedish."""
    result = runner.invoke(app, ["--lang", "sv", "allocate", "--year", "2027"], env=WIDE)
    assert result.exit_code == 1
    assert "population-not-published" in result.stderr
    assert "preliminärt" in result.stderr
    assert "de senaste siffrorna gäller 2025-12-31" in result.stderr


def test_a_gap_in_published_figures_stays_missing_population(dataset: Dataset) -> None:
    """One member lacking a figure at a date the others have is a gap, not 'not published'."""
    population = tuple(
        p
        for p in dataset.population
        if not (p.kommunkod == "0187" and p.reference_date == date(2025, 12, 31))
    )
    gapped = dataset.model_copy(update={"population": population})
    with pytest.raises(DataError) as caught:
        allocate(gapped, 2026)
    assert [p.code for p in caught.value.problems] == ["missing-population"]


def test_2027_on_the_2025_figures_is_preliminary_in_table_json_and_csv() -> None:
    """With --population-date 2025-12-31 the year allocates, and every format says preliminary,
    the date used and the date it will be settled on."""
    table = invoke("allocate", "--year", 2027, *PRELIMINARY)
    assert table.exit_code == 0, table.output
    assert table.stdout.count("PRELIMINARY: weighed by the population of 2025-12-31") == 2
    assert "2026-12-31" in table.stdout
    record = json.loads(invoke("allocate", "--year", 2027, *PRELIMINARY, "-f", "json").stdout)
    assert record["basis"] == "preliminary"
    assert record["population_date"] == "2025-12-31"
    assert record["final_population_date"] == "2026-12-31"
    assert record["total"]["amount_ore"] == 127_000_000
    rows = list(
        csv.DictReader(
            io.StringIO(invoke("allocate", "--year", 2027, *PRELIMINARY, "-f", "csv").stdout)
        )
    )
    assert len(rows) == 15
    assert {(r["basis"], r["population_date"], r["final_population_date"]) for r in rows} == {
        ("preliminary", "2025-12-31", "2026-12-31")
    }


def test_2027_preliminary_workbook_has_the_notice(tmp_path: Path) -> None:
    """The XLSX workbook's notes say the 2027 figures are preliminary."""
    import openpyxl

    target = tmp_path / "andelar.xlsx"
    result = invoke("allocate", "--year", 2027, *PRELIMINARY, "-f", "xlsx", "-o", target)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    notes = [row[0] for row in book["Notes"].iter_rows(values_only=True) if row[0]]
    assert any(n.startswith("2027: PRELIMINARY") and "2026-12-31" in n for n in notes)


def test_a_population_date_that_is_the_rule_is_final(dataset: Dataset) -> None:
    """Weighing 2026 by 2025-12-31, its own rule, or 2025 by an older date, is not preliminary:
    only the unpublished rule date makes a basis preliminary."""
    assert allocate(dataset, 2026, population_date=date(2025, 12, 31)).basis == "final"
    assert allocate(dataset, 2025, population_date=date(2020, 12, 31)).basis == "final"
    early = allocate(dataset, 2027, population_date=date(2024, 12, 31))
    assert (early.basis, early.final_population_date) == ("preliminary", date(2026, 12, 31))


def add_final_figures(data: Path) -> None:
    """31 December 2026 arrives: each member 100 more than a year before (made-up figures)."""
    path = data / "population.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    new = [
        f"{code},2026-12-31,{int(count) + 100},test figures"
        for code, day, count, _ in (row.split(",", 3) for row in rows[1:])
        if day == "2025-12-31"
    ]
    path.write_text("\n".join([*rows, *new]) + "\n", encoding="utf-8")


def test_preliminary_invoicing_then_settlement_on_the_final_figures(
    data_copy: Path, tmp_path: Path
) -> None:
    """The rhythm end to end: 2027 invoiced on 2025's figures (PDF and UBL say preliminary,
    the register records it), refused settlement until 2026's figures are in, then settled:
    the differences sum to zero and every document rests on the final figures."""
    out = tmp_path / "fakturor"
    common = ["--year", 2027, "--data-dir", data_copy]
    issued = invoke(
        "invoices", *common, *PRELIMINARY, "--output", out, "--issue-date", "2027-01-15"
    )
    assert issued.exit_code == 0, issued.output
    root = ET.fromstring((out / "faktura-2027-0114-1.xml").read_bytes())  # noqa: S314 - our own output
    note = root.findtext("cbc:Note", namespaces=UBL)
    assert "Preliminär fördelning på folkmängden 2025-12-31" in note
    assert "avräknas när SCB publicerat 2026-12-31" in note
    from pypdf import PdfReader

    page = PdfReader(out / "faktura-2027-0114-1.pdf").pages[0].extract_text()
    assert "Preliminär fördelning på folkmängden 2025-12-31" in page
    with open_register(data_copy / "register.sqlite", create=False) as opened:
        first = opened.documents(2027)
    assert {(r.basis, r.population_date) for r in first} == {("preliminary", date(2025, 12, 31))}

    too_early = invoke("settle", *common, "--dry-run")
    assert too_early.exit_code == 1
    assert "population-not-published" in too_early.stderr

    add_final_figures(data_copy)
    settled = invoke("settle", *common, "--output", tmp_path / "avr", "--issue-date", "2027-03-01")
    assert settled.exit_code == 0, settled.output
    assert (
        "preliminary amounts (population of 2025-12-31) settled on the final figures of "
        "2026-12-31" in settled.stdout
    )
    assert "total change 0,00 kr" in settled.stdout
    with open_register(data_copy / "register.sqlite", create=False) as opened:
        rows = opened.documents(2027)
    later = rows[len(first) :]
    assert later
    assert {(r.basis, r.population_date) for r in later} == {("final", date(2026, 12, 31))}
    final = allocate(load_dataset(data_copy), 2027)
    held = {}
    for row in rows:
        held[row.kommunkod] = held.get(row.kommunkod, 0) + row.signed_ore
    assert held == {s.kommunkod: s.amount_ore for s in final.shares}


def rhythm_commands() -> list[list[str]]:
    """The command lines of docs/yearly-rhythm.md's shell block, without `norrort-cost`."""
    import shlex

    text = (Path(__file__).parent.parent / "docs" / "yearly-rhythm.md").read_text("utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    lines = [line.split("  #", 1)[0].strip() for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("norrort-cost ")]


def test_the_documented_rhythm_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command of docs/yearly-rhythm.md runs as documented: 2026 final, 2027 refused,
    then preliminary, invoiced, and settled once 31 December 2026 is in (added by hand
    here in place of fetch-scb, which needs SCB)."""
    monkeypatch.chdir(tmp_path)
    commands = rhythm_commands()
    assert [c[:3] for c in commands][:3] == [
        ["dataset", "init", "mydata"],
        ["allocate", "--year", "2026"],
        ["allocate", "--year", "2027"],
    ]
    codes = []
    for args in commands:
        if args[:2] == ["population", "fetch-scb"]:
            add_final_figures(tmp_path / "mydata")
            continue
        result = runner.invoke(app, args, env=WIDE)
        codes.append(result.exit_code)
        if "--dry-run" in args:
            assert "settled on the final figures of 2026-12-31" in result.stdout
    assert codes == [0, 0, 1, 0, 0, 0, 0]
    assert (tmp_path / "avrakning-2027").is_dir()


def with_preliminary_setting(data: Path) -> None:
    """cooperation.toml says: weigh years without their own figures by 2025-12-31."""
    path = data / "cooperation.toml"
    text = path.read_text(encoding="utf-8")
    setting = 'rounding_unit = "ore"\npreliminary_population_date = 2025-12-31'
    path.write_text(text.replace('rounding_unit = "ore"', setting, 1), encoding="utf-8")


def test_the_setting_makes_every_command_allocate_2027_preliminary(data_copy: Path) -> None:
    """preliminary_population_date in cooperation.toml: 2027 is preliminary in allocate and
    explain alike, 2026 (whose figures exist) stays final, and settle refuses to settle on a
    preliminary basis until the final figures are in."""
    with_preliminary_setting(data_copy)
    data = ["--data-dir", data_copy]
    record = json.loads(invoke("allocate", "-y", 2027, "-f", "json", *data).stdout)
    assert (record["basis"], record["population_date"]) == ("preliminary", "2025-12-31")
    final = json.loads(invoke("allocate", "-y", 2026, "-f", "json", *data).stdout)
    assert (final["basis"], final["population_date"]) == ("final", "2025-12-31")
    explained = invoke("explain", "-y", 2027, "-m", "0125", *data)
    assert explained.exit_code == 0, explained.output
    assert "2025-12-31" in explained.stdout
    issued = invoke(
        "invoices", "-y", 2027, *data, "--output", data_copy / "f", "--issue-date", "2027-01-15"
    )
    assert issued.exit_code == 0, issued.output
    early = invoke("settle", "-y", 2027, *data, "--dry-run")
    assert early.exit_code == 2
    assert "cannot be settled on a preliminary basis" in early.stderr
    add_final_figures(data_copy)
    settled = invoke("settle", "-y", 2027, *data, "--dry-run")
    assert settled.exit_code == 0, settled.output
    assert "settled on the final figures of 2026-12-31" in settled.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["explain", "-y", "2027", "-m", "0125"],
        ["check", "-y", "2027", "-m", "0125", "-c", "45 000 kr"],
        ["compare", "--from", "2026", "--to", "2027"],
        ["whatif", "-y", "2027", "--leave", "0125:2027-07-01"],
    ],
)
def test_explain_check_compare_whatif_say_2027_is_preliminary(
    data_copy: Path, command: list[str]
) -> None:
    """With preliminary_population_date set, explain, check, compare and whatif weigh 2027 by
    2025-12-31 and say, like allocate, that it is preliminary and settled on 2026-12-31."""
    with_preliminary_setting(data_copy)
    result = invoke(*command, "--data-dir", data_copy)
    assert result.exit_code in (0, 3), result.output
    assert "PRELIMINARY: weighed by the population of 2025-12-31" in result.stdout
    assert "SCB has not published 2026-12-31 yet" in result.stdout


def test_explain_takes_the_population_date_and_says_preliminary() -> None:
    """explain --population-date 2025-12-31 for 2027 works like allocate's: the table says
    PRELIMINARY and the JSON's population names the basis and the final date."""
    table = invoke("explain", "-y", "2027", "-m", "0114", "--population-date", "2025-12-31")
    assert table.exit_code == 0, table.output
    assert "PRELIMINARY: weighed by the population of 2025-12-31" in table.stdout
    args = ("explain", "-y", "2027", "-m", "0114", "--population-date", "2025-12-31")
    record = json.loads(invoke(*args, "-f", "json").stdout)
    assert record["population"]["reference_date"] == "2025-12-31"
    assert record["population"]["basis"] == "preliminary"
    assert record["population"]["final_population_date"] == "2026-12-31"
    assert record["amount_ore"] == 8005494


@pytest.mark.parametrize(
    "command",
    [
        ["check", "-y", "2027", "-m", "0114", "-c", "80 055 kr"],
        ["compare", "--from", "2026", "--to", "2027"],
        ["whatif", "-y", "2027", "--leave", "0125:2027-07-01"],
    ],
)
def test_check_compare_whatif_take_the_population_date_and_say_preliminary(
    command: list[str],
) -> None:
    """check, compare and whatif take --population-date 2025-12-31 for 2027, which is refused
    without it, and say, like allocate, that the figures are preliminary."""
    refused = invoke(*command)
    assert refused.exit_code == 1, refused.output
    assert "--population-date" in refused.output
    result = invoke(*command, *PRELIMINARY)
    assert result.exit_code == 0, result.output
    assert "PRELIMINARY: weighed by the population of 2025-12-31" in result.stdout
    assert "SCB has not published 2026-12-31 yet" in result.stdout


def test_check_weighs_2027_by_the_population_date() -> None:
    """check --population-date computes the same share as explain with that date: Upplands
    Väsby's 80 054,94 kr of 2027 on the figures of 31 December 2025."""
    args = ("check", "-y", "2027", "-m", "0114", "-c", "80 054,94 kr", "-t", "0", *PRELIMINARY)
    result = invoke(*args, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["computed_ore"] == 8005494


def test_report_takes_the_population_date_and_says_preliminary(tmp_path: Path) -> None:
    """report --population-date 2025-12-31 writes 2027's report, which is refused without it,
    and the report says its figures are preliminary."""
    out = tmp_path / "report-2027.html"
    refused = invoke("report", "-y", "2027", "-o", out)
    assert refused.exit_code == 1, refused.output
    result = invoke("report", "-y", "2027", "-o", out, "--lang", "en", *PRELIMINARY)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "PRELIMINARY: weighed by the population of 2025-12-31" in html
