"""Preview a stored cycle's order sheet or a dose's bag label, then print it or save it as PDF.

The issue is recorded (who, when, content hash) only once the document was printed or saved;
after that, printing again from the same preview is marked and recorded as a reprint.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ino_desk.domain.errors import DomainError
from ino_desk.domain.printed.documents import DocumentRefusedError, OrderSheet
from ino_desk.domain.staff.users import Permission
from ino_desk.safe_files import OutputFileError, StagedFile
from ino_desk.services.paperwork.cycle_documents import issue
from ino_desk.services.store_errors import StoreError
from ino_desk.ui.common.errors import describe
from ino_desk.ui.common.rights import gate
from ino_desk.ui.common.window_memory import fit_to_screen

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QPagedPaintDevice
    from PySide6.QtPdf import QPdfDocument

    from ino_desk.services.paperwork.cycle_documents import PreparedDocument
    from ino_desk.services.ports.documents import DocumentRenderer
    from ino_desk.ui.common.desk import Desk

PRINT_DPI = 300  # pages are rasterised at the printer's resolution, capped here


class DocumentPreviewDialog(QDialog):
    """Shows the PDF exactly as it will print, or the reason it may not be printed."""

    def __init__(
        self,
        desk: Desk,
        renderer: DocumentRenderer,
        prepare: Callable[[], PreparedDocument],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentPreview")
        self.desk = desk
        self.renderer = renderer
        self.prepared: PreparedDocument | None = None
        self.issued = False  # this dialog has printed or saved it once already
        self.pdf_bytes = b""
        self.pdf: QPdfDocument | None = None
        self._buffer: QBuffer | None = None
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setObjectName("previewPrint")
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setObjectName("previewSave")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        gate(desk, Permission.PRINT_DOCUMENTS, self.print_button, self.save_button)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        try:
            self.prepared = prepare()
        except (DocumentRefusedError, DomainError, StoreError) as exc:
            self._refuse(exc)
        if self.prepared is not None:
            self.setWindowTitle(self.tr("Preview: {0}").format(self.prepared.title))
            layout.addWidget(self._viewer(), 1)
            self._show_state()
        layout.addWidget(buttons)
        fit_to_screen(self, 860, 900)  # a preview never taller than the screen

    # ------------------------------------------------------------------ building

    def _refuse(self, exc: Exception) -> None:
        reason = exc.reason if isinstance(exc, DocumentRefusedError) else describe(exc)
        self.setWindowTitle(self.tr("Document refused"))
        self.message.setText(self.tr("This document cannot be printed: {0}").format(reason))
        self.message.setStyleSheet("font-weight: bold;")
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def _render(self) -> bytes:
        assert self.prepared is not None
        doc, reprint = self.prepared.document, self.prepared.reprint
        if isinstance(doc, OrderSheet):
            return self.renderer.order_sheet(doc, reprint=reprint)
        return self.renderer.bag_label(doc, reprint=reprint)

    def _viewer(self) -> QWidget:
        from PySide6.QtPdf import QPdfDocument  # QtPdf loads only when a preview opens
        from PySide6.QtPdfWidgets import QPdfView

        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("previewView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._load()
        self.view.setDocument(self.pdf)
        return self.view

    def _load(self) -> None:
        assert self.pdf is not None
        self.pdf_bytes = self._render()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(self.pdf_bytes))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.close()
        self.pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # QPdfDocument reads from it; it must outlive the load

    def _show_state(self) -> None:
        assert self.prepared is not None
        doc = self.prepared.document
        what = (
            self.tr("REPRINT: this document was issued before; printing records a reprint.")
            if self.prepared.reprint
            else self.tr("Not issued yet: printing or saving records the issue in your name.")
        )
        self.message.setText(f"{doc.document_id} · {what}")

    @property
    def page_count(self) -> int:
        return self.pdf.pageCount() if self.pdf is not None else 0

    # ------------------------------------------------------------------ issuing

    def _record(self) -> bool:
        """Record the issue; after the first one, the preview turns into a reprint."""
        assert self.prepared is not None
        try:
            who = self.desk.who()
            prepared = self.prepared
            if self.issued:  # a reprint from this dialog: stamped now, content unchanged
                now = datetime.now(UTC).replace(microsecond=0)
                prepared = replace(prepared, reprint=True, issued_at=now)
            issue(self.desk.store, prepared, who)
        except (DomainError, StoreError) as exc:
            self.message.setText(self.tr("Not recorded: {0}").format(describe(exc)))
            return False
        if not self.prepared.reprint:
            self.prepared = replace(self.prepared, reprint=True)
            self._load()  # what is printed next carries the REPRINT mark
        self.issued = True
        self._show_state()
        return True

    def save_pdf(self) -> None:
        if self.prepared is None:
            return
        suggested = f"{self.prepared.document.document_id}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), suggested, self.tr("PDF (*.pdf)")
        )
        if not path:
            return
        # The dialog asked before replacing a file; a database or backup is never replaced.
        # The file appears only once the issue is recorded (a refusal leaves none).
        try:
            with StagedFile(Path(path), force=True, what="the PDF") as staged:
                staged.write(self.pdf_bytes)
                if not self._record():
                    return
                staged.publish()
        except OutputFileError as exc:
            self.message.setText(self.tr("Not saved: {0}").format(exc.message))
            return
        self.message.setText(self.message.text() + self.tr(" Saved to {0}.").format(path))

    def print_document(self) -> None:
        if self.prepared is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        chooser = QPrintDialog(printer, self)
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPagedPaintDevice) -> bool:
        """Paint every page into the printer, then record the issue."""
        if self.pdf is None or self.prepared is None:
            return False
        painter = QPainter()
        if not painter.begin(printer):
            self.message.setText(self.tr("Not printed: the printer could not be opened."))
            return False
        try:
            dpi = min(printer.logicalDpiX(), PRINT_DPI)
            for page in range(self.pdf.pageCount()):
                if page > 0:
                    printer.newPage()
                points = self.pdf.pagePointSize(page)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = self.pdf.render(page, size)
                target = painter.viewport()
                fitted = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), fitted), image)
        finally:
            painter.end()
        return self._record()
