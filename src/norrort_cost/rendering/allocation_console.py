"""The allocation table for a terminal: its columns, title, caption and notices.

Split from :mod:`norrort_cost.rendering.console`, which still exports these names.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from rich.console import Console
from rich.text import Text

from norrort_cost.allocation.results import Allocation, Pool, Share
from norrort_cost.money import (
    format_fraction_sv,
    format_int,
    format_percent,
    format_sek,
    kronor,
)
from norrort_cost.rendering import vocabulary
from norrort_cost.rendering.i18n import _
from norrort_cost.rendering.layout import Column, fit, print_fitted, print_text
from norrort_cost.rendering.records import ILLUSTRATIVE_NOTICE, preliminary_notice
from norrort_cost.rendering.vocabulary import method_name, tie_break_name


def illustrative_notice(allocation: Allocation) -> Text | None:
    """The visible notice that the budget is illustrative, not real."""
    if not allocation.illustrative:
        return None
    return Text(_(ILLUSTRATIVE_NOTICE), style="bold red")


def allocation_columns(
    allocation: Allocation, shares: Sequence[Share], *, by_pool: bool = False
) -> list[Column]:
    """The allocation's columns: one row per member and the totals at the foot.

    With ``by_pool``, one more column per cost pool shows the member's part of it (the
    population share and reference date are per-capita figures: they stay in the default
    view and the caption).
    """
    columns = [
        Column(_("Kommunkod"), [s.kommunkod for s in shares], _("Total"), short=_("Kod")),
        Column(_("Municipality"), [s.name for s in shares], squeeze=True, short=_("Name")),
        Column(
            _("Inhabitants"),
            [format_int(s.inhabitants) for s in shares],
            format_int(sum(s.inhabitants for s in shares)),
            right=True,
            rank=3,
            short=_("Inhab."),
        ),
    ]
    if not by_pool:
        columns.append(
            Column(
                _("Reference date"),
                [s.population_date.isoformat() for s in shares],
                rank=5,
                short=_("Ref. date"),
            )
        )
    columns.append(
        Column(
            _("Days"),
            [f"{s.membership_days}/{s.days_in_year}" for s in shares],
            right=True,
            rank=4,
        )
    )
    if by_pool:
        columns += [_pool_column(pool, shares) for pool in allocation.pools]
    else:
        columns.append(
            Column(
                _("Share"),
                [_percent(_budget_share(allocation, (s,))) for s in shares],
                _percent(_budget_share(allocation, shares)),
                right=True,
                rank=2,
            )
        )
    columns.append(
        Column(
            _("Amount (kr)"),
            [format_sek(s.amount_ore) for s in shares],
            format_sek(sum(s.amount_ore for s in shares)),
            right=True,
            short=_("Amount"),
        )
    )
    if not by_pool:
        per_inhabitant = [format_fraction_sv(kronor(s.ore_per_inhabitant), 2) for s in shares]
        columns.append(
            Column(_("kr/inhabitant"), per_inhabitant, right=True, rank=1, short=_("kr/inh."))
        )
    return columns


def _pool_column(pool: Pool, shares: Sequence[Share]) -> Column:
    return Column(
        f"{pool_title(pool)} (kr)",
        [format_sek(part_ore(s, pool.name)) for s in shares],
        format_sek(sum(part_ore(s, pool.name) for s in shares)),
        right=True,
        rank=2,
    )


def pool_title(pool: Pool) -> str:
    """A pool's name for people: ``Base fee`` (never ``base_fee``)."""
    return vocabulary.pool_title(pool.key, _)


def pool_label(name: str) -> str:
    """A pool key's name for people: ``per_capita`` -> ``Per capita``."""
    return _(POOL_NAMES.get(name, name))


POOL_NAMES = {key.value: title for key, title in vocabulary.POOL_TITLES.items()}


def allocation_caption(allocation: Allocation, *, by_pool: bool = False) -> str:
    """What the table rests on: budget, population date, days, method and rounding."""
    caption = _(
        "{cooperation} {year}: budget {budget} kr, population at {date}, {days} days. "
        "Method: {method}, {tie_break}; rounded to whole {unit}."
    ).format(
        cooperation=allocation.cooperation,
        year=allocation.year,
        budget=format_sek(allocation.budget_ore),
        date=allocation.population_date,
        days=allocation.days_in_year,
        method=method_name(allocation.method, allocation.method_version),
        tie_break=tie_break_name(allocation.tie_break),
        unit=_unit_name(allocation.rounding_unit),
    )
    if by_pool:
        caption += "".join(f"\n{_pool_note(pool)}" for pool in allocation.pools)
    return caption


def part_ore(share: Share, pool: str) -> int:
    """The member's part of one pool, in öre."""
    return sum(part.amount_ore for part in share.parts if part.pool == pool)


def _pool_note(pool: Pool) -> str:
    feeds = ", ".join(f"{line} {format_sek(ore)} kr" for line, ore in pool.contributions)
    about = vocabulary.pool_description(pool, _)
    return _("{about}. {amount} kr from: {feeds}.").format(
        about=about, amount=format_sek(pool.amount_ore), feeds=feeds
    )


def _budget_share(allocation: Allocation, shares: Sequence[Share]) -> Fraction:
    """What part of the budget these members pay (with mixed keys, not the population share)."""
    paid = sum(share.amount_ore for share in shares)
    return Fraction(paid, allocation.budget_ore) if allocation.budget_ore else Fraction(0)


def _percent(value: Fraction | int) -> str:
    return format_percent(Fraction(value), 4)


def _unit_name(unit: str) -> str:
    return _("kronor") if unit == "krona" else _("öre")


def print_allocation(
    out: Console, allocation: Allocation, shares: Sequence[Share], *, by_pool: bool = False
) -> None:
    """Print the table and, for an illustrative budget, the notice above and below it."""
    notice = illustrative_notice(allocation)
    preliminary = preliminary_notice(allocation)
    if notice:
        print_text(out, notice.plain, "bold red")
    if preliminary:
        print_text(out, preliminary, "bold yellow")
    fitted = fit(
        allocation_columns(allocation, shares, by_pool=by_pool),
        out.width,
        title=_("{cooperation}: cost allocation {year}").format(
            cooperation=allocation.cooperation, year=allocation.year
        ),
        caption=allocation_caption(allocation, by_pool=by_pool),
    )
    print_fitted(out, fitted, hidden_note())
    if notice:
        print_text(out, notice.plain, "bold red")
    if preliminary:
        print_text(out, preliminary, "bold yellow")


def hidden_note() -> str:
    """The line under a table that had to leave columns out."""
    return _("Not shown at this width: {columns} (widen the terminal or use --format csv).")
