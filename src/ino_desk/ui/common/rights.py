"""What the signed-in user may do, shown on the controls: a control whose act the user's role
lacks the `Permission` for is disabled, its tooltip saying why in the domain's own words.

The services still refuse (`User.require`); this only stops offering what they would refuse.
A screen keeps enabling and disabling its controls for its own reasons (no dose chosen, a bag
already saved): the gate turns off whatever the screen turns on for a user without the right,
and a screen whose controls depend on its own state runs its enabling again on
`Desk.userChanged`, connected after its gates, so a newly permitted user gets exactly what
the state allows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

from ino_desk.ui.common.typing_compat import override

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ino_desk.domain.staff.users import Permission, User
    from ino_desk.ui.common.desk import Desk

_GATE_NAME = "rightsGate"


def why_not(user: User, permission: Permission) -> str:
    """The same words the service's refusal uses: role, then the act it may not do."""
    return QCoreApplication.translate("Rights", "Not for {0}: may not {1}").format(
        user.role.display_name, permission.value
    )


class RightsGate(QObject):
    """Keeps one control disabled while the desk's user lacks its permission."""

    def __init__(self, desk: Desk, control: QWidget | QAction, permission: Permission) -> None:
        super().__init__(control)
        self.setObjectName(_GATE_NAME)
        self.desk, self.control, self.permission = desk, control, permission
        self._wanted = _wanted(control)  # what the screen itself asks for
        self._own_tip = control.toolTip()
        self._applying = False
        if isinstance(control, QWidget):
            control.installEventFilter(self)
        desk.userChanged.connect(self.apply)
        self.apply(desk.user)

    def allowed(self) -> bool:
        user = self.desk.user
        return user is None or user.can(self.permission)  # nobody signed in: the lock covers all

    def apply(self, _user: object = None) -> None:
        user = self.desk.user
        self._applying = True
        try:
            if self.allowed():
                self.control.setEnabled(self._wanted)
                self.control.setToolTip(self._own_tip)
            else:
                assert user is not None
                self.control.setEnabled(False)
                self.control.setToolTip(why_not(user, self.permission))
        finally:
            self._applying = False

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._applying or not isinstance(watched, QWidget):
            return False
        kind = event.type()
        if kind == QEvent.Type.EnabledChange:
            self._wanted = _wanted(watched)
            if self._wanted and not self.allowed():
                self.apply()
        elif kind == QEvent.Type.ToolTipChange:
            user = self.desk.user
            if self.allowed() or user is None:
                self._own_tip = watched.toolTip()
            elif watched.toolTip() != why_not(user, self.permission):
                self._own_tip = watched.toolTip()  # the screen's own hint, kept for later
                self.apply()
        return False


def _wanted(control: QWidget | QAction) -> bool:
    """Whether the control itself is enabled, leaving aside a disabled parent (Qt marks a
    control disabled on its own with WA_ForceDisabled, by its parent with WA_Disabled only)."""
    if isinstance(control, QWidget):
        return not control.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
    return control.isEnabled()


def gate(desk: Desk, permission: Permission, *controls: QWidget | QAction) -> None:
    """Offer each control only to users whose role has `permission`."""
    for control in controls:
        RightsGate(desk, control, permission)


def offer(user: User, permission: Permission, *controls: QWidget) -> None:
    """For a dialog that acts for the one user who opened it: set once, no gate needed."""
    for control in controls:
        if not user.can(permission):
            control.setEnabled(False)
            control.setToolTip(why_not(user, permission))
