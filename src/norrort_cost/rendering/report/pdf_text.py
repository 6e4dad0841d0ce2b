"""Paragraphs in the report's PDF: words wrapped once, each line one fpdf2 cell.

fpdf2's ``multi_cell`` measures the whole line again for every character it adds, which
made the report's paragraphs, notes and table headings cost more than everything else it
draws. The report's texts are plain words with single spaces, so they are wrapped here the
way ``multi_cell`` wraps them (greedily at spaces, within the cell's width less its inner
margins; a word wider than that is cut where it overflows) and each line is drawn as one
cell: the same lines at the same places, a page break between any two lines as before.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

TOLERANCE = 1e-9  # mm: fpdf2's own, so that a line that just fits is not broken


def wrapped(pdf: FPDF, text: str, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` mm less the cell's margins, current font.

    A line's width is the sum of its words' and spaces' widths (fpdf2 adds up its letters'
    widths the same way; no kerning), each word measured once.
    """
    room = width - 2 * pdf.c_margin + TOLERANCE
    space = pdf.get_string_width(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split(" "):
            size = pdf.get_string_width(word)
            if not line or used + space + size > room:
                if line:
                    lines.append(line)
                line, used = word, size
                while len(line) > 1 and used > room:
                    cut = _fitting(pdf, line, room)
                    lines.append(line[:cut])
                    line = line[cut:]
                    used = pdf.get_string_width(line)
            else:
                line, used = f"{line} {word}", used + space + size
        lines.append(line)
    return lines


def _fitting(pdf: FPDF, word: str, room: float) -> int:
    """How many of ``word``'s first letters fit in ``room`` mm (at least one)."""
    count = 1
    while count < len(word) and pdf.get_string_width(word[: count + 1]) <= room:
        count += 1
    return count


def paragraph(pdf: FPDF, width: float, height: float, text: str, align: str = "L") -> None:
    """``text`` wrapped to ``width`` from the current position, one line every ``height`` mm.

    Every line starts where the first did; afterwards the position is at the left margin
    under the last line, as ``multi_cell(..., new_x=LMARGIN, new_y=NEXT)`` leaves it.
    """
    x = pdf.get_x()
    for line in wrapped(pdf, text, width):
        pdf.set_x(x)
        pdf.cell(width, height, line, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
