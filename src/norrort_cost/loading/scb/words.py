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
# column names by the role they give a column (a role of labels.Role, by its value)
ROLE_WORDS: dict[str, frozenset[str]] = {
    "region": frozenset(
        {
            "region",
            "regioner",
            "kommun",
            "kommuner",
            "kommunnamn",
            "kommunkod",
            "kommun kod",
            "kommun namn",
            "kod",
            "namn",
            "name",
            "municipality",
            "regionkod",
            "regionnamn",
            "omrade",
            "kommunnummer",
        }
    ),
    "descriptor": frozenset(
        {"land", "lan", "lansnamn", "lanskod", "riket", "country", "county", "landsdel"}
    ),
    "period": frozenset(
        {
            "ar",
            "year",
            "tid",
            "manad",
            "kvartal",
            "period",
            "month",
            "quarter",
            "referensar",
            "datum",
            "date",
            "referensdatum",
            "tidpunkt",
        }
    ),
    "contents": frozenset({"tabellinnehall", "contents", "innehall", "matt", "variabel"}),
    "sex": frozenset({"kon", "sex", "gender"}),
    "breakdown": frozenset(
        {
            "civilstand",
            "marital status",
            "fodelseland",
            "country of birth",
            "region of birth",
            "bakgrund",
            "svensk utlandsk bakgrund",
            "medborgarskap",
            "citizenship",
        }
    ),
    "age": frozenset({"alder", "age", "aldersgrupp", "aldersklass"}),
    "population": frozenset(
        {
            "folkmangd",
            "folkmangden",
            "antal",
            "befolkning",
            "invanare",
            "antal invanare",
            "population",
            "inhabitants",
            "folkmangd 31 dec",
            "folkmangd 31 december",
            "folkmangden per manad",
            "folkmangden per region",
            "be0101n1",  # SCB's code of the contents Folkmängd (PxWeb's "codes" output)
        }
    ),
}
# kön categories by the sex they stand for (labels.Sex, by its value)
SEX_WORDS: dict[str, frozenset[str]] = {
    "total": frozenset(
        {
            "totalt",
            "total",
            "bada konen",
            "samtliga",
            "man och kvinnor",
            "totalt samtliga man och kvinnor",
            "totsa",
            "alla",
        }
    ),
    "men": frozenset({"man", "men", "male", "males"}),
    "women": frozenset({"kvinnor", "women", "female", "females"}),
}
# the age categories that are the total over all ages
AGE_TOTALS = frozenset(
    {"totalt alder", "totalt", "total", "samtliga aldrar", "alla aldrar", "tot", "totalt aldrar"}
)
