"""Bookkeeping a municipality can trust: one series per seller wherever the files go,
refusals that stand on their own, nothing issued ever lost, copies checked by hash."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from norrort_cost.cli import app
from norrort_cost.storage.register import database_error, open_register

runner = CliRunner()
ISSUE = ["--issue-date", "2014-05-02"]


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def home_register(home: Path) -> Path:
    return home / "norrort-cost" / "register.sqlite"


def rows(register: Path, year: int | None = None) -> list:
    with open_register(register, create=False) as opened:
        return opened.documents(year)


def pdfs(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.suffix == ".pdf")


def test_two_runs_into_different_folders_share_one_series(tmp_path, private_home):
    """2014 into one folder, 2015 into another: one register in the user's data directory,
    numbers 1-14 then 15-28; a third run of 2014 into a third folder is refused."""
    first = invoke("invoices", "-y", 2014, *ISSUE, "-f", "json", "-o", tmp_path / "a")
    assert first.exit_code == 0, first.output
    assert "starting a new invoice register at" in first.stderr
    second = invoke("invoices", "-y", 2015, "--issue-date", "2015-03-02", "-o", tmp_path / "b")
    assert second.exit_code == 0, second.output
    assert "starting a new invoice register" not in second.stderr
    numbers = [r.number for r in rows(home_register(private_home)) if r.kind == "invoice"]
    assert numbers == [str(n) for n in range(1, 29)]
    third = invoke("invoices", "-y", 2014, "--issue-date", "2015-03-02", "-o", tmp_path / "c")
    assert third.exit_code == 2
    assert "2014 is already invoiced" in third.stderr
    assert not (tmp_path / "c").exists()


def test_an_issue_date_before_the_series_latest_is_refused_unless_allowed(tmp_path, private_home):
    """2015 dated 2015-03-02, then 2014 dated 2014-05-02: refused (exit 2, nothing written);
    with --allow-earlier-date it is issued and the register records the permission."""
    later = invoke("invoices", "-y", 2015, "--issue-date", "2015-03-02", "-o", tmp_path / "a")
    assert later.exit_code == 0, later.output
    earlier = invoke("invoices", "-y", 2014, *ISSUE, "-o", tmp_path / "b")
    assert earlier.exit_code == 2
    assert "earlier than 2015-03-02" in earlier.stderr
    assert "--allow-earlier-date" in earlier.stderr
    assert not (tmp_path / "b").exists()
    allowed = invoke("invoices", "-y", 2014, *ISSUE, "-o", tmp_path / "b", "--allow-earlier-date")
    assert allowed.exit_code == 0, allowed.output
    connection = sqlite3.connect(home_register(private_home))
    flags = connection.execute("SELECT year, earlier_date_allowed FROM runs ORDER BY year")
    assert flags.fetchall() == [(2014, 1), (2015, 0)]
    connection.close()


def test_a_partial_run_says_how_to_issue_the_remaining_members(tmp_path):
    """After `-m 0125` the summary adds up (no internal share in it), and a full run is
    refused with a hint naming the 13 other members as -m options."""
    partial = invoke("invoices", "-y", 2014, *ISSUE, "-m", "0125", "-o", tmp_path / "a")
    assert partial.exit_code == 0, partial.output
    assert "1 invoice (1 … 1)" in partial.stdout
    assert "24 291,03 kr invoiced, " in partial.stdout
    assert "internal" not in partial.stdout
    full = invoke("invoices", "-y", 2014, *ISSUE, "-o", tmp_path / "b")
    assert full.exit_code == 2
    assert "13 member(s) are not invoiced yet" in full.stderr
    assert "-m 0114" in full.stderr
    assert "-m 0125" not in full.stderr


def test_the_old_member_option_still_works_hidden(tmp_path):
    """--member is a hidden alias of --municipality: it issues, and --help does not show it."""
    result = invoke("invoices", "-y", 2014, *ISSUE, "--member", "Ekerö", "-o", tmp_path / "a")
    assert result.exit_code == 0, result.output
    assert pdfs(tmp_path / "a") == ["faktura-2014-0125-1.pdf"]
    shown = invoke("invoices", "--help").stdout
    assert "--municipality" in shown
    assert "--member " not in shown


def test_no_invoice_to_issue_is_its_own_refusal(tmp_path):
    """Invoicing only the managing municipality (which pays internally): exit 2, no file."""
    result = invoke("invoices", "-y", 2014, *ISSUE, "-m", "0186", "-o", tmp_path / "a")
    assert result.exit_code == 2
    assert "no invoice to issue for 2014" in result.stderr
    assert not (tmp_path / "a").exists()


def test_a_changed_copy_in_the_register_is_refused_not_resent(tmp_path, private_home):
    """The register's copy of an invoice no longer matches its recorded SHA-256: re-sending
    it is refused with changed-copy, and register verify names it (exit 1)."""
    assert invoke("invoices", "-y", 2014, *ISSUE, "-o", tmp_path / "a").exit_code == 0
    connection = sqlite3.connect(home_register(private_home))
    connection.execute(
        "UPDATE files SET content = CAST('tampered' AS BLOB) WHERE name = ?",
        ("faktura-2014-0114-1.xml",),
    )
    connection.commit()
    connection.close()
    resent = invoke("invoices", "-y", 2014, "-m", "0114", "-o", tmp_path / "copy")
    assert resent.exit_code == 2
    assert "changed-copy" in resent.stderr
    assert not list((tmp_path / "copy").glob("*")) if (tmp_path / "copy").exists() else True
    verified = invoke("register", "verify")
    assert verified.exit_code == 1
    assert "changed in the register: the copy of faktura-2014-0114-1.xml" in verified.stderr


def test_register_verify_names_a_missing_and_a_changed_file(tmp_path):
    """verify exits 0 on an untouched run, 1 naming a deleted file and a changed one."""
    out = tmp_path / "a"
    assert invoke("invoices", "-y", 2014, *ISSUE, "-o", out).exit_code == 0
    clean = invoke("register", "verify")
    assert clean.exit_code == 0, clean.output
    assert "28 file(s) checked" in clean.stdout
    (out / "faktura-2014-0114-1.pdf").unlink()
    (out / "faktura-2014-0115-2.xml").write_bytes(b"<Invoice/>")
    broken = invoke("register", "verify")
    assert broken.exit_code == 1
    assert f"missing: {out / 'faktura-2014-0114-1.pdf'} (document 1 of 0186)" in broken.stderr
    assert f"changed: {out / 'faktura-2014-0115-2.xml'} (document 2 of 0186)" in broken.stderr


def test_register_verify_completes_a_committed_run(tmp_path, private_home):
    """Files of a committed run left in a staging folder (a kill after the commit) are
    moved into place by verify, wherever the run wrote them."""
    out = tmp_path / "a"
    assert invoke("invoices", "-y", 2014, *ISSUE, "-f", "pdf", "-o", out).exit_code == 0
    connection = sqlite3.connect(home_register(private_home))
    (run_id,) = connection.execute("SELECT run_id FROM runs").fetchone()
    connection.close()
    staging = out / ".norrort-cost-killed"
    staging.mkdir()
    (out / "faktura-2014-0114-1.pdf").replace(staging / "faktura-2014-0114-1.pdf")
    journal = (
        f'{{"run": "{run_id}", "register": "{home_register(private_home)}", '
        '"files": ["faktura-2014-0114-1.pdf"]}'
    )
    (staging / "journal.json").write_text(journal, encoding="utf-8")
    result = invoke("register", "verify")
    assert result.exit_code == 0, result.output
    assert "completed the interrupted run" in result.stderr
    assert (out / "faktura-2014-0114-1.pdf").is_file()
    assert not staging.exists()


def test_register_list_shows_seller_series_and_what_remains(tmp_path):
    """The register's table names the seller's series and each invoice's remaining amount;
    register show takes a number of the series and shows OCR, issue date and files."""
    assert invoke("invoices", "-y", 2014, *ISSUE, "-o", tmp_path / "a").exit_code == 0
    listed = runner.invoke(app, ["register", "list"], env={"COLUMNS": "160"})
    assert listed.exit_code == 0, listed.output
    assert "series of 0186" in listed.stdout
    assert "Remaining (kr)" in listed.stdout
    shown = invoke("register", "show", "5")
    assert shown.exit_code == 0, shown.output
    for expected in ("OCR", "018600000527", "Issue date", "2014-05-02", "faktura-2014-0125-5.pdf"):
        assert expected in shown.stdout


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_register_list_keeps_every_kommunkod_whole(tmp_path, columns):
    """At 60, 80 and 120 columns every kommunkod shows whole in the register's table."""
    assert invoke("invoices", "-y", 2014, *ISSUE, "-f", "pdf", "-o", tmp_path / "a").exit_code == 0
    listed = runner.invoke(app, ["register", "list"], env={"COLUMNS": str(columns)})
    assert listed.exit_code == 0, listed.output
    words = set(listed.stdout.replace("│", " ").split())
    codes = "0114 0115 0117 0123 0125 0139 0160 0162 0163 0183 0184 0186 0187 0188 0191"
    assert set(codes.split()) <= words
    assert all(len(line) <= columns for line in listed.stdout.splitlines())


def test_a_file_that_is_no_register_has_its_own_message(tmp_path):
    """A text file given as --register: "not a usable invoice register", register-unusable."""
    path = tmp_path / "notes.sqlite"
    path.write_text("not a database, only text " * 100, encoding="utf-8")
    result = invoke("register", "list", "--register", path)
    assert result.exit_code == 2
    assert "is not a usable invoice register" in result.stderr
    assert "register-unusable" in result.stderr


def test_a_locked_register_and_a_full_disk_are_told_apart():
    """SQLite's "database is locked" and "database or disk is full" (or ENOSPC) give two
    different messages and codes, neither the "not a usable register" one."""
    path = Path("r.sqlite")
    locked = database_error(path, sqlite3.OperationalError("database is locked"))
    full = database_error(path, sqlite3.OperationalError("database or disk is full"))
    no_space = database_error(path, OSError(errno.ENOSPC, "No space left on device"))
    assert (locked.code, full.code, no_space.code) == ("register-locked", "disk-full", "disk-full")
    assert "in use by another run" in locked.message
    assert "is full" in full.message


def run_closed(args: list[str], home: Path) -> subprocess.CompletedProcess[bytes]:
    """The command with its stdout a pipe whose reader has gone (as `... | true`)."""
    read, write = os.pipe()
    os.close(read)
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    code = "from norrort_cost.cli import run\nrun()\n"
    try:
        return subprocess.run(
            [sys.executable, "-c", code, *args],
            stdout=write,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)


def test_a_closed_stdout_exits_141_and_keeps_every_issued_document(tmp_path, private_home):
    """`invoices ... | true` into a folder that did not exist: exit 141, the register holds
    the 15 rows and all 14 PDFs are on disk (nothing deleted after the commit)."""
    out = tmp_path / "new"
    result = run_closed(["invoices", "-y", "2014", *ISSUE, "-o", str(out)], private_home)
    assert result.returncode == 141, result.stderr
    assert len(rows(home_register(private_home))) == 15
    assert len(pdfs(out)) == 14


def test_settle_with_a_closed_stdout_exits_141_and_keeps_its_documents(tmp_path, data_copy):
    """`settle ... | true`: exit 141 like allocate; its documents are issued and on disk."""
    assert (
        invoke(
            "invoices", "-y", 2014, *ISSUE, "--data-dir", data_copy, "-o", tmp_path / "a"
        ).exit_code
        == 0
    )
    population = data_copy / "population.csv"
    text = population.read_text(encoding="utf-8").replace(
        "0117,2013-12-31,40495", "0117,2013-12-31,41495"
    )
    population.write_text(text, encoding="utf-8")
    out = tmp_path / "settled"
    args = [
        "settle",
        "-y",
        "2014",
        "--issue-date",
        "2014-09-01",
        "--data-dir",
        str(data_copy),
        "-o",
        str(out),
    ]
    result = run_closed(args, tmp_path)
    assert result.returncode == 141, result.stderr
    assert len(pdfs(out)) == 14
    settled = [r for r in rows(data_copy / "register.sqlite") if r.corrects]
    assert len(settled) == 14


def test_a_full_stdout_says_the_run_is_issued(tmp_path, private_home):
    """`invoices > /dev/full`: exit 2 with a message that the run is issued; files kept."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    out = tmp_path / "new"
    env = {**os.environ, "XDG_DATA_HOME": str(private_home)}
    code = "from norrort_cost.cli import run\nrun()\n"
    with Path("/dev/full").open("wb") as full:
        result = subprocess.run(
            [sys.executable, "-c", code, "invoices", "-y", "2014", *ISSUE, "-o", str(out)],
            stdout=full,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
            text=False,
        )
    errors = result.stderr.decode()
    assert result.returncode == 2, errors
    assert "the run is issued" in errors
    assert "Traceback" not in errors
    assert len(pdfs(out)) == 14


def test_a_failure_in_a_new_output_directory_never_deletes_a_file(tmp_path):
    """An exception inside a run whose --output did not exist: a file written there stays
    (an issued document is never deleted); an empty directory the run made is removed."""
    from norrort_cost.storage.issuing import locked_directory

    def fail(directory: Path, content: bytes | None) -> None:
        with locked_directory(directory):
            if content is not None:
                (directory / "faktura-2014-0114-1.pdf").write_bytes(content)
            raise RuntimeError("printing failed")

    kept, empty = tmp_path / "kept", tmp_path / "empty"
    with pytest.raises(RuntimeError):
        fail(kept, b"%PDF issued")
    with pytest.raises(RuntimeError):
        fail(empty, None)
    assert (kept / "faktura-2014-0114-1.pdf").read_bytes() == b"%PDF issued"
    assert not empty.exists()


V1_SCHEMA = """
CREATE TABLE runs (run_id TEXT PRIMARY KEY, command TEXT NOT NULL, year INTEGER NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, number TEXT NOT NULL, sequence INTEGER,
    seller TEXT NOT NULL, year INTEGER NOT NULL, kommunkod TEXT NOT NULL, buyer TEXT NOT NULL,
    installment INTEGER NOT NULL, installments INTEGER NOT NULL, period_start TEXT,
    period_end TEXT, amount_ore INTEGER NOT NULL, issue_date TEXT, due_date TEXT,
    ocr TEXT NOT NULL, corrects TEXT NOT NULL, run_id TEXT NOT NULL REFERENCES runs (run_id)
);
CREATE TABLE files (
    document_id INTEGER NOT NULL, name TEXT NOT NULL, sha256 TEXT NOT NULL,
    content BLOB NOT NULL, PRIMARY KEY (document_id, name)
);
INSERT INTO runs VALUES ('r1', 'invoices', 2014);
INSERT INTO documents VALUES (1, 'invoice', '5', 5, '0186', 2014, '0125', 'Ekerö kommun', 1, 1,
    '2014-04-15', '2014-12-31', 2429103, '2014-05-02', '2014-06-02', '018600000527', '', 'r1');
PRAGMA user_version = 1;
"""


def test_a_version_1_register_is_migrated_and_read_by_column_name(tmp_path):
    """A register of schema version 1 opens as the current version: its invoice reads the same, with
    no cause and no recorded directory, and a column another version added is ignored."""
    path = tmp_path / "old.sqlite"
    connection = sqlite3.connect(path)
    connection.executescript(V1_SCHEMA)
    connection.execute("ALTER TABLE documents ADD COLUMN remark TEXT NOT NULL DEFAULT ''")
    connection.close()
    (row,) = rows(path)
    assert (row.number, row.kommunkod, row.amount_ore, row.cause) == ("5", "0125", 2429103, "")
    assert str(row.issue_date) == "2014-05-02"
    with open_register(path, create=False) as opened:
        assert opened.run_directories() == {"r1": ""}
    listed = invoke("register", "show", "5", "--register", path)
    assert listed.exit_code == 0, listed.output


def test_invoices_settle_and_register_speak_swedish(tmp_path, data_copy):
    """Under --lang sv the summaries, notes and tables of invoices, settle and register
    hold none of their English words."""
    base = ["--lang", "sv"]
    issued = invoke(
        *base, "invoices", "-y", 2014, *ISSUE, "--data-dir", data_copy, "-o", tmp_path / "a"
    )
    assert issued.exit_code == 0, issued.output
    population = data_copy / "population.csv"
    text = population.read_text(encoding="utf-8")
    population.write_text(
        text.replace("0117,2013-12-31,40495", "0117,2013-12-31,41495"), encoding="utf-8"
    )
    settled = invoke(
        *base,
        "settle",
        "-y",
        2014,
        "--issue-date",
        "2014-09-01",
        "--data-dir",
        data_copy,
        "-o",
        tmp_path / "b",
    )
    assert settled.exit_code == 0, settled.output
    listed = invoke(*base, "register", "list", "--data-dir", data_copy)
    assert listed.exit_code == 0, listed.output
    said = issued.output + settled.output + listed.output
    assert "fakturerat" in issued.stdout
    assert "kreditfaktura" in settled.stdout
    assert "summa ändring 0,00 kr" in settled.stdout
    english = (
        "invoiced",
        "internal",
        "files in",
        "credit note",
        "total change",
        "documents",
        "wrote",
        "warning",
        "no change",
        "starting",
        "Remaining",
        "Invoice register",
    )
    assert not [word for word in english if word in said]


def test_register_list_shows_one_members_documents(tmp_path):
    """`register list -m` keeps the documents of the members named (by name or kommunkod,
    repeatable), as every other command's -m does; a name that is no member is refused."""
    assert invoke("invoices", "-y", 2014, *ISSUE, "-o", tmp_path / "a").exit_code == 0
    every = invoke("register", "list", "-y", 2014, "--format", "json")
    assert every.exit_code == 0, every.output
    assert len({d["kommunkod"] for d in json.loads(every.stdout)["documents"]}) > 2
    listed = invoke("register", "list", "-y", 2014, "-m", "Ekerö", "-m", "0184", "-f", "json")
    assert listed.exit_code == 0, listed.output
    documents = json.loads(listed.stdout)["documents"]
    assert {d["kommunkod"] for d in documents} == {"0125", "0184"}
    assert all(d["year"] == 2014 for d in documents)
    unknown = invoke("register", "list", "-m", "Atlantis")
    assert unknown.exit_code == 2
