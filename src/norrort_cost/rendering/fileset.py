"""Publishing a set of files into a directory: all of them, or none.

Every file is first written (atomically, with :func:`write_atomic`) into a staging folder
inside the target directory, then renamed into place. Existing files are replaced only
when asked; if anything fails, files already moved are taken back and replaced files
restored, so the directory is left as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from norrort_cost.problems import UsageError, said
from norrort_cost.rendering.files import write_atomic


def _move(source: Path, target: Path) -> None:
    source.replace(target)


def publish(directory: Path, files: Mapping[str, bytes], *, overwrite: bool) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``directory``; return the paths written."""
    for name in files:
        if Path(name).name != name or name.startswith("."):
            raise ValueError(f"{name!r} is not a plain file name")
    if directory.exists() and not directory.is_dir():
        raise UsageError(
            said("{directory} is not a directory", directory=str(directory)),
            "choose another --output directory",
        )
    occupied = sorted(name for name in files if (directory / name).is_dir())
    if occupied:
        raise UsageError(
            said("{path} is a directory, not an invoice file", path=str(directory / occupied[0])),
            "move it away; --force replaces files, never directories",
        )
    existing = sorted(name for name in files if (directory / name).exists())
    if existing and not overwrite:
        shown = ", ".join(existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise UsageError(
            said(
                "{count} file(s) already exist in {directory}: {files}",
                count=len(existing),
                directory=str(directory),
                files=shown,
            ),
            "add --force to replace them, or choose another --output directory",
        )
    created = not directory.exists()
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=directory, prefix=".norrort-cost-"))
    try:
        return _swap_in(directory, staging, files)
    except BaseException:
        if created:
            shutil.rmtree(directory, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(directory: Path, staging: Path, files: Mapping[str, bytes]) -> list[Path]:
    for name, data in files.items():
        write_atomic(staging / name, data)
    moved: list[Path] = []
    backups: list[tuple[Path, Path]] = []
    try:
        for name in files:
            target = directory / name
            if target.exists():
                backup = staging / f"{name}.previous"
                _move(target, backup)
                backups.append((backup, target))
            _move(staging / name, target)
            moved.append(target)
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        for backup, target in backups:
            backup.replace(target)
        raise
    return moved
