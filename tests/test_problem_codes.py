"""One vocabulary of problems: every code the source can report is declared and documented.

The source is read with ``ast``: every kebab-case text literal in ``src`` is either a code of
``norrort_cost.problem_codes.CODES`` or one of the few other kebab-case words the project
uses (settings values, the program's name). The documentation's table of codes is generated
from the table when the site is built (``docs/scripts/reference_pages.py``), so the two cannot
drift apart.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from norrort_cost import DataError, load_dataset
from norrort_cost.problem_codes import CODES, USAGE_CODES

ROOT = Path(__file__).resolve().parents[1]
KEBAB = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)+")
# kebab-case words in the source that are not problem codes
NOT_CODES = {
    "previous-year-end",  # population_reference settings
    "budget-year-end",
    "norrort-cost",  # the program's name
    "import-scb",  # a command's name
    "fetch-scb",  # a command's name
    "json-stat2",  # SCB's API's name for JSON-stat 2.0 output
    "utf-16",  # an encoding
    "utf-8",  # an encoding
    "latin-1",  # an encoding
    "likely-slip",  # a verdict of check
    "left-out",  # a whatif member's status
    "excel-sv",  # a CSV dialect
    "yyyy-mm-dd",  # a spreadsheet date format
    "credit-note",  # a kind of document in the invoice register
    "largest-remainder",  # explain: the rule of a pool step
    "full-year-fee",  # explain: a full-year member's base fee
    "part-year-rest",  # explain: the part-year members' split of a base-fee pool
    "partly-paid",  # an invoice's status (payments)
    "unknown-ocr",  # why a payment matches no invoice
    "credited-invoice",  # same
    "credit-note-ocr",  # same
    "several-invoices",  # same
    "other-bankgiro",  # same
    "no-reference",  # same
    "already-imported",  # a payment recorded from an earlier file
    "payments-import",  # a JSON schema's name
}


def _kebab_literals() -> dict[str, str]:
    """Every kebab-case text literal in src, with one place it is written."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "src").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and KEBAB.fullmatch(text):
                found.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_code_written_in_the_source_is_in_the_table() -> None:
    """A new code in src fails here until it gets its line in problem_codes.CODES."""
    undeclared = {
        word: where
        for word, where in _kebab_literals().items()
        if word not in CODES and word not in USAGE_CODES and word not in NOT_CODES
    }
    assert undeclared == {}, (
        "add these to CODES in src/norrort_cost/problem_codes.py "
        "(or to NOT_CODES here if they are not problem codes)"
    )


def test_every_code_in_the_table_is_used() -> None:
    """The table lists no code that nothing reports any more."""
    assert set(CODES) - set(_kebab_literals()) == set()


def test_every_usage_code_is_used_and_apart_from_the_problem_codes() -> None:
    """A usage error's code is reported somewhere and never means a problem in the data."""
    used = set(_kebab_literals())
    assert set(USAGE_CODES) - used == set()
    assert set(USAGE_CODES) & set(CODES) == set()


def test_codes_are_kebab_case_with_a_title_and_a_hint() -> None:
    """Each code is kebab-case and says what it means and what fixes it."""
    for code, meaning in CODES.items():
        assert KEBAB.fullmatch(code), code
        assert meaning.title, code
        assert meaning.hint, code


@pytest.mark.parametrize(
    ("setting", "code"),
    [
        ('payment_terms_days = "trettio"', "invalid-number"),
        ("payment_terms_days = 30.5", "not-integer"),
        ('bankgiro_is_example = "kanske"', "invalid-flag"),
        ("vat_exemption_reason = 3", "invalid-value"),
    ],
)
def test_pydantic_error_types_never_leak_as_codes(data_copy: Path, setting: str, code: str) -> None:
    """A wrong setting gets a project code and a hint, never pydantic's name (int_parsing)."""
    toml = data_copy / "cooperation.toml"
    key = setting.split(" = ", maxsplit=1)[0]
    lines = toml.read_text(encoding="utf-8").splitlines()
    lines = [setting if line.startswith(f"{key} =") else line for line in lines]
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    [problem] = caught.value.problems
    assert (problem.file, problem.column, problem.code) == (
        "cooperation.toml",
        f"invoicing.{key}",
        code,
    )
    assert problem.hint


@pytest.mark.parametrize("category", ["S", "Q", "E", ""])
def test_only_the_implemented_vat_category_is_accepted(data_copy: Path, category: str) -> None:
    """VAT is never charged, so only category O loads; S or Q is refused where it is written."""
    toml = data_copy / "cooperation.toml"
    text = toml.read_text(encoding="utf-8").replace(
        'vat_category = "O"', f'vat_category = "{category}"'
    )
    toml.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    [problem] = caught.value.problems
    assert (problem.file, problem.column, problem.value, problem.code) == (
        "cooperation.toml",
        "invoicing.vat_category",
        category,
        "invalid-choice",
    )
    assert "'O'" in problem.message
