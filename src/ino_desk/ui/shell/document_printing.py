"""What Print (Ctrl+P) prints: the open cycle's order sheet or the open dose's bag label."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel

from ino_desk.services.paperwork.bag_label_documents import prepare_bag_label
from ino_desk.services.paperwork.cycle_documents import prepare_order_sheet
from ino_desk.services.preparing.preparations import preparations_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from ino_desk.services.paperwork.cycle_documents import PreparedDocument
    from ino_desk.ui.common.desk import Desk
    from ino_desk.ui.patients.patient_page import PatientPage

NOTHING_TO_PRINT = str(
    QT_TRANSLATE_NOOP(
        "MainWindow",
        "Nothing to print here: open a patient's \u201cPlan cycle\u201d tab (order sheet of "
        "the latest saved cycle) or \u201cDose day\u201d tab (bag label of the chosen dose).",
    )
)


def ask_reconstitution_time(parent: QWidget | None) -> datetime | None:
    """No preparation is recorded: the user states when the drug was reconstituted."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("document_printing", "Reconstitution time"))
    now = QDateTime.currentDateTime()
    edit = QDateTimeEdit(now)
    edit.setObjectName("reconstitutedAt")
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setMaximumDateTime(now)
    edit.setCalendarPopup(True)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(
        QLabel(
            QCoreApplication.translate(
                "document_printing",
                "No preparation is recorded for this dose. The label's limits count "
                "from the reconstitution time (local clock).",
            )
        )
    )
    form.addRow(QCoreApplication.translate("document_printing", "Reconstituted at"), edit)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = edit.dateTime().toPython()
    if not isinstance(chosen, datetime):  # PySide6 types toPython() as object
        return None
    return chosen.astimezone()  # the edit shows local clock time without a zone


def print_request(
    desk: Desk, page: PatientPage, parent: QWidget | None = None
) -> Callable[[], PreparedDocument] | None:
    """The document for the patient page's current tab, or None when it shows none."""
    overview = page.overview
    if page.showing(page.dose_day):
        dose_id = page.dose_day.current_dose_id()
        if dose_id is None:
            return None

        def label() -> PreparedDocument:
            # Without a recorded preparation the time is asked; cancelling leaves it None,
            # and the preview then shows why the label cannot be printed.
            recorded = preparations_of(desk.store, dose_id)
            at = None if recorded else ask_reconstitution_time(parent)
            return prepare_bag_label(desk.store, desk.rules, dose_id, desk.clock(), at)

        return label
    course = overview.current_course if overview is not None else None
    if page.showing(page.plan) and course is not None and course.cycles:
        cycle_id = course.cycles[-1].cycle.id
        if cycle_id is None:
            return None
        return lambda: prepare_order_sheet(desk.store, desk.rules, cycle_id, desk.clock())
    return None


def open_preview(desk: Desk, page: PatientPage, parent: QWidget) -> bool:
    """Open the preview for the current tab; False when there is nothing to print."""
    request = print_request(desk, page, parent)
    if request is None or desk.renderer is None:
        return False
    from ino_desk.ui.documents.document_preview import DocumentPreviewDialog

    DocumentPreviewDialog(desk, desk.renderer, request, parent).exec()
    return True
