"""SCB exports read at scale: the same figures and problems as a small file, in linear time.

Each label of a CSV export is judged once, whatever the number of rows it is on; a
problem deep in a large file is still reported at its line and column.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from norrort_cost.loading.scb import ColumnChoice, read_export, read_scb

SYNTHETIC = Path(__file__).parent / "data" / "scb" / "synthetic"


def test_a_pcaxis_statement_keeps_a_semicolon_inside_quotes() -> None:
    """A ``;`` inside a quoted PC-Axis string (a title, a note, a label) does not end it."""
    text = (SYNTHETIC / "be0101n1-2018-2019.px").read_text(encoding="cp1252")
    text = text.replace('UNITS="antal";', 'UNITS="antal";\nNOTE="Källa: SCB; 31 dec";')
    text = text.replace('"0115 Vallentuna"', '"0115 Vallentuna; kommun"')
    found, reading, problems = read_export(text.encode("cp1252"), "x.px", ColumnChoice())
    assert problems == []
    assert reading is not None
    assert [(f.region, f.inhabitants) for f in found[2:4]] == [
        ("0115 Vallentuna; kommun", 33432),
        ("0115 Vallentuna; kommun", 34090),
    ]


def test_a_pcaxis_file_read_whole_and_by_statement_give_the_same_figures() -> None:
    """The members' figures of the synthetic PC-Axis file, 2018 and 2019, as SCB gives them."""
    figures = read_scb(SYNTHETIC / "be0101n1-2018-2019.px").figures
    assert len(figures) == 30
    assert (figures[-1].region, figures[-1].inhabitants) == ("0191 Sigtuna", 48964)


def _long_export(rows: int) -> list[str]:
    """A long export of districts (``region;år;Folkmängd``), ``rows`` of them, then Vaxholm."""
    lines = ["region;år;Folkmängd"]
    lines += [f"{9000000 + i} Distrikt {i};2019;{1000 + i % 5000}" for i in range(rows)]
    return [*lines, "0187 Vaxholm;2019;12003"]


def test_a_bad_figure_deep_in_a_large_export_is_reported_at_its_line_and_column() -> None:
    """A figure gone wrong on line 60 002 of a long export is named there, with its column."""
    lines = _long_export(60_000)
    lines[60_001] = lines[60_001].rsplit(";", 1)[0] + ";12x45"
    _, _, problems = read_export("\n".join(lines).encode(), "big.csv", ColumnChoice())
    assert [(p.code, p.line, p.column, p.value) for p in problems] == [
        ("invalid-number", 60_002, "Folkmängd", "12x45")
    ]


def test_a_bad_period_deep_in_a_large_export_is_reported_at_its_line() -> None:
    """A year that is none (``2O19``), far down a long export, is named at its line."""
    lines = _long_export(30_000)
    lines[25_000] = lines[25_000].replace(";2019;", ";2O19;")
    _, _, problems = read_export("\n".join(lines).encode(), "big.csv", ColumnChoice())
    assert [(p.code, p.line, p.column, p.value) for p in problems] == [
        ("unknown-period", 25_001, "år", "2O19")
    ]


def test_a_quoted_cell_over_two_lines_keeps_the_lines_below_in_place() -> None:
    """A region quoted over two lines: every row below it is still named by its own line."""
    lines = _long_export(20_000)
    lines[10] = '"9000009 Distrikt\nnio";2019;1009'
    lines[15_000] = lines[15_000].rsplit(";", 1)[0] + ";7y"
    _, _, problems = read_export("\n".join(lines).encode(), "big.csv", ColumnChoice())
    assert [(p.line, p.value) for p in problems] == [(15_002, "7y")]


def test_stub_regions_continue_across_thousands_of_rows() -> None:
    """PxWeb's stub leaves the region empty on the rows below it, however many there are."""
    lines = ["region;kön;2019"]
    for number in range(3_000):
        lines += [f"{9000000 + number} Distrikt;män;10", ";kvinnor;11", ";totalt;21"]
    lines += ["0187 Vaxholm;män;6000", ";kvinnor;6003", ";totalt;12003"]
    found, _, problems = read_export("\n".join(lines).encode(), "stub.csv", ColumnChoice())
    assert problems == []
    assert len(found) == 3_001
    last = found[-1]
    assert (last.region, last.inhabitants, last.line) == ("0187 Vaxholm", 12003, 9004)
    assert (found[4_000 // 3].region, found[4_000 // 3].inhabitants) == ("9001333 Distrikt", 21)


SCB = Path(__file__).parent / "data" / "scb"
TEXTS = sorted(p for p in SCB.rglob("*") if p.suffix in (".csv", ".txt") and p.parent.name != "api")
ODD = {
    "quotes in odd places": 'region;2019\n"0187 Vaxholm";"12 003"\n0114 "Väsby";1"2"\n'
    '"0115" Vallentuna;"33 432"x\n"0117 Österåker;;x";44831\n',
    "blank and space lines, a trailing blank line": "region;2019\n0187 Vaxholm;12003\n  \n\n"
    "Källa: SCB\n\n",
    "carriage returns alone": "region;2019\r0187 Vaxholm;12003\r0114 Väsby;45543",
    "a quoted line break": 'region;2019\n"0187\nVaxholm";12003\n0114 Väsby;4554x\n',
    "ragged rows": "region;2019\n0187 Vaxholm;12003;7;8\n0114 Väsby\n;;\n",
    "a doubled quote": 'region;2019\n"0187 ""Vaxholm""";12003\n',
    "a form feed in the first line": "Folkmängd;efter\x0c;region;år\nregion;2019\n"
    "0187 Vaxholm;12003\n",
}


def _read_both(data: bytes, name: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    from norrort_cost.loading.scb import csvgrid

    by_csv = read_export(data, name, ColumnChoice())
    monkeypatch.setattr(csvgrid, "PANDAS_CHARS", 0)
    monkeypatch.setattr(csvgrid, "_PANDAS_ROWS", 7)  # many chunks: their seams are read too
    by_pandas = read_export(data, name, ColumnChoice())
    monkeypatch.undo()
    return by_csv, by_pandas


@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_a_large_text_read_by_pandas_gives_what_the_csv_module_gives(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every CSV export of the tests, read as a large one is: the same figures and problems."""
    by_csv, by_pandas = _read_both(path.read_bytes(), path.name, monkeypatch)
    assert by_pandas == by_csv


@pytest.mark.parametrize("text", ODD.values(), ids=list(ODD))
def test_odd_csv_text_read_by_pandas_gives_what_the_csv_module_gives(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quotes, blank lines, line ends and ragged rows read the same by either reader."""
    by_csv, by_pandas = _read_both(text.encode(), "odd.csv", monkeypatch)
    assert by_pandas == by_csv


def test_a_large_regular_export_is_read_by_pandas_not_the_csv_module(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pandas reads a large export whose rows are one line each; the csv module is not asked."""
    from norrort_cost.loading.scb import csvgrid

    def refused(text: str, delimiter: str) -> csvgrid.Grid:
        raise AssertionError("the csv module read a text pandas can read")

    monkeypatch.setattr(csvgrid, "PANDAS_CHARS", 0)
    monkeypatch.setattr(csvgrid, "_csv_grid", refused)
    lines = _long_export(2_000)
    found, _, problems = read_export("\n".join(lines).encode(), "big.csv", ColumnChoice())
    assert (len(found), problems) == (2_001, [])


def test_a_quote_never_closed_is_a_problem_at_the_row_it_opens_not_a_crash() -> None:
    """A quote opened and never closed swallows the file: the row where it opens is named."""
    lines = ["region;2019", '"0187 Vaxholm;12003']
    lines += [f"{9000000 + i} Distrikt;{i}" for i in range(20_000)]
    _, reading, problems = read_export("\n".join(lines).encode(), "open.csv", ColumnChoice())
    assert reading is None
    assert [(p.code, p.line) for p in problems] == [("unreadable-row", 2)]
    assert "close or remove it" in problems[0].hint
