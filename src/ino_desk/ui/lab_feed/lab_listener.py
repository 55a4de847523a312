"""The laboratory listener run by this workstation (a workstation setting, not a site one):
the asyncio MLLP server and drop folder of `ino_desk.interfaces` in a background thread."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from ino_desk.interfaces.listener import DEFAULT_PORT, LOOPBACK, ListenerConfig, receiver, serve

if TYPE_CHECKING:
    from ino_desk.services.lab_feed.lab_import import Reply
    from ino_desk.services.ports.store import Store

ENABLED_KEY = "labInterface/enabled"
PORT_KEY = "labInterface/port"
HOST_KEY = "labInterface/host"
FOLDER_KEY = "labInterface/dropFolder"


def stored_config(settings: QSettings) -> tuple[bool, ListenerConfig]:
    """Whether this workstation runs the listener, and how (defaults: off, loopback, 2575)."""
    enabled = str(settings.value(ENABLED_KEY, "false")).lower() == "true"
    text = str(settings.value(PORT_KEY, DEFAULT_PORT))
    port = int(text) if text.isdigit() and 1 <= int(text) <= 65535 else DEFAULT_PORT
    folder = str(settings.value(FOLDER_KEY, "") or "")
    return enabled, ListenerConfig(
        host=str(settings.value(HOST_KEY, LOOPBACK)),
        port=port,
        drop_folder=Path(folder) if folder else None,
    )


class LabListener(QObject):
    """Start and stop the listener; `received` fires (in the GUI thread) after each message."""

    received = Signal()
    started = Signal(int)
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, config: ListenerConfig) -> None:
        self.stop()
        receive = receiver(self._store)

        def receive_and_tell(body: str, channel: str) -> Reply:
            reply = receive(body, channel)
            self.received.emit()  # queued to the GUI thread by Qt
            return reply

        loop = asyncio.new_event_loop()
        stop = asyncio.Event()

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(serve(receive_and_tell, config, self._bound, stop))
            except OSError as exc:
                self.failed.emit(exc.strerror or str(exc))
            finally:
                loop.close()

        self._loop, self._stop = loop, stop
        self._thread = threading.Thread(target=run, name="lab-listener", daemon=True)
        self._thread.start()

    def _bound(self, port: int | None) -> None:
        self.started.emit(port or 0)

    def stop(self) -> None:
        if self._thread is None or self._loop is None or self._stop is None:
            return
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(5)
        self._thread = self._loop = self._stop = None
