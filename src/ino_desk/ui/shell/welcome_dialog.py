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

from ino_desk.ui.common.palette import colours_for

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
        self.setWindowTitle(self.tr("Welcome to ino-desk"))
        self.wants_demo = False
        title = QLabel(
            self.tr("<h2>Welcome to ino-desk</h2>{0} ({1})").format(
                escape(info.brand), escape(info.drug)
            )
        )
        title.setObjectName("welcomeTitle")
        rows = (
            (
                self.tr("Database file"),
                locations.database,
                self.tr("every patient, dose and audit record"),
            ),
            (
                self.tr("Backups folder"),
                locations.backups,
                self.tr("a copy is taken at each start"),
            ),
            (
                self.tr("Log folder"),
                locations.logs,
                self.tr("send these files when reporting a problem"),
            ),
        )
        muted = colours_for(self).muted
        where = "".join(
            f"<tr><td style='padding-right:12px'><b>{escape(name)}</b></td>"
            f"<td><code>{escape(path)}</code><br><span style='color:{muted}'>{escape(note)}</span>"
            "</td></tr>"
            for name, path, note in rows
        )
        self.locations = QLabel(
            self.tr("<p>Your data lives on this computer:</p><table>{0}</table>").format(where)
        )
        self.locations.setObjectName("welcomeLocations")
        self.locations.setWordWrap(True)
        self.locations.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label = QLabel(
            self.tr(
                "Doses, thresholds and schedules come from the <b>{0} prescribing "
                "information, revision {1}</b> (label pack checked at start). Open the Label "
                "screen to read it."
            ).format(escape(info.jurisdiction), escape(info.revision))
        )
        self.label.setObjectName("welcomeLabelRevision")
        self.label.setWordWrap(True)
        count = demo_count or 0
        self.demo_note = QLabel(
            self.tr(
                "The database is empty. To try the workstation you may add {0} <b>clearly "
                "fictional</b> demo patients (MRN DEMO…, diagnosis marked “DEMO - fictional "
                "patient”). <span style='color:{1}'>Do not add demo data to a database for "
                "real patients.</span>"
            ).format(count, colours_for(self).blocking)
        )
        self.demo_note.setObjectName("welcomeDemoNote")
        self.demo_note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.demo_button = QPushButton(self.tr("Add {0} fictional demo patients").format(count))
        self.demo_button.setObjectName("welcomeDemoButton")
        self.demo_button.setAccessibleName(self.tr("Add fictional demo patients"))
        self.start_button = QPushButton(self.tr("Start with an empty database"))
        self.start_button.setObjectName("welcomeStartButton")
        self.start_button.setAccessibleName(self.tr("Start with an empty database"))
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
