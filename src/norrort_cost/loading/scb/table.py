"""Reading a table of cells (a CSV file or a worksheet) into observations.

Above the header: title lines. Below it: the data, up to the first blank line or note;
a row whose region cell is empty continues the region above (PxWeb's stub, one row per
kön). Figures below the end of the data (a gap that would hide them) are an error, and so
is a second table below the first (tables stacked in one file: none is guessed).
"""

from __future__ import annotations

import re

from norrort_cost.loading.scb.columns import Column, Layout, cell, classify, layout
from norrort_cost.loading.scb.header import (
    ColumnChoice,
    GridRow,
    find_header,
    is_header,
    is_number,
    looks_like_data,
)
from norrort_cost.loading.scb.labels import (
    Role,
    Sex,
    is_age_total,
    is_missing,
    is_plain_year,
    names_other_measure,
    on_day,
    period_of,
    role_of,
    sex_of,
)
from norrort_cost.loading.scb.observations import Observation
from norrort_cost.population.importing import Reading
from norrort_cost.problems import Problem, problem, said

_CODED = re.compile(r"\d{3,4}(\s+\S.*)?")  # 0187, 187, 0187 Vaxholm


def read_table(
    rows: list[GridRow], file: str, choice: ColumnChoice, kind: str, sheet: str = ""
) -> tuple[list[Observation], Reading | None, list[Problem]]:
    """The observations of a table, how it was read, and the problems met.

    ``sheet`` is the worksheet's name, a title like the lines above the header.
    """
    start, problems = find_header(rows, file, choice)
    if start is None:
        return [], None, problems
    wrong = _other_measure(rows[:start], sheet, file)
    if wrong is not None:
        return [], None, [wrong]
    header = rows[start]
    body, after = _body(rows[start + 1 :])
    columns = classify(header, body)
    found, problems = layout(columns, body, file, header.line, choice)
    if found is None:
        return [], None, problems
    eligible: list[tuple[GridRow, str]] = []
    region = ""
    for row in body:
        region = _region(row, found) or region
        if len(row.cells) > len(header.cells):
            problems.append(_extra_cells(row, len(header.cells), file))
        elif region:
            eligible.append((row, region))
    totals = _age_totals(eligible, found)
    observations: list[Observation] = []
    age = found.age.index if found.age is not None and totals is not None else None
    for row, region in eligible:
        if age is not None and totals is not None and cell(row, age) not in totals:
            _check_row(row, found, file, problems)  # a single age: checked, not kept
        else:
            observations.extend(_observations(row, found, region, file, problems))
    problems.extend(_data_below(after, found, file, body))
    periods = sorted({o.period for o in observations if o.period})
    return observations, _reading(file, kind, found, periods), problems


def _other_measure(above: list[GridRow], sheet: str, file: str) -> Problem | None:
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


def _body(rows: list[GridRow]) -> tuple[list[GridRow], list[GridRow]]:
    """The data rows (up to a blank line or a lone note) and the rows after them.

    A region whose figures are blank (``"0187 Vaxholm",``) is a data row, not the end: it
    has a kommunkod, or data follows it at once. Its figure is missing, never 0.
    """
    for index, row in enumerate(rows):
        filled = row.filled()
        if not filled:
            return rows[:index], rows[index:]
        lone_note = len(filled) == 1 and not any(is_number(c) for c in filled)
        if (lone_note or not any(_figure_like(c) for c in row.cells[1:])) and not _blank_figures(
            row, rows[index + 1 : index + 2]
        ):
            return rows[:index], rows[index:]
    return rows, []


def _blank_figures(row: GridRow, following: list[GridRow]) -> bool:
    """Whether a row without figures is a region of the table whose figures are blank or text."""
    label = row.cells[0] if row.cells else ""
    if not label:
        return False
    data_follows = any(any(_figure_like(c) for c in r.cells[1:]) for r in following)
    return bool(_CODED.fullmatch(label)) or data_follows


def _figure_like(text: str) -> bool:
    """A number, SCB's mark for none, or a short text with digits (a figure gone wrong)."""
    short_with_digits = len(text) <= 15 and any(c.isdigit() for c in text)
    return bool(text) and (is_number(text) or is_missing(text) or short_with_digits)


def _data_below(
    after: list[GridRow], found: Layout, file: str, body: list[GridRow]
) -> list[Problem]:
    end = body[-1].line if body else None
    for index, row in enumerate(after):
        if is_header(row, ColumnChoice()) and any(looks_like_data(r) for r in after[index:]):
            return [_second_table(file, row, end)]
        values = [cell(row, c.index) for c in found.values]
        numbers = [v for v in values if is_number(v)]
        if _region(row, found) and numbers and all(not v or _figure_like(v) for v in values):
            return [
                problem(
                    "data-after-end",
                    "the data ends at line {end} but more figures follow",
                    file=file,
                    line=row.line,
                    value=";".join(row.cells),
                    hint="remove the blank line or note in the middle of the data",
                    end=end,
                )
            ]
    return []


def _second_table(file: str, header: GridRow, end: int | None) -> Problem:
    return problem(
        "several-tables",
        said(
            "a second table starts at line {line} (the first ends at line {end}); which one "
            "holds the population is not guessed",
            line=header.line,
            end=end,
        ),
        file=file,
        line=header.line,
        value=";".join(header.cells),
        hint="save the population table alone (one table per file) and import that",
    )


def _extra_cells(row: GridRow, width: int, file: str) -> Problem:
    return problem(
        "extra-cell",
        "{count} cells where the header has {width}",
        file=file,
        line=row.line,
        column=f"#{width + 1}",
        value=";".join(row.cells[width:]),
        hint="a figure with a thousands separator such as 94,606 splits into two cells: "
        "write 94606 or quote it",
        count=len(row.cells),
        width=width,
    )


def _region(row: GridRow, found: Layout) -> str:
    parts = [cell(row, c.index) for c in found.region]
    if len(parts) == 2 and parts[0] and parts[1]:
        code = parts[0].zfill(2 if len(parts[0]) <= 2 else 4)  # 1 -> 01 (län), 114 -> 0114
        return f"{code} {parts[1]}"
    return " ".join(p for p in parts if p)


def _age_totals(eligible: list[tuple[GridRow, str]], found: Layout) -> set[str] | None:
    """The age cells that are the total over all ages; None to keep every row's figures.

    Of an age breakdown only its total is the population (what :func:`.observations.resolve`
    keeps), so the rows of single ages are checked but make no observations: a table by
    age costs what its total rows cost, not a hundred times more.
    """
    if found.age is None:
        return None
    ages = {cell(row, found.age.index) for row, _ in eligible if _population(row, found)}
    return {age for age in ages if is_age_total(age)} or None


def _population(row: GridRow, found: Layout) -> bool:
    """Whether the row holds the population (not Folkökning, Döda, ... of a contents column)."""
    return not found.contents or role_of(cell(row, found.contents.index)) == Role.POPULATION


def _check_row(row: GridRow, found: Layout, file: str, problems: list[Problem]) -> None:
    """The problems of a row whose figures are not kept: its period and kön, as if kept."""
    if _population(row, found):
        _row_period(row, found.period, file, problems)
        _row_sex(row, found.sex, file, problems)


def _observations(
    row: GridRow, found: Layout, region: str, file: str, problems: list[Problem]
) -> list[Observation]:
    if not _population(row, found):
        return []  # a row of Folkökning, Döda, ...: not the population
    period = _row_period(row, found.period, file, problems)
    sex = _row_sex(row, found.sex, file, problems)
    age = cell(row, found.age.index) if found.age else None
    return [
        Observation(
            line=row.line,
            column=column.label,
            region=region,
            period=column.period or _on_day(period, column.day),
            value=cell(row, column.index),
            sex=column.sex or sex,
            age=age,
        )
        for column in found.values
    ]


def _row_sex(row: GridRow, column: Column | None, file: str, problems: list[Problem]) -> Sex | None:
    """The row's kön; a problem for a category that is none (``1``: only men, as a code)."""
    text = cell(row, column.index) if column else ""
    sex = sex_of(text)
    if column is not None and text and sex is None:
        problems.append(
            problem(
                "unknown-category",
                "{text!r} is not a kön (totalt, män, kvinnor)",
                file=file,
                line=row.line,
                column=column.label,
                value=text,
                hint="export kön as text (män, kvinnor, totalt), or the table without kön",
                text=text,
            )
        )
    return sex


def _on_day(period: str | None, day: tuple[int, int] | None) -> str | None:
    """A row's year on the day the value column names (``Folkmängd 1 november``).

    None (no date: the user gives it with --date) where that day is no date or the row's
    period is a month or quarter, which the day contradicts.
    """
    if day is None or period is None:
        return period
    return on_day(period, day) if is_plain_year(period) else None


def _row_period(
    row: GridRow, column: Column | None, file: str, problems: list[Problem]
) -> str | None:
    if column is None:
        return None
    text = cell(row, column.index)
    period = period_of(text)
    if period is None:
        problems.append(
            problem(
                "unknown-period",
                "{text!r} is not a year, month or quarter",
                file=file,
                line=row.line,
                column=column.label,
                value=text,
                hint="write the period as SCB does: 2019, 2019M12 or 2019K4",
                text=text,
            )
        )
    return period


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
