"""The desktop's rolling backup: one compressed copy a day, taken after the window is up.

A start costs nothing: the first start of a (UTC) day copies the database with SQLite's
online backup API on its own connection, off the GUI thread, while the pharmacist works
(WAL: the copy's read lock never blocks a writer). The copy is gzip-compressed, owner-only,
written under a temporary name carrying the process id (`leftovers` removes one a kill left)
and given its final name in one step. Only the newest `KEEP_DAILY` are kept, so the folder
grows by at most one compressed copy a day. The backup taken before any migration is not
this one: `database.open_database` takes it, uncompressed, before touching the schema.

`db restore` reads these files as they are (`backup.restore` decompresses a `.gz` first).
When the site set a backup passphrase the copy is sealed like every other backup
(`backup_encrypted`, not compressed: `-daily.sqlite3`), and its audit head goes to the anchor
log beside the backups, as every backup's does.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from ino_desk.persistence.audit.anchor_log import anchor_log_for, head_of_file, kept_with
from ino_desk.persistence.backups.backup import anchor_backup
from ino_desk.persistence.backups.backup_encrypted import site_backup_key, write_encrypted
from ino_desk.persistence.sqlite import messages
from ino_desk.persistence.sqlite.leftovers import PARTIAL
from ino_desk.safe_files import create_private_empty, fsync_folder, link_no_clobber, private_folder
from ino_desk.services.store_errors import StoreError

log = logging.getLogger(__name__)

DAILY_TAG = "daily"
DAILY_SUFFIX = ".sqlite3.gz"
SEALED_DAILY_SUFFIX = ".sqlite3"  # encrypted for the site's backup key
KEEP_DAILY = 7  # a week of days, each one compressed copy
BUSY_TIMEOUT_S = 30.0  # a backup waits for a checkpoint rather than failing
_CHUNK = 1 << 20


def _today(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y%m%d")


def daily_backups(folder: Path) -> list[Path]:
    """The complete daily backups in `folder`, oldest first (their names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(
        [
            *folder.glob(f"ino-desk-*-{DAILY_TAG}{DAILY_SUFFIX}"),
            *folder.glob(f"ino-desk-*-{DAILY_TAG}{SEALED_DAILY_SUFFIX}"),
        ]
    )


def daily_backup_due(folder: Path, now: datetime | None = None) -> bool:
    """True when `folder` holds no daily backup of today yet."""
    today = _today(now)
    return not any(p.name.startswith(f"ino-desk-{today}T") for p in daily_backups(folder))


def take_daily_backup(
    db_path: Path, folder: Path, keep: int = KEEP_DAILY, now: datetime | None = None
) -> Path | None:
    """Today's compressed backup of `db_path` in `folder`, unless it exists; rotates the
    older ones. Safe to run on any thread: it opens its own connections. Returns the new
    file, or None when today's backup was already there."""
    if not daily_backup_due(folder, now):
        return None
    try:
        private_folder(folder)
    except OSError as exc:
        raise messages.from_os_error(exc, folder, "backup") from exc
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    dest = folder / f"ino-desk-{stamp}-{DAILY_TAG}{DAILY_SUFFIX}"
    raw = folder / f"ino-desk-{stamp}-{DAILY_TAG}.sqlite3{PARTIAL}{os.getpid()}"
    packed = Path(f"{dest}{PARTIAL}{os.getpid()}")
    try:
        _copy_pages(db_path, raw)
        head = head_of_file(raw)
        key = _site_key(raw)
        if key is None:
            _compress(raw, packed)
            link_no_clobber(packed, dest)
            fsync_folder(folder)
        else:
            dest = folder / f"ino-desk-{stamp}-{DAILY_TAG}{SEALED_DAILY_SUFFIX}"
            write_encrypted(lambda plain: os.replace(raw, plain), dest, key)
    except sqlite3.Error as exc:
        raise messages.from_sqlite(exc, raw, "backup") or StoreError(
            f"The daily backup could not be written to {folder}: {exc}"
        ) from exc
    except FileExistsError:
        return None  # another ino-desk on this database took it at the same moment
    except OSError as exc:
        raise messages.from_os_error(exc, raw, "backup") from exc
    finally:
        for leftover in (raw, Path(f"{raw}-journal"), packed):
            leftover.unlink(missing_ok=True)
    for old in daily_backups(folder)[:-keep]:
        old.unlink(missing_ok=True)
        kept_with(old).unlink(missing_ok=True)
    anchor_backup(anchor_log_for(folder), head, f"backup {dest.name}", keep_beside=dest)
    return dest


def _site_key(raw: Path) -> str | None:
    conn = sqlite3.connect(raw)
    try:
        return site_backup_key(conn)
    finally:
        conn.close()


def _copy_pages(db_path: Path, raw: Path) -> None:
    create_private_empty(raw)
    source = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_S)
    try:
        target = sqlite3.connect(raw)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            target.close()
    finally:
        source.close()


def _compress(raw: Path, packed: Path) -> None:
    create_private_empty(packed)
    with raw.open("rb") as src, packed.open("wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=1, mtime=0) as gz:
            shutil.copyfileobj(src, gz, _CHUNK)
        out.flush()
        os.fsync(out.fileno())


def backup_after_start(db_path: Path, folder: Path) -> None:
    """What the desktop runs in the background once its window is up: a failure is logged
    as a warning (the pharmacist's work goes on; `db backup` remains), never raised."""
    try:
        made = take_daily_backup(db_path, folder)
    except (StoreError, OSError, sqlite3.Error) as exc:
        log.warning("the daily backup failed: %s", exc)
        return
    if made is not None:
        log.info("daily backup written")
