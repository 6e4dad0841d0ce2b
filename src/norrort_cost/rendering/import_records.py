"""What ``population import-scb`` and ``fetch-scb`` did, for machines and for people.

The JSON record (``--format json``): ``added``, ``changed`` (old and new count),
``unchanged`` and ``skipped`` (regions not in the dataset), each figure with its source as
it is written to population.csv; ``tables`` (fetch-scb) names each SCB table asked, its
``updated`` stamp and the years taken from it; ``written`` says whether population.csv
was rewritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from norrort_cost.rendering.i18n import _

if TYPE_CHECKING:
    from norrort_cost.dataset.models import PopulationFigure
    from norrort_cost.loading.scb.fetching import TableUse
    from norrort_cost.population.importing import ImportPlan


def import_record(
    plan: ImportPlan, target: str, *, written: bool, tables: Sequence[TableUse] = ()
) -> dict[str, Any]:
    """The JSON record of an import: every figure added, changed and unchanged."""
    record: dict[str, Any] = {
        "target": target,
        "written": written,
        "added": [_figure(f) for f in plan.added],
        "changed": [
            {**_figure(c.new), "old_inhabitants": c.old.inhabitants, "old_source": c.old.source}
            for c in plan.changed
        ],
        "unchanged": [_figure(f) for f in plan.unchanged],
        "skipped": list(plan.skipped),
    }
    if tables:
        record["tables"] = [
            {
                "table": use.table,
                "label": use.label,
                "updated": use.updated,
                "years": list(use.years),
                "source": use.source,
            }
            for use in tables
        ]
    return record


def _figure(figure: PopulationFigure) -> dict[str, Any]:
    return {
        "kommunkod": figure.kommunkod,
        "reference_date": figure.reference_date.isoformat(),
        "inhabitants": figure.inhabitants,
        "source": figure.source,
    }


def table_lines(tables: Sequence[TableUse]) -> list[str]:
    """Which SCB table each year came from, with SCB's publication stamp, for people."""
    return [
        _("SCB {table} ({label}), updated {updated}: published totals for {years}").format(
            table=use.table,
            label=" ".join(use.label.split()),
            updated=use.updated[:10] or "?",
            years=", ".join(map(str, use.years)),
        )
        for use in tables
    ]


def summed_line(count: int) -> str:
    """The warning that figures from 2025 on were summed from parts (--sum-parts)."""
    return _(
        "{count} figure(s) from 2025 or later are men + women summed: not SCB's published "
        "total (SCB adds noise from 2025); 'population fetch-scb' gets the total"
    ).format(count=count)
