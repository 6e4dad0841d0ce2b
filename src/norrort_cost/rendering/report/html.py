"""The committee report as one self-contained HTML page: inline SVG charts, print CSS for A4.

No script, no external file, no network: the page reads the same in any browser, offline,
and prints on A4 (``@page``). The invoices' font (Source Sans Pro, cut to Latin-1, about
18 kB a style) is embedded, so å, ä and ö look the same everywhere. The same report gives
the same bytes.
"""

from __future__ import annotations

import base64
import re
from html import escape

from norrort_cost.rendering.pdf import font_bytes
from norrort_cost.rendering.report.content import ReportView, Section, Table

CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
:root { color: #1b1b1b; font-family: "Report Sans", "Source Sans Pro", Arial, sans-serif;
  font-size: 10.5pt; line-height: 1.4; }
body { margin: 0; background: #fff; }
main { max-width: 182mm; margin: 0 auto; padding: 8mm 6mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #ccc; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; }
.headline { font-size: 13pt; font-weight: 600; margin: 0 0 4mm; }
.notice { border: 2px solid #b3261e; color: #8c1d18; background: #fdf0ef; font-weight: 700;
  padding: 2.5mm 4mm; margin: 0 0 5mm; }
figure { margin: 0 0 5mm; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #555; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 2mm 0 3mm; }
th, td { padding: 1mm 1.4mm; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
th { text-align: left; border-bottom: 1.5px solid #555; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.num { white-space: normal; }
tr.focus td { background: #fbe3e1; font-weight: 700; }
tfoot td { font-weight: 700; border-top: 1.5px solid #555; border-bottom: none; }
tr { break-inside: avoid; }
ol.steps li { margin-bottom: 1mm; }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 1px solid #ccc; font-size: 8.5pt;
  color: #555; }
@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; } }
""".strip()


def font_faces() -> str:
    """CSS ``@font-face`` rules with the embedded font, regular and bold."""
    rules = []
    for style, font in sorted(font_bytes().items()):
        data = base64.b64encode(font).decode("ascii")
        weight = 700 if style == "B" else 400
        rules.append(
            f'@font-face {{ font-family: "Report Sans"; font-weight: {weight}; '
            f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
        )
    return "\n".join(rules)


def inline_svg(svg: str, label: str) -> str:
    """An SVG document as an element to put in a page: no XML prolog, labelled for readers."""
    body = svg[svg.index("<svg") :]
    body = re.sub(r"<metadata>.*?</metadata>\s*", "", body, flags=re.DOTALL)
    return body.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def report_html(view: ReportView, charts: tuple[tuple[str, str, str], ...]) -> str:
    """The page: ``charts`` holds (id, caption, SVG document) for each chart, in order."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{view.texts["html_lang"]}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(view.title)}</title>",
        f"<style>\n{font_faces()}\n{CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<header><h1>{escape(view.title)}</h1>",
        f'<p class="headline">{escape(view.headline)}</p></header>',
    ]
    if view.notice:
        parts.append(f'<p class="notice" role="note">{escape(view.notice)}</p>')
    for chart_id, caption, svg in charts:
        parts += [
            f'<figure class="chart" id="chart-{chart_id}">',
            inline_svg(svg, caption),
            f"<figcaption>{escape(caption)}</figcaption>",
            "</figure>",
        ]
    parts += [_section(section) for section in view.sections]
    parts += [f"<footer>{escape(view.footer)}</footer>", "</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _section(section: Section) -> str:
    out = [f"<section>\n<h2>{escape(section.title)}</h2>"]
    out += [f"<p>{escape(text)}</p>" for text in section.paragraphs]
    if section.subtitle:
        out.append(f"<h3>{escape(section.subtitle)}</h3>")
    if section.steps:
        items = "".join(f"<li>{escape(step)}</li>" for step in section.steps)
        out.append(f'<ol class="steps">{items}</ol>')
    out += [_table(table) for table in section.tables]
    out.append("</section>")
    return "\n".join(out)


def _cells(tag: str, values: tuple[str, ...], numeric: tuple[bool, ...]) -> str:
    return "".join(
        f'<{tag} class="num">{escape(v)}</{tag}>' if num else f"<{tag}>{escape(v)}</{tag}>"
        for v, num in zip(values, numeric, strict=True)
    )


def _table(table: Table) -> str:
    rows = []
    for index, row in enumerate(table.rows):
        mark = ' class="focus"' if index == table.highlight else ""
        rows.append(f"<tr{mark}>{_cells('td', row, table.numeric)}</tr>")
    out = [
        "<table>",
        f"<thead><tr>{_cells('th', table.header, table.numeric)}</tr></thead>",
        "<tbody>",
        *rows,
        "</tbody>",
    ]
    if table.total is not None:
        out.append(f"<tfoot><tr>{_cells('td', table.total, table.numeric)}</tr></tfoot>")
    out.append("</table>")
    return "\n".join(out)
