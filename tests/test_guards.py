"""Tests that notice: each guard of the money path, and each mutant a review saw survive.

Every test here pins one guard on its own: remove that guard (or apply the named mutant)
and exactly this test fails, because its input passes every other guard. The review named
``money.py:218`` (fractions of an öre), ``invoicing/payments.py:32`` (the bankgiro's
length), ``invoicing/schedule.py:86`` (installments of an amount not in whole units),
``allocation/engine.py:207`` (the arrays' dimensions), ``loading/scb/columns.py:104``
(which columns are ages) and ``loading/scb/table.py:271`` (the import report's note of
ignored columns).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from stdnum import luhn

from norrort_cost import DataError
from norrort_cost.allocation.engine import allocate_many
from norrort_cost.invoicing.payments import validate_bankgiro
from norrort_cost.invoicing.schedule import split_year
from norrort_cost.loading.scb import ColumnChoice, read_export
from norrort_cost.money import (
    AmountError,
    NumberFormatError,
    kronor_to_ore,
    parse_decimal,
    whole_ore,
)

ADVERSARIAL = Path(__file__).parent / "data" / "scb" / "adversarial"


def refused(value: object) -> AmountError:
    with pytest.raises(AmountError) as caught:
        kronor_to_ore(value)
    return caught.value


# --- the money path, guard by guard -----------------------------------------------------


def test_a_fraction_of_an_ore_is_refused_not_cut_off():
    """money.py:218: 24 291,039 kr is refused (without the guard: 2 429 103 öre)."""
    error = refused(Decimal("24291.039"))
    assert (error.code, error.message) == (
        "invalid-amount",
        "24291.039 kr has a fraction of an öre",
    )


def test_zeros_beyond_the_oere_are_no_fraction():
    """24 291,030 kr is 2 429 103 öre: only a non-zero digit past the öre is a fraction."""
    assert kronor_to_ore(Decimal("24291.030")) == 2_429_103
    assert kronor_to_ore(Decimal("-24291.03")) == -2_429_103


def test_a_text_with_more_than_two_decimals_is_refused_even_if_they_are_zeros():
    """ "1.5000" (a stray point among thousands?) is refused as text, though its value has
    whole öre: the text guard, not the öre guard, refuses it."""
    error = refused("1.5000")
    assert "more than two decimals" in error.message


def test_a_lone_point_before_three_digits_is_ambiguous():
    """ "15.000": thousands or kronor? ambiguous-amount, never 15,00 kr."""
    assert refused("15.000").code == "ambiguous-amount"


def test_a_text_that_is_not_a_number_is_refused():
    """ "tolv" is not an amount."""
    assert refused("tolv").code == "invalid-amount"


def test_a_float_that_cannot_hold_the_amount_says_so():
    """0.1 + 0.2 (0.30000000000000004) is refused by the float guard, with its own hint."""
    error = refused(0.1 + 0.2)
    assert "more than two decimals" in error.message
    assert "float" in error.hint


@pytest.mark.parametrize("value", [float("inf"), float("nan")])
def test_a_float_that_is_not_finite_is_refused(value):
    """inf and nan are no amounts."""
    assert refused(value).code == "invalid-amount"


def test_a_fraction_of_an_ore_as_a_fraction_is_refused():
    """Fraction(1, 3) kr is refused; Fraction(1, 4) kr is 25 öre."""
    assert "fraction of an öre" in refused(Fraction(1, 3)).message
    assert kronor_to_ore(Fraction(1, 4)) == 25


@pytest.mark.parametrize("value", [True, False])
def test_a_boolean_is_not_an_amount(value):
    """True is an int to Python (1 kr): refused as an amount."""
    assert refused(value).code == "invalid-amount"


def test_a_value_of_another_type_is_refused():
    """A list is no amount."""
    assert refused([1]).code == "invalid-amount"


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("sNaN")])
def test_a_decimal_that_is_not_finite_is_refused(value):
    """Decimal NaN and Infinity are refused by the size guard's first check."""
    assert refused(value).code == "invalid-amount"


def test_amounts_reach_but_never_pass_the_limit():
    """999 999 999 999,99 kr is read; 10^12 kr is amount-too-large (checked from the
    exponent, so 1e999999 is quick)."""
    assert kronor_to_ore(Decimal("999999999999.99")) == 99_999_999_999_999
    assert refused(Decimal("1E+12")).code == "amount-too-large"
    assert refused("1e999999").code == "amount-too-large"


@pytest.mark.parametrize("value", [True, [1], "tolv", "1.5", Decimal("1E+14")])
def test_whole_ore_refuses_what_is_not_a_whole_number_of_ore(value):
    """*_ore fields: a boolean, another type, a text that is no number, a fraction and an
    amount past the limit are each refused by their own guard."""
    with pytest.raises(AmountError):
        whole_ore(value)


def test_whole_ore_reads_whole_numbers_up_to_the_limit():
    """ "1 500" is 1 500 öre; 99 999 999 999 999 öre is the largest amount read."""
    assert whole_ore("1 500") == 1500
    assert whole_ore(Decimal("99999999999999")) == 99_999_999_999_999


def test_a_decimal_of_kronor_with_a_fraction_of_an_ore_is_refused():
    """Decimal("1.005") kronor is refused (half an öre); Decimal("1.01") is 101 öre."""
    with pytest.raises(AmountError):
        kronor_to_ore(Decimal("1.005"))
    assert kronor_to_ore(Decimal("1.01")) == 101


@pytest.mark.parametrize("text", ["٤١٤٤٩", "1_000", "0x10"])
def test_only_ascii_digits_are_digits(text):
    """Decimal would read Arabic-Indic digits and underscores: parse_decimal does not."""
    with pytest.raises(NumberFormatError):
        parse_decimal(text)


# --- the surviving mutants ----------------------------------------------------------------


def luhn_valid(prefix: str) -> str:
    return prefix + luhn.calc_check_digit(prefix)


@pytest.mark.parametrize("digits", [5, 6, 9, 10])
def test_a_bankgiro_of_the_wrong_length_is_refused_though_its_check_digit_is_right(digits):
    """invoicing/payments.py:32: 6 or 9 digits with a correct Luhn digit are no bankgiro
    (every earlier wrong-length example also failed the check digit)."""
    number = luhn_valid("1234567890"[: digits - 1])
    luhn.validate(number)
    with pytest.raises(DataError) as caught:
        validate_bankgiro(number)
    assert [p.code for p in caught.value.problems] == ["invalid-bankgiro"]


@pytest.mark.parametrize("digits", [7, 8])
def test_a_bankgiro_of_seven_or_eight_digits_with_its_check_digit_is_read(digits):
    """7 and 8 digits with a correct check digit pass."""
    number = luhn_valid("1234567"[: digits - 1])
    assert validate_bankgiro(number)


def test_installments_of_an_amount_not_in_whole_units_are_split_in_ore():
    """invoicing/schedule.py:86: 100,01 kr in four installments of whole kronor cannot be
    had: the split falls back to öre (25,01 + 25 + 25 + 25 kr), summing to the amount."""
    parts = [i.amount_ore for i in split_year(2014, 10_001, 4, unit=100)]
    assert parts == [2501, 2500, 2500, 2500]


def test_installments_of_whole_units_stay_in_whole_units():
    """1 001 kr in four installments of whole kronor: 251 + 250 + 250 + 250 kr."""
    parts = [i.amount_ore for i in split_year(2014, 100_100, 4, unit=100)]
    assert parts == [25_100, 25_000, 25_000, 25_000]


def test_totals_of_two_dimensions_are_refused_by_the_engine():
    """allocation/engine.py:207: totals given as a column ([[10], [7]]) are refused as
    not one-dimensional, never split."""
    with pytest.raises(ValueError, match="one-dimensional"):
        allocate_many([[10], [7]], [[1, 1], [2, 2]], ["0114", "0115"])


def test_weights_of_one_dimension_are_refused_by_the_engine():
    """Weights as a flat list are refused as not two-dimensional (no unpacking error)."""
    with pytest.raises(ValueError, match="two-dimensional"):
        allocate_many([10], [1, 2], ["0114", "0115"])


def test_the_import_report_names_the_columns_it_ignored():
    """loading/scb/table.py:271: an export with area and density beside the population
    says they were ignored, so a reader sees which column was taken."""
    path = ADVERSARIAL / "17-names-area-density-riket.csv"
    _, reading, problems = read_export(path.read_bytes(), path.name, ColumnChoice())
    assert problems == []
    assert reading is not None
    assert "ignored: Landareal km2, Invånare per km2" in reading.notes


def scb_codes(text: str) -> tuple[int, list[tuple[str, int | None]]]:
    found, _, problems = read_export(text.encode(), "export.csv", ColumnChoice())
    return len(found), [(p.code, p.line) for p in problems]


def test_a_column_without_a_telling_name_holding_ages_is_an_age_breakdown():
    """loading/scb/columns.py:104: a column headed "grupp" holding "0 år", "1 år" is by
    age: refused as an age breakdown without its total, never summed or taken per row."""
    text = (
        "region;grupp;2019\n0114 Upplands Väsby;0 år;100\n0114 Upplands Väsby;1 år;200\n"
        "0115 Vallentuna;0 år;300\n0115 Vallentuna;1 år;400\n"
    )
    assert scb_codes(text) == (0, [("age-breakdown", 2)])


def test_a_column_of_bare_numbers_is_a_row_number_not_an_age():
    """A column "nr" holding 1, 2 (no "år") is not an age: ignored, the figures read."""
    assert scb_codes("region;nr;2019\n0114 Upplands Väsby;1;100\n0115 Vallentuna;2;300\n") == (
        2,
        [],
    )


def test_ages_in_a_column_named_for_sex_are_not_taken_for_an_age_breakdown():
    """A column named kön is judged as sex from its name: "0 år" there is an unknown
    category, refused at its line, not read as an age."""
    text = "region;kön;2019\n0114 Upplands Väsby;0 år;100\n0115 Vallentuna;1 år;300\n"
    assert scb_codes(text)[1] == [("unknown-category", 2), ("unknown-category", 3)]
