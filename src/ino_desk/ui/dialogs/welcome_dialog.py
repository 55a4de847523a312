"""First-run welcome: where the data lives, which label the doses come from, demo data offer.

Shown on a database without patients until the pharmacist dismisses it once; the choice is
kept in the workstation's settings, and a database with patients never shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ino_desk.ui.palette import colours_for

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from ino_desk.domain.rules import PackInfo

DISMISSED_KEY = "firstRun/welcomeDismissed"


@dataclass(frozen=True, slots=True)
class DataLocations:
    """Where this workstation keeps its files, as the composition root resolved them."""

    database: str
    backups: str
    logs: str


def welcome_dismissed(settings: QSettings) -> bool:
    return str(settings.value(DISMISSED_KEY, "false")).lower() == "true"


class WelcomeDialog(QDialog):
    """`wants_demo` tells the caller what was chosen; closing in any way dismisses it for good."""

    def __init__(
        self,
        info: PackInfo,
        locations: DataLocations,
        demo_count: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle("Welcome to ino-desk")
        self.wants_demo = False
        title = QLabel(f"<h2>Welcome to ino-desk</h2>{escape(info.brand)} ({escape(info.drug)})")
        title.setObjectName("welcomeTitle")
        rows = (
            ("Database file", locations.database, "every patient, dose and audit record"),
            ("Backups folder", locations.backups, "a copy is taken at each start"),
            ("Log folder", locations.logs, "send these files when reporting a problem"),
        )
        muted = colours_for(self).muted
        where = "".join(
            f"<tr><td style='padding-right:12px'><b>{escape(name)}</b></td>"
            f"<td><code>{escape(path)}</code><br><span style='color:{muted}'>{escape(note)}</span>"
            "</td></tr>"
            for name, path, note in rows
        )
        self.locations = QLabel(f"<p>Your data lives on this computer:</p><table>{where}</table>")
        self.locations.setObjectName("welcomeLocations")
        self.locations.setWordWrap(True)
        self.locations.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label = QLabel(
            f"Doses, thresholds and schedules come from the <b>{escape(info.jurisdiction)} "
            f"prescribing information, revision {escape(info.revision)}</b> (label pack "
            f"checked at start). Open the Label screen to read it."
        )
        self.label.setObjectName("welcomeLabelRevision")
        self.label.setWordWrap(True)
        count = demo_count or 0
        self.demo_note = QLabel(
            f"The database is empty. To try the workstation you may add {count} "
            "<b>clearly fictional</b> demo patients (MRN DEMO…, diagnosis marked “DEMO - fictional "
            "patient”). "
            f"<span style='color:{colours_for(self).blocking}'>Do not add demo data to a "
            "database for real patients.</span>"
        )
        self.demo_note.setObjectName("welcomeDemoNote")
        self.demo_note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.demo_button = QPushButton(f"Add {count} fictional demo patients")
        self.demo_button.setObjectName("welcomeDemoButton")
        self.demo_button.setAccessibleName("Add fictional demo patients")
        self.start_button = QPushButton("Start with an empty database")
        self.start_button.setObjectName("welcomeStartButton")
        self.start_button.setAccessibleName("Start with an empty database")
        self.start_button.setDefault(True)  # Enter must never add demo data by accident
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.demo_button.clicked.connect(self._choose_demo)
        self.start_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (title, self.locations, self.label, self.demo_note):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        if demo_count is None:  # no way to add demo data here: offer none
            self.demo_note.hide()
            self.demo_button.hide()

    def _choose_demo(self) -> None:
        self.wants_demo = True
        self.accept()
