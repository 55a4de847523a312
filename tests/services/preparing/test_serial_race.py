"""One vial serial scanned at two workstations at once: one records it, the other is told why.

Two stores on one database (one SQLite file, or one server database) stand for two
workstations; nothing is mocked.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.bench.vial_records import VialUse
from ino_desk.domain.bench.vial_scan import VialRefusedError, VialSource
from ino_desk.persistence.server.server import open_server_database
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.ports.change import Change
from ino_desk.services.preparing.bench import bench_dose
from ino_desk.services.preparing.bench_vials import scan_vial
from ino_desk.services.store_errors import ConflictError
from tests.people import pharmacist
from tests.persistence.factories import NOW, first_cycle

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.ports.store import UnitOfWork

CODE = "0100300080100011172812311" + "0ABC123" + "\x1d21"  # + serial
TODAY = date(2026, 3, 2)


@pytest.fixture
def second_store(
    engine: str, db_location: str, tmp_path: Path, store: SqlStore
) -> Iterator[SqlStore]:
    """Another workstation's store on the same database (opened after the first created it)."""
    if engine == "postgresql":
        database = open_server_database(db_location)
    else:
        database = open_database(Path(db_location), backups_dir=tmp_path / "backups-2")
    yield SqlStore(database, clock=lambda: NOW)
    database.close()


def test_a_serial_recorded_elsewhere_since_the_check_is_a_conflict_not_a_crash(
    store: SqlStore, second_store: SqlStore, rules: ClinicalRules
) -> None:
    dose_id = first_cycle(store, rules).doses[0].id
    assert dose_id is not None
    scan_vial(second_store, rules, dose_id, CODE + "S-77", pharmacist(second_store), TODAY)

    def stale_insert(uow: UnitOfWork) -> VialUse:
        # What a workstation does when its "serial unused" check was read before the other
        # workstation committed: only the UNIQUE constraint can stop it now.
        vial = VialUse(
            dose_id,
            "00300080100011",
            "ABC123",
            date(2028, 12, 31),
            "S-77",
            VialSource.SCANNED,
            "",
            "pharm.a",
            uow.now(),
        )
        return uow.vial_uses.add(vial, Change("pharm.a"))

    with pytest.raises(ConflictError, match="S-77 was recorded at the same moment"):
        store.write(stale_insert)
    assert [v.serial for v in bench_dose(store, rules, dose_id).vials] == ["S-77"]


def test_two_workstations_scanning_one_vial_at_once_record_it_once(
    store: SqlStore, second_store: SqlStore, rules: ClinicalRules
) -> None:
    dose_id = first_cycle(store, rules).doses[0].id
    assert dose_id is not None
    who = pharmacist(store)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def scan(at: SqlStore) -> None:
        start.wait()
        try:
            scan_vial(at, rules, dose_id, CODE + "S-88", who, TODAY)
            outcomes.append("recorded")
        except (VialRefusedError, ConflictError) as exc:
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=scan, args=(s,)) for s in (store, second_store)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes)[-1] == "recorded"
    assert outcomes.count("recorded") == 1
    assert len(outcomes) == 2  # the other one was refused with a message, not a crash
    assert [v.serial for v in bench_dose(store, rules, dose_id).vials] == ["S-88"]
