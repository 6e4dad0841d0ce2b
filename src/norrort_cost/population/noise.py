"""SCB's noise from reference year 2025: a sum of published parts is not a published total.

From reference year 2025 SCB adds small random noise to every published cell (the Cell Key
Method), so the sum of the parts need not be the published total (Stockholm 2025: 999 239,
its single ages summing to 999 237). Before 2025 the sum is exact. Pure: no I/O.
"""

from __future__ import annotations

from datetime import date

from norrort_cost.population.importing import RegionFigure
from norrort_cost.problems import DataError, problem

NOISE_FROM = date(2025, 1, 1)  # SCB's reference year 2025 on: published cells carry noise


def summed_after_noise(
    rows: list[RegionFigure], reference_date: date | None = None
) -> list[RegionFigure]:
    """The rows summed from men + women whose date (``reference_date`` if given) is 2025
    or later."""
    return [
        row
        for row in rows
        if row.parts and (reference_date or row.reference_date or date.min) >= NOISE_FROM
    ]


def refuse_summed(rows: list[RegionFigure], reference_date: date | None = None) -> None:
    """DataError naming every row summed from parts after 2025 (see summed_after_noise)."""
    problems = [
        problem(
            "no-published-total",
            "{region} has men and women but no total for {on}: their sum is not SCB's "
            "published total (from 2025 SCB adds noise to every figure)",
            file=row.file,
            line=row.line,
            column=row.column,
            value=row.region,
            hint="get the published total with 'population fetch-scb', or export the table "
            "again with kön 'totalt'; --sum-parts takes the sum anyway",
            region=row.region,
            on=(reference_date or row.reference_date or date.min).isoformat(),
        )
        for row in summed_after_noise(rows, reference_date)
    ]
    if problems:
        raise DataError(problems)
