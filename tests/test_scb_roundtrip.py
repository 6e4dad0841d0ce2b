"""A law of the SCB reader: however an export is written, the figures read are the figures."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from norrort_cost.loading.scb import ColumnChoice, read_export

NAMES = ["Upplands Väsby", "Österåker", "Järfälla", "Ekerö", "Täby", "Lidingö", "Munkfors"]
CODES = ["0114", "0117", "0123", "0125", "0160", "0186", "1762"]

figures = st.dictionaries(
    st.sampled_from(range(len(NAMES))),
    st.dictionaries(st.integers(2010, 2024), st.integers(0, 2_000_000), min_size=1, max_size=3),
    min_size=1,
    max_size=len(NAMES),
)


def _count(n: int, thousands: str) -> str:
    return f"{n:,}".replace(",", thousands) if thousands else str(n)


def _write(
    data: dict[int, dict[int, int]], *, long: bool, delimiter: str, thousands: str, coded: bool
) -> str:
    years = sorted({y for per_year in data.values() for y in per_year})
    region = (lambda i: f"{CODES[i]} {NAMES[i]}") if coded else (lambda i: NAMES[i])
    if long:
        lines = [delimiter.join(["Kommun", "År", "Folkmängd"])]
        lines += [
            delimiter.join([region(i), str(y), _count(n, thousands)])
            for i, per_year in data.items()
            for y, n in per_year.items()
        ]
    else:
        lines = [delimiter.join(["region", *map(str, years)])]
        lines += [
            delimiter.join([region(i), *(_count(per_year.get(y, 0), thousands) for y in years)])
            for i, per_year in data.items()
        ]
    return "\r\n".join(lines) + "\r\n"


shapes = st.fixed_dictionaries(
    {
        "long": st.booleans(),
        "delimiter": st.sampled_from([";", "\t", ","]),
        "thousands": st.sampled_from(["", " ", "\u00a0"]),
        "coded": st.booleans(),
        "encoding": st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    }
)


@settings(max_examples=80, deadline=None)
@given(data=figures, shape=shapes)
def test_figures_survive_any_way_of_writing_them(
    data: dict[int, dict[int, int]], shape: dict[str, Any]
) -> None:
    """Wide or long, ';' or tab, with or without thousands spaces, any encoding: same figures."""
    long, coded = shape["long"], shape["coded"]
    text = _write(
        data, long=long, delimiter=shape["delimiter"], thousands=shape["thousands"], coded=coded
    )
    found, reading, problems = read_export(text.encode(shape["encoding"]), "x.csv", ColumnChoice())
    assert problems == []
    assert reading is not None
    years = sorted({y for per_year in data.values() for y in per_year})
    expected = {
        (i, date(y, 12, 31)): (per_year.get(y, 0) if not long else per_year[y])
        for i, per_year in data.items()
        for y in (years if not long else per_year)
    }
    names = {f"{CODES[i]} {NAMES[i]}" if coded else NAMES[i]: i for i in data}
    assert {(names[f.region], f.reference_date): f.inhabitants for f in found} == expected
