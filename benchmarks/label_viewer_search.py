"""Time the viewer's search as the user feels it: query plus rebuilding the result list.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/label_viewer_search.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ino_desk.label.sections import load_label_document
from ino_desk.ui.label.label_viewer import LabelViewer

TYPED = "veno-occlusive"  # typed one key at a time, like a user
ROUNDS = 30


def main() -> None:
    app = QApplication(sys.argv[:1])
    document = load_label_document()
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        start = time.perf_counter()
        viewer = LabelViewer(document, settings)
        viewer.resize(1280, 800)
        viewer.show()
        app.processEvents()
        open_ms = (time.perf_counter() - start) * 1000
        print(f"viewer constructed and shown: {open_ms:.1f} ms")  # noqa: T201
        print(f"  of which FTS5 index build: {viewer.index_build_ms:.2f} ms")  # noqa: T201
        per_key: list[float] = []
        for _ in range(ROUNDS):
            for end in range(1, len(TYPED) + 1):
                start = time.perf_counter()
                viewer.search(TYPED[:end])
                per_key.append((time.perf_counter() - start) * 1000)
        per_key.sort()
        print(  # noqa: T201
            f"keystroke -> results list ({len(per_key)} keystrokes): median "
            f"{statistics.median(per_key):.2f} ms, p95 {per_key[int(len(per_key) * 0.95)]:.2f} ms, "
            f"max {per_key[-1]:.2f} ms"
        )
        start = time.perf_counter()
        viewer.jump_to_hit(0)
        jump_ms = (time.perf_counter() - start) * 1000
        print(f"Enter -> section shown and highlighted: {jump_ms:.2f} ms")  # noqa: T201


if __name__ == "__main__":
    main()
