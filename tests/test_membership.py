"""Who is weighed, for how many days and by which figure: the year rules of the settings.

Days of membership are counted once, the same for the allocation, explain and invoices.
With pro-rating ``days`` a member pays for the days it is a member (inclusive dates); with
``none`` any membership in the year counts as the whole year. A member may join, leave, or
leave and come back within one year. ``population_reference`` picks the figure's date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from norrort_cost import allocate, explain, load_dataset
from norrort_cost.allocation.membership import counted_periods, days_counted, paid_period
from norrort_cost.audit.explain import PopulationRule
from norrort_cost.dataset.models import Dataset, Membership
from norrort_cost.invoicing.invoices import build_invoices

ISSUE = date(2014, 5, 2)


def membership(start: str, end: str | None = None, kommunkod: str = "0187") -> Membership:
    return Membership.model_validate({"kommunkod": kommunkod, "from": start, "to": end})


def with_settings(data: Path, **settings: str) -> Dataset:
    """The dataset copy in ``data`` with top-level settings of cooperation.toml replaced."""
    toml = data / "cooperation.toml"
    lines = toml.read_text(encoding="utf-8").splitlines()
    for key, value in settings.items():
        lines = [f'{key} = "{value}"' if line.startswith(f"{key} =") else line for line in lines]
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_dataset(data)


def with_memberships(data: Path, *rows: str) -> None:
    """Replace Vaxholm's (0187) membership by ``rows`` (``from,to``)."""
    path = data / "memberships.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if "0187" not in line]
    path.write_text("\n".join([*kept, *(f"0187,{row}" for row in rows)]) + "\n", encoding="utf-8")


LEAVES = (membership("2012-10-01", "2014-06-30"),)
COMES_BACK = (membership("2012-10-01", "2014-03-31"), membership("2014-09-01"))


def test_a_member_that_leaves_mid_year_pays_until_it_leaves() -> None:
    """Leaving on 30 June 2014: 181 days, paid from 1 January to 30 June."""
    assert days_counted(LEAVES, 2014) == {"0187": 181}
    assert paid_period(LEAVES, "0187", 2014) == (date(2014, 1, 1), date(2014, 6, 30))


def test_two_periods_in_a_year_add_their_days_and_span_both() -> None:
    """Out from April to August: 90 + 122 days, paid from 1 January to 31 December."""
    assert days_counted(COMES_BACK, 2014) == {"0187": 90 + 122}
    assert [p.days for p in counted_periods(COMES_BACK, "0187", 2014)] == [90, 122]
    assert paid_period(COMES_BACK, "0187", 2014) == (date(2014, 1, 1), date(2014, 12, 31))


def test_without_pro_rating_any_membership_counts_as_the_whole_year() -> None:
    """Under ``none`` the periods are counted over the whole year, and add up to it."""
    for memberships in (LEAVES, COMES_BACK):
        periods = counted_periods(memberships, "0187", 2014, "none")
        assert sum(p.days for p in periods) == 365
        assert days_counted(memberships, 2014, "none") == {"0187": 365}
        assert paid_period(memberships, "0187", 2014, "none") == (
            date(2014, 1, 1),
            date(2014, 12, 31),
        )
    [first, second] = counted_periods(COMES_BACK, "0187", 2014, "none")
    assert (first.counted_from, first.counted_to) == (date(2014, 1, 1), date(2014, 8, 31))
    assert (second.counted_from, second.counted_to) == (date(2014, 9, 1), date(2014, 12, 31))


def test_a_year_without_membership_counts_nothing() -> None:
    """Before joining there is no period and no day, under either rule."""
    for rule in ("days", "none"):
        assert counted_periods(LEAVES, "0187", 2015, rule) == ()
        assert days_counted(LEAVES, 2015, rule) == {}


def test_the_invoice_period_of_a_member_that_leaves_mid_year(data_copy: Path) -> None:
    """Vaxholm leaving on 30 June 2014 is invoiced for 1 January to 30 June, 181 days."""
    with_memberships(data_copy, "2012-10-01,2014-06-30")
    dataset = load_dataset(data_copy)
    run = build_invoices(allocate(dataset, 2014), dataset, ISSUE, None)
    [vaxholm] = [i for i in run.invoices if i.buyer.kommunkod == "0187"]
    assert (vaxholm.period_start, vaxholm.period_end) == (date(2014, 1, 1), date(2014, 6, 30))
    assert allocate(dataset, 2014).share_of("0187").membership_days == 181


def test_the_invoice_period_of_a_member_with_two_periods(data_copy: Path) -> None:
    """Out from April to August 2014: the invoice spans the year, the days are 212."""
    with_memberships(data_copy, "2012-10-01,2014-03-31", "2014-09-01,")
    dataset = load_dataset(data_copy)
    run = build_invoices(allocate(dataset, 2014), dataset, ISSUE, None)
    [vaxholm] = [i for i in run.invoices if i.buyer.kommunkod == "0187"]
    assert (vaxholm.period_start, vaxholm.period_end) == (date(2014, 1, 1), date(2014, 12, 31))
    assert allocate(dataset, 2014).share_of("0187").membership_days == 212


def test_pro_rating_none_in_the_settings(data_copy: Path) -> None:
    """pro_rating = "none": Ekerö, joining 15 April 2014, weighs its full population."""
    dataset = with_settings(data_copy, pro_rating="none")
    ekero = allocate(dataset, 2014).share_of("0125")
    assert (ekero.membership_days, ekero.weight) == (365, ekero.inhabitants)
    run = build_invoices(allocate(dataset, 2014), dataset, ISSUE, None)
    [invoice] = [i for i in run.invoices if i.buyer.kommunkod == "0125"]
    assert (invoice.period_start, invoice.period_end) == (date(2014, 1, 1), date(2014, 12, 31))


@pytest.mark.parametrize("rule", ["days", "none"])
def test_explain_periods_add_up_to_the_days_counted(data_copy: Path, rule: str) -> None:
    """explain never contradicts itself: its periods' days are the days it counts."""
    dataset = with_settings(data_copy, pro_rating=rule)
    result = explain(dataset, 2014, "Ekerö")
    assert sum(p.days for p in result.periods) == result.membership_days
    assert result.membership_days == (365 if rule == "none" else 261)
    [period] = result.periods
    assert period.counted_from == (date(2014, 1, 1) if rule == "none" else date(2014, 4, 15))


def test_population_reference_budget_year_end_in_the_settings(data_copy: Path) -> None:
    """budget-year-end weighs 2014 by 31 December 2014: Ekerö's 26 698, not 26 355."""
    dataset = with_settings(data_copy, population_reference="budget-year-end")
    ekero = allocate(dataset, 2014).share_of("0125")
    assert (ekero.population_date, ekero.inhabitants) == (date(2014, 12, 31), 26698)
    result = explain(dataset, 2014, "0125")
    assert result.population_rule == PopulationRule("budget-year-end")
