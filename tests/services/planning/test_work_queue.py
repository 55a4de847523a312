"""The work queue's states, counts and filters, derived from what the services stored."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.bench.dose_codes import bag_code
from ino_desk.domain.bench.preparation import DilutedStorage
from ino_desk.domain.errors import InputError
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.planning.dose_day import dose_gates
from ino_desk.services.planning.doses import move_dose_date
from ino_desk.services.planning.work_queue import WorkState, standing_findings, work_queue
from ino_desk.services.preparing.dose_scan import UnknownCodeError, dose_for_code
from ino_desk.services.staff.signing import verify_order
from tests.people import cheap_passwords, pharmacist
from tests.queue_doses import (
    GS,
    NOW,
    PASSWORDS,
    RECONSTITUTED,
    TODAY,
    TOMORROW,
    VERIFIER,
    VIAL,
    doses_in_each_state,
)
from tests.readback import in_states

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.sqlite.sqlite_engine import Database


@pytest.fixture
def store(database: Database) -> SqlStore:
    return SqlStore(database, clock=lambda: NOW, passwords=cheap_passwords())


def test_each_dose_shows_how_far_its_work_went(store: SqlStore, rules: ClinicalRules) -> None:
    made = doses_in_each_state(store, rules)
    queue = work_queue(store, TODAY, TOMORROW)
    by_id = {row.dose_id: row for row in queue.rows}
    states = {key: by_id[dose.dose_id].state for key, dose in made.items()}
    assert states == {
        "ordered": WorkState.ORDERED,
        "verified": WorkState.VERIFIED,
        "preparing": WorkState.IN_PREPARATION,
        "checked": WorkState.CHECKED,
        "labelled": WorkState.LABELLED,
        "given": WorkState.GIVEN,
        "held": WorkState.HELD,
        "omitted": WorkState.OMITTED,
        "tomorrow": WorkState.ORDERED,
    }
    # Today's doses by patient name, then tomorrow's.
    assert [r.patient_name.split(",")[0] for r in queue.rows] == [
        "Checked",
        "Given",
        "Held",
        "Labelled",
        "Omitted",
        "Ordered",
        "Preparing",
        "Verified",
        "Tomorrow",
    ]
    assert queue.counts() == {
        WorkState.ORDERED: 2,
        WorkState.VERIFIED: 1,
        WorkState.IN_PREPARATION: 1,
        WorkState.CHECKED: 1,
        WorkState.LABELLED: 1,
        WorkState.GIVEN: 1,
        WorkState.HELD: 1,
        WorkState.OMITTED: 1,
    }
    assert (queue.total, queue.truncated) == (9, False)
    # The bag whose clock runs: at the bench, or saved and labelled; none before or after.
    preparing = by_id[made["preparing"].dose_id].bag
    assert preparing is not None
    assert (preparing.reconstituted_at, preparing.dilution, preparing.saved) == (
        RECONSTITUTED,
        None,
        False,
    )
    labelled = by_id[made["labelled"].dose_id].bag
    assert labelled is not None
    assert labelled.saved
    assert labelled.dilution is not None
    assert labelled.dilution.storage is DilutedStorage.ROOM_TEMPERATURE
    assert by_id[made["verified"].dose_id].bag is None
    assert by_id[made["given"].dose_id].bag is None
    assert [r.dose_id for r in in_states(queue.rows, [WorkState.ORDERED])] == [
        made["ordered"].dose_id,
        made["tomorrow"].dose_id,
    ]


# Slow on the server (many saves each); the same set-based queries run there in
# test_each_dose_shows_how_far_its_work_went, so these stay on SQLite to keep CI's
# PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_days_patient_text_and_limit_narrow_the_queue(
    store: SqlStore, rules: ClinicalRules
) -> None:
    made = doses_in_each_state(store, rules)
    tomorrow = work_queue(store, TOMORROW, TOMORROW)
    assert [r.dose_id for r in tomorrow.rows] == [made["tomorrow"].dose_id]
    assert tomorrow.total == 1
    by_name = work_queue(store, TODAY, TOMORROW, "lab")
    assert [r.patient_name for r in by_name.rows] == ["Labelled, Ann"]
    assert by_name.total == 9  # the days hold 9 doses; the text picks one of them
    assert [r.mrn for r in work_queue(store, TODAY, TOMORROW, "mrn-9").rows] == ["MRN-9"]
    assert [r.mrn for r in work_queue(store, TODAY, TOMORROW, "held, a").rows] == ["MRN-7"]
    assert work_queue(store, TODAY, TOMORROW, "nobody").rows == ()
    first_three = work_queue(store, TODAY, TOMORROW, limit=3)
    assert (len(first_three.rows), first_three.truncated) == (3, True)
    with pytest.raises(InputError, match="before the first"):
        work_queue(store, TOMORROW, TODAY)


# Slow on the server (many saves each); the same set-based queries run there in
# test_each_dose_shows_how_far_its_work_went, so these stay on SQLite to keep CI's
# PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_a_changed_order_loses_its_verification(store: SqlStore, rules: ClinicalRules) -> None:
    made = doses_in_each_state(store, rules)
    dose_id = made["tomorrow"].dose_id
    verify_order(store, rules, VERIFIER, PASSWORDS[VERIFIER], dose_id)
    assert _state(store, dose_id) is WorkState.VERIFIED
    moved_to = TOMORROW - timedelta(days=1)
    move_dose_date(store, rules, dose_id, moved_to, pharmacist(store), "clinic closed")
    assert _state(store, dose_id) is WorkState.ORDERED


def _state(store: SqlStore, dose_id: int) -> WorkState:
    rows = work_queue(store, TODAY - timedelta(days=1), TOMORROW + timedelta(days=1)).rows
    return next(r.state for r in rows if r.dose_id == dose_id)


# Slow on the server (many saves each); the same set-based queries run there in
# test_each_dose_shows_how_far_its_work_went, so these stay on SQLite to keep CI's
# PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_standing_findings_are_the_authoritys_for_giving_on_the_day(
    store: SqlStore, rules: ClinicalRules
) -> None:
    made = doses_in_each_state(store, rules)
    ids = [made[key].dose_id for key in ("ordered", "checked", "labelled", "tomorrow")]
    found = standing_findings(store, rules, ids)
    assert set(found) == set(ids)
    for dose_id in ids:
        planned = TOMORROW if dose_id == made["tomorrow"].dose_id else TODAY
        gates = dose_gates(store, rules, dose_id, planned)
        assert found[dose_id] == tuple(f for f in gates if f.blocks)
    ordered = {f.code for f in found[made["ordered"].dose_id]}
    assert {"ORDER_NOT_VERIFIED", "BAG_NOT_PREPARED", "BAG_NOT_DOUBLE_CHECKED"} <= ordered
    labelled = {f.code for f in found[made["labelled"].dose_id]}
    assert not labelled & {"ORDER_NOT_VERIFIED", "BAG_NOT_PREPARED", "BAG_NOT_DOUBLE_CHECKED"}
    assert "CHECKLIST_OPEN" in labelled
    assert standing_findings(store, rules, []) == {}


# Slow on the server (many saves each); the same set-based queries run there in
# test_each_dose_shows_how_far_its_work_went, so these stay on SQLite to keep CI's
# PostgreSQL slice within its 3 minutes.
@pytest.mark.sqlite_only
def test_a_scanned_bag_label_or_vial_finds_its_dose(store: SqlStore, rules: ClinicalRules) -> None:
    made = doses_in_each_state(store, rules)
    labelled = made["labelled"]
    code = bag_code(1, 1, labelled.dose_id)
    found = dose_for_code(store, f" {code}\n", TODAY, TOMORROW)
    assert (found.patient_id, found.dose_id) == (labelled.patient_id, labelled.dose_id)
    assert found.found_by == f"bag label {code}"
    assert dose_for_code(store, "]C0" + code.lower(), TODAY, TOMORROW).dose_id == labelled.dose_id
    by_serial = dose_for_code(store, VIAL + "C-2", TODAY, TOMORROW)
    assert (by_serial.dose_id, by_serial.found_by) == (made["checked"].dose_id, "vial serial C-2")
    with pytest.raises(UnknownCodeError, match="used for 2 doses"):
        dose_for_code(store, VIAL + "NEW-1", TODAY, TOMORROW)  # lot ABC123: two bags today
    with pytest.raises(UnknownCodeError, match="No dose is stored for bag label"):
        dose_for_code(store, bag_code(2, 1, labelled.dose_id), TODAY, TOMORROW)
    with pytest.raises(UnknownCodeError, match="No dose is stored"):
        dose_for_code(store, "C1D1-999999", TODAY, TOMORROW)
    with pytest.raises(UnknownCodeError, match="neither a bag label nor a vial code"):
        dose_for_code(store, "hello", TODAY, TOMORROW)
    other_lot = "0100300080100011172812311" + "0ZZZ9" + GS + "21" + "X-1"
    with pytest.raises(UnknownCodeError, match="serial X-1, lot ZZZ9"):
        dose_for_code(store, other_lot, TODAY, TOMORROW)
