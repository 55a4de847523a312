"""Windows open at a size the screen can show (a 1024×600 bedside laptop included) and come
back where the user left them; splitters keep the share the user gave them (QSettings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings

from ino_desk.ui.common.typing_compat import override

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSplitter, QWidget

# Room for the title bar and frame the window manager adds around the client area.
FRAME_WIDTH, FRAME_HEIGHT = 16, 48


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """The preferred size, never more than the screen offers."""
    room = window.screen().availableGeometry()
    window.resize(min(width, room.width() - FRAME_WIDTH), min(height, room.height() - FRAME_HEIGHT))


class _GeometryKeeper(QObject):
    """Saves the window's geometry each time it is hidden or closed (a lock hides it too)."""

    def __init__(self, window: QWidget, key: str, settings: QSettings) -> None:
        super().__init__(window)
        self.window, self.key, self.settings = window, key, settings
        window.installEventFilter(self)

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            self.settings.setValue(self.key, self.window.saveGeometry())
        return False


def remember_geometry(
    window: QWidget, key: str, width: int, height: int, settings: QSettings | None = None
) -> None:
    """Open at the saved geometry if there is one (then kept inside the screen), else at the
    preferred size fitted to the screen; save it whenever the window goes away."""
    settings = settings if settings is not None else QSettings()
    fit_to_screen(window, width, height)
    saved = settings.value(key)
    if isinstance(saved, QByteArray) and window.restoreGeometry(saved):
        fit_to_screen(window, window.width(), window.height())
    _GeometryKeeper(window, key, settings)


def remember_splitter(splitter: QSplitter, key: str, settings: QSettings | None = None) -> None:
    """Restore the splitter's saved share and save it whenever the user moves it."""
    settings = settings if settings is not None else QSettings()
    saved = settings.value(key)
    if isinstance(saved, QByteArray):
        splitter.restoreState(saved)
    splitter.splitterMoved.connect(
        lambda _pos, _index: settings.setValue(key, splitter.saveState())
    )
