"""Every file ino-desk writes: owner-only, atomic, and never onto a database or an existing file.

Patient data leaves the database as PDFs, CSVs, backups and logs. Whatever the umask, a file
written here is 0600 and a folder created here is 0700 (POSIX; Windows ignores the modes and
the profile folder's ACL protects the files there). An output is first written to a temporary
file in the target's folder and fsynced; only `publish()` makes it appear under its name, in
one rename, so a refused or interrupted command leaves nothing behind. A file that holds a
SQLite database (the live one, a backup, any other) is never replaced, even with `force`;
any other existing file only with `force`.

Standard library only: the persistence, command line and GUI layers all use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from types import TracebackType

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700
SQLITE_HEADER = b"SQLite format 3\x00"
ENCRYPTED_BACKUP_MAGIC = b"ino-desk encrypted backup 1\x00"  # persistence/backups/backup_crypto.py
_SIDE_FILES = ("-wal", "-shm", "-journal")


class OutputFileError(Exception):
    """The output cannot or must not be written; `message` says why in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def private_folder(folder: Path) -> Path:
    """Create `folder` and its missing parents owner-only (0700); existing folders stay as
    they are. Returns the folder."""
    missing: list[Path] = []
    current = folder.expanduser().absolute()
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for new in reversed(missing):
        try:
            os.mkdir(new, PRIVATE_FOLDER_MODE)
        except FileExistsError:
            continue
        os.chmod(new, PRIVATE_FOLDER_MODE)  # exact, whatever the umask
    return folder


def private_file(path: Path) -> None:
    """Make an existing file owner-only (0600)."""
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE_MODE)


def create_private_empty(path: Path) -> None:
    """Create `path` empty and owner-only; refuses (FileExistsError) when it exists."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)
    private_file(path)


def fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def holds_database(path: Path) -> bool:
    """True when the file starts like a SQLite database (a live database or a backup) or an
    encrypted backup."""
    try:
        with path.open("rb") as f:
            start = f.read(len(ENCRYPTED_BACKUP_MAGIC))
    except OSError:
        return False
    return start.startswith(SQLITE_HEADER) or start == ENCRYPTED_BACKUP_MAGIC


def holds_encrypted_backup(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(ENCRYPTED_BACKUP_MAGIC)) == ENCRYPTED_BACKUP_MAGIC
    except OSError:
        return False


def _database_family(databases: Iterable[Path]) -> set[Path]:
    family: set[Path] = set()
    for db in databases:
        db = db.expanduser().absolute()
        family.add(db)
        family.update(Path(f"{db}{suffix}") for suffix in _SIDE_FILES)
    return family


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a == b


def _plain(exc: OSError) -> str:
    return exc.strerror or str(exc)


def check_output_path(
    path: Path,
    *,
    force: bool = False,
    databases: Iterable[Path] = (),
    what: str = "the output",
    force_hint: str = ", or add --force to replace it",
) -> Path:
    """Refuse an output path before anything is written: a database, its side files or a
    backup; an existing file without `force`; a folder; a missing folder; a name too long."""
    target = path.expanduser().absolute()
    try:
        for db in _database_family(databases):
            if target == db or (target.exists() and db.exists() and _same_file(target, db)):
                raise OutputFileError(
                    f"{target} is the database (or one of its files); {what} is never written "
                    "over it. Choose another file name."
                )
        if target.is_dir():
            raise OutputFileError(f"{target} is a folder; give a file name for {what}.")
        if not target.parent.is_dir():
            raise OutputFileError(
                f"cannot write {target}: the folder {target.parent} does not exist."
            )
        if target.exists() or target.is_symlink():
            if holds_database(target):
                raise OutputFileError(
                    f"{target} holds a database or a backup; {what} is never written over it. "
                    "Choose another file name."
                )
            if not force:
                raise OutputFileError(
                    f"{target} already exists; choose a new file name{force_hint}."
                )
        if len(target.name.encode("utf-8", "surrogateescape")) > 255:
            raise OutputFileError(f"the file name of {what} is too long (at most 255 bytes).")
    except OSError as exc:
        raise OutputFileError(f"cannot use {target} for {what}: {_plain(exc)}") from None
    return target


class StagedFile:
    """An output written to a hidden temporary file beside its target, not yet visible.

    Use as a context manager: `write()` the data, run the remaining checks and records, then
    `publish()`; leaving the block without publishing (a refusal, an error) removes it.
    """

    def __init__(
        self,
        path: Path,
        *,
        force: bool = False,
        databases: Iterable[Path] = (),
        what: str = "the output",
    ) -> None:
        self._databases = tuple(databases)
        self._what = what
        self.force = force
        self.path = check_output_path(path, force=force, databases=self._databases, what=what)
        self._temp: Path | None = None

    def __enter__(self) -> StagedFile:
        import tempfile  # with shutil, bz2, lzma, random: only for a command that writes a file

        try:
            fd, name = tempfile.mkstemp(
                dir=self.path.parent, prefix=".ino-desk-", suffix=".partial"
            )
        except OSError as exc:
            raise OutputFileError(
                f"cannot write {self._what} in {self.path.parent}: {_plain(exc)}"
            ) from None
        os.close(fd)
        self._temp = Path(name)
        private_file(self._temp)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.discard()

    @property
    def temporary(self) -> Path:
        if self._temp is None:
            raise RuntimeError("the staged file is not open (use it in a with block)")
        return self._temp

    def write(self, data: bytes) -> None:
        try:
            with self.temporary.open("wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            raise OutputFileError(f"cannot write {self.path}: {_plain(exc)}") from None

    def publish(self) -> Path:
        """Make the written file appear under its name (checked again: a file that appeared
        meanwhile is not replaced without `force`, a database never)."""
        temp = self.temporary
        check_output_path(self.path, force=self.force, databases=self._databases, what=self._what)
        try:
            if self.force:
                os.replace(temp, self.path)
            else:
                link_no_clobber(temp, self.path)
        except FileExistsError:
            raise OutputFileError(
                f"{self.path} appeared while writing; it was left as it was."
            ) from None
        except OSError as exc:
            raise OutputFileError(f"cannot write {self.path}: {_plain(exc)}") from None
        self._temp = None
        fsync_folder(self.path.parent)
        return self.path

    def discard(self) -> None:
        if self._temp is not None:
            self._temp.unlink(missing_ok=True)
            self._temp = None


def link_no_clobber(temp: Path, target: Path) -> None:
    """Rename `temp` to `target` unless `target` exists (a hard link fails if it does)."""
    try:
        os.link(temp, target)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links (FAT, some shares): checked, then renamed.
        if target.exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        os.replace(temp, target)
        return
    temp.unlink(missing_ok=True)


def write_private(
    path: Path,
    data: bytes,
    *,
    force: bool = False,
    databases: Iterable[Path] = (),
    what: str = "the output",
) -> Path:
    """Write `data` to `path` owner-only and atomically, with the checks of `StagedFile`."""
    with StagedFile(path, force=force, databases=databases, what=what) as staged:
        staged.write(data)
        return staged.publish()
