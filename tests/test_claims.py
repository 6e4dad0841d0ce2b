"""The claim parser reads amounts the way Swedes write them, and names every reading."""

from __future__ import annotations

from decimal import Decimal

import pytest

from norrort_cost.audit.claims import Notation, ReadingKind, parse_claim
from norrort_cost.problems import UsageError

# (text as written, literal kronor, separator readings in kronor, approximate?)
SPELLINGS = [
    ("24 300 kr", "24300", [], False),
    ("24\u00a0300 kr", "24300", [], False),
    ("24\u202f300 kr", "24300", [], False),
    ("24.300 kr", "24300", ["24.3"], False),
    ("24,3 tkr", "24300", [], False),
    ("ca 24.300 tkr", "24300000", ["24300"], True),
    ("0,0243 mnkr", "24300", [], False),
    ("1,2 Mkr", "1200000", [], False),
    ("1,2 mkr", "1200000", [], False),
    ("1,2 MSEK", "1200000", [], False),
    ("24300", "24300", [], False),
    ("24 300:-", "24300", [], False),
    ("24 300,-", "24300", [], False),
    ("SEK 24 300", "24300", [], False),
    ("24 291,03 kronor", "24291.03", [], False),
    ("24,300 kr", "24.3", ["24300"], False),
    ("1.234.567 kr", "1234567", [], False),
    ("1,234,567 kr", "1234567", [], False),
    ("1.234,50 kr", "1234.5", [], False),
    ("1,234.50 kr", "1234.5", [], False),
    ("cirka 24 tusen kronor", "24000", [], True),
    ("c:a 24 tkr", "24000", [], True),
    ("omkring 24,3 tkr", "24300", [], True),
    ("~24k", "24000", [], True),
    ("≈ 24 300 kr", "24300", [], True),
    ("24,3 kSEK", "24300", [], False),
    ("0,02 miljoner kronor", "20000", [], False),
    ("24.3 tkr", "24300", [], False),
    ("24'300 kr", "24300", [], False),
    ("Kostnaden för Ekerö kommun 2014 är ca 24.300 tkr", "24300000", ["24300"], True),
    ("24 291:03 kr", "24291.03", [], False),
    ("24 291:03", "24291.03", [], False),
    ("2 429 103 öre", "24291.03", [], False),
    ("0,0000243 mdkr", "24300", [], False),
    ("1,5 miljarder kronor", "1500000000", [], False),
]


@pytest.mark.parametrize(("text", "literal", "separators", "approximate"), SPELLINGS)
def test_spellings_read_as_swedes_write_them(text, literal, separators, approximate):
    """Each real-world spelling has the expected literal reading and separator alternatives."""
    claim = parse_claim(text)
    assert claim.literal.kind == ReadingKind.LITERAL
    assert claim.literal.kronor == Decimal(literal)
    found = [r.kronor for r in claim.readings if r.kind == ReadingKind.SEPARATOR]
    assert found == [Decimal(s) for s in separators]
    assert claim.approximate is approximate


def test_dot_with_three_digits_is_thousands_first_then_decimal_point():
    """'24.300' is read literally as 24 300 and alternatively as 24,3, each described."""
    claim = parse_claim("24.300 tkr")
    literal, alternative = claim.readings[0], claim.readings[1]
    assert (literal.number, literal.notation) == (Decimal(24300), (Notation.DOT_GROUPS,))
    assert alternative.kind == ReadingKind.SEPARATOR
    assert (alternative.number, alternative.notation) == (
        Decimal("24.300"),
        (Notation.DOT_DECIMAL,),
    )


def test_comma_with_three_digits_is_decimal_first_then_english_thousands():
    """'24,300' is 24,3 by Swedish convention; the English thousands comma is the alternative."""
    claim = parse_claim("24,300 kr")
    assert [r.notation for r in claim.readings[:2]] == [
        (Notation.COMMA_DECIMAL,),
        (Notation.COMMA_GROUPS,),
    ]


def test_unit_readings_offer_the_number_in_the_other_units():
    """Besides the separator readings, the literal number is offered in kr, tkr and mnkr."""
    claim = parse_claim("24 300 tkr")
    units = {r.unit: r.kronor for r in claim.readings if r.kind == ReadingKind.UNIT}
    assert units == {"kr": Decimal(24300), "mnkr": Decimal(24300 * 10**6)}


def test_amounts_in_ore_are_offered_in_kronor_too():
    """'24 291,03 öre' reads literally as 242,9103 kr; the kr reading is offered beside it."""
    claim = parse_claim("24 291,03 öre")
    assert claim.literal.kronor == Decimal("242.9103")
    units = {r.unit: r.kronor for r in claim.readings if r.kind == ReadingKind.UNIT}
    assert units["kr"] == Decimal("24291.03")


@pytest.mark.parametrize("text", ["-24300", "\u221224 300 kr", "ca -24,3 tkr"])
def test_a_negative_amount_is_refused_not_read_without_its_sign(text):
    """A share is a cost: a minus sign is never silently dropped."""
    with pytest.raises(UsageError, match="negative"):
        parse_claim(text)


def test_a_sentence_with_a_year_takes_the_amount_with_a_unit():
    """The year in the sentence is not mistaken for the amount."""
    assert parse_claim("Kostnaden 2014 är 24 300 kr").matched == "24 300 kr"


@pytest.mark.parametrize("text", ["", "ungefär hälften", "kr"])
def test_text_without_an_amount_is_a_usage_error(text):
    """No number at all: a usage error with an example of what to write."""
    with pytest.raises(UsageError, match="no amount"):
        parse_claim(text)


def test_two_amounts_with_units_are_refused():
    """Two amounts with units cannot be told apart: the error names both."""
    with pytest.raises(UsageError, match="several amounts"):
        parse_claim("24 300 kr eller 25 000 kr")


def test_badly_grouped_number_is_refused():
    """'1.23.4' groups thousands wrongly and has no decimal reading either."""
    with pytest.raises(UsageError, match="not a number"):
        parse_claim("1.23.4 kr")
