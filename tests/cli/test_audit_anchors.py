"""Anchors outside the file (issue 14): the audit head on paper and in the anchor log.

The forger below has only the database file and ino-desk's source (the hash is public): it
rewrites or removes events and re-hashes the chain so `audit verify` alone finds the trail
intact (each case asserts that first, with the anchor log moved away). The anchor log beside
the backups and the head printed on an order sheet must then catch it.
"""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import pypdf
import pytest

from ino_desk.persistence.audit.audit import GENESIS_HASH, event_hash
from ino_desk.persistence.records import CLINICAL_RECORDS
from tests.cli.inprocess import ADMIN_PW, PEOPLE, InProcessCli, cli
from tests.cli.staffed import staffed_demo
from tests.engines import engine, pg_server, pg_template, prepared, pytest_generate_tests

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "cli",
    "engine",
    "pg_server",
    "pg_template",
    "prepared",
    "pytest_generate_tests",
    "staffed_demo",
]
# About the SQLite file, its backups and copies (a server's anchors: test_server_anchors.py).
pytestmark = pytest.mark.sqlite_only

MRN = "DEMO0000001"
HEAD_ON_PAPER = re.compile(r"Audit trail head (\d+):([0-9a-f]{64})")


# ------------------------------------------------------------------ the forger


def rehash(db: Path, start: int = 1) -> None:
    """Recompute every hash from event `start` on and fix the head: what an attacker with the
    file does after changing an event, so the chain verifies again."""
    con = sqlite3.connect(db)
    try:
        prev = GENESIS_HASH
        if start > 1:
            prev = con.execute(
                "SELECT hash FROM audit_events WHERE seq = ?", (start - 1,)
            ).fetchone()[0]
        rows = con.execute(
            "SELECT seq, at, who, entity, entity_id, action, before_state, after_state, reason "
            "FROM audit_events WHERE seq >= ? ORDER BY seq",
            (start,),
        ).fetchall()
        last = start - 1
        for seq, at, who, entity, entity_id, action, before, after, reason in rows:
            digest = event_hash(
                prev, seq=seq, at=at, who=who, entity=entity, entity_id=entity_id,
                action=action, before=before, after=after, reason=reason,
            )  # fmt: skip
            con.execute(
                "UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, seq)
            )
            prev, last = digest, seq
        con.execute("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1", (last, prev))
        con.commit()
    finally:
        con.close()


def rewrite_who(db: Path, seq: int, who: str) -> None:
    """Put another name on event `seq` (a signature moved to someone else), then re-hash."""
    con = sqlite3.connect(db)
    try:
        con.execute("UPDATE audit_events SET who = ? WHERE seq = ?", (who, seq))
        con.commit()
    finally:
        con.close()
    rehash(db, seq)


def truncate_to(db: Path, keep: int) -> None:
    """Remove every event after `keep` and the rows they created (the sign-in, the document
    issued), then fix the head: the trail then looks as if nothing happened after `keep`."""
    con = sqlite3.connect(db)
    try:
        created = con.execute(
            "SELECT entity, entity_id FROM audit_events WHERE seq > ? AND action = 'create'",
            (keep,),
        ).fetchall()
        for entity, entity_id in created:
            table = CLINICAL_RECORDS[entity].__tablename__
            con.execute(f"DELETE FROM {table} WHERE id = ?", (entity_id,))
        con.execute("DELETE FROM audit_events WHERE seq > ?", (keep,))
        con.commit()
    finally:
        con.close()
    rehash(db, keep + 1)


def last_seq(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT last_seq FROM audit_head").fetchone()[0])
    finally:
        con.close()


# ------------------------------------------------------------------ the desk


def anchor_log(db: Path) -> Path:
    return db.parent / f"{db.name}-backups" / "audit-anchors.log"


def print_sheet(cli: InProcessCli, db: Path, out: Path) -> str:
    """Print cycle 2's order sheet as pharm.a; the head printed in its footer."""
    done = cli(
        "--db", str(db), "order-sheet", "--mrn", MRN, "--cycle", "2", "--out", str(out),
        "--user", "pharm.a", password=PEOPLE["pharm.a"][2],
    )  # fmt: skip
    assert done.code == 0, done.err
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    found = HEAD_ON_PAPER.search(" ".join(p.extract_text() for p in reader.pages))
    assert found is not None
    return f"{found[1]}:{found[2]}"


def verify(cli: InProcessCli, db: Path, *extra: str, with_log: bool = True) -> tuple[int, str]:
    log = anchor_log(db)
    hidden = log.with_name("hidden.log")
    if not with_log and log.exists():
        log.rename(hidden)
    try:
        done = cli("--db", str(db), "audit", "verify", *extra)
    finally:
        if hidden.exists():
            hidden.rename(log)
    return done.code, done.out


@pytest.fixture
def desk(cli: InProcessCli, staffed_demo: Callable[[int], str], tmp_path: Path) -> tuple[Path, str]:
    """A staffed demo database (this test's copy of the module's one, its administrator key
    pinned here), an order sheet printed (anchor on paper and in the log)."""
    db = Path(staffed_demo(3))
    return db, print_sheet(cli, db, tmp_path / "sheet.pdf")


def test_print_backup_and_restore_each_append_an_owner_only_anchor_line(
    cli: InProcessCli, desk: tuple[Path, str], tmp_path: Path
) -> None:
    db, paper = desk
    log = anchor_log(db)
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    backup = tmp_path / "copy.sqlite3"
    done = cli("--db", str(db), "db", "backup", str(backup), "--user", "admin",
               password=ADMIN_PW)  # fmt: skip
    assert done.code == 0, done.err
    lines = log.read_text().splitlines()
    seq, digest = paper.split(":")
    # SEQ:HASH timestamp reason; the print anchors the head after its own record
    assert re.fullmatch(
        r"\d+:[0-9a-f]{64} \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ print OS-[0-9A-F]{12}", lines[0]
    )
    assert int(lines[0].split(":")[0]) > int(seq)
    assert lines[-1].endswith("backup copy.sqlite3")
    # the anchor log as it was travels with the backup, owner-only
    kept = tmp_path / "copy.sqlite3.anchors"
    assert kept.read_text().splitlines() == lines
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    code, out = verify(cli, db)
    assert code == 0
    assert out.splitlines()[1] == f"anchors intact: the 2 anchors of {log} are in the trail"
    code, out = verify(cli, db, "--anchor", paper)
    assert (code, out) == (0, f"anchor {paper} matches audit event #{seq}; trail intact\n")
    assert verify(cli, db, "--anchor", f"{seq}:{digest[:16]}")[0] == 0  # as a bag label prints it


def test_malformed_anchor_is_bad_input(cli: InProcessCli, desk: tuple[Path, str]) -> None:
    db, paper = desk
    for bad in ("12", "x:abc", f"{paper.split(':')[0]}:abc", f"{paper}0", "1:" + "g" * 64):
        done = cli("--db", str(db), "audit", "verify", "--anchor", bad)
        assert done.code == 2, bad
        assert done.err.count("\n") == 1
        assert "--anchor" in done.err


TAMPER_TABLE: dict[str, bool] = {}


def _record(case: str, detected: bool) -> None:
    TAMPER_TABLE[case] = detected


def test_rewrite_of_an_anchored_event_is_detected(
    cli: InProcessCli, desk: tuple[Path, str]
) -> None:
    db, paper = desk
    rewrite_who(
        db, 5, "pharm.a"
    )  # (the actor's signature catches it too: tests/cli/test_tamper_table.py)
    code, out = verify(cli, db)
    assert code == 1
    assert "has another hash" in out
    paper_code, paper_out = verify(cli, db, "--anchor", paper)
    assert paper_code == 1
    assert paper_out.startswith("anchor does NOT match")
    assert paper_out.count("\n") == 1
    _record("rewrite of an anchored event, chain re-hashed", code == 1 and paper_code == 1)


def test_truncation_below_an_anchor_is_detected(cli: InProcessCli, desk: tuple[Path, str]) -> None:
    db, paper = desk
    truncate_to(db, int(paper.split(":")[0]) - 1)  # the printing pharmacist's sign-in and on
    assert verify(cli, db, with_log=False)[0] == 0
    code, out = verify(cli, db)
    assert code == 1
    assert "is missing" in out
    paper_code, paper_out = verify(cli, db, "--anchor", paper)
    assert paper_code == 1
    assert "is missing" in paper_out
    _record("truncation below an anchor, head fixed", code == 1 and paper_code == 1)


def test_rollback_to_an_older_copy_is_detected(
    cli: InProcessCli, desk: tuple[Path, str], tmp_path: Path
) -> None:
    db, _ = desk
    older = tmp_path / "older.sqlite3"
    shutil.copyfile(db, older)
    paper = print_sheet(cli, db, tmp_path / "later.pdf")  # a later head on paper and in the log
    shutil.copyfile(older, db)  # the file put back as it was, outside ino-desk
    assert verify(cli, db, with_log=False)[0] == 0
    code, out = verify(cli, db)
    assert code == 1
    assert "rolled back" in out
    assert verify(cli, db, "--anchor", paper)[0] == 1
    _record("rollback to an older copy of the file", code == 1)


def test_a_file_from_another_site_is_detected(
    cli: InProcessCli, desk: tuple[Path, str], tmp_path: Path
) -> None:
    db, paper = desk
    other = tmp_path / "other-site.sqlite3"
    cli.staffed_demo(other, patients=4)
    print_sheet(cli, other, tmp_path / "other.pdf")
    shutil.copyfile(other, db)  # (the pinned administrator key catches it too)
    code, out = verify(cli, db)
    assert code == 1
    assert "another database" in out
    assert verify(cli, db, "--anchor", paper)[0] == 1
    _record("file swapped with another site's database", code == 1)


def test_an_event_forged_after_the_newest_anchor_is_caught_by_its_missing_signature(
    cli: InProcessCli, desk: tuple[Path, str]
) -> None:
    """Anchors pin what happened up to them; an event appended after the newest anchor, by
    someone with the file, is the signatures' work (issue 14, Ed25519 keys)."""
    db, _ = desk
    newest = last_seq(db)
    con = sqlite3.connect(db)
    try:
        con.execute(
            "INSERT INTO audit_events (seq, at, who, entity, entity_id, action, before_state, "
            "after_state, reason, prev_hash, hash) SELECT seq + 1, at, 'pharm.a', entity, "
            "entity_id, action, before_state, after_state, 'forged', hash, hash "
            "FROM audit_events WHERE seq = ?",
            (newest,),
        )
        con.commit()
    finally:
        con.close()
    rehash(db, newest + 1)
    code, out = verify(cli, db)
    _record("event forged after the newest anchor (caught by signatures)", code == 1)
    assert code == 1
    assert "is not signed" in out


def test_a_restore_through_ino_desk_retires_the_replaced_anchors(
    cli: InProcessCli, desk: tuple[Path, str], tmp_path: Path
) -> None:
    db, _ = desk
    backup = tmp_path / "before.sqlite3"
    admin = ("--user", "admin")
    assert cli("--db", str(db), "db", "backup", str(backup), *admin,
               password=ADMIN_PW).code == 0  # fmt: skip
    print_sheet(cli, db, tmp_path / "after.pdf")  # anchors beyond the backup
    done = cli("--db", str(db), "db", "restore", str(backup), *admin, password=ADMIN_PW)
    assert done.code == 0, done.err
    assert anchor_log(db).read_text().splitlines()[-1].endswith("restore from before.sqlite3")
    code, out = verify(cli, db)
    assert code == 0, out
    _record("legitimate db restore of an older backup (must NOT be flagged)", code == 1)


def test_a_workstation_that_lost_its_anchor_log_gets_it_back_with_a_restore(
    cli: InProcessCli, desk: tuple[Path, str], tmp_path: Path
) -> None:
    db, _ = desk
    backup = tmp_path / "kept.sqlite3"
    admin = ("--user", "admin")
    assert cli("--db", str(db), "db", "backup", str(backup), *admin, password=ADMIN_PW).code == 0
    anchor_log(db).unlink()
    done = cli("--db", str(db), "db", "restore", str(backup), *admin, password=ADMIN_PW)
    assert done.code == 0, done.err
    lines = anchor_log(db).read_text().splitlines()
    assert any(" print OS-" in line for line in lines)
    assert lines[-1].endswith("restore from kept.sqlite3")
    assert verify(cli, db)[0] == 0


def test_zz_print_the_tamper_table() -> None:
    """The closing note's table: run with -s to see it."""
    width = max(map(len, TAMPER_TABLE), default=10)
    print(f"\n{'case':<{width}}  detected")  # noqa: T201
    for case, detected in TAMPER_TABLE.items():
        print(f"{case:<{width}}  {'yes' if detected else 'no'}")  # noqa: T201
