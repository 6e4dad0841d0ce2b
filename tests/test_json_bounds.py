"""Every JSON reader is bounded: nesting depth and number size give a located error, exit 1.

Deeply nested JSON once crashed import-scb with a RecursionError and a 5 000-digit number
in a JSON-stat file with a ValueError (Python's limit on integer digits); fetch-scb read
SCB's answers with the same parser. Each is now a problem with the file and the line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.loading import workbooks
from norrort_cost.loading.jsontext import JsonLimitError, parse_json
from norrort_cost.loading.scb.api import _detail
from tests.test_fetch_scb import TAB638_2020, fetch, scb, url  # noqa: F401 (fixture)

runner = CliRunner()


def import_scb(path: Path, data: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["population", "import-scb", str(path), "--data-dir", str(data)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_deeply_nested_json_is_refused_without_a_traceback(data_copy, tmp_path):
    """100 000 nested arrays: exit 1, too-deeply-nested at line 1, no RecursionError."""
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, out = import_scb(path, data_copy)
    assert code == 1
    assert "deep.json:1" in out
    assert "too-deeply-nested" in out


def jsonstat(value: str) -> str:
    """A one-cell JSON-stat 2.0 dataset whose value is written as ``value``."""
    document = {
        "version": "2.0",
        "class": "dataset",
        "id": ["Region", "Tid"],
        "size": [1, 1],
        "role": {"time": ["Tid"]},
        "dimension": {
            "Region": {"category": {"index": {"0114": 0}, "label": {"0114": "Upplands Väsby"}}},
            "Tid": {"category": {"index": {"2019": 0}}},
        },
        "value": ["VALUE"],
    }
    return json.dumps(document, indent=1).replace('"VALUE"', value)


@pytest.mark.parametrize("digits", [5_000, 41])
def test_a_number_of_thousands_of_digits_is_refused_at_its_line(data_copy, tmp_path, digits):
    """A value of 5 000 digits (past Python's integer limit) or 41 (past the limit of 40):
    number-too-large at the value's line, exit 1."""
    text = jsonstat("9" * digits)
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    code, out = import_scb(path, data_copy)
    assert code == 1
    assert "number-too-large" in out
    line = text[: text.index("9" * 10)].count("\n") + 1
    assert f"big.json:{line}" in out


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_figures(literal):
    """JSON has no NaN or Infinity: Python's parser accepts them, the reader refuses them."""
    with pytest.raises(JsonLimitError) as caught:
        parse_json(jsonstat(literal))
    assert caught.value.code == "invalid-number"


def test_nesting_up_to_the_limit_is_read(monkeypatch):
    """The depth limit is a setting: 32 levels are read, 33 are not."""
    assert workbooks.LIMITS.json_depth == 32
    parse_json("[" * 32 + "]" * 32)
    with pytest.raises(JsonLimitError):
        parse_json("[" * 33 + "]" * 33)
    monkeypatch.setattr(workbooks, "LIMITS", workbooks.InputLimits(json_depth=40))
    parse_json("[" * 33 + "]" * 33)


def test_brackets_inside_strings_do_not_count_as_nesting():
    """A label full of brackets (``"[[[["``) is text, not nesting."""
    assert parse_json('{"label": "' + "[{" * 100 + '\\" ]"}') == {"label": "[{" * 100 + '" ]'}


def test_fetch_scb_refuses_a_deeply_nested_answer(scb, data_copy):  # noqa: F811 (fixture)
    """An answer from the API nested 100 000 deep: exit 1 with the problem, no traceback."""
    scb.body = b"[" * 100_000 + b"]" * 100_000
    code, out = fetch("--data-dir", data_copy, "--api-url", url(scb))
    assert code == 1
    assert "too-deeply-nested" in out


def test_a_deeply_nested_api_error_answer_is_shown_as_its_first_words():
    """An error answer nested past the limit is quoted, not parsed into a crash."""
    assert _detail(b"[" * 100_000).startswith("[[[")


def test_a_real_jsonstat_answer_is_within_the_limits():
    """SCB's answer shape is well within the limits (nesting 6, numbers of 5 digits)."""
    parse_json(TAB638_2020.read_text(encoding="utf-8"))
