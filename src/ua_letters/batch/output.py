"""The batch output folder: claimed by one run at a time, filled all at once or not at all."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from ua_letters.errors import UserError
from ua_letters.files import (
    deferred_interrupt,
    process_alive,
    remove_stale_temporaries,
    rename_into_place,
    write_temporary,
)

LOCK = ".ua-letter.lock"
_UNREADABLE_LOCK_GRACE = 60  # seconds: a lock without a pid is a run that died starting up


class Interrupted(Exception):
    """Ctrl-C while writing: says what was written and what was not."""

    def __init__(self, folder: Path, placed: list[Path], planned: int):
        self.placed = placed
        if not placed:
            text = f"interrupted: nothing written in {folder}; run again to write the batch"
        else:
            shown = ", ".join(str(p.relative_to(folder)) for p in placed[:5])
            more = f" and {len(placed) - 5} more" if len(placed) > 5 else ""
            text = (f"interrupted: wrote {len(placed)} of {planned} files in {folder} "
                    f"({shown}{more}); the others were not written")
        super().__init__(text + " (temporary files removed)")


class OutputFolder:
    """Files staged as hidden temporaries, then renamed into place together.

    On any failure or Ctrl-C the temporaries go, new files and new folders go, and the
    folder is as it was (files replaced with --force cannot come back, and are named).
    A lock file keeps a second run out while this one works.
    """

    def __init__(self, root: Path, force: bool = False):
        self.root = Path(root)
        self.force = force
        self.created: list[Path] = []
        self.staged: list[tuple[Path, Path]] = []
        self.placed: list[Path] = []
        self.planned = 0
        self.cleaned: set[Path] = set()
        self.lock: Path | None = None

    def __enter__(self) -> OutputFolder:
        self._make(self.root)
        try:
            self._claim()
        except BaseException as exc:
            self._release()
            self._undo()
            if isinstance(exc, KeyboardInterrupt):
                raise Interrupted(self.root, [], 0) from None
            raise
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            placed = self._undo()
        self._release()
        if kind is KeyboardInterrupt:
            raise Interrupted(self.root, placed, self.planned) from None

    def refuse_clashes(self, names: list[str]) -> None:
        """Before any work: no planned file may sit behind a link, or exist without force."""
        self.planned = len(names)
        for name in names:
            path = self.root
            for part in Path(name).parts:
                path = path / part
                if path.is_symlink():
                    raise UserError(f"{path} is a symbolic link; ua-letter writes no file "
                                    "through a link: remove it or choose another folder")
        if not self.force:
            clashes = [name for name in names if os.path.lexists(self.root / name)]
            if clashes:
                more = f" and {len(clashes) - 1} more" if len(clashes) > 1 else ""
                raise UserError(f"{self.root / clashes[0]} already exists{more}; "
                                "choose another folder or add --force to replace them")

    def stage(self, name: str, data: bytes) -> None:
        final = self.root / name
        self._make(final.parent)
        if final.parent not in self.cleaned:
            remove_stale_temporaries(final.parent)
            self.cleaned.add(final.parent)
        with deferred_interrupt():  # a temporary is always on the list to remove
            self.staged.append((write_temporary(final, data), final))

    def commit(self) -> list[Path]:
        """Every staged file renamed into place; returns their paths."""
        while self.staged:
            tmp, final = self.staged[0]
            with deferred_interrupt():  # renamed and recorded, or neither
                rename_into_place(tmp, final, self.force)
                self.staged.pop(0)
                self.placed.append(final)
        return self.placed

    def remove(self, names: list[str]) -> list[Path]:
        """Delete files of an earlier run this one did not replace (only with --force, and
        only inside the folder); returns the paths removed."""
        removed = []
        for name in names:
            path = self.root / name
            if (not self.force or Path(name).is_absolute() or ".." in Path(name).parts
                    or not (path.is_file() or path.is_symlink())):
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
        return removed

    def _make(self, folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            try:
                path.mkdir()
            except FileExistsError:
                if path.is_dir():  # made a moment ago by another run: theirs, not ours
                    continue
                raise UserError(f"cannot create the folder {path}: a file of that name is "
                                "in the way; move it, or choose another -o") from None
            except OSError as exc:
                raise UserError(f"cannot create the folder {path}: {exc.strerror}") from None
            self.created.append(path)

    def _undo(self) -> list[Path]:
        """Remove what this run added; return the files it replaced and could not restore."""
        for tmp, _ in self.staged:
            tmp.unlink(missing_ok=True)
        self.staged = []
        kept = []
        for path in self.placed:
            if self.force:
                kept.append(path)  # it may have replaced a file: leave the new one
            else:
                path.unlink(missing_ok=True)
        self.placed = []
        for folder in reversed(self.created):
            if folder == self.root and self.lock is not None:
                self._release()
            with contextlib.suppress(OSError):
                folder.rmdir()
        return kept

    def _claim(self) -> None:
        lock = self.root / LOCK
        for _ in range(2):
            try:
                with deferred_interrupt():  # made and recorded, or not made
                    fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                    self.lock = lock
            except FileExistsError:
                if self._stale(lock):
                    lock.unlink(missing_ok=True)
                    continue
                raise UserError(
                    f"{self.root} is being written by another ua-letter run ({_owner(lock)}); "
                    f"wait for it to finish, or if none is running, delete {lock}"
                ) from None
            except OSError as exc:
                raise UserError(f"-o {self.root}: cannot write in it ({exc.strerror}); "
                                "choose a folder you can write to") from None
            self.lock = lock  # first, so that an interrupt from here on removes it
            with os.fdopen(fd, "w") as handle:
                handle.write(f"{os.getpid()}\n")
            return
        raise UserError(f"{self.root}: cannot claim the folder; delete {lock} and run again")

    def _release(self) -> None:
        if self.lock is not None:
            self.lock.unlink(missing_ok=True)
            self.lock = None

    @staticmethod
    def _stale(lock: Path) -> bool:
        pid = _pid_in(lock)
        if pid is None:
            try:
                return time.time() - lock.stat().st_mtime > _UNREADABLE_LOCK_GRACE
            except OSError:
                return True
        return not process_alive(pid)


def _pid_in(lock: Path) -> int | None:
    try:
        return int(lock.read_text(encoding="ascii").strip())
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _owner(lock: Path) -> str:
    pid = _pid_in(lock)
    return f"process {pid}" if pid else "starting up"
