"""``--region-column`` and ``--value-column`` for PC-Axis and JSON-stat files: honoured or refused.

A cube has no header to pick columns from: its region is the dimension with the region's
role, its figures the table's contents (``Folkmängd``), or the one chosen among several
contents (:mod:`.cube`). A name given for either is therefore checked against what was
read: the same dimension or contents is honoured, anything else is refused with the names
there are, never ignored with exit 0 as before.
"""

from __future__ import annotations

from norrort_cost.dataset.lookup import fold
from norrort_cost.loading.scb.header import ColumnChoice
from norrort_cost.population.importing import Reading
from norrort_cost.problems import Problem, problem, said


def cube_choice_problems(reading: Reading, choice: ColumnChoice) -> list[Problem]:
    """A problem for each chosen name the cube does not have in that place."""
    problems = []
    if choice.region and fold(choice.region) != fold(reading.region_column):
        message = said(
            "--region-column {name}: in this {layout} file the region is the dimension {there}",
            name=repr(choice.region),
            layout=reading.layout,
            there=repr(reading.region_column),
        )
        problems.append(_unknown(reading, "--region-column", choice.region, message))
    there = ", ".join(reading.value_columns)
    if choice.value and fold(choice.value) not in {fold(n) for n in reading.value_columns}:
        message = said(
            "--value-column {name}: in this {layout} file the figures are {there}",
            name=repr(choice.value),
            layout=reading.layout,
            there=repr(there),
        )
        problems.append(_unknown(reading, "--value-column", choice.value, message))
    return problems


def _unknown(reading: Reading, option: str, name: str, message: str) -> Problem:
    return problem(
        "unknown-column",
        message,
        file=reading.file,
        value=name,
        hint=said("leave {option} out: a table of this kind has no other choice", option=option),
    )
