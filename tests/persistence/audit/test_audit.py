"""The audit trail: one event per change, chained by hash; tampering is found and named. On a
SQLite file and on a PostgreSQL server database (tests/engines.py); the forgeries are made
behind the app's back with plain SQL, as someone holding the file or the database owner's
role could (the server's app role cannot: tests/cli/test_server_database.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from ino_desk.domain.records import PreparationRecord, VialLot
from ino_desk.persistence.audit.audit import record_state, state_of
from ino_desk.persistence.audit.verify import verify_audit
from ino_desk.persistence.demo.demo import fill_demo
from ino_desk.persistence.records import CLINICAL_RECORDS, DoseDayRecord, PatientRecord
from ino_desk.services.planning.doses import confirm_dose_given
from ino_desk.services.ports.change import Change
from tests.engines import change, query
from tests.people import pharmacist
from tests.persistence.factories import WHO, first_cycle

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.audit.audit_report import AuditReport
    from ino_desk.persistence.sqlite.sqlite_engine import Database
    from ino_desk.persistence.unit_of_work import SqlStore


def _verify(database: Database) -> AuditReport:
    with database.engine.connect() as conn:
        return verify_audit(conn)


def _sql(location: str, statement: str) -> None:
    """Change the database behind the app's back, as someone with a SQL tool could."""
    change(location, statement)


def _events(location: str) -> list[tuple[Any, ...]]:
    return query(location, "SELECT seq, entity, entity_id, action FROM audit_events ORDER BY seq")


def test_each_change_writes_one_chained_event(
    store: SqlStore, database: Database, db_location: str, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    dose_id = saved.doses[0].id
    assert dose_id is not None
    elsewhere = "prepared and given at the referring hospital (test)"
    confirm_dose_given(store, rules, dose_id, pharmacist(store), elsewhere, on=date(2026, 3, 2))
    events = _events(db_location)
    # the acting user, patient, measurement, course, the planner (another pharmacist), cycle,
    # 3 doses, course first-BSA update, dose given
    assert [(e[1], e[3]) for e in events] == [
        ("user", "create"),
        ("patient", "create"),
        ("measurement", "create"),
        ("course", "create"),
        ("user", "create"),
        ("cycle", "create"),
        ("dose_day", "create"),
        ("dose_day", "create"),
        ("dose_day", "create"),
        ("course", "update"),
        ("dose_day", "update"),
    ]
    assert [e[0] for e in events] == list(range(1, 12))
    report = _verify(database)
    assert report.ok, report.problems
    assert (report.events, report.rows) == (11, 7)  # accounts are checked by their own rules


def test_verify_finds_a_dose_edited_with_plain_sql(
    store: SqlStore, database: Database, db_location: str, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    dose_id = saved.doses[1].id
    _sql(db_location, f"UPDATE dose_days SET dose_mg = '9.1' WHERE id = {dose_id}")
    report = _verify(database)
    assert not report.ok
    assert report.problems[0].startswith(f"dose_days row {dose_id} differs")


def test_verify_finds_a_deleted_audit_event(
    store: SqlStore, database: Database, db_location: str, rules: ClinicalRules
) -> None:
    first_cycle(store, rules)
    _sql(db_location, "DELETE FROM audit_events WHERE seq = 4")
    report = _verify(database)
    assert report.problems[0] == "audit event #4 is missing (the next one is #5)"


def test_verify_finds_the_last_event_removed_with_its_head(
    store: SqlStore, database: Database, db_location: str, rules: ClinicalRules
) -> None:
    first_cycle(store, rules)
    last = _events(db_location)[-1][0]
    _sql(db_location, f"DELETE FROM audit_events WHERE seq = {last}")
    report = _verify(database)
    assert report.problems[0].startswith(f"the audit trail ends at event #{last - 1}")


def test_verify_finds_an_edited_audit_event(
    store: SqlStore, database: Database, db_location: str, rules: ClinicalRules
) -> None:
    first_cycle(store, rules)
    _sql(db_location, "UPDATE audit_events SET who = 'someone.else' WHERE seq = 2")
    report = _verify(database)
    assert report.problems[0] == "audit event #2 was altered (its hash does not match)"


def test_verify_finds_an_event_rewritten_with_a_fresh_hash(
    store: SqlStore, database: Database, db_location: str, rules: ClinicalRules
) -> None:
    """Recomputing the edited event's own hash still breaks the link to the next event."""
    first_cycle(store, rules)
    [row] = query(
        db_location,
        "SELECT seq, at, entity, entity_id, action, before_state, after_state, reason, "
        "prev_hash FROM audit_events WHERE seq = 2",
    )
    from ino_desk.persistence.audit.audit import event_hash

    forged = event_hash(
        row[8],
        seq=row[0],
        at=row[1],
        who="someone.else",
        entity=row[2],
        entity_id=row[3],
        action=row[4],
        before=row[5],
        after=row[6],
        reason=row[7],
    )
    _sql(
        db_location,
        f"UPDATE audit_events SET who = 'someone.else', hash = '{forged}' WHERE seq = 2",
    )
    report = _verify(database)
    assert report.problems[0] == "audit event #3 does not follow event #2"


def test_verify_finds_a_row_deleted_and_a_row_inserted_behind_the_apps_back(
    store: SqlStore, database: Database, db_location: str, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    _sql(db_location, f"DELETE FROM dose_days WHERE id = {saved.doses[2].id}")
    report = _verify(database)
    assert report.problems[0].startswith(f"dose_days row {saved.doses[2].id} was removed")
    _sql(
        db_location,
        "INSERT INTO patients (mrn, mrn_key, name_key, family_name, given_name, date_of_birth, "
        "sex, no_known_allergies, allergies, diagnosis) VALUES ('X1', 'x1', 'x,y', 'X', 'Y', "
        "'2000-01-01', 'male', true, '', '')",
    )
    problems = _verify(database).problems
    assert "patients row 2 has no audit event" in problems


def test_a_value_edited_into_nonsense_is_reported_not_a_crash(
    store: SqlStore, database: Database, db_location: str, rules: ClinicalRules
) -> None:
    saved = first_cycle(store, rules)
    _sql(db_location, f"UPDATE dose_days SET dose_mg = 'lots' WHERE id = {saved.doses[0].id}")
    report = _verify(database)
    assert f"dose_days row {saved.doses[0].id} holds a value the app cannot read" in report.problems


def test_demo_rows_have_audit_events_and_verify(
    database: Database, rules: ClinicalRules, engine: str
) -> None:
    fill_demo(database, rules, 30, seed=7, today=date(2026, 3, 2))
    report = _verify(database)
    assert report.ok, report.problems
    assert report.events == report.rows
    with database.engine.connect() as conn:
        patients = conn.exec_driver_sql("SELECT count(*) FROM patients").scalar_one()
        if engine == "sqlite":
            # The demo's batches ran with synchronous=NORMAL; the pooled connection is FULL
            # again.
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2
    assert patients == 30


def test_rows_read_back_have_the_states_their_writes_recorded(
    store: SqlStore, database: Database, rules: ClinicalRules
) -> None:
    """`audit verify` reads rows with Core: each must describe itself exactly as the ORM write
    recorded it, vial lots included (they once came back with their keys in another order)."""
    saved = first_cycle(store, rules)
    dose_id = saved.doses[0].id
    assert dose_id is not None
    lots = (VialLot("LOT-A1", date(2027, 1, 31)), VialLot("LOT-B2", date(2027, 2, 28)))
    made = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    store.write(
        lambda uow: uow.preparations.add(
            PreparationRecord(dose_id, lots, made, made, "tech.c", "pharm.a"), Change(WHO)
        )
    )
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    with Session(database.engine) as session:
        for record_type in (PatientRecord, DoseDayRecord, *CLINICAL_RECORDS.values()):
            table = record_type.__table__
            read = {r.id: state_of(r._mapping) for r in session.execute(select(table))}
            for record in session.query(record_type).all():
                assert read[record.id] == record_state(record)
    assert _verify(database).ok, _verify(database).problems


def test_demo_doses_are_plan_cycles_doses(database: Database, rules: ClinicalRules) -> None:
    """Each demo cycle's stored doses equal a fresh plan_cycle for that cycle's own inputs."""
    from ino_desk.domain.cycles.cycle_limits import CycleOutcome
    from ino_desk.domain.cycles.plan import CycleRequest, plan_cycle
    from ino_desk.domain.patients.bsa import BsaFormula
    from ino_desk.persistence.unit_of_work import SqlStore

    fill_demo(database, rules, 40, seed=3, today=date(2026, 3, 2))
    store = SqlStore(database)
    checked = 0
    for course_id in range(1, 41):
        course = store.read(lambda uow, c=course_id: uow.courses.get(c))
        cycles = store.read(lambda uow, c=course_id: uow.cycles.for_course(c))
        for cycle in cycles:
            earlier = tuple(
                CycleOutcome(c.response, c.mrd_negative) for c in cycles[: cycle.number - 1]
            )
            plan = plan_cycle(
                rules,
                CycleRequest(
                    bsa_m2=cycle.bsa_m2,
                    cycle=cycle.number,
                    start=cycle.start,
                    bsa_formula=BsaFormula.MOSTELLER,
                    outcomes=earlier,
                    hsct_planned=course.hsct_planned,
                    course_first_bsa_m2=course.first_bsa_m2,
                    course_bsa_formula=BsaFormula.MOSTELLER,
                ),
            )
            stored = store.read(lambda uow, c=cycle.id: uow.doses.for_cycle(c or 0))
            expected = [
                (
                    d.day,
                    d.window.planned_date,
                    d.window.window_start,
                    d.window.window_end,
                    d.dose_mg,
                )
                for d in plan.doses
            ]
            got = [(d.day, d.planned_date, d.window_start, d.window_end, d.dose_mg) for d in stored]
            assert got == expected
            assert cycle.regimen_row == plan.regimen.row.key
            checked += 1
    assert checked >= 40
