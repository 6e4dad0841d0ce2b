"""Reading a table of cells (a CSV file or a worksheet) into observations.

Above the header: title lines. Below it: the data, up to the first blank line or note
(:mod:`.body`), read column by column (:mod:`.datarows`); what the columns hold is
decided by :mod:`.columns`. The cells are a :class:`~.grid.Grid`: each distinct text
once, so a file of a million rows costs what its rows cost, not what its labels do.
"""

from __future__ import annotations

from norrort_cost.loading.scb.body import body_end, data_below
from norrort_cost.loading.scb.columns import Layout, classify, layout
from norrort_cost.loading.scb.datarows import read_rows
from norrort_cost.loading.scb.grid import Grid, Rows
from norrort_cost.loading.scb.header import ColumnChoice, find_header
from norrort_cost.loading.scb.labels import Sex, names_other_measure, sex_of
from norrort_cost.loading.scb.observations import Observation
from norrort_cost.population.importing import Reading
from norrort_cost.problems import Problem, problem


def read_table(
    grid: Grid, file: str, choice: ColumnChoice, kind: str, sheet: str = ""
) -> tuple[list[Observation], Reading | None, list[Problem]]:
    """The observations of a table, how it was read, and the problems met.

    ``sheet`` is the worksheet's name, a title like the lines above the header.
    """
    rows = Rows(grid)
    start, problems = find_header(rows, file, choice)
    if start is None:
        return [], None, problems
    wrong = _other_measure(rows[:start], sheet, file)
    if wrong is not None:
        return [], None, [wrong]
    header = rows[start]
    end = body_end(grid, start + 1)
    body = range(start + 1, end)
    distinct: dict[int, list[str]] = {}

    def cells(index: int) -> list[str]:
        if index not in distinct:
            distinct[index] = grid.distinct(grid.codes(index)[body.start : body.stop])
        return distinct[index]

    columns = classify(header, cells)
    found, problems = layout(columns, cells, file, header.line, choice)
    if found is None:
        return [], None, problems
    observations, problems = read_rows(grid, body, len(header.cells), found, file)
    last = int(grid.lines[end - 1]) if body else None
    problems.extend(data_below(rows[end:], found, file, last))
    periods = sorted({o.period for o in observations if o.period})
    return observations, _reading(file, kind, found, periods), problems


def _other_measure(above: Rows, sheet: str, file: str) -> Problem | None:
    """A problem when the table's title (or sheet) names another measure than the population."""
    titles: list[tuple[int | None, str]] = [(None, sheet)] if sheet else []
    titles += [(row.line, row.filled()[0]) for row in above if len(row.filled()) == 1]
    for line, title in titles:
        if sex_of(title) in (Sex.MEN, Sex.WOMEN):
            return problem(
                "incomplete-sex-breakdown",
                "the table is for {title} only, not the whole population",
                file=file,
                line=line,
                value=title,
                hint="export both sexes, or the total (totalt)",
                title=title,
            )
        if names_other_measure(title):
            return problem(
                "not-population",
                "the table is {title!r}, not the population (folkmängd)",
                file=file,
                line=line,
                value=title,
                hint="export the population table instead: SCB BE0101N1 "
                "(Folkmängden per region), tabellinnehåll Folkmängd",
                title=title,
            )
    return None


def _reading(file: str, kind: str, found: Layout, periods: list[str]) -> Reading:
    values = [c.label for c in found.values]
    shown = values if len(values) <= 3 else [values[0], "...", values[-1]]
    notes = []
    if found.ignored:
        notes.append("ignored: " + ", ".join(c.label for c in found.ignored))
    if found.contents:
        notes.append(f"only the rows whose {found.contents.label} is the population")
    if found.period is not None:
        shape = "one row per region and period"
    elif any(c.period for c in found.values):
        shape = "one column per period"
    else:
        shape = "one row per region"
    return Reading(
        file=file,
        layout=f"{kind}, {shape}",
        region_column=" + ".join(c.label for c in found.region),
        value_columns=tuple(shown),
        periods=tuple(periods),
        notes=tuple(notes),
    )
