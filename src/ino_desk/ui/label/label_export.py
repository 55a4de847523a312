"""Print the current label section, or export it to PDF, through Qt's own text printing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ino_desk.safe_files import OutputFileError, StagedFile
from ino_desk.ui.label.label_page import PRINT_PT, page_css, print_html

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    from ino_desk.label.document import LabelDocument


def _printable(document: LabelDocument, key: str) -> QTextDocument:
    text = QTextDocument()
    text.setDefaultStyleSheet(page_css(PRINT_PT))
    section = document.section(key)
    text.setHtml(print_html(document, section, datetime.now().astimezone()))
    return text


def _printer() -> QPrinter:
    from PySide6.QtPrintSupport import QPrinter  # print support loads only when first used

    return QPrinter(QPrinter.PrinterMode.HighResolution)


def export_section_pdf(document: LabelDocument, key: str, path: Path) -> Path:
    """Write one section (with header and boxed warning) as a PDF, owner-only and atomic;
    OSError or OutputFileError if it failed. The save dialog already asked before replacing a
    file; a database is never replaced."""
    from PySide6.QtPrintSupport import QPrinter

    with StagedFile(path, force=True, what="the PDF") as staged:
        printer = _printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(staged.temporary))
        printer.setDocName(f"{document.info.brand} PI {key}")
        _printable(document, key).print_(printer)
        if staged.temporary.stat().st_size == 0:
            raise OSError(f"{path}: the PDF could not be written")
        return staged.publish()


def print_section(document: LabelDocument, key: str, parent: QWidget) -> bool:
    """Ask for a printer and print one section; False when the user cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog

    printer = _printer()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _printable(document, key).print_(printer)
    return True


def ask_and_export(
    parent: QWidget, document: LabelDocument, key: str, export: Callable[[Path], Path]
) -> None:
    """Ask where, then `export` the section there; a failure is said in a message box."""
    info = document.info
    suggested = f"{info.brand}-PI-{info.revision.replace('/', '-')}-{key}.pdf"
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("LabelViewer", "Export section to PDF"),
        str(Path.home() / suggested),
        QCoreApplication.translate("LabelViewer", "PDF files (*.pdf)"),
    )
    if not name:
        return
    failed = QCoreApplication.translate("LabelViewer", "Export failed")
    try:
        export(Path(name))
    except OutputFileError as exc:
        QMessageBox.warning(parent, failed, exc.message)
    except OSError as exc:
        QMessageBox.warning(parent, failed, str(exc))
