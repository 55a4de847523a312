"""The main window; it only composes the screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMainWindow

from ino_desk.ui.views.label_viewer import LabelViewer

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.label.document import LabelDocument


class MainWindow(QMainWindow):
    def __init__(self, rules: ClinicalRules, label: LabelDocument | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        info = rules.info
        self.setWindowTitle(f"ino-desk — {info.brand} ({info.drug}), US PI {info.revision}")
        if label is not None:
            # Until navigation exists, the label viewer is the first screen: it needs no
            # sign-in and no patient data.
            self.setCentralWidget(LabelViewer(label, parent=self))
        else:
            placeholder = QLabel(
                f"{info.brand} ({info.drug}) workstation\nLabel pack: US PI {info.revision}"
            )
            placeholder.setObjectName("placeholder")
            self.setCentralWidget(placeholder)
        self.resize(1024, 700)
