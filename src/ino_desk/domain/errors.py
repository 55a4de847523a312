"""Errors the domain raises; each names what the user must correct."""

from __future__ import annotations


class DomainError(Exception):
    """A clinical rule refused an operation."""


class InputError(DomainError):
    """A value typed by a user is not acceptable; `field` names where it came from."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class ScheduleError(InputError):
    """A dose date breaks its window or the minimum spacing between doses."""
