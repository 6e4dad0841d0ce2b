"""Word lists of SCB's tables, in folded form (:func:`~norrort_cost.dataset.lookup.fold`).

Data only; :mod:`.labels` says what each word means for a column or a cell.
"""

from __future__ import annotations

# parts of a column name that make it a change or another measure, not the population
CHANGE_PARTS = (
    "okning",
    "minskning",
    "forandring",
    "fodda",
    "doda",
    "inflytt",
    "utflytt",
    "invandr",
    "utvandr",
    "flyttning",
    "netto",
    "overskott",
    "justering",
    "medel",
    "procent",
    "andel",
    "tathet",
    "per km",
    "areal",
)
# month names (Swedish, English, abbreviated) and their numbers
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augusti", "august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# categories of a breakdown that is not kön or ålder (civilstånd), and the words for its total
BREAKDOWN_VALUES = frozenset(
    {"ogifta", "gifta", "skilda", "ankor/anklingar", "ankor anklingar", "ankor", "anklingar"}
    | {"unmarried", "married", "divorced", "widowers/widows", "widows", "widowers"}
)
TOTALS = frozenset({"totalt", "total", "samtliga", "alla", "tot", "summa"})
