"""Writing files safely: never over a user's file without --force, never half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ua_letters.errors import UserError


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place."""
    if path.exists() and not force:
        raise UserError(f"{path} already exists; choose another name or add --force to replace it")
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder; create it first")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
