"""Idle lock (HIPAA automatic logoff): after N quiet minutes patient data is hidden.

Any key or mouse input restarts the countdown. When it runs out the window's content and every
open dialog are hidden behind a lock panel; only a sign-in shows them again. The same user
gets everything back as it was; another user must first choose to discard the open work, so
nothing unsaved is ever saved under the wrong name.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.staff.sign_in_policy import DEFAULT_IDLE_LOCK_MINUTES
from ino_desk.services.staff.sign_in import record_screen_lock, sign_out
from ino_desk.services.staff.users import needs_first_administrator
from ino_desk.ui.common.typing_compat import override
from ino_desk.ui.staff.first_admin_dialog import FirstAdminDialog
from ino_desk.ui.staff.sign_in_dialog import SignInDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.store import Store

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class LockPanel(QWidget):
    """What a locked window shows instead of patient data."""

    unlockRequested = Signal()  # noqa: N815 - Qt signal naming
    labelRequested = Signal()  # noqa: N815

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lockPanel")
        self.message = QLabel()
        self.message.setObjectName("lockMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # names the user
        button = QPushButton(self.tr("Sign in to continue"))
        button.setObjectName("unlockButton")
        button.clicked.connect(self.unlockRequested)
        label = QPushButton(self.tr("Read the label (no sign-in needed)"))
        label.setObjectName("labelWithoutSignIn")
        label.clicked.connect(self.labelRequested)
        box = QWidget()
        box.setMaximumWidth(420)
        column = QVBoxLayout(box)
        column.addWidget(self.message)
        column.addWidget(button)
        column.addWidget(label)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)


class IdleLock(QObject):
    """Watches input for one main window; `user` is who is signed in.

    Built with `user=None` the window starts locked: nobody has signed in yet.
    """

    locked = Signal()
    userChanged = Signal(object)  # noqa: N815 - the new User, after another user unlocked
    signedOut = Signal()  # noqa: N815 - nobody is signed in any more

    def __init__(
        self,
        window: QMainWindow,
        store: Store,
        user: User | None,
        minutes: int = DEFAULT_IDLE_LOCK_MINUTES,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self.user = user
        self.is_locked = False
        self._hidden: list[QWidget] = []
        self._content: QWidget | None = None
        self._disabled: list[QAction] = []
        self.panel = LockPanel()
        self.panel.unlockRequested.connect(self.ask_unlock)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if user is None:
            self.lock()

    def set_minutes(self, minutes: int) -> None:
        if minutes < 1:
            raise ValueError("idle lock minutes: must be at least 1")
        self.timer.setInterval(minutes * 60_000)
        if not self.is_locked:
            self.timer.start()

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only input from the window system counts: Qt's own synthetic events (a mouse move
        # sent when widgets change under a still cursor) must not keep the screen unlocked.
        if not self.is_locked and event.type() in _ACTIVITY and event.spontaneous():
            self.timer.start()  # restarts the countdown
        return False

    def lock(self) -> None:
        if self.is_locked:
            return
        self.is_locked = True
        self.timer.stop()
        self._hidden = [
            w
            for w in QApplication.topLevelWidgets()
            if w is not self._window and w.isVisible() and isinstance(w, QDialog)
        ]
        for widget in self._hidden:
            widget.hide()
        self._content = self._window.takeCentralWidget()
        if self._content is not None:
            self._content.hide()
        # Menu shortcuts (new patient, find) must not act behind the lock under this name.
        self._disabled = [a for a in self._window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        self._window.setCentralWidget(self.panel)
        self.panel.show()
        if self.user is None:
            self.panel.message.setText(self.tr("Sign in to see patient data."))
        else:
            self.panel.message.setText(
                self.tr("Locked after inactivity. {0} or another user must sign in.").format(
                    self.user.full_name
                )
            )
            record_screen_lock(self._store, self.user)
        self.locked.emit()

    def sign_out(self) -> bool:
        """Lock and forget who was signed in: the next person signs in afresh. Windows with
        open work close, after the person signing out agreed (their stored work stays)."""
        if self.user is None:
            return True
        if not self.is_locked:
            work = [
                w
                for w in QApplication.topLevelWidgets()
                if w is not self._window and w.isVisible() and isinstance(w, QDialog)
            ]
            if work and not self._agree_to_close(len(work)):
                return False
        self.lock()
        for widget in self._hidden:
            if isinstance(widget, QDialog):
                widget.reject()
            widget.close()
        self._hidden = []
        sign_out(self._store, self.user)  # recorded, as sign-ins and locks are
        self.user = None
        self.panel.message.setText(self.tr("Signed out. Sign in to see patient data."))
        self.signedOut.emit()
        return True

    def switch_user(self) -> None:
        """Sign out, then ask the next person to sign in at once."""
        if self.sign_out():
            self.ask_unlock()

    def _agree_to_close(self, count: int) -> bool:
        answer = QMessageBox.question(
            self._window,
            self.tr("Sign out?"),
            self.tr(
                "{0} window(s) with open work will close. What was saved stays saved. Sign "
                "out anyway?"
            ).format(count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_unlock(self) -> None:
        # A closing window (quit, SIGTERM) must not open a dialog that keeps the app alive.
        if not self._window.isVisible():
            return
        if self.user is None and needs_first_administrator(self._store):
            first = FirstAdminDialog(self._store, self._window)
            if first.exec() != QDialog.DialogCode.Accepted or not self._window.isVisible():
                return
        dialog = SignInDialog(
            self._store,
            self._window,
            prompt=self.tr("Sign in to continue.") if self.user else None,
            username=self.user.username if self.user else "",
            unlocking=self.user is not None,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.user is not None:
            self.unlock_as(dialog.user)

    def unlock_as(self, user: User) -> bool:
        """Shows the data again; for another user open work is discarded only if they agree."""
        before = self.user
        if before is not None and user.id != before.id and self._hidden:
            answer = QMessageBox.question(
                self._window,
                self.tr("Discard open work?"),
                # Always rich text with the names escaped: a name is never markup.
                self.tr(
                    "<p>{0} left {1} window(s) open with work that may not be saved. Discard "
                    "it and continue as {2}?</p>"
                ).format(escape(before.full_name), len(self._hidden), escape(user.full_name)),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return False
            for widget in self._hidden:
                if isinstance(widget, QDialog):
                    widget.reject()
                widget.close()
            self._hidden = []
        self._window.takeCentralWidget()
        self.panel.hide()
        self.panel.setParent(None)
        if self._content is not None:
            self._window.setCentralWidget(self._content)
            self._content.show()
        for widget in self._hidden:
            widget.show()
        for action in self._disabled:
            action.setEnabled(True)
        self._hidden, self._content, self._disabled = [], None, []
        self.is_locked = False
        changed = before is None or user.id != before.id
        self.user = user
        self.timer.start()
        if changed:
            self.userChanged.emit(user)
        return True
