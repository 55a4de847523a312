"""Demo data: clearly fictional patients with courses, cycles, doses and labs, inserted in bulk.

Every demo row gets its own audit event (who = "demo"), so `audit verify` treats demo rows
like any other: the chain stays whole and each row matches its recorded state.
Doses come from `domain.plan.plan_cycle`, never from arithmetic here.

Speed: rows are generated in worker processes, batch by batch, with ids in fixed slots per
patient (cycle and dose ids leave gaps), so batches need no coordination; the main process
chains the audit events and inserts, one transaction per batch.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, update

from ino_desk.domain.bsa import BsaFormula, body_surface_area
from ino_desk.domain.course import DoseStatus
from ino_desk.domain.cycle_limits import CycleOutcome
from ino_desk.domain.patient import Sex
from ino_desk.domain.plan import CyclePlan, CycleRequest, plan_cycle
from ino_desk.domain.records import AuditAction
from ino_desk.domain.regimen import Response
from ino_desk.persistence.audit import GENESIS_HASH, HEAD_ID, chained_hash, event_json_parts
from ino_desk.persistence.bulk import TableWriter
from ino_desk.persistence.column_types import utc_text
from ino_desk.persistence.records import (
    CLINICAL_RECORDS,
    AuditEventRecord,
    AuditHeadRecord,
)
from ino_desk.persistence.search_keys import mrn_key, name_key
from ino_desk.services.ports import ConflictError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from sqlalchemy import Connection

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.database import Database

DEMO_WHO = "demo"
DEMO_REASON = "demo data: fictional patients"
MRN_PREFIX = "DEMO"
BATCH = 2000  # patients per transaction: bounded memory, and other windows are not starved
MAX_DEMO_CYCLES = 3

_GIVEN = (
    "Ada", "Bram", "Cora", "Dex", "Elsa", "Finn", "Gus", "Hale", "Iris", "Jory", "Kit", "Lark",
    "Milo", "Nell", "Otto", "Pia", "Quin", "Rue", "Sol", "Tess", "Ugo", "Vera", "Wren", "Yara",
)  # fmt: skip
_FAMILY_HEAD = (
    "Bramble", "Cinder", "Dapple", "Ember", "Fennel", "Gloam", "Hollow", "Juniper", "Kettle",
    "Lantern", "Marrow", "Nettle", "Oaken", "Pebble", "Quill", "Rook", "Sorrel", "Thistle",
)  # fmt: skip
_FAMILY_TAIL = ("wick", "bury", "field", "worth", "combe", "thorpe", "dale", "ford", "more")
DEMO_DIAGNOSIS = "DEMO - fictional patient: relapsed CD22-positive B-cell precursor ALL"


@dataclass(slots=True)
class _Batch:
    """Rows of one batch, per table, as column -> Python value dicts."""

    rows: dict[str, list[dict[str, Any]]]

    def add(self, entity: str, row_id: int, values: dict[str, Any]) -> int:
        values["id"] = row_id
        self.rows[entity].append(values)
        return row_id


# Per-batch output of a worker: per table, the stored rows, their ids, canonical states, and
# each row's audit event JSON around its sequence number (which only the writer knows).
Prepared = dict[
    str,
    tuple[list[tuple[Any, ...]], list[int], list[str], list[tuple[str, str]]],
]
_worker: dict[str, Any] = {}


def _init_worker(rules: ClinicalRules, seed: int, today: date, at: str) -> None:
    _worker.update(rules=rules, seed=seed, today=today, at=at, writers=_writers())


def _writers() -> dict[str, TableWriter]:
    writers = {e: TableWriter.for_table(r.__table__) for e, r in CLINICAL_RECORDS.items()}  # type: ignore[arg-type]
    writers["audit_event"] = TableWriter.for_table(AuditEventRecord.__table__)  # type: ignore[arg-type]
    return writers


def _prepare_batch(first: int, count: int) -> Prepared:
    """Generate patients first..first+count-1; deterministic for (seed, first)."""
    rules, today, writers = _worker["rules"], _worker["today"], _worker["writers"]
    rng = random.Random(f"{_worker['seed']}:{first}")
    batch = _Batch({e: [] for e in CLINICAL_RECORDS})
    for number in range(first, first + count):
        _patient(batch, rules, rng, number, today)
    prepared: Prepared = {}
    for entity, rows in batch.rows.items():
        stored, states = writers[entity].prepare(rows)
        ids = [r["id"] for r in rows]
        events = [
            event_json_parts(
                at=_worker["at"],
                who=DEMO_WHO,
                entity=entity,
                entity_id=row_id,
                action=AuditAction.CREATE.value,
                before=None,
                after=state,
                reason=DEMO_REASON,
            )
            for row_id, state in zip(ids, states, strict=True)
        ]
        prepared[entity] = (stored, ids, states, events)
    return prepared


def fill_demo(
    db: Database,
    rules: ClinicalRules,
    patients: int,
    *,
    seed: int = 1,
    today: date | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add `patients` demo patients to a database without clinical rows; returns how many.

    `workers` None: for more than one batch, generation runs in one worker process per CPU
    while this process chains the audit events and writes; one batch runs in-process.
    """
    today = today or date.today()
    at = utc_text(datetime.now(UTC))  # one creation time for all demo events
    _refuse_unless_empty(db)
    starts = [(first, min(BATCH, patients - first + 1)) for first in range(1, patients + 1, BATCH)]
    if workers is None:
        # The writer is lighter than generation, so all CPUs generate and it takes its share.
        workers = 0 if len(starts) <= 1 else max(1, os.cpu_count() or 1)
    writers = _writers()
    done = 0
    if workers == 0:
        _init_worker(rules, seed, today, at)
        results: Iterator[Prepared] = (_prepare_batch(f, n) for f, n in starts)
        done = _store_all(db, writers, results, at, progress)
    else:
        ctx = multiprocessing.get_context("spawn")  # fork is unsafe with open connections
        with ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_init_worker, initargs=(rules, seed, today, at)
        ) as pool:
            results = pool.map(_prepare_batch, *zip(*starts, strict=True))
            done = _store_all(db, writers, results, at, progress)
    return done


def _store_all(
    db: Database,
    writers: dict[str, TableWriter],
    results: Iterable[Prepared],
    at: str,
    progress: Callable[[int], None] | None,
) -> int:
    done = 0
    for prepared in results:
        with db.write_engine.begin() as conn:
            _insert(conn, prepared, writers, at)
        done += len(prepared["patient"][1])
        if progress is not None:
            progress(done)
    return done


def _refuse_unless_empty(db: Database) -> None:
    with db.engine.connect() as conn:
        for entity, record in CLINICAL_RECORDS.items():
            if entity == "site_settings":
                continue
            if conn.execute(select(func.count()).select_from(record)).scalar_one():
                raise ConflictError(
                    "The database already holds patient records; demo data only goes into an "
                    "empty database."
                )


def _dec(value: float, step: str) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(step))


def _patient(
    batch: _Batch,
    rules: ClinicalRules,
    rng: random.Random,
    number: int,
    today: date,
) -> None:
    family = rng.choice(_FAMILY_HEAD) + rng.choice(_FAMILY_TAIL)
    given = rng.choice(_GIVEN)
    mrn = f"{MRN_PREFIX}{number:07d}"
    sex = rng.choice((Sex.FEMALE, Sex.MALE))
    age = rng.randint(18, 84)  # adults only: small children need doses the bag method can't make
    allergic = rng.random() < 0.2
    pid = batch.add(
        "patient",
        number,
        {
            "mrn": mrn,
            "mrn_key": mrn_key(mrn),
            "name_key": name_key(family, given),
            "family_name": family,
            "given_name": given,
            "date_of_birth": today - timedelta(days=age * 365 + rng.randint(0, 364)),
            "sex": sex,
            "no_known_allergies": not allergic,
            "allergies": "DEMO: penicillin (rash)" if allergic else "",
            "diagnosis": DEMO_DIAGNOSIS,
        },
    )
    start = today + timedelta(days=rng.randint(-70, 14))
    height = _dec(rng.gauss(176 if sex is Sex.MALE else 163, 7), "1")
    weight = _dec(max(45.0, rng.gauss(82 if sex is Sex.MALE else 68, 12)), "0.1")
    batch.add(
        "measurement",
        number,
        {"patient_id": pid, "measured_on": start, "height_cm": height, "weight_kg": weight},
    )
    batch.add(
        "lab_result",
        number,
        {
            "patient_id": pid,
            "drawn_on": start - timedelta(days=1),
            "anc_10e9_per_l": _dec(rng.uniform(0.3, 4.0), "0.01"),
            "platelets_10e9_per_l": _dec(rng.uniform(20, 250), "1"),
            "platelets_transfused_since": rng.random() < 0.1,
            "total_bilirubin": _dec(rng.uniform(0.2, 1.4), "0.1"),
            "total_bilirubin_uln": Decimal("1.2"),
            "ast_u_per_l": _dec(rng.uniform(10, 60), "1"),
            "ast_uln_u_per_l": Decimal(40),
            "alt_u_per_l": _dec(rng.uniform(10, 60), "1"),
            "alt_uln_u_per_l": Decimal(45),
            "peripheral_blasts_per_mm3": _dec(rng.uniform(0, 5000), "1"),
        },
    )
    hsct = rng.random() < 0.5
    formula = BsaFormula.MOSTELLER
    bsa = body_surface_area(height, weight, formula)
    cid = batch.add(
        "course",
        number,
        {
            "patient_id": pid,
            "started_on": start,
            "hsct_planned": hsct,
            "bsa_formula": formula,
            "first_bsa_m2": bsa,
        },
    )
    outcomes: list[CycleOutcome] = []
    cycle_start = start
    for number_ in range(1, MAX_DEMO_CYCLES + 1):
        if cycle_start > today + timedelta(days=30):
            break
        plan, shift = _plan(rules, bsa, number_, tuple(outcomes), hsct, cycle_start)
        if plan.blocked:
            break
        ended = cycle_start + timedelta(days=plan.regimen.cycle_length_days) <= today
        outcome = _outcome(rng) if ended else CycleOutcome(None)
        cyid = batch.add(
            "cycle",
            (number - 1) * MAX_DEMO_CYCLES + number_,
            {
                "course_id": cid,
                "number": number_,
                "start": cycle_start,
                "length_days": plan.regimen.cycle_length_days,
                "extension_reason": plan.regimen.extension_reason,
                "regimen_row": plan.regimen.row.key,
                "bsa_formula": formula,
                "bsa_m2": bsa,
                "dosing_bsa_m2": plan.dosing_bsa_m2,
                "height_cm": height,
                "weight_kg": weight,
                "planned_by": DEMO_WHO,
                "overridden_findings": (),
                "override_reason": "",
                "response": outcome.response,
                "mrd_negative": outcome.mrd_negative,
            },
        )
        per_cycle = len(rules.dose_days.value)
        for index, dose in enumerate(plan.doses):
            planned = dose.window.planned + shift
            given_ = planned < today
            prep = dose.preparation
            batch.add(
                "dose_day",
                (cyid - 1) * per_cycle + index + 1,
                {
                    "cycle_id": cyid,
                    "day": dose.day,
                    "planned_date": planned,
                    "window_start": dose.window.earliest + shift,
                    "window_end": dose.window.latest + shift,
                    "mg_per_m2": dose.mg_per_m2,
                    "calculated_mg": dose.rounding.calculated_mg,
                    "dose_mg": prep.dose_mg,
                    "vials": prep.vials,
                    "drug_volume_ml": prep.drug_volume_ml,
                    "diluent_ml": prep.diluent_ml,
                    "total_volume_ml": prep.total_volume_ml,
                    "status": DoseStatus.GIVEN if given_ else DoseStatus.PLANNED,
                    "reason": "",
                    "decided_by": DEMO_WHO if given_ else "",
                    "decided_at": (
                        datetime.combine(planned, datetime.min.time(), UTC) + timedelta(hours=10)
                        if given_
                        else None
                    ),
                },
            )
        if not ended:
            break
        outcomes.append(outcome)
        cycle_start += timedelta(days=plan.regimen.cycle_length_days)


_ANCHOR = date(2000, 1, 3)
_plans: dict[tuple[Any, ...], CyclePlan] = {}


def _plan(
    rules: ClinicalRules,
    bsa: Decimal,
    cycle: int,
    outcomes: tuple[CycleOutcome, ...],
    hsct: bool,
    start: date,
) -> tuple[CyclePlan, timedelta]:
    """plan_cycle's plan for these inputs, computed once per distinct input at a fixed start.

    A plan's dates are its start plus fixed offsets (PI 2.1 days and windows), so the caller
    moves them by the returned shift; doses, vials and volumes are plan_cycle's own.
    Dose-affecting inputs are all in the cache key.
    """
    key = (bsa, cycle, outcomes, hsct)
    plan = _plans.get(key)
    if plan is None:
        plan = plan_cycle(
            rules,
            CycleRequest(
                bsa_m2=bsa,
                cycle=cycle,
                start=_ANCHOR,
                bsa_formula=BsaFormula.MOSTELLER,
                outcomes=outcomes,
                hsct_planned=hsct,
                course_first_bsa_m2=bsa,
                course_bsa_formula=BsaFormula.MOSTELLER,
            ),
        )
        _plans[key] = plan
    return plan, start - _ANCHOR


def _outcome(rng: random.Random) -> CycleOutcome:
    roll = rng.random()
    response = Response.CR if roll < 0.4 else Response.CRI if roll < 0.7 else Response.NONE
    mrd = rng.random() < 0.5 if response.achieved else None
    return CycleOutcome(response, mrd)


def _insert(conn: Connection, prepared: Prepared, writers: dict[str, TableWriter], at: str) -> None:
    """Rows first (parents before children), then their audit events, chained in order."""
    head = conn.execute(
        select(AuditHeadRecord.last_seq, AuditHeadRecord.last_hash).where(
            AuditHeadRecord.id == HEAD_ID
        )
    ).one_or_none()
    seq, prev = (head[0], head[1]) if head else (0, GENESIS_HASH)
    create = AuditAction.CREATE.value
    events: list[tuple[Any, ...]] = []
    for entity, (stored, ids, states, parts) in prepared.items():
        writers[entity].insert(conn, stored)
        for row_id, after, (json_head, json_tail) in zip(ids, states, parts, strict=True):
            seq += 1
            digest = chained_hash(prev, json_head, seq, json_tail)
            events.append(
                (seq, at, DEMO_WHO, entity, row_id, create, None, after, DEMO_REASON, prev, digest)
            )
            prev = digest
    if not events:
        return
    writers["audit_event"].insert(conn, events)
    if head is None:
        conn.execute(insert(AuditHeadRecord).values(id=HEAD_ID, last_seq=seq, last_hash=prev))
    else:
        conn.execute(
            update(AuditHeadRecord)
            .where(AuditHeadRecord.id == HEAD_ID)
            .values(last_seq=seq, last_hash=prev)
        )
