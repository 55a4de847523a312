"""The bench's last steps: the Save / Print bag label / Waste buttons and the label preview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ino_desk.domain.errors import DomainError
from ino_desk.services.paperwork.bag_label_documents import prepare_bag_label

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtWidgets import QDialog

    from ino_desk.ui.common.desk import Desk

NO_PRINTING = str(
    QT_TRANSLATE_NOOP(
        "BenchFinishRow", "This workstation cannot print documents (no renderer is set up)."
    )
)


class BenchFinishRow(QWidget):
    """Buttons only; the Prepare screen connects them and decides when each is enabled."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.save = QPushButton(self.tr("Save preparation"))
        self.save.setObjectName("savePreparation")
        self.print_label = QPushButton(self.tr("Print bag label…"))
        self.print_label.setObjectName("printBagLabel")
        self.waste = QPushButton(self.tr("Record dose as wasted"))
        self.waste.setObjectName("wasteDose")
        row.addWidget(self.save)
        row.addWidget(self.print_label)
        row.addStretch(1)  # wasting is set apart from the forward steps
        row.addWidget(self.waste)


def open_bag_label(desk: Desk, dose_id: int, at: datetime, parent: QWidget) -> QDialog:
    """The label's print preview, opened; DomainError says why the label is refused (e.g. a
    PI 2.4 limit passed: then the bag is only waste)."""
    prepare_bag_label(desk.store, desk.rules, dose_id, at)  # refuses before anything opens
    if desk.renderer is None:
        raise DomainError(QCoreApplication.translate("BenchFinishRow", NO_PRINTING))
    from ino_desk.ui.documents.document_preview import DocumentPreviewDialog  # when asked

    preview = DocumentPreviewDialog(
        desk, desk.renderer, lambda: prepare_bag_label(desk.store, desk.rules, dose_id, at), parent
    )
    preview.open()
    return preview
