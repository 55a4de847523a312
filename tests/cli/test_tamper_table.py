"""Issue 14: forgeries by someone who has only the database file, each caught by `audit
verify` (exit 1, a plain message) because events and signatures carry Ed25519 signatures by
keys the file holds only encrypted under their users' passwords.

The site is built once through the command line (cheap password hashes, real keys); each case
works on its own copy with `tests.forging.Forger`, which rewrites rows and re-hashes the chain.
Forging as a user whose password the forger knows is the allowed exception (not a case here).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from typing import TYPE_CHECKING, Any

import pytest

from ino_desk.domain.staff.signing_keys import new_private_key, public_hex, sign_text
from tests.cli.inprocess import InProcessCli, cli
from tests.cli.test_users_and_signing import ADMIN_PW, PEOPLE, TODAY_MRN, _staffed, plan_today
from tests.forging import Forger

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

__all__ = ["cli"]
# Forgeries by someone holding only the SQLite file (the server's app role cannot change
# an audit event at all: tests/cli/test_server_database.py).
pytestmark = pytest.mark.sqlite_only


def _as(password: str) -> dict[str, str]:
    return {"INO_DESK_PASSWORD": password}


def _build_site(cli: InProcessCli, db: Path) -> dict[str, int]:
    """Demo data, four people, today's cycle planned by pharm.b and verified by pharm.a."""

    def run(*args: str, password: str = "", new_password: str = "") -> None:
        done = cli("--db", str(db), *args, password=password, new_password=new_password)
        assert done.code == 0, (args, done.err)

    def as_cli(*args: str, timeout: float = 60, extra_env: dict[str, str] | None = None) -> Any:
        """`tests.conftest.CliRunner`'s signature, in this process."""
        env = extra_env or {}
        done = cli(
            *args,
            password=env.get("INO_DESK_PASSWORD", ""),
            new_password=env.get("INO_DESK_NEW_PASSWORD", ""),
        )
        return _Completed(done.code, done.out, done.err)

    run("demo", "--patients", "1")
    _staffed(as_cli, db)
    plan_today(as_cli, db)
    con = sqlite3.connect(db)
    doses = [  # today's patient's doses, planned (and so signed) by pharm.b
        r[0]
        for r in con.execute(
            "SELECT d.id FROM dose_days d JOIN cycles c ON c.id = d.cycle_id "
            "JOIN courses co ON co.id = c.course_id JOIN patients p ON p.id = co.patient_id "
            "WHERE p.mrn = ? ORDER BY d.id",
            (TODAY_MRN,),
        )
    ]
    users = dict(con.execute("SELECT username, id FROM users").fetchall())
    con.close()
    run("sign", "verify", "--dose", str(doses[0]), "--user", "pharm.a",
        password=PEOPLE["pharm.a"][2])  # fmt: skip
    return {"dose": doses[0], "later_dose": doses[1], **users}


class _Completed:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.returncode, self.stdout, self.stderr = code, out, err


def _dose_edited_event_rewritten(db: Path, ids: dict[str, int], cli: InProcessCli) -> None:
    with Forger(db) as f:
        f.sql("UPDATE dose_days SET dose_mg='0.9' WHERE id=?", ids["dose"])
        seq, _ = f.last_event("dose_day", ids["dose"])
        f.rewrite_state(seq, dose_mg="0.9")


def _forged_dose_change(f: Forger, dose_id: int) -> dict[str, Any]:
    """The dose row changed to 0.9 mg, and the event fields that would record it."""
    _, before = f.last_event("dose_day", dose_id)
    f.sql("UPDATE dose_days SET dose_mg='0.9' WHERE id=?", dose_id)
    after = json.dumps(
        json.loads(before) | {"dose_mg": "0.9"}, sort_keys=True, separators=(",", ":")
    )
    return {"entity": "dose_day", "entity_id": dose_id, "action": "update",
            "before_state": before, "after_state": after, "reason": "corrected"}  # fmt: skip


def _update_by_pharm_a_appended(db: Path, ids: dict[str, int], cli: InProcessCli) -> None:
    with Forger(db) as f:
        key, sig, at = f.one(
            "SELECT signer_key, signature, at FROM audit_events WHERE who='pharm.a' "
            "AND signer_key IS NOT NULL ORDER BY seq DESC LIMIT 1"
        )
        event = _forged_dose_change(f, ids["later_dose"])
        f.append(at=at, who="pharm.a", signer_key=key, signature=sig, **event)


def _signature_moved(db: Path, ids: dict[str, int], cli: InProcessCli) -> None:
    with Forger(db) as f:
        (sig_id,) = f.one("SELECT id FROM signatures WHERE meaning='verified order'")
        f.sql(
            "UPDATE signatures SET user_id=?, full_name='Boris Bottle' WHERE id=?",
            ids["pharm.b"], sig_id,
        )  # fmt: skip
        seq, _ = f.last_event("signature", sig_id)
        f.rewrite_state(seq, user_id=ids["pharm.b"], full_name="Boris Bottle")


def _backdated_verification(db: Path, ids: dict[str, int], cli: InProcessCli) -> None:
    with Forger(db) as f:
        row = f.one(
            "SELECT entity, user_id, full_name, role, meaning, signed_at, content_hash, "
            "signer_key, key_signature FROM signatures WHERE meaning='verified order'"
        )
        (chash,) = f.one("SELECT content_hash FROM signatures LIMIT 1")
        f.sql(
            "INSERT INTO signatures (entity, entity_id, user_id, full_name, role, meaning, "
            "signed_at, content_hash, voided, void_reason, signer_key, key_signature) "
            "VALUES (?,?,?,?,?,?,?,?,0,'',?,?)",
            row[0], ids["later_dose"], row[1], row[2], row[3], row[4],
            "2026-01-05T09:00:00.000000+00:00", chash, row[7], row[8],
        )  # fmt: skip
        (new_id,) = f.one("SELECT MAX(id) FROM signatures")
        _, after = f.last_event("signature", new_id - 1)
        state = json.loads(after) | {"id": new_id, "entity_id": ids["later_dose"],
                                     "signed_at": "2026-01-05T09:00:00.000000+00:00"}  # fmt: skip
        f.append(
            at="2026-01-05T09:00:00.000000+00:00", who="pharm.a", entity="signature",
            entity_id=new_id, action="create",
            after_state=json.dumps(state, sort_keys=True, separators=(",", ":")),
            reason="verified order",
        )  # fmt: skip


def _role_escalated_and_put_back(db: Path, ids: dict[str, int], cli: InProcessCli) -> None:
    with Forger(db) as f:
        f.sql("UPDATE users SET role='pharmacist' WHERE username='tech.t'")
    done = cli("--db", str(db), "sign", "verify", "--dose", str(ids["later_dose"]),
               "--user", "tech.t", password=PEOPLE["tech.t"][2])  # fmt: skip
    assert done.code == 0, done.err  # the app believed the row: the escalation worked
    with Forger(db) as f:
        f.sql("UPDATE users SET role='technician' WHERE username='tech.t'")


def _weak_hash_inserted(db: Path, ids: dict[str, int], cli: InProcessCli) -> None:
    weak = "scrypt$2$1$1$c2FsdHNhbHRzYWx0c2FsdA$ZGlnZXN0ZGlnZXN0ZGlnZXN0ZGlnZXN0ZGlnZXN0ZGk"
    with Forger(db) as f:
        f.sql("UPDATE users SET password_hash=? WHERE username='pharm.a'", weak)


def _own_key_certified_by_itself(db: Path, ids: dict[str, int], cli: InProcessCli) -> None:
    """The forger makes a key, certifies it themselves as pharm.a, signs a forged event."""
    forged = new_private_key()
    with Forger(db) as f:
        f.sql(
            "INSERT INTO key_certificates (public_key, user_id, username, role, valid_from, "
            "issuer_key, signature) VALUES (?,?,'pharm.a','pharmacist',"
            "'2026-01-01T00:00:00.000000+00:00',?,?)",
            public_hex(forged), ids["pharm.a"], public_hex(forged), "00" * 64,
        )  # fmt: skip
        event = _forged_dose_change(f, ids["later_dose"])
        seq = f.append(at="2026-12-31T00:00:00.000000+00:00", who="pharm.a", **event)
    with Forger(db) as f:
        (digest,) = f.one("SELECT hash FROM audit_events WHERE seq=?", seq)
        f.sql(
            "UPDATE audit_events SET signer_key=?, signature=? WHERE seq=?",
            public_hex(forged), sign_text(forged, digest), seq,
        )  # fmt: skip


def _another_sites_file(db: Path, ids: dict[str, int], cli: InProcessCli) -> None:
    """A whole file built elsewhere (its own administrator key, every event signed)."""
    other = db.with_name("other.sqlite3")
    made = cli("--db", str(other), "users", "create-admin", "admin", "--full-name", "Ada Admin",
               new_password="admin-passphrase-1")  # fmt: skip
    assert made.code == 0, made.err
    shutil.copyfile(other, db)


CASES: dict[str, Callable[[Path, dict[str, int], InProcessCli], None]] = {
    "dose edited + its event rewritten + chain re-hashed": _dose_edited_event_rewritten,
    'forged UPDATE "by pharm.a" appended (signature copied)': _update_by_pharm_a_appended,
    "signature moved to another pharmacist": _signature_moved,
    'back-dated "verified order" created from nothing': _backdated_verification,
    "technician made pharmacist by SQL, signs, role put back": _role_escalated_and_put_back,
    "password hash with a weak cost inserted": _weak_hash_inserted,
    "forger's own key self-certified as pharm.a": _own_key_certified_by_itself,
    "file swapped for another site's (pinned admin key)": _another_sites_file,
}


def test_every_forgery_by_someone_with_only_the_file_is_detected(
    cli: InProcessCli, tmp_path: Path
) -> None:
    site = tmp_path / "site.sqlite3"
    ids = _build_site(cli, site)
    intact = cli("--db", str(site), "audit", "verify")
    assert intact.code == 0, intact.out
    assert "unsigned (before r0016)" in intact.out  # the demo data, written before any user
    table = []
    for number, (case, forge) in enumerate(CASES.items()):
        copy = tmp_path / f"case{number}" / "desk.sqlite3"
        copy.parent.mkdir()
        shutil.copyfile(site, copy)
        forge(copy, ids, cli)
        verdict = cli("--db", str(copy), "audit", "verify")
        first = next((ln for ln in verdict.out.splitlines() if "BROKEN" in ln), verdict.out)
        table.append((case, verdict.code == 1, first))
    print("\ncase | detected | first message")  # noqa: T201 - the issue's tamper table
    for case, detected, first in table:
        print(f"{case} | {'yes' if detected else 'NO'} | {first}")  # noqa: T201
    assert [case for case, detected, _ in table if not detected] == []


def test_an_administrator_pins_the_site_key_on_a_workstation_without_one(
    cli: InProcessCli, tmp_path: Path
) -> None:
    """A site upgraded from before the keys, or a new workstation, has no pin: an
    administrator pins the site key (a pharmacist may not); a pinned workstation keeps its
    pin, so another site's file stays refused."""
    from ino_desk import workstation

    site = tmp_path / "site.sqlite3"
    _build_site(cli, site)
    pinned = workstation.pinned_admin_key()
    assert pinned is not None
    workstation.config_path().unlink()  # a workstation that never pinned this site
    notes = cli("--db", str(site), "audit", "verify")
    assert f"site administrator key {pinned} is not pinned here" in notes.out

    pharmacist = cli("--db", str(site), "users", "pin-site-key", "--user", "pharm.a",
                     password=PEOPLE["pharm.a"][2])  # fmt: skip
    assert pharmacist.code == 1
    assert workstation.pinned_admin_key() is None

    done = cli("--db", str(site), "users", "pin-site-key", "--user", "admin",
               password=ADMIN_PW)  # fmt: skip
    assert done.code == 0, done.err
    assert done.out == f"site administrator key {pinned} pinned on this workstation\n"
    assert workstation.pinned_admin_key() == pinned
    again = cli("--db", str(site), "users", "pin-site-key", "--user", "admin", password=ADMIN_PW)
    assert again.code == 0  # the same key: nothing changes

    other = tmp_path / "other.sqlite3"
    made = cli("--db", str(other), "users", "create-admin", "admin", "--full-name", "Ada Admin",
               new_password=ADMIN_PW)  # fmt: skip
    assert made.code == 0, made.err
    refused = cli("--db", str(other), "users", "pin-site-key", "--user", "admin",
                  password=ADMIN_PW)  # fmt: skip
    assert refused.code == 1
    assert "already pins another site's administrator key" in refused.out
    assert workstation.pinned_admin_key() == pinned
