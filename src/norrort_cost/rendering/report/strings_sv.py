"""The committee report's texts in Swedish (the default language); keys as in ``strings_en``."""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "html_lang": "sv",
    "title": "{cooperation}: kostnadsfördelning {year}",
    "headline_member": (
        "{name} betalar {amount} kr för {year}: {percent} av budgeten, {per_inhabitant} kr "
        "per invånare, {days} av {days_in_year} dagar."
    ),
    "headline_cooperation": (
        "{cooperation} fördelar {budget} kr för {year} på {members} medlemmar: "
        "{per_inhabitant} kr per invånare i genomsnitt."
    ),
    "notice": (
        "ILLUSTRATIV BUDGET: beloppen är exempel, inte samverkans verkliga budget. "
        "Använd dem inte som beslutsunderlag."
    ),
    "chart_shares": "Varje medlems andel {year}",
    "chart_shares_alt": "Stapeldiagram: belopp per medlem {year} i kronor",
    "chart_years": "Åren {first}–{last}",
    "chart_years_alt": "Diagram: belopp och kr per invånare per år {first}–{last}",
    "axis_amount": "Belopp (kr)",
    "axis_per_inhabitant": "kr per invånare",
    "average": "Genomsnitt",
    "section_table": "Fördelning {year}",
    "col_code": "Kommunkod",
    "col_name": "Kommun",
    "col_inhabitants": "Invånare",
    "col_days": "Dagar",
    "col_amount": "Belopp (kr)",
    "col_share": "Andel",
    "col_per_inhabitant": "kr/inv.",
    "col_change": "Förändring från {year} (kr)",
    "total": "Summa",
    "pool_per_capita": "Per invånare (kr)",
    "pool_equal": "Lika delar (kr)",
    "pool_base_fee": "Grundavgift (kr)",
    "pool_fixed": "Fasta belopp (kr)",
    "section_changes": "Förändring och medlemmar",
    "budget_change": "Budgeten {before_year}: {before} kr; {year}: {after} kr ({change} kr).",
    "no_previous": "Det finns inget tidigare budgetår med fullständiga uppgifter att jämföra med.",
    "joined": "{name} ({code}) blev medlem {date} (första dag).",
    "left": "{name} ({code}) lämnade samverkan {date} (sista dag).",
    "no_events": "Inga medlemmar tillkom eller lämnade under {year}.",
    "section_method": "Så räknas andelen (metod version {version})",
    "method_weight": (
        "En medlems vikt är dess invånare vid referensdatumet {date} gånger dagarna som "
        "medlem under året, delat med årets {days} dagar."
    ),
    "method_pools": "Kostnadsposterna samlas efter fördelningsnyckel: {pools}.",
    "method_split": (
        "Varje kostnadspost delas i proportion till vikterna. Varje medlem får heltalsdelen av sin "
        "exakta kvot i {unit}; det som blir över går {unit_one} i taget till de största "
        "resterna (största restmetoden, Hamilton); lika rester ordnas efter kommunkod."
    ),
    "method_sum": (
        "Delarna summerar alltid exakt till budgeten. Metod: {method}, version {version}."
    ),
    "unit_ore": "öre",
    "unit_ore_one": "ett öre",
    "unit_krona": "hela kronor",
    "unit_krona_one": "en krona",
    "example_title": "Räkneexempel: {name}",
    "step_inhabitants": "Invånare {date}: {inhabitants} ({source}).",
    "step_days": "Dagar som medlem {year}: {days} av {days_in_year} ({period}).",
    "step_weight": "Vikt: {inhabitants} invånare × {days} ÷ {days_in_year} dagar = {weight}.",
    "step_total": "Summan av alla {members} medlemmars vikter: {total}.",
    "about": "ca {value}",
    "step_pool": (
        "{pool}: {pool_amount} kr × {weight} ÷ {total} ger {floor} kr i {whole} och en rest "
        "på {remainder} öre, som har plats {rank} av {members} bland resterna."
    ),
    "step_extra": "{left} {unit} blev över och går till de {left} största resterna: {verdict}.",
    "step_no_extra": "Heltalsdelarna summerar redan till kostnadsposten.",
    "verdict_yes": "{name} får en",
    "verdict_no": "{name} får ingen",
    "step_part": "Del av kostnadsposten: {amount} kr.",
    "step_amount": "Summa: {amount} kr, {per_inhabitant} kr per invånare.",
    "period_from": "från {start}",
    "period_between": "{start} – {end}",
    "section_sources": "Underlag",
    "sources": "Befolkning {date}: {source} ({members} medlemmar).",
    "source_unknown": "källa ej angiven",
    "col_line": "Kostnadspost",
    "col_key": "Nyckel",
    "key_per_capita": "per invånare",
    "key_equal": "lika delar",
    "key_base_fee": "grundavgift {fee} kr, resten per invånare",
    "key_fixed": "fasta belopp, resten {fallback}",
    "period_to": "till {end}",
    "note_part_year": "{name} medlem {period}: {days} av {days_in_year} dagar",
    "legend_part_year": "del av året (se not)",
    "legend_average": "genomsnitt {value} kr per invånare",
    "legend_budget": "Summa för samverkan",
    "note_not_member": "{name} ej medlem {years}",
    "notice_short": "ILLUSTRATIV BUDGET: beloppen är exempel, inte beslutsunderlag.",
    "preliminary": (
        "PRELIMINÄR: viktad efter folkmängden {used} eftersom SCB inte har publicerat {final} "
        "än; avräknas på de slutliga siffrorna."
    ),
    "section_summary": "Sammanfattning",
    "fact_total": "Årets kostnad {year}",
    "fact_change": "Förändring från {year}",
    "change_value": "{change} kr ({percent})",
    "fact_per_inhabitant": "Per invånare",
    "per_inhabitant_value": (
        "{value} kr i genomsnitt ({inhabitants} invånare, {members} medlemmar)"
    ),
    "fact_largest": "Största andel",
    "fact_smallest": "Minsta andel",
    "fact_share_value": "{name} {amount} kr ({percent})",
    "focus_share_value": "{amount} kr ({percent})",
    "focus_days": "för {days} av {total} dagar",
    "focus_new": "ej medlem {year}",
    "focus_change": (
        "förändring från {year} {change} kr ({percent}), andelen {points} procentenheter"
    ),
    "fact_installments": "Delbetalningar",
    "installments_value": "{count} per år, se tabellen Delbetalningar",
    "section_installments": "Delbetalningar {year}",
    "installments_rule": (
        "Årets andelar faktureras i {count} delbetalningar så som fakturakommandot gör det: "
        "varje medlems andel delas på dess medlemsdagar i varje period (en hel period väger "
        "lika för alla), och de första delbetalningarna får de ören som blir över. En medlem "
        "som gick med eller lämnade under året faktureras bara för perioderna den var medlem."
    ),
    "installments_managing": (
        "Förvaltande kommun {name} fakturerar inte sig själv; dess andel ingår inte i "
        "kolumnen Fakturerat."
    ),
    "col_installment": "Delbetalning",
    "col_period": "Period",
    "col_focus_amount": "{name} (kr)",
    "col_invoiced": "Fakturerat (kr)",
    "installment_of": "{number} av {count}",
    "method_hamilton": "största restmetoden (Hamilton)",
    "whole_ore": "hela ören",
    "whole_krona": "hela kronor",
    "section_appendix": "Bilaga: räkneexemplet med exakta bråk",
    "appendix_intro": (
        "Räkneexemplet för {name} med exakta bråk i öre; inom parentes avrundat till "
        "{places} decimaler."
    ),
    "exact_weight": "Vikt: {inhabitants} × {days} / {days_in_year} = {weight}.",
    "exact_total": "Summan av alla {members} medlemmars vikter: {total}.",
    "exact_pool": (
        "{pool}: {pool_amount} öre × vikt / summan = {quota} öre; heltalsdelen {floor} öre, "
        "resten {remainder} öre."
    ),
    "exact_per_inhabitant": "Kr per invånare: {amount} kr / {inhabitants} = {value} kr.",
    "footer": (
        "Datamängd: {dataset} · framtagen {date} · norrort-cost {version} · "
        "metod {method} version {method_version}"
    ),
}
