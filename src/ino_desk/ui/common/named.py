"""A control's stable object name (tests and the accessibility check find it by it) and the
name a screen reader says, set together."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound="QWidget")


def named(widget: W, object_name: str, accessible: str) -> W:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    return widget
