"""Labs, measurements and the cycle-1 and cycle-limit choices on the patient page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate

from ino_desk.domain.cycles.cycle_limits import CycleOutcome
from ino_desk.domain.cycles.regimen import ExtensionReason, Response
from ino_desk.domain.patients.labs import Measurement
from ino_desk.domain.patients.patient import Patient, Sex
from ino_desk.domain.rules import ClinicalRules
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.charts.measurements import record_measurement
from ino_desk.services.charts.patient_overview import patient_overview
from ino_desk.services.charts.patients import register_patient
from ino_desk.services.planning.courses import start_course
from ino_desk.services.planning.cycle_planning import Reduction, save_next_cycle
from ino_desk.services.planning.cycles import CycleInput
from ino_desk.ui.cycles.dose_lines import DoseColumn
from ino_desk.ui.patients.record_dialogs import LabDialog
from ino_desk.ui.shell.main_window import MainWindow
from tests.people import pharmacist
from tests.ui.conftest import PHARMACIST

START = date(2026, 12, 1)


def _patient(store: SqlStore, hsct: bool | None = False) -> tuple[int, int, int]:
    p = register_patient(
        store,
        Patient("MRN-88", "Example", "Cleo", date(1979, 2, 3), Sex.FEMALE, True, "", "ALL"),
        pharmacist(store),
    )
    assert p.id is not None
    m = record_measurement(
        store, Measurement(p.id, START, Decimal(165), Decimal(70)), pharmacist(store)
    )
    course = start_course(store, p.id, START, hsct, pharmacist(store))
    assert m.id is not None
    assert course.id is not None
    return p.id, course.id, m.id


def test_lab_values_need_their_uln_and_platelets_their_transfusion_answer(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    patient_id, _, _ = _patient(store)
    window = make_window(store)
    dialog = LabDialog(window.desk, patient_id, window)
    dialog.fields["total bilirubin"].setText("1.9")
    dialog.save()
    assert "upper limit of normal" in dialog.form.error_text("total bilirubin ULN")
    dialog.fields["total bilirubin ULN"].setText("1.2")
    dialog.fields["platelets"].setText("abc")
    dialog.save()
    assert "is not a number" in dialog.form.error_text("platelets")
    dialog.fields["platelets"].setText("45")
    dialog.save()
    assert "state yes or no" in dialog.form.error_text("platelets transfused since count")
    dialog.transfused.setCurrentIndex(dialog.transfused.findData(True))
    dialog.drawn_on.setDate(QDate(2026, 11, 30))
    dialog.save()
    labs = patient_overview(store, patient_id).labs
    assert len(labs) == 1
    assert labs[0].platelets_transfused_since is True
    assert labs[0].total_bilirubin == Decimal("1.9")


def test_weight_change_from_cycle_1_is_flagged_above_ten_percent(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore, rules: ClinicalRules
) -> None:
    patient_id, course_id, m_id = _patient(store)
    save_next_cycle(
        store, rules, CycleInput(course_id, m_id, START), Reduction(), pharmacist(store)
    )
    for days, kg in ((7, "76"), (14, "78")):
        record_measurement(
            store,
            Measurement(patient_id, START + timedelta(days=days), Decimal(165), Decimal(kg)),
            pharmacist(store),
        )
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    table = window.patient_page.measurements
    rows = {
        table.item(r, 0).text(): (table.item(r, 3).text(), table.item(r, 4).text())
        for r in range(table.rowCount())
    }
    # (76 - 70) / 70 = 8.57 % -> 8.6 %, not flagged; (78 - 70) / 70 = 11.43 % -> 11.4 %, flagged.
    assert rows["2026-12-08"] == ("8.6 %", "")
    assert rows["2026-12-15"][0] == "11.4 %"
    assert "over 10 %" in rows["2026-12-15"][1]
    assert rows["2026-12-01"] == ("0 %", "")


def test_cycle_1_extended_to_28_days_with_its_reason(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    patient_id, _, _ = _patient(store)
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    plan = window.patient_page.plan
    plan.length.setCurrentIndex(plan.length.findData(28))
    assert plan.extension.isEnabled()
    assert "without a recorded reason" in plan.findings.plain_text()
    plan.extension.setCurrentIndex(plan.extension.findData(ExtensionReason.TOXICITY_RECOVERY))
    assert "recovery from toxicity" in plan.findings.plain_text()
    assert "28 days" in plan.summary.text()
    plan.save()
    cycle = patient_overview(store, patient_id).courses[0].cycles[0].cycle
    assert cycle.length_days == 28
    assert cycle.extension_reason is ExtensionReason.TOXICITY_RECOVERY


def test_a_blocking_cycle_limit_saves_only_with_an_override_reason(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore, rules: ClinicalRules
) -> None:
    patient_id, course_id, m_id = _patient(store, hsct=True)
    for n in range(2):
        given = CycleInput(course_id, m_id, START + timedelta(days=28 * n))
        previous = CycleOutcome(Response.CR, True) if n else None
        save_next_cycle(store, rules, given, Reduction(), pharmacist(store), previous)
    window = make_window(store)
    window.patient_page.open_patient(patient_id)
    plan = window.patient_page.plan
    # HSCT planned and MRD-negative CR reached: a 3rd cycle is beyond the label (PI 2.1).
    plan.response.setCurrentIndex(plan.response.findData(Response.CR))
    plan.mrd.setCurrentIndex(plan.mrd.findData(True))
    assert "blocking CYCLE_LIMIT_HSCT" in plan.findings.plain_text()
    assert plan.model.index(0, DoseColumn.MG_PER_M2).data() == "0.5"
    plan.save()
    assert "type an override reason" in plan.message.text()
    assert len(patient_overview(store, patient_id).courses[0].cycles) == 2
    plan.override.setText("Transplant delayed; oncologist and patient decided on a 3rd cycle")
    plan.save()
    cycles = patient_overview(store, patient_id).courses[0].cycles
    assert len(cycles) == 3
    assert cycles[2].cycle.overridden_findings == ("CYCLE_LIMIT_HSCT",)
    assert cycles[2].cycle.override_reason.startswith("Transplant delayed")
    assert cycles[2].cycle.planned_by == PHARMACIST


def test_the_dosing_form_refuses_a_patient_under_one_year(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    baby = register_patient(
        store,
        Patient("MRN-1", "Infant", "Kit", date(2026, 3, 1), Sex.UNKNOWN, True, "", "ALL"),
        pharmacist(store),
    )
    assert baby.id is not None
    record_measurement(
        store, Measurement(baby.id, START, Decimal(70), Decimal(8)), pharmacist(store)
    )
    start_course(store, baby.id, START, False, pharmacist(store))
    window = make_window(store)
    window.patient_page.open_patient(baby.id)
    plan = window.patient_page.plan
    # Born 2026-03-01, cycle on 2026-12-01: 0 completed years, under the label's 1 year (PI 1).
    assert "Patient age:" in plan.message.text()
    assert "not established under 1 year" in plan.message.text()
    assert plan.model.rowCount() == 0
    assert not plan.save_button.isEnabled()
