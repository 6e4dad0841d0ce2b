"""The output formats, named once: every command offers some of them.

``table`` is for people (rich, on the terminal); ``csv``, ``json`` and ``xlsx`` are records
for machines (dot decimals, ISO dates); ``pdf`` and ``ubl`` (PEPPOL BIS Billing 3.0 XML)
are invoices; ``html`` and ``pdf`` the committee report. A ``StrEnum``, so a format
compares equal to its name.
"""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """An output format, by the name the command line takes."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
    PDF = "pdf"
    UBL = "ubl"
    HTML = "html"


ALLOCATION_FORMATS = (Format.TABLE, Format.CSV, Format.JSON, Format.XLSX)
REPORT_FORMATS = (Format.TABLE, Format.JSON)
TABULAR_FORMATS = (Format.TABLE, Format.CSV, Format.JSON, Format.XLSX)
INVOICE_FORMATS = (Format.PDF, Format.UBL, Format.CSV, Format.JSON)
REPORT_FILE_FORMATS = (Format.HTML, Format.PDF)
