"""Pre-dose and premedication checklist of one dose: tick an item, see who ticked it and when."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.staff.users import Permission
from ino_desk.services.charts.corrections import mark_tick_in_error
from ino_desk.services.planning.dose_day import checklist_state, record_premedication
from ino_desk.services.preparing.checklist_store import complete_checklist_item
from ino_desk.ui.common.check_title import CheckTitle
from ino_desk.ui.common.entered_in_error import offer_on_widget
from ino_desk.ui.common.errors import attempt
from ino_desk.ui.common.palette import colours_for, text_style
from ino_desk.ui.common.rights import gate
from ino_desk.ui.dose_day.premedication_dialog import PremedicationDialog

if TYPE_CHECKING:
    from collections.abc import Callable

    from ino_desk.domain.cycles.checklist import ChecklistItem
    from ino_desk.domain.records import ChecklistCompletion
    from ino_desk.services.planning.dose_day import ChecklistState, PremedicationGiven
    from ino_desk.ui.common.desk import Desk
    from ino_desk.ui.common.entered_in_error import Target


class ChecklistWidget(QGroupBox):
    """Items come from the domain for this cycle and day; each tick is saved at once."""

    ticked = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("ChecklistWidget", "Pre-dose checklist"), parent
        )
        self.setObjectName("checklist")
        self.desk = desk
        self.dose_id: int | None = None
        self.state: ChecklistState | None = None
        self.boxes: dict[str, QCheckBox] = {}
        self.titles: dict[str, CheckTitle] = {}  # the item's text, wrapped beside its box
        self.notes: dict[str, QLabel] = {}  # who ticked, when, and what was given
        # Asks drug, dose, route and time for a premedication item; tests replace it.
        self.ask_premedication: Callable[[str], PremedicationGiven | None] = self._ask
        self.premedication = QLabel()
        self.premedication.setObjectName("checklistPremedicationTemplate")
        self.premedication.setWordWrap(True)
        self.missing = QLabel()
        self.missing.setObjectName("checklistMissing")
        self.missing.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.premedication)
        self._scroll = QScrollArea()
        self._scroll.setObjectName("checklistScroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.missing)
        layout.addWidget(self._scroll, 1)

    def set_dose(self, dose_id: int | None, premedication_template: str) -> None:
        self.dose_id = dose_id
        template = premedication_template.strip() or self.tr("not set (Settings → Premedication)")
        self.premedication.setText(
            self.tr("<b>Site premedication template</b> (site policy, not label text): {0}").format(
                escape(template)
            )
        )
        self.reload()

    def _show_rows(self, host: QWidget) -> None:
        """Put a new host of rows in the scroll area; the old one is deleted later, safely.

        reload() runs inside a box's own toggled handler (after the premedication dialog, or
        via ticked → patientDataChanged → set_dose). QScrollArea.setWidget deletes the old
        host at once, box included, and Qt then returns into that deleted box's mouse or key
        handler: a segmentation fault. Taking the old host out and deleting it once control is
        back in the event loop keeps the box alive until its handler has returned.
        """
        old = self._scroll.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        self._scroll.setWidget(host)

    def reload(self) -> None:
        # A fresh host each time: no stale rows, and the layout measures every row anew, so
        # nothing overlaps on a small screen.
        host = QWidget()
        rows = QGridLayout(host)
        rows.setVerticalSpacing(0)
        rows.setColumnStretch(1, 1)
        self.boxes = {}
        self.titles = {}
        self.notes = {}
        self.state = None
        if self.dose_id is None:
            self._show_rows(host)
            self.missing.setText(self.tr("Choose a dose to see its checklist."))
            return
        dose_id = self.dose_id
        state = attempt(
            self,
            self.tr("Checklist"),
            lambda: checklist_state(self.desk.store, self.desk.rules, dose_id),
        )
        if state is None:
            self._show_rows(host)
            return
        self.state = state
        for entry in state.items:
            box = QCheckBox()
            box.setToolTip(entry.source)
            box.setObjectName(f"check_{entry.key}")
            gate(self.desk, Permission.TICK_CHECKLIST, box)
            box.setAccessibleName(entry.title)
            tick = state.ticks.get(entry.key)
            done = QLabel(f"[{entry.source}]")
            done.setObjectName(f"check_{entry.key}_by")
            done.setTextFormat(Qt.TextFormat.PlainText)
            # The note does not wrap (the premedication details take their own line and the
            # area scrolls); the title wraps, beside its box, so a long item is read whole.
            title = CheckTitle(entry.title, box)
            title.setObjectName(f"check_{entry.key}_title")
            title.setToolTip(entry.source)
            if tick is not None:
                box.setChecked(True)
                # A tick is a signed record; it is never taken back, yet stays readable.
                box.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                local = tick.completed_at.astimezone()
                text = f"[{entry.source}] ✓ {tick.completed_by}, {local:%Y-%m-%d %H:%M}"
                if tick.premed_given_at is not None:
                    given = tick.premed_given_at.astimezone()
                    text += (
                        f"\n{tick.premed_drug} {tick.premed_dose} {tick.premed_route}, "
                        f"given {given:%Y-%m-%d %H:%M}"
                    )
                done.setText(text)
                offer_on_widget(done, self._tick_target(entry.title, tick), self._corrected)
            box.toggled.connect(lambda on, e=entry: self._tick(e) if on else None)
            self.boxes[entry.key] = box
            self.titles[entry.key] = title
            self.notes[entry.key] = done
            done.setContentsMargins(0, 0, 0, 6)
            done.setStyleSheet(text_style(colours_for(self).muted))
            row = rows.rowCount()
            rows.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            rows.addWidget(title, row, 1)
            rows.addWidget(done, row + 1, 1)
        rows.setRowStretch(rows.rowCount(), 1)
        self._show_rows(host)  # once filled, so the area sizes it from its rows
        missing = state.missing
        if missing:
            self.missing.setText(
                self.tr(
                    "<span style='color:{0}'><b>Checklist incomplete:</b> {1} of {2} items "
                    "missing.</span>"
                ).format(colours_for(self).blocking, len(missing), len(state.items))
            )
        else:
            self.missing.setText(self.tr("<b>Checklist complete.</b>"))

    def _tick_target(self, title: str, tick: ChecklistCompletion) -> Target:
        tick_id = tick.id or 0
        return (
            self.tr("the tick of \u201c{0}\u201d by {1}").format(title, tick.completed_by),
            lambda reason: mark_tick_in_error(self.desk.store, tick_id, reason, self.desk.who()),
        )

    def _corrected(self) -> None:
        self.reload()
        self.ticked.emit("")  # the dose's findings change: the item is open again

    def _ask(self, title: str) -> PremedicationGiven | None:
        dialog = PremedicationDialog(self.desk, title, self)
        try:
            return dialog.given if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()  # one dialog per tick; do not keep them all until closing

    def _tick(self, item: ChecklistItem) -> None:
        dose_id = self.dose_id
        if dose_id is None:
            return
        if item.is_premedication:
            given = self.ask_premedication(item.title)
            if given is None:  # cancelled: the item stays open
                self.reload()
                return

            def action() -> None:
                record_premedication(
                    self.desk.store, dose_id, item.key, item.title, given, self.desk.who()
                )

        else:

            def action() -> None:
                complete_checklist_item(self.desk.store, dose_id, item.key, self.desk.who())

        attempt(self, self.tr("Checklist"), action)
        self.reload()
        self.ticked.emit(item.key)
