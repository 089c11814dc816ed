"""Writing files safely: never over a user's file without --force, never half-written."""

from __future__ import annotations

import contextlib
import glob
import os
import re
import secrets
import signal
import threading
from pathlib import Path

from ua_letters.errors import UserError

# Binary mode matters on Windows; elsewhere the flag does not exist.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
# Our temporaries: `.NAME.PID.RANDOM.part`, so that a later run can tell whose they are.
_TEMPORARY = re.compile(r"^\..*\.(\d+)\.[0-9a-f]{8}\.part$")


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place.

    An interrupted run leaves either the old file or the new one, never a broken one.
    Without `force` the rename itself refuses an existing file, so two runs at once
    cannot replace each other's file.
    """
    path = Path(path)
    if path.is_symlink():
        raise UserError(f"{path} is a symbolic link; ua-letter writes no file through a "
                        "link: remove the link or choose another name")
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise UserError(f"{path} already exists; choose another name or add --force to replace it")
    folder = path.parent
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder; create it first")
    remove_stale_temporaries(folder, path.name)
    tmp = write_temporary(path, data)
    try:
        rename_into_place(tmp, path, force)
    except BaseException:  # Ctrl-C included: leave nothing half-written behind
        tmp.unlink(missing_ok=True)
        raise


def check_writable(folder: Path, given: Path | None = None) -> None:
    """Fail before any work when nothing can be written in `folder` (or, when it does not
    exist yet, in the nearest folder above it that does): a probe file says so truthfully,
    whatever the permissions, the file system or the user."""
    existing = Path(folder)
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UserError(f"-o {given or folder}: {existing} is a file, not a folder; "
                        "choose a folder for the output")
    try:
        fd, probe = _temporary(existing / "write-test")
    except OSError as exc:
        raise UserError(f"-o {given or folder}: cannot write in {existing} ({exc.strerror}); "
                        "choose a folder you can write to") from None
    os.close(fd)
    probe.unlink(missing_ok=True)


def write_temporary(path: Path, data: bytes) -> Path:
    try:
        fd, tmp = _temporary(path)
    except OSError as exc:
        raise UserError(f"cannot write in {path.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"could not write {path}: {exc.strerror or exc}{_hint(exc)}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def rename_into_place(tmp: Path, path: Path, force: bool) -> None:
    """Move a finished temporary into place; without `force`, only where nothing is."""
    try:
        if force:
            os.replace(tmp, path)
            return
        try:
            os.link(tmp, path)  # fails if `path` appeared meanwhile, unlike a rename
        except FileExistsError:
            raise UserError(f"{path} already exists (another program wrote it just now); "
                            "choose another name or add --force to replace it") from None
        except OSError:  # a file system without hard links: check, then rename
            if os.path.lexists(path):
                raise UserError(f"{path} already exists; choose another name or add --force "
                                "to replace it") from None
            os.replace(tmp, path)
            return
        tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise UserError(f"could not write {path}: {exc.strerror or exc}{_hint(exc)}") from None


def _temporary(path: Path) -> tuple[int, Path]:
    """A new hidden file in the same folder (so the rename is atomic), made with the
    permissions the user's umask gives any new file."""
    while True:
        tmp = path.with_name(f".{path.name[:40]}.{os.getpid()}.{secrets.token_hex(4)}.part")
        try:
            with deferred_interrupt():  # made and known to the caller, or not made at all
                return os.open(tmp, _NEW_FILE, 0o666), tmp
        except FileExistsError:
            continue


@contextlib.contextmanager
def deferred_interrupt():
    """Ctrl-C arrives when the block is done (where signals can be blocked): a file
    created in it is always known to whoever must remove it."""
    if not hasattr(signal, "pthread_sigmask") or (
            threading.current_thread() is not threading.main_thread()):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def remove_stale_temporaries(folder: Path, name: str | None = None) -> list[Path]:
    """Delete temporaries that a run killed before it could clean up left in `folder`
    (only those for `name` when given): ours by their name, stale because the process
    that made them is gone."""
    removed = []
    pattern = f".{glob.escape(name[:40])}.*.part" if name else ".*.part"
    try:
        candidates = list(Path(folder).glob(pattern))
    except OSError:
        return removed
    for tmp in candidates:
        match = _TEMPORARY.match(tmp.name)
        if match and not process_alive(int(match[1])):
            try:
                tmp.unlink()
                removed.append(tmp)
            except OSError:
                pass
    return removed


def process_alive(pid: int) -> bool:
    """Whether process `pid` still runs (on Windows, assumed so: signal 0 would kill it)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True


def _hint(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "; is the file open in another program?"
    return ""
