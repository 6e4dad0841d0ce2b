"""The words of an invoice: the core gives records, rendering words them in Swedish.

A line's name and description say what it charges (a pool's part, a delbetalning, an
avräkning); an invoice's notes say that it rests on preliminary figures or is an EXEMPEL.
Every such sentence lives in :mod:`norrort_cost.rendering.invoice_text`: the core (layers
1-5) holds none, and the words are those the invoices, the UBL and the register have always
carried (the golden files pin them too).
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from norrort_cost import allocate
from norrort_cost.dataset.models import AllocationKey, Dataset
from norrort_cost.invoicing.documents import ExampleReason, Invoice
from norrort_cost.invoicing.invoices import Numbering, build_invoices
from norrort_cost.invoicing.lines import Correction, PoolPart, YearPart
from norrort_cost.rendering.invoice_text import (
    basis_text,
    example_note,
    line_description,
    line_name,
    preliminary_note,
)

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "norrort_cost"
CORE = ("dataset", "allocation", "audit", "invoicing", "population", "money")
CORE_MODULES = ("problems.py", "problem_codes.py", "exit_codes.py")
# words and phrases of the invoices' Swedish sentences (names, descriptions, notes, reasons)
INVOICE_WORDS = re.compile(
    r"Delbetalning|delbetalning |Avräkning|Andel av|andel av |Kostnadsfördelning|Grundavgift"
    r"|EXEMPEL|Preliminär|Kreditering|Tillägg|exempeldata|betalningsbegäran|invånarantal"
    r"|illustrativ budget|bankgironummer|dagar som medlem|Lika delar|Fast belopp"
)
NORRORT = "Koordination Norrort"


def _core_files() -> list[Path]:
    files = [path for name in CORE for path in sorted((PACKAGE / name).rglob("*.py"))]
    return [*files, *(PACKAGE / name for name in CORE_MODULES)]


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of ``tree`` (module, classes, functions)."""
    found = set()
    for node in ast.walk(tree):
        kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        if isinstance(node, kinds) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def string_constants(source: str) -> list[tuple[int, str]]:
    """The string constants of ``source`` (parts of f-strings too, docstrings left out),
    with their line: what a scan of the core for words meant for people reads."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def invoice_sentences(source: str) -> list[tuple[int, str]]:
    """The string constants of ``source`` that hold a word of the invoices' Swedish
    sentences, with their line."""
    return [(line, text) for line, text in string_constants(source) if INVOICE_WORDS.search(text)]


def test_the_core_holds_no_swedish_invoice_sentence():
    """No module of the core (dataset, allocation, audit, invoicing, population, the ground)
    writes an invoice's words: "Delbetalning", "Avräkning", "Andel av", "EXEMPEL" and the
    like are worded in rendering from the core's records."""
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in _core_files()
        for line, text in invoice_sentences(path.read_text(encoding="utf-8"))
    ]
    assert len(_core_files()) > 50
    assert not found, "\n".join(found)


def test_the_scan_finds_an_invoice_sentence_in_the_core():
    """The check itself: a description written in the core (an f-string as the installments
    had) is found; the same words in a docstring are not."""
    source = (
        'def line(n, count):\n    """Delbetalning n av count."""\n'
        '    return f"Delbetalning {n} av {count} av årets andel"\n'
    )
    assert invoice_sentences(source) == [(3, "Delbetalning ")]


def test_a_pool_line_is_named_after_the_cooperation_and_year():
    """With one cost pool the line is "Andel av Koordination Norrort 2014"; with several,
    the name ends in the pool's key, as the member reads it on the invoice."""
    assert line_name(PoolPart(NORRORT, 2014, AllocationKey.PER_CAPITA)) == (
        "Andel av Koordination Norrort 2014"
    )
    pooled = PoolPart(NORRORT, 2018, AllocationKey.BASE_FEE, pooled=True)
    assert line_name(pooled) == "Andel av Koordination Norrort 2018: grundavgift"


@pytest.mark.parametrize(
    ("key", "label", "description"),
    [
        (
            AllocationKey.PER_CAPITA,
            "efter invånarantal",
            "Kostnadsfördelning efter invånarantal och dagar som medlem",
        ),
        (AllocationKey.EQUAL, "lika delar", "Lika delar per medlem, efter dagar som medlem"),
        (
            AllocationKey.BASE_FEE,
            "grundavgift",
            "Grundavgift per medlem och år, efter dagar som medlem",
        ),
        (AllocationKey.FIXED, "fast belopp", "Fast belopp per medlem"),
    ],
)
def test_each_allocation_key_has_its_label_and_description(key, label, description):
    """Every allocation key says how its pool is split: per inhabitant, equal parts, a base
    fee, a fixed amount."""
    subject = PoolPart(NORRORT, 2018, key, pooled=True)
    assert line_name(subject).endswith(f": {label}")
    assert line_description(subject) == description


def test_an_installment_says_which_delbetalning_of_the_year_it_is():
    """The second of four installments: "delbetalning 2 av 4" in its name, "Delbetalning 2
    av 4 av årets andel" in its description."""
    subject = YearPart(NORRORT, 2014, 2, 4)
    assert line_name(subject) == "Andel av Koordination Norrort 2014, delbetalning 2 av 4"
    assert line_description(subject) == "Delbetalning 2 av 4 av årets andel"


def test_an_installments_basis_names_the_years_lines(dataset: Dataset):
    """An installment's basis lists the year's share line by line, each by the name it has
    on a whole-year invoice, with its amount."""
    run = build_invoices(
        allocate(dataset, 2014), dataset, date(2014, 5, 2), None, Numbering(installments=4)
    )
    first = next(i for i in run.invoices if i.buyer.kommunkod == "0125")
    assert basis_text(first.lines[0].basis)[1] == "Andel av Koordination Norrort 2014: 24 291,03 kr"


def test_a_settlement_line_says_credit_or_supplement_and_what_it_settles():
    """A credit note's line is a "Kreditering", a supplementary invoice's a "Tillägg"; the
    avräkning of a preliminary basis names both population dates, a new calculation none."""
    credit = Correction(NORRORT, 2027, credit=True)
    assert line_name(credit) == "Kreditering: andel av Koordination Norrort 2027"
    assert line_description(credit) == "Avräkning efter ny beräkning av årets kostnadsfördelning"
    settles = Correction(
        NORRORT,
        2027,
        credit=False,
        final_date=date(2026, 12, 31),
        preliminary_date=date(2025, 12, 31),
    )
    assert line_name(settles) == "Tillägg: andel av Koordination Norrort 2027"
    assert line_description(settles) == (
        "Avräkning på folkmängden 2026-12-31 av den preliminära fördelningen på "
        "folkmängden 2025-12-31"
    )


@pytest.fixture(scope="module")
def ekero_2014() -> Invoice:
    from norrort_cost import load_dataset

    dataset = load_dataset()
    run = build_invoices(allocate(dataset, 2014), dataset, date(2014, 5, 2))
    return next(i for i in run.invoices if i.buyer.kommunkod == "0125")


def test_a_preliminary_invoice_says_when_it_is_settled(ekero_2014: Invoice):
    """An invoice on the population of 2025-12-31, final once SCB publishes 2026-12-31, says
    so; an invoice on the final figures says nothing."""
    preliminary = replace(
        ekero_2014,
        basis="preliminary",
        population_date=date(2025, 12, 31),
        final_population_date=date(2026, 12, 31),
    )
    assert preliminary.is_preliminary
    assert preliminary_note(preliminary) == (
        "Preliminär fördelning på folkmängden 2025-12-31; avräknas när SCB publicerat 2026-12-31."
    )
    assert not ekero_2014.is_preliminary
    assert preliminary_note(ekero_2014) == ""


def test_an_example_invoice_says_exempel_and_why(ekero_2014: Invoice):
    """An invoice from an illustrative budget with an example bankgiro says EXEMPEL with
    both reasons, in that order; a real invoice says nothing."""
    assert example_note(ekero_2014) == (
        "EXEMPEL: fakturan bygger på exempeldata (illustrativ budget, exempel på "
        "bankgironummer) och är inte en verklig betalningsbegäran."
    )
    only_bankgiro = replace(ekero_2014, example_reasons=(ExampleReason.EXAMPLE_BANKGIRO,))
    assert "(exempel på bankgironummer)" in example_note(only_bankgiro)
    assert example_note(replace(ekero_2014, example_reasons=())) == ""
