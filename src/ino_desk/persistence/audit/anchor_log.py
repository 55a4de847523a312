"""The anchor log beside the backups: one line `SEQ:HASH timestamp reason` per anchor.

Written at every document print, every backup and restore, and when the desktop app closes.
Lines are only ever appended, each in one write to an owner-only file, then fsynced: a kill
leaves whole lines. A legitimate `db restore` appends a line whose reason starts `restore`:
anchors written before it above the restored head belong to the replaced trail and are no
longer checked; every other anchor must still name an event of the trail with its hash.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ino_desk.domain.errors import InputError
from ino_desk.domain.printed.audit_anchors import AuditAnchor, parse_anchor
from ino_desk.persistence.audit.audit import GENESIS_HASH, HEAD_ID
from ino_desk.safe_files import PRIVATE_FILE_MODE, fsync_folder, private_file, private_folder

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import Connection

ANCHOR_LOG = "audit-anchors.log"
KEPT_SUFFIX = ".anchors"  # beside each backup: the anchor log as it was when it was taken
RESTORE = "restore"


@dataclass(frozen=True, slots=True)
class AnchorLine:
    number: int  # line number in the log, for messages
    anchor: AuditAnchor
    at: str
    reason: str


def anchor_log_for(backups_dir: Path) -> Path:
    return backups_dir / ANCHOR_LOG


def _one_line(text: str) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def append_anchor(log: Path, anchor: AuditAnchor, reason: str) -> None:
    """Append one line, owner-only, fsynced (the folder too when the log is new)."""
    private_folder(log.parent)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    line = f"{anchor.text} {stamp} {_one_line(reason) or '-'}\n".encode()
    new = not log.exists()
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE_MODE)
    try:
        os.write(fd, line)  # one write: appended whole, never interleaved with another
        os.fsync(fd)
    finally:
        os.close(fd)
    if new:
        private_file(log)
        fsync_folder(log.parent)


def kept_with(backup: Path) -> Path:
    return backup.with_name(backup.name + KEPT_SUFFIX)


def keep_with_backup(log: Path, backup: Path) -> None:
    """A copy of the anchor log beside `backup` (owner-only, atomic, never over a file), so
    the anchors travel with the backup; a workstation that lost its log gets it back on
    restore (`adopt_kept`). Hashes, times and document ids only: no patient data."""
    from ino_desk.safe_files import OutputFileError, write_private

    try:
        write_private(kept_with(backup), log.read_bytes(), what="the backup's anchor log")
    except (OSError, OutputFileError) as exc:
        raise OSError(str(getattr(exc, "message", exc))) from None


def adopt_kept(log: Path, backup: Path) -> None:
    """When this workstation has no anchor log, start it from the one kept with `backup`."""
    kept = kept_with(backup)
    if log.exists() or not kept.is_file():
        return
    private_folder(log.parent)
    data = kept.read_bytes()
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    private_file(log)
    fsync_folder(log.parent)


def head_of(conn: Connection) -> AuditAnchor:
    """The chain head as the audit_head row stores it (genesis while nothing is recorded)."""
    row = conn.exec_driver_sql(
        f"SELECT last_seq, last_hash FROM audit_head WHERE id = {HEAD_ID}"
    ).first()
    return AuditAnchor(0, GENESIS_HASH) if row is None else AuditAnchor(int(row[0]), str(row[1]))


def head_of_file(path: Path) -> AuditAnchor | None:
    """The head stored in a database file (a fresh backup), read-only; None if unreadable."""
    from ino_desk.persistence.sqlite.snapshot import read_only_uri

    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = con.execute(
                f"SELECT last_seq, last_hash FROM audit_head WHERE id = {HEAD_ID}"
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return AuditAnchor(0, GENESIS_HASH) if row is None else AuditAnchor(int(row[0]), str(row[1]))


def read_anchor_log(log: Path) -> tuple[list[AnchorLine], list[str]]:
    """The log's lines, and a problem for each line that is not an anchor (edited by hand)."""
    lines: list[AnchorLine] = []
    problems: list[str] = []
    try:
        raw = log.read_bytes()
    except FileNotFoundError:
        return lines, problems
    except OSError as exc:
        return lines, [f"the anchor log {log} cannot be read ({exc.strerror or exc})"]
    for number, text in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        parts = text.split(" ", 2)
        try:
            if len(parts) < 2:
                raise InputError("anchor", "incomplete line")
            lines.append(AnchorLine(number, parse_anchor(parts[0]), parts[1], "".join(parts[2:])))
        except InputError:
            problems.append(f"line {number} of the anchor log {log} is not an anchor")
    return lines, problems


def standing(lines: list[AnchorLine]) -> list[AnchorLine]:
    """The anchors the current trail must still hold: a restore line retires the anchors
    written before it above the head it restored (the replaced trail's last events)."""
    kept: list[AnchorLine] = []
    for line in lines:
        if line.reason.startswith(RESTORE):
            kept = [k for k in kept if k.anchor.seq <= line.anchor.seq]
        kept.append(line)
    return kept


def check_anchor(conn: Connection, anchor: AuditAnchor) -> str | None:
    """None when event SEQ of the trail has the anchored hash, else what is wrong."""
    if anchor.seq == 0:
        return None if GENESIS_HASH.startswith(anchor.hash) else _differs(anchor)
    row = conn.exec_driver_sql("SELECT hash FROM audit_events WHERE seq = ?", (anchor.seq,)).first()
    if row is None:
        last = head_of(conn).seq
        return (
            f"anchor {anchor.text}: audit event #{anchor.seq} is missing (the trail ends at "
            f"#{last}): events were removed or the file was rolled back to an older copy"
        )
    return None if anchor.matches(str(row[0])) else _differs(anchor)


def _differs(anchor: AuditAnchor) -> str:
    return (
        f"anchor {anchor.text}: audit event #{anchor.seq} has another hash: the trail was "
        "rewritten, or this is another database (another site's, or a swapped file)"
    )


def check_anchor_log(conn: Connection, log: Path) -> tuple[int, list[str]]:
    """How many standing anchors were checked, and a problem for each that does not match."""
    lines, problems = read_anchor_log(log)
    kept = standing(lines)
    for line in kept:
        problem = check_anchor(conn, line.anchor)
        if problem is not None:
            problems.append(f"{problem} (anchor log line {line.number}, {line.reason})")
    return len(kept), problems
