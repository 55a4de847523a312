"""Downtime on the desktop (issue 18): the snapshot banner, refused writes, the pack from the
snapshot, and the refresh that runs off the GUI thread. Real SQLite files, offscreen Qt."""

from __future__ import annotations

import stat
import threading
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDateTime, QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from ino_desk.domain.cycles.course import DoseStatus
from ino_desk.domain.patients.labs import Measurement
from ino_desk.domain.patients.patient import Patient, Sex
from ino_desk.domain.staff.users import Role, User
from ino_desk.pdf.render import pdf_renderer
from ino_desk.persistence.demo.demo import fill_demo
from ino_desk.persistence.downtime.downtime_snapshot import take_snapshot
from ino_desk.persistence.downtime.downtime_store import open_snapshot
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.charts.patients import register_patient, update_patient
from ino_desk.services.planning.courses import start_course
from ino_desk.services.planning.cycle_planning import Reduction, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput
from ino_desk.services.ports.downtime import DowntimeReadOnlyError
from ino_desk.ui.common.palette import DARK, LIGHT
from ino_desk.ui.shell.application import build_window, label_placeholder
from ino_desk.ui.shell.downtime import DowntimeControls, SnapshotRefresher
from tests.people import pharmacist
from tests.readback import get_patient

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.services.ports.downtime import SnapshotInfo
    from ino_desk.ui.shell.main_window import MainWindow


@pytest.fixture
def snapshot_file(store: SqlStore, rules: ClinicalRules, tmp_path: Path) -> Path:
    fill_demo(store.database, rules, 8, seed=1)
    target = tmp_path / "local" / "snapshot.sqlite3"
    info = take_snapshot(store.database.engine, target, date.today())
    assert info.patients > 0
    return target


def test_on_the_snapshot_a_banner_says_so_writes_are_refused_and_the_pack_prints(
    qtbot: QtBot,
    rules: ClinicalRules,
    snapshot_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    snapshot = open_snapshot(snapshot_file)
    try:
        settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
        window = build_window(
            rules, snapshot, "snapshot", settings, label_placeholder, pdf_renderer()
        )
        qtbot.addWidget(window)
        controls = DowntimeControls(window, snapshot.info, None)
        banner = controls.banner
        assert banner is not None
        assert banner.isVisibleTo(window)  # above the screens, in the central widget
        central = window.centralWidget()
        assert central is not None
        assert central.isAncestorOf(banner)
        assert banner.text().startswith(
            f"Downtime: read-only snapshot taken {snapshot.info.taken_text}."
        )
        fills = {LIGHT.amber_fill, DARK.amber_fill}
        assert any(fill in banner.styleSheet() for fill in fills)  # the palette's, no literal
        assert window.windowTitle().startswith("DOWNTIME (read-only)")
        assert controls.refresher is None  # nothing to refresh from
        someone = snapshot.read(lambda uow: uow.queries.search_patients("DEMO", 1))[0]
        patient = get_patient(snapshot, someone.id)
        assert window.desk.who().role is Role.READ_ONLY  # nobody signs in on the snapshot
        pharmacist = User(1, "pharm.a", "Paula Apothecary", Role.PHARMACIST)
        with pytest.raises(DowntimeReadOnlyError) as refused:
            update_patient(snapshot, patient, pharmacist, "a correction during the outage")
        assert "Nothing can be saved now" in refused.value.message
        window.patient_page.open_patient(someone.id)  # the screens read the snapshot
        day = window.patient_page.dose_day
        assert day.current_dose_id() is not None
        day.reason.setText("ANC low")
        day.mark(DoseStatus.HELD)  # what the Hold button runs
        assert "Downtime: the database cannot be reached" in day.message.text()
        written = tmp_path / "pack.pdf"
        opened: list[str] = []
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(written), "PDF (*.pdf)")
        )
        monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.path()))
        with qtbot.waitSignal(controls.packReady, timeout=60_000):
            controls.pack_action.trigger()  # File > Downtime pack, built in a worker thread
        assert opened == [str(written)]
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        assert controls.pack_action.isEnabled()
        text = " ".join((p.extract_text() or "") for p in PdfReader(written).pages)
        assert "read-only snapshot taken" in " ".join(text.split())
    finally:
        snapshot.database.close()


def test_the_refresh_runs_off_the_gui_thread_after_a_change(
    qtbot: QtBot,
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
    tmp_path: Path,
) -> None:
    fill_demo(store.database, rules, 4, seed=1)
    target = tmp_path / "local" / "snapshot.sqlite3"
    threads: list[str] = []

    def refresh() -> SnapshotInfo:
        threads.append(threading.current_thread().name)
        return take_snapshot(store.database.engine, target, date.today())

    window = make_window(store)
    refresher = SnapshotRefresher(window.desk, refresh)
    refresher._gather.setInterval(10)  # no two-second wait in a test
    with qtbot.waitSignal(refresher.refreshed, timeout=30_000) as first:
        refresher.start()
    assert first.args[0].location == str(target)
    assert target.is_file()
    with qtbot.waitSignal(refresher.refreshed, timeout=30_000) as second:
        window.desk.dosesChanged.emit()
    assert second.args[0].taken_at >= first.args[0].taken_at
    assert threads == ["downtime-snapshot", "downtime-snapshot"]
    assert threading.current_thread().name == "MainThread"


def test_a_hold_written_on_paper_is_entered_with_its_paper_time(
    qtbot: QtBot,
    make_window: Callable[[SqlStore], MainWindow],
    store: SqlStore,
    rules: ClinicalRules,
) -> None:
    yesterday = date.today() - timedelta(days=1)
    p = register_patient(
        store,
        Patient("MRN-77", "Paper", "Pia", date(1990, 5, 5), Sex.FEMALE, True, "", "ALL"),
        pharmacist(store),
    )
    assert p.id is not None
    m = record_measurement(
        store, Measurement(p.id, yesterday, Decimal(170), Decimal(70)), pharmacist(store)
    )
    course = start_course(store, p.id, yesterday, False, pharmacist(store))
    assert course.id is not None
    assert m.id is not None
    given = CycleInput(course.id, m.id, yesterday)
    save_next_cycle(store, rules, given, Reduction(), pharmacist(store, "pharm.planner"))
    window = make_window(store)
    window.patient_page.open_patient(p.id)
    day = window.patient_page.dose_day
    day1 = patient_overview(store, p.id).courses[0].cycles[0].doses[0]
    assert day1.id is not None
    day.select_dose(day1.id)
    paper_at = datetime.combine(yesterday, time(14, 30))  # local clock, as on the paper
    day.paper.after_downtime.setChecked(True)
    day.paper.paper_time.setDateTime(QDateTime(paper_at))
    day.reason.setText("ANC low on the paper CBC")
    qtbot.mouseClick(day.buttons["held"], Qt.MouseButton.LeftButton)
    held = patient_overview(store, p.id).courses[0].cycles[0].doses[0]
    assert held.status is DoseStatus.HELD, day.message.text()
    assert held.paper_time == paper_at.astimezone()
    assert held.reason.startswith(
        f"recorded after downtime, paper time {yesterday.isoformat()} 14:30"
    )
    assert not day.paper.after_downtime.isChecked()  # cleared for the next entry
