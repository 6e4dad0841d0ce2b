"""The HTML report in a real browser: headless Chromium shows it, prints it, and logs no error.

Chromium is Debian's ``chromium`` package (``.ci/run`` installs it). The tests are skipped
with a visible reason only where no such browser exists, and never under CI. Each browser
run gets a fresh profile, no network services and a time limit.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.rendering.report.palette import FOCUS, OTHERS
from tests.test_report import pixels_like

BROWSER = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)
A4_WIDTH_PX = 794  # 210 mm at the browser's 96 px per inch
A4_POINTS = (595, 842)

if BROWSER is None and os.environ.get("CI"):
    pytest.fail("CI needs Chromium for the browser tests (.ci/run installs it)", pytrace=False)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium on this machine: apt-get install chromium"
)

# written into a copy of the page by the test only: the report itself has no script
PROBE = """<script>
const tables = Array.from(document.querySelectorAll("table"));
document.body.dataset.pageWidth = document.documentElement.scrollWidth;
document.body.dataset.viewWidth = window.innerWidth;
document.body.dataset.overflow = tables.filter(
  t => t.scrollWidth > t.parentElement.clientWidth).length;
</script>"""


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a throw-away profile and no background services."""
    assert BROWSER is not None
    return subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """The Swedish report of 2014 with Ekerö in focus, as an HTML file."""
    out = tmp_path_factory.mktemp("browser") / "underlag-2014.html"
    result = CliRunner().invoke(
        app, ["report", "--year", "2014", "-m", "Ekerö", "--date", "2024-05-02", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_the_page_renders_with_both_charts(page, tmp_path):
    """A screenshot at A4 width is not blank and shows the charts' bars: others and Ekerö."""
    from PIL import Image

    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--window-size={A4_WIDTH_PX},2200", f"--screenshot={shot}", page.as_uri())
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24) or []
    assert len(colours) > 50  # text, lines and charts, not a blank or single-colour page
    white = sum(n for n, c in colours if c == (255, 255, 255))
    assert white < image.width * image.height * 0.95
    assert pixels_like(colours, OTHERS) > 10_000  # the share chart's bars
    assert pixels_like(colours, FOCUS) > 2_000  # Ekerö's bar and its bars over the years


def test_the_page_has_its_charts_no_console_error_and_fits_a4(page, tmp_path):
    """The DOM holds two drawn SVG charts; nothing is logged to the console; no table or
    page is wider than A4's printable width (the screen layout is never wider than print)."""
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"))
    done = chromium(
        tmp_path,
        f"--window-size={A4_WIDTH_PX},1200",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=3000",
        "--dump-dom",
        probe.as_uri(),
    )
    dom = done.stdout
    charts = re.findall(r'<figure class="chart" id="chart-(\w+)">(.*?)</figure>', dom, re.S)
    assert [name for name, _ in charts] == ["shares", "years"]
    assert all(body.count("<rect") > 10 for _, body in charts)
    assert [line for line in done.stderr.splitlines() if ":CONSOLE" in line] == []
    found = dict(re.findall(r'data-(page-width|view-width|overflow)="(\d+)"', dom))
    assert found["overflow"] == "0"
    assert int(found["page-width"]) <= int(found["view-width"]) == A4_WIDTH_PX


def test_the_page_prints_on_a4_with_every_figure(page, tmp_path):
    """Printed to PDF by the browser: A4 pages, a few of them, with the amounts to the öre."""
    printed = tmp_path / "printed.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri())
    reader = PdfReader(io.BytesIO(printed.read_bytes()))
    assert 1 <= len(reader.pages) <= 4
    for sheet in reader.pages:
        size = (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height)))
        assert size == A4_POINTS
    text = " ".join(sheet.extract_text() for sheet in reader.pages)
    for figure in ("24 291,03", "857 000,00", "+42 000,00", "Förändring från 2013"):
        assert figure in text
