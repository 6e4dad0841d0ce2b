"""Issue 15, data side: no silent misreading, a located problem instead of a traceback.

Each test pins one defect found by adversarial testing: names matched without their
diacritics, a full-year member paying the base fee minus 1 öre, digits of other scripts read
as numbers, overlapping managing periods, the dataset rewritten as spreadsheet output,
control characters, zero weights, a validate that passes what allocate refuses, CSV module
errors, unbounded numbers, shares in exponent notation, quadratic checks, and a did-you-mean
that names only one of several candidates.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from typer.testing import CliRunner

from norrort_cost import DataError, allocate, load_dataset
from norrort_cost.audit.claims import parse_claim
from norrort_cost.cli import app
from norrort_cost.dataset.lookup import find_municipality
from norrort_cost.dataset.models import (
    AllocationKey,
    BudgetLine,
    Dataset,
    ManagingPeriod,
    Membership,
    Municipality,
    PopulationFigure,
    Settings,
)
from norrort_cost.loading import check_dataset
from norrort_cost.loading.checks import LoadedRecords, cross_check
from norrort_cost.loading.scb import parse_scb
from norrort_cost.population.importing import plan_import
from norrort_cost.problems import UsageError
from norrort_cost.rendering.records import allocation_record
from tests.copies import awaiting_scb
from tests.test_keys_allocation import EXAMPLE, municipalities

runner = CliRunner()


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def located(directory: Path) -> list[tuple[str, int | None, str | None, str]]:
    """(file, line, column, code) of every problem validate finds (every budget year)."""
    with pytest.raises(DataError) as caught:
        check_dataset(directory)
    return [
        (p.file, p.line, p.column, p.code) for p in caught.value.problems if not awaiting_scb(p)
    ]


def orgnr(serial: str) -> str:
    """A valid organisationsnummer 21NNNN-NNNC for a made-up municipality."""
    digits = "21" + serial
    return f"{digits[:6]}-{digits[6:]}{luhn.calc_check_digit(digits)}"


# --- item 2: diacritics matter -------------------------------------------------------------


def with_habo(dataset):
    """The embedded dataset plus Håbo (0305), the municipality a 'Habo' row must not become."""
    habo = Municipality(kommunkod="0305", name="Håbo", organisationsnummer=orgnr("2000024"))
    return dataset.model_copy(update={"municipalities": (*dataset.municipalities, habo)})


def test_habo_is_not_habo_with_a_ring(dataset) -> None:
    """'-m Habo' does not find Håbo: it is another municipality; the hint suggests Håbo."""
    with pytest.raises(UsageError) as caught:
        find_municipality(with_habo(dataset).municipalities, "Habo")
    assert caught.value.hint == "did you mean Håbo?"
    assert find_municipality(with_habo(dataset).municipalities, "HÅBO").kommunkod == "0305"


def test_an_scb_row_habo_is_not_imported_as_habo_with_a_ring(dataset) -> None:
    """SCB's row 'Habo' (0643) is refused with a did-you-mean, never written as 0305 Håbo."""
    figures, _ = parse_scb("region;2017\nHabo;11 781\n", "scb.csv")
    with pytest.raises(DataError) as caught:
        plan_import(with_habo(dataset), figures, source="SCB")
    [problem] = caught.value.problems
    assert (problem.line, problem.code) == (2, "unknown-region")
    assert problem.hint.startswith("did you mean Håbo (0305)?")


# --- item 3: the base fee, exactly ----------------------------------------------------------


def test_full_year_members_pay_exactly_the_base_fee_when_someone_joins_on_28_december(
    tmp_path: Path,
) -> None:
    """Vaxholm joining 2018-12-28: every full-year member still pays 120 000,00 kr of base
    fee (it was 119 999,99 for one of them), Vaxholm 120 000 × 4/365 rounded down."""
    data = tmp_path / "example"
    data.mkdir()
    for source in EXAMPLE.iterdir():
        (data / source.name).write_bytes(source.read_bytes())
    edit(data / "memberships.csv", "0187,2018-07-01,", "0187,2018-12-28,")
    allocation = allocate(load_dataset(data), 2018)
    fees = {
        s.kommunkod: p.amount_ore
        for s in allocation.shares
        for p in s.parts
        if p.pool == "base_fee"
    }
    assert fees == {
        "0115": 12_000_000,
        "0117": 12_000_000,
        "0160": 12_000_000,
        "0162": 12_000_000,
        "0187": 131_506,
    }


@st.composite
def base_fee_years(draw: st.DrawFn) -> tuple[Dataset, str]:
    """2014 with some full-year members and some joining late, a base fee in whole kronor."""
    chosen = draw(st.lists(st.sampled_from(municipalities()), min_size=2, max_size=10, unique=True))
    joins = {
        m.kommunkod: date(2014, 1, 1) + timedelta(draw(st.sampled_from([0, 0, 180, 300, 361, 364])))
        for m in chosen
    }
    fee = draw(st.integers(1, 200_000)) * 100
    line = BudgetLine(
        year=2014,
        line="Nämnd",
        key=AllocationKey.BASE_FEE,
        base_fee_ore=fee,
        amount_ore=fee * len(chosen) + draw(st.integers(0, 10**6)) * 100,
    )
    data = Dataset(
        settings=Settings(name="Test"),
        municipalities=tuple(chosen),
        population=tuple(
            PopulationFigure(
                kommunkod=k,
                reference_date=date(2013, 12, 31),
                inhabitants=draw(st.integers(1, 10**6)),
            )
            for k in joins
        ),
        memberships=tuple(Membership(kommunkod=k, start=on) for k, on in joins.items()),
        budget_lines=(line,),
    )
    return data, draw(st.sampled_from(["ore", "krona"]))


@settings(max_examples=100, deadline=None, derandomize=True)
@given(base_fee_years())
def test_every_full_year_member_pays_exactly_the_base_fee(case) -> None:
    """Whoever joins when, with either rounding unit: a full-year member's base-fee part is
    the fee itself (it is whole kronor, so whole rounding units); part-year members' parts
    are within one unit of their share of the rest."""
    data, unit = case
    allocation = allocate(data, 2014, rounding_unit=unit)
    fee = data.budget_lines[0].base_fee_ore
    for share in allocation.shares:
        [part] = [p for p in share.parts if p.pool == "base_fee"]
        if share.membership_days == share.days_in_year:
            assert part.amount_ore == fee
        assert abs(part.amount_ore - part.quota_ore) < (100 if unit == "krona" else 1)


# --- item 4: only ASCII digits are digits ----------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "column", "code"),
    [
        ("0114,2013-12-31,41449", "0114,2013-12-31,٤١٤٤٩", "inhabitants", "invalid-number"),
        ("0114,2013-12-31,41449", "0114,2013-12-31,41_449", "inhabitants", "invalid-number"),
        ("0114,2013-12-31,41449", "٠١١٤,2013-12-31,41449", "kommunkod", "invalid-kommunkod"),
        ("0114,2013-12-31,41449", "0114,٢٠١٣-12-31,41449", "reference_date", "invalid-date"),
    ],
)
def test_digits_of_other_scripts_and_underscores_are_not_numbers(
    data_copy: Path, old: str, new: str, column: str, code: str
) -> None:
    """٤١٤٤٩ is not 41 449, ٠١١٤ is not kommunkod 0114, 41_449 is not a number."""
    edit(data_copy / "population.csv", old, new)
    assert ("population.csv", 47, column, code) in located(data_copy)


def test_full_width_digits_are_no_organisationsnummer(data_copy: Path) -> None:
    """２１２０００-００１９ (full-width digits) is refused like any other non-number."""
    edit(data_copy / "municipalities.csv", "212000-0019", "２１２０００-００１９")
    assert located(data_copy)[0] == (
        "municipalities.csv",
        2,
        "organisationsnummer",
        "invalid-organisationsnummer",
    )


def test_a_claim_in_other_digits_is_no_amount() -> None:
    """check --claimed '٤١٤٤٩ kr' is a usage error, not a claim of 41 449 kr."""
    with pytest.raises(UsageError, match="no amount"):
        parse_claim("٤١٤٤٩ kr")


# --- item 5: managing-municipality periods --------------------------------------------------


def managing(*periods: tuple[str, str, str | None]) -> Settings:
    return Settings(
        name="Test",
        managing_municipality=tuple(
            ManagingPeriod(
                kommunkod=k, start=date.fromisoformat(a), end=b and date.fromisoformat(b)
            )
            for k, a, b in periods
        ),
    )


def test_the_municipality_managing_on_1_january_manages_the_year() -> None:
    """A change on 1 July: the first half-year's manager invoices that year; the next year
    is the new one's; a cooperation starting in October is managed by its first manager."""
    rules = managing(("0186", "2012-10-01", "2017-06-30"), ("0163", "2017-07-01", None))
    assert [rules.managing_kommunkod(y) for y in (2012, 2017, 2018)] == ["0186", "0186", "0163"]


def test_overlapping_managing_periods_are_refused(data_copy: Path) -> None:
    """Sollentuna from 2017-06-01 while Lidingö manages until 2017-12-31: an error."""
    edit(data_copy / "cooperation.toml", "from = 2018-01-01", "from = 2017-06-01")
    assert located(data_copy) == [
        ("cooperation.toml", 19, "managing_municipality[1].from", "overlapping-managing-period")
    ]


def test_a_managing_period_ending_before_it_starts_is_refused(data_copy: Path) -> None:
    """to before from is a located problem, as for memberships."""
    edit(data_copy / "cooperation.toml", "to = 2017-12-31", "to = 2011-12-31")
    assert located(data_copy) == [
        ("cooperation.toml", 14, "managing_municipality.0", "invalid-period")
    ]


# --- item 6: the dataset's own files are not spreadsheet output ------------------------------


def test_import_scb_keeps_other_rows_exactly_as_they_are(data_copy: Path, tmp_path: Path) -> None:
    """Rows the import does not touch keep their source: '=SCB' and '-preliminär' stay."""
    edit(
        data_copy / "population.csv",
        "0114,2010-12-31,39289,SCB BE0101N1",
        "0114,2010-12-31,39289,=SCB",
    )
    edit(
        data_copy / "population.csv",
        "0115,2010-12-31,30114,SCB BE0101N1",
        "0115,2010-12-31,30114,-preliminär",
    )
    export = tmp_path / "scb.csv"
    export.write_text("region;2020\n0114 Upplands Väsby;47000\n", encoding="utf-8")
    result = runner.invoke(
        app, ["population", "import-scb", str(export), "--data-dir", str(data_copy)]
    )
    assert result.exit_code in (0, 1), result.output
    written = (data_copy / "population.csv").read_text(encoding="utf-8")
    assert "0114,2020-12-31,47000" in written
    assert "0114,2010-12-31,39289,=SCB\n" in written
    assert "0115,2010-12-31,30114,-preliminär\n" in written


# --- item 12 (and 20's loading part): control characters, NFC --------------------------------


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1b", "\ufffe", "\t"])
def test_control_characters_in_a_name_are_refused_where_they_are(
    data_copy: Path, char: str
) -> None:
    """A name with an invisible character inside is a located problem, not broken XML later."""
    edit(data_copy / "municipalities.csv", "Ekerö", f"Eke{char}rö")
    assert located(data_copy) == [("municipalities.csv", 6, "name", "control-character")]


def test_a_control_character_in_cooperation_toml_is_refused(data_copy: Path) -> None:
    """The cooperation's name (on every invoice) with \\u0001 is refused at its key."""
    edit(
        data_copy / "cooperation.toml",
        'name = "Koordination Norrort"',
        'name = "Koordination\\u0001"',
    )
    assert located(data_copy) == [("cooperation.toml", None, "name", "control-character")]


def test_names_are_normalised_to_nfc_at_loading(data_copy: Path) -> None:
    """Ekerö written decomposed (o + combining diaeresis, as macOS may) loads as 'Ekerö'."""
    edit(data_copy / "municipalities.csv", "Ekerö", "Ekero\u0308")
    assert load_dataset(data_copy).municipality("0125").name == "Ekerö"


# --- item 13: zero weight, header-only files ------------------------------------------------


def test_all_populations_zero_is_a_located_problem_not_a_traceback(data_copy: Path) -> None:
    """Every 2013-12-31 figure 0: allocate 2014 exits 1 naming population.csv (each
    member's 0 is now an impossible figure at its line, before any weighing)."""
    lines = (data_copy / "population.csv").read_text(encoding="utf-8").splitlines()
    zeroed = [
        ",".join([*row.split(",")[:2], "0", row.split(",")[3]]) if ",2013-12-31," in row else row
        for row in lines
    ]
    (data_copy / "population.csv").write_text("\n".join(zeroed) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["allocate", "-y", "2014", "--data-dir", str(data_copy)])
    assert result.exit_code == 1
    assert "population.csv" in result.stderr
    assert "impossible-population" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("name", ["memberships.csv", "budget.csv", "population.csv"])
def test_a_file_with_only_its_header_is_named(data_copy: Path, name: str) -> None:
    """memberships.csv, budget.csv or population.csv with only a header: exit 1 naming it."""
    path = data_copy / name
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = runner.invoke(app, ["allocate", "-y", "2014", "--data-dir", str(data_copy)])
    assert result.exit_code == 1, result.output
    assert name in result.stderr
    assert (name, None, None, "no-rows") in located(data_copy)


def test_whatif_without_every_member_is_an_error_not_a_traceback() -> None:
    """whatif --without each of the 2014 members: exit 1 or 2 with a message."""
    members = [s.kommunkod for s in allocate(load_dataset(), 2014).shares]
    args = ["whatif", "-y", "2014"] + [a for k in members for a in ("--without", k)]
    result = runner.invoke(app, args)
    assert result.exit_code in (1, 2)
    assert isinstance(result.exception, SystemExit)
    assert "no municipality is a member in 2014" in result.stderr


# --- item 14: validate finds what allocate refuses ------------------------------------------


def validate(data: Path) -> tuple[int, list[tuple[str, int | None, str]]]:
    result = runner.invoke(app, ["validate", "--data-dir", str(data), "--format", "json"])
    problems = json.loads(result.stdout)["problems"]
    awaiting = ("population-not-yet-available", "2027")  # the embedded 2027 budget awaits SCB
    return result.exit_code, [
        (p["file"], p["line"], p["code"]) for p in problems if (p["code"], p["value"]) != awaiting
    ]


def test_validate_refuses_a_budget_year_without_members(data_copy: Path) -> None:
    """Every membership ends 2018-12-31 but 2019-2027 have budgets: invalid, once a year."""
    text = (data_copy / "memberships.csv").read_text(encoding="utf-8")
    ended = "\n".join(row + "2018-12-31" if row.endswith(",") else row for row in text.splitlines())
    (data_copy / "memberships.csv").write_text(ended + "\n", encoding="utf-8")
    assert validate(data_copy) == (1, [("memberships.csv", None, "no-members")] * 9)


def test_validate_refuses_a_budget_year_with_no_inhabitants(data_copy: Path) -> None:
    """Every figure at 2016-12-31 is 0: 2017 cannot be split by population; each member's
    0 is refused at its line as an impossible figure."""
    text = (data_copy / "population.csv").read_text(encoding="utf-8")
    rows = [
        ",".join([*row.split(",")[:2], "0", *row.split(",")[3:]]) if ",2016-12-31," in row else row
        for row in text.splitlines()
    ]
    (data_copy / "population.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, problems = validate(data_copy)
    assert code == 1
    assert ("population.csv", 92, "impossible-population") in problems
    assert {code for *_, code in problems} == {"impossible-population"}


def test_validate_refuses_ore_when_the_cooperation_rounds_to_kronor(data_copy: Path) -> None:
    """rounding_unit = "krona" and a 2015 line of 15 000,50 kr: invalid at 2015's first line
    (allocate said only 'usage error' and named no file)."""
    edit(data_copy / "cooperation.toml", 'rounding_unit = "ore"', 'rounding_unit = "krona"')
    edit(
        data_copy / "budget.csv", "2015,Resor och övrigt,16000", '2015,Resor och övrigt,"16000,50"'
    )
    code, problems = validate(data_copy)
    first_2015 = next(
        i
        for i, row in enumerate((data_copy / "budget.csv").read_text().splitlines(), start=1)
        if row.startswith("2015,")
    )
    assert (code, problems) == (1, [("budget.csv", first_2015, "not-whole-kronor")])
    result = runner.invoke(app, ["allocate", "-y", "2015", "--data-dir", str(data_copy)])
    assert result.exit_code == 1
    assert "budget.csv" in result.stderr


# --- item 15: what the csv module cannot read -----------------------------------------------


def test_an_unclosed_quote_before_a_long_text_is_located(data_copy: Path) -> None:
    """A quote opened on line 3 and 200 KiB of text after it: a problem at line 3."""
    path = data_copy / "budget.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = '2013,"Lokal, IT och administration,40000,per_capita,yes'
    lines.append("x" * 200_000)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert located(data_copy) == [
        ("budget.csv", 3, None, "unclosed-quote"),
        ("budget.csv", len(lines), None, "unreadable-row"),
    ]


def test_a_cell_over_128_kib_is_located(data_copy: Path) -> None:
    """A quoted line name of 200 000 characters is a problem at its line, not _csv.Error."""
    edit(data_copy / "budget.csv", '"Lokal, IT och administration"', '"' + "L" * 200_000 + '"')
    assert located(data_copy) == [("budget.csv", 3, None, "unreadable-row")]


# --- item 16: huge numbers ------------------------------------------------------------------


@pytest.mark.parametrize("huge", ["1e999999", "1e5000", "100000000000000000000000000"])
def test_huge_population_numbers_are_refused_quickly(data_copy: Path, huge: str) -> None:
    """1e999999 inhabitants: a located problem within a second (it hung for 20 s)."""
    edit(data_copy / "population.csv", "0114,2013-12-31,41449", f"0114,2013-12-31,{huge}")
    start = time.perf_counter()
    assert ("population.csv", 47, "inhabitants", "number-too-large") in located(data_copy)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize(
    "claim", ["9" * 29, "100000000000000000000000000 kr", "1" + "0" * 20 + " mdkr"]
)
def test_a_huge_claim_is_a_usage_error(claim: str) -> None:
    """A 29-digit claim exits 2 with a message (it was decimal.InvalidOperation)."""
    result = runner.invoke(app, ["check", "-y", "2014", "-m", "0125", "--claimed", claim])
    assert result.exit_code == 2, result.output
    assert "too large" in result.stderr


# --- item 19: shares are fixed-point strings -------------------------------------------------


def test_tiny_and_zero_shares_are_written_with_ten_decimals(data_copy: Path) -> None:
    """A member of 1 inhabitant beside one of 900 million, and one of 0: '0.0000000011'
    and '0.0000000000', never '1.1E-9' or '0E-10', in JSON and CSV. (A member's 0 is
    refused in files, so the zero share is made in memory.)"""
    edit(data_copy / "population.csv", "0114,2013-12-31,41449", "0114,2013-12-31,1")
    edit(data_copy / "population.csv", "0163,2013-12-31,68145", "0163,2013-12-31,900000000")
    dataset = load_dataset(data_copy)
    zero = tuple(
        f.model_copy(update={"inhabitants": 0})
        if (f.kommunkod, str(f.reference_date)) == ("0115", "2013-12-31")
        else f
        for f in dataset.population
    )
    dataset = dataset.model_copy(update={"population": zero})
    record = allocation_record(allocate(dataset, 2014), by_pool=True)
    shares = {s["kommunkod"]: s["share"] for s in record["shares"]}
    assert (shares["0114"], shares["0115"]) == ("0.0000000011", "0.0000000000")
    weights = [p["weight"] for s in record["shares"] for p in s["parts"]]
    assert all("E" not in w for w in weights)
    result = runner.invoke(
        app, ["allocate", "-y", "2014", "-f", "csv", "--data-dir", str(data_copy)]
    )
    assert ",0.0000000011," in result.stdout
    assert "E-" not in result.stdout


# --- item 21: no quadratic work -------------------------------------------------------------


def fastest(action: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def one_day_memberships(count: int) -> LoadedRecords:
    """One member with ``count`` one-day memberships every other day (none overlap)."""
    days = [date(1900, 1, 1).toordinal() + 2 * i for i in range(count)]
    rows = [
        (i + 2, Membership(kommunkod="0114", start=date.fromordinal(d), end=date.fromordinal(d)))
        for i, d in enumerate(days)
    ]
    return LoadedRecords(municipalities=[], population=[], memberships=rows, budget=[])


def test_the_membership_overlap_check_is_not_quadratic() -> None:
    """6 000 memberships of one member are checked in well under a second (every pair was
    compared: 18 million comparisons, about 10 s)."""
    rules, records = Settings(name="Test"), one_day_memberships(6_000)
    assert cross_check(rules, records) == []
    assert fastest(lambda: cross_check(rules, records)) < 1.0


def test_allocation_looks_population_up_once_not_per_member() -> None:
    """290 members with 400 figures each: allocating takes well under half a second (each
    member scanned all 116 000 figures: about 2 s)."""
    codes = [f"{1000 + i:04d}" for i in range(290)]
    data = Dataset(
        settings=Settings(name="Test", population_reference="1999-12-31"),
        municipalities=tuple(
            Municipality(kommunkod=c, name=f"Kommun {c}", organisationsnummer=orgnr(f"{i:07d}"))
            for i, c in enumerate(codes)
        ),
        population=tuple(
            PopulationFigure(kommunkod=c, reference_date=date(1600 + d, 12, 31), inhabitants=9)
            for c in codes
            for d in range(400)
        ),
        memberships=tuple(Membership(kommunkod=c, start=date(2000, 1, 1)) for c in codes),
        budget_lines=(BudgetLine(year=2014, line="Drift", amount_ore=100_000_00),),
    )
    assert fastest(lambda: allocate(data, 2014)) < 0.5


# --- item 22: an ambiguous prefix lists every candidate --------------------------------------


def test_an_ambiguous_prefix_lists_every_candidate() -> None:
    """-m Upplands: Upplands Väsby and Upplands-Bro, both named; neither chosen."""
    result = runner.invoke(app, ["allocate", "-y", "2014", "-m", "Upplands"])
    assert result.exit_code == 2
    assert "did you mean Upplands Väsby or Upplands-Bro?" in result.stderr
