"""The Prepare screen asks how the diluted bag is kept and counts down to start-infusion-by.

Issue #13 defect 12. Pack values used by hand (PI 2.4, Table 6): diluted bag at room
temperature ≤ 4 h, refrigerated ≤ 3 h (allow ~1 h to warm); reconstitution → end of
infusion ≤ 8 h; infusion 60 min. start by = min(dilution + storage limit, reconstitution
+ 8 h − 1 h). Warning colours (screen choice): amber within 60 min, red within 15 min.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from ino_desk.domain.bench.bench_clock import local_time_text
from ino_desk.domain.bench.preparation import DilutedStorage
from ino_desk.services.preparing.bench import bench_dose
from ino_desk.ui.bench.bench_clock_box import Urgency
from ino_desk.ui.bench.prepare_view import urgency_style
from tests.ui.bench.test_prepare_flow import (
    CHECKER,
    T0,
    _check,
    _click,
    _dialog,
    _keep,
    _made_and_signed,
    _scan,
)

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_diluted_asks_for_the_storage_and_shows_start_by(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    dialog, clock = _dialog(qtbot, store, rules)
    box = dialog.clock_box
    _scan(qtbot, dialog, "S-1")
    _scan(qtbot, dialog, "S-2")
    _click(qtbot, box.reconstituted)  # 14:00 UTC
    # Before dilution the question is asked, unanswered; start-by waits for the answer and
    # names only the latest possible start, 14:00 + 8 h − 1 h = 21:00.
    assert not box.storage_question.isHidden()
    assert box.storage is None
    assert [b.text() for b in box.storage_buttons.values()] == [
        "room temperature 20–25 °C, use within 4 h",
        "refrigerated 2–8 °C, use within 3 h; allow ~1 h to warm",
    ]
    assert box.start_by.text() == f"at dilution; latest {local_time_text(T0 + timedelta(hours=7))}"
    clock.at = T0 + timedelta(minutes=5)
    dialog.tick()
    _click(qtbot, box.diluted)  # no answer: nothing is recorded, the screen says why
    assert "say how the diluted bag is kept: room temperature or refrigerated" in (
        dialog.message.text()
    )
    assert dialog.diluted_at is None
    _keep(dialog, DilutedStorage.REFRIGERATED)
    _click(qtbot, box.diluted)
    assert dialog.message.text() == ""
    assert dialog.diluted_at == T0 + timedelta(minutes=5)
    assert box.storage_question.isHidden()  # asked once, for this dilution
    assert box.storage is None  # and not carried over to the next bag
    assert "Kept: refrigerated 2–8 °C, use within 3 h; allow ~1 h to warm" in box.times.text()
    # 14:05 + 3 h = 17:05, earlier than 21:00: start by 17:05, 3 h 00 min left.
    start_by = local_time_text(T0 + timedelta(hours=3, minutes=5))
    assert box.start_by.text() == f"{start_by} — 3 h 00 min"
    assert box.start_by.styleSheet() == urgency_style(Urgency.OK)
    # 16:20: 45 min left, amber; 16:55: 10 min left, red (the same thresholds as the others)
    clock.at = T0 + timedelta(hours=2, minutes=20)
    dialog.tick()
    assert box.start_by.text() == f"{start_by} — 0 h 45 min"
    assert box.start_by.styleSheet() == urgency_style(Urgency.AMBER)
    clock.at = T0 + timedelta(hours=2, minutes=55)
    dialog.tick()
    assert box.start_by.styleSheet() == urgency_style(Urgency.RED)
    assert box.verdict.text().startswith("Within the PI 2.4 limits")
    # 17:06: past start-by. The bag may not be signed, saved or labelled: only wasted.
    clock.at = T0 + timedelta(hours=3, minutes=6)
    dialog.tick()
    assert box.start_by.styleSheet() == urgency_style(Urgency.EXPIRED)
    assert "over by 0 h 01 min" in box.start_by.text()
    verdict = box.verdict.text()
    assert verdict.startswith(
        "LABEL REFUSED: Diluted bag kept refrigerated: more than 3 hours since dilution ("
        f"{rules.diluted_refrigerated_max_h.citation})"
    )
    assert not dialog.signatures.sign_prepared.isEnabled()
    assert not dialog.save.isEnabled()
    assert dialog.waste.isEnabled()


def test_a_saved_bag_past_start_by_is_not_labelled_and_is_wasted(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    # Issue #13 defect 12 at the bench: reconstituted 14:00, diluted 14:30 at room
    # temperature, saved. Start by min(14:30 + 4 h, 14:00 + 8 h − 1 h) = 18:30; the 8 h
    # alone would have allowed a label until 21:00.
    dialog, clock = _dialog(qtbot, store, rules)
    _made_and_signed(qtbot, dialog, clock)
    _check(qtbot, dialog, CHECKER, ("1.46", "5.84", "2", "ABC123"))
    _click(qtbot, dialog.save)
    assert "Preparation saved" in dialog.message.text()
    box = dialog.clock_box
    assert "Kept: room temperature 20–25 °C, use within 4 h" in box.times.text()
    assert box.start_by.text().startswith(local_time_text(T0 + timedelta(hours=4, minutes=30)))
    clock.at = T0 + timedelta(hours=4, minutes=31)  # 18:31, one minute past start-by
    dialog.tick()
    assert box.verdict.text().startswith(
        "LABEL REFUSED: Diluted bag kept at room temperature: more than 4 hours since dilution"
    )
    _click(qtbot, dialog.print_label)
    assert dialog.message.text().startswith("LABEL REFUSED: Diluted bag kept at room temperature")
    assert not hasattr(dialog, "label_preview")
    assert dialog.waste.isEnabled()
    _click(qtbot, dialog.waste)
    wasted = [w for w in bench_dose(store, rules, dialog.dose_id).waste if w.vials == 0]
    assert len(wasted) == 1
    assert "more than 4 hours since dilution" in wasted[0].reason
