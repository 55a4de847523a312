"""MLLP (HL7 minimal lower layer protocol): each message framed as VT message FS CR.

The server answers each framed message on its connection with the acknowledgement the
receive function returns; the receive function runs in a worker thread, so a slow database
write does not stall other connections' reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

START = b"\x0b"
END = b"\x1c\x0d"
MAX_MESSAGE_BYTES = 1_000_000  # an ORU of a few panels is a few kilobytes

log = logging.getLogger(__name__)


def frame(message: str) -> bytes:
    return START + message.encode("utf-8") + END


class FramingError(Exception):
    """Bytes that are not an MLLP frame (no start block, or over the size limit)."""


def unframe(buffer: bytearray) -> str | None:
    """Take the first whole message out of `buffer`; None until one has fully arrived.
    Bytes before the start block are line noise and are dropped."""
    start = buffer.find(START)
    if start < 0:
        if len(buffer) > MAX_MESSAGE_BYTES:
            raise FramingError("no MLLP start block")
        return None
    end = buffer.find(END, start)
    if end < 0:
        if len(buffer) - start > MAX_MESSAGE_BYTES:
            raise FramingError("message over the size limit")
        return None
    payload = bytes(buffer[start + 1 : end])
    del buffer[: end + len(END)]
    return payload.decode("utf-8", errors="replace")


async def _serve_connection(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    receive: Callable[[str, str], str],
) -> None:
    peer = writer.get_extra_info("peername")
    channel = f"MLLP from {peer[0]}" if peer else "MLLP"
    buffer = bytearray()
    try:
        while chunk := await reader.read(65536):
            buffer.extend(chunk)
            while (message := unframe(buffer)) is not None:
                ack = await asyncio.to_thread(receive, message, channel)
                writer.write(frame(ack))
                await writer.drain()
    except FramingError as exc:
        log.warning("MLLP connection closed: %s", exc)  # no message content in the log
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


async def start_server(host: str, port: int, receive: Callable[[str, str], str]) -> asyncio.Server:
    """Listening on (host, port); port 0 picks a free one (see `server.sockets`)."""
    return await asyncio.start_server(
        lambda r, w: _serve_connection(r, w, receive), host=host, port=port
    )
