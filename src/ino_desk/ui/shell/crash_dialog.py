"""A readable dialog for a failed start or an unexpected error, naming the log file to send."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from pathlib import Path

NO_LOG_FILE = str(
    QT_TRANSLATE_NOOP(
        "CrashDialog", "No log file could be written on this computer; use Copy details instead."
    )
)

# (summary, advice) for each situation app.py reports: marked for translation here (the
# marker returns its text unchanged, typed `object`), translated where the dialog shows them.
START_FAILED = (
    str(QT_TRANSLATE_NOOP("CrashDialog", "ino-desk could not start.")),
    str(
        QT_TRANSLATE_NOOP(
            "CrashDialog",
            "The error was written to the log file named below. Please send that file to your IT "
            "support or the ino-desk team.",
        )
    ),
)
LABEL_PACK_REFUSED = (
    str(
        QT_TRANSLATE_NOOP(
            "CrashDialog",
            "ino-desk cannot start: the label pack is missing, damaged or has been altered.",
        )
    ),
    str(
        QT_TRANSLATE_NOOP(
            "CrashDialog",
            "No dose can be calculated without the verified label pack. Reinstall ino-desk or ask "
            "your IT support to restore it; the details name the file.",
        )
    ),
)
DATABASE_REFUSED = (
    str(QT_TRANSLATE_NOOP("CrashDialog", "ino-desk cannot open its database.")),
    str(
        QT_TRANSLATE_NOOP(
            "CrashDialog",
            "Nothing was changed. The details say what is wrong with the file (for example it "
            "is in use, read-only, damaged, or from a newer ino-desk). Backups are kept in the "
            "database's backups folder; ask your IT support before replacing the file. The log "
            "file is named below.",
        )
    ),
)
UNEXPECTED_ERROR = (
    str(QT_TRANSLATE_NOOP("CrashDialog", "An unexpected error interrupted the last action.")),
    str(
        QT_TRANSLATE_NOOP(
            "CrashDialog",
            "Before you continue, check that your last change was saved. The error was written "
            "to the log file named below; please send that file to your IT support or the "
            "ino-desk team.",
        )
    ),
)


class CrashDialog(QDialog):
    """States what happened, what to do, and where the log file is; details on request."""

    def __init__(
        self,
        summary: str,
        advice: str,
        log_file: Path | None,
        details: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("ino-desk — problem"))
        self.setModal(True)
        self._summary = summary
        self._log_file = log_file
        self._details = details

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48)
        )
        heading = QLabel(self.tr(summary))
        heading.setObjectName("crashSummary")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        advice_label = QLabel(self.tr(advice))
        advice_label.setObjectName("crashAdvice")
        advice_label.setWordWrap(True)
        self.log_label = QLabel(
            self.tr("Log file:\n{0}").format(log_file)
            if log_file is not None
            else self.tr(NO_LOG_FILE)
        )
        self.log_label.setObjectName("crashLogFile")
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_view = QPlainTextEdit(details)
        self.details_view.setObjectName("crashDetails")
        self.details_view.setReadOnly(True)
        self.details_view.setVisible(False)
        self.details_view.setMinimumHeight(160)
        self.details_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        self.details_button = QPushButton(self.tr("Show details"))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._toggle_details)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.clicked.connect(self.copy_report)
        self.open_folder_button = QPushButton(self.tr("Open log folder"))
        self.open_folder_button.setEnabled(log_file is not None)
        self.open_folder_button.clicked.connect(self._open_log_folder)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)

        text = QVBoxLayout()
        text.setSpacing(10)
        text.addWidget(heading)
        text.addWidget(advice_label)
        text.addWidget(self.log_label)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.details_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_view, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    def report_text(self) -> str:
        """What "Copy details" puts on the clipboard: summary, log location and details."""
        where = str(self._log_file) if self._log_file is not None else "(no log file)"
        return f"{self._summary}\nLog file: {where}\n\n{self._details}".rstrip() + "\n"

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.copy_button.setText(self.tr("Copied"))

    def _toggle_details(self, shown: bool) -> None:
        self.details_view.setVisible(shown)
        self.details_button.setText(self.tr("Hide details") if shown else self.tr("Show details"))
        self.adjustSize()

    def _open_log_folder(self) -> None:
        if self._log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._log_file.parent)))


def show_crash_dialog(message: tuple[str, str], log_file: Path | None, details: str) -> None:
    """Show the dialog and wait until the user closes it (creates the Qt app if needed)."""
    if QApplication.instance() is None:
        QApplication(sys.argv[:1])
    summary, advice = message
    CrashDialog(summary, advice, log_file, details).exec()


def open_error_dialog(
    message: tuple[str, str], log_file: Path | None, details: str
) -> CrashDialog | None:
    """Open the dialog over the app's window without blocking; one at a time, never a cascade."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    windows = [w for w in app.topLevelWidgets() if w.isVisible()]
    if any(isinstance(w, CrashDialog) for w in windows):
        return None
    summary, advice = message
    if not windows:  # nothing else on screen: wait for the user, as at start
        CrashDialog(summary, advice, log_file, details).exec()
        return None
    # Parented to a visible window so Qt, not a Python reference, keeps it alive until closed.
    dialog = CrashDialog(summary, advice, log_file, details, windows[0])
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
