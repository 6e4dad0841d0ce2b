"""``register verify``: every issued document's files against the register.

First each directory a run of the register wrote to is recovered (a staged run the
register committed is moved into place), then every file of every document is looked
for in its run's directory and its SHA-256 compared with the one recorded when it was
issued; the copy kept in the register is compared too. A re-sent copy is checked the
same way before it is sent (:func:`stored_copy`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from norrort_cost.invoicing.register import sha256
from norrort_cost.problems import UsageError, said
from norrort_cost.storage.issuing import recover_everywhere
from norrort_cost.storage.register import Register

Trouble = Literal["missing", "changed", "stored"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A file of an issued document that is not as the register recorded it."""

    seller: str
    number: str
    path: Path
    trouble: Trouble


@dataclass(frozen=True, slots=True)
class Verification:
    """What ``verify`` did: runs recovered, files checked, and what did not match."""

    recovered: tuple[str, ...]
    checked: int
    unknown: int  # files of runs whose directory the register does not know (version 1)
    findings: tuple[Finding, ...]


def verify(opened: Register) -> Verification:
    """Recover every run's directory, then check every document's files."""
    directories = opened.run_directories()
    recovered = recover_everywhere(directories.values())
    runs = opened.document_runs()
    checked = unknown = 0
    findings: list[Finding] = []
    for row in opened.documents():
        if not row.files:
            continue
        directory = directories.get(runs.get(row.row_id, ""), "")
        stored = {f.name: f for f in opened.stored_files(row.number, row.seller)}
        for name, digest in row.files:
            kept = stored.get(name)
            if kept is not None and sha256(kept.content) != digest:
                findings.append(Finding(row.seller, row.number, Path(name), "stored"))
            if not directory:
                unknown += 1
                continue
            checked += 1
            path = Path(directory) / name
            if not path.is_file():
                findings.append(Finding(row.seller, row.number, path, "missing"))
            elif sha256(path.read_bytes()) != digest:
                findings.append(Finding(row.seller, row.number, path, "changed"))
    return Verification(tuple(recovered), checked, unknown, tuple(findings))


def stored_copy(opened: Register, number: str, seller: str) -> dict[str, bytes]:
    """The register's files of a document, each checked against its recorded SHA-256.

    A copy that no longer matches is refused (``changed-copy``), never sent.
    """
    files: dict[str, bytes] = {}
    for stored in opened.stored_files(number, seller):
        if sha256(stored.content) != stored.sha256:
            raise UsageError(
                said(
                    "the register's copy of {file} (document {number}) differs from the "
                    "SHA-256 recorded when it was issued",
                    file=stored.name,
                    number=number,
                ),
                "nothing was sent; run norrort-cost register verify and restore the "
                "register from a backup",
                code="changed-copy",
            )
        files[stored.name] = stored.content
    return files
