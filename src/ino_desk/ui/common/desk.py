"""What every screen is given: the label's rules, the store, the signed-in user, change signals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ino_desk.domain.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.domain.staff.users import User
    from ino_desk.services.ports.documents import DocumentRenderer
    from ino_desk.services.ports.store import Store


class Desk(QObject):
    """Passed to each screen (no global state); its signals say what changed, in past tense."""

    patientSaved = Signal(int)  # noqa: N815 - Qt signal naming
    patientDataChanged = Signal(int)  # noqa: N815
    dosesChanged = Signal()  # noqa: N815
    settingsChanged = Signal()  # noqa: N815
    userChanged = Signal(object)  # noqa: N815 - the User now signed in, or None

    def __init__(
        self,
        rules: ClinicalRules,
        store: Store,
        database_label: str,
        user: User | None = None,
        renderer: DocumentRenderer | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__()
        # One clock for every screen: a dose is given and its bag made on its own (local)
        # day, documents are stamped with it. Tests pass a fixed moment.
        self.clock = clock
        self.rules = rules
        self.store = store
        self.renderer = renderer  # None: this desk cannot print (e.g. some tests)
        self.database_label = database_label
        self._user = user

    def today(self) -> date:
        """The workstation's calendar day."""
        return self.clock().astimezone().date()

    @property
    def user(self) -> User | None:
        return self._user

    def set_user(self, user: User | None) -> None:
        if user != self._user:
            self._user = user
            self.userChanged.emit(user)

    def who(self) -> User:
        """The signed-in user every change is recorded under; the services check their rights."""
        if self._user is None:
            raise InputError("signed-in user", "sign in before saving")
        return self._user
