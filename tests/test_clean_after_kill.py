"""Clean after a kill: a font folder a SIGKILL left behind is removed by the next run.

A run killed with SIGKILL while rendering cannot remove its temporary font folder (44 KB
each, once left for ever); the next run that renders a document removes the folders of
processes that no longer run, and never one of a run that is still going.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from norrort_cost.rendering import pdf
from tests.test_interruptions import run_cli

KILLED_WHILE_RENDERING = """
import os, signal
from norrort_cost.rendering import pdf
def totals(document, invoice):
    os.kill(os.getpid(), signal.SIGKILL)
pdf.totals = totals
"""


def test_a_folder_left_by_a_killed_run_is_removed_by_the_next_run(tmp_path):
    """SIGKILL while a PDF is rendered leaves a norrort-cost-fonts-PID-* folder; the next
    run (which renders again) leaves the temporary directory empty."""
    out = tmp_path / "out"
    killed = run_cli(out, KILLED_WHILE_RENDERING)
    assert killed.returncode == -9
    left = [p.name for p in (tmp_path / "tmp").iterdir()]
    assert len(left) == 1
    assert left[0].startswith("norrort-cost-fonts-")
    again = run_cli(tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert list((tmp_path / "tmp").iterdir()) == []


def finished_pid() -> int:
    """The id of a process that has ended (not reused this quickly)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(child.stdout)


def test_only_folders_of_processes_that_are_gone_are_removed(tmp_path):
    """A dead process's folder goes; this process's own folder, a folder whose name holds
    no process id, and other files stay."""
    dead = tmp_path / f"norrort-cost-fonts-{finished_pid()}-abc"
    live = tmp_path / f"norrort-cost-fonts-{os.getpid()}-def"
    odd = tmp_path / "norrort-cost-fonts-xyz"
    other = tmp_path / "someone-elses-folder"
    for folder in (dead, live, odd, other):
        folder.mkdir()
        (folder / "SourceSansPro-Regular.ttf").write_bytes(b"font")
    removed = pdf.remove_stale_font_folders.__wrapped__(str(tmp_path))
    assert removed == (dead.name,)
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == sorted(
        [live.name, odd.name, other.name]
    )
