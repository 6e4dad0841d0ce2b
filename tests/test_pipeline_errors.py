"""Errors as a pipeline meets them: a DataError that says what is wrong in a CI log, a
TypeError that names the parameter, our words (never pydantic's), and usage errors in JSON
with a stable code, click's own included."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from norrort_cost import DataError, allocate, compare, explain, load_dataset, whatif
from norrort_cost.cli import app, main
from norrort_cost.problem_codes import USAGE_CODES

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "library.md"
runner = CliRunner()


def _bad_budget(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"year": [2014] * rows, "line": ["drift"] * rows, "amount": ["x"] * rows})


def test_a_data_errors_text_shows_the_first_problems_and_how_many_more():
    """str(DataError): the count, five problems (code, table, row, column, message), the rest."""
    with pytest.raises(DataError) as caught:
        load_dataset(budget=_bad_budget(7))
    lines = str(caught.value).splitlines()
    assert lines[0] == "7 problem(s) in the input data"
    assert (
        lines[1]
        == "  invalid-amount at budget (DataFrame):0 [amount]: 'x' is not an amount in kronor"
    )
    assert len(lines) == 7
    assert lines[-1] == "  ... and 2 more"


def test_a_short_data_error_has_no_more_line():
    """With five problems or fewer every one is shown and nothing is said to be left out."""
    with pytest.raises(DataError) as caught:
        load_dataset(budget=_bad_budget(2))
    assert "more" not in str(caught.value)
    assert len(str(caught.value).splitlines()) == 3


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


CALLS = {
    "a path string as a table": (
        lambda ds: load_dataset(budget="budget.csv"),
        r"budget= takes a pandas DataFrame or a list of records .* not a path",
    ),
    "a Series as a table": (
        lambda ds: load_dataset(budget=pd.Series([1, 2])),
        r"budget= takes .* not a Series",
    ),
    "a dict of lists as a table": (
        lambda ds: load_dataset(budget={"year": [2014], "line": ["a"], "amount": [1]}),
        r"budget= takes .* not a dict \(a dict of columns\? wrap it: pandas.DataFrame",
    ),
    "a frame as the path": (
        lambda ds: load_dataset(pd.DataFrame()),
        r"path must be the dataset directory",
    ),
    "settings not a mapping": (
        lambda ds: load_dataset(settings="cooperation.toml"),
        r"settings= takes a mapping like cooperation.toml, not a str",
    ),
    "a year as text": (lambda ds: allocate(ds, "2014"), r"allocate\(\): year must be an int"),
    "a year as a float": (lambda ds: allocate(ds, 2014.0), r"year must be an int .* float"),
    "a path as the dataset": (
        lambda ds: allocate("data", 2014),
        r"allocate\(\): dataset must be a Dataset",
    ),
    "compare's year as text": (
        lambda ds: compare(ds, 2013, "2014"),
        r"compare\(\): to_year must be an int",
    ),
    "explain's member as a number": (
        lambda ds: explain(ds, 2014, 125),
        r"explain\(\): municipality must be a str",
    ),
    "whatif given one change": (
        lambda ds: whatif(ds, 2014, "0125"),
        r"whatif\(\): changes must be a list",
    ),
}


@pytest.mark.parametrize("case", sorted(CALLS))
def test_a_wrong_argument_type_names_the_parameter(ds, case):
    """A wrong type is a TypeError naming the parameter and what it takes, not a deep error."""
    call, expected = CALLS[case]
    with pytest.raises(TypeError, match=expected):
        call(ds)


def test_a_misspelt_table_lists_every_known_table_settings_included():
    """load_dataset(budgett=...) names the known tables, settings among them."""
    with pytest.raises(TypeError) as caught:
        load_dataset(budgett=pd.DataFrame())
    assert str(caught.value).endswith(
        "known: municipalities, population, memberships, budget, fixed_amounts, settings"
    )


def test_a_frames_header_has_no_line_and_its_rows_count_from_zero():
    """In a frame the header is no row: its problem has no line; rows are iloc positions."""
    frame = pd.DataFrame({"year": [2014, 2014], "line": ["a", "b"], "amount": [1, "x"]})
    frame["amout"] = 1
    with pytest.raises(DataError) as caught:
        load_dataset(budget=frame)
    found = {(p.code, p.line, p.column) for p in caught.value.problems}
    assert ("unknown-header", None, "amout") in found
    assert ("invalid-amount", 1, "amount") in found


def test_no_pydantic_wording_reaches_a_user():
    """A missing value and a date with a time of day are said in the project's words."""
    frame = pd.DataFrame(
        {
            "kommunkod": ["0125"],
            "reference_date": [pd.Timestamp("2013-12-31 12:00")],
            "inhabitants": [None],
        }
    )
    with pytest.raises(DataError) as caught:
        load_dataset(population=frame)
    words = " ".join(f"{p.message} {p.hint}" for p in caught.value.problems)
    assert "Field required" not in words
    assert "should have zero time" not in words
    codes = {(p.code, p.column) for p in caught.value.problems}
    assert {("missing-value", "inhabitants"), ("invalid-date", "reference_date")} <= codes


def _json_error(args: list[str]) -> tuple[int, dict[str, object]]:
    result = runner.invoke(app, args)
    return result.exit_code, json.loads(result.stderr)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["allocate", "--year", "2099", "--format", "json"], "unknown-year"),
        (["explain", "-y", "2014", "-m", "Nowhere", "--format", "json"], "unknown-municipality"),
        (["check", "-y", "2014", "-m", "0125", "-c", "many", "-f", "json"], "invalid-claim"),
        (["allocate", "--format", "json"], "missing-option"),
        (["explain", "-y", "2014", "--format", "json"], "missing-option"),
        (["allocate", "--year", "2014", "--bogus", "--format", "json"], "unknown-option"),
        (["allocate", "--year", "abc", "--format=json"], "invalid-option-value"),
        (["allocate", "--year", "2014", "extra", "-f", "json"], "extra-argument"),
        (["alocate", "--format", "json"], "unknown-command"),
    ],
)
def test_every_usage_error_in_json_has_a_stable_code(args, code):
    """With --format json a usage error, click's own too, is {error, code, hint}, exit 2."""
    exit_code, record = _json_error(args)
    assert exit_code == 2
    assert set(record) == {"error", "code", "hint"}
    assert record["code"] == code
    assert record["code"] in USAGE_CODES


def test_a_bad_option_value_in_json_is_said_in_our_words():
    """typer converts values with pydantic: its wording never reaches the JSON record."""
    _, record = _json_error(["allocate", "--year", "abc", "--format", "json"])
    assert record["error"] == "Invalid value for '--year' / '-y': not a whole number"


def test_click_errors_are_json_through_main_too(capsys):
    """The console script's own entry point says a missing option as JSON, no boxed panel."""
    assert main(["explain", "--year", "2014", "--format", "json"]) == 2
    record = json.loads(capsys.readouterr().err)
    assert record["code"] == "missing-option"
    assert "--municipality" in record["error"]


def test_without_json_click_errors_stay_for_people():
    """Without --format json click's error is the usual message for people, exit 2."""
    result = runner.invoke(app, ["allocate", "--year", "2014", "--bogus"])
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert not result.stderr.lstrip().startswith("{")


def test_the_guide_documents_every_usage_code():
    """docs/library.md's table of usage codes is USAGE_CODES, code for code."""
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+) \|$", GUIDE.read_text(encoding="utf-8"), re.M)
    documented = {code: text for code, text in rows if code in USAGE_CODES or "-" in code}
    assert {c: t for c, t in documented.items() if c in USAGE_CODES} == USAGE_CODES


def test_a_problem_is_made_from_the_code_table():
    """problem(code, template, place, values): said in the template, the table's hint when
    the call gives none, the value kept as text."""
    from norrort_cost.problems import problem

    made = problem(
        "missing-population",
        "{code} has no population figure at {on}",
        file="population.csv",
        column="reference_date",
        value=2014,
        code="0125",
        on="2013-12-31",
    )
    assert (made.file, made.line, made.column, made.value) == (
        "population.csv",
        None,
        "reference_date",
        "2014",
    )
    assert made.message == "0125 has no population figure at 2013-12-31"
    assert made.message.template == "{code} has no population figure at {on}"  # type: ignore[attr-defined]
    assert made.hint == "add the figure to population.csv"


def test_an_unknown_problem_code_fails_where_it_is_written():
    """A typo in a code is a ValueError at the call, not a code nobody can look up."""
    from norrort_cost.problems import problem

    with pytest.raises(ValueError, match="unknown problem code 'missing-valeu'"):
        problem("missing-valeu", file="budget.csv")
