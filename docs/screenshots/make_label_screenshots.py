"""Regenerate docs/screenshots/label-*.png (run under Xvfb; see README.md here).

xvfb-run -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \
    .venv/bin/python docs/screenshots/make_label_screenshots.py
"""

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ino_desk.label.pack import load_pack
from ino_desk.label.sections import load_label_document
from ino_desk.ui.label.label_viewer import LabelViewer
from ino_desk.ui.shell.main_window import MainWindow

OUT = Path(__file__).resolve().parent
SHOTS = [
    # (file, width, height, section, search text)
    ("label-1280x800-regimen.png", 1280, 800, "2.1", ""),
    ("label-1280x800-search-nylon.png", 1280, 800, "2.4", "nylon filter"),
    ("label-1280x800-adverse-reactions.png", 1280, 800, "6", ""),
    ("label-1280x800-dose-modifications.png", 1280, 800, "2.3", ""),
    ("label-1024x600-regimen.png", 1024, 600, "2.1", ""),
    ("label-1024x600-adverse-reactions.png", 1024, 600, "6", ""),
    ("label-1024x600-search-veno.png", 1024, 600, "5", "veno-occlusive"),
]


def main() -> None:
    app = QApplication(sys.argv[:1])
    pack = load_pack()
    document = load_label_document(pack)
    with tempfile.TemporaryDirectory() as tmp:
        for name, width, height, key, query in SHOTS:
            settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
            window = MainWindow(pack.rules)
            viewer = LabelViewer(document, settings)
            window.setCentralWidget(viewer)
            window.resize(width, height)
            window.show()
            viewer.show_section(key)
            if query:
                viewer.search_box.setText(query)
                viewer.jump_to_hit(0)
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(OUT / name))
            window.close()


if __name__ == "__main__":
    main()
