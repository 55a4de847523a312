"""Latency of the Today work queue's reads on a filled database.

Usage: .venv/bin/python benchmarks/work_queue.py PATH [--repeat N] [--work N]
PATH is a database filled by `ino-desk demo` (see store_demo.py). Timed, each on a fresh
unit of work, for today and tomorrow:

- base query: the doses of the days with their patients (what the old Today list read);
- facts: the same plus the work facts (signatures, bench marks, bags, waste, labels);
- work_queue(): the service call the screen makes (facts + state derivation + sort);
- work_queue(text): with a patient prefix (1, 3 letters, a whole "family, given", an MRN);
- standing findings for the first 25 rows (what the screen asks for, lazily, as rows show);
- the old doses_due() for comparison.

`--work N` first does real work on N of today's doses through the services (verify, and for
some reconstitute, sign prepared, double check): it WRITES to PATH, so pass a copy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ino_desk.domain.bench.bench_marks import BenchEvent
from ino_desk.domain.bench.preparation import prepare
from ino_desk.domain.staff.signatures import CheckedFigures
from ino_desk.domain.staff.users import Role
from ino_desk.label.pack import load_pack
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.planning.work_queue import standing_findings, work_queue
from ino_desk.services.preparing.bench import mark_time
from ino_desk.services.queries import doses_due
from ino_desk.services.staff.signing import double_check, sign_prepared, verify_order
from ino_desk.services.staff.users import add_user, create_first_administrator

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.queries.queries import SqlQueries
    from ino_desk.services.ports.store import UnitOfWork

PASSWORD = "benchmark-passphrase"


def _time(name: str, repeat: int, run: Callable[[], int]) -> None:
    seconds, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = run()
        seconds.append(time.perf_counter() - started)
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[max(int(len(ms) * 0.95) - 1, 0)]
    sys.stdout.write(
        f"{name}: median {statistics.median(ms):.2f} ms, p95 {p95:.2f} ms, "
        f"max {ms[-1]:.2f} ms ({rows} rows)\n"
    )


def _do_work(store: SqlStore, rules: ClinicalRules, today: date, count: int) -> None:
    """Verify `count` of today's doses; reconstitute half of them; sign and check a quarter."""
    admin = create_first_administrator(store, "bench.admin", "Bench Admin", PASSWORD)
    people = {
        name: add_user(store, admin, name, f"Bench {name}", role, PASSWORD)
        for name, role in (
            ("bench.v", Role.PHARMACIST),
            ("bench.t", Role.TECHNICIAN),
            ("bench.c", Role.PHARMACIST),
        )
    }
    rows = work_queue(store, today, today).rows[:count]
    at = datetime.now(UTC) - timedelta(minutes=20)
    for n, row in enumerate(rows):
        verify_order(store, rules, "bench.v", PASSWORD, row.dose_id)
        if n % 2:
            continue
        mark_time(store, rules, row.dose_id, BenchEvent.RECONSTITUTED, at, people["bench.t"])
        if n % 4:
            continue
        sign_prepared(store, rules, "bench.t", PASSWORD, row.dose_id)
        prep = prepare(rules, row.dose_mg)
        figures = CheckedFigures(row.dose_mg, prep.drug_volume_ml, prep.vials, None)
        double_check(store, rules, "bench.c", PASSWORD, row.dose_id, figures)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--work", type=int, default=0)
    args = parser.parse_args()
    rules = load_pack().rules
    db = open_database(args.path, create=False)
    store = SqlStore(db)
    today = datetime.now(UTC).astimezone().date()
    tomorrow = today + timedelta(days=1)
    if args.work:
        _do_work(store, rules, today, args.work)
    with db.engine.connect() as conn:
        patients = conn.exec_driver_sql("SELECT count(*) FROM patients").scalar_one()
        doses = conn.exec_driver_sql("SELECT count(*) FROM dose_days").scalar_one()
    queue = work_queue(store, today, tomorrow)
    sys.stdout.write(
        f"{args.path}: {patients:,} patients, {doses:,} dose rows; today and tomorrow hold "
        f"{queue.total:,} doses, {len(queue.rows)} listed; states {dict(queue.counts())}\n"
    )

    def base() -> int:
        def read(uow: UnitOfWork) -> int:
            queries = cast("SqlQueries", uow.queries)  # the base query is not on the port
            return len(queries.queue_doses(today, tomorrow, "", 501))

        return store.read(read)

    def facts() -> int:
        return len(store.read(lambda uow: uow.queries.work_queue(today, tomorrow, "", 501)[0]))

    _time("base query (doses of the days + patients)", args.repeat, base)
    _time("facts (base query + count + work facts + DoseDay rows)", args.repeat, facts)
    _time("work_queue() service", args.repeat, lambda: len(work_queue(store, today, tomorrow).rows))
    some = queue.rows[0]
    family, given = some.patient_name.split(", ")
    for text in (family[:1], family[:3], f"{family}, {given}", some.mrn):
        _time(
            f"work_queue(text={text!r})",
            args.repeat,
            lambda text=text: len(work_queue(store, today, tomorrow, text).rows),  # type: ignore[misc]
        )
    visible = [r.dose_id for r in queue.rows if r.open][:25]
    _time(
        "standing findings, 25 rows",
        max(args.repeat // 5, 3),
        lambda: len(standing_findings(store, rules, visible)),
    )
    _time(
        "old doses_due() (limit 500)", args.repeat, lambda: len(doses_due(store, today, tomorrow))
    )
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
