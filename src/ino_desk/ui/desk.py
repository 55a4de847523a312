"""What every screen is given: the label's rules, the store, the pharmacist, change signals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ino_desk.domain.errors import InputError

if TYPE_CHECKING:
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.services.ports import Store
    from ino_desk.services.ports_documents import DocumentRenderer


class Desk(QObject):
    """Passed to each screen (no global state); its signals say what changed, in past tense."""

    patientSaved = Signal(int)  # noqa: N815 - Qt signal naming
    patientDataChanged = Signal(int)  # noqa: N815
    dosesChanged = Signal()  # noqa: N815
    settingsChanged = Signal()  # noqa: N815
    pharmacistChanged = Signal(str)  # noqa: N815

    def __init__(
        self,
        rules: ClinicalRules,
        store: Store,
        database_label: str,
        pharmacist: str = "",
        renderer: DocumentRenderer | None = None,
    ) -> None:
        super().__init__()
        self.rules = rules
        self.store = store
        self.renderer = renderer  # None: this desk cannot print (e.g. some tests)
        self.database_label = database_label
        self._pharmacist = pharmacist.strip()

    @property
    def pharmacist(self) -> str:
        return self._pharmacist

    def set_pharmacist(self, name: str) -> None:
        name = name.strip()
        if name != self._pharmacist:
            self._pharmacist = name
            self.pharmacistChanged.emit(name)

    def who(self) -> str:
        """The name recorded with a change; refuses to record a change by nobody."""
        if not self._pharmacist:
            raise InputError(
                "current pharmacist", "choose who you are in the status bar before saving"
            )
        return self._pharmacist
