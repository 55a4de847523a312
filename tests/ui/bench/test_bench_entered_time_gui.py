"""Issue 16 at the bench: the real time of a reconstitution typed afterwards, with a reason;
the clock runs from it and the bench reads it back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from pytestqt.qtbot import QtBot

from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.preparing.bench import bench_dose
from ino_desk.ui.bench.bench_time_entry import BenchTimeEntry
from tests.ui.bench.test_bench_corrections import _bench
from tests.ui.bench.test_prepare_flow import CODE, T0, FakeClock

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_reconstitution_entered_later_needs_a_reason_and_runs_the_clock_from_it(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    dialog, dose_id = _bench(qtbot, store, rules)  # verified at T0 (14:00 UTC)
    clock = dialog.now
    assert isinstance(clock, FakeClock)
    for serial in ("S-1", "S-2"):
        dialog.vials.scan.setText(CODE + serial)
        qtbot.keyClick(dialog.vials.scan, Qt.Key.Key_Return)
    clock.at = T0 + timedelta(hours=1)  # 15:00: the pharmacist records it now
    when = dialog.when
    assert not when.time.isEnabled()
    when.earlier.setChecked(True)
    assert when.time.isEnabled()
    real = (T0 + timedelta(minutes=20)).astimezone().replace(tzinfo=None)
    when.time.setDateTime(QDateTime(real))
    qtbot.keyClick(when.reason, Qt.Key.Key_Return)  # a scanner's Enter presses nothing
    assert bench_dose(dialog.desk.store, rules, dose_id).reconstituted_at is None
    dialog.clock_box.reconstituted.click()
    assert "Reason for the time: is required" in dialog.message.text()
    assert bench_dose(dialog.desk.store, rules, dose_id).reconstituted_at is None
    when.reason.setText("hood alarm; written on the worksheet")
    dialog.clock_box.reconstituted.click()
    state = bench_dose(dialog.desk.store, rules, dose_id)
    assert state.reconstituted_at == T0 + timedelta(minutes=20)
    assert [m.entered_at for m in state.marks] == [T0 + timedelta(hours=1)]
    assert not when.earlier.isChecked()  # the next press is "now" again
    assert "Entered later: reconstituted" in when.notes.text()
    assert "hood alarm; written on the worksheet" in when.notes.text()
    # PI 2.4: complete within 8 h of reconstitution: 14:20 + 8 h = 22:20 UTC.
    assert dialog.clock is not None
    assert dialog.clock.limits.complete_by == T0 + timedelta(hours=8, minutes=20)


def test_the_time_field_reads_now_before_it_is_ticked(qtbot: QtBot) -> None:
    """Greyed out it showed the editor's default, 2000-01-01 00:00 (seen under Xvfb)."""
    entry = BenchTimeEntry(lambda: T0)
    qtbot.addWidget(entry)
    assert not entry.time.isEnabled()
    assert entry.time.dateTime() == QDateTime(T0.astimezone().replace(tzinfo=None))
