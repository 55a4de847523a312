"""Demo data generated and written by worker processes, batch by batch, on either engine: the
batches take turns, each chains its events from the audit head, and the whole verifies."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ino_desk.persistence.audit.verify import verify_audit
from ino_desk.persistence.demo import demo
from ino_desk.persistence.records import AuditEventRecord, PatientRecord

if TYPE_CHECKING:
    import pytest

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.sqlite.sqlite_engine import Database


def test_batches_written_by_two_worker_processes_form_one_chain_that_verifies(
    database: Database, rules: ClinicalRules, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "BATCH", 4)  # three batches for two workers
    added = demo.fill_demo(database, rules, 10, seed=5, today=date(2026, 3, 2), workers=2)
    assert added == 10
    with database.engine.connect() as conn:
        report = verify_audit(conn)
        patients = conn.execute(select(func.count()).select_from(PatientRecord)).scalar_one()
        mrns = set(conn.execute(select(PatientRecord.mrn)).scalars())
        seqs = list(conn.execute(select(AuditEventRecord.seq).order_by(AuditEventRecord.seq)))
    assert report.ok, report.problems
    assert report.events == report.rows == len(seqs)
    assert [s for (s,) in seqs] == list(range(1, len(seqs) + 1))
    assert patients == 10
    assert mrns == {f"DEMO{n:07d}" for n in range(1, 11)}


def test_a_batch_whose_reserved_seqs_were_taken_encodes_its_events_again_in_its_turn(
    database: Database, rules: ClinicalRules, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if another writer had added five events after the demo read the audit head: every
    # batch finds the head elsewhere than its reservation and chains from where it really is.
    monkeypatch.setattr(demo, "BATCH", 4)
    monkeypatch.setattr(demo, "_last_seq", lambda _db: 5)
    demo.fill_demo(database, rules, 10, seed=5, today=date(2026, 3, 2), workers=0)
    with database.engine.connect() as conn:
        report = verify_audit(conn)
        seqs = list(conn.execute(select(AuditEventRecord.seq).order_by(AuditEventRecord.seq)))
    assert report.ok, report.problems
    assert [s for (s,) in seqs] == list(range(1, len(seqs) + 1))
