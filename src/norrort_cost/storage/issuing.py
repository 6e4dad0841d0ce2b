"""Issuing documents: the register and the output directory change together, or neither.

The protocol, for one run writing into ``--out``:

1. **Lock** the output directory (an exclusive, non-blocking ``flock`` on the directory
   itself, so no lock file is left behind): a second run into the same directory refuses.
2. **Recover** what a killed run left: a staging folder ``.norrort-cost-*`` whose journal
   names a run the register has committed is finished (its files are moved into place);
   any other staging folder is deleted. A run killed with SIGKILL is thus completed or
   undone by the next run, never left half-done.
3. In one register transaction (``BEGIN IMMEDIATE``): refuse what is already issued, take
   the next numbers of the seller's series, render, **write every file to a staging
   folder** in the output directory, then the journal (run id, register, file names).
4. **Commit, then rename** the files into place, in a section SIGINT and SIGTERM cannot
   cut (:func:`~norrort_cost.storage.signals.uninterrupted`). A crash before the commit
   leaves the register as it was and only a staging folder (deleted by step 2); a crash
   after it leaves a committed run whose files step 2 moves into place.

After the commit nothing is ever deleted: a directory the run made is removed on failure
only while it is empty. The register records each run's directory, so any later run (or
``register verify``) recovers every directory (:func:`recover_everywhere`).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from norrort_cost.problems import UsageError, said
from norrort_cost.storage.register import open_register
from norrort_cost.storage.signals import Interrupted, issued, uninterrupted

STAGING_PREFIX = ".norrort-cost-"
JOURNAL = "journal.json"


@contextmanager
def locked_directory(directory: Path) -> Iterator[None]:
    """``directory`` (made if missing) locked for this run.

    A directory this run made is removed again on failure only while it is empty: a file
    in it (an issued document, a staged run) is never deleted, whatever fails.
    """
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            said("{directory} is not a directory", directory=str(directory)),
            "choose another --output directory",
        )
    created = not directory.exists()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            said("cannot create {directory}: {reason}", directory=str(directory),
                 reason=exc.strerror or str(exc)),
            "check the --output path",
        ) from None  # fmt: skip
    handle = os.open(directory, os.O_RDONLY)
    try:
        _lock(handle, directory)
        yield
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                directory.rmdir()  # only ever an empty directory
        raise
    finally:
        os.close(handle)  # closing releases the lock


def _lock(handle: int, directory: Path) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock (documented)
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise UsageError(
            said("another norrort-cost run is writing to {directory}", directory=str(directory)),
            "wait for it to finish; nothing was written",
        ) from None


def recover(directory: Path) -> list[str]:
    """Finish or undo what killed runs left in ``directory``; say what was done."""
    done = []
    for staging in sorted(directory.glob(f"{STAGING_PREFIX}*")):
        if not staging.is_dir():
            continue
        journal = _journal(staging)
        if journal is not None and _committed(journal):
            for name in _names(journal.get("files")):
                if (staging / name).exists():
                    (staging / name).replace(directory / name)
            done.append(
                said("completed the interrupted run {run} in {directory}",
                     run=str(journal["run"]), directory=str(directory))
            )  # fmt: skip
        else:
            done.append(
                said("removed the unfinished files of an interrupted run in {directory}",
                     directory=str(directory))
            )  # fmt: skip
        shutil.rmtree(staging, ignore_errors=True)
    return done


def recover_everywhere(directories: Iterable[str], *, skip: Path | None = None) -> list[str]:
    """:func:`recover` in every directory a run of the register wrote to (that still exists)."""
    done: list[str] = []
    seen = {skip.resolve()} if skip is not None else set()
    for name in directories:
        directory = Path(name)
        if not name or not directory.is_dir() or directory.resolve() in seen:
            continue
        seen.add(directory.resolve())
        with contextlib.suppress(OSError):
            handle = os.open(directory, os.O_RDONLY)
            try:
                _lock(handle, directory)
                done += recover(directory)
            except UsageError:
                pass  # another run is writing there: it recovers the folder itself
            finally:
                os.close(handle)
    return done


def _names(value: object) -> list[str]:
    return [str(name) for name in value] if isinstance(value, list) else []


def _journal(staging: Path) -> dict[str, object] | None:
    try:
        record = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _committed(journal: Mapping[str, object]) -> bool:
    register = Path(str(journal.get("register", "")))
    if not register.is_file():
        return False
    with open_register(register, create=False) as opened:
        return opened.has_run(str(journal.get("run", "")))


def check_targets(directory: Path, files: Mapping[str, bytes], *, overwrite: bool) -> None:
    """Refuse file names that are not plain, directories in the way, and existing files.

    An existing file with exactly the bytes to be written is no conflict (a re-sent copy).
    """
    for name in files:
        if Path(name).name != name or name.startswith("."):
            raise ValueError(f"{name!r} is not a plain file name")
    occupied = sorted(name for name in files if (directory / name).is_dir())
    if occupied:
        raise UsageError(
            said("{path} is a directory, not an invoice file", path=str(directory / occupied[0])),
            "move it away; --force replaces files, never directories",
        )
    existing = sorted(
        name
        for name, data in files.items()
        if (directory / name).is_file() and (directory / name).read_bytes() != data
    )
    if existing and not overwrite:
        shown = ", ".join(existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise UsageError(
            said("{count} file(s) already exist in {directory}: {names}", count=len(existing),
                 directory=str(directory), names=shown),
            "add --force to replace them, or choose another --output directory",
        )  # fmt: skip


def publish(
    directory: Path,
    files: Mapping[str, bytes],
    journal: Mapping[str, str],
    commit: Callable[[], None],
) -> list[Path]:
    """Stage ``files`` in ``directory``, ``commit`` the register, move them into place.

    ``journal`` names the run and its register (step 3 of the protocol above). A signal
    during the commit and the renames is raised after them, saying that the run is issued.
    """
    staging = Path(tempfile.mkdtemp(dir=directory, prefix=STAGING_PREFIX))
    keep_staging = False
    committed = False
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        record = {**journal, "files": sorted(files)}
        _write_synced(staging / JOURNAL, json.dumps(record).encode())
        with uninterrupted():
            commit()
            committed = keep_staging = True  # the next run can finish what this one began
            issued(issued_outcome(len(files), directory))
            moved = [_move(staging / name, directory / name) for name in files]
            keep_staging = False
    except Interrupted as exc:
        if not committed:
            raise
        raise Interrupted(exc.signum, issued_outcome(len(files), directory)) from None
    except OSError as exc:
        if keep_staging:
            raise UsageError(
                said("the register holds the run, but moving its files failed: {reason}",
                     reason=exc.strerror or str(exc)),
                said("run the command again (or norrort-cost register verify): it completes "
                     "the run from {staging}", staging=str(staging)),
            ) from None  # fmt: skip
        full = exc.errno == errno.ENOSPC
        raise UsageError(
            said("could not write the files to {directory}: {reason}",
                 directory=str(directory), reason=exc.strerror or str(exc)),
            "nothing was written; free some space and try again" if full
            else "nothing was written; check the directory and try again",
            code="disk-full" if full else "",
        ) from None  # fmt: skip
    finally:
        if not keep_staging:
            shutil.rmtree(staging, ignore_errors=True)
    return moved


def issued_outcome(count: int, directory: Path) -> str:
    """What a run stopped after its register commit really did."""
    return said(
        "the run is issued: the register holds it and its {count} file(s) are in {directory}",
        count=count,
        directory=str(directory),
    )


def _move(source: Path, target: Path) -> Path:
    source.replace(target)
    return target


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
