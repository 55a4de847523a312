"""The anchor log of a server database (issues 14, 18): each workstation keeps the heads its
documents carried in its own data folder, and `audit verify` on the URL checks them."""

from __future__ import annotations

import stat
from typing import TYPE_CHECKING

import psycopg

from tests.cli.inprocess import PEOPLE, InProcessCli, cli
from tests.engines import pg_database, pg_server, pg_template, query

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["cli", "pg_database", "pg_server", "pg_template"]

MRN = "DEMO0000001"


def test_a_server_database_has_a_per_workstation_anchor_log_that_verify_checks(
    cli: InProcessCli, pg_database: str, tmp_path: Path
) -> None:
    cli.staffed_demo(pg_database, patients=2)
    sheet = tmp_path / "sheet.pdf"
    as_pharmacist = ("--user", "pharm.a")
    printed = cli("--db", pg_database, "order-sheet", "--mrn", MRN, "--cycle", "1",
                  "--out", str(sheet), *as_pharmacist, password=PEOPLE["pharm.a"][2])  # fmt: skip
    assert printed.code == 0, printed.err
    [log] = list((cli.home / "data" / "ino-desk" / "anchors").glob("audit-anchors-*.log"))
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    [line] = log.read_text().splitlines()
    seq, digest = line.split()[0].split(":")
    [(stored,)] = query(pg_database, "SELECT hash FROM audit_events WHERE seq = :s", s=int(seq))
    assert stored == digest  # the head the sheet was printed at
    verified = cli("--db", pg_database, "audit", "verify")
    assert verified.code == 0, verified.out
    assert str(log) in verified.out
    # The anchored event changed on the server behind the app's back (the superuser past the
    # trigger): the anchor no longer matches.
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("ALTER TABLE audit_events DISABLE TRIGGER USER")
        conn.execute("UPDATE audit_events SET hash = repeat('0', 64) WHERE seq = %s", (int(seq),))
    refused = cli("--db", pg_database, "audit", "verify")
    assert refused.code == 1
    assert f"anchor {seq}:" in refused.out, refused.out
