"""Latency of the screens' queries (patient search, doses due) on a filled database.

Usage: .venv/bin/python benchmarks/store_search.py PATH [QUERIES]
PATH is a database filled by `ino-desk demo` (see store_demo.py). Each query runs through
the same service call the GUI uses, on a fresh unit of work, and is timed end to end.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.queries import doses_due, search_patients


def _report(name: str, seconds: list[float], found: list[int]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[int(len(ms) * 0.95) - 1]
    sys.stdout.write(
        f"{name}: n={len(ms)} median {statistics.median(ms):.2f} ms, p95 {p95:.2f} ms, "
        f"max {ms[-1]:.2f} ms; rows returned median {statistics.median(found):.0f}\n"
    )


def main() -> int:
    path = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    db = open_database(path, create=False)
    store = SqlStore(db)
    with db.engine.connect() as conn:
        patients = conn.exec_driver_sql("SELECT count(*) FROM patients").scalar_one()
        doses = conn.exec_driver_sql("SELECT count(*) FROM dose_days").scalar_one()
        names = conn.exec_driver_sql(
            "SELECT family_name, given_name, mrn FROM patients ORDER BY random() LIMIT ?",
            (count,),
        ).all()
    sys.stdout.write(f"{path}: {patients:,} patients, {doses:,} dose rows\n")
    rng = random.Random(3)
    kinds = {
        "search: 1-letter name prefix": lambda f, g, m: f[:1],
        "search: 3-letter name prefix": lambda f, g, m: f[:3],
        "search: 'family, given' prefix": lambda f, g, m: f"{f}, {g[:2]}",
        "search: full MRN": lambda f, g, m: m,
        "search: MRN prefix (8 chars)": lambda f, g, m: m[:8],
    }
    for name, make in kinds.items():
        seconds, found = [], []
        for family, given, mrn in names:
            text = make(family, given, mrn)
            started = time.perf_counter()
            rows = search_patients(store, text, limit=50)
            seconds.append(time.perf_counter() - started)
            found.append(len(rows))
        _report(name, seconds, found)
    seconds, found = [], []
    for _ in range(min(count, 100)):
        day = date.today() + timedelta(days=rng.randint(-60, 30))
        started = time.perf_counter()
        rows = doses_due(store, day, day)
        seconds.append(time.perf_counter() - started)
        found.append(len(rows))
    _report("doses due on one day (limit 500)", seconds, found)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
