"""Ports of the laboratory interface: the kept messages and the site's code table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ino_desk.domain.patients.lab_messages import LabMessage
    from ino_desk.domain.patients.lab_units import LabCode
    from ino_desk.services.ports.change import Change


class LabMessageRepository(Protocol):
    def add(self, entity: LabMessage, change: Change) -> LabMessage: ...

    def get(self, entity_id: int) -> LabMessage: ...

    def update(self, entity: LabMessage, change: Change) -> LabMessage: ...

    def in_review(self) -> list[LabMessage]:
        """Messages waiting for a pharmacist, oldest first."""
        ...

    def recent(self, limit: int) -> list[LabMessage]:
        """The last `limit` messages received, newest first."""
        ...

    def already_kept(self, control_id: str, sending_facility: str) -> bool:
        """Whether this facility's message with this control id was kept before (a resend)."""
        ...


class LabCodeRepository(Protocol):
    def add(self, entity: LabCode, change: Change) -> LabCode: ...

    def update(self, entity: LabCode, change: Change) -> LabCode: ...

    def all(self) -> list[LabCode]:
        """In code order."""
        ...
