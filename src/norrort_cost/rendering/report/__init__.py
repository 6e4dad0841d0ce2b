"""The committee report: one budget year for people, as an HTML page or an A4 PDF.

:func:`render_report` lays out a :class:`~norrort_cost.audit.report.CommitteeReport`:
``content`` turns it into texts and tables in one language (the texts are in
``strings``), ``charts`` draws the two charts with matplotlib, and ``html`` or ``pdf``
puts them on the page. The plotting and PDF libraries are imported only here, when a
report is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from norrort_cost.rendering.formats import Format

if TYPE_CHECKING:
    from norrort_cost.audit.report import CommitteeReport


def report_charts(report: CommitteeReport, lang: str) -> tuple[tuple[str, str, str], ...]:
    """The two charts as (id, caption, SVG): every member's share, and the years."""
    from norrort_cost.rendering.report.charts import share_chart, years_chart
    from norrort_cost.rendering.report.strings import texts

    t = texts(lang)
    years = [a.year for a in report.history]
    return (
        ("shares", t["chart_shares_alt"].format(year=report.year), share_chart(report, t)),
        (
            "years",
            t["chart_years_alt"].format(first=min(years), last=max(years)),
            years_chart(report, t),
        ),
    )


def render_report(report: CommitteeReport, fmt: Format, lang: str, version: str) -> bytes:
    """The report as HTML (UTF-8) or PDF bytes, in ``lang`` (``sv`` or ``en``)."""
    from norrort_cost.rendering.report.content import report_view

    view = report_view(report, lang, version)
    charts = report_charts(report, lang)
    if fmt == Format.PDF:
        from norrort_cost.rendering.report.pdf import report_pdf

        return report_pdf(view, charts, report.made_on)
    from norrort_cost.rendering.report.html import report_html

    return report_html(view, charts).encode("utf-8")


__all__ = ["render_report", "report_charts"]
