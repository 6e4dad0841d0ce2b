"""The committee report against the same report drawn the plain way, after the same stack.

Called by ``run.py`` (its ``report`` step); runnable alone too:

    python benchmarks/report_bench.py --runs 5

Every measurement compares the CPU time (user + system) of a child process running the
installed command with baselines run in the same rounds (interleaved, after a warm-up
round; medians). The baselines draw exactly what the command draws: before measuring,
the report's content (its texts, tables and the two charts' rectangles, lines and texts)
is written once to a JSON file by norrort-cost's own layout (:func:`content`), and
``report_baselines.py`` draws that file with the plain library:

- **PDF**: plain fpdf2 drawing the same pages in the same font files (Source Sans Pro
  regular and bold from the same wheel, cut by fpdf2 at output), the notice at the head of
  every page, the footer and page numbers, every paragraph, table cell and chart shape
  with fpdf2's own calls. Both PDFs must have the same number of pages.
- **HTML**: the same page (texts, tables, CSS, the charts as inline SVG) written with
  ``str.format``.

The target compares the command with ``allocate --year 2014 --format json`` (run in the
baseline's process: the command line's stack, the dataset read and checked, the year
allocated) followed by the same plain drawing. That is the work any way of making this
report must do, and what the report adds to it is what this step judges: a detour (the
SVG parser, a PDF library imported for the HTML page, a font cut on every run, a plotting
library) shows at once. The stack's own cost is judged by the ``allocate`` step, against
the libraries it imports. The PDF's detail also gives plain fpdf2 alone: that ratio
cannot reach 1.3 while the stack costs more than 0.3 times fpdf2's import and drawing
(even a report layer that cost nothing would be ``(stack + fpdf2) / fpdf2``), so it is
shown, not judged.

The package's modules are compiled to bytecode first (``compileall``, as ``pip install``
does), so that an interpreter started with ``PYTHONDONTWRITEBYTECODE`` does not charge the
command for compiling its own source on every run.
"""

from __future__ import annotations

import argparse
import compileall
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # verdict, when run on its own
from verdict import Verdict

PDF_TARGET = 1.3
HTML_TARGET = 1.3
YEAR, MEMBER, DATE, LANG = 2014, "Ekerö", "2024-05-02", "sv"
REPORT = ("report", "--year", str(YEAR), "-m", MEMBER, "--date", DATE, "--lang", LANG)
HERE = Path(__file__).resolve().parent


def content(path: Path) -> None:
    """Write the measured report's texts, tables and chart shapes to ``path`` as JSON.

    Laid out by norrort-cost itself (the embedded dataset, the arguments of :data:`REPORT`),
    so that the baselines draw the very same things.
    """
    from dataclasses import astuple
    from datetime import date

    from norrort_cost import load_dataset
    from norrort_cost.audit.report import committee_report
    from norrort_cost.rendering.report import report_charts
    from norrort_cost.rendering.report.content import report_view
    from norrort_cost.rendering.report.html import CSS
    from norrort_cost.rendering.report.parts import Section

    report = committee_report(
        load_dataset(),
        YEAR,
        made_on=date.fromisoformat(DATE),
        municipality=MEMBER,
    )
    view = report_view(report, LANG, "0")

    def section(s: Section) -> dict[str, object]:
        tables = [
            {"header": t.header, "rows": t.rows, "numeric": t.numeric, "total": t.total}
            for t in s.tables
        ]
        return {
            "title": s.title,
            "facts": s.facts,
            "paragraphs": s.paragraphs,
            "subtitle": s.subtitle,
            "steps": s.steps,
            "tables": tables,
        }

    charts = [
        {
            "caption": c.caption,
            "width": c.width,
            "height": c.height,
            "notes": c.notes,
            "shapes": [[type(s).__name__.lower(), *astuple(s)] for s in c.shapes],
        }
        for c in report_charts(report, LANG)
    ]
    document = {
        "title": view.title,
        "headline": view.headline,
        "notice": view.notice,
        "notice_short": view.texts["notice_short"] if view.notice else "",
        "footer": view.footer,
        "css": CSS,
        "summary": section(view.summary),
        "sections": [section(s) for s in view.sections],
        "charts": charts,
    }
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def cpu_seconds(argv: list[str]) -> float:
    """CPU seconds (user + system) that running ``argv`` to completion costs its process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(commands: list[Callable[[int], list[str]]], runs: int) -> list[float]:
    """Median CPU seconds of each command, taking turns round by round, after a warm-up."""
    for command in commands:
        cpu_seconds(command(-1))
    rounds = [[cpu_seconds(command(i)) for command in commands] for i in range(runs)]
    return [statistics.median(r[k] for r in rounds) for k in range(len(commands))]


def compile_package() -> None:
    """Compile norrort-cost's modules to bytecode, as installing a wheel does."""
    import norrort_cost

    compileall.compile_dir(Path(norrort_cost.__file__).parent, quiet=1)


def pages(path: Path) -> int:
    """How many pages a PDF written by fpdf2 has (its page objects)."""
    return len(re.findall(rb"/Type /Page\s", path.read_bytes()))


def report(cli: str, runs: int) -> list[Verdict]:
    """The report as PDF and as HTML, each against allocate + the same drawn the plain way."""
    compile_package()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        document = folder / "content.json"
        subprocess.run([sys.executable, __file__, "--content", str(document)], check=True)

        def ours(suffix: str) -> Callable[[int], list[str]]:
            return lambda i: [cli, *REPORT, "-o", str(folder / f"ours-{i}.{suffix}")]

        def plain(kind: str, suffix: str) -> Callable[[int], list[str]]:
            script = str(HERE / "report_baselines.py")
            out = str(folder / f"{kind}-{{}}.{suffix}")
            return lambda i: [sys.executable, script, kind, str(document), out.format(i)]

        pdf_ours, pdf_stack, pdf_alone = interleaved(
            [ours("pdf"), plain("allocate-pdf", "pdf"), plain("pdf", "pdf")], runs
        )
        html_ours, html_stack = interleaved([ours("html"), plain("allocate-html", "html")], runs)
        page_counts = pages(folder / "ours-0.pdf"), pages(folder / "pdf-0.pdf")
        if page_counts[0] != page_counts[1]:
            raise SystemExit(f"the baseline drew {page_counts[1]} pages, ours {page_counts[0]}")
        alone = f"{pdf_ours / pdf_alone:.2f}× plain fpdf2 alone ({pdf_alone * 1000:.0f} ms)"
        return [
            Verdict(
                "6. report PDF / allocate + plain fpdf2, same pages",
                pdf_ours / pdf_stack,
                PDF_TARGET,
                f"{_ms(pdf_ours, pdf_stack)} CPU, {page_counts[0]} pages each; {alone}",
            ),
            Verdict(
                "6. report HTML / allocate + the same page",
                html_ours / html_stack,
                HTML_TARGET,
                f"{_ms(html_ours, html_stack)} CPU",
            ),
        ]


def _ms(ours: float, theirs: float) -> str:
    return f"{ours * 1000:.0f} ms vs {theirs * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    """Run the two measurements alone; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (median)")
    parser.add_argument("--content", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.content:
        content(args.content)
        return 0
    cli = shutil.which("norrort-cost", path=str(Path(sys.executable).parent))
    if cli is None:
        print(f"norrort-cost is not installed beside {sys.executable}", file=sys.stderr)
        return 2
    verdicts = report(cli, args.runs)
    for verdict in verdicts:
        print(verdict.line())
    return 0 if all(v.passed for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
