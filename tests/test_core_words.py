"""The core's English words for people live in rendering: the core returns records.

A claim's reading says how its number was read by a :class:`Notation` (and the unit as
written), a pool carries its key and its base fees, an explanation its
:class:`PopulationRule`; rendering words them, in English for the JSON (the words the JSON
has always carried) and through the catalog for people. An amount the money policy refuses
is said with :func:`~norrort_cost.problems.said`, so a Swedish reader gets it in Swedish.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from norrort_cost import allocate, load_dataset
from norrort_cost.audit.claims import Notation, ReadingKind, parse_claim
from norrort_cost.audit.explain import PopulationRule
from norrort_cost.cli import app
from norrort_cost.money import AmountError, format_sek, kronor_to_ore
from norrort_cost.rendering.check_text import describe, kind_name
from norrort_cost.rendering.i18n import _, spoken, use
from norrort_cost.rendering.vocabulary import (
    pool_description,
    pool_title,
    population_rule_meaning,
    population_rule_record,
    tie_break_name,
)
from tests.test_invalid_corpus import build
from tests.test_invoice_text import PACKAGE, _core_files, string_constants
from tests.test_keys_cli import EXAMPLE

runner = CliRunner()
# the words rendering says for the core's records: a reading's notation, a pool's title,
# label and basis, the population rule (the method's identifiers stay in the core)
CORE_WORDS = re.compile(
    r"groups thousands|(?:spaces|apostrophes) group thousands|is the decimal mark"
    r"|a plain number|colon before öre|the number in |\(grundavgift\)|pro-rated by days"
    r"|amounts given per member|31 December of|given explicitly|a fixed date"
)
POOL_TITLES = {"Per capita", "Equal", "Base fee", "Fixed"}


def core_words(source: str) -> list[tuple[int, str]]:
    """The string constants of ``source`` (docstrings left out) that hold a word rendering
    says for the core, with their line."""
    return [
        (line, text)
        for line, text in string_constants(source)
        if CORE_WORDS.search(text) or text in POOL_TITLES
    ]


def _found_in_core(scan) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in _core_files()
        for line, text in scan(path.read_text(encoding="utf-8"))
    ]


def test_the_core_holds_none_of_the_words_rendering_says_for_it():
    """No module of the core writes a reading's description, a pool's title or
    description, or the population rule's meaning: rendering words the records."""
    found = _found_in_core(core_words)
    assert not found, "\n".join(found)


def test_the_scan_finds_words_put_back_into_the_core():
    """The check itself: the description a reading carried and a pool's title are found;
    the same words in a docstring are not (an AmountError made with an f-string is
    tests/test_house.py's to find)."""
    source = (
        'def read(mark, value):\n    """The dot groups thousands."""\n'
        '    how = f"the number in {mark}, not kr"\n'
        '    raise AmountError("invalid-amount", f"{value!r} is not an amount", "x")\n'
    )
    assert core_words(source) == [(3, "the number in ")]
    assert core_words('TITLES = {"base_fee": "Base fee"}') == [(1, "Base fee")]


@pytest.mark.parametrize(
    ("text", "literal", "described"),
    [
        ("24300", (Notation.PLAIN,), "a plain number"),
        ("24'300 kr", (Notation.APOSTROPHES_GROUP,), "apostrophes group thousands"),
        ("24.300 kr", (Notation.DOT_GROUPS,), "dot groups thousands"),
        ("24,3 tkr", (Notation.COMMA_DECIMAL,), "comma is the decimal mark"),
        (
            "24 300,50 kr",
            (Notation.SPACES_GROUP, Notation.COMMA_DECIMAL),
            "spaces group thousands, comma is the decimal mark",
        ),
        (
            "1,234.56 kr",
            (Notation.COMMA_GROUPS, Notation.DOT_DECIMAL),
            "comma groups thousands, dot is the decimal mark",
        ),
        (
            "24 291:03",
            (Notation.SPACES_GROUP, Notation.COLON_ORE),
            "spaces group thousands, colon before öre",
        ),
    ],
)
def test_a_reading_says_how_its_marks_were_read(text, literal, described):
    """The literal reading records each mark's reading; rendering says it in the words the
    JSON ``description`` has always had."""
    reading = parse_claim(text).literal
    assert reading.notation == literal
    assert describe(reading) == described


def test_a_reading_in_another_unit_names_both_units():
    """'24 300 tkr' read in kr: "the number in kr, not tkr", in Swedish through the catalog."""
    reading = next(
        r
        for r in parse_claim("24 300 tkr").readings
        if r.kind == ReadingKind.UNIT and r.unit == "kr"
    )
    assert (reading.written_unit, reading.kronor) == ("tkr", Decimal(24300))
    assert describe(reading) == "the number in kr, not tkr"
    use("sv")
    try:
        assert describe(reading, _) == "talet i kr, inte i tkr"
        assert kind_name(reading.kind, _) == "enhet"
    finally:
        use("en")


def test_a_check_in_json_describes_its_readings_in_english_in_both_languages():
    """check --format json: every reading's description is the English words, whatever the
    language (machine output does not follow the locale)."""
    args = ["check", "-y", "2014", "-m", "Ekerö", "--claimed", "ca 24.300 tkr", "-f", "json"]
    english = runner.invoke(app, [*args, "--lang", "en"]).stdout
    assert english == runner.invoke(app, [*args, "--lang", "sv"]).stdout
    for words in (
        '"dot groups thousands"',
        '"dot is the decimal mark"',
        '"the number in kr, not tkr"',
    ):
        assert f'"description": {words}' in english


def test_a_pool_is_titled_and_described_from_its_key_and_fees():
    """The base-fee pool of the example (120 000 kr per member and year): "Base fee" and
    its description with the fee, in English for the JSON and in Swedish for people."""
    dataset = load_dataset(EXAMPLE)
    pools = {pool.name: pool for pool in allocate(dataset, 2018).pools}
    base_fee = pools["base_fee"]
    assert base_fee.fees_ore == (12_000_000,)
    assert pool_title(base_fee.key) == "Base fee"
    fee = format_sek(12_000_000)
    assert pool_description(base_fee) == (
        f"Base fee (grundavgift): {fee} kr per member and year, pro-rated by days of membership"
    )
    assert pool_description(pools["fixed"]) == (
        "Fixed: amounts given per member in fixed_amounts.csv"
    )
    use("sv")
    try:
        assert pool_title(pools["per_capita"].key, _) == "Per invånare"
        assert pool_description(pools["equal"], _) == (
            "Lika delar: lika delar per medlem, i proportion till medlemsdagarna"
        )
        assert pool_description(base_fee, _) == (
            f"Grundavgift: {fee} kr per medlem och år, i proportion till medlemsdagarna"
        )
    finally:
        use("en")


def test_the_population_rule_is_a_record_worded_in_rendering():
    """The setting's value and its meaning in the JSON, the meaning alone for people; a
    date given explicitly says so; a fixed date in the settings is "a fixed date"."""
    rule = PopulationRule("previous-year-end")
    assert population_rule_record(rule) == (
        "previous-year-end: 31 December of the year before the budget year"
    )
    assert population_rule_record(PopulationRule("2013-12-31")) == "2013-12-31: a fixed date"
    given = PopulationRule("previous-year-end", given=True)
    assert population_rule_record(given) == "given explicitly"
    use("sv")
    try:
        assert population_rule_meaning(rule, _) == "31 december året före budgetåret"
        assert population_rule_meaning(given, _) == "angivet uttryckligen"
    finally:
        use("en")


def test_the_tie_break_is_an_identifier_said_in_the_readers_language():
    """The allocation keeps the tie-break as its machine identifier (the JSON's); a table
    says it in Swedish."""
    tie_break = allocate(load_dataset(), 2014).tie_break
    assert tie_break == "equal remainders: kommunkod ascending"
    use("sv")
    try:
        assert tie_break_name(tie_break) == "lika rester: kommunkod i stigande ordning"
    finally:
        use("en")


@pytest.mark.parametrize(
    ("value", "english", "swedish"),
    [
        (
            "15.000",
            "'15.000': is '.' a thousands separator (15 000 kr) or the decimal mark (15,00 kr)?",
            "'15.000': är '.' tusentalsavgränsare (15 000 kr) eller decimaltecken (15,00 kr)?",
        ),
        (
            "15 000 kr",
            "'15 000 kr' is not an amount in kronor",
            "'15 000 kr' är inte ett belopp i kronor",
        ),
        ("1,2345", "'1,2345' has more than two decimals", "'1,2345' har fler än två decimaler"),
        (True, "True is not an amount", "True är inte ett belopp"),
    ],
)
def test_a_refused_amount_is_said_in_the_readers_language(value, english, swedish):
    """The money policy's refusals keep their English text and are said in Swedish from
    the catalog, with the value in them."""
    with pytest.raises(AmountError) as caught:
        kronor_to_ore(value)
    assert caught.value.message == english
    use("sv")
    try:
        assert spoken(caught.value.message) == swedish
    finally:
        use("en")


def test_validate_in_swedish_names_the_ambiguous_amount_and_its_fix(tmp_path):
    """A budget amount '15.000' in Swedish: the message and the hint with the value, not
    only the code's title; the JSON report is the English one in both languages."""
    data, _spec = build("budget-thousands-point", tmp_path / "data")
    args = ["validate", "--data-dir", str(data)]
    swedish = runner.invoke(app, [*args, "--lang", "sv"])
    assert swedish.exit_code == 1
    assert "är '.' tusentalsavgränsare (15 000 kr) eller decimaltecken (15,00 kr)?" in (
        swedish.stdout + swedish.stderr
    ).replace("\n", "")
    assert (
        "tips: skriv 15000 eller 15 000 för tusental, 15,00 för kronor"
        in swedish.stdout + swedish.stderr
    )
    machine = [runner.invoke(app, [*args, "-f", "json", "--lang", lang]) for lang in ("en", "sv")]
    assert machine[0].stdout + machine[0].stderr == machine[1].stdout + machine[1].stderr
