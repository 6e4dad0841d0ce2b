"""Invoices and credit notes as PDF: A4, Swedish, an embedded font, identical bytes each time.

The font is Source Sans Pro (SIL Open Font License) from the ``font-source-sans-pro``
wheel on PyPI: it installs with pip alone on any machine, has å, ä, ö, and is small. The
PDF's dates are set from the invoice's issue date, never from the clock.

Parsing the whole font for every invoice dominated the time of a run, so the font is cut
once per process, in memory, to the characters invoices use (Latin-1, dashes, quotes, €).
fpdf2 reads fonts from files, so each document writes the cut into a temporary folder that
lives exactly as long as the document is rendered (nothing is left behind, even when a
signal interrupts the run; a folder a SIGKILL left is removed by the next run). Text is
normalised to NFC; a character the font does not have is printed as ``?`` (see
:func:`unprintable`, which the command line reports).

Every page has the footer (the seller's name, address, organisationsnummer, bankgiro and
contact, and "Sida N (M)"); a page after the first repeats the header with the document
number and, for example data, the EXEMPEL marking.
"""

from __future__ import annotations

import functools
import io
import os
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time
from importlib import resources
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from norrort_cost.invoicing.documents import Invoice
from norrort_cost.rendering.invoice_text import basis_text, line_description, line_name
from norrort_cost.rendering.pdf_sections import (
    FONT,
    FOOTER_HEIGHT,
    MARGIN,
    RED,
    WIDTH,
    example_marking,
    footer,
    header,
    lines,
    parties,
    payment,
    preliminary_marking,
    set_font,
    title,
    totals,
    watermark,
)

__all__ = [
    "FONT",
    "MARGIN",
    "WIDTH",
    "close_fonts",
    "font_bytes",
    "fonts",
    "invoice_pdf",
    "prepare",
    "printable",
    "unprintable",
]

_FONT_FILES = {"": "SourceSansPro-Regular.ttf", "B": "SourceSansPro-Bold.ttf"}

# Basic Latin, Latin-1 (all Swedish letters, ×, ÷, no-break space), dashes, quotes, €, −
_CHARACTERS = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x100),
    *range(0x2010, 0x2015),
    *range(0x2018, 0x201F),
    0x2026,
    0x20AC,
    0x2212,
]
_PRINTABLE = frozenset(map(chr, _CHARACTERS))


def printable(text: str) -> str:
    """``text`` in NFC, with every character the font lacks replaced by ``?``."""
    return "".join(c if c in _PRINTABLE else "?" for c in unicodedata.normalize("NFC", text))


def unprintable(invoice: Invoice) -> set[str]:
    """The characters of the invoice's texts that the PDF prints as ``?``."""
    texts = [
        invoice.seller.name, invoice.buyer.name, invoice.buyer_reference, invoice.cooperation,
        *invoice.buyer.address_lines, *invoice.seller.address_lines,
        invoice.contact.our_reference, invoice.contact.name, invoice.contact.email,
    ]  # fmt: skip
    for line in invoice.lines:
        texts += [line_name(line.subject), line_description(line.subject)]
        texts += basis_text(line.basis)
    return {c for text in texts for c in unicodedata.normalize("NFC", text) if c not in _PRINTABLE}


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice (or credit note) as an A4 PDF."""
    with fonts() as files:
        pdf = _InvoicePdf(invoice)
        try:
            for style, path in files.items():
                pdf.add_font(FONT, style, path)
            pdf.add_page()
            parties(pdf, invoice)
            lines(pdf, invoice)
            totals(pdf, invoice)
            if not invoice.is_credit_note:
                payment(pdf, invoice)
            return bytes(pdf.output())
        finally:
            close_fonts(pdf)


def close_fonts(pdf: FPDF) -> None:
    """Close the font files fpdf2 keeps open (it reads them lazily until the output)."""
    for font in pdf.fonts.values():
        closing = getattr(getattr(font, "ttfont", None), "close", None)
        if closing is not None:
            closing()


def prepare() -> None:
    """Cut the font now (it is cut once per process, on first use otherwise)."""
    _font_cut()


def font_bytes() -> dict[str, bytes]:
    """The cut font by style (``""`` regular, ``"B"`` bold), as bytes, cut once per process."""
    return dict(_font_cut())


@functools.cache
def _font_cut() -> dict[str, bytes]:
    """The two font styles cut to the characters invoices use, once per process, in memory."""
    from fontTools import subset  # fpdf2 depends on fontTools

    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    cuts: dict[str, bytes] = {}
    for style, name in _FONT_FILES.items():
        source = resources.files("font_source_sans_pro") / "files" / name
        with resources.as_file(source) as path:
            font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=_CHARACTERS)
        subsetter.subset(font)
        buffer = io.BytesIO()
        subset.save_font(font, buffer, options)
        font.close()
        cuts[style] = buffer.getvalue()
    return cuts


_FOLDER_PREFIX = "norrort-cost-fonts-"


@contextmanager
def fonts() -> Iterator[dict[str, Path]]:
    """The cut fonts as files in a temporary folder that is removed when the block ends.

    The folder's name carries the process id; a run killed with SIGKILL cannot remove its
    own, so the first document of every later run removes the folders of processes that
    are gone (:func:`remove_stale_font_folders`).
    """
    remove_stale_font_folders()
    prefix = f"{_FOLDER_PREFIX}{os.getpid()}-"
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        files = {}
        for style, data in _font_cut().items():
            files[style] = Path(folder) / _FONT_FILES[style]
            files[style].write_bytes(data)
        yield files


@functools.cache
def remove_stale_font_folders(directory: str | None = None) -> tuple[str, ...]:
    """Remove font folders left by processes that no longer run (once per process).

    Returns the names removed. A folder of a live process (another run, now) is kept, and
    so is one that cannot be removed (another user's): nothing here stops a document.
    """
    import shutil

    base = Path(directory or tempfile.gettempdir())
    removed = []
    for folder in base.glob(f"{_FOLDER_PREFIX}*"):
        pid = folder.name.removeprefix(_FOLDER_PREFIX).split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)) or not folder.is_dir():
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder.name)
    return tuple(removed)


def _alive(pid: int) -> bool:
    """Whether a process with this id runs (one we may not signal counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class _InvoicePdf(FPDF):
    """A4 document whose every page has the header (repeated, short) and the footer."""

    def __init__(self, invoice: Invoice) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.invoice = invoice
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + FOOTER_HEIGHT)
        self.set_creation_date(datetime.combine(invoice.issue_date, time(0, 0), tzinfo=UTC))
        self.set_title(f"{title(invoice).capitalize()} {invoice.number}")
        self.set_author(printable(invoice.seller.name))
        self.set_subject(printable(f"{invoice.cooperation} {invoice.year}: {invoice.buyer.name}"))
        self.set_creator("norrort-cost")
        self.set_lang("sv-SE")
        self.alias_nb_pages("{nb}")

    def normalize_text(self, text: str) -> str:
        """Every text in NFC, characters the font lacks as ``?`` (never dropped silently)."""
        return super().normalize_text(printable(text))

    def header(self) -> None:
        """The full header on the first page; the number and EXEMPEL on every other page."""
        if self.page_no() == 1:
            header(self, self.invoice)
            if self.invoice.is_example:
                example_marking(self, self.invoice)
            if self.invoice.is_preliminary:
                preliminary_marking(self, self.invoice)
            return
        set_font(self, 10, bold=True)
        self.cell(WIDTH / 2, 6, printable(self.invoice.seller.name))
        heading = f"{title(self.invoice).upper()} {self.invoice.number} (forts.)"
        self.cell(0, 6, heading, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.invoice.is_example:
            watermark(self)
            set_font(self, 9, bold=True, color=RED)
            self.cell(0, 5, "EXEMPEL", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(6)

    def footer(self) -> None:
        """The seller's details and the page number."""
        footer(self, self.invoice)
