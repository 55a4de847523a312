"""What Print (Ctrl+P) prints: the open cycle's order sheet or the open dose's bag label."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ino_desk.services.cycle_documents import prepare_bag_label, prepare_order_sheet

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from ino_desk.services.cycle_documents import PreparedDocument
    from ino_desk.ui.desk import Desk
    from ino_desk.ui.views.patient_page import PatientPage

NOTHING_TO_PRINT = (
    "Nothing to print here: open a patient's \u201cPlan next cycle\u201d tab (order sheet of "
    "the latest saved cycle) or \u201cDose day\u201d tab (bag label of the chosen dose)."
)


def print_request(desk: Desk, page: PatientPage) -> Callable[[], PreparedDocument] | None:
    """The document for the patient page's current tab, or None when it shows none."""
    tab = page.tabs.currentWidget()
    overview = page.overview
    if tab is page.dose_day:
        dose_id = page.dose_day.current_dose_id()
        if dose_id is None:
            return None
        return lambda: prepare_bag_label(desk.store, desk.rules, dose_id, datetime.now(UTC))
    course = overview.current_course if overview is not None else None
    if tab is page.plan and course is not None and course.cycles:
        cycle_id = course.cycles[-1].cycle.id
        if cycle_id is None:
            return None
        return lambda: prepare_order_sheet(desk.store, desk.rules, cycle_id, datetime.now(UTC))
    return None


def open_preview(desk: Desk, page: PatientPage, parent: QWidget) -> bool:
    """Open the preview for the current tab; False when there is nothing to print."""
    request = print_request(desk, page)
    if request is None or desk.renderer is None:
        return False
    from ino_desk.ui.dialogs.document_preview import DocumentPreviewDialog

    DocumentPreviewDialog(desk, desk.renderer, request, parent).exec()
    return True
