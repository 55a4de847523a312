"""Restoring a backup: checked and migrated beside the database, then swapped in atomically."""

from __future__ import annotations

import errno
import gzip
import os
import shutil
import sqlite3
from pathlib import Path

from ino_desk.persistence.audit.anchor_log import RESTORE, adopt_kept, head_of_file
from ino_desk.persistence.backups.backup import (
    SIDE_SUFFIXES,
    anchor_backup,
    copy_database,
    side_files,
    stamp,
)
from ino_desk.persistence.backups.backup_encrypted import decrypt_into
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
    private_file,
)
from ino_desk.services.store_errors import StoreError, StoreUnavailableError


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
    for leftover in side_files(staging):
        leftover.unlink(missing_ok=True)
    if holds_encrypted_backup(backup):  # decrypted straight into the staged copy
        try:
            decrypt_into(backup, staging, passphrase)
            probe_existing(staging)  # sealed for the site's public key, yet not a database
        except BaseException as exc:
            for leftover in side_files(staging):
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
        fsync_folder(db_path.parent)
        rotate_before_restore(db_path)
        if anchor_log is not None:
            adopt_kept(anchor_log, backup)
            anchor_backup(anchor_log, head, f"{RESTORE} from {backup.name}")
        return aside
    finally:
        for leftover in side_files(staging):
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
        copy_database(source, staging, replace=True)
    except sqlite3.Error as exc:
        raise messages.from_sqlite(exc, db_path) or StoreError(
            f"The backup {backup} could not be copied next to the database: {exc}"
        ) from exc
    except OSError as exc:
        raise messages.from_os_error(exc, db_path) from exc
    finally:
        source.close()


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
    aside = db_path.with_name(f"{db_path.name}{BEFORE_RESTORE}{stamp()}")
    for part, suffix in zip(side_files(db_path), SIDE_SUFFIXES, strict=True):
        if part.exists():
            _link_or_copy(part, Path(f"{aside}{suffix}"))
    for part in side_files(db_path)[1:]:
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
