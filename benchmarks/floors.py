"""The floors `benchmarks/run` compares ino-desk with: the same stack doing the least it can.

Each floor is a child process run the same way as the app (same interpreter, same empty user
folders), so the ratio cancels what the machine adds to both: load, file cache, CPU speed.
"""

from __future__ import annotations

QT_WINDOW = """
import sys
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QTableView()
view.setModel(QStandardItemModel(20, 5, view))
window.setCentralWidget(view)
window.show()
app.processEvents()
open(sys.argv[1], "w").close()
"""

IMPORTS = "import argparse, decimal, json, tomllib, datetime"

REPORTLAB_DOCUMENT = """
import sys
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
styles = getSampleStyleSheet()
def table():
    rows = [[f"row {i}", f"{i * 0.5} mg", "2026-12-02", "verified"] for i in range(25)]
    made = Table([["item", "dose", "date", "state"], *rows])
    made.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    return made
story = [Paragraph("Floor document", styles["Title"]), table(), Code128("INO-0001-C1D1"),
         PageBreak(), Paragraph("Page two", styles["Heading2"]), table()]
SimpleDocTemplate(sys.argv[1], pagesize=letter).build(story)
"""
