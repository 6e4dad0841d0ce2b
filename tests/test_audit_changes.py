"""compare and whatif: changes between years, and membership changes tried in memory."""

from __future__ import annotations

import pytest

from norrort_cost.audit.changes import (
    ChangeKind,
    MembershipChange,
    Status,
    compare,
    parse_change,
    whatif,
)
from norrort_cost.problems import UsageError


def test_without_ekero_the_others_differences_sum_to_its_share(dataset):
    """Without 0125 in 2014 the 14 others pay +2 429 103 öre together; Ekerö's difference is
    -2 429 103 öre (difference = new - baseline)."""
    result = whatif(dataset, 2014, [MembershipChange(ChangeKind.WITHOUT, "0125")])
    others = [m for m in result.members if m.kommunkod != "0125"]
    assert len(others) == 14
    assert all(m.amount_change_ore > 0 for m in others)
    assert sum(m.amount_change_ore for m in others) == 2429103
    ekero = next(m for m in result.members if m.kommunkod == "0125")
    assert (ekero.status, ekero.amount_change_ore) == (Status.LEFT_OUT, -2429103)
    assert sum(s.amount_ore for s in result.scenario.shares) == result.baseline.budget_ore


def test_whatif_leaves_the_dataset_unchanged(dataset):
    """The dataset object (and so the data on disk) keeps Ekerö's membership."""
    before = dataset.memberships
    whatif(dataset, 2014, [MembershipChange(ChangeKind.WITHOUT, "0125")])
    assert dataset.memberships == before
    assert any(m.kommunkod == "0125" for m in dataset.memberships)


def test_joining_on_new_years_day_makes_ekero_pay_a_full_year(dataset):
    """Ekerö joining 2014-01-01 instead of 2014-04-15: it pays more, every other member less."""
    change = parse_change(ChangeKind.JOIN, "Ekerö:2014-01-01", dataset.municipalities)
    result = whatif(dataset, 2014, [change])
    ekero = next(m for m in result.members if m.kommunkod == "0125")
    assert ekero.after is not None
    assert ekero.after.membership_days == 365
    assert ekero.amount_change_ore > 0
    assert all(m.amount_change_ore < 0 for m in result.members if m.kommunkod != "0125")


def test_leaving_mid_year_counts_days_to_the_last_day(dataset):
    """Solna leaving 2014-06-30 (its last day) is a member for 181 days of 2014."""
    change = parse_change(ChangeKind.LEAVE, "0184:2014-06-30", dataset.municipalities)
    result = whatif(dataset, 2014, [change])
    solna = next(m for m in result.members if m.kommunkod == "0184")
    assert solna.after is not None
    assert solna.after.membership_days == 181


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        (ChangeKind.JOIN, "0114:2014-01-01", "already a member"),
        (ChangeKind.LEAVE, "0125:2013-06-30", "not a member on 2013-06-30"),
        (ChangeKind.JOIN, "0125", "needs a municipality and a date"),
        (ChangeKind.JOIN, "0125:2014-02-30", "2014-02-30 does not exist in the calendar"),
    ],
)
def test_impossible_changes_are_usage_errors(dataset, kind, text, message):
    """Joining as a member, leaving as a non-member, or a missing date: usage errors."""
    with pytest.raises(UsageError, match=message):
        whatif(dataset, 2014, [parse_change(kind, text, dataset.municipalities)])


def test_leaving_out_and_joining_the_same_member_is_refused(dataset):
    """--without 0125 with --join 0125:... contradicts itself: a usage error, not a silent pick."""
    changes = [
        parse_change(ChangeKind.JOIN, "0125:2014-01-01", dataset.municipalities),
        parse_change(ChangeKind.WITHOUT, "0125", dataset.municipalities),
    ]
    with pytest.raises(UsageError, match="both left out"):
        whatif(dataset, 2014, changes)


def test_compare_marks_ekero_as_joined_and_totals_the_budget_change(dataset):
    """2013 to 2014: Ekerö joined; the amounts change by the budget change, 42 000 kr."""
    result = compare(dataset, 2013, 2014)
    statuses = {m.kommunkod: m.status for m in result.members}
    assert statuses["0125"] == Status.JOINED
    assert list(statuses.values()).count(Status.MEMBER) == 14
    assert sum(m.amount_change_ore for m in result.members) == result.budget_change_ore == 4200000
    vasby = next(m for m in result.members if m.kommunkod == "0114")
    assert vasby.inhabitants_change == 41449 - 40723


def test_compare_backwards_marks_ekero_as_left(dataset):
    """From 2014 back to 2013, Ekerö is a member who left."""
    result = compare(dataset, 2014, 2013)
    assert next(m for m in result.members if m.kommunkod == "0125").status == Status.LEFT
