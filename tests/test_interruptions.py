"""Killing, interrupting and racing ``invoices``: the register and the directory stay whole.

Each run is a real process of the command line; a patch, given as code to the process,
sends it a signal at a chosen moment (rendering the third invoice, right after the
register's commit), as an operator's Ctrl-C, a service manager's SIGTERM or the kernel's
SIGKILL would.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app

ARGS = ["invoices", "--year", "2014", "--issue-date", "2014-05-02", "--format", "pdf,ubl,csv"]
AT_THIRD_INVOICE = """
import os, signal
from norrort_cost.rendering import invoice_set
real, calls = invoice_set.invoice_ubl, []
def ubl(invoice, pdf):
    calls.append(1)
    if len(calls) == 3:
        os.kill(os.getpid(), signal.{name})
    return real(invoice, pdf)
invoice_set.invoice_ubl = ubl
"""
AFTER_COMMIT = """
import os, signal
from norrort_cost.storage import issuing
real = issuing._move
def move(source, target):
    os.kill(os.getpid(), signal.{name})
    return real(source, target)
issuing._move = move
"""


def run_cli(out: Path, patch: str = "", *extra: str) -> subprocess.CompletedProcess[str]:
    code = patch + "\nfrom norrort_cost.cli import run\nrun()\n"
    args = ARGS if "--format" not in extra else ARGS[:-2]  # an option is given once
    command = [sys.executable, "-c", code, *args, "--out", str(out), *extra]
    env = {**os.environ, "TMPDIR": str(out.parent / "tmp")}
    (out.parent / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=120, check=False
    )


def state(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def home_register(out: Path) -> Path:
    """The embedded dataset's register: in the test's private data directory."""
    return out.parent / "data-home" / "norrort-cost" / "register.sqlite"


def registered(out: Path) -> int:
    path = home_register(out)
    if not path.exists():
        return 0
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    finally:
        connection.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    directory = tmp_path / "out"
    directory.mkdir()
    (directory / "earlier.txt").write_text("an earlier file\n", encoding="utf-8")
    return directory


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_signal_while_rendering_leaves_everything_as_it_was(out, name):
    """SIGINT/SIGTERM mid-run: exit 128+n, the directory and register unchanged, no temp."""
    before = state(out)
    result = run_cli(out, AT_THIRD_INVOICE.format(name=name))
    assert result.returncode == 128 + getattr(signal, name), result.stderr
    assert "interrupted" in result.stderr
    assert state(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["earlier.txt"]
    assert list((out.parent / "tmp").iterdir()) == []  # no font folder left behind


def test_a_signal_after_the_commit_waits_until_the_files_are_in_place(out):
    """SIGTERM between commit and renames is held back: the run completes, then exits
    saying that it is issued (never "nothing was written")."""
    result = run_cli(out, AFTER_COMMIT.format(name="SIGTERM"))
    assert result.returncode == 128 + signal.SIGTERM
    assert "the run is issued" in result.stderr
    assert "nothing was written" not in result.stderr
    assert registered(out) == 15
    assert len([p for p in out.iterdir() if p.suffix == ".pdf"]) == 14
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_sigkill_before_the_commit_is_undone_by_the_next_run(out):
    """SIGKILL while rendering leaves at most a staging folder; the next run removes it."""
    result = run_cli(out, AT_THIRD_INVOICE.format(name="SIGKILL"))
    assert result.returncode == -signal.SIGKILL
    assert registered(out) == 0
    again = run_cli(out, "", "--format", "csv")
    assert again.returncode == 0, again.stderr
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_sigkill_after_the_commit_is_completed_by_the_next_run(out):
    """SIGKILL after the commit: the next run moves the committed files into place."""
    result = run_cli(out, AFTER_COMMIT.format(name="SIGKILL"))
    assert result.returncode == -signal.SIGKILL
    assert registered(out) == 15
    assert len([p for p in out.iterdir() if p.suffix == ".pdf"]) == 0
    again = run_cli(out)
    assert again.returncode == 2  # the year is invoiced: refused, but first completed
    assert "completed the interrupted run" in again.stderr
    assert len([p for p in out.iterdir() if p.suffix == ".pdf"]) == 14
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_second_run_into_the_same_directory_refuses(out):
    """While one run holds the output directory, another exits 2 and writes nothing."""
    import fcntl

    handle = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = CliRunner().invoke(app, [*ARGS, "--out", str(out)])
    finally:
        os.close(handle)
    assert result.exit_code == 2
    assert "another norrort-cost run is writing to" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["earlier.txt"]


def test_no_font_folder_is_left_after_a_run(tmp_path):
    """A whole run leaves no norrort-cost-fonts-* folder in the temporary directory."""
    out = tmp_path / "out"
    result = run_cli(out)
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "tmp").iterdir()) == []
    assert tempfile.gettempdir()  # the tests' own temporary directory is untouched


SLOW_RENDERING = """
import time
from norrort_cost.rendering import invoice_set
real = invoice_set.invoice_ubl
def ubl(invoice, pdf):
    time.sleep(0.3)
    return real(invoice, pdf)
invoice_set.invoice_ubl = ubl
"""


def test_two_simultaneous_runs_one_refuses(out):
    """Two real processes into one directory: the second exits 2; the first writes all."""
    code = SLOW_RENDERING + "\nfrom norrort_cost.cli import run\nrun()\n"
    first = subprocess.Popen(
        [sys.executable, "-c", code, *ARGS, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(600):  # the first run holds the lock once its register exists
            if home_register(out).exists():
                break
            time.sleep(0.1)
        second = run_cli(out)
    finally:
        _, first_errors = first.communicate(timeout=120)  # reads and closes both pipes
    assert second.returncode == 2
    assert "another norrort-cost run is writing to" in second.stderr
    assert first.returncode == 0, first_errors
    assert len([p for p in out.iterdir() if p.suffix == ".pdf"]) == 14
    assert registered(out) == 15


def test_sigint_with_force_keeps_the_files_it_would_replace(out):
    """--force replaces files only after the commit: interrupted before, nothing changes."""
    (out / "faktura-2014-0114-1.pdf").write_bytes(b"an earlier invoice\n")
    before = state(out)
    result = run_cli(out, AT_THIRD_INVOICE.format(name="SIGINT"), "--force")
    assert result.returncode == 128 + signal.SIGINT
    assert state(out) == before
