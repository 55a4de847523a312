"""The main window; it only composes the screens, the menus and the status bar."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ino_desk.domain.staff.users import Permission
from ino_desk.ui.common.rights import gate
from ino_desk.ui.common.typing_compat import override
from ino_desk.ui.common.window_memory import fit_to_screen, remember_splitter
from ino_desk.ui.lab_feed.lab_interface_dialog import LabInterfaceDialog
from ino_desk.ui.lab_feed.lab_listener import LabListener, stored_config
from ino_desk.ui.patients.patient_dialog import PatientDialog
from ino_desk.ui.patients.patient_page import PatientPage
from ino_desk.ui.patients.patients_view import PatientsView
from ino_desk.ui.settings.settings_dialog import SettingsDialog
from ino_desk.ui.shell.document_printing import NOTHING_TO_PRINT, open_preview
from ino_desk.ui.shell.quit_guard import may_quit_with_open_bags
from ino_desk.ui.work_queue.today_view import TodayView

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.staff.users import User
    from ino_desk.ui.common.desk import Desk


class Screen:
    PATIENTS = 0
    TODAY = 1
    LABEL = 2


class MainWindow(QMainWindow):
    def __init__(
        self,
        desk: Desk,
        settings: QSettings,
        label_factory: Callable[[], QWidget],
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.desk = desk
        self.settings = settings
        self._label_factory = label_factory
        info = desk.rules.info
        self.setWindowTitle(
            self.tr("ino-desk — {0} ({1}), US PI {2}").format(info.brand, info.drug, info.revision)
        )

        self.patients = PatientsView(desk)
        self.patient_page = PatientPage(desk)
        self.patients.patientOpened.connect(self.patient_page.open_patient)
        self.patients.patientOpened.connect(lambda _id: self._narrow_list())
        self.patients.newPatientRequested.connect(self.new_patient)
        desk.patientSaved.connect(self.patient_page.open_patient)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("patientsSplitter")
        split.addWidget(self.patients)
        split.addWidget(self.patient_page)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([460, 720])  # room for names while searching; narrowed on opening
        self.patients_split = split
        self.today = TodayView(desk)
        self.today.doseOpened.connect(self.open_dose)
        self.label_host = QStackedWidget()
        self.label_host.setObjectName("labelHost")
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        self.stack.addWidget(split)
        self.stack.addWidget(self.today)
        self.stack.addWidget(self.label_host)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Screens"))
        self.nav.addItems([self.tr("Patients"), self.tr("Today"), self.tr("Label")])
        self.nav.setFixedWidth(96)
        self.nav.currentRowChanged.connect(self.show_screen)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(4, 4, 4, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        # This workstation's own switch (QSettings): it receives lab results while open.
        self.lab_listener = LabListener(desk.store, self)
        self.lab_listener.received.connect(self._lab_result_arrived)
        enabled, config = stored_config(settings)
        if enabled:
            self.lab_listener.start(config)
        self._status_bar()
        self._menus()
        gate(desk, Permission.EDIT_PATIENTS, self.new_action, self.patients.new_button)
        gate(desk, Permission.CHANGE_SETTINGS, self.settings_action)
        gate(desk, Permission.PRINT_DOCUMENTS, self.print_action)
        self.nav.setCurrentRow(Screen.PATIENTS)
        # The preferred size, never more than the screen offers (a 1024×600 bedside laptop).
        fit_to_screen(self, 1280, 800)
        remember_splitter(split, "mainWindow/patientsSplitter", settings)
        geometry = settings.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    # ------------------------------------------------------------------ chrome

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(self.tr("Database: {0}").format(self.desk.database_label))
        self.db_label.setObjectName("statusDatabase")
        info = self.desk.rules.info
        self.label_revision = QLabel(
            self.tr("Label: {0} PI {1}").format(info.jurisdiction, info.revision)
        )
        self.label_revision.setObjectName("statusLabelRevision")
        self.signed_in = QLabel()
        self.signed_in.setObjectName("statusSignedIn")
        self.signed_in.setAccessibleName(self.tr("Signed-in user"))
        self.signed_in.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
        self.desk.userChanged.connect(self._show_user)
        self._show_user(self.desk.user)
        bar.addWidget(self.db_label, 1)
        bar.addPermanentWidget(self.label_revision)
        bar.addPermanentWidget(self.signed_in)

    def _show_user(self, user: User | None) -> None:
        if user is None:
            self.signed_in.setText(self.tr("Not signed in"))
        else:
            self.signed_in.setText(
                self.tr("Signed in: {0} ({1})").format(user.full_name, user.role.display_name)
            )

    def _action(
        self,
        text: str,
        name: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu(self.tr("&File"))
        self.new_action = self._action(
            self.tr("&New patient…"),
            "actionNewPatient",
            self.new_patient,
            QKeySequence.StandardKey.New,
        )
        self.print_action = self._action(
            self.tr("&Print…"), "actionPrint", self.print_document, QKeySequence.StandardKey.Print
        )
        self.print_action.setEnabled(self.desk.renderer is not None)
        self.print_action.setToolTip(
            self.tr(
                "Preview, print or save the order sheet of the latest saved cycle (Plan tab) or "
                "the bag label of the chosen dose (Dose day tab)"
            )
        )
        self.print_action.setStatusTip(self.print_action.toolTip())
        self.settings_action = self._action(
            self.tr("Site &settings…"), "actionSettings", self.edit_settings, "Ctrl+,"
        )
        self.quit_action = self._action(
            self.tr("&Quit"), "actionQuit", self.close, QKeySequence.StandardKey.Quit
        )
        if not self.quit_action.shortcut().toString():  # some platforms define no Quit key
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.lab_action = self._action(
            self.tr("&Laboratory interface…"), "actionLabInterface", self.open_lab_interface
        )
        for action in (self.new_action, self.print_action, self.settings_action, self.lab_action):
            file_menu.addAction(action)
        self.quit_separator = file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.find_action = self._action(
            self.tr("&Find patient"), "actionFind", self.find_patient, QKeySequence.StandardKey.Find
        )
        edit_menu.addAction(self.find_action)
        view_menu = bar.addMenu(self.tr("&View"))
        for n, (name, title) in enumerate(
            (
                ("Patients", self.tr("Patients")),
                ("Today", self.tr("Today")),
                ("Label", self.tr("Label")),
            )
        ):
            view_menu.addAction(
                self._action(
                    title,
                    f"actionShow{name}",
                    partial(self.nav.setCurrentRow, n),
                    f"Ctrl+{n + 1}",
                )
            )
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About ino-desk"), "actionAbout", self.about))

    # ------------------------------------------------------------------ actions

    def show_screen(self, row: int) -> None:
        if row == Screen.LABEL and self.label_host.count() == 0:
            self.label_host.addWidget(self._label_factory())  # built when first needed
        if row == Screen.TODAY:
            self.today.reload()
        self.stack.setCurrentIndex(max(row, 0))

    def _narrow_list(self) -> None:
        # A patient's plan needs the width; the list keeps MRN and name visible.
        total = sum(self.patients_split.sizes())
        narrow = min(self.patients_split.sizes()[0], max(300, total * 3 // 10))
        self.patients_split.setSizes([narrow, total - narrow])

    def new_patient(self) -> None:
        self.nav.setCurrentRow(Screen.PATIENTS)
        PatientDialog(self.desk, None, self).exec()

    def find_patient(self) -> None:
        self.nav.setCurrentRow(Screen.PATIENTS)
        self.patients.focus_search()

    def open_dose(self, patient_id: int, dose_id: int) -> None:
        self.nav.setCurrentRow(Screen.PATIENTS)
        self.patient_page.open_patient(patient_id)
        self._narrow_list()  # the dose day needs the width, as when opened from the list
        self.patient_page.dose_day.select_dose(dose_id)
        # The tab holds the dose day inside a scroll area: show that tab, not Measurements.
        self.patient_page.show_view(self.patient_page.dose_day)

    def print_document(self) -> None:
        on_patient = self.stack.currentIndex() == Screen.PATIENTS
        if not (on_patient and open_preview(self.desk, self.patient_page, self)):
            self.statusBar().showMessage(self.tr(NOTHING_TO_PRINT), 10_000)

    def edit_settings(self) -> None:
        SettingsDialog(self.desk, self).exec()

    def _lab_result_arrived(self) -> None:
        """An imported result may be this patient's: show it, and the rules re-run on it."""
        patient_id = self.patient_page.patient_id
        if patient_id is not None:
            self.patient_page.open_patient(patient_id)

    def open_lab_interface(self) -> None:
        LabInterfaceDialog(self.desk, self.settings, self.lab_listener, self).exec()

    def about(self) -> None:
        info = self.desk.rules.info
        QMessageBox.about(
            self,
            self.tr("About ino-desk"),
            self.tr(
                "ino-desk: {0} ({1}) pharmacist workstation.\nLabel pack: {2} PI {3}, "
                "DailyMed set id {4}."
            ).format(info.brand, info.drug, info.jurisdiction, info.revision, info.dailymed_setid),
        )

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        if not may_quit_with_open_bags(self):
            event.ignore()
            return
        self.lab_listener.stop()
        self.settings.setValue("mainWindow/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
