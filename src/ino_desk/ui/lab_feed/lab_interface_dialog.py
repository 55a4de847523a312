"""Laboratory interface: whether this workstation receives HL7 results, and the review queue
of messages a pharmacist attaches to a patient or dismisses (never attached silently)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.errors import DomainError
from ino_desk.domain.staff.users import Permission
from ino_desk.interfaces.listener import DEFAULT_PORT
from ino_desk.services.lab_feed.lab_review import (
    attach_message,
    dismiss_message,
    messages_in_review,
)
from ino_desk.services.paperwork.document_lookup import find_patient
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.palette import colours_for
from ino_desk.ui.common.rights import gate
from ino_desk.ui.lab_feed.lab_listener import (
    ENABLED_KEY,
    FOLDER_KEY,
    HOST_KEY,
    PORT_KEY,
    LabListener,
    stored_config,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QSettings

    from ino_desk.services.lab_feed.lab_review import HeldMessage
    from ino_desk.ui.common.desk import Desk


class LabInterfaceDialog(QDialog):
    def __init__(
        self, desk: Desk, settings: QSettings, listener: LabListener, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.desk, self.settings, self.listener = desk, settings, listener
        self.setObjectName("labInterfaceDialog")
        self.setWindowTitle(self.tr("Laboratory interface"))
        enabled, config = stored_config(settings)
        self.enabled = QCheckBox(self.tr("Receive laboratory results (HL7) on this workstation"))
        self.enabled.setObjectName("labReceiveHere")
        self.enabled.setChecked(enabled)
        self.host = QLineEdit(config.host)
        self.port = QLineEdit(str(config.port or DEFAULT_PORT))
        self.folder = QLineEdit("" if config.drop_folder is None else str(config.drop_folder))
        self.folder.setPlaceholderText(self.tr("optional: a folder the lab system writes to"))
        self.status = QLabel()
        self.status.setObjectName("labListenerStatus")
        self.status.setWordWrap(True)
        apply = QPushButton(self.tr("Apply on this workstation"))
        apply.setObjectName("labApply")
        apply.setAutoDefault(False)
        apply.clicked.connect(self.apply)
        box = QGroupBox(self.tr("This workstation"))
        form = QFormLayout(box)
        form.addRow(self.enabled)
        form.addRow(self.tr("Listen address:"), self.host)
        form.addRow(self.tr("MLLP port:"), self.port)
        form.addRow(self.tr("Drop folder:"), self.folder)
        form.addRow(apply, self.status)

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("labReviewTable")
        self.table.setAccessibleName(self.tr("Laboratory messages held for review"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Received"), self.tr("From"), self.tr("MRN"), self.tr("Born"),
             self.tr("Why it waits")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.attach_button = QPushButton(self.tr("Attach to patient…"))
        self.attach_button.setObjectName("labAttach")
        self.attach_button.clicked.connect(self.attach)
        self.dismiss_button = QPushButton(self.tr("Dismiss…"))
        self.dismiss_button.setObjectName("labDismiss")
        self.dismiss_button.clicked.connect(self.dismiss)
        gate(desk, Permission.RESOLVE_LAB_MESSAGES, self.attach_button, self.dismiss_button)
        for button in (self.attach_button, self.dismiss_button):
            button.setAutoDefault(False)  # a scanner's Enter never attaches or dismisses
        self.error = QLabel()
        self.error.setObjectName("labReviewError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {colours_for(self).blocking}")
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(QLabel(self.tr("Held for review")))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.held: list[HeldMessage] = []
        listener.received.connect(self.reload)
        listener.started.connect(self._listening)
        listener.failed.connect(self._failed)
        self._show_state()
        self.reload()

    def _show_state(self) -> None:
        self.status.setText(
            self.tr("receiving on this workstation") if self.listener.running
            else self.tr("not receiving here")
        )  # fmt: skip

    def _listening(self, port: int) -> None:
        self.status.setText(self.tr("listening on port %1").replace("%1", str(port)))

    def _failed(self, why: str) -> None:
        self.status.setText(self.tr("could not listen: %1").replace("%1", why))

    def apply(self) -> None:
        port = self.port.text().strip()
        if not port.isdigit() or not 1 <= int(port) <= 65535:
            self.status.setText(self.tr("MLLP port: a TCP port from 1 to 65535"))
            return
        s = self.settings
        s.setValue(ENABLED_KEY, "true" if self.enabled.isChecked() else "false")
        s.setValue(HOST_KEY, self.host.text().strip() or "127.0.0.1")
        s.setValue(PORT_KEY, port)
        s.setValue(FOLDER_KEY, self.folder.text().strip())
        s.sync()
        enabled, config = stored_config(s)
        if config.drop_folder is not None and not config.drop_folder.is_dir():
            self.status.setText(self.tr("Drop folder: not a folder"))
            return
        if enabled:
            self.listener.start(config)
        else:
            self.listener.stop()
            self._show_state()

    def reload(self) -> None:
        self.held = messages_in_review(self.desk.store)
        self.table.setRowCount(len(self.held))
        for row, item in enumerate(self.held):
            m, r = item.message, item.report
            born = r.date_of_birth.isoformat() if r.date_of_birth else "—"
            values = [m.received_at.isoformat(timespec="minutes"), m.sending_facility, r.mrn,
                      born, m.problem]  # fmt: skip
            for col, text in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _chosen(self) -> HeldMessage | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.held):
            self.error.setText(self.tr("Choose a message in the table first."))
            return None
        return self.held[row]

    def attach(self) -> None:
        held = self._chosen()
        if held is None:
            return
        mrn, ok = QInputDialog.getText(
            self,
            self.tr("Attach to patient"),
            self.tr("MRN of the patient this result belongs to (message says %1):").replace(
                "%1", held.report.mrn
            ),
        )
        if not ok:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Attach to patient"), self.tr("Why this patient is the right one:")
        )
        if ok:
            self._resolve(lambda: self._attach(held, mrn, reason))

    def _attach(self, held: HeldMessage, mrn: str, reason: str) -> None:
        patient = find_patient(self.desk.store, mrn)
        attach_message(self.desk.store, held.message.id or 0, patient.id or 0, self.desk.who(),
                       reason)  # fmt: skip
        self.desk.patientSaved.emit(patient.id or 0)

    def dismiss(self) -> None:
        held = self._chosen()
        if held is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Dismiss message"),
            self.tr("Message %1 (MRN %2) stays kept and is never imported. Why?")
            .replace("%1", held.message.control_id)
            .replace("%2", held.report.mrn),
        )
        if ok:
            self._resolve(
                lambda: dismiss_message(
                    self.desk.store, held.message.id or 0, self.desk.who(), reason
                )
            )

    def _resolve(self, action: Callable[[], object]) -> None:
        self.error.clear()
        try:
            action()
        except (DomainError, StoreError) as exc:
            self.error.setText(str(exc))
            return
        self.reload()
