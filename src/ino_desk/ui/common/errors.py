"""The one way a refused action reaches the screen: next to its field, on a message line or in
a message box, always "Field: what is allowed"; never a traceback to a pharmacist."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.services.store_errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QLabel, QWidget

    from ino_desk.domain.findings import RefusedError
    from ino_desk.ui.common.field_form import FieldForm

T = TypeVar("T")
log = logging.getLogger("ino_desk.ui")


def describe(exc: Exception) -> str:
    """A refusal in words: an `InputError` names its field first ("Weight: 1 to 400 kg"), the
    message carrying the allowed range; a store or rule refusal is its own plain message."""
    if isinstance(exc, InputError):
        return f"{exc.field.capitalize()}: {exc.message}"
    if isinstance(exc, StoreError):
        return exc.message
    return str(exc)


def stop_text(exc: RefusedError) -> str:
    """A refusal no override reason can lift, worded once for every screen that offers an
    override (the plan, the dose day): each stop in one line."""
    return QCoreApplication.translate("errors", "Refused, and no override is possible: {0}").format(
        "; ".join(f.one_line() for f in exc.findings)
    )


def show_refusal(exc: Exception, line: QLabel, form: FieldForm | None = None) -> None:
    """Next to its field, focused, when `form` has that field (the label there names it);
    otherwise on the message `line`, named by `describe`."""
    if form is not None and isinstance(exc, InputError) and form.show_error(exc):
        return
    line.setText(describe(exc))


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
