"""Workbooks people like: real numbers and dates, Swedish-friendly formats, a header to hold on to.

Every sheet has one bold header row (frozen, with a filter), then one row per member and a
bold totals row; nothing above the header, so ``pandas.read_excel`` reads it as it is.
Amounts are numbers with the format ``#,##0.00`` (Swedish Excel shows ``24 291,03``),
shares are fractions with a percentage format, dates are dates (``yyyy-mm-dd``), and a
kommunkod is text (``0114`` keeps its zero). Notes (illustrative budget, method, sources)
go on their own sheet. Every sheet prints: A4, landscape when wide, one page wide, the
header row repeated on each page and the page number in the footer; a column is as wide as
its header (bold, with the filter button) or its widest value. The bytes are the same for
the same input (fixed zip timestamps).
openpyxl is imported only here, and only when a workbook is written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from norrort_cost.money import format_decimal_sv
from norrort_cost.rendering.files import fixed_zip_dates, neutralise
from norrort_cost.rendering.i18n import _

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


class Kind(StrEnum):
    """What a column holds, and so its cell type and number format."""

    TEXT = "text"
    COUNT = "count"
    AMOUNT = "amount"
    PERCENT = "percent"
    DATE = "date"


FORMATS = {
    Kind.TEXT: "@",
    Kind.COUNT: "#,##0",
    Kind.AMOUNT: "#,##0.00",
    Kind.PERCENT: "0.0000%",
    Kind.DATE: "yyyy-mm-dd",
}
WIDEST = 60
# the column widths (in Excel's character units) a portrait A4 page holds at 100 %
PORTRAIT_WIDTH = 90
# a bold header with the filter's drop-down button beside it needs about this much more
HEADER_ROOM = 5


@dataclass(frozen=True)
class SheetColumn:
    """One column: its header for people, its kind, its values and, maybe, its total."""

    header: str
    kind: Kind
    values: Sequence[Any]
    total: Any = None


@dataclass(frozen=True)
class Sheet:
    """One sheet: a table with a header row and, if any column has a total, a totals row."""

    title: str
    columns: Sequence[SheetColumn]
    total_label: str = ""


def workbook(sheets: Sequence[Sheet], notes_title: str, notes: Sequence[str]) -> bytes:
    """The workbook's bytes: the sheets in order, then the notes on a sheet of their own."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None  # noqa: S101 - a new workbook always has one sheet
    book.remove(first)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.title[:31]), sheet)
    notes_sheet = book.create_sheet(notes_title[:31])
    for note in notes:
        notes_sheet.append([neutralise(note)])
    notes_sheet.column_dimensions["A"].width = 100
    _print_setup(notes_sheet, width=100, title_row=False)
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip_dates(buffer.getvalue())


def _write_sheet(worksheet: Worksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    worksheet.append([neutralise(c.header) for c in sheet.columns])
    rows = len(sheet.columns[0].values) if sheet.columns else 0
    for index in range(rows):
        worksheet.append([_cell(c.kind, c.values[index]) for c in sheet.columns])
    if any(c.total is not None for c in sheet.columns):
        label = [sheet.total_label] + [None] * (len(sheet.columns) - 1)
        totals = [
            _cell(c.kind, c.total) if c.total is not None else label[i]
            for i, c in enumerate(sheet.columns)
        ]
        worksheet.append(totals)
        for cell in worksheet[worksheet.max_row]:
            cell.font = bold
    for position, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(position)
        for cell in worksheet[letter][1:]:
            cell.number_format = FORMATS[column.kind]
        worksheet.column_dimensions[letter].width = _width(column)
    for cell in worksheet[1]:
        cell.font = bold
    worksheet.freeze_panes = "A2"
    last = get_column_letter(max(len(sheet.columns), 1))
    worksheet.auto_filter.ref = f"A1:{last}{rows + 1}"
    _print_setup(worksheet, width=sum(_width(c) for c in sheet.columns), title_row=True)


def _print_setup(worksheet: Worksheet, *, width: float, title_row: bool) -> None:
    """A sheet that prints: A4, landscape when its columns are wider than a portrait page,
    fitted to one page wide (as many pages tall as it takes), the header row repeated on
    every page, and the page number in the footer ("Sida 1 av 2")."""
    setup = worksheet.page_setup
    setup.paperSize = worksheet.PAPERSIZE_A4
    setup.orientation = "landscape" if width > PORTRAIT_WIDTH else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    worksheet.print_options.gridLines = False
    if title_row:
        worksheet.print_title_rows = "1:1"
    footer, header = worksheet.oddFooter, worksheet.oddHeader
    if footer is not None:
        footer.center.text = _("Page &P of &N")
    if header is not None:
        header.center.text = neutralise(worksheet.title).replace("&", "&&")


def _cell(kind: Kind, value: Any) -> Any:  # noqa: ANN401 - spreadsheet cell
    if value is None or kind in {Kind.AMOUNT, Kind.PERCENT, Kind.COUNT, Kind.DATE}:
        return value
    return neutralise(str(value))


def _shown(kind: Kind, value: Any) -> str:  # noqa: ANN401 - spreadsheet cell
    """About how the value looks in Excel, for the column's width."""
    if value is None:
        return ""
    if kind == Kind.AMOUNT:
        return format_decimal_sv(Decimal(value).quantize(Decimal("0.01"))) + "  "
    if kind == Kind.PERCENT:
        return "100,0000 %"
    if kind == Kind.COUNT:
        return format_decimal_sv(Decimal(value)) + " "
    if isinstance(value, date):
        return "yyyy-mm-dd"
    return str(value)


def _width(column: SheetColumn) -> float:
    """Wide enough for every value and for the header (bold, with its filter button)."""
    texts = [_shown(column.kind, v) for v in (*column.values, column.total)]
    values = max((len(t) for t in texts), default=0) + 2
    header = len(column.header) + len(column.header) // 10 + HEADER_ROOM  # bold is wider
    return min(WIDEST, max(values, header))
