"""A record dialog taller than the screen scrolls its form and keeps Save and Cancel on the
screen (issue 16: Site settings, 675 px tall, put them below a 1024×600 screen). Real SQLite
file."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ino_desk.persistence.unit_of_work import SqlStore
from ino_desk.ui.common.window_memory import FRAME_HEIGHT
from ino_desk.ui.settings.settings_dialog import SettingsDialog
from ino_desk.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SMALL_SCREEN_HEIGHT = 600


def test_site_settings_fit_a_600_pixel_screen_with_save_in_view(
    qtbot: QtBot, make_window: Callable[[SqlStore], MainWindow], store: SqlStore
) -> None:
    window = make_window(store)
    dialog = SettingsDialog(window.desk)
    qtbot.addWidget(dialog)
    # It may be made as short as a 1024×600 screen allows, title bar included ...
    assert dialog.minimumSizeHint().height() <= SMALL_SCREEN_HEIGHT - FRAME_HEIGHT
    dialog.resize(dialog.width(), SMALL_SCREEN_HEIGHT - FRAME_HEIGHT)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    # ... and then Save is still inside it, not below its edge.
    save = dialog.save_button
    assert save is not None
    bottom = save.mapTo(dialog, QPoint(0, save.height())).y()
    assert bottom <= dialog.height()
    # A tall screen still shows the whole form: the dialog asks for all of it.
    assert dialog.sizeHint().height() >= dialog.form.sizeHint().height()
