"""Loading allocation keys: parameters in budget.csv, fixed_amounts.csv, every problem located."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from norrort_cost.dataset.models import AllocationKey
from norrort_cost.loading import default_data_dir, load_dataset
from norrort_cost.problems import DataError

EXAMPLE = default_data_dir() / "examples" / "overformyndare"


def example_copy(tmp_path: Path, **files: str) -> Path:
    """The example dataset in ``tmp_path`` with some files replaced (``budget_csv=...``)."""
    target = tmp_path / "dataset"
    shutil.copytree(EXAMPLE, target)
    for name, text in files.items():
        path = target / name.replace("_csv", ".csv")
        if text == "":
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
    return target


def report(directory: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(DataError) as caught:
        load_dataset(directory)
    return [(p.file, p.line, p.column, p.code) for p in caught.value.problems]


BUDGET_HEADER = "year,line,amount,key,base_fee,fallback,illustrative\n"


def test_example_dataset_loads_with_its_keys_and_fixed_amounts():
    """The example declares base_fee, per_capita, equal and fixed lines and 5 fixed amounts."""
    dataset = load_dataset(EXAMPLE)
    keys = [line.key for line in dataset.lines_for(2018)]
    assert keys == [
        AllocationKey.BASE_FEE,
        AllocationKey.PER_CAPITA,
        AllocationKey.EQUAL,
        AllocationKey.FIXED,
    ]
    assert dataset.lines_for(2018)[0].base_fee_ore == 12_000_000
    assert dataset.lines_for(2018)[3].fallback_key == AllocationKey.EQUAL
    assert dataset.lines_for(2019)[3].fallback_key == AllocationKey.PER_CAPITA
    assert len(dataset.fixed_amounts) == 5


def test_default_dataset_needs_no_fixed_amounts_file():
    """Koordination Norrort is all per capita: no fixed_amounts.csv, no key problems."""
    dataset = load_dataset()
    assert dataset.fixed_amounts == ()
    assert {line.key for line in dataset.budget_lines} == {AllocationKey.PER_CAPITA}


def test_every_budget_key_problem_is_reported_at_its_line_and_column(tmp_path):
    """Wrong key parameters in budget.csv are all reported in one pass, line and column."""
    budget = BUDGET_HEADER + (
        "2018,Nämnd och kansli,1400000,base_fee,,,yes\n"  # 2: no fee
        "2018,Handläggning av ärenden,3200000,per_capital,,,yes\n"  # 3: unknown key
        "2018,Utbildning,180000,equal,100,,yes\n"  # 4: fee on an equal line
        "2018,Verksamhetssystem (licenser),250000,fixed,,base_fee,yes\n"  # 5: bad fallback
        "2019,Nämnd och kansli,500000,base_fee,120000,,yes\n"  # 6: 5 × 120 000 > 500 000
        "2019,Handläggning av ärenden,3300000,per_capita,,equal,yes\n"  # 7: fallback unused
        "2019,Verksamhetssystem (licenser),100000,fixed,,,yes\n"  # 8: 160 000 fixed > line
    )
    assert report(example_copy(tmp_path, budget_csv=budget)) == [
        ("budget.csv", 2, "base_fee", "missing-base-fee"),
        ("budget.csv", 3, "key", "unknown-key"),
        ("budget.csv", 4, "base_fee", "unused-base-fee"),
        ("budget.csv", 5, "fallback", "invalid-fallback"),
        ("budget.csv", 6, "base_fee", "base-fee-exceeds-line"),
        ("budget.csv", 7, "fallback", "unused-fallback"),
        ("budget.csv", 8, "amount", "fixed-exceeds-line"),
    ]


def test_every_fixed_amount_problem_is_reported_at_its_line_and_column(tmp_path):
    """fixed_amounts.csv: unknown code, duplicate, non-member, unknown or non-fixed line."""
    municipalities = (EXAMPLE / "municipalities.csv").read_text(encoding="utf-8")
    fixed = (
        "year,line,kommunkod,amount\n"
        "2018,Verksamhetssystem (licenser),0160,80000\n"
        "2018,Verksamhetssystem (licenser),0999,1000\n"  # 3: unknown kommunkod
        "2018,Verksamhetssystem (licenser),0160,80000\n"  # 4: duplicate
        "2018,Verksamhetssystem (licenser),0186,1000\n"  # 5: Lidingö is no member
        "2018,Verksamhetssystem (licences),0117,1000\n"  # 6: no such line
        "2018,Handläggning av ärenden,0117,1000\n"  # 7: a per_capita line
        "2017,Verksamhetssystem (licenser),0117,1000\n"  # 8: no budget in 2017
        "2019,Verksamhetssystem (licenser),0117,-5\n"  # 9: negative
    )
    directory = example_copy(
        tmp_path,
        municipalities_csv=municipalities + "0186,Lidingö,212000-0191\n",
        fixed_amounts_csv=fixed,
    )
    assert report(directory) == [
        ("budget.csv", 9, "key", "missing-fixed-amounts"),  # 2019's only row is invalid
        ("fixed_amounts.csv", 3, "kommunkod", "unknown-kommunkod"),
        ("fixed_amounts.csv", 4, "kommunkod", "duplicate-row"),
        ("fixed_amounts.csv", 5, "kommunkod", "fixed-for-non-member"),
        ("fixed_amounts.csv", 6, "line", "unknown-fixed-line"),
        ("fixed_amounts.csv", 7, "line", "not-a-fixed-line"),
        ("fixed_amounts.csv", 8, "year", "unknown-fixed-line"),
        ("fixed_amounts.csv", 9, "amount", "negative-amount"),
    ]


def test_a_fixed_line_without_the_fixed_amounts_file_is_one_problem(tmp_path):
    """A missing fixed_amounts.csv is reported once, naming the first fixed line."""
    problems = report(example_copy(tmp_path, fixed_amounts_csv=""))
    assert problems == [("fixed_amounts.csv", None, None, "missing-file")]


def test_fixed_amounts_file_headers_are_checked_with_a_suggestion(tmp_path):
    """A misspelled header in fixed_amounts.csv gets the loader's did-you-mean hint."""
    text = (EXAMPLE / "fixed_amounts.csv").read_text(encoding="utf-8")
    directory = example_copy(tmp_path, fixed_amounts_csv=text.replace("kommunkod", "komunkod", 1))
    with pytest.raises(DataError) as caught:
        load_dataset(directory)
    found = [(p.file, p.code, p.hint) for p in caught.value.problems]
    assert found == [
        ("fixed_amounts.csv", "unknown-header", "did you mean 'kommunkod'?"),
        (
            "fixed_amounts.csv",
            "missing-header",
            "the header must name: 'year', 'line', 'kommunkod', 'amount'",
        ),
    ]
