"""The two words every storage port is written in: a `Change` (who and why) and a
`Repository` of one kind of entity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeVar

from ino_desk.domain.patients.patient import NAME_MAX_LENGTH, required_text

E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class Change:
    """Who makes a change and why; the store stamps the time and writes the audit event."""

    who: str
    reason: str = ""

    def __post_init__(self) -> None:
        required_text(self.who, "who", NAME_MAX_LENGTH)  # an audit event always names a person


class Repository(Protocol[E]):
    """Create, read and update one kind of entity; each write is audited in its transaction."""

    def add(self, entity: E, change: Change) -> E:
        """Store a new entity (its `id` None) and return it with its id."""
        ...

    def get(self, entity_id: int) -> E:
        """The entity, or NotFoundError."""
        ...

    def update(self, entity: E, change: Change) -> E: ...
