"""Turn a refused action into a plain message box; never show a traceback to a pharmacist."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.services.store_errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

T = TypeVar("T")
log = logging.getLogger("ino_desk.ui")


def describe(exc: Exception) -> str:
    if isinstance(exc, InputError):
        return f"{exc.field.capitalize()}: {exc.message}"
    if isinstance(exc, StoreError):
        return exc.message
    return str(exc)


def attempt(parent: QWidget, title: str, action: Callable[[], T]) -> T | None:
    """Run one user action; a refusal becomes a message naming what to correct."""
    try:
        return action()
    except (DomainError, StoreError) as exc:
        QMessageBox.warning(parent, title, describe(exc))
    except Exception:  # a bug must not lose the window, and must reach the log
        log.exception("%s failed", title)
        QMessageBox.critical(
            parent,
            title,
            QCoreApplication.translate(
                "errors", "An unexpected error stopped this action; nothing was changed."
            ),
        )
    return None
