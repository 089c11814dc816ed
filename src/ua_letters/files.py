"""Writing files safely: never over a user's file without --force, never half-written."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from ua_letters.errors import UserError

# Binary mode matters on Windows; elsewhere the flag does not exist.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place.

    An interrupted run leaves either the old file or the new one, never a broken one.
    """
    path = Path(path)
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise UserError(f"{path} already exists; choose another name or add --force to replace it")
    folder = path.parent
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder; create it first")
    try:
        tmp, fd = _temporary(path)
    except OSError as exc:
        raise UserError(f"cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"could not write {path}: {exc.strerror or exc}{_hint(exc)}") from None
    except BaseException:  # Ctrl-C included: leave nothing half-written behind
        tmp.unlink(missing_ok=True)
        raise


def _temporary(path: Path) -> tuple[Path, int]:
    """A new hidden file in the same folder (so the rename is atomic), made with the
    permissions the user's umask gives any new file."""
    while True:
        tmp = path.with_name(f".{path.name[:40]}.{secrets.token_hex(4)}.part")
        try:
            return tmp, os.open(tmp, _NEW_FILE, 0o666)
        except FileExistsError:
            continue


def _hint(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "; is the file open in another program?"
    return ""
