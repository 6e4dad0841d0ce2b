"""Make docs/report.png, the README's picture of the report, with headless Chromium.

    python scripts/report_screenshot.py            # needs Chromium (Debian: chromium)

The report is Ekerö's 2014 report (dated 2024-05-02, so the picture only changes when the
report does); the screenshot is the top of the page at A4 width, reduced to a palette of
colours to stay small.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from norrort_cost.cli import main

OUT = Path(__file__).resolve().parents[1] / "docs" / "report.png"
WIDTH, HEIGHT = 794, 1400  # A4 width at 96 px per inch; the headline, notice and both charts


def screenshot(page: Path, shot: Path, profile: Path) -> None:
    """Headless Chromium's picture of ``page``, with no network services and a fresh profile."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("no Chromium found: apt-get install chromium")
    subprocess.run(  # noqa: S603 - our own arguments
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--window-size={WIDTH},{HEIGHT}",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def run() -> None:
    """Make the report, photograph it, and write the small PNG."""
    with tempfile.TemporaryDirectory() as folder:
        page, shot = Path(folder) / "underlag-2014.html", Path(folder) / "shot.png"
        argv = ["report", "--year", "2014", "-m", "Ekerö", "--date", "2024-05-02"]
        if main([*argv, "-o", str(page)]) != 0:
            sys.exit("the report could not be made")
        screenshot(page, shot, Path(folder) / "profile")
        image = Image.open(shot).convert("RGB").quantize(colors=48, dither=Image.Dither.NONE)
        image.save(OUT, optimize=True)
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} kB)")  # noqa: T201 - a script's report


if __name__ == "__main__":
    run()
