"""Stored-cycle order sheet in-process (read + assemble, and + render) and preview open time.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/stored_documents.py [--repeat N]
Fills a temporary database with `demo` patients, then times DEMO0000001's cycle 2.
Prints the first (cold) and the median of the warm runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ino_desk.label.pack import load_pack
from ino_desk.persistence.demo.demo import fill_demo
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.services.paperwork.cycle_documents import prepare_order_sheet
from ino_desk.services.paperwork.document_lookup import find_cycle


def _times(job: Callable[[], object], repeat: int) -> list[float]:
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        found.append(time.perf_counter() - start)
    return found


def _report(name: str, times: list[float]) -> None:
    warm = statistics.median(times[1:]) if len(times) > 1 else times[0]
    sys.stdout.write(f"{name}: first {times[0] * 1000:.1f} ms, warm median {warm * 1000:.1f} ms\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rules = load_pack().rules
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        try:
            fill_demo(db, rules, 3, seed=1)
            store = SqlStore(db)
            cycle_id = find_cycle(store, "DEMO0000001", 2).id or 0

            def sheet() -> object:
                return prepare_order_sheet(store, rules, cycle_id, datetime.now(UTC))

            def rendered() -> bytes:
                from ino_desk.pdf.render import PdfRenderer

                doc = prepare_order_sheet(store, rules, cycle_id, datetime.now(UTC)).document
                return PdfRenderer().order_sheet(doc)  # type: ignore[arg-type]

            _report("stored order sheet, read + assemble + seal", _times(sheet, args.repeat))
            _report("stored order sheet, read + assemble + render", _times(rendered, args.repeat))
            _report(
                "preview dialog open (QtPdf load, first page)",
                _preview(store, rules, cycle_id, args.repeat),
            )
        finally:
            db.close()
    return 0


def _preview(store: SqlStore, rules: object, cycle_id: int, repeat: int) -> list[float]:
    from PySide6.QtWidgets import QApplication

    from ino_desk.pdf.render import PdfRenderer
    from ino_desk.ui.common.desk import Desk

    app = QApplication.instance() or QApplication([])
    desk = Desk(rules, store, "bench", renderer=PdfRenderer())  # type: ignore[arg-type]
    found = []
    for _ in range(repeat):
        start = time.perf_counter()
        from ino_desk.ui.documents.document_preview import DocumentPreviewDialog

        dialog = DocumentPreviewDialog(
            desk,
            PdfRenderer(),
            lambda: prepare_order_sheet(store, rules, cycle_id, datetime.now(UTC)),  # type: ignore[arg-type]
        )
        dialog.show()
        app.processEvents()
        found.append(time.perf_counter() - start)
        dialog.close()
        dialog.deleteLater()
    return found


if __name__ == "__main__":
    raise SystemExit(main())
