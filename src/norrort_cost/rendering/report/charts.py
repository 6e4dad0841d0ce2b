"""The report's two charts, laid out as shapes (:mod:`drawing`): the year's shares, the years.

Every axis starts at 0, so a bar's length is its amount (a small figure never looks like a
collapse). A member that paid for part of the year is drawn lighter with a dashed border,
marked ``*`` and explained in a note under the chart ("Ekerö medlem från 2014-04-15: 261
av 365 dagar"): its kr per invånare is low because it paid for fewer days, not because it
was charged less per day.

The charts live in their own modules (``chart_shares``, ``chart_years``, made of
``chart_pieces``); this module is where they are found.
"""

from __future__ import annotations

from norrort_cost.rendering.report.chart_pieces import part_year_note
from norrort_cost.rendering.report.chart_shares import share_chart
from norrort_cost.rendering.report.chart_years import years_chart

__all__ = ["part_year_note", "share_chart", "years_chart"]
