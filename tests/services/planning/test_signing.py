"""Electronic signatures on a dose order: roles, the independent double check, voiding."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.findings import RefusedError
from ino_desk.domain.records import PreparationRecord, VialLot
from ino_desk.domain.staff.signatures import CheckedFigures, Meaning, SignatureRefusedError
from ino_desk.domain.staff.users import PermissionDeniedError
from ino_desk.label.pack import load_pack
from ino_desk.persistence.audit.verify import verify_audit
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.planning.courses import start_course
from ino_desk.services.planning.cycle_planning import Reduction, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput, record_prescriber_of_dose
from ino_desk.services.planning.doses import confirm_dose_given, record_dose_status
from ino_desk.services.preparing.bench import save_preparation
from ino_desk.services.settings import load_settings, save_settings
from ino_desk.services.staff.sign_in import SignInRefusedError
from ino_desk.services.staff.signature_views import order_signatures
from ino_desk.services.staff.signing import double_check, sign_prepared, verify_order
from tests.persistence.factories import NOW, first_cycle, measurement, patient
from tests.readback import double_checks_of
from tests.services.users_fixtures import PASSWORDS, clock, rows, staff, ustore
from tests.stored_rows import stored_preparation_row

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.persistence.unit_of_work import SqlStore

__all__ = ["clock", "staff", "ustore"]

# Cycle 1 day 1 for 170 cm, 70 kg (CLINICAL-RULES: Mosteller BSA, 0.8 mg/m2 on day 1,
# 0.25 mg/mL after reconstitution, 0.9 mg vials):
# BSA = sqrt(170 x 70 / 3600) = sqrt(3.3056) = 1.818 -> 1.82 m2
# dose = 0.8 x 1.82 = 1.456 -> 1.46 mg; volume = 1.46 / 0.25 = 5.84 mL; vials = ceil(1.46/0.9) = 2
RIGHT = CheckedFigures(Decimal("1.46"), Decimal("5.84"), 2)
DAY1 = date(2026, 3, 2)  # cycle 1 starts on the first_cycle factory's date

RULES = load_pack().rules  # the shipped label pack, for helpers without fixtures

VOID_TEXT = "VOID: the order changed after it was signed"  # what a stale signature shows


def _pw(name: str) -> str:
    return PASSWORDS[name]


@pytest.fixture
def dose_id(ustore: SqlStore, rules: ClinicalRules, staff: dict[str, User]) -> int:
    saved = first_cycle(ustore, rules)
    day1 = saved.doses[0]
    assert day1.id is not None
    return day1.id


def _verified_and_prepared(store: SqlStore, dose_id: int) -> None:
    verify_order(store, RULES, "pharm.a", _pw("pharm.a"), dose_id)
    sign_prepared(store, RULES, "tech.t", _pw("tech.t"), dose_id)


def test_a_technician_cannot_verify_an_order(ustore: SqlStore, dose_id: int) -> None:
    with pytest.raises(PermissionDeniedError, match="may not verify orders"):
        verify_order(ustore, RULES, "tech.t", _pw("tech.t"), dose_id)
    with pytest.raises(PermissionDeniedError):
        verify_order(ustore, RULES, "nurse.r", _pw("nurse.r"), dose_id)
    with pytest.raises(PermissionDeniedError):
        verify_order(ustore, RULES, "admin", _pw("admin"), dose_id)
    assert order_signatures(ustore, dose_id) == []


def test_signing_needs_the_password_at_that_moment(ustore: SqlStore, dose_id: int) -> None:
    with pytest.raises(SignInRefusedError):
        verify_order(ustore, RULES, "pharm.a", "not-her-password", dose_id)
    assert order_signatures(ustore, dose_id) == []


def test_preparation_follows_verification(ustore: SqlStore, dose_id: int) -> None:
    with pytest.raises(SignatureRefusedError, match="verify the order before"):
        sign_prepared(ustore, RULES, "tech.t", _pw("tech.t"), dose_id)
    _verified_and_prepared(ustore, dose_id)
    views = order_signatures(ustore, dose_id)
    assert [(v.signature.full_name, v.signature.meaning, v.valid) for v in views] == [
        ("Paula Apothecary", Meaning.VERIFIED_ORDER, True),
        ("Theo Technician", Meaning.PREPARED, True),
    ]


def test_double_check_by_the_preparer_or_verifier_is_refused(
    ustore: SqlStore, dose_id: int
) -> None:
    verify_order(ustore, RULES, "pharm.a", _pw("pharm.a"), dose_id)
    sign_prepared(ustore, RULES, "pharm.b", _pw("pharm.b"), dose_id)
    for same in ("pharm.a", "pharm.b"):
        with pytest.raises(SignatureRefusedError, match="different pharmacist"):
            double_check(ustore, RULES, same, _pw(same), dose_id, RIGHT)
    with pytest.raises(PermissionDeniedError):
        double_check(ustore, RULES, "tech.t", _pw("tech.t"), dose_id, RIGHT)
    assert double_checks_of(ustore, dose_id) == []


def test_a_mismatch_is_shown_recorded_and_not_signed(ustore: SqlStore, dose_id: int) -> None:
    _verified_and_prepared(ustore, dose_id)
    wrong = CheckedFigures(Decimal("1.46"), Decimal("5.4"), 3)
    result = double_check(ustore, RULES, "pharm.c", _pw("pharm.c"), dose_id, wrong)
    assert result.mismatches == ("drug volume (mL)", "vials")
    assert result.signature is None
    [stored] = double_checks_of(ustore, dose_id)
    assert (stored.drug_volume_ml, stored.vials, stored.mismatches) == (
        Decimal("5.4"),
        3,
        ("drug volume (mL)", "vials"),
    )
    [(reason,)] = rows(ustore, "SELECT reason FROM audit_events WHERE entity='double_check'")
    assert reason == "MISMATCH: drug volume (mL), vials"
    # The check can be done again once the figures are right.
    again = double_check(ustore, RULES, "pharm.c", _pw("pharm.c"), dose_id, RIGHT)
    assert again.mismatches == ()
    assert again.signature is not None
    assert again.signature.meaning is Meaning.DOUBLE_CHECK


def test_three_sign_ins_take_one_dose_to_three_valid_signatures(
    ustore: SqlStore, dose_id: int
) -> None:
    _verified_and_prepared(ustore, dose_id)
    double_check(ustore, RULES, "pharm.c", _pw("pharm.c"), dose_id, RIGHT)
    views = order_signatures(ustore, dose_id)
    assert [v.signature.meaning for v in views] == list(Meaning)
    assert all(v.valid for v in views)
    with ustore.database.engine.connect() as conn:
        assert verify_audit(conn).ok


def test_a_changed_order_voids_its_signatures_visibly(
    ustore: SqlStore, rules: ClinicalRules, dose_id: int, staff: dict[str, User]
) -> None:
    _verified_and_prepared(ustore, dose_id)
    record_dose_status(
        ustore,
        rules,
        dose_id,
        DoseStatus.REDUCED,
        staff["pharm.b"],
        reason="platelets low",
        reduced_dose_mg=Decimal("1.2"),
    )
    views = order_signatures(ustore, dose_id)
    assert [v.valid for v in views] == [False, False]
    assert {v.status for v in views} == {VOID_TEXT}
    assert [v.signature.voided for v in views] == [True, True]
    voids = rows(
        ustore,
        "SELECT who, reason FROM audit_events WHERE entity='signature' AND action='update'",
    )
    assert voids == [("pharm.b", "the order changed after it was signed")] * 2
    with ustore.database.engine.connect() as conn:
        assert verify_audit(conn).ok
    # The changed order can be verified afresh.
    verify_order(ustore, rules, "pharm.a", _pw("pharm.a"), dose_id)
    assert [v.valid for v in order_signatures(ustore, dose_id)] == [False, False, True]


def test_a_status_change_alone_does_not_void(
    ustore: SqlStore, rules: ClinicalRules, dose_id: int, staff: dict[str, User]
) -> None:
    _verified_and_prepared(ustore, dose_id)
    given_elsewhere = "bag made and checked at the day unit (test)"
    confirm_dose_given(ustore, rules, dose_id, staff["pharm.a"], given_elsewhere, on=DAY1)
    assert all(v.valid for v in order_signatures(ustore, dose_id))


def test_service_role_guards(
    ustore: SqlStore, rules: ClinicalRules, dose_id: int, staff: dict[str, User]
) -> None:
    with pytest.raises(PermissionDeniedError, match="record dose status"):
        confirm_dose_given(ustore, rules, dose_id, staff["tech.t"], "given elsewhere", on=DAY1)
    with pytest.raises(PermissionDeniedError, match="change site settings"):
        save_settings(ustore, load_settings(ustore), staff["pharm.a"], "try")
    save_settings(ustore, load_settings(ustore), staff["admin"], "saved by the administrator")
    bag = PreparationRecord(
        dose_id, (VialLot("LOT-1", date(2027, 1, 31)),), NOW, None, "tech.t", "pharm.a"
    )
    with pytest.raises(PermissionDeniedError, match="record preparation"):
        save_preparation(ustore, rules, dose_id, NOW, staff["nurse.r"])  # the bench's save
    stored = stored_preparation_row(ustore, bag, staff["tech.t"])
    assert stored.id is not None
    [(who,)] = rows(ustore, "SELECT who FROM audit_events WHERE entity='preparation'")
    assert who == "tech.t"


def test_no_password_or_hash_logged_while_signing(
    ustore: SqlStore, dose_id: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _verified_and_prepared(ustore, dose_id)
    double_check(ustore, RULES, "pharm.c", _pw("pharm.c"), dose_id, RIGHT)
    with pytest.raises(SignInRefusedError):
        verify_order(ustore, RULES, "pharm.b", "typo-in-password", dose_id)
    hashes = [str(r[0]) for r in rows(ustore, "SELECT password_hash FROM users")]
    assert caplog.text
    for secret in [*PASSWORDS.values(), "typo-in-password", *hashes]:
        assert secret not in caplog.text


def test_the_planner_does_not_verify_unless_the_site_allows_it(
    ustore: SqlStore, rules: ClinicalRules, staff: dict[str, User]
) -> None:
    """Issue 16, separation of duties: who planned an order does not verify it (a stop),
    unless the site declares a single pharmacist (printed on every sheet as site policy)."""
    p = register_patient(ustore, patient(), staff["pharm.a"])
    m = record_measurement(ustore, measurement(p.id or 0), staff["pharm.a"])
    course = start_course(ustore, p.id or 0, DAY1, False, staff["pharm.a"])
    given = CycleInput(course.id or 0, m.id or 0, DAY1, prescriber_name="Dr Test Prescriber")
    dose_id = save_next_cycle(ustore, rules, given, Reduction(), staff["pharm.a"]).doses[0].id
    assert dose_id is not None
    with pytest.raises(RefusedError, match="a second pharmacist verifies") as refused:
        verify_order(ustore, rules, "pharm.a", _pw("pharm.a"), dose_id)
    assert [f.code for f in refused.value.findings] == ["VERIFIER_PLANNED_ORDER"]
    site = load_settings(ustore)
    single = replace(site, policy=replace(site.policy, planner_may_verify=True))
    save_settings(ustore, single, staff["admin"], "one pharmacist on nights")
    assert verify_order(ustore, rules, "pharm.a", _pw("pharm.a"), dose_id).meaning.value == (
        "verified order"
    )


def test_an_order_is_verified_only_once_its_prescriber_is_recorded(
    ustore: SqlStore, rules: ClinicalRules, staff: dict[str, User]
) -> None:
    """Issue 16: the prescriber (not a user of the app) is named on the order before a
    pharmacist verifies it; a cycle planned without one gets it afterwards, audited."""
    p = register_patient(ustore, patient(), staff["pharm.a"])
    m = record_measurement(ustore, measurement(p.id or 0), staff["pharm.a"])
    course = start_course(ustore, p.id or 0, DAY1, False, staff["pharm.a"])
    given = CycleInput(course.id or 0, m.id or 0, DAY1)  # no prescriber typed
    saved = save_next_cycle(ustore, rules, given, Reduction(), staff["pharm.a"])
    dose_id = saved.doses[0].id
    assert dose_id is not None
    with pytest.raises(RefusedError, match="does not name its prescriber") as refused:
        verify_order(ustore, rules, "pharm.b", _pw("pharm.b"), dose_id)
    assert [f.code for f in refused.value.findings] == ["PRESCRIBER_NOT_RECORDED"]
    named = record_prescriber_of_dose(
        ustore, dose_id, "Dr Rosa Hale", "NPI 1234567893", staff["pharm.a"]
    )
    assert (named.prescriber_name, named.prescriber_id) == ("Dr Rosa Hale", "NPI 1234567893")
    assert verify_order(ustore, rules, "pharm.b", _pw("pharm.b"), dose_id).meaning is (
        Meaning.VERIFIED_ORDER
    )
