"""The committee report as one self-contained HTML page: inline SVG charts, print CSS for A4.

No script, no external file, no network: the page reads the same in any browser, offline,
and prints on A4 (``@page``). The charts are SVG written by :mod:`svg`; the text uses the
reader's system sans-serif (no font is embedded, so nothing is computed per run and no PDF
library is imported). The same report gives the same bytes.
"""

from __future__ import annotations

from html import escape

from norrort_cost.rendering.report.content import ReportView
from norrort_cost.rendering.report.drawing import Chart
from norrort_cost.rendering.report.parts import Section, Table
from norrort_cost.rendering.report.svg import chart_svg

CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
:root { color: #1b1b1b; font-family: system-ui, -apple-system, "Segoe UI", Roboto,
  "Source Sans Pro", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
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
figure svg text { font-family: inherit; }
figcaption { font-size: 8.5pt; color: #555; }
figcaption .note { display: block; color: #333; }
table.facts { font-size: 10pt; width: auto; }
table.facts th { font-weight: 600; border-bottom: 1px solid #e3e3e3; padding-right: 5mm; }
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


def report_html(view: ReportView, charts: tuple[Chart, ...]) -> str:
    """The page: the header, the summary, the charts in order, then the sections."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{view.texts["html_lang"]}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(view.title)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<header><h1>{escape(view.title)}</h1>",
        f'<p class="headline">{escape(view.headline)}</p></header>',
    ]
    if view.notice:
        parts.append(f'<p class="notice" role="note">{escape(view.notice)}</p>')
    parts.append(_section(view.summary))
    for chart in charts:
        notes = "".join(f'<span class="note">{escape(note)}</span>' for note in chart.notes)
        parts += [
            f'<figure class="chart" id="chart-{chart.id}">',
            chart_svg(chart),
            f"<figcaption>{escape(chart.caption)}{notes}</figcaption>",
            "</figure>",
        ]
    parts += [_section(section) for section in view.sections]
    parts += [f"<footer>{escape(view.footer)}</footer>", "</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _section(section: Section) -> str:
    out = [f"<section>\n<h2>{escape(section.title)}</h2>"]
    if section.facts:
        rows = "".join(
            f'<tr><th scope="row">{escape(k)}</th><td>{escape(v)}</td></tr>'
            for k, v in section.facts
        )
        out.append(f'<table class="facts">{rows}</table>')
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
