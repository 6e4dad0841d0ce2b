"""The committee report's texts in English; keys and fields as in ``strings_sv``."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "html_lang": "en",
    "title": "{cooperation}: cost allocation {year}",
    "headline_member": (
        "{name} pays {amount} kr for {year}: {percent} of the budget, {per_inhabitant} kr "
        "per inhabitant, {days} of {days_in_year} days."
    ),
    "headline_cooperation": (
        "{cooperation} splits {budget} kr for {year} among {members} members: "
        "{per_inhabitant} kr per inhabitant on average."
    ),
    "notice": (
        "ILLUSTRATIVE BUDGET: the amounts are examples, not the cooperation's real budget. "
        "Do not base decisions on them."
    ),
    "chart_shares": "Every member's share in {year}",
    "chart_shares_alt": "Bar chart: amount per member in {year}, in kronor",
    "chart_years": "The years {first}–{last}",
    "chart_years_alt": "Chart: amount and kr per inhabitant per year {first}–{last}",
    "axis_amount": "Amount (kr)",
    "axis_per_inhabitant": "kr per inhabitant",
    "average": "Average",
    "section_table": "Allocation {year}",
    "col_code": "Kommunkod",
    "col_name": "Municipality",
    "col_inhabitants": "Inhabitants",
    "col_days": "Days",
    "col_amount": "Amount (kr)",
    "col_share": "Share",
    "col_per_inhabitant": "kr/inh.",
    "col_change": "Change from {year} (kr)",
    "total": "Total",
    "pool_per_capita": "Per capita (kr)",
    "pool_equal": "Equal (kr)",
    "pool_base_fee": "Base fee (kr)",
    "pool_fixed": "Fixed (kr)",
    "section_changes": "Changes and members",
    "budget_change": "Budget {before_year}: {before} kr; {year}: {after} kr ({change} kr).",
    "no_previous": "There is no earlier budget year with complete data to compare with.",
    "joined": "{name} ({code}) joined on {date} (first day).",
    "left": "{name} ({code}) left on {date} (last day).",
    "no_events": "No member joined or left during {year}.",
    "section_method": "How a share is computed (method version {version})",
    "method_weight": (
        "A member's weight is its inhabitants at the reference date {date} times its days "
        "of membership in the year, divided by the year's {days} days."
    ),
    "method_pools": "The budget lines are grouped by allocation key: {pools}.",
    "method_split": (
        "Each budget line is split in proportion to the weights. Every member gets the whole part "
        "of its exact quota in {unit}; what is left over goes {unit_one} at a time to the "
        "largest remainders (largest-remainder method, Hamilton); equal remainders are "
        "ordered by kommunkod."
    ),
    "method_sum": (
        "The parts always sum exactly to the budget. Method: {method}, version {version}."
    ),
    "unit_ore": "öre",
    "unit_ore_one": "one öre",
    "unit_krona": "whole kronor",
    "unit_krona_one": "one krona",
    "example_title": "Worked example: {name}",
    "step_inhabitants": "Inhabitants at {date}: {inhabitants} ({source}).",
    "step_days": "Days of membership in {year}: {days} of {days_in_year} ({period}).",
    "step_weight": "Weight: {inhabitants} inhabitants × {days} ÷ {days_in_year} days = {weight}.",
    "step_total": "Sum of the weights of all {members} members: {total}.",
    "about": "about {value}",
    "step_pool": (
        "{pool}: {pool_amount} kr × {weight} ÷ {total} gives {floor} kr in {whole} and a "
        "remainder of {remainder} öre, which ranks {rank} of {members} among the remainders."
    ),
    "step_extra": "{left} {unit} are left over and go to the {left} largest remainders: {verdict}.",
    "step_no_extra": "The whole parts already sum to the budget line.",
    "verdict_yes": "{name} gets one",
    "verdict_no": "{name} gets none",
    "step_part": "Part of the budget line: {amount} kr.",
    "step_amount": "Total: {amount} kr, {per_inhabitant} kr per inhabitant.",
    "period_from": "from {start}",
    "period_between": "{start} – {end}",
    "section_sources": "Sources",
    "sources": "Population at {date}: {source} ({members} members).",
    "source_unknown": "source not given",
    "col_line": "Budget line",
    "col_key": "Key",
    "key_per_capita": "per capita",
    "key_equal": "equal parts",
    "key_base_fee": "base fee {fee} kr, the rest per capita",
    "key_fixed": "fixed amounts, the rest {fallback}",
    "period_to": "until {end}",
    "note_part_year": "{name} a member {period}: {days} of {days_in_year} days",
    "legend_part_year": "part of the year (see note)",
    "legend_average": "average {value} kr per inhabitant",
    "legend_budget": "Total of the cooperation",
    "note_not_member": "{name} not a member in {years}",
    "notice_short": "ILLUSTRATIVE BUDGET: the amounts are examples, not a basis for decisions.",
    "preliminary": (
        "PRELIMINARY: weighed by the population of {used} because SCB has not published "
        "{final} yet; to be settled on the final figures."
    ),
    "section_summary": "Summary",
    "fact_total": "The year's cost {year}",
    "fact_change": "Change from {year}",
    "change_value": "{change} kr ({percent})",
    "fact_per_inhabitant": "Per inhabitant",
    "per_inhabitant_value": (
        "{value} kr on average ({inhabitants} inhabitants, {members} members)"
    ),
    "fact_largest": "Largest share",
    "fact_smallest": "Smallest share",
    "fact_share_value": "{name} {amount} kr ({percent})",
    "focus_share_value": "{amount} kr ({percent})",
    "focus_days": "for {days} of {total} days",
    "focus_new": "not a member in {year}",
    "focus_change": "change from {year} {change} kr ({percent}), share {points} percentage points",
    "fact_installments": "Installments",
    "installments_value": "{count} a year, see the table Installments",
    "section_installments": "Installments {year}",
    "installments_rule": (
        "The year's shares are invoiced in {count} installments as the invoices command does "
        "it: each member's share is split by its days of membership in each period (a whole "
        "period weighs the same for everyone), and the first installments take the öre left "
        "over. A member who joined or left during the year is invoiced only for the periods "
        "it was a member."
    ),
    "installments_managing": (
        "The managing municipality {name} does not invoice itself; its share is not in the "
        "column Invoiced."
    ),
    "col_installment": "Installment",
    "col_period": "Period",
    "col_focus_amount": "{name} (kr)",
    "col_invoiced": "Invoiced (kr)",
    "installment_of": "{number} of {count}",
    "method_hamilton": "largest remainder (Hamilton)",
    "whole_ore": "whole öre",
    "whole_krona": "whole kronor",
    "section_appendix": "Appendix: the worked example in exact fractions",
    "appendix_intro": (
        "The worked example for {name} in exact fractions of öre; in brackets rounded to "
        "{places} decimals."
    ),
    "exact_weight": "Weight: {inhabitants} × {days} / {days_in_year} = {weight}.",
    "exact_total": "Sum of the weights of all {members} members: {total}.",
    "exact_pool": (
        "{pool}: {pool_amount} öre × weight / sum = {quota} öre; whole part {floor} öre, "
        "remainder {remainder} öre."
    ),
    "exact_per_inhabitant": "Kr per inhabitant: {amount} kr / {inhabitants} = {value} kr.",
    "footer": (
        "Dataset: {dataset} · made {date} · norrort-cost {version} · "
        "method {method} version {method_version}"
    ),
}
