"""Time the downtime snapshot and the downtime pack on a demo-filled database (issue 18).

Usage: .venv/bin/python benchmarks/downtime.py PATH
PATH: a database filled with `ino-desk --db PATH demo --patients N`. Nothing is written to it;
the snapshot goes to a temporary folder. Prints the snapshot (copy + migrations + rename),
the pack's assembly (read + the authority's findings) and its ReportLab render.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from ino_desk.label.pack import load_pack
from ino_desk.pdf.render import pdf_renderer
from ino_desk.persistence.downtime.downtime_snapshot import take_snapshot
from ino_desk.persistence.downtime.downtime_store import open_snapshot
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.services.paperwork.downtime_pack import assemble_downtime_pack


def main() -> int:
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    rules = load_pack().rules
    database = open_database(Path(sys.argv[1]), create=False, upgrade=False)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "snapshot.sqlite3"
        started = time.perf_counter()
        info = take_snapshot(database.engine, target, date.today())
        copied = time.perf_counter() - started
        database.close()
        snapshot = open_snapshot(target)
        started = time.perf_counter()
        pack = assemble_downtime_pack(snapshot, rules, date.today(), datetime.now(UTC), "bench")
        assembled = time.perf_counter() - started
        started = time.perf_counter()
        data = pdf_renderer().downtime_pack(pack)
        rendered = time.perf_counter() - started
        snapshot.database.close()
        size = target.stat().st_size
    sys.stdout.write(
        f"snapshot: {copied:.2f} s for {info.patients} patients, {info.doses} doses "
        f"({size / 1e6:.1f} MB)\n"
        f"pack: assemble {assembled:.2f} s for {len(pack.doses)} doses, render {rendered:.2f} s "
        f"({len(data) / 1e6:.2f} MB PDF)\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
