"""A new user with a Swedish Excel file: the tool reads it as it comes."""

from __future__ import annotations

import csv
from pathlib import Path

from norrort_cost import allocate, load_dataset
from tests.copies import copy_default_dataset


def to_swedish_excel(path: Path, thousands: set[str], decimals: set[str]) -> None:
    """Rewrite a dataset CSV as Swedish Excel saves it: ';', CRLF, Windows-1252,
    no-break spaces between thousands and a decimal comma in the named columns."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    out = [";".join(header)]
    for cells in csv.reader(lines[1:]):
        row = []
        for column, cell in zip(header, cells, strict=True):
            value = f"{int(cell):,}".replace(",", "\u00a0") if column in thousands else cell
            row.append(value + ",00" if column in decimals else value)
        out.append(";".join(row))
    path.write_bytes(("\r\n".join(out) + "\r\n").encode("cp1252"))


def test_swedish_excel_files_give_the_same_allocation(tmp_path: Path) -> None:
    """Semicolons, decimal comma, no-break-space thousands, cp1252: Ekerö pays 24 291,03."""
    data = copy_default_dataset(tmp_path / "data")
    to_swedish_excel(data / "population.csv", {"inhabitants"}, set())
    to_swedish_excel(data / "budget.csv", {"amount"}, {"amount"})
    to_swedish_excel(data / "municipalities.csv", set(), set())
    raw = (data / "population.csv").read_bytes()
    assert b"\xa0" in raw
    assert b";" in raw
    assert "Upplands Väsby".encode("cp1252") in (data / "municipalities.csv").read_bytes()
    swedish = load_dataset(data)
    assert swedish.population == load_dataset().population
    assert swedish.municipality("0114").name == "Upplands Väsby"
    share = {s.kommunkod: s for s in allocate(swedish, 2014).shares}["0125"]
    assert share.amount_ore == 2429103
    assert share.inhabitants == 26355
