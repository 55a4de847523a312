"""Use cases: mark a record entered in error, with the typed reason of a permitted user.

The record is never deleted: it keeps its values, gains the mark (who, when, why), and the
audit event keeps the state before and after. Every reader that feeds the rules takes only
the records in force (`domain.corrections.in_force`), so the next judgement of the course
no longer sees the wrong entry. A bag already saved is history: its vials and bench times
are not corrected (the bag is wasted instead); correcting a vial or time of a bag being made
voids its "prepared" and double-check signatures, which covered them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from ino_desk.domain.bench.stored_preparation import prepared_again
from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.errors import DomainError
from ino_desk.domain.patients.corrections import EnteredInError, reason_for_error
from ino_desk.domain.staff.users import Permission
from ino_desk.services.planning.authority import change_by
from ino_desk.services.staff.signing import void_bag_signatures

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.bench.bench_marks import BenchMark
    from ino_desk.domain.bench.vial_records import VialUse
    from ino_desk.domain.cycles.course import DoseDay
    from ino_desk.domain.patients.labs import LabResult, Measurement
    from ino_desk.domain.records import ChecklistCompletion
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.change import Change
    from ino_desk.services.ports.store import Store, UnitOfWork

T = TypeVar("T")
PREFIX = "Entered in error"
# Statuses a correction reopens; a hold ends with a release. A reduction marked in error
# goes back to the amount it reduced, and the course's history no longer counts it.
CORRECTABLE_STATUSES = frozenset({DoseStatus.GIVEN, DoseStatus.OMITTED, DoseStatus.REDUCED})


class AlreadyCorrectedError(DomainError):
    """The record already carries an "entered in error" mark."""


def _marked(uow: UnitOfWork, who: User, reason: str, entity: Any, label: str) -> tuple[Any, Change]:
    why = reason_for_error(reason)
    change = change_by(uow, who, Permission.MARK_ENTERED_IN_ERROR, f"{PREFIX}: {why}")
    if entity.entered_in_error is not None:
        raise AlreadyCorrectedError(f"this {label} is already marked entered in error")
    mark = EnteredInError(why, change.who, uow.now())
    return replace(entity, entered_in_error=mark), change


def mark_lab_in_error(store: Store, lab_id: int, reason: str, who: User) -> LabResult:
    def action(uow: UnitOfWork) -> LabResult:
        marked, change = _marked(uow, who, reason, uow.labs.get(lab_id), "lab result")
        saved: LabResult = uow.labs.update(marked, change)
        return saved

    return store.write(action)


def mark_measurement_in_error(
    store: Store, measurement_id: int, reason: str, who: User
) -> Measurement:
    def action(uow: UnitOfWork) -> Measurement:
        found = uow.measurements.get(measurement_id)
        marked, change = _marked(uow, who, reason, found, "measurement")
        saved: Measurement = uow.measurements.update(marked, change)
        return saved

    return store.write(action)


def mark_tick_in_error(store: Store, tick_id: int, reason: str, who: User) -> ChecklistCompletion:
    """The item is open again; the authority asks for it before the dose is given."""

    def action(uow: UnitOfWork) -> ChecklistCompletion:
        found = uow.checklist.get(tick_id)
        marked, change = _marked(uow, who, reason, found, "checklist tick")
        saved: ChecklistCompletion = uow.checklist.update(marked, change)
        return saved

    return store.write(action)


def _bag_not_saved(uow: UnitOfWork, dose_id: int, what: str) -> None:
    if uow.preparations.for_dose(dose_id):
        raise DomainError(
            f"this {what} belongs to a bag already saved; a saved bag is not corrected — "
            "waste it if it must not be given"
        )


def _mark_bench_entry(
    store: Store,
    records: Callable[[UnitOfWork], Any],
    entry_id: int,
    reason: str,
    who: User,
    label: str,
) -> Any:
    """A vial or bench time of a bag still being made, marked; the bag's "prepared" and
    double-check signatures, which covered it, are voided."""

    def action(uow: UnitOfWork) -> Any:
        found = records(uow).get(entry_id)
        _bag_not_saved(uow, found.dose_id, label)
        marked, change = _marked(uow, who, reason, found, label)
        saved = records(uow).update(marked, change)
        void_bag_signatures(uow, found.dose_id, change.who)
        return saved

    return store.write(action)


def mark_vial_in_error(store: Store, vial_id: int, reason: str, who: User) -> VialUse:
    """A vial recorded twice, or for the wrong dose; its serial may then be scanned again."""
    saved: VialUse = _mark_bench_entry(
        store, lambda uow: uow.vial_uses, vial_id, reason, who, "vial"
    )
    return saved


def mark_bench_time_in_error(store: Store, mark_id: int, reason: str, who: User) -> BenchMark:
    """A Reconstituted/Diluted press made by mistake: the bench's clock no longer counts it."""
    saved: BenchMark = _mark_bench_entry(
        store, lambda uow: uow.bench_marks, mark_id, reason, who, "bench time"
    )
    return saved


def _reduction_undone(rules: ClinicalRules, dose: DoseDay) -> DoseDay:
    """The dose as planned before the reduction, prepared the same way again: with no
    `reduced_from_mg` the history's dose level (no re-escalation, PI 2.3) skips it."""
    assert dose.reduced_from_mg is not None  # status REDUCED always carries it
    return replace(prepared_again(rules, dose, dose.reduced_from_mg), reduced_from_mg=None)


def mark_dose_status_in_error(
    store: Store, rules: ClinicalRules, dose_id: int, reason: str, who: User
) -> DoseDay:
    """A dose recorded given or omitted by mistake is open again (planned, or still reduced);
    a reduction recorded by mistake goes back to the planned amount (a bag saved at the
    reduced amount must be wasted first; the bench's signatures, which covered the amount,
    are voided, and so is the order's verification, whose content changed).

    The wrong status stays on the row (`error_status`) with the mark, and in the audit.
    """

    def action(uow: UnitOfWork) -> DoseDay:
        dose = uow.doses.get(dose_id)
        if dose.status is DoseStatus.HELD:
            raise DomainError("a held dose is released, not marked entered in error")
        if dose.status not in CORRECTABLE_STATUSES:
            raise DomainError(
                f"this dose is {dose.status.value}: only a given, omitted or reduced status "
                "can be marked entered in error"
            )
        if dose.status is DoseStatus.REDUCED:
            _bag_not_saved(uow, dose_id, "reduced dose")
            reopened, amounts = DoseStatus.PLANNED, _reduction_undone(rules, dose)
        elif dose.reduced_from_mg is not None:
            reopened, amounts = DoseStatus.REDUCED, dose
        else:
            reopened, amounts = DoseStatus.PLANNED, dose
        why = reason_for_error(reason)
        change = change_by(uow, who, Permission.MARK_ENTERED_IN_ERROR, f"{PREFIX}: {why}")
        corrected = replace(
            amounts,
            status=reopened,
            error_status=dose.status,
            entered_in_error=EnteredInError(why, change.who, uow.now()),
            # A reduced dose stays reduced, with a reason and the name on record.
            reason=(dose.reason.strip() or "reduced (see the audit trail)")
            if reopened is DoseStatus.REDUCED
            else "",
            decided_by=dose.decided_by if reopened is DoseStatus.REDUCED else "",
            decided_at=dose.decided_at if reopened is DoseStatus.REDUCED else None,
        )
        saved = uow.doses.update(corrected, change)
        if dose.status is DoseStatus.REDUCED:
            void_bag_signatures(uow, dose_id, change.who)
        return saved

    return store.write(action)
