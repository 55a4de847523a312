"""Patient list as felt on a large database: start-up, keystroke to rows, scrolling, sorting.

Fill a database first, then run (offscreen is fine; the figures are the model's and view's):
    INO_DESK_DB=/tmp/big.sqlite3 .venv/bin/ino-desk demo --patients 100000
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_patient_list.py /tmp/big.sqlite3
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

START_UP = r"""
import sys, time
t0 = time.perf_counter()
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from ino_desk.label.pack import load_pack
from ino_desk.persistence.sqlite.database import open_database
from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.ui.shell.application import build_window
app = QApplication(sys.argv[:1])
db = open_database(Path(sys.argv[1]))
window = build_window(load_pack().rules, SqlStore(db), "bench",
                      QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
app.processEvents()
sys.stdout.write(f"{(time.perf_counter() - t0) * 1000:.0f}\n")
db.close()
"""


def _ms(action: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main(path: Path) -> None:
    from PySide6.QtCore import QModelIndex, QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from ino_desk.label.pack import load_pack
    from ino_desk.persistence.sqlite.database import open_database
    from ino_desk.persistence.unit_of_work import SqlStore
    from ino_desk.ui.shell.application import build_window

    out = sys.stdout.write
    with tempfile.TemporaryDirectory() as tmp:
        ini = str(Path(tmp) / "ui.ini")
        runs = [
            int(
                subprocess.run(
                    [sys.executable, "-c", START_UP, str(path), ini],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(3)
        ]
        out(
            f"process start to first window shown: median {statistics.median(runs)} ms "
            f"(runs {runs})\n"
        )
        app = QApplication(sys.argv[:1])
        database = open_database(path)
        window = build_window(
            load_pack().rules,
            SqlStore(database),
            "bench",
            QSettings(ini, QSettings.Format.IniFormat),
        )
        window.show()
        view = window.patients
        model = view.model

        def search(text: str) -> Callable[[], None]:
            def run() -> None:
                view.search.setText(text)
                view.run_search()  # what the typing pause triggers
                app.processEvents()  # the table repaints

            return run

        for text in ("D", "DEMO", "DEMO00999", "Quill", "Quillcombe, A", "zzz"):
            median, worst = _ms(search(text))
            out(
                f"keystroke to rows for {text!r:16}: median {median:.1f} ms, worst {worst:.1f} ms "
                f"({model.rowCount()} rows)\n"
            )
        view.search.setText("DEMO")
        view.run_search()

        def page() -> None:
            model.fetchMore(QModelIndex())
            app.processEvents()

        pages = []
        while model.canFetchMore(QModelIndex()):
            pages.append(_ms(page, repeat=1)[0])
        out(
            f"scroll: {len(pages)} more pages to {model.rowCount()} rows; per page median "
            f"{statistics.median(pages):.1f} ms, worst {max(pages):.1f} ms\n"
        )
        median, worst = _ms(
            lambda: (model.sort(0, Qt.SortOrder.DescendingOrder), app.processEvents())
        )
        out(f"sort the loaded rows: median {median:.1f} ms, worst {worst:.1f} ms\n")
        window.close()
        database.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
