"""Loading real-world files: every problem at once, located by file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from norrort_cost import DataError, load_dataset
from norrort_cost.dataset.models import Dataset
from tests.copies import awaiting_scb


def problems_of(directory: Path) -> list[tuple[str, int | None, str | None, str]]:
    """The flattened report: (file, line, column, code) for every problem."""
    with pytest.raises(DataError) as caught:
        load_dataset(directory)
    return [
        (p.file, p.line, p.column, p.code) for p in caught.value.problems if not awaiting_scb(p)
    ]


def write(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.write_bytes(text.encode(encoding))


def test_embedded_dataset_loads(dataset: Dataset) -> None:
    """The shipped dataset is valid: 15 municipalities, 240 figures (31 December 2010-2025),
    15 budget years (2013-2027)."""
    assert len(dataset.municipalities) == 15
    assert len(dataset.population) == 240
    assert dataset.budget_years == tuple(range(2013, 2028))
    assert dataset.municipality("0114").name == "Upplands Väsby"


def test_several_mistakes_are_all_reported_in_one_pass(data_copy: Path) -> None:
    """A header typo, a bad date, a negative amount and an overlap: all four, in file order."""
    population = (data_copy / "population.csv").read_text(encoding="utf-8")
    write(data_copy / "population.csv", population.replace("inhabitants", "inhabitans", 1))
    memberships = (data_copy / "memberships.csv").read_text(encoding="utf-8")
    memberships = memberships.replace("0125,2014-04-15", "0125,2014-13-15")
    write(data_copy / "memberships.csv", memberships + "0114,2015-01-01,\n")
    budget = (data_copy / "budget.csv").read_text(encoding="utf-8")
    write(
        data_copy / "budget.csv",
        budget.replace("2014,Resor och övrigt,15000", "2014,Resor och övrigt,-15000"),
    )
    assert problems_of(data_copy) == [
        ("population.csv", 1, "inhabitans", "unknown-header"),
        ("population.csv", 1, "inhabitants", "missing-header"),
        ("memberships.csv", 6, "from", "impossible-date"),
        ("memberships.csv", 17, "from", "overlapping-membership"),
        ("budget.csv", 9, "amount", "negative-amount"),
    ]


def test_misspelled_header_gets_a_suggestion(data_copy: Path) -> None:
    """A misspelled column name is answered with the right one."""
    text = (data_copy / "population.csv").read_text(encoding="utf-8")
    write(data_copy / "population.csv", text.replace("reference_date", "referens_date", 1))
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    assert caught.value.problems[0].hint == "did you mean 'reference_date'?"


@pytest.mark.parametrize(
    ("row", "column", "code"),
    [
        ("0114,2013-12-31,41449.5,SCB", "inhabitants", "not-integer"),
        ("0114,2013-12-31,-3,SCB", "inhabitants", "negative-number"),
        ("0114,2013-12-31,#REF!,SCB", "inhabitants", "spreadsheet-error"),
        ("0114,2013-12-31,41k,SCB", "inhabitants", "invalid-number"),
        ("114,2013-12-31,41449,SCB", "kommunkod", "kommunkod-lost-zero"),
        ("01x4,2013-12-31,41449,SCB", "kommunkod", "invalid-kommunkod"),
        ("0114,31/12/2013,41449,SCB", "reference_date", "invalid-date"),
        ("0114,2013-02-30,41449,SCB", "reference_date", "impossible-date"),
        ("0114,2013-12-31,,SCB", "inhabitants", "missing-value"),
        ("0199,2013-12-31,41449,SCB", "kommunkod", "unknown-kommunkod"),
        ("0114,2013-12-31,41449,SCB", "reference_date", "duplicate-row"),
        ("0114,2013-12-31,41450,SCB", "reference_date", "conflicting-duplicate"),
        ("0114,2013-12-31,41449,SCB,extra", "#5", "extra-cell"),
        ("0114,2013-12-31", "inhabitants", "missing-cell"),
    ],
)
def test_each_kind_of_bad_population_row(data_copy: Path, row: str, column: str, code: str) -> None:
    """Each mistake in a population row is reported at its line and column with its code."""
    with (data_copy / "population.csv").open("a", encoding="utf-8") as stream:
        stream.write(row + "\n")
    assert problems_of(data_copy) == [("population.csv", 242, column, code)]


def test_missing_and_empty_files(data_copy: Path) -> None:
    """A missing file and an empty file are each named."""
    (data_copy / "budget.csv").unlink()
    write(data_copy / "memberships.csv", "")
    assert problems_of(data_copy) == [
        ("memberships.csv", None, None, "empty-file"),
        ("budget.csv", None, None, "missing-file"),
    ]


def test_member_without_population_at_the_reference_date(data_copy: Path) -> None:
    """A member billed in 2014 needs a figure at 2013-12-31; the membership line is named."""
    text = (data_copy / "population.csv").read_text(encoding="utf-8")
    write(
        data_copy / "population.csv",
        "".join(
            line
            for line in text.splitlines(keepends=True)
            if not line.startswith("0125,2013-12-31")
        ),
    )
    assert problems_of(data_copy) == [("memberships.csv", 6, "kommunkod", "missing-population")]


def test_invalid_organisationsnummer_and_duplicate_municipality(data_copy: Path) -> None:
    """A wrong check digit and a repeated kommunkod are both reported."""
    text = (data_copy / "municipalities.csv").read_text(encoding="utf-8")
    text = text.replace("212000-0019", "212000-0018") + "0115,Vallentuna,212000-0027\n"
    write(data_copy / "municipalities.csv", text)
    assert problems_of(data_copy) == [
        ("municipalities.csv", 2, "organisationsnummer", "invalid-organisationsnummer"),
        ("municipalities.csv", 17, "kommunkod", "duplicate-row"),
    ]


def test_swedish_excel_file_reads_correctly(data_copy: Path) -> None:
    """Windows-1252, semicolons, CRLF, decimal comma and no-break-space thousands are read."""
    lines = ["år;line;amount;key;illustrative"]
    lines = ["year;line;amount;key;illustrative"]
    for year, amount in [(2014, "756\u00a0000,00"), (2014, "101 000")]:
        lines.append(f"{year};Personal och övrigt;{amount};per_capita;ja")
    lines[2] = lines[2].replace("Personal och övrigt", "Lokal")
    write(data_copy / "budget.csv", "\r\n".join(lines) + "\r\n", encoding="cp1252")
    loaded = load_dataset(data_copy)
    assert [line.amount_ore for line in loaded.budget_lines] == [75600000, 10100000]
    assert loaded.budget_lines[0].line == "Personal och övrigt"
    assert loaded.budget_lines[0].illustrative


def test_utf8_bom_and_leading_zeros_are_kept(data_copy: Path) -> None:
    """A BOM is ignored and kommunkod 0114 stays text with its zero."""
    text = (data_copy / "municipalities.csv").read_text(encoding="utf-8")
    (data_copy / "municipalities.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert load_dataset(data_copy).municipalities[0].kommunkod == "0114"


def test_settings_errors_are_located(data_copy: Path) -> None:
    """A wrong value in cooperation.toml is reported with its key."""
    text = (data_copy / "cooperation.toml").read_text(encoding="utf-8")
    write(
        data_copy / "cooperation.toml",
        text.replace('rounding_unit = "ore"', 'rounding_unit = "cent"'),
    )
    assert problems_of(data_copy) == [("cooperation.toml", None, "rounding_unit", "invalid-choice")]


@pytest.mark.parametrize("amount", [-5, True, 1.555, "15.000"])
def test_records_built_in_code_refuse_negative_boolean_sub_ore_and_ambiguous_amounts(
    amount: object,
) -> None:
    """In code ``amount`` is kronor: a negative, a boolean, a fraction of an öre or an
    ambiguous thousands point is refused; ``amount_ore`` is whole öre (issue 14)."""
    from pydantic import ValidationError

    from norrort_cost.dataset.models import BudgetLine

    assert BudgetLine(year=2014, line="x", amount_ore=75600000).amount_ore == 75600000
    assert BudgetLine.model_validate({"year": 2014, "line": "x", "amount": 1.5}).amount_ore == 150
    with pytest.raises(ValidationError):
        BudgetLine.model_validate({"year": 2014, "line": "x", "amount": amount})
