"""Print preview of a stored cycle's order sheet and a dose's bag label (pytest-qt, offscreen)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pypdf
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from ino_desk.domain.printed.bag_label import BagLabel
from ino_desk.domain.records import DocumentKind
from ino_desk.pdf.render import PdfRenderer
from ino_desk.services.paperwork.bag_label_documents import prepare_bag_label
from ino_desk.services.paperwork.cycle_documents import prepare_order_sheet
from ino_desk.ui.common.desk import Desk
from ino_desk.ui.documents.document_preview import DocumentPreviewDialog
from ino_desk.ui.shell import document_printing
from ino_desk.ui.shell.application import build_window, label_placeholder
from ino_desk.ui.shell.document_printing import NOTHING_TO_PRINT
from tests.people import pharmacist
from tests.persistence.factories import first_cycle

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from ino_desk.domain.records import DocumentRecord
    from ino_desk.domain.rules import ClinicalRules
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.services.planning.cycles import SavedCycle

WHO = "pharm.a"


DAY1_MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # first_cycle's Day 1, 09:00 UTC


def _text(data: bytes) -> str:
    return " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def _records(store: SqlStore, cycle_id: int) -> list[DocumentRecord]:
    kind = DocumentKind.ORDER_SHEET.value
    return store.read(lambda uow: uow.documents.printed(kind, None, cycle_id))


@pytest.fixture
def saved(store: SqlStore, rules: ClinicalRules) -> SavedCycle:
    return first_cycle(store, rules)


def _sheet_dialog(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules, cycle_id: int
) -> DocumentPreviewDialog:
    desk = Desk(rules, store, "desk.sqlite3", pharmacist(store, WHO), renderer=PdfRenderer())
    dialog = DocumentPreviewDialog(
        desk,
        PdfRenderer(),
        lambda: prepare_order_sheet(store, rules, cycle_id, datetime.now(UTC)),
    )
    qtbot.addWidget(dialog)
    return dialog


def test_save_writes_the_pdf_records_the_issue_then_reprints(
    qtbot: QtBot,
    store: SqlStore,
    rules: ClinicalRules,
    saved: SavedCycle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cycle_id = saved.cycle.id or 0
    dialog = _sheet_dialog(qtbot, store, rules, cycle_id)
    assert dialog.page_count > 0
    assert dialog.save_button.isEnabled()
    assert "Not issued yet" in dialog.message.text()
    targets = iter([tmp_path / "first.pdf", tmp_path / "again.pdf"])
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(next(targets)), "PDF (*.pdf)")
    )
    dialog.save_button.click()
    first = (tmp_path / "first.pdf").read_bytes()
    assert first.startswith(b"%PDF")
    assert "MRN-1001" in _text(first)
    assert "REPRINT" not in _text(first)
    records = _records(store, cycle_id)
    assert [(r.printed_by, r.reprint) for r in records] == [(WHO, False)]
    assert records[0].content_sha256 == dialog.prepared.document.content_hash  # type: ignore[union-attr]
    assert "REPRINT" in dialog.message.text()

    dialog.save_button.click()
    assert "REPRINT" in _text((tmp_path / "again.pdf").read_bytes())
    assert [r.reprint for r in _records(store, cycle_id)] == [True, False]  # newest first


def test_cancelled_save_records_nothing(
    qtbot: QtBot,
    store: SqlStore,
    rules: ClinicalRules,
    saved: SavedCycle,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _sheet_dialog(qtbot, store, rules, saved.cycle.id or 0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    dialog.save_button.click()
    assert _records(store, saved.cycle.id or 0) == []


def test_printing_paints_every_page_and_records(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules, saved: SavedCycle, tmp_path: Path
) -> None:
    dialog = _sheet_dialog(qtbot, store, rules, saved.cycle.id or 0)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.print_to(printer)
    assert len(pypdf.PdfReader(out).pages) == dialog.page_count
    assert [r.reprint for r in _records(store, saved.cycle.id or 0)] == [False]


def test_a_refused_label_shows_the_reason_instead_of_a_preview(
    qtbot: QtBot, store: SqlStore, rules: ClinicalRules, saved: SavedCycle
) -> None:
    dose_id = saved.doses[0].id or 0
    desk = Desk(rules, store, "desk.sqlite3", pharmacist(store, WHO), renderer=PdfRenderer())
    dialog = DocumentPreviewDialog(
        desk,
        PdfRenderer(),
        lambda: prepare_bag_label(store, rules, dose_id, DAY1_MORNING),
    )
    qtbot.addWidget(dialog)
    assert "cannot be printed: no preparation is recorded for Day 1" in dialog.message.text()
    assert dialog.page_count == 0
    assert not dialog.print_button.isEnabled()
    assert not dialog.save_button.isEnabled()


def test_ctrl_p_on_the_plan_tab_previews_the_latest_cycle(
    qtbot: QtBot,
    store: SqlStore,
    rules: ClinicalRules,
    saved: SavedCycle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = build_window(rules, store, "desk.sqlite3", settings, label_placeholder, PdfRenderer())
    qtbot.addWidget(window)
    opened: list[DocumentPreviewDialog] = []

    def fake_exec(self: DocumentPreviewDialog) -> int:
        opened.append(self)
        return 0

    monkeypatch.setattr(DocumentPreviewDialog, "exec", fake_exec)
    assert window.print_action.isEnabled()
    window.print_action.trigger()  # no patient open yet
    assert not opened
    assert window.statusBar().currentMessage() == NOTHING_TO_PRINT
    page = window.patient_page
    page.open_patient(store.read(lambda uow: uow.courses.get(saved.cycle.course_id).patient_id))
    page.show_view(page.plan)
    window.print_action.trigger()
    assert len(opened) == 1
    assert opened[0].page_count > 0
    assert "cycle 1 order sheet" in opened[0].windowTitle().casefold()


def test_ctrl_p_on_the_dose_day_asks_the_reconstitution_time_then_previews_the_label(
    qtbot: QtBot,
    store: SqlStore,
    rules: ClinicalRules,
    saved: SavedCycle,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = build_window(rules, store, "desk.sqlite3", settings, label_placeholder, PdfRenderer())
    window.desk.clock = lambda: DAY1_MORNING  # a bag is labelled on its dose's own day
    qtbot.addWidget(window)
    opened: list[DocumentPreviewDialog] = []
    monkeypatch.setattr(DocumentPreviewDialog, "exec", lambda self: opened.append(self) or 0)
    asked: list[object] = []
    at = DAY1_MORNING - timedelta(minutes=30)

    def ask(parent: object) -> datetime | None:
        asked.append(parent)
        return at if len(asked) == 1 else None  # the second time the user cancels

    monkeypatch.setattr(document_printing, "ask_reconstitution_time", ask)
    page = window.patient_page
    page.open_patient(store.read(lambda uow: uow.courses.get(saved.cycle.course_id).patient_id))
    page.dose_day.select_dose(saved.doses[0].id or 0)
    page.show_view(page.dose_day)
    window.print_action.trigger()
    assert asked == [window]
    label = opened[0].prepared.document  # type: ignore[union-attr]
    assert isinstance(label, BagLabel)
    assert label.reconstituted_at == at
    assert label.complete_by == at + timedelta(hours=8)  # PI 2.4: 8 h to end of infusion
    assert opened[0].page_count == 1
    window.print_action.trigger()
    assert "cannot be printed: no preparation is recorded" in opened[1].message.text()
