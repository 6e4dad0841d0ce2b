"""The baselines the benchmark runs as programs: what each command really competes with.

    python benchmarks/baselines.py px FILE        # pandas reads a PC-Axis file's DATA block
    python benchmarks/baselines.py json FILE      # json + pandas read a JSON-stat file's values
    python benchmarks/baselines.py csv FILE       # pandas.read_csv of an SCB CSV export
    python benchmarks/baselines.py pdfs DIR N     # fpdf2 writes N one-page PDFs, invoices' font
    python benchmarks/baselines.py imports        # import typer, pydantic, rich

Each reads the same bytes the command reads and keeps the numbers in memory, nothing more:
no checks, no matching, no report. A command within a few times of these does little else.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path


def pcaxis(path: Path) -> object:
    """The DATA block of a PC-Axis file as a frame (one row per stub combination)."""
    import pandas as pd

    text = path.read_bytes().decode("cp1252")
    block = text[text.index("DATA=") + 5 : text.rindex(";")]
    return pd.read_csv(io.StringIO(block), sep=r"\s+", header=None)


def jsonstat(path: Path) -> object:
    """A JSON-stat file parsed, its values as a frame column."""
    import pandas as pd

    data = json.loads(path.read_text(encoding="utf-8"))
    return pd.DataFrame({"value": data["value"]})


def csv(path: Path) -> object:
    """An SCB CSV export (``;``, UTF-8) as a frame."""
    import pandas as pd

    return pd.read_csv(path, sep=";", encoding="utf-8-sig")


def pdfs(folder: Path, count: int) -> None:
    """``count`` one-page A4 PDFs in the invoices' font (Source Sans Pro cut to their letters).

    The cut comes from norrort-cost (``font_bytes``: fontTools, once per process) so that
    both sides embed the same font; the rest is plain fpdf2: a page, a title, 30 lines.
    """
    import tempfile

    from fpdf import FPDF

    from norrort_cost.rendering.pdf import font_bytes

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        paths = {}
        for style, data in font_bytes().items():
            paths[style] = Path(scratch) / f"font{style}.ttf"
            paths[style].write_bytes(data)
        for number in range(count):
            pdf = FPDF(format="A4")
            for style, path in paths.items():
                pdf.add_font("SourceSans", style, str(path))
            pdf.add_page()
            pdf.set_font("SourceSans", "B", 16)
            pdf.cell(0, 10, f"Faktura {number + 1} – Koordination Norrort")
            pdf.ln(12)
            pdf.set_font("SourceSans", "", 10)
            for line in range(30):
                pdf.cell(0, 6, f"Rad {line + 1}: andel 12,3456 %, belopp 24 291,04 kr, Österåker")
                pdf.ln(6)
            pdf.output(str(folder / f"{number + 1}.pdf"))


def main(argv: list[str]) -> None:
    """Run the baseline named by the first argument."""
    kind, rest = argv[0], argv[1:]
    if kind == "imports":
        import pydantic  # noqa: F401
        import rich  # noqa: F401, TID251 - the baseline is the import itself
        import typer  # noqa: F401
    elif kind == "px":
        pcaxis(Path(rest[0]))
    elif kind == "json":
        jsonstat(Path(rest[0]))
    elif kind == "csv":
        csv(Path(rest[0]))
    elif kind == "pdfs":
        pdfs(Path(rest[0]), int(rest[1]))
    else:
        raise SystemExit(f"unknown baseline {kind!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
