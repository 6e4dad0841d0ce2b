"""The table layout: essential columns whole, the least important dropped first, stacked
when even the essentials do not fit, free text wrapped only at ordinary spaces."""

from __future__ import annotations

import io

import pytest

from norrort_cost.rendering.console import console
from norrort_cost.rendering.layout import NO_BREAK_SPACE, Column, fit, print_fitted, unbroken, wrap

COLUMNS = [
    Column("Kommunkod", ["0114", "0125"], "Total", short="Kod"),
    Column("Municipality", ["Upplands Väsby", "Ekerö"], squeeze=True),
    Column("Inhabitants", ["41 449", "26 355"], "67 804", right=True, rank=2),
    Column("Reference date", ["2013-12-31", "2013-12-31"], rank=3),
    Column("Amount (kr)", ["53 425,58", "24 291,03"], "77 716,61", right=True),
]


def _render(width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    buffer = io.StringIO()
    out = console(buffer)
    print_fitted(
        out, fit(COLUMNS, out.width, title="Title", caption="Budget 857 000,00 kr"), "{columns}"
    )
    return buffer.getvalue()


def test_numbers_get_no_break_spaces_and_other_spaces_stay():
    """Only a space between a digit and three more digits, or between an amount and its
    unit (kr, tkr, %), becomes U+00A0; the space before "members" stays."""
    nbsp = NO_BREAK_SPACE
    assert unbroken("at 24 291,03 kr, 15 members") == f"at 24{nbsp}291,03{nbsp}kr, 15 members"
    assert unbroken("-1,20 % of 24 tkr") == f"-1,20{nbsp}% of 24{nbsp}tkr"


def test_a_verdict_never_breaks_an_amount_from_its_unit():
    """Wrapped so that "kr" would fall on the next line, the amount keeps its unit."""
    lines = wrap("computed for Ekerö 2014: 24 291,03 kr", 34).splitlines()
    assert lines[-1] == f"24{NO_BREAK_SPACE}291,03{NO_BREAK_SPACE}kr"


def test_wrap_never_breaks_inside_a_number():
    """Wrapped narrower than a sentence, 1 234 567,89 stays on one line."""
    lines = wrap("the total is 1 234 567,89 kr in all", 16).splitlines()
    assert f"1{NO_BREAK_SPACE}234{NO_BREAK_SPACE}567,89" in "".join(lines)
    assert all(len(line) <= 16 or NO_BREAK_SPACE in line for line in lines)


def test_wide_enough_shows_every_column_with_full_headers(monkeypatch):
    """At 100 columns nothing is dropped or shortened."""
    text = _render(100, monkeypatch)
    assert "Reference date" in text
    assert "Upplands Väsby" in text


def test_narrower_drops_the_least_important_first(monkeypatch):
    """At 50 columns the reference date goes first (rank 3), and is named under the table."""
    text = _render(50, monkeypatch)
    assert "2013-12-31" not in text.split("Budget")[0]
    assert text.rstrip().endswith("Reference date")
    assert unbroken("24 291,03") in text


def test_too_narrow_for_the_essentials_stacks(monkeypatch):
    """At 30 columns: one block per row, 'header: value', every amount whole."""
    text = _render(30, monkeypatch)
    assert f"Amount (kr): {unbroken('24 291,03')}" in text
    assert f"Amount (kr): {unbroken('77 716,61')}" in text
    assert "Kommunkod: 0125" in text
    assert "┃" not in text
