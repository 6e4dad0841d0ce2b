"""Every problem code the project reports, with a title and a general hint.

A :class:`~norrort_cost.problems.Problem`'s ``code`` is a stable, kebab-case name that
scripts may match on (the JSON ``problems`` list carries it). This table is the one place
codes are declared, as frictionless declares its error types: one entry per code, in the
order a dataset is read. A problem usually carries a hint for its own case; the hint here is
the general advice, used when the case has none. The documentation's problem-code page is
generated from this one when the site is built, and a test fails when the source reports a
code that is not listed here.

Adding a code is one line below.
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Code(NamedTuple):
    """What a problem code means (``title``) and what generally fixes it (``hint``)."""

    title: str
    hint: str


CODES: Final[dict[str, Code]] = {
    # files and their structure
    "missing-directory": Code("Dataset directory not found", "point --data-dir at a dataset"),
    "missing-file": Code("File not found", "create the file, or point at the right directory"),
    "unreadable-file": Code("File cannot be read", "check the file's permissions"),
    "empty-file": Code("File is empty", "a CSV file needs a header line and rows"),
    "no-rows": Code("Header but no rows", "add the rows (see the README's dataset section)"),
    "not-csv": Code("Not a CSV file", "save the sheet as CSV UTF-8 (comma or semicolon)"),
    "not-xlsx": Code("Not an Excel workbook", "save it again as an Excel workbook (.xlsx)"),
    "missing-sheet": Code(
        "Sheet not in the workbook", "correct [budget] sheet in cooperation.toml"
    ),
    "two-budget-files": Code("Both a CSV file and a workbook", "keep one of the two files"),
    "invalid-toml": Code("cooperation.toml is not valid TOML", "fix the TOML syntax"),
    "unclosed-quote": Code("Quote not closed", "close the quote, or remove it"),
    "unreadable-row": Code("Row cannot be read as CSV", "close or remove an opened quote"),
    "mixed-delimiter": Code("Two delimiters in one file", "use one delimiter in the whole file"),
    "garbled-text": Code("Text decoded twice", "save the original file as CSV UTF-8 once"),
    "mixed-encoding": Code("Text in two encodings", "save the whole file in one encoding"),
    "control-character": Code("Invisible character in the text", "remove it"),
    "blank-header": Code("Column without a name", "remove the empty column"),
    "duplicate-header": Code("Column named twice", "keep one of the columns"),
    "unknown-header": Code("Unknown column or setting", "correct the name, or remove it"),
    "missing-header": Code("Required column missing", "add the column to the header"),
    "repeated-header": Code("Header repeated in the data", "remove the repeated header line"),
    "blank-row": Code("Empty line in the data", "remove the empty line"),
    "extra-cell": Code("More cells than columns", "quote values that contain the delimiter"),
    "missing-cell": Code("Fewer cells than columns", "fill in every column"),
    "total-row": Code("Total row in the data", "remove it: the tool computes totals itself"),
    "spreadsheet-error": Code("Spreadsheet error value", "fix the formula, then paste values"),
    "formula-without-value": Code(
        "Formula never computed", "open the workbook in Excel or LibreOffice and save it"
    ),
    "merged-cells": Code("Merged cells in the table", "unmerge them and fill in every cell"),
    "file-too-large": Code("File larger than the limit", "export only the rows you need"),
    "too-many-cells": Code("More cells than the limit", "export only the rows you need"),
    "too-deeply-nested": Code("JSON nested too deep", "download the table again from SCB"),
    # values
    "missing-value": Code("Value missing", "fill in the value"),
    "empty-value": Code("Value empty", "fill in the value"),
    "invalid-value": Code("Value of the wrong kind", "see the README for what this takes"),
    "invalid-choice": Code("Not one of the allowed values", "use one of the listed values"),
    "out-of-range": Code("Value out of range", "use a value within the allowed range"),
    "invalid-kommunkod": Code("Not a kommunkod", "a kommunkod is four digits, e.g. 0114"),
    "kommunkod-lost-zero": Code("kommunkod lost its leading zero", "write the code with 4 digits"),
    "invalid-organisationsnummer": Code("Not an organisationsnummer", "write NNNNNN-NNNN"),
    "invalid-date": Code("Not a date", "write dates as YYYY-MM-DD"),
    "impossible-date": Code("Date not in the calendar", "check month and day"),
    "invalid-period": Code("Period ends before it starts", "swap the dates or correct the year"),
    "invalid-number": Code("Not a number", "write digits only, e.g. 26355"),
    "not-integer": Code("Not a whole number", "write a whole number"),
    "number-too-large": Code("Number too large", "check the figure"),
    "negative-number": Code("Negative count", "counts cannot be negative"),
    "invalid-amount": Code("Not an amount", "write kronor, e.g. 1 234,50"),
    "negative-amount": Code("Negative amount", "amounts must be zero or more"),
    "ambiguous-amount": Code("Thousands point or decimal mark?", "write 15000, 15 000 or 15,00"),
    "amount-too-large": Code("Amount too large", "amounts stay below 10^12 kr: check the figure"),
    "amount-given-twice": Code(
        "Amount in kronor and in öre", "give amount or amount_ore, not both"
    ),
    "invalid-flag": Code("Not yes or no", "write yes or no (true or false in TOML)"),
    "invalid-bankgiro": Code("Not a bankgiro number", "7 or 8 digits with a correct check digit"),
    "unknown-key": Code("Unknown allocation key", "use per_capita, equal, fixed or base_fee"),
    # rows against each other
    "unknown-kommunkod": Code("Municipality not listed", "add it to municipalities.csv"),
    "duplicate-row": Code("Row given twice", "keep one of the rows"),
    "conflicting-duplicate": Code("Two different figures", "keep the figure SCB publishes"),
    "overlapping-membership": Code("Membership periods overlap", "end one before the next starts"),
    "overlapping-managing-period": Code("Managing periods overlap", "end one before the next"),
    "missing-population": Code("Population figure missing", "add the figure to population.csv"),
    "population-not-yet-available": Code("Population not yet published", "add it when SCB has"),
    "impossible-population": Code(
        "Population of 0 or less for a member", "a member has inhabitants: check the figure"
    ),
    # a year that cannot be split
    "no-members": Code("A budget year without members", "check the membership periods"),
    "population-not-published": Code(
        "Population of the reference date not published yet",
        "allocate on the newest figures as a preliminary basis, or fetch them when SCB has",
    ),
    "zero-weight": Code("Members weigh nothing", "check the population at the reference date"),
    "not-whole-kronor": Code("Amount not in whole kronor", "whole kronor, or rounding in öre"),
    "year-not-allocatable": Code("Year cannot be allocated", "see the problem's own hint"),
    # allocation keys
    "missing-base-fee": Code("Base fee missing", "write the fee in the base_fee column"),
    "unused-base-fee": Code("Base fee on a line without one", "empty the base_fee cell"),
    "unused-fallback": Code("Fallback on a line without one", "empty the fallback cell"),
    "invalid-fallback": Code("Fallback cannot split a remainder", "use per_capita or equal"),
    "base-fee-exceeds-line": Code("Base fees exceed the line", "lower the fee or raise the line"),
    "missing-fixed-amounts": Code("Fixed line without amounts", "add rows to fixed_amounts.csv"),
    "fixed-exceeds-line": Code("Fixed amounts exceed the line", "correct the amounts or the line"),
    "unknown-fixed-line": Code("Fixed amount for no budget line", "correct the line's name"),
    "not-a-fixed-line": Code("Fixed amount for a line not fixed", "set the line's key to fixed"),
    "unknown-budget-line": Code(
        "Actual cost for no budget line", "use the line names of budget.csv"
    ),
    "missing-actual-cost": Code(
        "Budget line without an actual cost", "add a row year,line,amount to actual.csv"
    ),
    "invalid-series-prefix": Code(
        "Invoice number prefix not allowed", "use up to 20 letters a-z, digits and dashes"
    ),
    "fixed-for-non-member": Code("Fixed amount for a non-member", "remove the row"),
    # SCB population exports
    "not-a-table": Code("Not a table of figures", "export the population table (BE0101N1)"),
    "not-jsonstat": Code("JSON but not JSON-stat 2.0", "ask SCB's API for json-stat2"),
    "not-px": Code("Damaged PC-Axis file", "save the table again, or export a CSV"),
    "no-header": Code("No header line above the data", "add a line naming the columns"),
    "ambiguous-header": Code("Data rows above the header", "keep one header line above the data"),
    "no-region-column": Code("No column names the region", "name it with --region-column"),
    "ambiguous-region-column": Code("Several columns may be the region", "use --region-column"),
    "no-value-column": Code("No column holds the population", "name it with --value-column"),
    "ambiguous-value-column": Code("Several population columns", "use --value-column"),
    "unknown-column": Code("No such column in the header", "use a name from the header"),
    "unknown-period": Code("Not a year, month or quarter", "write 2019, 2019M12 or 2019K4"),
    "age-breakdown": Code("By age without a total", "export with age 'totalt ålder'"),
    "incomplete-sex-breakdown": Code("One sex only", "export both sexes, or the total"),
    "unknown-breakdown": Code("Broken down by another variable", "export without it"),
    "unknown-category": Code("Unknown kön category", "export the total, or men and women"),
    "no-municipalities": Code("Counties or the country only", "export by municipality (kommun)"),
    "no-figures": Code("The table has no figures", "export the population table with figures"),
    "missing-figure": Code("SCB gives no figure for a member", "never 0: export another period"),
    "no-member-in-export": Code("None of the members in the export", "export the members' rows"),
    "data-after-end": Code("Data after the end of the table", "remove the blank line or note"),
    "not-population": Code("Another measure, not the population", "export Folkmängd (BE0101N1)"),
    "several-tables": Code("Several tables in one file", "save the population table alone"),
    "unknown-region": Code("Region not in the dataset", "write the name as in municipalities.csv"),
    "region-mismatch": Code("Region code and name disagree", "correct the code or the name"),
    "no-published-total": Code(
        "Men + women from 2025 on: not SCB's total", "fetch-scb, or export with kön 'totalt'"
    ),
    "year-not-published": Code("Year not published by SCB", "ask for the newest year SCB has"),
    # plausibility warnings
    "population-jump": Code("Population changes > 10 % in a year", "check the figure against SCB"),
    "budget-jump": Code("Budget changes > 25 % in a year", "look for a missing or doubled line"),
    "reference-after-year": Code("Reference date after the year", "use a date in or before it"),
    # the invoice register
    "register-locked": Code("Register in use by another run", "wait for it, then run again"),
    "disk-full": Code("Disk full", "free some space, then run again"),
    "register-unusable": Code("Not an invoice register", "point --register at register.sqlite"),
    "changed-copy": Code("Stored copy differs from its hash", "run norrort-cost register verify"),
    # Bankgirot's BgMax payment files
    "not-bgmax": Code("Not a BgMax file", "give the BgMax file from the bank"),
    "malformed-record": Code("Record not in BgMax's layout", "get the file again from the bank"),
    "unknown-record": Code("Unknown BgMax record type", "get the file again from the bank"),
    "misplaced-record": Code("Record out of place", "get the file again from the bank"),
    "totals-mismatch": Code("Counts or sums do not match", "the file is incomplete or changed"),
    "test-file": Code("Test file from Bankgirot", "import the production file"),
    "tab-character": Code("Tab character in the file", "read as spaces to the next 8th column"),
}

# A usage error's code (``UsageError.code``, the ``code`` of ``--format json``'s error
# record): what the request got wrong. The last ones are the command line's own parsing.
USAGE_CODES: Final[dict[str, str]] = {
    "usage-error": "a request the tool cannot do; the message says why",
    "unknown-year": "no budget for the year asked for",
    "unknown-municipality": "no member or municipality of that name or kommunkod",
    "not-a-member": "the municipality was not a member in the year asked for",
    "invalid-claim": "the claimed amount cannot be read as one amount",
    "invalid-change": "a what-if change cannot be applied (a date, a contradiction)",
    "invalid-option-value": "an option's value the command cannot use",
    "output-is-input": "--output names one of the dataset's own files",
    "output-failed": "the output cannot be written (closed, full, a directory, no file)",
    "missing-option": "a required option is missing",
    "missing-argument": "a required argument is missing",
    "unknown-option": "no such option",
    "unknown-command": "no such command",
    "extra-argument": "more arguments than the command takes",
    "bad-option-usage": "an option is given without its value, or wrongly",
}


def general_hint(code: str) -> str:
    """The table's hint for ``code`` (empty for a code not in the table)."""
    found = CODES.get(code)
    return found.hint if found else ""
