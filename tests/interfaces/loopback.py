"""A real listener on 127.0.0.1 in a background thread, and a plain-socket MLLP sender."""

from __future__ import annotations

import asyncio
import socket
import threading
from typing import TYPE_CHECKING

from ino_desk.interfaces.listener import ListenerConfig, receiver, serve
from ino_desk.interfaces.mllp import END, frame

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from ino_desk.services.ports.store import Store


class RunningListener:
    def __init__(self, store: Store, drop_folder: Path | None = None) -> None:
        self._config = ListenerConfig(port=0, drop_folder=drop_folder)
        self._store = store
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._stop = asyncio.Event()
        self.port = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _started(self, port: int | None) -> None:
        self.port = port or 0
        self._ready.set()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(
            serve(receiver(self._store), self._config, self._started, self._stop)
        )
        self._loop.close()

    def __enter__(self) -> RunningListener:
        self._thread.start()
        assert self._ready.wait(10), "listener did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


def send(port: int, *messages: str, raw: bytes | None = None) -> list[str]:
    """Send each message framed on one connection and read each ACK."""
    acks: list[str] = []
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        for message in messages:
            conn.sendall(raw if raw is not None else frame(message))
            acks.append(_read_frame(conn))
    return acks


def _read_frame(conn: socket.socket) -> str:
    data = b""
    while not data.endswith(END):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data[1 : -len(END)].decode("utf-8")


def ack_code(ack: str) -> str:
    msa = next(s for s in ack.split("\r") if s.startswith("MSA|"))
    return msa.split("|")[1]


def listening(store: Store) -> Iterator[RunningListener]:
    with RunningListener(store) as listener:
        yield listener
