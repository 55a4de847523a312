"""Use cases of the preparation bench: the clock, the saved bag, and discarded drug (vials
in: `services.bench_vials`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ino_desk.domain.bench.bench_clock import UrgencyThresholds, bench_clock
from ino_desk.domain.bench.bench_marks import BenchEvent, BenchMark, open_preparation
from ino_desk.domain.bench.preparation import DilutedStorage, Dilution, Preparation
from ino_desk.domain.bench.stored_preparation import stored_preparation
from ino_desk.domain.bench.vial_records import VialUse
from ino_desk.domain.bench.waste import WasteKind, WasteRecord, whole_dose_mg
from ino_desk.domain.course_rules.actions import DoseAct
from ino_desk.domain.cycles.course import DoseDay
from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.patients.patient import Patient
from ino_desk.domain.records import PreparationRecord, VialLot
from ino_desk.domain.staff.accounts import DoubleCheckRecord, StoredSignature
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.domain.staff.users import Permission
from ino_desk.services.paperwork.order_signatures import live_signatures
from ino_desk.services.planning.authority import change_by
from ino_desk.services.planning.course_history import local_day, refuse_stops_for
from ino_desk.services.preparing.bench_late_times import entered_later
from ino_desk.services.staff.signing import void_bag_signatures

if TYPE_CHECKING:
    from ino_desk.domain.bench.bench_clock import BenchClock
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork

RESIDUAL_REASON = "single-dose vial residue"
# Saving judges only whether a limit is passed; warning colours are the screen's business.
_NO_WARNINGS = UrgencyThresholds(amber_within=timedelta(0), red_within=timedelta(0))
NOT_VERIFIED = (
    "A pharmacist must verify this order first (a valid \u201cverified order\u201d signature); "
    "until then it cannot be prepared."
)


@dataclass(frozen=True, slots=True)
class BenchDose:
    """What the Prepare screen shows for one dose, and whose it is."""

    patient: Patient
    dose: DoseDay
    preparation: Preparation
    vials: tuple[VialUse, ...]
    waste: tuple[WasteRecord, ...]
    checks: tuple[DoubleCheckRecord, ...]  # every independent double check, mismatches too
    signatures: dict[Meaning, StoredSignature]  # the valid ones, by meaning
    preparations: tuple[PreparationRecord, ...]
    reconstituted_at: datetime | None  # the reconstitution still in progress, if any
    dilution: Dilution | None  # its dilution, with how the bag is kept
    marks: tuple[BenchMark, ...] = ()  # every Reconstituted/Diluted press, in error too

    @property
    def vials_in_force(self) -> tuple[VialUse, ...]:
        """The vials that count (those entered in error are still listed, struck through)."""
        return tuple(in_force(self.vials))

    @property
    def open_marks(self) -> tuple[BenchMark, ...]:
        """The presses of the bag being made, which may still be marked entered in error."""
        started = self.reconstituted_at
        if started is None or self.preparations:
            return ()
        return tuple(m for m in in_force(self.marks) if m.at >= started)

    @property
    def diluted_at(self) -> datetime | None:
        return None if self.dilution is None else self.dilution.at

    @property
    def verified(self) -> StoredSignature | None:
        return self.signatures.get(Meaning.VERIFIED_ORDER)

    @property
    def prepared(self) -> StoredSignature | None:
        return self.signatures.get(Meaning.PREPARED)

    @property
    def double_checked(self) -> StoredSignature | None:
        return self.signatures.get(Meaning.DOUBLE_CHECK)


def bench_dose(store: Store, rules: ClinicalRules, dose_id: int) -> BenchDose:
    def action(uow: UnitOfWork) -> BenchDose:
        dose = uow.doses.get(dose_id)
        course = uow.courses.get(uow.cycles.get(dose.cycle_id).course_id)
        return BenchDose(
            uow.patients.get(course.patient_id),
            dose,
            stored_preparation(rules, dose),
            tuple(uow.vial_uses.for_dose(dose_id)),
            tuple(uow.waste.for_dose(dose_id)),
            tuple(uow.double_checks.for_dose(dose_id)),
            live_signatures(uow, dose_id),
            tuple(uow.preparations.for_dose(dose_id)),
            *_in_progress(uow, dose_id),
            marks=tuple(uow.bench_marks.for_dose(dose_id)),
        )

    return store.read(action)


def _in_progress(uow: UnitOfWork, dose_id: int) -> tuple[datetime | None, Dilution | None]:
    closed = [p.reconstituted_at for p in uow.preparations.for_dose(dose_id)]
    closed += [w.recorded_at for w in uow.waste.for_dose(dose_id) if w.kind is WasteKind.WHOLE_DOSE]
    return open_preparation(in_force(uow.bench_marks.for_dose(dose_id)), closed)


STORAGE_REQUIRED = (
    "say how the diluted bag is kept: room temperature or refrigerated (its own time limit "
    "depends on it)"
)


def mark_time(
    store: Store,
    rules: ClinicalRules,
    dose_id: int,
    event: BenchEvent,
    at: datetime,
    who: User,
    storage: DilutedStorage | None = None,
    *,
    late_reason: str | None = None,
) -> BenchMark:
    """Keep a Reconstituted/Diluted press at once, so closing the screen loses no time.

    A dilution needs `storage`, stated by the preparer (no default: the bag's own limit
    depends on it). Only for a dose the authority lets be prepared at `at` (its own day, not
    given, no VOD). `at` is the press, or with `late_reason` the real time typed afterwards
    (checked, kept with when and why; the PI 2.4 clock runs from it)."""
    if event is BenchEvent.DILUTED and storage is None:
        raise InputError("storage", STORAGE_REQUIRED)
    if event is BenchEvent.RECONSTITUTED and storage is not None:
        raise InputError("storage", "is given with the dilution, not the reconstitution")

    def action(uow: UnitOfWork) -> BenchMark:
        change = change_by(uow, who, Permission.RECORD_PREPARATION)
        refuse_stops_for(uow, rules, DoseAct.PREPARE, dose_id, local_day(at))
        reconstituted, diluted = _in_progress(uow, dose_id)
        if event is BenchEvent.RECONSTITUTED and reconstituted is not None:
            raise DomainError("this dose is already reconstituted; save or waste it first")
        if event is BenchEvent.DILUTED and (reconstituted is None or diluted is not None):
            raise DomainError("dilution needs a reconstitution in progress and no dilution yet")
        mark = BenchMark(dose_id, event, at, change.who, storage=storage)
        if late_reason is not None:
            mark, change = entered_later(uow, mark, change, late_reason)
        return uow.bench_marks.add(mark, change)

    return store.write(action)


class LabelRefusedError(DomainError):
    """The bag may not be labelled; the message gives the PI reason."""


def require_labellable(clock: BenchClock) -> None:
    """A bag past a PI 2.4 limit cannot be labelled (it must be wasted instead)."""
    if not clock.can_label:
        raise LabelRefusedError(" ".join(f.message for f in clock.blocking))


def waste_expired_dose(
    store: Store, rules: ClinicalRules, dose_id: int, clock: BenchClock, who: User
) -> WasteRecord:
    """Record the whole prepared dose as wasted, with the limit it passed as the reason."""
    if clock.can_label:
        raise DomainError("this bag is still within its time limits; it is not waste")
    reason = " ".join(f.message for f in clock.blocking)

    def action(uow: UnitOfWork) -> WasteRecord:
        change = change_by(uow, who, Permission.RECORD_PREPARATION)
        dose = uow.doses.get(dose_id)
        prep = stored_preparation(rules, dose)
        vials, discarded = prep.vials, whole_dose_mg(rules, prep.vials)
        if _in_progress(uow, dose_id)[0] is None and uow.preparations.for_dose(dose_id):
            # A saved bag: its vial residue was recorded at saving; the bag's drug remains.
            vials, discarded = 0, prep.dose_mg
        record = WasteRecord(
            dose_id,
            WasteKind.WHOLE_DOSE,
            vials,
            discarded,
            reason,
            change.who,
            uow.now(),
        )
        wasted = uow.waste.add(record, change)
        void_bag_signatures(uow, dose_id, change.who)
        return wasted

    return store.write(action)


def _signer_name(uow: UnitOfWork, signature: StoredSignature) -> str:
    return uow.users.get(signature.user_id).user.username


def save_preparation(
    store: Store, rules: ClinicalRules, dose_id: int, now: datetime, who: User
) -> PreparationRecord:
    """Keep the bag as made (stored vials and bench times) and its vial residue together.

    Only on an order still verified, with valid "prepared" and "independent double check"
    signatures (who prepared and who checked are taken from them), and within the PI 2.4
    limits at `now`.
    """

    def action(uow: UnitOfWork) -> PreparationRecord:
        change = change_by(uow, who, Permission.RECORD_PREPARATION)
        refuse_stops_for(uow, rules, DoseAct.PREPARE, dose_id, local_day(now))
        dose = uow.doses.get(dose_id)
        reconstituted, diluted = _in_progress(uow, dose_id)
        if reconstituted is None or diluted is None:
            raise InputError("clock", "record reconstitution and dilution first")
        prep = stored_preparation(rules, dose)  # the bag or syringe decided when planned
        # Past start-infusion-by (the bag's storage limit or the 8 h) the bag is only waste.
        require_labellable(
            bench_clock(rules, reconstituted, diluted, now, _NO_WARNINGS, prep.infusion_minutes)
        )
        live = live_signatures(uow, dose_id)
        if Meaning.VERIFIED_ORDER not in live:
            raise InputError("signatures", NOT_VERIFIED)
        prepared, checked = live.get(Meaning.PREPARED), live.get(Meaning.DOUBLE_CHECK)
        if prepared is None:
            raise InputError("signatures", "the preparer must sign \u201cprepared\u201d first")
        if checked is None:
            raise InputError(
                "double check", "a second pharmacist's double check must agree and be signed"
            )
        vials = in_force(uow.vial_uses.for_dose(dose_id))
        record = PreparationRecord(
            dose_id=dose_id,
            vial_lots=tuple(VialLot(v.lot, v.expiry) for v in vials),
            reconstituted_at=reconstituted,
            diluted_at=diluted.at,
            prepared_by=_signer_name(uow, prepared),
            checked_by=_signer_name(uow, checked),
            diluted_storage=diluted.storage,
        )
        saved = uow.preparations.add(record, change)
        # Each bag opens its own vials, so each has its residue: vials × strength − dose.
        if prep.discarded_mg > 0:
            residue = WasteRecord(
                dose_id,
                WasteKind.RESIDUAL,
                prep.vials,
                prep.discarded_mg,
                RESIDUAL_REASON,
                change.who,
                uow.now(),
            )
            uow.waste.add(residue, change)
        return saved

    return store.write(action)
