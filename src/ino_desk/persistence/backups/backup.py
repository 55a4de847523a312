"""Backups with SQLite's online backup API, rolling start-up backups, and a safe restore."""

from __future__ import annotations

import errno
import gzip
import logging
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ino_desk.persistence.audit.anchor_log import (
    RESTORE,
    adopt_kept,
    anchor_log_for,
    append_anchor,
    head_of_file,
    keep_with_backup,
    kept_with,
)
from ino_desk.persistence.backups.backup_encrypted import (
    decrypt_into,
    site_backup_key,
    write_encrypted,
)
from ino_desk.persistence.sqlite import messages
from ino_desk.persistence.sqlite.leftovers import (
    BEFORE_RESTORE,
    PARTIAL,
    RESTORING,
    rotate_before_restore,
)
from ino_desk.persistence.sqlite.snapshot import read_only_uri
from ino_desk.safe_files import (
    create_private_empty,
    fsync_folder,
    holds_encrypted_backup,
    link_no_clobber,
    private_file,
    private_folder,
)
from ino_desk.services.store_errors import StoreError, StoreUnavailableError

if TYPE_CHECKING:
    from ino_desk.domain.printed.audit_anchors import AuditAnchor
    from ino_desk.persistence.sqlite.sqlite_engine import Database

_log = logging.getLogger(__name__)
BACKUP_PREFIX = "ino-desk-"
BACKUP_SUFFIX = ".sqlite3"
SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


_fsync_dir = fsync_folder


def _pages(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """SQLite's online backup: every page of `source` into `target` (the OS boundary)."""
    source.backup(target)


def _copy_database(source: sqlite3.Connection, dest: Path, *, replace: bool = False) -> None:
    """Copy page by page into `dest`, owner-only (0600 whatever the umask): written to a
    temporary name, then renamed; an existing `dest` is replaced only when `replace`."""
    partial = dest.with_name(f"{dest.name}{PARTIAL}{os.getpid()}")
    for leftover in _family(partial):
        leftover.unlink(missing_ok=True)
    create_private_empty(partial)  # SQLite gives its journal the main file's mode
    try:
        target = sqlite3.connect(partial)
        try:
            _pages(source, target)
            target.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            target.close()
        with partial.open("rb+") as f:
            os.fsync(f.fileno())
        if replace:
            os.replace(partial, dest)
        else:
            link_no_clobber(partial, dest)
    finally:
        for leftover in _family(partial):
            leftover.unlink(missing_ok=True)
    _fsync_dir(dest.parent)


def backup_to(db: Database, dest: Path, anchor_log: Path | None = None) -> Path:
    """A consistent copy of the open database at `dest`, while others keep working; its
    audit head is appended to `anchor_log` (the backups folder's)."""
    dest = dest.expanduser().absolute()
    if dest.exists():
        raise StoreError(f"{dest} already exists; choose a new file name for the backup.")
    if not dest.parent.is_dir():
        raise StoreError(f"The folder {dest.parent} does not exist.")
    head: AuditAnchor | None = None
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        key = site_backup_key(raw)
        try:
            if key is None:
                _copy_database(raw, dest)
                head = head_of_file(dest)
            else:  # the site set a backup passphrase
                head = write_encrypted(
                    lambda plain: _copy_database(raw, plain, replace=True), dest, key
                )
        except sqlite3.Error as exc:  # the source only reads: a full disk is the backup's
            raise messages.from_sqlite(exc, dest, "backup") or StoreError(
                f"The backup could not be written to {dest}: {exc}"
            ) from exc
        except FileExistsError:
            raise StoreError(
                f"{dest} already exists; choose a new file name for the backup."
            ) from None
        except OSError as exc:
            raise messages.from_os_error(exc, dest, "backup") from exc
    if anchor_log is not None:
        anchor_backup(anchor_log, head, f"backup {dest.name}", keep_beside=dest)
    return dest


def anchor_backup(
    log: Path, head: AuditAnchor | None, reason: str, keep_beside: Path | None = None
) -> None:
    if head is None:
        return
    try:
        append_anchor(log, head, reason)
    except OSError as exc:
        raise StoreError(
            f"{reason.capitalize()} done, but its anchor could not be added to {log}: "
            f"{exc.strerror or exc}"
        ) from exc
    if keep_beside is not None:
        try:  # the log is what counts; its copy beside the backup travels with it
            keep_with_backup(log, keep_beside)
        except OSError as exc:
            _log.warning("anchor log not kept beside %s: %s", keep_beside.name, exc)


def backup_to_folder(db: Database, folder: Path, tag: str, keep: int) -> Path:
    """A dated backup in `folder` (owner-only, 0700); only the newest `keep` backups with
    this tag are kept."""
    try:
        private_folder(folder)
    except OSError as exc:
        raise messages.from_os_error(exc, folder, "backup") from exc
    dest = backup_to(
        db, folder / f"{BACKUP_PREFIX}{_stamp()}-{tag}{BACKUP_SUFFIX}", anchor_log_for(folder)
    )
    mine = sorted(folder.glob(f"{BACKUP_PREFIX}*-{tag}{BACKUP_SUFFIX}"))
    for old in mine[: max(0, len(mine) - keep)]:
        old.unlink(missing_ok=True)
        kept_with(old).unlink(missing_ok=True)
    return dest


def restore(
    backup: Path, db_path: Path, anchor_log: Path | None = None, passphrase: str | None = None
) -> Path | None:
    """Replace the database at `db_path` by `backup`, after checking the backup thoroughly.

    The backup is copied next to the database, checked (integrity, known schema, audit trail)
    and migrated there; the current file gets a second name (`_keep_aside`, no copy); then one
    atomic rename swaps them. At the peak the folder holds the database and the staged copy:
    twice its size, not three times. Any failure before the rename leaves the current
    database exactly as it was. The restored head goes to `anchor_log` as a restore line
    (anchors of the replaced trail above it retire). Only the newest
    `leftovers.KEEP_BEFORE_RESTORE` copies kept before a restore stay. Returns where the
    previous database was kept (None when none).
    """
    from ino_desk.persistence.audit.health import check_database
    from ino_desk.persistence.sqlite.sqlite_engine import make_engine, probe_existing

    backup = backup.expanduser().absolute()
    db_path = db_path.expanduser().absolute()
    if not backup.is_file():
        raise StoreError(f"The backup {backup} does not exist.")
    if backup.name.endswith(".gz"):  # a daily backup: restored from its unpacked copy
        unpacked = db_path.with_name(f"{db_path.name}.unpacked{PARTIAL}{os.getpid()}")
        try:
            _unpack(backup, unpacked)
            return restore(unpacked, db_path, anchor_log, passphrase)
        finally:
            unpacked.unlink(missing_ok=True)
    staging = db_path.with_name(f"{db_path.name}{RESTORING}{os.getpid()}")
    for leftover in _family(staging):
        leftover.unlink(missing_ok=True)
    if holds_encrypted_backup(backup):  # decrypted straight into the staged copy
        try:
            decrypt_into(backup, staging, passphrase)
            probe_existing(staging)  # sealed for the site's public key, yet not a database
        except BaseException as exc:
            for leftover in _family(staging):
                leftover.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise messages.from_os_error(exc, db_path) from exc
            raise
    else:
        _stage_plain(backup, staging, db_path)
    try:
        engine = make_engine(staging)
        try:
            from ino_desk.persistence import migrate

            with engine.execution_options(ino_desk_write=True).begin() as conn:
                if migrate.current_revision(conn) not in migrate.known_revisions():
                    raise messages.newer_schema(backup, str(migrate.current_revision(conn)))
                migrate.upgrade(conn)
            with engine.connect() as conn:
                report = check_database(conn)
        finally:
            engine.dispose()
        if not report.ok:
            raise StoreUnavailableError(
                f"The backup {backup} failed its check and was not restored: "
                f"{report.problems[0]}. The current database was not changed."
            )
        aside = _keep_aside(db_path)
        private_file(staging)  # the live database stays owner-only after a restore
        head = head_of_file(staging)
        os.replace(staging, db_path)
        _fsync_dir(db_path.parent)
        rotate_before_restore(db_path)
        if anchor_log is not None:
            adopt_kept(anchor_log, backup)
            anchor_backup(anchor_log, head, f"{RESTORE} from {backup.name}")
        return aside
    finally:
        for leftover in _family(staging):
            leftover.unlink(missing_ok=True)


def _unpack(packed: Path, dest: Path) -> None:
    """Decompress a daily backup into an owner-only file beside the database."""
    create_private_empty(dest)
    try:
        with gzip.open(packed, "rb") as source, dest.open("wb") as out:
            shutil.copyfileobj(source, out, 1 << 20)
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        if isinstance(exc, OSError) and exc.errno in messages.FULL_ERRNOS:
            raise messages.disk_full(dest) from None
        raise StoreUnavailableError(
            f"The backup {packed} cannot be unpacked ({exc}). The current database was not changed."
        ) from None


def _stage_plain(backup: Path, staging: Path, db_path: Path) -> None:
    from ino_desk.persistence.sqlite.sqlite_engine import probe_existing

    probe_existing(backup)
    source = sqlite3.connect(read_only_uri(backup), uri=True)
    try:  # the staged copy is on the database's disk
        _copy_database(source, staging, replace=True)
    except sqlite3.Error as exc:
        raise messages.from_sqlite(exc, db_path) or StoreError(
            f"The backup {backup} could not be copied next to the database: {exc}"
        ) from exc
    except OSError as exc:
        raise messages.from_os_error(exc, db_path) from exc
    finally:
        source.close()


def _family(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in SIDE_SUFFIXES]


def _keep_aside(db_path: Path) -> Path | None:
    """Set the current database aside without copying it: its -wal is folded in, then it gets
    a second name (a hard link, no extra space) that keeps it once the restored file takes its
    place. Refuses while another program still has it open. Where the file system has no hard
    links (FAT, some shares) it is copied instead."""
    if not db_path.exists():
        return None
    damaged = False
    try:  # the last connection to close folds the -wal into the file and deletes it
        con = sqlite3.connect(db_path, timeout=1)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if messages.is_busy(exc):
            raise messages.locked() from exc  # in use elsewhere, not damaged: never replaced
        damaged = True  # kept as its raw files
    wal = Path(f"{db_path}-wal")
    if wal.exists() and (wal.stat().st_size > 0 or not damaged):
        raise StoreError(
            "The database is still open in ino-desk (here or on another computer). Close it "
            "everywhere, then restore again. Nothing was changed."
        )
    aside = db_path.with_name(f"{db_path.name}{BEFORE_RESTORE}{_stamp()}")
    for part, suffix in zip(_family(db_path), SIDE_SUFFIXES, strict=True):
        if part.exists():
            _link_or_copy(part, Path(f"{aside}{suffix}"))
    for part in _family(db_path)[1:]:
        part.unlink(missing_ok=True)
    return aside


def _link_or_copy(source: Path, name: Path) -> None:
    try:
        os.link(source, name)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        shutil.copy2(source, name)
    private_file(name)
