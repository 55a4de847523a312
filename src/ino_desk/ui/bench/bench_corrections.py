"""The bench's corrections: a vial or a Reconstituted/Diluted time of the bag being made,
marked entered in error with a reason (the screen names which one and asks to confirm)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QPushButton, QWidget

from ino_desk.domain.staff.users import Permission
from ino_desk.services.charts.corrections import mark_bench_time_in_error, mark_vial_in_error
from ino_desk.ui.common.entered_in_error import EnteredInErrorDialog
from ino_desk.ui.common.rights import gate

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ino_desk.domain.bench.bench_marks import BenchMark
    from ino_desk.domain.bench.vial_records import VialUse
    from ino_desk.services.preparing.bench import BenchDose
    from ino_desk.ui.common.desk import Desk


def vial_line(v: VialUse) -> str:
    """One recorded vial as rich text; one entered in error is struck through."""
    text = escape(
        f"{v.lot} exp {v.expiry.isoformat()}"
        + (f" serial {v.serial}" if v.serial else "")
        + (f" (by hand: {v.manual_reason})" if v.manual_reason else "")
    )
    if v.entered_in_error is None:
        return text
    return f"<s>{text}</s> {escape(v.entered_in_error.note)}"


def _vial_name(v: VialUse) -> str:
    return f"vial lot {v.lot} exp {v.expiry.isoformat()}" + (
        f" serial {v.serial}" if v.serial else ""
    )


def _mark_name(m: BenchMark) -> str:
    return f"\u201c{m.event.value}\u201d pressed at {m.at.astimezone():%H:%M:%S}"


class BenchCorrections(QWidget):
    """Two buttons; each asks which record (when there is a choice), then confirms it by name."""

    def __init__(self, desk: Desk, run: Callable[[Callable[[], object]], bool]) -> None:
        super().__init__()
        self.desk, self.run = desk, run
        self.vials: tuple[VialUse, ...] = ()
        self.marks: tuple[BenchMark, ...] = ()
        # Which of several to correct; tests replace it.
        self.choose: Callable[[str, list[str]], int | None] = self._choose
        self.confirm_reason: Callable[[str], str | None] = self._reason
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.vial_button = self._button(self.tr("Vial entered in error…"), "vialInError")
        self.vial_button.clicked.connect(self.correct_vial)
        self.mark_button = self._button(self.tr("Time entered in error…"), "benchTimeInError")
        self.mark_button.clicked.connect(self.correct_time)
        gate(desk, Permission.MARK_ENTERED_IN_ERROR, self.vial_button, self.mark_button)
        layout.addWidget(self.vial_button)
        layout.addWidget(self.mark_button)
        layout.addStretch(1)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setAutoDefault(False)  # a scanner's Enter never reaches it
        return button

    def show_state(self, state: BenchDose) -> None:
        self.vials = () if state.preparations else state.vials_in_force
        self.marks = state.open_marks
        self.vial_button.setEnabled(bool(self.vials))
        self.mark_button.setEnabled(bool(self.marks))

    def _choose(self, what: str, names: list[str]) -> int | None:
        picked, ok = QInputDialog.getItem(self, what, what, names, 0, False)
        return names.index(picked) if ok and picked in names else None

    def _reason(self, name: str) -> str | None:
        dialog = EnteredInErrorDialog(name, self)
        try:
            accepted = dialog.exec() == EnteredInErrorDialog.DialogCode.Accepted
            return dialog.reason.text() if accepted else None
        finally:
            dialog.deleteLater()

    def _pick(self, what: str, names: Sequence[str]) -> int | None:
        return 0 if len(names) == 1 else self.choose(what, list(names))

    def correct_vial(self) -> None:
        index = self._pick(self.tr("Which vial?"), [_vial_name(v) for v in self.vials])
        if index is None:
            return
        vial = self.vials[index]
        reason = self.confirm_reason(_vial_name(vial))
        if reason is not None:
            self.run(
                lambda: mark_vial_in_error(self.desk.store, vial.id or 0, reason, self.desk.who())
            )

    def correct_time(self) -> None:
        index = self._pick(self.tr("Which time?"), [_mark_name(m) for m in self.marks])
        if index is None:
            return
        mark = self.marks[index]
        reason = self.confirm_reason(_mark_name(mark))
        if reason is not None:
            self.run(
                lambda: mark_bench_time_in_error(
                    self.desk.store, mark.id or 0, reason, self.desk.who()
                )
            )
