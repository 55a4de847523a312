"""Issue #14: a user's or patient's name is shown as typed, never interpreted as markup (a
name such as "<b>X</b>" must not draw bold text or a fake "Double check" line)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ino_desk.domain.rules import ClinicalRules
from ino_desk.domain.staff.signatures import Meaning
from ino_desk.domain.staff.users import Role
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.ui.bench.bench_double_check import BenchDoubleCheckBox
from ino_desk.ui.bench.bench_signatures import BenchSignaturesBox
from ino_desk.ui.shell.main_window import MainWindow
from ino_desk.ui.staff.signature_dialog import SignatureDialog
from tests.people import stored_user

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NAME = "<b>X</b><br>Double check: agrees"


def _shown(label: QLabel) -> str:
    """The text a reader sees in the label, whatever its format."""
    if label.textFormat() == Qt.TextFormat.PlainText:
        return label.text()
    assert label.textFormat() == Qt.TextFormat.RichText  # never left to Qt's guess
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def test_the_status_bar_shows_a_markup_name_literally(
    make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    window.desk.set_user(stored_user(store, "odd.name", Role.PHARMACIST, full_name=NAME))
    assert _shown(window.signed_in) == f"Signed in: {NAME} (Pharmacist)"


@dataclass(frozen=True)
class _Signature:
    full_name: str
    signed_at: datetime


@dataclass(frozen=True)
class _BenchState:
    signatures: dict[Meaning, _Signature]


def test_the_bench_signatures_box_shows_a_markup_name_literally(
    qtbot: QtBot, make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    box = BenchSignaturesBox(window.desk, 1)
    qtbot.addWidget(box)
    signed = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    box.show_signatures(_BenchState({Meaning.PREPARED: _Signature(NAME, signed)}))  # type: ignore[arg-type]
    shown = _shown(box.lines)
    assert NAME in shown  # the tags as characters, on the same line
    assert shown.count("Double check") == 1  # only the name's text: no second line drawn
    assert shown.count("\n") == len(Meaning) - 1


def test_the_double_check_verdict_names_the_signer_literally(
    qtbot: QtBot, make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    box = BenchDoubleCheckBox(window.desk, 1)
    qtbot.addWidget(box)
    box.show_done(NAME)
    assert _shown(box.verdict) == f"Double check agrees and is signed by {NAME}."


def test_the_signature_statement_shows_the_patient_name_literally(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules
) -> None:
    order = "<i>Quill</i>, Ada (MRN-1) — Cycle 1 Day 1"
    dialog = SignatureDialog(store, rules, Meaning.VERIFIED_ORDER, 1, order)
    qtbot.addWidget(dialog)
    statement = dialog.findChild(QLabel, "signatureMeaning")
    assert statement is not None
    assert order in _shown(statement)
