"""`audit verify`: the chain is intact and every clinical row equals its latest audited state."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, Table, func, select, type_coerce
from sqlalchemy.exc import DBAPIError

from ino_desk.domain.records import AuditAction
from ino_desk.persistence.audit.audit import GENESIS_HASH, HEAD_ID, event_hash, state_of
from ino_desk.persistence.audit.audit_report import AuditReport
from ino_desk.persistence.audit.key_verify import verify_keys
from ino_desk.persistence.audit.read_errors import describe
from ino_desk.persistence.records import CLINICAL_RECORDS, AuditEventRecord, AuditHeadRecord
from ino_desk.persistence.sqlite.snapshot import has_bad_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Connection

    from ino_desk.domain.staff.password_hashes import Argon2Cost

CHUNK = 2000
DELETE = AuditAction.DELETE.value


UNREADABLE = (DBAPIError, ValueError, ArithmeticError, TypeError, KeyError, UnicodeError)


def verify_audit(
    conn: Connection, pinned: str | None = None, minimum: Argon2Cost | None = None
) -> AuditReport:
    """Read-only; the first problem in `problems` is the first broken event or row.

    A damaged file or a value edited into nonsense is a problem in the report, never a crash:
    text that is not UTF-8 (read leniently, see `snapshot.reading_engine`) is named with its
    row; a part SQLite cannot read is named with how far it was read.
    """
    report = AuditReport()
    try:
        _verify_chain(conn, report)
    except UNREADABLE as exc:
        report.add(f"the audit trail could not be read after event #{report.events} ({_why(exc)})")
    for entity, record in CLINICAL_RECORDS.items():
        table: Table = record.__table__  # type: ignore[assignment]
        try:
            _verify_rows(conn, report, entity, table)
        except UNREADABLE as exc:
            report.add(f"{table.name} could not be verified ({_why(exc)})")
    try:  # signatures, keys, users: see key_verify (`pinned`: this workstation's admin key)
        verify_keys(conn, report, pinned, minimum)
    except UNREADABLE as exc:
        report.add(f"the signing keys could not be verified ({_why(exc)})")
    return report


def _why(exc: BaseException) -> str:
    return describe(exc)


def _bad_columns(row: Any) -> list[str]:
    return [k for k, v in row._mapping.items() if has_bad_text(v)]


def _verify_chain(conn: Connection, report: AuditReport) -> None:
    e = AuditEventRecord
    # Time and action are read as stored text, so an event edited into nonsense is reported,
    # not a crash.
    stmt = select(
        e.seq, type_coerce(e.at, String).label("at"), e.who, e.entity, e.entity_id,
        type_coerce(e.action, String).label("action"),
        e.before_state, e.after_state, e.reason, e.prev_hash, e.hash,
    ).order_by(e.seq)  # fmt: skip
    expected, prev = 1, GENESIS_HASH
    for row in conn.execution_options(yield_per=CHUNK).execute(stmt):
        if bad := _bad_columns(row):
            report.add(
                f"audit event #{row.seq} holds text that is not valid UTF-8 "
                f"({', '.join(bad)}): changed outside ino-desk"
            )
            expected, prev = row.seq + 1, row.hash
            report.events += 1
            continue
        if row.seq != expected:
            report.add(f"audit event #{expected} is missing (the next one is #{row.seq})")
        elif row.prev_hash != prev:
            report.add(f"audit event #{row.seq} does not follow event #{row.seq - 1}")
        digest = event_hash(
            row.prev_hash,
            seq=row.seq,
            at=row.at,
            who=row.who,
            entity=row.entity,
            entity_id=row.entity_id,
            action=row.action,
            before=row.before_state,
            after=row.after_state,
            reason=row.reason,
        )
        if digest != row.hash:
            report.add(f"audit event #{row.seq} was altered (its hash does not match)")
        expected, prev = row.seq + 1, row.hash
        report.events += 1
    head = conn.execute(select(AuditHeadRecord).where(AuditHeadRecord.id == HEAD_ID)).one_or_none()
    last_seq, last_hash = (head.last_seq, head.last_hash) if head else (0, GENESIS_HASH)
    if last_seq == expected - 1 and last_hash != prev:
        report.add(f"audit event #{last_seq} does not match the recorded end of the audit trail")
    elif (last_seq, last_hash) != (expected - 1, prev):
        report.add(
            f"the audit trail ends at event #{expected - 1} but should end at event #{last_seq}: "
            "events were removed"
        )


def _latest_events(conn: Connection, entity: str) -> Iterator[tuple[int, int, str, str]]:
    """(entity id, seq, action, after state) of the latest event of each row, by id."""
    e = AuditEventRecord
    stmt = (
        select(e.entity_id, e.seq, type_coerce(e.action, String).label("action"), e.after_state)
        .where(e.entity == entity)
        .order_by(e.entity_id, e.seq)
    )
    pending: Any = None
    for row in conn.execution_options(yield_per=CHUNK).execute(stmt):
        if pending is not None and pending[0] != row.entity_id:
            yield pending
        pending = (row.entity_id, row.seq, row.action, row.after_state)
    if pending is not None:
        yield pending


def _row_states(
    conn: Connection, table: Table, report: AuditReport
) -> Iterator[tuple[int, str | None]]:
    """(id, canonical state) by id; an unreadable row (edited into nonsense) is a problem and
    has no state."""
    pk = table.c.id
    last = conn.execute(select(func.max(pk))).scalar_one_or_none() or 0
    start = 1
    while start <= last:
        end = start + CHUNK - 1
        window = select(table).where(pk.between(start, end)).order_by(pk)
        try:
            rows = conn.execute(window).all()
        except (DBAPIError, ValueError, ArithmeticError, TypeError, KeyError):
            rows = []
            for (row_id,) in conn.execute(select(pk).where(pk.between(start, end)).order_by(pk)):
                try:
                    rows.extend(conn.execute(select(table).where(pk == row_id)).all())
                except (DBAPIError, ValueError, ArithmeticError, TypeError, KeyError):
                    report.add(f"{table.name} row {row_id} holds a value the app cannot read")
                    yield row_id, None
        for row in rows:
            if bad := _bad_columns(row):
                report.add(
                    f"{table.name} row {row.id} holds text that is not valid UTF-8 "
                    f"({', '.join(bad)}): changed outside ino-desk"
                )
                yield row.id, None
            else:
                yield row.id, state_of(row._mapping)  # type: ignore[arg-type]
        start = end + 1


def _same_state(audited: str, current: str, table: Table) -> bool:
    """Equal states; or the row has columns a later schema revision added, each still holding
    the value that revision gave every existing row (events written before it lack them)."""
    if audited == current:
        return True
    try:
        old, new = json.loads(audited), json.loads(current)
    except ValueError:
        return False
    added = new.keys() - old.keys()
    if not added or old.keys() - new.keys() or any(old[k] != new[k] for k in old):
        return False
    return all(k in table.c and _migration_value(table.c[k]) == new[k] for k in added)


def _migration_value(column: Any) -> object:
    """What adding `column` wrote into rows that existed: its server default, else NULL."""
    default = column.server_default
    if default is None:
        return None
    text = str(getattr(default.arg, "text", default.arg))
    return json.loads(text) if text.lstrip("-").isdigit() else text


def _verify_rows(conn: Connection, report: AuditReport, entity: str, table: Table) -> None:
    events = _latest_events(conn, entity)
    event = next(events, None)
    for row_id, state in _row_states(conn, table, report):
        report.rows += 1
        while event is not None and event[0] < row_id:
            if event[2] != DELETE:
                report.add(
                    f"{table.name} row {event[0]} was removed outside ino-desk "
                    f"(audit event #{event[1]} recorded it)"
                )
            event = next(events, None)
        if event is None or event[0] != row_id:
            report.add(f"{table.name} row {row_id} has no audit event")
            continue
        if state is None:  # unreadable: reported by _row_states
            pass
        elif event[2] == DELETE:
            report.add(
                f"{table.name} row {row_id} exists although audit event #{event[1]} deleted it"
            )
        elif not _same_state(event[3], state, table):
            report.add(
                f"{table.name} row {row_id} differs from its last audited state "
                f"(audit event #{event[1]}): changed outside ino-desk"
            )
        event = next(events, None)
    while event is not None:
        if event[2] != DELETE:
            report.add(
                f"{table.name} row {event[0]} was removed outside ino-desk "
                f"(audit event #{event[1]} recorded it)"
            )
        event = next(events, None)
