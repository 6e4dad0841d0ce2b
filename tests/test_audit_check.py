"""check: a claimed figure reconciled with the computed share, every reading considered."""

from __future__ import annotations

from decimal import Decimal

import pytest

from norrort_cost.audit.claims import ReadingKind
from norrort_cost.audit.reconcile import Verdict, check
from norrort_cost.problems import UsageError
from norrort_cost.rendering.audit_records import check_record


def test_the_ekero_decision_is_a_factor_1000_slip(dataset):
    """'ca 24.300 tkr': literally 24 300 000 kr, ~1 000 × 24 291,03; as 24,3 tkr consistent."""
    result = check(dataset, 2014, "Ekerö", "ca 24.300 tkr")
    assert result.computed_ore == 2429103
    assert result.literal.reading.kronor == Decimal(24300000)
    assert result.literal.scale == 1000
    assert result.verdict == Verdict.LIKELY_SLIP
    assert result.chosen.reading.kind == ReadingKind.SEPARATOR
    assert result.chosen.reading.kronor == Decimal(24300)
    assert result.claim.approximate
    assert check_record(result)["summary"] == (
        "likely separator slip: read literally, 24 300 000 kr, about 1 000 times the computed "
        "24 291,03 kr; read as 24,3 tkr = 24 300 kr, consistent (+0,04 % from it)"
    )


def test_24_300_kr_is_consistent(dataset):
    """'24 300 kr' is 8,97 kr (0,04 %) from 24 291,03 kr: within 1 %."""
    result = check(dataset, 2014, "0125", "24 300 kr")
    assert result.verdict == Verdict.CONSISTENT
    assert result.chosen is result.readings[0]
    assert result.chosen.difference == Decimal("8.97")


def test_a_unit_slip_names_the_unit_reading(dataset):
    """'24,3 kr' is a thousand times too small; as 24,3 tkr it is consistent."""
    result = check(dataset, 2014, "0125", "24,3 kr")
    assert result.verdict == Verdict.LIKELY_SLIP
    assert (result.chosen.reading.kind, result.chosen.reading.unit) == (ReadingKind.UNIT, "tkr")
    assert result.literal.scale == Decimal(1) / 1000


def test_far_off_is_inconsistent(dataset):
    """30 000 kr is 23 % off and no other reading fits."""
    result = check(dataset, 2014, "0125", "30 000 kr")
    assert result.verdict == Verdict.INCONSISTENT
    assert check_record(result)["summary"].startswith("inconsistent: read literally, 30 000 kr")


@pytest.mark.parametrize(
    ("tolerance", "verdict"), [("0.01", "inconsistent"), ("0.02", "consistent")]
)
def test_tolerance_decides(dataset, tolerance, verdict):
    """24 600 kr is 1,27 % above: inconsistent at 1 %, consistent at 2 %."""
    result = check(dataset, 2014, "0125", "24 600 kr", tolerance=Decimal(tolerance))
    assert result.verdict.value == verdict


def test_tolerance_out_of_range_is_a_usage_error(dataset):
    """A tolerance of 100 % or more says nothing: refused."""
    with pytest.raises(UsageError, match="out of range"):
        check(dataset, 2014, "0125", "24 300 kr", tolerance=Decimal(1))
