"""Every screen words a refusal the same way (issue 15): an InputError names its field first,
next to the field when the form has it (and the field takes the focus), on the message line
otherwise; a stop no override lifts reads the same on the plan and the dose day."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from ino_desk.domain.errors import DomainError, InputError
from ino_desk.domain.findings import Finding, RefusedError, Severity
from ino_desk.services.store_errors import ConflictError
from ino_desk.ui.common.errors import describe, show_refusal, stop_text
from ino_desk.ui.common.field_form import FieldForm

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_describe_names_the_field_then_what_is_allowed() -> None:
    assert describe(InputError("weight", "1 to 400 kg")) == "Weight: 1 to 400 kg"
    assert describe(ConflictError("MRN-1 is already registered")) == "MRN-1 is already registered"
    assert describe(DomainError("the course is closed")) == "the course is closed"


def _form(qtbot: QtBot) -> tuple[FieldForm, QLineEdit, QLabel]:
    form = FieldForm()
    qtbot.addWidget(form)
    weight = QLineEdit()
    form.add_field("weight", "Weight (kg):", weight, "weight")
    line = QLabel()
    qtbot.addWidget(line)
    form.show()
    return form, weight, line


def test_a_refused_field_is_said_beside_it_and_focused(qtbot: QtBot) -> None:
    form, weight, line = _form(qtbot)
    show_refusal(InputError("Weight", "1 to 400 kg"), line, form)
    assert form.error_text("weight") == "1 to 400 kg"  # the label beside it names the field
    assert line.text() == ""
    qtbot.waitUntil(weight.hasFocus)


def test_a_refusal_without_a_field_here_goes_to_the_line_named(qtbot: QtBot) -> None:
    form, _weight, line = _form(qtbot)
    show_refusal(InputError("signed-in user", "sign in before saving"), line, form)
    assert line.text() == "Signed-in user: sign in before saving"
    assert form.error_text("weight") == ""
    show_refusal(ConflictError("the record changed meanwhile"), line, form)
    assert line.text() == "the record changed meanwhile"


def test_a_stop_is_worded_once_with_each_finding_on_one_line() -> None:
    stop = Finding("VOD_DIAGNOSED", Severity.STOP, "VOD/SOS   diagnosed", "PI 2.5")
    other = Finding("DOSE_GIVEN", Severity.STOP, "already given")
    assert stop_text(RefusedError([stop, other])) == (
        "Refused, and no override is possible: "
        "VOD_DIAGNOSED (PI 2.5): VOD/SOS diagnosed; DOSE_GIVEN: already given"
    )
