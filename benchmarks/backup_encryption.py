"""Backup and restore of a demo database, plain and encrypted (issue 14), in-process.

Usage: .venv/bin/python benchmarks/backup_encryption.py [PATIENTS] [--repeat N]
Fills a temporary database with `ino-desk demo --patients PATIENTS` (default 2000), then
times `backup_to` and `restore` (which checks the restored copy in full: integrity, foreign
keys, audit trail) without and with a site backup passphrase; median of N runs each. The
passphrase's scrypt cost is paid once per restore (unwrapping the site key) and shown apart.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ino_desk.persistence.backups.backup import backup_to
from ino_desk.persistence.backups.backup_crypto import passphrase_opens
from ino_desk.persistence.backups.restore import restore
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.ports.change import Change

PASSPHRASE = "benchmark passphrase 2026"


def _median(times: list[float]) -> str:
    return f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})"


def _run(db: Path, folder: Path, tag: str, repeat: int, secret: str | None) -> None:
    backups, restores = [], []
    for i in range(repeat):
        database = open_database(db)
        try:
            dest = folder / f"{tag}-{i}.backup"
            started = time.perf_counter()
            backup_to(database, dest)
            backups.append(time.perf_counter() - started)
        finally:
            database.close()
        target = folder / f"{tag}-restored-{i}.sqlite3"
        started = time.perf_counter()
        restore(dest, target, None, secret)
        restores.append(time.perf_counter() - started)
        size = dest.stat().st_size
    sys.stdout.write(
        f"{tag:9} backup {_median(backups)}; restore {_median(restores)}; "
        f"file {size / 1e6:.1f} MB\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("patients", nargs="?", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ino-desk-bench-"))
    db = folder / "demo.sqlite3"
    demo = [str(Path(sys.executable).with_name("ino-desk")), "--db", str(db), "demo"]
    subprocess.run([*demo, "--patients", str(args.patients)], check=True, capture_output=True)
    sys.stdout.write(f"demo --patients {args.patients:,}: {db.stat().st_size / 1e6:.1f} MB\n")
    _run(db, folder, "plain", args.repeat, None)
    database = open_database(db)
    try:
        store = SqlStore(database)
        store.write(
            lambda uow: uow.settings.set_backup_passphrase(PASSPHRASE, Change("bench", "bench"))
        )
        key = store.read(lambda uow: uow.settings.has_backup_passphrase())
        assert key
    finally:
        database.close()
    _run(db, folder, "encrypted", args.repeat, PASSPHRASE)
    con = sqlite3.connect(db)
    (site_key,) = con.execute("SELECT backup_key FROM site_settings").fetchone()
    con.close()
    started = time.perf_counter()
    passphrase_opens(site_key, PASSPHRASE)
    sys.stdout.write(f"scrypt (N=2^17, r=8, p=1) unwrap: {time.perf_counter() - started:.2f} s\n")
    sys.stdout.write(f"files in {folder}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
