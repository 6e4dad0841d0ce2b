"""Make the documentation's pictures: an invoice, a credit note and a terminal table.

    python scripts/docs_pictures.py            # needs poppler-utils (pdftoppm)

Everything is made from the embedded dataset with fixed dates, in a temporary folder with
its own home directory (so no invoice register of yours is touched), so the pictures only
change when what they show does: ``docs/images/invoice.png`` (Ekerö's 2014 invoice),
``docs/images/credit-note.png`` (a credit note after a corrected population figure) and
``docs/images/terminal.svg`` (``allocate --year 2014`` in Swedish at 80 columns, drawn by
rich's SVG export). ``docs/report.png`` is made by ``scripts/report_screenshot.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from norrort_cost.cli import app

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"


def run(args: list[str], home: Path, *, lang: str = "sv_SE.UTF-8") -> str:
    """The command's output; stop with its message if it fails."""
    env = {"LANG": lang, "COLUMNS": "80", "HOME": str(home), "XDG_DATA_HOME": str(home)}
    result = CliRunner().invoke(app, args, env=env)
    if result.exit_code != 0:
        sys.exit(f"norrort-cost {' '.join(args)} failed:\n{result.output}")
    return result.output


def first_page_png(pdf: Path, target: Path) -> None:
    """The PDF's first page as a small PNG (a palette of colours keeps it small)."""
    if shutil.which("pdftoppm") is None:
        sys.exit("no pdftoppm found: apt-get install poppler-utils")
    stem = pdf.with_suffix("")
    subprocess.run(  # noqa: S603 - our own arguments
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, stem],  # noqa: S607
        check=True,
    )
    Image.open(f"{stem}.png").convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(
        target, optimize=True
    )


def only(folder: Path, pattern: str) -> Path:
    """The one file in ``folder`` matching ``pattern``."""
    found = sorted(folder.rglob(pattern))
    if not found:
        sys.exit(f"no {pattern} in {folder}")
    return found[0]


def invoice_and_credit_note(work: Path) -> None:
    """Ekerö's 2014 invoice, then a credit note after its population figure is corrected."""
    data = work / "data"
    run(["dataset", "init", str(data)], work)
    run(["invoices", "-y", "2014", "-o", str(work / "inv"), "--issue-date", "2014-05-02",
         "--data-dir", str(data)], work)  # fmt: skip
    first_page_png(only(work / "inv", "*0125*.pdf"), IMAGES / "invoice.png")
    population = data / "population.csv"
    text = population.read_text(encoding="utf-8")
    population.write_text(text.replace("0125,2013-12-31,26355", "0125,2013-12-31,27355"),
                          encoding="utf-8")  # fmt: skip
    run(["settle", "-y", "2014", "-o", str(work / "settle"), "--issue-date", "2014-09-01",
         "--data-dir", str(data)], work)  # fmt: skip
    credit = [p for p in sorted((work / "settle").rglob("*.pdf")) if "0125" not in p.name]
    if not credit:
        sys.exit("the settlement wrote no credit note")
    first_page_png(credit[0], IMAGES / "credit-note.png")


def terminal(work: Path) -> None:
    """``allocate --year 2014`` as a Swedish finance officer sees it at 80 columns."""
    output = run(["allocate", "--year", "2014"], work)
    console = Console(record=True, width=80, file=open(os.devnull, "w"))  # noqa: PTH123, SIM115
    console.print(Text(output), end="")
    console.save_svg(str(IMAGES / "terminal.svg"), title="norrort-cost allocate --year 2014")


def main() -> None:
    """Make every picture."""
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        terminal(work)
        invoice_and_credit_note(work)
    print("wrote", *sorted(p.name for p in IMAGES.iterdir()))  # noqa: T201


if __name__ == "__main__":
    main()
