"""The report's colours, shared by the charts, the page and the tests that look at them."""

from __future__ import annotations

POOL_COLOURS = {
    "per_capita": "#2f6690",
    "base_fee": "#d1603d",
    "equal": "#6a994e",
    "fixed": "#e0a100",
}
FOCUS = "#b3261e"  # the member in focus
OTHERS = "#8aa4bd"  # every other member, when the year has one pool
AVERAGE = "#555555"  # the cooperation's average
GRID = "#dddddd"  # grid lines at the ticks
