"""The money policy's units: öre per krona, the decimals of an exact rational in machine
formats, and the marks people put between thousands."""

from __future__ import annotations

ORE_PER_KRONA = 100
DECIMAL_PLACES = 10
"""Decimals of an exact rational (a share, a weight, a quota) in machine formats."""
# what people put between thousands: space, no-break space, narrow no-break space, thin space
GROUPING_SPACES = " \u00a0\u202f\u2009"
