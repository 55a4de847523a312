"""Use cases: electronic signatures on a dose order and the independent double check.

A signature is the user name and password entered at the moment of signing (21 CFR 11.200)
with a meaning (11.50), bound to the content hash of the order as it is then (11.70). A later
change to the order voids it (the dose repository does that in the changing transaction);
reading also compares hashes, so a stale signature can never show as valid.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ino_desk.domain.course_rules.actions import DoseAct
from ino_desk.domain.patients.corrections import in_force
from ino_desk.domain.printed.paper_records import PaperRecord, paper_record, with_paper_note
from ino_desk.domain.staff.accounts import DoubleCheckRecord, SignInOutcome, StoredSignature
from ino_desk.domain.staff.signatures import (
    ORDER_ENTITY,
    CheckedFigures,
    Meaning,
    SignatureRefusedError,
    check_double_checker,
    figure_mismatches,
    order_content_hash,
)
from ino_desk.domain.staff.signing_keys import public_hex, sign_text
from ino_desk.domain.staff.users import Role
from ino_desk.services.paperwork.order_signatures import live_signatures, signatures_bound_to
from ino_desk.services.planning.course_history import local_day, refuse_stops_for
from ino_desk.services.ports.change import Change
from ino_desk.services.staff.sign_in import authenticate

if TYPE_CHECKING:
    from datetime import date

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store, UnitOfWork


@dataclass(frozen=True, slots=True)
class DoubleCheckResult:
    """The checker's figures against the order's; a mismatch is recorded and not signed."""

    check: DoubleCheckRecord
    signature: StoredSignature | None

    @property
    def mismatches(self) -> tuple[str, ...]:
        return self.check.mismatches


BAG_WASTED = "the bag it signed was wasted"


def void_bag_signatures(uow: UnitOfWork, dose_id: int, who: str) -> int:
    """A wasted bag takes its "prepared" and double-check signatures with it, so a new bag can
    be made and checked; the verified order still stands. Returns how many were voided."""
    live = live_signatures(uow, dose_id)
    voided = 0
    for meaning in (Meaning.PREPARED, Meaning.DOUBLE_CHECK):
        signature = live.get(meaning)
        if signature is not None:
            void = replace(signature, voided=True, void_reason=BAG_WASTED)
            uow.signatures.update(void, Change(who, BAG_WASTED))
            voided += 1
    return voided


def _sign(
    uow: UnitOfWork,
    user: User,
    meaning: Meaning,
    dose_id: int,
    current: str,
    paper: PaperRecord | None,
) -> StoredSignature:
    signature = StoredSignature(
        ORDER_ENTITY,
        dose_id,
        user.id,
        user.full_name,
        user.role,
        meaning,
        uow.now(),
        current,
        paper_time=None if paper is None else paper.paper_time,
    )
    key = uow.keys.key_of(user.username)  # unlocked by the password just entered
    if key is not None:
        signature = replace(
            signature,
            signer_key=public_hex(key),
            key_signature=sign_text(key, signature.signed_text),
        )
    reason = with_paper_note(meaning.value, paper)
    return uow.signatures.add(signature, Change(user.username, reason))


def _day_of_act(uow: UnitOfWork, paper: PaperRecord | None) -> date:
    """The day the act was done: today, or the paper record's day (checked against now)."""
    if paper is None:
        return local_day(uow.now())
    return paper_record(paper.paper_time, uow.now()).day


def _signer(uow: UnitOfWork, signer: User, meaning: Meaning) -> User:
    current = uow.users.get(signer.id).user
    current.require(meaning.permission)
    return current


def _authenticate(store: Store, username: str, password: str) -> User:
    return authenticate(store, username, password, success=SignInOutcome.SIGNATURE_PASSWORD)


def verify_order(
    store: Store,
    rules: ClinicalRules,
    username: str,
    password: str,
    dose_id: int,
    paper: PaperRecord | None = None,
) -> StoredSignature:
    """A pharmacist's "verified order" signature; refused for any other role, and for an
    order the authority stops (VOD/SOS recorded, a dose given, held or omitted)."""
    signer = _authenticate(store, username, password)

    def action(uow: UnitOfWork) -> StoredSignature:
        user = _signer(uow, signer, Meaning.VERIFIED_ORDER)
        on = _day_of_act(uow, paper)
        refuse_stops_for(uow, rules, DoseAct.VERIFY, dose_id, on, by=user.username)
        current = order_content_hash(uow.doses.get(dose_id))
        done = signatures_bound_to(uow, dose_id, current).get(Meaning.VERIFIED_ORDER)
        if done is not None:
            raise SignatureRefusedError(f"this order is already verified by {done.full_name}")
        return _sign(uow, user, Meaning.VERIFIED_ORDER, dose_id, current, paper)

    return store.write(action)


def sign_prepared(
    store: Store,
    rules: ClinicalRules,
    username: str,
    password: str,
    dose_id: int,
    paper: PaperRecord | None = None,
) -> StoredSignature:
    """A technician's or pharmacist's "prepared" signature, only on a verified order, on the
    dose's own day."""
    signer = _authenticate(store, username, password)

    def action(uow: UnitOfWork) -> StoredSignature:
        user = _signer(uow, signer, Meaning.PREPARED)
        refuse_stops_for(uow, rules, DoseAct.PREPARE, dose_id, _day_of_act(uow, paper))
        current = order_content_hash(uow.doses.get(dose_id))
        live = signatures_bound_to(uow, dose_id, current)
        if Meaning.VERIFIED_ORDER not in live:
            raise SignatureRefusedError("a pharmacist must verify the order before preparation")
        if Meaning.PREPARED in live:
            raise SignatureRefusedError(
                f"this dose is already signed as prepared by {live[Meaning.PREPARED].full_name}"
            )
        return _sign(uow, user, Meaning.PREPARED, dose_id, current, paper)

    return store.write(action)


def double_check(
    store: Store,
    rules: ClinicalRules,
    username: str,
    password: str,
    dose_id: int,
    entered: CheckedFigures,
    paper: PaperRecord | None = None,
    *,
    compare_lot: bool = False,
) -> DoubleCheckResult:
    """A third pharmacist's independent check of dose, volume and vials they entered blind.

    The entered figures are always recorded; only agreeing figures are signed. At the bench
    (`compare_lot`) the checker also reads the lot: it is compared with the first recorded
    vial's lot (a bag's vials normally share one), so the check is refused until a vial is
    recorded; the lot typed is kept in the audit entry of the check.
    """
    signer = _authenticate(store, username, password)

    def action(uow: UnitOfWork) -> DoubleCheckResult:
        user = _signer(uow, signer, Meaning.DOUBLE_CHECK)
        if user.role is not Role.PHARMACIST:
            raise SignatureRefusedError("the independent double check is done by a pharmacist")
        refuse_stops_for(uow, rules, DoseAct.DOUBLE_CHECK, dose_id, _day_of_act(uow, paper))
        dose = uow.doses.get(dose_id)
        current = order_content_hash(dose)
        live = signatures_bound_to(uow, dose_id, current)
        verifier, preparer = live.get(Meaning.VERIFIED_ORDER), live.get(Meaning.PREPARED)
        if verifier is None or preparer is None:
            raise SignatureRefusedError(
                "the double check follows a verified order and a signed preparation"
            )
        if Meaning.DOUBLE_CHECK in live:
            raise SignatureRefusedError("this dose already has an independent double check")
        check_double_checker(user.id, preparer.user_id, verifier.user_id)
        lot: str | None = None
        if compare_lot:
            vials = in_force(uow.vial_uses.for_dose(dose_id))
            if not vials:
                raise SignatureRefusedError(
                    "record the vials first: the double check compares their lot"
                )
            lot = vials[0].lot
        expected = CheckedFigures(dose.dose_mg, dose.drug_volume_ml, dose.vials, lot)
        mismatches = tuple(figure_mismatches(expected, entered))
        record = DoubleCheckRecord(
            dose_id,
            user.id,
            user.full_name,
            uow.now(),
            entered.dose_mg,
            entered.drug_volume_ml,
            entered.vials,
            mismatches,
            paper_time=None if paper is None else paper.paper_time,
        )
        reason = "agrees" if not mismatches else "MISMATCH: " + ", ".join(mismatches)
        if compare_lot:  # the double_checks table has no lot column; the audit keeps it
            reason += f"; lot entered: {(entered.lot or '').strip() or '(none)'}"
        stored = uow.double_checks.add(
            record, Change(user.username, with_paper_note(reason, paper))
        )
        signature = (
            None if mismatches else _sign(uow, user, Meaning.DOUBLE_CHECK, dose_id, current, paper)
        )
        return DoubleCheckResult(stored, signature)

    return store.write(action)
