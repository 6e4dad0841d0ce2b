"""The committee report's two measurements, against the baselines it really competes with.

Called by ``run.py`` (one hook there); runnable alone too:

    python benchmarks/report_bench.py --runs 7

Both compare CPU time (user + system of the child process) of the installed command with
a baseline measured in the same run, interleaved round by round, medians:

- ``report`` to PDF against plain fpdf2 writing a comparable one-page PDF with the same
  font (Source Sans Pro, regular and bold, from the same wheel): a title, a notice, a
  bar chart of 15 bars drawn with ``rect``/``line``/``text`` and a 16-row table.
- ``report`` to HTML against Python importing the libraries the command needs (typer,
  pydantic, rich) and writing an HTML page of the same size.

Both ratios above include the command's own stack (its imports, the dataset's validation,
the allocations), which the baselines do not pay and which other work owns (``allocate``
on its real stack). So each is measured a second time against the same baseline run after
that stack (``allocate --year 2014 --format json`` in-process, then the same PDF or page):
that ratio is what drawing the report costs beyond what any command of ours pays.
"""

from __future__ import annotations

import argparse
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
REPORT = ("report", "--year", "2014", "--municipality", "Ekerö", "--date", "2024-05-02")

PLAIN_PDF = """
import sys
from importlib import resources
from fpdf import FPDF

pdf = FPDF(orientation="portrait", unit="mm", format="A4")
files = resources.files("font_source_sans_pro") / "files"
for style, name in (("", "SourceSansPro-Regular.ttf"), ("B", "SourceSansPro-Bold.ttf")):
    with resources.as_file(files / name) as path:
        pdf.add_font("Sans", style, str(path))
pdf.add_page()
pdf.set_font("Sans", "B", 16)
pdf.cell(180, 8, "Koordination Norrort: kostnadsfördelning 2014", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Sans", "", 10)
pdf.multi_cell(180, 5, "ILLUSTRATIV BUDGET: beloppen är exempel. " * 3, border=1)
for row in range(15):
    pdf.set_fill_color(138, 164, 189)
    pdf.rect(45, 60 + row * 4.6, 8 + row * 7, 3.2, style="F")
    pdf.text(15, 63 + row * 4.6, f"Kommun {row}")
    pdf.text(55 + row * 7, 63 + row * 4.6, f"{row * 6123} kr")
pdf.line(45, 58, 45, 130)
pdf.set_y(140)
for row in range(16):
    for column in range(7):
        pdf.cell(25, 5, f"{row * 1000 + column},{row:02d}", border="B")
    pdf.ln(5)
pdf.output(sys.argv[1])
"""

STACK = """
import contextlib, io
from norrort_cost.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["allocate", "--year", "2014", "--format", "json"])
"""

PLAIN_HTML = """
import sys
import typer, pydantic, rich
rows = "".join(
    f"<tr><td>{i:04d}</td><td>Kommun {i}</td><td>{i * 6123},00</td></tr>" for i in range(15)
)
shapes = "".join(f'<rect x="{i}" y="{i}" width="{i * 7}" height="3"/>' for i in range(300))
page = f"<!DOCTYPE html><html><body><table>{rows}</table><svg>{shapes}</svg></body></html>"
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write(page * 4)
"""


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


def report(cli: str, runs: int) -> list[Verdict]:
    """The report as PDF and as HTML, each against its baselines (CPU time, medians)."""
    verdicts = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for suffix, script, target in (
            ("pdf", PLAIN_PDF, PDF_TARGET),
            ("html", PLAIN_HTML, HTML_TARGET),
        ):
            ours, plain, stacked = interleaved(
                [
                    lambda i, s=suffix: [cli, *REPORT, "-o", str(folder / f"ours-{i}.{s}")],
                    lambda i, s=suffix, c=script: [
                        sys.executable,
                        "-c",
                        c,
                        str(folder / f"b{i}.{s}"),
                    ],
                    lambda i, s=suffix, c=STACK + script: [
                        sys.executable,
                        "-c",
                        c,
                        str(folder / f"s{i}.{s}"),
                    ],
                ],
                runs,
            )
            baseline = "plain fpdf2, same font" if suffix == "pdf" else "typer+pydantic+rich, write"
            name = f"6. report {suffix.upper()} (CPU)"
            verdicts += [
                Verdict(f"{name} / {baseline}", ours / plain, target, _ms(ours, plain)),
                Verdict(
                    f"   {name} / allocate stack + the same",
                    ours / stacked,
                    target,
                    _ms(ours, stacked),
                ),
            ]
    return verdicts


def _ms(ours: float, theirs: float) -> str:
    return f"{ours * 1000:.0f} ms vs {theirs * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    """Run the two measurements alone; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measurement (median)")
    args = parser.parse_args(argv)
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
