"""Due dates on Swedish banking days, and installments that sum to the year exactly."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from norrort_cost.invoicing.schedule import (
    due_date,
    installment_periods,
    is_banking_day,
    next_banking_day,
    split_year,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2014, 6, 1), date(2014, 6, 2)),  # Sunday -> Monday
        (date(2014, 5, 31), date(2014, 6, 2)),  # Saturday -> Monday
        (date(2014, 6, 6), date(2014, 6, 9)),  # Nationaldagen (Friday) -> Monday
        (date(2014, 6, 20), date(2014, 6, 23)),  # midsommarafton, then the weekend
        (date(2014, 12, 24), date(2014, 12, 29)),  # julafton, juldagen, annandag, weekend
        (date(2014, 12, 31), date(2015, 1, 2)),  # nyårsafton, nyårsdagen
        (date(2014, 4, 18), date(2014, 4, 22)),  # långfredagen .. annandag påsk
        (date(2014, 6, 3), date(2014, 6, 3)),  # an ordinary Tuesday stays
    ],
)
def test_due_dates_move_to_the_next_banking_day(day, expected):
    """Weekends, public holidays and midsommar-, jul- and nyårsafton are no banking days."""
    assert next_banking_day(day) == expected
    assert is_banking_day(expected)


def test_due_date_is_issue_plus_terms_on_a_banking_day():
    """2014-05-02 + 30 days is Sunday 1 June: due Monday 2 June."""
    assert due_date(date(2014, 5, 2), 30) == date(2014, 6, 2)


@pytest.mark.parametrize("count", [1, 2, 4, 12])
def test_installment_periods_cover_the_year_without_gaps(count):
    """The parts are consecutive calendar halves, quarters or months of the year."""
    periods = installment_periods(2016, count)
    assert periods[0][0] == date(2016, 1, 1)
    assert periods[-1][1] == date(2016, 12, 31)
    for (_, end), (start, _) in itertools.pairwise(periods):
        assert (start - end).days == 1


@given(
    amount=st.integers(min_value=0, max_value=10**12),
    count=st.sampled_from([1, 2, 4, 12]),
)
def test_installments_sum_to_the_amount_and_differ_by_at_most_one_ore(amount, count):
    """Largest remainder on equal parts: exact sum, earlier parts take the extra öre."""
    parts = [p.amount_ore for p in split_year(2014, amount, count)]
    assert sum(parts) == amount
    assert max(parts) - min(parts) <= 1
    assert parts == sorted(parts, reverse=True)


def test_installments_in_whole_kronor_under_krona_rounding():
    """With rounding to kronor every installment is whole kronor (100 öre units)."""
    parts = [p.amount_ore for p in split_year(2014, 1_000_100, 4, unit=100)]
    assert parts == [250_100, 250_000, 250_000, 250_000]


def test_an_unknown_installment_count_is_refused():
    """3 installments is not a schedule."""
    with pytest.raises(ValueError, match="installments"):
        installment_periods(2014, 3)
