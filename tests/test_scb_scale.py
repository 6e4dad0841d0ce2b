"""SCB exports read at scale: the same figures and problems as a small file, in linear time.

Each label of a CSV export is judged once, whatever the number of rows it is on; a
problem deep in a large file is still reported at its line and column.
"""

from __future__ import annotations

from pathlib import Path

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
