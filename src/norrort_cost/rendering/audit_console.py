"""Audit results for people in a terminal: the explain and check tables.

Swedish number formats (``24 291,03``); exact fractions beside their decimals so that the
figures can be recomputed by hand (the explanation's rows are
:mod:`norrort_cost.rendering.explain_rows`). Uses rich, like
:mod:`norrort_cost.rendering.console`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console

from norrort_cost.audit.explain import Explanation
from norrort_cost.audit.reconcile import CheckResult, Verdict
from norrort_cost.money import format_sek, format_signed_sek
from norrort_cost.rendering.check_text import check_summary, kind_name, reading_text
from norrort_cost.rendering.console import hidden_note
from norrort_cost.rendering.explain_rows import explanation_rows
from norrort_cost.rendering.i18n import _
from norrort_cost.rendering.layout import Column, fit, print_fitted, print_text
from norrort_cost.rendering.records import ILLUSTRATIVE_NOTICE, preliminary_text
from norrort_cost.rendering.vocabulary import method_name, tie_break_name


def notice(out: Console, *, illustrative: bool, preliminary: Sequence[str | None] = ()) -> None:
    """The illustrative-budget notice and the preliminary-basis ones, when they apply."""
    if illustrative:
        print_text(out, _(ILLUSTRATIVE_NOTICE), "bold red")
    for text in dict.fromkeys(preliminary):
        if text:
            print_text(out, text, "bold yellow")


def print_explanation(out: Console, result: Explanation) -> None:
    """Every step from inputs to amount, one row each: step, value, how it comes about;
    with the illustrative notice when it applies."""
    preliminary = [preliminary_text(result.population_date, result.final_population_date)]
    notice(out, illustrative=result.illustrative, preliminary=preliminary)
    rows = explanation_rows(result)
    columns = [
        Column(_("Step"), [r[0] for r in rows]),
        Column(_("Value"), [r[1] for r in rows], prose=True),
        Column(_("How"), [r[2] for r in rows], prose=True),
    ]
    title = _("{cooperation} {year}: how {name} ({kommunkod}) pays {amount} kr").format(
        cooperation=result.cooperation,
        year=result.year,
        name=result.name,
        kommunkod=result.kommunkod,
        amount=format_sek(result.amount_ore),
    )
    caption = _("Method: {method}; {tie_break}.").format(
        method=method_name(result.method, result.method_version),
        tie_break=tie_break_name(result.tie_break),
    )
    print_fitted(out, fit(columns, out.width, title=title, caption=caption), hidden_note())
    notice(out, illustrative=result.illustrative, preliminary=preliminary)


def print_check(out: Console, result: CheckResult) -> None:
    """Every reading of the claim against the computed amount, then the verdict."""
    used = result.population_date
    preliminary = [preliminary_text(used, result.final_population_date) if used else None]
    notice(out, illustrative=result.illustrative, preliminary=preliminary)
    approx = _(" (approximate)") if result.claim.approximate else ""
    title = _(
        "Check {claim}{approx} against {name} ({kommunkod}) {year}: computed {amount} kr"
    ).format(
        claim=repr(result.claim.matched),
        approx=approx,
        name=result.name,
        kommunkod=result.kommunkod,
        year=result.year,
        amount=format_sek(result.computed_ore),
    )
    readings = result.readings
    columns = [
        Column(
            _("Reading"),
            [reading_text(c.reading, _) + (" ←" if c is result.chosen else "") for c in readings],
            prose=True,
        ),
        Column(_("Kind"), [kind_name(c.reading.kind, _) for c in readings], rank=1),
        Column(
            _("Difference (kr)"),
            [format_signed_sek(c.difference_ore) for c in readings],
            right=True,
            short=_("Diff. (kr)"),
        ),
        Column(_("Consistent"), [_("yes") if c.consistent else _("no") for c in readings]),
    ]
    print_fitted(out, fit(columns, out.width, title=title), hidden_note())
    style = "bold green" if result.verdict == Verdict.CONSISTENT else "bold red"
    print_text(out, check_summary(result, _), style)
    notice(out, illustrative=result.illustrative, preliminary=preliminary)
