"""The committee report: one budget year for people, as an HTML page or an A4 PDF.

:func:`render_report` lays out a :class:`~norrort_cost.audit.report.CommitteeReport`:
``content`` turns it into texts and tables in one language (the texts are in
``strings``), ``charts`` lays out the two charts as shapes (``drawing``), and ``html``
(with ``svg``) or ``pdf`` puts them on the page. The HTML page needs no PDF or plotting
library; fpdf2 is imported only when a PDF is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from norrort_cost.rendering.formats import Format

if TYPE_CHECKING:
    from norrort_cost.audit.report import CommitteeReport
    from norrort_cost.rendering.report.drawing import Chart


def report_charts(report: CommitteeReport, lang: str) -> tuple[Chart, ...]:
    """The two charts: every member's share of the year, and the years."""
    from norrort_cost.rendering.report.charts import share_chart, years_chart
    from norrort_cost.rendering.report.strings import texts

    t = texts(lang)
    return share_chart(report, t), years_chart(report, t)


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
