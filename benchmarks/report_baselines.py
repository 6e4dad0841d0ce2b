"""The committee report drawn the plain way, from its content in a JSON file: the baselines.

    python benchmarks/report_baselines.py pdf CONTENT.json OUT.pdf
    python benchmarks/report_baselines.py html CONTENT.json OUT.html
    python benchmarks/report_baselines.py allocate-pdf CONTENT.json OUT.pdf   # or allocate-html

``CONTENT.json`` is what ``report_bench.content`` writes: the report's texts, tables and
the shapes of its two charts, as norrort-cost laid them out. ``pdf`` draws them with plain
fpdf2 in the same font files (the notice at the head of every page, the footer with page
numbers, paragraphs, table cells, chart shapes); ``html`` writes them as a page with the
charts as inline SVG (``str.format``). ``allocate-pdf`` and ``allocate-html`` first run
``norrort-cost allocate --year 2014 --format json`` in this process (the command line's
stack and the year's numbers), then draw the same. Nothing but the plain library and the
standard library is used to draw: no checks, no layout decisions beyond fpdf2's own.
"""

from __future__ import annotations

import json
import sys
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpdf import FPDF

W, M = 180.0, 15.0  # the text width and the margins, mm
RED, GREY = (179, 38, 30), (90, 90, 90)


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three integers."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def pdf(doc: dict[str, Any], out: Path) -> None:
    """The document with plain fpdf2, in Source Sans Pro from the wheel the command uses."""
    from importlib import resources

    from fpdf import FPDF

    class Page(FPDF):
        def header(self) -> None:
            if doc["notice_short"]:
                self.set_y(6)
                self.set_font("Sans", "B", 8)
                self.set_text_color(*RED)
                self.cell(W, 4, doc["notice_short"], align="C", new_x="LMARGIN", new_y="NEXT")
                self.set_y(M)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("Sans", "", 7.5)
            self.set_text_color(*GREY)
            self.multi_cell(W - 15, 3.5, doc["footer"], new_y="TOP")
            self.cell(15, 3.5, f"{self.page_no()}/{{nb}}", align="R")

    page = Page(orientation="portrait", unit="mm", format="A4")
    files = resources.files("font_source_sans_pro") / "files"
    for style, name in (("", "SourceSansPro-Regular.ttf"), ("B", "SourceSansPro-Bold.ttf")):
        with resources.as_file(files / name) as path:
            page.add_font("Sans", style, str(path))
    page.set_margins(M, M, M)
    page.set_auto_page_break(auto=True, margin=M + 4)
    page.add_page()
    _paragraph(page, 16, doc["title"], bold=True, height=7.5)
    _paragraph(page, 12, doc["headline"], bold=True, height=6)
    if doc["notice"]:
        page.set_draw_color(*RED)
        page.set_font("Sans", "B", 10)
        page.multi_cell(W, 5.5, doc["notice"], border=1, padding=2, new_x="LMARGIN", new_y="NEXT")
    _section(page, doc["summary"])
    for chart in doc["charts"]:
        _chart(page, chart)
    for section in doc["sections"]:
        _section(page, section)
    page.output(str(out))


def _paragraph(
    page: FPDF, size: float, text: str, *, bold: bool = False, height: float = 5
) -> None:
    page.set_font("Sans", "B" if bold else "", size)
    page.set_text_color(0, 0, 0)
    page.multi_cell(W, height, text, new_x="LMARGIN", new_y="NEXT")


def _section(page: FPDF, section: dict[str, Any]) -> None:
    if page.get_y() + 30 > page.page_break_trigger:
        page.add_page()
    page.set_font("Sans", "B", 12.5)
    page.cell(W, 7, section["title"], border="B", new_x="LMARGIN", new_y="NEXT")
    for key, value in section["facts"]:
        page.set_font("Sans", "B", 10)
        page.cell(48, 5.5, key)
        page.set_font("Sans", "", 10)
        page.multi_cell(W - 48, 5.5, value, new_x="LMARGIN", new_y="NEXT")
    for text in section["paragraphs"]:
        _paragraph(page, 10, text)
    if section["subtitle"]:
        _paragraph(page, 11, section["subtitle"], bold=True, height=6)
    for number, step in enumerate(section["steps"], start=1):
        page.set_font("Sans", "", 9.5)
        page.cell(7, 5, f"{number}.")
        page.multi_cell(W - 7, 5, step, new_x="LMARGIN", new_y="NEXT")
    for table in section["tables"]:
        if page.get_y() + 40 > page.page_break_trigger:
            page.add_page()
        _table(page, table)


def _table(page: FPDF, table: dict[str, Any]) -> None:
    width = W / len(table["header"])
    page.set_font("Sans", "B", 9)
    top = page.get_y()
    for index, heading in enumerate(table["header"]):
        page.set_xy(M + index * width, top)
        page.multi_cell(width, 4, heading, new_x="RIGHT")
    page.set_xy(M, top + 12)
    page.set_font("Sans", "", 9)
    for row in table["rows"] + ([table["total"]] if table["total"] else []):
        for value, numeric in zip(row, table["numeric"], strict=True):
            page.cell(width, 4.6, value, align="R" if numeric else "L")
        page.ln(4.6)
        page.line(M, page.get_y(), M + W, page.get_y())
    page.ln(2)


def _chart(page: FPDF, chart: dict[str, Any]) -> None:
    if page.get_y() + chart["height"] + 10 > page.page_break_trigger:
        page.add_page()
    top = page.get_y()
    for kind, *values in chart["shapes"]:
        if kind == "rect":
            _rect(page, values, top)
        elif kind == "line":
            x1, y1, x2, y2, colour, width, dashed = values
            page.set_draw_color(*rgb(colour))
            page.set_line_width(width)
            if dashed:
                page.set_dash_pattern(dash=1.2, gap=0.8)
            else:
                page.set_dash_pattern()
            page.line(M + x1, top + y1, M + x2, top + y2)
        else:
            x, y, text, size, colour, bold, anchor = values
            page.set_font("Sans", "B" if bold else "", size)
            page.set_text_color(*rgb(colour))
            if anchor != "start":
                width = page.get_string_width(text)
                x -= width if anchor == "end" else width / 2
            page.text(M + x, top + y, text)
    page.set_dash_pattern()
    page.set_y(top + chart["height"])
    for note in chart["notes"]:
        _paragraph(page, 8, note, height=4)
    _paragraph(page, 8, chart["caption"], height=4)


def _rect(page: FPDF, values: list[Any], top: float) -> None:
    x, y, w, h, fill, outline = values
    if w <= 0 or h <= 0:
        return
    if fill != "none":
        page.set_fill_color(*rgb(fill))
        page.rect(M + x, top + y, w, h, style="F")
    if outline:
        page.set_draw_color(*rgb(outline))
        page.set_dash_pattern(dash=0.8, gap=0.5)
        page.rect(M + x, top + y, w, h, style="D")
        page.set_dash_pattern()


def html(doc: dict[str, Any], out: Path) -> None:
    """The document as one HTML page, its charts as inline SVG written with ``str.format``."""
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{escape(doc['title'])}</title><style>{doc['css']}</style></head><body><main>",
        f"<h1>{escape(doc['title'])}</h1><p>{escape(doc['headline'])}</p>",
        f"<p>{escape(doc['notice'] or '')}</p>",
        _html_section(doc["summary"]),
    ]
    for chart in doc["charts"]:
        svg = "\n".join(_svg_shape(shape) for shape in chart["shapes"])
        notes = "".join(f"<span>{escape(note)}</span>" for note in chart["notes"])
        box = f"0 0 {_n(chart['width'])} {_n(chart['height'])}"
        caption = escape(chart["caption"])
        parts.append(
            f'<figure><svg viewBox="{box}" role="img" aria-label="{caption}">{svg}</svg>'
            f"<figcaption>{caption}{notes}</figcaption></figure>"
        )
    parts += [_html_section(section) for section in doc["sections"]]
    parts.append(f"<footer>{escape(doc['footer'])}</footer></main></body></html>")
    out.write_text("\n".join(parts), encoding="utf-8")


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg_shape(shape: list[Any]) -> str:
    kind, *v = shape
    if kind == "rect":
        border = f' stroke="{v[5]}" stroke-dasharray="0.8 0.5"' if v[5] else ""
        box = f'x="{_n(v[0])}" y="{_n(v[1])}" width="{_n(max(v[2], 0))}"'
        return f'<rect {box} height="{_n(max(v[3], 0))}" fill="{v[4]}"{border}/>'
    if kind == "line":
        dash = ' stroke-dasharray="1.2 0.8"' if v[6] else ""
        ends = f'x1="{_n(v[0])}" y1="{_n(v[1])}" x2="{_n(v[2])}" y2="{_n(v[3])}"'
        return f'<line {ends} stroke="{v[4]}" stroke-width="{_n(v[5])}"{dash}/>'
    x, y, text, size, colour, bold, anchor = v
    weight = ' font-weight="700"' if bold else ""
    where = f'x="{_n(x)}" y="{_n(y)}" font-size="{_n(size * 0.3528)}"'
    return f'<text {where} fill="{colour}" text-anchor="{anchor}"{weight}>{escape(text)}</text>'


def _cells(tag: str, values: list[str]) -> str:
    return "<tr>" + "".join(f"<{tag}>{escape(v)}</{tag}>" for v in values) + "</tr>"


def _html_section(section: dict[str, Any]) -> str:
    out = [f"<section><h2>{escape(section['title'])}</h2>"]
    out += [_cells("td", pair) for pair in section["facts"]]
    out += [f"<p>{escape(text)}</p>" for text in section["paragraphs"]]
    out += [f"<h3>{escape(section['subtitle'])}</h3>"] if section["subtitle"] else []
    out += [f"<li>{escape(step)}</li>" for step in section["steps"]]
    for table in section["tables"]:
        rows = "".join(_cells("td", row) for row in table["rows"])
        total = _cells("td", table["total"]) if table["total"] else ""
        out.append(f"<table>{_cells('th', table['header'])}{rows}{total}</table>")
    return "\n".join(out) + "</section>"


def allocate() -> None:
    """``norrort-cost allocate --year 2014 --format json`` in this process, output dropped."""
    import contextlib
    import io

    from norrort_cost.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        main(["allocate", "--year", "2014", "--format", "json"])


def main(argv: list[str]) -> None:
    """Draw the content file named second into the file named third, as the first says."""
    kind, content, out = argv[0], Path(argv[1]), Path(argv[2])
    doc = json.loads(content.read_text(encoding="utf-8"))
    if kind.startswith("allocate-"):
        allocate()
        kind = kind.removeprefix("allocate-")
    if kind == "pdf":
        pdf(doc, out)
    elif kind == "html":
        html(doc, out)
    else:
        raise SystemExit(f"unknown baseline {kind!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
