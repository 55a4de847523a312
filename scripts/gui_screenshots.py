"""Fill a throw-away database with fictional data and save a PNG of each main screen.

Run under a real X server so fonts and styles are those a user sees:
    xvfb-run -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python scripts/gui_screenshots.py docs/screenshots
A second argument WIDTHxHEIGHT (e.g. 1024x600, a small laptop or a cart screen) sizes the
window and names the files gui-WIDTHxHEIGHT-*.png; 1280x800 keeps the plain gui-*.png names.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from ino_desk.domain.cycles.regimen import Response
from ino_desk.domain.patients.labs import LabResult, Measurement
from ino_desk.domain.patients.patient import Patient, Sex
from ino_desk.domain.staff.users import Role, User
from ino_desk.label.pack import load_pack
from ino_desk.label.sections import load_label_document
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.labs import record_lab_result
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.planning.course_facts import CourseFacts, record_course_facts
from ino_desk.services.planning.courses import start_course
from ino_desk.services.planning.cycle_planning import Reduction, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput
from ino_desk.services.planning.dose_day import PremedicationGiven, record_premedication
from ino_desk.services.planning.doses import confirm_dose_given
from ino_desk.services.preparing.checklist_store import complete_checklist_item
from ino_desk.services.staff.users import add_user, create_first_administrator
from ino_desk.ui.cycles.course_facts_dialog import CourseFactsDialog
from ino_desk.ui.patients.patient_dialog import PatientDialog
from ino_desk.ui.settings.settings_dialog import SettingsDialog
from ino_desk.ui.shell.application import build_window, label_viewer_factory
from ino_desk.ui.shell.welcome_dialog import DataLocations, WelcomeDialog


def staff(store: SqlStore) -> User:
    """The administrator a first run creates, and the pharmacist the screenshots show."""
    admin = create_first_administrator(store, "admin", "A. Admin", "screenshot-admin-pw")
    return add_user(
        store, admin, "r.example", "R. Example (PharmD)", Role.PHARMACIST, "screenshot-pw"
    )


def fill(store: SqlStore, who: User, today: date) -> int:
    rules = load_pack().rules
    names = [("Fictional", "Ada"), ("Sample", "Ben"), ("Example", "Cleo"), ("Testcase", "Dev")]
    ids = []
    for n, (family, given) in enumerate(names):
        p = register_patient(
            store,
            Patient(
                f"DEMO-{1001 + n}",
                family,
                given,
                date(1970 + 7 * n, 3, 1 + n),
                Sex.FEMALE if n % 2 == 0 else Sex.MALE,
                n != 1,
                "penicillin (rash)" if n == 1 else "",
                "Relapsed CD22-positive B-cell precursor ALL (fictional)",
            ),
            who,
        )
        assert p.id is not None
        ids.append(p.id)
    pid = ids[0]
    start = today - timedelta(days=7)
    record_measurement(
        store, Measurement(pid, start - timedelta(days=1), Decimal(168), Decimal("64.5")), who
    )
    record_measurement(store, Measurement(pid, today, Decimal(168), Decimal("71.5")), who)
    record_lab_result(
        store,
        LabResult(
            pid,
            start - timedelta(days=1),
            Decimal("1.8"),
            Decimal(95),
            False,
            Decimal("0.8"),
            Decimal("1.2"),
            Decimal(30),
            Decimal(40),
            Decimal(28),
            Decimal(40),
            Decimal(4200),
        ),
        who,
    )
    record_lab_result(
        store,
        LabResult(
            pid,
            today - timedelta(days=1),
            Decimal("1.1"),
            Decimal(60),
            False,
            Decimal("1.0"),
            Decimal("1.2"),
            Decimal(45),
            Decimal(40),
            Decimal(52),
            Decimal(40),
            Decimal(0),
        ),
        who,
    )
    course = start_course(store, pid, start, False, who)
    assert course.id is not None
    first = patient_overview(store, pid).measurements[-1]
    assert first.id is not None
    saved = save_next_cycle(store, rules, CycleInput(course.id, first.id, start), Reduction(), who)
    day1 = saved.doses[0]
    assert day1.id is not None
    infusion = datetime.combine(start, time(10, 0), UTC)
    for key, title, drug, amount, route in (
        ("premed_corticosteroid", "Corticosteroid", "Fictionasone", "10 mg", "IV"),
        ("premed_antipyretic", "Antipyretic", "Examplophen", "650 mg", "PO"),
        ("premed_antihistamine", "Antihistamine", "Samplamine", "25 mg", "PO"),
    ):
        premed = PremedicationGiven(drug, amount, route, infusion - timedelta(minutes=45), infusion)
        record_premedication(store, day1.id, key, title, premed, who)
    for key in (
        "cbc_reviewed",
        "liver_tests_reviewed",
        "cytoreduction",
        "pregnancy_test",
        "ecg_electrolytes",
        "light_protection",
        "container_filter",
        "dedicated_line",
        "observation_planned",
    ):
        complete_checklist_item(store, day1.id, key, who)
    confirm_dose_given(store, rules, day1.id, who, "fictional: given at the day unit", on=start)
    record_course_facts(store, course.id, CourseFacts(crcl_ml_per_min=62, on_dialysis=False), who)
    for key in ("premed_corticosteroid", "cbc_reviewed", "light_protection"):
        assert saved.doses[1].id is not None
        complete_checklist_item(store, saved.doses[1].id, key, who)
    # A second patient whose first dose is blocked until cytoreduction (PI 2.2).
    ben = ids[1]
    record_measurement(store, Measurement(ben, today, Decimal(181), Decimal(88)), who)
    record_lab_result(
        store,
        LabResult(
            ben,
            today,
            Decimal("2.4"),
            Decimal(140),
            False,
            Decimal("2.1"),
            Decimal("1.2"),
            Decimal(130),
            Decimal(40),
            Decimal(150),
            Decimal(40),
            Decimal(25000),
        ),
        who,
    )
    course2 = start_course(store, ben, today, True, who)
    m2 = patient_overview(store, ben).measurements[0]
    assert course2.id is not None
    assert m2.id is not None
    save_next_cycle(store, rules, CycleInput(course2.id, m2.id, today), Reduction(), who)
    return pid


def grab(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))
    sys.stdout.write(f"{path}\n")


def main(out: Path, width: int = 1280, height: int = 800) -> None:
    prefix = "gui-" if (width, height) == (1280, 800) else f"gui-{width}x{height}-"
    app = QApplication(sys.argv[:1])
    QApplication.setApplicationName("ino-desk-screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(Path(tmp) / "demo.sqlite3")
        store = SqlStore(database)
        user = staff(store)
        pid = fill(store, user, date.today())
        settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        pack = load_pack()
        window = build_window(
            pack.rules,
            store,
            str(database.path),
            settings,
            label_viewer_factory(lambda: load_label_document(pack)),
        )
        window.desk.set_user(user)
        window.resize(width, height)
        window.show()
        window.patients.search.setText("DEMO")
        window.patients.run_search()
        window.patients.patientOpened.emit(pid)
        page = window.patient_page
        for index, name in enumerate(
            [
                "gui-patient-measurements",
                "gui-patient-labs",
                "gui-patient-timeline",
                "gui-cycle-plan",
                "gui-dose-day-checklist",
            ]
        ):
            page.tabs.setCurrentIndex(index)
            if name == "gui-cycle-plan":  # the pharmacist states cycle 1's response: CR
                page.plan.response.setCurrentIndex(page.plan.response.findData(Response.CR))
            if name == "gui-dose-day-checklist":  # Day 1: given, premedications recorded
                day1 = patient_overview(store, pid).courses[0].cycles[0].doses[0]
                assert day1.id is not None
                page.dose_day.select_dose(day1.id)
            grab(window, out / f"{name.replace('gui-', prefix)}.png")
        window.patients.patientOpened.emit(pid + 1)
        grab(window, out / f"{prefix}dose-gates-blocking.png")
        window.nav.setCurrentRow(1)
        grab(window, out / f"{prefix}today.png")
        window.nav.setCurrentRow(2)
        grab(window, out / f"{prefix}label.png")
        dialog = PatientDialog(window.desk, None, window)
        dialog.family.setText("Newperson")
        dialog.mrn.setText("DEMO-1001")
        dialog.show()
        dialog.save()
        dialog.check_mrn()
        grab(dialog, out / f"{prefix}patient-dialog-errors.png")
        dialog.close()
        settings_dialog = SettingsDialog(window.desk, window)
        settings_dialog.show()
        grab(settings_dialog, out / f"{prefix}settings.png")
        settings_dialog.close()
        overview = patient_overview(store, pid)
        assert overview.current_course is not None
        facts = CourseFactsDialog(window.desk, overview.current_course.course, pid, window)
        facts.show()
        grab(facts, out / f"{prefix}course-facts.png")
        facts.close()
        where = DataLocations(
            "/home/pharmacist/.local/share/ino-desk/ino-desk.sqlite3",
            "/home/pharmacist/.local/share/ino-desk/backups",
            "/home/pharmacist/.local/state/ino-desk/log",
        )
        welcome = WelcomeDialog(pack.rules.info, where, 100, window)
        welcome.show()
        grab(welcome, out / f"{prefix}welcome.png")
        welcome.close()
        window.close()
        database.close()
    app.quit()


if __name__ == "__main__":
    size = sys.argv[2] if len(sys.argv) > 2 else "1280x800"
    w, h = (int(v) for v in size.split("x"))
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"), w, h)
